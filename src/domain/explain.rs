//! The lesson's `refresh_token` as pseudocode with one user's live numbers filled in, so the
//! screen can show which branch runs and why.

use super::policy::{Boundary, NewToken, Policy};

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

/// Explains `refresh_token(user)` for a token expiring at `expiry` when the clock shows `now`.
pub fn explain(policy: &Policy, user: &str, expiry: u64, now: u64) -> Explanation {
    // Pseudocode spells the operators as code does.
    let op = match policy.boundary {
        Boundary::Lesson => "<",
        Boundary::Rfc7519 => "<=",
    };
    let threshold = if policy.early == 0 {
        format!("current_time ({now})")
    } else {
        format!("current_time ({now}) + early ({})", policy.early)
    };
    let new_token = match &policy.new_token {
        NewToken::Literal(value) => format!("\"{value}\""),
        NewToken::RandomBytes(n) => format!("random({n} bytes)"),
    };
    let refreshes = policy.needs_refresh(expiry, now);
    let keep = if refreshes {
        "    pass  # token still valid".to_owned()
    } else {
        format!(
            "    pass  # still valid, {} left",
            expiry.saturating_sub(now)
        )
    };
    let line = |text: String, role| CodeLine { text, role };
    Explanation {
        lines: vec![
            line(format!("def refresh_token({user}):"), LineRole::Header),
            line(
                format!("  if expiry ({expiry}) {op} {threshold}:"),
                LineRole::Condition,
            ),
            line(format!("    token  = {new_token}"), LineRole::RefreshBranch),
            line(
                format!(
                    "    expiry = current_time + {} → {}",
                    policy.ttl,
                    policy.new_expiry(now)
                ),
                LineRole::RefreshBranch,
            ),
            line("  else:".to_owned(), LineRole::ElseKeyword),
            line(keep, LineRole::StillValidBranch),
        ],
        refreshes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Explanation) -> Vec<&str> {
        e.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn alice_at_120_takes_the_refresh_branch() {
        let e = explain(&Policy::default(), "alice", 100, 120);
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
        let e = explain(&Policy::default(), "bob", 200, 120);
        assert!(!e.refreshes);
        assert_eq!(e.lines[5].text, "    pass  # still valid, 80 left");
    }

    #[test]
    fn the_boundary_rule_and_early_window_show_in_the_condition() {
        let policy = Policy {
            boundary: Boundary::Rfc7519,
            early: 10,
            new_token: NewToken::RandomBytes(16),
            ..Policy::default()
        };
        let e = explain(&policy, "alice", 130, 120);
        assert!(e.refreshes);
        assert_eq!(
            e.lines[1].text,
            "  if expiry (130) <= current_time (120) + early (10):"
        );
        assert_eq!(e.lines[2].text, "    token  = random(16 bytes)");
        assert!(!explain(&Policy::default(), "alice", 120, 120).refreshes);
        assert!(
            explain(
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
