//! The status phases a token goes through as the clock moves (valid, refresh due, last tick,
//! leeway, expired), and the next tick at which any user's phase changes, for `next-change`.

use super::op::{NextChange, Phase};
use super::policy::{Policy, Status};
use super::scenario::Scenario;

/// The next tick after now at which any user's status phase changes (`next-change`).
pub fn next_change(scenario: &Scenario) -> Option<NextChange> {
    let now = scenario.now();
    let policy = &scenario.policy;
    let mut best: Option<NextChange> = None;
    for (name, user) in scenario.tokens.users() {
        let token = &user.token;
        // With the real-world model, a user's status is its validator's (as the table shows).
        let own = scenario
            .knobs_of(user)
            .map(|k| k.validator.as_policy(policy, k.validator_leeway));
        let access = next_phase_change(own.as_ref().unwrap_or(policy), token.expiry, now)
            .map(|(at, phase)| (at, phase, false));
        // The refresh token's idle or absolute lifetime ends (its state changes by itself).
        let refresh = user.model.and_then(|m| {
            let knobs = scenario.knobs_of(user)?;
            let at = m.next_rt_change(&knobs, policy.boundary, now)?;
            Some((at, phase(policy, token.expiry, at), true))
        });
        let Some((at, phase, refresh_token)) =
            [access, refresh].into_iter().flatten().min_by_key(|c| c.0)
        else {
            continue;
        };
        match &mut best {
            Some(b) if b.at < at => {}
            Some(b) if b.at == at => b.others += 1,
            _ => {
                best = Some(NextChange {
                    at,
                    user: name.to_owned(),
                    phase,
                    refresh_token,
                    others: 0,
                })
            }
        }
    }
    best
}

/// The phase a token expiring at `expiry` is in at `now`.
pub fn phase(policy: &Policy, expiry: u64, now: u64) -> Phase {
    match policy.status(expiry, now) {
        Status::Valid { remaining: 0 } => Phase::LastTick,
        Status::Valid { .. } if policy.refresh_due(expiry, now) => Phase::RefreshDue,
        Status::Valid { .. } => Phase::Valid,
        Status::Grace { .. } => Phase::Leeway,
        Status::Expired { .. } => Phase::Expired,
    }
}

/// The first tick after `now` at which the token's phase changes, and the phase it enters.
/// Phases only change at these ticks (the early window's start, the expiry, the leeway's end,
/// each under either boundary), so checking them in order is exact.
fn next_phase_change(policy: &Policy, expiry: u64, now: u64) -> Option<(u64, Phase)> {
    let current = phase(policy, expiry, now);
    let early_start = expiry.checked_sub(policy.early);
    let leeway_end = expiry.checked_add(policy.leeway);
    let mut candidates: Vec<u64> = [
        early_start,
        early_start.and_then(|t| t.checked_add(1)),
        Some(expiry),
        expiry.checked_add(1),
        leeway_end,
        leeway_end.and_then(|t| t.checked_add(1)),
    ]
    .into_iter()
    .flatten()
    .filter(|&t| t > now)
    .collect();
    candidates.sort_unstable();
    candidates
        .into_iter()
        .map(|t| (t, phase(policy, expiry, t)))
        .find(|&(_, p)| p != current)
}
