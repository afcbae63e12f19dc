//! Lessons and the quiz in the app: walking a lesson's steps (`.` next, `,` back), asking the
//! class to predict before an operation runs, revealing and keeping the tally. The questions
//! are the domain's ([`Question`]): computed from the state, never typed.

use super::{App, Mode};
use crate::domain::{Choice, Op, OpKind, Question, Reveal};
use crate::lesson::{Lesson, Progress};
use crate::tui::geometry::Explains;
use crate::words;

/// What the app starts with besides the session: a lesson to walk, and whether the quiz is on.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    pub lesson: Option<Lesson>,
    pub quiz: bool,
}

/// An open question: what it asks, the operation it is about, and who asked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    pub question: Question,
    pub op: Op,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The lesson's step with this index.
    Step(usize),
    Quiz,
}

/// The lesson and quiz state the lesson panel shows.
#[derive(Debug, Clone, Default)]
pub struct Guiding {
    pub lesson: Option<Progress>,
    /// The shown step's outcome lines (the scripted mode's), once its operation has run.
    pub lines: Vec<String>,
    /// The shown step's question, revealed.
    pub reveal: Option<Reveal>,
    /// The quiz, when it is on.
    pub quiz: Option<Quiz>,
    /// The last operation done by hand (by a key, not by the lesson), its outcome lines and the
    /// undo depth before it: a step whose operation this is does not do it again.
    by_hand: Option<(Op, Vec<String>, u64)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quiz {
    pub right: usize,
    pub answered: usize,
    /// The last question, revealed, with the outcome lines of its operation.
    pub last: Option<(Reveal, Vec<String>)>,
}

impl Quiz {
    /// `2 of 3 right`, or `None` before any answer.
    pub fn tally(&self) -> Option<String> {
        (self.answered > 0).then(|| words::tally(self.right, self.answered))
    }
}

/// The operations the quiz asks about: every refresh and every clock move. Every kind is
/// named, so a new one must say whether the quiz asks about it.
fn quizzed(op: &Op) -> bool {
    match op.kind() {
        OpKind::Refresh | OpKind::Clock => true,
        OpKind::History | OpKind::Other => false,
    }
}

impl App {
    /// Opens the lesson before its first step (its title and the scenario as loaded: `.` starts
    /// step 1) and the quiz, as the command line asked.
    pub fn with_guide(mut self, guide: Guide) -> Self {
        if guide.quiz {
            self.guiding.quiz = Some(Quiz::default());
        }
        if let Some(lesson) = guide.lesson {
            self.guiding.lesson = Some(Progress::new(lesson));
        }
        self
    }

    pub fn guiding(&self) -> &Guiding {
        &self.guiding
    }

    /// While a question is open (a lesson's or the quiz's), the screen hides what would answer
    /// it: every user's status and remaining time, the why panel's `▷` marker and the timeline's
    /// marks at now show `?` until the reveal.
    pub fn hides_answers(&self) -> bool {
        self.asking().is_some()
    }

    /// Whether the lesson panel is on (a lesson or the quiz), and which panel explains the
    /// operation at hand (the open question's, else the shown step's) when there is room for
    /// only one: the timeline for a clock move, the why panel for the rest (a refresh, a
    /// replay, a call).
    pub fn explains(&self) -> Option<Explains> {
        if self.guiding.lesson.is_none() && self.guiding.quiz.is_none() {
            return None;
        }
        let op = self.asking().map(|a| &a.op).or_else(|| {
            let progress = self.guiding.lesson.as_ref()?;
            let step = progress.step().or_else(|| progress.next())?;
            step.action.as_ref().map(|a| &a.op)
        });
        Some(if op.is_some_and(Op::moves_clock) {
            Explains::Timeline
        } else {
            Explains::Why
        })
    }

    /// The open question, if any.
    pub fn asking(&self) -> Option<&Asking> {
        match &self.mode {
            Mode::Question(asking) => Some(asking),
            _ => None,
        }
    }

    /// An operation from a key (or a prompt): with the quiz on, a refresh or a clock move opens
    /// a question instead (`Ok(false)`); otherwise it runs and is remembered as done by hand.
    pub(super) fn run_by_hand(&mut self, op: Op) -> Result<bool, crate::domain::Error> {
        if self.quiz_asks(&op) {
            return Ok(false);
        }
        let depth = self.session.undo_depth();
        self.run(op.clone())?;
        self.guiding.by_hand = Some((op, self.ran_lines.clone(), depth));
        Ok(true)
    }

    /// A play tick is a clock move by hand too.
    pub(super) fn forget_hand(&mut self) {
        self.guiding.by_hand = None;
    }

    /// With the quiz on, opens the question for `op` about its user (the selected one for a
    /// clock move or refresh all). Returns whether it did.
    pub(super) fn quiz_asks(&mut self, op: &Op) -> bool {
        if self.guiding.quiz.is_none() || !quizzed(op) {
            return false;
        }
        let user = match op.user() {
            Some(user) => user.to_owned(),
            None => match self.selected_user() {
                Some(name) => name,
                None => return false,
            },
        };
        let asks = crate::registry::asks_of(op).about(op, &user);
        let text = words::quiz_question(op, asks, &user);
        match Question::compute(&self.session, op, asks, &user, text) {
            Ok(question) => {
                self.pause_for_question();
                self.mode = Mode::Question(Box::new(Asking {
                    question,
                    op: op.clone(),
                    origin: Origin::Quiz,
                }));
                true
            }
            Err(_) => false,
        }
    }

    /// Play stays on but waits: no tick is sent while a question is open.
    fn pause_for_question(&mut self) {
        self.ticked_this_run = false;
    }

    pub(super) fn toggle_quiz(&mut self) {
        match self.guiding.quiz.take() {
            Some(quiz) => {
                let tally = quiz.tally().map_or(String::new(), |t| format!(": {t}"));
                self.push_log(format!("quiz off{tally}"));
            }
            None => {
                self.guiding.quiz = Some(Quiz::default());
                self.push_log("quiz on: every refresh and clock move asks first".to_owned());
            }
        }
    }

    /// Keys while a question is open: a choice, reveal without one, back a step, close it,
    /// quit; nothing else acts (so the class's answer is never lost to a stray key). Events
    /// never come here (`App::update_event` takes them), so the `_` arm is keys only.
    pub(super) fn update_question(&mut self, key: super::Action) {
        use super::Action;
        match key {
            Action::Answer(n) => {
                let choice = self.asking().and_then(|a| a.question.choice(n));
                if let Some(choice) = choice {
                    self.reveal(Some(choice));
                }
            }
            Action::NextStep => self.reveal(None),
            Action::PreviousStep if self.guiding.lesson.is_some() => {
                self.mode = Mode::Table;
                self.previous_step();
            }
            Action::Cancel => {
                self.mode = Mode::Table;
                self.push_log("question closed; nothing was done".to_owned());
            }
            // As from the table: asks first after edits (the question closes, nothing done).
            Action::Quit => self.request_quit(),
            _ => {}
        }
    }

    /// Runs the question's operation and marks the answer: the why panel opens on the user's
    /// decision (the user is selected), the tally counts it.
    fn reveal(&mut self, answer: Option<Choice>) {
        let Mode::Question(asking) = std::mem::take(&mut self.mode) else {
            return;
        };
        let Asking {
            question,
            op,
            origin,
        } = *asking;
        if let Some(index) = self.scenario().tokens.index_of(&question.user) {
            self.select(index);
        }
        let depth = self.session.undo_depth();
        if let Err(e) = self.run(op.clone()) {
            self.push_log(e.to_string());
            return;
        }
        let reveal = Reveal { question, answer };
        self.push_log(format!("prediction {}", words::verdict(&reveal)));
        let lines = self.ran_lines.clone();
        match origin {
            Origin::Step(k) => {
                if let Some(progress) = &mut self.guiding.lesson {
                    if let Some(slot) = progress.answers.get_mut(k) {
                        *slot = reveal.is_right();
                    }
                    progress.done = progress.at == k || progress.done;
                }
                self.guiding.lines = lines;
                self.guiding.reveal = Some(reveal);
                self.guiding.by_hand = None;
            }
            Origin::Quiz => {
                if let Some(quiz) = &mut self.guiding.quiz {
                    if let Some(right) = reveal.is_right() {
                        quiz.answered += 1;
                        quiz.right += usize::from(right);
                    }
                    quiz.last = Some((reveal, lines.clone()));
                }
                self.guiding.by_hand = Some((op, lines, depth));
            }
        }
    }

    /// `.`: does the shown step's operation if it is not done yet, else goes to the next step.
    pub(super) fn next_step(&mut self) {
        let Some(progress) = &self.guiding.lesson else {
            self.push_log("no lesson: start one with --lesson NAME (--lesson list)".to_owned());
            return;
        };
        if progress.before_start {
            return self.enter_step(0);
        }
        if !progress.done {
            return self.do_step();
        }
        if progress.is_last() {
            let tally = progress.tally().map_or(String::new(), |t| format!(": {t}"));
            self.push_log(format!("end of the lesson{tally}"));
            return;
        }
        self.enter_step(progress.at + 1);
    }

    /// `,`: back to where the previous step began (undoing everything since, the class's own
    /// changes too), and that step again. On the first step, back to before it (step 0).
    pub(super) fn previous_step(&mut self) {
        let Some(progress) = &self.guiding.lesson else {
            self.push_log("no lesson: start one with --lesson NAME (--lesson list)".to_owned());
            return;
        };
        if progress.before_start {
            self.push_log("the lesson has not started: . starts step 1".to_owned());
            return;
        }
        let first = progress.at == 0;
        let target = progress.at.saturating_sub(1);
        let depth = progress.starts.get(target).copied().unwrap_or(0);
        while self.session.undo_depth() > depth && self.session.can_undo() {
            if self.run(Op::Undo).is_err() {
                break;
            }
        }
        self.guiding.by_hand = None;
        if first {
            if let Some(progress) = &mut self.guiding.lesson {
                progress.before_start = true;
                progress.done = false;
            }
            self.guiding.lines.clear();
            self.guiding.reveal = None;
            return;
        }
        self.enter_step(target);
    }

    fn enter_step(&mut self, k: usize) {
        let depth = match &self.guiding.by_hand {
            // Done by hand just before: the step began before that.
            Some((op, _, before)) if self.step_op(k) == Some(op) => *before,
            _ => self.session.undo_depth(),
        };
        let Some(progress) = &mut self.guiding.lesson else {
            return;
        };
        progress.before_start = false;
        progress.at = k.min(progress.lesson.steps.len().saturating_sub(1));
        progress.done = false;
        if let Some(start) = progress.starts.get_mut(progress.at) {
            *start = depth;
        }
        self.guiding.lines.clear();
        self.guiding.reveal = None;
        self.do_step();
    }

    fn step_op(&self, k: usize) -> Option<&Op> {
        let step = self.guiding.lesson.as_ref()?.lesson.steps.get(k)?;
        step.action.as_ref().map(|a| &a.op)
    }

    /// The shown step's operation: not again when it was the last thing done by hand; after
    /// its question when it has one; at once otherwise.
    fn do_step(&mut self) {
        let Some(progress) = &mut self.guiding.lesson else {
            return;
        };
        let at = progress.at;
        let Some(action) = progress.step().and_then(|s| s.action.clone()) else {
            progress.done = true;
            return;
        };
        if let Some((op, lines, _)) = &self.guiding.by_hand
            && *op == action.op
        {
            progress.done = true;
            self.guiding.lines = lines.clone();
            self.guiding.by_hand = None;
            self.push_log(format!(
                "step {}: {} was done by hand",
                at + 1,
                action.command
            ));
            return;
        }
        if let Some(question) = action.question(&self.session) {
            self.pause_for_question();
            self.mode = Mode::Question(Box::new(Asking {
                question,
                op: action.op,
                origin: Origin::Step(at),
            }));
            return;
        }
        match self.run(action.op) {
            Ok(()) => {
                if let Some(progress) = &mut self.guiding.lesson {
                    progress.done = true;
                }
                self.guiding.lines = self.ran_lines.clone();
                self.guiding.by_hand = None;
            }
            // The class changed something the step needs (e.g. deleted its user).
            Err(e) => self.push_log(format!("step {}: {e}", at + 1)),
        }
    }
}
