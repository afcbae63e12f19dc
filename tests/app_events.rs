//! Events (play ticks, the wall clock, a resize, a suspend, a paste, the mouse) and `Ctrl-C`,
//! sent to `App::update` with each mode open: each is decided once for every mode, never
//! dropped by a mode's "any other key".

mod common;

use common::{app_at, lesson_at, screen, step_and_draw, steps};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokenclock::domain::{Scenario, Token, TokenStore};
use tokenclock::tui::app::Mode;
use tokenclock::tui::{Action, App};

/// Every mode of the app, by what opens it from the table.
fn modes() -> [(&'static str, Vec<Action>); 7] {
    [
        ("the table", vec![]),
        ("the help", vec![Action::ToggleHelp]),
        ("the whole log", vec![Action::ToggleLog]),
        ("a prompt", vec![Action::SetTime]),
        ("the policy menu", vec![Action::PolicyMenu]),
        ("a confirmation", vec![Action::DeleteUser]),
        ("a question", vec![Action::ToggleQuiz, Action::Advance]),
    ]
}

/// Enough users that the table, the help and the log can scroll.
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

/// The app on `scenario` at 60×16 (where the help scrolls) with 24 results, then `opener`
/// sent.
fn opened(scenario: Scenario, opener: &[Action]) -> (App, Terminal<TestBackend>) {
    let (mut app, mut t) = app_at(scenario, 60, 16);
    for _ in 0..12 {
        steps(&mut app, &mut t, &[Action::SmallerStep, Action::LargerStep]);
    }
    steps(&mut app, &mut t, opener);
    (app, t)
}

#[test]
fn play_moves_the_clock_only_on_the_table_and_goes_on_when_the_overlay_closes() {
    for (mode, opener) in modes() {
        let (mut app, mut t) = app_at(Scenario::lesson(), 80, 24);
        steps(&mut app, &mut t, &[Action::TogglePlay]);
        steps(&mut app, &mut t, &opener);
        let now = app.scenario().now();
        step_and_draw(&mut app, &mut t, Action::Tick);
        if opener.is_empty() {
            assert_eq!(app.scenario().now(), now + 10, "{mode}: a tick plays");
            continue;
        }
        assert_eq!(app.scenario().now(), now, "{mode}: play waits");
        assert_eq!(app.tick_interval(), None, "{mode}: the loop sends no ticks");
        assert_ne!(app.mode(), &Mode::Table, "{mode}: still open");
    }
    // The help, the log and a question hold play; once closed, it goes on.
    for opener in [Action::ToggleHelp, Action::ToggleLog] {
        let (mut app, mut t) = lesson_at(80, 24);
        steps(
            &mut app,
            &mut t,
            &[Action::TogglePlay, opener, Action::Tick],
        );
        steps(&mut app, &mut t, &[Action::Cancel, Action::Tick]);
        assert_eq!(app.scenario().now(), 130);
        assert!(app.is_playing());
    }
}

#[test]
fn a_resize_reaches_every_mode_and_the_help_stays_within_its_end() {
    for (mode, opener) in modes() {
        let (mut app, mut t) = opened(Scenario::lesson(), &opener);
        let before = app.mode().clone();
        step_and_draw(
            &mut app,
            &mut t,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        assert_eq!((app.view().width, app.view().height), (120, 40), "{mode}");
        assert_eq!(app.mode(), &before, "{mode}: stays open");
    }
    let (mut app, mut t) = opened(Scenario::lesson(), &[Action::ToggleHelp]);
    step_and_draw(&mut app, &mut t, Action::LastUser);
    assert!(app.help_scroll().unwrap() > 0);
    step_and_draw(
        &mut app,
        &mut t,
        Action::Resize {
            width: 200,
            height: 200,
        },
    );
    assert_eq!(app.help_scroll(), Some(0), "all of the help fits");
}

#[test]
fn a_suspend_and_the_wall_clock_change_nothing_whatever_is_open() {
    for (mode, opener) in modes() {
        for event in [Action::Suspend, Action::WallClock(1_700_000_000)] {
            let (mut app, mut t) = opened(Scenario::lesson(), &opener);
            let (before, scenario, log) = (
                app.mode().clone(),
                app.scenario().clone(),
                app.log().clone(),
            );
            step_and_draw(&mut app, &mut t, event.clone());
            assert_eq!(app.mode(), &before, "{mode}, {event:?}: stays open");
            assert_eq!(app.scenario(), &scenario, "{mode}, {event:?}");
            assert_eq!(app.log(), &log, "{mode}, {event:?}");
        }
    }
}

#[test]
fn a_paste_is_typed_only_into_a_prompt_that_takes_text() {
    for (mode, opener) in modes() {
        let (mut app, mut t) = opened(Scenario::lesson(), &opener);
        let scenario = app.scenario().clone();
        // As keys, these would refresh, delete, confirm and quit.
        step_and_draw(&mut app, &mut t, Action::Paste("rdyq".to_owned()));
        assert_eq!(app.scenario(), &scenario, "{mode}: nothing ran");
        assert!(!app.should_quit(), "{mode}");
        match mode {
            "a prompt" => assert_eq!(app.prompt().unwrap().input(), "rdyq"),
            // Closed as by a key that is not theirs: nothing confirmed.
            "the policy menu" | "a confirmation" => assert_eq!(app.mode(), &Mode::Table),
            _ => assert_eq!(
                app.last_result(),
                Some("t=120 paste ignored: 4 characters (a paste only goes into an open prompt)"),
                "{mode}"
            ),
        }
    }
    let (mut app, mut t) = opened(Scenario::lesson(), &[Action::ToggleHelp]);
    step_and_draw(&mut app, &mut t, Action::Paste("x".to_owned()));
    assert!(app.help_scroll().is_some(), "the help stays open");
}

#[test]
fn the_wheel_scrolls_the_help_and_the_log_and_moves_nothing_under_a_prompt_or_question() {
    for (mode, opener) in modes() {
        for (down, up) in [
            (Action::ScrollDown(3), Action::ScrollUp(1)),
            (Action::LogOlder(3), Action::LogNewer(1)),
        ] {
            let (mut app, mut t) = opened(many_users(100), &opener);
            let before = app.mode().clone();
            let at = (app.selected(), app.offset(), app.log_scroll());
            steps(&mut app, &mut t, &[down.clone(), up.clone()]);
            let now = (app.selected(), app.offset(), app.log_scroll());
            match mode {
                "the help" => assert_eq!(app.help_scroll(), Some(2), "{down:?}"),
                "the whole log" => assert_eq!(now, (at.0, at.1, 2), "{down:?}"),
                "the table" => assert_ne!(now, at, "{down:?}"),
                _ => {
                    assert_eq!(now, at, "{mode}, {down:?}: nothing moves");
                    assert_eq!(app.mode(), &before, "{mode}, {down:?}: stays open");
                }
            }
        }
    }
}

#[test]
fn a_click_selects_a_row_only_on_the_table() {
    for (mode, opener) in modes() {
        let (mut app, mut t) = opened(many_users(100), &opener);
        let before = app.mode().clone();
        step_and_draw(&mut app, &mut t, Action::ClickRow(2));
        if opener.is_empty() {
            assert_eq!(app.selected(), 2);
        } else {
            assert_eq!(app.selected(), 0, "{mode}: the selection stays");
            assert_eq!(app.mode(), &before, "{mode}: stays open");
        }
    }
}

#[test]
fn ctrl_c_quits_whatever_is_open() {
    for (mode, opener) in modes() {
        let (mut app, mut t) = opened(Scenario::lesson(), &opener);
        step_and_draw(&mut app, &mut t, Action::QuitNow);
        assert!(app.should_quit(), "{mode}");
    }
}

/// The why panel keeps explaining the refresh while only the view or the app's own settings
/// change, and starts afresh when another user is selected.
#[test]
fn the_why_panel_keeps_the_last_refresh_until_something_else_runs_or_is_selected() {
    let (mut app, mut t) = lesson_at(120, 40);
    step_and_draw(&mut app, &mut t, Action::command("refresh"));
    for action in [
        Action::LargerStep,
        Action::SmallerStep,
        Action::FasterPlay,
        Action::SlowerPlay,
        Action::ToggleTheme,
        Action::Cancel,
        Action::ToggleHelp,
        Action::ToggleHelp,
        Action::ToggleLog,
        Action::ToggleLog,
        Action::ToggleQuiz,
        Action::ToggleQuiz,
        Action::Tick,
        Action::Paste("x".to_owned()),
        Action::Resize {
            width: 120,
            height: 40,
        },
    ] {
        step_and_draw(&mut app, &mut t, action.clone());
        assert!(app.last_outcome(0).is_some(), "{action:?} keeps it");
    }
    assert!(screen(&t).contains("def refresh_token(alice)"));
    step_and_draw(&mut app, &mut t, Action::NextUser);
    assert!(app.last_outcome(0).is_none(), "another user selected");
    steps(&mut app, &mut t, &[Action::PreviousUser]);
    step_and_draw(&mut app, &mut t, Action::command("refresh"));
    step_and_draw(&mut app, &mut t, Action::Advance);
    assert!(app.last_outcome(0).is_none(), "the clock moved");
}
