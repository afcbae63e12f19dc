//! Questions in words: a choice, the numbered choices, the quiz's own question, how a question
//! came out, the tally.

use crate::domain::op::Op;
use crate::domain::question::{Asks, Choice, Reveal};

/// A choice as the class reads it: `refreshed`, `still valid`, `valid`, `expired`.
pub fn choice(choice: Choice) -> &'static str {
    match choice {
        Choice::Refreshed => "refreshed",
        Choice::StillValid => "still valid",
        Choice::Refused => "refused",
        Choice::Valid => "valid",
        Choice::Expired => "expired",
        Choice::Accepted => "200 OK",
        Choice::Rejected => "401",
        Choice::AttackerGetsTokens => "the attacker gets tokens",
        Choice::AttackerRefused => "the attacker is refused",
        Choice::ReuseDetected => "reuse detected (family revoked)",
    }
}

/// The choices numbered for the keys that pick them: `1 refreshed  2 still valid`.
pub fn choices(choices: &[Choice]) -> String {
    choices
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} {}", i + 1, choice(*c)))
        .collect::<Vec<_>>()
        .join("  ")
}

/// The quiz's own question about `user` (the quiz has no author): what the operation does,
/// then what the question asks, worded from `asks` alone (the kinds of outcome its choices
/// offer), and the same words whatever the answer, so the question never gives it away.
pub fn quiz_question(op: &Op, asks: Asks, user: &str) -> String {
    let question = match asks {
        Asks::Refresh => format!("will {user} get a new token"),
        Asks::Validity => format!("will {user}'s token be valid or expired"),
        Asks::Call => "will the API answer 200 or 401".to_owned(),
        Asks::Replay => "what does the attacker get".to_owned(),
    };
    match quiz_prefix(op) {
        Some(prefix) => format!("{prefix}: {question}?"),
        None => format!("{question} afterwards?"),
    }
}

/// What the operation does, as the quiz's question opens with it (`clock +10`), or `None`
/// where the question says "afterwards" instead.
fn quiz_prefix(op: &Op) -> Option<String> {
    Some(match op {
        Op::Refresh(who) => format!("refresh {who}"),
        Op::RefreshAll => "refresh all".to_owned(),
        Op::Advance(n) => format!("clock +{n}"),
        Op::Rewind(n) => format!("clock -{n}"),
        Op::SetTime(n) => format!("clock to {n}"),
        Op::NextChange => "clock to the next change".to_owned(),
        Op::Call(who) | Op::CallClient { user: who, .. } => format!("call {who}"),
        Op::Replay(who) => format!("replay {who}"),
        Op::Add { .. }
        | Op::Remove(_)
        | Op::SetExpiry { .. }
        | Op::Policy(_)
        | Op::Undo
        | Op::Redo
        | Op::Reset
        | Op::Steal(_)
        | Op::Revoke(_)
        | Op::Login(_)
        | Op::Logout(_)
        | Op::RevokeAll(_)
        | Op::Race(_)
        | Op::Lose { .. }
        | Op::Skew { .. }
        | Op::Traffic(_) => return None,
    })
}

/// How a question came out: `✓ right: refreshed`, `✗ wrong: still valid (you said refreshed)`,
/// or `answer: refreshed` when it was revealed without a prediction.
pub fn verdict(reveal: &Reveal) -> String {
    let right = choice(reveal.question.right);
    match reveal.answer {
        None => format!("answer: {right}"),
        Some(answer) if answer == reveal.question.right => format!("✓ right: {right}"),
        Some(answer) => format!("✗ wrong: {right} (you said {})", choice(answer)),
    }
}

/// `3 of 4 right`.
pub fn tally(right: usize, answered: usize) -> String {
    format!("{right} of {answered} right")
}
