//! A million-user roster loads and `refresh-all` prints a line for every user.
//!
//! Ignored by default (it writes a 30 MB file and wants an optimised build); run it with
//! `cargo test --release --test big_roster -- --ignored`. It prints the time taken; the figures
//! in the README come from `cargo bench` and timed runs, not from an assertion here.

use std::io::{BufWriter, Write};
use std::process::{Command, Stdio};
use std::time::Instant;

const USERS: usize = 1_000_000;

#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn a_million_users_load_and_refresh_in_well_under_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut csv = BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(csv, "user,token,expiry").unwrap();
    for i in 0..USERS {
        writeln!(csv, "user{i:07},tok{:x},{}", i * 7919, i % 300).unwrap();
    }
    csv.into_inner().unwrap().sync_all().unwrap();

    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(["--users", path.to_str().unwrap(), "--exec", "refresh-all"])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    let elapsed = start.elapsed();

    assert_eq!(out.status.code(), Some(0));
    let lines = out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    assert_eq!(lines.count(), USERS);
    assert!(
        out.stdout
            .starts_with(b"Refreshed token for user0000000: newtoken123\n")
    );
    eprintln!("1,000,000 users: load + refresh-all in {elapsed:?}");
}
