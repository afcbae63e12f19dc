//! The app's state and `App::update`: pure state change, no terminal, so every key's effect can
//! be tested by sending actions.

mod demo;
mod edit;
pub mod prompt;

use super::action::Action;
use super::report;
use super::theme::Theme;
use super::ui::{help, layout};
use crate::domain::{Scenario, Session, text};
pub use demo::PLAY_INTERVALS_MS;
use prompt::Prompt;
use std::collections::VecDeque;
use std::path::PathBuf;

/// The clock steps `]` and `[` go through.
pub const STEPS: [u64; 5] = [1, 5, 10, 50, 100];
const DEFAULT_STEP: usize = 2;
/// How many result lines the log keeps.
pub const LOG_LIMIT: usize = 200;

/// A panel drawn over the screen that takes the keys while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
}

#[derive(Debug, Clone)]
pub struct App {
    /// The lesson's clock, tokens and policy, with undo history.
    session: Session,
    /// Where the scenario came from (`--scenario`), for saving.
    scenario_path: Option<PathBuf>,
    /// Index (in file order) of the selected user; 0 when there are none.
    selected: usize,
    /// Index of the first user shown in the table.
    offset: usize,
    /// Index into [`STEPS`].
    step: usize,
    /// Result lines, newest last, at most [`LOG_LIMIT`].
    log: VecDeque<String>,
    /// Whom the last action ran `refresh_token` for, marked until the next action.
    last_run: LastRun,
    overlay: Option<Overlay>,
    /// The first help row shown, when the help is taller than the terminal.
    help_scroll: usize,
    /// The terminal's width and height, for how far the help scrolls.
    size: (u16, u16),
    /// The open prompt (set time, add user, ...), which takes typed characters first.
    prompt: Option<Prompt>,
    /// Whether the clock advances by itself (the event loop sends [`Action::Tick`]s).
    playing: bool,
    /// Whether this play run has ticked yet: its later ticks extend one undo step.
    ticked_this_run: bool,
    /// Index into [`PLAY_INTERVALS_MS`].
    play_rate: usize,
    high_contrast: bool,
    /// False when `NO_COLOR` is set: every theme is drawn without colours.
    colours: bool,
    /// How many lines the log has ever had, so the event loop can copy new ones to a transcript.
    lines_logged: u64,
    quit: bool,
}

/// Whom the last action ran `refresh_token` for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum LastRun {
    #[default]
    Nobody,
    One {
        index: usize,
        refreshed: bool,
    },
    /// Refresh all: every user was checked; these (in ascending order) got new tokens.
    All {
        refreshed: Vec<usize>,
    },
}

impl App {
    pub fn new(session: Session, scenario_path: Option<PathBuf>) -> Self {
        Self {
            session,
            scenario_path,
            selected: 0,
            offset: 0,
            step: DEFAULT_STEP,
            log: VecDeque::new(),
            last_run: LastRun::Nobody,
            overlay: None,
            help_scroll: 0,
            size: (0, 0),
            prompt: None,
            playing: false,
            ticked_this_run: false,
            play_rate: demo::DEFAULT_PLAY_RATE,
            high_contrast: false,
            colours: true,
            lines_logged: 0,
            quit: false,
        }
    }

    /// The app drawn without any colour (for `NO_COLOR`), in every theme.
    pub fn without_colours(mut self) -> Self {
        self.colours = false;
        self
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn scenario(&self) -> &Scenario {
        self.session.scenario()
    }

    pub fn scenario_path(&self) -> Option<&PathBuf> {
        self.scenario_path.as_ref()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many users the table shows at the current terminal size (at least one, so paging
    /// and scrolling always move).
    pub fn visible_rows(&self) -> usize {
        let (width, height) = self.size;
        layout::table_rows(width, height).max(1)
    }

    pub fn step(&self) -> u64 {
        STEPS[self.step]
    }

    pub fn log(&self) -> &VecDeque<String> {
        &self.log
    }

    pub fn last_result(&self) -> Option<&str> {
        self.log.back().map(String::as_str)
    }

    /// Whether the last action gave this user a new token (the table marks the row `↻`).
    pub fn was_just_refreshed(&self, index: usize) -> bool {
        match &self.last_run {
            LastRun::One {
                index: i,
                refreshed,
            } => *refreshed && *i == index,
            LastRun::All { refreshed } => refreshed.binary_search(&index).is_ok(),
            LastRun::Nobody => false,
        }
    }

    /// Whether the last action ran `refresh_token` for this user, whatever the outcome (the why
    /// panel shows the branch that ran).
    pub fn was_just_checked(&self, index: usize) -> bool {
        match &self.last_run {
            LastRun::One { index: i, .. } => *i == index,
            LastRun::All { .. } => true,
            LastRun::Nobody => false,
        }
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// The styles to draw with: default or high contrast, without colours under `NO_COLOR`.
    pub fn theme(&self) -> Theme {
        Theme::choose(self.high_contrast, self.colours)
    }

    pub fn is_high_contrast(&self) -> bool {
        self.high_contrast
    }

    pub fn lines_logged(&self) -> u64 {
        self.lines_logged
    }

    /// The log lines added after the log had `count` lines in all (as many as it still keeps).
    pub fn lines_since(&self, count: u64) -> impl Iterator<Item = &str> {
        let new = usize::try_from(self.lines_logged.saturating_sub(count)).unwrap_or(usize::MAX);
        let skip = self.log.len().saturating_sub(new);
        self.log.iter().skip(skip).map(String::as_str)
    }

    /// Adds a line to the log from outside `update` (e.g. the event loop's own errors).
    pub fn note(&mut self, line: String) {
        self.push_log(line);
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    fn user_count(&self) -> usize {
        self.scenario().tokens.len()
    }

    pub fn update(&mut self, action: Action) {
        if self.prompt.is_some() {
            self.update_prompt(action);
            return;
        }
        if let Action::Paste(text) = &action {
            self.ignore_paste(text);
            return;
        }
        if self.overlay.is_some() {
            self.update_overlay(action);
            return;
        }
        if !matches!(
            action,
            Action::Resize { .. }
                | Action::ScrollDown(_)
                | Action::ScrollUp(_)
                | Action::ToggleHelp
                | Action::Tick
                | Action::ToggleTheme
                | Action::Suspend
        ) {
            self.last_run = LastRun::Nobody;
        }
        let page = self.visible_rows();
        match action {
            Action::NextUser => self.select(self.selected.saturating_add(1)),
            Action::PreviousUser => self.select(self.selected.saturating_sub(1)),
            Action::FirstUser => self.select(0),
            Action::LastUser => self.select(usize::MAX),
            Action::PageDown => self.select(self.selected.saturating_add(page)),
            Action::PageUp => self.select(self.selected.saturating_sub(page)),
            Action::Refresh => self.refresh_selected(),
            Action::Advance => self.move_clock(|session, step| session.advance(step)),
            Action::Rewind => self.move_clock(|session, step| session.rewind(step)),
            Action::LargerStep => self.change_step(self.step.saturating_add(1)),
            Action::SmallerStep => self.change_step(self.step.saturating_sub(1)),
            Action::ToggleHelp => {
                self.overlay = Some(Overlay::Help);
                self.help_scroll = 0;
            }
            Action::TogglePlay => self.toggle_play(),
            Action::Tick => self.tick(),
            Action::SlowerPlay => self.change_play_rate(self.play_rate.saturating_sub(1)),
            Action::FasterPlay => self.change_play_rate(self.play_rate.saturating_add(1)),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::RefreshAll => self.refresh_all(),
            Action::ToggleBoundary => self.toggle_boundary(),
            Action::ToggleTheme => self.toggle_theme(),
            Action::SetTime => self.open_set_time(),
            Action::AddUser => self.open_add_user(),
            Action::DeleteUser => self.open_delete(),
            Action::EditExpiry => self.open_edit_expiry(),
            Action::Save => self.save(),
            // Only an open prompt takes typed text; the event loop suspends.
            Action::PromptChar(_)
            | Action::PromptBackspace
            | Action::PromptSubmit
            | Action::Paste(_)
            | Action::Suspend => {}
            Action::Cancel | Action::Quit => self.quit = true,
            Action::ClickRow(row) => {
                let index = self.offset.saturating_add(row);
                if index < self.user_count() {
                    self.select(index);
                }
            }
            Action::ScrollDown(rows) => self.scroll_to(self.offset.saturating_add(rows)),
            Action::ScrollUp(rows) => self.scroll_to(self.offset.saturating_sub(rows)),
            Action::Resize { width, height } => self.resize(width, height),
        }
    }

    /// While an overlay is open only closing it, scrolling it, quitting and resizing act.
    fn update_overlay(&mut self, action: Action) {
        let (width, height) = self.size;
        let page = help::page(width, height);
        let scroll = self.help_scroll;
        let to = match action {
            Action::NextUser => scroll.saturating_add(1),
            Action::PreviousUser => scroll.saturating_sub(1),
            Action::ScrollDown(rows) => scroll.saturating_add(rows),
            Action::ScrollUp(rows) => scroll.saturating_sub(rows),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::FirstUser => 0,
            Action::LastUser => usize::MAX,
            Action::ToggleHelp | Action::Cancel => {
                self.overlay = None;
                scroll
            }
            Action::Quit => {
                self.quit = true;
                scroll
            }
            Action::Resize { width, height } => {
                self.resize(width, height);
                scroll
            }
            _ => scroll,
        };
        let (width, height) = self.size;
        self.help_scroll = to.min(help::max_scroll(width, height));
    }

    /// Selects a user (clamped to the last one) and scrolls so it is shown.
    fn select(&mut self, index: usize) {
        self.selected = index.min(self.user_count().saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.visible_rows() {
            self.offset = self.selected + 1 - self.visible_rows();
        }
    }

    /// Moves the view, keeping the selection inside it.
    fn scroll_to(&mut self, offset: usize) {
        let last_offset = self.user_count().saturating_sub(self.visible_rows());
        self.offset = offset.min(last_offset);
        let last_visible = self.offset + self.visible_rows() - 1;
        self.selected = self.selected.clamp(self.offset, last_visible);
        self.select(self.selected);
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        // Show as many users as fit (no empty space below the last one after growing), with
        // the selection still in view.
        self.offset = self
            .offset
            .min(self.user_count().saturating_sub(self.visible_rows()));
        self.select(self.selected);
    }

    fn refresh_selected(&mut self) {
        let index = self.selected;
        let Some(user) = self
            .scenario()
            .tokens
            .get_index(index)
            .map(|(name, _)| name.to_owned())
        else {
            self.push_log("no user to refresh".to_owned());
            return;
        };
        if let Some(outcome) = self.session.refresh_at(index) {
            let line = report::refresh_line(&user, &outcome, &self.scenario().policy);
            self.last_run = LastRun::One {
                index,
                refreshed: outcome.is_refreshed(),
            };
            self.push_log(line);
        }
    }

    fn move_clock(&mut self, change: impl FnOnce(&mut Session, u64)) {
        let from = self.scenario().now();
        let step = self.step();
        change(&mut self.session, step);
        let line = report::clock_line(from, self.scenario().now());
        self.push_log(line);
    }

    fn change_step(&mut self, index: usize) {
        let from = self.step();
        self.step = index.min(STEPS.len() - 1);
        let line = report::step_line(from, self.step());
        self.push_log(line);
    }

    /// Adds a result line, with the clock in front (`t=120 ...`). Anything that could act on a
    /// terminal is escaped here, whatever the line is made of (a path, an OS error).
    fn push_log(&mut self, line: String) {
        if self.log.len() == LOG_LIMIT {
            self.log.pop_front();
        }
        let now = self.scenario().now();
        self.log
            .push_back(format!("t={now} {}", text::sanitize(&line)));
        self.lines_logged += 1;
    }
}
