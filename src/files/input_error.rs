//! Errors in files a user gives us: where (file, line, column) and what is wrong.

use crate::domain::text::sanitize;
use std::fmt;

/// A problem in an input file, printed as `FILE:LINE:COLUMN: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// Further errors found in the same file, in order (at most [`LISTED`] in all).
    pub also: Vec<InputError>,
    /// How many more were found than are listed.
    pub unlisted: usize,
}

/// How many errors in one file are listed; the rest are counted (`and N more`).
pub const LISTED: usize = 20;

impl InputError {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            also: Vec::new(),
            unlisted: 0,
        }
    }

    /// One error listing every error found, in order: the first, up to [`LISTED`] in all, and
    /// how many more. `None` when there were none.
    pub fn all(errors: Vec<InputError>) -> Option<InputError> {
        let count = errors.len();
        let mut listed = errors.into_iter().take(LISTED);
        let mut first = listed.next()?;
        first.also = listed.collect();
        first.unlisted = count.saturating_sub(LISTED);
        Some(first)
    }

    /// How many errors this one stands for.
    pub fn count(&self) -> usize {
        1 + self.also.len() + self.unlisted
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Points the error at a byte offset in `text`, counting lines and columns from 1.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, column) = line_and_column(text, offset);
        self.at(line, column)
    }
}

/// Line and column (in characters), both from 1, of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths and messages quote input (a parser's message names the key it did not expect).
        write!(f, "{}", sanitize(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", sanitize(&self.message))?;
        // Each further error on a line of its own, as the first.
        for more in &self.also {
            write!(f, "\n{more}")?;
        }
        if self.unlisted > 0 {
            write!(f, "\n{}: and {} more errors", self.file, self.unlisted)?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 6), (2, 1));
        assert_eq!(line_and_column(text, 10), (2, 4));
        assert_eq!(line_and_column(text, 999), (3, 1));
    }

    #[test]
    fn every_error_is_listed_up_to_a_limit() {
        let errors = |n: usize| {
            (1..=n)
                .map(|i| InputError::new("r.csv", "bad").at_line(i))
                .collect()
        };
        assert!(InputError::all(Vec::new()).is_none());
        let three = InputError::all(errors(3)).unwrap();
        assert_eq!(
            three.to_string(),
            "r.csv:1: bad\nr.csv:2: bad\nr.csv:3: bad"
        );
        let many = InputError::all(errors(LISTED + 7)).unwrap();
        assert_eq!(many.count(), LISTED + 7);
        assert_eq!(many.to_string().lines().count(), LISTED + 1);
        assert!(many.to_string().ends_with("r.csv: and 7 more errors"));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let e = InputError::new("x.toml", "bad").at(3, 7);
        assert_eq!(e.to_string(), "x.toml:3:7: bad");
        assert_eq!(InputError::new("x.csv", "gone").to_string(), "x.csv: gone");
    }
}
