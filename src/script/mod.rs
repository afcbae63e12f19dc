//! The scripted (non-interactive) mode: `--exec "refresh alice"` and `--script FILE`.
//!
//! A script is parsed and checked whole before anything runs ([`prepare`]), so a bad script runs
//! nothing and prints nothing on stdout; then [`run`] executes it against a [`Session`].

mod check;
mod parse;
mod run;
mod show;

pub use check::check_script;
pub use parse::{COMMAND_NAMES, Source, parse_command, parse_script};
pub use run::{RunError, run};
pub use show::write_table;

use crate::domain::{Boundary, Session};
use std::fmt;
use std::path::PathBuf;

/// One scripted command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Refresh(String),
    RefreshAll,
    Advance(u64),
    Rewind(u64),
    Time(u64),
    Show,
    Undo,
    Redo,
    Add {
        user: String,
        token: String,
        expiry: u64,
    },
    Remove(String),
    SetExpiry {
        user: String,
        expiry: u64,
    },
    Boundary(Boundary),
    Early(u64),
    Leeway(u64),
    Save(PathBuf),
    Help,
}

impl Command {
    /// The user the command is about, if any.
    pub fn user(&self) -> Option<&str> {
        match self {
            Command::Refresh(user) | Command::Remove(user) | Command::SetExpiry { user, .. } => {
                Some(user)
            }
            _ => None,
        }
    }
}

/// The command as a script would spell it (used in the transcript).
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Refresh(user) => write!(f, "refresh {user}"),
            Command::RefreshAll => f.write_str("refresh-all"),
            Command::Advance(n) => write!(f, "advance {n}"),
            Command::Rewind(n) => write!(f, "rewind {n}"),
            Command::Time(n) => write!(f, "time {n}"),
            Command::Show => f.write_str("show"),
            Command::Undo => f.write_str("undo"),
            Command::Redo => f.write_str("redo"),
            Command::Add {
                user,
                token,
                expiry,
            } => write!(f, "add {user} {token} {expiry}"),
            Command::Remove(user) => write!(f, "remove {user}"),
            Command::SetExpiry { user, expiry } => write!(f, "set-expiry {user} {expiry}"),
            Command::Boundary(b) => write!(f, "policy boundary {b}"),
            Command::Early(n) => write!(f, "policy early {n}"),
            Command::Leeway(n) => write!(f, "policy leeway {n}"),
            Command::Save(path) => write!(f, "save {}", safe_text(&path.to_string_lossy())),
            Command::Help => f.write_str("help"),
        }
    }
}

/// A command and the number it is reported under (a line number, or a command count for `--exec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub command: Command,
}

/// A bad command, printed as `script:N: message`. The message is already safe to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    pub number: usize,
    pub message: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "script:{}: {}", self.number, self.message)
    }
}

impl std::error::Error for ScriptError {}

/// Parses and checks a whole script against the session it will run on. Every bad command is
/// reported, in order; on success nothing has run yet.
pub fn prepare(
    text: &str,
    source: Source,
    session: &Session,
) -> Result<Vec<Line>, Vec<ScriptError>> {
    let (lines, mut errors) = parse::parse_lines(text, source);
    errors.extend(check_script(&lines, session));
    // Stable: errors on one line stay in the order they were found.
    errors.sort_by_key(|e| e.number);
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// Untrusted text quoted in a message goes through the one sanitiser, cut short.
pub use crate::domain::text::quote as safe_text;

/// The commands, one a line (each ending in a newline), for `help` and `--help`.
pub const COMMAND_HELP: &str = concat!(
    "  refresh USER                    the lesson's refresh_token(USER); prints the outcome\n",
    "  refresh-all                     refresh every user in order; one line each\n",
    "  advance N | rewind N | time N   move the clock forward, back, or to N\n",
    "  show                            the clock and a table of every user\n",
    "  undo | redo                     take back / do again the last change\n",
    "  add USER TOKEN EXPIRY           add a user at the end\n",
    "  remove USER                     remove a user\n",
    "  set-expiry USER EXPIRY          change a user's expiry\n",
    "  policy boundary lesson|rfc7519  expired when expiry < now (lesson) or expiry <= now (RFC 7519)\n",
    "  policy early N                  refresh N ticks early: when expiry < now + N\n",
    "  policy leeway N                 a validator accepts a token N ticks past its expiry\n",
    "  save PATH                       write the current state as a scenario file\n",
    "  help                            this list\n",
);
