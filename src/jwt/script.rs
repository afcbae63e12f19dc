//! The scripted mode with `--jwt`: `show`, `time DATE`, `advance DURATION`, `rewind DURATION`,
//! separated by `;` or newlines (`#` starts a comment). Dates and durations are jiff's:
//! `2026-12-06T10:05:00Z` or Unix seconds; `5m`, `1h 30m`, `PT90S` or seconds.

use super::inspect::{Entry, show_lines};
use super::libraries::Leeways;
use super::numeric_date::MAX_SECONDS;
use super::word_error::WordError;
use super::words;
use jiff::{SignedDuration, Timestamp};
use std::io::{self, Write};

/// One command of a `--jwt` script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Show,
    /// Set the clock to this Unix second.
    Time(u64),
    /// Move the clock by this many seconds (negative: back).
    Advance(i64),
}

/// A command that could not be read: its number (1-based) and why.
#[derive(Debug, Clone)]
pub struct ScriptError {
    pub number: usize,
    pub error: WordError,
}

/// Reads a whole script; every bad command is reported, and nothing runs if there is one.
pub fn parse(text: &str) -> Result<Vec<Command>, Vec<ScriptError>> {
    let mut commands = Vec::new();
    let mut errors = Vec::new();
    let pieces = text
        .lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .flat_map(|line| line.split(';'))
        .map(str::trim)
        .filter(|piece| !piece.is_empty());
    for (i, piece) in pieces.enumerate() {
        match parse_command(piece) {
            Ok(command) => commands.push(command),
            Err(error) => errors.push(ScriptError {
                number: i + 1,
                error,
            }),
        }
    }
    if errors.is_empty() {
        Ok(commands)
    } else {
        Err(errors)
    }
}

fn parse_command(piece: &str) -> Result<Command, WordError> {
    let (name, argument) = match piece.split_once(char::is_whitespace) {
        Some((name, rest)) => (name, Some(rest.trim())),
        None => (piece, None),
    };
    match (name, argument) {
        ("show", None) => Ok(Command::Show),
        ("time", Some(date)) => parse_instant(date).map(Command::Time),
        ("advance", Some(span)) => parse_seconds(span).map(Command::Advance),
        ("rewind", Some(span)) => parse_seconds(span).map(|s| Command::Advance(-s)),
        ("time", None) => Err(WordError::NeedsArgument { name: "time" }),
        ("advance", None) => Err(WordError::NeedsArgument { name: "advance" }),
        ("rewind", None) => Err(WordError::NeedsArgument { name: "rewind" }),
        ("show", Some(_)) => Err(WordError::ShowTakesNoArgument),
        _ => Err(WordError::UnknownCommand {
            given: name.to_owned(),
        }),
    }
}

/// `2026-12-06T10:05:00Z` (any RFC 3339 instant jiff reads) or Unix seconds.
pub fn parse_instant(text: &str) -> Result<u64, WordError> {
    if let Ok(seconds) = text.parse::<u64>() {
        return in_range(seconds);
    }
    let at: Timestamp = text.parse().map_err(|source| WordError::NotADate {
        given: text.to_owned(),
        source,
    })?;
    u64::try_from(at.as_second())
        .map_err(|_| WordError::Before1970)
        .and_then(in_range)
}

fn in_range(seconds: u64) -> Result<u64, WordError> {
    if seconds <= MAX_SECONDS {
        Ok(seconds)
    } else {
        Err(WordError::After9999 { seconds })
    }
}

/// `5m`, `1h 30m`, `PT90S` or seconds, as whole seconds.
pub fn parse_seconds(text: &str) -> Result<i64, WordError> {
    if let Ok(seconds) = text.parse::<i64>() {
        return Ok(seconds);
    }
    let span: SignedDuration = text.parse().map_err(|source| WordError::NotADuration {
        given: text.to_owned(),
        source,
    })?;
    Ok(span.as_secs())
}

/// The clock after moving `now` by `seconds`, kept between 1970 and 9999.
pub fn moved(now: u64, seconds: i64) -> u64 {
    now.saturating_add_signed(seconds).min(MAX_SECONDS)
}

/// Runs the commands on the tokens from `now`, writing `show`'s lines to `out`.
pub fn run(
    entries: &[Entry],
    leeways: &Leeways,
    commands: &[Command],
    mut now: u64,
    out: &mut impl Write,
) -> io::Result<()> {
    for command in commands {
        match *command {
            Command::Show => {
                writeln!(out, "{}", words::clock(now))?;
                for (index, entry) in entries.iter().enumerate() {
                    for line in show_lines(entry, index, now, leeways) {
                        writeln!(out, "{line}")?;
                    }
                }
            }
            Command::Time(at) => {
                now = at;
                writeln!(out, "time → {}", words::date_time(now))?;
            }
            Command::Advance(seconds) => {
                let from = now;
                now = moved(now, seconds);
                writeln!(
                    out,
                    "clock {} → {}",
                    words::date_time(from),
                    words::date_time(now)
                )?;
            }
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_dates_and_durations() {
        assert_eq!(
            parse("show; time 2026-12-06T10:05:00Z\nadvance 5m # later\nrewind 90").ok(),
            Some(vec![
                Command::Show,
                Command::Time(1_796_551_500),
                Command::Advance(300),
                Command::Advance(-90),
            ])
        );
        assert_eq!(
            parse("advance 1h 30m").ok(),
            Some(vec![Command::Advance(5400)])
        );
        assert_eq!(parse("time 60").ok(), Some(vec![Command::Time(60)]));
        let errors = parse("show; jump 5; time soon; advance").unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.number).collect::<Vec<_>>(),
            vec![2, 3, 4]
        );
        assert!(
            errors[0]
                .error
                .to_string()
                .starts_with("unknown command 'jump'")
        );
        assert!(
            errors[1]
                .error
                .to_string()
                .starts_with("'soon' is not a date-time such as 2026-12-06T10:05:00Z ("),
            "{}",
            errors[1].error
        );
        let errors = parse("time 1969-12-31T23:59:59Z").unwrap_err();
        assert_eq!(
            errors[0].error.to_string(),
            "dates before 1970-01-01T00:00:00Z are not used"
        );
        let errors = parse("advance; show now; time 99999999999999; rewind soon").unwrap_err();
        let said: Vec<String> = errors.iter().map(|e| e.error.to_string()).collect();
        assert_eq!(said[0], "'advance' needs a duration, e.g. advance 5m");
        assert_eq!(said[1], "'show' takes no argument");
        assert_eq!(said[2], "99999999999999 is after 9999-12-30T22:00:00Z");
        assert!(
            said[3].starts_with("'soon' is not a duration such as 5m, 1h 30m or 90 ("),
            "{}",
            said[3]
        );
        assert!(matches!(
            &errors[3].error,
            WordError::NotADuration { given, .. } if given == "soon"
        ));
        assert_eq!(moved(10, -20), 0);
        assert_eq!(moved(MAX_SECONDS, 5), MAX_SECONDS);
    }
}
