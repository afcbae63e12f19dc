//! The JWT screen (`--jwt`): real tokens on a clock that follows the wall clock. It is a kind
//! of app of its own: while it is open, `App::update` hands every action here. The event loop
//! owns the wall clock and sends [`Action::WallClock`] once a second while the screen is live.

use super::{App, MODEL_STEPS};
use crate::jwt::Entry;
use crate::jwt::libraries::Leeways;
use crate::jwt::script::moved;
use crate::jwt::words;
use crate::tui::action::Action;

/// The step `]` starts at: one minute.
const DEFAULT_STEP: usize = 2;

/// What `?` says on this screen.
const KEYS: &str = "↓↑ token  →← move the clock by the step  ][ step  Space freeze / follow the wall clock  q quit";

/// The tokens, the selected one and the clock.
#[derive(Debug, Clone, PartialEq)]
pub struct JwtScreen {
    entries: Vec<Entry>,
    /// Leeways configured with `--leeway`; the other libraries use their default.
    leeways: Leeways,
    selected: usize,
    /// The clock, Unix seconds.
    now: u64,
    /// Following the wall clock (`Space` freezes it; a clock key freezes it too).
    live: bool,
    /// Index into [`MODEL_STEPS`] (1 s, 10 s, 1 m, 5 m, 1 h, 1 d).
    step: usize,
    /// What the last key did, when it says something the screen does not show.
    note: Option<String>,
}

impl JwtScreen {
    /// The screen on `entries` at `now`, following the wall clock when `live`.
    pub fn new(entries: Vec<Entry>, now: u64, live: bool) -> Self {
        Self {
            entries,
            leeways: Leeways::default(),
            selected: 0,
            now,
            live,
            step: DEFAULT_STEP,
            note: None,
        }
    }

    /// The screen judging with these configured leeways.
    pub fn with_leeways(mut self, leeways: Leeways) -> Self {
        self.leeways = leeways;
        self
    }

    pub fn leeways(&self) -> &Leeways {
        &self.leeways
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }

    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn is_live(&self) -> bool {
        self.live
    }

    /// The clock step in seconds.
    pub fn step(&self) -> u64 {
        MODEL_STEPS[self.step.min(MODEL_STEPS.len() - 1)]
    }

    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    fn select(&mut self, index: usize) {
        self.selected = index.min(self.entries.len().saturating_sub(1));
    }

    /// Moves the clock by `seconds` and freezes it there.
    fn scrub(&mut self, seconds: i64) {
        let from = self.now;
        self.now = moved(self.now, seconds);
        self.live = false;
        self.note = Some(format!(
            "clock {} → {} (frozen; Space follows the wall clock again)",
            words::date_time(from),
            words::date_time(self.now)
        ));
    }

    fn change_step(&mut self, index: usize) {
        let from = self.step();
        self.step = index.min(MODEL_STEPS.len() - 1);
        self.note = Some(format!(
            "step {} → {}",
            words::duration(from),
            words::duration(self.step())
        ));
    }

    fn toggle_live(&mut self) {
        self.live = !self.live;
        self.note = Some(if self.live {
            "following the wall clock".to_owned()
        } else {
            format!("frozen at {}", words::date_time(self.now))
        });
    }
}

impl App {
    /// The app showing the JWT screen instead of the lesson.
    pub fn with_jwt(mut self, screen: JwtScreen) -> Self {
        self.jwt = Some(Box::new(screen));
        self
    }

    pub fn jwt(&self) -> Option<&JwtScreen> {
        self.jwt.as_deref()
    }

    /// Whether the event loop should send the wall clock once a second.
    pub fn follows_wall_clock(&self) -> bool {
        self.jwt.as_ref().is_some_and(|jwt| jwt.live)
    }

    /// Every action while the JWT screen is open.
    pub(super) fn update_jwt(&mut self, action: Action) {
        let Some(jwt) = self.jwt.as_mut() else {
            return;
        };
        let step = i64::try_from(jwt.step()).unwrap_or(i64::MAX);
        match action {
            Action::NextUser | Action::ScrollDown(_) | Action::PageDown => {
                jwt.select(jwt.selected.saturating_add(1));
            }
            Action::PreviousUser | Action::ScrollUp(_) | Action::PageUp => {
                jwt.select(jwt.selected.saturating_sub(1));
            }
            Action::FirstUser => jwt.select(0),
            Action::LastUser => jwt.select(usize::MAX),
            Action::Advance => jwt.scrub(step),
            Action::Rewind => jwt.scrub(-step),
            Action::LargerStep => jwt.change_step(jwt.step.saturating_add(1)),
            Action::SmallerStep => jwt.change_step(jwt.step.saturating_sub(1)),
            Action::TogglePlay => jwt.toggle_live(),
            Action::WallClock(now) => {
                if jwt.live {
                    jwt.now = now;
                }
            }
            Action::Cancel => jwt.note = Some("q quits".to_owned()),
            Action::ToggleHelp => jwt.note = Some(KEYS.to_owned()),
            Action::Quit | Action::QuitNow => self.quit = true,
            Action::ToggleTheme => self.toggle_theme(),
            Action::Resize { width, height } => self.size = (width, height),
            // The lesson's and the model's operations, prompts and menus have nothing to act
            // on here; the event loop handles Suspend.
            // A click is placed by the lesson's layout: it selects nothing here (the wheel does).
            Action::ClickRow(_)
            | Action::Saved(_)
            | Action::Run(_)
            | Action::Command(_)
            | Action::Tick
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
            | Action::NextStep
            | Action::PreviousStep
            | Action::Answer(_)
            | Action::ToggleQuiz
            | Action::PromptChar(_)
            | Action::PromptBackspace
            | Action::PromptSubmit
            | Action::ToggleLog
            | Action::LogOlder(_)
            | Action::LogNewer(_)
            | Action::Paste(_)
            | Action::Suspend => {}
        }
    }
}
