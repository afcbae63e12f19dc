//! The error a script command's words give when they cannot be parsed: the commands' parser
//! (`parse.rs`) and `policy NAME VALUE` (`policy.rs`) both return it.

use super::safe_text;
use crate::domain::error::ValueError;
use crate::domain::settings::INHERIT;
use crate::domain::text::TextError;
use crate::domain::ticks::BadTicks;

/// The flag that makes a policy change one user's own (`policy NAME VALUE --user USER`).
pub(super) const USER_FLAG: &str = "--user";

/// Why a command could not be parsed, naming what was given: its `String` fields hold the words
/// already made safe to print ([`safe_text`]); the errors it wraps make their own safe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("empty command")]
    Empty,
    #[error("unknown command '{word}' ({})", match close {
        Some(close) => format!("did you mean '{close}'?"),
        None => "try 'help'".to_owned(),
    })]
    UnknownCommand {
        word: String,
        close: Option<&'static str>,
    },
    /// Fewer arguments than the command needs; `usage` says how it is written.
    #[error("missing {missing} ({usage})")]
    Missing { missing: String, usage: String },
    #[error("extra arguments '{extra}' ({usage})")]
    Extra { extra: String, usage: String },
    /// A name or token that cannot be used (its words cut to a quote's length, as every
    /// message a script quotes).
    #[error("{}", safe_text(&.0.to_string()))]
    Text(#[from] TextError),
    /// A number of ticks that does not read as one.
    #[error("{}", bad.describe(given))]
    Ticks { given: String, bad: BadTicks },
    #[error("'{given}' is not on or off")]
    NotOnOff { given: String },
    /// A path that starts with `-`: an option the command does not have (`save --nosteps`),
    /// never silently a file of that name.
    #[error(
        "'{given}' looks like an option, not a file name (save --no-steps PATH saves without a \
         lesson's steps; ./{given} is a file of that name)"
    )]
    PathLikeOption { given: String },
    /// A clock offset or a setting's value that is not one of its kind.
    #[error("{0}")]
    Value(#[from] ValueError),
    /// `policy` alone.
    #[error("missing policy setting; expected {expected}")]
    NoSetting { expected: String },
    /// `policy NAME` with a name that is not a scripted setting; `close` is the nearest one.
    #[error("unknown policy setting '{given}'{}", match close {
        Some(close) => format!(" (did you mean '{close}'?)"),
        None => format!("; expected {expected}"),
    })]
    UnknownSetting {
        given: String,
        close: Option<&'static str>,
        expected: String,
    },
    /// `--user` without a name after it, or in the middle of the value.
    #[error("{USER_FLAG} needs a user's name ({usage})")]
    UserFlagWithoutName { usage: String },
    /// `--user` on a setting that is the same for every user.
    #[error("{setting} is the same for every user; it has no {USER_FLAG} form")]
    NotPerUser { setting: &'static str },
    /// `inherit` without `--user`.
    #[error("'{INHERIT}' gives one user back the scenario's value: add {USER_FLAG} USER")]
    InheritWithoutUser,
    /// An entry that builds from plain arguments declares a setting argument (a registry
    /// mistake its tests rule out).
    #[error("a setting is read by the table of settings")]
    SettingArgument,
}
