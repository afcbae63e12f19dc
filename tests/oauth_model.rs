//! The real-world model's rules (issue 8), one test each, through `Session` and the words the
//! scripted mode prints.

use tokenclock::domain::oauth::{
    AccessStatus, RevokeWhy, RtState, TokenTimes, Validator, access_status,
};
use tokenclock::domain::{Op, Outcome, Report, Scenario, Session};
use tokenclock::files::parse_scenario;
use tokenclock::files::save::to_toml;
use tokenclock::words;

/// alice logged in at 0 with a 300-tick JWT access token; rotation and reuse detection on.
fn scenario(oauth: &str) -> Scenario {
    let text = format!(
        "current_time = 0\n[refresh]\nttl = 300\nboundary = \"rfc7519\"\n[oauth]\n{oauth}\n\
         [tokens]\nalice = {{ token = \"at-alice-1\", expiry = 300 }}\n"
    );
    parse_scenario(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"))
}

/// Runs one operation and returns the line the scripted mode prints for it.
fn line(s: &mut Session, op: Op) -> String {
    match s.apply(&op).unwrap_or_else(|e| panic!("{e}")) {
        Report::Refresh { user, outcome } => words::lesson_line(&user, &outcome).to_string(),
        Report::Model { user, report } => words::oauth::model_line(&user, &report),
        other => format!("{other:?}"),
    }
}

fn at(s: &mut Session, t: u64) {
    s.apply(&Op::SetTime(t)).unwrap();
}

fn alice(s: &Session) -> &tokenclock::domain::oauth::UserModel {
    s.scenario().tokens.user("alice").unwrap().model.unwrap()
}

fn revoked(s: &Session) -> Option<RevokeWhy> {
    alice(s).family.as_ref().unwrap().revoked.map(|r| r.why)
}

fn refresh(u: &str) -> Op {
    Op::Refresh(u.into())
}
fn steal() -> Op {
    Op::Steal("alice".into())
}
fn replay() -> Op {
    Op::Replay("alice".into())
}

#[test]
fn a_valid_access_token_is_not_refreshed_step_one() {
    let mut s = Session::new(scenario(""));
    at(&mut s, 299);
    assert_eq!(
        line(&mut s, refresh("alice")),
        "Token for alice is still valid: at-alice-1 (expires at 300)"
    );
}

#[test]
fn rotation_issues_a_new_refresh_token_and_the_old_one_becomes_previous_and_used() {
    let mut s = Session::new(scenario(""));
    at(&mut s, 300);
    assert_eq!(
        line(&mut s, refresh("alice")),
        "Refreshed token for alice: at-alice-2 (new refresh token rt-alice-2, expires 600)"
    );
    let family = alice(&s).family.clone().unwrap();
    assert_eq!(family.current, "rt-alice-2");
    assert_eq!(family.generation, 2);
    assert_eq!(family.previous.unwrap().rotated_at, 300);
    assert_eq!(*family.used, ["rt-alice-1".into()]);
    assert_eq!(family.last_use, 300);
    assert_eq!(alice(&s).client, "rt-alice-2");
}

#[test]
fn theft_replayed_after_the_user_refreshed_is_detected_at_once() {
    let mut s = Session::new(scenario(""));
    at(&mut s, 10);
    line(&mut s, steal());
    at(&mut s, 300);
    line(&mut s, refresh("alice"));
    at(&mut s, 400);
    assert_eq!(
        line(&mut s, replay()),
        "Replay for alice: reuse detected: rt-alice-1 (stolen) was already used; family revoked at t=400"
    );
    assert_eq!(revoked(&s), Some(RevokeWhy::Reuse));
    // The JWT issued at 300 still works at 450; at 600 the refresh fails and login is needed.
    at(&mut s, 450);
    assert!(line(&mut s, Op::Call("alice".into())).starts_with("Call for alice: 200 OK"));
    at(&mut s, 600);
    assert_eq!(
        line(&mut s, refresh("alice")),
        "Refresh failed for alice: refresh token revoked (reuse detected at t=400)"
    );
    assert!(line(&mut s, Op::Login("alice".into())).starts_with("Logged in alice: "));
    assert_eq!(revoked(&s), None);
}

#[test]
fn theft_replayed_before_the_user_refreshed_trips_on_the_users_own_refresh() {
    let mut s = Session::new(scenario(""));
    line(&mut s, steal());
    at(&mut s, 100);
    let replayed = line(&mut s, replay());
    assert!(replayed.starts_with("Replay for alice: accepted: rt-alice-1 (stolen) got at-alice-2"));
    let attacker = alice(&s).attacker.clone().unwrap();
    assert_eq!(attacker.refresh, "rt-alice-2");
    assert_eq!(attacker.access.as_ref().map(|t| t.expiry), Some(400));
    assert_eq!(
        alice(&s).client,
        "rt-alice-1",
        "the user still holds the old token"
    );
    at(&mut s, 300);
    assert_eq!(
        line(&mut s, refresh("alice")),
        "Refresh failed for alice: reuse detected (rt-alice-1 was already used): family revoked at t=300"
    );
    // The attacker's access token lives on until its own expiry.
    assert_eq!(
        alice(&s)
            .attacker
            .as_ref()
            .unwrap()
            .access
            .as_ref()
            .unwrap()
            .expiry,
        400
    );
}

#[test]
fn a_sender_constrained_token_replayed_without_the_key_fails_and_leaves_the_family_alone() {
    let mut s = Session::new(scenario("sender_constrained = true"));
    line(&mut s, steal());
    assert_eq!(
        line(&mut s, replay()),
        "Replay for alice: refused, rt-alice-1 (stolen): no proof of possession (sender-constrained); the family is left alone"
    );
    assert_eq!(revoked(&s), None);
    at(&mut s, 300);
    assert!(line(&mut s, refresh("alice")).starts_with("Refreshed token for alice"));
}

#[test]
fn the_previous_token_is_accepted_inside_the_grace_period_only() {
    for (delta, inside) in [(29, true), (30, false)] {
        let mut s = Session::new(scenario("grace = 30"));
        at(&mut s, 300);
        line(&mut s, refresh("alice"));
        at(&mut s, 300 + delta);
        let replayed = line(&mut s, replay());
        if inside {
            assert!(
                replayed.starts_with("Replay for alice: tolerated inside the grace period: rt-alice-1 (the used one) got at-alice-3"),
                "{replayed}"
            );
            assert!(
                replayed.ends_with("and the current rt-alice-2"),
                "{replayed}"
            );
            assert_eq!(revoked(&s), None);
        } else {
            assert!(
                replayed.starts_with("Replay for alice: reuse detected"),
                "{replayed}"
            );
            assert_eq!(revoked(&s), Some(RevokeWhy::Reuse));
        }
    }
}

#[test]
fn the_second_to_last_token_inside_the_grace_period_is_still_detected() {
    // rt-alice-1 is stolen, then rotated out twice: only rt-alice-2 (the previous) gets the
    // grace period, so rt-alice-1 is a reuse even well inside it.
    let mut s = Session::new(scenario("grace = 1000"));
    line(&mut s, steal());
    at(&mut s, 300);
    line(&mut s, refresh("alice"));
    at(&mut s, 600);
    line(&mut s, refresh("alice"));
    assert!(line(&mut s, replay()).starts_with("Replay for alice: reuse detected: rt-alice-1"));
    assert_eq!(revoked(&s), Some(RevokeWhy::Reuse));
}

#[test]
fn idle_expiry_one_tick_before_and_at_the_deadline() {
    for (t, works) in [(1799, true), (1800, false)] {
        let mut s = Session::new(scenario("idle = 1800"));
        at(&mut s, t);
        let refreshed = line(&mut s, refresh("alice"));
        if works {
            assert!(
                refreshed.starts_with("Refreshed token for alice"),
                "{refreshed}"
            );
        } else {
            assert_eq!(
                refreshed,
                "Refresh failed for alice: refresh token idle since 0 (idle deadline 1800); family revoked"
            );
            assert_eq!(revoked(&s), Some(RevokeWhy::Idle));
        }
    }
}

#[test]
fn the_absolute_cap_is_not_extended_by_rotation_and_caps_the_access_token() {
    let mut s = Session::new(scenario("absolute = 1000\ncap_access = true"));
    for t in [300, 600, 900] {
        at(&mut s, t);
        line(&mut s, refresh("alice"));
    }
    // Refreshed at 900: now + 300 = 1200, capped at login + absolute = 1000.
    let token = s.scenario().tokens.get("alice").unwrap();
    assert_eq!(token.expiry, 1000);
    at(&mut s, 1000);
    assert_eq!(
        line(&mut s, refresh("alice")),
        "Refresh failed for alice: refresh token expired at 1000 (absolute lifetime); family revoked"
    );
    assert_eq!(revoked(&s), Some(RevokeWhy::Absolute));
    let mut uncapped = Session::new(scenario("absolute = 1000"));
    at(&mut uncapped, 900);
    line(&mut uncapped, refresh("alice"));
    assert_eq!(
        uncapped.scenario().tokens.get("alice").unwrap().expiry,
        1200
    );
}

#[test]
fn revoke_leaves_a_jwt_working_until_exp_and_kills_an_opaque_token_at_once() {
    for (kind, ok) in [("jwt", true), ("opaque", false)] {
        let mut s = Session::new(scenario(&format!("access = \"{kind}\"")));
        at(&mut s, 100);
        let revoked_line = line(&mut s, Op::Revoke("alice".into()));
        assert!(
            revoked_line.starts_with("Revoked alice: family revoked"),
            "{revoked_line}"
        );
        let call = line(&mut s, Op::Call("alice".into()));
        assert_eq!(call.starts_with("Call for alice: 200 OK"), ok, "{call}");
        let state = s.scenario().tokens.user("alice").unwrap();
        let knobs = s.scenario().knobs_of(state).unwrap();
        let status = access_status(state, &knobs, &s.scenario().policy, 100);
        assert_eq!(status.accepted(), ok);
        if !ok {
            assert_eq!(status, AccessStatus::Revoked { at: 100 });
        }
        at(&mut s, 300);
        assert!(
            line(&mut s, refresh("alice"))
                .starts_with("Refresh failed for alice: refresh token revoked")
        );
    }
}

#[test]
fn login_starts_a_new_family() {
    let mut s = Session::new(scenario(""));
    at(&mut s, 50);
    line(&mut s, Op::Revoke("alice".into()));
    assert_eq!(
        line(&mut s, Op::Login("alice".into())),
        "Logged in alice: access token at-alice-2 (expires 350), refresh token rt-alice-2 \
         (new family; the earlier one kept as it was)"
    );
    let family = alice(&s).family.clone().unwrap();
    let earlier = &alice(&s).earlier;
    assert_eq!(earlier.len(), 1);
    assert_eq!(
        earlier[0].revoked.map(|r| r.at),
        Some(50),
        "kept as it was: revoked"
    );
    assert_eq!(
        (family.login_at, family.generation, family.revoked),
        (50, 1, None)
    );
    let state = s.scenario().tokens.user("alice").unwrap();
    let knobs = s.scenario().knobs_of(state).unwrap();
    assert_eq!(
        alice(&s).rt_state(&knobs, s.scenario().policy.boundary, 50),
        RtState::Active
    );
}

#[test]
fn every_validator_accepts_before_exp_and_rejects_from_its_first_rejected_tick_on() {
    let policy = tokenclock::domain::Policy::default();
    for v in Validator::ALL {
        for configured in [None, Some(0), Some(1), Some(45)] {
            let judge = |now| {
                v.judge(
                    policy.lesson_rule(),
                    configured,
                    TokenTimes::new(1000, None),
                    now,
                )
                .accepted()
            };
            let first =
                u64::try_from(v.first_rejected(policy.lesson_rule(), configured, 1000)).unwrap();
            let leeway = v.leeway(policy.lesson_rule(), configured);
            assert!(judge(999), "{v:?} at exp - 1");
            assert!(
                judge(first - 1),
                "{v:?} {configured:?} before its first rejected tick"
            );
            assert!(
                !judge(first),
                "{v:?} {configured:?} at its first rejected tick"
            );
            assert!(!judge(first + 1), "{v:?} {configured:?} after it");
            // Every library rejects at exp + leeway or one tick later, never elsewhere.
            assert!(
                first == 1000 + leeway || first == 1000 + leeway + 1,
                "{v:?}: {first}"
            );
        }
    }
}

#[test]
fn every_operation_is_one_undo_step() {
    let mut s = Session::new(scenario(""));
    let before = s.scenario().clone();
    for op in [
        steal(),
        replay(),
        Op::Revoke("alice".into()),
        Op::Login("alice".into()),
    ] {
        let was = s.scenario().clone();
        s.apply(&op).unwrap();
        assert_ne!(*s.scenario(), was, "{op:?} changed something");
        s.apply(&Op::Undo).unwrap();
        assert_eq!(*s.scenario(), was, "{op:?} undone");
        s.apply(&Op::Redo).unwrap();
    }
    s.apply(&Op::Reset).unwrap();
    assert_eq!(*s.scenario(), before);
}

#[test]
fn the_model_state_saves_and_loads_back_mid_story() {
    let mut s = Session::new(scenario("grace = 30\nabsolute = \"1h\"\nidle = 600"));
    line(&mut s, steal());
    at(&mut s, 300);
    line(&mut s, refresh("alice"));
    at(&mut s, 310);
    line(&mut s, replay());
    at(&mut s, 400);
    line(&mut s, Op::Revoke("alice".into()));
    let text = to_toml(s.scenario());
    let loaded = parse_scenario(&text, "saved.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(loaded.holds_the_same_as(s.scenario()), "{text}");
    assert_eq!(
        loaded.tokens.user("alice").unwrap().model,
        s.scenario().tokens.user("alice").unwrap().model
    );
}

#[test]
fn the_lesson_refuses_the_models_operations_and_stays_the_lesson() {
    let mut s = Session::new(Scenario::lesson());
    let err = s.apply(&Op::Call("alice".into())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'call' needs the real-world model (a scenario with an [oauth] table)"
    );
    assert_eq!(*s.scenario(), Scenario::lesson());
    let Report::Refresh { outcome, .. } = s.apply(&refresh("alice")).unwrap() else {
        panic!("a refresh");
    };
    assert!(matches!(outcome, Outcome::Refreshed { .. }));
}

#[test]
fn next_change_follows_each_users_validator() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/leeway.toml");
    let mut s = Session::new(tokenclock::files::load_scenario(&path).unwrap());
    let mut stops = Vec::new();
    for _ in 0..3 {
        s.apply(&Op::NextChange).unwrap();
        stops.push(s.scenario().now());
    }
    // py and js reject from 1000, when the others are in their leeway; at 1059 spring reaches
    // its last tick (rejected from 1060), at 1060 the Rust crate (rejected from 1061).
    assert_eq!(stops, [1001, 1059, 1060]);
}

#[test]
fn next_change_stops_where_a_refresh_tokens_lifetime_ends() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sliding.toml");
    let mut s = Session::new(tokenclock::files::load_scenario(&path).unwrap());
    s.apply(&Op::NextChange).unwrap();
    assert_eq!(
        s.scenario().now(),
        35700,
        "active's access token and idle's idle deadline"
    );
    let report = s.apply(&Op::NextChange).unwrap();
    assert_eq!(
        words::log_line(&report),
        "next change: clock 35700 → 36000, active's refresh token reaches its idle or absolute lifetime"
    );
}
