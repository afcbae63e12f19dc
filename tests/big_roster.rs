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

/// Peak memory of this process so far (Linux), for the printout.
fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{} MB", kb / 1024))
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn the_app_refreshes_a_million_users_with_undo_and_takes_it_back() {
    use tokenclock::domain::{Op, Report, Scenario, Session};
    use tokenclock::files::roster::read_roster;

    let mut csv = String::from("user,token,expiry\n");
    for i in 0..USERS {
        csv.push_str(&format!("user{i:07},tok{:x},{}\n", i * 7919, i % 300));
    }
    let mut scenario = Scenario::lesson();
    scenario.tokens = read_roster(csv.as_bytes(), "big.csv", USERS).unwrap();
    drop(csv);
    // As the app keeps it: undo on, and the scenario as loaded for reset.
    let mut session = Session::new(scenario);
    // Fingerprints rather than copies, so the peak printed is the session's own.
    let fingerprint = |s: &Session| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        s.scenario().now().hash(&mut h);
        for (name, user) in s.scenario().tokens.users() {
            (name, &user.token.value, user.token.expiry, user.issued_at()).hash(&mut h);
            for past in user.past() {
                (&past.value, past.issued_at, past.expiry, past.replaced_at).hash(&mut h);
            }
        }
        h.finish()
    };
    let loaded = fingerprint(&session);
    let timed = |session: &mut Session, op: Op| {
        let start = Instant::now();
        let report = session.apply(&op).unwrap();
        (report, start.elapsed())
    };
    let refreshed = |report: &Report| match report {
        Report::RefreshAll { refreshed, .. } => refreshed.count,
        other => panic!("{other:?}"),
    };

    let (first, t1) = timed(&mut session, Op::RefreshAll);
    let expired = (0..USERS).filter(|i| i % 300 < 120).count();
    assert_eq!(refreshed(&first), expired);
    let after_first = fingerprint(&session);
    session.apply(&Op::SetTime(300)).unwrap();
    let (second, t2) = timed(&mut session, Op::RefreshAll);
    assert_eq!(refreshed(&second), USERS);
    let after_second = fingerprint(&session);
    let peak = peak_mb();
    let (_, undo) = timed(&mut session, Op::Undo);
    session.apply(&Op::Undo).unwrap();
    assert_eq!(fingerprint(&session), after_first);
    let (_, undo_first) = timed(&mut session, Op::Undo);
    assert_eq!(fingerprint(&session), loaded);
    for _ in 0..3 {
        session.apply(&Op::Redo).unwrap();
    }
    assert_eq!(fingerprint(&session), after_second);
    let alice = session.scenario().tokens.user("user0000000").unwrap();
    assert_eq!(alice.past_count(), 2);
    eprintln!(
        "1,000,000 users with undo: refresh-all {t1:?}, a second one {t2:?}, undo {undo:?} \
         and {undo_first:?}; peak {peak} after the two refreshes, {} in all",
        peak_mb()
    );
}
