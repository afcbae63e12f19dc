//! Running an operation from the app: on the session, then remembered for the screen (the `↻`
//! marks, the why panel, the lesson panel), worded into the log and the transcript.

use super::{App, LINES_KEPT, LastRun};
use crate::domain::{Error, Op, Ran, Report};
use crate::registry::{Command, CommandSpec, Needs};
use crate::words;

impl App {
    /// The selected user's name, if there is a user.
    pub(super) fn selected_user(&self) -> Option<String> {
        self.scenario()
            .tokens
            .get_index(self.selected)
            .map(|(name, _)| name.to_owned())
    }

    /// The name of the selected user, or a log line saying there is none.
    pub(super) fn selected_name(&mut self, to_do: &str) -> Option<String> {
        let name = self.selected_user();
        if name.is_none() {
            self.push_log(format!("no user to {to_do}"));
        }
        name
    }

    /// A command from its key, on the selected user or on nothing. The real-world model's
    /// commands do nothing in the lesson.
    pub(super) fn run_command(&mut self, spec: &'static CommandSpec) {
        let selected = self.selected_user();
        match spec.needs {
            Needs::Nothing => {}
            Needs::Model | Needs::Clients if self.model_on() => {}
            Needs::Model | Needs::Clients => return,
        }
        match spec.on_selection(selected.as_deref()) {
            Some(Command::Op(op)) => self.run_logged(op),
            Some(Command::Token(user)) => self.print_token(&user),
            // No key shows, saves or lists commands: those are the app's own actions.
            Some(Command::Show | Command::Save(_) | Command::SaveNoSteps(_) | Command::Help) => {}
            None if spec.needs == Needs::Nothing => {
                self.push_log(format!("no user to {}", spec.name))
            }
            None => {}
        }
    }

    /// `y`: the selected user's whole access token in the results, so a student can copy a
    /// signed JWT into jwt.io or PyJWT (the table shows it shortened). It is the model's own
    /// demonstration token, never an inspected one (`--jwt` has no users).
    fn print_token(&mut self, user: &str) {
        let token = self
            .scenario()
            .tokens
            .get(user)
            .map(|state| crate::domain::text::sanitize(state.value).into_owned());
        match token {
            Some(token) => self.push_log(format!("{user}'s access token: {token}")),
            None => self.push_log(format!("no user {user}")),
        }
    }

    /// Carries out an operation on the session and logs what it did, in the words every front
    /// end uses. Refreshes are remembered for the table's `↻` marks and the why panel.
    pub(super) fn run(&mut self, op: Op) -> Result<(), Error> {
        if op.moves_through_history() {
            // A playing clock would add a step at once and lose what redo could bring back.
            self.pause("to change the history");
        }
        let started = self.scenario().now();
        // Undo after a step that changed nothing takes back the one before it: say so.
        let unchanged = if op == Op::Undo {
            self.session.last_unchanged().cloned()
        } else {
            None
        };
        let mut refreshed = Vec::new();
        let mut index = 0;
        let mut lines = Vec::new();
        // Refresh all writes a transcript line per user as it is decided, as scripts do.
        let mut each_line = if op == Op::RefreshAll {
            self.transcript.as_mut()
        } else {
            None
        };
        let report = self.session.execute(&op, &mut |name, outcome| {
            if outcome.is_refreshed() {
                refreshed.push(index);
            }
            index += 1;
            if lines.len() < LINES_KEPT {
                lines.push(words::lesson_line(name, outcome).to_string());
            }
            if let Some(transcript) = each_line.as_mut() {
                let line = words::lesson_line(name, outcome);
                transcript.push(format!("t={started} refresh-all → {line}"));
            }
        });
        self.has_clients = self.scenario().has_clients();
        let report = report?;
        let scenario = self.scenario();
        lines.extend(words::quiet_outcome(
            &report,
            scenario.now(),
            &scenario.policy,
        ));
        self.ran_lines = lines;
        if op != Op::RefreshAll && self.transcript.is_some() {
            let scenario = self.scenario();
            let outcome = match (&report, &unchanged) {
                (Report::Undid(Some(what)), Some(that)) => words::undid_after_nothing(that, what),
                _ => words::transcript_outcome(&report, scenario.now(), &scenario.policy),
            };
            self.record(started, &words::command_words(&op), &outcome);
        }
        let at = |user: &str| {
            self.scenario()
                .tokens
                .index_of(user)
                .unwrap_or(self.selected)
        };
        self.last_run = match report.ran() {
            Some(Ran::Refresh { user, outcome }) => LastRun::One {
                index: at(user),
                outcome: outcome.clone(),
            },
            Some(Ran::All) => LastRun::All { refreshed },
            Some(Ran::Model { user, report }) => LastRun::Model {
                index: at(user),
                report: Box::new(report.clone()),
            },
            Some(Ran::Round { user, round }) => LastRun::Round {
                index: at(user),
                round: Box::new(round.clone()),
            },
            None => LastRun::Nobody,
        };
        // Undo, reset and removals can take the selected user away.
        self.select(self.selected);
        match report {
            // The last action changed nothing: undo took back the change before it.
            Report::Undid(Some(what)) if let Some(that) = &unchanged => {
                self.push_log(words::undid_after_nothing(that, &what));
            }
            Report::Clock { from, to } if from != to => self.push_clock_move(from, to),
            Report::Clients(r) => self.log_clients(&r),
            Report::Undid(_)
            | Report::Clock { .. }
            | Report::Refresh { .. }
            | Report::RefreshAll { .. }
            | Report::Added { .. }
            | Report::Removed { .. }
            | Report::Expiry { .. }
            | Report::Policy { .. }
            | Report::UserSetting { .. }
            | Report::Redid(_)
            | Report::Reset { .. }
            | Report::NextChange { .. }
            | Report::Model { .. } => self.push_log(words::log_line(&report)),
        }
        Ok(())
    }

    /// [`App::run`] from a key: a refused operation is said in the log. With the quiz on, a
    /// refresh or a clock move asks first.
    pub(super) fn run_logged(&mut self, op: Op) {
        if let Err(e) = self.run_by_hand(op) {
            self.push_log(e.to_string());
        }
    }
}
