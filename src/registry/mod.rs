//! The one command registry (as helix's `TYPABLE_COMMAND_LIST`): each entry is a command's
//! name, its arguments, its help line, its keys in the app, what it acts on, what it needs and
//! how it becomes a [`Command`]. Script parsing, `help`, `--help`, "did you mean", the app's keys,
//! footer and help overlay, lesson steps and the tests all read [`COMMANDS`], so a command is
//! defined in exactly one place. A command is written back out (transcript, handout, the app's
//! transcript) by [`words::command_words`](crate::words::command_words), an exhaustive
//! `match` over [`Op`] that tests round-trip through the parser for every entry.

mod key;
mod table;

pub use key::Key;
pub use table::COMMANDS;

pub use crate::domain::question::Asks;
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
            Command::Op(op) => op.user(),
            Command::Token(user) => Some(user),
            Command::Show | Command::Save(_) | Command::SaveNoSteps(_) | Command::Help => None,
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
}

impl Value {
    pub fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Ticks(n) => n.to_string(),
            Value::Bool(b) => if *b { "on" } else { "off" }.to_owned(),
            Value::Offset(n) => n.to_string(),
        }
    }

    fn ticks(&self) -> u64 {
        match self {
            Value::Ticks(n) => *n,
            Value::Text(_) | Value::Bool(_) | Value::Offset(_) => 0,
        }
    }
}

/// What a command's key acts on in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The command takes no arguments (`undo`, `refresh-all`).
    Nothing,
    /// Its one argument is a user: a key fills in the selected user (`refresh`, `steal`).
    SelectedUser,
    /// Its arguments are typed (a script, a prompt): it has no key of its own.
    Arguments,
}

/// What a command needs of the scenario before it can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    /// The real-world model on (an `[oauth]` table, or a `policy` command for one of its knobs).
    Model,
    /// A user with declared clients (`[clients]`): known only by running, so a script with
    /// such a command is tried on a copy first.
    Clients,
}

/// A command's keys in the app, and how the help overlay and the README describe them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys {
    pub keys: &'static [Key],
    pub help: &'static str,
    /// Its word in the footer (bindings that share a word are shown together).
    pub footer: Option<&'static str>,
    /// Where the key table (and so the help and the footer) lists it.
    pub section: KeySection,
}

/// Where a command's keys sit in the app's key table, among the keys that are not commands
/// (moving, the clock, prompts, menus); within a section, commands keep the registry's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySection {
    /// Right after moving: the one operation every scenario is about (`refresh`).
    First,
    /// After the clock's keys: going back and forth in history (`undo`, `redo`).
    History,
    /// After the step keys, before prompts and menus: every other operation.
    Operations,
}

/// One entry of the registry.
pub struct CommandSpec {
    /// One word, e.g. `refresh` or `policy` (a setting's name is `policy`'s first argument), or
    /// two when the second is a flag (`save --no-steps`).
    pub name: &'static str,
    /// Each argument as `help` shows it, and its kind.
    pub args: &'static [(&'static str, Arg)],
    pub help: &'static str,
    /// Its keys in the app (on `target`), if it has any.
    pub keys: Option<Keys>,
    pub target: Target,
    pub needs: Needs,
    /// What a prediction before the command asks: the kinds of outcome it can have.
    pub asks: Asks,
    pub build: Build,
}

/// How an entry becomes a [`Command`]. `policy` has its own kind, so its builder is handed the
/// change the table of settings read and cannot be handed anything else.
#[derive(Clone, Copy)]
pub enum Build {
    /// From the checked arguments (as many as `args`, in order; an optional one left out is
    /// absent).
    Args(fn(&[Value]) -> Command),
    /// From the change `policy NAME VALUE [--user USER]` reads by the table of settings (its
    /// `args` is the one [`Arg::Policy`]).
    Policy(fn(PolicyChange) -> Command),
}

impl PartialEq for CommandSpec {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for CommandSpec {}

impl std::fmt::Debug for CommandSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CommandSpec({})", self.name)
    }
}

/// The entry that builds `op`: the one its words ([`command_words`]) name. `None` only for an
/// operation no command builds (a scenario file's `new_token`).
///
/// [`command_words`]: crate::words::command_words
pub fn entry_of(op: &Op) -> Option<&'static CommandSpec> {
    let words = crate::words::command_words(op);
    find(words.split(' ').next()?)
}

/// What a prediction before `op` asks (its entry's column; a validity question for an
/// operation no command builds).
pub fn asks_of(op: &Op) -> Asks {
    entry_of(op).map_or(Asks::Validity, |spec| spec.asks)
}

/// The entry named `name`, found at compile time when called in a constant (a misspelt name
/// does not compile).
pub const fn spec(name: &str) -> &'static CommandSpec {
    let mut i = 0;
    while i < COMMANDS.len() {
        if same(COMMANDS[i].name, name) {
            return &COMMANDS[i];
        }
        i += 1;
    }
    panic!("no such command in the registry");
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl CommandSpec {
    /// The command a key builds on the app's selection (`None` when the command takes typed
    /// arguments, or needs a user and none is selected).
    pub fn on_selection(&self, selected: Option<&str>) -> Option<Command> {
        let build = match self.build {
            Build::Args(build) => build,
            // A setting and its value are always typed.
            Build::Policy(_) => return None,
        };
        match self.target {
            Target::Nothing => Some(build(&[])),
            Target::SelectedUser => selected.map(|user| build(&[Value::Text(user.to_owned())])),
            Target::Arguments => None,
        }
    }

    /// `refresh USER`, `skew USER CLIENT N`.
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

/// The optional argument at `i`, when given.
pub(super) fn given(values: &[Value], i: usize) -> Option<String> {
    values.get(i).map(Value::text)
}

/// Each command's usage and help line; the `policy` entry is one line per setting of the
/// table of settings, and one for a user's own value.
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

/// Every command's first word (`refresh`, `policy`, `save`, ...), each once, for "did you mean".
pub fn names() -> impl Iterator<Item = &'static str> {
    COMMANDS
        .iter()
        .filter(|c| !c.name.contains(' '))
        .map(|c| c.name)
}

/// The entry named `name` (one word, or two for `save --no-steps`).
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests;
