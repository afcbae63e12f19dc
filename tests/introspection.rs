//! An opaque access token is introspected (issue 16): the why panel shows the introspection
//! answer the call got, never five JWT libraries' verdicts, and the call line and the panel
//! agree for every state and every validator.

mod common;

use common::{app_at, screen, steps};
use tokenclock::domain::oauth::{AccessKind, AccessStatus, Validator, call_token, token_status};
use tokenclock::domain::oauth::{Knobs, ModelPolicy, ModelReport, Overrides, TokenTimes};
use tokenclock::domain::{Op, Policy, Token};
use tokenclock::files::load_scenario;
use tokenclock::tui::Action;
use tokenclock::words::oauth::model_line;
use tokenclock::words::oauth_panels::introspection_view;

#[test]
fn revoke_tsv_call_on_the_opaque_token_shows_the_introspection_answer() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/revoke.toml");
    let (mut app, mut terminal) = app_at(load_scenario(&path).unwrap(), 100, 30);
    // `t 200⏎ v ↓ v C`: revoke jay, then oli, and call for oli.
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::Run(Op::SetTime(200)),
            Action::command("revoke"),
            Action::NextUser,
            Action::command("revoke"),
            Action::command("call"),
        ],
    );
    let text = screen(&terminal);
    assert!(text.contains("Introspection: at-oli-1 at t=200"), "{text}");
    assert!(text.contains("active: false (revoked at t=200)"), "{text}");
    assert!(text.contains("call → 401 invalid_token"), "{text}");
    assert!(!text.contains("pyjwt 200"), "{text}");
    assert_eq!(
        app.last_result(),
        Some(
            "t=200 Call for oli: 401 invalid_token (revoked at t=200: the opaque token is introspected and inactive)"
        )
    );
}

#[test]
fn the_call_line_and_the_panel_agree_for_every_state_and_every_validator() {
    let policy = Policy {
        early: 30,
        ..Policy::default()
    };
    let model = ModelPolicy::default();
    let token = Token::new("at-oli-1", 400);
    // Valid, refresh due, its last tick, past it (in a leeway or not) and revoked.
    let cases = [
        (100, None),
        (380, None),
        (400, None),
        (401, None),
        (460, None),
        (800, None),
        (200, Some(150)),
    ];
    for validator in Validator::ALL {
        let overrides = Overrides {
            access: Some(AccessKind::Opaque),
            validator: Some(validator),
            ..Overrides::default()
        };
        let knobs = Knobs::resolve(&policy, &model, &overrides);
        for (now, revoked_at) in cases {
            let call = call_token(&token, None, revoked_at, &knobs, &policy, now);
            let times = TokenTimes::new(token.expiry, None);
            let status = token_status(times, revoked_at, &knobs, &policy, now);
            assert_eq!(call.status, status);
            let line = model_line("oli", &ModelReport::Call(call.clone()));
            let panel = introspection_view(&call, now);
            let said = |code: &str| {
                line.starts_with(&format!("Call for oli: {code}"))
                    && panel.lines[2].0 == format!("call → {code}")
            };
            let accepted = status.accepted();
            assert!(
                if accepted {
                    said("200 OK")
                } else {
                    said("401 invalid_token")
                },
                "{validator:?} at {now}: {line} / {:?}",
                panel.lines
            );
            assert_eq!(
                panel.lines[1].0.starts_with("active: true"),
                accepted,
                "{validator:?} at {now}"
            );
            if let Some(at) = revoked_at {
                assert_eq!(status, AccessStatus::Revoked { at });
            }
        }
    }
}

/// RFC 7662 §2.2: the server answers `active` from its own record of the token, so an opaque
/// token is inactive from its `exp` (by the scenario's boundary) whatever library the user's
/// validator is and whatever leeway it has; only a JWT gets a library's leeway.
#[test]
fn introspection_answers_from_the_servers_own_expiry_not_a_librarys_leeway() {
    let model = ModelPolicy::default();
    let token = Token::new("at-oli-1", 400);
    for boundary in [
        tokenclock::domain::policy::Boundary::Lesson,
        tokenclock::domain::policy::Boundary::Rfc7519,
    ] {
        let policy = Policy {
            boundary,
            leeway: 45,
            ..Policy::default()
        };
        // The first tick the server counts the token expired.
        let expired_from = if boundary.is_past(400, 400) { 400 } else { 401 };
        for validator in Validator::ALL {
            for leeway in [None, Some(0), Some(300)] {
                let opaque = Knobs::resolve(
                    &policy,
                    &model,
                    &Overrides {
                        access: Some(AccessKind::Opaque),
                        validator: Some(validator),
                        validator_leeway: leeway.map(Some),
                        ..Overrides::default()
                    },
                );
                let at = |now| call_token(&token, None, None, &opaque, &policy, now);
                assert!(
                    at(expired_from - 1).status.accepted(),
                    "{validator:?} {leeway:?} {boundary:?}"
                );
                assert!(
                    !at(expired_from).status.accepted(),
                    "{validator:?} {leeway:?} {boundary:?}: {}",
                    model_line("oli", &ModelReport::Call(at(expired_from)))
                );
            }
        }
    }
}

/// The revoke preset with jsonwebtoken-rs (60 s leeway): at 430 jay's JWT is accepted by the
/// leeway, oli's opaque token is not (the server's record says it expired at 400).
#[test]
fn revoke_preset_a_librarys_leeway_reaches_the_jwt_and_not_the_opaque_token() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/revoke.toml");
    let mut session = tokenclock::domain::Session::new(load_scenario(&path).unwrap());
    let validator = Validator::from_name("jsonwebtoken-rs").unwrap();
    session
        .apply(&Op::Policy(
            tokenclock::domain::settings::PolicyChange::Set(
                tokenclock::domain::settings::SettingValue::Validator(validator),
            ),
        ))
        .unwrap();
    session.apply(&Op::SetTime(430)).unwrap();
    let line = |session: &mut tokenclock::domain::Session, user: &str| match session
        .apply(&Op::Call(user.into()))
        .unwrap()
    {
        tokenclock::domain::Report::Model { user, report } => model_line(&user, &report),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        line(&mut session, "oli"),
        "Call for oli: 401 invalid_token (introspection: inactive; expired: exp 400 ≤ now 430)"
    );
    assert!(
        line(&mut session, "jay")
            .starts_with("Call for jay: 200 OK (jsonwebtoken-rs: exp 400 + 60"),
    );
}
