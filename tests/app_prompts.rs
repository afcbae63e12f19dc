//! A prompt shows exactly what was typed, says what is wrong with it, and applies nothing until
//! it is right.

mod common;

use common::{lesson_at, screen, step_and_draw};
use tokenclock::domain::Scenario;
use tokenclock::tui::{Action, App};

fn type_text(app: &mut App, t: &mut ratatui::Terminal<ratatui::backend::TestBackend>, text: &str) {
    for ch in text.chars() {
        step_and_draw(app, t, Action::PromptChar(ch));
    }
}

#[test]
fn the_time_prompt_shows_what_was_typed_and_applies_nothing_until_it_is_right() {
    for (typed, message) in [
        ("-5", "'-5' is negative; ticks are 0 or more"),
        ("1:05", "'1:05' is not a whole number of ticks"),
        ("abc1x0", "'abc1x0' is not a whole number of ticks"),
        (
            "184467440737095516150",
            "is too large (the most is 18446744073709551615)",
        ),
    ] {
        let (mut app, mut t) = lesson_at(80, 24);
        step_and_draw(&mut app, &mut t, Action::SetTime);
        type_text(&mut app, &mut t, typed);
        step_and_draw(&mut app, &mut t, Action::PromptSubmit);
        let prompt = app.prompt().expect("Enter keeps a wrong time open");
        assert_eq!(prompt.input(), typed);
        assert!(prompt.message().unwrap().contains(message), "{typed}");
        assert!(screen(&t).contains(&format!("time: {typed}")), "{typed}");
        assert_eq!(
            app.scenario(),
            &Scenario::lesson(),
            "{typed}: nothing applied"
        );
    }
}

#[test]
fn the_time_prompt_applies_once_the_mistake_is_erased() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::SetTime);
    type_text(&mut app, &mut t, "1:05");
    for _ in 0..3 {
        step_and_draw(&mut app, &mut t, Action::PromptBackspace);
    }
    assert_eq!(app.prompt().unwrap().message(), None);
    type_text(&mut app, &mut t, "05");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.prompt(), None);
    assert_eq!(app.scenario().now(), 105);
}

#[test]
fn a_name_with_a_space_stays_as_typed_with_a_message() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::AddUser);
    type_text(&mut app, &mut t, "José Núñez");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    let prompt = app.prompt().expect("still asking for the name");
    assert_eq!(prompt.input(), "José Núñez");
    assert!(prompt.message().unwrap().contains("contains a space"));
    let text = screen(&t);
    assert!(text.contains("name: José Núñez"), "{text}");
    assert!(
        text.contains("│   alice_smith "),
        "the whole message, wrapped: {text}"
    );
    insta::assert_snapshot!("name_with_a_space_at_80x24", t.backend());
    assert_eq!(app.scenario().tokens.len(), 3, "nobody added");
}
