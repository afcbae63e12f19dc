//! Whether users or the policy were edited since a scenario was loaded or saved, derived from
//! the state alone: refreshes and clock moves are not edits, so quitting after them loses
//! nothing a teacher made.

use super::policy::Policy;
use super::scenario::Scenario;
use super::token_store::{USER_HISTORY_LIMIT, UserRef};

/// True when `now` differs from `baseline` by more than refreshes and clock moves: a user was
/// added, removed or given another expiry, or the policy changed.
pub fn edited_since(baseline: &Scenario, now: &Scenario) -> bool {
    if baseline.policy != now.policy || baseline.tokens.len() != now.tokens.len() {
        return true;
    }
    !baseline
        .tokens
        .users()
        .zip(now.tokens.users())
        .all(|((name_b, before), (name_n, after))| {
            name_b == name_n && only_refreshed(before, after, &now.policy)
        })
}

/// Whether `after` is `before` or `before` with refreshes on top: the token held then is in
/// the history, and every token since was issued by a refresh (`expiry = issued + ttl`).
fn only_refreshed(before: UserRef<'_>, after: UserRef<'_>, policy: &Policy) -> bool {
    if before == after {
        return true;
    }
    let issued_by_refresh = |issued: Option<u64>, expiry: u64| {
        issued.is_some_and(|at| policy.new_expiry(at).value() == expiry)
    };
    let current_ok = issued_by_refresh(after.issued_at(), after.token.expiry);
    let past: Vec<_> = after.past().collect();
    let held_then = past.iter().position(|p| {
        p.value == before.token.value
            && p.expiry == before.token.expiry
            && p.issued_at == before.issued_at()
    });
    let since = match held_then {
        Some(index) => &past[index + 1..],
        // Dropped from a full history: every token it still keeps must be a refresh's.
        None if past.len() == USER_HISTORY_LIMIT => &past[..],
        None => return false,
    };
    current_ok
        && since
            .iter()
            .all(|p| issued_by_refresh(p.issued_at, p.expiry))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Op, PolicyChange, Session};

    fn after(ops: &[Op]) -> bool {
        let mut session = Session::new(Scenario::lesson());
        for op in ops {
            session.apply(op).unwrap();
        }
        edited_since(&Scenario::lesson(), session.scenario())
    }

    #[test]
    fn refreshes_clock_moves_and_undone_edits_are_not_edits() {
        assert!(!after(&[]));
        assert!(!after(&[
            Op::Refresh("alice".into()),
            Op::Advance(500),
            Op::RefreshAll,
            Op::Rewind(30),
            Op::RefreshAll,
        ]));
        assert!(!after(&[Op::Remove("bob".into()), Op::Undo]));
        assert!(!after(&[
            Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Early(5)
            )),
            Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Early(0)
            )),
        ]));
    }

    #[test]
    fn users_expiries_and_the_policy_are_edits() {
        assert!(after(&[Op::Remove("bob".into())]));
        assert!(after(&[Op::Add {
            user: "dave".into(),
            token: "d1".into(),
            expiry: 5
        }]));
        assert!(after(&[Op::SetExpiry {
            user: "bob".into(),
            expiry: 300
        }]));
        assert!(after(&[Op::Policy(PolicyChange::Set(
            crate::domain::settings::SettingValue::Leeway(5)
        ))]));
        // An expiry edited after a refresh, or between two.
        assert!(after(&[
            Op::Refresh("alice".into()),
            Op::SetExpiry {
                user: "alice".into(),
                expiry: 500
            },
        ]));
        assert!(after(&[
            Op::Refresh("alice".into()),
            Op::SetExpiry {
                user: "alice".into(),
                expiry: 10
            },
            Op::Refresh("alice".into()),
        ]));
    }

    #[test]
    fn more_refreshes_than_the_history_keeps_are_still_not_edits() {
        let mut ops = Vec::new();
        for _ in 0..(USER_HISTORY_LIMIT + 3) {
            ops.extend([Op::Advance(200), Op::Refresh("alice".into())]);
        }
        assert!(!after(&ops));
    }
}
