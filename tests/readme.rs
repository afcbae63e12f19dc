//! The README stays true: its key table is the app's key table, and its lesson line is real.

use tokenclock::tui::keymap::{self, BINDINGS};

const README: &str = include_str!("../README.md");

/// A markdown row for a binding, as the README writes it: `| `↓` `j` | next user |`.
fn readme_row(binding: &keymap::Binding) -> String {
    let keys: Vec<String> = binding
        .keys
        .iter()
        .map(|key| format!("`{}`", key.label().replace('|', "\\|")))
        .collect();
    format!("| {} | {} |", keys.join(" "), binding.description)
}

#[test]
fn readme_lists_every_key_of_the_key_table() {
    let missing: Vec<String> = BINDINGS
        .iter()
        .map(readme_row)
        .filter(|row| !README.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's key table is out of date; these rows are missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn readme_shows_the_set_up_commands_and_the_lesson_line() {
    assert!(README.contains("cargo run --release"));
    assert!(README.contains("cargo test"));
    assert!(README.contains("Refreshed token for alice: newtoken123"));
}
