//! Nothing that came from input reaches a terminal raw: every input path (scenario file, roster,
//! script file, `--exec`, file names, the transcript) is fed a catalogue of hostile strings, and
//! stdout, stderr and the transcript are checked for escape sequences and invisible characters.
//! (The screen is checked in `tests/reliability_pty.rs`.)

use std::path::Path;
use std::process::{Command, Output};

/// Escape sequences and characters that act on a terminal or hide and reorder text.
const HOSTILE: [(&str, &str); 14] = [
    ("CSI clear screen", "\x1b[2J"),
    ("CSI colour", "\x1b[31mred"),
    ("OSC 0 title", "\x1b]0;PWNED\x07"),
    (
        "OSC 8 hyperlink",
        "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    ),
    ("OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4=\x07"),
    ("DCS query", "\x1bP$q\"p\x1b\\"),
    ("APC", "\x1b_payload\x1b\\"),
    ("BEL", "ding\x07"),
    ("C1 CSI", "\u{9b}2J"),
    ("C1 OSC", "\u{9d}0;PWNED\u{9c}"),
    ("bidi override", "abc\u{202e}fdp.exe"),
    ("bidi isolate", "\u{2066}x\u{2069}"),
    ("zero-width space", "al\u{200b}ice"),
    ("line separator", "a\u{2028}b"),
];

/// What a hostile string leaves if it reaches output raw. Checked independently of the app's
/// own sanitiser, so a gap in the sanitiser fails here.
fn raw_problem(text: &str) -> Option<String> {
    text.chars().find_map(|ch| {
        let bad = match ch {
            '\n' => false,
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => true,
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}' => true,
            _ => false,
        };
        bad.then(|| format!("U+{:04X}", ch as u32))
    })
}

fn assert_clean(what: &str, stream: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{what}: {stream} is not UTF-8 ({e}): {bytes:?}"));
    if let Some(problem) = raw_problem(text) {
        panic!("{what}: {stream} has {problem} raw:\n{text:?}");
    }
}

fn run(dir: &Path, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// Runs the binary; it must fail (the hostile text is bad input) with clean output.
fn check_refused(what: &str, dir: &Path, args: &[&std::ffi::OsStr]) {
    let out = run(dir, args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: {out:?} ({})",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stderr.is_empty(), "{what}: an error is printed");
    assert_clean(what, "stdout", &out.stdout);
    assert_clean(what, "stderr", &out.stderr);
}

/// The string written as a TOML basic string's content, every character escaped.
fn toml_escaped(text: &str) -> String {
    text.chars()
        .map(|c| format!("\\U{:08X}", c as u32))
        .collect()
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

#[test]
fn scenario_files_with_hostile_keys_names_and_values_give_clean_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    for (kind, hostile) in HOSTILE {
        let key = toml_escaped(hostile);
        let files = [
            format!("current_time = 1\n\"{key}\" = 1\n[tokens]\n"),
            format!(
                "current_time = 1\n[tokens]\na = {{ token = \"t\", expiry = 1, \"{key}\" = 2 }}\n"
            ),
            format!("current_time = 1\n[refresh]\nnew_token = {{ \"{key}\" = 1 }}\n[tokens]\n"),
            format!("current_time = 1\n[refresh]\n\"{key}\" = 1\n[tokens]\n"),
            format!("current_time = 1\n[tokens]\n\"x{key}\" = {{ token = \"t\", expiry = 1 }}\n"),
            format!("current_time = 1\n[tokens]\na = {{ token = \"{key}\", expiry = 1 }}\n"),
            format!("current_time = 1\n[refresh]\nnew_token = \"{key}\"\n[tokens]\n"),
            format!("current_time = 1\n[refresh]\nboundary = \"{key}\"\n[tokens]\n"),
            format!("current_time = \"{key}\"\n[tokens]\n"),
            // The real-world model, its families and clients, and lesson steps.
            format!("current_time = 1\n[oauth]\nvalidator = \"{key}\"\n[tokens]\n"),
            format!("current_time = 1\n[oauth]\naccess = \"{key}\"\n[tokens]\n"),
            format!("current_time = 1\n[oauth]\n\"{key}\" = 1\n[tokens]\n"),
            format!(
                "current_time = 1\n[oauth]\n[tokens]\na = {{ token = \"t\", expiry = 1 }}\n\
                 [family.\"{key}\"]\n"
            ),
            format!(
                "current_time = 1\n[oauth]\n[tokens]\na = {{ token = \"t\", expiry = 1 }}\n\
                 [family.a]\nrefresh = \"{key}\"\n"
            ),
            format!(
                "current_time = 1\n[oauth]\n[tokens]\na = {{ token = \"t\", expiry = 1 }}\n\
                 [clients]\na = [{{ name = \"{key}\" }}]\n"
            ),
            format!(
                "current_time = 1\n[oauth]\n[tokens]\na = {{ token = \"t\", expiry = 1 }}\n\
                 [clients]\n\"{key}\" = [{{ name = \"t1\" }}]\n"
            ),
            format!("current_time = 1\n[tokens]\n[[step]]\nsay = \"s\"\ndo = \"refresh {key}\"\n"),
            // The raw characters where TOML does not allow them.
            format!("current_time = 1\n{hostile} = 1\n[tokens]\n"),
            format!("current_time = 1\n[tokens]\na = {{ token = \"{hostile}\", expiry = 1 }}\n"),
        ];
        for (i, file) in files.iter().enumerate() {
            std::fs::write(&path, file).unwrap();
            let what = format!("{kind}, scenario {i}");
            check_refused(&what, dir.path(), &[os("--scenario"), path.as_os_str()]);
        }
    }
}

/// A lesson's text is refused where it enters, or (a line separator in a caption) read as a
/// space: its handout is clean either way.
#[test]
fn lesson_steps_with_hostile_text_give_clean_errors_or_a_clean_handout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.toml");
    for (kind, hostile) in HOSTILE {
        let key = toml_escaped(hostile);
        for (i, field) in ["title", "say", "ask", "note"].iter().enumerate() {
            let step = match *field {
                "title" => format!("title = \"{key}\"\n[[step]]\nsay = \"s\"\n"),
                "say" => format!("[[step]]\nsay = \"a{key}b\"\n"),
                "ask" => {
                    format!("[[step]]\nsay = \"s\"\ndo = \"refresh alice\"\nask = \"{key}\"\n")
                }
                _ => format!("[[step]]\nsay = \"s\"\nnote = \"{key}\"\n"),
            };
            let file = format!(
                "current_time = 120\n[tokens]\nalice = {{ token = \"a\", expiry = 100 }}\n{step}"
            );
            std::fs::write(&path, file).unwrap();
            let out = run(
                dir.path(),
                &[os("--scenario"), path.as_os_str(), os("--handout")],
            );
            let what = format!("{kind}, lesson {i} ({field})");
            assert!(matches!(out.status.code(), Some(0 | 2)), "{what}: {out:?}");
            assert_clean(&what, "stdout", &out.stdout);
            assert_clean(&what, "stderr", &out.stderr);
        }
    }
}

#[test]
fn rosters_with_hostile_fields_give_clean_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    for (kind, hostile) in HOSTILE {
        let files = [
            format!("user,token,expiry\n{hostile},t,1\n"),
            format!("user,token,expiry\na,{hostile},1\n"),
            format!("user,token,expiry\na,t,{hostile}\n"),
            format!("user,token,expiry\n\"a{hostile}\",t,1\n"),
            format!("user,{hostile},expiry\n"),
            format!("user,token,expiry\na,t,1,{hostile}\n"),
        ];
        for (i, file) in files.iter().enumerate() {
            std::fs::write(&path, file).unwrap();
            let what = format!("{kind}, roster {i}");
            check_refused(&what, dir.path(), &[os("--users"), path.as_os_str()]);
        }
    }
}

/// Commands that quote each of their words in an error.
fn hostile_commands(hostile: &str) -> Vec<String> {
    vec![
        format!("refresh {hostile}"),
        format!("refresh a{hostile}"),
        hostile.to_owned(),
        format!("{hostile}x"),
        format!("policy {hostile}"),
        format!("policy boundary {hostile}"),
        format!("advance {hostile}"),
        format!("add bob2 {hostile} 5"),
        format!("show {hostile}"),
        // The real-world model's and the clients' commands, on the built-in lesson (no model)
        // and with arguments that are refused by what they are.
        format!("race {hostile}"),
        format!("lose alice {hostile}"),
        format!("skew alice {hostile} 5"),
        format!("traffic {hostile}"),
        format!("call alice {hostile}"),
        format!("replay {hostile}"),
        format!("policy validator {hostile}"),
        format!("policy access {hostile}"),
    ]
}

#[test]
fn scripts_and_exec_with_hostile_words_give_clean_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.txt");
    for (kind, hostile) in HOSTILE {
        for (i, command) in hostile_commands(hostile).iter().enumerate() {
            let what = format!("{kind}, --exec {i}");
            check_refused(&what, dir.path(), &[os("--exec"), os(command)]);
            std::fs::write(&path, command).unwrap();
            let what = format!("{kind}, --script {i}");
            check_refused(&what, dir.path(), &[os("--script"), path.as_os_str()]);
        }
    }
}

#[test]
fn hostile_file_names_are_shown_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, hostile) in HOSTILE {
        let missing = format!("missing{}", hostile.replace('/', "_"));
        for option in ["--scenario", "--users", "--script"] {
            let what = format!("{kind}, {option}");
            check_refused(&what, dir.path(), &[os(option), os(&missing)]);
        }
        // A transcript in a folder that does not exist cannot be opened.
        let transcript = format!("no/such/{missing}");
        let what = format!("{kind}, --transcript");
        check_refused(&what, dir.path(), &[os("--transcript"), os(&transcript)]);
        // A failing save names its path (`;` would end the command).
        let save = format!("save no/such/{}/s.toml", hostile.replace(['/', ';'], "_"));
        let out = run(dir.path(), &[os("--exec"), os(&save)]);
        // 1: the save failed; 2: a separator in the string split the command.
        assert!(matches!(out.status.code(), Some(1 | 2)), "{kind}: {out:?}");
        assert_clean(kind, "save's stderr", &out.stderr);
        assert_clean(kind, "save's stdout", &out.stdout);
    }
}

#[test]
fn a_hostile_scenario_name_stays_out_of_the_transcript_raw() {
    let dir = tempfile::tempdir().unwrap();
    for (n, (kind, hostile)) in HOSTILE.iter().enumerate() {
        let scenario = dir
            .path()
            .join(format!("s{n}{}.toml", hostile.replace('/', "_")));
        std::fs::copy("assets/lesson.toml", &scenario).unwrap();
        let transcript = dir.path().join(format!("t{n}.txt"));
        let out = run(
            dir.path(),
            &[
                os("--scenario"),
                scenario.as_os_str(),
                os("--transcript"),
                transcript.as_os_str(),
                os("--exec"),
                os("refresh alice; show"),
            ],
        );
        assert!(out.status.success(), "{kind}: {out:?}");
        assert_clean(kind, "stdout", &out.stdout);
        let written = std::fs::read(&transcript).unwrap();
        assert_clean(kind, "the transcript", &written);
        assert!(String::from_utf8_lossy(&written).contains("refresh alice"));
    }
}

#[test]
fn a_hostile_command_line_argument_gives_a_clean_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, hostile) in HOSTILE {
        check_refused(kind, dir.path(), &[os(&format!("--x{hostile}"))]);
        check_refused(kind, dir.path(), &[os(hostile)]);
    }
}
