//! The app's `w`: saving over an existing file that is not the scenario's own asks first.

mod common;

use common::{screen, session_at, step_and_draw};
use std::path::{Path, PathBuf};
use tokenclock::domain::{Scenario, Session};
use tokenclock::files::scenario::LESSON_TOML;
use tokenclock::tui::app::prompt::PromptKind;
use tokenclock::tui::{Action, App};

fn lesson() -> Session {
    Session::new(Scenario::lesson()).with_template(LESSON_TOML)
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

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn saving_over_another_existing_file_asks_and_only_y_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("notes.toml");
    std::fs::write(&other, "precious").unwrap();
    let (mut app, mut t) = session_at(lesson(), 80, 24);
    app.update(Action::command("refresh"));
    save_as(&mut app, &other);
    assert_eq!(
        app.prompt().map(|p| p.kind()),
        Some(&PromptKind::ConfirmOverwrite {
            path: other.clone()
        })
    );
    step_and_draw(
        &mut app,
        &mut t,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    let shown = screen(&t);
    assert!(shown.contains("Replace notes.toml?"), "{shown}");
    assert!(
        shown.contains("y replaces the file, any other key keeps it"),
        "{shown}"
    );
    assert_eq!(read(&other), "precious", "nothing is written before y");

    app.update(Action::PromptChar('n'));
    assert_eq!(app.prompt(), None);
    assert_eq!(read(&other), "precious");
    let kept = format!("t=120 save cancelled: {} kept", other.display());
    assert_eq!(app.last_result(), Some(kept.as_str()));
    assert_eq!(app.scenario_path(), None);

    save_as(&mut app, &other);
    app.update(Action::PromptChar('y'));
    assert_eq!(app.prompt(), None);
    let saved = format!("t=120 saved to {}", other.display());
    assert_eq!(app.last_result(), Some(saved.as_str()));
    assert!(read(&other).starts_with("# The lesson tokenclock is built on"));
    assert!(read(&other).contains("alice = { token = \"newtoken123\", expiry = 220 }\n"));
    assert_eq!(app.scenario_path(), Some(&other));

    // Now it is the scenario's own file: w and Enter save over it without asking.
    app.update(Action::Advance);
    app.update(Action::Save);
    app.update(Action::PromptSubmit);
    assert_eq!(app.prompt(), None);
    assert!(read(&other).contains("current_time = 130\n"));
}

#[test]
fn enter_and_esc_in_the_confirmation_keep_the_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "precious").unwrap();
    let (mut app, _t) = session_at(lesson(), 80, 24);
    for key in [
        Action::PromptSubmit,
        Action::Cancel,
        Action::PromptChar('x'),
    ] {
        save_as(&mut app, &other);
        assert!(app.prompt().unwrap().is_confirmation());
        app.update(key.clone());
        assert_eq!(app.prompt(), None);
        assert_eq!(read(&other), "precious", "after {key:?}");
    }
    save_as(&mut app, &other);
    app.update(Action::PromptChar('Y'));
    assert!(read(&other).starts_with("# The lesson"));
}

#[test]
fn the_scenarios_own_file_under_another_name_and_a_new_file_are_saved_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("own.toml");
    std::fs::write(&own, LESSON_TOML).unwrap();
    // The scenario was loaded from `own`.
    let mut app = App::new(lesson(), Some(own.clone()));
    let other_spelling: PathBuf = dir.path().join(".").join("own.toml");
    app.update(Action::command("refresh"));
    save_as(&mut app, &other_spelling);
    assert_eq!(app.prompt(), None, "its own file is not asked about");
    assert!(read(&own).contains("newtoken123"));

    let new = dir.path().join("new.toml");
    save_as(&mut app, &new);
    assert_eq!(app.prompt(), None, "nothing to replace, nothing to ask");
    assert!(read(&new).contains("newtoken123"));

    // A path that is not a regular file is not asked about either: the save refuses it.
    save_as(&mut app, dir.path());
    let message = app.prompt().unwrap().message().unwrap();
    assert!(
        message.contains("it is a directory, not a regular file"),
        "{message}"
    );
    app.update(Action::Cancel);
    assert_eq!(app.prompt(), None);
}
