//! Saving during a lesson: the file gets the state now and the steps not yet done (a lesson that
//! goes on from here), and is checked before it replaces anything: every step left must run on
//! the saved state, in order, as when the file is opened. When one cannot, nothing is written and
//! the error says which step and why; a plain scenario without the steps can be saved instead.

use super::parse_lesson;
use crate::domain::template::{Places, Template};
use crate::domain::text::sanitize;
use crate::domain::{Scenario, Session};
use crate::files::edit::{edit_toml, edit_toml_unchecked, splice};
use crate::files::parse_scenario;
use crate::files::replace::replace_file;
use crate::files::save::{SaveError, to_toml};
use crate::files::scenario::parse_with_places;
use crate::script::{Command, parse_command, safe_text};
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

/// Why a save wrote nothing. Each front end says how to save without the steps its own way
/// (a script's `save --no-steps PATH`, the app's `y`).
#[derive(Debug, thiserror::Error)]
pub enum LessonSaveError {
    /// A step left cannot run on the state saved: its number in the lesson (from 1), its
    /// command and why.
    #[error(
        "not saved ({} kept as it was): the lesson's step {number} '{}' cannot run on the state \
         now: {}",
        sanitize(&path.display().to_string()),
        safe_text(command),
        safe_text(why)
    )]
    Step {
        path: PathBuf,
        number: usize,
        command: String,
        why: String,
    },
    /// The text would not load back (not reached: a save writes what the loader reads).
    #[error(
        "not saved ({} kept as it was): the file would not load back: {}",
        sanitize(&path.display().to_string()),
        safe_text(why)
    )]
    Reload { path: PathBuf, why: String },
    /// The save stopped halfway (a bug in tokenclock: its thread panicked).
    #[error(
        "the save to {} stopped before it finished: {} (a bug in tokenclock; please report it)",
        sanitize(&path.display().to_string()),
        safe_text(why)
    )]
    Stopped { path: PathBuf, why: String },
    #[error(transparent)]
    Save(#[from] SaveError),
}

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
    template
        .and_then(|t| edit_toml(t, scenario))
        .map(|text| with_steps_kept(&text, steps))
        .unwrap_or_else(|| fresh_with_steps(scenario, template, steps))
}

/// `text` with only the steps asked for (when it has any to drop, it is parsed once more).
fn with_steps_kept(text: &str, steps: Steps) -> String {
    match text.parse::<DocumentMut>() {
        Ok(mut doc) => {
            keep_steps(&mut doc, steps);
            doc.to_string()
        }
        Err(_) => text.to_owned(),
    }
}

/// The scenario written afresh ([`to_toml`]: the template could not hold it), with the
/// template's title and steps asked for.
fn fresh_with_steps(scenario: &Scenario, template: Option<&str>, steps: Steps) -> String {
    fresh_with_steps_left(scenario, template, steps).0
}

/// [`fresh_with_steps`], and how many steps it has (`None`: not known).
fn fresh_with_steps_left(
    scenario: &Scenario,
    template: Option<&str>,
    steps: Steps,
) -> (String, Option<usize>) {
    let text = to_toml(scenario);
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return (text, None);
    };
    if let Some(template_doc) = template.and_then(|t| t.parse::<DocumentMut>().ok()) {
        if let Some(title) = template_doc.get("title") {
            doc.insert("title", title.clone());
        }
        if let Some(step) = template_doc.get("step") {
            doc.insert("step", step.clone());
        }
    }
    let left = keep_steps(&mut doc, steps);
    (doc.to_string(), Some(left))
}

/// Drops the steps before `steps` (all of them for [`Steps::None`]), and the title with the last.
/// Returns how many steps are left.
fn keep_steps(doc: &mut DocumentMut, steps: Steps) -> usize {
    let from = match steps {
        Steps::From(from) => from,
        Steps::None => usize::MAX,
    };
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
    left
}

/// Checks that `text` loads back as a lesson: every step runs, in order, on its scenario. The
/// step that cannot is numbered from `first` (the lesson's number of the text's first step).
pub fn check(text: &str, path: &Path, first: usize) -> Result<(), LessonSaveError> {
    check_against(text, path, first, None, None).map(|_| ())
}

/// [`check`], and that the scenario `text` loads as holds the same as `saved`. A text known to
/// have no step (`steps_left`, counted as its steps were kept) has no title or minutes either:
/// it is a plain scenario, and the lesson checks, which would parse it twice more, have nothing
/// to check. Returns what the loader read: the scenario and where its entries stand (what the
/// next save edits, so that it need not read the text again).
fn check_against(
    text: &str,
    path: &Path,
    first: usize,
    saved: Option<&Scenario>,
    steps_left: Option<usize>,
) -> Result<(Scenario, Places), LessonSaveError> {
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
    let (scenario, places) = parse_with_places(text, &file).map_err(|e| reload(e.to_string()))?;
    if saved.is_some_and(|saved| !scenario.holds_the_same_as(saved)) {
        return Err(reload("it would not hold the state saved".to_owned()));
    }
    if steps_left == Some(0) {
        return Ok((scenario, places));
    }
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
    Ok((scenario, places))
}

/// Writes the scenario with the steps asked for, after checking that it loads back (see
/// [`check`]); `first` is the lesson's number of the first step written. Returns the text
/// written with what it reads as: the template for the next save.
pub fn save(
    path: &Path,
    scenario: &Scenario,
    template: Option<&Template>,
    steps: Steps,
    first: usize,
) -> Result<Template, LessonSaveError> {
    let written = checked_text(path, scenario, template, steps, first)?;
    replace_file(path, written.text.as_bytes()).map_err(|source| {
        LessonSaveError::Save(SaveError {
            path: path.to_owned(),
            source,
        })
    })?;
    Ok(written)
}

/// [`text_with_steps`], checked (see [`check`]) and parsed once: the text edited into the
/// template, or, when that would not load back as `scenario`, the scenario written afresh.
/// The template is read only when it was not read before (its reading is kept with it).
fn checked_text(
    path: &Path,
    scenario: &Scenario,
    template: Option<&Template>,
    steps: Steps,
    first: usize,
) -> Result<Template, LessonSaveError> {
    // A few users changed in a big file: only their lines are rewritten (and checked).
    if let Some(template) = template
        && let Some(read) = template.read.as_deref()
        && let Some((text, places)) = splice(&template.text, read, scenario)
    {
        return Ok(Template::read(text, scenario.clone(), places));
    }
    let text = template.map(|t| &*t.text);
    let mut left = None;
    let edited = template.and_then(|template| {
        let parsed;
        let before = match template.reads_as() {
            Some(before) => before,
            None => {
                parsed = parse_scenario(&template.text, "template").ok()?;
                &parsed
            }
        };
        edit_toml_unchecked(&template.text, before, scenario, |doc| {
            left = Some(keep_steps(doc, steps))
        })
    });
    if let Some(edited) = edited {
        match check_against(&edited, path, first, Some(scenario), left) {
            // The template could not hold the scenario: written afresh below.
            Err(LessonSaveError::Reload { .. }) => {}
            checked => return checked.map(|(read, places)| Template::read(edited, read, places)),
        }
    }
    let (fresh, left) = fresh_with_steps_left(scenario, text, steps);
    let (read, places) = check_against(&fresh, path, first, Some(scenario), left)?;
    Ok(Template::read(fresh, read, places))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::BUILT_IN;

    #[test]
    fn the_check_refuses_a_text_that_does_not_hold_the_state_saved() {
        let lesson = Scenario::lesson();
        let text = to_toml(&lesson);
        let path = Path::new("saved.toml");
        check_against(&text, path, 1, Some(&lesson), Some(0)).unwrap();
        let mut later = lesson.clone();
        later.tokens.remove("bob").unwrap();
        let err = check_against(&text, path, 1, Some(&later), Some(0)).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("would not load back: it would not hold the state saved"),
            "{err}"
        );
    }

    #[test]
    fn a_template_that_cannot_hold_the_scenario_gives_the_fresh_text_checked() {
        let lesson = Scenario::lesson();
        let path = Path::new("saved.toml");
        for template in [None, Some("not = [a scenario"), Some("current_time = 1\n")] {
            let template = template.map(Template::from);
            let written = checked_text(path, &lesson, template.as_ref(), Steps::From(0), 1);
            assert_eq!(&*written.unwrap().text, to_toml(&lesson));
        }
    }

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
