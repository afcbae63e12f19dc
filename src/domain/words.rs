//! The one formatter: every report, outcome and status in words, for every front end (the app's
//! table, why panel and log, the scripted lines, `show` and the transcript). Nothing here decides
//! anything; it only words decisions already made.

use super::decision::{Decision, Reason, Sum};
use super::op::{Names, NextChange, Phase, Report};
use super::policy::{Policy, Status};
use super::scenario::Outcome;
use std::fmt;

pub mod oauth;
pub mod oauth_panels;

/// The lesson's printed line: `Refreshed token for alice: newtoken123`, or the still-valid one.
/// Written straight to where it goes (`{}`), without a `String` for each of a million users.
pub fn lesson_line<'a>(user: &'a str, outcome: &'a Outcome) -> LessonLine<'a> {
    LessonLine { user, outcome }
}

/// See [`lesson_line`].
pub struct LessonLine<'a> {
    user: &'a str,
    outcome: &'a Outcome,
}

impl fmt::Display for LessonLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let user = self.user;
        match self.outcome {
            Outcome::Refreshed {
                new_token,
                new_expiry,
                issued_expired,
                ..
            } => {
                write!(f, "Refreshed token for {user}: {new_token}")?;
                if *issued_expired {
                    write!(f, " (already expired: {})", expiry_words(*new_expiry))?;
                }
                Ok(())
            }
            Outcome::StillValid { token, decision } => write!(
                f,
                "Token for {user} is still valid: {token} (expires at {})",
                decision.expiry
            ),
            Outcome::Server { server, .. } => f.write_str(&oauth::server_line(user, server)),
        }
    }
}

/// `expires 220`, or `expires at the largest time (capped)` when `now + ttl` is past it.
fn expiry_words(expiry: Sum) -> String {
    if expiry.is_capped() {
        format!("expires {} (capped at the largest time)", expiry.value())
    } else {
        format!("expires {}", expiry.value())
    }
}

/// `now`, or `now + early` when the rule refreshes early.
fn threshold(decision: &Decision) -> String {
    if decision.early == 0 {
        decision.now.to_string()
    } else {
        format!("{} + {}", decision.now, decision.early)
    }
}

/// `expired (100 < 120)`, `in the early window (125 ≤ 120 + 10)` or `still valid (200 ≥ 120)`.
pub fn decision_words(decision: &Decision) -> String {
    let why = match decision.reason {
        Reason::Expired => "expired",
        Reason::EarlyWindow => "in the early window",
        Reason::StillValid => "still valid",
    };
    format!(
        "{why} ({} {} {})",
        decision.expiry,
        decision.operator(),
        threshold(decision)
    )
}

/// The app's log line for a refresh, e.g.
/// `refresh alice: expired (100 < 120) → newtoken123, expires 220`.
pub fn refresh_log(user: &str, outcome: &Outcome) -> String {
    let decided = decision_words(outcome.decision());
    match outcome {
        Outcome::Refreshed {
            new_token,
            new_expiry,
            issued_expired,
            ..
        } => {
            let already = if *issued_expired {
                " (already expired)"
            } else {
                ""
            };
            format!(
                "refresh {user}: {decided} → {new_token}, {}{already}",
                expiry_words(*new_expiry)
            )
        }
        Outcome::StillValid { decision, .. } => {
            format!("refresh {user}: {decided}, {} left", decision.remaining())
        }
        Outcome::Server { server, .. } => oauth::server_log(user, &decided, server),
    }
}

/// `2 refreshed (alice, carol)`, `0 refreshed`, or `7 refreshed (a, b, c, d, e and 2 more)`.
fn summary(names: &Names, what: &str) -> String {
    if names.count == 0 {
        return format!("0 {what}");
    }
    let listed = names.shown.join(", ");
    let more = names.count - names.shown.len();
    if more == 0 {
        format!("{} {what} ({listed})", names.count)
    } else {
        format!("{} {what} ({listed} and {more} more)", names.count)
    }
}

pub fn clock_log(from: u64, to: u64) -> String {
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

/// An undo step's name for a clock move: `time 120 → 130`.
pub fn clock_label(from: u64, to: u64) -> String {
    format!("time {from} → {to}")
}

/// What a policy change changed, e.g. `boundary lesson → rfc7519` or `early 0 → 5, leeway 0 → 2`.
pub fn policy_change(from: &Policy, to: &Policy) -> String {
    let mut parts = Vec::new();
    if from.boundary != to.boundary {
        parts.push(format!("boundary {} → {}", from.boundary, to.boundary));
    }
    for (name, a, b) in [
        ("early", from.early, to.early),
        ("leeway", from.leeway, to.leeway),
        ("ttl", from.ttl, to.ttl),
    ] {
        if a != b {
            parts.push(format!("{name} {a} → {b}"));
        }
    }
    if from.new_token != to.new_token {
        parts.push("new token".to_owned());
    }
    parts.extend(oauth::model_change(
        from.model.as_deref(),
        to.model.as_deref(),
    ));
    if parts.is_empty() {
        "policy unchanged".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The phase a token enters, as a sentence ending: `bob's token reaches its last tick`.
fn phase_words(phase: Phase) -> &'static str {
    match phase {
        Phase::Valid => "is valid again",
        Phase::RefreshDue => "enters the early window (a refresh is due)",
        Phase::LastTick => "reaches its last tick",
        Phase::Leeway => "expires, accepted by leeway",
        Phase::Expired => "expires",
        Phase::RefreshTokenEnds => "outlives its refresh token (idle or absolute lifetime over)",
    }
}

fn next_change_words(next: &NextChange) -> String {
    let others = match next.others {
        0 => String::new(),
        1 => " (and 1 other user)".to_owned(),
        n => format!(" (and {n} other users)"),
    };
    format!("{}'s token {}{others}", next.user, phase_words(next.phase))
}

/// The name of an undo step, as undo and redo report it.
pub fn step_label(report: &Report, clock_from: u64, clock_to: u64) -> String {
    match report {
        Report::Refresh { user, .. } => format!("refresh {user}"),
        Report::RefreshAll { refreshed, .. } => match refreshed.shown.as_slice() {
            [one] if refreshed.count == 1 => format!("refresh {one}"),
            _ => format!("refresh of {} users", refreshed.count),
        },
        Report::Added { user, .. } => format!("add {user}"),
        Report::Removed { user } => format!("remove {user}"),
        Report::Expiry { user, from, to } => format!("expiry of {user} {from} → {to}"),
        Report::Policy { from, to } => policy_change(from, to),
        Report::Reset { .. } => "reset".to_owned(),
        Report::Model { user, report } => oauth::model_label(user, report),
        Report::NextChange { .. } | Report::Clock { .. } | Report::Undid(_) | Report::Redid(_) => {
            clock_label(clock_from, clock_to)
        }
    }
}

/// The app's log line for what an operation did.
pub fn log_line(report: &Report) -> String {
    match report {
        Report::Refresh { user, outcome } => refresh_log(user, outcome),
        Report::RefreshAll {
            refreshed,
            still_valid,
        } => {
            if refreshed.count + still_valid.count == 0 {
                return "refresh all: no users".to_owned();
            }
            format!(
                "refresh all: {}, {}",
                summary(refreshed, "refreshed"),
                summary(still_valid, "still valid")
            )
        }
        Report::Clock { from, to } => clock_log(*from, *to),
        Report::Added {
            user,
            token,
            expiry,
        } => format!("add {user}: token {token}, expiry {expiry}"),
        Report::Removed { user } => format!("delete {user}"),
        Report::Expiry { user, from, to } if from == to => {
            format!("expiry of {user} stays at {to}")
        }
        Report::Expiry { user, from, to } => format!("expiry of {user}: {from} → {to}"),
        Report::Policy { from, to } => {
            format!("{}: {}", policy_change(from, to), to.rule_line())
        }
        Report::Undid(Some(what)) => format!("undo: {what}"),
        Report::Undid(None) => "nothing to undo".to_owned(),
        Report::Redid(Some(what)) => format!("redo: {what}"),
        Report::Redid(None) => "nothing to redo".to_owned(),
        Report::Reset { changed: true } => "reset: back to the scenario as loaded".to_owned(),
        Report::Reset { changed: false } => "reset: already as loaded".to_owned(),
        Report::NextChange {
            from,
            next: Some(next),
        } => format!(
            "next change: clock {from} → {}, {}",
            next.at,
            next_change_words(next)
        ),
        Report::NextChange { from, next: None } => {
            format!("next change: none after {from}, no status will change")
        }
        Report::Model { user, report } => oauth::model_line(user, report),
    }
}

/// The outcome a transcript writes after `command →`, e.g. `time is 130` or `added dave`.
pub fn transcript_outcome(report: &Report, now: u64, policy: &Policy) -> String {
    match report {
        Report::Refresh { user, outcome } => lesson_line(user, outcome).to_string(),
        Report::Model { user, report } => oauth::model_line(user, report),
        Report::Clock { .. } => format!("time is {now}"),
        Report::Added { user, .. } => format!("added {user}"),
        Report::Removed { user } => format!("removed {user}"),
        Report::Expiry { user, to, .. } => format!("expiry of {user} is {to}"),
        Report::Policy { from, to } if from.leeway != to.leeway => {
            format!("leeway is {}", to.leeway)
        }
        Report::Policy { from, to } if from.ttl != to.ttl => format!("ttl is {}", to.ttl),
        Report::Policy { .. } => policy.rule_line(),
        Report::Undid(Some(what)) => format!("undid {what}"),
        Report::Undid(None) => "nothing to undo".to_owned(),
        Report::Redid(Some(what)) => format!("redid {what}"),
        Report::Redid(None) => "nothing to redo".to_owned(),
        Report::RefreshAll { .. } | Report::Reset { .. } | Report::NextChange { .. } => {
            log_line(report)
        }
    }
}

/// A status for the table: the full words and a short form that is never cut mid-phrase.
pub fn status_words(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Valid { remaining: 0 } => ("VALID ✓ last tick", "VALID ✓ last"),
        Status::Valid { .. } => ("VALID ✓", "VALID ✓"),
        Status::Grace { .. } => ("GRACE ~ leeway", "GRACE ~"),
        Status::Expired { .. } => ("EXPIRED ✗", "EXPIRED ✗"),
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

/// `show`'s status column: `valid`, `expired 20 ticks ago`, `accepted by leeway, expired ...`.
pub fn show_status(status: Status) -> String {
    let ago = |since: u64| match since {
        0 => "at this tick".to_owned(),
        1 => "1 tick ago".to_owned(),
        n => format!("{n} ticks ago"),
    };
    match status {
        Status::Valid { .. } => "valid".to_owned(),
        Status::Expired { since } => format!("expired {}", ago(since)),
        Status::Grace { since } => format!("accepted by leeway, expired {}", ago(since)),
    }
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
