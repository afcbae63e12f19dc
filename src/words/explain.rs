//! The lesson's `refresh_token` as pseudocode with one user's live numbers filled in, so the
//! screen can show which branch runs and why.

use crate::domain::decision::{Decision, Sum};
use crate::domain::policy::{Boundary, NewToken, Policy};

/// What a line of the pseudocode is, so the screen can highlight the branch that runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    Header,
    Condition,
    RefreshBranch,
    ElseKeyword,
    StillValidBranch,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLine {
    pub text: String,
    pub role: LineRole,
}

/// The pseudocode for one user at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub lines: Vec<CodeLine>,
    /// Whether the refresh branch runs at this moment.
    pub refreshes: bool,
}

/// Explains `refresh_token(user)` for a decision already made: its numbers, its operator and
/// its branch. `new_token` and `new_expiry` are what the refresh branch issues (or would).
pub fn explain(
    user: &str,
    decision: &Decision,
    new_token: &NewToken,
    new_expiry: Sum,
) -> Explanation {
    // Pseudocode spells the operators as code does.
    let op = match decision.boundary {
        Boundary::Lesson => "<",
        Boundary::Rfc7519 => "<=",
    };
    let now = decision.now;
    let threshold = if decision.early == 0 {
        format!("current_time ({now})")
    } else {
        format!("current_time ({now}) + early ({})", decision.early)
    };
    let new_token = match new_token {
        NewToken::Literal(value) => format!("\"{value}\""),
        NewToken::RandomBytes(n) => format!("random({n} bytes)"),
    };
    let refreshes = decision.refreshes;
    let keep = if refreshes {
        "    pass  # token still valid".to_owned()
    } else {
        format!("    pass  # still valid, {} left", decision.remaining())
    };
    let capped = if new_expiry.is_capped() {
        " (capped at the largest time)"
    } else {
        ""
    };
    let line = |text: String, role| CodeLine { text, role };
    Explanation {
        lines: vec![
            line(format!("def refresh_token({user}):"), LineRole::Header),
            line(
                format!("  if expiry ({}) {op} {threshold}:", decision.expiry),
                LineRole::Condition,
            ),
            line(format!("    token  = {new_token}"), LineRole::RefreshBranch),
            line(
                format!(
                    "    expiry = current_time + {} → {}{capped}",
                    new_expiry.add,
                    new_expiry.value()
                ),
                LineRole::RefreshBranch,
            ),
            line("  else:".to_owned(), LineRole::ElseKeyword),
            line(keep, LineRole::StillValidBranch),
        ],
        refreshes,
    }
}

/// [`explain`] for what the policy would decide now.
pub fn explain_now(policy: &Policy, user: &str, expiry: u64, now: u64) -> Explanation {
    explain(
        user,
        &policy.decide(expiry, now),
        &policy.new_token,
        policy.new_expiry(now),
    )
}

/// Marks the branch that ran, or the line of a panel that matters (the verdict, the attacker).
pub const RAN: &str = "▶";
/// Marks the branch that would run if the user were refreshed now.
pub const WOULD_RUN: &str = "▷";

/// The why panel's title: ` Why `, or, when its `def` line is left out for room, naming the
/// function it explains (` Why: refresh_token(alice) `).
pub fn why_title(function_of: Option<&str>) -> String {
    match function_of {
        Some(user) => format!(" Why: refresh_token({user}) "),
        None => " Why ".to_owned(),
    }
}

/// Which branch the why panel marks: the one that ran at `ran_at`, the one that would run now,
/// or, while a question is open, neither.
pub fn branch_state(ran_at: Option<u64>, hidden: bool) -> String {
    match (hidden, ran_at) {
        (true, _) => " ? which branch runs? ".to_owned(),
        (false, Some(at)) => format!(" {RAN} ran at t={at} "),
        (false, None) => format!(" {WOULD_RUN} would run now "),
    }
}

/// The why panel with no user to explain.
pub const NO_USER: &str = " no user selected";

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Explanation) -> Vec<&str> {
        e.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn alice_at_120_takes_the_refresh_branch() {
        let e = explain_now(&Policy::default(), "alice", 100, 120);
        assert!(e.refreshes);
        assert_eq!(
            texts(&e),
            [
                "def refresh_token(alice):",
                "  if expiry (100) < current_time (120):",
                "    token  = \"newtoken123\"",
                "    expiry = current_time + 100 → 220",
                "  else:",
                "    pass  # token still valid",
            ]
        );
    }

    #[test]
    fn bob_at_120_takes_the_else_branch() {
        let e = explain_now(&Policy::default(), "bob", 200, 120);
        assert!(!e.refreshes);
        assert_eq!(e.lines[5].text, "    pass  # still valid, 80 left");
    }

    #[test]
    fn a_sum_past_the_largest_time_says_it_is_capped() {
        let e = explain_now(&Policy::default(), "alice", 5, u64::MAX - 10);
        assert_eq!(
            e.lines[3].text,
            format!(
                "    expiry = current_time + 100 → {} (capped at the largest time)",
                u64::MAX
            )
        );
    }

    #[test]
    fn the_boundary_rule_and_early_window_show_in_the_condition() {
        let policy = Policy {
            boundary: Boundary::Rfc7519,
            early: 10,
            new_token: NewToken::RandomBytes(16),
            ..Policy::default()
        };
        let e = explain_now(&policy, "alice", 130, 120);
        assert!(e.refreshes);
        assert_eq!(
            e.lines[1].text,
            "  if expiry (130) <= current_time (120) + early (10):"
        );
        assert_eq!(e.lines[2].text, "    token  = random(16 bytes)");
        assert!(!explain_now(&Policy::default(), "alice", 120, 120).refreshes);
        assert!(
            explain_now(
                &Policy {
                    boundary: Boundary::Rfc7519,
                    ..Policy::default()
                },
                "alice",
                120,
                120
            )
            .refreshes
        );
    }
}
