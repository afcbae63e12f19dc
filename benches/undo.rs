//! `cargo bench --bench undo`: what undo costs in time and in memory. 2,000 users with two tabs
//! each and traffic on, the clock advanced a beat at a time with undo kept (the app), against the
//! same without undo (a script that never undoes); then one undo. Each run also prints the bytes
//! the steps hold, which the bound ([`HISTORY_BYTES`]) caps. Small samples: each run is seconds.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use tokenclock::domain::session::HISTORY_BYTES;
use tokenclock::domain::{Op, Session, parse_scenario};

fn scenario_text(users: usize) -> String {
    let mut text = String::from(
        "current_time = 0\n[refresh]\nttl = 600\nearly = 60\n\
         [oauth]\nvalidator = \"jsonwebtoken\"\nsingle_flight = true\ntraffic = true\n\
         traffic_every = 60\n[tokens]\n",
    );
    for i in 0..users {
        let expiry = if i % 2 == 0 { 100 } else { 600 };
        let _ = writeln!(
            text,
            "u{i} = {{ token = \"at-u{i}-1\", expiry = {expiry} }}"
        );
    }
    text.push_str("[clients]\n");
    for i in 0..users {
        let _ = writeln!(
            text,
            "u{i} = [{{ name = \"tab1\" }}, {{ name = \"tab2\" }}]"
        );
    }
    text
}

const USERS: usize = 2_000;
const BEATS: usize = 100;

fn benches(c: &mut Criterion) {
    let scenario = parse_scenario(&scenario_text(USERS), "bench.toml").expect("valid");
    let mut group = c.benchmark_group(format!("{USERS} users × 2 tabs, {BEATS} beats"));
    group.sample_size(10);
    let app = Session::new(scenario.clone());
    let mut report = true;
    group.bench_function("advance with undo kept, then undo", |b| {
        b.iter_batched(
            || app.clone(),
            |mut s| {
                for _ in 0..BEATS {
                    let _ = s.apply(&Op::Advance(60));
                }
                if std::mem::take(&mut report) {
                    let (bytes, steps) = s.undo_held();
                    eprintln!(
                        "undo holds {} KiB in {steps} steps (bound {} MiB)",
                        bytes >> 10,
                        HISTORY_BYTES >> 20
                    );
                }
                let _ = s.apply(&Op::Undo);
                s
            },
            BatchSize::PerIteration,
        )
    });
    let batch = Session::batch(scenario);
    group.bench_function("advance without undo (a script)", |b| {
        b.iter_batched(
            || batch.clone(),
            |mut s| {
                for _ in 0..BEATS {
                    let _ = s.apply(&Op::Advance(60));
                }
                s
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(undo, benches);
criterion_main!(undo);
