//! Issue 17's hostile sweep, end to end: SIGTERM while a background save runs (`w` at 1,000
//! users or more, here one that edits the whole file) waits for the save, then gives the terminal back and exits 143; the file is
//! the new state, whole, and no temporary file is left beside it. (`App::update` tests in
//! `app_background_save.rs` check `q` and Ctrl-C; this is the signal, in a real terminal.)
#![cfg(unix)]

#[path = "support/pty.rs"]
mod harness;

use harness::App;

/// Users with clients and a family table each, so the save takes a while even in a debug build.
const USERS: usize = 4000;

fn scenario() -> String {
    let mut text = String::from("current_time = 600\n[oauth]\nrotation = true\n[tokens]\n");
    for i in 0..USERS {
        text.push_str(&format!(
            "u{i} = {{ token = \"at-u{i}-1\", expiry = 900 }}\n"
        ));
    }
    text.push_str("[clients]\n");
    for i in 0..USERS {
        text.push_str(&format!(
            "u{i} = [{{ name = \"t1\" }}, {{ name = \"t2\" }}]\n"
        ));
    }
    for i in 0..USERS {
        text.push_str(&format!(
            "[family.u{i}]\nlogin = 0\nrefresh = \"rt-u{i}-1\"\nlast_use = 0\n"
        ));
    }
    text
}

#[test]
fn sigterm_during_a_background_save_waits_for_it_then_exits_143() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.toml");
    std::fs::write(&path, scenario()).unwrap();
    let shown = path.to_str().unwrap();
    let mut app = App::start_with(100, 30, &["--scenario", shown], &[]);
    app.wait_for_text(&["u0"]);
    // `t 700 Enter`: a state the file does not hold yet; then `w Enter` saves over the file.
    app.press("t");
    app.wait_for_text(&["Set the time"]);
    app.press("700\r");
    app.wait_for_text(&["t=700"]);
    // A policy change too (`b`: the boundary), so the save edits the whole file, as a save after
    // most users changed does; a save that splices a few changed lines ends before a signal can
    // come.
    app.press("b");
    app.wait_for_text(&["rfc7519"]);
    app.press("w");
    app.wait_for_text(&["Save the scenario"]);
    app.press("\r");
    app.wait_for_text(&[&format!("saving {USERS} users")]);
    let pid = app.child.process_id().unwrap();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = app.wait_for_exit();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    app.wait_for_restored_terminal();
    // The save was still running when the signal came: the app said why it did not quit yet.
    let said = String::from_utf8_lossy(&app.raw.lock().unwrap()).into_owned();
    assert!(
        said.contains("tokenclock: waiting for the save to finish before quitting"),
        "{}",
        app.dump()
    );
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with("current_time = 700\n"), "the new state");
    assert!(saved.contains(&format!("[family.u{}]", USERS - 1)), "whole");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        [std::ffi::OsString::from("class.toml")],
        "no temporary file"
    );
    let loads = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(["--scenario", shown, "--exec", "time 700"])
        .output()
        .unwrap();
    assert_eq!(loads.status.code(), Some(0), "the saved file loads");
}
