//! Turns script text into commands, collecting every bad line instead of stopping at the first.

use super::parse_error::ParseError;
use super::{Line, ScriptError, safe_text};
use crate::domain::text;
use crate::registry::{self as commands, Arg, Build, Command, CommandSpec, Value};
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
            match parse_entry(&words) {
                Ok((spec, command)) => lines.push(Line {
                    number,
                    spec,
                    command,
                    text: safe_text(&words.join(" ")),
                }),
                Err(error) => errors.push(ScriptError {
                    number,
                    problem: error.into(),
                }),
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

/// Parses one command from its words (at least one), by the command registry.
pub fn parse_command(words: &[&str]) -> Result<Command, ParseError> {
    parse_entry(words).map(|(_, command)| command)
}

/// [`parse_command`], with the registry's entry that parsed it.
pub fn parse_entry(words: &[&str]) -> Result<(&'static CommandSpec, Command), ParseError> {
    let (&first, rest) = words.split_first().ok_or(ParseError::Empty)?;
    // A two-word name first (`save --no-steps PATH` is not `save` with two arguments).
    let two = rest
        .split_first()
        .and_then(|(second, args)| Some((commands::find(&format!("{first} {second}"))?, args)));
    let (spec, args) = match two {
        Some(found) => found,
        None => (
            commands::find(first).ok_or_else(|| ParseError::UnknownCommand {
                word: safe_text(first),
                close: closest(first, commands::names()),
            })?,
            rest,
        ),
    };
    let build = match spec.build {
        Build::Policy(build) => return Ok((spec, build(super::policy::parse(args)?))),
        Build::Args(build) => build,
    };
    let args = join_duration(spec, args);
    let values = exact(spec, &args)?
        .iter()
        .zip(spec.args)
        .map(|(word, (_, kind))| value(word, *kind))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((spec, build(&values)))
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

/// Checks one argument by its kind.
fn value(word: &str, kind: Arg) -> Result<Value, ParseError> {
    match kind {
        Arg::User => user_arg(word).map(Value::Text),
        Arg::Token => {
            text::check_token(word)?;
            Ok(Value::Text(word.to_owned()))
        }
        Arg::Ticks => ticks(word).map(Value::Ticks),
        Arg::Path if word.starts_with('-') => Err(ParseError::PathLikeOption {
            given: safe_text(word),
        }),
        Arg::Path => Ok(Value::Text(word.to_owned())),
        Arg::OnOff => match word {
            "on" => Ok(Value::Bool(true)),
            "off" => Ok(Value::Bool(false)),
            _ => Err(ParseError::NotOnOff {
                given: safe_text(word),
            }),
        },
        Arg::Client | Arg::OptClient => {
            text::check_client_name(word)?;
            Ok(Value::Text(word.to_owned()))
        }
        Arg::Offset => Ok(Value::Offset(crate::files::clients::parse_offset(word)?)),
        // Only an entry that builds from a policy change takes one (the registry's tests
        // check), and `parse_entry` reads it whole before any argument is checked.
        Arg::Policy => Err(ParseError::SettingArgument),
    }
}

/// The arguments when there are as many as the command takes, or which are missing or extra.
fn exact<'w, 'a>(
    spec: &CommandSpec,
    args: &'w [std::borrow::Cow<'a, str>],
) -> Result<&'w [std::borrow::Cow<'a, str>], ParseError> {
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
        return Err(ParseError::Missing {
            missing: missing.join(" "),
            usage,
        });
    }
    if args.len() > wanted {
        return Err(ParseError::Extra {
            extra: safe_text(&args[wanted..].join(" ")),
            usage,
        });
    }
    Ok(args)
}

fn user_arg(user: &str) -> Result<String, ParseError> {
    Ok(text::normal_name(user)?.into_owned())
}

/// A whole number of ticks, 0 or more, with an error a learner can act on.
fn ticks(word: &str) -> Result<u64, ParseError> {
    // Plain numbers, and durations (`5m`, `1h 30m`), by the domain's one tick parser.
    crate::domain::ticks::parse_ticks(word).map_err(|bad| ParseError::Ticks {
        given: safe_text(word),
        bad,
    })
}

#[cfg(test)]
mod tests;
