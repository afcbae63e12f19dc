//! The real-world model's panels in words: the family view, the server's checks of one refresh
//! or replay, and the validators side by side. Each is a title and lines; the app only lays
//! them out.

use super::oauth::revocation_words;
use crate::domain::decision::Decision;
use crate::domain::oauth::{
    CallReport, Check, Failure, Knobs, Presenter, RefreshDecision, Ruling, TokenTimes, UserModel,
    Validator, Verdict,
};
use crate::domain::phase::Judge;
use crate::domain::policy::{Boundary, Policy};
use crate::domain::ticks::duration_words;

/// A panel's words: its title and lines, each line with whether it is the one to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelText {
    pub title: String,
    pub lines: Vec<(String, bool)>,
}

fn limit(ticks: u64) -> String {
    if ticks >= 60 {
        format!("{ticks} ({})", duration_words(ticks))
    } else {
        ticks.to_string()
    }
}

/// The family view: login, generations, last use and deadlines, revocation, the attacker,
/// then the user's earlier families (grants of earlier logins), newest first. `login_key` is
/// the key that logs in, as the front end names it (words name no keys), for the hint shown
/// when the user is not logged in.
pub fn family_view(
    user: &str,
    model: &UserModel,
    knobs: &Knobs,
    login_key: Option<&str>,
) -> PanelText {
    let title = format!(" Family: {user} ");
    let mut panel = current_family_view(title, model, knobs, login_key);
    for (index, f) in model.earlier.iter().enumerate().rev() {
        let state = match f.revoked {
            Some(r) => format!("revoked: {}", revocation_words(r)),
            None => "not revoked: its refresh tokens still work".to_owned(),
        };
        panel.lines.push((
            format!(
                "earlier #{} (login {}) gen {} {} · {state}",
                index + 1,
                f.login_at,
                f.generation,
                f.current
            ),
            f.revoked.is_none(),
        ));
    }
    panel
}

fn current_family_view(
    title: String,
    model: &UserModel,
    knobs: &Knobs,
    login_key: Option<&str>,
) -> PanelText {
    let Some(f) = &model.family else {
        let line = match login_key {
            Some(key) => format!("not logged in: press {key} to log in"),
            None => "not logged in".to_owned(),
        };
        return PanelText {
            title,
            lines: vec![(line, false)],
        };
    };
    let mut lines = vec![(
        format!(
            "generation {} · login {} · last use {}",
            f.generation, f.login_at, f.last_use
        ),
        false,
    )];
    lines.push(match f.revoked {
        Some(r) => (format!("REVOKED: {}", revocation_words(r)), true),
        None => ("active".to_owned(), false),
    });
    let holds = if model.client == f.current {
        "(the client's)".to_owned()
    } else {
        format!("· client holds {} (used)", model.client)
    };
    lines.push((format!("current {} {holds}", f.current), false));
    match &f.previous {
        Some(p) if knobs.rotation => lines.push((
            format!(
                "previous {} at {} · grace {}",
                p.value,
                p.rotated_at,
                limit(knobs.grace)
            ),
            false,
        )),
        _ if !knobs.rotation => {
            // A knob without meaning here is allowed, and said to be unused.
            let unused = if knobs.grace > 0 {
                " (grace unused)"
            } else {
                ""
            };
            lines.push((format!("rotation off: one refresh token{unused}"), false));
        }
        _ => {}
    }
    if !f.used.is_empty() {
        let shown: Vec<&str> = f.used.iter().rev().take(3).map(|u| &**u).collect();
        let more = f.used.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" +{more}")
        } else {
            String::new()
        };
        lines.push((format!("used {}{more}", shown.join(" ")), false));
    }
    let idle = f
        .idle_deadline(knobs)
        .map_or("idle: none".to_owned(), |d| format!("idle until {d}"));
    let cap = f
        .absolute_deadline(knobs)
        .map_or("cap: none".to_owned(), |d| format!("cap {d}"));
    lines.push((format!("{idle} · {cap}"), false));
    if let Some(a) = &model.attacker {
        let got = a.access.as_ref().map_or(String::new(), |t| {
            format!(" · {} exp {}", t.value, t.expiry)
        });
        lines.push((format!("attacker holds {}{got}", a.refresh), true));
    }
    PanelText { title, lines }
}

/// The server's checks of one refresh (with the client's step 1) or one replay, in order,
/// ending in the verdict.
pub fn server_view(
    user: &str,
    client: Option<&Decision>,
    server: &RefreshDecision,
    boundary: Boundary,
) -> PanelText {
    let who = match server.presenter {
        Presenter::Client => format!("refresh {user}"),
        Presenter::Attacker => format!("replay {user}"),
    };
    let mut lines = Vec::new();
    if let Some(decision) = client {
        lines.push((client_step(decision), false));
    }
    lines.push((format!("presented {}", server.presented), false));
    let mut seen = [false; 7];
    for check in &server.checks {
        // A rule the server passed over keeps its number, said to be not applicable.
        let number = check_rule(check);
        if number == Some(4) && !seen[3] {
            lines.push((
                format!("3. idle, absolute lifetime: none set {NOT_APPLICABLE}"),
                false,
            ));
        }
        if number == Some(6) && !seen[5] {
            lines.push((
                format!("5. grace: not the previous token {NOT_APPLICABLE}"),
                false,
            ));
        }
        if let Some(n) = number {
            seen[usize::from(n)] = true;
        }
        lines.push((
            check_words(check, server.presenter, boundary, server.now),
            false,
        ));
    }
    let verdict = match &server.verdict {
        Verdict::Issued(i) => format!(
            "→ {} (exp {}) + {}",
            i.access.value, i.access.expiry, i.refresh
        ),
        Verdict::Failed(f) => format!("→ invalid_grant ({})", failure_short(f)),
    };
    lines.push((verdict, true));
    PanelText {
        title: format!(" Why: {who} at t={} ", server.now),
        lines,
    }
}

/// Step 1 alone: the access token is still valid, the client does not ask the server.
pub fn still_valid_view(user: &str, decision: &Decision) -> PanelText {
    PanelText {
        title: format!(" Why: refresh {user} at t={} ", decision.now),
        lines: vec![
            (client_step(decision), true),
            (
                "the client keeps its tokens; the server is not asked".to_owned(),
                false,
            ),
        ],
    }
}

/// Every validator's judgement of one access token at `now`, side by side: each library at
/// its default leeway, the user's own (marked) as configured.
pub fn validators_view(
    token: &str,
    times: TokenTimes,
    now: u64,
    policy: &Policy,
    own: Judge,
) -> PanelText {
    let width = Validator::ALL
        .iter()
        .map(|v| v.name().len())
        .max()
        .unwrap_or(0);
    // One line per library, no header (the title says what the columns are): every row of
    // the table fits where the panel has six rows.
    let lines = Validator::ALL.iter().map(|&v| {
        let configured = if v == own.validator { own.leeway } else { None };
        let j = v.judge(policy.lesson_rule(), configured, times, now);
        let verdict = if j.accepted() { "200" } else { "401" };
        let compared = match j.ruling {
            Ruling::NotYetValid(n) => {
                format!("{} {} > {} + {}", n.claim.name(), n.at, j.now, j.leeway)
            }
            Ruling::Accepted | Ruling::Expired => {
                let op = if j.accepted() {
                    j.boundary.valid_operator()
                } else {
                    j.boundary.expired_operator()
                };
                format!("{} + {} {op} {}", j.exp, j.leeway, j.now)
            }
        };
        let configured = if j.configured { " (configured)" } else { "" };
        (
            format!("{:width$} {verdict}  {compared}{configured}", v.name()),
            v == own.validator,
        )
    });
    PanelText {
        title: format!(" Validators: {token} at t={now}: call, exp + leeway vs now "),
        lines: lines.collect(),
    }
}

/// Ends a rule the server passed over; a panel short of rows drops these lines first.
pub const NOT_APPLICABLE: &str = "(not applicable)";

/// The README's rule number of a check (the sender constraint has none).
fn check_rule(check: &Check) -> Option<u8> {
    match check {
        Check::Revoked(_) => Some(2),
        Check::Bound { .. } => None,
        Check::Absolute { .. } | Check::Idle { .. } | Check::TokenExp { .. } => Some(3),
        Check::Current { .. } => Some(4),
        Check::Grace { .. } | Check::Reuses { .. } => Some(5),
        Check::Used { .. } => Some(6),
    }
}

/// After `call` with an opaque access token: the introspection answer the call got (active or
/// not, and why), not the JWT libraries', which never see an opaque token.
pub fn introspection_view(call: &CallReport, now: u64) -> PanelText {
    let (active, why) = super::oauth::introspection_words(call);
    let answer = if active {
        "200 OK"
    } else {
        "401 invalid_token"
    };
    PanelText {
        title: format!(" Introspection: {} at t={now} ", call.token),
        lines: vec![
            (
                "opaque: the API asks the server (RFC 7662); no JWT library reads it".to_owned(),
                false,
            ),
            (format!("active: {active} ({why})"), true),
            (format!("call → {answer}"), false),
        ],
    }
}

/// One of the server's checks as the why panel shows it, with its numbers.
pub fn check_words(check: &Check, presenter: Presenter, boundary: Boundary, now: u64) -> String {
    let yes_no = |ok: bool| if ok { "✓" } else { "✗" };
    let vs = |deadline: u64, over: bool| {
        let op = if over {
            boundary.expired_operator()
        } else {
            boundary.valid_operator()
        };
        format!("{deadline} {op} now {now}")
    };
    // `3. idle: 100 + 50 < now 120 ✗`: a lifetime counted from `since`, against now.
    let lifetime = |name: &str, since: u64, lifetime: u64, over: bool| {
        let against = vs(since.saturating_add(lifetime), over);
        let against = against.split_once(' ').map_or("", |(_, rest)| rest);
        format!(
            "3. {name}: {since} + {lifetime} {against} {}",
            yes_no(!over)
        )
    };
    match check {
        Check::Revoked(None) => "2. family active ✓".to_owned(),
        Check::Revoked(Some(r)) => format!("2. family revoked ({}) ✗", revocation_words(*r)),
        Check::Bound { has_key } => format!(
            "   sender-constrained: {} {}",
            match presenter {
                Presenter::Client => "the client's key",
                Presenter::Attacker => "no key with the copy",
            },
            yes_no(*has_key)
        ),
        Check::Absolute {
            login_at,
            absolute,
            over,
        } => lifetime("absolute", *login_at, *absolute, *over),
        Check::Idle {
            last_use,
            idle,
            over,
        } => lifetime("idle", *last_use, *idle, *over),
        Check::Current { current, matches } => format!(
            "4. current token {current}? {}",
            if *matches { "yes ✓" } else { "no" }
        ),
        Check::Grace {
            previous,
            grace,
            inside,
        } => format!(
            "5. grace: now {now} {} {} + {grace} {}",
            if *inside { "<" } else { "≥" },
            previous.rotated_at,
            yes_no(*inside)
        ),
        Check::TokenExp { issued, exp, over } => {
            let against = vs(*exp, *over);
            format!("3. own exp (issued {issued}): {against} {}", yes_no(!over))
        }
        Check::Reuses {
            previous,
            max,
            inside,
        } => format!(
            "5. reuse count: {} {} max {max} {}",
            previous.reuses,
            if *inside { "<" } else { "≥" },
            yes_no(*inside)
        ),
        Check::Used { reuse_detection } => format!(
            "6. used before; reuse detection {}",
            if *reuse_detection {
                "on ✗"
            } else {
                "off ✗"
            }
        ),
    }
}

/// A failure in a few words, for the why panel's verdict line.
pub fn failure_short(failure: &Failure) -> &'static str {
    match failure {
        Failure::NotLoggedIn => "not logged in",
        Failure::Revoked(_) => "family revoked",
        Failure::NoKey => "no key: family kept",
        Failure::Absolute { .. } => "absolute: revoked",
        Failure::Idle { .. } => "idle: revoked",
        Failure::ReuseDetected { .. } => "reuse: revoked",
        Failure::UsedToken { .. } => "used token",
        Failure::Unknown { .. } => "not in family",
        Failure::TokenExpired { .. } => "token not active",
    }
}

/// The step-1 line for the why panel: the client's own decision.
pub fn client_step(decision: &Decision) -> String {
    format!("1. access token {}", super::decision_words(decision))
}
