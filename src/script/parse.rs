//! Turns script text into commands, collecting every bad line instead of stopping at the first.

use super::{Command, Line, ScriptError, safe_text};
use crate::domain::Boundary;
use crate::domain::text;
pub use crate::suggest::closest;
use std::path::PathBuf;

/// Where a script came from, which decides what its numbers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--script`: numbers are line numbers (commands split by `;` share their line's number).
    File,
    /// `--exec`: numbers count commands, split by `;` or newlines, from 1.
    Exec,
}

/// Every command name, for `--help`, error hints and "did you mean".
pub const COMMAND_NAMES: [&str; 14] = [
    "refresh",
    "refresh-all",
    "advance",
    "rewind",
    "time",
    "show",
    "undo",
    "redo",
    "add",
    "remove",
    "set-expiry",
    "policy",
    "save",
    "help",
];

const POLICY_SETTINGS: [&str; 3] = ["boundary", "early", "leeway"];

/// Parses a whole script. Blank pieces and `#` comments (a `#` that starts a word, to the end of
/// its command: the next `;` or the end of the line) are skipped. On failure, returns one error per bad command, in order.
pub fn parse_script(text: &str, source: Source) -> Result<Vec<Line>, Vec<ScriptError>> {
    let (lines, errors) = parse_lines(text, source);
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// The commands that parse and the errors of those that do not.
pub(super) fn parse_lines(text: &str, source: Source) -> (Vec<Line>, Vec<ScriptError>) {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut counter = 0;
    for (line_index, raw_line) in text.split('\n').enumerate() {
        for piece in raw_line.split(';') {
            counter += 1;
            let number = match source {
                Source::File => line_index + 1,
                Source::Exec => counter,
            };
            let words: Vec<&str> = strip_comment(piece).split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            match parse_command(&words) {
                Ok(command) => lines.push(Line { number, command }),
                Err(message) => errors.push(ScriptError { number, message }),
            }
        }
    }
    (lines, errors)
}

/// Cuts a command at the first `#` that starts a word, so tokens such as `ab#12` survive.
fn strip_comment(line: &str) -> &str {
    let mut previous_is_space = true;
    for (i, ch) in line.char_indices() {
        if ch == '#' && previous_is_space {
            return &line[..i];
        }
        previous_is_space = ch.is_whitespace();
    }
    line
}

/// Parses one command from its words (at least one).
pub fn parse_command(words: &[&str]) -> Result<Command, String> {
    let (&name, args) = words.split_first().ok_or("empty command")?;
    let command = match name {
        "refresh" => {
            let [user] = exact(name, args, ["USER"])?;
            Command::Refresh(user_arg(user)?)
        }
        "refresh-all" => {
            exact(name, args, [])?;
            Command::RefreshAll
        }
        "advance" | "rewind" | "time" => {
            let [n] = exact(name, args, ["N"])?;
            let n = ticks(n)?;
            match name {
                "advance" => Command::Advance(n),
                "rewind" => Command::Rewind(n),
                _ => Command::Time(n),
            }
        }
        "show" => {
            exact(name, args, [])?;
            Command::Show
        }
        "undo" => {
            exact(name, args, [])?;
            Command::Undo
        }
        "redo" => {
            exact(name, args, [])?;
            Command::Redo
        }
        "add" => {
            let [user, token, expiry] = exact(name, args, ["USER", "TOKEN", "EXPIRY"])?;
            let user = user_arg(user)?;
            text::check_token(token).map_err(|m| safe_text(&m))?;
            Command::Add {
                user,
                token: token.to_owned(),
                expiry: ticks(expiry)?,
            }
        }
        "remove" => {
            let [user] = exact(name, args, ["USER"])?;
            Command::Remove(user_arg(user)?)
        }
        "set-expiry" => {
            let [user, expiry] = exact(name, args, ["USER", "EXPIRY"])?;
            Command::SetExpiry {
                user: user_arg(user)?,
                expiry: ticks(expiry)?,
            }
        }
        "policy" => parse_policy(args)?,
        "save" => {
            let [path] = exact(name, args, ["PATH"])?;
            Command::Save(PathBuf::from(path))
        }
        "help" => {
            exact(name, args, [])?;
            Command::Help
        }
        other => {
            let mut message = format!("unknown command '{}'", safe_text(other));
            if let Some(close) = closest(other, COMMAND_NAMES) {
                message.push_str(&format!(" (did you mean '{close}'?)"));
            } else {
                message.push_str(" (try 'help')");
            }
            return Err(message);
        }
    };
    Ok(command)
}

fn parse_policy(args: &[&str]) -> Result<Command, String> {
    const USAGE: &str = "policy boundary lesson|rfc7519, policy early N or policy leeway N";
    let Some((&setting, rest)) = args.split_first() else {
        return Err(format!("missing policy setting; expected {USAGE}"));
    };
    match setting {
        "boundary" => {
            let [value] = exact("policy boundary", rest, ["lesson|rfc7519"])?;
            Boundary::from_name(value)
                .map(Command::Boundary)
                .ok_or_else(|| {
                    format!(
                        "unknown boundary '{}'; expected lesson or rfc7519",
                        safe_text(value)
                    )
                })
        }
        "early" => {
            let [n] = exact("policy early", rest, ["N"])?;
            Ok(Command::Early(ticks(n)?))
        }
        "leeway" => {
            let [n] = exact("policy leeway", rest, ["N"])?;
            Ok(Command::Leeway(ticks(n)?))
        }
        other => {
            let mut message = format!("unknown policy setting '{}'", safe_text(other));
            match closest(other, POLICY_SETTINGS) {
                Some(close) => message.push_str(&format!(" (did you mean '{close}'?)")),
                None => message.push_str(&format!("; expected {USAGE}")),
            }
            Err(message)
        }
    }
}

/// Takes exactly `N` arguments, or says which are missing or extra.
fn exact<'a, const N: usize>(
    name: &str,
    args: &[&'a str],
    wanted: [&str; N],
) -> Result<[&'a str; N], String> {
    let usage = if N == 0 {
        format!("'{name}' takes no arguments")
    } else {
        format!("usage: {name} {}", wanted.join(" "))
    };
    if args.len() < N {
        let missing = wanted[args.len()..].join(" ");
        return Err(format!("missing {missing} ({usage})"));
    }
    if args.len() > N {
        let extra = safe_text(&args[N..].join(" "));
        return Err(format!("extra arguments '{extra}' ({usage})"));
    }
    let mut out = [""; N];
    out.copy_from_slice(args);
    Ok(out)
}

fn user_arg(user: &str) -> Result<String, String> {
    let user = text::normal_name(user).map_err(|m| safe_text(&m))?;
    Ok(user.into_owned())
}

/// A whole number of ticks, 0 or more, with an error a learner can act on.
fn ticks(word: &str) -> Result<u64, String> {
    word.parse::<u64>().map_err(|_| {
        let shown = safe_text(word);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if word.strip_prefix('-').is_some_and(digits) {
            format!("'{shown}' is negative; ticks are 0 or more")
        } else if digits(word) {
            format!("'{shown}' is too large (the most is {})", u64::MAX)
        } else {
            format!("'{shown}' is not a whole number of ticks")
        }
    })
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
