//! The users' table, the why panel and the timeline, drawn in the app at 80×24 (and the why panel
//! and the timeline alone at the height they ask for): snapshots of each region, checks that the
//! highlight is a style as well as a symbol, and that the why panel at 80 columns wraps its lines
//! rather than cutting a number.

mod common;

use common::{app_at, lesson_at, region, screen, session_at, step_and_draw, steps};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use tokenclock::domain::{Boundary, Op, PolicyChange, Scenario, Session};
use tokenclock::files::load_scenario;
use tokenclock::tui::ui::layout::{self, Panels};
use tokenclock::tui::ui::why;
use tokenclock::tui::{Action, App};

fn panels(app: &App, terminal: &Terminal<TestBackend>) -> Panels {
    let size = terminal.backend().buffer().area;
    layout::areas(app, size)
        .and_then(|areas| areas.panels)
        .expect("80×24 shows the panels")
}

fn why(app: &App, terminal: &Terminal<TestBackend>) -> String {
    region(terminal, panels(app, terminal).why)
}

fn timeline(app: &App, terminal: &Terminal<TestBackend>) -> String {
    region(terminal, panels(app, terminal).timeline)
}

/// The style of the first cell of the panel's line that contains `text`.
fn style_of_line(terminal: &Terminal<TestBackend>, area: Rect, text: &str) -> Style {
    let buffer = terminal.backend().buffer();
    let y = (area.top()..area.bottom())
        .find(|&y| {
            let line: String = (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            line.contains(text)
        })
        .unwrap_or_else(|| panic!("no line with {text:?}"));
    buffer[Position::new(area.x + 1, y)].style()
}

/// Whether a drawn cell's style is the theme's `expected` style (a cell spells out defaults as
/// `Reset`).
fn looks(cell: Style, expected: Style) -> bool {
    cell.fg == Some(expected.fg.unwrap_or(Color::Reset))
        && cell.bg == Some(expected.bg.unwrap_or(Color::Reset))
        && cell.add_modifier == expected.add_modifier
}

/// The lesson with the clock moved back from 120 to 100 (alice's expiry), under `boundary`.
fn at_the_boundary_tick(boundary: Boundary) -> (App, Terminal<TestBackend>) {
    let mut session = Session::new(Scenario::lesson());
    session
        .apply(&Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Boundary(boundary),
        )))
        .unwrap();
    session.apply(&Op::SetTime(100)).unwrap();
    session_at(session, 80, 24)
}

#[test]
fn why_alice_expired_takes_the_refresh_branch() {
    let (app, terminal) = lesson_at(80, 24);
    let text = why(&app, &terminal);
    assert!(text.contains("▷     token  = \"newtoken123\""));
    assert_snapshot!(text);
    let theme = app.theme();
    let area = panels(&app, &terminal).why;
    assert!(looks(
        style_of_line(&terminal, area, "token  ="),
        theme.why_active_branch
    ));
    assert!(looks(
        style_of_line(&terminal, area, "pass"),
        theme.why_inactive_branch
    ));
}

#[test]
fn why_bob_still_valid_takes_the_else_branch() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::NextUser);
    let text = why(&app, &terminal);
    assert!(text.contains("▷     pass  # still valid, 80 left"));
    assert_snapshot!(text);
    let area = panels(&app, &terminal).why;
    assert!(looks(
        style_of_line(&terminal, area, "else:"),
        app.theme().why_active_branch
    ));
}

#[test]
fn why_after_refreshing_bob_shows_that_the_else_branch_ran() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextUser, Action::command("refresh")],
    );
    let text = why(&app, &terminal);
    assert!(text.contains("▶ ran at t=120"), "{text}");
    assert!(
        text.contains("▶     pass  # still valid, 80 left"),
        "{text}"
    );
    step_and_draw(&mut app, &mut terminal, Action::Advance);
    let text = why(&app, &terminal);
    assert!(
        text.contains("▷     pass  # still valid, 70 left"),
        "the next action clears it: {text}"
    );
}

#[test]
fn why_after_refreshing_alice_shows_the_branch_that_ran() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    let text = why(&app, &terminal);
    // Her token now expires at 220, but the panel explains the refresh that ran: 100 < 120.
    assert!(text.contains("if expiry (100) < current_time (120):"));
    assert!(text.contains("▶     token  = \"newtoken123\""));
    assert!(text.contains("ran at t=120"));
    assert_snapshot!(text);
    let area = panels(&app, &terminal).why;
    assert!(looks(
        style_of_line(&terminal, area, "token  ="),
        app.theme().why_ran_branch
    ));
    // The next action ends "just refreshed": the panel asks again what would run now.
    step_and_draw(&mut app, &mut terminal, Action::Advance);
    let text = why(&app, &terminal);
    assert!(text.contains("if expiry (220) < current_time (130):"));
    assert!(text.contains("▷     pass  # still valid, 90 left"));
}

#[test]
fn why_at_the_boundary_tick_under_the_lessons_rule() {
    let (app, terminal) = at_the_boundary_tick(Boundary::Lesson);
    let text = why(&app, &terminal);
    assert!(text.contains("if expiry (100) < current_time (100):"));
    assert!(text.contains("▷     pass"));
    assert_snapshot!(text);
}

#[test]
fn why_at_the_boundary_tick_under_rfc7519() {
    let (app, terminal) = at_the_boundary_tick(Boundary::Rfc7519);
    let text = why(&app, &terminal);
    assert!(text.contains("if expiry (100) <= current_time (100):"));
    assert!(text.contains("▷     token  = \"newtoken123\""));
    assert_snapshot!(text);
}

#[test]
fn timeline_of_the_lesson_at_120() {
    let (app, terminal) = lesson_at(80, 24);
    let text = timeline(&app, &terminal);
    assert!(text.contains("now=120"));
    assert_snapshot!(text);
    let area = panels(&app, &terminal).timeline;
    let buffer = terminal.backend().buffer();
    let carol_row = area.y + 3;
    let drawn = |symbol: &str, style: Style| {
        (area.left()..area.right()).any(|x| {
            let cell = &buffer[(x, carol_row)];
            cell.symbol() == symbol && looks(cell.style(), style)
        })
    };
    let theme = app.theme();
    assert!(drawn("█", theme.timeline_valid), "valid: a solid bar");
    assert!(
        drawn("░", theme.timeline_expired),
        "expired: a light pattern"
    );
    assert!(
        drawn("✗", theme.timeline_expired),
        "expired at this very tick: ✗ on the now line"
    );
    let bob_row = area.y + 2;
    assert!(
        (area.left()..area.right()).any(|x| {
            let cell = &buffer[(x, bob_row)];
            cell.symbol() == "┃" && looks(cell.style(), theme.timeline_now)
        }),
        "valid at now: the now line runs through"
    );
}

#[test]
fn timeline_after_refreshing_alice_has_a_new_segment() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    let before = timeline(&app, &terminal);
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    let after = timeline(&app, &terminal);
    let alice_row = |text: &str| text.lines().nth(1).unwrap_or_default().to_owned();
    assert!(!alice_row(&before).contains("┃█"), "{before}");
    assert!(
        alice_row(&after).contains("░↻█"),
        "the refresh mark shows at now, valid again from there: {after}"
    );
    assert!(after.lines().nth(2).unwrap_or_default().contains("█┃█"));
    assert_snapshot!(after);
}

#[test]
fn timeline_after_moving_the_clock_moves_the_now_line() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    let now_column = |text: &str| {
        let row = text.lines().nth(2).unwrap_or_default();
        row.chars().position(|c| c == '┃')
    };
    let at_120 = now_column(&timeline(&app, &terminal));
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::command("refresh"),
            Action::Advance,
            Action::Advance,
            Action::Advance,
        ],
    );
    let text = timeline(&app, &terminal);
    assert!(text.contains("now=150"));
    assert!(now_column(&text) > at_120, "{text}");
    // The refresh at 120 is now behind the line, marked where alice's new token began.
    assert!(text.lines().nth(1).unwrap_or_default().contains('↻'));
    assert_snapshot!(text);
}

#[test]
fn a_narrow_or_short_terminal_hides_the_panels() {
    for (width, height) in [(79, 24), (80, 21), (40, 12)] {
        let (app, _) = lesson_at(width, height);
        let areas = layout::areas(&app, Rect::new(0, 0, width, height));
        assert_eq!(areas.and_then(|a| a.panels), None, "{width}×{height}");
    }
}

#[test]
fn every_size_from_small_to_large_draws_without_panic() {
    for width in (60..=130).step_by(7) {
        for height in 18..=34 {
            let (mut app, mut terminal) = lesson_at(width, height);
            steps(
                &mut app,
                &mut terminal,
                &[
                    Action::command("refresh"),
                    Action::NextUser,
                    Action::Advance,
                ],
            );
        }
    }
}

#[test]
fn why_wraps_the_early_window_condition_at_80_columns() {
    let mut session = Session::new(Scenario::lesson());
    session
        .apply(&Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
        )))
        .unwrap();
    session
        .apply(&Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(10),
        )))
        .unwrap();
    let (mut app, mut terminal) = session_at(session, 80, 24);
    step_and_draw(&mut app, &mut terminal, Action::NextUser);
    let text = why(&app, &terminal);
    assert!(
        text.contains("if expiry (200) <= current_time (120)"),
        "the lesson's names stay when `now` would not save a row: {text}"
    );
    assert!(
        text.contains("+ early (10):"),
        "nothing of the rule is cut off"
    );
    assert!(
        text.contains("Why: refresh_token(bob) "),
        "the def line moves to the title"
    );
    assert_snapshot!(text);
}

fn set_time(app: &mut App, terminal: &mut Terminal<TestBackend>, time: &str) {
    step_and_draw(app, terminal, Action::SetTime);
    let typed: Vec<Action> = time.chars().map(Action::PromptChar).collect();
    steps(app, terminal, &typed);
    step_and_draw(app, terminal, Action::PromptSubmit);
}

#[test]
fn why_with_five_and_six_digit_numbers_at_80_columns_loses_nothing() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    set_time(&mut app, &mut terminal, "10000");
    let text = why(&app, &terminal);
    assert!(text.contains("def refresh_token(alice):"), "{text}");
    assert!(text.contains("if expiry (100) < now (10000):"), "{text}");
    assert!(text.contains("expiry = now + 100 → 10100"), "{text}");
    assert_snapshot!(text);

    set_time(&mut app, &mut terminal, "999999");
    let text = why(&app, &terminal);
    assert!(text.contains("def refresh_token(alice):"), "{text}");
    assert!(text.contains("if expiry (100) < now (999999):"), "{text}");
    assert!(text.contains("expiry = now + 100 → 1000099"), "{text}");

    set_time(&mut app, &mut terminal, &u64::MAX.to_string());
    let text = why(&app, &terminal);
    assert!(text.contains("def refresh_token(alice):"), "{text}");
    assert!(
        text.contains("pass  # token still valid"),
        "long lines are cut with … rather than the last lines lost: {text}"
    );
    // Too long for a row even with every line cut: the line ends after a whole word, never
    // inside a number.
    assert!(text.contains("< now …"), "{text}");
    assert!(
        !text.contains("18446…"),
        "a number is never cut in half: {text}"
    );
}

#[test]
fn the_now_line_marks_the_token_the_user_holds_even_after_the_clock_went_back() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::command("refresh"),
            Action::Rewind,
            Action::Rewind,
            Action::ToggleBoundary,
        ],
    );
    // At t=100 under rfc7519 the old token (expiry 100) would be expired, but alice holds the
    // new one (expiry 220): the table says VALID, and so must the now line.
    let text = timeline(&app, &terminal);
    let alice = text.lines().nth(1).unwrap_or_default();
    assert!(alice.contains("alice") && !alice.contains('✗'), "{text}");
    let carol = text.lines().nth(3).unwrap_or_default();
    assert!(carol.contains('✗'), "carol is expired now: {text}");
}

fn preset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn table(app: &App, terminal: &Terminal<TestBackend>) -> String {
    let size = terminal.backend().buffer().area;
    let areas = layout::areas(app, size).expect("the app fits");
    region(terminal, areas.table)
}

/// The why panel alone, as wide as the 80×24 layout makes it and as tall as it asks to be
/// ([`why::Built::natural_height`]): what a layout that gives it its rows shows.
fn why_at_its_height(app: &App, terminal: &Terminal<TestBackend>) -> String {
    let width = panels(app, terminal).why.width;
    let height = why::Built::default().natural_height(app, width);
    let mut alone = Terminal::new(TestBackend::new(width, height)).unwrap();
    alone
        .draw(|frame| why::render(frame, frame.area(), app, &mut why::Built::default()))
        .unwrap();
    region(&alone, alone.backend().buffer().area)
}

/// Every `…` in `text` that touches a digit: a number cut short.
fn cut_numbers(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            let chars: Vec<char> = line.chars().collect();
            chars.iter().enumerate().any(|(i, &c)| {
                c == '…'
                    && (i > 0 && chars[i - 1].is_ascii_digit()
                        || chars.get(i + 1).is_some_and(char::is_ascii_digit))
            })
        })
        .map(str::to_owned)
        .collect()
}

/// The two-tabs preset after the race without grace: tab1 rotates, tab2 replays the used token.
fn two_tabs_race(width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let (mut app, mut terminal) = app_at(preset("two-tabs.toml"), width, height);
    let mut actions = vec![Action::Run(Op::SetTime(3540)), Action::ClientsMenu];
    actions.push(Action::PromptChar('r'));
    steps(&mut app, &mut terminal, &actions);
    (app, terminal)
}

#[test]
fn table_of_the_lesson_at_80_columns_has_the_lessons_columns_only() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    let text = table(&app, &terminal);
    assert!(
        text.contains("User  Token         Expiry Remaining       Status"),
        "{text}"
    );
    assert!(!text.contains("RT") && !text.contains("Clients"), "{text}");
    assert_snapshot!(text);
}

#[test]
fn table_with_the_model_at_80_columns_adds_the_refresh_token_its_state_and_generation() {
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[Action::Run(Op::SetTime(300)), Action::command("refresh")],
    );
    let text = table(&app, &terminal);
    for header in ["User", "Access", "API says", "Refresh", "RT", "Gen"] {
        assert!(text.contains(header), "{header}: {text}");
    }
    assert!(text.contains("rt-alice-2 active    2"), "{text}");
    assert!(cut_numbers(&text).is_empty(), "{text}");
    assert_snapshot!(text);
}

#[test]
fn table_with_clients_at_80_columns_counts_them_in_place_of_the_refresh_token() {
    let (app, terminal) = two_tabs_race(80, 24);
    let text = table(&app, &terminal);
    assert!(
        text.contains("Clients") && text.contains("200 401 ↻ out"),
        "{text}"
    );
    assert!(!text.contains("Refresh") && !text.contains("Gen"), "{text}");
    assert!(cut_numbers(&text).is_empty(), "{text}");
    assert_snapshot!(text);
}

#[test]
fn why_of_a_lesson_refresh_at_80_columns_wraps_its_long_lines_under_their_code() {
    let mut session = Session::new(Scenario::lesson());
    session
        .apply(&Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(10),
        )))
        .unwrap();
    session.apply(&Op::SetTime(99_999_999)).unwrap();
    let (mut app, mut terminal) = session_at(session, 80, 24);
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    let text = why_at_its_height(&app, &terminal);
    assert!(text.contains("def refresh_token(alice):"), "{text}");
    assert!(text.contains("99999999"), "{text}");
    assert!(text.contains("100000099"), "{text}");
    assert!(!text.contains('…'), "nothing is cut: {text}");
    assert_snapshot!(text);
}

#[test]
fn why_of_a_server_rotation_at_80_columns_shows_every_check_uncut() {
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[Action::Run(Op::SetTime(300)), Action::command("refresh")],
    );
    let text = why_at_its_height(&app, &terminal);
    assert!(text.contains("Why: refresh alice at t=300"), "{text}");
    assert!(text.contains("presented rt-alice-1"), "{text}");
    assert!(text.contains("→ at-alice-2"), "{text}");
    assert!(!text.contains('…'), "nothing is cut: {text}");
    assert_snapshot!(text);
}

#[test]
fn why_of_a_race_at_80_columns_wraps_every_line_and_keeps_both_requests() {
    let (app, terminal) = two_tabs_race(80, 24);
    let text = why_at_its_height(&app, &terminal);
    for part in [
        "1. tab1 (clock 3540) presents",
        "2. tab2 (clock 3540) presents",
        "6. used before; reuse detection on ✗",
        "→ invalid_grant (reuse: revoked):",
        "logged out",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert_eq!(text.matches("rt-nograce-1").count(), 3, "{text}");
    assert!(!text.contains('…'), "nothing is cut: {text}");
    // A wrapped line keeps its indent: its continuation starts further right than its line.
    assert!(text.contains("│      rt-nograce-1"), "{text}");
    assert_snapshot!(text);
}

#[test]
fn no_number_is_cut_at_80x24_after_a_race_in_the_two_tabs_preset() {
    let (_, terminal) = two_tabs_race(80, 24);
    let text = screen(&terminal);
    assert!(text.contains("Why: race nograce at t=3540"), "{text}");
    assert!(cut_numbers(&text).is_empty(), "{text}");
}

#[test]
fn the_family_line_wraps_between_its_parts_at_80x24() {
    let (app, terminal) = app_at(preset("leeway.toml"), 80, 24);
    let text = why(&app, &terminal);
    assert!(text.contains("│  generation 1 · login 1000 ·"), "{text}");
    assert!(text.contains("│      last use 1000"), "{text}");
    assert!(cut_numbers(&text).is_empty(), "{text}");
}

#[test]
fn the_why_panels_natural_height_is_the_least_that_shows_every_line_whole() {
    let mut lesson = Session::new(Scenario::lesson());
    lesson
        .apply(&Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(10),
        )))
        .unwrap();
    lesson.apply(&Op::SetTime(99_999_999)).unwrap();
    let (mut lesson, mut lesson_terminal) = session_at(lesson, 80, 24);
    step_and_draw(
        &mut lesson,
        &mut lesson_terminal,
        Action::command("refresh"),
    );
    let (mut rotation, mut rotation_terminal) = app_at(preset("rotation.toml"), 80, 24);
    steps(
        &mut rotation,
        &mut rotation_terminal,
        &[Action::Run(Op::SetTime(300)), Action::command("refresh")],
    );
    let race = two_tabs_race(80, 24);
    for (app, terminal) in [
        (&lesson, &lesson_terminal),
        (&rotation, &rotation_terminal),
        (&race.0, &race.1),
    ] {
        let width = panels(app, terminal).why.width;
        let rows = usize::from(why::Built::default().natural_height(app, width) - 2);
        let panel = why::panel(app).expect("a user is selected");
        let inner = usize::from(width - 2);
        let whole = why::layout(&panel, inner, rows);
        let texts = |f: &why::Fitted| f.rows.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
        assert_eq!(whole.rows.len(), rows, "{:?}", texts(&whole));
        assert!(!texts(&whole).concat().contains('…'), "{:?}", texts(&whole));
        let words = |f: &why::Fitted| texts(f).concat().split_whitespace().count();
        let short = why::layout(&panel, inner, rows - 1);
        assert!(
            texts(&short).concat().contains('…') || words(&short) < words(&whole),
            "one row less loses something: {:?}",
            texts(&short)
        );
    }
}

mod unified_timeline {
    //! The one timeline, drawn alone at the height it asks for (`natural_height`): the lesson's
    //! one lane per user, the real-world model's two, and the selected user's clients.

    use super::*;
    use std::ops::Range;
    use tokenclock::files::load_scenario;
    use tokenclock::tui::ui::timeline;

    fn preset(name: &str) -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(name);
        load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The timeline for `users` drawn alone, `width` columns wide and `height` rows tall.
    fn drawn(app: &App, users: Range<usize>, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| timeline::render(frame, frame.area(), app, users.clone()))
            .unwrap();
        region(&terminal, Rect::new(0, 0, width, height))
    }

    /// Every user of the app, at the height the timeline wants for them.
    fn natural(app: &App, width: u16) -> String {
        let users = 0..app.scenario().tokens.len();
        let height = timeline::natural_height(app, users.clone());
        drawn(app, users, width, height)
    }

    #[test]
    fn the_lesson_has_one_lane_per_user_as_in_the_app() {
        let (mut app, mut terminal) = lesson_at(80, 24);
        step_and_draw(
            &mut app,
            &mut terminal,
            Action::Run(Op::Refresh("alice".into())),
        );
        assert_eq!(timeline::natural_height(&app, 0..3), 3 + 4);
        let text = natural(&app, 36);
        assert_snapshot!(text);
        // The app's timeline at 80×24 is the same drawing with one empty row more.
        let in_app = timeline(&app, &terminal);
        let lanes: Vec<&str> = text.lines().skip(1).take(3).collect();
        let app_lanes: Vec<&str> = in_app.lines().skip(1).take(3).collect();
        assert_eq!(lanes, app_lanes);
    }

    /// At 120×40 the timeline is 77 columns wide: with the height it asks for, all five
    /// users of the leeway preset get both lanes, and each leeway is drawn as far as it reaches.
    #[test]
    fn the_leeway_preset_gives_every_user_both_lanes() {
        let (app, _terminal) = common::app_at(preset("leeway.toml"), 120, 40);
        assert_eq!(timeline::natural_height(&app, 0..5), 5 * 2 + 4);
        let text = natural(&app, 77);
        for name in ["py ", "rs ", "js ", "spring ", "net "] {
            assert!(text.contains(&format!("│{name}")), "{name}: {text}");
        }
        assert_eq!(text.matches("│ rt ").count(), 5, "{text}");
        assert_snapshot!(text);
    }

    /// With room for fewer users than it has, the timeline shows as many as fit, each with both
    /// lanes, the selected one among them.
    #[test]
    fn a_short_timeline_shows_whole_users_around_the_selected_one() {
        let (mut app, mut terminal) = common::app_at(preset("leeway.toml"), 120, 40);
        steps(&mut app, &mut terminal, &[Action::LastUser]);
        let text = drawn(&app, 0..5, 77, 2 + 2 + 4);
        let names: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix('│')?.split_whitespace().next())
            .filter(|w| w.chars().all(char::is_alphabetic))
            .collect();
        assert_eq!(names, ["spring", "rt", "net", "rt"], "{text}");
    }

    /// The two-tabs race (`time 3540`, `K`, `r` on nograce): every user's two lanes, and
    /// nograce's clients under its own.
    #[test]
    fn the_two_tabs_race_shows_every_user_and_the_selected_users_clients() {
        let (mut app, mut terminal) = common::app_at(preset("two-tabs.toml"), 120, 40);
        let mut actions = vec![Action::Run(Op::SetTime(3540)), Action::ClientsMenu];
        actions.push(Action::PromptChar('r'));
        steps(&mut app, &mut terminal, &actions);
        assert_eq!(timeline::natural_height(&app, 0..3), 3 * 2 + 2 + 4);
        let text = natural(&app, 65);
        let rows: Vec<&str> = text.lines().collect();
        for (row, label) in [
            (1, "nograce"),
            (2, " rt"),
            (3, " tab1"),
            (4, " tab2"),
            (5, "grace30"),
            (7, "locked"),
        ] {
            assert!(rows[row].starts_with(&format!("│{label}")), "{text}");
        }
        assert_snapshot!(text);
    }

    /// Any size, down to nothing, draws without panicking, and whatever users are drawn have
    /// all their lanes.
    #[test]
    fn every_size_draws_whole_users() {
        let (lesson, _) = lesson_at(80, 24);
        let (mut race, mut terminal) = common::app_at(preset("two-tabs.toml"), 120, 40);
        let actions = [
            Action::Run(Op::SetTime(3540)),
            Action::ClientsMenu,
            Action::PromptChar('r'),
        ];
        steps(&mut race, &mut terminal, &actions);
        for app in [&lesson, &race] {
            let users = 0..app.scenario().tokens.len();
            for width in 0..50 {
                for height in 0..16 {
                    let text = drawn(app, users.clone(), width, height);
                    let names = text.lines().filter(|l| {
                        [
                            "│alice",
                            "│bob",
                            "│carol",
                            "│nograce",
                            "│grace30",
                            "│locked",
                        ]
                        .iter()
                        .any(|n| l.starts_with(n))
                    });
                    let rt = text.lines().filter(|l| l.starts_with("│ rt ")).count();
                    if app.model_on() {
                        assert_eq!(names.count(), rt, "{width}×{height}:\n{text}");
                    } else {
                        assert_eq!(rt, 0);
                    }
                }
            }
        }
    }
}
