//! The app's state and `App::update`: pure state change, no terminal, so every key's effect can
//! be tested by sending actions.

mod clients;
mod demo;
mod edit;
pub mod error;
pub mod guide;
pub mod jwt;
pub mod model;
mod operations;
mod policy_menu;
pub mod prompt;
mod results;

use super::action::Action;
use super::geometry::{View, Window};
use super::save_job::SaveJob;
use super::theme::Theme;
use crate::domain::oauth::ModelReport;
use crate::domain::settings::SettingValue;
use crate::domain::{Op, Outcome, PolicyChange, Scenario, Session};
pub use demo::PLAY_INTERVALS_MS;
pub use guide::{Asking, Guide, Guiding, Origin, Quiz};
use prompt::Prompt;
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
/// How many outcome lines of one operation are kept for the lesson panel (refresh all of a
/// million users keeps the first few).
const LINES_KEPT: usize = 8;

/// What takes the keys: the table (the app itself), an open prompt (or menu, or confirmation),
/// the help or the whole log. The app is in exactly one mode at a time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Table,
    /// A prompt (set time, add user, ..., or a confirmation) takes typed characters first.
    Prompt(Prompt),
    /// The help overlay, scrolled to show `scroll` as its first row.
    Help { scroll: usize },
    /// A question the class answers before its operation runs (a lesson's step, or the quiz).
    Question(Box<Asking>),
    /// The whole log, scrolled by [`App::log_scroll`].
    Log,
}

#[derive(Debug, Clone)]
pub struct App {
    /// The lesson's clock, tokens and policy, with undo history.
    session: Session,
    /// Where the scenario came from (`--scenario`), for saving.
    scenario_path: Option<PathBuf>,
    /// Index (in file order) of the selected user; 0 when there are none.
    selected: usize,
    /// Which of the selected user's clients the clients menu acts on (an index, wrapped).
    client: usize,
    /// Index of the first user shown in the table when it was last moved; the view is
    /// [`App::window`], computed from it by the layout.
    offset: usize,
    /// Index into [`STEPS`].
    step: usize,
    /// Result lines, newest last, at most [`LOG_LIMIT`].
    log: VecDeque<String>,
    /// How many of the newest log lines the results (and the log view) are scrolled past.
    log_scroll: usize,
    /// When the newest log line is a run of clock moves: where the run started and how many
    /// moves it has, so the next move extends that line (`clock 120 → 150 (3 steps)`).
    clock_run: Option<(u64, u64)>,
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
    /// The last operation's outcome lines, as the scripted mode prints them (at most
    /// [`LINES_KEPT`]).
    ran_lines: Vec<String>,
    /// The lesson being walked and the quiz.
    guiding: Guiding,
    /// Transcript lines not yet written, in the scripted transcript's format (`t=` the clock when
    /// the operation started, `command → outcome`); `None` when there is no transcript. The
    /// event loop takes them after each action.
    transcript: Option<Vec<String>>,
    /// The scenario as last saved, which `q` compares with; `None` until a save (then the
    /// session's scenario as loaded counts).
    saved: Option<Box<Scenario>>,
    /// The JWT screen (`--jwt`), which takes every action while it is open.
    jwt: Option<Box<jwt::JwtScreen>>,
    /// The save running off the key path, if one runs.
    saving: Option<edit::Saving>,
    /// The save the event loop is to start (taken by [`App::take_save_job`]).
    save_job: Option<SaveJob>,
    /// Asked to quit (the app quits once no save runs).
    quit: bool,
    /// Whether any user has declared clients, found again after each operation (a move of the
    /// clock, play's included, never changes it).
    has_clients: bool,
}

/// The mouse wheel, by this many rows.
#[derive(Debug, Clone, Copy)]
enum Wheel {
    Down(usize),
    Up(usize),
}

/// Whether the why panel keeps explaining the last run after this action on the table's screen
/// (it does after what only changes the view or the app's own settings; an action that selects
/// another user, runs something or opens something starts afresh).
fn keeps_last_run(action: &Action) -> bool {
    match action {
        // The view, the terminal and the app's own settings: what ran is still what ran.
        Action::Resize { .. }
        | Action::ScrollDown(_)
        | Action::ScrollUp(_)
        | Action::ToggleHelp
        | Action::ToggleTheme
        | Action::ToggleLog
        | Action::LogOlder(_)
        | Action::LogNewer(_)
        | Action::LargerStep
        | Action::SmallerStep
        | Action::SlowerPlay
        | Action::FasterPlay
        | Action::ToggleQuiz => true,
        // Events that change nothing on the table's screen, or only the results.
        Action::WallClock(_) | Action::Suspend | Action::Paste(_) | Action::Saved(_) => true,
        // A play tick moves the clock as `→` does, but play is watched: the panel stays until
        // a key replaces it.
        Action::Tick => true,
        // `Esc` on the table only says how to quit; a key only a prompt or a question takes
        // does nothing here.
        Action::Cancel
        | Action::Answer(_)
        | Action::PromptChar(_)
        | Action::PromptBackspace
        | Action::PromptSubmit => true,
        // Another user selected: the panel explained the one before.
        Action::NextUser
        | Action::PreviousUser
        | Action::FirstUser
        | Action::LastUser
        | Action::PageDown
        | Action::PageUp
        | Action::ClickRow(_) => false,
        // Something runs (and says what ran, if it runs `refresh_token`), or starts to.
        Action::Command(_)
        | Action::Run(_)
        | Action::Advance
        | Action::Rewind
        | Action::TogglePlay
        | Action::ToggleBoundary
        | Action::NextStep
        | Action::PreviousStep => false,
        // A prompt, a menu or a question opens, or the app quits.
        Action::SetTime
        | Action::PolicyMenu
        | Action::ClientsMenu
        | Action::AddUser
        | Action::DeleteUser
        | Action::EditExpiry
        | Action::Save
        | Action::Quit
        | Action::QuitNow => false,
    }
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
    /// A race or a call by clients, for one user (the why panel explains it step by step).
    Round {
        index: usize,
        round: Box<crate::domain::clients::Round>,
    },
}

impl App {
    pub fn new(session: Session, scenario_path: Option<PathBuf>) -> Self {
        Self {
            has_clients: session.scenario().has_clients(),
            session,
            scenario_path,
            selected: 0,
            client: 0,
            offset: 0,
            step: DEFAULT_STEP,
            log: VecDeque::new(),
            log_scroll: 0,
            clock_run: None,
            last_run: LastRun::Nobody,
            mode: Mode::Table,
            size: (0, 0),
            playing: false,
            ticked_this_run: false,
            play_rate: demo::DEFAULT_PLAY_RATE,
            high_contrast: false,
            colours: true,
            ran_lines: Vec::new(),
            guiding: Guiding::default(),
            transcript: None,
            saved: None,
            jwt: None,
            saving: None,
            save_job: None,
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

    /// What decides which users the table shows, from what the app owns: the terminal's size
    /// as last given, how many users, whether a lesson panel is on (see [`View`]).
    pub fn view(&self) -> View {
        let (width, height) = self.size;
        View {
            width,
            height,
            users: self.user_count(),
            lesson: self.explains(),
        }
    }

    /// How many users PgDn and PgUp move by: the users in view at the current terminal size
    /// (at least one, so paging and scrolling always move).
    pub fn visible_rows(&self) -> usize {
        self.view().page()
    }

    /// The users the table shows (the layout's window; one, the selected, when the terminal is
    /// too small to show the app).
    pub fn window(&self) -> Window {
        self.view().window(self.selected, self.offset)
    }

    pub fn step(&self) -> u64 {
        let steps = self.steps();
        steps[self.step.min(steps.len() - 1)]
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
            LastRun::Round { index: i, round } => {
                *i == index
                    && round.steps.iter().any(|s| {
                        matches!(s, crate::domain::clients::ClientStep::Refresh { server, lost: false, .. } if server.issued().is_some())
                    })
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
            LastRun::Model { .. } | LastRun::Round { .. } | LastRun::Nobody => false,
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

    /// Whether the app is done: asked to quit, and no save runs.
    pub fn should_quit(&self) -> bool {
        self.quit && self.saving.is_none()
    }

    fn user_count(&self) -> usize {
        self.scenario().tokens.len()
    }

    pub fn update(&mut self, action: Action) {
        if self.jwt.is_some() {
            return self.update_jwt(action);
        }
        if self.mode == Mode::Table && !keeps_last_run(&action) {
            self.last_run = LastRun::Nobody;
        }
        let Some(key) = self.update_event(action) else {
            return;
        };
        match self.mode {
            Mode::Prompt(_) => self.update_prompt(key),
            Mode::Help { scroll } => self.update_help(key, scroll),
            Mode::Question(_) => self.update_question(key),
            Mode::Log => self.update_log(key),
            Mode::Table => self.update_table(key),
        }
    }

    /// Events (the play clock, the wall clock, the terminal, the mouse, a paste, a finished
    /// save) and the keys that mean the same whatever is open (`Ctrl-C`; `q` while a save runs),
    /// each decided here for every mode; any other key is handed back for the open mode. One
    /// match over every action, so a new one must be given a meaning here.
    fn update_event(&mut self, action: Action) -> Option<Action> {
        match action {
            // Play waits while anything is open over the table (the event loop sends no ticks
            // then, see `tick_interval`): the class sees every step the clock takes.
            Action::Tick if self.play_waits() => {}
            Action::Tick => self.tick(),
            // Only the JWT screen follows the wall clock.
            Action::WallClock(_) => {}
            Action::Resize { width, height } => self.resize(width, height),
            // A save that ran off the key path: its result is taken whatever is open.
            Action::Saved(done) => self.saved_in_background(*done),
            // The event loop stops the app; on `fg` the same screen comes back, whatever was
            // open stays open.
            Action::Suspend => {}
            Action::Paste(text) => self.paste(&text),
            Action::ScrollDown(rows) => self.wheel(Wheel::Down(rows), false),
            Action::ScrollUp(rows) => self.wheel(Wheel::Up(rows), false),
            Action::LogOlder(rows) => self.wheel(Wheel::Down(rows), true),
            Action::LogNewer(rows) => self.wheel(Wheel::Up(rows), true),
            Action::ClickRow(row) => self.click(row),
            // `Ctrl-C` quits at once, whatever is open (after a running save).
            Action::QuitNow if self.saving.is_some() => self.quit_after_save(true),
            Action::QuitNow => self.quit = true,
            // `q` while a save runs: quitting waits for it, whatever is open.
            Action::Quit if self.saving.is_some() => self.quit_after_save(false),
            key @ (Action::Quit
            | Action::Command(_)
            | Action::Run(_)
            | Action::NextUser
            | Action::PreviousUser
            | Action::FirstUser
            | Action::LastUser
            | Action::PageDown
            | Action::PageUp
            | Action::Advance
            | Action::Rewind
            | Action::LargerStep
            | Action::SmallerStep
            | Action::ToggleHelp
            | Action::TogglePlay
            | Action::SlowerPlay
            | Action::FasterPlay
            | Action::SetTime
            | Action::ToggleBoundary
            | Action::PolicyMenu
            | Action::ClientsMenu
            | Action::AddUser
            | Action::DeleteUser
            | Action::EditExpiry
            | Action::Save
            | Action::ToggleTheme
            | Action::NextStep
            | Action::PreviousStep
            | Action::Answer(_)
            | Action::ToggleQuiz
            | Action::PromptChar(_)
            | Action::PromptBackspace
            | Action::PromptSubmit
            | Action::Cancel
            | Action::ToggleLog) => return Some(key),
        }
        None
    }

    /// A paste is text, never keys: typed into a prompt that takes text; a menu or a
    /// confirmation is closed by it as by any key that is not one of its own (nothing is
    /// confirmed); anywhere else only the log says it was ignored.
    fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Prompt(prompt) if prompt.is_confirmation() => self.cancel_confirmation(),
            Mode::Prompt(prompt) => prompt.paste(text),
            Mode::Table | Mode::Help { .. } | Mode::Question(_) | Mode::Log => {
                self.ignore_paste(text)
            }
        }
    }

    /// The mouse wheel (`over_results`: over the results on the table's screen): the help and
    /// the whole log scroll wherever the pointer is; on the table's screen the results or the
    /// table scroll. Under a prompt or a question (about the selected user) nothing moves.
    fn wheel(&mut self, wheel: Wheel, over_results: bool) {
        let by = |at: usize| match wheel {
            Wheel::Down(rows) => at.saturating_add(rows),
            Wheel::Up(rows) => at.saturating_sub(rows),
        };
        match self.mode {
            Mode::Help { scroll } => self.scroll_help(by(scroll)),
            Mode::Log => self.scroll_log(by(self.log_scroll)),
            Mode::Table if over_results => self.scroll_log(by(self.log_scroll)),
            Mode::Table => self.scroll_to(by(self.offset)),
            Mode::Prompt(_) | Mode::Question(_) => {}
        }
    }

    /// A click on the n-th row shown selects that user on the table's screen; the help and the
    /// whole log hide the table, and a prompt or a question stays on the user it is about.
    fn click(&mut self, row: usize) {
        match self.mode {
            Mode::Table => {
                let view = self.window();
                if row < view.count {
                    self.select(view.first + row);
                }
            }
            Mode::Prompt(_) | Mode::Help { .. } | Mode::Question(_) | Mode::Log => {}
        }
    }

    /// A key with nothing open over the table.
    fn update_table(&mut self, key: Action) {
        match key {
            Action::NextUser => self.select(self.selected.saturating_add(1)),
            Action::PreviousUser => self.select(self.selected.saturating_sub(1)),
            Action::FirstUser => self.select(0),
            Action::LastUser => self.select(usize::MAX),
            // The page is the rows in view (a layout): worked out only for the keys that page.
            Action::PageDown => self.select(self.selected.saturating_add(self.visible_rows())),
            Action::PageUp => self.select(self.selected.saturating_sub(self.visible_rows())),
            Action::Command(spec) => self.run_command(spec),
            Action::Advance => self.run_logged(Op::Advance(self.step())),
            Action::Rewind => self.run_logged(Op::Rewind(self.step())),
            Action::LargerStep => self.change_step(self.step.saturating_add(1)),
            Action::SmallerStep => self.change_step(self.step.saturating_sub(1)),
            Action::ToggleHelp => self.mode = Mode::Help { scroll: 0 },
            Action::TogglePlay => self.toggle_play(),
            Action::SlowerPlay => self.change_play_rate(self.play_rate.saturating_sub(1)),
            Action::FasterPlay => self.change_play_rate(self.play_rate.saturating_add(1)),
            Action::Run(op) => self.run_logged(op),
            Action::ToggleBoundary => {
                let boundary = self.scenario().policy.boundary.toggled();
                self.run_logged(Op::Policy(PolicyChange::Set(SettingValue::Boundary(
                    boundary,
                ))));
            }
            Action::PolicyMenu => self.open_policy_menu(None),
            Action::ClientsMenu => self.open_clients_menu(),
            Action::ToggleTheme => self.toggle_theme(),
            Action::ToggleLog => self.mode = Mode::Log,
            Action::SetTime => self.open_set_time(),
            Action::AddUser => self.open_add_user(),
            Action::DeleteUser => self.open_delete(),
            Action::EditExpiry => self.open_edit_expiry(),
            Action::Save => self.save(),
            Action::NextStep => self.next_step(),
            Action::PreviousStep => self.previous_step(),
            Action::ToggleQuiz => self.toggle_quiz(),
            // Only an open question takes an answer.
            Action::Answer(_) => {}
            // Only an open prompt takes typed text.
            Action::PromptChar(_) | Action::PromptBackspace | Action::PromptSubmit => {}
            Action::Cancel => self.push_log("Esc closes prompts and the help; q quits".to_owned()),
            Action::Quit => self.request_quit(),
            // Events: taken by `update_event`, whatever is open.
            Action::Tick
            | Action::WallClock(_)
            | Action::Resize { .. }
            | Action::Saved(_)
            | Action::Suspend
            | Action::Paste(_)
            | Action::ScrollDown(_)
            | Action::ScrollUp(_)
            | Action::LogOlder(_)
            | Action::LogNewer(_)
            | Action::ClickRow(_)
            | Action::QuitNow => {}
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
        if let Mode::Help { scroll } = self.mode {
            // The help may now be shorter than where it was scrolled to.
            self.scroll_help(scroll);
        }
    }

    fn change_step(&mut self, index: usize) {
        let from = self.step();
        self.step = index.min(self.steps().len() - 1);
        let to = self.step();
        let (from, to) = (
            model::step_words(from, self.model_on()),
            model::step_words(to, self.model_on()),
        );
        let line = if from == to {
            format!("step stays at {to}")
        } else {
            format!("step {from} → {to}")
        };
        self.push_log(line);
    }
}
