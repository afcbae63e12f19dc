//! The app's state and `App::update`: pure state change, no terminal, so every key's effect can
//! be tested by sending actions.

mod demo;
mod edit;
mod model;
pub mod prompt;

use super::action::Action;
use super::geometry::{Geometry, Window};
use super::theme::Theme;
use super::ui::{help, layout};
use crate::domain::oauth::ModelReport;
use crate::domain::{Error, Op, Outcome, PolicyChange, Report, Scenario, Session, text, words};
pub use demo::PLAY_INTERVALS_MS;
use prompt::Prompt;
use ratatui::layout::Rect;
use std::collections::VecDeque;
use std::path::PathBuf;

/// The clock steps `]` and `[` go through.
pub const STEPS: [u64; 5] = [1, 5, 10, 50, 100];
/// The steps with the real-world model on, where ticks are seconds: 1 s, 10 s, 1 m, 5 m, 1 h,
/// 1 d, so a 30-day cap is a few key presses away.
pub const MODEL_STEPS: [u64; 6] = [1, 10, 60, 300, 3600, 86_400];
const DEFAULT_STEP: usize = 2;
/// How many result lines the log keeps.
pub const LOG_LIMIT: usize = 200;

/// What takes the keys: the table (the app itself), an open prompt, or the help. The app is in
/// exactly one mode at a time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Table,
    /// A prompt (set time, add user, ..., or a confirmation) takes typed characters first.
    Prompt(Prompt),
    /// The help overlay, scrolled to show `scroll` as its first row.
    Help { scroll: usize },
}

#[derive(Debug, Clone)]
pub struct App {
    /// The lesson's clock, tokens and policy, with undo history.
    session: Session,
    /// Where the scenario came from (`--scenario`), for saving.
    scenario_path: Option<PathBuf>,
    /// Index (in file order) of the selected user; 0 when there are none.
    selected: usize,
    /// Index of the first user shown in the table when it was last moved; the view is
    /// [`App::window`], computed from it by the layout.
    offset: usize,
    /// Index into [`STEPS`].
    step: usize,
    /// Result lines, newest last, at most [`LOG_LIMIT`].
    log: VecDeque<String>,
    /// Whom the last action ran `refresh_token` for, marked until the next action.
    last_run: LastRun,
    /// The table, a prompt or the help.
    mode: Mode,
    /// The terminal's width and height, for how far the help scrolls.
    size: (u16, u16),
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
    /// One user, with the outcome (and the decision in it) the why panel explains.
    One { index: usize, outcome: Outcome },
    /// Refresh all: every user was checked; these (in ascending order) got new tokens.
    All { refreshed: Vec<usize> },
    /// One of the real-world model's operations, for one user.
    Model {
        index: usize,
        report: Box<ModelReport>,
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
            mode: Mode::Table,
            size: (0, 0),
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

    /// The layout at the terminal's size, with the current selection.
    fn geometry(&self) -> Option<Geometry> {
        let (width, height) = self.size;
        layout::areas(self, Rect::new(0, 0, width, height))
    }

    /// How many users the table has rows for at the current terminal size (at least one, so
    /// paging and scrolling always move).
    pub fn visible_rows(&self) -> usize {
        self.geometry().map_or(1, |g| g.table_rows.max(1))
    }

    /// The users the table shows (the layout's window; one, the selected, when the terminal is
    /// too small to show the app).
    pub fn window(&self) -> Window {
        self.geometry().map_or_else(
            || Window::around(1, self.user_count(), self.selected, self.offset),
            |g| g.users,
        )
    }

    pub fn step(&self) -> u64 {
        let steps = self.steps();
        steps[self.step.min(steps.len() - 1)]
    }

    pub fn log(&self) -> &VecDeque<String> {
        &self.log
    }

    pub fn last_result(&self) -> Option<&str> {
        self.log.back().map(String::as_str)
    }

    /// The outcome of the refresh the last action ran for this user alone, if it did.
    pub fn last_outcome(&self, index: usize) -> Option<&Outcome> {
        match &self.last_run {
            LastRun::One { index: i, outcome } if *i == index => Some(outcome),
            _ => None,
        }
    }

    /// Whether the last action gave this user a new token (the table marks the row `↻`).
    pub fn was_just_refreshed(&self, index: usize) -> bool {
        match &self.last_run {
            LastRun::One { index: i, outcome } => outcome.is_refreshed() && *i == index,
            LastRun::All { refreshed } => refreshed.binary_search(&index).is_ok(),
            LastRun::Model { index: i, report } => {
                *i == index && matches!(**report, ModelReport::Login(_))
            }
            LastRun::Nobody => false,
        }
    }

    /// Whether the last action ran `refresh_token` for this user, whatever the outcome (the why
    /// panel shows the branch that ran).
    pub fn was_just_checked(&self, index: usize) -> bool {
        match &self.last_run {
            LastRun::One { index: i, .. } => *i == index,
            LastRun::All { .. } => true,
            LastRun::Model { .. } | LastRun::Nobody => false,
        }
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The first help row shown, when the help is open.
    pub fn help_scroll(&self) -> Option<usize> {
        match self.mode {
            Mode::Help { scroll } => Some(scroll),
            _ => None,
        }
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.mode {
            Mode::Prompt(prompt) => Some(prompt),
            _ => None,
        }
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
        match self.mode {
            Mode::Prompt(_) => return self.update_prompt(action),
            Mode::Help { scroll } => return self.update_help(action, scroll),
            Mode::Table => {}
        }
        if !matches!(
            action,
            Action::Resize { .. }
                | Action::ScrollDown(_)
                | Action::ScrollUp(_)
                | Action::ToggleHelp
                | Action::Tick
                | Action::ToggleTheme
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
            Action::Model(which) => self.model_selected(which),
            Action::Advance => self.run_logged(Op::Advance(self.step())),
            Action::Rewind => self.run_logged(Op::Rewind(self.step())),
            Action::LargerStep => self.change_step(self.step.saturating_add(1)),
            Action::SmallerStep => self.change_step(self.step.saturating_sub(1)),
            Action::ToggleHelp => self.mode = Mode::Help { scroll: 0 },
            Action::TogglePlay => self.toggle_play(),
            Action::Tick => self.tick(),
            Action::SlowerPlay => self.change_play_rate(self.play_rate.saturating_sub(1)),
            Action::FasterPlay => self.change_play_rate(self.play_rate.saturating_add(1)),
            Action::Run(op) => self.run_logged(op),
            Action::ToggleBoundary => {
                let boundary = self.scenario().policy.boundary.toggled();
                self.run_logged(Op::Policy(PolicyChange::Boundary(boundary)));
            }
            Action::ToggleTheme => self.toggle_theme(),
            Action::SetTime => self.open_set_time(),
            Action::AddUser => self.open_add_user(),
            Action::DeleteUser => self.open_delete(),
            Action::EditExpiry => self.open_edit_expiry(),
            Action::Save => self.save(),
            // Only an open prompt takes typed text.
            Action::PromptChar(_) | Action::PromptBackspace | Action::PromptSubmit => {}
            Action::Cancel | Action::Quit => self.quit = true,
            Action::ClickRow(row) => {
                let view = self.window();
                if row < view.count {
                    self.select(view.first + row);
                }
            }
            Action::ScrollDown(rows) => self.scroll_to(self.offset.saturating_add(rows)),
            Action::ScrollUp(rows) => self.scroll_to(self.offset.saturating_sub(rows)),
            Action::Resize { width, height } => self.resize(width, height),
        }
    }

    /// While the help is open only closing it, scrolling it, quitting and resizing act.
    fn update_help(&mut self, action: Action, scroll: usize) {
        let (width, height) = self.size;
        let page = help::page(width, height, self.model_on());
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
                self.mode = Mode::Table;
                return;
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
        let model_on = self.model_on();
        if let Mode::Help { scroll } = &mut self.mode {
            *scroll = to.min(help::max_scroll(width, height, model_on));
        }
    }

    /// Selects a user (clamped to the last one) and scrolls only as far as needed to show it.
    fn select(&mut self, index: usize) {
        self.selected = index.min(self.user_count().saturating_sub(1));
        self.offset = self.window().first;
    }

    /// Moves the view (the mouse wheel), keeping the selection inside it.
    fn scroll_to(&mut self, first: usize) {
        let view = Window::scrolled(self.visible_rows(), self.user_count(), first);
        self.offset = view.first;
        self.select(view.nearest(self.selected));
    }

    /// A new terminal size: as many users as fit (no empty rows below the last one after
    /// growing), with the selection still in view.
    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.offset = self.window().first;
    }

    fn refresh_selected(&mut self) {
        let Some(user) = self
            .scenario()
            .tokens
            .get_index(self.selected)
            .map(|(name, _)| name.to_owned())
        else {
            self.push_log("no user to refresh".to_owned());
            return;
        };
        self.run_logged(Op::Refresh(user));
    }

    /// Carries out an operation on the session and logs what it did, in the words every front
    /// end uses. Refreshes are remembered for the table's `↻` marks and the why panel.
    fn run(&mut self, op: Op) -> Result<(), Error> {
        if matches!(op, Op::Undo | Op::Redo | Op::Reset) {
            // A playing clock would add a step at once and lose what redo could bring back.
            self.pause("to change the history");
        }
        let mut refreshed = Vec::new();
        let mut index = 0;
        let report = self.session.execute(&op, &mut |_, outcome| {
            if outcome.is_refreshed() {
                refreshed.push(index);
            }
            index += 1;
        })?;
        self.last_run = match &report {
            Report::Refresh { user, outcome } => LastRun::One {
                index: self
                    .scenario()
                    .tokens
                    .index_of(user)
                    .unwrap_or(self.selected),
                outcome: outcome.clone(),
            },
            Report::RefreshAll { .. } => LastRun::All { refreshed },
            Report::Model { user, report } => LastRun::Model {
                index: self
                    .scenario()
                    .tokens
                    .index_of(user)
                    .unwrap_or(self.selected),
                report: Box::new(report.clone()),
            },
            _ => LastRun::Nobody,
        };
        // Undo, reset and removals can take the selected user away.
        self.select(self.selected);
        self.push_log(words::log_line(&report));
        Ok(())
    }

    /// [`App::run`] from a key: a refused operation is said in the log.
    fn run_logged(&mut self, op: Op) {
        if let Err(e) = self.run(op) {
            self.push_log(e.to_string());
        }
    }

    fn change_step(&mut self, index: usize) {
        let from = self.step();
        self.step = index.min(self.steps().len() - 1);
        let to = self.step();
        let line = if from == to {
            format!("step stays at {to}")
        } else {
            format!("step {from} → {to}")
        };
        self.push_log(line);
    }

    /// Adds a result line, with the clock in front (`t=120 ...`). Anything that could act on a
    /// terminal is dropped here, whatever the line is made of (a path, an OS error).
    fn push_log(&mut self, line: String) {
        if self.log.len() == LOG_LIMIT {
            self.log.pop_front();
        }
        let now = self.scenario().now();
        self.log
            .push_back(format!("t={now} {}", text::strip_unsafe(&line)));
        self.lines_logged += 1;
    }
}
