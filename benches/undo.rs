//! `cargo bench --bench undo`: what undo costs in time and in memory. 2,000 users with two tabs
//! each and traffic on, the clock advanced a beat at a time with undo kept (the app), against the
//! same without undo (a script that never undoes); then one undo. Each run also prints the bytes
//! the steps hold, which the bound ([`HISTORY_BYTES`]) caps. Small samples: each run is seconds.
//!
//! Then play as it goes on: 10,000 users whose token histories, used refresh tokens and marks
//! are full (every user refreshes at every beat), one beat timed after another beat played on
//! the same session (as in the app, where the session has played the beat before: what undo
//! keeps from one operation to the next is warm, and no list is shared with a copy), with undo
//! kept and without.

mod common;

use common::scenario_text;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::time::{Duration, Instant};
use tokenclock::domain::session::HISTORY_BYTES;
use tokenclock::domain::token_store::USER_HISTORY_LIMIT;
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
    steady_play(c);
}

/// One beat once every list is full, timed after a beat played on the same session.
fn steady_play(c: &mut Criterion) {
    let users = 10_000;
    let text = scenario_text(users).replace("ttl = 600", "ttl = 120");
    let mut batch = Session::batch(parse_scenario(&text, "bench.toml").expect("valid"));
    for _ in 0..USER_HISTORY_LIMIT + 2 {
        batch.apply(&Op::Advance(60)).expect("a beat");
    }
    let app = Session::new(batch.scenario().clone());
    let mut group = c.benchmark_group(format!("{users} users × 2 tabs, full histories, play"));
    group.sample_size(10);
    group.bench_function("the next beat, with undo kept", |b| {
        b.iter_custom(|iters| next_beat(&app, iters))
    });
    group.bench_function("the next beat, without undo", |b| {
        b.iter_custom(|iters| next_beat(&batch, iters))
    });
    group.bench_function("undo of the last beat", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut s = app.clone();
                s.apply(&Op::Advance(60)).expect("a beat");
                s.apply(&Op::Advance(60)).expect("a beat");
                let start = Instant::now();
                s.apply(&Op::Undo).expect("an undo");
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
}

/// `iters` beats, each on a copy of `session` that has just played a beat (not timed).
fn next_beat(session: &Session, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let mut s = session.clone();
        s.apply(&Op::Advance(60)).expect("a beat");
        let start = Instant::now();
        s.apply(&Op::Advance(60)).expect("a beat");
        total += start.elapsed();
    }
    total
}

criterion_group!(undo, benches);
criterion_main!(undo);
