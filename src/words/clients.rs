//! The clients' words (issue 9): scripted lines naming the client (`Call for alice (tab2): ...`,
//! `Refreshed token for alice (tab1): ...`), log lines, labels and the why panel's steps of a
//! race or a call. Part of the one formatter (`words`); nothing here decides anything.

use super::oauth::{call_words, failure_words, server_line};
use super::oauth_panels::{PanelText, check_words, failure_short};
use crate::domain::clients::round::Waited;
use crate::domain::clients::{
    ClientStep, ClientsReport, Counters, Round, RoundKind, TrafficReport,
};
use crate::domain::oauth::Verdict;
use crate::domain::policy::Boundary;

/// `alice (tab2)`: a user's client as the lines name it.
fn who(user: &str, client: &str) -> String {
    format!("{user} ({client})")
}

/// `alice (tab2) after a 401` for a refresh a refused call sent (`retry_on_401`).
fn requester(user: &str, client: &str, after_401: bool) -> String {
    let who = who(user, client);
    if after_401 {
        format!("{who} after a 401")
    } else {
        who
    }
}

/// One step's scripted line.
pub fn step_line(user: &str, step: &ClientStep) -> String {
    match step {
        ClientStep::Refresh {
            client,
            server,
            lost: false,
            after_401,
            ..
        } => server_line(&requester(user, client, *after_401), server),
        ClientStep::Refresh {
            client,
            server,
            after_401,
            ..
        } => {
            let what = match &server.verdict {
                Verdict::Issued(i) => format!(
                    "the server issued {} and {}, but {client} never got them and keeps {}",
                    i.access.value, i.refresh, server.presented
                ),
                Verdict::Failed(f) => {
                    format!(
                        "the server refused ({}), but {client} never heard",
                        failure_words(f)
                    )
                }
            };
            format!(
                "Refresh for {}: response lost; {what}",
                requester(user, client, *after_401)
            )
        }
        ClientStep::Waited {
            client,
            leader,
            outcome,
        } => match outcome {
            Waited::Got(token) => format!(
                "Refreshed token for {}: {} (single-flight: used {leader}'s answer)",
                who(user, client),
                token.value
            ),
            Waited::Failed => format!(
                "Refresh failed for {}: single-flight: {leader}'s request was refused",
                who(user, client)
            ),
            Waited::Lost => format!(
                "Refresh for {}: single-flight: {leader}'s answer never arrived; nothing changed",
                who(user, client)
            ),
        },
        ClientStep::LoggedOut { client } => format!(
            "Logged out: {} sends nothing until it logs in again (a refresh failed)",
            who(user, client)
        ),
        ClientStep::Call {
            client,
            call,
            retry,
            ..
        } => {
            let what = if *retry { "Retry" } else { "Call" };
            format!("{what} for {}: {}", who(user, client), call_words(call))
        }
    }
}

/// Every scripted line of a report, in order.
pub fn lines(report: &ClientsReport) -> Vec<String> {
    match report {
        ClientsReport::Round { user, round } => {
            round.steps.iter().map(|s| step_line(user, s)).collect()
        }
        ClientsReport::Moved { traffic, .. } => traffic_lines(traffic),
        ClientsReport::Lose { .. } | ClientsReport::Skew { .. } | ClientsReport::Traffic { .. } => {
            vec![line(report)]
        }
    }
}

/// A report in one line: the log's and the transcript's.
pub fn line(report: &ClientsReport) -> String {
    match report {
        ClientsReport::Round { .. } => lines(report).join("; "),
        ClientsReport::Lose {
            user,
            client,
            already,
        } => {
            let again = if *already { " (already set)" } else { "" };
            format!(
                "Next refresh response for {} will be lost{again}",
                who(user, client)
            )
        }
        ClientsReport::Skew {
            user,
            client,
            from,
            to,
        } => format!(
            "Clock of {}: {} (was {})",
            who(user, client),
            skew_words(*to),
            skew_words(*from)
        ),
        ClientsReport::Traffic { on: true, every } => {
            format!("Traffic on: every client calls the API every {every} ticks")
        }
        ClientsReport::Traffic { on: false, .. } => "Traffic off".to_owned(),
        ClientsReport::Moved { from, to, traffic } => {
            format!("clock {from} → {to}; {}", traffic_summary(traffic))
        }
    }
}

/// `90 behind the server`, `30 ahead of the server`, `in step with the server`.
pub fn skew_words(skew: i64) -> String {
    match skew {
        0 => "in step with the server".to_owned(),
        s if s < 0 => format!("{} behind the server", s.unsigned_abs()),
        s => format!("{s} ahead of the server"),
    }
}

/// `3 beats: 6 calls served, 1 refused (401), 1 refresh, 0 forced logins`.
pub fn traffic_summary(t: &TrafficReport) -> String {
    let mut out = format!(
        "traffic: {} beat{}, {}",
        t.beats,
        if t.beats == 1 { "" } else { "s" },
        counters_words(&t.totals)
    );
    if t.simulated < t.beats {
        out.push_str(&format!(" (the last {} beats simulated)", t.simulated));
    }
    out
}

/// `6 served, 1 × 401, 2 refreshes, 0 forced logins` (and the skipped calls when any).
pub fn counters_words(c: &Counters) -> String {
    let mut out = format!(
        "{} served, {} × 401, {} refresh{}, {} forced login{}",
        c.served,
        c.unauthorized,
        c.refreshes,
        if c.refreshes == 1 { "" } else { "es" },
        c.forced_logins,
        if c.forced_logins == 1 { "" } else { "s" },
    );
    if c.skipped > 0 {
        out.push_str(&format!(", {} calls counted, not simulated", c.skipped));
    }
    out
}

/// The scripted lines of a clock move with traffic: each event with its tick, then the rest
/// counted.
pub fn traffic_lines(t: &TrafficReport) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut events = t.events.iter().peekable();
    while let Some((at, user, step)) = events.next() {
        // Calls served at one beat for one user fold into one line; everything else is said.
        let mut served = Vec::new();
        if let ClientStep::Call { client, .. } = step
            && is_served(step)
        {
            served.push(client.as_str());
            while let Some((_, _, ClientStep::Call { client, call, .. })) =
                events.next_if(|(a, u, s)| a == at && u == user && is_served(s))
            {
                let _ = call;
                served.push(client.as_str());
            }
        }
        if served.len() > 1 {
            out.push(format!(
                "t={at} Calls for {user}: 200 OK × {} ({})",
                served.len(),
                served.join(", ")
            ));
        } else {
            out.push(format!("t={at} {}", step_line(user, step)));
        }
    }
    if t.more > 0 {
        out.push(format!("… and {} more traffic events", t.more));
    }
    if t.totals.skipped > 0 {
        out.push(format!(
            "{} earlier calls counted, not simulated (at most {} beats a step)",
            t.totals.skipped,
            crate::domain::clients::TRAFFIC_ROUNDS_PER_STEP
        ));
    }
    out
}

/// A first call the API served (a retry after a 401 keeps a line of its own).
fn is_served(step: &ClientStep) -> bool {
    matches!(step, ClientStep::Call { call, retry: false, .. } if call.status.accepted())
}

/// The undo step's name.
pub fn label(report: &ClientsReport) -> Option<String> {
    Some(match report {
        ClientsReport::Round { user, round } => match round.kind {
            RoundKind::Race => format!("race {user}"),
            RoundKind::Call(_) | RoundKind::Traffic => {
                let client = round.steps.iter().find_map(|s| match s {
                    ClientStep::Call { client, .. } | ClientStep::LoggedOut { client } => {
                        Some(client)
                    }
                    ClientStep::Refresh { .. } | ClientStep::Waited { .. } => None,
                });
                format!("call {}", who(user, client.map_or("", |c| c.as_str())))
            }
        },
        ClientsReport::Lose { user, client, .. } => format!("lose {}", who(user, client)),
        ClientsReport::Skew {
            user, client, to, ..
        } => format!("skew {} {to}", who(user, client)),
        ClientsReport::Traffic { on, .. } => {
            format!("traffic {}", if *on { "on" } else { "off" })
        }
        ClientsReport::Moved { .. } => return None,
    })
}

/// The why panel for a race or a call: each request in the order the server saw it, what it
/// presented, the rule that decided, and each call.
pub fn round_view(user: &str, round: &Round, boundary: Boundary) -> PanelText {
    let what = match round.kind {
        RoundKind::Race => "race",
        RoundKind::Call(_) | RoundKind::Traffic => "call",
    };
    let mut lines = Vec::new();
    let sf = if round.single_flight { "on" } else { "off" };
    // Requests are numbered in the order the server took them (the clients' order).
    let mut n = 0;
    for step in &round.steps {
        match step {
            ClientStep::Refresh {
                client,
                decision,
                server,
                lost,
                after_401,
            } => {
                n += 1;
                let after = if *after_401 { " after a 401" } else { "" };
                lines.push((
                    format!(
                        "{n}. {client} (clock {}) presents {}{after}",
                        decision.now, server.presented
                    ),
                    false,
                ));
                // The check that decided is the last one made.
                if let Some(check) = server.checks.last() {
                    lines.push((
                        format!(
                            "   {}",
                            check_words(check, server.presenter, boundary, server.now)
                        ),
                        false,
                    ));
                }
                let verdict = match (&server.verdict, lost) {
                    (_, true) => "   → answer lost: keeps its tokens".to_owned(),
                    (Verdict::Issued(i), _) => {
                        format!("   → {} + {}", i.access.value, i.refresh)
                    }
                    (Verdict::Failed(f), _) => {
                        format!("   → invalid_grant ({}): logged out", failure_short(f))
                    }
                };
                lines.push((verdict, true));
            }
            ClientStep::Waited {
                client,
                leader,
                outcome,
            } => {
                let got = match outcome {
                    Waited::Got(t) => format!("uses {}", t.value),
                    Waited::Failed => "refused too: logged out".to_owned(),
                    Waited::Lost => "nothing arrives".to_owned(),
                };
                lines.push((
                    format!("   {client} waits for {leader} (single-flight): {got}"),
                    false,
                ));
            }
            ClientStep::LoggedOut { client } => {
                lines.push((format!("   {client}: logged out, sends nothing"), false));
            }
            ClientStep::Call {
                client,
                decision,
                call,
                retry,
            } => {
                if let Some(d) = decision {
                    lines.push((
                        format!(
                            "{client}'s clock {}: {}, no refresh",
                            d.now,
                            super::decision_words(d)
                        ),
                        false,
                    ));
                }
                let verdict = if call.status.accepted() { "200" } else { "401" };
                let again = if *retry { " again" } else { "" };
                lines.push((
                    format!(
                        "call {client}{again}: {verdict} ({})",
                        super::oauth::judgement_words(&call.judgement)
                    ),
                    true,
                ));
            }
        }
    }
    PanelText {
        title: format!(
            " Why: {what} {user} at t={} · single-flight {sf} ",
            round.now
        ),
        lines,
    }
}

/// The selected user's clients when nothing was just explained: each client's storage, clock,
/// tokens and state, then the counters and the knobs that decide a race (retrying on a 401
/// only when on, so the panel reads as before for everyone who never set it).
pub fn clients_view(
    user: &str,
    model: &crate::domain::oauth::UserModel,
    knobs: &crate::domain::oauth::Knobs,
    traffic: Option<u64>,
) -> PanelText {
    let mut lines = Vec::new();
    for client in &model.clients {
        let (storage, tokens) = match &client.own {
            Some(own) => (
                "own",
                format!(
                    "{} exp {} · {}",
                    own.access.value, own.access.expiry, own.refresh
                ),
            ),
            None => ("shared", format!("the user's tokens · {}", model.client)),
        };
        let mut state = Vec::new();
        if client.skew != 0 {
            state.push(format!("clock {:+}", client.skew));
        }
        if client.logged_out {
            state.push("logged out".to_owned());
        }
        if client.lose_next {
            state.push("next answer lost".to_owned());
        }
        let state = if state.is_empty() {
            String::new()
        } else {
            format!(" · {}", state.join(" · "))
        };
        lines.push((
            format!("{} ({storage}): {tokens}{state}", client.name),
            false,
        ));
    }
    lines.push((format!("calls: {}", counters_words(&model.counters)), false));
    let traffic = match traffic {
        Some(every) => format!("traffic on, every {every}"),
        None => "traffic off".to_owned(),
    };
    let sf = if knobs.single_flight { "on" } else { "off" };
    let retry = if knobs.retry_on_401 {
        " · retry on 401"
    } else {
        ""
    };
    lines.push((format!("single-flight {sf} · {traffic}{retry}"), false));
    PanelText {
        title: format!(" Clients: {user} "),
        lines,
    }
}
