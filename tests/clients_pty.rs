//! End-to-end: the real binary in a pseudo-terminal on `assets/two-tabs.toml`: `K` then `r`
//! races the selected user's tabs, and the why panel and the results say what happened.

#[path = "support/pty.rs"]
mod harness;

use harness::App;

#[test]
fn k_then_r_races_two_tabs_and_the_screen_explains_it() {
    let preset = format!("{}/assets/two-tabs.toml", env!("CARGO_MANIFEST_DIR"));
    let mut app = App::start_with(100, 30, &["--scenario", &preset], &[]);
    app.wait_for_text(&["nograce", "Clients"]);
    app.press("t");
    app.wait_for_text(&["Set the time"]);
    app.press("3540\r");
    app.wait_for_text(&["now  3540"]);
    app.press("K");
    app.wait_for_text(&["Clients of nograce (on tab1)"]);
    app.press("r");
    app.wait_for_text(&[
        "Why: race nograce at t=3540",
        "6. used before; reuse detection on ✗",
        "Refresh failed for nograce (tab2): reuse detected",
    ]);
    app.press("q");
    app.wait_for_exit();
}
