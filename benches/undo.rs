//! `cargo bench --bench undo`: what undo costs in time and in memory. 2,000 users with two tabs
//! each and traffic on, the clock advanced a beat at a time with undo kept (the app), against the
//! same without undo (a script that never undoes); then one undo. Each run also prints the bytes
//! the steps hold, which the bound ([`HISTORY_BYTES`]) caps. Small samples: each run is seconds.

mod common;

use common::scenario_text;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use tokenclock::domain::session::HISTORY_BYTES;
use tokenclock::domain::{Op, Session};
use tokenclock::files::parse_scenario;

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
