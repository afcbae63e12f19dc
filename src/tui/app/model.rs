//! The real-world model's side of the app: whether it is on, its operations on the selected
//! user, what the why panel shows after one, and the clock steps that fit second-sized ticks.

use super::{App, LastRun, MODEL_STEPS, STEPS};
use crate::domain::oauth::ModelReport;

/// The clock's steps: the lesson's, or with the real-world model on, second-sized ones.
pub fn steps(model: bool) -> &'static [u64] {
    if model { &MODEL_STEPS } else { &STEPS }
}

/// A step as the clock, the log and the help show it: `10`, or with the model on a duration
/// (`1m`, `1d`).
pub fn step_words(step: u64, model: bool) -> String {
    if model {
        crate::domain::ticks::duration_words(step)
    } else {
        step.to_string()
    }
}

/// The help's line for `]`: `larger step (1 5 10 50 100)`, or the model's steps.
pub fn larger_step_help(model: bool) -> String {
    let steps: Vec<String> = steps(model).iter().map(|&s| step_words(s, model)).collect();
    format!("larger step ({})", steps.join(" "))
}

impl App {
    /// The clock's steps (see [`steps`]).
    pub(super) fn steps(&self) -> &'static [u64] {
        steps(self.model_on())
    }

    /// The step as the clock shows it (see [`step_words`]).
    pub fn step_label(&self) -> String {
        step_words(self.step(), self.model_on())
    }

    /// Whether the scenario has the real-world model on (its keys act, its panels show).
    pub fn model_on(&self) -> bool {
        self.scenario().policy.model.is_some()
    }

    /// The last action's model report for this user (a replay or a call), for the why panel.
    pub fn last_model_report(&self, index: usize) -> Option<&ModelReport> {
        match &self.last_run {
            LastRun::Model { index: i, report } if *i == index => Some(report),
            _ => None,
        }
    }
}
