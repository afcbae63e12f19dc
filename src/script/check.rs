//! Checks a parsed script against the users it will meet, before anything runs.

use super::{Command, Line, ScriptError, ScriptProblem, run};
use crate::domain::settings::Section;
use crate::domain::{Op, Session, TokenStore};
use crate::registry::Needs;
use crate::suggest::closest;
use std::collections::HashMap;

/// Suggest a near name only for stores this small (a million-user roster is not searched).
const SUGGEST_UP_TO: usize = 10_000;

/// Every command about a user who will not exist when it runs, and every `add` of a user who will.
///
/// The set of names is followed through the script's own `add` and `remove`. When the script
/// also has `undo` or `redo`, who exists depends on which earlier commands changed anything, so
/// such a script is run on a copy of the session instead (no output, no files).
pub fn check_script(lines: &[Line], session: &Session) -> Vec<ScriptError> {
    let has = |f: fn(&Command) -> bool| lines.iter().any(|l| f(&l.command));
    let needs = |n: Needs| lines.iter().any(|l| l.spec.needs == n);
    // Whether a client exists is known only by running: scripts naming clients are tried first.
    if needs(Needs::Clients)
        || has(|c| matches!(c, Command::Op(Op::CallClient { .. } | Op::Traffic(_))))
        || has(|c| matches!(c, Command::Op(op) if op.moves_through_history()))
            && (has(|c| matches!(c, Command::Op(Op::Add { .. } | Op::Remove(_))))
                || needs(Needs::Model))
    {
        return run::dry_run(lines, session);
    }
    // The real-world model's commands need the model on when they run (a `policy` command for
    // one of its knobs turns it on).
    let mut model_on = session.scenario().policy.model.is_some();
    let mut names = Names {
        store: &session.scenario().tokens,
        added: HashMap::new(),
        removed: HashMap::new(),
    };
    let mut errors = Vec::new();
    for line in lines {
        let error = |problem: ScriptProblem| ScriptError {
            number: line.number,
            problem,
        };
        match &line.command {
            Command::Op(Op::Policy(change))
                if change.user().is_none() && change.setting().spec().section == Section::OAuth =>
            {
                model_on = true
            }
            _ if !model_on && line.spec.needs == Needs::Model => {
                errors.push(error(ScriptProblem::ModelOff {
                    command: line.spec.name,
                }));
            }
            Command::Op(Op::Add { user, .. }) => {
                if names.contains(user) {
                    errors.push(error(ScriptProblem::DuplicateUser { user: user.clone() }));
                } else {
                    names.removed.remove(user.as_str());
                    names.added.insert(user.clone(), line.number);
                }
            }
            command => {
                let Some(user) = command.user() else {
                    continue;
                };
                if !names.contains(user) {
                    errors.push(error(names.unknown(user)));
                } else if let Command::Op(Op::Remove(user)) = command {
                    names.added.remove(user.as_str());
                    names.removed.insert(user.clone(), line.number);
                }
            }
        }
    }
    errors
}

/// The scenario's users as the script changes them, without copying the (maybe huge) store.
struct Names<'a> {
    store: &'a TokenStore,
    /// Added by the script, with the number of the adding command.
    added: HashMap<String, usize>,
    /// Removed by the script (and not added again), with the number of the removing command.
    removed: HashMap<String, usize>,
}

impl Names<'_> {
    fn contains(&self, user: &str) -> bool {
        self.added.contains_key(user)
            || (!self.removed.contains_key(user) && self.store.index_of(user).is_some())
    }

    fn unknown(&self, user: &str) -> ScriptProblem {
        let removed_at = self.removed.get(user).copied();
        let close = if removed_at.is_none() && self.store.len() <= SUGGEST_UP_TO {
            let existing = self
                .store
                .iter()
                .map(|(name, _)| name)
                .filter(|name| !self.removed.contains_key(*name))
                .chain(self.added.keys().map(String::as_str));
            closest(user, existing).map(str::to_owned)
        } else {
            None
        };
        ScriptProblem::UnknownUser {
            user: user.to_owned(),
            removed_at,
            close,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Scenario;
    use crate::script::{Source, parse_script};

    fn check(text: &str) -> Vec<String> {
        let lines = parse_script(text, Source::File).unwrap();
        check_script(&lines, &Session::new(Scenario::lesson()))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_models_commands_need_the_model_before_anything_runs() {
        assert_eq!(
            check("refresh alice\ncall alice\npolicy grace 5\ncall alice"),
            ["script:2: 'call' needs the real-world model (a scenario with an [oauth] table)"]
        );
        assert_eq!(
            check("policy grace 5\nundo\nreplay bob"),
            ["script:3: 'replay' needs the real-world model (a scenario with an [oauth] table)"]
        );
    }

    /// The problems keep what the script gave, by kind: the user, the line that removed them,
    /// the nearest name, the command that needs the model.
    #[test]
    fn problems_carry_the_user_and_where_it_went() {
        let lines = parse_script(
            "remove bob\nrefresh bob\nrefresh alcie\nadd carol t 1\ncall alice",
            Source::File,
        )
        .unwrap();
        let problems: Vec<ScriptProblem> = check_script(&lines, &Session::new(Scenario::lesson()))
            .into_iter()
            .map(|e| e.problem)
            .collect();
        assert_eq!(
            problems,
            [
                ScriptProblem::UnknownUser {
                    user: "bob".into(),
                    removed_at: Some(1),
                    close: None
                },
                ScriptProblem::UnknownUser {
                    user: "alcie".into(),
                    removed_at: None,
                    close: Some("alice".into())
                },
                ScriptProblem::DuplicateUser {
                    user: "carol".into()
                },
                ScriptProblem::ModelOff { command: "call" },
            ]
        );
    }

    #[test]
    fn a_good_script_has_no_errors() {
        assert!(check("refresh alice\nrefresh bob\nset-expiry carol 5\nremove carol").is_empty());
    }

    #[test]
    fn unknown_users_are_reported_with_a_hint() {
        assert_eq!(
            check("refresh alcie\nrefresh zed\nset-expiry dave 4"),
            [
                "script:1: unknown user 'alcie' (did you mean 'alice'?)",
                "script:2: unknown user 'zed'",
                "script:3: unknown user 'dave'",
            ]
        );
    }

    #[test]
    fn names_follow_the_scripts_own_adds_and_removes() {
        assert_eq!(
            check(
                "add dave t 1\nrefresh dave\nremove alice\nrefresh alice\nadd alice x 5\n\
                 refresh alice\nadd bob y 1\nremove dave\nremove dave"
            ),
            [
                "script:4: unknown user 'alice' (removed earlier, at 3)",
                "script:7: user 'bob' already exists",
                "script:9: unknown user 'dave' (removed earlier, at 8)",
            ]
        );
    }

    #[test]
    fn undo_is_followed_by_running_on_a_copy() {
        // The undo brings alice back; bob's refresh changes nothing, so the redo removes her again.
        assert_eq!(
            check("remove alice\nundo\nrefresh bob\nredo\nrefresh alice"),
            ["script:5: unknown user 'alice'"]
        );
        // A still-valid refresh records nothing, so this undo takes back the remove.
        assert!(check("remove alice\nrefresh bob\nundo\nrefresh alice").is_empty());
        // A refresh that does refresh is a new step, which clears what redo could bring back.
        assert!(check("remove alice\nundo\nrefresh alice\nredo\nrefresh alice").is_empty());
        // Without add or remove, undo cannot change who exists.
        assert_eq!(
            check("refresh-all\nundo\nrefresh dave"),
            ["script:3: unknown user 'dave'"]
        );
    }
}
