//! Prompts and edits: set the time, add, delete, change an expiry, save. Every change goes
//! through the session, so each is one undo step; bad text is refused by the domain and the
//! reason shown in the prompt.

use super::error::AppError;
use super::policy_menu::policy_change;
use super::prompt::{Prompt, PromptKind};
use super::{App, Mode};
use crate::domain::text::{self, is_unsafe, sanitize};
use crate::domain::{Error, Op, edits};
use crate::files::replace::same_file;
use crate::lesson::save::{LessonSaveError, Steps};
use crate::tui::action::Action;
use crate::tui::save_job::{SaveDone, SaveJob};
use std::path::{Path, PathBuf};

/// From how many users a save runs off the key path (a smaller one takes a few milliseconds and
/// is saved at once, as a script saves).
pub const BACKGROUND_SAVE_USERS: usize = 1000;

/// A save running off the key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Saving {
    pub(super) path: PathBuf,
    /// `q` or `Ctrl-C` came while it ran: quit once it is done.
    pub(super) quit_after: bool,
}

impl App {
    /// A key while a prompt is open: typed text edits it, `Enter` applies, `Esc` closes it.
    /// Events never come here (`App::update_event` takes them), so the `_` arms are keys only.
    pub(super) fn update_prompt(&mut self, key: Action) {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return;
        };
        if matches!(prompt.kind(), PromptKind::PolicyMenu { .. }) {
            return self.update_policy_menu(key);
        }
        if matches!(prompt.kind(), PromptKind::ClientsMenu { .. }) {
            return self.update_clients_menu(key);
        }
        if prompt.is_confirmation() {
            match key {
                Action::PromptChar('y' | 'Y') => self.confirm(),
                Action::Quit => self.quit = true,
                // Any other key: nothing is deleted, replaced or quit.
                _ => self.cancel_confirmation(),
            }
            return;
        }
        match key {
            Action::PromptChar(ch) => prompt.type_char(ch),
            Action::PromptBackspace => prompt.backspace(),
            Action::PromptSubmit => self.submit(),
            Action::Cancel => self.mode = Mode::Table,
            Action::Quit => self.quit = true,
            // Another key (the event loop hands a prompt only these): the prompt stays open.
            _ => {}
        }
    }

    /// Whether users or the policy were edited since the scenario was loaded or last saved
    /// (refreshes and clock moves are not edits): then `q` asks before quitting.
    pub fn has_edits(&self) -> bool {
        let baseline = self.saved.as_deref().or_else(|| self.session.initial());
        baseline.is_some_and(|b| edits::edited_since(b, self.scenario()))
    }

    /// `q`: quits, or asks first when quitting would lose edits.
    pub(super) fn request_quit(&mut self) {
        if self.has_edits() {
            self.open_prompt(Prompt::new(PromptKind::ConfirmQuit));
        } else {
            self.quit = true;
        }
    }

    /// A paste with no prompt open: read as keys it could delete users or overwrite a file, so
    /// it only says it was ignored.
    pub(super) fn ignore_paste(&mut self, text: &str) {
        let chars = text.chars().count();
        self.push_log(format!(
            "paste ignored: {chars} character{} (a paste only goes into an open prompt)",
            if chars == 1 { "" } else { "s" }
        ));
    }

    pub(super) fn open_prompt(&mut self, prompt: Prompt) {
        self.pause("a prompt is open");
        self.mode = Mode::Prompt(prompt);
    }

    /// A key that is not one of a menu's: `q` quits as ever, any other closes the menu. Events
    /// never come here (`App::update_event` takes them), so the `_` arm is keys only.
    pub(super) fn not_a_menu_key(&mut self, key: Action) {
        match key {
            Action::Quit => self.quit = true,
            _ => self.mode = Mode::Table,
        }
    }

    pub(super) fn open_set_time(&mut self) {
        self.open_prompt(Prompt::new(PromptKind::SetTime));
    }

    pub(super) fn open_add_user(&mut self) {
        self.open_prompt(Prompt::new(PromptKind::AddName));
    }

    pub(super) fn open_delete(&mut self) {
        if let Some(name) = self.selected_name("delete") {
            self.open_prompt(Prompt::new(PromptKind::ConfirmDelete { name }));
        }
    }

    /// Opens empty, with the current expiry in the title: what is typed replaces it.
    pub(super) fn open_edit_expiry(&mut self) {
        let Some(name) = self.selected_name("edit") else {
            return;
        };
        let Some(current) = self.scenario().tokens.get(&name).map(|t| t.expiry) else {
            return;
        };
        self.open_prompt(Prompt::new(PromptKind::Expiry { name, current }));
    }

    /// `w`: asks where to save, offering the `--scenario` file (or the last place saved to), so
    /// a teacher sees which file is about to be replaced and confirms it with `Enter`.
    pub(super) fn save(&mut self) {
        if self.refuse_second_save() {
            return;
        }
        let offered = self
            .scenario_path
            .as_deref()
            .and_then(Path::to_str)
            .filter(|path| !path.chars().any(is_unsafe))
            .map(str::to_owned);
        match (offered, self.scenario_path.clone()) {
            (Some(path), _) => self.open_prompt(Prompt::with_input(PromptKind::SavePath, path)),
            // A path that cannot be shown as typed text is saved to as it is, with the result
            // (saved or not) in the log.
            (None, Some(path)) => {
                if let Ok(Some(next)) = self.save_to(path) {
                    self.mode = Mode::Prompt(next);
                }
            }
            (None, None) => self.open_prompt(Prompt::new(PromptKind::SavePath)),
        }
    }

    /// Saves and logs the result; returns the error message when it failed. After a save the
    /// path is the scenario's own file: the next `w` offers it, and saves over it unasked.
    /// During a lesson the file gets the steps not done yet; when one of them cannot run on the
    /// state now, nothing is written and the prompt returned offers a save without the steps.
    fn save_to(&mut self, path: PathBuf) -> Result<Option<Prompt>, AppError> {
        let (steps, first) = match &self.guiding.lesson {
            Some(progress) => {
                // Only a lesson's template is read for its steps: parsing a big scenario's
                // text once more would cost a second at 100,000 users.
                let template = self.session.template();
                let in_template = template.map_or(0, crate::lesson::save::step_count);
                let left = progress.steps_left().len();
                (
                    Steps::From(in_template.saturating_sub(left)),
                    progress.lesson.steps.len() - left + 1,
                )
            }
            None => (Steps::From(0), 1),
        };
        self.save_with(path, steps, first)
    }

    /// Starts the save: a small scenario is saved here and now; a larger one by the event loop
    /// on a thread (see [`App::take_save_job`]), with a line saying so until
    /// [`Action::Saved`] brings the result. Either way the result is taken by
    /// [`App::finish_save`].
    fn save_with(
        &mut self,
        path: PathBuf,
        steps: Steps,
        first: usize,
    ) -> Result<Option<Prompt>, AppError> {
        let job = SaveJob {
            path,
            scenario: Box::new(self.scenario().clone()),
            template: self.session.template_read().cloned(),
            steps,
            first,
        };
        if self.user_count() < BACKGROUND_SAVE_USERS {
            return self.finish_save(job.run());
        }
        let users = self.user_count();
        self.push_log(format!(
            "saving {users} user{} to {}…",
            if users == 1 { "" } else { "s" },
            job.path.display()
        ));
        self.saving = Some(Saving {
            path: job.path.clone(),
            quit_after: false,
        });
        self.save_job = Some(job);
        Ok(None)
    }

    /// The save that should run off the key path, for the event loop to start (once).
    pub fn take_save_job(&mut self) -> Option<SaveJob> {
        self.save_job.take()
    }

    /// Where the save that runs is writing, while one runs.
    pub fn saving_to(&self) -> Option<&Path> {
        self.saving.as_ref().map(|saving| saving.path.as_path())
    }

    /// A second save while one runs: it is not started.
    fn refuse_second_save(&mut self) -> bool {
        let Some(path) = self.saving_to() else {
            return false;
        };
        let line = format!(
            "already saving to {}: w again when it is done",
            path.display()
        );
        self.push_log(line);
        true
    }

    /// `q` or `Ctrl-C` while a save runs: the app quits when it is done (`q` still asks about
    /// edits made meanwhile).
    pub(super) fn quit_after_save(&mut self, at_once: bool) {
        let Some(saving) = self.saving.as_mut() else {
            return;
        };
        saving.quit_after = true;
        let line = format!(
            "waiting for the save to {} to finish before quitting",
            saving.path.display()
        );
        self.quit |= at_once;
        self.push_log(line);
    }

    /// [`Action::Saved`]: the save that ran off the key path is done. Logged as any save; a
    /// lesson step that cannot run offers the plain save when nothing else is open.
    pub(super) fn saved_in_background(&mut self, done: SaveDone) {
        let Some(saving) = self.saving.take() else {
            return;
        };
        let next = self.finish_save(done);
        if saving.quit_after {
            if !self.quit {
                self.request_quit();
            }
        } else if let Ok(Some(next)) = next
            && self.mode == Mode::Table
        {
            self.open_prompt(next);
        }
    }

    /// Logs a save's result; returns the error when it failed. After a save the path is the
    /// scenario's own file: the next `w` offers it, and saves over it unasked. A lesson step
    /// that cannot run gives the prompt that offers a save without the steps.
    fn finish_save(&mut self, done: SaveDone) -> Result<Option<Prompt>, AppError> {
        let SaveDone { job, result } = done;
        match result {
            Ok(saved) => {
                self.session.set_template(saved);
                let now = job.scenario.now();
                self.saved = Some(job.scenario);
                let plain = if job.steps == Steps::None {
                    " (without the lesson's steps)"
                } else {
                    ""
                };
                let path = job.path;
                self.push_log(format!("saved to {}{plain}", path.display()));
                self.record(now, &format!("save {}", path.display()), "saved");
                self.scenario_path = Some(path);
                Ok(None)
            }
            Err(e) => {
                self.push_log(sanitize(&e.to_string()).into_owned());
                match &*e {
                    LessonSaveError::Step { number, .. } if job.steps != Steps::None => {
                        Ok(Some(Prompt::new(PromptKind::ConfirmNoSteps {
                            path: job.path,
                            number: *number,
                        })))
                    }
                    _ => Err(AppError::Save(e)),
                }
            }
        }
    }

    /// Takes the open prompt out of the mode (the app goes back to the table).
    fn take_prompt(&mut self) -> Option<Prompt> {
        match std::mem::take(&mut self.mode) {
            Mode::Prompt(prompt) => Some(prompt),
            other => {
                self.mode = other;
                None
            }
        }
    }

    /// `y` in a confirmation: deletes the user, or saves over the file.
    fn confirm(&mut self) {
        match self.take_prompt().map(Prompt::into_kind) {
            Some(PromptKind::ConfirmDelete { name }) => self.run_logged(Op::Remove(name)),
            Some(PromptKind::ConfirmOverwrite { path }) => {
                // The error, if any, is in the log; the prompt is closed either way.
                if let Ok(Some(next)) = self.save_to(path) {
                    self.mode = Mode::Prompt(next);
                }
            }
            Some(PromptKind::ConfirmNoSteps { path, .. }) => {
                // Logged either way.
                let _ = self.save_with(path, Steps::None, 1);
            }
            Some(PromptKind::ConfirmQuit) => self.quit = true,
            // The menus take their own keys and other prompts take `y` as text: never sent here.
            Some(
                PromptKind::SetTime
                | PromptKind::AddName
                | PromptKind::AddToken { .. }
                | PromptKind::AddExpiry { .. }
                | PromptKind::Expiry { .. }
                | PromptKind::SavePath
                | PromptKind::PolicyMenu { .. }
                | PromptKind::ClientsMenu { .. }
                | PromptKind::ClientSkew { .. }
                | PromptKind::PolicyValue { .. },
            )
            | None => {}
        }
    }

    /// Any other key (or a paste) in a confirmation or a menu: it closes, and nothing is
    /// deleted, replaced or quit.
    pub(super) fn cancel_confirmation(&mut self) {
        let line = match self.take_prompt().map(Prompt::into_kind) {
            Some(PromptKind::ConfirmDelete { name }) => format!("delete cancelled: {name} kept"),
            Some(PromptKind::ConfirmOverwrite { path }) => {
                format!("save cancelled: {} kept", path.display())
            }
            Some(PromptKind::ConfirmNoSteps { path, .. }) => {
                format!("nothing saved: {} kept as it was", path.display())
            }
            Some(PromptKind::ConfirmQuit) => "quit cancelled: w saves the edits".to_owned(),
            // The menus and the prompts that take text are never cancelled from here.
            Some(
                PromptKind::SetTime
                | PromptKind::AddName
                | PromptKind::AddToken { .. }
                | PromptKind::AddExpiry { .. }
                | PromptKind::Expiry { .. }
                | PromptKind::SavePath
                | PromptKind::PolicyMenu { .. }
                | PromptKind::ClientsMenu { .. }
                | PromptKind::ClientSkew { .. }
                | PromptKind::PolicyValue { .. },
            )
            | None => return,
        };
        self.push_log(line);
    }

    /// Whether saving to `path` replaces a file other than the scenario's own (the same file
    /// under any name counts as its own), which is asked about first.
    /// One of the files tokenclock ships (`assets/rotation.toml`) is asked about even when it is
    /// the scenario's own: one `Enter` must not overwrite a preset.
    fn replaces_another_file(&self, path: &Path) -> bool {
        let is_file = std::fs::metadata(path).is_ok_and(|m| m.is_file());
        let own = self
            .scenario_path
            .as_deref()
            .is_some_and(|own| same_file(own, path));
        is_file && (!own || crate::presets::is_shipped_file(path))
    }

    /// `Enter`: applies the prompt, moves to the next one, or keeps it open with the reason.
    fn submit(&mut self) {
        let Some(mut prompt) = self.take_prompt() else {
            return;
        };
        let input = prompt.input().to_owned();
        let next = match prompt.kind().clone() {
            PromptKind::SetTime => prompt
                .number()
                .map_err(AppError::from)
                .and_then(|to| self.run_from_prompt(Op::SetTime(to))),
            PromptKind::AddName => text::normal_name(&input)
                .map_err(AppError::from)
                .map(|name| name.into_owned())
                .and_then(|name| match self.scenario().tokens.index_of(&name) {
                    Some(_) => Err(AppError::Refused(Error::DuplicateUser(name))),
                    None => Ok(name),
                })
                .map(|name| Some(Prompt::new(PromptKind::AddToken { name }))),
            PromptKind::AddToken { name } => text::check_token(&input)
                .map_err(AppError::from)
                .map(|()| Some(Prompt::new(PromptKind::AddExpiry { name, token: input }))),
            PromptKind::AddExpiry { name, token } => {
                prompt.number().map_err(AppError::from).and_then(|expiry| {
                    self.run_from_prompt(Op::Add {
                        user: name,
                        token,
                        expiry,
                    })?;
                    self.select(self.user_count().saturating_sub(1));
                    Ok(None)
                })
            }
            PromptKind::Expiry { name, current } if input.is_empty() => {
                self.push_log(format!("expiry of {name} stays at {current}"));
                Ok(None)
            }
            PromptKind::Expiry { name, .. } => prompt
                .number()
                .map_err(AppError::from)
                .and_then(|expiry| self.run_from_prompt(Op::SetExpiry { user: name, expiry })),
            PromptKind::SavePath if input.is_empty() => Err(AppError::NoPath),
            PromptKind::SavePath => {
                let path = PathBuf::from(&input);
                if self.replaces_another_file(&path) {
                    Ok(Some(Prompt::new(PromptKind::ConfirmOverwrite { path })))
                } else {
                    self.save_to(path)
                }
            }
            PromptKind::PolicyValue {
                setting, current, ..
            } if input.is_empty() => {
                self.push_log(format!("{} stays at {current}", setting.spec().name));
                Ok(None)
            }
            PromptKind::PolicyValue { setting, user, .. } => {
                let everyone = user.is_none();
                let ran = setting
                    .parse_word(input.trim())
                    .map_err(AppError::from)
                    .and_then(|value| self.run_from_prompt(Op::Policy(policy_change(value, user))));
                if ran.is_ok() && everyone {
                    self.note_own_value(setting);
                }
                ran
            }
            PromptKind::ClientSkew {
                user,
                client,
                current,
            } if input.is_empty() => {
                self.push_log(format!("skew of {user} ({client}) stays at {current}"));
                Ok(None)
            }
            PromptKind::ClientSkew { user, client, .. } => prompt
                .offset()
                .map_err(AppError::from)
                .and_then(|skew| self.run_from_prompt(Op::Skew { user, client, skew })),
            PromptKind::ConfirmDelete { .. }
            | PromptKind::ConfirmOverwrite { .. }
            | PromptKind::ConfirmNoSteps { .. }
            | PromptKind::ConfirmQuit
            | PromptKind::PolicyMenu { .. }
            | PromptKind::ClientsMenu { .. } => Ok(None),
        };
        match next {
            Ok(Some(next)) => self.mode = Mode::Prompt(next),
            Ok(None) => {}
            Err(error) => {
                prompt.refuse(error.to_string());
                self.mode = Mode::Prompt(prompt);
            }
        }
    }

    /// Runs the operation a prompt asked for; a refusal keeps the prompt open with the reason.
    pub(super) fn run_from_prompt(&mut self, op: Op) -> Result<Option<Prompt>, AppError> {
        Ok(self.run_by_hand(op).map(|_| None)?)
    }
}
