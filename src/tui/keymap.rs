//! The one key table. Key handling, the footer and the help overlay are all read from
//! [`BINDINGS`], so a key is defined in exactly one place. The keys that are not commands
//! (moving, the clock, prompts, menus) are written here; a command's keys, help and footer word
//! are its entry's in the command registry ([`crate::registry`]), which also says in which
//! [`KeySection`] of the table they go, so a keyed entry needs no line here.

use super::action::Action;
pub use crate::registry::Key;
use crate::registry::{COMMANDS, CommandSpec, KeySection, Needs};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::sync::LazyLock;

/// Whether a key event from the terminal is this key. Shift is part of a character itself
/// (`G`, `?`, `+`), so it is ignored for characters; other modifiers must match exactly.
pub fn matches(key: Key, event: &KeyEvent) -> bool {
    let mut modifiers = event.modifiers;
    if matches!(event.code, KeyCode::Char(_)) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    let code = match event.code {
        // Some terminals send Ctrl-C as an upper-case C with Shift.
        KeyCode::Char(c) if !modifiers.is_empty() => KeyCode::Char(c.to_ascii_lowercase()),
        code => code,
    };
    let (want, want_modifiers) = match key {
        Key::Char(c) => (KeyCode::Char(c), KeyModifiers::NONE),
        Key::Ctrl(c) => (KeyCode::Char(c), KeyModifiers::CONTROL),
        Key::Down => (KeyCode::Down, KeyModifiers::NONE),
        Key::Up => (KeyCode::Up, KeyModifiers::NONE),
        Key::Left => (KeyCode::Left, KeyModifiers::NONE),
        Key::Right => (KeyCode::Right, KeyModifiers::NONE),
        Key::Home => (KeyCode::Home, KeyModifiers::NONE),
        Key::End => (KeyCode::End, KeyModifiers::NONE),
        Key::PageDown => (KeyCode::PageDown, KeyModifiers::NONE),
        Key::PageUp => (KeyCode::PageUp, KeyModifiers::NONE),
        Key::Enter => (KeyCode::Enter, KeyModifiers::NONE),
        Key::Esc => (KeyCode::Esc, KeyModifiers::NONE),
    };
    code == want && modifiers == want_modifiers
}

/// Keys that do one action, how the help describes it, and its word in the footer (bindings
/// that share a footer word are shown together, e.g. `↓↑ move`).
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    pub footer: Option<&'static str>,
    /// What the keys need to act (a command's is its registry entry's): anything but
    /// `Nothing` is the real-world model's, shown and acting only when it is on.
    pub needs: Needs,
}

impl Binding {
    /// A command's binding, from its registry entry, if the entry has keys in `section`.
    fn command(spec: &'static CommandSpec, section: KeySection) -> Option<Binding> {
        let keys = spec.keys.filter(|keys| keys.section == section)?;
        Some(Binding {
            keys: keys.keys,
            action: Action::Command(spec),
            description: keys.help,
            footer: keys.footer,
            needs: spec.needs,
        })
    }
}

/// The key table, in the order the help and the footer show it: this module's keys with the
/// registry's keyed commands placed by their [`KeySection`] (in registry order within one).
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    let commands = |section| {
        COMMANDS
            .iter()
            .filter_map(move |spec| Binding::command(spec, section))
    };
    MOVING
        .iter()
        .cloned()
        .chain(commands(KeySection::First))
        .chain(CLOCK.iter().cloned())
        .chain(commands(KeySection::History))
        .chain(STEP.iter().cloned())
        .chain(commands(KeySection::Operations))
        .chain(REST.iter().cloned())
        .collect()
});

/// Moving the selection.
const MOVING: &[Binding] = &[
    Binding {
        keys: &[Key::Down, Key::Char('j')],
        action: Action::NextUser,
        description: "next user",
        footer: Some("move"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Up, Key::Char('k')],
        action: Action::PreviousUser,
        description: "previous user",
        footer: Some("move"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Home, Key::Char('g')],
        action: Action::FirstUser,
        description: "first user",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::End, Key::Char('G')],
        action: Action::LastUser,
        description: "last user",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::PageDown],
        action: Action::PageDown,
        description: "one page down",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::PageUp],
        action: Action::PageUp,
        description: "one page up",
        footer: None,
        needs: Needs::Nothing,
    },
];

/// The clock.
const CLOCK: &[Binding] = &[
    Binding {
        keys: &[Key::Right, Key::Char('l'), Key::Char('+')],
        action: Action::Advance,
        description: "advance the clock by step",
        footer: Some("time"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Left, Key::Char('h'), Key::Char('-')],
        action: Action::Rewind,
        description: "move the clock back (to ≥ 0)",
        footer: Some("time"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char(' ')],
        action: Action::TogglePlay,
        description: "play / pause the clock",
        footer: Some("play"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('<')],
        action: Action::SlowerPlay,
        description: "play slower",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('>')],
        action: Action::FasterPlay,
        description: "play faster",
        footer: None,
        needs: Needs::Nothing,
    },
];

/// The clock's step.
const STEP: &[Binding] = &[
    Binding {
        keys: &[Key::Char(']')],
        action: Action::LargerStep,
        description: "larger step (1 5 10 50 100)",
        footer: Some("step"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('[')],
        action: Action::SmallerStep,
        description: "smaller step",
        footer: Some("step"),
        needs: Needs::Nothing,
    },
];

/// Prompts, menus, the lesson, the screen and leaving.
const REST: &[Binding] = &[
    Binding {
        keys: &[Key::Char('t')],
        action: Action::SetTime,
        description: "set the time exactly",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('b')],
        action: Action::ToggleBoundary,
        description: "boundary: lesson ⇄ rfc7519",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('K')],
        action: Action::ClientsMenu,
        description: "clients: call, race, lose, skew, traffic (real-world model)",
        footer: None,
        needs: Needs::Clients,
    },
    Binding {
        keys: &[Key::Char('p')],
        action: Action::PolicyMenu,
        // The help overlay words it from the table of settings (ui::help).
        description: "policy menu: every setting, for everyone or one user",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('a')],
        action: Action::AddUser,
        description: "add a user",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('d')],
        action: Action::DeleteUser,
        description: "delete the selected user",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('e')],
        action: Action::EditExpiry,
        description: "edit the selected expiry",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('w')],
        action: Action::Save,
        description: "save the scenario (TOML)",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('.')],
        action: Action::NextStep,
        description: "lesson: next step / reveal",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char(',')],
        action: Action::PreviousStep,
        description: "lesson: previous step",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('1')],
        action: Action::Answer(1),
        description: "predict: first choice",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('2')],
        action: Action::Answer(2),
        description: "predict: second choice",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('3')],
        action: Action::Answer(3),
        description: "predict: third choice",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('Q')],
        action: Action::ToggleQuiz,
        description: "quiz mode on / off",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('L')],
        action: Action::ToggleLog,
        description: "the whole log (scrolls)",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('T')],
        action: Action::ToggleTheme,
        description: "high-contrast theme",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('?')],
        action: Action::ToggleHelp,
        description: "show or hide this help",
        footer: Some("help"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Esc],
        action: Action::Cancel,
        description: "close prompt or help",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        description: "suspend (fg resumes)",
        footer: None,
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Char('q')],
        action: Action::Quit,
        description: "quit (asks after edits)",
        footer: Some("quit"),
        needs: Needs::Nothing,
    },
    Binding {
        keys: &[Key::Ctrl('c')],
        action: Action::QuitNow,
        description: "quit at once",
        footer: None,
        needs: Needs::Nothing,
    },
];

/// The action for a key event: only presses act, never releases or repeats.
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    BINDINGS
        .iter()
        .find(|binding| binding.keys.iter().any(|key| matches(*key, event)))
        .map(|binding| binding.action.clone())
}

/// The footer word under which the real-world model's keys are listed, all together.
pub const MODEL_FOOTER_WORD: &str = "model";

/// The footer's items in table order, e.g. `("↓↑", "move")`: each binding's first key, grouped
/// by footer word. With the real-world model on, its keys follow `refresh` as one item
/// (`S x v i C K model`), since they are what a model scenario is about; `?` says what each does.
pub fn footer_items(model_on: bool) -> Vec<(String, &'static str)> {
    let mut items: Vec<(String, &'static str)> = Vec::new();
    for binding in BINDINGS.iter() {
        let (Some(word), Some(key)) = (binding.footer, binding.keys.first()) else {
            continue;
        };
        match items.iter_mut().find(|(_, w)| *w == word) {
            Some((keys, _)) => keys.push_str(&key.label()),
            None => items.push((key.label(), word)),
        }
    }
    if model_on {
        let model_keys: Vec<String> = BINDINGS
            .iter()
            .filter(|binding| is_model(binding))
            .filter_map(|binding| binding.keys.first().map(Key::label))
            .collect();
        let after_refresh = items
            .iter()
            .position(|(_, word)| *word == "refresh")
            .map_or(items.len(), |at| at + 1);
        items.insert(after_refresh, (model_keys.join(" "), MODEL_FOOTER_WORD));
    }
    items
}

/// Whether a binding is one of the real-world model's (shown and acting only when it is on).
pub fn is_model(binding: &Binding) -> bool {
    binding.needs != Needs::Nothing
}

/// What the help lists after the key table: the mouse and prompts, which have no binding.
pub const EXTRA_HELP: [(&str, &str); 2] = [
    ("mouse", "click selects, wheel scrolls"),
    ("prompt", "Enter applies, Esc cancels"),
];

/// The bindings the help lists, in order: every one, the real-world model's only when `model`
/// is on.
pub fn help_bindings(model: bool) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| model || !is_model(b))
}

/// The help's key column, a label a row: [`help_bindings`]' and then [`EXTRA_HELP`]'s. How
/// many rows the help has and how wide its keys are follow from it, without drawing.
pub fn help_keys(model: bool) -> Vec<String> {
    help_bindings(model)
        .map(keys_label)
        .chain(EXTRA_HELP.iter().map(|&(keys, _)| keys.to_owned()))
        .collect()
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
mod tests;
