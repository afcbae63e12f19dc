//! Whole-screen snapshots of the app on ratatui's `TestBackend`. Text only: status is said in
//! words and symbols, so the snapshots show it without styles.

mod common;

use common::{app_at, lesson_at, step_and_draw, steps};
use insta::assert_snapshot;
use tokenclock::files::parse_scenario;
use tokenclock::tui::Action;

#[test]
fn lesson_80x24() {
    let (_, terminal) = lesson_at(80, 24);
    assert_snapshot!(terminal.backend());
}

#[test]
fn after_refreshing_alice() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    assert_snapshot!(terminal.backend());
}

#[test]
fn bob_still_valid() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::command("refresh"),
            Action::NextUser,
            Action::command("refresh"),
        ],
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
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    assert!(
        common::screen(&terminal).contains("│  newtoken123 (expired: 100 <"),
        "the wrapped result lines up under the text after › "
    );
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
        &[Action::NextUser, Action::command("refresh")],
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
                Action::command("refresh"),
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

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::PromptChar).collect()
}

#[test]
fn token_column_stays_at_80x24_after_adding_charlie() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::AddUser);
    for field in ["charlie", "ch1", "300"] {
        steps(&mut app, &mut terminal, &typed(field));
        step_and_draw(&mut app, &mut terminal, Action::PromptSubmit);
    }
    assert_eq!(app.scenario().tokens.len(), 4);
    assert!(common::screen(&terminal).contains("Token"));
    assert_snapshot!(terminal.backend());
}

#[test]
fn token_column_stays_at_80x24_with_the_clock_at_10000() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::SetTime);
    steps(&mut app, &mut terminal, &typed("10000"));
    step_and_draw(&mut app, &mut terminal, Action::PromptSubmit);
    assert_eq!(app.scenario().now(), 10000);
    assert!(common::screen(&terminal).contains("Token"));
    assert_snapshot!(terminal.backend());
}

fn roster_of(users: usize) -> tokenclock::domain::Scenario {
    let rows: String = (1..=users)
        .map(|i| {
            let token = (i as u64).wrapping_mul(0x9e37_79b9) % 0xf_ffff_ffff;
            format!("user{i:07},tok{token:09x},{}\n", 100 + i % 50)
        })
        .collect();
    let csv = format!("user,token,expiry\n{rows}");
    let mut scenario = tokenclock::domain::Scenario::lesson();
    scenario.tokens =
        tokenclock::files::roster::read_roster(csv.as_bytes(), "roster.csv", users).unwrap();
    scenario
}

#[test]
fn token_column_stays_at_80x24_on_a_1000_user_roster_scrolled_to_the_end() {
    let (mut app, mut terminal) = app_at(roster_of(1000), 80, 24);
    let header = |t: &ratatui::Terminal<ratatui::backend::TestBackend>| {
        common::screen(t).lines().nth(1).unwrap().to_owned()
    };
    let at_start = header(&terminal);
    step_and_draw(&mut app, &mut terminal, Action::LastUser);
    assert_eq!(header(&terminal), at_start, "the columns stay as they were");
    assert!(at_start.contains("Token"));
    assert_snapshot!(terminal.backend());
}

#[test]
fn a_clock_too_long_for_the_panel_is_cut_with_an_ellipsis() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::SetTime);
    steps(&mut app, &mut terminal, &typed(&u64::MAX.to_string()));
    step_and_draw(&mut app, &mut terminal, Action::PromptSubmit);
    let screen = common::screen(&terminal);
    let clock: String = screen
        .lines()
        .take(10)
        .map(|line| line.chars().skip(64).collect::<String>() + "\n")
        .collect();
    let first = clock.lines().nth(1).unwrap_or_default();
    assert!(first.contains("1844674407370…"), "{clock}");
    assert!(
        clock.contains("18446744073709│\n│551615"),
        "the now line wraps the whole number: {clock}"
    );
    assert_snapshot!(clock);
}

#[test]
fn help_at_40x12_scrolls_to_every_key() {
    let (mut app, mut terminal) = lesson_at(40, 12);
    step_and_draw(&mut app, &mut terminal, Action::ToggleHelp);
    let top = common::screen(&terminal);
    assert!(top.contains("↓ more"), "{top}");
    assert!(top.contains("? Esc close · q quit"), "{top}");
    assert!(
        top.contains("refresh_token(selected user)"),
        "descriptions whole: {top}"
    );
    assert_snapshot!("help_at_40x12_top", top);
    step_and_draw(&mut app, &mut terminal, Action::NextUser);
    assert_eq!(app.help_scroll(), Some(1));
    assert_eq!(app.selected(), 0, "the keys move the help, not the table");
    let mut seen = top.clone();
    // Page down to the end of the list (bounded, so a help that never ends fails).
    for _ in 0..20 {
        step_and_draw(&mut app, &mut terminal, Action::PageDown);
        let screen = common::screen(&terminal);
        seen.push_str(&screen);
        if !screen.contains("↓ more") {
            break;
        }
    }
    for key in ["│q ", "│Ctrl-C", "│Esc", "│Ctrl-R", "│u ", "│prompt", "│]"] {
        assert!(seen.contains(key), "{key} never shown: {seen}");
    }
    step_and_draw(&mut app, &mut terminal, Action::LastUser);
    let end = common::screen(&terminal);
    assert!(end.contains("↑ more"), "{end}");
    assert_snapshot!("help_at_40x12_end", end);
    for _ in 0..4 {
        step_and_draw(&mut app, &mut terminal, Action::PageUp);
    }
    assert_eq!(app.help_scroll(), Some(0));
    step_and_draw(&mut app, &mut terminal, Action::Cancel);
    step_and_draw(&mut app, &mut terminal, Action::ToggleHelp);
    assert_eq!(app.help_scroll(), Some(0), "opens at the top");
}

#[test]
fn titles_cut_at_40_columns_end_in_an_ellipsis() {
    let (mut app, mut terminal) = lesson_at(40, 12);
    step_and_draw(&mut app, &mut terminal, Action::AddUser);
    steps(
        &mut app,
        &mut terminal,
        &typed("averyverylongnamethatgoeson"),
    );
    step_and_draw(&mut app, &mut terminal, Action::PromptSubmit);
    let text = common::screen(&terminal);
    let title = text.lines().find(|l| l.contains("Add ")).unwrap();
    assert!(title.contains("…"), "{text}");
    assert!(title.ends_with("…┐"), "{title}");

    let (mut app, mut terminal) = app_at(roster_of(1000), 24, 12);
    step_and_draw(&mut app, &mut terminal, Action::LastUser);
    let text = common::screen(&terminal);
    let title = text.lines().find(|l| l.contains("Tokens")).unwrap();
    assert!(title.contains(" 998–1000 "), "{text}");
}
