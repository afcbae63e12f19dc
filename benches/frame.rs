//! `cargo bench --bench frame`: one key press in the app (update + a whole frame drawn on a
//! `TestBackend`) with the lesson, with a million users, and with the real-world model on at
//! 100,000 users (with two tabs each, and without clients: nothing on screen walks every user to
//! find whether any has clients). Only the visible rows are built, so all should cost about the
//! same.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokenclock::domain::{Scenario, Session, Token, TokenStore};
use tokenclock::files::parse_scenario;
use tokenclock::tui::{Action, App, ui};

fn many_users(n: usize) -> Scenario {
    let mut tokens = TokenStore::with_capacity(n);
    for i in 0..n {
        let _ = tokens.insert(
            format!("user{i:07}"),
            Token::new(format!("tok{i:x}"), i as u64 % 300),
        );
    }
    Scenario {
        tokens,
        ..Scenario::lesson()
    }
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("key press + frame at 100x30");
    let model_on = parse_scenario(&common::scenario_text(100_000), "bench.toml").expect("valid");
    let text = common::scenario_text(100_000);
    let no_clients = text.split("[clients]").next().unwrap_or_default();
    let no_clients = parse_scenario(no_clients, "bench.toml").expect("valid");
    for (name, scenario) in [
        ("lesson", Scenario::lesson()),
        ("1M users", many_users(1_000_000)),
        ("100k users × 2 tabs, model on", model_on),
        ("100k users, model on, no clients", no_clients),
    ] {
        let mut app = App::new(Session::new(scenario), None);
        let Ok(mut terminal) = Terminal::new(TestBackend::new(100, 30));
        app.update(Action::Resize {
            width: 100,
            height: 30,
        });
        app.update(Action::LastUser);
        group.bench_function(name, |b| {
            // Up and down in turn, so every frame has a change to draw.
            let mut up = true;
            b.iter(|| {
                app.update(if up {
                    Action::PreviousUser
                } else {
                    Action::NextUser
                });
                up = !up;
                terminal.draw(|frame| ui::render(frame, &app)).map(|_| ())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
