//! The model's operations on one user: steal, replay, revoke, login and call, each returning a
//! value its words are made from. `Session::run` touches the user before calling these.

use super::family::{Attacker, Family, Revocation, RevokeWhy, UserModel};
use super::knobs::{AccessKind, Knobs};
use super::refresh::{Presenter, RefreshDecision, Server};
use super::validator::{AccessStatus, Judgement, TokenTimes};
use crate::domain::policy::Policy;
use crate::domain::token_store::{Token, UserRef, UserState};

/// `steal`: what the attacker copied (`None`: the user is not logged in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StealReport {
    pub copied: Option<String>,
}

/// `replay`: the attacker presents its copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayReport {
    /// No stolen copy and no used refresh token to fall back on.
    NothingToReplay,
    Decided {
        /// The copy was stolen (`steal`), not the previous, already-used token.
        stolen: bool,
        decision: Box<RefreshDecision>,
    },
}

/// `revoke`: the server revoked the family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokeReport {
    pub access: AccessKind,
    /// The last tick the user's validator accepts the access token (a JWT lives on until
    /// then); `None`: already rejected.
    pub access_until: Option<u64>,
    /// The user's validator, whose verdict `access_until` is.
    pub validator: super::validator::Validator,
    /// Already revoked before (nothing changed).
    pub already: Option<Revocation>,
    pub logged_in: bool,
}

/// `login`: a fresh access token and a new family; the earlier ones are left as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginReport {
    pub access: Token,
    pub refresh: String,
    /// How many earlier families the user has now (still valid or not).
    pub earlier: usize,
    /// A family forgotten to keep [`FAMILIES_KEPT`](super::family::FAMILIES_KEPT).
    pub forgot_oldest: bool,
}

/// `logout`: the client revokes its refresh token (RFC 7009) and forgets its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutReport {
    /// The refresh token revoked (`None`: not logged in).
    pub revoked: Option<String>,
    pub access: AccessKind,
    /// The last tick the user's validator accepts the access token; `None`: already rejected.
    pub access_until: Option<u64>,
    /// The user's validator, whose verdict `access_until` is.
    pub validator: super::validator::Validator,
}

/// `revoke-all`: every family of the user revoked ("sign out everywhere").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokeAllReport {
    /// Families revoked now (those already revoked are not counted).
    pub revoked: usize,
    pub kept: usize,
    pub access: AccessKind,
    /// The last tick the user's validator accepts the access token; `None`: already rejected.
    pub access_until: Option<u64>,
    /// The user's validator, whose verdict `access_until` is.
    pub validator: super::validator::Validator,
}

/// `call`: the access token used at an API at this tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallReport {
    pub token: String,
    pub access: AccessKind,
    pub status: AccessStatus,
    pub judgement: Judgement,
    /// Revoked at the server at this tick (a JWT is accepted anyway).
    pub revoked_at: Option<u64>,
}

/// The access token's standing by the user's validator (as configured), and revocation for an
/// opaque one.
pub fn access_status(state: UserRef<'_>, knobs: &Knobs, policy: &Policy, now: u64) -> AccessStatus {
    let revoked_at = state.model.and_then(|m| m.access_revoked_at);
    let times = TokenTimes::new(state.token.expiry, state.issued_at());
    token_status(times, revoked_at, knobs, policy, now)
}

/// The user's judge ([`Judge::of`](crate::domain::phase::Judge::of)) on a token at `now`: the
/// validator with its configured leeway, or for an opaque token the server's own record.
pub fn judge(knobs: &Knobs, policy: &Policy, times: TokenTimes, now: u64) -> Judgement {
    let judge = crate::domain::phase::Judge::of(Some(knobs));
    judge
        .validator
        .judge(policy.lesson_rule(), judge.leeway, times, now)
}

/// An access token's standing (expiring at `times.exp`) by the validator, and revocation (at
/// `revoked_at`) for an opaque one: the user's own token, or a client's copy.
pub fn token_status(
    times: TokenTimes,
    revoked_at: Option<u64>,
    knobs: &Knobs,
    policy: &Policy,
    now: u64,
) -> AccessStatus {
    if knobs.access == AccessKind::Opaque
        && let Some(at) = revoked_at
    {
        return AccessStatus::Revoked { at };
    }
    let judgement = judge(knobs, policy, times, now);
    let client_refreshes = policy.decide(judgement.exp, judgement.now).refreshes;
    AccessStatus::of(&judgement, client_refreshes)
}

/// The last tick at or after `now` the user's validator accepts an access token expiring at
/// `exp` (asked of the validator, so the words and `call` agree); `None`: rejected already.
fn accepted_until(exp: u64, knobs: &Knobs, policy: &Policy, now: u64) -> Option<u64> {
    let judge = crate::domain::phase::Judge::of(Some(knobs));
    judge
        .validator
        .last_accepted(policy.lesson_rule(), judge.leeway, exp)
        .filter(|&last| last >= now)
}

pub fn steal(model: &mut UserModel, now: u64) -> StealReport {
    let Some(family) = &model.family else {
        return StealReport { copied: None };
    };
    let copied = model.client.clone();
    let _ = family;
    model.attacker = Some(Attacker {
        refresh: copied.clone(),
        stolen_at: now,
        access: None,
    });
    StealReport {
        copied: Some(copied),
    }
}

pub fn replay(server: &mut Server, model: &mut UserModel) -> ReplayReport {
    let stolen = model.attacker.as_ref().map(|a| a.refresh.clone());
    let fallback = model.family.as_ref().and_then(|f| {
        f.previous
            .as_ref()
            .map(|p| p.value.clone())
            .or(f.used.last().map(|u| u.to_string()))
    });
    let (copy, was_stolen) = match (stolen, fallback) {
        (Some(copy), _) => (copy, true),
        (None, Some(copy)) => (copy, false),
        (None, None) => return ReplayReport::NothingToReplay,
    };
    if model.attacker.is_none() {
        model.attacker = Some(Attacker {
            refresh: copy.clone(),
            stolen_at: server.now,
            access: None,
        });
    }
    let decision = server.refresh(model, Presenter::Attacker, copy);
    ReplayReport::Decided {
        stolen: was_stolen,
        decision: Box::new(decision),
    }
}

pub fn revoke(state: &mut UserState, knobs: &Knobs, policy: &Policy, now: u64) -> RevokeReport {
    let access_until = accepted_until(state.token.expiry, knobs, policy, now);
    let model = state.model.get_or_insert_with(Default::default);
    let mut report = RevokeReport {
        access: knobs.access,
        access_until,
        validator: knobs.validator,
        already: None,
        logged_in: model.family.is_some(),
    };
    if let Some(family) = &mut model.family {
        if let Some(already) = family.revoked {
            report.already = Some(already);
            return report;
        }
        family.revoked = Some(Revocation {
            at: now,
            why: RevokeWhy::Server,
        });
        model.access_revoked_at = Some(now);
    }
    report
}

pub fn login(
    state: &mut UserState,
    user: &str,
    knobs: &Knobs,
    server_new: &mut Server,
) -> LoginReport {
    let now = server_new.now;
    let model = state.model.get_or_insert_with(Default::default);
    let deadline = (knobs.absolute > 0).then(|| now.saturating_add(knobs.absolute));
    let mut expiry = now.saturating_add(knobs.ttl);
    if knobs.cap_access
        && let Some(d) = deadline
    {
        expiry = expiry.min(d);
    }
    let random = matches!(
        server_new.new_token,
        crate::domain::NewToken::RandomBytes(_)
    );
    let mut value = |kind: &str| {
        if random {
            format!("{kind}-{}", server_new.new_token.issue(server_new.random))
        } else {
            model.next_value(kind, user)
        }
    };
    let access_value = value("at");
    let refresh = value("rt");
    let access = Token::new(server_new.signed(access_value, now, expiry), expiry);
    let forgot_oldest = model.earlier.len() + 1 >= super::family::FAMILIES_KEPT;
    // A login is a new grant: the family before it stays as it is (RFC 6749 §6 has no rule
    // that ends it, and no vendor does), only no longer the client's.
    model.retire_family();
    model.family = Some(Family::new(refresh.clone(), now));
    model.client = refresh.clone();
    model.access_revoked_at = None;
    // Every client of the user is logged in with the new pair (its own copy too).
    for client in &mut model.clients {
        client.logged_out = false;
        if let Some(held) = &mut client.own {
            held.access = access.clone();
            held.refresh = refresh.clone();
        }
    }
    state.replace_token(access.clone(), now);
    let earlier = state.model.as_ref().map_or(0, |m| m.earlier.len());
    LoginReport {
        access,
        refresh,
        earlier,
        forgot_oldest,
    }
}

/// `logout`: the client revokes its refresh token at the server (RFC 7009 §2.1: the grant's
/// access tokens with it, so an opaque one dies; a JWT lives until its `exp`) and is logged
/// out. The family is kept, revoked, among the earlier ones.
pub fn logout(state: &mut UserState, knobs: &Knobs, policy: &Policy, now: u64) -> LogoutReport {
    let access_until = accepted_until(state.token.expiry, knobs, policy, now);
    let model = state.model.get_or_insert_with(Default::default);
    let mut report = LogoutReport {
        revoked: None,
        access: knobs.access,
        access_until,
        validator: knobs.validator,
    };
    let Some(family) = &mut model.family else {
        return report;
    };
    if family.revoked.is_none() {
        family.revoked = Some(Revocation {
            at: now,
            why: RevokeWhy::Logout,
        });
    }
    report.revoked = Some(model.client.clone());
    model.retire_family();
    model.client.clear();
    model.access_revoked_at = Some(now);
    for client in &mut model.clients {
        client.logged_out = true;
    }
    report
}

/// `revoke-all`: "sign out everywhere": every family of the user is revoked, the current one
/// and the earlier ones, and the access tokens with them.
pub fn revoke_all(
    state: &mut UserState,
    knobs: &Knobs,
    policy: &Policy,
    now: u64,
) -> RevokeAllReport {
    let access_until = accepted_until(state.token.expiry, knobs, policy, now);
    let model = state.model.get_or_insert_with(Default::default);
    let mut revoked = 0;
    let mut kept = 0;
    for family in model.earlier.iter_mut().chain(&mut model.family) {
        kept += 1;
        if family.revoked.is_none() {
            family.revoked = Some(Revocation {
                at: now,
                why: RevokeWhy::Everywhere,
            });
            revoked += 1;
        }
    }
    if kept > 0 {
        model.access_revoked_at = Some(now);
    }
    RevokeAllReport {
        revoked,
        kept,
        access: knobs.access,
        access_until,
        validator: knobs.validator,
    }
}

/// `call` with the user's access token, issued at `issued` (the store's history knows it; a
/// state taken out of the store to change does not).
pub fn call(
    state: UserRef<'_>,
    issued: Option<u64>,
    knobs: &Knobs,
    policy: &Policy,
    now: u64,
) -> CallReport {
    let revoked_at = state.model.as_ref().and_then(|m| m.access_revoked_at);
    call_token(&state.token.owned(), issued, revoked_at, knobs, policy, now)
}

/// `call` with any access token (a client's copy) issued at `issued` (`None`: unknown, no
/// `iat` or `nbf`), the server's revocation at `revoked_at`.
pub fn call_token(
    token: &Token,
    issued: Option<u64>,
    revoked_at: Option<u64>,
    knobs: &Knobs,
    policy: &Policy,
    now: u64,
) -> CallReport {
    let times = TokenTimes::new(token.expiry, issued);
    CallReport {
        token: token.value.clone(),
        access: knobs.access,
        status: token_status(times, revoked_at, knobs, policy, now),
        judgement: judge(knobs, policy, times, now),
        revoked_at,
    }
}

impl crate::domain::Scenario {
    /// With the model on, every user without a family logs in now (a `--users` roster's users).
    pub fn start_missing_families(&mut self) {
        if self.policy.model.is_none() {
            return;
        }
        let now = self.now();
        for index in 0..self.tokens.len() {
            if let Some((name, state)) = self.tokens.user_at(index)
                && state.model.is_none()
            {
                let mut model = UserModel::default();
                start_family(&mut model, name, state.token.value, now);
                self.tokens.set_model_at(index, model);
            }
        }
    }

    /// Runs one of the model's operations on the user at `index` (already touched).
    pub(crate) fn model_op(&mut self, index: usize, step: ModelStep) -> Option<ModelReport> {
        let now = self.now();
        let (_, state) = self.tokens.user_at(index)?;
        let knobs = self.knobs_of(state)?;
        let issued = state.issued_at();
        let policy = &self.policy;
        let random = &mut self.random;
        self.tokens.update_at(index, |name, state| {
            let mut server = Server::new(name, &knobs, policy, random, now);
            step(&mut server, state, policy, issued)
        })
    }
}

/// One of the model's operations on one user, given the server (which knows the user's name,
/// knobs and the time), the policy, and when the user's access token was issued (the store's
/// history knows it; the state taken out of the store to change does not).
pub(crate) type ModelStep =
    fn(&mut Server<'_>, &mut UserState, &Policy, Option<u64>) -> ModelReport;

/// `steal USER`.
pub(crate) fn steal_step(
    server: &mut Server<'_>,
    state: &mut UserState,
    _: &Policy,
    _: Option<u64>,
) -> ModelReport {
    ModelReport::Steal(steal(
        state.model.get_or_insert_with(Default::default),
        server.now,
    ))
}

/// `replay USER`.
pub(crate) fn replay_step(
    server: &mut Server<'_>,
    state: &mut UserState,
    _: &Policy,
    _: Option<u64>,
) -> ModelReport {
    ModelReport::Replay(replay(
        server,
        state.model.get_or_insert_with(Default::default),
    ))
}

/// `revoke USER`.
pub(crate) fn revoke_step(
    server: &mut Server<'_>,
    state: &mut UserState,
    policy: &Policy,
    _: Option<u64>,
) -> ModelReport {
    ModelReport::Revoke(revoke(state, server.knobs, policy, server.now))
}

/// `login USER`.
pub(crate) fn login_step(
    server: &mut Server<'_>,
    state: &mut UserState,
    _: &Policy,
    _: Option<u64>,
) -> ModelReport {
    let (name, knobs) = (server.user, server.knobs);
    ModelReport::Login(login(state, name, knobs, server))
}

/// `logout USER`.
pub(crate) fn logout_step(
    server: &mut Server<'_>,
    state: &mut UserState,
    policy: &Policy,
    _: Option<u64>,
) -> ModelReport {
    ModelReport::Logout(logout(state, server.knobs, policy, server.now))
}

/// `revoke-all USER`.
pub(crate) fn revoke_all_step(
    server: &mut Server<'_>,
    state: &mut UserState,
    policy: &Policy,
    _: Option<u64>,
) -> ModelReport {
    ModelReport::RevokeAll(revoke_all(state, server.knobs, policy, server.now))
}

/// `call USER` (a user without clients).
pub(crate) fn call_step(
    server: &mut Server<'_>,
    state: &mut UserState,
    policy: &Policy,
    issued: Option<u64>,
) -> ModelReport {
    ModelReport::Call(call(state.view(), issued, server.knobs, policy, server.now))
}

/// What one of the model's operations did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelReport {
    Steal(StealReport),
    Replay(ReplayReport),
    Revoke(RevokeReport),
    Login(LoginReport),
    Call(CallReport),
    Logout(LogoutReport),
    RevokeAll(RevokeAllReport),
}

/// A new family at `now` for a user who has an access token already (a file's user without a
/// saved family, or `add` while the model is on).
pub fn start_family(model: &mut UserModel, user: &str, access: &str, now: u64) {
    model.access_issued = model
        .access_issued
        .max(super::family::highest_count([access].into_iter()));
    let refresh = model.next_value("rt", user);
    model.family = Some(Family::new(refresh.clone(), now));
    model.client = refresh;
}
