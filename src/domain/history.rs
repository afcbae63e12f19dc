//! Generic undo and redo (as helix's history): a step records the state, before the operation,
//! of what it touched (users' whole states, the clock, the policy), so no operation needs an
//! inverse of its own, and redo brings back the very token a random refresh issued.
//!
//! A step holds only the *other side*: undoing swaps the held states with the current ones, so
//! the step then holds the states redo needs, and redoing swaps them back. Nothing is copied
//! when a step is taken back or done again.

use super::policy::Policy;
use super::scenario::Scenario;
use super::token_store::{TokenStore, UserState};
use std::collections::{HashSet, VecDeque};

/// How many steps undo can go back.
pub const HISTORY_LIMIT: usize = 1000;
/// How many user states the history keeps in all: a refresh of a million users is one step but
/// a million users' states, so past this the oldest steps are dropped (never the newest).
pub const HISTORY_USER_LIMIT: usize = 2_000_000;

/// One user's state on the other side of a step: where it stood and what it was, or `None`
/// where the user did not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDelta {
    pub name: String,
    pub other: Option<(usize, UserState)>,
}

/// One undoable step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the step did, e.g. `refresh alice` or `time 120 → 130`.
    pub label: String,
    /// The clock before and after the step.
    pub clock: (u64, u64),
    /// The policy on the other side, when the step changed it.
    pub policy: Option<Box<Policy>>,
    pub users: Vec<UserDelta>,
}

impl Step {
    /// A step that only moved the clock (a run of play ticks extends one of these).
    pub fn is_clock_only(&self) -> bool {
        self.policy.is_none() && self.users.is_empty()
    }

    /// Crosses the step: back to before it (`forward` false) or again to after it. The states
    /// held and the scenario's are swapped, so the step is ready to be crossed the other way.
    pub fn cross(&mut self, scenario: &mut Scenario, forward: bool) {
        scenario
            .clock
            .set(if forward { self.clock.1 } else { self.clock.0 });
        if let Some(policy) = &mut self.policy {
            std::mem::swap(&mut scenario.policy, policy);
        }
        let store = &mut scenario.tokens;
        // Where every user must end up, for the check at the end.
        let targets: Vec<(usize, usize)> = self
            .users
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.other.as_ref().map(|(index, _)| (i, *index)))
            .collect();
        // Fast path: a user that stays where it is (every refresh) is swapped in place.
        let mut moving = Vec::new();
        for (i, delta) in self.users.iter_mut().enumerate() {
            match (&mut delta.other, &delta.name) {
                (Some((index, state)), name) if stands_at(store, name, *index) => {
                    store.swap_at(*index, state);
                }
                _ => moving.push(i),
            }
        }
        if !moving.is_empty() {
            swap_moving(store, &mut self.users, &moving);
        }
        // Taking users out and putting them back can shift one that was swapped in place;
        // then every user goes back in ascending position, which is exact.
        let misplaced = targets
            .iter()
            .any(|&(i, index)| !stands_at(store, &self.users[i].name, index));
        if misplaced {
            let mut placed: Vec<(usize, String, UserState)> = targets
                .iter()
                .filter_map(|&(i, index)| {
                    let name = &self.users[i].name;
                    store
                        .remove(name)
                        .map(|(_, state)| (index, name.clone(), state))
                })
                .collect();
            placed.sort_by_key(|(index, _, _)| *index);
            for (index, name, state) in placed {
                store.put(index, &name, state);
            }
        }
    }
}

/// Whether `name` is the user at `index` (a comparison, not a lookup by name).
fn stands_at(store: &TokenStore, name: &str, index: usize) -> bool {
    store.user_at(index).is_some_and(|(n, _)| n == name)
}

/// Users that appear, vanish or move: takes the current ones out (keeping them in the step),
/// then puts the held ones in, in ascending position, so every one lands where it stood.
fn swap_moving(store: &mut TokenStore, users: &mut [UserDelta], moving: &[usize]) {
    let mut current: Vec<Option<(usize, UserState)>> = moving
        .iter()
        .map(|&i| {
            store
                .user_full(&users[i].name)
                .map(|(index, state)| (index, state.owned()))
        })
        .collect();
    let names: HashSet<&str> = moving.iter().map(|&i| users[i].name.as_str()).collect();
    store.retain(|name| !names.contains(name));
    let mut arriving: Vec<(usize, usize)> = moving
        .iter()
        .filter_map(|&i| users[i].other.as_ref().map(|(index, _)| (*index, i)))
        .collect();
    arriving.sort_unstable();
    for (index, i) in arriving {
        if let Some((_, state)) = users[i].other.take() {
            store.put(index, &users[i].name, state);
        }
    }
    for (&i, now) in moving.iter().zip(current.iter_mut()) {
        users[i].other = now.take();
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
        let mut step = self.undo.pop_back()?;
        self.depth -= 1;
        self.held -= step.users.len();
        step.cross(scenario, false);
        let label = step.label.clone();
        self.redo.push(step);
        Some(label)
    }

    pub fn redo(&mut self, scenario: &mut Scenario) -> Option<String> {
        let mut step = self.redo.pop()?;
        self.depth += 1;
        step.cross(scenario, true);
        let label = step.label.clone();
        self.held += step.users.len();
        self.undo.push_back(step);
        Some(label)
    }
}
