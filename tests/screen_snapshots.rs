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

/// Each real-world preset's story, as its comments tell it (the scripts `tests/oauth_cli.rs`
/// and `tests/clients_cli.rs` run through the binary): the preset file and its commands.
const PRESET_STORIES: [(&str, &str); 11] = [
    (
        "rotation.toml",
        "time 10; steal alice; time 300; refresh alice; time 400; replay alice",
    ),
    (
        "sliding.toml",
        "time 35700; refresh idle; refresh active; time 35999; refresh active",
    ),
    ("revoke.toml", "time 200; revoke jay; revoke oli; call jay"),
    (
        "leeway.toml",
        "call py; call js; call rs; time 1059; call spring",
    ),
    ("auth0.toml", "time 1d; refresh ana; replay ana"),
    ("okta.toml", "refresh tab; advance 1; replay tab"),
    (
        "keycloak.toml",
        "steal kim; time 5m; refresh kim; replay kim",
    ),
    ("two-tabs.toml", "time 3540; race nograce"),
    ("storm.toml", "traffic on; advance 300"),
    ("skew.toml", "time 350; call behind; time 390; call behind"),
    (
        "lost-response.toml",
        "time 3540; lose quick; lose slow; call quick",
    ),
];

/// The lines of a screen with a cut number: a digit run right before `…`, or one running
/// into a panel's right border out of text (a number padded against the border by two spaces
/// or more is a right-aligned column or an axis label, whole).
fn cut_numbers(screen: &str) -> Vec<String> {
    let cut = |line: &&str| {
        let chars: Vec<char> = line.chars().collect();
        (1..chars.len()).any(|i| {
            if !chars[i - 1].is_ascii_digit() {
                return false;
            }
            match chars[i] {
                '…' => true,
                '│' | '┐' | '┘' | '┤' => {
                    let start = chars[..i]
                        .iter()
                        .rposition(|c| !c.is_ascii_digit())
                        .map_or(0, |p| p + 1);
                    !(start >= 2 && chars[start - 1] == ' ' && chars[start - 2] == ' ')
                }
                _ => false,
            }
        })
    };
    screen.lines().filter(cut).map(str::to_owned).collect()
}

#[test]
fn cut_numbers_are_found_at_a_panels_edge_and_before_an_ellipsis() {
    assert_eq!(cut_numbers("│ exp 300…│\n│ fine  │"), ["│ exp 300…│"]);
    assert_eq!(cut_numbers("│ last use 10│"), ["│ last use 10│"]);
    assert_eq!(cut_numbers("│ login at t=1│"), ["│ login at t=1│"]);
    assert!(cut_numbers("│ rt-nograc… 1 left │").is_empty());
    assert!(cut_numbers("│ active    2│ 0    200     400      600│").is_empty());
}

/// Every real-world preset at 80×24 after its story: no number is cut, in any panel; the
/// snapshots are read.
#[test]
fn every_real_world_preset_at_80x24_after_its_story_cuts_no_number() {
    for (file, story) in PRESET_STORIES {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(file);
        let scenario = tokenclock::files::load_scenario(&path).unwrap();
        let (mut app, mut terminal) = common::app_at(scenario, 80, 24);
        for command in story.split(';') {
            let words: Vec<&str> = command.split_whitespace().collect();
            match tokenclock::script::parse_command(&words) {
                Ok(tokenclock::script::Command::Op(op)) => {
                    step_and_draw(&mut app, &mut terminal, Action::Run(op));
                }
                other => panic!("{file}: '{command}' is not an operation: {other:?}"),
            }
        }
        let shown = common::screen(&terminal);
        assert!(
            cut_numbers(&shown).is_empty(),
            "{file} after '{story}': cut numbers in {:#?}\n{shown}",
            cut_numbers(&shown)
        );
        let name = file.trim_end_matches(".toml");
        insta::assert_snapshot!(format!("preset_{name}_80x24_after_its_story"), shown);
    }
}

/// The two-tabs race at 120×40 (`time 3540`, `K`, `r` on nograce): the why panel shows every
/// check the race made and the timeline every user's lanes (and nograce's tabs); the results
/// keep the rest.
#[test]
fn the_two_tabs_race_at_120x40_gives_the_panels_the_rows_their_content_needs() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/two-tabs.toml");
    let scenario = tokenclock::files::load_scenario(&path).unwrap();
    let (mut app, mut terminal) = app_at(scenario, 120, 40);
    let mut actions = vec![
        Action::Run(tokenclock::domain::Op::SetTime(3540)),
        Action::ClientsMenu,
    ];
    actions.push(Action::PromptChar('r'));
    steps(&mut app, &mut terminal, &actions);
    let shown = common::screen(&terminal);
    for check in [
        "1. tab1 (clock 3540) presents rt-nograce-1",
        "4. current token rt-nograce-1? yes ✓",
        "2. tab2 (clock 3540) presents rt-nograce-1",
        "6. used before; reuse detection on ✗",
        "→ invalid_grant (reuse: revoked): logged out",
    ] {
        assert!(shown.contains(check), "{check} in\n{shown}");
    }
    let area = terminal.backend().buffer().area;
    let g = tokenclock::tui::ui::layout::areas(&app, area).unwrap();
    let panels = g.panels.unwrap();
    let timeline = common::region(&terminal, panels.timeline);
    for lane in [
        "nograce █",
        " rt     ━",
        " tab1 ",
        " tab2 ",
        "grace30 █",
        "locked  █",
    ] {
        assert!(timeline.contains(lane), "{lane} in\n{timeline}");
    }
    // Three users' two lanes, two tabs, the axis and borders: the band's height, no more.
    assert_eq!(panels.timeline.height, 3 * 2 + 2 + 4, "{shown}");
    assert_eq!(g.log.height, 40 - 1 - g.table.height - panels.why.height);
    insta::assert_snapshot!(shown);
}
