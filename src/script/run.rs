//! Runs checked commands against a session, writing the output contract to `out`.

use super::{Command, Line, ScriptError, help_text, show};
use crate::domain::{Op, Outcome, Report, Session};
use crate::lesson::save::{self as lesson_save, LessonSaveError, Steps};
use crate::transcript::Transcript;
use crate::words;
use std::io::{self, Write};
use std::path::Path;

/// Why a script stopped part way.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A command did not fit the state it met (normally caught before anything runs). Exit 2.
    #[error(transparent)]
    Command(ScriptError),
    /// Writing the output failed, e.g. stdout was closed. Exit 1.
    #[error("cannot write the output: {0}")]
    Output(io::Error),
    /// `save` could not write its file (with, for a step that cannot run, how a script saves
    /// without the steps). Exit 1.
    #[error("script:{number}: {error}{}", no_steps_hint(error))]
    Save {
        number: usize,
        error: LessonSaveError,
    },
    /// Appending to the transcript failed. Exit 1.
    #[error("cannot write the transcript: {0}")]
    Transcript(io::Error),
}

/// What a script adds to a save refused for a step that cannot run: how a script saves the
/// state without the steps (the app asks instead).
pub fn no_steps_hint(error: &LessonSaveError) -> &'static str {
    match error {
        LessonSaveError::Step { .. } => {
            "; save the scenario without its steps instead (save --no-steps PATH)"
        }
        LessonSaveError::Reload { .. }
        | LessonSaveError::Stopped { .. }
        | LessonSaveError::Save(_) => "",
    }
}

impl RunError {
    /// 2 for a bad script, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            RunError::Command(_) => 2,
            RunError::Output(_) | RunError::Save { .. } | RunError::Transcript(_) => 1,
        }
    }
}

/// Runs every command in order, writing refresh lines, `show` tables and `help` to `out`, and each
/// command with its outcome to the transcript if there is one. Flushes `out` at the end.
pub fn run(
    session: &mut Session,
    lines: &[Line],
    out: &mut impl Write,
    mut transcript: Option<&mut Transcript>,
) -> Result<(), RunError> {
    for line in lines {
        let mut runner = Runner {
            session,
            out: &mut *out,
            transcript: transcript.as_deref_mut(),
            dry_run: false,
        };
        runner.execute(line)?;
    }
    out.flush().map_err(RunError::Output)
}

/// Runs a script on a copy of the session with no output and no files written, collecting the
/// commands that fail instead of stopping. Exact even when `undo`/`redo` change who exists.
pub(super) fn dry_run(lines: &[Line], session: &Session) -> Vec<ScriptError> {
    let mut copy = session.clone();
    let mut sink = io::sink();
    let mut errors = Vec::new();
    for line in lines {
        let mut runner = Runner {
            session: &mut copy,
            out: &mut sink,
            transcript: None,
            dry_run: true,
        };
        if let Err(RunError::Command(e)) = runner.execute(line) {
            errors.push(e);
        }
    }
    errors
}

struct Runner<'a, W: Write> {
    session: &'a mut Session,
    out: &'a mut W,
    transcript: Option<&'a mut Transcript>,
    dry_run: bool,
}

impl<W: Write> Runner<'_, W> {
    fn execute(&mut self, line: &Line) -> Result<(), RunError> {
        let now = self.session.scenario().now();
        let outcome: String = match &line.command {
            Command::Op(Op::RefreshAll) => return self.refresh_all(line, now),
            Command::Op(op) => {
                // Undo after an operation that changed nothing takes back the one before it.
                let unchanged = match op {
                    Op::Undo => self.session.last_unchanged().cloned(),
                    _ => None,
                };
                let report = self.session.apply(op).map_err(|e| {
                    RunError::Command(ScriptError {
                        number: line.number,
                        problem: e.into(),
                    })
                })?;
                if let Report::Refresh { user, outcome } = &report {
                    self.print(&words::lesson_line(user, outcome).to_string())?;
                }
                for text in words::scripted_lines(&report) {
                    self.print(&text)?;
                }
                let scenario = self.session.scenario();
                match (&report, &unchanged) {
                    (Report::Undid(Some(what)), Some(that)) => {
                        words::undid_after_nothing(that, what)
                    }
                    _ => words::transcript_outcome(&report, scenario.now(), &scenario.policy),
                }
            }
            Command::Show => {
                if !self.dry_run {
                    show::write_table(self.out, self.session.scenario())
                        .map_err(RunError::Output)?;
                }
                match self.session.scenario().tokens.len() {
                    1 => "1 user shown".to_owned(),
                    n => format!("{n} users shown"),
                }
            }
            Command::Token(user) => {
                let scenario = self.session.scenario();
                let Some(state) = scenario.tokens.get(user) else {
                    return Err(RunError::Command(ScriptError {
                        number: line.number,
                        problem: crate::domain::Error::UnknownUser(user.clone()).into(),
                    }));
                };
                let value = crate::domain::text::sanitize(state.value).into_owned();
                self.print(&value)?;
                format!("{user}'s access token printed")
            }
            Command::Save(path) => self.save(path, Steps::From(0), line.number)?,
            Command::SaveNoSteps(path) => self.save(path, Steps::None, line.number)?,
            Command::Help => {
                if !self.dry_run {
                    write!(self.out, "Commands:\n{}", help_text()).map_err(RunError::Output)?;
                }
                return Ok(());
            }
        };
        self.record(&format!("t={now} {} → {outcome}", line.text))
    }

    /// `save PATH` (a lesson's remaining steps kept, from `steps`) or `save --no-steps PATH`.
    fn save(&mut self, path: &Path, steps: Steps, number: usize) -> Result<String, RunError> {
        if !self.dry_run {
            let session = &mut *self.session;
            let template = session.template_read();
            let saved = lesson_save::save(path, session.scenario(), template, steps, 1)
                .map_err(|error| RunError::Save { number, error })?;
            session.set_template(saved);
        }
        Ok("saved".to_owned())
    }

    /// Refresh all, writing each user's line as it is decided (a million lines are never held).
    fn refresh_all(&mut self, line: &Line, now: u64) -> Result<(), RunError> {
        let Runner {
            session,
            out,
            transcript,
            dry_run,
        } = self;
        let mut failed = None;
        let mut each = |name: &str, outcome: &Outcome| {
            if failed.is_some() || *dry_run {
                return;
            }
            let text = words::lesson_line(name, outcome);
            if let Err(e) = writeln!(out, "{text}") {
                failed = Some(RunError::Output(e));
            } else if let Some(t) = transcript.as_deref_mut()
                && let Err(e) = t.record(&format!("t={now} {} → {text}", line.text))
            {
                failed = Some(RunError::Transcript(e));
            }
        };
        // Refresh all never fails: every user it meets exists.
        let _ = session.execute(&Op::RefreshAll, &mut each);
        failed.map_or(Ok(()), Err)
    }

    fn print(&mut self, text: &str) -> Result<(), RunError> {
        if self.dry_run {
            return Ok(());
        }
        writeln!(self.out, "{text}").map_err(RunError::Output)
    }

    fn record(&mut self, text: &str) -> Result<(), RunError> {
        match self.transcript.as_deref_mut() {
            Some(t) => t.record(text).map_err(RunError::Transcript),
            None => Ok(()),
        }
    }
}
