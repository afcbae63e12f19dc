//! The layout the architecture page describes holds: the model (`src/domain/`) reads no file and
//! imports neither the file formats (`src/files/`) nor the words (`src/words/`) nor any front
//! end; the file formats and the words do not import each other; no module is a `#[path]`
//! sibling. Tests inside a module (`tests.rs`, `#[cfg(test)] mod tests`) may use anything.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, test-only files left out.
fn sources(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// A file's code lines (numbered from 1) before its `#[cfg(test)]` module, comments left out.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(i, line)| (i + 1, line.to_owned()))
        .collect()
}

/// Each line under `dir` that contains one of `needles`, as `file:line: text`.
fn lines_with(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(dir) {
        for (number, line) in code_lines(&path) {
            if needles.iter().any(|needle| line.contains(needle)) {
                let file = path
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap_or(&path);
                found.push(format!("{}:{number}: {}", file.display(), line.trim()));
            }
        }
    }
    found
}

/// The layers above the model: the file formats, the words and every front end.
const ABOVE_THE_MODEL: &[&str] = &[
    "crate::files",
    "crate::words",
    "crate::registry",
    "crate::script",
    "crate::lesson",
    "crate::tui",
    "crate::cli",
    "crate::docs",
    "crate::jwt",
    "crate::presets",
    "crate::transcript",
    "ratatui",
    "crossterm",
];

#[test]
fn the_model_imports_no_file_format_words_or_front_end() {
    let found = lines_with("src/domain", ABOVE_THE_MODEL);
    assert!(
        found.is_empty(),
        "the model imports a layer above it:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_model_reads_and_writes_no_file() {
    let found = lines_with(
        "src/domain",
        &[
            "std::fs",
            "std::io",
            "File::",
            "std::net",
            "std::env",
            "std::process",
        ],
    );
    assert!(
        found.is_empty(),
        "the model does I/O:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_file_formats_and_the_words_do_not_import_each_other() {
    let files = lines_with("src/files", &["crate::words", "crate::tui", "ratatui"]);
    assert!(
        files.is_empty(),
        "the file formats import:\n{}",
        files.join("\n")
    );
    let words = lines_with(
        "src/words",
        &["crate::files", "crate::tui", "ratatui", "std::fs"],
    );
    assert!(words.is_empty(), "the words import:\n{}", words.join("\n"));
}

#[test]
fn no_module_is_a_path_sibling() {
    let found = lines_with("src", &["#[path"]);
    assert!(found.is_empty(), "#[path] modules:\n{}", found.join("\n"));
}
