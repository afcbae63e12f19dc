//! `next-change`: the next tick after now at which any user's status phase changes, and which
//! user's it is.

use super::oauth::TokenTimes;
use super::phase::{Judge, Phase};
use super::policy::Policy;
use super::scenario::Scenario;

/// Where `next-change` moved the clock and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextChange {
    pub at: u64,
    /// The first user (in file order) whose status changes then, and the phase it enters.
    pub user: String,
    pub phase: Phase,
    /// The real-world model: what changes is the user's refresh token (its idle or absolute
    /// lifetime ends), not the access token's phase.
    pub refresh_token: bool,
    /// How many other users change at the same tick.
    pub others: usize,
}

/// The next tick after now at which any user's status phase changes (`next-change`).
pub fn next_change(scenario: &Scenario) -> Option<NextChange> {
    let now = scenario.now();
    let policy = &scenario.policy;
    let mut best: Option<NextChange> = None;
    for (name, user) in scenario.tokens.users() {
        let token = &user.token;
        let knobs = scenario.knobs_of(user);
        // With the real-world model, a user's status is its validator's (as the table shows).
        let judge = Judge::of(knobs.as_ref());
        let times = TokenTimes::new(token.expiry, user.issued_at());
        let access =
            next_phase_change(policy, judge, times, now).map(|(at, phase)| (at, phase, false));
        // The refresh token's idle or absolute lifetime ends (its state changes by itself).
        let refresh = user.model.and_then(|m| {
            let knobs = knobs.as_ref()?;
            let at = m.next_rt_change(knobs, policy.boundary, now)?;
            Some((at, judge.phase(policy, times, at), true))
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

/// The first tick after `now` at which the token's phase changes, and the phase it enters.
/// Phases only change at these ticks (the early window's start, the expiry, the judge's last
/// tick and first rejected tick, the end of a future issue time), so checking them in order is
/// exact.
fn next_phase_change(
    policy: &Policy,
    judge: Judge,
    times: TokenTimes,
    now: u64,
) -> Option<(u64, Phase)> {
    let current = judge.phase(policy, times, now);
    let expiry = times.exp;
    let early_start = expiry.checked_sub(policy.early);
    let rejected = judge
        .validator
        .first_rejected(policy.lesson_rule(), judge.leeway, expiry);
    let rejected = u64::try_from(rejected).ok();
    let leeway = judge.validator.leeway(policy.lesson_rule(), judge.leeway);
    let valid_from = times.issued.map(|i| i.saturating_sub(leeway));
    let mut candidates: Vec<u64> = [
        early_start,
        early_start.and_then(|t| t.checked_add(1)),
        expiry.checked_sub(1),
        Some(expiry),
        expiry.checked_add(1),
        rejected.and_then(|t| t.checked_sub(1)),
        rejected,
        valid_from,
    ]
    .into_iter()
    .flatten()
    .filter(|&t| t > now)
    .collect();
    candidates.sort_unstable();
    candidates
        .into_iter()
        .map(|t| (t, judge.phase(policy, times, t)))
        .find(|&(_, p)| p != current)
}
