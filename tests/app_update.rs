//! `App::update` driven by actions, each followed by a draw, as the event loop does.

mod common;

use common::{app_at, lesson_at, screen, step_and_draw, steps};
use tokenclock::domain::{Scenario, Token, TokenStore};
use tokenclock::tui::app::Mode;
use tokenclock::tui::{Action, App};

fn expiry_of(app: &App, user: &str) -> u64 {
    app.scenario().tokens.get(user).unwrap().expiry
}

fn many_users(n: usize) -> Scenario {
    let mut tokens = TokenStore::with_capacity(n);
    for i in 0..n {
        tokens
            .insert(format!("user{i}"), Token::new(format!("tok{i}"), i as u64))
            .unwrap();
    }
    Scenario {
        tokens,
        ..Scenario::lesson()
    }
}

#[test]
fn refreshing_alice_reproduces_the_lesson() {
    let (mut app, mut t) = lesson_at(80, 24);
    assert_eq!(app.selected(), 0, "the first row is selected at start");
    step_and_draw(&mut app, &mut t, Action::command("refresh"));
    assert_eq!(
        app.last_result(),
        Some("t=120 Refreshed token for alice: newtoken123 (expired: 100 < 120; expires 220)")
    );
    assert_eq!(
        app.scenario().tokens.get("alice"),
        Some(Token::new("newtoken123", 220).view())
    );
    assert!(app.was_just_refreshed(0));
    step_and_draw(&mut app, &mut t, Action::NextUser);
    assert!(
        !app.was_just_refreshed(0),
        "marked only until the next action"
    );
}

#[test]
fn bob_is_still_valid_and_unchanged() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::NextUser, Action::command("refresh")],
    );
    assert_eq!(
        app.last_result(),
        Some("t=120 Token for bob is still valid: def456 (200 ≥ 120; 80 left)")
    );
    assert_eq!(expiry_of(&app, "bob"), 200);
    assert!(!app.was_just_refreshed(1));
    assert!(app.was_just_checked(1));
}

#[test]
fn carol_is_refreshed_too() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::LastUser, Action::command("refresh")],
    );
    assert_eq!(app.selected(), 2);
    assert_eq!(expiry_of(&app, "carol"), 220);
    assert!(screen(&t).contains("carol: newtoken123 (expired: 50 < 120"));
}

#[test]
fn the_clock_moves_by_the_step_and_never_below_zero() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::Advance);
    assert_eq!(app.scenario().now(), 130);
    assert_eq!(app.last_result(), Some("t=130 clock 120 → 130"));
    steps(&mut app, &mut t, &[Action::LargerStep, Action::LargerStep]);
    assert_eq!(app.step(), 100);
    steps(&mut app, &mut t, &[Action::Rewind, Action::Rewind]);
    assert_eq!(app.scenario().now(), 0);
    step_and_draw(&mut app, &mut t, Action::Rewind);
    assert_eq!(app.scenario().now(), 0);
    assert_eq!(
        app.last_result(),
        Some("t=0 clock stays at 0 (it never goes below 0)")
    );
}

#[test]
fn steps_go_through_1_5_10_50_100_and_stop_at_the_ends() {
    let (mut app, mut t) = lesson_at(80, 24);
    assert_eq!(app.step(), 10);
    let mut seen = vec![];
    for _ in 0..4 {
        step_and_draw(&mut app, &mut t, Action::SmallerStep);
        seen.push(app.step());
    }
    for _ in 0..6 {
        step_and_draw(&mut app, &mut t, Action::LargerStep);
        seen.push(app.step());
    }
    assert_eq!(seen, [5, 1, 1, 1, 5, 10, 50, 100, 100, 100]);
}

#[test]
fn statuses_flip_at_exactly_the_right_tick() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::SmallerStep, Action::SmallerStep, Action::Rewind],
    );
    assert_eq!(app.step(), 1);
    // 120 → 119: rewind 19 more ticks to reach 100.
    for _ in 0..19 {
        step_and_draw(&mut app, &mut t, Action::Rewind);
    }
    assert_eq!(app.scenario().now(), 100);
    assert!(screen(&t).contains("VALID ✓ last tick"));
    step_and_draw(&mut app, &mut t, Action::Advance);
    let text = screen(&t);
    assert!(!text.contains("last tick"));
    assert!(text.contains("expired 1 ago"));
}

#[test]
fn help_takes_the_keys_until_closed_and_esc_closes_it_but_never_quits() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::ToggleHelp);
    assert!(app.help_scroll().is_some());
    steps(
        &mut app,
        &mut t,
        &[Action::command("refresh"), Action::Advance],
    );
    assert_eq!(
        app.scenario(),
        &Scenario::lesson(),
        "keys under the help do nothing"
    );
    step_and_draw(&mut app, &mut t, Action::Cancel);
    assert!(app.help_scroll().is_none());
    assert!(!app.should_quit());
    step_and_draw(&mut app, &mut t, Action::ToggleHelp);
    step_and_draw(&mut app, &mut t, Action::ToggleHelp);
    assert!(app.help_scroll().is_none());
    step_and_draw(&mut app, &mut t, Action::Cancel);
    assert!(!app.should_quit(), "Esc on the table quits nothing");
    assert_eq!(app.mode(), &Mode::Table);
    assert_eq!(
        app.last_result(),
        Some("t=120 Esc closes prompts and the help; q quits")
    );
}

#[test]
fn quit_quits_even_from_the_help() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(&mut app, &mut t, &[Action::ToggleHelp, Action::Quit]);
    assert!(app.should_quit());
}

#[test]
fn selection_stays_within_the_users() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::PreviousUser);
    assert_eq!(app.selected(), 0);
    steps(&mut app, &mut t, &[Action::PageDown, Action::NextUser]);
    assert_eq!(app.selected(), 2);
    step_and_draw(&mut app, &mut t, Action::FirstUser);
    assert_eq!(app.selected(), 0);
}

#[test]
fn paging_scrolls_the_view_with_the_selection() {
    let (mut app, mut t) = app_at(many_users(100), 80, 24);
    assert_eq!(
        app.visible_rows(),
        7,
        "80×24 leaves 7 rows above the why panel, the timeline and three result lines"
    );
    step_and_draw(&mut app, &mut t, Action::PageDown);
    assert_eq!((app.selected(), app.offset()), (7, 1));
    assert!(screen(&t).contains("▶ user7"));
    step_and_draw(&mut app, &mut t, Action::LastUser);
    assert_eq!((app.selected(), app.offset()), (99, 93));
    assert!(screen(&t).contains("94–100 of 100"));
    step_and_draw(&mut app, &mut t, Action::PageUp);
    assert_eq!((app.selected(), app.offset()), (92, 92));
}

#[test]
fn a_click_selects_the_row_under_it_and_the_wheel_scrolls() {
    let (mut app, mut t) = app_at(many_users(100), 80, 24);
    step_and_draw(&mut app, &mut t, Action::ClickRow(2));
    assert_eq!(app.selected(), 2);
    step_and_draw(&mut app, &mut t, Action::ClickRow(500));
    assert_eq!(
        app.selected(),
        2,
        "a click below the last user selects nothing"
    );
    step_and_draw(&mut app, &mut t, Action::ScrollDown(3));
    assert_eq!(
        (app.offset(), app.selected()),
        (3, 3),
        "the selection stays in view"
    );
    step_and_draw(&mut app, &mut t, Action::ScrollUp(10));
    assert_eq!(app.offset(), 0);
    step_and_draw(&mut app, &mut t, Action::ScrollDown(1000));
    assert_eq!((app.offset(), app.selected()), (93, 93));
}

#[test]
fn shrinking_the_terminal_keeps_the_selection_in_view() {
    let (mut app, mut t) = app_at(many_users(100), 80, 24);
    steps(&mut app, &mut t, &[const { Action::NextUser }; 12]);
    assert_eq!((app.selected(), app.offset()), (12, 6));
    t.backend_mut().resize(80, 12);
    step_and_draw(
        &mut app,
        &mut t,
        Action::Resize {
            width: 80,
            height: 12,
        },
    );
    assert!(app.offset() <= 12 && 12 < app.offset() + app.visible_rows());
    assert!(screen(&t).contains("▶ user12"));
}

fn resize(app: &mut App, t: &mut ratatui::Terminal<ratatui::backend::TestBackend>, w: u16, h: u16) {
    t.backend_mut().resize(w, h);
    step_and_draw(
        app,
        t,
        Action::Resize {
            width: w,
            height: h,
        },
    );
}

#[test]
fn growing_the_terminal_fills_the_new_rows_from_above_at_the_end() {
    let (mut app, mut t) = app_at(many_users(100), 80, 24);
    step_and_draw(&mut app, &mut t, Action::LastUser);
    assert_eq!((app.selected(), app.offset()), (99, 93));
    resize(&mut app, &mut t, 120, 40);
    assert_eq!(app.visible_rows(), 23);
    assert_eq!(
        (app.selected(), app.offset()),
        (99, 77),
        "no empty rows below the last user"
    );
    assert!(screen(&t).contains("78–100 of 100"));
    resize(&mut app, &mut t, 80, 24);
    assert_eq!(
        (app.selected(), app.offset()),
        (99, 93),
        "the selection stays at the bottom"
    );
}

#[test]
fn growing_the_terminal_keeps_the_first_user_in_the_middle_of_the_list() {
    let (mut app, mut t) = app_at(many_users(100), 80, 24);
    steps(&mut app, &mut t, &[Action::PageDown, Action::PageDown]);
    assert_eq!((app.selected(), app.offset()), (14, 8));
    resize(&mut app, &mut t, 120, 40);
    assert_eq!((app.selected(), app.offset()), (14, 8));
    step_and_draw(&mut app, &mut t, Action::PageDown);
    assert_eq!(
        (app.selected(), app.offset()),
        (37, 15),
        "a page is the table's 23 rows now"
    );
}

#[test]
fn a_few_users_get_a_table_as_tall_as_the_clock_and_paging_stops_at_the_last() {
    let (mut app, mut t) = lesson_at(120, 40);
    assert_eq!(
        app.visible_rows(),
        3,
        "a page is the users in view, not the screen's 23 rows"
    );
    assert!(
        screen(&t).contains("│                 "),
        "the table is as tall as the clock"
    );
    step_and_draw(&mut app, &mut t, Action::PageDown);
    assert_eq!((app.selected(), app.offset()), (2, 0));
    step_and_draw(&mut app, &mut t, Action::ScrollDown(3));
    assert_eq!(app.offset(), 0, "nothing to scroll: every user is shown");
}

#[test]
fn a_click_goes_through_the_view_and_a_click_below_the_shown_rows_selects_nothing() {
    let (mut app, mut t) = app_at(many_users(100), 80, 24);
    step_and_draw(&mut app, &mut t, Action::ScrollDown(10));
    assert_eq!((app.offset(), app.selected()), (10, 10));
    step_and_draw(&mut app, &mut t, Action::ClickRow(3));
    assert_eq!(app.selected(), 13, "the fourth row shown");
    step_and_draw(&mut app, &mut t, Action::ClickRow(6));
    assert_eq!(app.selected(), 16, "the last of the table's 7 rows");
    step_and_draw(&mut app, &mut t, Action::ClickRow(7));
    assert_eq!(
        app.selected(),
        16,
        "the table has 7 rows: row 7 is its border"
    );
}

#[test]
fn the_wheel_moves_the_selection_into_view_and_stops_at_the_ends() {
    let (mut app, mut t) = app_at(many_users(100), 80, 24);
    step_and_draw(&mut app, &mut t, Action::LastUser);
    step_and_draw(&mut app, &mut t, Action::ScrollUp(3));
    assert_eq!(
        (app.offset(), app.selected()),
        (90, 96),
        "the selection, below the view now, moves to its last row"
    );
    step_and_draw(&mut app, &mut t, Action::ScrollDown(3));
    assert_eq!((app.offset(), app.selected()), (93, 96));
    step_and_draw(&mut app, &mut t, Action::ScrollDown(3));
    assert_eq!(
        (app.offset(), app.selected()),
        (93, 96),
        "already at the end"
    );
}

#[test]
fn a_terminal_too_small_still_pages_one_user_at_a_time() {
    let (mut app, mut t) = app_at(many_users(100), 20, 5);
    assert!(screen(&t).contains("small"));
    assert_eq!(app.visible_rows(), 1);
    steps(&mut app, &mut t, &[Action::PageDown, Action::PageDown]);
    assert_eq!((app.selected(), app.offset()), (2, 2));
    resize(&mut app, &mut t, 80, 24);
    assert_eq!((app.selected(), app.offset()), (2, 2));
    assert!(screen(&t).contains("▶ user2"));
}

#[test]
fn a_million_users_draw_only_the_visible_rows() {
    // How fast this is, is measured by `cargo bench --bench frame`, not asserted here.
    let (mut app, mut t) = app_at(many_users(1_000_000), 80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::LastUser, Action::command("refresh"), Action::PageUp],
    );
    assert!(screen(&t).contains("of 1000000"));
    assert_eq!(app.selected(), 999_999 - 7, "a page is the table's 7 rows");
}

#[test]
fn no_users_is_shown_not_a_panic() {
    let empty = Scenario {
        tokens: TokenStore::default(),
        ..Scenario::lesson()
    };
    let (mut app, mut t) = app_at(empty, 80, 24);
    steps(
        &mut app,
        &mut t,
        &[
            Action::command("refresh"),
            Action::NextUser,
            Action::LastUser,
            Action::ClickRow(0),
        ],
    );
    assert!(screen(&t).contains("no users"));
    assert_eq!(app.last_result(), Some("t=120 no user to refresh"));
}
