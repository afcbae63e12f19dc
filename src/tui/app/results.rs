//! The results the app keeps: the log (with clock moves folded into one line), its scrolling
//! and the whole-log view, the help overlay's scrolling, and the transcript lines.

use super::{App, LOG_LIMIT, Mode};
use crate::domain::text;
use crate::tui::action::Action;
use crate::tui::geometry::help;
use crate::words;
use std::collections::VecDeque;

impl App {
    pub fn log(&self) -> &VecDeque<String> {
        &self.log
    }

    /// How many of the newest log lines are scrolled past (0: the newest is in view).
    pub fn log_scroll(&self) -> usize {
        self.log_scroll
    }

    pub fn last_result(&self) -> Option<&str> {
        self.log.back().map(String::as_str)
    }

    /// Adds a line to the log from outside `update` (e.g. the event loop's own errors).
    pub fn note(&mut self, line: String) {
        self.push_log(line);
    }

    /// The app with a transcript: every operation is also kept as a transcript line, for the
    /// event loop to write (see [`App::take_transcript`]).
    pub fn with_transcript(mut self) -> Self {
        self.transcript = Some(Vec::new());
        self
    }

    /// The transcript lines since the last call, oldest first (none without a transcript).
    pub fn take_transcript(&mut self) -> Vec<String> {
        self.transcript
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Stops keeping transcript lines (the file could not be written).
    pub fn close_transcript(&mut self) {
        self.transcript = None;
    }

    /// Keeps `t=STARTED COMMAND → OUTCOME` for the transcript, if there is one.
    pub(super) fn record(&mut self, started: u64, command: &str, outcome: &str) {
        if let Some(lines) = self.transcript.as_mut() {
            lines.push(format!("t={started} {command} → {outcome}"));
        }
    }

    /// A key while the help is open: only closing it, scrolling it and quitting act. Events
    /// never come here (`App::update_event` takes them), so the `_` arm is keys only.
    pub(super) fn update_help(&mut self, key: Action, scroll: usize) {
        let (width, height) = self.size;
        let page = help::page(width, height, self.model_on());
        let to = match key {
            Action::NextUser => scroll.saturating_add(1),
            Action::PreviousUser => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::FirstUser => 0,
            Action::LastUser => usize::MAX,
            Action::ToggleHelp | Action::Cancel => {
                self.mode = Mode::Table;
                return;
            }
            Action::Quit => return self.request_quit(),
            _ => scroll,
        };
        self.scroll_help(to);
    }

    /// Scrolls the open help to show row `to` first, as far as it goes.
    pub(super) fn scroll_help(&mut self, to: usize) {
        let (width, height) = self.size;
        let model_on = self.model_on();
        if let Mode::Help { scroll } = &mut self.mode {
            *scroll = to.min(help::max_scroll(width, height, model_on));
        }
    }

    /// A key while the whole log is open: the arrows and the page keys scroll it; `L` or `Esc`
    /// closes it. Events (the wheel among them) never come here (`App::update_event` takes
    /// them), so the `_` arm is keys only.
    pub(super) fn update_log(&mut self, key: Action) {
        let page = usize::from(self.size.1.saturating_sub(2)).max(1);
        let to = match key {
            Action::NextUser => self.log_scroll.saturating_add(1),
            Action::PreviousUser => self.log_scroll.saturating_sub(1),
            Action::PageDown => self.log_scroll.saturating_add(page),
            Action::PageUp => self.log_scroll.saturating_sub(page),
            Action::FirstUser => 0,
            Action::LastUser => usize::MAX,
            Action::ToggleLog | Action::Cancel => {
                self.mode = Mode::Table;
                return;
            }
            Action::Quit => return self.request_quit(),
            _ => return,
        };
        self.scroll_log(to);
    }

    /// Scrolls the results past `to` of the newest lines (the oldest line stays in view).
    pub(super) fn scroll_log(&mut self, to: usize) {
        self.log_scroll = to.min(self.log.len().saturating_sub(1));
    }

    /// Logs a clock move; right after another, the two are one line: `clock 120 → 150 (3 steps)`.
    pub(super) fn push_clock_move(&mut self, from: u64, to: u64) {
        let (start, steps) = match self.clock_run {
            Some((start, steps)) => {
                self.log.pop_back();
                (start, steps + 1)
            }
            None => (from, 1),
        };
        self.push_log(words::clock_run_log(start, to, steps));
        self.clock_run = Some((start, steps));
    }

    /// Adds a result line, with the clock in front (`t=120 ...`). Anything that could act on a
    /// terminal is dropped here, whatever the line is made of (a path, an OS error). The results
    /// scroll back to it.
    pub(super) fn push_log(&mut self, line: String) {
        self.clock_run = None;
        self.log_scroll = 0;
        if self.log.len() == LOG_LIMIT {
            self.log.pop_front();
        }
        let now = self.scenario().now();
        self.log
            .push_back(format!("t={now} {}", text::sanitize(&line)));
    }
}
