//! Reading a lesson's steps from a scenario file, with the same errors as the scenario itself
//! (`FILE:LINE:COLUMN: message`). Every `do` is read by the script's command table and then
//! tried, in order, on a copy of the session the lesson will run on, so a step that would fail
//! at that point of the lesson (a user removed two steps earlier) is an error here.

use super::{Action, Ask, Lesson, Step};
use crate::domain::Error;
use crate::domain::text::is_unsafe;
use crate::domain::{Op, Question, Scenario, Session};
use crate::files::InputError;
use crate::script::{Command, ParseError, parse_command, safe_text};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// What is wrong with a step's text or its `do`, naming what the file gave (quoted, made safe);
/// [`parse_lesson`] places it at the file's line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LessonError {
    /// A `;` or a line break in a `do`.
    #[error("do holds one command, without '{}'", ch.escape_default())]
    NotOneCommand { ch: char },
    #[error("do holds one command, without a # comment")]
    Comment,
    #[error("do is empty; leave it out for a step that only says something")]
    EmptyDo,
    #[error("a step cannot undo or redo: the previous-step key goes back a step")]
    UndoRedo,
    /// A command that is not an operation (`show`, `save`); `command` is its name as given.
    #[error(
        "'{}' cannot be a step: a step does an operation (the lesson panel and the handout show \
         the table after each step)",
        safe_text(command)
    )]
    NotAnOperation { command: String },
    /// A `do` the command table does not read.
    #[error("do: {0}")]
    Do(#[from] ParseError),
    #[error("about is for a question: add an ask")]
    AboutWithoutAsk,
    #[error("about is not needed: a refresh's question is about the user refreshed")]
    AboutNotNeeded,
    #[error(
        "the question needs about = \"USER\": whose token to ask about after '{}'",
        safe_text(command)
    )]
    NeedsAbout { command: String },
    /// A question the model cannot ask after this step (about a user it does not have, …).
    #[error("the question cannot be asked here: {}", safe_text(&error.to_string()))]
    CannotAsk {
        #[source]
        error: Error,
    },
    /// A step the model refuses at its point of the lesson.
    #[error(
        "'{}' cannot be done at this point of the lesson: {}",
        safe_text(command),
        safe_text(&error.to_string())
    )]
    CannotRun {
        command: String,
        #[source]
        error: Error,
    },
    /// A title or question (`key`) over more than one line.
    #[error("{key} is one line")]
    OneLine { key: &'static str },
    #[error("{key} is empty")]
    Empty { key: &'static str },
    #[error(
        "{key} contains the invisible or control character U+{code:04X} at character {position}"
    )]
    Invisible {
        key: &'static str,
        code: u32,
        position: usize,
    },
    #[error("{key} is {count} characters; the most is {most}")]
    TooLong {
        key: &'static str,
        count: usize,
        most: usize,
    },
}

/// The most steps a lesson may have.
pub const MAX_STEPS: usize = 500;
/// The longest caption or note, in characters.
const MAX_TEXT_CHARS: usize = 2000;
/// The longest time estimate a lesson may give, in minutes (a school day).
const MAX_MINUTES: i64 = 480;
/// The longest title or question, in characters.
const MAX_LINE_CHARS: usize = 300;

#[derive(Deserialize)]
struct LessonFile {
    title: Option<Spanned<String>>,
    minutes: Option<Spanned<Minutes>>,
    #[serde(default)]
    step: Vec<StepEntry>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a step: [[step]] with say = \"…\" (do, ask, about, note optional)"
)]
struct StepEntry {
    say: Spanned<String>,
    #[serde(rename = "do")]
    command: Option<Spanned<String>>,
    ask: Option<Spanned<String>>,
    about: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
}

/// A lesson's `minutes`, as the file wrote it: any whole number is read (the range is checked
/// with the file's words in [`parse_lesson`]); anything else is said in the file's words, not
/// as a Rust type.
struct Minutes(i64);

impl<'de> Deserialize<'de> for Minutes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        i128::deserialize(deserializer)
            .map(|n| Minutes(i64::try_from(n).unwrap_or(i64::MAX)))
            .map_err(|_| {
                D::Error::custom(format!(
                    "minutes is the lesson's length, a whole number from 1 to {MAX_MINUTES}"
                ))
            })
    }
}

/// The lesson in a scenario file's text, checked against `scenario` (the file's own, or it with
/// a roster's users); `None` when the file has no steps. `file` names the file in errors.
pub fn parse_lesson(
    text: &str,
    file: &str,
    scenario: &Scenario,
) -> Result<Option<Lesson>, InputError> {
    let err_at = |span: &Range<usize>, message: String| {
        InputError::new(file, message).at_offset(text, span.start)
    };
    let lesson_err_at = |span: &Range<usize>, error: LessonError| err_at(span, error.to_string());
    let raw: LessonFile = toml::from_str(text).map_err(|e| {
        let message = crate::files::input_error::in_toml_words(e.message().trim_end());
        let error = InputError::new(file, message);
        match e.span() {
            Some(span) => error.at_offset(text, span.start),
            None => error,
        }
    })?;
    if raw.step.is_empty() {
        // A lesson's own keys without a lesson would be silently unused.
        return match (raw.title, raw.minutes) {
            (Some(title), _) => Err(err_at(
                &title.span(),
                "a title with no [[step]]: a lesson needs at least one step".to_owned(),
            )),
            (None, Some(minutes)) => Err(err_at(
                &minutes.span(),
                "minutes with no [[step]]: a lesson needs at least one step".to_owned(),
            )),
            (None, None) => Ok(None),
        };
    }
    if raw.step.len() > MAX_STEPS {
        let span = raw.step[MAX_STEPS].say.span();
        return Err(err_at(
            &span,
            format!("more than {MAX_STEPS} steps; split the lesson"),
        ));
    }
    let title = match &raw.title {
        Some(title) => {
            one_line(title, "title", MAX_LINE_CHARS).map_err(|e| lesson_err_at(&title.span(), e))?
        }
        None => "Lesson".to_owned(),
    };
    let minutes = match &raw.minutes {
        Some(minutes) => match u32::try_from(minutes.get_ref().0) {
            Ok(m) if (1..=MAX_MINUTES).contains(&i64::from(m)) => Some(m),
            _ => {
                return Err(err_at(
                    &minutes.span(),
                    format!("minutes is the lesson's length, from 1 to {MAX_MINUTES}"),
                ));
            }
        },
        None => None,
    };
    // Each step's operation is tried where it will run: after the steps before it.
    let mut session = Session::new(scenario.clone());
    let mut steps = Vec::with_capacity(raw.step.len());
    for entry in &raw.step {
        let say = paragraph(&entry.say, "say", MAX_TEXT_CHARS)
            .map_err(|e| lesson_err_at(&entry.say.span(), e))?;
        let note = entry
            .note
            .as_ref()
            .map(|n| paragraph(n, "note", MAX_TEXT_CHARS).map_err(|e| lesson_err_at(&n.span(), e)))
            .transpose()?;
        let action = match &entry.command {
            Some(command) => Some(
                action(entry, command, &mut session)
                    .map_err(|e| lesson_err_at(&command.span(), e))?,
            ),
            None => {
                if let Some(ask) = &entry.ask {
                    return Err(err_at(
                        &ask.span(),
                        "ask needs a do: the question is about what the step does".to_owned(),
                    ));
                }
                if let Some(about) = &entry.about {
                    return Err(err_at(
                        &about.span(),
                        "about needs a do and an ask".to_owned(),
                    ));
                }
                None
            }
        };
        steps.push(Step { say, action, note });
    }
    Ok(Some(Lesson {
        title,
        minutes,
        steps,
    }))
}

/// A step's `do` (with its `ask` and `about`), parsed by the command table and carried out on
/// the lesson's copy of the session.
fn action(
    entry: &StepEntry,
    command: &Spanned<String>,
    session: &mut Session,
) -> Result<Action, LessonError> {
    let written = command.get_ref();
    if let Some(ch) = written.chars().find(|c| matches!(c, ';' | '\n')) {
        return Err(LessonError::NotOneCommand { ch });
    }
    let words: Vec<&str> = written.split_whitespace().collect();
    // As in scripts, a `#` that starts a word would start a comment.
    if words.iter().any(|w| w.starts_with('#')) {
        return Err(LessonError::Comment);
    }
    if words.is_empty() {
        return Err(LessonError::EmptyDo);
    }
    let op = match parse_command(&words)? {
        Command::Op(Op::Undo | Op::Redo) => return Err(LessonError::UndoRedo),
        Command::Op(op) => op,
        Command::Show
        | Command::Token(_)
        | Command::Save(_)
        | Command::SaveNoSteps(_)
        | Command::Help => {
            return Err(LessonError::NotAnOperation {
                command: words[0].to_owned(),
            });
        }
    };
    let command_text = words.join(" ");
    let ask = match (&entry.ask, &entry.about, &op) {
        (None, Some(_), _) => return Err(LessonError::AboutWithoutAsk),
        (None, None, _) => None,
        (Some(ask), about, op) => {
            let text = one_line(ask, "ask", MAX_LINE_CHARS)?;
            let user = match (about, op) {
                (Some(_), Op::Refresh(_)) => return Err(LessonError::AboutNotNeeded),
                (None, Op::Refresh(user)) => user.clone(),
                (Some(about), _) => about.get_ref().clone(),
                (None, _) => {
                    return Err(LessonError::NeedsAbout {
                        command: command_text,
                    });
                }
            };
            // Asked here, at this point of the lesson, to find a question that cannot be asked.
            Question::compute(
                session,
                op,
                crate::registry::asks_of(op),
                &user,
                text.clone(),
            )
            .map_err(|error| LessonError::CannotAsk { error })?;
            Some(Ask { text, user })
        }
    };
    if let Err(error) = session.apply(&op) {
        return Err(LessonError::CannotRun {
            command: command_text,
            error,
        });
    }
    Ok(Action {
        op,
        command: command_text,
        ask,
    })
}

/// A caption or note: one paragraph, its line breaks and runs of spaces made single spaces.
fn paragraph(
    text: &Spanned<String>,
    key: &'static str,
    max_chars: usize,
) -> Result<String, LessonError> {
    let joined = text
        .get_ref()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    check(&joined, key, max_chars)?;
    Ok(joined)
}

/// A title or question: one line.
fn one_line(
    text: &Spanned<String>,
    key: &'static str,
    max_chars: usize,
) -> Result<String, LessonError> {
    let raw = text.get_ref();
    if raw.contains('\n') {
        return Err(LessonError::OneLine { key });
    }
    let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    check(&joined, key, max_chars)?;
    Ok(joined)
}

fn check(text: &str, key: &'static str, max_chars: usize) -> Result<(), LessonError> {
    if text.is_empty() {
        return Err(LessonError::Empty { key });
    }
    if let Some((position, ch)) = text.chars().enumerate().find(|(_, c)| is_unsafe(*c)) {
        return Err(LessonError::Invisible {
            key,
            code: ch as u32,
            position: position + 1,
        });
    }
    let count = text.chars().count();
    if count > max_chars {
        return Err(LessonError::TooLong {
            key,
            count,
            most: max_chars,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
