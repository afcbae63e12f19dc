//! A scenario with undo and redo: every change a user makes goes through here, as one step.
//!
//! Each step records the state before and after the change (not a copy of the whole scenario), so
//! undo and redo cost what the change cost, even with a million users, and redo brings back the
//! very token a random refresh issued.

use super::policy::Policy;
use super::scenario::{Outcome, Scenario, UnknownUser};
use super::text;
use super::token_store::Token;
use std::collections::VecDeque;
use std::sync::Arc;

/// How many steps undo can go back.
pub const HISTORY_LIMIT: usize = 1000;
/// How many replaced tokens the history keeps in all: a refresh of a million users is one step
/// but a million pairs of tokens, so past this the oldest steps are dropped (never the newest).
pub const HISTORY_TOKEN_LIMIT: usize = 2_000_000;

/// One undoable step, with what it needs to go both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Time {
        from: u64,
        to: u64,
    },
    /// Tokens that a refresh (of one user or all) at time `at` replaced: (position, before,
    /// after), in ascending position.
    Refresh {
        at: u64,
        tokens: Vec<(usize, Token, Token)>,
    },
    Add {
        index: usize,
        name: String,
        token: Token,
    },
    Remove {
        index: usize,
        name: String,
        token: Token,
    },
    Expiry {
        index: usize,
        from: u64,
        to: u64,
    },
    Policy {
        from: Box<Policy>,
        to: Box<Policy>,
    },
}

impl Change {
    /// A short description for the screen and the transcript, e.g. `time 120 → 130`.
    pub fn describe(&self, scenario: &Scenario) -> String {
        let name_at = |i: usize| {
            scenario
                .tokens
                .get_index(i)
                .map_or("?", |(n, _)| n)
                .to_owned()
        };
        match self {
            Change::Time { from, to } => format!("time {from} → {to}"),
            Change::Refresh { tokens, .. } if tokens.len() == 1 => {
                format!("refresh {}", name_at(tokens[0].0))
            }
            Change::Refresh { tokens, .. } => format!("refresh of {} users", tokens.len()),
            Change::Add { name, .. } => format!("add {name}"),
            Change::Remove { name, .. } => format!("remove {name}"),
            Change::Expiry { index, from, to } => {
                format!("expiry of {} {from} → {to}", name_at(*index))
            }
            Change::Policy { from, to } => describe_policy_change(from, to),
        }
    }
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    UnknownUser(String),
    DuplicateUser(String),
    BadText(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::UnknownUser(name) => write!(f, "unknown user '{name}'"),
            EditError::DuplicateUser(name) => write!(f, "user '{name}' already exists"),
            EditError::BadText(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for EditError {}

impl From<UnknownUser> for EditError {
    fn from(e: UnknownUser) -> Self {
        EditError::UnknownUser(e.0)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Session {
    scenario: Scenario,
    undo: VecDeque<Change>,
    redo: Vec<Change>,
    /// Tokens held by the refresh steps in `undo`.
    undo_tokens: usize,
    /// The text the scenario was loaded from (or last saved as), which a save edits in place so
    /// a teacher's comments and layout stay; `None` for a roster, which is saved afresh.
    template: Option<Arc<str>>,
}

impl Session {
    pub fn new(scenario: Scenario) -> Self {
        Self {
            scenario,
            ..Self::default()
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The session with the text its scenario was loaded from, for saving in place.
    pub fn with_template(mut self, text: impl Into<Arc<str>>) -> Self {
        self.set_template(text);
        self
    }

    /// Replaces the template, e.g. with the text just saved, so the next save edits that.
    pub fn set_template(&mut self, text: impl Into<Arc<str>>) {
        self.template = Some(text.into());
    }

    pub fn template(&self) -> Option<&str> {
        self.template.as_deref()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Sets the clock; no step is recorded when the time does not change.
    pub fn set_time(&mut self, to: u64) {
        let from = self.scenario.now();
        if from != to {
            self.scenario.clock.set(to);
            self.record(Change::Time { from, to });
        }
    }

    /// Moves the clock forward like [`Session::advance`], but when the last step was also a
    /// clock move, extends that step instead of adding one: a run of play ticks undoes at once.
    pub fn advance_continuing(&mut self, ticks: u64) {
        let to = self.scenario.now().saturating_add(ticks);
        match self.undo.back_mut() {
            Some(Change::Time { to: last, .. }) if self.redo.is_empty() => {
                *last = to;
                self.scenario.clock.set(to);
            }
            _ => self.set_time(to),
        }
    }

    /// Moves the clock forward, stopping at the maximum.
    pub fn advance(&mut self, ticks: u64) {
        self.set_time(self.scenario.now().saturating_add(ticks));
    }

    /// Moves the clock back, stopping at 0.
    pub fn rewind(&mut self, ticks: u64) {
        self.set_time(self.scenario.now().saturating_sub(ticks));
    }

    pub fn refresh(&mut self, user: &str) -> Result<Outcome, UnknownUser> {
        let index = self.scenario.position_of(user)?;
        self.refresh_at(index)
            .ok_or_else(|| UnknownUser(user.to_owned()))
    }

    /// Refreshes the user at a position in file order; `None` past the end.
    pub fn refresh_at(&mut self, index: usize) -> Option<Outcome> {
        let before = self.scenario.tokens.get_index(index)?.1.clone();
        let outcome = self.scenario.refresh_at(index)?;
        if let Outcome::Refreshed { .. } = outcome {
            let after = self.scenario.tokens.get_index(index)?.1.clone();
            self.record(Change::Refresh {
                at: self.scenario.now(),
                tokens: vec![(index, before, after)],
            });
        }
        Some(outcome)
    }

    /// Refreshes every user in order, calling `each` with every outcome; one undo step in all.
    pub fn refresh_all(&mut self, mut each: impl FnMut(&str, &Outcome)) {
        let mut replaced = Vec::new();
        for index in 0..self.scenario.tokens.len() {
            let Some(before) = self
                .scenario
                .tokens
                .get_index(index)
                .map(|(_, t)| t.clone())
            else {
                break;
            };
            let Some(outcome) = self.scenario.refresh_at(index) else {
                break;
            };
            if let Some((name, after)) = self.scenario.tokens.get_index(index) {
                each(name, &outcome);
                if outcome.is_refreshed() {
                    replaced.push((index, before, after.clone()));
                }
            }
        }
        if !replaced.is_empty() {
            self.record(Change::Refresh {
                at: self.scenario.now(),
                tokens: replaced,
            });
        }
    }

    /// Adds a user at the end, after checking the name and token.
    pub fn add_user(&mut self, name: &str, token: &str, expiry: u64) -> Result<(), EditError> {
        text::check_name(name).map_err(EditError::BadText)?;
        text::check_token(token).map_err(EditError::BadText)?;
        let token = Token::new(token, expiry);
        self.scenario
            .tokens
            .insert(name.to_owned(), token.clone())
            .map_err(|d| EditError::DuplicateUser(d.0))?;
        let index = self.scenario.tokens.len() - 1;
        self.record(Change::Add {
            index,
            name: name.to_owned(),
            token,
        });
        Ok(())
    }

    pub fn remove_user(&mut self, name: &str) -> Result<(), EditError> {
        let (index, token) = self
            .scenario
            .tokens
            .remove(name)
            .ok_or_else(|| EditError::UnknownUser(name.to_owned()))?;
        self.record(Change::Remove {
            index,
            name: name.to_owned(),
            token,
        });
        Ok(())
    }

    pub fn set_expiry(&mut self, name: &str, to: u64) -> Result<(), EditError> {
        let index = self.scenario.position_of(name)?;
        if let Some((_, token)) = self.scenario.tokens.get_index_mut(index) {
            let from = std::mem::replace(&mut token.expiry, to);
            if from != to {
                self.record(Change::Expiry { index, from, to });
            }
        }
        Ok(())
    }

    /// Replaces the policy (boundary, early window, leeway, ...); one undo step.
    pub fn set_policy(&mut self, to: Policy) {
        if to != self.scenario.policy {
            let from = std::mem::replace(&mut self.scenario.policy, to.clone());
            self.record(Change::Policy {
                from: Box::new(from),
                to: Box::new(to),
            });
        }
    }

    /// Changes the policy through a closure, e.g. `session.update_policy(|p| p.early = 5)`.
    pub fn update_policy(&mut self, change: impl FnOnce(&mut Policy)) {
        let mut policy = self.scenario.policy.clone();
        change(&mut policy);
        self.set_policy(policy);
    }

    /// The refreshes of the user at `index` that undo can still reach, oldest first, as
    /// (time of the refresh, token before, token after): the timeline draws them as segments.
    /// Looks back only to the last add or remove, before which positions meant other users.
    pub fn refreshes_of(&self, index: usize) -> Vec<(u64, &Token, &Token)> {
        let mut found = Vec::new();
        for change in self.undo.iter().rev() {
            match change {
                Change::Refresh { at, tokens } => {
                    if let Ok(i) = tokens.binary_search_by_key(&index, |(i, _, _)| *i) {
                        let (_, before, after) = &tokens[i];
                        found.push((*at, before, after));
                    }
                }
                Change::Add { .. } | Change::Remove { .. } => break,
                _ => {}
            }
        }
        found.reverse();
        found
    }

    /// Takes back the last step; returns what was undone, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let change = self.undo.pop_back()?;
        self.undo_tokens -= token_count(&change);
        self.apply(&change, Direction::Back);
        let description = change.describe(&self.scenario);
        self.redo.push(change);
        Some(description)
    }

    /// Does again the last undone step; returns what was redone.
    pub fn redo(&mut self) -> Option<String> {
        let change = self.redo.pop()?;
        self.apply(&change, Direction::Forward);
        let description = change.describe(&self.scenario);
        self.undo_tokens += token_count(&change);
        self.undo.push_back(change);
        Some(description)
    }

    fn record(&mut self, change: Change) {
        self.redo.clear();
        self.undo_tokens += token_count(&change);
        self.undo.push_back(change);
        while self.undo.len() > HISTORY_LIMIT
            || (self.undo_tokens > HISTORY_TOKEN_LIMIT && self.undo.len() > 1)
        {
            if let Some(dropped) = self.undo.pop_front() {
                self.undo_tokens -= token_count(&dropped);
            }
        }
    }

    fn apply(&mut self, change: &Change, direction: Direction) {
        let forward = direction == Direction::Forward;
        let tokens = &mut self.scenario.tokens;
        match change {
            Change::Time { from, to } => self.scenario.clock.set(if forward { *to } else { *from }),
            Change::Refresh {
                tokens: replaced, ..
            } => {
                for (index, before, after) in replaced {
                    if let Some((_, token)) = tokens.get_index_mut(*index) {
                        *token = if forward { after } else { before }.clone();
                    }
                }
            }
            Change::Add { index, name, token } | Change::Remove { index, name, token } => {
                let adding = forward == matches!(change, Change::Add { .. });
                if adding {
                    let _ = tokens.insert_at(*index, name.clone(), token.clone());
                } else {
                    tokens.remove(name);
                }
            }
            Change::Expiry { index, from, to } => {
                if let Some((_, token)) = tokens.get_index_mut(*index) {
                    token.expiry = if forward { *to } else { *from };
                }
            }
            Change::Policy { from, to } => {
                self.scenario.policy = if forward { to } else { from }.as_ref().clone();
            }
        }
    }
}

/// What a policy change changed, e.g. `boundary lesson → rfc7519`.
fn describe_policy_change(from: &Policy, to: &Policy) -> String {
    let mut parts = Vec::new();
    if from.boundary != to.boundary {
        parts.push(format!("boundary {} → {}", from.boundary, to.boundary));
    }
    for (name, a, b) in [
        ("early", from.early, to.early),
        ("leeway", from.leeway, to.leeway),
        ("ttl", from.ttl, to.ttl),
    ] {
        if a != b {
            parts.push(format!("{name} {a} → {b}"));
        }
    }
    if parts.is_empty() {
        "policy change".to_owned()
    } else {
        parts.join(", ")
    }
}

fn token_count(change: &Change) -> usize {
    match change {
        Change::Refresh { tokens, .. } => tokens.len(),
        _ => 0,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Back,
}
