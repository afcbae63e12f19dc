//! Generic undo and redo (as helix's history): a step records the before and after of what an
//! operation touched (users' whole states, the clock, the policy), so no operation needs an
//! inverse of its own, and redo brings back the very token a random refresh issued.

use super::policy::Policy;
use super::scenario::Scenario;
use super::token_store::{TokenStore, UserState};
use std::collections::{HashSet, VecDeque};

/// How many steps undo can go back.
pub const HISTORY_LIMIT: usize = 1000;
/// How many user states the history keeps in all: a refresh of a million users is one step but
/// a million users' before and after, so past this the oldest steps are dropped (never the newest).
pub const HISTORY_USER_LIMIT: usize = 2_000_000;

/// One user's state before and after a step: `None` where the user did not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDelta {
    pub name: String,
    pub before: Option<(usize, UserState)>,
    pub after: Option<(usize, UserState)>,
}

impl UserDelta {
    /// The state after the step (`forward`) or before it.
    fn target(&self, forward: bool) -> &Option<(usize, UserState)> {
        if forward { &self.after } else { &self.before }
    }
}

/// One undoable step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the step did, e.g. `refresh alice` or `time 120 → 130`.
    pub label: String,
    pub clock: (u64, u64),
    pub policy: Option<Box<(Policy, Policy)>>,
    pub users: Vec<UserDelta>,
}

impl Step {
    /// A step that only moved the clock (a run of play ticks extends one of these).
    pub fn is_clock_only(&self) -> bool {
        self.policy.is_none() && self.users.is_empty()
    }

    /// Puts the scenario in the state before (`forward` false) or after the step.
    pub fn apply(&self, scenario: &mut Scenario, forward: bool) {
        let pick = |(before, after): (u64, u64)| if forward { after } else { before };
        scenario.clock.set(pick(self.clock));
        if let Some(policy) = &self.policy {
            scenario.policy = if forward { &policy.1 } else { &policy.0 }.clone();
        }
        let target = |d| UserDelta::target(d, forward);
        let store = &mut scenario.tokens;
        // Fast path: a user that stays where it is (every refresh) is replaced in place.
        let mut moving = Vec::new();
        for delta in &self.users {
            match target(delta) {
                Some((index, state)) if store.index_of(&delta.name) == Some(*index) => {
                    store.put(*index, &delta.name, state.clone());
                }
                _ => moving.push(delta),
            }
        }
        put_back(store, &moving, forward);
        // Removing and inserting can shift a user that was replaced in place; then every touched
        // user goes through the slow path, which is exact.
        let misplaced = self.users.iter().any(|d| {
            target(d)
                .as_ref()
                .is_some_and(|(index, _)| store.index_of(&d.name) != Some(*index))
        });
        if misplaced {
            let all: Vec<_> = self.users.iter().collect();
            put_back(store, &all, forward);
        }
    }
}

/// Takes every user in `deltas` out, then puts each back at its target position, ascending, so
/// every one lands where it stood (users not in `deltas` keep their order).
fn put_back(store: &mut TokenStore, deltas: &[&UserDelta], forward: bool) {
    if deltas.is_empty() {
        return;
    }
    let names: HashSet<&str> = deltas.iter().map(|d| d.name.as_str()).collect();
    store.retain(|name| !names.contains(name));
    let mut arriving: Vec<_> = deltas
        .iter()
        .filter_map(|d| d.target(forward).as_ref().map(|(i, s)| (*i, &d.name, s)))
        .collect();
    arriving.sort_by_key(|(index, _, _)| *index);
    for (index, name, state) in arriving {
        store.put(index, name, state.clone());
    }
}

/// The undo and redo stacks, bounded in steps and in the user states they hold.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// User states held by the steps in `undo`.
    held: usize,
    /// Steps pushed or redone less steps undone: where the session stands in its history,
    /// counted even past the steps dropped for [`HISTORY_LIMIT`].
    depth: u64,
}

impl History {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps pushed or redone less steps undone. A lesson goes back to where one of its steps
    /// began by undoing until the depth is what it was then.
    pub fn depth(&self) -> u64 {
        self.depth
    }

    pub fn push(&mut self, step: Step) {
        self.depth += 1;
        self.redo.clear();
        self.held += step.users.len();
        self.undo.push_back(step);
        while self.undo.len() > HISTORY_LIMIT
            || (self.held > HISTORY_USER_LIMIT && self.undo.len() > 1)
        {
            if let Some(dropped) = self.undo.pop_front() {
                self.held -= dropped.users.len();
            }
        }
    }

    /// The last step, when it only moved the clock and nothing was undone since.
    pub fn last_clock_step(&mut self) -> Option<&mut Step> {
        if !self.redo.is_empty() {
            return None;
        }
        self.undo.back_mut().filter(|s| s.is_clock_only())
    }

    pub fn undo(&mut self, scenario: &mut Scenario) -> Option<String> {
        let step = self.undo.pop_back()?;
        self.depth -= 1;
        self.held -= step.users.len();
        step.apply(scenario, false);
        let label = step.label.clone();
        self.redo.push(step);
        Some(label)
    }

    pub fn redo(&mut self, scenario: &mut Scenario) -> Option<String> {
        let step = self.redo.pop()?;
        self.depth += 1;
        step.apply(scenario, true);
        let label = step.label.clone();
        self.held += step.users.len();
        self.undo.push_back(step);
        Some(label)
    }
}
