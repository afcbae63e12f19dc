//! Statuses in words: the table's status column (every whole form, longest first), the time
//! left, `show`'s status.

use crate::domain::oauth::AccessStatus;
use crate::domain::phase::Phase;

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
pub fn remaining_words(status: AccessStatus) -> String {
    match status {
        AccessStatus::Valid { remaining, .. } | AccessStatus::RefreshDue { remaining } => {
            format!("{remaining} left")
        }
        AccessStatus::Leeway { since: 0, .. } | AccessStatus::Expired { since: 0 } => {
            "expired now".into()
        }
        AccessStatus::Leeway { since, .. } | AccessStatus::Expired { since } => {
            format!("expired {since} ago")
        }
        AccessStatus::NotYetValid { from, .. } => format!("valid from {from}"),
        AccessStatus::Revoked { at } => format!("revoked at {at}"),
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

/// `show`'s status column: `valid`, `expired 20 ticks ago`, `accepted by leeway, expired ...`,
/// `not yet valid (iat in the future; from t=300)`, `revoked at t=40`.
pub fn show_status(status: AccessStatus) -> String {
    match status {
        AccessStatus::Valid { .. } | AccessStatus::RefreshDue { .. } => "valid".to_owned(),
        AccessStatus::Leeway { since, .. } => {
            format!("accepted by leeway, expired {}", ago(since))
        }
        AccessStatus::Expired { since } => format!("expired {}", ago(since)),
        AccessStatus::NotYetValid { claim, from } => {
            format!(
                "not yet valid ({} in the future; from t={from})",
                claim.name()
            )
        }
        AccessStatus::Revoked { at } => format!("revoked at t={at}"),
    }
}
