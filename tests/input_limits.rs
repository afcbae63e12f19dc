//! Bounded input: files over the limit, devices and directories are refused before reading,
//! with a clear error and exit 2; pipes are read (through the same limit).

use std::path::Path;
use std::process::Command;
use tokenclock::files::limits::MAX_INPUT_BYTES;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Each input option with what its messages call the file.
const INPUTS: [(&str, &str); 3] = [
    ("--scenario", "scenario"),
    ("--users", "roster"),
    ("--script", "script"),
];

#[test]
fn dev_zero_is_refused_as_a_device_for_every_input() {
    for (option, what) in INPUTS {
        let (code, _, stderr) = run(&[option, "/dev/zero"]);
        assert_eq!(code, Some(2), "{option}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "tokenclock: /dev/zero: cannot read the {what}: it is a device, not a file of text\n"
            )
        );
    }
}

#[test]
fn a_directory_is_refused_for_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    for (option, what) in INPUTS {
        let (code, _, stderr) = run(&[option, path]);
        assert_eq!(code, Some(2), "{option}: {stderr}");
        assert!(
            stderr.ends_with(&format!(
                ": cannot read the {what}: it is a directory, not a file of text\n"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn a_file_larger_than_the_limit_is_refused_by_its_size_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge");
    // Sparse: it takes no disk space, and reading it would take a gigabyte of memory.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_INPUT_BYTES + 1)
        .unwrap();
    for (option, what) in INPUTS {
        let (code, _, stderr) = run(&[option, path.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{option}: {stderr}");
        assert!(
            stderr.ends_with(&format!(
                ": cannot read the {what}: the file is 1073741825 bytes, larger than the most \
                 tokenclock reads (1 GiB)\n"
            )),
            "{stderr}"
        );
    }
}

/// A named pipe, as `--users <(make-roster)` gives, with `text` written into it by a thread.
fn fifo_with(dir: &Path, text: &'static str) -> std::path::PathBuf {
    let path = dir.join("pipe");
    let status = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(status.success());
    let writer_path = path.clone();
    std::thread::spawn(move || std::fs::write(writer_path, text));
    path
}

#[test]
fn a_roster_from_a_pipe_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo_with(dir.path(), "user,token,expiry\nzed,tok,5\n");
    let (code, stdout, stderr) = run(&["--users", pipe.to_str().unwrap(), "--exec", "refresh zed"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "Refreshed token for zed: newtoken123\n");
}
