//! The live state of a lesson: the clock, the tokens and the policy, and the `refresh_token` rule.

use super::clock::Clock;
use super::policy::{NewToken, Policy, Status};
use super::token_store::{Token, TokenStore};
use base64::Engine;

/// What `refresh` did, with the numbers that explain why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The token was past the refresh threshold, so a new one was issued.
    Refreshed {
        old_token: String,
        old_expiry: u64,
        new_token: String,
        new_expiry: u64,
        now: u64,
    },
    /// The token was not past the threshold, so nothing changed.
    StillValid {
        token: String,
        expiry: u64,
        /// Ticks from now to the expiry (0 on the lesson's boundary tick; with an early window the
        /// token may already be in the window but not yet expired).
        remaining: u64,
        now: u64,
    },
}

impl Outcome {
    pub fn is_refreshed(&self) -> bool {
        matches!(self, Outcome::Refreshed { .. })
    }

    /// The lesson's printed line: `Refreshed token for alice: newtoken123`, or the still-valid one.
    /// It is written straight to where it goes (`{}`), without a `String` for each of a million.
    pub fn lesson_line<'a>(&'a self, user: &'a str) -> LessonLine<'a> {
        LessonLine {
            user,
            outcome: self,
        }
    }
}

/// See [`Outcome::lesson_line`].
pub struct LessonLine<'a> {
    user: &'a str,
    outcome: &'a Outcome,
}

impl std::fmt::Display for LessonLine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let user = self.user;
        match self.outcome {
            Outcome::Refreshed { new_token, .. } => {
                write!(f, "Refreshed token for {user}: {new_token}")
            }
            Outcome::StillValid { token, expiry, .. } => {
                write!(
                    f,
                    "Token for {user} is still valid: {token} (expires at {expiry})"
                )
            }
        }
    }
}

/// Returned for a name the scenario does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownUser(pub String);

impl std::fmt::Display for UnknownUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown user '{}'", self.0)
    }
}

impl std::error::Error for UnknownUser {}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scenario {
    pub clock: Clock,
    pub tokens: TokenStore,
    pub policy: Policy,
}

impl Scenario {
    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    /// The lesson's `refresh_token(user)`.
    pub fn refresh(&mut self, user: &str) -> Result<Outcome, UnknownUser> {
        let index = self.position_of(user)?;
        self.refresh_at(index)
            .ok_or_else(|| UnknownUser(user.to_owned()))
    }

    /// Where a user stands in file order.
    pub fn position_of(&self, user: &str) -> Result<usize, UnknownUser> {
        self.tokens
            .index_of(user)
            .ok_or_else(|| UnknownUser(user.to_owned()))
    }

    /// `refresh` for the user at `index` in file order; `None` past the end.
    pub fn refresh_at(&mut self, index: usize) -> Option<Outcome> {
        let now = self.clock.now();
        let policy = &self.policy;
        let (_, token) = self.tokens.get_index_mut(index)?;
        let outcome = if policy.needs_refresh(token.expiry, now) {
            let new = Token::new(issue_token(&policy.new_token), policy.new_expiry(now));
            let old = std::mem::replace(token, new);
            Outcome::Refreshed {
                old_token: old.value,
                old_expiry: old.expiry,
                new_token: token.value.clone(),
                new_expiry: token.expiry,
                now,
            }
        } else {
            Outcome::StillValid {
                token: token.value.clone(),
                expiry: token.expiry,
                remaining: token.expiry.saturating_sub(now),
                now,
            }
        };
        Some(outcome)
    }

    pub fn status_of(&self, token: &Token) -> Status {
        self.policy.status(token.expiry, self.clock.now())
    }
}

fn issue_token(new_token: &NewToken) -> String {
    match new_token {
        NewToken::Literal(value) => value.clone(),
        NewToken::RandomBytes(n) => {
            let mut bytes = vec![0u8; *n];
            // The OS random source failing is not something a lesson can recover from or explain;
            // fall back to a clearly marked token rather than abort the app.
            if getrandom::fill(&mut bytes).is_err() {
                return "random-unavailable".to_owned();
            }
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Boundary;

    fn lesson() -> Scenario {
        Scenario::lesson()
    }

    #[test]
    fn refreshing_alice_reproduces_the_lesson() {
        let mut s = lesson();
        let outcome = s.refresh("alice").unwrap();
        assert_eq!(
            outcome,
            Outcome::Refreshed {
                old_token: "abc123".into(),
                old_expiry: 100,
                new_token: "newtoken123".into(),
                new_expiry: 220,
                now: 120,
            }
        );
        assert_eq!(
            outcome.lesson_line("alice").to_string(),
            "Refreshed token for alice: newtoken123"
        );
        assert_eq!(s.tokens.get("alice"), Some(&Token::new("newtoken123", 220)));
    }

    #[test]
    fn bob_is_still_valid_and_unchanged() {
        let mut s = lesson();
        let outcome = s.refresh("bob").unwrap();
        assert_eq!(
            outcome,
            Outcome::StillValid {
                token: "def456".into(),
                expiry: 200,
                remaining: 80,
                now: 120
            }
        );
        assert_eq!(
            outcome.lesson_line("bob").to_string(),
            "Token for bob is still valid: def456 (expires at 200)"
        );
        assert_eq!(s, lesson());
    }

    #[test]
    fn the_expiry_tick_is_valid_under_the_lesson_and_expired_under_rfc7519() {
        let mut s = lesson();
        s.clock.set(100);
        assert!(!s.refresh("alice").unwrap().is_refreshed());
        s.clock.set(99);
        assert!(!s.refresh("alice").unwrap().is_refreshed());
        s.policy.boundary = Boundary::Rfc7519;
        s.clock.set(100);
        assert!(s.refresh("alice").unwrap().is_refreshed());
    }

    #[test]
    fn one_tick_past_expiry_refreshes() {
        let mut s = lesson();
        s.clock.set(101);
        assert!(s.refresh("alice").unwrap().is_refreshed());
        assert_eq!(s.tokens.get("alice").map(|t| t.expiry), Some(201));
    }

    #[test]
    fn unknown_user_is_an_error_not_a_panic() {
        let mut s = lesson();
        assert_eq!(s.refresh("dave"), Err(UnknownUser("dave".into())));
    }

    #[test]
    fn random_tokens_are_url_safe_and_never_repeat() {
        let mut s = lesson();
        s.policy.new_token = NewToken::RandomBytes(16);
        let a = s.refresh("alice").unwrap();
        let c = s.refresh("carol").unwrap();
        let (Outcome::Refreshed { new_token: a, .. }, Outcome::Refreshed { new_token: c, .. }) =
            (a, c)
        else {
            panic!("both should refresh");
        };
        assert_ne!(a, c);
        assert_eq!(
            a.len(),
            22,
            "16 bytes are 22 base64 characters without padding"
        );
        assert!(
            a.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        );
    }
}
