//! Prompts and edits: set the time, add, delete, change an expiry, save. Every change goes
//! through the session, so each is one undo step; bad text is refused by the domain and the
//! reason shown in the prompt.

use super::App;
use super::prompt::{Prompt, PromptKind};
use crate::domain::scenario_save::save_scenario;
use crate::domain::text::{self, is_unsafe, sanitize};
use crate::tui::action::Action;
use std::path::{Path, PathBuf};

impl App {
    /// While a prompt is open: typed text edits it, `Enter` applies, `Esc` closes it.
    pub(super) fn update_prompt(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        if prompt.is_confirmation() {
            match action {
                Action::PromptChar('y' | 'Y') => self.confirm_delete(),
                Action::Quit => self.quit = true,
                Action::Resize { width, height } => self.resize(width, height),
                Action::Tick | Action::Suspend => {}
                _ => self.cancel_delete(),
            }
            return;
        }
        match action {
            Action::PromptChar(ch) => prompt.type_char(ch),
            Action::Paste(text) => prompt.paste(&text),
            Action::PromptBackspace => prompt.backspace(),
            Action::PromptSubmit => self.submit(),
            Action::Cancel => self.prompt = None,
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.resize(width, height),
            // The event loop suspends; the prompt stays open.
            _ => {}
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

    fn open_prompt(&mut self, prompt: Prompt) {
        self.pause("a prompt is open");
        self.prompt = Some(prompt);
    }

    /// The name of the selected user, or a log line saying there is none.
    fn selected_name(&mut self, to_do: &str) -> Option<String> {
        let name = self
            .scenario()
            .tokens
            .get_index(self.selected)
            .map(|(name, _)| name.to_owned());
        if name.is_none() {
            self.push_log(format!("no user to {to_do}"));
        }
        name
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
                let _ = self.save_to(&path);
            }
            (None, None) => self.open_prompt(Prompt::new(PromptKind::SavePath)),
        }
    }

    /// Saves and logs the result; returns the error message when it failed.
    fn save_to(&mut self, path: &Path) -> Result<(), String> {
        match save_scenario(path, self.scenario()) {
            Ok(()) => {
                self.push_log(format!("saved to {}", path.display()));
                Ok(())
            }
            Err(e) => {
                let message = sanitize(&e.to_string()).into_owned();
                self.push_log(message.clone());
                Err(message)
            }
        }
    }

    fn confirm_delete(&mut self) {
        let Some(PromptKind::ConfirmDelete { name }) = self.prompt.take().map(|p| p.kind().clone())
        else {
            return;
        };
        let line = match self.session.remove_user(&name) {
            Ok(()) => format!("delete {name}"),
            Err(e) => format!("delete: {e}"),
        };
        self.select(self.selected);
        self.push_log(line);
    }

    fn cancel_delete(&mut self) {
        if let Some(PromptKind::ConfirmDelete { name }) =
            self.prompt.take().map(|p| p.kind().clone())
        {
            let line = format!("delete cancelled: {name} kept");
            self.push_log(line);
        }
    }

    /// `Enter`: applies the prompt, moves to the next one, or keeps it open with the reason.
    fn submit(&mut self) {
        let Some(mut prompt) = self.prompt.take() else {
            return;
        };
        let input = prompt.input().to_owned();
        let now = self.scenario().now();
        let next = match prompt.kind().clone() {
            PromptKind::SetTime => prompt.number().map(|to| {
                self.session.set_time(to);
                self.push_log(if to == now {
                    format!("time stays at {to}")
                } else {
                    format!("time set: {now} → {to}")
                });
                None
            }),
            PromptKind::AddName => text::normal_name(&input)
                .map(|name| name.into_owned())
                .and_then(|name| match self.scenario().tokens.index_of(&name) {
                    Some(_) => Err(format!("user '{name}' already exists")),
                    None => Ok(name),
                })
                .map(|name| Some(Prompt::new(PromptKind::AddToken { name }))),
            PromptKind::AddToken { name } => text::check_token(&input)
                .map(|()| Some(Prompt::new(PromptKind::AddExpiry { name, token: input }))),
            PromptKind::AddExpiry { name, token } => prompt.number().and_then(|expiry| {
                self.session
                    .add_user(&name, &token, expiry)
                    .map_err(|e| e.to_string())?;
                self.select(self.user_count().saturating_sub(1));
                self.push_log(format!("add {name}: token {token}, expiry {expiry}"));
                Ok(None)
            }),
            PromptKind::Expiry { name, current } if input.is_empty() => {
                self.push_log(format!("expiry of {name} stays at {current}"));
                Ok(None)
            }
            PromptKind::Expiry { name, .. } => prompt.number().and_then(|to| {
                let from = self.scenario().tokens.get(&name).map(|t| t.expiry);
                self.session
                    .set_expiry(&name, to)
                    .map_err(|e| e.to_string())?;
                self.push_log(match from {
                    Some(from) if from != to => format!("expiry of {name}: {from} → {to}"),
                    _ => format!("expiry of {name} stays at {to}"),
                });
                Ok(None)
            }),
            PromptKind::SavePath if input.is_empty() => Err("type a path first".to_owned()),
            PromptKind::SavePath => {
                let path = PathBuf::from(&input);
                self.save_to(&path).map(|()| {
                    self.scenario_path = Some(path);
                    None
                })
            }
            PromptKind::ConfirmDelete { .. } => Ok(None),
        };
        match next {
            Ok(next) => self.prompt = next,
            Err(message) => {
                prompt.refuse(message);
                self.prompt = Some(prompt);
            }
        }
    }
}
