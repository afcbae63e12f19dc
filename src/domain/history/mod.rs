//! Generic undo and redo (as helix's history): a step records the state, before the operation,
//! of what it touched (users' states, the clock, the policy), so no operation needs an inverse
//! of its own, and redo brings back the very token a random refresh issued.
//!
//! A step holds only the *other side*: undoing swaps the held states with the current ones, so
//! the step then holds the states redo needs, and redoing swaps them back. A user who exists on
//! both sides is held as a [`UserDiff`] from the state on this side (a few entries, not a whole
//! history), so the history is bounded by the bytes it holds ([`HISTORY_BYTES`]). A step's
//! entries for all its users are in one [`Arena`].

pub mod diff;
pub mod ends;
pub mod touched;

use super::op::{Did, Report};
use super::policy::Policy;
use super::scenario::Scenario;
use super::token_store::{Token, TokenStore, UserRef, UserState};
use super::user_state::Span;
pub use diff::{Arena, UserDiff};
use std::collections::{HashSet, VecDeque};
pub use touched::Touched;

/// How many steps undo can go back.
pub const HISTORY_LIMIT: usize = 1000;
/// How many bytes the steps undo can go back through hold, about: past this the oldest steps are
/// dropped (never the newest). 256 MiB.
pub const HISTORY_BYTES: usize = 256 << 20;

/// One user's state on the other side of a step: where it stood and what it was, or `None`
/// where the user did not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDelta {
    /// The user's name, in the step's arena.
    name: Span,
    other: Option<(usize, Held)>,
}

/// A user's state on the other side of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// Whole: the user does not exist on this side, or is small ([`held_whole`]), or stands
    /// elsewhere while a step is crossed.
    Whole(UserState),
    /// What differs from the user's state on this side, its entries in the step's arena.
    Diff(UserDiff),
}

impl Held {
    fn bytes(&self) -> usize {
        match self {
            Held::Whole(state) => diff::state_bytes(state),
            // Its entries are the arena's, counted with it; its record, with the step's users.
            Held::Diff(_) => 0,
        }
    }
}

/// Whether a step holds this user's state whole rather than as a diff: a user without the
/// real-world model and with a short history (a lesson's, a roster's) is a token and a few
/// entries, which cost less to copy and to swap back than to compare and rebuild (a refresh of a
/// million users, and its undo).
pub fn held_whole(user: UserRef<'_>) -> bool {
    user.model.is_none() && user.past_count() < WHOLE_BELOW
}

/// How many replaced tokens a user without the model has at most, to be held whole.
const WHOLE_BELOW: usize = 16;

/// The users a step holds, being built: a user on both sides is held as what differs from its
/// state here, its entries in one arena for the whole step.
#[derive(Debug, Default)]
pub struct StepUsers {
    users: Vec<UserDelta>,
    arena: Arena,
}

impl StepUsers {
    pub fn with_capacity(users: usize) -> Self {
        Self {
            users: Vec::with_capacity(users),
            arena: Arena::default(),
        }
    }

    /// Holds `other` (the user's state on the other side, `None` where it did not exist, with
    /// where it stood) against `here` (its state on this side, if it exists). A user the same on
    /// both sides, at the same place, is not held.
    pub fn hold(
        &mut self,
        name: &str,
        here: Option<(usize, UserRef<'_>)>,
        other: Option<(usize, UserRef<'_>)>,
    ) {
        let held = match (here, other) {
            (None, None) => return,
            (_, None) => None,
            (Some((at, here)), Some((index, other))) => {
                let mark = self.arena.mark();
                let diff = UserDiff::between(here, other, &mut self.arena);
                if at == index && diff.is_empty(here.past_count()) {
                    self.arena.truncate(mark);
                    return;
                }
                Some((index, Held::Diff(diff)))
            }
            (None, Some((index, other))) => Some((index, Held::Whole(other.owned()))),
        };
        let name = self.arena.text(name);
        self.users.push(UserDelta { name, other: held });
    }

    /// [`StepUsers::hold`] for a state on its own (moved, not copied, when it is held whole).
    pub fn hold_state(
        &mut self,
        name: &str,
        here: Option<(usize, UserRef<'_>)>,
        other: Option<(usize, UserState)>,
    ) {
        match (here, other) {
            (Some((at, now)), Some((index, state))) if held_whole(state.view()) => {
                if at != index || now != state.view() {
                    self.push_whole(name, index, state);
                }
            }
            (None, Some((index, state))) => self.push_whole(name, index, state),
            (here, other) => self.hold(name, here, other.as_ref().map(|(i, s)| (*i, s.view()))),
        }
    }

    fn push_whole(&mut self, name: &str, index: usize, state: UserState) {
        let name = self.arena.text(name);
        self.users.push(UserDelta {
            name,
            other: Some((index, Held::Whole(state))),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }
}

/// One undoable step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the step did (its words, e.g. `refresh alice` or `time 120 → 130`, are
    /// `words::step_label`'s).
    pub report: Box<Report>,
    /// The clock before and after the step.
    pub clock: (u64, u64),
    /// The policy on the other side, when the step changed it.
    pub policy: Option<Box<Policy>>,
    users: Vec<UserDelta>,
    /// Every entry the users' diffs hold (and their names).
    arena: Arena,
}

impl Step {
    pub fn new(
        report: Report,
        clock: (u64, u64),
        policy: Option<Box<Policy>>,
        users: StepUsers,
    ) -> Self {
        let StepUsers {
            mut users,
            mut arena,
        } = users;
        users.shrink_to_fit();
        arena.shrink();
        Self {
            report: Box::new(report),
            clock,
            policy,
            users,
            arena,
        }
    }

    /// What the step did, for an undo's or a redo's report.
    pub fn did(&self) -> Did {
        Did {
            report: self.report.clone(),
            clock: self.clock,
        }
    }

    /// A step that only moved the clock (a run of play ticks extends one of these).
    pub fn is_clock_only(&self) -> bool {
        self.policy.is_none() && self.users.is_empty()
    }

    /// About how many bytes the step holds.
    pub fn bytes(&self) -> usize {
        // The report is not counted: play rewrites it in place (`time 0 → 5`), and it is short.
        std::mem::size_of::<Self>()
            + self
                .policy
                .as_ref()
                .map_or(0, |_| std::mem::size_of::<Policy>())
            + self.users.capacity() * std::mem::size_of::<UserDelta>()
            + self
                .users
                .iter()
                .filter_map(|d| d.other.as_ref())
                .map(|(_, held)| held.bytes())
                .sum::<usize>()
            + self.arena.bytes()
    }

    /// Crosses the step: back to before it (`forward` false) or again to after it. The states
    /// held and the scenario's are swapped, so the step is ready to be crossed the other way.
    pub fn cross(&mut self, scenario: &mut Scenario, forward: bool) {
        let old = self.swap(scenario, forward);
        // The states now held become diffs against the users as they now are, in a new arena.
        let store = &scenario.tokens;
        let arena = &mut self.arena;
        for delta in &mut self.users {
            let name = old.str(delta.name);
            let user = store.user(name);
            delta.name = arena.text(name);
            if let Some((_, held @ Held::Whole(_))) = &mut delta.other
                && let Some(user) = user
                && let Held::Whole(state) = &*held
                && !held_whole(state.view())
            {
                *held = Held::Diff(UserDiff::between(user, state.view(), arena));
            }
        }
        arena.shrink();
    }

    /// Takes the scenario back to before the step, once: an operation abandoned halfway (see
    /// `Session::abandon`). The states the scenario had are dropped, not kept to cross again.
    pub fn take_back(mut self, scenario: &mut Scenario) {
        self.swap(scenario, false);
    }

    /// The crossing itself: clock, policy and the users' states swapped with the scenario's.
    /// Returns the arena the held names and diffs were in (the held states are now whole).
    fn swap(&mut self, scenario: &mut Scenario, forward: bool) -> Arena {
        scenario
            .clock
            .set(if forward { self.clock.1 } else { self.clock.0 });
        if let Some(policy) = &mut self.policy {
            std::mem::swap(&mut scenario.policy, policy);
        }
        let store = &mut scenario.tokens;
        // Diffs become whole states against the users as they are now, then are swapped in.
        let old = std::mem::take(&mut self.arena);
        for delta in &mut self.users {
            if let Some((_, held @ Held::Diff(_))) = &mut delta.other
                && let Held::Diff(d) = &*held
            {
                let whole = match store.user(old.str(delta.name)) {
                    Some(user) => d.apply(user, &old),
                    // Not reached: a diff is only held for a user on both sides.
                    None => UserState::new(Token::new("", 0)),
                };
                *held = Held::Whole(whole);
            }
        }
        swap_states(store, &old, &mut self.users);
        old
    }
}

/// Swaps the whole states held with the store's (the users' names are in `arena`).
fn swap_states(store: &mut TokenStore, arena: &Arena, users: &mut [UserDelta]) {
    let names: Vec<&str> = users.iter().map(|d| arena.str(d.name)).collect();
    // Where every user must end up, for the check at the end.
    let targets: Vec<(usize, usize)> = users
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.other.as_ref().map(|(index, _)| (i, *index)))
        .collect();
    // Fast path: a user that stays where it is (every refresh) is swapped in place.
    let mut moving = Vec::new();
    for (i, delta) in users.iter_mut().enumerate() {
        match &mut delta.other {
            Some((index, Held::Whole(state))) if stands_at(store, names[i], *index) => {
                store.swap_at(*index, state);
            }
            _ => moving.push(i),
        }
    }
    if !moving.is_empty() {
        swap_moving(store, &names, users, &moving);
    }
    // Taking users out and putting them back can shift one that was swapped in place;
    // then every user goes back in ascending position, which is exact.
    let misplaced = targets
        .iter()
        .any(|&(i, index)| !stands_at(store, names[i], index));
    if misplaced {
        let mut placed: Vec<(usize, &str, UserState)> = targets
            .iter()
            .filter_map(|&(i, index)| {
                let name = names[i];
                store.remove(name).map(|(_, state)| (index, name, state))
            })
            .collect();
        placed.sort_by_key(|(index, _, _)| *index);
        for (index, name, state) in placed {
            store.put(index, name, state);
        }
    }
}

/// Whether `name` is the user at `index` (a comparison, not a lookup by name).
fn stands_at(store: &TokenStore, name: &str, index: usize) -> bool {
    store.user_at(index).is_some_and(|(n, _)| n == name)
}

/// Users that appear, vanish or move: takes the current ones out (keeping them in the step),
/// then puts the held ones in, in ascending position, so every one lands where it stood.
fn swap_moving(store: &mut TokenStore, names: &[&str], users: &mut [UserDelta], moving: &[usize]) {
    let mut current: Vec<Option<(usize, Held)>> = moving
        .iter()
        .map(|&i| {
            store
                .user_full(names[i])
                .map(|(index, state)| (index, Held::Whole(state.owned())))
        })
        .collect();
    let gone: HashSet<&str> = moving.iter().map(|&i| names[i]).collect();
    store.retain(|name| !gone.contains(name));
    let mut arriving: Vec<(usize, usize)> = moving
        .iter()
        .filter_map(|&i| users[i].other.as_ref().map(|(index, _)| (*index, i)))
        .collect();
    arriving.sort_unstable();
    for (index, i) in arriving {
        if let Some((_, Held::Whole(state))) = users[i].other.take() {
            store.put(index, names[i], state);
        }
    }
    for (&i, now) in moving.iter().zip(current.iter_mut()) {
        users[i].other = now.take();
    }
}

/// The undo and redo stacks, bounded in steps and in the bytes they hold.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// Bytes held by the steps in `undo`, about.
    held: usize,
    /// The most `held` may be before the oldest steps are dropped.
    limit: usize,
    /// Steps pushed or redone less steps undone: where the session stands in its history,
    /// counted even past the steps dropped for [`HISTORY_LIMIT`].
    depth: u64,
}

impl Default for History {
    fn default() -> Self {
        Self {
            undo: VecDeque::new(),
            redo: Vec::new(),
            held: 0,
            limit: HISTORY_BYTES,
            depth: 0,
        }
    }
}

impl History {
    /// Bounds the bytes the steps hold (the oldest go first; the newest step is always kept).
    pub fn set_limit(&mut self, bytes: usize) {
        self.limit = bytes;
        self.trim();
    }

    /// About how many bytes the steps undo can go back through hold.
    pub fn bytes(&self) -> usize {
        self.held
    }

    /// How many steps undo can go back.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    fn trim(&mut self) {
        while self.undo.len() > HISTORY_LIMIT || (self.held > self.limit && self.undo.len() > 1) {
            if let Some(dropped) = self.undo.pop_front() {
                self.held -= dropped.bytes();
            }
        }
    }

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
        self.held += step.bytes();
        self.undo.push_back(step);
        self.trim();
    }

    /// The last step, when it only moved the clock and nothing was undone since.
    pub fn last_clock_step(&mut self) -> Option<&mut Step> {
        if !self.redo.is_empty() {
            return None;
        }
        self.undo.back_mut().filter(|s| s.is_clock_only())
    }

    pub fn undo(&mut self, scenario: &mut Scenario) -> Option<Did> {
        let mut step = self.undo.pop_back()?;
        self.depth -= 1;
        self.held -= step.bytes();
        step.cross(scenario, false);
        let did = step.did();
        self.redo.push(step);
        Some(did)
    }

    pub fn redo(&mut self, scenario: &mut Scenario) -> Option<Did> {
        let mut step = self.redo.pop()?;
        self.depth += 1;
        step.cross(scenario, true);
        let did = step.did();
        self.held += step.bytes();
        self.undo.push_back(step);
        self.trim();
        Some(did)
    }
}
