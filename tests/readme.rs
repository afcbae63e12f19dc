//! The README and the manual stay true: the README's set-up, examples, keys and links are real,
//! and it stays short. The manual: its lesson line, console examples and screen picture are real, its
//! command table lists every command, what it says about the screen (statuses, the timeline's
//! marks and legend, the layout) and the transcript is what the app does, and its links lead to
//! pages that exist. (The generated reference pages and pictures are checked by `tests/docs.rs`.)

mod common;

use common::{lesson_at, screen, step_and_draw};
use ratatui::layout::Rect;
use tokenclock::docs::reference::key_row;
use tokenclock::domain::{Scenario, Token, TokenStore};
use tokenclock::tui::Action;
use tokenclock::tui::keymap::BINDINGS;
use tokenclock::tui::ui::layout;

const README: &str = include_str!("../README.md");

/// Every page of the manual, by its file name under `docs/src/`.
const PAGES: &[(&str, &str)] = &[
    ("SUMMARY.md", include_str!("../docs/src/SUMMARY.md")),
    (
        "introduction.md",
        include_str!("../docs/src/introduction.md"),
    ),
    ("app.md", include_str!("../docs/src/app.md")),
    ("teaching.md", include_str!("../docs/src/teaching.md")),
    ("exploring.md", include_str!("../docs/src/exploring.md")),
    ("jwt.md", include_str!("../docs/src/jwt.md")),
    (
        "command-line.md",
        include_str!("../docs/src/command-line.md"),
    ),
    ("scripting.md", include_str!("../docs/src/scripting.md")),
    ("scenarios.md", include_str!("../docs/src/scenarios.md")),
    ("real-world.md", include_str!("../docs/src/real-world.md")),
    ("clients.md", include_str!("../docs/src/clients.md")),
    (
        "architecture.md",
        include_str!("../docs/src/architecture.md"),
    ),
    ("performance.md", include_str!("../docs/src/performance.md")),
    ("reliability.md", include_str!("../docs/src/reliability.md")),
    ("fuzzing.md", include_str!("../docs/src/fuzzing.md")),
];

fn page(name: &str) -> &'static str {
    PAGES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no manual page {name}"))
}

/// A page's words joined on one line, so a phrase is found across its line breaks.
fn words(name: &str) -> String {
    page(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn readme_shows_the_set_up_commands_and_the_lesson_line() {
    assert!(README.contains("cargo run --release"));
    assert!(README.contains("cargo test"));
    assert!(README.contains("cargo install --path ."));
    assert!(README.contains("Refreshed token for alice: newtoken123"));
}

/// The README is read in three minutes: at most about 200 lines.
#[test]
fn readme_stays_short() {
    let lines = README.lines().count();
    assert!(
        lines <= 200,
        "README.md has {lines} lines; move detail into docs/src/"
    );
}

/// Each key row the README shows is a row of the key table, as the key reference writes it, and
/// it shows at least the footer's keys.
#[test]
fn readme_keys_are_rows_of_the_key_table() {
    let rows: Vec<String> = BINDINGS.iter().map(key_row).collect();
    let shown: Vec<&str> = README
        .lines()
        .filter(|line| line.starts_with("| `"))
        .collect();
    for line in &shown {
        assert!(
            rows.iter().any(|row| row == line),
            "README.md key row is not the key table's: {line}"
        );
    }
    for binding in BINDINGS.iter().filter(|b| b.footer.is_some()) {
        assert!(
            shown.contains(&key_row(binding).as_str()),
            "the README leaves out a footer key: {}",
            key_row(binding)
        );
    }
}

/// Every relative link and picture in the README leads to a file that exists.
#[test]
fn readme_links_lead_to_files_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let broken: Vec<&str> = links(README)
        .into_iter()
        .filter(|target| !target.starts_with("http"))
        .filter(|target| {
            !root
                .join(target.split('#').next().unwrap_or(target))
                .exists()
        })
        .collect();
    assert!(broken.is_empty(), "broken links in README.md: {broken:?}");
    assert!(
        README.contains("](docs/src/images/"),
        "the README shows no picture"
    );
}

#[test]
fn manual_shows_the_set_up_commands_and_the_lesson_line() {
    let intro = page("introduction.md");
    assert!(intro.contains("cargo run --release"));
    assert!(intro.contains("cargo test"));
    assert!(intro.contains("Refreshed token for alice: newtoken123"));
}

/// Every `$ tokenclock ...` example in the manual, run in a shell, prints what the page shows
/// under it (stdout and stderr together). `class.csv` is the manual's own roster example.
#[test]
fn manual_examples_print_what_the_manual_says() {
    let dir = tempfile::tempdir().unwrap();
    let roster = page("scenarios.md")
        .split("```csv\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the manual shows a roster");
    std::fs::write(dir.path().join("class.csv"), roster).unwrap();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_tokenclock"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut checked = 0;
    for (name, text) in PAGES {
        checked += run_examples(name, text, dir.path(), &path);
    }
    assert!(checked >= 6, "found only {checked} examples");
    let in_readme = run_examples("README.md", README, dir.path(), &path);
    assert!(
        in_readme >= 2,
        "found only {in_readme} examples in the README"
    );
}

/// Runs the `    $ ` examples of one page; returns how many.
fn run_examples(name: &str, text: &str, dir: &std::path::Path, path: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
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
            .current_dir(dir)
            .env("PATH", path)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            got.lines().collect::<Vec<_>>(),
            expected,
            "{name} line {}: `{command}`",
            i + 1
        );
        checked += 1;
    }
    checked
}

/// The manual's text picture of the app is the app: the lesson at 80×24 right after `r` on alice.
#[test]
fn manual_screen_picture_is_what_the_app_draws() {
    let picture = page("app.md")
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the manual shows the screen");
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    let drawn: Vec<String> = screen(&terminal)
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect();
    assert_eq!(picture.lines().collect::<Vec<_>>(), drawn);
}

/// The manual's words on the layout are what the app does: the lesson's results at 120×40, and
/// the panels' and results' least with many users.
#[test]
fn manual_says_how_tall_the_results_and_panels_are() {
    let words = words("app.md");
    assert!(words.contains("at 120×40 the lesson's results keep 17 lines"));
    assert!(words.contains(
        "leaves the panels and the results their least (8 rows, and 5: three lines of results)"
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
        assert_eq!(
            areas.log.height, 5,
            "{width}×{height}: three lines and borders"
        );
    }
}

/// The scripted mode's table of commands and what each prints lists every command.
#[test]
fn manual_lists_every_command_of_the_command_table() {
    let scripting = page("scripting.md");
    let missing: Vec<String> = tokenclock::script::COMMANDS
        .iter()
        .map(|c| c.name)
        .filter(|name| {
            !scripting.contains(&format!("| `{name}")) && !scripting.contains(&format!(", `{name}"))
        })
        .map(str::to_owned)
        .collect();
    assert!(
        missing.is_empty(),
        "docs/src/scripting.md's command table is out of date; missing: {missing:?}"
    );
}

fn asset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    tokenclock::files::load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The timeline's `✗` on the now line marks every expired token (carol, 70 ticks past), and
/// `~` one in the leeway (desktop), as the manual says.
#[test]
fn manual_says_what_the_now_lines_marks_mean() {
    assert!(words("app.md").contains(
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

/// Every status the manual names is one the table draws: in full where there is room, in the
/// short forms it names at 80 columns.
#[test]
fn manual_statuses_are_the_tables() {
    let words = words("app.md");
    for phrase in [
        "`VALID ✓`, `EXPIRED ✗`, `VALID ✓ last tick` on a token's last accepted tick",
        "`VALID ✓ refresh due` inside the early window",
        "`LEEWAY ~ accepted` within a validator's leeway (`LEEWAY ~ last tick` on the leeway's \
         last tick;",
        "`✓ last tick` or `last tick`, `refresh due`, `LEEWAY ~` (as at 80 columns with \
         `assets/real-world.toml`)",
    ] {
        assert!(words.contains(phrase), "app.md lost: {phrase}");
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

/// The legend names exactly the symbols drawn in the timeline's lanes, on the bottom border and
/// then the top one: the lesson's and the real-world model's, small and large.
#[test]
fn manual_legend_names_exactly_the_symbols_drawn() {
    assert!(words("app.md").contains(
        "The legend names exactly the symbols drawn (`░✗ expired` when both are), no more; what \
         does not fit in the bottom border goes on in the top one."
    ));
    const SYMBOLS: &str = "█▓░▒↻✗~━╌╳•!‽?";
    let apps = [
        ("lesson", Scenario::lesson()),
        ("real-world", asset("real-world.toml")),
        ("revoke", asset("revoke.toml")),
        ("leeway", asset("leeway.toml")),
    ];
    for (name, scenario) in apps {
        for (width, height) in [(80, 24), (120, 40)] {
            let (app, terminal) = common::app_at(scenario.clone(), width, height);
            let area = Rect::new(0, 0, width, height);
            let timeline = layout::areas(&app, area)
                .and_then(|a| a.panels)
                .expect("panels at this size")
                .timeline;
            let text = common::region(&terminal, timeline);
            let rows: Vec<&str> = text.lines().collect();
            let (top, bottom) = (rows[0], rows[rows.len() - 1]);
            // Each legend item is its symbols, a space and a word.
            let named: std::collections::BTreeSet<char> = [top, bottom]
                .iter()
                .flat_map(|border| border.split(' '))
                .filter(|word| word.chars().all(|c| SYMBOLS.contains(c)))
                .flat_map(|word| word.chars())
                .collect();
            let lanes = &rows[1..rows.len() - 3];
            let drawn: std::collections::BTreeSet<char> = lanes
                .iter()
                .flat_map(|row| row.chars())
                .filter(|c| SYMBOLS.contains(*c))
                .collect();
            assert!(!drawn.is_empty(), "{name} at {width}×{height}: {text}");
            assert_eq!(named, drawn, "{name} at {width}×{height}: {text}");
        }
    }
}

/// The manual's transcript is what a script writes, and the app writes the same lines for the
/// same operations: `t=` is the clock when each started.
#[test]
fn manual_transcript_is_what_scripts_and_the_app_write() {
    let shown: Vec<&str> = page("scripting.md")
        .split("after a header:\n\n")
        .nth(1)
        .expect("the manual shows a transcript")
        .lines()
        .take_while(|line| line.starts_with("    "))
        .map(|line| &line[4..])
        .collect();
    assert!(
        words("scripting.md").contains(
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
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
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

/// The side-by-side comparison the manual describes is in the repository, under the names the
/// manual gives.
#[test]
fn manual_names_the_side_by_side_comparison_and_its_peers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let performance = page("performance.md");
    for file in ["compare.sh", "lesson.py", "refresh_all.awk", "roster.py"] {
        let path = format!("benches/peers/{file}");
        assert!(root.join(&path).is_file(), "{path} is missing");
        assert!(
            performance.contains(&path) || performance.contains(&format!("`{file}`")),
            "performance.md does not name {path}"
        );
    }
}

/// Every relative link in the manual (`[text](page.md#anchor)`, `![alt](images/x.svg)`) leads to
/// a file that exists, and to a heading of that page when it names one; every page is in the
/// summary.
#[test]
fn manual_links_lead_to_pages_and_headings_that_exist() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src");
    let mut broken = Vec::new();
    for (name, text) in PAGES {
        for target in links(text) {
            if target.starts_with("http") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() { name } else { file };
            if !src.join(file).is_file() {
                broken.push(format!("{name}: {target}"));
                continue;
            }
            if !anchor.is_empty() {
                let linked = std::fs::read_to_string(src.join(file)).unwrap();
                if !linked
                    .lines()
                    .any(|line| heading_anchor(line) == Some(anchor.to_owned()))
                {
                    broken.push(format!("{name}: {target} (no such heading)"));
                }
            }
        }
        if *name != "SUMMARY.md" {
            assert!(page("SUMMARY.md").contains(&format!("({name})")), "{name}");
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The targets of a page's Markdown links, outside code.
fn links(text: &str) -> Vec<&str> {
    let mut targets = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        for (i, _) in line.match_indices("](") {
            if let Some(end) = line[i + 2..].find(')') {
                targets.push(&line[i + 2..i + 2 + end]);
            }
        }
    }
    targets
}

/// The anchor GitHub and mdBook give a heading: lower case, spaces as `-`, punctuation dropped.
fn heading_anchor(line: &str) -> Option<String> {
    let title = line.trim_start_matches('#');
    if title.len() == line.len() || !title.starts_with(' ') {
        return None;
    }
    Some(
        title
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// A paragraph that lists the libraries (it names three or more rows of the validators table)
/// names every one, so a row added to the table fails here until the README and the manual
/// name it too.
#[test]
fn every_list_of_libraries_names_every_validator() {
    use tokenclock::domain::oauth::validator::{TABLE, Validator, ValidatorRow};
    let libraries: Vec<_> = TABLE
        .iter()
        .filter(|row| row.name != Validator::LESSON.name())
        .collect();
    let readme = include_str!("../README.md");
    let texts = std::iter::once(("README.md", readme)).chain(PAGES.iter().copied());
    let mut lists = 0;
    for (file, text) in texts {
        for paragraph in blocks(text) {
            let lower = paragraph.to_lowercase();
            let named = |name: &str| lower.contains(&name.to_lowercase());
            let (found, missing): (Vec<&&ValidatorRow>, Vec<&&ValidatorRow>) = libraries
                .iter()
                .partition(|row| named(row.name) || named(row.shown));
            if found.len() >= 3 {
                lists += 1;
                let missing: Vec<_> = missing.iter().map(|row| row.name).collect();
                assert!(
                    missing.is_empty(),
                    "{file}: {missing:?} missing from:\n{paragraph}"
                );
            }
        }
    }
    assert!(lists >= 4, "only {lists} lists of libraries found");
}

/// A text's paragraphs and list items, each on its own.
fn blocks(text: &str) -> Vec<String> {
    let mut blocks = vec![String::new()];
    for line in text.lines() {
        let start = line.trim_start();
        let item = start.starts_with("- ")
            || start.starts_with("* ")
            || start
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        if line.trim().is_empty() || item {
            blocks.push(String::new());
        }
        let block = blocks.last_mut().expect("never empty");
        block.push_str(line);
        block.push('\n');
    }
    blocks.retain(|b| !b.trim().is_empty());
    blocks
}

/// Issue 17: the README says how far undo goes, in the code's own numbers, and the save and
/// quit rules (the manual's app page says the same at length).
#[test]
fn readme_gives_the_undo_bound_and_the_save_and_quit_rules() {
    use tokenclock::domain::session::{HISTORY_BYTES, HISTORY_LIMIT};
    let said = README.split_whitespace().collect::<Vec<_>>().join(" ");
    let steps = format!("{},{:03} steps", HISTORY_LIMIT / 1000, HISTORY_LIMIT % 1000);
    let bytes = format!("about {} MiB", HISTORY_BYTES >> 20);
    for phrase in [
        steps.as_str(),
        bytes.as_str(),
        "the oldest steps are dropped first",
        "nothing to undo for refresh bob: undid refresh alice",
        "`q`) asks after edits",
        "what is written always loads back",
        "save --no-steps PATH",
    ] {
        assert!(said.contains(phrase), "README lacks '{phrase}'");
    }
}

/// The README's figure for undo's memory is the one measured on the performance page: the row of
/// a minute of play at 8/s (480 beats) at 10,000 users, its "Now" column.
#[test]
fn readmes_undo_memory_figure_is_the_performance_pages() {
    let page = std::fs::read_to_string("docs/src/performance.md").unwrap();
    let row = page
        .lines()
        .find(|l| l.starts_with("| 10,000 users × 2 tabs, `traffic on`, 480 × `advance 60`"))
        .expect("the performance page's row of a minute of play");
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    // `| script | before | last session | now |`: the last cell before the closing bar.
    let now = cells[cells.len() - 2];
    let said = README.split_whitespace().collect::<Vec<_>>().join(" ");
    let claim = format!(
        "a minute of play at 8/s with traffic on at 10,000 users × 2 tabs peaks at {now} resident"
    );
    assert!(said.contains(&claim), "README lacks '{claim}'");
}
