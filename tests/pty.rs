//! End-to-end: the real binary in a pseudo-terminal (see `support/pty.rs`).

#[path = "support/pty.rs"]
mod harness;

use harness::App;
use std::time::Duration;

const RIGHT: &str = "\x1b[C";
const DOWN: &str = "\x1b[B";

#[test]
fn starts_on_the_lesson() {
    let app = App::start(80, 24);
    app.wait_for_text(&["alice", "bob", "carol", "120", "abc123"]);
    app.wait_for("the alternate screen", |s| {
        s.alternate_screen() && s.hide_cursor()
    });
}

#[test]
fn refresh_alice_then_bob_then_move_the_clock() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice", "abc123"]);
    app.press("r");
    app.wait_for_text(&[
        "220",
        "Refreshed token for alice: newtoken123",
        "(expired: 100 < 120;",
    ]);
    app.press(DOWN);
    app.press("r");
    app.wait_for_text(&["Token for bob is still valid: def456 (200 ≥ 120; 80 left)"]);
    app.press(RIGHT);
    app.wait_for_text(&["now  130", "clock 120 → 130"]);
}

#[test]
fn q_quits_and_gives_the_terminal_back() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    app.press("q");
    let status = app.wait_for_exit();
    assert!(status.success(), "{status:?}");
    app.wait_for_restored_terminal();
}

#[test]
fn esc_on_the_table_quits_nothing_and_says_q_quits() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    app.press("?");
    app.wait_for_text(&["show or hide this help"]);
    // One Esc closes the help, the extra one only says how to quit.
    app.press("\x1b");
    app.wait_for("the help to close", |s| {
        !s.contents().contains("show or hide this help")
    });
    app.press("\x1b");
    app.wait_for_text(&["Esc closes prompts and the help; q quits"]);
    assert!(app.child.try_wait().unwrap().is_none(), "still running");
    app.press("r");
    app.wait_for_text(&["newtoken123"]);
    app.press("q");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}

#[test]
fn q_after_an_edit_asks_and_only_y_quits() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    app.press("dy");
    app.wait_for_text(&["delete alice"]);
    app.press("q");
    app.wait_for_text(&["Quit? Users or the policy were edited", "y quits"]);
    app.press("n");
    app.wait_for_text(&["quit cancelled: w saves the edits"]);
    assert!(app.child.try_wait().unwrap().is_none(), "still running");
    app.press("q");
    app.wait_for_text(&["Quit? Users or the policy were edited"]);
    app.press("y");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}

#[test]
fn ctrl_c_quits_at_once_after_an_edit() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    app.press("b");
    app.wait_for_text(&["boundary lesson → rfc7519"]);
    app.press("\x03");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}

#[test]
fn ctrl_c_quits_in_raw_mode() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    app.press("\x03");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    let pid = app.child.process_id().unwrap();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = app.wait_for_exit();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    assert_eq!(
        status.signal(),
        None,
        "it exits, it is not killed by the signal"
    );
    app.wait_for_restored_terminal();
}

#[test]
fn a_mouse_click_selects_a_row() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["carol"]);
    // SGR mouse report: left button pressed at column 5, row 5 (1-based), carol's row.
    app.press("\x1b[<0;5;5M\x1b[<0;5;5m");
    app.press("r");
    app.wait_for_text(&["Refreshed token for carol: newtoken123 (expired: 50 < 120;"]);
}

/// The time the clock panel shows (`now  130`).
fn now_on_screen(app: &App) -> Option<u64> {
    let contents = app.screen.lock().unwrap().screen().contents();
    let rest = &contents[contents.find("now  ")? + 5..];
    rest.split_whitespace().next()?.parse().ok()
}

#[test]
fn space_plays_and_pauses_the_clock() {
    let mut app = App::start(80, 24);
    // At 80×24 the clock panel has room for the step, not for `paused (2/s)` after it.
    app.wait_for_text(&["alice", "step 10"]);
    app.press(" ");
    app.wait_for_text(&["▶ play 2/s"]);
    app.wait_for("the clock to pass 130", |screen| {
        let contents = screen.contents();
        contents
            .find("now  ")
            .and_then(|i| {
                contents[i + 5..]
                    .split_whitespace()
                    .next()?
                    .parse::<u64>()
                    .ok()
            })
            .is_some_and(|now| now > 130)
    });
    app.press(" ");
    app.wait_for("the clock to stop playing", |screen| {
        !screen.contents().contains("▶ play")
    });
    let paused_at = now_on_screen(&app).unwrap();
    // Four play intervals: a clock still playing would move.
    std::thread::sleep(Duration::from_millis(2000));
    assert_eq!(now_on_screen(&app), Some(paused_at), "{}", app.dump());
    app.wait_for_text(&[&format!("t={paused_at} pause")]);
}

#[test]
fn undo_brings_back_alices_old_token() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["abc123"]);
    app.press("r");
    app.wait_for_text(&["Refreshed token for alice: newtoken123"]);
    app.wait_for("abc123 to be gone", |s| !s.contents().contains("abc123"));
    app.press("u");
    app.wait_for_text(&["abc123", "t=120 undo: refresh alice"]);
    app.press("\x12");
    app.wait_for_text(&["t=120 redo: refresh alice"]);
}

#[test]
fn set_time_prompt_takes_digits_before_the_key_table() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    // `q` inside the prompt is typed (and said to be wrong), not a quit.
    app.press("t1q");
    app.wait_for_text(&["time: 1q", "'1q' is not a whole number of ticks"]);
    app.press("\r");
    app.wait_for_text(&["now  120"]);
    app.press("\x7f00\r");
    app.wait_for_text(&["now  100", "t=100 clock 120 → 100", "VALID ✓ last tick"]);
    app.press("b");
    app.wait_for_text(&["expiry ≤ now", "expired now"]);
}

#[test]
fn the_transcript_records_each_operation_in_the_scripts_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handout.txt");
    let mut app = App::start_with(80, 24, &["--transcript", path.to_str().unwrap()], &[]);
    app.wait_for_text(&["alice"]);
    app.press("rTR");
    app.wait_for_text(&["refresh all: 1 refreshed (carol), 2 still valid"]);
    app.press("q");
    assert!(app.wait_for_exit().success());
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "# tokenclock 0.1.0 on built-in lesson",
            "t=120 refresh alice → Refreshed token for alice: newtoken123",
            "t=120 refresh-all → Token for alice is still valid: newtoken123 (expires at 220)",
            "t=120 refresh-all → Token for bob is still valid: def456 (expires at 200)",
            "t=120 refresh-all → Refreshed token for carol: newtoken123",
        ]
    );
    assert!(!text.contains('\x1b'), "plain text, no escape sequences");
}

fn has_colour(app: &App) -> bool {
    let parser = app.screen.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    (0..rows.get()).any(|row| {
        (0..cols.get()).any(|col| {
            screen.cell(row, col).is_some_and(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
        })
    })
}

#[test]
fn no_color_draws_without_colours() {
    let coloured = App::start(80, 24);
    coloured.wait_for_text(&["EXPIRED ✗", "VALID ✓", "quit"]);
    assert!(has_colour(&coloured), "the default theme has colours");
    let plain = App::start_with(80, 24, &[], &[("NO_COLOR", "1")]);
    plain.wait_for_text(&["EXPIRED ✗", "VALID ✓", "quit"]);
    assert!(!has_colour(&plain), "{}", plain.dump());
}

#[cfg(unix)]
#[test]
fn w_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.toml");
    std::fs::copy("assets/boundary.toml", &target).unwrap();
    let link = dir.path().join("s.toml");
    std::os::unix::fs::symlink("real.toml", &link).unwrap();
    let mut app = App::start_with(100, 30, &["--scenario", link.to_str().unwrap()], &[]);
    app.wait_for_text(&["dana"]);
    app.press("r");
    app.wait_for_text(&["token for dana"]);
    // `w` offers the scenario's own path; Enter saves over it.
    app.press("w");
    app.wait_for_text(&["Save the scenario"]);
    app.press("\r");
    app.wait_for_text(&["saved to"]);
    app.press("q");
    assert!(app.wait_for_exit().success());
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(
        saved.contains("dana = { token = \"newtoken123\", expiry = 200 }\n"),
        "{saved}"
    );
    assert!(saved.starts_with("# The boundary tick"), "{saved}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file left"
    );
}

/// `--lesson seed` on a projector-sized terminal: it opens on step 0, then `.` through the four steps, a prediction at
/// the refresh, the lesson's line in the lesson panel, `,` back a step.
#[test]
fn the_seed_lesson_walks_with_a_prediction_at_the_refresh() {
    let mut app = App::start_with(100, 30, &["--lesson", "seed"], &[]);
    app.wait_for_text(&["Step 0 of 6", "Press . to start the lesson."]);
    app.press(".");
    app.wait_for_text(&["Step 1 of 6", "A dictionary `tokens` maps each user"]);
    app.press("..");
    app.wait_for_text(&["Step 3 of 6", "refresh_token(user): when"]);
    app.press(".");
    app.wait_for_text(&[
        "Step 4 of 6",
        "Predict: Will alice get a new token?",
        "1 refreshed  2 still valid",
    ]);
    app.press("1");
    app.wait_for_text(&[
        "Refreshed token for alice: newtoken123",
        "✓ right: refreshed",
        "Step 4 of 6 · 1 of 1 right",
    ]);
    app.press(",");
    app.wait_for_text(&["Step 3 of 6", "undo: refresh alice"]);
    app.press("q");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}

/// The app on a 30,000-user roster written in `dir`, saving it (`w`, a path in `dir`, `Enter`):
/// returned once the screen says it is saving, with the path saved to.
fn saving_a_large_roster(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    let roster = dir.join("class.csv");
    let mut csv = String::from("user,token,expiry\n");
    for i in 0..30_000 {
        csv.push_str(&format!("user{i:06},tok{:x},{}\n", i * 7919, i % 300));
    }
    std::fs::write(&roster, csv).unwrap();
    let saved = dir.join("class.toml");
    let mut app = App::start_with(100, 30, &["--users", roster.to_str().unwrap()], &[]);
    app.wait_for_text(&["user000000"]);
    app.press("w");
    app.wait_for_text(&["Save the scenario"]);
    app.press(saved.to_str().unwrap());
    app.press("\r");
    app.wait_for_text(&["saving 30000 users to"]);
    (app, saved)
}

/// `w` on a large roster: the save runs off the key path, so a key pressed while it runs is
/// handled (and logged) before the save's result. Ordering only, no timing: in a debug build
/// saving 30,000 users takes about a second.
#[test]
fn a_key_pressed_during_a_large_save_is_handled_before_the_save_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, saved) = saving_a_large_roster(dir.path());
    app.press("]");
    app.wait_for_text(&["saved to"]);
    let contents = app.screen.lock().unwrap().screen().contents();
    let row = |text: &str| {
        contents
            .lines()
            .position(|line| line.contains(text))
            .unwrap_or_else(|| panic!("no {text:?} on the screen:\n{contents}"))
    };
    assert!(
        row("saved to") < row("step 10 → 50") && row("step 10 → 50") < row("saving 30000 users"),
        "the key was handled while saving (the newest line on top):\n{contents}"
    );
    app.press("q");
    assert!(app.wait_for_exit().success());
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("user029999 = {"), "the whole roster saved");
}

/// SIGTERM while a save runs: the app says it waits, the save finishes (the whole file, no
/// temporary file left), then it exits 143 as for any SIGTERM.
#[test]
fn sigterm_during_a_large_save_waits_for_the_save_and_exits_143() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, saved) = saving_a_large_roster(dir.path());
    let pid = app.child.process_id().unwrap();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = app.wait_for_exit();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    app.wait_for_restored_terminal();
    app.wait_for_text(&["waiting for the save to finish before quitting"]);
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("user029999 = {"), "the whole roster saved");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "the roster and the file saved, no temporary file"
    );
}
