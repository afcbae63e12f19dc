//! The manual's generated part is fresh: every reference page and picture committed under
//! `docs/src/` is what the code's tables and the app's screens produce now, and
//! `--reference DIR` writes exactly those files.

use std::path::Path;
use tokenclock::docs::{REGENERATE, generated};

#[test]
fn committed_reference_pages_and_pictures_are_what_the_code_produces_now() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src");
    let mut stale = Vec::new();
    for (relative, text) in generated().unwrap() {
        let path = root.join(&relative);
        match std::fs::read_to_string(&path) {
            Ok(committed) if committed == text => {}
            Ok(_) => stale.push(format!("docs/src/{} differs", relative.display())),
            Err(e) => stale.push(format!("docs/src/{}: {e}", relative.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "the manual's generated files are out of date:\n  {}\nregenerate them with `{REGENERATE}` \
         and commit the result (read the diff first)",
        stale.join("\n  ")
    );
}

#[test]
fn reference_flag_writes_every_generated_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .arg("--reference")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let files = generated().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), files.len(), "{stdout}");
    for (relative, text) in files {
        let written = std::fs::read_to_string(dir.path().join(&relative)).unwrap();
        assert_eq!(written, text, "{}", relative.display());
    }
}

#[test]
fn reference_flag_refuses_other_options() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(["--reference", "x", "--exec", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
