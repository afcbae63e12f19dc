//! Any text as a script on the lesson: parsed and checked, never a panic, every error safe for
//! a terminal; a script that passes runs to the end (without `save`, which writes files).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenclock::domain::{Scenario, Session, text};
use tokenclock::script::{Command, Source, prepare, run};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let mut session = Session::new(Scenario::lesson());
    for kind in [Source::File, Source::Exec] {
        match prepare(source, kind, &session) {
            Ok(lines) => {
                if kind == Source::Exec
                    || lines.iter().any(|l| matches!(l.command, Command::Save(_)))
                {
                    continue;
                }
                let mut out = Vec::new();
                // Errors here are the script's own (e.g. nothing to undo), not panics.
                let _ = run(&mut session, &lines, &mut out, None);
                let printed = String::from_utf8(out).expect("output is UTF-8");
                assert!(!printed.chars().any(|c| c != '\n' && text::is_unsafe(c)));
            }
            Err(errors) => {
                for e in errors {
                    assert!(!e.to_string().chars().any(text::is_unsafe), "{e:?}");
                }
            }
        }
    }
});
