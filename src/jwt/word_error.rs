//! The error a word given to the JWT inspector gives: a `--jwt` script's command and its
//! date or duration (`script.rs`), and a `--leeway NAME=SECONDS` (`libraries.rs`).

use crate::domain::text::quote;

/// Why a word given to the JWT inspector (a `--jwt` script's command, `--now`, `--leeway`)
/// does not read. It quotes what was given, made safe to print.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WordError {
    /// `time`, `advance` or `rewind` alone.
    #[error("'{name}' needs {}", if *name == "time" {
        "a date-time, e.g. time 2026-12-06T10:05:00Z"
    } else {
        "a duration, e.g. advance 5m"
    })]
    NeedsArgument { name: &'static str },
    #[error("'show' takes no argument")]
    ShowTakesNoArgument,
    #[error(
        "unknown command '{}' with --jwt; the commands are show, time DATE, advance DURATION, rewind DURATION",
        quote(given)
    )]
    UnknownCommand { given: String },
    /// Neither Unix seconds nor an instant jiff reads.
    #[error(
        "'{}' is not a date-time such as 2026-12-06T10:05:00Z ({source})",
        quote(given)
    )]
    NotADate { given: String, source: jiff::Error },
    #[error("dates before 1970-01-01T00:00:00Z are not used")]
    Before1970,
    #[error("{seconds} is after 9999-12-30T22:00:00Z")]
    After9999 { seconds: u64 },
    /// Neither seconds nor a duration jiff reads.
    #[error(
        "'{}' is not a duration such as 5m, 1h 30m or 90 ({source})",
        quote(given)
    )]
    NotADuration { given: String, source: jiff::Error },
    /// `--leeway` without `=`.
    #[error("'{}' is not NAME=SECONDS, e.g. pyjwt=30", quote(given))]
    NotALeeway { given: String },
    /// `--leeway` naming no library the inspector knows; `known` lists them.
    #[error("no library '{}'; the libraries are {known}", quote(given))]
    UnknownLibrary { given: String, known: String },
    #[error("'{}': the leeway is a whole number of seconds", quote(given))]
    LeewayNotSeconds { given: String },
}
