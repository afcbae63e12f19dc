//! Saves that rewrite only the users that changed (issue 17: a save of 100,000 users after one
//! refresh took seconds): in the real binary, one save after another into a class's file writes
//! what the whole-file edit writes from the same states, comments kept, and the file loads back.

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use tokenclock::domain::{Op, Session};
use tokenclock::files::edit::edit_toml;
use tokenclock::files::parse_scenario;

/// 40 users mid-story, with comments, two tabs each and a user's own setting.
fn class() -> String {
    let mut text = String::from(
        "# the class of 2026\ncurrent_time = 400  # after the break\n\n[refresh]\nttl = 300\n\n\
         [oauth]\n\n[tokens]\n",
    );
    for i in 0..40 {
        let own = if i == 9 { ", grace = 5" } else { "" };
        let _ = writeln!(
            text,
            "u{i} = {{ token = \"at-u{i}-2\", expiry = 600{own} }}"
        );
    }
    for i in 0..40 {
        let _ = write!(
            text,
            "\n# u{i}'s story\n[family.u{i}]\nlogin = 0\ngeneration = 2\nrefresh = \"rt-u{i}-2\"\n\
             previous = \"rt-u{i}-1\"\nrotated_at = 300\nused = [\"rt-u{i}-1\"]\nlast_use = 300\n"
        );
    }
    text.push_str("\n[clients]\n");
    for i in 0..40 {
        let _ = writeln!(
            text,
            "u{i} = [{{ name = \"tab1\" }}, {{ name = \"tab2\" }}]"
        );
    }
    text
}

#[test]
fn saves_of_a_few_users_write_what_the_whole_file_edit_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.toml");
    std::fs::write(&path, class()).unwrap();
    let file = path.to_str().unwrap();
    let script = format!(
        "advance 400; refresh u7; save {file}; refresh u9; steal u3; save {file}; \
         advance 20; refresh u12; save {file}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(["--scenario", file, "--exec", &script])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));

    // The same states, each saved by the whole-file edit into the text saved before.
    let mut text = class();
    let mut session = Session::batch(parse_scenario(&text, "class.toml").unwrap());
    let saves: [&[Op]; 3] = [
        &[Op::Advance(400), Op::Refresh("u7".into())],
        &[Op::Refresh("u9".into()), Op::Steal("u3".into())],
        &[Op::Advance(20), Op::Refresh("u12".into())],
    ];
    for ops in saves {
        for op in ops {
            session.apply(op).unwrap();
        }
        text = edit_toml(&text, session.scenario()).expect("an in-place save");
    }
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, text);
    assert!(written.contains("current_time = 820  # after the break\n"));
    assert!(written.contains("\n# u7's story\n[family.u7]\n"));
    let loaded = parse_scenario(&written, "class.toml").unwrap();
    assert!(loaded.holds_the_same_as(session.scenario()));
}
