//! Properties of the refresh rule and of undo, over random sequences of changes.

use proptest::prelude::*;
use tokenclock::domain::{Boundary, Policy, Scenario, Session};

#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    Rewind(u64),
    Refresh(usize),
    RefreshAll,
    Add(u8, u64),
    Remove(usize),
    Expiry(usize, u64),
    ToggleBoundary,
    Early(u64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..300u64).prop_map(Step::Advance),
        (0..300u64).prop_map(Step::Rewind),
        (0..6usize).prop_map(Step::Refresh),
        Just(Step::RefreshAll),
        (any::<u8>(), 0..500u64).prop_map(|(n, e)| Step::Add(n, e)),
        (0..6usize).prop_map(Step::Remove),
        (0..6usize, 0..500u64).prop_map(|(i, e)| Step::Expiry(i, e)),
        Just(Step::ToggleBoundary),
        (0..50u64).prop_map(Step::Early),
    ]
}

fn name_at(session: &Session, index: usize) -> Option<String> {
    session
        .scenario()
        .tokens
        .get_index(index)
        .map(|(n, _)| n.to_owned())
}

fn apply(session: &mut Session, step: &Step) {
    match *step {
        Step::Advance(n) => session.advance(n),
        Step::Rewind(n) => session.rewind(n),
        Step::Refresh(i) => {
            let _ = session.refresh_at(i);
        }
        Step::RefreshAll => session.refresh_all(|_, _| {}),
        Step::Add(n, e) => {
            let _ = session.add_user(&format!("user{n}"), "tok", e);
        }
        Step::Remove(i) => {
            if let Some(name) = name_at(session, i) {
                session.remove_user(&name).unwrap();
            }
        }
        Step::Expiry(i, e) => {
            if let Some(name) = name_at(session, i) {
                session.set_expiry(&name, e).unwrap();
            }
        }
        Step::ToggleBoundary => session.update_policy(|p| p.boundary = p.boundary.toggled()),
        Step::Early(n) => session.update_policy(|p| p.early = n),
    }
}

proptest! {
    #[test]
    fn undoing_everything_restores_the_start_and_redo_the_end(steps in prop::collection::vec(step(), 0..40)) {
        let mut session = Session::new(Scenario::lesson());
        for s in &steps {
            apply(&mut session, s);
        }
        let end = session.scenario().clone();
        while session.undo().is_some() {}
        prop_assert_eq!(session.scenario(), &Scenario::lesson());
        while session.redo().is_some() {}
        prop_assert_eq!(session.scenario(), &end);
    }

    #[test]
    fn a_refreshed_token_is_valid_and_a_second_refresh_changes_nothing(
        expiry in 0..1000u64, now in 0..1000u64, ttl in 1..1000u64, rfc in any::<bool>()
    ) {
        let mut scenario = Scenario::lesson();
        scenario.clock.set(now);
        scenario.policy = Policy {
            ttl,
            boundary: if rfc { Boundary::Rfc7519 } else { Boundary::Lesson },
            ..Policy::default()
        };
        scenario.tokens.get_mut("alice").unwrap().expiry = expiry;
        let first = scenario.refresh("alice").unwrap();
        prop_assert_eq!(first.is_refreshed(), scenario.policy.boundary.is_past(expiry, now));
        let after = scenario.tokens.get("alice").unwrap().clone();
        prop_assert!(scenario.policy.status(after.expiry, now).is_valid());
        prop_assert!(!scenario.refresh("alice").unwrap().is_refreshed());
        prop_assert_eq!(scenario.tokens.get("alice").unwrap(), &after);
    }
}
