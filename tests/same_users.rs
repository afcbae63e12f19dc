//! The table and the timeline show the same users: read back from the drawn screen, the
//! timeline's names are the table's (or, when it has fewer lanes than the table has rows, a run
//! of them with the selected user), after `G`, `PgDn`, `PgUp` and resizes.

mod common;

use common::{app_at, region, step_and_draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokenclock::domain::{Scenario, Token, TokenStore};
use tokenclock::tui::ui::layout;
use tokenclock::tui::{Action, App};

fn users(n: usize) -> Scenario {
    let mut tokens = TokenStore::with_capacity(n);
    for i in 0..n {
        tokens
            .insert(format!("user{i}"), Token::new(format!("tok{i}"), 100))
            .unwrap();
    }
    Scenario {
        tokens,
        ..Scenario::lesson()
    }
}

/// The names in the table's rows, top to bottom, and the selected one (marked `▶`).
fn table_names(app: &App, terminal: &Terminal<TestBackend>) -> (Vec<String>, Option<String>) {
    let area = terminal.backend().buffer().area;
    let body = layout::areas(app, area).expect("fits").table_body();
    let mut selected = None;
    let names = region(terminal, body)
        .lines()
        .filter_map(|line| {
            let (marker, rest) = line.split_at(line.chars().next()?.len_utf8());
            let name = rest.split_whitespace().next()?.to_owned();
            if marker == "▶" {
                selected = Some(name.clone());
            }
            Some(name)
        })
        .collect();
    (names, selected)
}

/// The names on the timeline's lanes, top to bottom (the axis rows below them start blank).
fn timeline_names(app: &App, terminal: &Terminal<TestBackend>) -> Vec<String> {
    let area = terminal.backend().buffer().area;
    let timeline = layout::areas(app, area)
        .and_then(|a| a.panels)
        .expect("the panels are shown")
        .timeline;
    region(terminal, timeline)
        .lines()
        .skip(1)
        .filter_map(|line| {
            let inside = line.strip_prefix('│')?;
            let first = inside.chars().next()?;
            (first != ' ').then(|| inside.split_whitespace().next().unwrap_or("").to_owned())
        })
        .collect()
}

/// The timeline shows a run of the table's users with the selected one, as many as it has
/// lanes for (`all` when it has lanes for every one); returns how many.
fn check(app: &App, terminal: &Terminal<TestBackend>, all: bool, after: &str) -> usize {
    let (table, selected) = table_names(app, terminal);
    let timeline = timeline_names(app, terminal);
    let selected = selected.unwrap_or_else(|| panic!("{after}: a row is selected"));
    assert_eq!(selected, format!("user{}", app.selected()), "{after}");
    assert!(!timeline.is_empty(), "{after}: the timeline shows users");
    assert!(
        table.windows(timeline.len()).any(|run| run == timeline),
        "{after}: the timeline's {timeline:?} are not a run of the table's {table:?}"
    );
    assert!(
        timeline.contains(&selected),
        "{after}: {selected} is not on the timeline {timeline:?}"
    );
    if all {
        assert_eq!(timeline, table, "{after}");
    }
    timeline.len()
}

fn resize(app: &mut App, terminal: &mut Terminal<TestBackend>, width: u16, height: u16) {
    terminal.backend_mut().resize(width, height);
    step_and_draw(app, terminal, Action::Resize { width, height });
}

#[test]
fn a_class_of_ten_is_on_the_table_and_the_timeline_at_120x40_whatever_is_selected() {
    let (mut app, mut terminal) = app_at(users(10), 120, 40);
    assert_eq!(check(&app, &terminal, true, "start"), 10);
    for (action, name) in [
        (Action::LastUser, "G"),
        (Action::PageUp, "PgUp"),
        (Action::PageDown, "PgDn"),
    ] {
        step_and_draw(&mut app, &mut terminal, action);
        check(&app, &terminal, true, name);
    }
}

#[test]
fn the_table_and_the_timeline_show_the_same_users_after_paging_and_resizing() {
    let (mut app, mut terminal) = app_at(users(100), 120, 40);
    check(&app, &terminal, false, "start");
    step_and_draw(&mut app, &mut terminal, Action::LastUser);
    check(&app, &terminal, false, "G");
    step_and_draw(&mut app, &mut terminal, Action::PageUp);
    check(&app, &terminal, false, "G PgUp");
    step_and_draw(&mut app, &mut terminal, Action::FirstUser);
    step_and_draw(&mut app, &mut terminal, Action::PageDown);
    check(&app, &terminal, false, "g PgDn");
    step_and_draw(&mut app, &mut terminal, Action::PageDown);
    check(&app, &terminal, false, "g PgDn PgDn");
    for (width, height) in [(80, 24), (100, 30), (120, 40), (80, 22)] {
        resize(&mut app, &mut terminal, width, height);
        check(
            &app,
            &terminal,
            false,
            &format!("resized to {width}×{height}"),
        );
        step_and_draw(&mut app, &mut terminal, Action::LastUser);
        check(&app, &terminal, false, &format!("G at {width}×{height}"));
        step_and_draw(&mut app, &mut terminal, Action::PageUp);
        check(&app, &terminal, false, &format!("PgUp at {width}×{height}"));
    }
}

#[test]
fn a_small_class_is_all_on_the_timeline_after_a_resize_from_small() {
    let (mut app, mut terminal) = app_at(users(10), 80, 24);
    step_and_draw(&mut app, &mut terminal, Action::LastUser);
    assert_eq!(check(&app, &terminal, false, "G at 80×24"), 4);
    resize(&mut app, &mut terminal, 120, 40);
    assert_eq!(check(&app, &terminal, true, "resized to 120×40"), 10);
}
