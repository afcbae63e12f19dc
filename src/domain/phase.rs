//! The status phases a token goes through as the clock moves (valid, refresh due, last tick,
//! leeway, expired), each by the token's judge: the user's validator with the real-world model,
//! the lesson's rule otherwise. The next tick at which a phase changes is `next_change.rs`.

use super::oauth::validator::{AccessStatus, TokenTimes, Validator};
use super::policy::Policy;
use super::settings::{AccessKind, Knobs};

/// The status phases a token goes through as the clock moves, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Valid,
    /// Inside the early window: a client would refresh it now.
    RefreshDue,
    /// Accepted now and rejected one tick later by the same judge (leeway included).
    LastTick,
    /// Past its expiry, but the leeway still accepts it.
    Leeway,
    /// The leeway's last tick: accepted now, rejected one tick later.
    LeewayLastTick,
    Expired,
    /// Issued after now (the clock moved back) and the judge checks `iat` or `nbf`.
    NotYetValid,
    /// An opaque token revoked at the server.
    Revoked,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 8] = [
        Phase::Valid,
        Phase::RefreshDue,
        Phase::LastTick,
        Phase::Leeway,
        Phase::LeewayLastTick,
        Phase::Expired,
        Phase::NotYetValid,
        Phase::Revoked,
    ];
}

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

/// The lesson's status of a token expiring at `expiry` at `now` (the lesson's rule judges: the
/// first row of the validators table, with the scenario's boundary and leeway).
pub fn lesson_status(policy: &Policy, expiry: u64, now: u64) -> AccessStatus {
    Judge::default().status(policy, TokenTimes::new(expiry, None), now)
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

#[cfg(test)]
mod phase_tests {
    use super::Phase;

    /// A new phase does not compile here until it is given a place: the same place in
    /// [`Phase::ALL`].
    fn place(phase: Phase) -> usize {
        match phase {
            Phase::Valid => 0,
            Phase::RefreshDue => 1,
            Phase::LastTick => 2,
            Phase::Leeway => 3,
            Phase::LeewayLastTick => 4,
            Phase::Expired => 5,
            Phase::NotYetValid => 6,
            Phase::Revoked => 7,
        }
    }

    #[test]
    fn all_lists_every_phase_once_in_order() {
        for (i, phase) in Phase::ALL.into_iter().enumerate() {
            assert_eq!(place(phase), i, "{phase:?}");
        }
    }
}
