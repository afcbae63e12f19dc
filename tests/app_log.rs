//! The results: clock moves fold into one line, the wheel over the results scrolls back, and
//! `L` opens the whole log.

mod common;

use common::{lesson_at, screen, step_and_draw, steps};
use crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
use insta::assert_snapshot;
use ratatui::layout::Rect;
use tokenclock::domain::Op;
use tokenclock::tui::app::Mode;
use tokenclock::tui::{Action, input};

#[test]
fn consecutive_clock_moves_fold_into_one_line() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::Advance, Action::Advance, Action::Advance],
    );
    assert_eq!(app.log().len(), 1);
    assert_eq!(app.last_result(), Some("t=150 clock 120 → 150 (3 steps)"));
    steps(&mut app, &mut t, &[Action::Rewind]);
    assert_eq!(app.last_result(), Some("t=140 clock 120 → 140 (4 steps)"));
    // Anything else in between starts a new line.
    steps(
        &mut app,
        &mut t,
        &[Action::command("refresh"), Action::Advance],
    );
    assert_eq!(app.log().len(), 3);
    assert_eq!(app.last_result(), Some("t=150 clock 140 → 150"));
    // Undo is its own line, and the refresh's explanation is still the line before the moves.
    steps(&mut app, &mut t, &[Action::Run(Op::Undo)]);
    assert_eq!(
        app.log()[1],
        "t=140 Refreshed token for alice: newtoken123 (expired: 100 < 140; expires 240)"
    );
}

#[test]
fn the_wheel_over_the_results_scrolls_back_and_a_new_line_scrolls_to_it() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[
            Action::command("refresh"),
            Action::NextUser,
            Action::command("refresh"),
            Action::LastUser,
            Action::command("refresh"),
        ],
    );
    let size = Rect::new(0, 0, 80, 24);
    let wheel = |kind, row| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row 21 is inside the results; row 3 is the table.
    assert_eq!(
        input::action_for(&wheel(MouseEventKind::ScrollDown, 21), &app, size),
        Some(Action::LogOlder(1))
    );
    assert_eq!(
        input::action_for(&wheel(MouseEventKind::ScrollDown, 3), &app, size),
        Some(Action::ScrollDown(3))
    );
    steps(&mut app, &mut t, &[Action::ToggleHelp]);
    assert_eq!(
        input::action_for(&wheel(MouseEventKind::ScrollDown, 21), &app, size),
        Some(Action::ScrollDown(3)),
        "the help scrolls wherever the pointer is"
    );
    steps(&mut app, &mut t, &[Action::ToggleHelp, Action::LogOlder(1)]);
    assert_eq!(app.log_scroll(), 1);
    let text = screen(&t);
    assert!(text.contains("↑ 1 newer · L whole log"), "{text}");
    assert!(
        text.contains("  t=120 Token for bob is still valid"),
        "{text}"
    );
    steps(&mut app, &mut t, &[Action::LogOlder(10)]);
    assert_eq!(app.log_scroll(), 2, "the oldest line stays in view");
    steps(&mut app, &mut t, &[Action::Advance]);
    assert_eq!(app.log_scroll(), 0);
}

#[test]
fn l_opens_the_whole_log_which_scrolls_and_closes() {
    let (mut app, mut t) = lesson_at(80, 24);
    for _ in 0..3 {
        steps(
            &mut app,
            &mut t,
            &[Action::command("refresh"), Action::NextUser],
        );
    }
    steps(
        &mut app,
        &mut t,
        &[Action::Run(Op::RefreshAll), Action::ToggleLog],
    );
    assert_eq!(app.mode(), &Mode::Log);
    assert_snapshot!("whole_log_at_80x24", t.backend());
    steps(
        &mut app,
        &mut t,
        &[Action::command("refresh"), Action::Advance],
    );
    assert_eq!(app.log().len(), 4, "keys under the log only scroll it");
    step_and_draw(&mut app, &mut t, Action::NextUser);
    assert_eq!(app.log_scroll(), 1);
    assert!(screen(&t).contains("Log: 4 lines, 1 newer above"));
    steps(&mut app, &mut t, &[Action::LastUser]);
    assert_eq!(app.log_scroll(), 3);
    steps(&mut app, &mut t, &[Action::Cancel]);
    assert_eq!(app.mode(), &Mode::Table);
    assert!(!app.should_quit());
}

/// Undo after an action that changed nothing takes back the change before it, and says so.
#[test]
fn undo_after_an_action_that_changed_nothing_says_what_it_undid() {
    let (mut app, mut t) = lesson_at(80, 24);
    // alice is refreshed; bob's token is valid, so his refresh changes nothing.
    steps(
        &mut app,
        &mut t,
        &[
            Action::command("refresh"),
            Action::NextUser,
            Action::command("refresh"),
            Action::Run(Op::Undo),
        ],
    );
    assert_eq!(
        app.last_result(),
        Some("t=120 nothing to undo for refresh bob: undid refresh alice")
    );
    // A plain undo after a change says only what it undid.
    steps(
        &mut app,
        &mut t,
        &[Action::Run(Op::Redo), Action::Run(Op::Undo)],
    );
    assert_eq!(app.last_result(), Some("t=120 undo: refresh alice"));
}
