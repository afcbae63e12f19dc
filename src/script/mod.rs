//! The scripted (non-interactive) mode: `--exec "refresh alice"` and `--script FILE`.
//!
//! A script is parsed and checked whole before anything runs ([`prepare`]), so a bad script runs
//! nothing and prints nothing on stdout; then [`run`] executes it against a [`Session`].

mod check;
mod parse;
mod parse_error;
mod policy;
mod run;
pub mod show;

pub use crate::registry::{COMMANDS, Command, help_text};
pub use check::check_script;
pub use parse::{Source, closest, parse_command, parse_script};
pub use parse_error::ParseError;
pub use run::{RunError, no_steps_hint, run};
pub use show::write_table;

use crate::domain::{Scenario, Session};

/// A command and the number it is reported under (a line number, or a command count for `--exec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    /// The registry's entry the command was parsed by.
    pub spec: &'static crate::registry::CommandSpec,
    pub command: Command,
    /// The command's words as typed (made safe to print), for the transcript.
    pub text: String,
}

/// A bad command, printed as `script:N: message`. The message (a [`ParseError`]'s words, or the
/// model's refusal found by checking the script) is already safe to print.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("script:{number}: {problem}")]
pub struct ScriptError {
    pub number: usize,
    #[source]
    pub problem: ScriptProblem,
}

/// What is wrong with one of a script's commands: it does not parse, or checking the script
/// (or running it) finds the model would refuse it. Names are quoted made safe to print.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptProblem {
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A real-world command before anything turned the model on.
    #[error("{}", crate::domain::Error::ModelOff(command))]
    ModelOff { command: &'static str },
    /// An `add` of a user the script will already have.
    #[error("user '{}' already exists", safe_text(user))]
    DuplicateUser { user: String },
    /// A user the script names who will not be there: removed by the command at `removed_at`,
    /// or never there (`close`: the nearest name, when the store is small enough to search).
    #[error("unknown user '{}'{}", safe_text(user), match (removed_at, close) {
        (Some(number), _) => format!(" (removed earlier, at {number})"),
        (None, Some(close)) => format!(" (did you mean '{close}'?)"),
        (None, None) => String::new(),
    })]
    UnknownUser {
        user: String,
        removed_at: Option<usize>,
        close: Option<String>,
    },
    /// The model refused the command as it ran.
    #[error("{}", safe_text(&.0.to_string()))]
    Refused(#[from] crate::domain::Error),
}

/// Parses and checks a whole script against the session it will run on. Every bad command is
/// reported, in order; on success nothing has run yet.
pub fn prepare(
    text: &str,
    source: Source,
    session: &Session,
) -> Result<Vec<Line>, Vec<ScriptError>> {
    let (lines, errors) = parse::parse_lines(text, source);
    checked(lines, errors, session)
}

/// [`prepare`], building the session from `scenario` with only what the script uses: a script
/// without `undo`, `redo` or `reset` keeps no undo steps and no copy of the scenario as loaded,
/// so a batch run over a million users pays nothing for them.
pub fn prepare_session(
    text: &str,
    source: Source,
    scenario: Scenario,
) -> Result<(Session, Vec<Line>), Vec<ScriptError>> {
    let (lines, errors) = parse::parse_lines(text, source);
    let moves_through_history = lines
        .iter()
        .any(|l| matches!(&l.command, Command::Op(op) if op.moves_through_history()));
    let session = if moves_through_history {
        Session::new(scenario)
    } else {
        Session::batch(scenario)
    };
    let lines = checked(lines, errors, &session)?;
    Ok((session, lines))
}

fn checked(
    lines: Vec<Line>,
    mut errors: Vec<ScriptError>,
    session: &Session,
) -> Result<Vec<Line>, Vec<ScriptError>> {
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
