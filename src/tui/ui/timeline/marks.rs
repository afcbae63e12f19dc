//! What each cell of an access lane shows: a token's phase at that tick, by the token's judge
//! (the lesson's rule, or the user's validator with the real-world model), and the symbols
//! every lane draws.

use crate::domain::Policy;
use crate::domain::oauth::{AccessStatus, TokenTimes};
use crate::domain::phase::Judge;
use crate::domain::timeline::Segment;

pub const VALID: &str = "█";
/// Still valid, inside the early window: a refresh is due.
pub const EARLY: &str = "▓";
pub const EXPIRED: &str = "░";
pub const GRACE: &str = "▒";
pub const NOW: &str = "┃";
pub const REFRESH: &str = "↻";
/// On the now line, a token that is expired (or only accepted by leeway) at this very tick,
/// with the table's symbols: the boundary tick shows here, not only a cell later.
pub const EXPIRED_NOW: &str = "✗";
pub const GRACE_NOW: &str = "~";
/// On the now line while a question is open: the mark would answer it.
pub const HIDDEN_NOW: &str = crate::tui::ui::table::HIDDEN;
/// The refresh lane: the family alive, dead (revoked or past its lifetime), and the tick it was
/// revoked at (not `✗`, which means an expired access token).
pub const ALIVE: &str = "━";
pub const DEAD: &str = "╌";
pub const REVOKED: &str = "╳";

/// How the timeline draws one tick of one user's access lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// No token yet (before its first refresh on record), or the future of a rejected token.
    Empty,
    Valid,
    /// Valid, inside the early window.
    Early,
    Grace,
    Expired,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Empty => " ",
            Mark::Valid => VALID,
            Mark::Early => EARLY,
            Mark::Grace => GRACE,
            Mark::Expired => EXPIRED,
        }
    }
}

/// What a user's lane shows at `tick`: the segment in use then, valid or not by `judge` (the
/// lesson's rule, or the user's validator as configured) under `policy`. A rejected token is
/// drawn up to now, not into the future; one the leeway accepts is drawn as far as it will be
/// accepted, as a valid one is.
pub fn mark_at(segments: &[Segment], policy: &Policy, judge: Judge, now: u64, tick: u64) -> Mark {
    let Some(segment) = segments
        .iter()
        .rev()
        .find(|s| s.start.is_none_or(|start| start <= tick))
    else {
        return Mark::Empty;
    };
    let status = judge.status(policy, TokenTimes::new(segment.expiry, None), tick);
    match status {
        _ if status.is_valid() && policy.refresh_due(segment.expiry, tick) => Mark::Early,
        AccessStatus::Valid { .. } | AccessStatus::RefreshDue { .. } => Mark::Valid,
        AccessStatus::Leeway { .. } => Mark::Grace,
        _ if segment.replaced.is_none() && tick > now => Mark::Empty,
        AccessStatus::Expired { .. }
        | AccessStatus::NotYetValid { .. }
        | AccessStatus::Revoked { .. } => Mark::Expired,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(start: Option<u64>, expiry: u64, replaced: Option<u64>) -> Segment {
        Segment {
            start,
            expiry,
            replaced,
        }
    }

    #[test]
    fn a_token_is_valid_until_its_expiry_then_expired_until_now() {
        let alice = [segment(None, 100, None)];
        let lesson = Policy::default();
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 0),
            Mark::Valid
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 100),
            Mark::Valid
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 101),
            Mark::Expired
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 120),
            Mark::Expired
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 121),
            Mark::Empty
        );
        let rfc = Policy {
            boundary: crate::domain::Boundary::Rfc7519,
            ..Policy::default()
        };
        assert_eq!(
            mark_at(&alice, &rfc, Judge::default(), 120, 100),
            Mark::Expired
        );
    }

    #[test]
    fn a_refresh_starts_a_new_segment() {
        let alice = [segment(None, 100, Some(120)), segment(Some(120), 220, None)];
        let lesson = Policy::default();
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 110),
            Mark::Expired
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 120),
            Mark::Valid
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 220),
            Mark::Valid,
            "the future"
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 221),
            Mark::Empty
        );
        let added = [segment(Some(50), 60, None)];
        assert_eq!(
            mark_at(&added, &lesson, Judge::default(), 130, 49),
            Mark::Empty
        );
    }

    #[test]
    fn leeway_is_drawn_apart() {
        let policy = Policy {
            leeway: 10,
            ..Policy::default()
        };
        let bob = [segment(None, 100, None)];
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 120, 105),
            Mark::Grace
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 120, 111),
            Mark::Expired
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 90, 105),
            Mark::Grace,
            "the leeway ahead of now is drawn as far as it reaches"
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 90, 111),
            Mark::Empty
        );
    }

    #[test]
    fn the_early_window_is_drawn_apart_up_to_the_expiry() {
        let policy = Policy {
            early: 10,
            ..Policy::default()
        };
        let bob = [segment(None, 100, None)];
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 90),
            Mark::Valid,
            "100 < 90 + 10 is false"
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 91),
            Mark::Early
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 99),
            Mark::Early
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 100),
            Mark::Early,
            "the boundary tick is valid and due"
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 101),
            Mark::Empty
        );
    }
}
