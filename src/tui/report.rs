//! The result lines each action leaves in the log, with the numbers that explain it, e.g.
//! `refresh alice: expired (100 < 120) → newtoken123, expires 220` (the log puts the time,
//! `t=120`, in front of every line).

use crate::domain::{Outcome, Policy};

/// `now`, or `now + early` when the policy refreshes early.
fn threshold(policy: &Policy, now: u64) -> String {
    if policy.early == 0 {
        now.to_string()
    } else {
        format!("{now} + {}", policy.early)
    }
}

pub fn refresh_line(user: &str, outcome: &Outcome, policy: &Policy) -> String {
    let boundary = policy.boundary;
    match outcome {
        Outcome::Refreshed {
            old_expiry,
            new_token,
            new_expiry,
            now,
            ..
        } => {
            let why = if boundary.is_past(*old_expiry, *now) {
                "expired"
            } else {
                "in the early window"
            };
            format!(
                "refresh {user}: {why} ({old_expiry} {} {}) → {new_token}, expires {new_expiry}",
                boundary.expired_operator(),
                threshold(policy, *now),
            )
        }
        Outcome::StillValid {
            expiry,
            remaining,
            now,
            ..
        } => format!(
            "refresh {user}: still valid ({expiry} {} {}), {remaining} left",
            boundary.valid_operator(),
            threshold(policy, *now),
        ),
    }
}

pub fn clock_line(from: u64, to: u64) -> String {
    if from == to {
        let limit = if to == 0 {
            "it never goes below 0"
        } else {
            "it is at its maximum"
        };
        format!("clock stays at {to} ({limit})")
    } else {
        format!("clock {from} → {to}")
    }
}

pub fn step_line(from: u64, to: u64) -> String {
    if from == to {
        format!("step stays at {to}")
    } else {
        format!("step {from} → {to}")
    }
}

/// How many names a summary lists before it says how many more there are.
pub const NAMES_LISTED: usize = 5;

/// Names for a one-line summary: the first [`NAMES_LISTED`] and how many there were in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameList {
    shown: Vec<String>,
    count: usize,
}

impl NameList {
    pub fn push(&mut self, name: &str) {
        if self.shown.len() < NAMES_LISTED {
            self.shown.push(name.to_owned());
        }
        self.count += 1;
    }

    /// `2 refreshed (alice, carol)`, `0 refreshed`, or `7 refreshed (a, b, c, d, e and 2 more)`.
    fn summary(&self, what: &str) -> String {
        if self.count == 0 {
            return format!("0 {what}");
        }
        let names = self.shown.join(", ");
        let more = self.count - self.shown.len();
        if more == 0 {
            format!("{} {what} ({names})", self.count)
        } else {
            format!("{} {what} ({names} and {more} more)", self.count)
        }
    }
}

/// `refresh all: 2 refreshed (alice, carol), 1 still valid (bob)`.
pub fn refresh_all_line(refreshed: &NameList, still_valid: &NameList) -> String {
    if refreshed.count + still_valid.count == 0 {
        return "refresh all: no users".to_owned();
    }
    format!(
        "refresh all: {}, {}",
        refreshed.summary("refreshed"),
        still_valid.summary("still valid")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Boundary;

    fn refreshed(old_expiry: u64, now: u64) -> Outcome {
        Outcome::Refreshed {
            old_token: "abc123".into(),
            old_expiry,
            new_token: "newtoken123".into(),
            new_expiry: now + 100,
            now,
        }
    }

    #[test]
    fn lines_read_as_the_issue_shows() {
        let policy = Policy::default();
        assert_eq!(
            refresh_line("alice", &refreshed(100, 120), &policy),
            "refresh alice: expired (100 < 120) → newtoken123, expires 220"
        );
        let bob = Outcome::StillValid {
            token: "def456".into(),
            expiry: 200,
            remaining: 80,
            now: 120,
        };
        assert_eq!(
            refresh_line("bob", &bob, &policy),
            "refresh bob: still valid (200 ≥ 120), 80 left"
        );
    }

    #[test]
    fn lines_follow_the_boundary_and_the_early_window() {
        let policy = Policy {
            boundary: Boundary::Rfc7519,
            early: 10,
            ..Policy::default()
        };
        assert_eq!(
            refresh_line("bob", &refreshed(125, 120), &policy),
            "refresh bob: in the early window (125 ≤ 120 + 10) → newtoken123, expires 220"
        );
        let valid = Outcome::StillValid {
            token: "x".into(),
            expiry: 200,
            remaining: 80,
            now: 120,
        };
        assert_eq!(
            refresh_line("bob", &valid, &policy),
            "refresh bob: still valid (200 > 120 + 10), 80 left"
        );
    }

    #[test]
    fn clock_lines_say_when_the_clock_cannot_move() {
        assert_eq!(clock_line(120, 130), "clock 120 → 130");
        assert_eq!(clock_line(0, 0), "clock stays at 0 (it never goes below 0)");
    }

    #[test]
    fn refresh_all_lists_at_most_a_few_names() {
        let mut refreshed = NameList::default();
        let mut valid = NameList::default();
        for i in 0..1_000_000 {
            refreshed.push(&format!("user{i}"));
        }
        valid.push("bob");
        assert_eq!(
            refresh_all_line(&refreshed, &valid),
            "refresh all: 1000000 refreshed (user0, user1, user2, user3, user4 and 999995 more), 1 still valid (bob)"
        );
        assert_eq!(
            refresh_all_line(&NameList::default(), &valid),
            "refresh all: 0 refreshed, 1 still valid (bob)"
        );
        assert_eq!(
            refresh_all_line(&NameList::default(), &NameList::default()),
            "refresh all: no users"
        );
    }
}
