//! Clients (issue 9), one rule a test, through `Session` and the lines the scripted mode prints:
//! each race outcome, lost responses, skew with each validator, traffic's bound, undo, and
//! saving a story with clients.

use tokenclock::domain::clients::round::Waited;
use tokenclock::domain::clients::{ClientStep, ClientsReport, Counters};
use tokenclock::domain::oauth::{RevokeWhy, UserModel};
use tokenclock::domain::{Error, Op, Report, Scenario, Session};
use tokenclock::files::edit::edit_toml;
use tokenclock::files::parse_scenario;
use tokenclock::files::save::to_toml;
use tokenclock::words;

/// alice: access tokens of 3600, 60 early (rfc7519: refresh when exp ≤ now + 60), rotation and
/// reuse detection on; `knobs` go into alice's entry, `clients` into `[clients]`.
fn text(oauth: &str, knobs: &str, clients: &str) -> String {
    format!(
        "current_time = 0\n[refresh]\nttl = 3600\nearly = 60\nboundary = \"rfc7519\"\n\
         [oauth]\nvalidator = \"jsonwebtoken\"\n{oauth}\n\
         [tokens]\nalice = {{ token = \"at-alice-1\", expiry = 3600{knobs} }}\n\
         [clients]\nalice = [{clients}]\n"
    )
}

fn scenario(oauth: &str, knobs: &str, clients: &str) -> Scenario {
    parse_scenario(&text(oauth, knobs, clients), "t.toml").unwrap_or_else(|e| panic!("{e}"))
}

const TWO_TABS: &str = r#"{ name = "tab1" }, { name = "tab2" }"#;
const TAB_AND_PHONE: &str = r#"{ name = "tab1" }, { name = "phone", storage = "own" }"#;

/// Runs one operation and returns the lines the scripted mode prints for it.
fn lines(s: &mut Session, op: Op) -> Vec<String> {
    match s.apply(&op).unwrap_or_else(|e| panic!("{e}")) {
        Report::Clients(r) => words::clients::lines(&r),
        Report::Model { user, report } => vec![words::oauth::model_line(&user, &report)],
        other => vec![format!("{other:?}")],
    }
}

fn at(s: &mut Session, t: u64) {
    s.apply(&Op::SetTime(t)).unwrap();
}

fn race() -> Op {
    Op::Race("alice".into())
}

fn call(client: &str) -> Op {
    Op::CallClient {
        user: "alice".into(),
        client: client.into(),
    }
}

fn lose(client: &str) -> Op {
    Op::Lose {
        user: "alice".into(),
        client: Some(client.into()),
    }
}

fn alice(s: &Session) -> &UserModel {
    s.scenario().tokens.user("alice").unwrap().model.unwrap()
}

fn revoked(s: &Session) -> Option<RevokeWhy> {
    alice(s).family.as_ref().unwrap().revoked.map(|r| r.why)
}

fn logged_out(s: &Session) -> Vec<bool> {
    alice(s).clients.iter().map(|c| c.logged_out).collect()
}

#[test]
fn race_without_grace_on_shared_storage_is_a_reuse_and_revokes_the_family() {
    let mut s = Session::new(scenario("", "", TWO_TABS));
    at(&mut s, 3540);
    assert_eq!(
        lines(&mut s, race()),
        [
            "Refreshed token for alice (tab1): at-alice-2 (new refresh token rt-alice-2, expires 7140)",
            "Refresh failed for alice (tab2): reuse detected (rt-alice-1 was already used): family revoked at t=3540",
        ]
    );
    assert_eq!(revoked(&s), Some(RevokeWhy::Reuse));
    assert_eq!(logged_out(&s), [false, true]);
    // tab1 holds the newest pair, but it dies with the family at tab1's next refresh.
    at(&mut s, 7080);
    assert_eq!(
        lines(&mut s, call("tab1"))[0],
        "Refresh failed for alice (tab1): refresh token revoked (reuse detected at t=3540)"
    );
    assert_eq!(logged_out(&s), [true, true]);
    let c = alice(&s).counters;
    assert_eq!((c.refreshes, c.forced_logins), (1, 2));
}

#[test]
fn race_inside_the_grace_period_serves_both_tabs() {
    let mut s = Session::new(scenario("grace = 30", "", TWO_TABS));
    at(&mut s, 3540);
    assert_eq!(
        lines(&mut s, race()),
        [
            "Refreshed token for alice (tab1): at-alice-2 (new refresh token rt-alice-2, expires 7140)",
            "Refreshed token for alice (tab2): at-alice-3 (previous refresh token accepted inside the grace period; current one is rt-alice-2, expires 7140)",
        ]
    );
    assert_eq!(revoked(&s), None);
    assert_eq!(logged_out(&s), [false, false]);
    assert_eq!(alice(&s).client, "rt-alice-2");
}

#[test]
fn a_copy_presented_outside_the_grace_period_is_a_reuse() {
    // The phone keeps its own copy: when tab1 rotates, the phone still holds rt-alice-1.
    let mut inside = Session::new(scenario("grace = 30", "", TAB_AND_PHONE));
    at(&mut inside, 3540);
    lines(&mut inside, call("tab1"));
    at(&mut inside, 3569);
    assert_eq!(
        lines(&mut inside, call("phone"))[0],
        "Refreshed token for alice (phone): at-alice-3 (previous refresh token accepted inside the grace period; current one is rt-alice-2, expires 7169)"
    );
    let mut outside = Session::new(scenario("grace = 30", "", TAB_AND_PHONE));
    at(&mut outside, 3540);
    lines(&mut outside, call("tab1"));
    at(&mut outside, 3570);
    assert_eq!(
        lines(&mut outside, call("phone"))[0],
        "Refresh failed for alice (phone): reuse detected (rt-alice-1 was already used): family revoked at t=3570"
    );
    assert_eq!(revoked(&outside), Some(RevokeWhy::Reuse));
}

#[test]
fn single_flight_sends_one_request_and_the_other_tab_uses_its_answer() {
    let mut s = Session::new(scenario("single_flight = true", "", TWO_TABS));
    at(&mut s, 3540);
    assert_eq!(
        lines(&mut s, race()),
        [
            "Refreshed token for alice (tab1): at-alice-2 (new refresh token rt-alice-2, expires 7140)",
            "Refreshed token for alice (tab2): at-alice-2 (single-flight: used tab1's answer)",
        ]
    );
    assert_eq!(revoked(&s), None);
    assert_eq!(alice(&s).counters.refreshes, 1);
}

#[test]
fn single_flight_does_not_reach_a_client_with_its_own_storage() {
    let mut s = Session::new(scenario("", ", single_flight = true", TAB_AND_PHONE));
    at(&mut s, 3540);
    let out = lines(&mut s, race());
    assert!(out[1].starts_with("Refresh failed for alice (phone): reuse detected"));
    assert_eq!(revoked(&s), Some(RevokeWhy::Reuse));
}

#[test]
fn separate_storage_without_reuse_detection_refuses_the_copies_and_keeps_the_family() {
    let clients =
        r#"{ name = "a" }, { name = "b", storage = "own" }, { name = "c", storage = "own" }"#;
    let mut s = Session::new(scenario("reuse_detection = false", "", clients));
    at(&mut s, 3540);
    assert_eq!(
        lines(&mut s, race()),
        [
            "Refreshed token for alice (a): at-alice-2 (new refresh token rt-alice-2, expires 7140)",
            "Refresh failed for alice (b): rt-alice-1 was already used (invalid_grant; reuse detection is off)",
            "Refresh failed for alice (c): rt-alice-1 was already used (invalid_grant; reuse detection is off)",
        ]
    );
    assert_eq!(revoked(&s), None);
    assert_eq!(logged_out(&s), [false, true, true]);
}

#[test]
fn a_lost_response_retried_inside_the_grace_period_survives() {
    let mut s = Session::new(scenario("grace = 30", "", r#"{ name = "app" }"#));
    at(&mut s, 3540);
    lines(&mut s, lose("app"));
    assert_eq!(
        lines(&mut s, call("app")),
        [
            "Refresh for alice (app): response lost; the server issued at-alice-2 and rt-alice-2, but app never got them and keeps rt-alice-1",
            "Call for alice (app): 200 OK (jsonwebtoken-rs: exp 3600 + 60 ≥ now 3540)",
        ]
    );
    assert_eq!(alice(&s).client, "rt-alice-1");
    at(&mut s, 3569);
    assert_eq!(
        lines(&mut s, call("app"))[0],
        "Refreshed token for alice (app): at-alice-3 (previous refresh token accepted inside the grace period; current one is rt-alice-2, expires 7169)"
    );
    assert_eq!(revoked(&s), None);
}

#[test]
fn a_lost_response_retried_outside_the_grace_period_revokes_the_family() {
    let mut s = Session::new(scenario("grace = 30", "", r#"{ name = "app" }"#));
    at(&mut s, 3540);
    lines(&mut s, lose("app"));
    lines(&mut s, call("app"));
    at(&mut s, 3570);
    assert_eq!(
        lines(&mut s, call("app")),
        [
            "Refresh failed for alice (app): reuse detected (rt-alice-1 was already used): family revoked at t=3570",
            "Logged out: alice (app) sends nothing until it logs in again (a refresh failed)",
        ]
    );
    assert_eq!(logged_out(&s), [true]);
}

/// What a call from a client `skew` ticks off gets at each time, by each validator (access
/// token expiring at 300, no early window, lesson boundary).
fn skewed_calls(skew: i64, validator: &str, times: &[u64]) -> Vec<String> {
    let text = format!(
        "current_time = 0\n[refresh]\nttl = 300\n[oauth]\nvalidator = \"{validator}\"\n\
         [tokens]\nbob = {{ token = \"at-bob-1\", expiry = 300 }}\n\
         [clients]\nbob = [{{ name = \"laptop\", skew = {skew} }}]\n"
    );
    let mut out = Vec::new();
    for &t in times {
        let mut s = Session::new(parse_scenario(&text, "t.toml").unwrap());
        at(&mut s, t);
        let report = s.apply(&Op::Call("bob".into())).unwrap();
        let Report::Clients(r) = report else {
            panic!("{report:?}")
        };
        let all = words::clients::lines(&r);
        let refreshed = all.iter().any(|l| l.starts_with("Refreshed"));
        let status = if all.last().unwrap().contains("200 OK") {
            "200"
        } else {
            "401"
        };
        out.push(format!("{t}:{status}{}", if refreshed { "+r" } else { "" }));
    }
    out
}

#[test]
fn a_clock_behind_calls_with_an_expired_token_and_each_validator_judges_it() {
    let times = [299, 330, 360, 390, 391];
    // The laptop's clock reads now - 90: it refreshes only from 391 (its 301 > exp 300).
    assert_eq!(
        skewed_calls(-90, "pyjwt", &times),
        ["299:200", "330:401", "360:401", "390:401", "391:200+r"]
    );
    assert_eq!(
        skewed_calls(-90, "jsonwebtoken-js", &times),
        ["299:200", "330:401", "360:401", "390:401", "391:200+r"]
    );
    assert_eq!(
        skewed_calls(-90, "jsonwebtoken-rs", &times),
        ["299:200", "330:200", "360:200", "390:401", "391:200+r"]
    );
    // Spring's sub-second clock is past 300 + 60 during the whole second 360.
    assert_eq!(
        skewed_calls(-90, "spring", &times),
        ["299:200", "330:200", "360:401", "390:401", "391:200+r"]
    );
    assert_eq!(
        skewed_calls(-90, "dotnet", &times),
        ["299:200", "330:200", "360:200", "390:200", "391:200+r"]
    );
    assert_eq!(
        skewed_calls(-90, "lesson", &times),
        ["299:200", "330:401", "360:401", "390:401", "391:200+r"]
    );
}

#[test]
fn a_clock_ahead_refreshes_early_and_never_sees_a_401() {
    let times = [209, 211, 300, 301];
    for validator in tokenclock::domain::oauth::Validator::ALL.map(|v| v.name()) {
        assert_eq!(
            skewed_calls(90, validator, &times),
            ["209:200", "211:200+r", "300:200+r", "301:200+r"],
            "{validator}"
        );
    }
}

#[test]
fn skew_sets_a_clients_clock_and_undo_takes_it_back() {
    let mut s = Session::new(scenario("", "", TWO_TABS));
    let op = Op::Skew {
        user: "alice".into(),
        client: "tab2".into(),
        skew: -90,
    };
    assert_eq!(
        lines(&mut s, op),
        ["Clock of alice (tab2): 90 behind the server (was in step with the server)"]
    );
    assert_eq!(alice(&s).clients[1].skew, -90);
    s.apply(&Op::Undo).unwrap();
    assert_eq!(alice(&s).clients[1].skew, 0);
}

#[test]
fn undo_of_a_race_restores_the_family_the_storage_and_the_clients() {
    let mut s = Session::new(scenario("", "", TWO_TABS));
    at(&mut s, 3540);
    let before = alice(&s).clone();
    lines(&mut s, race());
    assert_ne!(alice(&s), &before);
    s.apply(&Op::Undo).unwrap();
    assert_eq!(alice(&s), &before);
    assert_eq!(
        s.scenario().tokens.get("alice").unwrap().value,
        "at-alice-1"
    );
}

#[test]
fn a_user_without_clients_calls_as_in_the_real_world_model_and_cannot_race() {
    let plain = "current_time = 0\n[refresh]\nttl = 300\n[oauth]\n\
                 [tokens]\nalice = { token = \"at-alice-1\", expiry = 300 }\n";
    let mut s = Session::new(parse_scenario(plain, "t.toml").unwrap());
    at(&mut s, 301);
    assert_eq!(
        lines(&mut s, Op::Call("alice".into())),
        ["Call for alice: 401 invalid_token (token expired: lesson: exp 300 < now 301)"]
    );
    assert_eq!(s.apply(&race()), Err(Error::NoClients("alice".into())));
    assert_eq!(
        s.apply(&call("tab9")),
        Err(Error::NoClients("alice".into()))
    );
}

#[test]
fn an_unknown_client_is_refused_with_the_users_clients() {
    let mut s = Session::new(scenario("", "", TWO_TABS));
    let error = s.apply(&call("tab9")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "'alice' has no client 'tab9' (its clients: tab1, tab2)"
    );
}

#[test]
fn traffic_runs_on_clock_moves_and_simulates_at_most_ten_beats_a_step() {
    let oauth = "traffic = true\ntraffic_every = 60\nsingle_flight = true";
    let mut s = Session::new(scenario(oauth, "", TWO_TABS));
    let report = s.apply(&Op::Advance(86_400)).unwrap();
    let Report::Clients(r) = report else {
        panic!("{report:?}")
    };
    let ClientsReport::Moved { traffic, to, .. } = *r else {
        panic!()
    };
    assert_eq!(to, 86_400);
    assert_eq!((traffic.beats, traffic.simulated), (1440, 10));
    assert_eq!(s.scenario().now(), 86_400);
    // 1430 beats × 2 tabs counted, not simulated; the last 10 beats simulated.
    let c = alice(&s).counters;
    assert_eq!(c.skipped, 2860);
    assert_eq!((c.served, c.unauthorized, c.forced_logins), (20, 0, 0));
}

#[test]
fn traffic_replays_the_same_whether_the_clock_moves_at_once_or_step_by_step() {
    let oauth = "traffic = true\ntraffic_every = 60";
    let mut once = Session::new(scenario(oauth, "", TAB_AND_PHONE));
    let mut steps = Session::new(scenario(oauth, "", TAB_AND_PHONE));
    once.apply(&Op::Advance(600)).unwrap();
    for _ in 0..20 {
        steps.apply(&Op::Advance(30)).unwrap();
    }
    assert!(once.scenario().holds_the_same_as(steps.scenario()));
    assert_eq!(alice(&once).counters.served, 20);
}

#[test]
fn traffic_off_moves_the_clock_as_before() {
    let mut s = Session::new(scenario("", "", TWO_TABS));
    assert_eq!(
        s.apply(&Op::Advance(600)).unwrap(),
        Report::Clock { from: 0, to: 600 }
    );
    assert_eq!(alice(&s).counters, Counters::default());
}

#[test]
fn a_story_with_clients_saves_and_loads_back_fresh_and_in_place() {
    let source = text("grace = 30\nsingle_flight = true", "", TAB_AND_PHONE);
    let mut s = Session::new(parse_scenario(&source, "t.toml").unwrap());
    s.apply(&Op::Skew {
        user: "alice".into(),
        client: "phone".into(),
        skew: -45,
    })
    .unwrap();
    at(&mut s, 3540);
    lines(&mut s, race());
    lines(&mut s, lose("tab1"));
    let fresh = to_toml(s.scenario());
    let loaded = parse_scenario(&fresh, "fresh.toml").unwrap_or_else(|e| panic!("{e}\n{fresh}"));
    assert!(loaded.holds_the_same_as(s.scenario()), "{fresh}");
    assert!(fresh.contains("[clients]"), "{fresh}");
    let edited = edit_toml(&source, s.scenario()).expect("edited in place");
    let loaded = parse_scenario(&edited, "edited.toml").unwrap();
    assert!(loaded.holds_the_same_as(s.scenario()), "{edited}");
    assert!(edited.contains("skew = -45"), "{edited}");
}

#[test]
fn bad_clients_are_errors_with_line_and_column() {
    let cases = [
        (
            r#"{ name = "tab1" }, { name = "tab1" }"#,
            "t.toml:12:29: duplicate client 'tab1' (client of alice)",
        ),
        (
            r#"{ name = "tab1", storage = "own" }"#,
            "t.toml:12:10: the first client (tab1) uses the user's storage; storage = \"own\" is for the others (client of alice)",
        ),
        (
            r#"{ name = "tab1" }, { name = "b", storage = "cloud" }"#,
            "t.toml:12:29: unknown storage 'cloud'; valid ones: shared, own (client of alice)",
        ),
        (
            r#"{ name = "tab1", color = "red" }"#,
            "t.toml:12:27: unknown field `color`",
        ),
        (
            r#"{ name = "tab1", skew = "soon" }"#,
            "t.toml:12:34: 'soon' is not a whole number of ticks",
        ),
    ];
    for (clients, expected) in cases {
        let error = parse_scenario(&text("", "", clients), "t.toml").unwrap_err();
        assert!(
            error.to_string().starts_with(expected),
            "{clients}: {error}"
        );
    }
    let stranger = text("", "", TWO_TABS).replace("alice = [", "zoe = [");
    let error = parse_scenario(&stranger, "t.toml").unwrap_err();
    assert!(
        error.to_string().contains("'zoe', a user not in [tokens]"),
        "{error}"
    );
    let no_model = "current_time = 0\n[tokens]\nalice = { token = \"a\", expiry = 1 }\n\
                    [clients]\nalice = [{ name = \"tab1\" }]\n";
    let error = parse_scenario(no_model, "t.toml").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("[clients] needs the real-world model"),
        "{error}"
    );
}

#[test]
fn hostile_client_names_and_offsets_are_refused_and_shown_escaped() {
    let error = parse_scenario(&text("", "", r#"{ name = "tab\u001b[31m" }"#), "t.toml")
        .unwrap_err()
        .to_string();
    assert!(!error.contains('\u{1b}'), "{error}");
    assert!(error.starts_with("t.toml:12:10:"), "{error}");
    // Offsets at the edges: the client's clock saturates, nothing panics.
    for skew in [i64::MIN, i64::MAX] {
        let clients = format!(r#"{{ name = "a", skew = {skew} }}"#);
        let mut s = Session::new(scenario("traffic = true\ntraffic_every = 1", "", &clients));
        s.apply(&call("a")).unwrap();
        s.apply(&Op::Advance(u64::MAX)).unwrap();
        assert_eq!(s.scenario().now(), u64::MAX);
    }
    let big = r#"{ name = "a", skew = "-99999999999999999999" }"#;
    assert!(parse_scenario(&text("", "", big), "t.toml").is_err());
}

/// alice's one client, its clock 200 behind: at 3670 it still thinks its token (exp 3600) is
/// good for 130 ticks and calls, while the API (jsonwebtoken-rs, 60 leeway) refuses it.
const BEHIND: &str = r#"{ name = "app", skew = -200 }"#;

#[test]
fn retry_on_401_is_off_by_default_so_a_refused_call_stays_refused() {
    let mut s = Session::new(scenario("", "", BEHIND));
    at(&mut s, 3670);
    assert_eq!(
        lines(&mut s, call("app")),
        [
            "Call for alice (app): 401 invalid_token (token expired: jsonwebtoken-rs: exp 3600 + 60 < now 3670)"
        ]
    );
    assert_eq!(alice(&s).client, "rt-alice-1");
}

#[test]
fn retry_on_401_refreshes_after_the_401_and_calls_once_more() {
    let mut s = Session::new(scenario("retry_on_401 = true", "", BEHIND));
    at(&mut s, 3670);
    assert_eq!(
        lines(&mut s, call("app")),
        [
            "Call for alice (app): 401 invalid_token (token expired: jsonwebtoken-rs: exp 3600 + 60 < now 3670)",
            "Refreshed token for alice (app) after a 401: at-alice-2 (new refresh token rt-alice-2, expires 7270)",
            "Retry for alice (app): 200 OK (jsonwebtoken-rs: exp 7270 + 60 ≥ now 3670)",
        ]
    );
    assert_eq!(
        alice(&s).counters,
        Counters {
            served: 1,
            unauthorized: 1,
            refreshes: 1,
            ..Counters::default()
        }
    );
    let marks: Vec<_> = alice(&s).clients[0].marks.iter().copied().collect();
    use tokenclock::domain::clients::Mark;
    assert_eq!(
        marks,
        [
            (3670, Mark::Unauthorized),
            (3670, Mark::Refreshed),
            (3670, Mark::Served)
        ]
    );
}

#[test]
fn retry_on_401_is_a_users_own_setting_too() {
    let mut s = Session::new(scenario("", ", retry_on_401 = true", BEHIND));
    at(&mut s, 3670);
    assert_eq!(lines(&mut s, call("app")).len(), 3);
}

#[test]
fn a_refused_refresh_after_a_401_logs_the_client_out_and_retries_nothing() {
    let mut s = Session::new(scenario("retry_on_401 = true\nabsolute = 3650", "", BEHIND));
    at(&mut s, 3670);
    let out = lines(&mut s, call("app"));
    assert_eq!(out.len(), 2, "{out:#?}");
    assert!(
        out[1].starts_with("Refresh failed for alice (app) after a 401: "),
        "{out:#?}"
    );
    assert_eq!(logged_out(&s), [true]);
    assert_eq!(alice(&s).counters.forced_logins, 1);
}

#[test]
fn a_lost_answer_after_a_401_retries_nothing_and_the_client_keeps_its_tokens() {
    let mut s = Session::new(scenario("retry_on_401 = true", "", BEHIND));
    at(&mut s, 3670);
    lines(&mut s, lose("app"));
    assert_eq!(
        lines(&mut s, call("app"))[1..],
        [
            "Refresh for alice (app) after a 401: response lost; the server issued at-alice-2 and rt-alice-2, but app never got them and keeps rt-alice-1"
        ]
    );
    assert_eq!(alice(&s).client, "rt-alice-1");
    assert_eq!(logged_out(&s), [false]);
}

#[test]
fn a_retry_on_401_is_undone_with_the_call_and_the_setting_with_its_change() {
    use tokenclock::domain::settings::{PolicyChange, SettingValue};
    let mut s = Session::new(scenario("", "", BEHIND));
    at(&mut s, 3670);
    let before = alice(&s).clone();
    s.apply(&Op::Policy(PolicyChange::Set(SettingValue::RetryOn401(
        true,
    ))))
    .unwrap();
    assert_eq!(lines(&mut s, call("app")).len(), 3);
    s.apply(&Op::Undo).unwrap();
    assert_eq!(alice(&s), &before);
    assert_eq!(
        s.scenario().tokens.get("alice").unwrap().value,
        "at-alice-1"
    );
    assert!(s.scenario().policy.model.as_ref().unwrap().retry_on_401);
    s.apply(&Op::Undo).unwrap();
    assert!(!s.scenario().policy.model.as_ref().unwrap().retry_on_401);
    assert_eq!(lines(&mut s, call("app")).len(), 1);
}

#[test]
fn traffic_keeps_a_retry_on_its_own_line_beside_the_served_calls() {
    let clients = r#"{ name = "app", skew = -200 }, { name = "tab2", skew = -200 }"#;
    let mut s = Session::new(scenario(
        "retry_on_401 = true\ntraffic = true\ntraffic_every = 10",
        "",
        clients,
    ));
    at(&mut s, 3660);
    let out = lines(&mut s, Op::SetTime(3670));
    assert_eq!(
        out,
        [
            "t=3670 Call for alice (app): 401 invalid_token (token expired: jsonwebtoken-rs: exp 3600 + 60 < now 3670)",
            "t=3670 Refreshed token for alice (app) after a 401: at-alice-2 (new refresh token rt-alice-2, expires 7270)",
            "t=3670 Retry for alice (app): 200 OK (jsonwebtoken-rs: exp 7270 + 60 ≥ now 3670)",
            "t=3670 Call for alice (tab2): 200 OK (jsonwebtoken-rs: exp 7270 + 60 ≥ now 3670)",
        ],
        "tab2 shares app's storage: it calls with the token app's refresh brought"
    );
}

#[test]
fn the_why_panel_shows_the_refresh_after_a_401_and_the_call_again() {
    let mut s = Session::new(scenario("retry_on_401 = true", "", BEHIND));
    at(&mut s, 3670);
    let Report::Clients(r) = s.apply(&call("app")).unwrap() else {
        panic!("a call through a client")
    };
    let ClientsReport::Round { user, round } = &*r else {
        panic!("{r:?}")
    };
    let panel = words::clients::round_view(user, round, s.scenario().policy.boundary);
    let text: Vec<&str> = panel.lines.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        text[0],
        "app's clock 3470: still valid (3600 > 3470 + 60), no refresh"
    );
    assert!(text[1].starts_with("call app: 401 ("), "{text:#?}");
    assert_eq!(
        text[2],
        "1. app (clock 3470) presents rt-alice-1 after a 401"
    );
    assert!(
        text.last().unwrap().starts_with("call app again: 200 ("),
        "{text:#?}"
    );
}

/// A user of [`crowd`]: its `[tokens]` line and its `[clients]` line (none for every fifth
/// user). Expired, due and valid tokens; shared tabs, single-flight for some, and a phone of its
/// own behind by 300 (its calls get 401 and retry) or ahead by 300 (it rotates first).
fn crowd_user(i: usize) -> (String, Option<String>) {
    let expiry = [30, 100, 600, 200][i % 4];
    let single_flight = if i.is_multiple_of(3) {
        ", single_flight = true"
    } else {
        ""
    };
    let token = format!("u{i} = {{ token = \"at-u{i}-1\", expiry = {expiry}{single_flight} }}\n");
    let behind = r#"{ name = "phone", storage = "own", skew = -300 }"#;
    let ahead = r#"{ name = "phone", storage = "own", skew = 300 }"#;
    let clients = match (i % 5, i % 3) {
        (4, _) => None,
        (_, 1) => Some(TWO_TABS.to_owned()),
        // The phone rotates first: the tabs later present a used token, and fail together.
        (_, 0) => Some(format!(
            r#"{{ name = "tab1" }}, {ahead}, {{ name = "tab2" }}"#
        )),
        _ => Some(format!("{TWO_TABS}, {behind}")),
    };
    let clients = clients.map(|c| format!("u{i} = [{c}]\n"));
    (token, clients)
}

/// A scenario of the users `users` of [`crowd_user`], traffic every 60 and retries after a 401.
fn crowd(users: impl Iterator<Item = usize> + Clone) -> Session {
    let mut text = String::from(
        "current_time = 0\n[refresh]\nttl = 600\nearly = 60\n[oauth]\n\
         validator = \"jsonwebtoken\"\nretry_on_401 = true\ntraffic = true\ntraffic_every = 60\n\
         [tokens]\n",
    );
    text.extend(users.clone().map(|i| crowd_user(i).0));
    text.push_str("[clients]\n");
    text.extend(users.clone().filter_map(|i| crowd_user(i).1));
    let mut s = Session::new(parse_scenario(&text, "t.toml").unwrap_or_else(|e| panic!("{e}")));
    for i in users.filter(|i| i % 7 == 1 && i % 5 != 4) {
        s.apply(&Op::Lose {
            user: format!("u{i}"),
            client: Some("tab2".into()),
        })
        .unwrap();
    }
    s
}

/// What the clients did on a clock move (an empty report when no traffic ran).
fn traffic_of(report: Report) -> tokenclock::domain::clients::TrafficReport {
    match report {
        Report::Clients(r) => match *r {
            ClientsReport::Moved { traffic, .. } => *traffic,
            other => panic!("{other:?}"),
        },
        Report::Clock { .. } => Default::default(),
        other => panic!("{other:?}"),
    }
}

/// A beat of many users builds only the events its report keeps and counts the rest: what it
/// keeps, counts and leaves in each user is what each user's beats alone come to, in order.
#[test]
fn a_crowded_beat_keeps_the_first_events_and_counts_the_rest_as_each_user_alone_would() {
    let users = 0..60;
    let mut all = crowd(users.clone());
    let moved = traffic_of(all.apply(&Op::Advance(180)).unwrap());
    // Each user on its own: every step is kept (a user has a few), by tick then user.
    let mut events = Vec::new();
    let mut totals = Counters::default();
    for i in users {
        let mut alone = crowd(i..i + 1);
        let report = traffic_of(alone.apply(&Op::Advance(180)).unwrap());
        assert_eq!(report.more, 0);
        totals.add(&report.totals);
        events.extend(
            report
                .events
                .into_iter()
                .enumerate()
                .map(|(k, e)| (e.0, i, k, e)),
        );
        let name = format!("u{i}");
        assert_eq!(
            all.scenario().tokens.user(&name),
            alone.scenario().tokens.user(&name),
            "{name}"
        );
    }
    events.sort_by_key(|&(tick, i, k, _)| (tick, i, k));
    let events: Vec<_> = events.into_iter().map(|(.., e)| e).collect();
    // What the steps come to, counted here from every step (each user alone kept them all).
    let mut counted = Counters::default();
    for (.., step) in &events {
        let n = match step {
            ClientStep::Call { call, .. } if call.status.accepted() => &mut counted.served,
            ClientStep::Call { .. } => &mut counted.unauthorized,
            ClientStep::Refresh { server, .. } if server.issued().is_some() => {
                &mut counted.refreshes
            }
            ClientStep::Refresh { lost: false, .. }
            | ClientStep::Waited {
                outcome: Waited::Failed,
                ..
            } => &mut counted.forced_logins,
            ClientStep::Refresh { lost: true, .. }
            | ClientStep::Waited { .. }
            | ClientStep::LoggedOut { .. } => continue,
        };
        *n += 1;
    }
    assert_eq!(totals, counted);
    assert!(events.len() > 2 * moved.events.len(), "{}", events.len());
    assert_eq!(moved.events.len(), 64);
    assert_eq!(moved.events[..], events[..64]);
    assert_eq!(moved.more, (events.len() - 64) as u64);
    assert_eq!(moved.totals, totals);
    for kind in [
        totals.served,
        totals.unauthorized,
        totals.refreshes,
        totals.forced_logins,
    ] {
        assert!(kind > 0, "{totals:?}");
    }
}
