//! A user's families (issue 16: a login is a new grant) and the `[family.USER]` tables that save
//! them (issue 17): the exact cases of the issues, through the real binary and the library.

#[path = "support/cli.rs"]
mod cli;

use cli::{run, story};
use tokenclock::domain::oauth::FAMILIES_KEPT;
use tokenclock::domain::{Op, Session};
use tokenclock::files::parse_scenario;
use tokenclock::files::save::{scenario_text, to_toml};

#[test]
fn a_login_leaves_the_thiefs_earlier_family_working() {
    assert_eq!(
        story("rotation.toml", "steal bob; login bob; replay bob"),
        "Stolen from bob: the attacker copied rt-bob-1\n\
         Logged in bob: access token at-bob-2 (expires 300), refresh token rt-bob-2 \
         (new family; the earlier one kept as it was)\n\
         Replay for bob: accepted by the earlier family (login at 0), which a new login did not \
         end: rt-bob-1 (stolen) got at-bob-3 (expires 300) and rt-bob-3; the user's current \
         family is not touched\n"
    );
}

#[test]
fn revoke_all_signs_out_everywhere_and_the_thief_is_refused() {
    assert_eq!(
        story(
            "rotation.toml",
            "steal bob; login bob; revoke-all bob; replay bob"
        ),
        "Stolen from bob: the attacker copied rt-bob-1\n\
         Logged in bob: access token at-bob-2 (expires 300), refresh token rt-bob-2 \
         (new family; the earlier one kept as it was)\n\
         Signed out bob everywhere: 2 of 2 families revoked now; the jwt access token is still \
         accepted by jsonwebtoken-rs until t=360 (the stateless gap)\n\
         Replay for bob: refused by the earlier family (login at 0), which a new login did not \
         end, rt-bob-1 (stolen): refresh token revoked (signed out everywhere at t=0)\n"
    );
}

#[test]
fn logout_revokes_the_clients_refresh_token_and_logs_it_out() {
    let out = story(
        "rotation.toml",
        "time 10; logout alice; time 400; refresh alice; show",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Logged out alice: the client revoked rt-alice-1 (RFC 7009) and forgot its tokens; the \
         jwt access token is still accepted by jsonwebtoken-rs until t=360 (the stateless gap)"
    );
    assert_eq!(
        lines[1],
        "Refresh failed for alice: not logged in (no refresh token)"
    );
    assert_eq!(
        lines[4],
        "alice  at-alice-1     300          -  expired 100 ticks ago  jsonwebtoken-rs      60  -         none    -"
    );
    // A logout at once again: nothing to revoke.
    let again = story("rotation.toml", "logout alice; logout alice");
    assert!(
        again.ends_with("Logged out alice: not logged in; nothing to revoke\n"),
        "{again}"
    );
}

#[test]
fn families_are_kept_up_to_the_limit_the_oldest_dropped_first() {
    let commands = ["login alice"; FAMILIES_KEPT + 2].join("; ");
    let out = story("rotation.toml", &commands);
    let last = out.lines().nth(FAMILIES_KEPT + 1).unwrap();
    assert!(
        last.ends_with(&format!(
            "(new family; {} earlier ones kept as they were, the oldest forgotten)",
            FAMILIES_KEPT - 1
        )),
        "{last}"
    );
    let text = std::fs::read_to_string(format!(
        "{}/assets/rotation.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut session = Session::new(parse_scenario(&text, "rotation.toml").unwrap());
    for _ in 0..FAMILIES_KEPT + 2 {
        session.apply(&Op::Login("alice".into())).unwrap();
    }
    let model = session
        .scenario()
        .tokens
        .user("alice")
        .unwrap()
        .model
        .unwrap();
    assert_eq!(model.earlier.len(), FAMILIES_KEPT - 1);
    // The oldest (rt-alice-1, rt-alice-2, rt-alice-3) were dropped first.
    assert_eq!(model.earlier[0].current, "rt-alice-4");
    // Saved (afresh and into the file) and read back: the same families.
    for saved in [
        to_toml(session.scenario()),
        scenario_text(session.scenario(), Some(&text)),
    ] {
        let back = parse_scenario(&saved, "saved").unwrap();
        assert!(back.holds_the_same_as(session.scenario()), "{saved}");
    }
}

#[test]
fn a_file_with_one_family_table_still_loads_and_earlier_families_load_too() {
    let text = "current_time = 500\n[oauth]\n[tokens]\na = { token = \"at-a-2\", expiry = 900 }\n\
                [family.a]\nlogin = 400\nrefresh = \"rt-a-2\"\n\
                [[family.a.earlier]]\nlogin = 0\nrefresh = \"rt-a-1\"\n\
                revoked = { at = 400, why = \"logout\" }\n";
    let scenario = parse_scenario(text, "s.toml").unwrap();
    let model = scenario.tokens.user("a").unwrap().model.unwrap();
    assert_eq!(model.family.as_ref().unwrap().current, "rt-a-2");
    assert_eq!(model.earlier.len(), 1);
    assert_eq!(model.earlier[0].current, "rt-a-1");
    assert_eq!(model.refresh_issued, 2);
    let back = parse_scenario(&to_toml(&scenario), "saved").unwrap();
    assert!(back.holds_the_same_as(&scenario));
}

#[test]
fn logout_and_revoke_all_are_story_events_for_the_quit_prompt() {
    use tokenclock::domain::edits::edited_since;
    let text = std::fs::read_to_string(format!(
        "{}/assets/rotation.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let loaded = parse_scenario(&text, "rotation.toml").unwrap();
    let mut session = Session::new(loaded.clone());
    for op in [
        Op::Steal("bob".into()),
        Op::Login("bob".into()),
        Op::Replay("bob".into()),
        Op::Logout("bob".into()),
        Op::RevokeAll("alice".into()),
        Op::Revoke("alice".into()),
    ] {
        session.apply(&op).unwrap();
        assert!(!edited_since(&loaded, session.scenario()), "{op:?}");
    }
}

/// The family file's bad values point at the field, in the file's words.
fn bad(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let (code, stdout, stderr) = run(&["--scenario", path.to_str().unwrap(), "--exec", "show"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty());
    stderr.replace(path.to_str().unwrap(), "s.toml")
}

const HEAD: &str = "current_time = 0\n[oauth]\n[tokens]\na = { token = \"t\", expiry = 5 }\n";

#[test]
fn family_value_errors_point_at_the_field() {
    let e = bad(&format!(
        "{HEAD}[family.a]\nlogin = 0\nrefresh = \"r\"\nused = [\"ok\", \"x\\u001b\"]\n"
    ));
    assert!(
        e.contains("s.toml:8:15: token contains a control character U+001B"),
        "{e}"
    );
    let e = bad(&format!(
        "{HEAD}[family.a]\nlogin = 0\nrefresh = \"r\"\n\
         attacker = {{ refresh = \"r\", stolen_at = 0, access = \"at-a-9\" }}\n"
    ));
    assert!(
        e.contains("s.toml:8:53: attacker access needs expiry (family of a)"),
        "{e}"
    );
    let e = bad(&format!(
        "{HEAD}[family.a]\nlogin = 0\nrefresh = \"r\"\ngeneration = -1\n"
    ));
    assert!(
        e.contains("s.toml:8:14: generation -1 is out of range: a generation is 1 or more"),
        "{e}"
    );
    assert!(!e.contains("ticks are 0 or more"), "{e}");
}

#[test]
fn a_counter_that_could_not_keep_counting_is_refused() {
    let e = bad(&format!(
        "{HEAD}[family.a]\nlogin = 0\nrefresh = \"r\"\nrefresh_issued = 18446744073709551614\n"
    ));
    assert!(
        e.contains(
            "s.toml:8:18: refresh_issued 18446744073709551614 could not keep counting \
             (a value is never issued twice): at most 9223372036854775807"
        ),
        "{e}"
    );
    // A token named past the limit is a name, not a count: new values never repeat.
    let text = format!("{HEAD}[family.a]\nlogin = 0\nrefresh = \"rt-a-18446744073709551615\"\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = run(&[
        "--scenario",
        path.to_str().unwrap(),
        "--exec",
        "time 10; refresh a; time 200; refresh a",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("new refresh token rt-a-1,"), "{out}");
    assert!(out.contains("new refresh token rt-a-2,"), "{out}");
}

#[test]
fn when_both_lifetimes_are_over_the_first_to_end_is_the_reason() {
    // keycloak.toml's own suggested script: idle (300 + 1800 = 2100) ended before 36000.
    let out = story(
        "keycloak.toml",
        "steal kim; time 5m; refresh kim; replay kim; time 36000; refresh kim",
    );
    // Keycloak: kim's own refresh token (issued at 300) expired first, at 2100.
    assert!(
        out.ends_with(
            "Refresh failed for kim: rt-kim-2 expired at 2100 (its own exp: \"Token is not active\"); the family is left alone\n"
        ),
        "{out}"
    );
    // The family's deadlines alone: idle (300 + 1800) passed long before the absolute 36000.
    let out = story(
        "keycloak.toml",
        "policy token-expiry off; steal kim; time 5m; refresh kim; replay kim; time 36000; refresh kim",
    );
    assert!(
        out.ends_with(
            "Refresh failed for kim: refresh token idle since 300 (idle deadline 2100); family revoked\n"
        ),
        "{out}"
    );
}

#[test]
fn revoke_says_until_when_the_users_own_validator_accepts_the_jwt() {
    let out = story("revoke.toml", "time 200; revoke jay");
    assert_eq!(
        out,
        "Revoked jay: family revoked; the jwt access token is still accepted by pyjwt until t=399 \
         (the stateless gap)\n"
    );
    // The same token (exp 400) under .NET's 300 s clock skew: the line says the last tick the
    // validator module accepts (not its exp), whatever the module's rule for .NET is.
    let out = story(
        "revoke.toml",
        "time 200; policy validator dotnet; revoke jay",
    );
    let scenario = tokenclock::files::load_scenario(std::path::Path::new(&format!(
        "{}/assets/revoke.toml",
        env!("CARGO_MANIFEST_DIR")
    )))
    .unwrap();
    let last = tokenclock::domain::oauth::Validator::from_name("dotnet")
        .unwrap()
        .last_accepted(scenario.policy.lesson_rule(), None, 400)
        .unwrap();
    assert!((699..=700).contains(&last), "exp 400 + skew 300: {last}");
    assert!(
        out.ends_with(&format!(
            "still accepted by dotnet until t={last} (the stateless gap)\n"
        )),
        "{out}"
    );
}

#[test]
fn next_change_stops_only_where_something_shown_changes() {
    // sliding.toml, `next-change` five times: 35700 (active's access token), 36000 (active's
    // refresh token reaches its absolute lifetime, idle's its idle one); past that a family's
    // later deadline (37200) changes nothing shown, so the clock stays.
    let text = std::fs::read_to_string(format!(
        "{}/assets/sliding.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut session = Session::batch(parse_scenario(&text, "sliding.toml").unwrap());
    let mut stops = Vec::new();
    for _ in 0..5 {
        session.apply(&Op::NextChange).unwrap();
        stops.push(session.scenario().now());
    }
    assert_eq!(stops, [35700, 36000, 36000, 36000, 36000]);
    let out = story(
        "sliding.toml",
        "next-change; next-change; next-change; next-change; next-change; show",
    );
    assert!(out.contains("active  at-active-120   35700          -  expired 300 ticks ago   lesson          0  rt-active-119  expired  119"), "{out}");
}

const TWO_TABS_LESSON: &str = "title = \"Two tabs\"\ncurrent_time = 3540\n\
[refresh]\nttl = \"1h\"\nearly = 60\nboundary = \"rfc7519\"\n[oauth]\nvalidator = \"jsonwebtoken\"\n\
[tokens]\nbob = { token = \"at-bob-1\", expiry = 3600 }\n\
[clients]\nbob = [{ name = \"tab1\" }, { name = \"tab2\" }]\n\
[[step]]\nsay = \"At 3600.\"\ndo = \"time 3600\"\n\
[[step]]\nsay = \"Both tabs refresh at once.\"\ndo = \"race bob\"\n";

#[test]
fn a_real_world_handout_says_what_show_and_the_script_say() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lesson.toml");
    std::fs::write(&path, TWO_TABS_LESSON).unwrap();
    let path = path.to_str().unwrap();
    let (code, handout, err) = run(&["--scenario", path, "--handout"]);
    assert_eq!(code, Some(0), "{err}");
    // At 3600 bob's token (exp 3600) is valid by his own validator (jsonwebtoken, leeway 60),
    // as `show` says, with the refresh token, its state, the generation and the family.
    let (_, shown, _) = run(&["--scenario", path, "--exec", "time 3600; show"]);
    assert!(
        shown.ends_with(
            "bob   at-bob-1    3600          0  valid   jsonwebtoken-rs      60  rt-bob-1  active  1\n"
        ),
        "{shown}"
    );
    assert!(
        handout.contains(
            "| user | access | expiry | remaining | status | validator | leeway | refresh | state | gen | family |\n\
             |---|---|--:|--:|---|---|--:|---|---|--:|---|\n\
             | bob | at-bob-1 | 3600 | 0 | valid | jsonwebtoken-rs | 60 | rt-bob-1 | active | 1 | login 3540 |\n"
        ),
        "{handout}"
    );
    // The race's lines are the scripted ones, each on its own line.
    let (_, scripted, _) = run(&["--scenario", path, "--exec", "time 3600; race bob"]);
    assert_eq!(scripted.lines().count(), 2, "{scripted}");
    assert!(
        handout.contains(&format!("```text\n{scripted}```")),
        "{handout}\n---\n{scripted}"
    );
}
