//! Byte-order marks and encodings: a leading UTF-8 BOM is accepted in every kind of file, and
//! every decoding error names the file and the line.

use std::process::Command;

fn run(dir: &std::path::Path, file: &str, bytes: &[u8], args: &[&str]) -> (Option<i32>, String) {
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}

#[test]
fn a_script_file_may_start_with_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = run(
        dir.path(),
        "s.txt",
        b"\xef\xbb\xbfrefresh alice\n",
        &["--script", "s.txt"],
    );
    assert_eq!(
        (code, out.as_str()),
        (Some(0), "Refreshed token for alice: newtoken123\n")
    );
}

#[test]
fn scenarios_and_rosters_may_start_with_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let toml = b"\xef\xbb\xbfcurrent_time = 7\n[tokens]\nzed = { token = \"t\", expiry = 9 }\n";
    let (code, out) = run(
        dir.path(),
        "s.toml",
        toml,
        &["--scenario", "s.toml", "--exec", "refresh zed"],
    );
    assert_eq!(code, Some(0), "{out}");
    let csv = b"\xef\xbb\xbfuser,token,expiry\nzed,t,1\n";
    let (code, out) = run(
        dir.path(),
        "r.csv",
        csv,
        &["--users", "r.csv", "--exec", "refresh zed"],
    );
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn every_decoding_error_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let toml = b"current_time = 1\n[tokens]\n# caf\xe9\n";
    let (code, out) = run(dir.path(), "s.toml", toml, &["--scenario", "s.toml"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "tokenclock: s.toml:3:6: the scenario is not valid UTF-8\n"
    );
    let csv = b"user,token,expiry\nalice,t,1\nz\xe9d,t,1\n";
    let (code, out) = run(dir.path(), "r.csv", csv, &["--users", "r.csv"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "tokenclock: r.csv:3: user name is not valid UTF-8\n");
    let script = b"show\nrefresh \xff\n";
    let (code, out) = run(dir.path(), "s.txt", script, &["--script", "s.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "tokenclock: s.txt:2:9: the script is not valid UTF-8\n"
    );
}
