//! The real binary on the real-world presets: each preset's story as its comments tell it,
//! durations, and bad `[oauth]` input (file:line:column, exit 2).

#[path = "support/cli.rs"]
mod cli;

use cli::{check_console_blocks, run, story};

#[test]
fn rotation_preset_theft_family_revoked_and_login() {
    assert_eq!(
        story(
            "rotation.toml",
            "time 10; steal alice; time 300; refresh alice; time 400; replay alice; time 450; \
             call alice; time 600; refresh alice; login alice"
        ),
        "Stolen from alice: the attacker copied rt-alice-1\n\
         Refreshed token for alice: at-alice-2 (new refresh token rt-alice-2, expires 600)\n\
         Replay for alice: reuse detected: rt-alice-1 (stolen) was already used; family revoked at t=400\n\
         Call for alice: 200 OK (jsonwebtoken-rs: exp 600 + 60 ≥ now 450)\n\
         Refresh failed for alice: refresh token revoked (reuse detected at t=400)\n\
         Logged in alice: access token at-alice-3 (expires 900), refresh token rt-alice-3 (new family; the earlier one kept as it was)\n"
    );
}

#[test]
fn sliding_preset_idle_and_absolute_one_tick_apart() {
    assert_eq!(
        story(
            "sliding.toml",
            "refresh idle; undo; time 35700; refresh idle; refresh active; time 35999; \
             refresh active; time 36000; refresh active"
        ),
        "Refreshed token for idle: at-idle-3 (new refresh token rt-idle-3, expires 35999)\n\
         Refresh failed for idle: refresh token idle since 33900 (idle deadline 35700); family revoked\n\
         Refreshed token for active: at-active-121 (new refresh token rt-active-120, expires 36000)\n\
         Token for active is still valid: at-active-121 (expires at 36000)\n\
         Refresh failed for active: refresh token expired at 36000 (absolute lifetime); family revoked\n"
    );
}

#[test]
fn revoke_preset_shows_the_stateless_gap() {
    assert_eq!(
        story(
            "revoke.toml",
            "time 200; revoke jay; revoke oli; call jay; call oli; time 400; call jay; refresh jay"
        ),
        "Revoked jay: family revoked; the jwt access token is still accepted by pyjwt until t=399 (the stateless gap)\n\
         Revoked oli: family revoked; the opaque access token is rejected from now on\n\
         Call for jay: 200 OK (pyjwt: exp 400 > now 200; revoked at t=200, but a JWT is checked locally: the stateless gap)\n\
         Call for oli: 401 invalid_token (revoked at t=200: the opaque token is introspected and inactive)\n\
         Call for jay: 401 invalid_token (token expired: pyjwt: exp 400 ≤ now 400)\n\
         Refresh failed for jay: refresh token revoked (revoked by the server at t=200)\n"
    );
}

#[test]
fn leeway_preset_pyjwt_rejects_what_jsonwebtoken_accepts() {
    assert_eq!(
        story(
            "leeway.toml",
            "call py; call js; call rs; time 1059; call spring; time 1060; call spring; call rs; \
             time 1061; call rs; call net; time 1299; call net; time 1300; call net"
        ),
        "Call for py: 401 invalid_token (token expired: pyjwt: exp 1000 ≤ now 1000)\n\
         Call for js: 401 invalid_token (token expired: jsonwebtoken-js: exp 1000 ≤ now 1000)\n\
         Call for rs: 200 OK (jsonwebtoken-rs: exp 1000 + 60 ≥ now 1000)\n\
         Call for spring: 200 OK (spring: exp 1000 + 60 > now 1059)\n\
         Call for spring: 401 invalid_token (token expired: spring: exp 1000 + 60 ≤ now 1060)\n\
         Call for rs: 200 OK (jsonwebtoken-rs: exp 1000 + 60 ≥ now 1060)\n\
         Call for rs: 401 invalid_token (token expired: jsonwebtoken-rs: exp 1000 + 60 < now 1061)\n\
         Call for net: 200 OK (dotnet: exp 1000 + 300 > now 1061)\n\
         Call for net: 200 OK (dotnet: exp 1000 + 300 > now 1299)\n\
         Call for net: 401 invalid_token (token expired: dotnet: exp 1000 + 300 ≤ now 1300)\n"
    );
}

#[test]
fn auth0_preset_reuse_revokes_the_family() {
    assert_eq!(
        story(
            "auth0.toml",
            "time 1d; refresh ana; replay ana; call ana; login ana"
        ),
        "Refreshed token for ana: at-ana-2 (new refresh token rt-ana-2, expires 172800)\n\
         Replay for ana: reuse detected: rt-ana-1 (the used one) was already used; family revoked at t=86400\n\
         Call for ana: 200 OK (jsonwebtoken-rs: exp 172800 + 60 ≥ now 86400)\n\
         Logged in ana: access token at-ana-3 (expires 172800), refresh token rt-ana-3 (new family; the earlier one kept as it was)\n"
    );
}

#[test]
fn okta_preset_two_tabs_with_and_without_grace() {
    assert_eq!(
        story("okta.toml", "refresh tab; advance 1; replay tab"),
        "Refreshed token for tab: at-tab-2 (new refresh token rt-tab-2, expires 7140)\n\
         Replay for tab: tolerated inside the grace period: rt-tab-1 (the used one) got at-tab-3 (expires 7141) and the current rt-tab-2\n"
    );
    assert_eq!(
        story(
            "okta.toml",
            "policy grace 0; refresh tab; advance 1; replay tab; call tab"
        ),
        "Refreshed token for tab: at-tab-2 (new refresh token rt-tab-2, expires 7140)\n\
         Replay for tab: reuse detected: rt-tab-1 (the used one) was already used; family revoked at t=3541\n\
         Call for tab: 401 invalid_token (revoked at t=3541: the opaque token is introspected and inactive)\n"
    );
}

#[test]
fn keycloak_preset_rotates_and_an_older_token_works_until_its_own_exp() {
    assert_eq!(
        story(
            "keycloak.toml",
            "steal kim; time 5m; refresh kim; replay kim; time 1799; refresh kim; time 2160; replay kim"
        ),
        "Stolen from kim: the attacker copied rt-kim-1\n\
         Refreshed token for kim: at-kim-2 (new refresh token rt-kim-2, expires 600)\n\
         Replay for kim: accepted: rt-kim-1 (stolen) got at-kim-3 (expires 600) and rt-kim-3; the user now holds a used token\n\
         Refreshed token for kim: at-kim-4 (new refresh token rt-kim-4, expires 2099)\n\
         Replay for kim: refused, rt-kim-3 (stolen): rt-kim-3 expired at 2100 (its own exp: \"Token is not active\"); the family is left alone\n"
    );
}

#[test]
fn keycloak_a_stolen_refresh_token_expires_by_its_own_exp() {
    // The case: accepted before (the family's idle deadline had moved on with kim's
    // refresh at 1799); rt-kim-1 carries its own exp, 0 + 1800.
    assert_eq!(
        story(
            "keycloak.toml",
            "steal kim; time 1799; refresh kim; time 2160; replay kim"
        ),
        "Stolen from kim: the attacker copied rt-kim-1\n\
         Refreshed token for kim: at-kim-2 (new refresh token rt-kim-2, expires 2099)\n\
         Replay for kim: refused, rt-kim-1 (stolen): rt-kim-1 expired at 1800 (its own exp: \"Token is not active\"); the family is left alone\n"
    );
}

#[test]
fn keycloak_revoke_refresh_token_on_counts_reuses() {
    // "Revoke Refresh Token" on: the previous token is accepted again as many times as "Refresh
    // Token Max Reuse" says (with a newly minted refresh token), not for a time; 0 (the
    // default) detects the first reuse.
    let replay = |max: u64| {
        let out = story(
            "keycloak.toml",
            &format!(
                "policy reuse-detection on; policy max-reuse {max}; time 5m; refresh kim; replay kim"
            ),
        );
        out.lines().nth(1).unwrap().to_owned()
    };
    assert_eq!(
        replay(1),
        "Replay for kim: tolerated as a reuse of the previous token: rt-kim-1 (the used one) got at-kim-3 (expires 600) and a new rt-kim-3"
    );
    assert_eq!(
        replay(0),
        "Replay for kim: reuse detected: rt-kim-1 (the used one) was already used; family revoked at t=300"
    );
}

#[test]
fn durations_are_ticks_wherever_ticks_are() {
    let out = story("rotation.toml", "advance 1h 30m; show");
    assert!(out.starts_with("current_time = 5400  "), "{out}");
    let (code, _, stderr) = run(&["--exec", "advance 1h30"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("'1h30' is not a whole number of ticks or a duration"),
        "{stderr}"
    );
}

#[test]
fn show_gains_the_models_columns() {
    assert_eq!(
        story("rotation.toml", "show"),
        "current_time = 0  (refresh when expiry ≤ now)\n\
         user   access      expiry  remaining  status  validator        leeway  refresh     state   gen\n\
         alice  at-alice-1     300        300  valid   jsonwebtoken-rs      60  rt-alice-1  active  1\n\
         bob    at-bob-1       300        300  valid   jsonwebtoken-rs      60  rt-bob-1    active  1\n"
    );
}

fn bad(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let (code, stdout, stderr) = run(&["--scenario", path.to_str().unwrap(), "--exec", "show"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty());
    stderr.replace(path.to_str().unwrap(), "s.toml")
}

const HEAD: &str = "current_time = 0\n[oauth]\n";
const USERS: &str = "[tokens]\na = { token = \"t\", expiry = 5 }\n";

#[test]
fn bad_oauth_input_names_file_line_and_column() {
    let e = bad(&format!("{HEAD}rotaton = true\n{USERS}"));
    assert!(
        e.starts_with("tokenclock: s.toml:3:1: unknown field `rotaton`"),
        "{e}"
    );
    let e = bad(&format!("{HEAD}validator = \"jose\"\n{USERS}"));
    assert_eq!(
        e,
        format!(
            "tokenclock: s.toml:3:13: unknown validator 'jose'; valid ones: {}\n",
            tokenclock::domain::oauth::Validator::names()
        )
    );
    let e = bad(&format!("{HEAD}access = \"x\"\n{USERS}"));
    assert_eq!(
        e,
        "tokenclock: s.toml:3:10: unknown access kind 'x'; valid ones: jwt, opaque\n"
    );
    let e = bad(&format!("{HEAD}on_reuse = \"y\"\n{USERS}"));
    assert!(
        e.starts_with("tokenclock: s.toml:3:12: ") && e.contains("'y'"),
        "{e}"
    );
    let e = bad(&format!("{HEAD}grace = -5\n{USERS}"));
    assert!(
        e.starts_with("tokenclock: s.toml:3:9: ") && e.contains("-5 is negative"),
        "{e}"
    );
    let e = bad(&format!("{HEAD}idle = 1.5\n{USERS}"));
    assert!(
        e.starts_with("tokenclock: s.toml:3:8: ") && e.contains("floats are not accepted"),
        "{e}"
    );
    let e = bad(&format!("{HEAD}absolute = \"3wks\"\n{USERS}"));
    assert!(
        e.contains("s.toml:3:12: ") && e.contains("not a whole number of ticks or a duration"),
        "{e}"
    );
    let e =
        bad("current_time = 0\n[tokens]\na = { token = \"t\", expiry = 5, access = \"opaque\" }\n");
    assert!(
        e.contains("s.toml:3:") && e.contains("add an [oauth] table"),
        "{e}"
    );
    let e = bad(&format!(
        "{HEAD}{USERS}[family.b]\nlogin = 0\nrefresh = \"r\"\n"
    ));
    assert!(
        e.contains("[family.b] is for a user not in [tokens]"),
        "{e}"
    );
}

/// The manual's real-world examples (`$ tokenclock --scenario assets/...` in its console block)
/// print what the manual shows, run from the project folder.
#[test]
fn manual_real_world_examples_print_what_the_manual_says() {
    let checked = check_console_blocks(include_str!("../docs/src/real-world.md"));
    assert_eq!(checked, 6);
}

#[test]
fn the_transcript_records_the_models_lines() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("t.txt");
    let path = format!("{}/assets/rotation.toml", env!("CARGO_MANIFEST_DIR"));
    let (code, _, stderr) = run(&[
        "--scenario",
        &path,
        "--exec",
        "steal alice; time 300; refresh alice; replay alice; call alice",
        "--transcript",
        transcript.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let text = std::fs::read_to_string(&transcript).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "t=0 steal alice → Stolen from alice: the attacker copied rt-alice-1",
            "t=0 time 300 → time is 300",
            "t=300 refresh alice → Refreshed token for alice: at-alice-2 (new refresh token rt-alice-2, expires 600)",
            "t=300 replay alice → Replay for alice: reuse detected: rt-alice-1 (stolen) was already used; family revoked at t=300",
            "t=300 call alice → Call for alice: 200 OK (jsonwebtoken-rs: exp 600 + 60 ≥ now 300)",
        ]
    );
}

#[test]
fn a_roster_under_a_real_world_scenario_logs_every_user_in() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let (code, stdout, stderr) = run(&[
        "--scenario",
        &format!("{dir}/assets/rotation.toml"),
        "--users",
        &format!("{dir}/assets/class.csv"),
        "--exec",
        "show",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[1],
        "user    access  expiry  remaining  status  validator        leeway  refresh      state   gen"
    );
    assert_eq!(
        lines[2],
        "amara   tok-am      95         95  valid   jsonwebtoken-rs      60  rt-amara-1   active  1"
    );
}

#[test]
fn hostile_family_tables_are_errors_or_harmless() {
    let used: Vec<String> = (0..65).map(|i| format!("\"r{i}\"")).collect();
    let e = bad(&format!(
        "{HEAD}{USERS}[family.a]\nlogin = 0\nrefresh = \"r\"\nused = [{}]\n",
        used.join(", ")
    ));
    assert!(
        e.contains("s.toml:5:") && e.contains("used lists at most 64 refresh tokens, found 65"),
        "{e}"
    );
    let e = bad(&format!(
        "{HEAD}{USERS}[family.a]\nlogin = 0\nrefresh = \"r\\u001b[2J\"\n"
    ));
    assert!(
        e.contains(":7:11: token contains a control character U+001B at character 2 (family of a)"),
        "{e}"
    );
    let e = bad(&format!(
        "{HEAD}{USERS}[family.a]\nlogin = 0\nrefresh = \"r\"\nrevoked = {{ at = 5, why = \"boom\" }}\n"
    ));
    assert!(
        e.contains("unknown revoked why 'boom'; valid ones: reuse, absolute, idle, revoked"),
        "{e}"
    );
    // A generation at the largest number a file takes keeps working (no overflow) and grows at
    // the rotation; one that could not grow, and counters that could not keep counting, are
    // refused (tests/file_words.rs, tests/families.rs).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(
        &path,
        format!(
            "{HEAD}{USERS}[family.a]\nlogin = 0\nrefresh = \"r\"\ngeneration = 9223372036854775807\n"
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = run(&[
        "--scenario",
        path.to_str().unwrap(),
        "--exec",
        "time 10; refresh a; show",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("9223372036854775808"), "{stdout}");
}

#[test]
fn inside_the_reuse_interval_auth0_mints_a_new_refresh_token_and_okta_returns_the_current() {
    let auth0 = story(
        "auth0.toml",
        "time 1d; policy grace 30; refresh ana; advance 1; replay ana",
    );
    assert!(
        auth0.ends_with(
            "Replay for ana: tolerated as a reuse of the previous token: rt-ana-1 (the used one) \
             got at-ana-3 (expires 172801) and a new rt-ana-3\n"
        ),
        "{auth0}"
    );
    let okta = story("okta.toml", "refresh tab; advance 1; replay tab");
    assert!(
        okta.ends_with(
            "Replay for tab: tolerated inside the grace period: rt-tab-1 (the used one) got \
             at-tab-3 (expires 7141) and the current rt-tab-2\n"
        ),
        "{okta}"
    );
    // The setting picks it, whatever the vendor.
    let minted = story(
        "okta.toml",
        "policy grace-mints on; refresh tab; advance 1; replay tab",
    );
    assert!(minted.ends_with("and a new rt-tab-3\n"), "{minted}");
}
