//! The real-world model's side of the app: whether it is on, its operations on the selected
//! user, what the why panel shows after one, and the clock steps that fit second-sized ticks.

use super::{App, LastRun, MODEL_STEPS, STEPS};
use crate::domain::Op;
use crate::domain::oauth::{ModelOp, ModelReport};

impl App {
    /// The clock's steps: the lesson's, or with the real-world model on, second-sized ones.
    pub(super) fn steps(&self) -> &'static [u64] {
        if self.model_on() {
            &MODEL_STEPS
        } else {
            &STEPS
        }
    }

    /// The step as the clock shows it: `10`, or with the model on a duration (`1m`, `1d`).
    pub fn step_label(&self) -> String {
        if self.model_on() {
            crate::domain::ticks::duration_words(self.step())
        } else {
            self.step().to_string()
        }
    }

    /// Whether the scenario has the real-world model on (its keys act, its panels show).
    pub fn model_on(&self) -> bool {
        self.scenario().policy.model.is_some()
    }

    /// The real-world model's operation on the selected user; its keys do nothing in the lesson.
    pub(super) fn model_selected(&mut self, which: ModelOp) {
        if !self.model_on() {
            return;
        }
        let Some(user) = self.selected_user() else {
            return;
        };
        let op = match which {
            ModelOp::Steal => Op::Steal(user),
            ModelOp::Replay => Op::Replay(user),
            ModelOp::Revoke => Op::Revoke(user),
            ModelOp::Login => Op::Login(user),
            ModelOp::Call => Op::Call(user),
            ModelOp::Logout => Op::Logout(user),
            ModelOp::RevokeAll => Op::RevokeAll(user),
        };
        self.run_logged(op);
    }

    /// The last action's model report for this user (a replay or a call), for the why panel.
    pub fn last_model_report(&self, index: usize) -> Option<&ModelReport> {
        match &self.last_run {
            LastRun::Model { index: i, report } if *i == index => Some(report),
            _ => None,
        }
    }
}
