//! End-to-end in a pseudo-terminal: hostile text never reaches the screen raw, a paste is text
//! and not keys, and a lost, stopped or quit terminal is given back.

#[path = "support/pty.rs"]
mod harness;

use harness::App;

/// What the app itself never sends, so any of it in the byte stream came from input: OSC
/// (titles, hyperlinks, the clipboard), DCS and APC strings, BEL, C1 controls and invisible or
/// reordering characters.
fn hostile_bytes_in(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    for needle in ["\x1b]", "\x1bP", "\x1b_", "\x07"] {
        if text.contains(needle) {
            return Some(format!("{needle:?}"));
        }
    }
    text.chars()
        .find(|&c| {
            matches!(c, '\u{80}'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| format!("U+{:04X}", c as u32))
}

fn assert_no_hostile_bytes(app: &App) {
    let raw = app.raw.lock().unwrap().clone();
    if let Some(found) = hostile_bytes_in(&raw) {
        panic!("{found} reached the terminal; the screen:\n{}", app.dump());
    }
}

/// Typed into a prompt: crossterm reads the escape sequences as keys, the rest as characters.
const TYPED: [&str; 6] = [
    "\u{9b}2J",
    "\u{9d}0;PWNED\u{9c}",
    "abc\u{202e}fdp",
    "al\u{200b}ice",
    "\u{2066}x\u{2069}",
    "ding\x07",
];

#[test]
fn hostile_text_typed_into_a_prompt_never_reaches_the_screen_raw() {
    let mut app = App::start(100, 30);
    app.wait_for_text(&["alice"]);
    for typed in TYPED {
        app.press("a");
        app.wait_for_text(&["name"]);
        app.press(typed);
        app.press("\r");
        // Esc closes whatever prompt the Enter left open.
        app.press("\x1b");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.press("q");
    app.wait_for_exit();
    assert_no_hostile_bytes(&app);
}

#[test]
fn a_hostile_scenario_file_name_is_shown_escaped_when_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s\x1b]0;PWNED\x07\u{202e}.toml");
    std::fs::copy("assets/lesson.toml", &path).unwrap();
    let mut app = App::start_with(120, 30, &["--scenario", path.to_str().unwrap()], &[]);
    app.wait_for_text(&["alice"]);
    // A path that cannot be typed is not offered in the prompt: `w` saves to it and logs it.
    app.press("w");
    app.wait_for_text(&["saved to", "\\u{1b}]0;PWNED\\u{7}\\u{202e}.toml"]);
    app.press("q");
    app.wait_for_exit();
    assert_no_hostile_bytes(&app);
}
