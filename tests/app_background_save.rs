//! The app's `w` on a large scenario: the save runs off the key path (the event loop runs the
//! job the app hands it and sends back `Action::Saved`); meanwhile the screen says so, a second
//! `w` is refused, quitting waits, and edits made meanwhile stay out of the file and unsaved.

mod common;

use common::{screen, session_at, step_and_draw};
use std::path::Path;
use tokenclock::domain::token_store::Token;
use tokenclock::domain::{Scenario, Session};
use tokenclock::files::parse_scenario;
use tokenclock::tui::app::prompt::PromptKind;
use tokenclock::tui::save_job::SaveJob;
use tokenclock::tui::{Action, App};

const USERS: usize = 1500;

/// The lesson with `USERS` users in all.
fn large() -> Session {
    let mut scenario = Scenario::lesson();
    for i in scenario.tokens.len()..USERS {
        scenario
            .tokens
            .insert(format!("user{i:05}"), Token::new("tok", 500))
            .unwrap();
    }
    Session::new(scenario)
}

/// `w`, the path typed over whatever was offered, `Enter`.
fn save_as(app: &mut App, path: &Path) {
    app.update(Action::Save);
    let offered = app.prompt().unwrap().input().chars().count();
    for _ in 0..offered {
        app.update(Action::PromptBackspace);
    }
    for ch in path.to_str().unwrap().chars() {
        app.update(Action::PromptChar(ch));
    }
    app.update(Action::PromptSubmit);
}

/// What the event loop does with the job: runs it and sends the result back.
fn finish(app: &mut App, job: SaveJob) {
    app.update(Action::Saved(Box::new(job.run())));
}

#[test]
fn w_on_a_large_scenario_says_it_is_saving_and_logs_the_result_when_it_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let (mut app, mut t) = session_at(large(), 80, 24);
    save_as(&mut app, &path);
    assert_eq!(app.saving_to(), Some(path.as_path()));
    assert!(!path.exists(), "nothing is written on the key path");
    step_and_draw(
        &mut app,
        &mut t,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    let shown = screen(&t);
    assert!(
        shown.contains(&format!("saving {USERS} users to")),
        "{shown}"
    );

    let job = app.take_save_job().expect("a job for the event loop");
    assert_eq!(app.take_save_job(), None, "handed over once");
    finish(&mut app, job);
    assert_eq!(app.saving_to(), None);
    let saved = format!("t=120 saved to {}", path.display());
    assert_eq!(app.last_result(), Some(saved.as_str()));
    assert_eq!(app.scenario_path(), Some(&path));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(parse_scenario(&text, "big").unwrap(), *app.scenario());
    assert!(!app.has_edits());
}

#[test]
fn a_second_w_while_saving_starts_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let (mut app, _t) = session_at(large(), 80, 24);
    save_as(&mut app, &path);
    let job = app.take_save_job().unwrap();
    app.update(Action::Save);
    assert_eq!(app.prompt(), None, "no save prompt opens");
    assert_eq!(app.take_save_job(), None);
    let refused = format!(
        "t=120 already saving to {}: w again when it is done",
        path.display()
    );
    assert_eq!(app.last_result(), Some(refused.as_str()));
    finish(&mut app, job);
    // Once done, w offers the saved file again.
    app.update(Action::Save);
    assert_eq!(
        app.prompt().map(|p| p.input()),
        Some(path.to_str().unwrap())
    );
}

#[test]
fn edits_made_while_saving_stay_out_of_the_file_and_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let (mut app, _t) = session_at(large(), 80, 24);
    let before = app.scenario().clone();
    save_as(&mut app, &path);
    let job = app.take_save_job().unwrap();
    app.update(Action::DeleteUser);
    app.update(Action::PromptChar('y'));
    assert_eq!(app.scenario().tokens.len(), USERS - 1);
    finish(&mut app, job);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(parse_scenario(&text, "big").unwrap(), before);
    assert!(app.has_edits(), "the deletion is not in the file");
    app.update(Action::Quit);
    assert_eq!(
        app.prompt().map(|p| p.kind()),
        Some(&PromptKind::ConfirmQuit)
    );
}

#[test]
fn q_while_saving_waits_for_the_save_and_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let (mut app, _t) = session_at(large(), 80, 24);
    // An edit first: the save takes it, so once saved nothing is left to ask about.
    app.update(Action::DeleteUser);
    app.update(Action::PromptChar('y'));
    save_as(&mut app, &path);
    let job = app.take_save_job().unwrap();
    app.update(Action::Quit);
    let waiting = format!(
        "t=120 waiting for the save to {} to finish before quitting",
        path.display()
    );
    assert_eq!(app.last_result(), Some(waiting.as_str()));
    assert!(!app.should_quit());
    assert_eq!(app.prompt(), None);
    finish(&mut app, job);
    assert!(app.should_quit());
    assert!(std::fs::read_to_string(&path).is_ok());
}

#[test]
fn ctrl_c_while_saving_also_waits_for_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let (mut app, _t) = session_at(large(), 80, 24);
    save_as(&mut app, &path);
    let job = app.take_save_job().unwrap();
    app.update(Action::QuitNow);
    assert!(!app.should_quit());
    // Edits made meanwhile do not make Ctrl-C ask.
    app.update(Action::Advance);
    finish(&mut app, job);
    assert!(app.should_quit());
    let saved = format!("t=130 saved to {}", path.display());
    assert!(app.log().contains(&saved), "{:?}", app.log());
}

#[test]
fn a_failed_background_save_is_logged_in_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/big.toml");
    let (mut app, _t) = session_at(large(), 80, 24);
    save_as(&mut app, &path);
    let job = app.take_save_job().unwrap();
    finish(&mut app, job);
    let line = app.last_result().unwrap();
    assert!(
        line.starts_with(&format!(
            "t=120 cannot save the scenario to {}: ",
            path.display()
        )),
        "{line}"
    );
    assert_eq!(app.saving_to(), None);
    assert_eq!(app.scenario_path(), None);
}

#[test]
fn the_lesson_still_saves_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lesson.toml");
    let (mut app, _t) = session_at(Session::new(Scenario::lesson()), 80, 24);
    save_as(&mut app, &path);
    assert_eq!(app.take_save_job(), None);
    assert_eq!(app.saving_to(), None);
    let saved = format!("t=120 saved to {}", path.display());
    assert_eq!(app.last_result(), Some(saved.as_str()));
}
