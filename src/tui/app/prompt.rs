//! The small prompts that ask for a time, a user, an expiry or a path, and the confirmations
//! (delete a user, replace a file, quit). A prompt takes every typed character before the key
//! table is consulted.
//!
//! A prompt shows exactly what was typed: nothing is dropped or rewritten. What is wrong with
//! it is said as it is typed, and `Enter` applies nothing until it is right. Only characters
//! that cannot be shown (controls, bidi, zero-width) are refused as they are typed.

use crate::domain::error::ValueError;
use crate::domain::settings::Setting;
use crate::domain::text::{self, is_unsafe, sanitize};
use crate::domain::ticks::parse_ticks;
use std::path::PathBuf;

/// Longest text any prompt takes, in characters (a path's limit; names and tokens are checked
/// against their own, shorter, limits with a message).
const MAX_INPUT_CHARS: usize = 4096;

/// What the prompt asks for, with what earlier steps of the same edit already gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    SetTime,
    AddName,
    AddToken {
        name: String,
    },
    AddExpiry {
        name: String,
        token: String,
    },
    /// A new expiry for `name`, whose expiry is `current`; empty `Enter` keeps it.
    Expiry {
        name: String,
        current: u64,
    },
    SavePath,
    /// `y` deletes the user; any other key keeps them.
    ConfirmDelete {
        name: String,
    },
    /// `y` saves over `path`, an existing file that is not the scenario's own; any other key
    /// keeps it.
    ConfirmOverwrite {
        path: PathBuf,
    },
    /// A save during a lesson wrote nothing: the lesson's step `number`, left to do, cannot run
    /// on the state now. `y` saves a plain scenario without the steps to `path`; any other key
    /// saves nothing.
    ConfirmNoSteps {
        path: PathBuf,
        number: usize,
    },
    /// `y` quits though users or the policy were edited since loading or saving; any other
    /// key goes back to the app.
    ConfirmQuit,
    /// The policy menu: each setting's key (from the table of settings) switches it or asks
    /// for its value; `u` switches between everyone's values and `user`'s own; any other key
    /// closes it. `choices` shows the values in force.
    PolicyMenu {
        choices: String,
        /// `Some`: the menu sets this user's own values.
        user: Option<String>,
    },
    /// The clients menu for `user`: `c` call, `r` race, `l` lose, `s` skew, `n` next client,
    /// `f` traffic on or off; any other key closes it. `choices` shows the client acted on.
    ClientsMenu {
        user: String,
        client: String,
        choices: String,
    },
    /// A clock offset for one client (`-90`, `+30`, `-1m`); empty `Enter` keeps it.
    ClientSkew {
        user: String,
        client: String,
        current: i64,
    },
    /// A new value for one setting, whose value is `current`; empty `Enter` keeps it.
    PolicyValue {
        setting: Setting,
        current: String,
        /// `Some`: the value is this user's own.
        user: Option<String>,
    },
}

/// What is typed into a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Number,
    /// A setting's value, checked by the table of settings (its kind and range).
    Setting,
    /// A signed number of ticks or a duration (a clock offset).
    Offset,
    Name,
    Token,
    Path,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    kind: PromptKind,
    input: String,
    /// Why the last key or `Enter` was refused, shown in the prompt.
    message: Option<String>,
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Self {
        Self {
            kind,
            input: String::new(),
            message: None,
        }
    }

    /// A prompt that starts with `input` already typed (e.g. the current expiry).
    pub fn with_input(kind: PromptKind, input: String) -> Self {
        Self {
            input,
            ..Self::new(kind)
        }
    }

    pub fn kind(&self) -> &PromptKind {
        &self.kind
    }

    pub fn into_kind(self) -> PromptKind {
        self.kind
    }

    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn is_confirmation(&self) -> bool {
        match self.kind {
            PromptKind::ConfirmDelete { .. }
            | PromptKind::ConfirmOverwrite { .. }
            | PromptKind::ConfirmNoSteps { .. }
            | PromptKind::ConfirmQuit
            | PromptKind::PolicyMenu { .. }
            | PromptKind::ClientsMenu { .. } => true,
            PromptKind::SetTime
            | PromptKind::AddName
            | PromptKind::AddToken { .. }
            | PromptKind::AddExpiry { .. }
            | PromptKind::Expiry { .. }
            | PromptKind::SavePath
            | PromptKind::ClientSkew { .. }
            | PromptKind::PolicyValue { .. } => false,
        }
    }

    /// The menu's choices with their current values, when this prompt is the policy menu.
    pub fn choices(&self) -> Option<&str> {
        match &self.kind {
            PromptKind::PolicyMenu { choices, .. } | PromptKind::ClientsMenu { choices, .. } => {
                Some(choices)
            }
            _ => None,
        }
    }

    /// The prompt's title, e.g. `Add a user (2/3)`.
    pub fn title(&self) -> String {
        match &self.kind {
            PromptKind::SetTime => "Set the time".to_owned(),
            PromptKind::AddName => "Add a user (1/3)".to_owned(),
            PromptKind::AddToken { name } => format!("Add {name} (2/3)"),
            PromptKind::AddExpiry { name, .. } => format!("Add {name} (3/3)"),
            PromptKind::Expiry { name, current } => {
                format!("Expiry of {name} (currently {current})")
            }
            PromptKind::SavePath => "Save the scenario".to_owned(),
            PromptKind::ConfirmDelete { name } => format!("Delete {name}?"),
            PromptKind::ConfirmQuit => {
                "Quit? Users or the policy were edited, not saved".to_owned()
            }
            PromptKind::PolicyMenu { user: None, .. } => "Policy".to_owned(),
            PromptKind::PolicyMenu {
                user: Some(user), ..
            } => format!("Policy of {user} only (their own values)"),
            PromptKind::ClientsMenu { user, client, .. } => {
                format!("Clients of {user} (on {client})")
            }
            PromptKind::ClientSkew {
                user,
                client,
                current,
            } => format!("Clock offset of {user} ({client}), now {current}; negative: behind"),
            PromptKind::PolicyValue {
                setting,
                current,
                user,
            } => {
                let spec = setting.spec();
                let whose = user
                    .as_ref()
                    .map(|u| format!(" of {u}"))
                    .unwrap_or_default();
                format!("{}{whose}: {} (now {current})", spec.name, spec.help)
            }
            PromptKind::ConfirmOverwrite { path } => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                let shipped = if crate::presets::is_shipped_file(path) {
                    " (a file tokenclock ships)"
                } else {
                    ""
                };
                format!("Replace {}{shipped}?", sanitize(&name))
            }
            PromptKind::ConfirmNoSteps { number, .. } => {
                format!(
                    "Not saved: step {number} cannot run on this state. Save without the steps?"
                )
            }
        }
    }

    /// What the typed text is, e.g. `time`, shown before it.
    pub fn label(&self) -> &'static str {
        match &self.kind {
            PromptKind::SetTime => "time",
            PromptKind::AddName => "name",
            PromptKind::AddToken { .. } => "token",
            PromptKind::AddExpiry { .. } | PromptKind::Expiry { .. } => "expiry",
            PromptKind::PolicyValue { setting, .. } => setting.spec().name,
            PromptKind::ClientSkew { .. } => "skew",
            PromptKind::SavePath => "save to",
            PromptKind::ConfirmDelete { .. }
            | PromptKind::ConfirmOverwrite { .. }
            | PromptKind::ConfirmNoSteps { .. }
            | PromptKind::ConfirmQuit
            | PromptKind::PolicyMenu { .. }
            | PromptKind::ClientsMenu { .. } => "",
        }
    }

    /// The keys that act in this prompt.
    pub fn hint(&self) -> &'static str {
        match self.input_kind() {
            None if matches!(self.kind, PromptKind::ConfirmOverwrite { .. }) => {
                "y replaces the file, any other key keeps it"
            }
            None if matches!(self.kind, PromptKind::ConfirmNoSteps { .. }) => {
                "y saves a plain scenario without the steps, any other key saves nothing"
            }
            None if matches!(
                self.kind,
                PromptKind::PolicyMenu { .. } | PromptKind::ClientsMenu { .. }
            ) =>
            {
                "press a letter to choose · any other key closes"
            }
            None if self.kind == PromptKind::ConfirmQuit => {
                "y quits without saving, any other key goes back (w saves)"
            }
            None => "y deletes, any other key keeps it",
            Some(Input::Number | Input::Setting)
                if matches!(
                    self.kind,
                    PromptKind::Expiry { .. } | PromptKind::PolicyValue { .. }
                ) =>
            {
                "digits · empty Enter keeps it · Esc cancels"
            }
            Some(Input::Number) => "digits · Enter applies · Esc cancels",
            Some(Input::Offset) => "-90, +30 or -1m · empty Enter keeps it · Esc cancels",
            Some(Input::Path) => "Enter saves, replacing the file · Esc cancels",
            Some(_) => "Enter applies · Esc cancels",
        }
    }

    fn input_kind(&self) -> Option<Input> {
        match &self.kind {
            PromptKind::SetTime | PromptKind::AddExpiry { .. } | PromptKind::Expiry { .. } => {
                Some(Input::Number)
            }
            PromptKind::PolicyValue { .. } => Some(Input::Setting),
            PromptKind::ClientSkew { .. } => Some(Input::Offset),
            PromptKind::AddName => Some(Input::Name),
            PromptKind::AddToken { .. } => Some(Input::Token),
            PromptKind::SavePath => Some(Input::Path),
            PromptKind::ConfirmDelete { .. }
            | PromptKind::ConfirmOverwrite { .. }
            | PromptKind::ConfirmNoSteps { .. }
            | PromptKind::ConfirmQuit
            | PromptKind::PolicyMenu { .. }
            | PromptKind::ClientsMenu { .. } => None,
        }
    }

    /// Adds a typed character and says what is wrong with the text so far, if anything. Only
    /// a character that cannot be shown, or one past the longest text, is refused.
    pub fn type_char(&mut self, ch: char) {
        if self.input_kind().is_none() {
            return;
        }
        if is_unsafe(ch) {
            self.message = Some(format!(
                "U+{:04X} is a control or invisible character",
                ch as u32
            ));
            return;
        }
        if self.input.chars().count() >= MAX_INPUT_CHARS {
            self.message = Some(format!("at most {MAX_INPUT_CHARS} characters"));
            return;
        }
        self.input.push(ch);
        self.message = self.problem();
    }

    /// Pasted text, each character as if typed, except that line breaks are left out: a paste
    /// never submits. The message says why the first refused character was refused and how
    /// many were. Past the longest input any prompt takes, the rest is not looked at.
    pub fn paste(&mut self, text: &str) {
        let mut refused = 0usize;
        let mut first = None;
        let mut chars = text.chars().filter(|c| !matches!(c, '\r' | '\n'));
        for ch in chars.by_ref().take(MAX_INPUT_CHARS + 1) {
            let before = self.input.len();
            self.type_char(ch);
            if self.input.len() == before {
                refused += 1;
                if first.is_none() {
                    first = self.message.clone();
                }
            }
        }
        refused += chars.count();
        if let Some(message) = first {
            self.message = Some(match refused {
                1 => format!("paste: {message}"),
                n => format!("paste: {message} ({n} characters left out)"),
            });
        }
    }

    pub fn backspace(&mut self) {
        self.input.pop();
        self.message = self.problem();
    }

    /// What is wrong with the text typed so far; nothing while it is empty (`Enter` says so).
    fn problem(&self) -> Option<String> {
        if self.input.is_empty() {
            return None;
        }
        match self.input_kind()? {
            Input::Number => self.number().err().map(|e| e.to_string()),
            Input::Setting => match &self.kind {
                PromptKind::PolicyValue { setting, .. } => setting
                    .parse_word(self.input.trim())
                    .err()
                    .map(|e| e.to_string()),
                _ => None,
            },
            Input::Offset => self.offset().err().map(|e| e.to_string()),
            Input::Name => text::check_name(&self.input).err().map(|e| e.to_string()),
            Input::Token => text::check_token(&self.input).err().map(|e| e.to_string()),
            Input::Path => None,
        }
    }

    /// Keeps the prompt open with a message, e.g. the domain's reason for refusing a name.
    pub fn refuse(&mut self, message: String) {
        self.message = Some(message);
    }

    /// The typed number, by the same rule as scripts' ticks; what is wrong with it otherwise.
    pub fn number(&self) -> Result<u64, ValueError> {
        parse_ticks(&self.input).map_err(|bad| ValueError::Ticks {
            given: self.input.clone(),
            bad,
        })
    }

    /// The typed clock offset (`-90`, `+30`, `-1m`), by the same rule as scripts' `skew`.
    pub fn offset(&self) -> Result<i64, ValueError> {
        crate::files::clients::parse_offset(&self.input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(kind: PromptKind, text: &str) -> Prompt {
        let mut p = Prompt::new(kind);
        text.chars().for_each(|ch| p.type_char(ch));
        p
    }

    #[test]
    fn numbers_keep_what_was_typed_and_say_what_is_wrong() {
        for (text, message) in [
            ("-5", "'-5' is negative; ticks are 0 or more"),
            ("1:05", "'1:05' is not a whole number of ticks"),
            ("abc1x0", "'abc1x0' is not a whole number of ticks"),
            (
                "184467440737095516150",
                "'184467440737095516150' is too large (the most is 18446744073709551615)",
            ),
        ] {
            let p = typed(PromptKind::SetTime, text);
            assert_eq!(p.input(), text);
            assert_eq!(p.message(), Some(message));
            assert_eq!(
                p.number().map_err(|e| e.to_string()),
                Err(message.to_owned())
            );
        }
        let mut p = typed(PromptKind::SetTime, "1x");
        p.backspace();
        assert_eq!((p.input(), p.message(), p.number()), ("1", None, Ok(1)));
        assert_eq!(
            Prompt::new(PromptKind::SetTime).number(),
            Err(ValueError::Ticks {
                given: String::new(),
                bad: crate::domain::ticks::BadTicks::Empty
            })
        );
    }

    #[test]
    fn names_keep_spaces_with_a_message_and_refuse_only_invisible_characters() {
        let p = typed(PromptKind::AddName, "José Núñez");
        assert_eq!(p.input(), "José Núñez");
        assert_eq!(
            p.message(),
            Some(
                "user name contains a space (U+0020) at character 5; use one word, e.g. alice_smith"
            )
        );
        let p = typed(PromptKind::AddName, "dave\u{202e}");
        assert_eq!(p.input(), "dave");
        assert_eq!(
            p.message(),
            Some("U+202E is a control or invisible character")
        );
        let path = typed(PromptKind::SavePath, "my file.toml");
        assert_eq!((path.input(), path.message()), ("my file.toml", None));
    }
}
