//! Saving a lesson (issue 17): the file gets the state now and the steps not yet done, and is
//! checked before it replaces anything; a step left that cannot run on the saved state keeps the
//! file as it was, names the step and why, and a save without the steps is offered. Each case
//! is the issue's.

#[path = "support/cli.rs"]
mod cli;
mod common;

use common::{screen, session_at, step_and_draw};
use std::path::Path;
use tokenclock::domain::Session;
use tokenclock::files::parse_scenario;
use tokenclock::lesson::parse_lesson;
use tokenclock::tui::app::Guide;
use tokenclock::tui::app::prompt::PromptKind;
use tokenclock::tui::{Action, App};

const LES1: &str = "title = \"Two steps\"\ncurrent_time = 120\n\n[tokens]\n\
                    a = { token = \"ta\", expiry = 100 }\nb = { token = \"tb\", expiry = 100 }\n\n\
                    [[step]]\nsay = \"Remove a.\"\ndo = \"remove a\"\n\n\
                    [[step]]\nsay = \"Refresh b.\"\ndo = \"refresh b\"\n";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The file loads as a lesson: `--handout` walks every step on it.
fn loads(path: &str) {
    let (code, _, stderr) = cli::run(&["--scenario", path, "--handout"]);
    assert_eq!(code, Some(0), "{path} does not load: {stderr}");
}

/// The app on `path` as `--scenario path` opens it: its template, its lesson.
fn app_on(path: &str) -> (App, ratatui::Terminal<ratatui::backend::TestBackend>) {
    let text = std::fs::read_to_string(path).unwrap();
    let scenario = parse_scenario(&text, path).unwrap();
    let lesson = parse_lesson(&text, path, &scenario).unwrap();
    let session = Session::new(scenario).with_template(text);
    let (_, terminal) = session_at(session.clone(), 100, 30);
    let app = App::new(session, Some(path.into())).with_guide(Guide {
        lesson,
        quiz: false,
    });
    (app, terminal)
}

#[test]
fn the_app_w_enter_on_a_lesson_writes_a_file_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "les1.toml", LES1);
    let (mut app, _t) = app_on(&path);
    app.update(Action::Save);
    app.update(Action::PromptSubmit);
    assert!(app.prompt().is_none());
    loads(&path);
    // After step 1 (a removed), the file holds the state now and step 2 only.
    app.update(Action::NextStep);
    app.update(Action::Save);
    app.update(Action::PromptSubmit);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(!saved.contains("remove a"), "{saved}");
    assert!(saved.contains("refresh b"), "{saved}");
    assert!(!saved.contains("\na = "), "{saved}");
    loads(&path);
}

#[test]
fn the_app_refuses_a_save_whose_steps_cannot_run_and_offers_one_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "les1.toml", LES1);
    let (mut app, mut t) = app_on(&path);
    // By hand, before the lesson starts: step 1's `remove a` can no longer run.
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app.update(Action::FirstUser);
    app.update(Action::DeleteUser);
    app.update(Action::PromptChar('y'));
    app.update(Action::Save);
    app.update(Action::PromptSubmit);
    assert_eq!(
        app.prompt().map(|p| p.kind()),
        Some(&PromptKind::ConfirmNoSteps {
            path: path.clone().into(),
            number: 1
        })
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), LES1, "file kept");
    step_and_draw(&mut app, &mut t, Action::PromptChar('y'));
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        !saved.contains("[[step]]") && !saved.contains("title"),
        "{saved}"
    );
    assert!(screen(&t).contains("(without the lesson's steps)"));
    let (code, _, stderr) = cli::run(&["--scenario", &path, "--exec", "show"]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_script_save_that_would_break_the_steps_keeps_the_file_and_says_which_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "les1.toml", LES1);
    let (code, _, stderr) = cli::run(&[
        "--scenario",
        &path,
        "--exec",
        &format!("remove a; save {path}"),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("step 1 'remove a' cannot run on the state now: unknown user 'a'"),
        "{stderr}"
    );
    assert!(stderr.contains("save --no-steps PATH"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), LES1, "file kept");
    // The plain scenario instead.
    let (code, _, stderr) = cli::run(&[
        "--scenario",
        &path,
        "--exec",
        &format!("remove a; save --no-steps {path}"),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, out, stderr) = cli::run(&["--scenario", &path, "--exec", "show"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!out.contains("\na "), "{out}");
}

#[test]
fn a_step_adding_a_user_the_save_already_has_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = "current_time = 0\n[tokens]\na = { token = \"ta\", expiry = 10 }\n\
                [[step]]\nsay = \"Add z.\"\ndo = \"add z t 5\"\n";
    let path = write(dir.path(), "les.toml", text);
    let (code, _, stderr) = cli::run(&[
        "--scenario",
        &path,
        "--exec",
        &format!("add z q 9; save {path}"),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("step 1 'add z t 5' cannot run"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_race_step_for_a_user_added_again_without_clients_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = "current_time = 0\n[oauth]\nvalidator = \"pyjwt\"\n[tokens]\n\
                b = { token = \"at-b-1\", expiry = 100 }\n\
                [clients]\nb = [{ name = \"tab1\" }, { name = \"tab2\" }]\n\
                [[step]]\nsay = \"Race.\"\ndo = \"race b\"\n";
    let path = write(dir.path(), "les.toml", text);
    let (code, _, stderr) = cli::run(&[
        "--scenario",
        &path,
        "--exec",
        &format!("remove b; add b t 5; save {path}"),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("step 1 'race b' cannot run"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// The app's refusal says which step and why, and leaves how to save without the steps to its
/// own question (`y`), not to a script's `save --no-steps PATH`.
#[test]
fn the_apps_refusal_names_the_step_and_asks_instead_of_giving_script_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "les1.toml", LES1);
    let (mut app, mut t) = app_on(&path);
    app.update(Action::FirstUser);
    app.update(Action::DeleteUser);
    app.update(Action::PromptChar('y'));
    app.update(Action::Save);
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    let said = app.last_result().unwrap_or_default().to_owned();
    assert!(
        said.ends_with(
            "the lesson's step 1 'remove a' cannot run on the state now: unknown user 'a'"
        ),
        "{said}"
    );
    assert!(!said.contains("--no-steps"), "{said}");
    assert!(screen(&t).contains("Save without the steps?"));
}
