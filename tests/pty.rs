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
    app.wait_for_text(&["newtoken123", "220", "expired (100 < 120) → newtoken123"]);
    app.press(DOWN);
    app.press("r");
    app.wait_for_text(&["refresh bob: still valid (200 ≥ 120), 80 left"]);
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
    app.wait_for_text(&["refresh carol: expired (50 < 120) → newtoken123, expires 220"]);
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
    app.wait_for_text(&["alice", "paused (2/s)"]);
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
    app.wait_for_text(&["paused (2/s)"]);
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
    app.wait_for_text(&["newtoken123", "expires 220"]);
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
    // `q` inside the prompt is typed (and refused), not a quit.
    app.press("t1q00\r");
    app.wait_for_text(&["now  100", "t=100 time set: 120 → 100", "VALID ✓ last tick"]);
    app.press("b");
    app.wait_for_text(&["expiry ≤ now", "expired now"]);
}

#[test]
fn the_transcript_records_the_apps_log_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handout.txt");
    let mut app = App::start_with(80, 24, &["--transcript", path.to_str().unwrap()], &[]);
    app.wait_for_text(&["alice"]);
    app.press("rR");
    app.wait_for_text(&["refresh all: 1 refreshed (carol), 2 still valid"]);
    app.press("q");
    assert!(app.wait_for_exit().success());
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "# tokenclock 0.1.0 on built-in lesson",
            "t=120 refresh alice: expired (100 < 120) → newtoken123, expires 220",
            "t=120 refresh all: 1 refreshed (carol), 2 still valid (alice, bob)",
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
