//! The real binary run as a command, shared by the CLI tests of the presets: its exit code and
//! output, a preset's story, and the manual's console examples checked line for line.
// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::process::Command;

/// Runs the binary with `args`: its exit code, stdout and stderr.
pub fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// What `--scenario assets/PRESET --exec COMMANDS` prints; it must succeed.
pub fn story(preset: &str, commands: &str) -> String {
    let path = format!("{}/assets/{preset}", env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, stderr) = run(&["--scenario", &path, "--exec", commands]);
    assert_eq!(code, Some(0), "{stderr}");
    stdout
}

/// Runs each `$ tokenclock --scenario assets/X --exec "..."` line of every console block of a
/// manual page and asserts it prints the lines below it; returns how many it ran.
pub fn check_console_blocks(page: &str) -> usize {
    page.split("```console\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .map(check_console_block)
        .sum()
}

fn check_console_block(block: &str) -> usize {
    let lines: Vec<&str> = block.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(command) = line.strip_prefix("$ tokenclock ") else {
            continue;
        };
        let expected: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("$ "))
            .copied()
            .collect();
        let (preset, commands) = command
            .strip_prefix("--scenario assets/")
            .and_then(|rest| rest.split_once(" --exec \""))
            .expect("--scenario assets/X --exec \"...\"");
        let out = story(preset, commands.trim_end_matches('"'));
        assert_eq!(out.lines().collect::<Vec<_>>(), expected, "{command}");
        checked += 1;
    }
    checked
}
