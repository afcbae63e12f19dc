//! Driving a demo: play and pause, undo and redo, refresh all, the boundary switch and the
//! theme. The event loop owns the play deadline; here a [`Action::Tick`](super::Action::Tick)
//! only moves the clock, so all of this is testable without a terminal.

use super::{App, Mode};
use crate::domain::Op;
use std::time::Duration;

/// Time between ticks while playing, slowest first: ½, 1, 2, 4 and 8 steps a second.
pub const PLAY_INTERVALS_MS: [u64; 5] = [2000, 1000, 500, 250, 125];
/// 2 steps a second.
pub(super) const DEFAULT_PLAY_RATE: usize = 2;

impl App {
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// How long to wait between ticks; `None` while paused, or while a prompt or the help is
    /// open (then the event loop blocks on input and uses no CPU).
    pub fn tick_interval(&self) -> Option<Duration> {
        (self.playing && !self.play_waits())
            .then(|| Duration::from_millis(PLAY_INTERVALS_MS[self.play_rate]))
    }

    /// Whether play waits: while anything is open over the table (the help, the whole log, a
    /// question while the class thinks, a prompt, which also pauses), the clock stays where it
    /// is and goes on when it closes.
    pub(super) fn play_waits(&self) -> bool {
        self.mode != Mode::Table
    }

    /// Steps a second while playing, e.g. `2` or `0.5`.
    pub fn play_rate(&self) -> String {
        (1000.0 / PLAY_INTERVALS_MS[self.play_rate] as f64).to_string()
    }

    /// The play rate for the log, e.g. `2 steps/s`.
    fn play_rate_label(&self) -> String {
        match self.play_rate().as_str() {
            "1" => "1 step/s".to_owned(),
            rate => format!("{rate} steps/s"),
        }
    }

    pub(super) fn toggle_play(&mut self) {
        if self.playing {
            self.pause("");
        } else {
            self.playing = true;
            self.ticked_this_run = false;
            let line = format!("play: +{} at {}", self.step(), self.play_rate_label());
            self.push_log(line);
        }
    }

    /// Stops playing (if it was), saying why when `why` is not empty.
    pub(super) fn pause(&mut self, why: &str) {
        if self.playing {
            self.playing = false;
            let why = if why.is_empty() {
                String::new()
            } else {
                format!(" ({why})")
            };
            let line = format!("pause{why}");
            self.push_log(line);
        }
    }

    /// One beat of play: the clock moves by the step. Ticks are not logged one by one (a log
    /// line twice a second would bury everything else); play and pause are. A run of ticks is
    /// one undo step, so `u` goes back to where play started.
    pub(super) fn tick(&mut self) {
        if !self.playing || self.quiz_asks(&Op::Advance(self.step())) {
            return;
        }
        self.forget_hand();
        let from = self.scenario().now();
        let report = if self.ticked_this_run {
            self.session.advance_continuing(self.step())
        } else {
            self.ticked_this_run = true;
            self.session.apply(&Op::Advance(self.step())).ok()
        };
        // Traffic's refreshes and failures are said as they happen; plain ticks are not.
        if let Some(crate::domain::Report::Clients(r)) = &report {
            self.log_clients(r);
        }
        let to = self.scenario().now();
        // Each tick is an operation in the transcript, as `advance` in a script (worded only
        // when there is a transcript: ticks come twice a second).
        if self.transcript.is_some() {
            let command = format!("advance {}", self.step());
            self.record(from, &command, &format!("time is {to}"));
        }
        if to == from {
            self.pause("the clock is at its maximum");
        }
    }

    pub(super) fn change_play_rate(&mut self, index: usize) {
        let from = self.play_rate_label();
        self.play_rate = index.min(PLAY_INTERVALS_MS.len() - 1);
        let to = self.play_rate_label();
        let line = if from == to {
            format!("play rate stays at {to}")
        } else {
            format!("play rate {from} → {to}")
        };
        self.push_log(line);
    }

    pub(super) fn toggle_theme(&mut self) {
        self.high_contrast = !self.high_contrast;
        let name = if self.high_contrast {
            "high contrast"
        } else {
            "default"
        };
        let no_colour = if self.colours {
            ""
        } else {
            " (no colours: NO_COLOR is set)"
        };
        let line = format!("theme: {name}{no_colour}");
        self.push_log(line);
    }
}
