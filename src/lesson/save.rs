//! Saving during a lesson: the file gets the state now and the steps not yet done (a lesson that
//! goes on from here), and is checked before it replaces anything: every step left must run on
//! the saved state, in order, as when the file is opened. When one cannot, nothing is written and
//! the error says which step and why; a plain scenario without the steps can be saved instead.

use super::parse_lesson;
use crate::domain::file_replace::replace_file;
use crate::domain::scenario_save::{SaveError, scenario_text};
use crate::domain::text::sanitize;
use crate::domain::{Scenario, Session, parse_scenario};
use crate::script::{Command, parse_command, safe_text};
use std::fmt;
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item};

/// Which of the template's `[[step]]` tables a save writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Steps {
    /// The steps from this one on (0: all of them): the ones before were done.
    From(usize),
    /// None: a plain scenario.
    None,
}

/// Why a save wrote nothing.
#[derive(Debug)]
pub enum LessonSaveError {
    /// A step left cannot run on the state saved: its number in the lesson (from 1), its
    /// command and why.
    Step {
        path: PathBuf,
        number: usize,
        command: String,
        why: String,
    },
    /// The text would not load back (not reached: a save writes what the loader reads).
    Reload {
        path: PathBuf,
        why: String,
    },
    Save(SaveError),
}

impl fmt::Display for LessonSaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LessonSaveError::Step {
                path,
                number,
                command,
                why,
            } => write!(
                f,
                "not saved ({} kept as it was): the lesson's step {number} '{}' cannot run on \
                 the state now: {}; save the scenario without its steps instead \
                 (save --no-steps PATH)",
                sanitize(&path.display().to_string()),
                safe_text(command),
                safe_text(why),
            ),
            LessonSaveError::Reload { path, why } => write!(
                f,
                "not saved ({} kept as it was): the file would not load back: {}",
                sanitize(&path.display().to_string()),
                safe_text(why),
            ),
            LessonSaveError::Save(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LessonSaveError {}

/// How many `[[step]]` tables `text` has.
pub fn step_count(text: &str) -> usize {
    text.parse::<DocumentMut>()
        .ok()
        .and_then(|doc| {
            doc.get("step")
                .and_then(Item::as_array_of_tables)
                .map(|a| a.len())
        })
        .unwrap_or(0)
}

/// The scenario's text with the template's steps from `steps` on (and its title), or without
/// any step or title.
pub fn text_with_steps(scenario: &Scenario, template: Option<&str>, steps: Steps) -> String {
    let text = scenario_text(scenario, template);
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return text;
    };
    let from = match steps {
        Steps::From(from) => from,
        Steps::None => usize::MAX,
    };
    let template_doc = template.and_then(|t| t.parse::<DocumentMut>().ok());
    // A text written afresh (the template could not hold the scenario) has no steps: they come
    // from the template.
    if doc.get("step").is_none()
        && let Some(template_doc) = &template_doc
    {
        if let Some(title) = template_doc.get("title") {
            doc.insert("title", title.clone());
        }
        if let Some(step) = template_doc.get("step") {
            doc.insert("step", step.clone());
        }
    }
    let left = match doc.get_mut("step").and_then(Item::as_array_of_tables_mut) {
        Some(tables) => {
            for _ in 0..from.min(tables.len()) {
                tables.remove(0);
            }
            tables.len()
        }
        None => 0,
    };
    if left == 0 {
        doc.remove("step");
        doc.remove("title");
    }
    // The time estimate is the whole lesson's: a lesson that goes on from a later step, or a
    // plain scenario, has none.
    if left == 0 || from > 0 {
        doc.remove("minutes");
    }
    doc.to_string()
}

/// Checks that `text` loads back as a lesson: every step runs, in order, on its scenario. The
/// step that cannot is numbered from `first` (the lesson's number of the text's first step).
pub fn check(text: &str, path: &Path, first: usize) -> Result<(), LessonSaveError> {
    let file = path.display().to_string();
    let step_error = |number: usize, command: String, why: String| LessonSaveError::Step {
        path: path.to_owned(),
        number,
        command,
        why,
    };
    let reload = |why: String| LessonSaveError::Reload {
        path: path.to_owned(),
        why,
    };
    let scenario = parse_scenario(text, &file).map_err(|e| reload(e.to_string()))?;
    let doc = text
        .parse::<DocumentMut>()
        .map_err(|e| reload(e.to_string()))?;
    let mut session = Session::new(scenario.clone());
    if let Some(tables) = doc.get("step").and_then(Item::as_array_of_tables) {
        for (i, table) in tables.iter().enumerate() {
            let Some(command) = table.get("do").and_then(Item::as_str) else {
                continue;
            };
            let words: Vec<&str> = command.split_whitespace().collect();
            if let Ok(Command::Op(op)) = parse_command(&words)
                && let Err(e) = session.apply(&op)
            {
                return Err(step_error(first + i, words.join(" "), e.to_string()));
            }
        }
    }
    // Everything else a lesson file is checked for (questions that can be asked, ...).
    parse_lesson(text, &file, &scenario).map_err(|e| reload(e.to_string()))?;
    Ok(())
}

/// Writes the scenario with the steps asked for, after checking that it loads back (see
/// [`check`]); `first` is the lesson's number of the first step written. Returns the text
/// written, the template for the next save.
pub fn save(
    path: &Path,
    scenario: &Scenario,
    template: Option<&str>,
    steps: Steps,
    first: usize,
) -> Result<String, LessonSaveError> {
    let text = text_with_steps(scenario, template, steps);
    check(&text, path, first)?;
    replace_file(path, text.as_bytes()).map_err(|source| {
        LessonSaveError::Save(SaveError {
            path: path.to_owned(),
            source,
        })
    })?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::BUILT_IN;

    #[test]
    fn a_built_in_lesson_saved_as_loaded_keeps_its_steps_and_loads_back() {
        for built_in in BUILT_IN {
            let scenario = parse_scenario(built_in.text, built_in.name).unwrap();
            let all = step_count(built_in.text);
            let text = text_with_steps(&scenario, Some(built_in.text), Steps::From(0));
            assert_eq!(step_count(&text), all, "{}", built_in.name);
            check(&text, Path::new("saved.toml"), 1).unwrap();
            // The whole lesson keeps its time estimate; what is left of it, or a plain
            // scenario, has none.
            assert!(text.contains("\nminutes = "), "{}", built_in.name);
            let text = text_with_steps(&scenario, Some(built_in.text), Steps::From(2));
            assert_eq!(step_count(&text), all - 2);
            assert!(!text.contains("minutes ="), "{text}");
            let plain = text_with_steps(&scenario, Some(built_in.text), Steps::None);
            assert_eq!(step_count(&plain), 0);
            assert!(
                !plain.contains("title =") && !plain.contains("minutes ="),
                "{plain}"
            );
            assert_eq!(parse_scenario(&plain, "plain").unwrap(), scenario);
        }
    }
}
