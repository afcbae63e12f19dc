//! The one command table (as helix's typed commands): each row is a command's name, its
//! arguments, its help line and how it becomes a [`Command`]. Parsing, `help`, `--help` and
//! "did you mean" are all read from [`COMMANDS`], so a command is defined in exactly one place.

pub use super::command_table::COMMANDS;
use crate::domain::clients::ClientOp;
use crate::domain::settings::Setting;
use crate::domain::{Op, PolicyChange};
use std::path::PathBuf;

/// One scripted command: an operation on the session, or one of the script's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Op(Op),
    /// The clock and a table of every user.
    Show,
    /// Print a user's whole access token (a real JWT with `[oauth] jwt`: the table shortens it).
    Token(String),
    Save(PathBuf),
    /// `save --no-steps PATH`: a lesson's state as a plain scenario, without its steps.
    SaveNoSteps(PathBuf),
    Help,
}

impl Command {
    /// The user the command is about, if any.
    pub fn user(&self) -> Option<&str> {
        match self {
            Command::Op(
                Op::Refresh(user)
                | Op::Remove(user)
                | Op::SetExpiry { user, .. }
                | Op::Steal(user)
                | Op::Replay(user)
                | Op::Revoke(user)
                | Op::Login(user)
                | Op::Logout(user)
                | Op::RevokeAll(user)
                | Op::Call(user),
            ) => Some(user),
            Command::Token(user) => Some(user),
            Command::Op(Op::Clients(op)) => op.user(),
            Command::Op(Op::Policy(change)) => change.user(),
            _ => None,
        }
    }
}

/// What an argument is, which decides how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    User,
    Token,
    Ticks,
    Path,
    /// `on` or `off`.
    OnOff,
    /// `NAME VALUE [--user USER]`: a setting by the table of settings (the rest of the line).
    Policy,
    /// A client's name (issue 9).
    Client,
    /// A client's name that may be left out (the user's first client).
    OptClient,
    /// A signed number of ticks (a clock offset): `-90`, `+30`, `-1m`.
    Offset,
}

impl Arg {
    /// Whether the argument may be left out (only at the end).
    pub fn optional(self) -> bool {
        self == Arg::OptClient
    }
}

/// A checked argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Ticks(u64),
    Bool(bool),
    Offset(i64),
    Policy(PolicyChange),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Ticks(n) => n.to_string(),
            Value::Bool(b) => if *b { "on" } else { "off" }.to_owned(),
            Value::Offset(n) => n.to_string(),
            Value::Policy(change) => change.command_words(),
        }
    }

    fn ticks(&self) -> u64 {
        match self {
            Value::Ticks(n) => *n,
            _ => 0,
        }
    }
}

/// One row of the table.
pub struct CommandSpec {
    /// One or two words, e.g. `refresh` or `policy early`.
    pub name: &'static str,
    /// Each argument as `help` shows it, and its kind.
    pub args: &'static [(&'static str, Arg)],
    pub help: &'static str,
    /// Builds the command from its checked arguments (as many as `args`, in order).
    pub build: fn(&[Value]) -> Command,
}

impl CommandSpec {
    /// `refresh USER`, `policy boundary lesson|rfc7519`.
    pub fn usage(&self) -> String {
        let mut usage = self.name.to_owned();
        for (shown, _) in self.args {
            usage.push(' ');
            usage.push_str(shown);
        }
        usage
    }
}

pub(super) fn op(op: Op) -> Command {
    Command::Op(op)
}

pub(super) fn text(values: &[Value], i: usize) -> String {
    values.get(i).map(Value::text).unwrap_or_default()
}

pub(super) fn ticks(values: &[Value], i: usize) -> u64 {
    values.get(i).map_or(0, Value::ticks)
}

pub(super) fn on(values: &[Value]) -> bool {
    matches!(values.first(), Some(Value::Bool(true)))
}

pub(super) fn clients(op: ClientOp) -> Command {
    Command::Op(Op::Clients(op))
}

/// The optional argument at `i`, when given.
pub(super) fn given(values: &[Value], i: usize) -> Option<String> {
    values.get(i).map(Value::text)
}

/// Each command's usage and help line; the `policy` row is one line per setting of the table,
/// and one for a user's own value.
fn help_lines() -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for c in COMMANDS {
        if c.args.iter().any(|(_, kind)| *kind == Arg::Policy) {
            lines.extend(Setting::scripted().map(|s| (s.usage(), s.help_line())));
            lines.push((
                "policy NAME VALUE --user USER".to_owned(),
                "real-world model: USER's own value of a per-user setting ('inherit': the scenario's again)"
                    .to_owned(),
            ));
        } else {
            lines.push((c.usage(), c.help.to_owned()));
        }
    }
    lines
}

/// The commands, one a line (each ending in a newline), for `help` and `--help`.
pub fn help_text() -> String {
    let lines = help_lines();
    let width = lines
        .iter()
        .map(|(usage, _)| usage.chars().count())
        .max()
        .unwrap_or(0);
    lines
        .iter()
        .map(|(usage, help)| format!("  {usage:width$}  {help}\n"))
        .collect()
}

/// The first words of every command (`refresh`, `policy`, ...), each once, for "did you mean".
pub fn first_words() -> impl Iterator<Item = &'static str> {
    let mut seen = Vec::new();
    COMMANDS.iter().filter_map(move |c| {
        let word = c.name.split(' ').next().unwrap_or(c.name);
        (!seen.contains(&word)).then(|| {
            seen.push(word);
            word
        })
    })
}

/// The second words of the commands that start with `first` (`boundary`, `early`, ...).
pub fn second_words(first: &str) -> impl Iterator<Item = &'static str> + '_ {
    COMMANDS.iter().filter_map(move |c| {
        let (a, b) = c.name.split_once(' ')?;
        (a == first).then_some(b)
    })
}

#[cfg(test)]
#[path = "commands_tests.rs"]
mod tests;
