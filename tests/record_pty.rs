//! `--record FILE.cast` in a real terminal: the file is asciicast v2 (a header, then
//! `[time, "o", text]` events), and its frames replayed through a terminal emulator give the
//! app's final screen. What came from input stays neutralised in it.

#[path = "support/pty.rs"]
mod harness;

use harness::App;
use std::num::NonZeroU16;

/// A scenario file whose name sets the window title and the clipboard (OSC 0, OSC 52) and
/// turns the text around (U+202E): the app shows it, escaped, when it saves.
const HOSTILE_NAME: &str = "s\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\u{202e}.toml";

#[test]
fn a_recording_is_asciicast_v2_and_replays_to_the_final_screen() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join(HOSTILE_NAME);
    std::fs::copy("assets/lesson.toml", &scenario).unwrap();
    let cast = dir.path().join("demo.cast");
    let args = [
        "--scenario",
        scenario.to_str().unwrap(),
        "--record",
        cast.to_str().unwrap(),
    ];
    let mut app = App::start_with(100, 30, &args, &[]);
    app.wait_for_text(&["alice", "abc123"]);
    app.press("r");
    app.wait_for_text(&["Refreshed token for alice: newtoken123"]);
    app.press("w");
    app.wait_for_text(&["saved to", "\\u{1b}]0;PWNED\\u{7}"]);
    app.press("\x1b[B");
    app.press("r");
    app.wait_for_text(&["Token for bob is still valid"]);
    let final_screen = app.screen.lock().unwrap().screen().contents();
    app.press("q");
    assert!(app.wait_for_exit().success());

    let text = std::fs::read_to_string(&cast).unwrap();
    let mut lines = text.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], 100);
    assert_eq!(header["height"], 30);
    assert!(header["timestamp"].is_u64(), "{header}");

    let mut replay = vt100::Parser::new(
        NonZeroU16::new(30).unwrap(),
        NonZeroU16::new(100).unwrap(),
        0,
    );
    let mut last_time = 0.0;
    let mut events = 0;
    for line in lines {
        let event: (f64, String, String) = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not an asciicast v2 event: {line}: {e}"));
        let (time, kind, data) = event;
        assert!(time >= last_time, "events out of order: {line}");
        last_time = time;
        assert_eq!(kind, "o", "{line}");
        assert!(
            !data.contains("\x1b]") && !data.contains('\x07') && !data.contains('\u{202e}'),
            "input reached the recording raw: {line}"
        );
        replay.process(data.as_bytes());
        events += 1;
    }
    assert!(events >= 3, "{text}");
    assert_eq!(replay.screen().contents(), final_screen);
}

#[test]
fn a_recording_into_the_scenario_file_is_refused() {
    let scenario = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lesson.toml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .arg("--scenario")
        .arg(&scenario)
        .arg("--record")
        .arg(&scenario)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the recording would be written into the scenario file"),
        "{stderr}"
    );
}
