//! `cargo bench --bench traffic`: one beat of traffic (every client of every user refreshes if
//! its clock says so, then calls the API) at 10,000 and 100,000 users with two tabs each, in the
//! app's session (undo kept) and a script's (no undo). Half the users' access tokens are due, so
//! half the beats refresh (single-flight on: one request per user).
//!
//! Then beats as play makes them, one after the other on one session (no undo) at 100,000 users:
//! most beats only call (every token still valid), and every ninth beat two in a row each
//! refresh half the users (tokens live ten beats and are refreshed one early).
//!
//! Then the beat play makes after a while: 10,000 users whose token histories, used refresh
//! tokens and marks are full (every user refreshes at every beat), with undo kept, and undoing it.

mod common;

use common::scenario_text;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use tokenclock::domain::token_store::USER_HISTORY_LIMIT;
use tokenclock::domain::{Op, Session};
use tokenclock::files::parse_scenario;

fn benches(c: &mut Criterion) {
    for users in [10_000usize, 100_000] {
        let scenario = parse_scenario(&scenario_text(users), "bench.toml").expect("valid");
        let mut group = c.benchmark_group(format!("traffic {users} users × 2 tabs"));
        group.throughput(Throughput::Elements(users as u64 * 2));
        group.sample_size(10);
        let app = Session::new(scenario.clone());
        group.bench_function("one beat, with undo (the app)", |b| {
            b.iter_batched(
                || app.clone(),
                |mut s| s.apply(&Op::Advance(60)).map(|_| s),
                BatchSize::LargeInput,
            )
        });
        let batch = Session::batch(scenario);
        group.bench_function("one beat, no undo (a script)", |b| {
            b.iter_batched(
                || batch.clone(),
                |mut s| s.apply(&Op::Advance(60)).map(|_| s),
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }
    play(c);
    full_histories(c);
}

/// Beats one after the other on one session, as play makes them (no undo): each iteration is
/// the next beat, so the figure is the average over quiet beats and refresh waves.
fn play(c: &mut Criterion) {
    let users = 100_000;
    let scenario = parse_scenario(&scenario_text(users), "bench.toml").expect("valid");
    let mut session = Session::batch(scenario);
    // Past the first beats: the clients' marks have grown and the refreshes are spread out.
    for _ in 0..USER_HISTORY_LIMIT {
        session.apply(&Op::Advance(60)).expect("a beat");
    }
    let mut group = c.benchmark_group(format!("traffic {users} users × 2 tabs, play"));
    group.throughput(Throughput::Elements(users as u64 * 2));
    group.sample_size(10);
    group.bench_function("the next beat, no undo", |b| {
        b.iter(|| session.apply(&Op::Advance(60)).map(|_| ()))
    });
    group.finish();
}

/// A beat once every history is full: the access token lives two beats and is refreshed at
/// each one (early window of a beat), so after more beats than a history keeps, every user's
/// token history, family's used tokens and clients' marks are full.
fn full_histories(c: &mut Criterion) {
    let users = 10_000;
    let text = scenario_text(users).replace("ttl = 600", "ttl = 120");
    let mut batch = Session::batch(parse_scenario(&text, "bench.toml").expect("valid"));
    for _ in 0..USER_HISTORY_LIMIT + 2 {
        batch.apply(&Op::Advance(60)).expect("a beat");
    }
    let app = Session::new(batch.scenario().clone());
    let mut group = c.benchmark_group(format!("traffic {users} users × 2 tabs, full histories"));
    group.throughput(Throughput::Elements(users as u64 * 2));
    group.sample_size(10);
    group.bench_function("one beat, with undo (play)", |b| {
        b.iter_batched(
            || app.clone(),
            |mut s| s.apply(&Op::Advance(60)).map(|_| s),
            BatchSize::LargeInput,
        )
    });
    let mut stepped = app.clone();
    stepped.apply(&Op::Advance(60)).expect("a beat");
    group.bench_function("undo of that beat", |b| {
        b.iter_batched(
            || stepped.clone(),
            |mut s| s.apply(&Op::Undo).map(|_| s),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(traffic, benches);
criterion_main!(traffic);
