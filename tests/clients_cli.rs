//! The real binary on the clients presets (issue 9): each preset's story as its comments tell
//! it, lines naming the client, and bad client input (exit 2, nothing run).

#[path = "support/cli.rs"]
mod cli;

use cli::{check_console_blocks, run, story};

#[test]
fn two_tabs_preset_one_user_logged_out_and_two_not() {
    assert_eq!(
        story(
            "two-tabs.toml",
            "time 3540; race nograce; race grace30; race locked"
        ),
        "Refreshed token for nograce (tab1): at-nograce-2 (new refresh token rt-nograce-2, expires 7140)\n\
         Refresh failed for nograce (tab2): reuse detected (rt-nograce-1 was already used): family revoked at t=3540\n\
         Refreshed token for grace30 (tab1): at-grace30-2 (new refresh token rt-grace30-2, expires 7140)\n\
         Refreshed token for grace30 (tab2): at-grace30-3 (previous refresh token accepted inside the grace period; current one is rt-grace30-2, expires 7140)\n\
         Refreshed token for locked (tab1): at-locked-2 (new refresh token rt-locked-2, expires 7140)\n\
         Refreshed token for locked (tab2): at-locked-2 (single-flight: used tab1's answer)\n"
    );
}

#[test]
fn storm_preset_with_traffic_storms_and_single_flight_fixes_it() {
    let out = story("storm.toml", "traffic on; advance 300");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "t=60 Calls for storm: 200 OK × 5 (ui, feed, chat, search, upload)",
            "t=60 Calls for fixed: 200 OK × 5 (ui, feed, chat, search, upload)",
        ]
    );
    assert_eq!(
        lines[8..],
        [
            "t=300 Refreshed token for storm (ui): at-storm-2 (new refresh token rt-storm-2, expires 600)",
            "t=300 Refresh failed for storm (feed): reuse detected (rt-storm-1 was already used): family revoked at t=300",
            "t=300 Refresh failed for storm (chat): refresh token revoked (reuse detected at t=300)",
            "t=300 Refresh failed for storm (search): refresh token revoked (reuse detected at t=300)",
            "t=300 Refresh failed for storm (upload): refresh token revoked (reuse detected at t=300)",
            "t=300 Call for storm (ui): 200 OK (jsonwebtoken-rs: exp 600 + 60 ≥ now 300)",
            "t=300 Refreshed token for fixed (ui): at-fixed-2 (new refresh token rt-fixed-2, expires 600)",
            "t=300 Refreshed token for fixed (feed): at-fixed-2 (single-flight: used ui's answer)",
            "t=300 Refreshed token for fixed (chat): at-fixed-2 (single-flight: used ui's answer)",
            "t=300 Refreshed token for fixed (search): at-fixed-2 (single-flight: used ui's answer)",
            "t=300 Refreshed token for fixed (upload): at-fixed-2 (single-flight: used ui's answer)",
            "t=300 Calls for fixed: 200 OK × 5 (ui, feed, chat, search, upload)",
        ]
    );
}

#[test]
fn skew_preset_leeway_absorbs_only_part_of_a_clock_behind() {
    assert_eq!(
        story(
            "skew.toml",
            "time 350; call behind; time 390; call behind; call ahead; policy validator pyjwt; \
             time 350; call behind"
        ),
        "Call for behind (laptop): 200 OK (jsonwebtoken-rs: exp 300 + 60 ≥ now 350)\n\
         Call for behind (laptop): 401 invalid_token (token expired: jsonwebtoken-rs: exp 300 + 60 < now 390)\n\
         Refreshed token for ahead (laptop): at-ahead-2 (new refresh token rt-ahead-2, expires 690)\n\
         Call for ahead (laptop): 200 OK (jsonwebtoken-rs: exp 690 + 60 ≥ now 390)\n\
         Call for behind (laptop): 401 invalid_token (token expired: pyjwt: exp 300 ≤ now 350)\n"
    );
}

#[test]
fn lost_response_preset_retried_inside_and_outside_the_grace() {
    assert_eq!(
        story(
            "lost-response.toml",
            "time 3540; lose quick; lose slow; call quick; call slow; time 3550; call quick; \
             time 3580; call slow"
        ),
        "Refresh for quick (app): response lost; the server issued at-quick-2 and rt-quick-2, but app never got them and keeps rt-quick-1\n\
         Call for quick (app): 200 OK (jsonwebtoken-rs: exp 3600 + 60 ≥ now 3540)\n\
         Refresh for slow (app): response lost; the server issued at-slow-2 and rt-slow-2, but app never got them and keeps rt-slow-1\n\
         Call for slow (app): 200 OK (jsonwebtoken-rs: exp 3600 + 60 ≥ now 3540)\n\
         Refreshed token for quick (app): at-quick-3 (previous refresh token accepted inside the grace period; current one is rt-quick-2, expires 7150)\n\
         Call for quick (app): 200 OK (jsonwebtoken-rs: exp 7150 + 60 ≥ now 3550)\n\
         Refresh failed for slow (app): reuse detected (rt-slow-1 was already used): family revoked at t=3580\n\
         Logged out: slow (app) sends nothing until it logs in again (a refresh failed)\n"
    );
}

#[test]
fn a_bad_client_command_runs_nothing_and_exits_2() {
    let path = format!("{}/assets/two-tabs.toml", env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, stderr) = run(&[
        "--scenario",
        &path,
        "--exec",
        "race locked; call nograce tab9; skew nograce tab1 soon",
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "tokenclock: script:2: 'nograce' has no client 'tab9' (its clients: tab1, tab2)\n\
         tokenclock: script:3: 'soon' is not a whole number of ticks\n\
         tokenclock: the script has 2 bad commands; nothing was run\n"
    );
    let (code, _, stderr) = run(&["--exec", "race alice"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("'race' needs the real-world model"),
        "{stderr}"
    );
}

#[test]
fn bad_switches_and_validator_names_in_scripts_say_what_is_valid() {
    let path = format!("{}/assets/two-tabs.toml", env!("CARGO_MANIFEST_DIR"));
    for (command, said) in [
        (
            "traffic maybe",
            &"script:1: 'maybe' is not on or off".to_owned(),
        ),
        (
            "policy retry-on-401 maybe",
            &"script:1: 'maybe' is not on or off".to_owned(),
        ),
        (
            "policy validator jose",
            &format!(
                "script:1: unknown validator 'jose'; valid ones: {}",
                tokenclock::domain::oauth::Validator::names()
            ),
        ),
    ] {
        let (code, stdout, stderr) = run(&["--scenario", &path, "--exec", command]);
        assert_eq!((code, stdout.as_str()), (Some(2), ""), "{command}");
        assert!(
            stderr.starts_with(&format!("tokenclock: {said}\n")),
            "{stderr}"
        );
    }
}

#[test]
fn a_preset_without_clients_prints_the_real_world_lines_unchanged() {
    assert_eq!(
        story("leeway.toml", "call py; call rs"),
        "Call for py: 401 invalid_token (token expired: pyjwt: exp 1000 ≤ now 1000)\n\
         Call for rs: 200 OK (jsonwebtoken-rs: exp 1000 + 60 ≥ now 1000)\n"
    );
}

#[test]
fn a_bad_clients_table_in_a_preset_file_is_an_error_with_its_place() {
    let dir = std::env::temp_dir().join(format!("tokenclock-clients-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.toml");
    std::fs::write(
        &file,
        "current_time = 0\n[oauth]\n[tokens]\nalice = { token = \"a\", expiry = 1 }\n\
         [clients]\nalice = [{ name = \"tab1\" }, { name = \"tab1\" }]\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["--scenario", file.to_str().unwrap(), "--exec", "show"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert!(
        stderr.ends_with("bad.toml:6:29: duplicate client 'tab1' (client of alice)\n"),
        "{stderr}"
    );
}

/// The manual's clients examples (its console block) print what the manual shows.
#[test]
fn manual_clients_examples_print_what_the_manual_says() {
    let checked = check_console_blocks(include_str!("../docs/src/clients.md"));
    assert_eq!(checked, 5);
}

/// Issue 17: a skew may be negative, so a bad one says what is wrong with it (two signs, past
/// i64's range), and a bad client name says "client name", not "user name".
#[test]
fn bad_skews_and_client_names_say_what_is_wrong() {
    let path = format!("{}/assets/two-tabs.toml", env!("CARGO_MANIFEST_DIR"));
    for (command, said) in [
        (
            "skew nograce tab1 +-5",
            "script:1: '+-5' has more than one sign; a clock offset is e.g. -90, +30 or -1m",
        ),
        (
            "skew nograce tab1 --5",
            "script:1: '--5' has more than one sign; a clock offset is e.g. -90, +30 or -1m",
        ),
        (
            "skew nograce tab1 -99999999999999999999",
            "script:1: '-99999999999999999999' is too large for a clock offset (from -9223372036854775808 to 9223372036854775807)",
        ),
        (
            "skew nograce tab1 9223372036854775808",
            "script:1: '9223372036854775808' is too large for a clock offset (from -9223372036854775808 to 9223372036854775807)",
        ),
        (
            "lose nograce tab\u{202e}1",
            "script:1: client name contains a bidirectional control",
        ),
    ] {
        let (code, stdout, stderr) = run(&["--scenario", &path, "--exec", command]);
        assert_eq!((code, stdout.as_str()), (Some(2), ""), "{command}");
        assert!(
            stderr.starts_with(&format!("tokenclock: {said}")),
            "{command}: {stderr}"
        );
    }
    let (code, stdout, _) = run(&["--scenario", &path, "--exec", "skew nograce tab1 -5; show"]);
    assert_eq!(code, Some(0));
    assert!(!stdout.is_empty());
}

/// Issue 17: `race storm` after a forced logout says each client in the clients' order (the
/// logged-out ones in their places, not before the request that is still sent).
#[test]
fn a_race_after_a_forced_logout_keeps_the_clients_order() {
    let out = cli::story("storm.toml", "time 3540; race storm; race storm");
    let second: Vec<&str> = out.lines().skip(5).collect();
    let clients: Vec<&str> = second
        .iter()
        .map(|l| {
            let start = l.find("storm (").unwrap() + "storm (".len();
            &l[start..start + l[start..].find(')').unwrap()]
        })
        .collect();
    assert_eq!(clients, ["ui", "feed", "chat", "search", "upload"], "{out}");
}

/// Issue 17: the transcript says "1 user shown", not "1 users shown".
#[test]
fn show_of_one_user_is_singular_in_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("t.txt");
    let (code, _, stderr) = cli::run(&[
        "--exec",
        "remove alice; remove bob; show",
        "--transcript",
        transcript.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let text = std::fs::read_to_string(&transcript).unwrap();
    assert!(text.contains("show → 1 user shown"), "{text}");
}

/// Issue 18: the laptop behind gets two 401s by default (`skew.toml`, `time 390; call behind;
/// call behind`); with retry-on-401 on it refreshes after the first and its retry is served.
#[test]
fn skew_preset_with_retry_on_401_refreshes_after_the_401_and_retries_once() {
    assert_eq!(
        story("skew.toml", "time 390; call behind; call behind"),
        "Call for behind (laptop): 401 invalid_token (token expired: jsonwebtoken-rs: exp 300 + 60 < now 390)\n\
         Call for behind (laptop): 401 invalid_token (token expired: jsonwebtoken-rs: exp 300 + 60 < now 390)\n"
    );
    assert_eq!(
        story(
            "skew.toml",
            "time 390; policy retry-on-401 on; call behind; call behind"
        ),
        "Call for behind (laptop): 401 invalid_token (token expired: jsonwebtoken-rs: exp 300 + 60 < now 390)\n\
         Refreshed token for behind (laptop) after a 401: at-behind-2 (new refresh token rt-behind-2, expires 690)\n\
         Retry for behind (laptop): 200 OK (jsonwebtoken-rs: exp 690 + 60 ≥ now 390)\n\
         Call for behind (laptop): 200 OK (jsonwebtoken-rs: exp 690 + 60 ≥ now 390)\n"
    );
}

/// `retry_on_401` that is not true or false, in `[oauth]` or on a user, names the file, the
/// line and the column of the value (and on a user, the user, as the other errors of a user's
/// entry do), and nothing runs (exit 2).
#[test]
fn a_retry_on_401_that_is_not_true_or_false_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    for (text, said) in [
        (
            "current_time = 0\n[oauth]\nretry_on_401 = \"yes\"\n[tokens]\na = { token = \"t\", expiry = 5 }\n",
            "s.toml:3:16: expected true or false, found text",
        ),
        (
            "current_time = 0\n[oauth]\n[tokens]\na = { token = \"t\", expiry = 5, retry_on_401 = \"yes\" }\n",
            "s.toml:4:47: expected true or false, found text (user a)",
        ),
    ] {
        let path = dir.path().join("s.toml");
        std::fs::write(&path, text).unwrap();
        let (code, stdout, stderr) =
            cli::run(&["--scenario", path.to_str().unwrap(), "--exec", "users"]);
        assert_eq!((code, stdout.as_str()), (Some(2), ""), "{text}");
        assert_eq!(
            stderr,
            format!("tokenclock: {}/{said}\n", dir.path().display())
        );
    }
}
