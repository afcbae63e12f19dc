use super::*;
use crate::script::{Source, parse_script};
use crate::tui::keymap::BINDINGS;
use crate::tui::{Action, keymap};

/// `reset` and `next-change` were added as one row each: the parser, `help` and the key
/// table (and so the footer and the help overlay) all know them from those rows alone.
#[test]
fn an_operation_is_a_row_in_each_table() {
    for (name, op) in [("reset", Op::Reset), ("next-change", Op::NextChange)] {
        let lines = parse_script(name, Source::Exec).unwrap();
        assert_eq!(lines[0].command, Command::Op(op.clone()));
        assert!(
            help_text()
                .lines()
                .any(|l| l.trim_start().starts_with(name))
        );
        let binding = BINDINGS
            .iter()
            .find(|b| b.action == Action::Run(op.clone()));
        assert!(binding.is_some(), "{name} has a key");
        assert!(!keymap::keys_label(binding.unwrap()).is_empty());
    }
}

#[test]
fn names_are_unique_and_first_words_suggest() {
    for (i, c) in COMMANDS.iter().enumerate() {
        assert!(
            COMMANDS[i + 1..].iter().all(|d| d.name != c.name),
            "{}",
            c.name
        );
    }
    assert_eq!(first_words().filter(|w| *w == "policy").count(), 1);
    // `policy NAME` is read by the table of settings (script::policy), not by second words.
    assert_eq!(second_words("policy").count(), 0);
}
