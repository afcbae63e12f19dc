//! `cargo bench --bench frame`: one key press in the app (update + a whole frame drawn on a
//! `TestBackend`) with the lesson and with a million users. Only the visible rows are built, so
//! the two should cost about the same.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokenclock::domain::{Scenario, Session, Token, TokenStore};
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
    for (name, scenario) in [
        ("lesson", Scenario::lesson()),
        ("1M users", many_users(1_000_000)),
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
