//! Key presses, pastes, clicks, resizes and ticks into `App::update` on a random scenario,
//! drawn after each on a test backend: never a panic, and the log stays safe for a terminal.
//! (`w`, which writes files, is left out.)
#![no_main]

use arbitrary::Arbitrary;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tokenclock::domain::{
    Boundary, Clock, NewToken, Policy, Scenario, Session, Token, TokenStore, text,
};
use tokenclock::tui::{Action, App, input, ui};

#[derive(Debug, Arbitrary)]
struct Case {
    now: u64,
    ttl: u64,
    early: u64,
    leeway: u64,
    rfc7519: bool,
    users: Vec<(u8, u64)>,
    width: u8,
    height: u8,
    events: Vec<Input>,
}

#[derive(Debug, Arbitrary)]
enum Input {
    Char(char),
    Ctrl(char),
    Special(u8),
    Paste(String),
    Click(u8, u8),
    Wheel(bool),
    Resize(u8, u8),
    Tick,
}

/// Numbers near the edges of the range are where arithmetic breaks.
fn edgy(n: u64) -> u64 {
    match n % 4 {
        0 => n,
        1 => u64::MAX - (n >> 60),
        2 => n >> 56,
        _ => n % 400,
    }
}

fn scenario(case: &Case) -> Scenario {
    let mut tokens = TokenStore::with_capacity(case.users.len());
    for (i, &(seed, expiry)) in case.users.iter().take(200).enumerate() {
        let _ = tokens.insert(
            format!("u{i}x{seed}"),
            Token::new(format!("t{seed}"), edgy(expiry)),
        );
    }
    Scenario {
        clock: Clock::new(edgy(case.now)),
        tokens,
        policy: Policy {
            ttl: edgy(case.ttl),
            new_token: NewToken::Literal("newtoken123".to_owned()),
            boundary: if case.rfc7519 {
                Boundary::Rfc7519
            } else {
                Boundary::Lesson
            },
            early: edgy(case.early),
            leeway: edgy(case.leeway),
            ..Policy::default()
        },
        ..Scenario::default()
    }
}

fn event(input: &Input) -> Option<Event> {
    let key = |code, modifiers| Some(Event::Key(KeyEvent::new(code, modifiers)));
    match input {
        Input::Char(c) => key(KeyCode::Char(*c), KeyModifiers::NONE),
        Input::Ctrl(c) => key(KeyCode::Char(*c), KeyModifiers::CONTROL),
        Input::Special(n) => {
            let codes = [
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Backspace,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Tab,
            ];
            key(codes[usize::from(*n) % codes.len()], KeyModifiers::NONE)
        }
        Input::Paste(text) => Some(Event::Paste(text.clone())),
        Input::Click(column, row) => Some(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: u16::from(*column),
            row: u16::from(*row),
            modifiers: KeyModifiers::NONE,
        })),
        Input::Wheel(down) => Some(Event::Mouse(MouseEvent {
            kind: if *down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        })),
        Input::Resize(w, h) => Some(Event::Resize(u16::from(*w), u16::from(*h))),
        Input::Tick => None,
    }
}

fuzz_target!(|case: Case| {
    let (mut width, mut height) = (u16::from(case.width).max(1), u16::from(case.height).max(1));
    let mut app = App::new(Session::new(scenario(&case)), None);
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    app.update(Action::Resize { width, height });
    for input in case.events.iter().take(64) {
        let action = match event(input) {
            Some(event) => input::action_for(&event, &app, Rect::new(0, 0, width, height)),
            None => Some(Action::Tick),
        };
        let Some(action) = action else { continue };
        match action {
            Action::Save => continue,
            Action::Resize {
                width: w,
                height: h,
            } => {
                (width, height) = (w.max(1), h.max(1));
                terminal.backend_mut().resize(width, height);
                app.update(Action::Resize { width, height });
            }
            action => app.update(action),
        }
        terminal
            .draw(|frame| ui::render(frame, &app))
            .expect("a test backend draws");
        if app.should_quit() {
            break;
        }
    }
    for line in app.log() {
        assert!(!line.chars().any(text::is_unsafe), "{line:?}");
    }
});
