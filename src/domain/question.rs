//! A prediction the class makes before an operation runs. The choices and the right answer are
//! never typed by anyone: the choices are every kind of outcome the operation can have (never
//! narrowed by the state, which would give the answer away), and the answer is the kind of
//! outcome running the operation on a copy of the session has, so a question can never be
//! wrong, whatever its wording says.

use super::clients::{ClientStep, Round};
use super::error::Error;
use super::next_change;
use super::oauth::{CallReport, Failure, ModelReport, ReplayReport, Verdict};
use super::op::{Op, Ran, Report};
use super::scenario::{Outcome, Scenario};
use super::session::Session;
use super::token_store::TokenStore;
use crate::domain::status::user_status;

/// One kind of outcome a question offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The refresh issues a new token.
    Refreshed,
    /// The refresh finds the token still valid and changes nothing.
    StillValid,
    /// The server refuses the refresh (the real-world model: revoked, expired, reused, ...).
    Refused,
    /// After the operation the API accepts the token (by the user's validator, its leeway
    /// included; in the lesson, by the lesson's rule and leeway).
    Valid,
    /// After the operation the API rejects the token.
    Expired,
    /// A call: `200 OK`.
    Accepted,
    /// A call: `401`.
    Rejected,
    /// A replay: the server gives the attacker tokens.
    AttackerGetsTokens,
    /// A replay: the server refuses the attacker, the family left as it was.
    AttackerRefused,
    /// A replay: the server sees a used token again and revokes the family.
    ReuseDetected,
}

/// What a question asks of an operation: which kinds of outcome it can have. A column of the
/// command registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asks {
    /// Refreshed, still valid, or (with the real-world model) refused.
    Refresh,
    /// Whether the API accepts the user's token afterwards.
    Validity,
    /// 200 or 401.
    Call,
    /// What the attacker's replay gets.
    Replay,
}

impl Asks {
    /// What a question about `user` asks of `op`, whose entry asks `self`: a refresh of
    /// another user asks about validity afterwards.
    pub fn about(self, op: &Op, user: &str) -> Asks {
        match (self, op.user()) {
            (Asks::Refresh, Some(who)) if who != user => Asks::Validity,
            (asks, _) => asks,
        }
    }

    /// Every kind of outcome the operation can have in a scenario with or without the
    /// real-world model (a lesson's refresh cannot be refused).
    pub fn choices(self, model: bool) -> Vec<Choice> {
        match self {
            Asks::Refresh if model => vec![Choice::Refreshed, Choice::StillValid, Choice::Refused],
            Asks::Refresh => vec![Choice::Refreshed, Choice::StillValid],
            Asks::Validity => vec![Choice::Valid, Choice::Expired],
            Asks::Call => vec![Choice::Accepted, Choice::Rejected],
            Asks::Replay => vec![
                Choice::AttackerGetsTokens,
                Choice::AttackerRefused,
                Choice::ReuseDetected,
            ],
        }
    }
}

/// A question about one user: what kind of outcome the operation will have for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question as the class reads it: the author's, or one worded for the quiz.
    pub text: String,
    /// The user it is about.
    pub user: String,
    pub choices: Vec<Choice>,
    pub right: Choice,
}

impl Question {
    /// The question about `user` for `op`, which asks what `asks` says (the registry's column
    /// for the operation), with the right answer found by carrying `op` out on a copy of
    /// `session`. A refresh of another user asks about validity afterwards.
    pub fn compute(
        session: &Session,
        op: &Op,
        asks: Asks,
        user: &str,
        text: impl Into<String>,
    ) -> Result<Question, Error> {
        let asks = asks.about(op, user);
        let model = session.scenario().policy.model.is_some();
        // Where next-change lands depends on every user, but only that tick matters for this
        // one: found on the session itself, it is a plain clock move on the copy.
        let op = &match op {
            Op::NextChange => match next_change::next_change(session.scenario()) {
                Some(next) => Op::SetTime(next.at),
                None => Op::SetTime(session.scenario().now()),
            },
            other => other.clone(),
        };
        let mut copy = copy_for(session, op, user)?;
        let mut heard: Option<Choice> = None;
        let report = copy.execute(op, &mut |name, outcome: &Outcome| {
            if name == user {
                heard = Some(refresh_kind(outcome));
            }
        })?;
        let nothing = |what| Error::NothingToAsk {
            user: user.to_owned(),
            what,
        };
        let right = match asks {
            Asks::Refresh => {
                heard.ok_or_else(|| nothing("the operation refreshes no token of theirs"))?
            }
            Asks::Validity => validity(copy.scenario(), user)
                .ok_or_else(|| Error::UnknownUser(user.to_owned()))?,
            Asks::Call => {
                call_kind(&report).ok_or_else(|| nothing("the operation makes no call"))?
            }
            Asks::Replay => {
                replay_kind(&report).ok_or_else(|| nothing("the operation makes no replay"))?
            }
        };
        Ok(Question {
            text: text.into(),
            user: user.to_owned(),
            choices: asks.choices(model),
            right,
        })
    }

    /// The choice numbered `n` on screen (from 1).
    pub fn choice(&self, n: usize) -> Option<Choice> {
        n.checked_sub(1).and_then(|i| self.choices.get(i)).copied()
    }
}

/// The kind of a refresh's outcome.
fn refresh_kind(outcome: &Outcome) -> Choice {
    match outcome {
        Outcome::Refreshed { .. } => Choice::Refreshed,
        Outcome::StillValid { .. } => Choice::StillValid,
        Outcome::Server { server, .. } => match server.verdict {
            Verdict::Issued(_) => Choice::Refreshed,
            Verdict::Failed(_) => Choice::Refused,
        },
    }
}

/// Whether the API accepts the user's access token now: by the user's validator (its leeway
/// included) with the real-world model, by the lesson's rule and leeway without.
fn validity(scenario: &Scenario, user: &str) -> Option<Choice> {
    let index = scenario.tokens.index_of(user)?;
    let (_, state) = scenario.tokens.user_at(index)?;
    let accepted = user_status(scenario, state).accepted();
    Some(if accepted {
        Choice::Valid
    } else {
        Choice::Expired
    })
}

/// 200 or 401, from a call's report (the user's own, or through a client).
fn call_kind(report: &Report) -> Option<Choice> {
    let accepted = call_in(report)?.status.accepted();
    Some(if accepted {
        Choice::Accepted
    } else {
        Choice::Rejected
    })
}

/// What a report holds that a question can be about.
enum Held<'a> {
    /// The user's own call.
    Call(&'a CallReport),
    /// A round of the user's clients, which may hold calls.
    Round(&'a Round),
    /// The attacker's replay.
    Replay(&'a ReplayReport),
    Nothing,
}

/// What a report holds that a question can be about. Every kind of model report is named, so a
/// new one must say what it holds ([`Report::ran`] names every report).
fn held(report: &Report) -> Held<'_> {
    match report.ran() {
        Some(Ran::Model { report, .. }) => match report {
            ModelReport::Call(call) => Held::Call(call),
            ModelReport::Replay(replay) => Held::Replay(replay),
            ModelReport::Steal(_)
            | ModelReport::Revoke(_)
            | ModelReport::Login(_)
            | ModelReport::Logout(_)
            | ModelReport::RevokeAll(_) => Held::Nothing,
        },
        Some(Ran::Round { round, .. }) => Held::Round(round),
        Some(Ran::Refresh { .. } | Ran::All) | None => Held::Nothing,
    }
}

/// The call an operation made, if it made one: the user's own, or a client's last in a round
/// (a client logged out makes none).
fn call_in(report: &Report) -> Option<&CallReport> {
    match held(report) {
        Held::Call(call) => Some(call),
        Held::Round(round) => round.steps.iter().rev().find_map(|step| match step {
            ClientStep::Call { call, .. } => Some(call),
            ClientStep::Refresh { .. }
            | ClientStep::Waited { .. }
            | ClientStep::LoggedOut { .. } => None,
        }),
        Held::Replay(_) | Held::Nothing => None,
    }
}

/// The attacker's replay an operation made, if it made one (clients never replay).
fn replay_in(report: &Report) -> Option<&ReplayReport> {
    match held(report) {
        Held::Replay(replay) => Some(replay),
        Held::Call(_) | Held::Round(_) | Held::Nothing => None,
    }
}

/// What the attacker's replay got.
fn replay_kind(report: &Report) -> Option<Choice> {
    Some(match replay_in(report)? {
        ReplayReport::NothingToReplay => Choice::AttackerRefused,
        ReplayReport::Decided { decision, .. } => match &decision.verdict {
            Verdict::Issued(_) => Choice::AttackerGetsTokens,
            Verdict::Failed(Failure::ReuseDetected { .. }) => Choice::ReuseDetected,
            Verdict::Failed(_) => Choice::AttackerRefused,
        },
    })
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
        Op::Add { .. }
        | Op::Remove(_)
        | Op::SetExpiry { .. }
        | Op::Undo
        | Op::Redo
        | Op::Reset
        | Op::NextChange
        | Op::Steal(_)
        | Op::Replay(_)
        | Op::Revoke(_)
        | Op::Login(_)
        | Op::Call(_)
        | Op::CallClient { .. }
        | Op::Race(_)
        | Op::Lose { .. }
        | Op::Skew { .. }
        | Op::Traffic(_)
        | Op::Logout(_)
        | Op::RevokeAll(_) => Ok(session.clone()),
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

    /// What a question asks of `op`, as the registry's column says.
    fn asks(op: &Op) -> Asks {
        crate::registry::asks_of(op)
    }

    fn lesson() -> Session {
        Session::new(Scenario::lesson())
    }

    #[test]
    fn a_refresh_question_is_answered_from_the_state_not_the_wording() {
        let session = lesson();
        let misleading = "Bob's token is long gone, so he surely gets a new one?";
        let q = Question::compute(
            &session,
            &Op::Refresh("bob".into()),
            asks(&Op::Refresh("bob".into())),
            "bob",
            misleading,
        )
        .unwrap();
        assert_eq!(q.choices, [Choice::Refreshed, Choice::StillValid]);
        assert_eq!(q.right, Choice::StillValid);
        let q = Question::compute(
            &session,
            &Op::Refresh("alice".into()),
            asks(&Op::Refresh("alice".into())),
            "alice",
            "",
        )
        .unwrap();
        assert_eq!(q.right, Choice::Refreshed);
        // The session itself is untouched: only the copy ran.
        assert_eq!(session.scenario(), &Scenario::lesson());
    }

    #[test]
    fn a_clock_move_or_policy_question_asks_valid_or_expired_afterwards() {
        let mut session = lesson();
        session.apply(&Op::SetTime(100)).unwrap();
        let q = Question::compute(
            &session,
            &Op::Advance(1),
            asks(&Op::Advance(1)),
            "alice",
            "",
        )
        .unwrap();
        assert_eq!(q.choices, [Choice::Valid, Choice::Expired]);
        assert_eq!(q.right, Choice::Expired);
        let q = Question::compute(
            &session,
            &Op::Advance(0),
            asks(&Op::Advance(0)),
            "alice",
            "",
        )
        .unwrap();
        assert_eq!(
            q.right,
            Choice::Valid,
            "the expiry tick is valid under the lesson"
        );
        let rfc = Op::Policy(PolicyChange::Set(
            crate::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
        ));
        let q = Question::compute(&session, &rfc, asks(&rfc), "alice", "").unwrap();
        assert_eq!(q.right, Choice::Expired);
    }

    #[test]
    fn valid_means_a_validator_accepts_it_so_a_leeway_counts() {
        let mut session = lesson();
        session.apply(&Op::SetTime(150)).unwrap();
        let q = Question::compute(
            &session,
            &Op::Advance(0),
            asks(&Op::Advance(0)),
            "alice",
            "",
        )
        .unwrap();
        assert_eq!(q.right, Choice::Expired);
        session
            .apply(&Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Leeway(50),
            )))
            .unwrap();
        let q = Question::compute(
            &session,
            &Op::Advance(0),
            asks(&Op::Advance(0)),
            "alice",
            "",
        )
        .unwrap();
        assert_eq!(q.right, Choice::Valid, "150 is inside 100 + 50");
    }

    #[test]
    fn refresh_all_asks_about_the_one_user_and_next_change_sees_every_user() {
        let session = lesson();
        let q =
            Question::compute(&session, &Op::RefreshAll, asks(&Op::RefreshAll), "bob", "").unwrap();
        assert_eq!(q.right, Choice::StillValid);
        // The next change at 120 is bob's last tick at 200: still valid then.
        let q =
            Question::compute(&session, &Op::NextChange, asks(&Op::NextChange), "bob", "").unwrap();
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
        let q =
            Question::compute(&session, &Op::NextChange, asks(&Op::NextChange), "bob", "").unwrap();
        assert_eq!(q.right, Choice::Valid);
        let mut real = session.clone();
        real.apply(&Op::NextChange).unwrap();
        assert_eq!(real.scenario().now(), 179, "the answer matches running it");
    }

    #[test]
    fn an_unknown_user_is_an_error() {
        let e = Question::compute(
            &lesson(),
            &Op::Advance(1),
            asks(&Op::Advance(1)),
            "dave",
            "",
        );
        assert_eq!(e, Err(Error::UnknownUser("dave".into())));
    }

    #[test]
    fn choices_are_numbered_from_one_and_a_reveal_marks_right_and_wrong() {
        let q = Question::compute(
            &lesson(),
            &Op::Refresh("bob".into()),
            asks(&Op::Refresh("bob".into())),
            "bob",
            "",
        )
        .unwrap();
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

    /// A question about a call, when the operation made none, says so; it used to say the
    /// user was unknown (a lesson asking about a client's call after it was logged out).
    #[test]
    fn a_call_question_without_a_call_names_what_is_missing() {
        let session = lesson();
        let err =
            Question::compute(&session, &Op::Advance(1), Asks::Call, "alice", "").unwrap_err();
        assert_eq!(
            err.to_string(),
            "nothing to ask about alice: the operation makes no call"
        );
    }
}
