//! Errors in files a user gives us: where (file, line, column) and what is wrong.

use crate::domain::error::ValueError;
use crate::domain::text::{TextError, quote, sanitize};
use crate::domain::ticks::BadTicks;
use crate::files::limits::MAX_INPUT_TEXT;
use std::{fmt, io};

/// What is wrong with a file a user gave, or with one of its records, without where: the
/// reader adds the file and line ([`InputError`]). Variants carry what the file held and
/// sanitise it in their words.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// A path that names a directory, a device or a socket.
    #[error("it is {kind}, not a file of text")]
    NotText { kind: &'static str },
    /// A regular file larger than tokenclock reads.
    #[error("the file is {bytes} bytes, larger than the most tokenclock reads ({MAX_INPUT_TEXT})")]
    TooLarge { bytes: u64 },
    /// The system's reason a file could not be opened or read (or a stream passed the limit).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A roster record without exactly `user,token,expiry`.
    #[error("expected 3 fields (user,token,expiry), found {found}")]
    FieldCount { found: usize },
    /// A roster field (`user name`, `token`, `expiry`) that is not UTF-8.
    #[error("{field} is not valid UTF-8")]
    NotUtf8 { field: &'static str },
    /// A roster's expiry that is not a number of ticks.
    #[error("{}", match bad {
        BadTicks::Empty => "expiry is empty".to_owned(),
        bad => format!("expiry {}", bad.describe(&quote(given))),
    })]
    Expiry { given: String, bad: BadTicks },
    /// A name or token that cannot be used (a roster's user name, a client's name or token).
    #[error("{0}")]
    Text(#[from] TextError),
    /// A user's token that cannot be used; `user` is the record's (checked) name.
    #[error("{error} (user {})", sanitize(user))]
    Token {
        user: String,
        #[source]
        error: TextError,
    },
    /// A roster whose names and tokens pass the store's limit (`mib`).
    #[error("the roster is too large: its names and tokens pass {mib} MiB")]
    RosterText { mib: usize },
    /// A roster with more users than the store holds.
    #[error("the roster is too large")]
    RosterUsers,
    /// A roster's first line that is not `user,token,expiry`; `found` is each field quoted.
    #[error("the first line must be the header user,token,expiry; found '{}'{hint}", found.join(","))]
    Header {
        found: Vec<String>,
        hint: HeaderHint,
    },
    /// A client's `storage = "own"` on the first client (which uses the user's storage).
    #[error(
        "the first client ({}) uses the user's storage; storage = \"own\" is for the others",
        sanitize(client)
    )]
    FirstClientOwn { client: String },
    #[error("unknown storage '{}'; valid ones: shared, own", sanitize(given))]
    UnknownStorage { given: String },
    /// A client's own tokens on a client that shares the user's storage.
    #[error(
        "access, expiry and refresh are for a client with storage = \"own\" ({} shares the user's)",
        sanitize(client)
    )]
    SharedClientTokens { client: String },
    /// A setting's value in a file that is not one of its kind.
    #[error("{0}")]
    Value(#[from] ValueError),
    /// A key a table does not have; `place` is `in [oauth]` or `in a user's entry`, `close`
    /// the nearest valid key, `valid` every valid key.
    #[error("unknown field `{}` {place}{}", sanitize(given), match close {
        Some(close) => format!(" (did you mean `{close}`?)"),
        None => format!("; valid ones: {}", valid.join(", ")),
    })]
    UnknownKey {
        given: String,
        place: String,
        close: Option<&'static str>,
        valid: Vec<&'static str>,
    },
    /// A setting the same for every user, in a user's entry.
    #[error("{key} is the same for every user: set it in [{table}], not in a user's entry")]
    NotPerUser {
        key: &'static str,
        table: &'static str,
    },
    /// A field that is only read with another one (`previous` without `rotated_at`).
    #[error("{field} needs {needs}")]
    Needs {
        field: &'static str,
        needs: &'static str,
    },
    /// A list longer than the model keeps (`used`, `earlier`).
    #[error("used lists at most {most} refresh tokens, found {found}")]
    TooManyUsed { found: usize, most: usize },
    #[error("used_issued has {found} ticks for {used} used refresh tokens; they go in step")]
    UsedIssuedCount { found: usize, used: usize },
    #[error("unknown revoked why '{}'; valid ones: {valid}", sanitize(given))]
    UnknownRevokeWhy { given: String, valid: String },
    /// A counter so high it could not keep counting.
    #[error(
        "{name} {given} could not keep counting (a value is never issued twice): at most {most}"
    )]
    CounterTooHigh {
        name: &'static str,
        given: u64,
        most: u64,
    },
    #[error("earlier lists at most {} families (with the current one, {kept} are kept)", kept - 1)]
    TooManyFamilies { kept: usize },
    #[error("{user} has more than {most} clients", user = sanitize(user))]
    TooManyClients { user: String, most: usize },
    #[error(
        "duplicate client '{}' (client of {})",
        sanitize(client),
        sanitize(user)
    )]
    DuplicateClient { client: String, user: String },
    /// A user's `token` in a scenario file that is not a string; `found` says what it is.
    #[error("token must be text in quotes, found {found}")]
    TokenNotText { found: &'static str },
    /// A user's own settings in a scenario without the real-world model.
    #[error("a user's own settings need the real-world model: add an [oauth] table")]
    OwnSettingsNeedModel,
    /// An error in a user's `[tokens]` entry: its token, expiry or own settings.
    #[error("{error} (user {})", sanitize(user))]
    InUser {
        user: String,
        #[source]
        error: Box<FileError>,
    },
    /// An error in one of a user's client entries.
    #[error("{error} (client of {})", sanitize(user))]
    InClient {
        user: String,
        #[source]
        error: Box<FileError>,
    },
    /// An error in a user's `[family.USER]` table.
    #[error("{error} (family of {})", sanitize(user))]
    InFamily {
        user: String,
        #[source]
        error: Box<FileError>,
    },
    #[error("[family.{}] is for a user not in [tokens]", sanitize(user))]
    StrayFamily { user: String },
    #[error("[clients] names '{}', a user not in [tokens]", sanitize(user))]
    StrayClients { user: String },
}

/// A problem at a byte offset of a file (where the reader places it in lines and columns).
pub type AtError = (usize, FileError);

/// What a roster's first line looks like when it is not the header, for its error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderHint {
    /// One field holding `;`: a spreadsheet's export with semicolons.
    Semicolons,
    /// Three fields ending in a number: a user's record.
    LooksLikeUser,
    /// Another number of fields than the header's.
    Fields(usize),
    /// Three other fields.
    Nothing,
}

impl fmt::Display for HeaderHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderHint::Semicolons => f.write_str(
                " (its fields are separated by ';', as some spreadsheets export; save the CSV with commas)",
            ),
            HeaderHint::LooksLikeUser => {
                f.write_str(" (it looks like a user, not the header: add the header line first)")
            }
            HeaderHint::Fields(n) => write!(f, " ({n} fields; the header has 3)"),
            HeaderHint::Nothing => Ok(()),
        }
    }
}

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

/// A TOML parser's message in the file's words: serde names TOML's shapes "a map" and "a
/// sequence" (`tokens = 5`: "expected a map"), a TOML file calls them a table and an array.
pub fn in_toml_words(message: &str) -> String {
    message
        .replace("expected a map", "expected a table")
        .replace("expected a sequence", "expected an array [ … ]")
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
            write!(
                f,
                "\n{}: and {} more errors",
                sanitize(&self.file),
                self.unlisted
            )?;
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

    /// The count line names the file as every listed line does: escaped, never raw.
    #[test]
    fn the_more_errors_line_escapes_the_file_name() {
        let errors = (1..=LISTED + 2)
            .map(|i| InputError::new("r\u{1b}[2J.csv", "bad").at_line(i))
            .collect();
        let shown = InputError::all(errors).unwrap().to_string();
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(
            shown.ends_with("r\\u{1b}[2J.csv: and 2 more errors"),
            "{shown}"
        );
    }

    #[test]
    fn display_names_file_line_and_column() {
        let e = InputError::new("x.toml", "bad").at(3, 7);
        assert_eq!(e.to_string(), "x.toml:3:7: bad");
        assert_eq!(InputError::new("x.csv", "gone").to_string(), "x.csv: gone");
    }

    /// Each problem of a scenario's `[family]`, `[clients]` and user entries that no other test
    /// covers names the file, the line and column of what is wrong, and the user it belongs to.
    #[test]
    fn scenario_problems_name_the_file_line_column_and_user() {
        let head = "current_time = 0\n[oauth]\n[tokens]\na = { token = \"t\", expiry = 5 }\n";
        let family = |lines: &str| format!("{head}[family.a]\n{lines}");
        let many_clients: Vec<String> = (0..65).map(|i| format!("{{ name = \"c{i}\" }}")).collect();
        let earlier = "[[family.a.earlier]]\nlogin = 0\nrefresh = \"e\"\n".repeat(8);
        let cases = [
            (
                family("login = 0\nrefresh = \"r\"\nprevious = \"p\"\n"),
                "t.toml:8:12: previous needs rotated_at (family of a)",
            ),
            (
                family("login = 0\nrefresh = \"r\"\nrotated_at = 1\n"),
                "t.toml:5:1: rotated_at needs previous (family of a)",
            ),
            (
                family("login = 0\nrefresh = \"r\"\nattacker = { refresh = \"x\", stolen_at = 0, expiry = 9 }\n"),
                "t.toml:8:53: attacker expiry needs access (family of a)",
            ),
            (
                family("refresh = \"r\"\n"),
                "t.toml:6:11: refresh needs login (family of a)",
            ),
            (
                family("login = 0\n"),
                "t.toml:5:1: login needs refresh (without both: not logged in) (family of a)",
            ),
            (
                family("login = 0\nrefresh = \"r\"\nused = [\"u\"]\nused_issued = [1, 2]\n"),
                "t.toml:9:15: used_issued has 2 ticks for 1 used refresh tokens; they go in step (family of a)",
            ),
            (
                format!("{head}[family.a]\nlogin = 0\nrefresh = \"r\"\n{earlier}"),
                "t.toml:5:1: earlier lists at most 7 families (with the current one, 8 are kept) (family of a)",
            ),
            (
                format!("{head}[clients]\na = [{}]\n", many_clients.join(", ")),
                "t.toml:6:1148: a has more than 64 clients",
            ),
            (
                "current_time = 0\n[oauth]\n[tokens]\na = { token = \"t\", expiry = 5, boundary = \"lesson\" }\n".to_owned(),
                "t.toml:4:32: boundary is the same for every user: set it in [refresh], not in a user's entry (user a)",
            ),
        ];
        for (text, said) in cases {
            let err = crate::files::parse_scenario(&text, "t.toml").unwrap_err();
            assert_eq!(err.to_string(), said, "{text}");
        }
    }
}
