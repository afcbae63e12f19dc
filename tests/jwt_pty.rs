//! The JWT screen's live clock in a real terminal: it follows the wall clock with one redraw a
//! second and no other work, measured in the process's CPU ticks (/proc/PID/stat), not timed.

#[path = "support/pty.rs"]
mod pty;

use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::json;
use std::collections::BTreeSet;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// User plus system CPU time of a process, in clock ticks (fields 14 and 15 of
/// /proc/PID/stat, counted after the command name's closing parenthesis).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after_name = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// The clock line's Unix seconds, sampled every 50 ms for `span`: the distinct values seen.
fn seconds_shown(app: &pty::App, span: Duration) -> BTreeSet<String> {
    let start = Instant::now();
    let mut seen = BTreeSet::new();
    while start.elapsed() < span {
        let contents = app.screen.lock().unwrap().screen().contents();
        if let Some(first) = contents.lines().next() {
            seen.insert(first.split_whitespace().nth(2).unwrap_or("").to_owned());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    seen
}

#[test]
fn the_live_clock_redraws_once_a_second_and_uses_no_other_cpu() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let key = EncodingKey::from_secret(b"classroom-secret").unwrap();
    let token = encode(
        &Header::new(Algorithm::HS256),
        &json!({"sub": "live", "exp": now + 3600}),
        &key,
    )
    .unwrap();
    let mut app = pty::App::start_with(80, 24, &["--jwt", &token], &[]);
    app.wait_for_text(&["● live", "Validators: live"]);
    let pid = app.child.process_id().unwrap();

    // Live: a new second on screen about once a second, and almost no CPU in between.
    let ticks = cpu_ticks(pid);
    let bytes = app.raw.lock().unwrap().len();
    let seen = seconds_shown(&app, Duration::from_secs(5));
    let live_ticks = cpu_ticks(pid) - ticks;
    let live_bytes = app.raw.lock().unwrap().len() - bytes;
    eprintln!(
        "live for 5 s: {} distinct seconds shown, {live_ticks} CPU ticks, {live_bytes} bytes written",
        seen.len()
    );
    // It follows the wall clock (a busy machine may delay a redraw, never add one).
    assert!((2..=7).contains(&seen.len()), "{seen:?}");
    // A busy loop would use about 500 ticks in 5 s; five redraws use a few at most.
    assert!(live_ticks <= 25, "{live_ticks} ticks while live");
    // Each redraw writes only the cells that changed (the clock and the relative times).
    assert!(live_bytes < 5 * 2000, "{live_bytes} bytes for 5 redraws");

    // Frozen: nothing changes and nothing runs.
    app.press(" ");
    app.wait_for_text(&["‖ frozen"]);
    let ticks = cpu_ticks(pid);
    let bytes = app.raw.lock().unwrap().len();
    let seen = seconds_shown(&app, Duration::from_secs(3));
    let frozen_ticks = cpu_ticks(pid) - ticks;
    let frozen_bytes = app.raw.lock().unwrap().len() - bytes;
    eprintln!("frozen for 3 s: {frozen_ticks} CPU ticks, {frozen_bytes} bytes written");
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(frozen_ticks <= 2, "{frozen_ticks} ticks while frozen");
    assert_eq!(frozen_bytes, 0);

    app.press("q");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}
