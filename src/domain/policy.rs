//! When a token counts as expired, when a client refreshes it, and what a refresh issues.

use super::decision::{Decision, Reason, Sum};
use super::oauth::validator::LessonRule;
use super::random::Random;
use base64::Engine;

pub use super::settings::{Boundary, NewToken, Policy};

impl Boundary {
    pub const ALL: [Boundary; 2] = [Boundary::Lesson, Boundary::Rfc7519];

    pub fn name(self) -> &'static str {
        match self {
            Boundary::Lesson => "lesson",
            Boundary::Rfc7519 => "rfc7519",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The comparison operator that means "expired", as it reads in `expiry OP now`.
    pub fn expired_operator(self) -> &'static str {
        match self {
            Boundary::Lesson => "<",
            Boundary::Rfc7519 => "≤",
        }
    }

    /// The operator that means "still valid", the negation of [`Boundary::expired_operator`].
    pub fn valid_operator(self) -> &'static str {
        match self {
            Boundary::Lesson => "≥",
            Boundary::Rfc7519 => ">",
        }
    }

    pub fn is_past(self, expiry: u64, threshold: u64) -> bool {
        match self {
            Boundary::Lesson => expiry < threshold,
            Boundary::Rfc7519 => expiry <= threshold,
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            Boundary::Lesson => Boundary::Rfc7519,
            Boundary::Rfc7519 => Boundary::Lesson,
        }
    }
}

impl NewToken {
    /// The token a refresh issues: the literal value, or fresh random bytes in base64url.
    pub fn issue(&self, random: &mut Random) -> String {
        match self {
            NewToken::Literal(value) => value.clone(),
            NewToken::RandomBytes(n) => {
                let mut bytes = vec![0u8; *n];
                // The OS random source failing is not something a lesson can recover from or
                // explain; fall back to a clearly marked token rather than abort the app.
                if !random.fill(&mut bytes) {
                    return "random-unavailable".to_owned();
                }
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
            }
        }
    }
}

impl Policy {
    /// The lesson's rule as the validators table reads it: this policy's boundary and leeway.
    pub fn lesson_rule(&self) -> LessonRule {
        LessonRule {
            boundary: self.boundary,
            leeway: self.leeway,
        }
    }

    /// The refresh rule for a token expiring at `expiry` when the clock shows `now`.
    pub fn decide(&self, expiry: u64, now: u64) -> Decision {
        Decision::new(self.boundary, self.early, expiry, now)
    }

    /// The expiry a refresh at `now` issues: `now + ttl`, capped at the largest time.
    pub fn new_expiry(&self, now: u64) -> Sum {
        Sum::new(now, self.ttl)
    }

    /// Whether a token expiring at `expiry` is still inside the refresh's early window at `now`
    /// without being expired: a client would refresh it now.
    pub fn refresh_due(&self, expiry: u64, now: u64) -> bool {
        self.decide(expiry, now).reason == Reason::EarlyWindow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> Policy {
        Policy::default()
    }

    #[test]
    fn lesson_rule_refreshes_only_strictly_before_now() {
        let p = lesson();
        assert!(p.decide(119, 120).refreshes, "expiry = now - 1 is expired");
        assert!(!p.decide(120, 120).refreshes, "expiry = now is still valid");
        assert!(!p.decide(121, 120).refreshes, "expiry = now + 1 is valid");
    }

    #[test]
    fn rfc7519_rule_treats_the_expiry_tick_as_expired() {
        let p = Policy {
            boundary: Boundary::Rfc7519,
            ..lesson()
        };
        assert!(p.decide(119, 120).refreshes);
        assert!(p.decide(120, 120).refreshes);
        assert!(!p.decide(121, 120).refreshes);
    }

    #[test]
    fn early_window_refreshes_before_expiry() {
        let p = Policy {
            early: 10,
            ..lesson()
        };
        assert!(p.decide(129, 120).refreshes);
        assert!(!p.decide(130, 120).refreshes);
    }

    #[test]
    fn numbers_near_the_maximum_do_not_wrap() {
        let p = Policy {
            early: u64::MAX,
            ..lesson()
        };
        assert!(p.decide(u64::MAX - 1, 5).refreshes);
        assert!(
            p.decide(u64::MAX, 5).refreshes,
            "now + early is past the maximum"
        );
        assert_eq!(lesson().new_expiry(u64::MAX - 10).value(), u64::MAX);
        assert!(lesson().new_expiry(u64::MAX - 10).is_capped());
    }

    #[test]
    fn boundary_names_round_trip() {
        for b in Boundary::ALL {
            assert_eq!(Boundary::from_name(b.name()), Some(b));
        }
        assert_eq!(Boundary::from_name("strict"), None);
    }
}
