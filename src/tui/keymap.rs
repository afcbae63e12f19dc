//! The one key table. Key handling, the footer and the help overlay are all read from
//! [`BINDINGS`], so a key is defined in exactly one place.

use super::action::Action;
use crate::domain::Op;
use crate::domain::oauth::ModelOp;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One key, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Whether a key event from the terminal is this key. Shift is part of a character itself
    /// (`G`, `?`, `+`), so it is ignored for characters; other modifiers must match exactly.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mut modifiers = event.modifiers;
        if matches!(event.code, KeyCode::Char(_)) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        let code = match event.code {
            // Some terminals send Ctrl-C as an upper-case C with Shift.
            KeyCode::Char(c) if !modifiers.is_empty() => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        code == self.code && modifiers == self.modifiers
    }

    /// How the key is written on screen: `↓`, `PgDn`, `Ctrl-C`, `j`.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

/// Keys that do one action, how the help describes it, and its word in the footer (bindings
/// that share a footer word are shown together, e.g. `↓↑ move`).
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    pub footer: Option<&'static str>,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Key::plain(KeyCode::Down), Key::char('j')],
        action: Action::NextUser,
        description: "next user",
        footer: Some("move"),
    },
    Binding {
        keys: &[Key::plain(KeyCode::Up), Key::char('k')],
        action: Action::PreviousUser,
        description: "previous user",
        footer: Some("move"),
    },
    Binding {
        keys: &[Key::plain(KeyCode::Home), Key::char('g')],
        action: Action::FirstUser,
        description: "first user",
        footer: None,
    },
    Binding {
        keys: &[Key::plain(KeyCode::End), Key::char('G')],
        action: Action::LastUser,
        description: "last user",
        footer: None,
    },
    Binding {
        keys: &[Key::plain(KeyCode::PageDown)],
        action: Action::PageDown,
        description: "one page down",
        footer: None,
    },
    Binding {
        keys: &[Key::plain(KeyCode::PageUp)],
        action: Action::PageUp,
        description: "one page up",
        footer: None,
    },
    Binding {
        keys: &[Key::char('r'), Key::plain(KeyCode::Enter)],
        action: Action::Refresh,
        description: "refresh_token(selected user)",
        footer: Some("refresh"),
    },
    Binding {
        keys: &[Key::plain(KeyCode::Right), Key::char('l'), Key::char('+')],
        action: Action::Advance,
        description: "advance the clock by step",
        footer: Some("time"),
    },
    Binding {
        keys: &[Key::plain(KeyCode::Left), Key::char('h'), Key::char('-')],
        action: Action::Rewind,
        description: "move the clock back (to ≥ 0)",
        footer: Some("time"),
    },
    Binding {
        keys: &[Key::char(' ')],
        action: Action::TogglePlay,
        description: "play / pause the clock",
        footer: Some("play"),
    },
    Binding {
        keys: &[Key::char('<')],
        action: Action::SlowerPlay,
        description: "play slower",
        footer: None,
    },
    Binding {
        keys: &[Key::char('>')],
        action: Action::FasterPlay,
        description: "play faster",
        footer: None,
    },
    Binding {
        keys: &[Key::char('u')],
        action: Action::Run(Op::Undo),
        description: "undo the last change",
        footer: Some("undo"),
    },
    Binding {
        keys: &[Key::ctrl('r')],
        action: Action::Run(Op::Redo),
        description: "redo what was undone",
        footer: None,
    },
    Binding {
        keys: &[Key::char(']')],
        action: Action::LargerStep,
        description: "larger step (1 5 10 50 100)",
        footer: Some("step"),
    },
    Binding {
        keys: &[Key::char('[')],
        action: Action::SmallerStep,
        description: "smaller step",
        footer: Some("step"),
    },
    Binding {
        keys: &[Key::char('R')],
        action: Action::Run(Op::RefreshAll),
        description: "refresh all users",
        footer: None,
    },
    Binding {
        keys: &[Key::char('N')],
        action: Action::Run(Op::NextChange),
        description: "clock to next status change",
        footer: None,
    },
    Binding {
        keys: &[Key::char('0')],
        action: Action::Run(Op::Reset),
        description: "reset to the loaded state",
        footer: None,
    },
    Binding {
        keys: &[Key::char('S')],
        action: Action::Model(ModelOp::Steal),
        description: "steal: copy the refresh token (real-world model)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('x')],
        action: Action::Model(ModelOp::Replay),
        description: "replay the attacker's copy (real-world model)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('v')],
        action: Action::Model(ModelOp::Revoke),
        description: "revoke the family (real-world model)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('i')],
        action: Action::Model(ModelOp::Login),
        description: "log in again (real-world model)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('C')],
        action: Action::Model(ModelOp::Call),
        description: "call an API with the access token (real-world model)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('t')],
        action: Action::SetTime,
        description: "set the time exactly",
        footer: None,
    },
    Binding {
        keys: &[Key::char('b')],
        action: Action::ToggleBoundary,
        description: "boundary: lesson ⇄ rfc7519",
        footer: None,
    },
    Binding {
        keys: &[Key::char('K')],
        action: Action::ClientsMenu,
        description: "clients: call, race, lose, skew, traffic (real-world model)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('p')],
        action: Action::PolicyMenu,
        // The help overlay words it from the table of settings (ui::help).
        description: "policy menu: every setting, for everyone or one user",
        footer: None,
    },
    Binding {
        keys: &[Key::char('a')],
        action: Action::AddUser,
        description: "add a user",
        footer: None,
    },
    Binding {
        keys: &[Key::char('d')],
        action: Action::DeleteUser,
        description: "delete the selected user",
        footer: None,
    },
    Binding {
        keys: &[Key::char('e')],
        action: Action::EditExpiry,
        description: "edit the selected expiry",
        footer: None,
    },
    Binding {
        keys: &[Key::char('w')],
        action: Action::Save,
        description: "save the scenario (TOML)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('.')],
        action: Action::NextStep,
        description: "lesson: next step / reveal",
        footer: None,
    },
    Binding {
        keys: &[Key::char(',')],
        action: Action::PreviousStep,
        description: "lesson: previous step",
        footer: None,
    },
    Binding {
        keys: &[Key::char('1')],
        action: Action::Answer(1),
        description: "predict: first choice",
        footer: None,
    },
    Binding {
        keys: &[Key::char('2')],
        action: Action::Answer(2),
        description: "predict: second choice",
        footer: None,
    },
    Binding {
        keys: &[Key::char('Q')],
        action: Action::ToggleQuiz,
        description: "quiz mode on / off",
        footer: None,
    },
    Binding {
        keys: &[Key::char('L')],
        action: Action::ToggleLog,
        description: "the whole log (scrolls)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('T')],
        action: Action::ToggleTheme,
        description: "high-contrast theme",
        footer: None,
    },
    Binding {
        keys: &[Key::char('?')],
        action: Action::ToggleHelp,
        description: "show or hide this help",
        footer: Some("help"),
    },
    Binding {
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Cancel,
        description: "close prompt or help",
        footer: None,
    },
    Binding {
        keys: &[Key::ctrl('z')],
        action: Action::Suspend,
        description: "suspend (fg resumes)",
        footer: None,
    },
    Binding {
        keys: &[Key::char('q')],
        action: Action::Quit,
        description: "quit (asks after edits)",
        footer: Some("quit"),
    },
    Binding {
        keys: &[Key::ctrl('c')],
        action: Action::QuitNow,
        description: "quit at once",
        footer: None,
    },
];

/// The action for a key event: only presses act, never releases or repeats.
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    BINDINGS
        .iter()
        .find(|binding| binding.keys.iter().any(|key| key.matches(event)))
        .map(|binding| binding.action.clone())
}

/// The footer's items in table order, e.g. `("↓↑", "move")`: each binding's first key, grouped
/// by footer word.
pub fn footer_items() -> Vec<(String, &'static str)> {
    let mut items: Vec<(String, &'static str)> = Vec::new();
    for binding in BINDINGS {
        let (Some(word), Some(key)) = (binding.footer, binding.keys.first()) else {
            continue;
        };
        match items.iter_mut().find(|(_, w)| *w == word) {
            Some((keys, _)) => keys.push_str(&key.label()),
            None => items.push((key.label(), word)),
        }
    }
    items
}

/// Whether a binding is one of the real-world model's (shown and acting only when it is on).
pub fn is_model(binding: &Binding) -> bool {
    matches!(binding.action, Action::Model(_) | Action::ClientsMenu)
}

/// All keys of a binding as the help shows them, e.g. `↓ j`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
