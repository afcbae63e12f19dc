//! "Did you mean" at class scale: a script of unknown users checked against a 10,000-user
//! roster of 64-character names gives every error (the suggestion search is bounded per error;
//! see `src/suggest.rs`, whose tests count the work). The full 2,000-line case is ignored by
//! default (slow in a debug build); run it with
//! `cargo test --release --test suggest_scale -- --ignored --nocapture`. It prints the time
//! taken, which the README's "Reliability" section quotes; nothing here asserts a time.

use std::fmt::Write as _;
use std::process::Command;
use std::time::Instant;

/// A deterministic 64-letter name.
fn name(seed: u64) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..64)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect()
}

fn run(roster: &str, script: &str) -> (std::process::Output, std::time::Duration) {
    let dir = tempfile::tempdir().unwrap();
    let roster_path = dir.path().join("class.csv");
    let script_path = dir.path().join("unknown.txt");
    std::fs::write(&roster_path, roster).unwrap();
    std::fs::write(&script_path, script).unwrap();
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .arg("--users")
        .arg(&roster_path)
        .arg("--script")
        .arg(&script_path)
        .output()
        .unwrap();
    (out, start.elapsed())
}

fn check_every_error_is_given(out: &std::process::Output, errors: usize) {
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("unknown user").count(), errors);
    assert!(stderr.ends_with(&format!(
        "the script has {errors} bad commands; nothing was run\n"
    )));
}

#[test]
fn two_hundred_unknown_users_against_ten_thousand_long_names_give_every_error() {
    unknown_users_against_long_names(200);
}

#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn two_thousand_unknown_users_against_ten_thousand_long_names_give_every_error() {
    unknown_users_against_long_names(2_000);
}

#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn two_thousand_look_alike_names_that_defeat_the_filters_still_give_every_error() {
    look_alike_names(2_000);
}

#[test]
fn two_hundred_look_alike_names_that_defeat_the_filters_still_give_every_error() {
    look_alike_names(200);
}

fn unknown_users_against_long_names(unknown: u64) {
    let mut roster = String::from("user,token,expiry\n");
    for i in 0..10_000 {
        writeln!(roster, "{},tok{i},{i}", name(i)).unwrap();
    }
    let mut script = String::new();
    for i in 0..unknown {
        writeln!(script, "refresh {}", name(1_000_000 + i)).unwrap();
    }
    // One near miss, so the search is really made: a name with its last letter changed.
    let near = name(42);
    let typo = format!(
        "{}{}",
        &near[..63],
        if near.ends_with('z') { 'y' } else { 'z' }
    );
    script = script.replacen(
        &script[..script.find('\n').unwrap()],
        &format!("refresh {typo}"),
        1,
    );
    let (out, elapsed) = run(&roster, &script);
    check_every_error_is_given(&out, unknown as usize);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("(did you mean '{near}'?)")),
        "{}",
        &stderr[..300]
    );
    eprintln!("{unknown} unknown users x 10,000 names of 64 characters: {elapsed:?}");
}

fn look_alike_names(unknown: usize) {
    let prefix = "x".repeat(58);
    let mut roster = String::from("user,token,expiry\n");
    for i in 0..10_000 {
        writeln!(roster, "{prefix}{i:06},tok{i},{i}").unwrap();
    }
    let mut script = String::new();
    for i in 0..unknown {
        writeln!(script, "refresh {prefix}q{i:05}").unwrap();
    }
    let (out, elapsed) = run(&roster, &script);
    check_every_error_is_given(&out, unknown);
    eprintln!("{unknown} look-alike unknown users x 10,000 look-alike names: {elapsed:?}");
}
