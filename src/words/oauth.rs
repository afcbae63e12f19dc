//! The real-world model's words: scripted lines, log lines, statuses and the why panel's checks.
//! Part of the one formatter (`words`); nothing here decides anything.

use crate::domain::oauth::{
    AccessKind, AccessStatus, CallReport, Failure, Issued, Judgement, ModelReport, RefreshDecision,
    ReplayReport, Revocation, RevokeWhy, RtState, Ruling, Validator, Verdict,
};

fn why_words(why: RevokeWhy) -> &'static str {
    match why {
        RevokeWhy::Reuse => "reuse detected",
        RevokeWhy::Absolute => "absolute lifetime reached",
        RevokeWhy::Idle => "idle lifetime reached",
        RevokeWhy::Server => "revoked by the server",
        RevokeWhy::Logout => "the client logged out (RFC 7009)",
        RevokeWhy::Everywhere => "signed out everywhere",
    }
}

/// `reuse detected at t=400`.
pub fn revocation_words(r: Revocation) -> String {
    format!("{} at t={}", why_words(r.why), r.at)
}

/// Why a refresh failed: `refresh token revoked (reuse detected at t=5)`,
/// `refresh token expired at 600`, `refresh token idle since 40`.
pub fn failure_words(failure: &Failure) -> String {
    match failure {
        Failure::NotLoggedIn => "not logged in (no refresh token)".to_owned(),
        Failure::Revoked(r) => format!("refresh token revoked ({})", revocation_words(*r)),
        Failure::NoKey => {
            "no proof of possession (sender-constrained); the family is left alone".to_owned()
        }
        Failure::Absolute { deadline } => {
            format!("refresh token expired at {deadline} (absolute lifetime); family revoked")
        }
        Failure::Idle { last_use, deadline } => format!(
            "refresh token idle since {last_use} (idle deadline {deadline}); family revoked"
        ),
        Failure::ReuseDetected { token, at } => {
            format!("reuse detected ({token} was already used): family revoked at t={at}")
        }
        Failure::UsedToken { token } => {
            format!("{token} was already used (invalid_grant; reuse detection is off)")
        }
        Failure::Unknown { token } => {
            format!("{token} is not a refresh token of this family (invalid_grant)")
        }
        Failure::TokenExpired { token, exp } => format!(
            "{token} expired at {exp} (its own exp: \"Token is not active\"); the family is left alone"
        ),
    }
}

/// `(new refresh token rt-alice-3)`, `(previous refresh token accepted inside the grace
/// period)`, with `, capped at 36000` when the absolute cap cut it short.
fn issued_words(issued: &Issued) -> String {
    let mut parts = Vec::new();
    if issued.via_grace && issued.rotated {
        parts.push(format!(
            "previous refresh token accepted again; new refresh token {}",
            issued.refresh
        ));
    } else if issued.via_grace {
        parts.push(format!(
            "previous refresh token accepted inside the grace period; current one is {}",
            issued.refresh
        ));
    } else if issued.rotated {
        parts.push(format!("new refresh token {}", issued.refresh));
    } else {
        parts.push(format!("refresh token {} kept", issued.refresh));
    }
    match issued.capped_to {
        Some(cap) => parts.push(format!("expires {}, capped by the absolute lifetime", cap)),
        None => parts.push(format!("expires {}", issued.access.expiry)),
    }
    parts.join(", ")
}

/// The scripted line for a refresh the server decided.
pub fn server_line(user: &str, server: &RefreshDecision) -> String {
    match &server.verdict {
        Verdict::Issued(issued) => format!(
            "Refreshed token for {user}: {} ({})",
            issued.access.value,
            issued_words(issued)
        ),
        Verdict::Failed(failure) => {
            format!("Refresh failed for {user}: {}", failure_words(failure))
        }
    }
}

/// The app's log line for a refresh the server decided: the scripted line with the numbers
/// of step 1, e.g. `Refreshed token for alice: at-alice-2 (expired: 300 ≤ 300; new refresh
/// token rt-alice-2, expires 600)` or `Refresh failed for alice: ...; asked because expired:
/// 600 ≤ 600`.
pub fn server_log(user: &str, decided: &str, server: &RefreshDecision) -> String {
    match &server.verdict {
        Verdict::Issued(issued) => format!(
            "Refreshed token for {user}: {} ({decided}; {})",
            issued.access.value,
            issued_words(issued)
        ),
        Verdict::Failed(failure) => format!(
            "Refresh failed for {user}: {}; asked because {decided}",
            failure_words(failure)
        ),
    }
}

fn replay_words(report: &ReplayReport) -> String {
    let ReplayReport::Decided { stolen, decision } = report else {
        return "nothing to replay (no stolen copy and no used refresh token)".to_owned();
    };
    let copy = if *stolen {
        format!("{} (stolen)", decision.presented)
    } else {
        format!("{} (the used one)", decision.presented)
    };
    if let Some(login) = decision.earlier_login {
        let family =
            format!("the earlier family (login at {login}), which a new login did not end");
        return match &decision.verdict {
            Verdict::Issued(issued) => format!(
                "accepted by {family}: {copy} got {} (expires {}) and {}; the user's current family is not touched",
                issued.access.value, issued.access.expiry, issued.refresh
            ),
            Verdict::Failed(Failure::ReuseDetected { at, .. }) => format!(
                "reuse detected by {family}: {copy} was already used; that family revoked at t={at}"
            ),
            Verdict::Failed(failure) => {
                format!("refused by {family}, {copy}: {}", failure_words(failure))
            }
        };
    }
    match &decision.verdict {
        Verdict::Issued(issued) if issued.via_grace && issued.rotated => format!(
            "tolerated as a reuse of the previous token: {copy} got {} (expires {}) and a new {}",
            issued.access.value, issued.access.expiry, issued.refresh
        ),
        Verdict::Issued(issued) if issued.via_grace => format!(
            "tolerated inside the grace period: {copy} got {} (expires {}) and the current {}",
            issued.access.value, issued.access.expiry, issued.refresh
        ),
        Verdict::Issued(issued) if issued.rotated => format!(
            "accepted: {copy} got {} (expires {}) and {}; the user now holds a used token",
            issued.access.value, issued.access.expiry, issued.refresh
        ),
        Verdict::Issued(issued) => format!(
            "accepted: {copy} got {} (expires {}); nothing rotates, nothing is detected",
            issued.access.value, issued.access.expiry
        ),
        Verdict::Failed(Failure::ReuseDetected { at, .. }) => {
            format!("reuse detected: {copy} was already used; family revoked at t={at}")
        }
        Verdict::Failed(failure) => format!("refused, {copy}: {}", failure_words(failure)),
    }
}

/// `pyjwt: exp 600 ≤ now 600` (rejected) or `jsonwebtoken-rs: exp 600 + 60 ≥ now 620`
/// (accepted); a token from the future: `pyjwt: iat 300 > now 200`.
pub fn judgement_words(j: &Judgement) -> String {
    let name = j.validator.name();
    let plus = |n: u64| {
        if j.leeway == 0 {
            n.to_string()
        } else {
            format!("{n} + {}", j.leeway)
        }
    };
    if let Ruling::NotYetValid(n) = j.ruling {
        return format!("{name}: {} {} > now {}", n.claim.name(), n.at, plus(j.now));
    }
    let op = if j.accepted() {
        j.boundary.valid_operator()
    } else {
        j.boundary.expired_operator()
    };
    format!("{name}: exp {} {op} now {}", plus(j.exp), j.now)
}

/// The library's own words for a rejection, e.g. `The token is not yet valid (iat)` or
/// `Jwt expired at 1970-01-01T00:16:40Z`; `None` when it accepts.
pub fn library_words(j: &Judgement) -> Option<String> {
    let row = j.validator.row();
    let iso = |t: u64| {
        i64::try_from(t)
            .ok()
            .and_then(|t| jiff::Timestamp::from_second(t).ok())
            .map_or_else(|| t.to_string(), |t| t.to_string())
    };
    match j.ruling {
        Ruling::Accepted => None,
        Ruling::Expired => Some(row.expired_words.replace("{exp}", &iso(j.exp))),
        Ruling::NotYetValid(n) => Some(
            row.not_yet_words
                .replace("{claim}", n.claim.name())
                .replace("{at}", &iso(n.at)),
        ),
    }
}

/// An opaque token's introspection answer (RFC 7662): active or not, and why, e.g.
/// `(false, "revoked at t=200")` or `(true, "exp 400 > now 200")`. The call line and the
/// validators panel both word it from here, so they always agree.
pub fn introspection_words(call: &CallReport) -> (bool, String) {
    let j = &call.judgement;
    let exp = if j.leeway == 0 {
        format!("exp {}", j.exp)
    } else {
        format!("exp {} + {}", j.exp, j.leeway)
    };
    match call.status {
        AccessStatus::Revoked { at } => (false, format!("revoked at t={at}")),
        AccessStatus::Valid { .. }
        | AccessStatus::RefreshDue { .. }
        | AccessStatus::Leeway { .. } => (
            true,
            format!("{exp} {} now {}", j.boundary.valid_operator(), j.now),
        ),
        AccessStatus::Expired { .. } | AccessStatus::NotYetValid { .. } => (
            false,
            format!(
                "expired: {exp} {} now {}",
                j.boundary.expired_operator(),
                j.now
            ),
        ),
    }
}

pub(crate) fn call_words(call: &CallReport) -> String {
    if call.access == AccessKind::Opaque && !matches!(call.status, AccessStatus::Revoked { .. }) {
        return match introspection_words(call) {
            (true, why) => format!("200 OK (introspection: active; {why})"),
            (false, why) => format!("401 invalid_token (introspection: inactive; {why})"),
        };
    }
    let judged = judgement_words(&call.judgement);
    match (call.status, call.revoked_at) {
        (AccessStatus::Revoked { at }, _) => format!(
            "401 invalid_token (revoked at t={at}: the opaque token is introspected and inactive)"
        ),
        (AccessStatus::NotYetValid { .. }, _) => format!(
            "401 invalid_token (not yet valid: {judged}: \"{}\")",
            library_words(&call.judgement).unwrap_or_default()
        ),
        (
            AccessStatus::Valid { .. }
            | AccessStatus::RefreshDue { .. }
            | AccessStatus::Leeway { .. },
            Some(at),
        ) => format!(
            "200 OK ({judged}; revoked at t={at}, but a JWT is checked locally: the stateless gap)"
        ),
        (
            AccessStatus::Valid { .. }
            | AccessStatus::RefreshDue { .. }
            | AccessStatus::Leeway { .. },
            None,
        ) => format!("200 OK ({judged})"),
        (AccessStatus::Expired { .. }, _) => {
            format!("401 invalid_token (token expired: {judged})")
        }
    }
}

/// The scripted line (and log line) for a model operation.
pub fn model_line(user: &str, report: &ModelReport) -> String {
    match report {
        ModelReport::Steal(s) => match &s.copied {
            Some(copy) => format!("Stolen from {user}: the attacker copied {copy}"),
            None => format!("Nothing to steal from {user}: not logged in"),
        },
        ModelReport::Replay(r) => format!("Replay for {user}: {}", replay_words(r)),
        ModelReport::Revoke(r) => {
            let what = match (r.already, r.logged_in, r.access) {
                (Some(already), _, _) => {
                    format!("already revoked ({})", revocation_words(already))
                }
                (None, false, _) => "not logged in; nothing to revoke".to_owned(),
                (None, true, access) => {
                    format!(
                        "family revoked; {}",
                        access_after(access, r.validator, r.access_until)
                    )
                }
            };
            format!("Revoked {user}: {what}")
        }
        ModelReport::Login(l) => {
            let earlier = match (l.earlier, l.forgot_oldest) {
                (0, _) => String::new(),
                (1, _) => "; the earlier one kept as it was".to_owned(),
                (n, forgot) => format!(
                    "; {n} earlier ones kept as they were{}",
                    if forgot { ", the oldest forgotten" } else { "" }
                ),
            };
            format!(
                "Logged in {user}: access token {} (expires {}), refresh token {} (new family{earlier})",
                l.access.value, l.access.expiry, l.refresh
            )
        }
        ModelReport::Call(c) => format!("Call for {user}: {}", call_words(c)),
        ModelReport::Logout(l) => match &l.revoked {
            None => format!("Logged out {user}: not logged in; nothing to revoke"),
            Some(token) => format!(
                "Logged out {user}: the client revoked {token} (RFC 7009) and forgot its tokens; {}",
                access_after(l.access, l.validator, l.access_until)
            ),
        },
        ModelReport::RevokeAll(r) if r.kept == 0 => {
            format!("Signed out {user} everywhere: not logged in; nothing to revoke")
        }
        ModelReport::RevokeAll(r) => format!(
            "Signed out {user} everywhere: {} of {} {} revoked now; {}",
            r.revoked,
            r.kept,
            if r.kept == 1 { "family" } else { "families" },
            access_after(r.access, r.validator, r.access_until)
        ),
    }
}

/// What becomes of the access token when its grant is revoked: an opaque one is introspected
/// and dies now; a JWT is accepted by the user's validator until `until` (the stateless gap).
fn access_after(access: AccessKind, validator: Validator, until: Option<u64>) -> String {
    let judge = validator.name();
    match (access, until) {
        (AccessKind::Opaque, _) => "the opaque access token is rejected from now on".to_owned(),
        (AccessKind::Jwt, Some(until)) => format!(
            "the jwt access token is still accepted by {judge} until t={until} (the stateless gap)"
        ),
        (AccessKind::Jwt, None) => format!("the jwt access token is already rejected by {judge}"),
    }
}

/// The undo step's name: `replay alice`.
pub fn model_label(user: &str, report: &ModelReport) -> String {
    let op = match report {
        ModelReport::Steal(_) => "steal",
        ModelReport::Replay(_) => "replay",
        ModelReport::Revoke(_) => "revoke",
        ModelReport::Login(_) => "login",
        ModelReport::Call(_) => "call",
        ModelReport::Logout(_) => "logout",
        ModelReport::RevokeAll(_) => "revoke-all",
    };
    format!("{op} {user}")
}

/// An access token's status for the table in every whole form it may take, longest first: the
/// lesson's [`status_words`](super::status_words) of its phase.
pub fn access_status_words(status: AccessStatus) -> &'static [&'static str] {
    super::status_words(status.phase())
}

/// `show`'s access status: the one formatter's [`show_status`](super::show_status).
pub fn show_access_status(status: AccessStatus) -> String {
    super::show_status(status)
}

pub fn rt_state_words(state: RtState) -> &'static str {
    match state {
        RtState::None => "none",
        RtState::Active => "active",
        RtState::Used => "used",
        RtState::Revoked => "revoked",
        RtState::Expired => "expired",
        RtState::Idle => "idle",
    }
}
