//! The README stays true: its key table is the app's key table, its lesson line, examples and
//! picture are real, and what it says about the screen (statuses, the timeline's marks and legend)
//! and the transcript is what the app does.

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

/// The README's validators reference is the validators table's own Markdown.
#[test]
fn readme_validators_table_is_the_validators_table() {
    let table = tokenclock::domain::words::validators::markdown();
    assert!(
        README.contains(&table),
        "README.md's validators table is out of date; it should read:\n{table}"
    );
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

/// The README's words joined on one line, so a phrase is found across its line breaks.
fn readme_words() -> String {
    README.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn asset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    tokenclock::domain::load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The timeline's `✗` on the now line marks every expired token (carol, 70 ticks past), and
/// `~` one in the leeway (desktop), as the README says.
#[test]
fn readme_says_what_the_now_lines_marks_mean() {
    assert!(readme_words().contains(
        "On the now line, `✗` marks each token that is expired now, however long ago it expired, \
         and `~` one that only the leeway still accepts"
    ));
    let (_, terminal) = lesson_at(80, 24);
    assert!(screen(&terminal).contains("│carol ██░░░░░░░░░░░✗"));
    let (_, terminal) = common::app_at(asset("real-world.toml"), 80, 24);
    let text = screen(&terminal);
    assert!(text.contains("│desktop ███▓▓▓▓▒~"), "{text}");
    assert!(text.contains("│cli     ▓▓▒▒▒▒░░✗"), "{text}");
}

/// Every status the README names is one the table draws: in full where there is room, in the
/// short forms it names at 80 columns.
#[test]
fn readme_statuses_are_the_tables() {
    let words = readme_words();
    for phrase in [
        "`VALID ✓`, `EXPIRED ✗`, `VALID ✓ last tick` on a token's last accepted tick",
        "`VALID ✓ refresh due` inside the early window",
        "`LEEWAY ~ accepted` within a validator's leeway (`LEEWAY ~ last tick` on the leeway's \
         last tick;",
        "`✓ last tick` or `last tick`, `refresh due`, `LEEWAY ~` (as at 80 columns with \
         `assets/real-world.toml`)",
    ] {
        assert!(words.contains(phrase), "README lost: {phrase}");
    }
    let (_, wide) = common::app_at(asset("real-world.toml"), 120, 40);
    let wide = screen(&wide);
    for status in [
        "VALID ✓ refresh due",
        "LEEWAY ~ accepted",
        "EXPIRED ✗",
        "VALID ✓ ",
    ] {
        assert!(wide.contains(status), "{status}: {wide}");
    }
    let (_, narrow) = common::app_at(asset("real-world.toml"), 80, 24);
    let narrow = screen(&narrow);
    assert!(narrow.contains(" refresh due │"), "{narrow}");
    assert!(narrow.contains(" LEEWAY ~    │"), "{narrow}");
    let (_, boundary) = common::app_at(asset("boundary.toml"), 120, 40);
    assert!(screen(&boundary).contains("VALID ✓ last tick"));
}

/// The legend names every symbol in use, on the bottom border and then the top one.
#[test]
fn readme_legend_is_complete_wherever_it_is_drawn() {
    assert!(readme_words().contains(
        "The legend names the symbols in use (`▓` only with an early window, `▒` only with a \
         leeway); what does not fit in the bottom border goes on in the top one."
    ));
    let every = [
        "█ valid",
        "▓ refresh due",
        "░ expired",
        "▒ leeway",
        "↻ refresh",
    ];
    for (width, height) in [(80, 24), (120, 40)] {
        let (_, terminal) = common::app_at(asset("real-world.toml"), width, height);
        let text = screen(&terminal);
        for item in every {
            assert!(text.contains(item), "{item} at {width}×{height}: {text}");
        }
        let (_, terminal) = lesson_at(width, height);
        let text = screen(&terminal);
        assert!(text.contains("█ valid ░ expired ↻ refresh"), "{text}");
        assert!(!text.contains("▓ refresh due") && !text.contains("▒ leeway"));
    }
}

/// The README's transcript is what a script writes, and the app writes the same lines for the
/// same operations: `t=` is the clock when each started.
#[test]
fn readme_transcript_is_what_scripts_and_the_app_write() {
    let shown: Vec<&str> = README
        .split("after a header:\n\n")
        .nth(1)
        .expect("the README shows a transcript")
        .lines()
        .take_while(|line| line.starts_with("    "))
        .map(|line| &line[4..])
        .collect();
    assert!(
        readme_words().contains(
            "`t=` is the clock when the command started, in scripts and in the app alike."
        )
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args([
            "--exec",
            "refresh alice; advance 80; refresh-all; undo",
            "--transcript",
        ])
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written.lines().collect::<Vec<_>>(), shown);

    let (app, mut terminal) = lesson_at(80, 24);
    let mut app = app.with_transcript();
    step_and_draw(&mut app, &mut terminal, Action::Refresh);
    // What only changes the screen is not written.
    for action in [
        Action::ToggleTheme,
        Action::LargerStep,
        Action::ToggleLog,
        Action::Cancel,
    ] {
        step_and_draw(&mut app, &mut terminal, action);
    }
    step_and_draw(&mut app, &mut terminal, Action::SetTime);
    for ch in "200".chars() {
        step_and_draw(&mut app, &mut terminal, Action::PromptChar(ch));
    }
    step_and_draw(&mut app, &mut terminal, Action::PromptSubmit);
    step_and_draw(
        &mut app,
        &mut terminal,
        Action::Run(tokenclock::domain::Op::RefreshAll),
    );
    step_and_draw(
        &mut app,
        &mut terminal,
        Action::Run(tokenclock::domain::Op::Undo),
    );
    let lines = app.take_transcript();
    let expected: Vec<String> = shown[1..]
        .iter()
        .map(|line| line.replace("advance 80", "time 200"))
        .collect();
    assert_eq!(
        lines, expected,
        "the same lines, with `time 200` for the app's `t` prompt"
    );
}

/// The side-by-side comparison the README describes is in the repository, under the names the
/// README gives.
#[test]
fn readme_names_the_side_by_side_comparison_and_its_peers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["compare.sh", "lesson.py", "refresh_all.awk", "roster.py"] {
        let path = format!("benches/peers/{file}");
        assert!(root.join(&path).is_file(), "{path} is missing");
        assert!(
            README.contains(&path) || README.contains(&format!("`{file}`")),
            "the README does not name {path}"
        );
    }
}
