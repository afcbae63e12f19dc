//! The real binary: the output contract, exit codes and error messages of the command line.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn tokenclock(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Runs and expects success with nothing on stderr; returns stdout.
fn ok(args: &[&str]) -> String {
    let run = tokenclock(args, None);
    assert_eq!(run.stderr, "", "stderr of {args:?}");
    assert_eq!(run.code, Some(0), "exit code of {args:?}");
    run.stdout
}

/// Runs and expects exit 2 with nothing on stdout; returns stderr.
fn bad(args: &[&str]) -> String {
    let run = tokenclock(args, None);
    assert_eq!(run.stdout, "", "stdout of {args:?}");
    assert_eq!(
        run.code,
        Some(2),
        "exit code of {args:?}; stderr: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

const LESSON_ALL: &str = "Refreshed token for alice: newtoken123\n\
                          Token for bob is still valid: def456 (expires at 200)\n\
                          Refreshed token for carol: newtoken123\n";

#[test]
fn refresh_alice_prints_exactly_the_lesson_line() {
    assert_eq!(
        ok(&["--exec", "refresh alice"]),
        "Refreshed token for alice: newtoken123\n"
    );
}

#[test]
fn bob_is_still_valid() {
    assert_eq!(
        ok(&["--exec", "refresh bob"]),
        "Token for bob is still valid: def456 (expires at 200)\n"
    );
}

#[test]
fn refresh_all_prints_one_line_per_user_in_order() {
    assert_eq!(ok(&["--exec", "refresh-all"]), LESSON_ALL);
}

#[test]
fn show_prints_the_clock_and_an_aligned_table() {
    assert_eq!(
        ok(&["--exec", "refresh alice; show"]),
        "Refreshed token for alice: newtoken123\n\
         current_time = 120  (refresh when expiry < now)\n\
         user   token        expiry  remaining  status\n\
         alice  newtoken123     220        100  valid\n\
         bob    def456          200         80  valid\n\
         carol  ghi789           50          -  expired 70 ticks ago\n"
    );
}

#[test]
fn a_script_from_stdin_and_from_a_file() {
    let script = "# the lesson, all of it\nrefresh-all\n\n";
    let run = tokenclock(&["--script", "-"], Some(script));
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(run.stdout, LESSON_ALL);

    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "demo.txt", script);
    assert_eq!(ok(&["--script", &path]), LESSON_ALL);
}

#[test]
fn state_changing_commands_print_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("s.toml");
    let script = format!(
        "advance 10\nrewind 5\ntime 120\nadd dave tok 300\nremove dave\nundo\nredo\n\
         set-expiry bob 119\npolicy boundary rfc7519\npolicy early 5\npolicy leeway 3\nsave {}",
        saved.display()
    );
    assert_eq!(ok(&["--exec", &script]), "");
    assert!(saved.exists());
}

#[test]
fn every_command_changes_the_state_as_it_says() {
    let script = "advance 30; rewind 10; show\n\
                  time 100; refresh alice\n\
                  time 120; add dave d0 119; set-expiry carol 121; remove bob; refresh-all\n\
                  undo; show; redo\n\
                  policy boundary rfc7519; set-expiry alice 120; refresh alice\n\
                  policy boundary lesson; policy early 10; set-expiry alice 125; refresh alice\n\
                  policy early 0; policy leeway 5; time 127; show";
    let out = ok(&["--exec", script]);
    let expected = "\
current_time = 140  (refresh when expiry < now)
user   token   expiry  remaining  status
alice  abc123     100          -  expired 40 ticks ago
bob    def456     200         60  valid
carol  ghi789      50          -  expired 90 ticks ago
Token for alice is still valid: abc123 (expires at 100)
Refreshed token for alice: newtoken123
Token for carol is still valid: ghi789 (expires at 121)
Refreshed token for dave: newtoken123
current_time = 120  (refresh when expiry < now)
user   token   expiry  remaining  status
alice  abc123     100          -  expired 20 ticks ago
carol  ghi789     121          1  valid
dave   d0         119          -  expired 1 tick ago
Refreshed token for alice: newtoken123
Refreshed token for alice: newtoken123
current_time = 127  (refresh when expiry < now; leeway 5)
user   token        expiry  remaining  status
alice  newtoken123     220         93  valid
carol  ghi789          121          -  expired 6 ticks ago
dave   newtoken123     220         93  valid
";
    assert_eq!(out, expected);
}

#[test]
fn help_lists_the_commands() {
    let out = ok(&["--exec", "help"]);
    assert!(out.starts_with("Commands:\n  refresh USER"));
    assert!(out.contains("policy boundary lesson|rfc7519"));
    let help = ok(&["--help"]);
    assert!(help.contains("--exec <COMMANDS>"));
    assert!(help.contains("tokenclock --exec \"refresh alice\""));
    assert!(ok(&["--version"]).starts_with("tokenclock 0."));
}

#[test]
fn a_bad_script_runs_nothing_and_lists_every_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("never.toml");
    let script = format!(
        "save {}\nrefresh alice\nrefesh bob\nadvance\nrefresh dave\nadvance -3\nshow extra\n\
         refresh alice bob\npolicy boundary strict\n",
        saved.display()
    );
    let path = write(dir.path(), "bad.txt", &script);
    let err = bad(&["--script", &path]);
    assert_eq!(
        err,
        format!(
            "tokenclock: {path}:3: unknown command 'refesh' (did you mean 'refresh'?)\n\
             tokenclock: {path}:4: missing N (usage: advance N)\n\
             tokenclock: {path}:5: unknown user 'dave'\n\
             tokenclock: {path}:6: '-3' is negative; ticks are 0 or more\n\
             tokenclock: {path}:7: extra arguments 'extra' ('show' takes no arguments)\n\
             tokenclock: {path}:8: extra arguments 'bob' (usage: refresh USER)\n\
             tokenclock: {path}:9: unknown boundary 'strict'; valid ones: lesson, rfc7519\n\
             tokenclock: the script has 7 bad commands; nothing was run\n"
        )
    );
    assert!(!saved.exists(), "save must not run in a bad script");
}

#[test]
fn a_user_removed_earlier_is_an_error_before_anything_runs() {
    let err = bad(&["--exec", "refresh alice; remove bob; refresh bob"]);
    assert_eq!(
        err,
        "tokenclock: script:3: unknown user 'bob' (removed earlier, at 2)\n\
         tokenclock: the script has 1 bad command; nothing was run\n"
    );
    assert_eq!(
        ok(&["--exec", "add dave d 1; refresh dave"]),
        "Refreshed token for dave: newtoken123\n"
    );
}

#[test]
fn control_characters_in_a_script_are_escaped_in_errors() {
    let err = bad(&["--exec", "refresh \u{1b}[2J; \u{9b}31m"]);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{9b}'),
        "{err:?}"
    );
    assert!(err.contains("script:1: user name contains a control character U+001B at character 1"));
    assert!(err.contains("script:2: unknown command '\\u{9b}31m'"));
}

#[test]
fn a_script_that_is_not_utf8_or_missing_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bin.txt");
    std::fs::write(&path, b"refresh alice\nrefresh \xff\n").unwrap();
    let err = bad(&["--script", path.to_str().unwrap()]);
    assert!(
        err.ends_with("bin.txt:2:9: the script is not valid UTF-8\n"),
        "{err}"
    );
    let err = bad(&["--script", "/no/such/script.txt"]);
    assert!(err.starts_with("tokenclock: /no/such/script.txt: cannot read the script:"));
}

#[test]
fn bad_scenario_and_roster_files_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = write(
        dir.path(),
        "s.toml",
        "current_time = 120\n[tokens]\nalice = { token = \"abc\", expiry = -5 }\n",
    );
    let err = bad(&["--scenario", &scenario, "--exec", "refresh alice"]);
    assert!(
        err.starts_with(&format!("tokenclock: {scenario}:3:")),
        "{err}"
    );
    assert!(err.contains("negative"), "{err}");

    let roster = write(
        dir.path(),
        "r.csv",
        "user,token,expiry\nann,t1,5\nann,t2,6\n",
    );
    let err = bad(&["--users", &roster, "--exec", "refresh-all"]);
    assert_eq!(
        err,
        format!("tokenclock: {roster}:3: duplicate user 'ann'\n")
    );

    let err = bad(&["--scenario", "/no/such.toml"]);
    assert!(err.starts_with("tokenclock: /no/such.toml: cannot read the scenario:"));
    let err = bad(&["--users", "/no/such.csv", "--exec", "show"]);
    assert!(err.starts_with("tokenclock: /no/such.csv: cannot read the roster:"));
}

#[test]
fn usage_errors_exit_2() {
    let run = tokenclock(&["--exec", "show", "--script", "x"], None);
    assert_eq!((run.code, run.stdout.as_str()), (Some(2), ""));
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    assert_eq!(tokenclock(&["--frobnicate"], None).code, Some(2));
}

#[test]
fn a_roster_replaces_the_users_but_keeps_the_clock_and_policy() {
    let dir = tempfile::tempdir().unwrap();
    let roster = write(
        dir.path(),
        "class.csv",
        "user,token,expiry\nzoe,z1,119\nyan,y1,120\n",
    );
    assert_eq!(
        ok(&["--users", &roster, "--exec", "refresh-all"]),
        "Refreshed token for zoe: newtoken123\n\
         Token for yan is still valid: y1 (expires at 120)\n"
    );
    let err = bad(&["--users", &roster, "--exec", "refresh alice"]);
    assert!(err.contains("script:1: unknown user 'alice'"), "{err}");

    let scenario = write(
        dir.path(),
        "s.toml",
        "current_time = 120\n[refresh]\nttl = 5\nnew_token = \"fresh\"\nboundary = \"rfc7519\"\n\
         [tokens]\nalice = { token = \"a\", expiry = 1 }\n",
    );
    assert_eq!(
        ok(&[
            "--scenario",
            &scenario,
            "--users",
            &roster,
            "--exec",
            "refresh-all; show"
        ]),
        "Refreshed token for zoe: fresh\n\
         Refreshed token for yan: fresh\n\
         current_time = 120  (refresh when expiry ≤ now)\n\
         user  token  expiry  remaining  status\n\
         zoe   fresh     125          5  valid\n\
         yan   fresh     125          5  valid\n"
    );
}

#[test]
fn the_transcript_records_every_action_and_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handout.txt");
    let transcript = path.to_str().unwrap();
    std::fs::write(&path, "kept\n").unwrap();
    ok(&[
        "--transcript",
        transcript,
        "--exec",
        "refresh alice; advance 80; refresh-all; undo; policy boundary rfc7519; show",
    ]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "kept\n\
         # tokenclock 0.1.0 on built-in lesson\n\
         t=120 refresh alice → Refreshed token for alice: newtoken123\n\
         t=120 advance 80 → time is 200\n\
         t=200 refresh-all → Token for alice is still valid: newtoken123 (expires at 220)\n\
         t=200 refresh-all → Token for bob is still valid: def456 (expires at 200)\n\
         t=200 refresh-all → Refreshed token for carol: newtoken123\n\
         t=200 undo → undid refresh carol\n\
         t=200 policy boundary rfc7519 → refresh when expiry ≤ now\n\
         t=200 show → 3 users shown\n"
    );
    let err = bad(&["--transcript", "/no/such/dir/t.txt", "--exec", "show"]);
    assert!(err.starts_with("tokenclock: /no/such/dir/t.txt: cannot write the transcript:"));
}

#[test]
fn a_saved_scenario_loads_back_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved.toml");
    let saved = saved.to_str().unwrap();
    ok(&[
        "--exec",
        &format!("refresh alice; advance 5; add \"zoë\" t-1 300; policy leeway 2; save {saved}"),
    ]);
    let text = std::fs::read_to_string(saved).unwrap();
    assert!(text.contains("current_time = 125\n"), "{text}");
    assert!(
        // Appended to the lesson's layout, the name quoted as a TOML literal string.
        text.contains("\n'\"zoë\"' = { token = \"t-1\", expiry = 300 }\n"),
        "{text}"
    );
    assert_eq!(
        ok(&["--scenario", saved, "--exec", "show"]),
        "current_time = 125  (refresh when expiry < now; leeway 2)\n\
         user   token        expiry  remaining  status\n\
         alice  newtoken123     220         95  valid\n\
         bob    def456          200         75  valid\n\
         carol  ghi789           50          -  expired 75 ticks ago\n\
         \"zoë\"  t-1             300        175  valid\n"
    );
}

#[test]
fn a_save_that_fails_exits_1_after_the_earlier_output() {
    let run = tokenclock(&["--exec", "refresh alice; save /no/such/dir/s.toml"], None);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "Refreshed token for alice: newtoken123\n");
    assert!(
        run.stderr
            .starts_with("tokenclock: script:2: cannot save the scenario to /no/such/dir/s.toml:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_closed_stdout_exits_1_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let script = write(dir.path(), "long.txt", &"show\n".repeat(200_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(["--script", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("tokenclock: cannot write the output:"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn without_a_terminal_the_app_says_so_and_writes_no_escape_sequences() {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        "tokenclock: the interactive app needs a terminal on standard output; \
         for pipelines and files use --exec or --script\n"
    );
}

#[test]
fn a_bad_roster_lists_every_bad_line_each_on_its_own_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.csv");
    std::fs::write(&path, "user,token,expiry\nann,a1,-5\nben,b1,12.5\ncy,c1,\n").unwrap();
    let roster = path.to_str().unwrap();
    let err = bad(&["--users", roster, "--exec", "show"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    for (line, (n, what)) in lines.iter().zip([
        (2, "expiry '-5' is negative"),
        (3, "expiry '12.5' is not a whole number"),
        (4, "expiry is empty"),
    ]) {
        assert!(
            line.starts_with(&format!("tokenclock: {roster}:{n}: {what}")),
            "{line}"
        );
    }
}
