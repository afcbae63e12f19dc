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

/// Runs and expects `code` with nothing on stdout; returns stderr.
fn fails(code: i32, args: &[&str]) -> String {
    let run = tokenclock(args);
    assert_eq!(run.stdout, "", "stdout of {args:?}");
    assert_eq!(
        run.code,
        Some(code),
        "exit code of {args:?}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

#[cfg(unix)]
#[test]
fn save_refuses_a_device_and_a_fifo_and_leaves_them_alone() {
    use std::os::unix::fs::FileTypeExt;
    let err = fails(1, &["--exec", "save /dev/null"]);
    assert_eq!(
        err,
        "tokenclock: script:1: cannot save the scenario to /dev/null: it is a device, not a \
         regular file; nothing was written\n"
    );
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = fails(1, &["--exec", &format!("save {}", fifo.display())]);
    assert!(
        err.contains("it is a named pipe (FIFO), not a regular file"),
        "{err}"
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_replaces_the_target_and_keeps_the_link_and_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.toml");
    std::fs::copy("assets/boundary.toml", &target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("real.toml", &link).unwrap();
    let link = link.to_str().unwrap();
    ok(&[
        "--scenario",
        link,
        "--exec",
        &format!("advance 1; save {link}"),
    ]);
    assert!(std::fs::symlink_metadata(link).unwrap().is_symlink());
    let saved = text(&target);
    assert!(saved.contains("current_time = 101\n"), "{saved}");
    assert!(
        saved.starts_with("# The boundary tick"),
        "comments kept: {saved}"
    );
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_file_name_of_250_bytes_loads_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.toml", "x".repeat(245)));
    std::fs::copy("assets/lesson.toml", &path).unwrap();
    let file = path.to_str().unwrap();
    ok(&[
        "--scenario",
        file,
        "--exec",
        &format!("refresh alice; save {file}"),
    ]);
    assert!(text(&path).contains("alice = { token = \"newtoken123\", expiry = 220 }\n"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_transcript_that_is_the_scenario_or_the_roster_under_another_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::copy("assets/boundary.toml", &scenario).unwrap();
    let roster = dir.path().join("r.csv");
    std::fs::copy("assets/class.csv", &roster).unwrap();
    let alias = dir.path().join("alias.txt");
    std::os::unix::fs::symlink("s.toml", &alias).unwrap();
    let hard = dir.path().join("hard.txt");
    std::fs::hard_link(&roster, &hard).unwrap();
    let (s, r) = (scenario.to_str().unwrap(), roster.to_str().unwrap());
    let (alias, hard) = (alias.to_str().unwrap(), hard.to_str().unwrap());

    let err = fails(
        2,
        &[
            "--scenario",
            s,
            "--transcript",
            alias,
            "--exec",
            "refresh-all",
        ],
    );
    assert_eq!(
        err,
        format!(
            "tokenclock: {alias}: the transcript would be written into the scenario file {s}; \
             choose another file\n"
        )
    );
    // The same refusal before the app opens (no terminal needed to see it).
    let err = fails(2, &["--users", r, "--transcript", hard]);
    assert!(
        err.contains(&format!("written into the roster file {r};")),
        "{err}"
    );
    assert_eq!(text(&scenario), text(Path::new("assets/boundary.toml")));
    assert_eq!(text(&roster), text(Path::new("assets/class.csv")));
}

#[test]
fn a_failed_save_quotes_the_paths_without_their_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    // The script's own name is quoted too (`FILE:LINE:`).
    let script = dir.path().join("demo\u{1b}[2J.txt");
    let hostile = dir.path().join("no\u{1b}]0,PWNED\u{7}dir/s.toml");
    std::fs::write(&script, format!("show\nsave {}\n", hostile.display())).unwrap();
    let run = tokenclock(&["--script", script.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let err = run.stderr;
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.starts_with("tokenclock: "), "{err}");
    assert!(
        err.contains("demo\\u{1b}[2J.txt:2: cannot save the scenario to "),
        "{err}"
    );
    assert!(err.contains("no\\u{1b}]0,PWNED\\u{7}dir/s.toml: "), "{err}");
}

/// A per-user setting added to a user's inline table goes before its closing space, as a person
/// would write it: `expiry = 3600, grace = 5 }`, not `expiry = 3600 , grace = 5 }`.
#[test]
fn a_per_user_setting_saved_in_place_joins_the_inline_table_neatly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tabs.toml");
    let saved = path.to_str().unwrap();
    ok(&[
        "--scenario",
        "assets/two-tabs.toml",
        "--exec",
        &format!(
            "policy grace 5 --user nograce; policy single-flight on --user grace30; save {saved}"
        ),
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("nograce = { token = \"at-nograce-1\", expiry = 3600, grace = 5 }\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "grace30 = { token = \"at-grace30-1\", expiry = 3600, grace = 30, single_flight = true }\n"
        ),
        "{text}"
    );
}

/// Issue 17's hostile sweep: a mistyped `save --nosteps` was a save to a file named
/// `--nosteps` (exit 0); a path that starts with `-` is refused before anything runs, and
/// `./-x` still saves to such a file.
#[test]
fn a_save_path_that_looks_like_an_option_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for word in ["--nosteps", "-"] {
        let run = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
            .current_dir(dir.path())
            .args(["--exec", &format!("save {word}")])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{word}");
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(
            stderr.starts_with(&format!(
                "tokenclock: script:1: '{word}' looks like an option, not a file name"
            )),
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
    let run = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .current_dir(dir.path())
        .args(["--exec", "save ./-x"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert!(dir.path().join("-x").is_file());
}
