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

/// What a terminal sends for a paste while bracketed paste is on.
fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

#[test]
fn pasting_show_into_the_app_changes_nothing_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    let original = "# the class's scenario, with comments a save would drop\n\
                    current_time = 120\n[tokens]\nalice = { token = \"abc123\", expiry = 100 }\n";
    std::fs::write(&path, original).unwrap();
    let mut app = App::start_with(100, 30, &["--scenario", path.to_str().unwrap()], &[]);
    app.wait_for_text(&["alice", "now  120"]);
    app.wait_for("bracketed paste on", |s| s.bracketed_paste());
    // As keys: `h` moves the clock back, `w` opens the save prompt and Enter saves.
    app.press(&bracketed("show\r"));
    app.wait_for_text(&["paste ignored: 5 characters"]);
    app.press(&bracketed("w\r"));
    app.wait_for_text(&["paste ignored: 2 characters"]);
    let contents = app.screen.lock().unwrap().screen().contents();
    assert!(contents.contains("now  120"), "{}", app.dump());
    assert!(!contents.contains("save to"), "{}", app.dump());
    app.press("q");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn a_paste_into_the_time_prompt_is_typed_not_submitted() {
    let mut app = App::start(100, 30);
    app.wait_for_text(&["alice"]);
    app.press("t");
    app.wait_for_text(&["time"]);
    app.press(&bracketed("3\r00"));
    app.wait_for_text(&["300"]);
    assert!(
        app.screen
            .lock()
            .unwrap()
            .screen()
            .contents()
            .contains("now  120")
    );
    app.press("\r");
    app.wait_for_text(&["now  300", "time set: 120 → 300"]);
}

#[test]
fn hostile_text_pasted_into_a_prompt_never_reaches_the_screen_raw() {
    let mut app = App::start(100, 30);
    app.wait_for_text(&["alice"]);
    let pasted = [
        "\x1b]0;PWNED\x07",
        "\x1b]52;c;cm0gLXJmIH4=\x07",
        "\x1b]8;;http://evil.example/\x1b\\x",
        "\x1bP$q\"p\x1b\\",
        "\x1b_apc\x1b\\",
        "\x1b[2J\x1b[31m",
    ]
    .iter()
    .chain(TYPED.iter());
    for (n, text) in pasted.enumerate() {
        app.press("w");
        app.wait_for_text(&["save to"]);
        app.press(&bracketed(text));
        app.wait_for_text(&["paste:"]);
        app.press("\x1b");
        // Sent together, Esc and `t` would be read as Alt-t.
        app.wait_for("the prompt to close", |s| !s.contents().contains("save to"));
        app.press(&format!("t{n}\r"));
        app.wait_for_text(&[&format!("time set: {}", if n == 0 { 120 } else { n - 1 })]);
    }
    app.press("q");
    app.wait_for_exit();
    assert_no_hostile_bytes(&app);
}
