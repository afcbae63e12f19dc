//! `save` in the real binary: the teacher's file is edited in place, and a save is safe for
//! whatever is at the path.

use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn tokenclock(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Runs and expects success with nothing on stderr; returns stdout.
fn ok(args: &[&str]) -> String {
    let run = tokenclock(args);
    assert_eq!(run.stderr, "", "stderr of {args:?}");
    assert_eq!(run.code, Some(0), "exit code of {args:?}");
    run.stdout
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn saving_a_commented_scenario_over_itself_keeps_the_teachers_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("boundary.toml");
    let original = text(Path::new("assets/boundary.toml"));
    std::fs::write(&path, &original).unwrap();
    let file = path.to_str().unwrap();
    let steps = "advance 1; add dave d1 300; remove eli";
    ok(&[
        "--scenario",
        file,
        "--exec",
        &format!("{steps}; save {file}"),
    ]);
    let expected = original
        .replace("current_time = 100\n", "current_time = 101\n")
        .replace("eli  = { token = \"eli100\", expiry = 100 }\n", "")
        + "dave = { token = \"d1\", expiry = 300 }\n";
    assert_eq!(text(&path), expected);
    // The saved file is the state the steps reached.
    assert_eq!(
        ok(&["--scenario", file, "--exec", "show"]),
        ok(&[
            "--scenario",
            "assets/boundary.toml",
            "--exec",
            &format!("{steps}; show")
        ])
    );
}

#[test]
fn a_roster_is_saved_as_a_new_file_with_every_key_spelled_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.toml");
    let file = path.to_str().unwrap();
    ok(&[
        "--users",
        "assets/class.csv",
        "--exec",
        &format!("save {file}"),
    ]);
    let saved = text(&path);
    for key in [
        "current_time = 120\n",
        "ttl = 100\n",
        "boundary = \"lesson\"\n",
        "early = 0\n",
        "leeway = 0\n",
    ] {
        assert!(saved.contains(key), "{key} missing from {saved}");
    }
}

#[test]
fn saving_the_untouched_lesson_writes_the_lesson_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lesson.toml");
    ok(&["--exec", &format!("save {}", path.display())]);
    assert_eq!(text(&path), text(Path::new("assets/lesson.toml")));
}
