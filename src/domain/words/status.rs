//! Statuses in words: the table's status column (every whole form, longest first), the time
//! left, `show`'s status.

use crate::domain::op::Phase;
use crate::domain::policy::Status;

/// A token's phase for the table in every form it may take, longest first. Each form is whole
/// (a narrow column takes a shorter form, never a cut one): `VALID ✓ last tick`, `✓ last tick`,
/// `last tick`, `✓ end`.
pub fn status_words(phase: Phase) -> &'static [&'static str] {
    match phase {
        Phase::LastTick => &["VALID ✓ last tick", "✓ last tick", "last tick", "✓ end"],
        Phase::RefreshDue => &[
            "VALID ✓ refresh due",
            "✓ refresh due",
            "refresh due",
            "✓ due",
        ],
        Phase::Valid => &["VALID ✓", "✓"],
        // `LEEWAY`, not `GRACE`: grace is the refresh token's reuse interval.
        Phase::Leeway => &["LEEWAY ~ accepted", "LEEWAY ~", "~"],
        Phase::LeewayLastTick => &["LEEWAY ~ last tick", "~ last tick", "~ end"],
        Phase::Expired => &["EXPIRED ✗", "✗"],
        Phase::NotYetValid => &["NOT YET VALID ✗", "✗ not yet", "✗"],
        Phase::Revoked => &["REVOKED ✗", "✗"],
    }
}

/// How long until (or since) the expiry: `80 left`, `expired now`, `expired 20 ago`.
pub fn remaining_words(status: Status) -> String {
    match status {
        Status::Valid { remaining } => format!("{remaining} left"),
        Status::Grace { since } | Status::Expired { since } if since == 0 => "expired now".into(),
        Status::Grace { since } | Status::Expired { since } => format!("expired {since} ago"),
    }
}

/// When something happened, for `show`: `at this tick`, `1 tick ago`, `20 ticks ago`.
pub(super) fn ago(since: u64) -> String {
    match since {
        0 => "at this tick".to_owned(),
        1 => "1 tick ago".to_owned(),
        n => format!("{n} ticks ago"),
    }
}

/// `show`'s status column: `valid`, `expired 20 ticks ago`, `accepted by leeway, expired ...`.
pub fn show_status(status: Status) -> String {
    match status {
        Status::Valid { .. } => "valid".to_owned(),
        Status::Expired { since } => format!("expired {}", ago(since)),
        Status::Grace { since } => format!("accepted by leeway, expired {}", ago(since)),
    }
}
