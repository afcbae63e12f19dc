//! The one formatter: every report, outcome and status in words, for every front end (the app's
//! table, why panel and log, the scripted lines, `show` and the transcript). Nothing here decides
//! anything; it only words decisions already made.

use crate::domain::clients::ClientsReport;
use crate::domain::decision::{Decision, Reason, Sum};
use crate::domain::next_change::NextChange;
use crate::domain::op::{Did, Names, Op, Report};
use crate::domain::phase::Phase;
use crate::domain::policy::Policy;
use crate::domain::scenario::Outcome;
use crate::domain::settings::{Setting, SettingValue};
use std::fmt;

pub mod clients;
pub mod explain;
pub mod oauth;
pub mod oauth_panels;
mod quiz;
mod status;
pub mod validators;

pub use quiz::{choice, choices, quiz_question, tally, verdict};
pub use status::{remaining_words, show_status, status_words};

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

/// The comparison a decision made: `100 < 120`, `125 ≤ 120 + 10`, `200 ≥ 120`.
fn comparison(decision: &Decision) -> String {
    format!(
        "{} {} {}",
        decision.expiry,
        decision.operator(),
        threshold(decision)
    )
}

/// Why a refresh happened or not: `expired`, `in the early window`, `still valid`.
fn reason_words(decision: &Decision) -> &'static str {
    match decision.reason {
        Reason::Expired => "expired",
        Reason::EarlyWindow => "in the early window",
        Reason::StillValid => "still valid",
    }
}

/// `expired (100 < 120)`, `in the early window (125 ≤ 120 + 10)` or `still valid (200 ≥ 120)`.
pub fn decision_words(decision: &Decision) -> String {
    format!("{} ({})", reason_words(decision), comparison(decision))
}

/// The app's log line for a refresh: the lesson's own line with the numbers that decided it,
/// e.g. `Refreshed token for alice: newtoken123 (expired: 100 < 120; expires 220)` or
/// `Token for bob is still valid: def456 (200 ≥ 120; 80 left)`.
pub fn refresh_log(user: &str, outcome: &Outcome) -> String {
    let decision = outcome.decision();
    match outcome {
        Outcome::Refreshed {
            new_token,
            new_expiry,
            issued_expired,
            ..
        } => {
            let expires = if new_expiry.is_capped() {
                format!("expires {}, capped at the largest time", new_expiry.value())
            } else {
                format!("expires {}", new_expiry.value())
            };
            let already = if *issued_expired {
                ", already expired"
            } else {
                ""
            };
            format!(
                "Refreshed token for {user}: {new_token} ({}: {}; {expires}{already})",
                reason_words(decision),
                comparison(decision)
            )
        }
        Outcome::StillValid { token, decision } => format!(
            "Token for {user} is still valid: {token} ({}; {} left)",
            comparison(decision),
            decision.remaining()
        ),
        Outcome::Server { server, .. } => oauth::server_log(
            user,
            &format!("{}: {}", reason_words(decision), comparison(decision)),
            server,
        ),
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

/// Consecutive clock moves in one log line: `clock 120 → 150 (3 steps)`.
pub fn clock_run_log(from: u64, to: u64, steps: u64) -> String {
    if steps <= 1 {
        clock_log(from, to)
    } else {
        format!("clock {from} → {to} ({steps} steps)")
    }
}

/// An undo step's name for a clock move: `time 120 → 130`.
pub fn clock_label(from: u64, to: u64) -> String {
    format!("time {from} → {to}")
}

/// What a policy change changed, e.g. `boundary lesson → rfc7519` or `early 0 → 5, leeway 0 → 2`
/// (each setting by its name in the table); `setting stays at value` when nothing changed.
/// A setting's value as a sentence shows it: the script's word (`30`, `on`), and for a value
/// left unset what that means (`default: the library's own`), since `default` alone says
/// nothing about what the server or library then does.
pub fn value_words(value: &SettingValue) -> String {
    match value.setting().spec().unset {
        Some(meaning) if value.to_file().is_none() => format!("{}: {meaning}", value.word()),
        _ => value.word(),
    }
}

pub fn policy_change(setting: Setting, from: &Policy, to: &Policy) -> String {
    let mut parts = Vec::new();
    if from.model.is_none() && to.model.is_some() {
        parts.push("real-world model on".to_owned());
    }
    for s in Setting::ALL {
        if let (Some(a), Some(b)) = (s.of_policy(from), s.of_policy(to))
            && a != b
        {
            parts.push(format!(
                "{} {} → {}",
                s.spec().name,
                value_words(&a),
                value_words(&b)
            ));
        }
    }
    if parts.is_empty() {
        let now = setting
            .of_policy(to)
            .map(|v| value_words(&v))
            .unwrap_or_default();
        format!("{} stays at {now}", setting.spec().name)
    } else {
        parts.join(", ")
    }
}

/// A user's own value (`30`) or the scenario's that they follow (`the scenario's 0`).
fn own_words(value: Option<&SettingValue>, scenario: &SettingValue) -> String {
    match value {
        Some(v) => value_words(v),
        None => format!("the scenario's {}", value_words(scenario)),
    }
}

/// A user's own value changed: `grace of grace30: 30 → 5`, `grace of grace30 stays at 30`.
pub fn user_setting_change(
    user: &str,
    setting: Setting,
    from: Option<&SettingValue>,
    to: Option<&SettingValue>,
    scenario: &SettingValue,
) -> String {
    let name = setting.spec().name;
    if from == to {
        return format!("{name} of {user} stays at {}", own_words(to, scenario));
    }
    format!(
        "{name} of {user}: {} → {}",
        own_words(from, scenario),
        own_words(to, scenario)
    )
}

/// What a policy change leaves in force, for transcripts: the refresh rule for a setting the
/// rule shows (`refresh when expiry < now + 5`), else the setting and its value (`grace is 5`).
pub fn policy_outcome(setting: Setting, policy: &Policy) -> String {
    if setting.spec().in_rule {
        return rule_line(policy);
    }
    let value = setting
        .of_policy(policy)
        .map(|v| value_words(&v))
        .unwrap_or_default();
    format!("{} is {value}", setting.spec().name)
}

/// The phase a token enters, as a sentence ending: `bob's token reaches its last tick`.
fn phase_words(phase: Phase) -> &'static str {
    match phase {
        Phase::Valid => "is valid again",
        Phase::RefreshDue => "enters the early window (a refresh is due)",
        Phase::LastTick => "reaches its last tick",
        Phase::Leeway => "expires, accepted by leeway",
        Phase::LeewayLastTick => "reaches the leeway's last tick",
        Phase::Expired => "expires",
        Phase::NotYetValid => "is not yet valid",
        Phase::Revoked => "is revoked",
    }
}

fn next_change_words(next: &NextChange) -> String {
    let others = match next.others {
        0 => String::new(),
        1 => " (and 1 other user)".to_owned(),
        n => format!(" (and {n} other users)"),
    };
    if next.refresh_token {
        return format!(
            "{}'s refresh token reaches its idle or absolute lifetime{others}",
            next.user
        );
    }
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
        Report::Policy { setting, from, to } => policy_change(*setting, from, to),
        Report::UserSetting {
            user,
            setting,
            from,
            to,
            scenario,
        } => user_setting_change(user, *setting, from.as_ref(), to.as_ref(), scenario),
        Report::Reset { .. } => "reset".to_owned(),
        Report::Model { user, report } => oauth::model_label(user, report),
        Report::Clients(r) => {
            clients::label(r).unwrap_or_else(|| clock_label(clock_from, clock_to))
        }
        Report::NextChange { .. } | Report::Clock { .. } | Report::Undid(_) | Report::Redid(_) => {
            clock_label(clock_from, clock_to)
        }
    }
}

/// A one-line statement of the refresh rule, e.g. `refresh when expiry < now`.
pub fn rule_line(policy: &Policy) -> String {
    format!("refresh when {}", refresh_condition(policy))
}

/// The refresh condition alone, e.g. `expiry < now` or `expiry ≤ now + 60`.
pub fn refresh_condition(policy: &Policy) -> String {
    let op = policy.boundary.expired_operator();
    if policy.early == 0 {
        format!("expiry {op} now")
    } else {
        format!("expiry {op} now + {}", policy.early)
    }
}

/// What an undone or redone step did, e.g. `refresh alice` or `time 120 → 130`.
pub fn did_words(did: &Did) -> String {
    step_label(&did.report, did.clock.0, did.clock.1)
}

/// What an undo right after an operation that changed nothing (so was no step) did: it took
/// back the step before, and says so, in the app's log and every transcript alike.
pub fn undid_after_nothing(that: &Op, what: &Did) -> String {
    format!(
        "nothing to undo for {}: undid {}",
        command_words(that),
        did_words(what)
    )
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
        // The rule follows a change of a setting it shows, as in the transcript.
        Report::Policy { setting, from, to } if setting.spec().in_rule => {
            format!("{}: {}", policy_change(*setting, from, to), rule_line(to))
        }
        Report::Policy { setting, from, to } => policy_change(*setting, from, to),
        Report::UserSetting {
            user,
            setting,
            from,
            to,
            scenario,
        } => user_setting_change(user, *setting, from.as_ref(), to.as_ref(), scenario),
        Report::Undid(Some(what)) => format!("undo: {}", did_words(what)),
        Report::Undid(None) => "nothing to undo".to_owned(),
        Report::Redid(Some(what)) => format!("redo: {}", did_words(what)),
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
        Report::Clients(r) => clients::line(r),
    }
}

/// The command that carries out `op`, as a script writes it (`refresh alice`, `advance 10`,
/// `policy boundary rfc7519`): the app's transcript names its operations with the script's
/// commands, so the two transcripts read alike.
pub fn command_words(op: &Op) -> String {
    match op {
        Op::Refresh(user) => format!("refresh {user}"),
        Op::RefreshAll => "refresh-all".to_owned(),
        Op::Advance(n) => format!("advance {n}"),
        Op::Rewind(n) => format!("rewind {n}"),
        Op::SetTime(n) => format!("time {n}"),
        Op::Add {
            user,
            token,
            expiry,
        } => format!("add {user} {token} {expiry}"),
        Op::Remove(user) => format!("remove {user}"),
        Op::SetExpiry { user, expiry } => format!("set-expiry {user} {expiry}"),
        Op::Policy(change) => change.command_words(),
        Op::Undo => "undo".to_owned(),
        Op::Redo => "redo".to_owned(),
        Op::Reset => "reset".to_owned(),
        Op::NextChange => "next-change".to_owned(),
        Op::Steal(user) => format!("steal {user}"),
        Op::Replay(user) => format!("replay {user}"),
        Op::Revoke(user) => format!("revoke {user}"),
        Op::Login(user) => format!("login {user}"),
        Op::Logout(user) => format!("logout {user}"),
        Op::RevokeAll(user) => format!("revoke-all {user}"),
        Op::Call(user) => format!("call {user}"),
        Op::CallClient { user, client } => format!("call {user} {client}"),
        Op::Race(user) => format!("race {user}"),
        Op::Lose {
            user,
            client: Some(client),
        } => format!("lose {user} {client}"),
        Op::Lose { user, client: None } => format!("lose {user}"),
        Op::Skew { user, client, skew } => format!("skew {user} {client} {skew}"),
        Op::Traffic(on) => format!("traffic {}", if *on { "on" } else { "off" }),
    }
}

/// The outcome a transcript writes after `command →`, e.g. `time is 130` or `added dave`.
pub fn transcript_outcome(report: &Report, now: u64, policy: &Policy) -> String {
    match report {
        Report::Refresh { user, outcome } => lesson_line(user, outcome).to_string(),
        Report::Model { user, report } => oauth::model_line(user, report),
        Report::Clients(r) => match &**r {
            ClientsReport::Moved { traffic, .. } => {
                format!("time is {now}; {}", clients::traffic_summary(traffic))
            }
            r @ (ClientsReport::Round { .. }
            | ClientsReport::Lose { .. }
            | ClientsReport::Skew { .. }
            | ClientsReport::Traffic { .. }) => clients::line(r),
        },
        Report::Clock { .. } => format!("time is {now}"),
        Report::Added { user, .. } => format!("added {user}"),
        Report::Removed { user } => format!("removed {user}"),
        Report::Expiry { user, to, .. } => format!("expiry of {user} is {to}"),
        Report::Policy { setting, .. } => policy_outcome(*setting, policy),
        Report::UserSetting {
            user,
            setting,
            to: Some(value),
            ..
        } => format!(
            "{} of {user} is {}",
            setting.spec().name,
            value_words(value)
        ),
        Report::UserSetting {
            user,
            setting,
            to: None,
            scenario,
            ..
        } => format!(
            "{user} follows the scenario's {} {}",
            setting.spec().name,
            value_words(scenario)
        ),
        Report::Undid(Some(what)) => format!("undid {}", did_words(what)),
        Report::Undid(None) => "nothing to undo".to_owned(),
        Report::Redid(Some(what)) => format!("redid {}", did_words(what)),
        Report::Redid(None) => "nothing to redo".to_owned(),
        Report::RefreshAll { .. } | Report::Reset { .. } | Report::NextChange { .. } => {
            log_line(report)
        }
    }
}

/// The lines the scripted mode prints for an operation's report (a refresh's line is printed as
/// it happens, through the session's callback, so it is not here): a model operation's line,
/// a clients' round's or clock move's lines, one each. The handout prints the same lines.
/// Every other report prints nothing here: the transcript's outcome line says it. Each kind
/// is named, so a new one must say which it is.
pub fn scripted_lines(report: &Report) -> Vec<String> {
    match report {
        Report::Model { user, report } => vec![oauth::model_line(user, report)],
        Report::Clients(r) => match &**r {
            ClientsReport::Round { .. } | ClientsReport::Moved { .. } => clients::lines(r),
            ClientsReport::Lose { .. }
            | ClientsReport::Skew { .. }
            | ClientsReport::Traffic { .. } => Vec::new(),
        },
        Report::Refresh { .. }
        | Report::RefreshAll { .. }
        | Report::Clock { .. }
        | Report::Added { .. }
        | Report::Removed { .. }
        | Report::Expiry { .. }
        | Report::Policy { .. }
        | Report::UserSetting { .. }
        | Report::Undid(_)
        | Report::Redid(_)
        | Report::Reset { .. }
        | Report::NextChange { .. } => Vec::new(),
    }
}

/// The outcome as the transcript words it, for the handout and the app's ran lines: none for a
/// refresh or refresh all, whose lesson lines already say it.
pub fn quiet_outcome(report: &Report, now: u64, policy: &Policy) -> Option<String> {
    match report {
        Report::Refresh { .. } | Report::RefreshAll { .. } => None,
        Report::Clock { .. }
        | Report::Added { .. }
        | Report::Removed { .. }
        | Report::Expiry { .. }
        | Report::Policy { .. }
        | Report::UserSetting { .. }
        | Report::Undid(_)
        | Report::Redid(_)
        | Report::Reset { .. }
        | Report::NextChange { .. }
        | Report::Model { .. }
        | Report::Clients(_) => Some(transcript_outcome(report, now, policy)),
    }
}

#[cfg(test)]
mod tests;
