//! The live state of a lesson: the clock, the tokens and the policy, and the `refresh_token` rule.

use super::clock::Clock;
use super::decision::{Decision, Sum};
use super::error::Error;
use super::oauth::AccessStatus;
use super::oauth::refresh::{Presenter, Server};
use super::policy::Policy;
use super::random::Random;
use super::settings::Knobs;
use super::token_store::{TokenRef, TokenStore};
use super::user_state::UserRef;

/// What `refresh` did, with the decision that explains why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The token was past the refresh threshold, so a new one was issued.
    Refreshed {
        decision: Decision,
        new_token: String,
        /// `now + ttl`, and whether it had to be capped at the largest time.
        new_expiry: Sum,
        /// The new token is already expired when issued (e.g. a ttl of 0 under RFC 7519).
        issued_expired: bool,
    },
    /// The token was not past the threshold, so nothing changed.
    StillValid { decision: Decision, token: String },
    /// The real-world model: the client asked the server, and this is the server's answer.
    Server {
        decision: Decision,
        server: Box<super::oauth::RefreshDecision>,
    },
}

impl Outcome {
    pub fn is_refreshed(&self) -> bool {
        match self {
            Outcome::Refreshed { .. } => true,
            Outcome::StillValid { .. } => false,
            Outcome::Server { server, .. } => server.issued().is_some(),
        }
    }

    pub fn decision(&self) -> &Decision {
        match self {
            Outcome::Refreshed { decision, .. }
            | Outcome::StillValid { decision, .. }
            | Outcome::Server { decision, .. } => decision,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scenario {
    pub clock: Clock,
    pub tokens: TokenStore,
    pub policy: Policy,
    /// Where random tokens come from (the OS, or `--seed`).
    pub random: Random,
}

impl Scenario {
    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    /// Where a user stands in file order.
    pub fn position_of(&self, user: &str) -> Result<usize, Error> {
        self.tokens
            .index_of(user)
            .ok_or_else(|| Error::UnknownUser(user.to_owned()))
    }

    /// `refresh` for the user at `index` in file order; `None` past the end.
    pub fn refresh_at(&mut self, index: usize) -> Option<Outcome> {
        let (_, token) = self.tokens.get_index(index)?;
        let decision = self.policy.decide(token.expiry, self.clock.now());
        self.carry_out(index, decision)
    }

    /// The knobs in force for `state`, when the model is on.
    pub fn knobs_of(&self, state: UserRef<'_>) -> Option<Knobs> {
        let model = self.policy.model.as_deref()?;
        let overrides = state.model.as_ref().map(|m| &m.overrides);
        Some(Knobs::resolve(
            &self.policy,
            model,
            overrides.unwrap_or(&Default::default()),
        ))
    }

    /// Step 1 said refresh: the client presents the refresh token it holds (steps 2 to 6).
    pub(crate) fn server_refresh(&mut self, index: usize, decision: Decision) -> Option<Outcome> {
        let (_, state) = self.tokens.user_at(index)?;
        let knobs = self.knobs_of(state)?;
        let policy = &self.policy;
        let random = &mut self.random;
        let result = self.tokens.update_at(index, |name, state| {
            let mut server = Server::new(name, &knobs, policy, random, decision.now);
            let model = state.model.get_or_insert_with(Default::default);
            let presented = model.client.clone();
            let result = server.refresh(model, Presenter::Client, presented);
            if let Some(issued) = result.issued() {
                state.replace_token(issued.access.clone(), decision.now);
            }
            result
        })?;
        Some(Outcome::Server {
            decision,
            server: Box::new(result),
        })
    }

    /// Carries out a refresh decision made for the user at `index` at this tick.
    pub fn carry_out(&mut self, index: usize, decision: Decision) -> Option<Outcome> {
        let now = decision.now;
        let policy = &self.policy;
        if decision.refreshes && policy.model.is_some() {
            return self.server_refresh(index, decision);
        }
        let outcome = if decision.refreshes {
            let new_expiry = policy.new_expiry(now);
            let new_token = policy.new_token.issue(&mut self.random);
            if !self
                .tokens
                .replace_token_at(index, &new_token, new_expiry.value(), now)
            {
                return None;
            }
            Outcome::Refreshed {
                decision,
                new_token,
                new_expiry,
                issued_expired: policy.boundary.is_past(new_expiry.value(), now),
            }
        } else {
            let (_, token) = self.tokens.get_index(index)?;
            Outcome::StillValid {
                decision,
                token: token.value.to_owned(),
            }
        };
        Some(outcome)
    }

    /// Whether a scenario file would hold the same for both: the clock, the policy and every
    /// user's token, in order. (Token histories are not saved; `==` also ignores the order.)
    pub fn holds_the_same_as(&self, other: &Scenario) -> bool {
        self.clock == other.clock
            && self.policy == other.policy
            && self.tokens.len() == other.tokens.len()
            && self
                .tokens
                .users()
                .map(|(n, u)| (n, u.token, u.model))
                .eq(other.tokens.users().map(|(n, u)| (n, u.token, u.model)))
    }

    /// A token's status by the lesson's rule at the current time.
    pub fn status_of(&self, token: TokenRef<'_>) -> AccessStatus {
        super::phase::lesson_status(&self.policy, token.expiry, self.clock.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Token;
    use crate::domain::policy::{Boundary, NewToken};

    fn lesson() -> Scenario {
        Scenario::lesson()
    }

    /// The lesson's `refresh_token(user)` on a bare scenario.
    fn refresh(s: &mut Scenario, user: &str) -> Result<Outcome, Error> {
        let index = s.position_of(user)?;
        s.refresh_at(index)
            .ok_or(Error::UnknownUser(user.to_owned()))
    }

    #[test]
    fn refreshing_alice_reproduces_the_lesson() {
        let mut s = lesson();
        let outcome = refresh(&mut s, "alice").unwrap();
        assert_eq!(
            outcome,
            Outcome::Refreshed {
                decision: Decision::new(Boundary::Lesson, 0, 100, 120),
                new_token: "newtoken123".into(),
                new_expiry: Sum::new(120, 100),
                issued_expired: false,
            }
        );
        assert_eq!(
            s.tokens.get("alice"),
            Some(Token::new("newtoken123", 220).view())
        );
        let alice = s.tokens.user("alice").unwrap();
        assert_eq!(alice.issued_at(), Some(120));
        assert_eq!(alice.last_replaced().map(|t| t.value), Some("abc123"));
    }

    #[test]
    fn bob_is_still_valid_and_unchanged() {
        let mut s = lesson();
        let outcome = refresh(&mut s, "bob").unwrap();
        assert_eq!(
            outcome,
            Outcome::StillValid {
                decision: Decision::new(Boundary::Lesson, 0, 200, 120),
                token: "def456".into(),
            }
        );
        assert_eq!(outcome.decision().remaining(), 80);
        assert_eq!(s, lesson());
    }

    #[test]
    fn the_expiry_tick_is_valid_under_the_lesson_and_expired_under_rfc7519() {
        let mut s = lesson();
        s.clock.set(100);
        assert!(!refresh(&mut s, "alice").unwrap().is_refreshed());
        s.clock.set(99);
        assert!(!refresh(&mut s, "alice").unwrap().is_refreshed());
        s.policy.boundary = Boundary::Rfc7519;
        s.clock.set(100);
        assert!(refresh(&mut s, "alice").unwrap().is_refreshed());
    }

    #[test]
    fn one_tick_past_expiry_refreshes() {
        let mut s = lesson();
        s.clock.set(101);
        assert!(refresh(&mut s, "alice").unwrap().is_refreshed());
        assert_eq!(s.tokens.get("alice").map(|t| t.expiry), Some(201));
    }

    #[test]
    fn a_token_issued_already_expired_says_so() {
        let mut s = lesson();
        s.policy.ttl = 0;
        s.policy.boundary = Boundary::Rfc7519;
        let Outcome::Refreshed { issued_expired, .. } = refresh(&mut s, "alice").unwrap() else {
            panic!("alice is expired at 120");
        };
        assert!(issued_expired);
        s.policy.boundary = Boundary::Lesson;
        let Outcome::Refreshed { issued_expired, .. } = refresh(&mut s, "carol").unwrap() else {
            panic!("carol is expired at 120");
        };
        assert!(
            !issued_expired,
            "expiry == now is still valid under the lesson"
        );
    }

    #[test]
    fn unknown_user_is_an_error_not_a_panic() {
        let mut s = lesson();
        assert_eq!(
            refresh(&mut s, "dave"),
            Err(Error::UnknownUser("dave".into()))
        );
    }

    #[test]
    fn random_tokens_are_url_safe_and_never_repeat() {
        let mut s = lesson();
        s.policy.new_token = NewToken::RandomBytes(16);
        let a = refresh(&mut s, "alice").unwrap();
        let c = refresh(&mut s, "carol").unwrap();
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
