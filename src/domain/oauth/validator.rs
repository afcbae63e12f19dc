//! How an API's JWT library judges an access token's `exp` at one tick, by each library's
//! documented default (1 tick = 1 second). The comparison each makes is kept in the value, so the
//! validators panel and `call` word the same judgement.

use crate::domain::decision::Sum;
use crate::domain::policy::{Boundary, Policy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Validator {
    /// The lesson's rule: the scenario's boundary and leeway.
    #[default]
    Lesson,
    /// PyJWT ≥ 2.6: leeway 0, rejects when `exp <= now - leeway`.
    PyJwt,
    /// Rust `jsonwebtoken`: leeway 60, rejects only when `exp + leeway < now`.
    JsonWebToken,
    /// Spring Security's `JwtTimestampValidator`: 60 s clock skew, as jsonwebtoken.
    Spring,
    /// .NET IdentityModel: `ClockSkew` 300 s, rejects when `exp + skew < now`.
    DotNet,
}

impl Validator {
    pub const ALL: [Validator; 5] = [
        Validator::PyJwt,
        Validator::JsonWebToken,
        Validator::Spring,
        Validator::DotNet,
        Validator::Lesson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Validator::Lesson => "lesson",
            Validator::PyJwt => "pyjwt",
            Validator::JsonWebToken => "jsonwebtoken",
            Validator::Spring => "spring",
            Validator::DotNet => "dotnet",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.name() == name)
    }

    /// Every name, for error messages: `pyjwt, jsonwebtoken, spring, dotnet, lesson`.
    pub fn names() -> String {
        Self::ALL.map(Validator::name).join(", ")
    }

    /// The leeway and whether `exp + leeway == now` is already rejected. `leeway` is the
    /// library's configured leeway (the `validator_leeway` setting; `None`: its default).
    fn rule(self, policy: &Policy, leeway: Option<u64>) -> (u64, Boundary) {
        match self {
            Validator::Lesson => (policy.leeway, policy.boundary),
            Validator::PyJwt => (leeway.unwrap_or(0), Boundary::Rfc7519),
            Validator::JsonWebToken | Validator::Spring => (leeway.unwrap_or(60), Boundary::Lesson),
            Validator::DotNet => (leeway.unwrap_or(300), Boundary::Lesson),
        }
    }

    /// The scenario's policy with this validator's boundary and leeway, so everything that
    /// draws a token's status through time (the timeline) agrees with `call`.
    pub fn as_policy(self, policy: &Policy, leeway: Option<u64>) -> Policy {
        let (leeway, boundary) = self.rule(policy, leeway);
        Policy {
            leeway,
            boundary,
            ..policy.clone()
        }
    }

    /// The last tick at which this validator accepts a token expiring at `exp` (`None`: not
    /// even at tick 0), so every front end says "accepted until" from the same rule as
    /// [`judge`](Self::judge).
    pub fn last_accepted(self, policy: &Policy, leeway: Option<u64>, exp: u64) -> Option<u64> {
        let (leeway, boundary) = self.rule(policy, leeway);
        let limit = Sum::new(exp, leeway).exact();
        let last = match boundary {
            Boundary::Lesson => limit,
            Boundary::Rfc7519 => limit.checked_sub(1)?,
        };
        Some(u64::try_from(last).unwrap_or(u64::MAX))
    }

    /// Judges a token expiring at `exp` when the clock shows `now`.
    pub fn judge(self, policy: &Policy, leeway: Option<u64>, exp: u64, now: u64) -> Judgement {
        let (leeway, boundary) = self.rule(policy, leeway);
        let limit = Sum::new(exp, leeway);
        Judgement {
            validator: self,
            exp,
            now,
            leeway,
            boundary,
            accepted: !boundary.is_past_exact(limit.exact(), now.into()),
        }
    }
}

/// One validator's verdict on one token at one tick, with the comparison it made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    pub validator: Validator,
    pub exp: u64,
    pub now: u64,
    pub leeway: u64,
    /// `Lesson` (`<`): rejects when `exp + leeway < now`; `Rfc7519` (`≤`): when `exp + leeway ≤ now`.
    pub boundary: Boundary,
    pub accepted: bool,
}

impl Judgement {
    /// Accepted only because of the leeway: past `exp` by the same boundary.
    pub fn in_leeway(&self) -> bool {
        self.accepted && self.boundary.is_past(self.exp, self.now)
    }

    /// `exp + leeway` as compared (exact).
    pub fn limit(&self) -> Sum {
        Sum::new(self.exp, self.leeway)
    }
}

/// An access token's standing at `call`, for the table and the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessStatus {
    Valid {
        remaining: u64,
    },
    /// Valid, but inside the client's early window: the client would refresh it now.
    RefreshDue {
        remaining: u64,
    },
    /// Past `exp`, accepted by the validator's leeway.
    Leeway {
        since: u64,
    },
    Expired {
        since: u64,
    },
    /// Opaque and revoked at the server (introspection says inactive).
    Revoked {
        at: u64,
    },
}

impl AccessStatus {
    pub fn accepted(self) -> bool {
        matches!(
            self,
            AccessStatus::Valid { .. }
                | AccessStatus::RefreshDue { .. }
                | AccessStatus::Leeway { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(v: Validator, exp: u64, now: u64) -> bool {
        v.judge(&Policy::default(), None, exp, now).accepted
    }

    #[test]
    fn pyjwt_rejects_at_exp() {
        let v = Validator::PyJwt;
        assert!(accepted(v, 1000, 999));
        assert!(!accepted(v, 1000, 1000));
        assert!(!accepted(v, 1000, 1001));
    }

    #[test]
    fn jsonwebtoken_and_spring_accept_until_exp_plus_60() {
        for v in [Validator::JsonWebToken, Validator::Spring] {
            assert!(accepted(v, 1000, 999));
            assert!(accepted(v, 1000, 1000));
            assert!(accepted(v, 1000, 1060), "exp + leeway is still accepted");
            assert!(!accepted(v, 1000, 1061));
            assert!(v.judge(&Policy::default(), None, 1000, 1060).in_leeway());
            assert!(!v.judge(&Policy::default(), None, 1000, 1000).in_leeway());
        }
    }

    #[test]
    fn dotnet_accepts_until_exp_plus_300() {
        let v = Validator::DotNet;
        assert!(accepted(v, 1000, 999));
        assert!(accepted(v, 1000, 1000));
        assert!(accepted(v, 1000, 1300));
        assert!(!accepted(v, 1000, 1301));
    }

    #[test]
    fn the_lesson_validator_follows_the_scenarios_boundary_and_leeway() {
        let mut p = Policy::default();
        assert!(Validator::Lesson.judge(&p, None, 1000, 1000).accepted);
        assert!(!Validator::Lesson.judge(&p, None, 1000, 1001).accepted);
        p.boundary = Boundary::Rfc7519;
        p.leeway = 5;
        assert!(Validator::Lesson.judge(&p, None, 1000, 1004).accepted);
        assert!(!Validator::Lesson.judge(&p, None, 1000, 1005).accepted);
    }

    #[test]
    fn the_last_accepted_tick_is_the_last_tick_judge_accepts() {
        let policy = Policy::default();
        for v in Validator::ALL {
            for exp in [0, 1, 300, 1000, u64::MAX - 1, u64::MAX] {
                for leeway in [None, Some(0), Some(30)] {
                    match v.last_accepted(&policy, leeway, exp) {
                        Some(last) => {
                            assert!(v.judge(&policy, leeway, exp, last).accepted, "{v:?} {exp}");
                            if let Some(next) = last.checked_add(1) {
                                let judged = v.judge(&policy, leeway, exp, next);
                                assert!(!judged.accepted, "{v:?} {exp}");
                            }
                        }
                        None => assert!(!v.judge(&policy, leeway, exp, 0).accepted, "{v:?} {exp}"),
                    }
                }
            }
        }
    }

    #[test]
    fn names_round_trip_and_list_every_validator() {
        for v in Validator::ALL {
            assert_eq!(Validator::from_name(v.name()), Some(v));
        }
        assert_eq!(
            Validator::names(),
            "pyjwt, jsonwebtoken, spring, dotnet, lesson"
        );
        assert!(!accepted(Validator::PyJwt, u64::MAX, u64::MAX));
        assert!(accepted(Validator::DotNet, u64::MAX, u64::MAX));
    }
}
