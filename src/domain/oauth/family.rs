//! One user's side of the model: the refresh-token family (current, previous, used, login, last
//! use, revocation), the refresh token the client holds, and the attacker's copy. It lives in the
//! user's `UserState`, so the generic undo and every save carry it.

use super::knobs::{Knobs, Overrides};
use crate::domain::policy::Boundary;
use crate::domain::token::Token;
use std::sync::Arc;

/// How many used refresh tokens a family remembers (the oldest are forgotten first).
pub const USED_LIMIT: usize = 64;

/// How many families (grants) the model keeps per user, the current one included: a login
/// starts a new one and the oldest is forgotten first.
pub const FAMILIES_KEPT: usize = 8;

/// The refresh token a rotation replaced, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    pub value: String,
    pub rotated_at: u64,
    /// How many times it was accepted again after its rotation (Keycloak's reuse count).
    pub reuses: u64,
}

/// Which of a family's lifetimes ends first (the `absolute` and `idle` settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// From login: it cannot be extended.
    Absolute,
    /// From the last use: each refresh extends it.
    Idle,
}

impl From<Lifetime> for RevokeWhy {
    fn from(lifetime: Lifetime) -> Self {
        match lifetime {
            Lifetime::Absolute => RevokeWhy::Absolute,
            Lifetime::Idle => RevokeWhy::Idle,
        }
    }
}

/// Why a family was revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeWhy {
    /// A used refresh token was presented again.
    Reuse,
    /// The absolute lifetime (from login) ran out.
    Absolute,
    /// Unused for the idle lifetime.
    Idle,
    /// The server revoked it (`revoke`).
    Server,
    /// The client revoked its own refresh token at logout (RFC 7009).
    Logout,
    /// "Sign out everywhere": every family of the user (`revoke-all`).
    Everywhere,
}

impl RevokeWhy {
    pub const ALL: [RevokeWhy; 6] = [
        RevokeWhy::Reuse,
        RevokeWhy::Absolute,
        RevokeWhy::Idle,
        RevokeWhy::Server,
        RevokeWhy::Logout,
        RevokeWhy::Everywhere,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RevokeWhy::Reuse => "reuse",
            RevokeWhy::Absolute => "absolute",
            RevokeWhy::Idle => "idle",
            RevokeWhy::Server => "revoked",
            RevokeWhy::Logout => "logout",
            RevokeWhy::Everywhere => "revoke-all",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.name() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revocation {
    pub at: u64,
    pub why: RevokeWhy,
}

/// One login's refresh tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    pub login_at: u64,
    /// 1 at login, one more at each rotation.
    pub generation: u64,
    /// The newest refresh token the server issued.
    pub current: String,
    /// When `current` was issued (the login, or the rotation that issued it).
    pub issued_at: u64,
    pub previous: Option<Previous>,
    /// Rotated-out refresh tokens, oldest first (the previous one included). Shared until
    /// changed (as a client's marks): an undo step's copy of a family costs a pointer, not 64
    /// strings, and an unchanged list compares equal by its pointer.
    pub used: Arc<Vec<Arc<str>>>,
    /// When each of `used` was issued, in step with it (shared until changed, as `used`).
    pub used_issued: Arc<Vec<u64>>,
    pub last_use: u64,
    pub revoked: Option<Revocation>,
}

impl Family {
    /// A login's family at `now`: generation 1, `refresh` its only token, nothing used yet.
    pub fn new(refresh: String, now: u64) -> Self {
        Self {
            login_at: now,
            generation: 1,
            current: refresh,
            issued_at: now,
            previous: None,
            used: Arc::default(),
            used_issued: Arc::default(),
            last_use: now,
            revoked: None,
        }
    }

    /// The absolute deadline (`login + absolute`), when there is one.
    pub fn absolute_deadline(&self, knobs: &Knobs) -> Option<u64> {
        (knobs.absolute > 0).then(|| self.login_at.saturating_add(knobs.absolute))
    }

    /// The idle deadline (`last use + idle`), when there is one.
    pub fn idle_deadline(&self, knobs: &Knobs) -> Option<u64> {
        (knobs.idle > 0).then(|| self.last_use.saturating_add(knobs.idle))
    }

    pub fn is_used(&self, value: &str) -> bool {
        self.used.iter().any(|u| **u == *value)
    }

    /// Whether `value` is one of this family's refresh tokens (the current one or a used one).
    pub fn knows(&self, value: &str) -> bool {
        self.current == value || self.is_used(value)
    }

    /// When the family's token `value` was issued, if it is one of them.
    pub fn issued_of(&self, value: &str) -> Option<u64> {
        if self.current == value {
            return Some(self.issued_at);
        }
        let index = self.used.iter().rposition(|u| **u == *value)?;
        Some(
            self.used_issued
                .get(index)
                .copied()
                .unwrap_or(self.login_at),
        )
    }

    /// A refresh token's own `exp` when it carries one (Keycloak): the earlier of `issued +
    /// idle` and `login + absolute`; `None` without lifetimes.
    pub fn token_exp(&self, knobs: &Knobs, issued: u64) -> Option<u64> {
        let idle = (knobs.idle > 0).then(|| issued.saturating_add(knobs.idle));
        [idle, self.absolute_deadline(knobs)]
            .into_iter()
            .flatten()
            .min()
    }

    /// The first of the family's lifetimes to end: which and when (`None` without lifetimes).
    pub fn first_deadline(&self, knobs: &Knobs) -> Option<(Lifetime, u64)> {
        let absolute = self
            .absolute_deadline(knobs)
            .map(|d| (Lifetime::Absolute, d));
        let idle = self.idle_deadline(knobs).map(|d| (Lifetime::Idle, d));
        // The earlier deadline; on a tie the absolute one (it cannot be extended).
        match (absolute, idle) {
            (Some(a), Some(i)) if i.1 < a.1 => Some(i),
            (Some(a), _) => Some(a),
            (None, i) => i,
        }
    }

    /// Forgets the oldest used tokens past [`USED_LIMIT`].
    /// A list shared with an undo step is copied first: a pointer per token, not its text.
    pub fn push_used(&mut self, value: String, issued_at: u64) {
        let used = Arc::make_mut(&mut self.used);
        let used_issued = Arc::make_mut(&mut self.used_issued);
        if used.len() == USED_LIMIT {
            used.remove(0);
            if !used_issued.is_empty() {
                used_issued.remove(0);
            }
        }
        used.push(value.into());
        used_issued.push(issued_at);
    }
}

/// What an attacker holds: a copied refresh token, and what replaying it got them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attacker {
    pub refresh: String,
    pub stolen_at: u64,
    /// The access token a successful replay issued to the attacker.
    pub access: Option<Token>,
}

/// A user in the model: their overrides, family, the refresh token their client holds, and the
/// attacker's copy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserModel {
    pub overrides: Overrides,
    /// The current family (grant); `None`: not logged in.
    pub family: Option<Family>,
    /// The user's earlier families, oldest first (at most [`FAMILIES_KEPT`] − 1): a new login
    /// leaves them as they were, so a thief's copy of an old refresh token still works until
    /// its family expires or is revoked.
    pub earlier: Vec<Family>,
    /// The refresh token the user's client holds (normally the family's current one).
    pub client: String,
    pub attacker: Option<Attacker>,
    /// How many refresh tokens were issued to this user (`rt-alice-N` counts with it).
    pub refresh_issued: u64,
    /// How many access tokens the model issued to this user (`at-alice-N`).
    pub access_issued: u64,
    /// The server revoked the access tokens at this tick (an opaque one dies; a JWT lives on).
    pub access_revoked_at: Option<u64>,
    /// The user's declared clients (issue 9), in order; none: one client, as in the model alone.
    pub clients: Vec<crate::domain::clients::Client>,
    /// What the clients' calls and refreshes came to.
    pub counters: crate::domain::clients::Counters,
}

/// A refresh token's state as of now, for the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RtState {
    /// Not logged in.
    None,
    Active,
    /// The client holds a rotated-out token (someone else rotated the family).
    Used,
    Revoked,
    /// Past the absolute lifetime.
    Expired,
    /// Unused for the idle lifetime.
    Idle,
}

impl UserModel {
    /// A readable token value: `rt-alice-2` (kind `rt`) or `at-alice-3` (any other kind); each
    /// call counts one more of its kind.
    pub fn next_value(&mut self, kind: &str, user: &str) -> String {
        let counter = if kind == "rt" {
            &mut self.refresh_issued
        } else {
            &mut self.access_issued
        };
        *counter = counter.saturating_add(1);
        format!("{kind}-{user}-{counter}")
    }

    /// The first tick after `now` at which the client's refresh token changes state by itself
    /// (its family's first lifetime ends: `idle` or `expired`); `None` when revoked, not
    /// logged in, or without lifetimes. Only the first deadline changes what is shown: past
    /// it the state stays until something happens.
    pub fn next_rt_change(&self, knobs: &Knobs, boundary: Boundary, now: u64) -> Option<u64> {
        let family = self.family.as_ref().filter(|f| f.revoked.is_none())?;
        let (_, deadline) = family.first_deadline(knobs)?;
        let at = match boundary {
            Boundary::Lesson => deadline.checked_add(1)?,
            Boundary::Rfc7519 => deadline,
        };
        (at > now).then_some(at)
    }

    /// Ends the current family's place as current (a new login, a logout): it joins the
    /// earlier ones, the oldest of which is forgotten past [`FAMILIES_KEPT`].
    pub fn retire_family(&mut self) {
        if let Some(family) = self.family.take() {
            if self.earlier.len() + 1 >= FAMILIES_KEPT {
                self.earlier.remove(0);
            }
            self.earlier.push(family);
        }
    }

    /// Every family kept, oldest first, the current one last.
    pub fn families(&self) -> impl Iterator<Item = &Family> {
        self.earlier.iter().chain(&self.family)
    }

    /// The state of the refresh token the client holds, at `now`.
    pub fn rt_state(&self, knobs: &Knobs, boundary: Boundary, now: u64) -> RtState {
        let Some(family) = &self.family else {
            return RtState::None;
        };
        if family.revoked.is_some() {
            return RtState::Revoked;
        }
        match family.first_deadline(knobs) {
            Some((Lifetime::Idle, d)) if boundary.is_past(d, now) => return RtState::Idle,
            Some((Lifetime::Absolute, d)) if boundary.is_past(d, now) => return RtState::Expired,
            Some(_) | None => {}
        }
        if self.client != family.current {
            return RtState::Used;
        }
        RtState::Active
    }
}

/// The most a token counter may be when loaded: so far from `u64::MAX` that it can always
/// count on, and a value is never issued twice.
pub const COUNTER_MAX: u64 = u64::MAX / 2;

/// The largest `N` in values such as `rt-alice-N`, so new readable values never repeat old ones.
/// A number past [`COUNTER_MAX`] is a name, not a count: the counter could not grow past it.
pub(crate) fn highest_count<'a>(values: impl Iterator<Item = &'a str>) -> u64 {
    values
        .filter_map(|v| v.rsplit('-').next()?.parse::<u64>().ok())
        .filter(|n| *n <= COUNTER_MAX)
        .max()
        .unwrap_or(0)
}
