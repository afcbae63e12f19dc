//! Whether users or the policy were edited since a scenario was loaded or saved, derived from
//! the state alone. One rule: edits are what a teacher sets up (users added, removed or given
//! another expiry, the policy and users' own settings, clients' setup: their list, storage and
//! clock skew); story events are not (refresh, clock moves, steal, replay, revoke, login,
//! logout, race, call, a lost response), so quitting after them loses nothing a teacher made.

use super::policy::Policy;
use super::scenario::Scenario;
use super::token_store::{USER_HISTORY_LIMIT, UserRef};

/// True when `now` differs from `baseline` by more than story events: a user was added,
/// removed or given another expiry, the policy or a user's own settings changed, or a client
/// was set up differently.
pub fn edited_since(baseline: &Scenario, now: &Scenario) -> bool {
    if baseline.policy != now.policy || baseline.tokens.len() != now.tokens.len() {
        return true;
    }
    !baseline
        .tokens
        .users()
        .zip(now.tokens.users())
        .all(|((name_b, before), (name_n, after))| {
            name_b == name_n
                && same_setup(before, after)
                && match (before.model, after.model) {
                    // The model's story issues access tokens by its own rules (caps, users'
                    // ttls, logins): an expiry changed on the token held then is an edit, and
                    // so is one later than the story could have given the token since.
                    (Some(_), Some(_)) => {
                        if after.token.value == before.token.value {
                            after.token.expiry == before.token.expiry
                        } else {
                            issued_by_the_story(after, now)
                        }
                    }
                    _ => only_refreshed(before, after, &now.policy),
                }
        })
}

/// Whether the model's access token `after` holds could have come from the story: a refresh
/// or a login gives one `ttl` from when it was issued, or less when access tokens are capped by
/// the family's deadline (`cap_access`); any other expiry was set by hand (`e` after a
/// refresh). With caps on, an earlier one set by hand looks like a cap and is not seen.
fn issued_by_the_story(after: UserRef<'_>, now: &Scenario) -> bool {
    match (after.issued_at(), now.knobs_of(after)) {
        (Some(at), Some(knobs)) => {
            let full = at.saturating_add(knobs.ttl);
            after.token.expiry == full || (knobs.cap_access && after.token.expiry < full)
        }
        _ => true,
    }
}

/// The same own settings and the same clients, set up alike (names, storage, clock skew).
fn same_setup(before: UserRef<'_>, after: UserRef<'_>) -> bool {
    match (before.model, after.model) {
        (Some(b), Some(a)) => {
            b.overrides == a.overrides
                && b.clients.len() == a.clients.len()
                && b.clients.iter().zip(&a.clients).all(|(x, y)| {
                    x.name == y.name && x.shares_storage() == y.shares_storage() && x.skew == y.skew
                })
        }
        (None, None) => true,
        // The model switched on or off is a policy change, seen there.
        _ => true,
    }
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

    fn model_after(ops: &[&str]) -> bool {
        let text = "current_time = 0\n[oauth]\nvalidator = \"pyjwt\"\nrotation = true\n\
                    [tokens]\na = { token = \"at-a-1\", expiry = 300 }\n\
                    b = { token = \"at-b-1\", expiry = 300 }\n\
                    [clients]\nb = [{ name = \"t1\" }, { name = \"t2\" }]\n";
        let scenario = crate::files::parse_scenario(text, "t.toml").unwrap();
        let mut session = Session::new(scenario.clone());
        for op in ops.iter().flat_map(|line| line.split("; ")) {
            let words: Vec<&str> = op.split_whitespace().collect();
            match crate::script::parse_command(&words) {
                Ok(crate::script::Command::Op(op)) => {
                    let _ = session.apply(&op);
                }
                other => panic!("{op}: {other:?}"),
            }
        }
        edited_since(&scenario, session.scenario())
    }

    /// One rule (issue 17): story events never ask, setup always does.
    #[test]
    fn story_events_are_not_edits_and_setup_is() {
        for story in [
            "steal a",
            "replay a",
            "revoke a",
            "login a",
            "call a",
            "race b",
            "call b t2",
            "lose b",
            "advance 400",
        ] {
            assert!(!model_after(&["advance 100", story]), "{story} asked");
        }
        assert!(!model_after(&[
            "steal a", "replay a", "revoke a", "login a", "race b"
        ]));
        // Story events that give new access tokens, once the first ones have expired.
        for story in [
            "refresh a; advance 150; refresh a",
            "login a",
            "race b; advance 150; race b",
            "traffic on; advance 600; traffic off",
            "policy cap-access on; refresh a",
        ] {
            assert!(
                !model_after(&["advance 400", story, "policy cap-access off"]),
                "{story} asked"
            );
        }
        for edit in [
            "skew b t2 30",
            "set-expiry a 900",
            // An expiry edited after a refresh, or after a login (issue 17's audit: `q`
            // quit without asking).
            "advance 400; refresh a; set-expiry a 9000",
            "advance 400; refresh a; set-expiry a 450",
            "advance 400; login a; set-expiry a 9000",
            "advance 400; race b; set-expiry b 9000",
            "remove a",
            "add c t 5",
            "policy grace 30",
        ] {
            assert!(model_after(&[edit]), "{edit} did not ask");
        }
        assert!(
            !model_after(&["skew b t2 30", "undo"]),
            "an edit undone is no edit"
        );
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
