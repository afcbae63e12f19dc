//! The status phases a token goes through as the clock moves (valid, refresh due, last tick,
//! leeway, expired), each by the token's judge: the user's validator with the real-world model,
//! the lesson's rule otherwise. And the next tick at which any user's phase changes, for
//! `next-change`.

use super::oauth::{AccessKind, AccessStatus, Knobs, TokenTimes, Validator};
use super::op::{NextChange, Phase};
use super::policy::Policy;
use super::scenario::Scenario;

/// Who judges a token: a validator with its configured leeway (`None`: the library's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Judge {
    pub validator: Validator,
    pub leeway: Option<u64>,
}

impl Judge {
    /// The authorization server's own record of a token it issued: its `exp` by the scenario's
    /// boundary, no library and no leeway. An opaque token is introspected, and RFC 7662 §2.2
    /// has the server answer `active` from what it knows of the token, not from a JWT library.
    pub const SERVER: Judge = Judge {
        validator: Validator::LESSON,
        leeway: Some(0),
    };

    /// The user's validator as configured; for an opaque access token the server's own record
    /// ([`Judge::SERVER`]); the lesson's rule without the model.
    pub fn of(knobs: Option<&Knobs>) -> Self {
        match knobs {
            None => Judge::default(),
            Some(k) if k.access == AccessKind::Opaque => Judge::SERVER,
            Some(k) => Judge {
                validator: k.validator,
                leeway: k.validator_leeway,
            },
        }
    }

    /// The token's status at `now`.
    pub fn status(self, policy: &Policy, times: TokenTimes, now: u64) -> AccessStatus {
        let judgement = self
            .validator
            .judge(policy.lesson_rule(), self.leeway, times, now);
        let client_refreshes = policy.decide(judgement.exp, judgement.now).refreshes;
        AccessStatus::of(&judgement, client_refreshes)
    }

    /// The phase a token is in at `now`.
    pub fn phase(self, policy: &Policy, times: TokenTimes, now: u64) -> Phase {
        self.status(policy, times, now).phase()
    }
}

impl AccessStatus {
    /// The phase this status is in, for its words and styles.
    pub fn phase(self) -> Phase {
        match self {
            AccessStatus::Valid {
                last_tick: true, ..
            } => Phase::LastTick,
            AccessStatus::Valid { .. } => Phase::Valid,
            AccessStatus::RefreshDue { .. } => Phase::RefreshDue,
            AccessStatus::Leeway {
                last_tick: true, ..
            } => Phase::LeewayLastTick,
            AccessStatus::Leeway { .. } => Phase::Leeway,
            AccessStatus::Expired { .. } => Phase::Expired,
            AccessStatus::NotYetValid { .. } => Phase::NotYetValid,
            AccessStatus::Revoked { .. } => Phase::Revoked,
        }
    }
}

/// The next tick after now at which any user's status phase changes (`next-change`).
pub fn next_change(scenario: &Scenario) -> Option<NextChange> {
    let now = scenario.now();
    let policy = &scenario.policy;
    let mut best: Option<NextChange> = None;
    for (name, user) in scenario.tokens.users() {
        let token = &user.token;
        let knobs = scenario.knobs_of(user);
        // With the real-world model, a user's status is its validator's (as the table shows).
        let judge = Judge::of(knobs.as_ref());
        let times = TokenTimes::new(token.expiry, user.issued_at());
        let access =
            next_phase_change(policy, judge, times, now).map(|(at, phase)| (at, phase, false));
        // The refresh token's idle or absolute lifetime ends (its state changes by itself).
        let refresh = user.model.and_then(|m| {
            let knobs = knobs.as_ref()?;
            let at = m.next_rt_change(knobs, policy.boundary, now)?;
            Some((at, judge.phase(policy, times, at), true))
        });
        let Some((at, phase, refresh_token)) =
            [access, refresh].into_iter().flatten().min_by_key(|c| c.0)
        else {
            continue;
        };
        match &mut best {
            Some(b) if b.at < at => {}
            Some(b) if b.at == at => b.others += 1,
            _ => {
                best = Some(NextChange {
                    at,
                    user: name.to_owned(),
                    phase,
                    refresh_token,
                    others: 0,
                })
            }
        }
    }
    best
}

/// The lesson's status of a token expiring at `expiry` at `now` (the lesson's rule judges: the
/// first row of the validators table, with the scenario's boundary and leeway).
pub fn lesson_status(policy: &Policy, expiry: u64, now: u64) -> AccessStatus {
    Judge::default().status(policy, TokenTimes::new(expiry, None), now)
}

/// A user's token's status now, as every front end shows it: by the user's validator (and an
/// opaque token's revocation) with the real-world model, by the lesson's rule without.
pub fn user_status(scenario: &Scenario, user: crate::domain::UserRef<'_>) -> AccessStatus {
    let now = scenario.now();
    match scenario.knobs_of(user) {
        Some(knobs) => super::oauth::access_status(user, &knobs, &scenario.policy, now),
        None => lesson_status(&scenario.policy, user.token.expiry, now),
    }
}

/// The first tick after `now` at which the token's phase changes, and the phase it enters.
/// Phases only change at these ticks (the early window's start, the expiry, the judge's last
/// tick and first rejected tick, the end of a future issue time), so checking them in order is
/// exact.
fn next_phase_change(
    policy: &Policy,
    judge: Judge,
    times: TokenTimes,
    now: u64,
) -> Option<(u64, Phase)> {
    let current = judge.phase(policy, times, now);
    let expiry = times.exp;
    let early_start = expiry.checked_sub(policy.early);
    let rejected = judge
        .validator
        .first_rejected(policy.lesson_rule(), judge.leeway, expiry);
    let rejected = u64::try_from(rejected).ok();
    let leeway = judge.validator.leeway(policy.lesson_rule(), judge.leeway);
    let valid_from = times.issued.map(|i| i.saturating_sub(leeway));
    let mut candidates: Vec<u64> = [
        early_start,
        early_start.and_then(|t| t.checked_add(1)),
        expiry.checked_sub(1),
        Some(expiry),
        expiry.checked_add(1),
        rejected.and_then(|t| t.checked_sub(1)),
        rejected,
        valid_from,
    ]
    .into_iter()
    .flatten()
    .filter(|&t| t > now)
    .collect();
    candidates.sort_unstable();
    candidates
        .into_iter()
        .map(|t| (t, judge.phase(policy, times, t)))
        .find(|&(_, p)| p != current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Boundary;

    fn valid(remaining: u64, last_tick: bool) -> AccessStatus {
        AccessStatus::Valid {
            remaining,
            last_tick,
        }
    }

    #[test]
    fn the_lesson_status_counts_remaining_and_since() {
        let p = Policy::default();
        assert_eq!(lesson_status(&p, 200, 120), valid(80, false));
        assert_eq!(lesson_status(&p, 120, 120), valid(0, true));
        assert_eq!(
            lesson_status(&p, 100, 120),
            AccessStatus::Expired { since: 20 }
        );
        let rfc = Policy {
            boundary: Boundary::Rfc7519,
            ..p
        };
        assert_eq!(
            lesson_status(&rfc, 120, 120),
            AccessStatus::Expired { since: 0 }
        );
        assert_eq!(lesson_status(&rfc, 120, 119), valid(1, true));
    }

    #[test]
    fn the_lesson_leeway_accepts_a_token_for_that_many_ticks_past_expiry() {
        let p = Policy {
            leeway: 5,
            ..Policy::default()
        };
        let leeway = |since, last_tick| AccessStatus::Leeway { since, last_tick };
        assert_eq!(lesson_status(&p, 100, 100), valid(0, false));
        assert_eq!(lesson_status(&p, 100, 104), leeway(4, false));
        assert_eq!(lesson_status(&p, 100, 105), leeway(5, true));
        assert_eq!(
            lesson_status(&p, 100, 106),
            AccessStatus::Expired { since: 6 }
        );
        let rfc = Policy {
            boundary: Boundary::Rfc7519,
            ..p
        };
        assert_eq!(lesson_status(&rfc, 100, 104), leeway(4, true));
        assert_eq!(
            lesson_status(&rfc, 100, 105),
            AccessStatus::Expired { since: 5 }
        );
        assert_eq!(
            lesson_status(&rfc, u64::MAX - 1, u64::MAX),
            leeway(1, false)
        );
    }
}
