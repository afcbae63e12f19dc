//! Properties of the refresh rule and of undo, over random sequences of changes.

use proptest::prelude::*;
use tokenclock::domain::{Boundary, Op, Policy, PolicyChange, Scenario, Session};

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
    Reset,
    NextChange,
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
        Just(Step::Reset),
        Just(Step::NextChange),
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
    let op = match *step {
        Step::Advance(n) => Op::Advance(n),
        Step::Rewind(n) => Op::Rewind(n),
        Step::Refresh(i) => match name_at(session, i) {
            Some(name) => Op::Refresh(name),
            None => return,
        },
        Step::RefreshAll => Op::RefreshAll,
        Step::Add(n, e) => Op::Add {
            user: format!("user{n}"),
            token: "tok".into(),
            expiry: e,
        },
        Step::Remove(i) => match name_at(session, i) {
            Some(name) => Op::Remove(name),
            None => return,
        },
        Step::Expiry(i, e) => match name_at(session, i) {
            Some(user) => Op::SetExpiry { user, expiry: e },
            None => return,
        },
        Step::ToggleBoundary => Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Boundary(
                session.scenario().policy.boundary.toggled(),
            ),
        )),
        Step::Early(n) => Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(n),
        )),
        Step::Reset => Op::Reset,
        Step::NextChange => Op::NextChange,
    };
    let _ = session.apply(&op);
}

proptest! {
    #[test]
    fn undoing_everything_restores_the_start_and_redo_the_end(steps in prop::collection::vec(step(), 0..40)) {
        let mut session = Session::new(Scenario::lesson());
        for s in &steps {
            apply(&mut session, s);
        }
        let end = session.scenario().clone();
        let histories = |s: &Session| s.scenario().tokens.users().map(|(n, u)| (n.to_owned(), u.owned())).collect::<Vec<_>>();
        let end_histories = histories(&session);
        while session.can_undo() {
            session.apply(&Op::Undo).unwrap();
        }
        prop_assert_eq!(session.scenario(), &Scenario::lesson());
        while session.can_redo() {
            session.apply(&Op::Redo).unwrap();
        }
        prop_assert_eq!(session.scenario(), &end);
        prop_assert_eq!(histories(&session), end_histories);
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
        scenario.tokens.set_expiry("alice", expiry).unwrap();
        let first = scenario.refresh_at(0).unwrap();
        prop_assert_eq!(first.is_refreshed(), scenario.policy.boundary.is_past(expiry, now));
        let after = scenario.tokens.get("alice").unwrap().owned();
        prop_assert!(scenario.status_of(after.view()).is_valid());
        prop_assert!(!scenario.refresh_at(0).unwrap().is_refreshed());
        prop_assert_eq!(scenario.tokens.get("alice").unwrap(), after.view());
    }
}
