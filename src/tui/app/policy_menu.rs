//! `p`: the policy menu, read from the table of settings. It shows the values in force for the
//! selected user (their own ones marked), and sets either everyone's value or, after `u`, the
//! selected user's own (a capital letter then gives the user everyone's value again).

use super::prompt::{Prompt, PromptKind};
use super::{App, Mode};
use crate::domain::Op;
use crate::domain::settings::{PolicyChange, Section, Setting, SettingValue};
use crate::tui::action::Action;
use crate::words;

/// The key that switches the menu between everyone's values and the selected user's own.
const SCOPE_KEY: char = 'u';

/// The change that sets `value`: the user's own when `user` is given, else everyone's.
pub(super) fn policy_change(value: SettingValue, user: Option<String>) -> PolicyChange {
    match user {
        Some(user) => PolicyChange::SetFor { user, value },
        None => PolicyChange::Set(value),
    }
}

impl App {
    /// The selected user's name, when the real-world model is on (only then may a user have
    /// their own values).
    fn selected_model_user(&self) -> Option<String> {
        if !self.model_on() {
            return None;
        }
        let (name, _) = self.scenario().tokens.user_at(self.selected)?;
        Some(name.to_owned())
    }

    /// The settings the menu offers: the lesson's always, the model's with the model on; for
    /// one user's own values, only the per-user ones.
    fn menu_settings(&self, user: Option<&str>) -> impl Iterator<Item = Setting> + '_ {
        let model_on = self.model_on();
        let own = user.is_some();
        Setting::ALL.iter().copied().filter(move |s| {
            let spec = s.spec();
            spec.menu.is_some()
                && (spec.section == Section::Refresh || model_on)
                && (!own || spec.per_user)
        })
    }

    /// The value in force for the selected user (theirs when they have one), and whether it is
    /// their own.
    fn menu_value(&self, setting: Setting) -> Option<(SettingValue, bool)> {
        let scenario = self.scenario();
        let everyone = setting.of_policy(&scenario.policy)?;
        if !setting.spec().per_user || !self.model_on() {
            return Some((everyone, false));
        }
        let (_, state) = scenario.tokens.user_at(self.selected)?;
        let own = state
            .model
            .as_ref()
            .and_then(|m| setting.of_overrides(&m.overrides));
        Some(match own {
            Some(value) => (value, true),
            None => (everyone, false),
        })
    }

    /// After everyone's value changed: says so when the selected user keeps their own.
    pub(super) fn note_own_value(&mut self, setting: Setting) {
        if let (Some(name), Some((value, true))) =
            (self.selected_model_user(), self.menu_value(setting))
        {
            self.push_log(format!(
                "{name} keeps their own {} {} (p, then {SCOPE_KEY}, sets theirs)",
                setting.spec().name,
                words::value_words(&value)
            ));
        }
    }

    /// `p`: the menu, with the values in force beside each choice; `user` sets their own.
    pub(super) fn open_policy_menu(&mut self, user: Option<String>) {
        let mut choices: Vec<String> = self
            .menu_settings(user.as_deref())
            .filter_map(|s| {
                let (value, own) = self.menu_value(s)?;
                let key = s.spec().menu?;
                let mark = if own { " (own)" } else { "" };
                Some(format!(
                    "{key} {} {}{mark}",
                    s.spec().name,
                    words::value_words(&value)
                ))
            })
            .collect();
        match (&user, self.selected_model_user()) {
            (Some(_), _) => {
                choices.push("⇧ letter: back to everyone's".to_owned());
                choices.push(format!("{SCOPE_KEY} everyone"));
            }
            (None, Some(name)) => choices.push(format!("{SCOPE_KEY} only {name}")),
            (None, None) => {}
        }
        let choices = choices.join(" · ");
        self.open_prompt(Prompt::new(PromptKind::PolicyMenu { choices, user }));
    }

    /// A key in the policy menu: a switch or a cycle runs at once (one undo step), another
    /// value is asked for; `u` changes whose values are set; any other key closes the menu.
    pub(super) fn update_policy_menu(&mut self, action: Action) {
        let Mode::Prompt(prompt) = &self.mode else {
            return;
        };
        let PromptKind::PolicyMenu { user, .. } = prompt.kind() else {
            return;
        };
        let user = user.clone();
        let key = match action {
            Action::PromptChar(key) => key,
            other => return self.not_a_menu_key(other),
        };
        if key == SCOPE_KEY {
            match user {
                Some(_) => return self.open_policy_menu(None),
                None => match self.selected_model_user() {
                    Some(name) => return self.open_policy_menu(Some(name)),
                    None => {
                        self.mode = Mode::Table;
                        return;
                    }
                },
            }
        }
        // For one user, a letter's capital gives them everyone's value again.
        if let Some(name) = user.clone().filter(|_| key.is_uppercase()) {
            let lower = key.to_lowercase().next();
            self.mode = Mode::Table;
            let setting = self
                .menu_settings(Some(&name))
                .find(|s| s.spec().menu == lower);
            if let Some(setting) = setting {
                self.run_logged(Op::Policy(PolicyChange::Inherit {
                    user: name,
                    setting,
                }));
            }
            return;
        }
        let chosen = self
            .menu_settings(user.as_deref())
            .find(|s| s.spec().menu == Some(key));
        // Everyone's value is changed from everyone's value; a user's from the one in force.
        let value = chosen.and_then(|s| match user {
            Some(_) => self.menu_value(s).map(|(v, _)| v),
            None => s.of_policy(&self.scenario().policy),
        });
        let (Some(setting), Some(value)) = (chosen, value) else {
            self.mode = Mode::Table;
            return;
        };
        match value.next() {
            Some(next) => {
                self.mode = Mode::Table;
                let everyone = user.is_none();
                self.run_logged(Op::Policy(policy_change(next, user)));
                if everyone {
                    self.note_own_value(setting);
                }
            }
            None => {
                self.mode = Mode::Prompt(Prompt::new(PromptKind::PolicyValue {
                    setting,
                    current: value.word(),
                    user,
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scope key is never a setting's menu key (it would be shadowed) nor a capital (for
    /// one user, a capital gives them everyone's value again).
    #[test]
    fn the_scope_key_is_no_settings_menu_key() {
        assert!(!SCOPE_KEY.is_uppercase());
        for setting in Setting::ALL {
            assert_ne!(
                setting.spec().menu,
                Some(SCOPE_KEY),
                "{SCOPE_KEY} switches whose values the menu sets: {setting:?}"
            );
        }
    }
}
