//! Presets by name (issue 18): `--preset NAME` opens the preset built into the binary wherever
//! it runs, `--preset list` lists them, and saving one starts a file of your own; saving over a
//! shipped file asks first.

mod common;

use std::process::Command;
use tokenclock::domain::Session;
use tokenclock::files::parse_scenario;
use tokenclock::presets::{PRESETS, find};
use tokenclock::tui::app::prompt::PromptKind;
use tokenclock::tui::{Action, App};

fn run_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_preset_by_name_opens_from_a_directory_without_assets() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!dir.path().join("assets").exists());
    let (code, out, err) = run_in(
        dir.path(),
        &["--preset", "two-tabs", "--exec", "time 3540; race nograce"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Refresh failed for nograce (tab2): reuse detected"),
        "{out}"
    );
}

#[test]
fn preset_list_names_every_preset_with_its_first_comment_line() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run_in(dir.path(), &["--preset", "list"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), PRESETS.len());
    assert!(out.contains(
        "rotation       Refresh-token rotation with reuse detection and no grace period (RFC 9700 §4.14.2).\n"
    ), "{out}");
    let (code, _, err) = run_in(dir.path(), &["--preset", "rotaton"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("no built-in preset 'rotaton' (did you mean 'rotation'?)"),
        "{err}"
    );
}

#[test]
fn saving_a_preset_by_name_starts_a_file_of_your_own() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["--preset", "rotation", "--exec", "advance 10; save my.toml"],
    );
    assert_eq!(code, Some(0), "{err}");
    let saved = std::fs::read_to_string(dir.path().join("my.toml")).unwrap();
    // The preset's comments come along; the clock is the one saved.
    assert!(saved.starts_with("# Refresh-token rotation"), "{saved}");
    assert!(saved.contains("current_time = 10"), "{saved}");
    // In the app, `w` on a preset loaded by name asks for a name: no path is offered.
    let preset = find("rotation").unwrap();
    let session = Session::new(parse_scenario(preset.text, "preset rotation").unwrap())
        .with_template(preset.text);
    let mut app = App::new(session, None);
    app.update(Action::Save);
    assert_eq!(app.prompt().map(|p| p.kind()), Some(&PromptKind::SavePath));
    assert_eq!(app.prompt().unwrap().input(), "");
}

#[test]
fn w_over_a_shipped_preset_asks_before_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    let assets = dir.path().join("assets");
    std::fs::create_dir(&assets).unwrap();
    let path = assets.join("rotation.toml");
    let text = find("rotation").unwrap().text;
    std::fs::write(&path, text).unwrap();
    let session = Session::new(parse_scenario(text, "rotation.toml").unwrap()).with_template(text);
    let (_, mut t) = common::session_at(session.clone(), 100, 30);
    let mut app = App::new(session, Some(path.clone()));
    app.update(Action::Advance);
    app.update(Action::Save);
    assert_eq!(app.prompt().unwrap().input(), path.to_str().unwrap());
    app.update(Action::PromptSubmit);
    assert_eq!(
        app.prompt().map(|p| p.kind()),
        Some(&PromptKind::ConfirmOverwrite { path: path.clone() })
    );
    common::step_and_draw(
        &mut app,
        &mut t,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    assert!(common::screen(&t).contains("Replace rotation.toml (a file tokenclock ships)?"));
    // Any key but y keeps it.
    app.update(Action::PromptChar('n'));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// A hostile preset name is refused (exit 2) and echoed escaped, never raw, on stderr.
#[test]
fn a_preset_name_with_escapes_is_refused_and_echoed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(dir.path(), &["--preset", "no\u{1b}]0;x\u{7}such"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty(), "{out}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(
        err.contains(r"no built-in preset 'no\u{1b}]0;x\u{7}such'"),
        "{err}"
    );
}

#[test]
fn a_transcript_of_a_preset_is_headed_with_the_preset_name() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "--preset",
            "two-tabs",
            "--transcript",
            "t.txt",
            "--exec",
            "show",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let transcript = std::fs::read_to_string(dir.path().join("t.txt")).unwrap();
    assert!(
        transcript.starts_with("# tokenclock 0.1.0 on preset two-tabs\n"),
        "{transcript}"
    );
}
