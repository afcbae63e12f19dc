//! The JWT screen: `App::update` driven by actions (the live clock, scrubbing, the steps) and
//! whole-screen snapshots at 80×24 and 120×40 at a fixed instant.

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{screen, step_and_draw};
use insta::assert_snapshot;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};
use tokenclock::domain::{Scenario, Session};
use tokenclock::jwt::Entry;
use tokenclock::tui::app::jwt::JwtScreen;
use tokenclock::tui::{Action, App};

/// 2026-12-06T10:00:00Z.
const NOW: u64 = 1_796_551_200;

fn hs256(claims: &Value) -> String {
    let key = EncodingKey::from_secret(b"classroom-secret").unwrap();
    encode(&Header::new(Algorithm::HS256), claims, &key).unwrap()
}

fn tokens() -> Vec<Entry> {
    let part = |json: &str| URL_SAFE_NO_PAD.encode(json);
    let fractional = format!(
        "{}.{}.c2ln",
        part(r#"{"alg":"RS256","kid":"k1"}"#),
        part(&format!(
            r#"{{"sub":"bob","nbf":{},"exp":{}.5}}"#,
            NOW + 100,
            NOW + 240
        ))
    );
    [
        hs256(&json!({"sub": "alice", "iat": NOW - 300, "exp": NOW + 240})),
        fractional,
        hs256(&json!({"sub": "forever", "iat": NOW - 86_400})),
        format!(
            "{}.{}.",
            part(r#"{"alg":"none"}"#),
            part(r#"{"sub":"\u001b[2Jmallory"}"#)
        ),
        "not-a-token".to_owned(),
    ]
    .iter()
    .map(|token| Entry::new(token, None))
    .collect()
}

fn jwt_app(width: u16, height: u16, live: bool) -> (App, Terminal<TestBackend>) {
    let session = Session::new(Scenario::lesson());
    let mut app = App::new(session, None).with_jwt(JwtScreen::new(tokens(), NOW, live));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    step_and_draw(&mut app, &mut terminal, Action::Resize { width, height });
    (app, terminal)
}

fn now(app: &App) -> u64 {
    app.jwt().unwrap().now()
}

#[test]
fn the_live_clock_follows_the_wall_clock_until_frozen() {
    let (mut app, _) = jwt_app(80, 24, true);
    assert!(app.follows_wall_clock());
    app.update(Action::WallClock(NOW + 1));
    assert_eq!(now(&app), NOW + 1);
    app.update(Action::TogglePlay);
    assert!(!app.follows_wall_clock());
    app.update(Action::WallClock(NOW + 2));
    assert_eq!(now(&app), NOW + 1, "frozen: the wall clock is ignored");
    app.update(Action::TogglePlay);
    app.update(Action::WallClock(NOW + 3));
    assert_eq!(now(&app), NOW + 3);
}

#[test]
fn the_clock_keys_scrub_by_steps_of_a_minute_an_hour_a_day_and_freeze_it() {
    let (mut app, _) = jwt_app(80, 24, true);
    assert_eq!(app.jwt().unwrap().step(), 60);
    app.update(Action::Advance);
    assert_eq!(now(&app), NOW + 60);
    assert!(
        !app.follows_wall_clock(),
        "scrubbing freezes the live clock"
    );
    let mut steps = vec![app.jwt().unwrap().step()];
    for _ in 0..4 {
        app.update(Action::LargerStep);
        steps.push(app.jwt().unwrap().step());
    }
    assert_eq!(steps, [60, 300, 3600, 86_400, 86_400]);
    app.update(Action::Rewind);
    assert_eq!(now(&app), NOW + 60 - 86_400);
    for _ in 0..6 {
        app.update(Action::SmallerStep);
    }
    assert_eq!(app.jwt().unwrap().step(), 1);
    assert_eq!(app.jwt().unwrap().note(), Some("step 1s → 1s"));
}

#[test]
fn the_selection_moves_and_the_lessons_keys_do_nothing_here() {
    let (mut app, mut terminal) = jwt_app(80, 24, false);
    let before = screen(&terminal);
    for action in [
        Action::command("refresh"),
        Action::Save,
        Action::SetTime,
        Action::NextStep,
    ] {
        step_and_draw(&mut app, &mut terminal, action);
    }
    assert_eq!(screen(&terminal), before);
    step_and_draw(&mut app, &mut terminal, Action::NextUser);
    assert!(screen(&terminal).contains("┌ Validators: bob "));
    step_and_draw(&mut app, &mut terminal, Action::LastUser);
    assert!(screen(&terminal).contains("cannot read this token: a JWT has 3 parts"));
    step_and_draw(&mut app, &mut terminal, Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn nothing_from_a_claim_reaches_the_screen_raw() {
    let (mut app, mut terminal) = jwt_app(120, 40, false);
    for _ in 0..3 {
        step_and_draw(&mut app, &mut terminal, Action::NextUser);
    }
    let shown = screen(&terminal);
    assert!(shown.contains(r"\u{1b}[2Jmallory"), "{shown}");
    assert!(!shown.contains('\u{1b}'));
    assert!(shown.contains("unsigned: anyone can forge it; never accept it"));
}

#[test]
fn the_jwt_screen_at_80x24() {
    let (_, terminal) = jwt_app(80, 24, false);
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_jwt_screen_at_120x40_on_the_fractional_token() {
    let (mut app, mut terminal) = jwt_app(120, 40, false);
    step_and_draw(&mut app, &mut terminal, Action::NextUser);
    assert_snapshot!(terminal.backend());
}

#[test]
fn a_tiny_terminal_draws_without_panicking() {
    for (width, height) in [(1, 1), (10, 3), (24, 9), (40, 12)] {
        let (mut app, mut terminal) = jwt_app(width, height, false);
        step_and_draw(&mut app, &mut terminal, Action::NextUser);
        assert!(!screen(&terminal).contains('\u{1b}'));
    }
}
