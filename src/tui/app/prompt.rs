//! The small prompts that ask for a time, a user, an expiry or a path, and the delete
//! confirmation. A prompt takes every typed character before the key table is consulted.

use crate::domain::text::{MAX_NAME_CHARS, MAX_TOKEN_CHARS, is_unsafe};

/// Longest path the save prompt takes, in characters.
const MAX_PATH_CHARS: usize = 4096;

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
}

/// What is typed into a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Number,
    Word { max_chars: usize },
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

    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn is_confirmation(&self) -> bool {
        matches!(self.kind, PromptKind::ConfirmDelete { .. })
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
        }
    }

    /// What the typed text is, e.g. `time`, shown before it.
    pub fn label(&self) -> &'static str {
        match &self.kind {
            PromptKind::SetTime => "time",
            PromptKind::AddName => "name",
            PromptKind::AddToken { .. } => "token",
            PromptKind::AddExpiry { .. } | PromptKind::Expiry { .. } => "expiry",
            PromptKind::SavePath => "save to",
            PromptKind::ConfirmDelete { .. } => "",
        }
    }

    /// The keys that act in this prompt.
    pub fn hint(&self) -> &'static str {
        match self.input_kind() {
            None => "y deletes, any other key keeps it",
            Some(Input::Number) if matches!(self.kind, PromptKind::Expiry { .. }) => {
                "digits · empty Enter keeps it · Esc cancels"
            }
            Some(Input::Number) => "digits · Enter applies · Esc cancels",
            Some(Input::Path) => "Enter saves, replacing the file · Esc cancels",
            Some(_) => "Enter applies · Esc cancels",
        }
    }

    fn input_kind(&self) -> Option<Input> {
        match &self.kind {
            PromptKind::SetTime | PromptKind::AddExpiry { .. } | PromptKind::Expiry { .. } => {
                Some(Input::Number)
            }
            PromptKind::AddName => Some(Input::Word {
                max_chars: MAX_NAME_CHARS,
            }),
            PromptKind::AddToken { .. } => Some(Input::Word {
                max_chars: MAX_TOKEN_CHARS,
            }),
            PromptKind::SavePath => Some(Input::Path),
            PromptKind::ConfirmDelete { .. } => None,
        }
    }

    /// Adds a typed character, or refuses it with a message that says why.
    pub fn type_char(&mut self, ch: char) {
        self.message = None;
        let refused = match self.input_kind() {
            None => None,
            Some(Input::Number) if !ch.is_ascii_digit() => {
                Some("only digits 0-9 can be typed here".to_owned())
            }
            Some(Input::Number) => {
                let typed = format!("{}{ch}", self.input);
                typed
                    .parse::<u64>()
                    .is_err()
                    .then(|| format!("too large: the most is {}", u64::MAX))
            }
            Some(_) if is_unsafe(ch) => Some(format!(
                "U+{:04X} is a control or invisible character",
                ch as u32
            )),
            Some(Input::Word { .. }) if ch.is_whitespace() => {
                Some("one word, no spaces (e.g. alice_smith)".to_owned())
            }
            Some(Input::Word { max_chars }) if self.input.chars().count() >= max_chars => {
                Some(format!("at most {max_chars} characters"))
            }
            Some(Input::Path) if self.input.chars().count() >= MAX_PATH_CHARS => {
                Some(format!("at most {MAX_PATH_CHARS} characters"))
            }
            Some(_) => None,
        };
        match refused {
            Some(message) => self.message = Some(message),
            None => self.input.push(ch),
        }
    }

    /// Pasted text, each character as if typed, except that line breaks are left out: a paste
    /// never submits. The message says why the first refused character was refused and how
    /// many were. Past the longest input any prompt takes, the rest is not looked at.
    pub fn paste(&mut self, text: &str) {
        let mut refused = 0usize;
        let mut first = None;
        let mut chars = text.chars().filter(|c| !matches!(c, '\r' | '\n'));
        for ch in chars.by_ref().take(MAX_PATH_CHARS + 1) {
            self.type_char(ch);
            if let Some(message) = self.message.take() {
                refused += 1;
                first.get_or_insert(message);
            }
        }
        refused += chars.count();
        self.message = first.map(|message| match refused {
            1 => format!("paste: {message}"),
            n => format!("paste: {message} ({n} characters left out)"),
        });
    }

    pub fn backspace(&mut self) {
        self.message = None;
        self.input.pop();
    }

    /// Keeps the prompt open with a message, e.g. the domain's reason for refusing a name.
    pub fn refuse(&mut self, message: String) {
        self.message = Some(message);
    }

    /// The typed number; an error message when nothing (or too much) was typed.
    pub fn number(&self) -> Result<u64, String> {
        if self.input.is_empty() {
            return Err("type a number first".to_owned());
        }
        self.input
            .parse()
            .map_err(|_| format!("too large: the most is {}", u64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_digits_only_and_refuse_overflow() {
        let mut p = Prompt::new(PromptKind::SetTime);
        for ch in "1x2".chars() {
            p.type_char(ch);
        }
        assert_eq!(p.input(), "12");
        p.type_char('x');
        assert_eq!(p.message(), Some("only digits 0-9 can be typed here"));
        p.backspace();
        assert_eq!((p.input(), p.message()), ("1", None));
        let mut p = Prompt::with_input(PromptKind::SetTime, u64::MAX.to_string());
        p.type_char('0');
        assert_eq!(p.input(), u64::MAX.to_string());
        assert!(p.message().unwrap().starts_with("too large"));
        assert_eq!(p.number(), Ok(u64::MAX));
        assert!(Prompt::new(PromptKind::SetTime).number().is_err());
    }

    #[test]
    fn words_refuse_spaces_and_invisible_characters() {
        let mut p = Prompt::new(PromptKind::AddName);
        for ch in "da ve\u{202e}".chars() {
            p.type_char(ch);
        }
        assert_eq!(p.input(), "dave");
        assert_eq!(
            p.message(),
            Some("U+202E is a control or invisible character")
        );
        let mut path = Prompt::new(PromptKind::SavePath);
        for ch in "my file.toml".chars() {
            path.type_char(ch);
        }
        assert_eq!(path.input(), "my file.toml");
    }
}
