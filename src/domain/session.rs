//! A scenario with undo and redo: every operation goes through [`Session::execute`], as one step.
//!
//! An operation touches users through [`Session::touch_at`], which keeps their state before it;
//! when the operation ends the state after is read, and the pair is one generic undo step
//! ([`history`](super::history)). A session without undo (a script that never undoes) keeps
//! nothing.

use super::error::Error;
use super::history::{History, Step, Touched};
use super::next_change;
use super::oauth::ops;
use super::op::{Names, Op, PolicyChange, Report};
use super::policy::Policy;
use super::scenario::{Outcome, Scenario};
use super::settings::{Setting, SettingValue};
use super::template::Template;
use super::text;
use super::token_store::Token;

pub use super::history::{HISTORY_BYTES, HISTORY_LIMIT};

#[derive(Debug, Clone, Default)]
pub struct Session {
    scenario: Scenario,
    /// The scenario as loaded, for `reset`; `None` when the session will never reset.
    initial: Option<Box<Scenario>>,
    history: History,
    /// False for scripts that never undo: then no step is kept at all.
    undoable: bool,
    /// Users touched by the operation under way, with their state before it.
    touched: Touched,
    /// The text the scenario was loaded from, which a save edits in place.
    template: Option<Template>,
    /// The last operation, when it changed nothing (no undo step): an undo after it takes back
    /// the change before it, and says so.
    unchanged: Option<Op>,
}

impl Session {
    pub fn new(scenario: Scenario) -> Self {
        Self {
            initial: Some(Box::new(scenario.clone())),
            scenario,
            undoable: true,
            ..Self::default()
        }
    }

    /// A session that keeps no undo steps and cannot reset (a script that uses neither): it
    /// pays nothing for them, even at a million users.
    pub fn batch(scenario: Scenario) -> Self {
        Self {
            scenario,
            ..Self::default()
        }
    }

    pub fn with_template(mut self, template: impl Into<Template>) -> Self {
        self.template = Some(template.into());
        self
    }

    /// The scenario file's text this session was loaded from, if any.
    pub fn template(&self) -> Option<&str> {
        self.template.as_ref().map(|t| &*t.text)
    }

    /// [`Session::template`] with what reading it found, shared (a save on another thread
    /// reads it).
    pub fn template_read(&self) -> Option<&Template> {
        self.template.as_ref()
    }

    pub fn set_template(&mut self, template: impl Into<Template>) {
        self.template = Some(template.into());
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario as loaded (what `reset` goes back to), if the session keeps it.
    pub fn initial(&self) -> Option<&Scenario> {
        self.initial.as_deref()
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The last operation, when it changed nothing (so undo now takes back the change before
    /// it).
    pub fn last_unchanged(&self) -> Option<&Op> {
        self.unchanged.as_ref()
    }

    /// Bounds the bytes undo holds (see [`HISTORY_BYTES`], the default).
    pub fn set_undo_limit(&mut self, bytes: usize) {
        self.history.set_limit(bytes);
    }

    /// About how many bytes undo holds, and how many steps back it can go.
    pub fn undo_held(&self) -> (usize, usize) {
        (self.history.bytes(), self.history.len())
    }

    /// How many steps deep the session stands in its history (see [`History::depth`]).
    pub fn undo_depth(&self) -> u64 {
        self.history.depth()
    }

    /// Carries out one operation. `each` hears every refresh outcome as it happens (so a million
    /// lines can be written without being collected); the report says what the operation did.
    pub fn execute(
        &mut self,
        op: &Op,
        each: &mut dyn FnMut(&str, &Outcome),
    ) -> Result<Report, Error> {
        self.execute_until(op, each, &mut || false)
    }

    /// [`Session::execute`], abandoned when `interrupt` answers true while traffic runs (asked
    /// every [`INTERRUPT_EVERY`](super::clients::INTERRUPT_EVERY) users, so small scenarios
    /// never ask): then what the operation did so far is taken back exactly (see
    /// [`Session::abandon`]) and [`Error::Interrupted`] returned. A session without undo keeps
    /// no states to take back with, so is never interrupted.
    pub fn execute_until(
        &mut self,
        op: &Op,
        each: &mut dyn FnMut(&str, &Outcome),
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<Report, Error> {
        if matches!(op, Op::Undo | Op::Redo) {
            // Undo and redo move through the history; they are not steps themselves.
            self.unchanged = None;
            return self.run(op, each, &mut || false);
        }
        self.touched.clear(&mut self.scenario.tokens);
        let clock = self.scenario.now();
        let policy = self.scenario.policy.clone();
        let depth = self.history.depth();
        let random = self.scenario.random.clone();
        let never = &mut || false;
        let interrupt = if self.undoable { interrupt } else { never };
        let report = match self.run(op, each, interrupt) {
            Err(Error::Interrupted) => {
                self.abandon(clock, policy, random);
                return Err(Error::Interrupted);
            }
            report => report?,
        };
        // Making the step gives way too (at 100,000 users it takes longer than a frame).
        match self.make_step_until(clock, policy.clone(), &report, interrupt) {
            Err(Error::Interrupted) => {
                self.abandon(clock, policy, random);
                return Err(Error::Interrupted);
            }
            step => {
                if let Some(step) = step? {
                    self.history.push(step);
                }
            }
        }
        self.unchanged = (self.history.depth() == depth).then(|| op.clone());
        Ok(report)
    }

    /// [`Session::execute`] without listening to each outcome.
    pub fn apply(&mut self, op: &Op) -> Result<Report, Error> {
        self.execute(op, &mut |_, _| {})
    }

    /// The operations' domain functions. Users are changed only after [`Session::touch`].
    /// `interrupt` is asked only by traffic (see [`Session::execute_until`]).
    fn run(
        &mut self,
        op: &Op,
        each: &mut dyn FnMut(&str, &Outcome),
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<Report, Error> {
        let report = match op {
            Op::Refresh(user) => {
                let index = self.scenario.position_of(user)?;
                self.touch_at(index);
                let outcome = self
                    .scenario
                    .refresh_at(index)
                    .ok_or_else(|| Error::UnknownUser(user.clone()))?;
                each(user, &outcome);
                Report::Refresh {
                    user: user.clone(),
                    outcome,
                }
            }
            Op::RefreshAll => self.refresh_all(each),
            Op::Advance(n) => self.move_clock(self.scenario.now().saturating_add(*n), interrupt)?,
            Op::Rewind(n) => self.move_clock(self.scenario.now().saturating_sub(*n), interrupt)?,
            Op::SetTime(n) => self.move_clock(*n, interrupt)?,
            Op::Add {
                user,
                token,
                expiry,
            } => {
                text::check_name(user).map_err(Error::BadText)?;
                text::check_token(token).map_err(Error::BadText)?;
                if self.scenario.tokens.index_of(user).is_some() {
                    return Err(Error::DuplicateUser(user.clone()));
                }
                self.touched.added(user);
                self.scenario
                    .tokens
                    .insert(user.clone(), Token::new(token.as_str(), *expiry))
                    .map_err(|d| Error::DuplicateUser(d.0))?;
                // With the real-world model, the new user logs in now.
                self.scenario.start_missing_families();
                Report::Added {
                    user: user.clone(),
                    token: token.clone(),
                    expiry: *expiry,
                }
            }
            Op::Remove(user) => {
                let index = self.scenario.position_of(user)?;
                self.touch_at(index);
                self.scenario.tokens.remove(user);
                Report::Removed { user: user.clone() }
            }
            Op::SetExpiry { user, expiry } => {
                let index = self.scenario.position_of(user)?;
                self.touch_at(index);
                let from = self
                    .scenario
                    .tokens
                    .set_expiry(user, *expiry)
                    .ok_or_else(|| Error::UnknownUser(user.clone()))?;
                Report::Expiry {
                    user: user.clone(),
                    from,
                    to: *expiry,
                }
            }
            Op::Policy(PolicyChange::Set(value)) => {
                let from = self.scenario.policy.clone();
                value.clone().apply(&mut self.scenario.policy);
                if from.model.is_none() && self.scenario.policy.model.is_some() {
                    self.start_families();
                }
                Report::Policy {
                    setting: value.setting(),
                    from: Box::new(from),
                    to: Box::new(self.scenario.policy.clone()),
                }
            }
            Op::Policy(PolicyChange::SetFor { user, value }) => {
                self.user_setting(user, value.setting(), Some(value))?
            }
            Op::Policy(PolicyChange::Inherit { user, setting }) => {
                self.user_setting(user, *setting, None)?
            }
            Op::Reset => self.reset()?,
            Op::NextChange => {
                let from = self.scenario.now();
                let next = next_change::next_change(&self.scenario);
                if let Some(next) = &next
                    && self.move_with_traffic(next.at, interrupt)?.is_none()
                {
                    self.scenario.clock.set(next.at);
                }
                Report::NextChange { from, next }
            }
            Op::Steal(user) => self.model_op(user, "steal", true, ops::steal_step)?,
            Op::Replay(user) => self.model_op(user, "replay", true, ops::replay_step)?,
            Op::Revoke(user) => self.model_op(user, "revoke", true, ops::revoke_step)?,
            Op::Login(user) => self.model_op(user, "login", true, ops::login_step)?,
            Op::Logout(user) => self.model_op(user, "logout", true, ops::logout_step)?,
            Op::RevokeAll(user) => self.model_op(user, "revoke-all", true, ops::revoke_all_step)?,
            // A user with declared clients calls through its first client (issue 9).
            Op::Call(user) => match self.first_client_call(user)? {
                Some(report) => report,
                None => self.model_op(user, "call", false, ops::call_step)?,
            },
            Op::CallClient { user, client } => self.call_client(user, client)?,
            Op::Race(user) => self.race(user)?,
            Op::Lose { user, client } => self.lose(user, client.as_ref())?,
            Op::Skew { user, client, skew } => self.skew(user, client, *skew)?,
            Op::Traffic(on) => self.traffic(*on)?,
            Op::Undo => Report::Undid(self.history.undo(&mut self.scenario)),
            Op::Redo => Report::Redid(self.history.redo(&mut self.scenario)),
        };
        Ok(report)
    }

    /// The model was just turned on: every user without a family logs in now (touched first).
    fn start_families(&mut self) {
        for index in 0..self.scenario.tokens.len() {
            if let Some((_, user)) = self.scenario.tokens.user_at(index)
                && user.model.is_none()
            {
                self.touch_at(index);
            }
        }
        self.scenario.start_missing_families();
    }

    /// The real-world model's operations: the user is touched first (when the operation may
    /// change it), so undo is generic. `name` is the command's, for the error when the model
    /// is off.
    fn model_op(
        &mut self,
        user: &str,
        name: &'static str,
        changes: bool,
        step: ops::ModelStep,
    ) -> Result<Report, Error> {
        if self.scenario.policy.model.is_none() {
            return Err(Error::ModelOff(name));
        }
        let index = self.scenario.position_of(user)?;
        if changes {
            self.touch_at(index);
        }
        let report = self
            .scenario
            .model_op(index, step)
            .ok_or_else(|| Error::UnknownUser(user.to_owned()))?;
        Ok(Report::Model {
            user: user.to_owned(),
            report,
        })
    }

    fn move_clock(
        &mut self,
        to: u64,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<Report, Error> {
        if let Some(report) = self.move_with_traffic(to, interrupt)? {
            return Ok(report);
        }
        let from = self.scenario.now();
        self.scenario.clock.set(to);
        Ok(Report::Clock { from, to })
    }

    fn refresh_all(&mut self, each: &mut dyn FnMut(&str, &Outcome)) -> Report {
        let mut refreshed = Names::default();
        let mut still_valid = Names::default();
        let now = self.scenario.now();
        for index in 0..self.scenario.tokens.len() {
            let Some((_, user)) = self.scenario.tokens.user_at(index) else {
                break;
            };
            let decision = self.scenario.policy.decide(user.token.expiry, now);
            if decision.refreshes {
                self.touch_at(index);
            }
            let Some(outcome) = self.scenario.carry_out(index, decision) else {
                break;
            };
            if let Some((name, _)) = self.scenario.tokens.get_index(index) {
                each(name, &outcome);
                if outcome.is_refreshed() {
                    refreshed.push(name);
                } else {
                    still_valid.push(name);
                }
            }
        }
        Report::RefreshAll {
            refreshed,
            still_valid,
        }
    }

    /// Back to the scenario as loaded: clock, policy and users (with their histories).
    fn reset(&mut self) -> Result<Report, Error> {
        let initial = self
            .initial
            .as_deref()
            .ok_or(Error::NoInitialState)?
            .clone();
        if self.undoable {
            // Only users whose state differs are touched; the rest keep their places.
            let current = &self.scenario.tokens;
            for (index, (name, state)) in current.users().enumerate() {
                if initial.tokens.user(name) != Some(state) {
                    self.touched.whole(name, index, state.owned());
                }
            }
            for (name, _) in initial.tokens.users() {
                if current.index_of(name).is_none() {
                    self.touched.added(name);
                }
            }
        }
        let changed = initial != self.scenario;
        // The token source goes on where it was: a seeded one does not issue its tokens again.
        let random = std::mem::take(&mut self.scenario.random);
        self.scenario = initial;
        self.scenario.random = random;
        Ok(Report::Reset { changed })
    }

    /// The scenario, for the domain's operations in other modules (users changed only after
    /// [`Session::touch_at`]).
    pub(crate) fn scenario_mut(&mut self) -> &mut Scenario {
        &mut self.scenario
    }

    /// Sets (`Some`) or drops (`None`) a user's own value of a per-user setting.
    fn user_setting(
        &mut self,
        user: &str,
        setting: Setting,
        value: Option<&SettingValue>,
    ) -> Result<Report, Error> {
        if !setting.spec().per_user {
            return Err(Error::NotPerUser(setting.spec().name));
        }
        let scenario = setting
            .of_policy(&self.scenario.policy)
            .filter(|_| self.scenario.policy.model.is_some())
            .ok_or(Error::ModelOff("policy --user"))?;
        let index = self.scenario.position_of(user)?;
        self.touch_at(index);
        let (_, model) = self
            .scenario
            .tokens
            .model_at_mut(index)
            .ok_or(Error::ModelOff("policy --user"))?;
        let from = setting.of_overrides(&model.overrides);
        match value {
            Some(value) => {
                value.clone().apply_override(&mut model.overrides);
            }
            None => setting.clear_override(&mut model.overrides),
        }
        Ok(Report::UserSetting {
            user: user.to_owned(),
            setting,
            from,
            to: setting.of_overrides(&model.overrides),
            scenario,
        })
    }

    /// Keeps the state of the user at `index` before the operation changes it.
    pub(crate) fn touch_at(&mut self, index: usize) {
        if !self.undoable {
            return;
        }
        self.touched.user(&mut self.scenario.tokens, index);
    }

    /// Takes back what the operation under way did so far, exactly, and leaves no trace of it:
    /// the touched users' states from before it go straight back into the store
    /// ([`Touched::restore`]: no step made, no diff), and the history and its redo stay as they
    /// were. Should a user have moved, its step is made as [`Session::make_step`] makes one and
    /// taken back once ([`Step::take_back`]), never pushed.
    /// `random` goes back too, so the operation done again issues the same tokens.
    fn abandon(&mut self, clock: u64, policy: Policy, random: super::random::Random) {
        if !self.touched.restore(&mut self.scenario.tokens) {
            let report = Report::Clock {
                from: clock,
                to: self.scenario.now(),
            };
            if let Some(step) = self.make_step(clock, policy.clone(), &report) {
                step.take_back(&mut self.scenario);
            }
        }
        self.scenario.clock.set(clock);
        self.scenario.policy = policy;
        self.scenario.random = random;
    }

    /// The undo step of what the operation touched (`None` when nothing changed, or the
    /// session keeps no steps). The step keeps the states from before; the scenario has the
    /// ones after.
    fn make_step(&mut self, clock: u64, policy: Policy, report: &Report) -> Option<Step> {
        self.make_step_until(clock, policy, report, &mut || false)
            .ok()
            .flatten()
    }

    /// [`Session::make_step`] that gives way: [`Error::Interrupted`] when `interrupt` answers
    /// true before the step is made (nothing is taken from what was touched, so the operation
    /// can still be abandoned).
    fn make_step_until(
        &mut self,
        clock: u64,
        policy: Policy,
        report: &Report,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<Option<Step>, Error> {
        if !self.undoable {
            return Ok(None);
        }
        let now = self.scenario.now();
        let users = self
            .touched
            .take_step_users_until(&mut self.scenario.tokens, interrupt)
            .ok_or(Error::Interrupted)?;
        let policy = (policy != self.scenario.policy).then(|| Box::new(policy));
        if clock == now && policy.is_none() && users.is_empty() {
            return Ok(None);
        }
        Ok(Some(Step::new(report.clone(), (clock, now), policy, users)))
    }

    /// Moves the clock forward like [`Op::Advance`], but when the last step was also only a clock
    /// move, extends that step instead of adding one: a run of play ticks undoes at once.
    /// Returns the report when the move was an operation of its own (not an extended step).
    pub fn advance_continuing(&mut self, ticks: u64) -> Option<Report> {
        self.advance_continuing_until(ticks, &mut || false)
            .ok()
            .flatten()
    }

    /// [`Session::advance_continuing`] for play: its traffic is abandoned, as by
    /// [`Session::execute_until`], when `interrupt` answers true ([`Error::Interrupted`]).
    pub fn advance_continuing_until(
        &mut self,
        ticks: u64,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<Option<Report>, Error> {
        let to = self.scenario.now().saturating_add(ticks);
        // Traffic changes users: then the move is a step of its own.
        let traffic = self.traffic_runs(self.scenario.now(), to);
        match self.history.last_clock_step() {
            Some(step) if self.undoable && !traffic => {
                step.clock.1 = to;
                *step.report = Report::Clock {
                    from: step.clock.0,
                    to,
                };
                self.scenario.clock.set(to);
                Ok(None)
            }
            _ => self
                .execute_until(&Op::Advance(ticks), &mut |_, _| {}, interrupt)
                .map(Some),
        }
    }
}
