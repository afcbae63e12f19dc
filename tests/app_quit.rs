//! Quitting never loses edits by accident: `q` asks after edits (not after refreshes or clock
//! moves), `Esc` on the table quits nothing, Ctrl-C quits at once. (The pseudo-terminal tests
//! in `pty.rs` check the same keys end to end.)

mod common;

use common::{lesson_at, screen, step_and_draw, steps};
use tokenclock::domain::Op;
use tokenclock::tui::Action;
use tokenclock::tui::app::Mode;

#[test]
fn q_quits_at_once_after_refreshes_and_clock_moves() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[
            Action::command("refresh"),
            Action::Advance,
            Action::Run(Op::RefreshAll),
        ],
    );
    assert!(!app.has_edits());
    step_and_draw(&mut app, &mut t, Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn q_asks_after_an_edit_and_any_key_but_y_goes_back() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::DeleteUser, Action::PromptChar('y')],
    );
    assert!(app.has_edits());
    step_and_draw(&mut app, &mut t, Action::Quit);
    assert!(!app.should_quit());
    assert!(screen(&t).contains("Quit? Users or the policy were edited"));
    step_and_draw(&mut app, &mut t, Action::PromptChar('q'));
    assert!(!app.should_quit());
    assert_eq!(app.mode(), &Mode::Table);
    assert_eq!(
        app.last_result(),
        Some("t=120 quit cancelled: w saves the edits")
    );
    // Undoing the edit leaves nothing to lose.
    steps(&mut app, &mut t, &[Action::Run(Op::Undo), Action::Quit]);
    assert!(app.should_quit());
}

#[test]
fn q_from_the_help_asks_too_and_y_quits() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::ToggleBoundary, Action::ToggleHelp, Action::Quit],
    );
    assert!(!app.should_quit());
    assert!(app.prompt().is_some_and(|p| p.is_confirmation()));
    step_and_draw(&mut app, &mut t, Action::PromptChar('y'));
    assert!(app.should_quit());
}

/// A question open (the quiz's, before a clock move) does not skip the question about edits.
#[test]
fn q_from_a_question_asks_after_edits_too() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::ToggleBoundary, Action::ToggleQuiz, Action::Advance],
    );
    assert!(app.asking().is_some());
    step_and_draw(&mut app, &mut t, Action::Quit);
    assert!(!app.should_quit());
    assert!(screen(&t).contains("Quit? Users or the policy were edited"));
    step_and_draw(&mut app, &mut t, Action::PromptChar('n'));
    assert!(!app.should_quit());
    assert_eq!(
        app.scenario().now(),
        120,
        "the question's clock move never ran"
    );
    // Without edits, q from a question quits at once.
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::ToggleQuiz, Action::Advance, Action::Quit],
    );
    assert!(app.should_quit());
}

#[test]
fn ctrl_c_quits_at_once_even_after_edits() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(&mut app, &mut t, &[Action::ToggleBoundary, Action::QuitNow]);
    assert!(app.should_quit());
}

#[test]
fn a_save_makes_the_saved_state_the_one_q_compares_with() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::ToggleBoundary);
    assert!(app.has_edits());
    step_and_draw(&mut app, &mut t, Action::Save);
    for ch in path.to_str().unwrap().chars() {
        step_and_draw(&mut app, &mut t, Action::PromptChar(ch));
    }
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert!(path.exists());
    assert!(!app.has_edits(), "saved: nothing to lose");
    step_and_draw(&mut app, &mut t, Action::ToggleBoundary);
    assert!(
        app.has_edits(),
        "switching back differs from what was saved"
    );
}

/// Issue 17's audit: with the real-world model, an expiry edited by hand (`e`) after a refresh
/// gave the user a new access token is an edit, so `q` asks (it quit at once, losing it); the
/// refresh alone asks nothing.
#[test]
fn q_asks_after_an_expiry_edited_after_a_model_refresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/rotation.toml");
    let scenario = tokenclock::files::load_scenario(&path).unwrap();
    let (mut app, mut t) = common::app_at(scenario, 100, 30);
    steps(
        &mut app,
        &mut t,
        &[Action::Run(Op::SetTime(400)), Action::command("refresh")],
    );
    assert!(
        app.log()
            .iter()
            .any(|l| l.contains("Refreshed token for alice")),
        "{:?}",
        app.log()
    );
    assert!(!app.has_edits(), "a refresh is a story event");
    let mut typed = vec![Action::EditExpiry];
    typed.extend("9000".chars().map(Action::PromptChar));
    typed.push(Action::PromptSubmit);
    steps(&mut app, &mut t, &typed);
    assert_eq!(app.scenario().tokens.get("alice").unwrap().expiry, 9000);
    step_and_draw(&mut app, &mut t, Action::Quit);
    assert!(!app.should_quit());
    assert!(screen(&t).contains("Quit? Users or the policy were edited"));
}
