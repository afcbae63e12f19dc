//! A change of one setting: for everyone (the scenario's value), or for one user (their own
//! value, or back to the scenario's).

use super::{Setting, SettingValue};

/// One setting set to a value, scenario-wide or for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyChange {
    /// The scenario's value (users with their own value keep it). A setting of the real-world
    /// model turns the model on.
    Set(SettingValue),
    /// One user's own value (`policy grace 30 --user bob`).
    SetFor { user: String, value: SettingValue },
    /// One user follows the scenario's value again (`policy grace inherit --user bob`).
    Inherit { user: String, setting: Setting },
}

/// The word that gives a user back the scenario's value.
pub const INHERIT: &str = "inherit";

impl PolicyChange {
    pub fn setting(&self) -> Setting {
        match self {
            PolicyChange::Set(value) | PolicyChange::SetFor { value, .. } => value.setting(),
            PolicyChange::Inherit { setting, .. } => *setting,
        }
    }

    /// The user whose own value changes, if it is one user's.
    pub fn user(&self) -> Option<&str> {
        match self {
            PolicyChange::Set(_) => None,
            PolicyChange::SetFor { user, .. } | PolicyChange::Inherit { user, .. } => Some(user),
        }
    }

    /// The change as a script writes it: `policy grace 30`, `policy grace 30 --user bob`,
    /// `policy grace inherit --user bob`.
    pub fn command_words(&self) -> String {
        let name = self.setting().spec().name;
        match self {
            PolicyChange::Set(value) => format!("policy {name} {}", value.word()),
            PolicyChange::SetFor { user, value } => {
                format!("policy {name} {} --user {user}", value.word())
            }
            PolicyChange::Inherit { user, .. } => format!("policy {name} {INHERIT} --user {user}"),
        }
    }
}
