//! Traffic: with it on, every declared client calls the API at each tick that is a multiple of
//! the scenario's `traffic_every`, whether the clock plays or moves by `advance`, so a story
//! replays exactly. A clock move simulates at most [`TRAFFIC_ROUNDS_PER_STEP`] beats (the last
//! ones before the new time); the calls of the beats before them are counted, not simulated.
//!
//! A beat at 100,000 users takes longer than a frame, so play's beat can be abandoned: every
//! [`INTERRUPT_EVERY`] users, and once more when the walk is done (before the session makes its
//! undo step, which takes as long again), it asks whether input waits, and if it does the move
//! stops with [`Error::Interrupted`] and the session puts the touched users back as they were
//! (a key never sees half a beat).

use super::round::{ClientStep, Tape};
use super::{ClientsReport, Counters};
use crate::domain::error::Error;
use crate::domain::op::Report;
use crate::domain::session::Session;

/// At most this many beats (so calls per client) are simulated in one clock move.
pub const TRAFFIC_ROUNDS_PER_STEP: u64 = 10;
/// How many users a beat walks between two questions whether input waits (a roster smaller
/// than this is never interrupted).
pub const INTERRUPT_EVERY: usize = 4096;
/// How many events a report keeps to word one by one (the rest are counted).
pub const EVENTS_KEPT: usize = 64;

/// What the clients did while the clock moved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrafficReport {
    /// Beats passed (ticks at which every client calls).
    pub beats: u64,
    /// Beats simulated one by one.
    pub simulated: u64,
    /// What the simulated beats came to, over every user (`skipped`: calls of the other beats).
    pub totals: Counters,
    /// The first events, in order: when, whose, and what.
    pub events: Vec<(u64, String, ClientStep)>,
    /// Events past [`EVENTS_KEPT`].
    pub more: u64,
}

/// The beats in `(from, to]`: how many, and the ticks of the last `TRAFFIC_ROUNDS_PER_STEP`.
pub fn beats(from: u64, to: u64, every: u64) -> (u64, Vec<u64>) {
    let every = every.max(1);
    if to <= from {
        return (0, Vec::new());
    }
    let (first, last) = (from / every, to / every);
    let count = last - first;
    let simulated = count.min(TRAFFIC_ROUNDS_PER_STEP);
    let ticks = (0..simulated)
        .rev()
        .map(|k| (last - k).saturating_mul(every))
        .collect();
    (count, ticks)
}

impl Session {
    /// Whether moving the clock from `from` to `to` passes a beat of traffic.
    pub(crate) fn traffic_runs(&self, from: u64, to: u64) -> bool {
        let s = self.scenario();
        s.policy
            .model
            .as_deref()
            .is_some_and(|m| m.traffic && beats(from, to, m.traffic_every).0 > 0)
            && s.has_clients()
    }

    /// Moves the clock to `to`, running the traffic it passes; `None` when none runs (the
    /// caller moves the clock as before). Every [`INTERRUPT_EVERY`] users, and once after the
    /// last beat when there are that many, it asks `interrupt` whether to stop; when it answers
    /// true the move stops where it is with [`Error::Interrupted`], for the caller to take back
    /// what it did so far.
    pub(crate) fn move_with_traffic(
        &mut self,
        to: u64,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<Option<Report>, Error> {
        let from = self.scenario().now();
        if !self.traffic_runs(from, to) {
            return Ok(None);
        }
        let Some(model) = self.scenario().policy.model.as_deref() else {
            return Ok(None);
        };
        let every = model.traffic_every;
        let (count, ticks) = beats(from, to, every);
        let mut report = TrafficReport {
            beats: count,
            simulated: ticks.len() as u64,
            ..TrafficReport::default()
        };
        let unsimulated = count - report.simulated;
        let users = self.scenario().tokens.len();
        for (k, &tick) in ticks.iter().enumerate() {
            self.scenario_mut().clock.set(tick);
            for index in 0..users {
                if index % INTERRUPT_EVERY == INTERRUPT_EVERY - 1 && interrupt() {
                    return Err(Error::Interrupted);
                }
                let Some(model) = self.scenario().clients_at(index) else {
                    continue;
                };
                if k == 0 {
                    // Before its first round the user is touched (only its own rounds change
                    // it, so this is its state before the move), and the calls of the beats
                    // not simulated are counted.
                    let active = model.clients.iter().filter(|c| !c.logged_out).count() as u64;
                    let skipped = active.saturating_mul(unsimulated);
                    self.touch_at(index);
                    if skipped > 0
                        && let Some((_, model)) = self.scenario_mut().tokens.model_at_mut(index)
                    {
                        model.counters.skipped = model.counters.skipped.saturating_add(skipped);
                        report.totals.skipped = report.totals.skipped.saturating_add(skipped);
                    }
                }
                // The steps are built only while the report has room for them (a big roster's
                // beat builds none for the rest: they are counted).
                let mut tape = Tape::keeping(EVENTS_KEPT.saturating_sub(report.events.len()));
                if self
                    .scenario_mut()
                    .traffic_round(index, &mut tape)
                    .is_none()
                {
                    continue;
                }
                report.totals.add(&tape.totals);
                report.more = report.more.saturating_add(tape.more);
                if tape.steps.is_empty() {
                    continue;
                }
                let name = self
                    .scenario()
                    .tokens
                    .get_index(index)
                    .map(|(n, _)| n.to_owned())
                    .unwrap_or_default();
                report.events.extend(
                    tape.steps
                        .into_iter()
                        .map(|step| (tick, name.clone(), step)),
                );
            }
        }
        // Making the undo step costs as much as the walk and cannot stop halfway: a key that
        // came meanwhile does not wait for it.
        if users >= INTERRUPT_EVERY && interrupt() {
            return Err(Error::Interrupted);
        }
        self.scenario_mut().clock.set(to);
        Ok(Some(Report::Clients(Box::new(ClientsReport::Moved {
            from,
            to,
            traffic: Box::new(report),
        }))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beats_are_the_multiples_passed_and_only_the_last_ten_are_simulated() {
        assert_eq!(beats(0, 59, 60), (0, vec![]));
        assert_eq!(beats(0, 60, 60), (1, vec![60]));
        assert_eq!(beats(60, 60, 60), (0, vec![]));
        assert_eq!(beats(59, 181, 60), (3, vec![60, 120, 180]));
        let (count, ticks) = beats(0, 86_400, 60);
        assert_eq!(count, 1440);
        assert_eq!(ticks.len(), 10);
        assert_eq!(ticks.first(), Some(&85_860));
        assert_eq!(ticks.last(), Some(&86_400));
        assert_eq!(beats(100, 50, 60), (0, vec![]));
        assert_eq!(beats(0, u64::MAX, 1).0, u64::MAX);
    }
}
