//! Turns script text into commands, collecting every bad line instead of stopping at the first.

use super::commands::{self, Arg, COMMANDS, Command, CommandSpec, Value};
use super::{Line, ScriptError, safe_text};
use crate::domain::text;
pub use crate::suggest::closest;

/// Where a script came from, which decides what its numbers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--script`: numbers are line numbers (commands split by `;` share their line's number).
    File,
    /// `--exec`: numbers count commands, split by `;` or newlines, from 1.
    Exec,
}

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
                Ok(command) => lines.push(Line {
                    number,
                    command,
                    text: safe_text(&words.join(" ")),
                }),
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

/// Parses one command from its words (at least one), by the command table.
pub fn parse_command(words: &[&str]) -> Result<Command, String> {
    let (&first, rest) = words.split_first().ok_or("empty command")?;
    let (spec, args) = find(first, rest)?;
    if spec.args.iter().any(|(_, kind)| *kind == Arg::Policy) {
        let change = super::policy::parse(args)?;
        return Ok((spec.build)(&[Value::Policy(change)]));
    }
    let args = join_duration(spec, args);
    let values = exact(spec, &args)?
        .iter()
        .zip(spec.args)
        .map(|(word, (_, kind))| value(word, *kind))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((spec.build)(&values))
}

/// A last argument in ticks may be a duration of several words (`advance 1h 30m`): they are
/// joined when together they read as one.
fn join_duration<'a>(spec: &CommandSpec, args: &[&'a str]) -> Vec<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    let wanted = spec.args.len();
    if wanted > 0 && args.len() > wanted && matches!(spec.args.last(), Some((_, Arg::Ticks))) {
        let joined = args[wanted - 1..].join(" ");
        if crate::domain::ticks::parse_ticks(&joined).is_ok() {
            let mut out: Vec<Cow<'a, str>> = args[..wanted - 1]
                .iter()
                .map(|a| Cow::Borrowed(*a))
                .collect();
            out.push(Cow::Owned(joined));
            return out;
        }
    }
    args.iter().map(|a| Cow::Borrowed(*a)).collect()
}

/// The row for a command's first (and, for two-word names, second) word, and its arguments.
fn find<'w, 'a>(
    first: &str,
    rest: &'w [&'a str],
) -> Result<(&'static CommandSpec, &'w [&'a str]), String> {
    // A two-word name first (`save --no-steps PATH` is not `save` with two arguments).
    if let Some((&second, args)) = rest.split_first()
        && let Some(spec) = COMMANDS
            .iter()
            .find(|c| c.name.split_once(' ') == Some((first, second)))
    {
        return Ok((spec, args));
    }
    if let Some(spec) = COMMANDS.iter().find(|c| c.name == first) {
        return Ok((spec, rest));
    }
    let mut seconds = commands::second_words(first).peekable();
    if seconds.peek().is_none() {
        let mut message = format!("unknown command '{}'", safe_text(first));
        match closest(first, commands::first_words()) {
            Some(close) => message.push_str(&format!(" (did you mean '{close}'?)")),
            None => message.push_str(" (try 'help')"),
        }
        return Err(message);
    }
    let expected = || {
        let usages: Vec<String> = COMMANDS
            .iter()
            .filter(|c| c.name.split(' ').next() == Some(first))
            .map(CommandSpec::usage)
            .collect();
        usages.join(", ")
    };
    let Some((&second, args)) = rest.split_first() else {
        return Err(format!("missing {first} setting; expected {}", expected()));
    };
    let name = format!("{first} {second}");
    if let Some(spec) = COMMANDS.iter().find(|c| c.name == name) {
        return Ok((spec, args));
    }
    let mut message = format!("unknown {first} setting '{}'", safe_text(second));
    match closest(second, commands::second_words(first)) {
        Some(close) => message.push_str(&format!(" (did you mean '{close}'?)")),
        None => message.push_str(&format!("; expected {}", expected())),
    }
    Err(message)
}

/// Checks one argument by its kind.
fn value(word: &str, kind: Arg) -> Result<Value, String> {
    match kind {
        Arg::User => user_arg(word).map(Value::Text),
        Arg::Token => {
            text::check_token(word).map_err(|m| safe_text(&m))?;
            Ok(Value::Text(word.to_owned()))
        }
        Arg::Ticks => ticks(word).map(Value::Ticks),
        Arg::Path => Ok(Value::Text(word.to_owned())),
        Arg::OnOff => match word {
            "on" => Ok(Value::Bool(true)),
            "off" => Ok(Value::Bool(false)),
            _ => Err(format!("'{}' is not on or off", safe_text(word))),
        },
        Arg::Client | Arg::OptClient => {
            text::check_name(word).map_err(|m| safe_text(&m))?;
            Ok(Value::Text(word.to_owned()))
        }
        Arg::Offset => crate::domain::clients::file::parse_offset(word).map(Value::Offset),
        // Read whole by `parse_command` before any argument is checked.
        Arg::Policy => Err("a setting is read by the table of settings".to_owned()),
    }
}

/// The arguments when there are as many as the command takes, or which are missing or extra.
fn exact<'w, 'a>(
    spec: &CommandSpec,
    args: &'w [std::borrow::Cow<'a, str>],
) -> Result<&'w [std::borrow::Cow<'a, str>], String> {
    let wanted = spec.args.len();
    let usage = if wanted == 0 {
        format!("'{}' takes no arguments", spec.name)
    } else {
        format!("usage: {}", spec.usage())
    };
    let required = spec
        .args
        .iter()
        .filter(|(_, kind)| !kind.optional())
        .count();
    if args.len() < wanted && args.len() >= required {
        return Ok(args);
    }
    if args.len() < wanted {
        let missing: Vec<&str> = spec.args[args.len()..].iter().map(|(a, _)| *a).collect();
        return Err(format!("missing {} ({usage})", missing.join(" ")));
    }
    if args.len() > wanted {
        let extra = safe_text(&args[wanted..].join(" "));
        return Err(format!("extra arguments '{extra}' ({usage})"));
    }
    Ok(args)
}

pub(super) fn user_arg(user: &str) -> Result<String, String> {
    let user = text::normal_name(user).map_err(|m| safe_text(&m))?;
    Ok(user.into_owned())
}

/// A whole number of ticks, 0 or more, with an error a learner can act on.
fn ticks(word: &str) -> Result<u64, String> {
    // Plain numbers, and durations (`5m`, `1h 30m`), by the domain's one tick parser.
    crate::domain::ticks::parse_ticks(word).map_err(|bad| bad.describe(&safe_text(word)))
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
