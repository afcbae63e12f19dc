//! `cargo bench --bench traffic`: one beat of traffic (every client of every user refreshes if
//! its clock says so, then calls the API) at 10,000 and 100,000 users with two tabs each, in the
//! app's session (undo kept) and a script's (no undo). Half the users' access tokens are due, so
//! half the beats refresh (single-flight on: one request per user).

mod common;

use common::scenario_text;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
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
}

criterion_group!(traffic, benches);
criterion_main!(traffic);
