//! `cargo bench --bench families`: loading and saving a real-world scenario with a `[family.USER]`
//! table per user (issue 17: both must stay linear in the number of users), and the whole save
//! a script or the app makes (`lesson::save`): after one refresh (only that user's lines are
//! rewritten) and, at 10,000 users, after a change to every user (the whole file).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tokenclock::domain::{Op, Session};
use tokenclock::files::parse_scenario;
use tokenclock::files::save::scenario_text;
use tokenclock::files::scenario::read_template;
use tokenclock::lesson::save::{self as lesson_save, Steps};

/// A scenario mid-story: `n` users, each with a saved family (rotated once, one used token).
fn scenario_text_with_families(n: usize) -> String {
    let mut text =
        String::from("current_time = 400\n\n[refresh]\nttl = 300\n\n[oauth]\n\n[tokens]\n");
    for i in 0..n {
        text.push_str(&format!(
            "u{i} = {{ token = \"at-u{i}-2\", expiry = 600 }}\n"
        ));
    }
    for i in 0..n {
        text.push_str(&format!(
            "\n[family.u{i}]\nlogin = 0\ngeneration = 2\nrefresh = \"rt-u{i}-2\"\n\
             previous = \"rt-u{i}-1\"\nrotated_at = 300\nused = [\"rt-u{i}-1\"]\nlast_use = 300\n"
        ));
    }
    text
}

fn benches(c: &mut Criterion) {
    for n in [10_000, 100_000] {
        let text = scenario_text_with_families(n);
        let mut group = c.benchmark_group(format!("{n} users with family tables"));
        group.sample_size(10);
        group.bench_function("load", |b| {
            b.iter(|| parse_scenario(black_box(&text), "bench.toml").map(|s| s.tokens.len()))
        });
        // The save the app makes after one refresh: into the loaded text, checked by reading back.
        let mut session = Session::batch(parse_scenario(&text, "bench.toml").expect("valid"));
        session
            .apply(&Op::Refresh("u7".to_owned()))
            .expect("a refresh");
        group.bench_function("save after refresh u7", |b| {
            b.iter_batched(
                || (),
                |()| scenario_text(session.scenario(), Some(&text)).len(),
                BatchSize::PerIteration,
            )
        });
        // The save a script's `save` and the app's `w` make: kept steps, checked, written, into
        // the template as loaded (with what it reads as).
        let (_, template) = read_template(text.as_str(), "bench.toml").expect("valid");
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("saved.toml");
        group.bench_function("lesson::save after refresh u7", |b| {
            b.iter(|| {
                let template = Some(&template);
                lesson_save::save(&path, session.scenario(), template, Steps::From(0), 1)
                    .map(|written| written.text.len())
            })
        });
        // A change to every user (a clock move past every access token, then refresh-all): the
        // whole file is edited and read back. At 10,000 users only: at 100,000 a sample takes
        // seconds.
        if n == 10_000 {
            let mut every = Session::batch(session.scenario().clone());
            every.apply(&Op::Advance(1000)).expect("a clock move");
            every.apply(&Op::RefreshAll).expect("a refresh of everyone");
            group.bench_function("lesson::save after refresh-all", |b| {
                b.iter(|| {
                    let template = Some(&template);
                    lesson_save::save(&path, every.scenario(), template, Steps::From(0), 1)
                        .map(|written| written.text.len())
                })
            });
        }
        group.finish();
    }
}

criterion_group!(bench, benches);
criterion_main!(bench);
