//! `cargo bench`: roster loading, refresh-all, `show` and script parsing at classroom-and-beyond sizes.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io;
use tokenclock::domain::{Op, Scenario, Session};
use tokenclock::files::roster::read_roster;
use tokenclock::script::{self, Source};

const USERS: usize = 100_000;

/// A roster of `n` users, a third of them expired at the lesson's time 120.
fn roster_csv(n: usize) -> String {
    let mut csv = String::from("user,token,expiry\n");
    for i in 0..n {
        csv.push_str(&format!("user{i:07},tok{:x},{}\n", i * 7919, i % 300));
    }
    csv
}

fn scenario(csv: &str) -> Scenario {
    let mut scenario = Scenario::lesson();
    scenario.tokens = read_roster(csv.as_bytes(), "bench.csv", USERS).expect("a valid roster");
    scenario
}

/// A session as the scripted mode builds it for a script without undo: no undo steps kept.
fn session(csv: &str) -> Session {
    Session::batch(scenario(csv))
}

fn benches(c: &mut Criterion) {
    let csv = roster_csv(USERS);
    let mut group = c.benchmark_group("100k users");
    group.throughput(Throughput::Elements(USERS as u64));
    group.sample_size(20);

    group.bench_function("roster load", |b| {
        b.iter(|| read_roster(black_box(csv.as_bytes()), "bench.csv", USERS))
    });

    let base = session(&csv);
    for (name, text) in [("refresh-all", "refresh-all"), ("show", "show")] {
        let lines = script::parse_script(text, Source::Exec).expect("a valid script");
        group.bench_function(name, |b| {
            b.iter_batched(
                || base.clone(),
                |mut s| {
                    let mut out = io::BufWriter::new(io::sink());
                    script::run(&mut s, &lines, &mut out, None).map(|()| s)
                },
                BatchSize::LargeInput,
            )
        });
    }
    // The app keeps undo: the step holds every refreshed user's state from before.
    let app = Session::new(scenario(&csv));
    group.bench_function("refresh-all with undo (the app)", |b| {
        b.iter_batched(
            || app.clone(),
            |mut s| s.apply(&Op::RefreshAll).map(|_| s),
            BatchSize::LargeInput,
        )
    });
    group.finish();

    // The target size, once: a million users load and refresh-all in well under 2 s.
    let big = roster_csv(1_000_000);
    let mut group = c.benchmark_group("1M users");
    group.sample_size(10);
    group.bench_function("roster load", |b| {
        b.iter(|| read_roster(black_box(big.as_bytes()), "bench.csv", 1_000_000))
    });
    group.bench_function("roster load + refresh-all", |b| {
        let lines = script::parse_script("refresh-all", Source::Exec).expect("a valid script");
        b.iter(|| {
            let mut scenario = Scenario::lesson();
            scenario.tokens = read_roster(big.as_bytes(), "bench.csv", 1_000_000)?;
            let mut out = io::BufWriter::new(io::sink());
            let _ = script::run(&mut Session::batch(scenario), &lines, &mut out, None);
            Ok::<_, tokenclock::files::InputError>(())
        })
    });
    group.finish();

    let script_text =
        "# a long demo\nrefresh alice; advance 10\nadd dave tok 300\nset-expiry dave 150\n\
                       refresh dave\nremove dave\npolicy boundary rfc7519\nshow\n"
            .repeat(1_000);
    let lesson = Session::new(Scenario::lesson());
    assert!(script::prepare(&script_text, Source::File, &lesson).is_ok());
    let mut group = c.benchmark_group("script of 8k commands");
    group.throughput(Throughput::Elements(8_000));
    group.bench_function("parse", |b| {
        b.iter(|| script::parse_script(black_box(&script_text), Source::File))
    });
    group.bench_function("parse and check", |b| {
        b.iter(|| script::prepare(black_box(&script_text), Source::File, &lesson))
    });
    group.finish();
}

criterion_group!(tokenclock, benches);
criterion_main!(tokenclock);
