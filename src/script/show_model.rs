//! `show` with the real-world model on: the lesson's columns (the token is the access token,
//! its status by the user's validator), the validator and the leeway it judges with, and the
//! refresh token, its state and generation.

use crate::domain::Scenario;
use crate::domain::oauth::{AccessStatus, RtState, access_status};
use crate::words::oauth::{rt_state_words, show_access_status};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

const HEADERS: [&str; 10] = [
    "user",
    "access",
    "expiry",
    "remaining",
    "status",
    "validator",
    "leeway",
    "refresh",
    "state",
    "gen",
];

/// One user's row: `show`'s cells, and the family in words for the handout (`login 0`,
/// `login 400, 1 earlier`; `None` when not logged in and without earlier families).
pub struct Row {
    pub cells: [String; 10],
    pub family: Option<String>,
}

/// One row per user, e.g.
///
/// ```text
/// user   access      expiry  remaining  status  validator  leeway  refresh     state   gen
/// alice  at-alice-1     300        300  valid   pyjwt           0  rt-alice-1  active  1
/// ```
pub fn write_rows(out: &mut impl Write, scenario: &Scenario) -> io::Result<()> {
    let rows = rows(scenario);
    let mut widths = HEADERS.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(cell.width());
        }
    }
    let header = Row {
        cells: HEADERS.map(str::to_owned),
        family: None,
    };
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, width)) in row.cells.iter().zip(widths).enumerate() {
            let pad = width.saturating_sub(cell.width());
            if i == 2 || i == 3 || i == 6 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if i + 1 < HEADERS.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
            if i + 1 < HEADERS.len() {
                line.push_str("  ");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Every user's row, as `show` and the handout print them.
pub fn rows(scenario: &Scenario) -> Vec<Row> {
    let now = scenario.now();
    let policy = &scenario.policy;
    scenario
        .tokens
        .users()
        .map(|(name, user)| {
            let knobs = scenario.knobs_of(user);
            let status = knobs.map(|k| access_status(user, &k, policy, now));
            let model = user.model;
            let family = model.and_then(|m| m.family.as_ref());
            let state = match (model, knobs) {
                (Some(m), Some(k)) => m.rt_state(&k, policy.boundary, now),
                _ => RtState::None,
            };
            let remaining = match status {
                Some(
                    AccessStatus::Valid { remaining, .. } | AccessStatus::RefreshDue { remaining },
                ) => remaining.to_string(),
                _ => "-".to_owned(),
            };
            Row {
                cells: [
                    name.to_owned(),
                    crate::domain::oauth::signed::shortened(user.token.value).into_owned(),
                    user.token.expiry.to_string(),
                    remaining,
                    status.map(show_access_status).unwrap_or_default(),
                    knobs.map_or_else(String::new, |k| k.validator.name().to_owned()),
                    knobs.map_or_else(String::new, |k| {
                        k.validator.leeway(policy, k.validator_leeway).to_string()
                    }),
                    model
                        .map(|m| m.client.clone())
                        .filter(|c| !c.is_empty())
                        .unwrap_or_else(|| "-".to_owned()),
                    rt_state_words(state).to_owned(),
                    family.map_or("-".to_owned(), |f| f.generation.to_string()),
                ],
                family: model.and_then(|m| {
                    let earlier = match m.earlier.len() {
                        0 => String::new(),
                        n => format!(", {n} earlier"),
                    };
                    match &m.family {
                        Some(f) => Some(format!("login {}{earlier}", f.login_at)),
                        None if !earlier.is_empty() => Some(format!("logged out{earlier}")),
                        None => None,
                    }
                }),
            }
        })
        .collect()
}
