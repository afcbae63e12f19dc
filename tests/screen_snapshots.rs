//! Whole-screen snapshots of the app on ratatui's `TestBackend`. Text only: status is said in
//! words and symbols, so the snapshots show it without styles.

mod common;

use common::{app_at, lesson_at, step_and_draw, steps};
use insta::assert_snapshot;
use tokenclock::domain::parse_scenario;
use tokenclock::tui::Action;

#[test]
fn lesson_80x24() {
    let (_, terminal) = lesson_at(80, 24);
    assert_snapshot!(terminal.backend());
}

#[test]
fn after_refreshing_alice() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::Refresh);
    assert_snapshot!(terminal.backend());
}

#[test]
fn bob_still_valid() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[Action::Refresh, Action::NextUser, Action::Refresh],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn boundary_tick_at_t100() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(&mut app, &mut terminal, &[Action::Rewind, Action::Rewind]);
    assert_eq!(app.scenario().now(), 100);
    assert_snapshot!(terminal.backend());
}

#[test]
fn help_overlay() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::ToggleHelp);
    assert_snapshot!(terminal.backend());
}

#[test]
fn lesson_40x12_after_refreshing_alice() {
    let (mut app, mut terminal) = lesson_at(40, 12);
    step_and_draw(&mut app, &mut terminal, Action::Refresh);
    assert_snapshot!(terminal.backend());
}

#[test]
fn lesson_100x30_with_projector_sized_digits() {
    let (_, terminal) = lesson_at(100, 30);
    assert_snapshot!(terminal.backend());
}

#[test]
fn wide_100x30_with_a_four_digit_clock() {
    let (mut app, mut terminal) = lesson_at(100, 30);
    steps(
        &mut app,
        &mut terminal,
        &[Action::LargerStep, Action::LargerStep],
    );
    for _ in 0..9 {
        step_and_draw(&mut app, &mut terminal, Action::Advance);
    }
    assert_eq!(app.scenario().now(), 1020);
    assert_snapshot!(terminal.backend());
}

const WIDE_NAMES: &str = r#"
current_time = 120
[refresh]
ttl = 100
new_token = "newtoken123"
[tokens]
bartholomew_the_very_long_named_student_of_2026 = { token = "a_rather_long_token_value_that_goes_on_and_on", expiry = 100 }
"山田太郎" = { token = "トークン", expiry = 120 }
"🦀crab🦀" = { token = "🔑🔑🔑", expiry = 18446744073709551615 }
"zoë" = { token = "ghi789", expiry = 50 }
"#;

#[test]
fn long_and_wide_names() {
    let scenario = parse_scenario(WIDE_NAMES, "wide.toml").unwrap();
    let (mut app, mut terminal) = app_at(scenario, 80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextUser, Action::Refresh],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn long_and_wide_names_40x12() {
    let scenario = parse_scenario(WIDE_NAMES, "wide.toml").unwrap();
    let (_, terminal) = app_at(scenario, 40, 12);
    assert_snapshot!(terminal.backend());
}

#[test]
fn too_small_says_so() {
    let (_, terminal) = lesson_at(30, 6);
    assert_snapshot!(terminal.backend());
}

#[test]
fn tiny_sizes_never_panic() {
    for width in 1..=24 {
        for height in 1..=10 {
            let (mut app, mut terminal) = lesson_at(width, height);
            for action in [
                Action::Refresh,
                Action::ToggleHelp,
                Action::Cancel,
                Action::NextUser,
                Action::ClickRow(0),
                Action::ScrollDown(3),
            ] {
                step_and_draw(&mut app, &mut terminal, action);
            }
        }
    }
}
