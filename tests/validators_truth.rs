//! Issue 16's findings about validators and statuses, each with its exact case: a status is the
//! user's API validator's verdict, `last tick` means accepted now and rejected one tick later
//! by that same judge, each library judges as configured and as it really compares, and every
//! front end (status, call line, validators panel, `show`) says the same.

#[path = "support/cli.rs"]
mod cli;

use cli::story;
use proptest::prelude::*;
use tokenclock::domain::oauth::{
    AccessStatus, Knobs, ModelPolicy, ModelReport, Overrides, TokenTimes, Validator, access_status,
    call_token,
};
use tokenclock::domain::phase::Judge;
use tokenclock::domain::session::Session;
use tokenclock::domain::{Op, Policy, Scenario, Token};
use tokenclock::files::load_scenario;
use tokenclock::words::oauth::{access_status_words, model_line, show_access_status};
use tokenclock::words::oauth_panels::validators_view;

fn preset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The status of `user` in `scenario` at `now`, as the table shows it.
fn status_at(scenario: &Scenario, user: &str, now: u64) -> AccessStatus {
    let mut s = Session::new(scenario.clone());
    s.apply(&Op::SetTime(now)).unwrap();
    let scenario = s.scenario();
    let state = scenario.tokens.user(user).unwrap();
    let knobs = scenario.knobs_of(state).unwrap();
    access_status(state, &knobs, &scenario.policy, now)
}

fn words(status: AccessStatus) -> &'static str {
    access_status_words(status)[0]
}

/// `leeway.toml` opened with `rs … 1000 VALID ✓ last tick` though jsonwebtoken accepts it
/// until 1060; the last tick is each judge's own.
#[test]
fn leeway_preset_marks_each_validators_own_last_tick() {
    let s = preset("leeway.toml");
    // The API accepts; the client (RFC 7519's rule) refreshes at exp: marked beside it.
    assert_eq!(words(status_at(&s, "rs", 1000)), "VALID ✓ refresh due");
    assert_eq!(words(status_at(&s, "rs", 1059)), "LEEWAY ~ accepted");
    assert_eq!(words(status_at(&s, "rs", 1060)), "LEEWAY ~ last tick");
    assert_eq!(words(status_at(&s, "rs", 1061)), "EXPIRED ✗");
    assert_eq!(words(status_at(&s, "spring", 1059)), "LEEWAY ~ last tick");
    assert_eq!(words(status_at(&s, "spring", 1060)), "EXPIRED ✗");
    assert_eq!(words(status_at(&s, "net", 1299)), "LEEWAY ~ last tick");
    assert_eq!(words(status_at(&s, "py", 999)), "VALID ✓ last tick");
    assert_eq!(words(status_at(&s, "py", 1000)), "EXPIRED ✗");
    assert_eq!(words(status_at(&s, "js", 999)), "VALID ✓ last tick");
}

/// `rotation.toml` at t=300: bob's row said `✓ last tick` while the Rust crate accepts his token
/// for 60 s more. The client refreshes then (its rule is RFC 7519's, `expiry ≤ now`), so the
/// API's verdict carries the client's refresh beside it, not a bare `VALID ✓`.
#[test]
fn rotation_preset_at_300_is_refresh_due_not_last_tick() {
    let s = preset("rotation.toml");
    let bob = status_at(&s, "bob", 300);
    assert_eq!(bob, AccessStatus::RefreshDue { remaining: 0 });
    assert!(bob.accepted());
    assert_eq!(words(bob), "VALID ✓ refresh due");
}

/// `time 1060; call spring` was 200: Spring's sub-second clock is past 1000 + 60 during the
/// whole second 1060.
#[test]
fn spring_rejects_during_the_second_exp_plus_skew() {
    assert_eq!(
        story("leeway.toml", "time 1060; call spring"),
        "Call for spring: 401 invalid_token (token expired: spring: exp 1000 + 60 ≤ now 1060)\n"
    );
}

/// `policy leeway 30; policy validator pyjwt` judged with 0 while `show` printed `leeway 30`:
/// the lesson's `leeway` is not PyJWT's, and `show` prints the leeway each judge uses.
#[test]
fn show_prints_the_leeway_each_judge_really_uses() {
    let out = story(
        "rotation.toml",
        "policy leeway 30; policy validator pyjwt; time 300; call alice; show",
    );
    assert_eq!(
        out,
        "Call for alice: 401 invalid_token (token expired: pyjwt: exp 300 ≤ now 300)\n\
         current_time = 300  (refresh when expiry ≤ now)\n\
         user   access      expiry  remaining  status                validator  leeway  refresh     state   gen\n\
         alice  at-alice-1     300          -  expired at this tick  pyjwt           0  rt-alice-1  active  1\n\
         bob    at-bob-1       300          -  expired at this tick  pyjwt           0  rt-bob-1    active  1\n"
    );
    // Configured, PyJWT accepts 30 s more, and show says so.
    let out = story(
        "rotation.toml",
        "policy validator pyjwt; policy validator-leeway 30 --user alice; time 329; call alice; \
         time 330; call alice; show",
    );
    assert!(
        out.starts_with(
            "Call for alice: 200 OK (pyjwt: exp 300 + 30 > now 329)\n\
             Call for alice: 401 invalid_token (token expired: pyjwt: exp 300 + 30 ≤ now 330)\n"
        ),
        "{out}"
    );
    assert!(out.contains("pyjwt          30  rt-alice-1"), "{out}");
    assert!(out.contains("pyjwt           0  rt-bob-1"), "{out}");
}

/// `revoke.toml --exec "time 300; login jay; time 200; call jay"` was 200: the token is issued at
/// 300, and PyJWT refuses an `iat` in the future in its own words.
#[test]
fn a_token_from_the_future_is_refused_by_pyjwt() {
    assert_eq!(
        story(
            "revoke.toml",
            "time 300; login jay; time 200; call jay; time 300; call jay"
        ),
        "Logged in jay: access token at-jay-2 (expires 600), refresh token rt-jay-2 (new family; the earlier one kept as it was)\n\
         Call for jay: 401 invalid_token (not yet valid: pyjwt: iat 300 > now 200: \"The token is not yet valid (iat)\")\n\
         Call for jay: 200 OK (pyjwt: exp 600 > now 300)\n"
    );
    // The Rust crate checks neither iat nor (by default) nbf.
    let out = story(
        "revoke.toml",
        "policy validator jsonwebtoken-rs; time 300; login jay; time 200; call jay",
    );
    assert!(
        out.ends_with("Call for jay: 200 OK (jsonwebtoken-rs: exp 600 + 60 ≥ now 200)\n"),
        "{out}"
    );
}

/// The validators panel shows every library at its default and the user's own as configured.
#[test]
fn the_validators_panel_shows_defaults_and_the_users_own_as_configured() {
    let policy = Policy::default();
    let own = Judge {
        validator: Validator::from_name("pyjwt").unwrap(),
        leeway: Some(30),
    };
    let panel = validators_view("at-1", TokenTimes::new(1000, None), 1010, &policy, own);
    let line = |name: &str| {
        panel
            .lines
            .iter()
            .find(|(text, _)| text.starts_with(&format!("{name} ")))
            .cloned()
            .unwrap_or_else(|| panic!("{name} in {panel:?}"))
    };
    assert_eq!(
        line("pyjwt").0,
        format!("{:15} 200  1000 + 30 > 1010 (configured)", "pyjwt")
    );
    assert!(line("pyjwt").1, "the user's own is marked");
    assert_eq!(
        line("jsonwebtoken-js").0,
        format!("{:15} 401  1000 + 0 ≤ 1010", "jsonwebtoken-js")
    );
    assert!(!line("jsonwebtoken-js").1);
    assert_eq!(panel.lines.len(), Validator::ALL.len(), "a line each");
}

/// A token the client would refresh is marked `refresh due` by the client's rule, apart from
/// what the API says.
#[test]
fn refresh_due_is_the_clients_rule_and_the_api_still_accepts() {
    let s = preset("okta.toml");
    let status = status_at(&s, "tab", 3540);
    assert!(
        matches!(status, AccessStatus::RefreshDue { remaining: 60 }),
        "{status:?}"
    );
    assert!(status.accepted());
    assert_eq!(words(status), "VALID ✓ refresh due");
}

fn knobs(validator: Validator, leeway: Option<u64>, policy: &Policy) -> Knobs {
    let model = ModelPolicy {
        validator,
        validator_leeway: leeway,
        ..ModelPolicy::default()
    };
    Knobs::resolve(policy, &model, &Overrides::default())
}

proptest! {
    /// For any validator, leeway, token and clock, the status, the call line, the validators
    /// panel's own line and `show`'s words agree on whether the API accepts the token.
    #[test]
    fn status_call_panel_and_show_agree(
        row in 0..Validator::ALL.len(),
        leeway in prop::option::of(0u64..400),
        exp in 0u64..2000,
        issued in prop::option::of(0u64..2000),
        now in 0u64..2500,
        early in 0u64..100,
    ) {
        let validator = Validator::ALL[row];
        let policy = Policy { early, ..Policy::default() };
        let knobs = knobs(validator, leeway, &policy);
        let call = call_token(&Token::new("at-1", exp), issued, None, &knobs, &policy, now);
        let accepted = call.judgement.accepted();
        prop_assert_eq!(call.status.accepted(), accepted);
        let line = model_line("u", &ModelReport::Call(call.clone()));
        prop_assert_eq!(line.starts_with("Call for u: 200 OK"), accepted, "{}", line);
        let panel = validators_view(
            "at-1",
            TokenTimes::new(exp, issued),
            now,
            &policy,
            Judge { validator, leeway },
        );
        let own = panel.lines.iter().find(|(_, marked)| *marked).map(|(t, _)| t.clone());
        let own = own.unwrap_or_default();
        // `pyjwt 200  1000 + 30 > 1010`: the second word is the verdict.
        prop_assert_eq!(own.split_whitespace().nth(1) == Some("200"), accepted, "{}", own);
        let shown = show_access_status(call.status);
        let rejected_words = shown.starts_with("expired") || shown.starts_with("not yet valid");
        prop_assert_eq!(!rejected_words, accepted, "{}", shown);
        // Last tick: accepted now, rejected one tick later by the same judge.
        let later = call_token(&Token::new("at-1", exp), issued, None, &knobs, &policy, now + 1);
        let last = matches!(
            call.status,
            AccessStatus::Valid { last_tick: true, .. } | AccessStatus::Leeway { last_tick: true, .. }
        );
        let refresh_due = matches!(call.status, AccessStatus::RefreshDue { .. });
        if !refresh_due {
            prop_assert_eq!(last, accepted && !later.judgement.accepted());
        }
    }
}

/// `revoke.toml`, `time 200; revoke jay` said the JWT is accepted "until its exp 400"; a .NET
/// API accepts it through 699: `revoke` names the user's own validator and its last tick.
#[test]
fn revoke_says_until_when_the_users_own_validator_accepts_the_jwt() {
    assert_eq!(
        story(
            "revoke.toml",
            "time 200; policy validator dotnet --user jay; revoke jay; time 699; call jay; \
             time 700; call jay"
        ),
        "Revoked jay: family revoked; the jwt access token is still accepted by dotnet until t=699 (the stateless gap)\n\
         Call for jay: 200 OK (dotnet: exp 400 + 300 > now 699; revoked at t=200, but a JWT is checked locally: the stateless gap)\n\
         Call for jay: 401 invalid_token (token expired: dotnet: exp 400 + 300 ≤ now 700)\n"
    );
}

/// The `--handout` of a real-world lesson judged by the lesson's rule (RFC 7519 here) where
/// `show` used the user's validator: `rotation.toml` at 300, bob `expired at this tick` in the
/// handout, `valid` in `show`.
#[test]
fn a_real_world_handout_judges_as_show_does() {
    let preset = std::fs::read_to_string(format!(
        "{}/assets/rotation.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let dir = std::env::temp_dir().join(format!("tokenclock-handout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rotation-lesson.toml");
    std::fs::write(
        &path,
        format!("{preset}\n[[step]]\nsay = \"Time 300.\"\ndo = \"time 300\"\n"),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let (code, handout, stderr) = cli::run(&["--scenario", path, "--handout"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        handout.contains(
            "| alice | at-alice-1 | 300 | 0 | valid | jsonwebtoken-rs | 60 | rt-alice-1 | active | 1 |"
        ) && handout.contains("| bob | at-bob-1 | 300 | 0 | valid | jsonwebtoken-rs | 60 |"),
        "{handout}"
    );
    let show = story("rotation.toml", "time 300; show");
    assert!(
        show.contains("bob    at-bob-1       300          0  valid"),
        "{show}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The handout's table says what `show` and a `call` say: for a user judged by any
    /// validator at any leeway, its status cell is `show`'s words for the status the call
    /// reports, and that status is rejected exactly when the call gets a 401.
    #[test]
    fn the_handouts_table_agrees_with_show_and_the_call(
        row in 1..Validator::ALL.len(),
        leeway in prop::option::of(0u64..400),
        exp in 0u64..2000,
        now in 0u64..2500,
    ) {
        let validator = Validator::ALL[row];
        let leeway_line = leeway.map_or(String::new(), |n| format!("validator_leeway = {n}\n"));
        let text = format!(
            "current_time = {now}\n\n[oauth]\nvalidator = \"{}\"\n{leeway_line}\n\
             [tokens]\nu = {{ token = \"at-u-1\", expiry = {exp} }}\n",
            validator.name()
        );
        let scenario = tokenclock::files::parse_scenario(&text, "p.toml")
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        let mut table = Vec::new();
        tokenclock::lesson::handout::write_table(&mut table, &scenario).unwrap();
        let table = String::from_utf8(table).unwrap();
        let cells: Vec<&str> = table
            .lines()
            .find(|l| l.starts_with("| u |"))
            .unwrap_or_else(|| panic!("{table}"))
            .split(" | ")
            .collect();
        let state = scenario.tokens.user("u").unwrap();
        let knobs = scenario.knobs_of(state).unwrap();
        let status = access_status(state, &knobs, &scenario.policy, now);
        prop_assert_eq!(cells[4], show_access_status(status), "{}", table);
        let call = call_token(&Token::new("at-u-1", exp), state.issued_at(), None, &knobs,
            &scenario.policy, now);
        prop_assert_eq!(call.status, status);
        let line = model_line("u", &ModelReport::Call(call.clone()));
        prop_assert_eq!(line.starts_with("Call for u: 200 OK"), status.accepted(), "{}", line);
    }
}
