//! A prediction the class makes before an operation runs. The choices and the right answer are
//! never typed by anyone: they come from running the operation on a copy of the session, so a
//! question can never be wrong, whatever its wording says.

use super::error::Error;
use super::op::Op;
use super::phase;
use super::scenario::{Outcome, Scenario};
use super::session::Session;
use super::token_store::TokenStore;

/// One of the two outcomes a question offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The refresh issues a new token.
    Refreshed,
    /// The refresh finds the token still valid and changes nothing.
    StillValid,
    /// After the operation the token is valid.
    Valid,
    /// After the operation the token is past its expiry (a leeway that still accepts it does
    /// not make it valid).
    Expired,
}

/// A question about one user: will the refresh refresh, or will the token be valid afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question as the class reads it: the author's, or one worded for the quiz.
    pub text: String,
    /// The user it is about.
    pub user: String,
    pub choices: [Choice; 2],
    pub right: Choice,
}

impl Question {
    /// The question about `user` for `op`, with the right answer found by carrying `op` out on
    /// a copy of `session`. A refresh (of the user, or of everyone) asks refreshed or still
    /// valid; any other operation asks whether the user's token is valid or expired after it.
    pub fn compute(
        session: &Session,
        op: &Op,
        user: &str,
        text: impl Into<String>,
    ) -> Result<Question, Error> {
        let asks_refresh = match op {
            Op::Refresh(who) => who == user,
            Op::RefreshAll => true,
            _ => false,
        };
        // Where next-change lands depends on every user, but only that tick matters for this
        // one: found on the session itself, it is a plain clock move on the copy.
        let op = &match op {
            Op::NextChange => match phase::next_change(session.scenario()) {
                Some(next) => Op::SetTime(next.at),
                None => Op::SetTime(session.scenario().now()),
            },
            other => other.clone(),
        };
        let mut copy = copy_for(session, op, user)?;
        let mut heard: Option<bool> = None;
        copy.execute(op, &mut |name, outcome: &Outcome| {
            if name == user {
                heard = Some(outcome.is_refreshed());
            }
        })?;
        let (choices, right) = if asks_refresh {
            let refreshed = heard.ok_or_else(|| Error::UnknownUser(user.to_owned()))?;
            let right = if refreshed {
                Choice::Refreshed
            } else {
                Choice::StillValid
            };
            ([Choice::Refreshed, Choice::StillValid], right)
        } else {
            let scenario = copy.scenario();
            let token = scenario
                .tokens
                .get(user)
                .ok_or_else(|| Error::UnknownUser(user.to_owned()))?;
            let right = if scenario.status_of(token).is_valid() {
                Choice::Valid
            } else {
                Choice::Expired
            };
            ([Choice::Valid, Choice::Expired], right)
        };
        Ok(Question {
            text: text.into(),
            user: user.to_owned(),
            choices,
            right,
        })
    }

    /// The choice numbered `n` on screen (1 or 2).
    pub fn choice(&self, n: usize) -> Option<Choice> {
        n.checked_sub(1).and_then(|i| self.choices.get(i)).copied()
    }
}

/// The copy an operation is tried on. Refreshes, clock moves and policy changes decide a user's
/// fate from that user, the clock and the policy alone, so a copy of just those is exact and
/// costs nothing on a million-user roster; anything else gets the whole session.
fn copy_for(session: &Session, op: &Op, user: &str) -> Result<Session, Error> {
    match op {
        Op::Refresh(_)
        | Op::RefreshAll
        | Op::Advance(_)
        | Op::Rewind(_)
        | Op::SetTime(_)
        | Op::Policy(_) => {
            let scenario = session.scenario();
            let state = scenario
                .tokens
                .user(user)
                .ok_or_else(|| Error::UnknownUser(user.to_owned()))?;
            let mut tokens = TokenStore::with_capacity(1);
            tokens.put(0, user, state.owned());
            Ok(Session::batch(Scenario {
                clock: scenario.clock,
                tokens,
                policy: scenario.policy.clone(),
                random: scenario.random.clone(),
            }))
        }
        _ => Ok(session.clone()),
    }
}

/// A question answered (or revealed without an answer) after its operation ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reveal {
    pub question: Question,
    /// What the class chose; `None` when the answer was revealed without one.
    pub answer: Option<Choice>,
}

impl Reveal {
    /// `Some(true)` for a right answer, `Some(false)` for a wrong one, `None` when not answered.
    pub fn is_right(&self) -> Option<bool> {
        self.answer.map(|a| a == self.question.right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Boundary, PolicyChange};

    fn lesson() -> Session {
        Session::new(Scenario::lesson())
    }

    #[test]
    fn a_refresh_question_is_answered_from_the_state_not_the_wording() {
        let session = lesson();
        let misleading = "Bob's token is long gone, so he surely gets a new one?";
        let q = Question::compute(&session, &Op::Refresh("bob".into()), "bob", misleading).unwrap();
        assert_eq!(q.choices, [Choice::Refreshed, Choice::StillValid]);
        assert_eq!(q.right, Choice::StillValid);
        let q = Question::compute(&session, &Op::Refresh("alice".into()), "alice", "").unwrap();
        assert_eq!(q.right, Choice::Refreshed);
        // The session itself is untouched: only the copy ran.
        assert_eq!(session.scenario(), &Scenario::lesson());
    }

    #[test]
    fn a_clock_move_or_policy_question_asks_valid_or_expired_afterwards() {
        let mut session = lesson();
        session.apply(&Op::SetTime(100)).unwrap();
        let q = Question::compute(&session, &Op::Advance(1), "alice", "").unwrap();
        assert_eq!(q.choices, [Choice::Valid, Choice::Expired]);
        assert_eq!(q.right, Choice::Expired);
        let q = Question::compute(&session, &Op::Advance(0), "alice", "").unwrap();
        assert_eq!(
            q.right,
            Choice::Valid,
            "the expiry tick is valid under the lesson"
        );
        let rfc = Op::Policy(PolicyChange::Set(
            crate::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
        ));
        let q = Question::compute(&session, &rfc, "alice", "").unwrap();
        assert_eq!(q.right, Choice::Expired);
    }

    #[test]
    fn a_leeway_does_not_make_an_expired_token_valid() {
        let mut session = lesson();
        session
            .apply(&Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Leeway(50),
            )))
            .unwrap();
        let q = Question::compute(&session, &Op::Advance(0), "alice", "").unwrap();
        assert_eq!(q.right, Choice::Expired);
    }

    #[test]
    fn refresh_all_asks_about_the_one_user_and_next_change_sees_every_user() {
        let session = lesson();
        let q = Question::compute(&session, &Op::RefreshAll, "bob", "").unwrap();
        assert_eq!(q.right, Choice::StillValid);
        // The next change at 120 is bob's last tick at 200: still valid then.
        let q = Question::compute(&session, &Op::NextChange, "bob", "").unwrap();
        assert_eq!(q.right, Choice::Valid);
    }

    #[test]
    fn next_change_lands_where_another_user_changes() {
        let mut session = lesson();
        session
            .apply(&Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
            )))
            .unwrap();
        let eve = Op::Add {
            user: "eve".into(),
            token: "e1".into(),
            expiry: 180,
        };
        session.apply(&eve).unwrap();
        // Eve reaches her last tick at 179 (RFC 7519 rejects at 180), before bob's own change
        // at 200: bob is still valid then.
        let q = Question::compute(&session, &Op::NextChange, "bob", "").unwrap();
        assert_eq!(q.right, Choice::Valid);
        let mut real = session.clone();
        real.apply(&Op::NextChange).unwrap();
        assert_eq!(real.scenario().now(), 179, "the answer matches running it");
    }

    #[test]
    fn an_unknown_user_is_an_error() {
        let e = Question::compute(&lesson(), &Op::Advance(1), "dave", "");
        assert_eq!(e, Err(Error::UnknownUser("dave".into())));
    }

    #[test]
    fn choices_are_numbered_from_one_and_a_reveal_marks_right_and_wrong() {
        let q = Question::compute(&lesson(), &Op::Refresh("bob".into()), "bob", "").unwrap();
        assert_eq!(q.choice(1), Some(Choice::Refreshed));
        assert_eq!(q.choice(2), Some(Choice::StillValid));
        assert_eq!(q.choice(0), None);
        assert_eq!(q.choice(3), None);
        let reveal = |answer| Reveal {
            question: q.clone(),
            answer,
        };
        assert_eq!(reveal(Some(Choice::StillValid)).is_right(), Some(true));
        assert_eq!(reveal(Some(Choice::Refreshed)).is_right(), Some(false));
        assert_eq!(reveal(None).is_right(), None);
    }
}
