//! Guided lessons: a scenario file with steps (`[[step]]`), each a caption, maybe an operation
//! to do, a question the class answers before it runs, and a note for after. Plain Rust, no
//! terminal code: the app walks a lesson, [`handout`] prints one.
//!
//! ```toml
//! title = "The boundary tick"
//! current_time = 100
//! [tokens]
//! eli = { token = "eli100", expiry = 100 }
//!
//! [[step]]
//! say = "Eli's token expires at 100 and the clock reads 100."
//! do = "refresh eli"                 # one script command
//! ask = "Will eli get a new token?"  # the choices and the answer are computed
//! note = "100 < 100 is false: the expiry tick is still valid."
//!
//! [[step]]
//! say = "One tick later."
//! do = "advance 1"
//! about = "eli"                      # a question about anything but a refresh names its user
//! ask = "Is eli's token still valid?"
//! ```

mod file;
pub mod handout;
pub mod save;

pub use file::{MAX_STEPS, parse_lesson};

use crate::domain::{Op, Question, Session};

use crate::files::InputError;

use crate::files::parse_scenario;

use crate::words;

/// A lesson: its title and steps, checked against the scenario it runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    pub title: String,
    /// How long the lesson takes a class, as its file estimates (`minutes = 8`).
    pub minutes: Option<u32>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The caption, one paragraph.
    pub say: String,
    /// The operation the step does, if any.
    pub action: Option<Action>,
    /// Shown once the step's operation has run (and its question is revealed).
    pub note: Option<String>,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub op: Op,
    /// The command as written in script syntax, words separated by one space.
    pub command: String,
    /// The question asked before the operation runs.
    pub ask: Option<Ask>,
}

/// A step's question: the author's words and whom it is about. The choices and the answer are
/// computed when it is asked ([`Action::question`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub text: String,
    pub user: String,
}

impl Action {
    /// The step's question for the session as it is now, answered by running the operation on a
    /// copy; `None` without a question (or when it cannot be asked, e.g. its user was deleted
    /// while the class explored: then the step just does its operation).
    pub fn question(&self, session: &Session) -> Option<Question> {
        let ask = self.ask.as_ref()?;
        let asks = crate::registry::asks_of(&self.op);
        Question::compute(session, &self.op, asks, &ask.user, ask.text.clone()).ok()
    }
}

/// A built-in lesson: its name for `--lesson`, one line about it, its file, and whether it is
/// part of the course.
pub struct BuiltIn {
    pub name: &'static str,
    pub about: &'static str,
    pub text: &'static str,
    /// In the course (the manual's teaching chapter); `false`: a further lesson, for a longer
    /// class or homework.
    pub in_course: bool,
}

/// The class the course is made for, in minutes (issue 18's teacher has 45): the course's
/// lessons, by their own estimates, fit in it with a few minutes left for the quiz.
pub const CLASS_MINUTES: u32 = 45;

/// The built-in lessons (`assets/lessons/*.toml`), in the order `--lesson list` shows them:
/// the course's lessons in its order, then the further lessons.
pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        name: "seed",
        about: "the lesson's four steps (tokens, clock, rule, refresh alice), then after",
        text: include_str!("../../assets/lessons/seed.toml"),
        in_course: true,
    },
    BuiltIn {
        name: "boundary",
        about: "the expiry tick: the lesson's < against RFC 7519's <=",
        text: include_str!("../../assets/lessons/boundary.toml"),
        in_course: true,
    },
    BuiltIn {
        name: "rotation",
        about: "a stolen refresh token, in both orders: rotation detects the reuse",
        text: include_str!("../../assets/lessons/rotation.toml"),
        in_course: true,
    },
    BuiltIn {
        name: "revoke",
        about: "revocation: a JWT outlives it (the stateless gap), opaque dies at once",
        text: include_str!("../../assets/lessons/revoke.toml"),
        in_course: true,
    },
    BuiltIn {
        name: "validators",
        about: "one token, five JWT libraries: leeways, a boundary, a leeway set",
        text: include_str!("../../assets/lessons/validators.toml"),
        in_course: true,
    },
    BuiltIn {
        name: "two-tabs",
        about: "two tabs refresh at once: no grace, a grace, single-flight switched on",
        text: include_str!("../../assets/lessons/two-tabs.toml"),
        in_course: true,
    },
    BuiltIn {
        name: "skew",
        about: "a client clock 90 s behind (401s past the leeway) or ahead",
        text: include_str!("../../assets/lessons/skew.toml"),
        in_course: false,
    },
    BuiltIn {
        name: "lost-response",
        about: "the answer to a rotation is lost: the retry inside the grace or not",
        text: include_str!("../../assets/lessons/lost-response.toml"),
        in_course: false,
    },
];

/// The built-in lesson called `name`.
pub fn built_in(name: &str) -> Option<&'static BuiltIn> {
    BUILT_IN.iter().find(|b| b.name == name)
}

impl BuiltIn {
    /// The lesson in this built-in's file, checked as `--lesson NAME` loads it.
    pub fn lesson(&self) -> Result<Lesson, InputError> {
        let file = format!("lessons/{}.toml", self.name);
        let scenario = parse_scenario(self.text, &file)?;
        parse_lesson(self.text, &file, &scenario)?
            .ok_or_else(|| InputError::new(file, "a built-in lesson without steps"))
    }
}

/// The list `--lesson list` prints: one lesson a line, the course's in its order: its name,
/// its number of steps, how long it takes (its file's `minutes`) and what it is about; then
/// the course's total; then the further lessons the same way.
pub fn list_text() -> String {
    let width = BUILT_IN.iter().map(|b| b.name.len()).max().unwrap_or(0);
    let lines = |in_course: bool| {
        let mut total = 0;
        let text: String = BUILT_IN
            .iter()
            .filter(|b| b.in_course == in_course)
            .map(|b| match b.lesson() {
                Ok(lesson) => {
                    let steps = lesson.steps.len();
                    let minutes = lesson.minutes.unwrap_or(0);
                    total += minutes;
                    format!(
                        "{:width$}  {steps:>2} steps  {minutes:>2} min  {}\n",
                        b.name, b.about
                    )
                }
                // Never for the files shipped (a test loads every one).
                Err(e) => format!("{:width$}  cannot be loaded: {e}\n", b.name),
            })
            .collect();
        (text, total)
    };
    let (course, total) = lines(true);
    let (further, more) = lines(false);
    format!(
        "{course}In this order, a course of {total} minutes: tokenclock --lesson NAME\n\
         Further lessons, not in the course ({more} minutes more):\n{further}"
    )
}

/// Where a class is in a lesson, and how its predictions went. The app keeps one while a
/// lesson runs; it does not run anything itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub lesson: Lesson,
    /// Before the first step: the lesson's title and the scenario as loaded (`Step 0 of N`);
    /// `.` starts step 1.
    pub before_start: bool,
    /// The step shown (0-based).
    pub at: usize,
    /// Whether the shown step's operation has been done (a step without one is done at once).
    pub done: bool,
    /// The session's undo depth when each step began, for going back to it.
    pub starts: Vec<u64>,
    /// Each step's prediction: right, wrong, or not answered.
    pub answers: Vec<Option<bool>>,
}

impl Progress {
    pub fn new(lesson: Lesson) -> Self {
        let steps = lesson.steps.len();
        Self {
            lesson,
            before_start: true,
            at: 0,
            done: false,
            starts: vec![0; steps],
            answers: vec![None; steps],
        }
    }

    /// The step shown; `None` before the first.
    pub fn step(&self) -> Option<&Step> {
        if self.before_start {
            return None;
        }
        self.lesson.steps.get(self.at)
    }

    /// The step `.` goes to next.
    pub fn next(&self) -> Option<&Step> {
        let next = if self.before_start { 0 } else { self.at + 1 };
        self.lesson.steps.get(next)
    }

    pub fn is_last(&self) -> bool {
        !self.before_start && self.at + 1 >= self.lesson.steps.len()
    }

    /// `Step 2 of 6` (`Step 0 of 6` before the first).
    pub fn position(&self) -> String {
        let at = if self.before_start { 0 } else { self.at + 1 };
        format!("Step {at} of {}", self.lesson.steps.len())
    }

    /// The steps not done yet, in order: what a save during the lesson keeps (a lesson that
    /// goes on from here).
    pub fn steps_left(&self) -> &[Step] {
        let from = match (self.before_start, self.done) {
            (true, _) => 0,
            (false, true) => self.at + 1,
            (false, false) => self.at,
        };
        self.lesson.steps.get(from..).unwrap_or_default()
    }

    /// `3 of 4 right`, or `None` before any prediction.
    pub fn tally(&self) -> Option<String> {
        let answered = self.answers.iter().flatten().count();
        let right = self.answers.iter().flatten().filter(|r| **r).count();
        (answered > 0).then(|| words::tally(right, answered))
    }
}
