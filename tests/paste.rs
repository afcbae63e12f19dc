//! Pastes are text, not keys: `App::update` with `Action::Paste` outside and inside prompts.

mod common;

use common::{lesson_at, screen, step_and_draw};
use tokenclock::tui::Action;

fn paste(text: &str) -> Action {
    Action::Paste(text.to_owned())
}

#[test]
fn a_paste_outside_a_prompt_changes_nothing_and_says_so() {
    let (mut app, mut t) = lesson_at(80, 24);
    let before = app.scenario().clone();
    // As keys, these would refresh, move the clock, open the save prompt, delete and quit.
    step_and_draw(&mut app, &mut t, paste("rRhlwdyq\r\x1b"));
    assert_eq!(app.scenario(), &before);
    assert!(app.prompt().is_none());
    assert!(!app.should_quit());
    assert_eq!(
        app.last_result(),
        Some("t=120 paste ignored: 10 characters (a paste only goes into an open prompt)")
    );
    assert!(screen(&t).contains("paste ignored"), "{}", screen(&t));
}

#[test]
fn a_paste_into_a_prompt_is_typed_and_its_line_breaks_submit_nothing() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::SetTime);
    step_and_draw(&mut app, &mut t, paste("3\r\n00\n"));
    let prompt = app.prompt().expect("the prompt stays open");
    assert_eq!(prompt.input(), "300");
    assert_eq!(prompt.message(), None);
    assert_eq!(app.scenario().now(), 120, "nothing applied yet");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.scenario().now(), 300);
}

#[test]
fn a_pasted_name_keeps_only_what_may_be_typed_and_says_what_was_left_out() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::AddUser);
    step_and_draw(&mut app, &mut t, paste("da\x1b]0;x\x07ve\u{202e}"));
    let prompt = app.prompt().unwrap();
    assert_eq!(prompt.input(), "da]0;xve");
    assert_eq!(
        prompt.message(),
        Some("paste: U+001B is a control or invisible character (3 characters left out)")
    );
}

#[test]
fn a_huge_paste_is_cut_at_what_the_prompt_takes() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::AddUser);
    step_and_draw(&mut app, &mut t, paste(&"x".repeat(1_000_000)));
    let prompt = app.prompt().unwrap();
    // A prompt keeps what is typed up to its longest input and says what is wrong with it.
    assert_eq!(prompt.input().len(), 4096);
    assert_eq!(
        prompt.message(),
        Some("paste: at most 4096 characters (995904 characters left out)")
    );
}

#[test]
fn a_paste_at_a_delete_confirmation_keeps_the_user() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::DeleteUser);
    step_and_draw(&mut app, &mut t, paste("y"));
    assert!(app.scenario().tokens.get("alice").is_some());
    assert!(app.prompt().is_none());
    assert_eq!(
        app.last_result(),
        Some("t=120 delete cancelled: alice kept")
    );
}
