//! Class rosters: CSV with the header `user,token,expiry`, for groups too large to type as TOML.
//!
//! Rosters are streamed record by record into one reused buffer, so a million users load without
//! a copy per field beyond the name and token the store keeps.

use crate::domain::text;
use crate::domain::ticks::parse_ticks;
use crate::domain::token_store::{TEXT_LIMIT, TokenStore};
use crate::files::input;
use crate::files::input_error::{FileError, HeaderHint, InputError};
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;

const HEADER: [&str; 3] = ["user", "token", "expiry"];

/// Reads a roster file.
pub fn load_roster(path: &Path) -> Result<TokenStore, InputError> {
    let name = path.display().to_string();
    let file = input::open(path)
        .map_err(|m| InputError::new(&name, format!("cannot read the roster: {m}")))?;
    // A size hint saves rehashing the store while a large roster loads: every user is a line
    // of at least `a,b,0` and a line break, and rarely shorter than 24 bytes in all.
    let capacity = file.size_hint() / 24;
    read_roster(file, &name, capacity)
}

/// Reads roster CSV from any reader; `file` names it in errors.
pub fn read_roster(
    reader: impl Read,
    file: &str,
    capacity: usize,
) -> Result<TokenStore, InputError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(LineCounter::new(reader));
    let mut record = csv::ByteRecord::new();
    let mut tokens = TokenStore::with_capacity(capacity.min(1 << 24));
    // Names and tokens take most of a line's bytes.
    tokens.reserve_text(capacity.min(1 << 24) * 20);
    let csv_error = |e: csv::Error| {
        let err = InputError::new(file, csv_message(&e));
        match e.position() {
            Some(p) => err.at_line(p.line() as usize),
            None => err,
        }
    };

    if !csv.read_byte_record(&mut record).map_err(csv_error)? {
        return Err(InputError::new(
            file,
            "the roster is empty; expected the header user,token,expiry",
        ));
    }
    check_header(&record).map_err(|e| InputError::new(file, e.to_string()).at_line(1))?;

    // Every bad record is reported (up to a limit), not only the first.
    let mut errors = Vec::new();
    let mut lines = Lines::default();
    while csv.read_byte_record(&mut record).map_err(csv_error)? {
        // The record's last byte read is its last field's, or its line break's first byte.
        let last_byte = csv.position().byte().saturating_sub(1);
        let line = csv.get_mut().line_of(last_byte);
        match add_record(&mut tokens, &record) {
            Ok(()) => lines.push(tokens.len() - 1, line),
            Err(error) => {
                let error = InputError::new(file, error.to_string()).at_line(line);
                errors.push((line, error));
                if errors.len() > LISTED_AT_MOST {
                    break;
                }
            }
        }
    }
    // Names are checked for repeats once every user is in (see `TokenStore::index_all`).
    for (at, name) in tokens.index_all() {
        let line = lines.line_of(at);
        let message = format!("duplicate user '{name}'");
        errors.push((line, InputError::new(file, message).at_line(line)));
    }
    errors.sort_by_key(|(line, _)| *line);
    errors.truncate(LISTED_AT_MOST + 1);
    match InputError::all(errors.into_iter().map(|(_, e)| e).collect()) {
        Some(error) => Err(error),
        None => Ok(tokens),
    }
}

/// The line each user added came from, kept as the runs of users on consecutive lines: one
/// entry for a roster without blank lines or bad records.
#[derive(Default)]
struct Lines {
    /// (position of the first user of a run, its line)
    runs: Vec<(usize, usize)>,
}

impl Lines {
    fn push(&mut self, at: usize, line: usize) {
        if self.runs.last().map(|&(a, l)| l + (at - a)) != Some(line) {
            self.runs.push((at, line));
        }
    }

    fn line_of(&self, at: usize) -> usize {
        let run = self.runs.partition_point(|&(a, _)| a <= at);
        match run.checked_sub(1).and_then(|r| self.runs.get(r)) {
            Some(&(a, line)) => line + (at - a),
            None => 0,
        }
    }
}

/// Past this many bad records the rest of a roster is not read (a file of garbage would only
/// list the same error a million times).
const LISTED_AT_MOST: usize = 1000;

/// Checks one record and adds its user, or says what is wrong with it.
fn add_record(tokens: &mut TokenStore, record: &csv::ByteRecord) -> Result<(), FileError> {
    if record.len() != 3 {
        return Err(FileError::FieldCount {
            found: record.len(),
        });
    }
    let field = |i: usize, field: &'static str| {
        std::str::from_utf8(record[i].trim_ascii()).map_err(|_| FileError::NotUtf8 { field })
    };
    let name = field(0, "user name")?;
    let token = field(1, "token")?;
    let expiry = parse_expiry(field(2, "expiry")?)?;
    let name = text::normal_name(name)?;
    text::check_token(token).map_err(|error| FileError::Token {
        user: name.to_string(),
        error,
    })?;
    if tokens.text_len() + name.len() + token.len() > TEXT_LIMIT {
        return Err(FileError::RosterText {
            mib: TEXT_LIMIT >> 20,
        });
    }
    if tokens.push_unindexed(&name, token, expiry) {
        Ok(())
    } else {
        Err(FileError::RosterUsers)
    }
}

/// The header must be `user,token,expiry`; otherwise says what was found instead.
fn check_header(record: &csv::ByteRecord) -> Result<(), FileError> {
    let ok = record.len() == HEADER.len()
        && record
            .iter()
            .zip(HEADER)
            .all(|(got, want)| got.trim_ascii().eq_ignore_ascii_case(want.as_bytes()));
    if ok {
        return Ok(());
    }
    let found: Vec<String> = record
        .iter()
        .map(|f| text::quote(&String::from_utf8_lossy(f)))
        .collect();
    let hint = if record.len() == 1 && found.join(",").contains(';') {
        HeaderHint::Semicolons
    } else if record.len() == 3
        && record
            .get(2)
            .is_some_and(|f| !f.is_empty() && f.trim_ascii().iter().all(u8::is_ascii_digit))
    {
        HeaderHint::LooksLikeUser
    } else if record.len() != HEADER.len() {
        HeaderHint::Fields(record.len())
    } else {
        HeaderHint::Nothing
    };
    Err(FileError::Header { found, hint })
}

/// Counts the line breaks in what the CSV parser reads, so an error names the line its record
/// is on: csv's own record position counts from before any blank lines it skipped.
struct LineCounter<R> {
    inner: R,
    /// Bytes read so far.
    read: u64,
    /// Offsets of line breaks read but not yet passed by [`LineCounter::line_of`].
    breaks: VecDeque<u64>,
    /// Line breaks passed.
    passed: usize,
}

impl<R> LineCounter<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            read: 0,
            breaks: VecDeque::new(),
            passed: 0,
        }
    }

    /// The line (from 1) that holds the byte at `offset`; offsets must not go down between calls.
    fn line_of(&mut self, offset: u64) -> usize {
        while self.breaks.front().is_some_and(|&b| b < offset) {
            self.breaks.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let start = self.read;
        self.breaks
            .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| start + i as u64));
        self.read += n as u64;
        Ok(n)
    }
}

/// An expiry field, by the one tick parser, worded for a roster.
fn parse_expiry(field: &str) -> Result<u64, FileError> {
    parse_ticks(field).map_err(|bad| FileError::Expiry {
        given: field.to_owned(),
        bad,
    })
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read the roster: {io}"),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields, found {len}")
        }
        _ => "malformed CSV".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(csv: &str) -> Vec<String> {
        let Err(e) = read_roster(csv.as_bytes(), "r.csv", 0) else {
            panic!("no error");
        };
        e.to_string().lines().map(str::to_owned).collect()
    }

    #[test]
    fn repeats_are_listed_with_the_other_errors_in_line_order() {
        let csv = "user,token,expiry\na,t,1\n\nb,t,x\na,t,2\n\n\nc,t,3\nb,t,4\nc,t,5\nd,t,-1\n";
        assert_eq!(
            errors(csv),
            [
                "r.csv:4: expiry 'x' is not a whole number of ticks",
                "r.csv:5: duplicate user 'a'",
                "r.csv:10: duplicate user 'c'",
                "r.csv:11: expiry '-1' is negative; ticks are 0 or more",
            ]
        );
    }

    /// Each bad record no other test covers names the file, its line and what is wrong.
    #[test]
    fn bad_fields_name_the_file_line_and_field() {
        let mut csv = b"user,token,expiry\nalice,t\xff,5\nbob,tok,\n".to_vec();
        csv.extend_from_slice("carol,to\u{202e}k,5\n".as_bytes());
        let Err(e) = read_roster(&csv[..], "r.csv", 0) else {
            panic!("no error");
        };
        assert_eq!(
            e.to_string(),
            "r.csv:2: token is not valid UTF-8\n\
             r.csv:3: expiry is empty\n\
             r.csv:4: token contains a bidirectional control U+202E at character 3 (user carol)"
        );
        let header = FileError::Header {
            found: vec!["name".into(), "key".into(), "until".into()],
            hint: HeaderHint::Nothing,
        };
        assert_eq!(
            header.to_string(),
            "the first line must be the header user,token,expiry; found 'name,key,until'"
        );
        assert_eq!(
            errors("name,key,until\n"),
            [
                "r.csv:1: the first line must be the header user,token,expiry; found 'name,key,until'"
            ]
        );
    }

    #[test]
    fn a_large_roster_finds_every_user_by_name() {
        let mut csv = String::from("user,token,expiry\n");
        for i in 0..20_000 {
            csv.push_str(&format!("user{i},tok{i},{i}\n"));
        }
        let store = read_roster(csv.as_bytes(), "r.csv", 20_000).unwrap();
        assert_eq!(store.len(), 20_000);
        for i in (0..20_000).step_by(7) {
            assert_eq!(store.index_of(&format!("user{i}")), Some(i));
        }
        csv.push_str("user19999,again,1\n");
        assert_eq!(errors(&csv), ["r.csv:20002: duplicate user 'user19999'"]);
    }
}
