//! `--transcript FILE`: every action and its outcome appended as plain text, for a handout.

use crate::domain::text::sanitize;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An open transcript file. Lines are buffered; they are flushed by [`Transcript::flush`] and
/// when the transcript is dropped.
#[derive(Debug)]
pub struct Transcript {
    path: PathBuf,
    file: BufWriter<File>,
}

impl Transcript {
    /// Opens (or creates) `path` for appending; what is there already is kept.
    pub fn open(path: &Path) -> io::Result<Self> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Self {
            path: path.to_owned(),
            file: BufWriter::new(file),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line, e.g. `t=120 refresh alice → Refreshed token for alice: newtoken123`.
    /// Anything that could act on a terminal (controls, bidi and zero-width characters, a newline)
    /// is written as a visible escape, so the file is safe to `cat`.
    pub fn record(&mut self, line: &str) -> io::Result<()> {
        self.file.write_all(sanitize(line).as_bytes())?;
        self.file.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Transcript {
    fn drop(&mut self) {
        let _ = self.file.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_appended_and_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, "earlier\n").unwrap();
        {
            let mut t = Transcript::open(&path).unwrap();
            t.record("t=120 refresh alice → Refreshed token for alice: newtoken123")
                .unwrap();
            t.record("bad\u{1b}[31m\u{202e}line\nsplit").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "earlier\nt=120 refresh alice → Refreshed token for alice: newtoken123\nbad\\u{1b}[31m\\u{202e}line\\u{a}split\n"
        );
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Transcript::open(&dir.path().join("no/t.txt")).is_err());
    }
}
