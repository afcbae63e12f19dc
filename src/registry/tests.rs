use super::*;
use crate::script::{Source, parse_script};
use crate::tui::keymap::BINDINGS;
use crate::tui::{Action, keymap};

/// A word each kind of argument accepts.
fn sample(kind: Arg) -> &'static str {
    match kind {
        Arg::User => "alice",
        Arg::Token => "tok-1",
        Arg::Ticks => "30",
        Arg::Path => "out.toml",
        Arg::OnOff => "on",
        // Sampled per setting by `samples`.
        Arg::Policy => "ttl 30",
        Arg::Client => "tab1",
        Arg::OptClient => "tab2",
        Arg::Offset => "-5",
    }
}

/// Every entry's usage with sample arguments, and without its optional ones.
fn samples(spec: &CommandSpec) -> Vec<String> {
    if spec.args.iter().any(|(_, kind)| *kind == Arg::Policy) {
        // `policy` delegates to the table of settings: one sample per setting.
        return crate::domain::settings::Setting::scripted()
            .map(|s| PolicyChange::Set(s.default_value()).command_words())
            .collect();
    }
    let all: Vec<&str> = spec.args.iter().map(|(_, kind)| sample(*kind)).collect();
    let required = spec.args.iter().filter(|(_, k)| !k.optional()).count();
    let mut out = vec![format!("{} {}", spec.name, all.join(" "))];
    if required < all.len() {
        out.push(format!("{} {}", spec.name, all[..required].join(" ")));
    }
    out
}

#[test]
fn every_command_parses_has_help_and_round_trips_through_its_words() {
    let help = help_text();
    for spec in COMMANDS {
        assert!(!spec.help.is_empty(), "{} has help", spec.name);
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(spec.name)),
            "{} is in help",
            spec.name
        );
        for text in samples(spec) {
            let lines =
                parse_script(&text, Source::Exec).unwrap_or_else(|e| panic!("{text}: {}", e[0]));
            assert_eq!(lines[0].spec, spec, "{text} is parsed by its own entry");
            if let Command::Op(op) = &lines[0].command {
                assert_eq!(entry_of(op), Some(spec), "{text}: the entry that builds it");
            }
            // A command is written back out (transcript, handout) in words that parse to the
            // same command.
            if let Command::Op(op) = &lines[0].command {
                let words = crate::words::command_words(op);
                let again = parse_script(&words, Source::Exec)
                    .unwrap_or_else(|e| panic!("{text} written as {words}: {}", e[0]));
                assert_eq!(&again[0].command, &lines[0].command, "{text} → {words}");
            }
        }
    }
}

#[test]
fn every_keyed_command_is_in_the_key_table_and_every_key_acts_on_what_it_names() {
    for spec in COMMANDS {
        let binding = BINDINGS.iter().find(|b| b.action == Action::Command(spec));
        match spec.keys {
            Some(keys) => {
                let binding = binding.unwrap_or_else(|| panic!("{} has its keys bound", spec.name));
                assert_eq!(binding.keys, keys.keys);
                assert!(!keymap::keys_label(binding).is_empty());
                // A key fills in the selection: it builds a command only when it has what it needs.
                let built = spec.on_selection(Some("alice"));
                assert_eq!(
                    built.is_some(),
                    spec.target != Target::Arguments,
                    "{}",
                    spec.name
                );
                if let Some(Command::Op(op)) = built {
                    assert_eq!(op.user().is_some(), spec.target == Target::SelectedUser);
                }
            }
            None => assert!(binding.is_none(), "{} has no keys", spec.name),
        }
    }
}

#[test]
fn names_are_unique_single_words() {
    for (i, c) in COMMANDS.iter().enumerate() {
        assert!(
            COMMANDS[i + 1..].iter().all(|d| d.name != c.name),
            "{}",
            c.name
        );
    }
    // A name is one word, or a word and a flag (`save --no-steps`).
    for c in COMMANDS {
        match c.name.split_once(' ') {
            None => {}
            Some((first, flag)) => {
                assert!(flag.starts_with("--"), "{}", c.name);
                assert!(names().any(|n| n == first), "{}", c.name);
            }
        }
    }
}

/// `policy`'s builder is handed the change the table of settings read, nothing else: the one
/// entry whose argument is a setting is the one that builds from a change, and it builds the
/// change it is given.
#[test]
fn the_entry_that_takes_a_setting_is_the_one_that_builds_from_a_change() {
    for spec in COMMANDS {
        let takes_setting = spec.args.iter().any(|(_, kind)| *kind == Arg::Policy);
        match spec.build {
            Build::Policy(build) => {
                assert!(takes_setting, "{}", spec.name);
                assert_eq!(spec.args.len(), 1, "{}", spec.name);
                for setting in crate::domain::settings::Setting::scripted() {
                    let change = PolicyChange::Set(setting.default_value());
                    assert_eq!(build(change.clone()), Command::Op(Op::Policy(change)));
                }
            }
            Build::Args(_) => assert!(!takes_setting, "{}", spec.name),
        }
    }
}
