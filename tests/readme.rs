//! The README stays true: its key table is the app's key table, and its lesson line is real.

mod common;

use common::{lesson_at, screen, step_and_draw};
use ratatui::layout::Rect;
use tokenclock::domain::{Scenario, Token, TokenStore};
use tokenclock::tui::Action;
use tokenclock::tui::keymap::{self, BINDINGS};
use tokenclock::tui::ui::layout;

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

/// Every `$ tokenclock ...` example in the README, run in a shell, prints what the README shows
/// under it (stdout and stderr together). `class.csv` is the README's own roster example.
#[test]
fn readme_examples_print_what_the_readme_says() {
    let dir = tempfile::tempdir().unwrap();
    let roster = README
        .split("```csv\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows a roster");
    std::fs::write(dir.path().join("class.csv"), roster).unwrap();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_tokenclock"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let lines: Vec<&str> = README.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(command) = line.strip_prefix("    $ ") else {
            continue;
        };
        let expected: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| l.starts_with("    ") && !l.starts_with("    $ "))
            .map(|l| &l[4..])
            .collect();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{command} 2>&1"))
            .current_dir(dir.path())
            .env("PATH", &path)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            got.lines().collect::<Vec<_>>(),
            expected,
            "README line {}: `{command}`",
            i + 1
        );
        checked += 1;
    }
    assert!(checked >= 6, "found only {checked} examples");
}

/// The README's picture of the app is the app: the lesson at 80×24 right after `r` on alice.
#[test]
fn readme_screen_picture_is_what_the_app_draws() {
    let picture = README
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows the screen");
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::Refresh);
    let drawn: Vec<String> = screen(&terminal)
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect();
    assert_eq!(picture.lines().collect::<Vec<_>>(), drawn);
}

/// The README's words on the layout are what the app does: the lesson's results at 120×40, and
/// the panels' and results' least with many users.
#[test]
fn readme_says_how_tall_the_results_and_panels_are() {
    let words = README.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("at 120×40 the lesson's results keep 17 lines"));
    assert!(words.contains(
        "leaves the panels and the results their least (8 rows, and 4, or 5 from 30 rows on)"
    ));
    let (app, terminal) = lesson_at(120, 40);
    let area = terminal.backend().buffer().area;
    let areas = layout::areas(&app, area).unwrap();
    assert_eq!(areas.log.height - 2, 17);

    let mut tokens = TokenStore::default();
    for i in 0..1000 {
        tokens
            .insert(format!("user{i}"), Token::new("t", 100))
            .unwrap();
    }
    let many = Scenario {
        tokens,
        ..Scenario::lesson()
    };
    for (width, height) in [(80, 24), (120, 40)] {
        let (app, _) = common::app_at(many.clone(), width, height);
        let areas = layout::areas(&app, Rect::new(0, 0, width, height)).unwrap();
        let panels = areas.panels.unwrap();
        assert_eq!(panels.timeline.height, 8, "{width}×{height}");
        assert_eq!(areas.log.height, if height < 30 { 4 } else { 5 });
    }
}

#[test]
fn readme_lists_every_command_of_the_command_table() {
    let missing: Vec<String> = tokenclock::script::COMMANDS
        .iter()
        .map(|c| c.name)
        .filter(|name| {
            !README.contains(&format!("| `{name}")) && !README.contains(&format!(", `{name}"))
        })
        .map(str::to_owned)
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's command table is out of date; missing: {missing:?}"
    );
}
