//! Clients between a user and the server (issue 9): tabs, devices and retries that each hold
//! tokens, read their own clock, refresh before a call, and race each other.
//!
//! - A user may declare clients (`[clients]` in a scenario). The first uses the user's storage
//!   (the table's access token and the refresh token the family's client holds); every other
//!   client shares that storage (as tabs share `localStorage`) unless it has its own copy.
//! - A client's clock is the server's plus its skew; it refreshes before a call when *its* clock
//!   puts the access token inside the early window (or past it).
//! - Requests sent at the same tick are processed by the server one after the other **in the
//!   clients' declared order**, and each client presents the refresh token it read before any
//!   reply arrived (clients sharing storage read the same one). With single-flight, the clients
//!   that share storage send one request (the first of them that needs it) and the others wait
//!   for its answer.
//! - A user without declared clients has one client, as in the real-world model alone: its
//!   `call` does not refresh first, and traffic leaves it alone.
//!
//! `round` runs a set of simultaneous requests (a race, a call, one beat of traffic) on a
//! scenario; `traffic` runs the beats a clock move passes; `crate::files::clients` reads and
//! writes `[clients]`.

pub mod ops;
pub mod round;
pub mod traffic;

use crate::domain::token::Token;
use std::collections::VecDeque;
use std::sync::Arc;

pub use round::{ClientStep, Round, RoundKind};
pub use traffic::{INTERRUPT_EVERY, TRAFFIC_ROUNDS_PER_STEP, TrafficReport};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub access: Token,
    pub refresh: String,
}

/// One client of a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub name: String,
    /// `None`: the user's storage (shared); `Some`: the client's own copy.
    pub own: Option<Held>,
    /// The client's clock minus the server's, in ticks (negative: behind).
    pub skew: i64,
    /// The next refresh succeeds at the server but its response never arrives.
    pub lose_next: bool,
    /// A refresh failed: the client shows its login page and makes no calls until `login`.
    pub logged_out: bool,
    /// What happened to this client, for the timeline (not saved, like token histories).
    pub marks: Marks,
}

impl Client {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            own: None,
            skew: 0,
            lose_next: false,
            logged_out: false,
            marks: Marks::default(),
        }
    }

    /// The client's clock when the server's shows `now` (never below 0, never past the end).
    pub fn clock(&self, now: u64) -> u64 {
        now.saturating_add_signed(self.skew)
    }

    pub fn shares_storage(&self) -> bool {
        self.own.is_none()
    }
}

/// What the clients' calls and refreshes came to, per user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counters {
    /// Calls the API served (200).
    pub served: u64,
    /// Calls the API refused (401).
    pub unauthorized: u64,
    /// Refresh requests the server answered with tokens (a lost answer counts too).
    pub refreshes: u64,
    /// Clients sent to log in again because a refresh failed.
    pub forced_logins: u64,
    /// Traffic calls past the bound of one clock step: counted, not simulated.
    pub skipped: u64,
}

impl Counters {
    pub fn is_zero(&self) -> bool {
        *self == Counters::default()
    }

    /// Adds `other`'s counts to these (each stops at the largest number).
    pub fn add(&mut self, other: &Counters) {
        let Counters {
            served,
            unauthorized,
            refreshes,
            forced_logins,
            skipped,
        } = *other;
        self.served = self.served.saturating_add(served);
        self.unauthorized = self.unauthorized.saturating_add(unauthorized);
        self.refreshes = self.refreshes.saturating_add(refreshes);
        self.forced_logins = self.forced_logins.saturating_add(forced_logins);
        self.skipped = self.skipped.saturating_add(skipped);
    }
}

/// A mark on a client's timeline lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A call the API served.
    Served,
    /// A call refused with 401.
    Unauthorized,
    /// A refresh that got new tokens (directly, or by waiting on another client's).
    Refreshed,
    /// A refresh the server refused.
    RefreshFailed,
    /// A refresh whose response never arrived.
    Lost,
}

/// How many marks a client keeps (the oldest are forgotten first).
pub const MARKS_KEPT: usize = 64;

/// A client's marks, shared until changed, so an undo step copies them for free. Two clients'
/// marks always compare equal: like token histories, they are what the screen draws, not what a
/// scenario file holds.
#[derive(Debug, Clone, Default)]
pub struct Marks(Arc<VecDeque<(u64, Mark)>>);

impl Marks {
    pub fn push(&mut self, at: u64, mark: Mark) {
        let marks = Arc::make_mut(&mut self.0);
        if marks.len() == MARKS_KEPT {
            marks.pop_front();
        }
        marks.push_back((at, mark));
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &(u64, Mark)> {
        self.0.iter()
    }

    /// Makes this list a copy of `other` that shares nothing with it, in this list's own room (an
    /// undo step's copy of a touched client: the client's own marks are then not copied again
    /// when they change).
    pub fn copy_from(&mut self, other: &Marks) {
        let own = Arc::make_mut(&mut self.0);
        own.clear();
        own.extend(other.0.iter().copied());
    }

    /// Marks from a list, oldest first (an undo step rebuilding a client's lane).
    pub fn from_list(marks: Vec<(u64, Mark)>) -> Self {
        Self(Arc::new(marks.into()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `n` marks from the `k`th, oldest first.
    pub fn run(&self, k: usize, n: usize) -> impl Iterator<Item = &(u64, Mark)> {
        self.0.range(k..k + n)
    }

    /// The `k`th mark, oldest first.
    pub fn get(&self, k: usize) -> Option<&(u64, Mark)> {
        self.0.get(k)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Marks {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Marks {}

/// What an operation on clients did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientsReport {
    /// A call or a race: the requests in the order the server saw them, and the calls.
    Round {
        user: String,
        round: Round,
    },
    Lose {
        user: String,
        client: String,
        already: bool,
    },
    Skew {
        user: String,
        client: String,
        from: i64,
        to: i64,
    },
    Traffic {
        on: bool,
        every: u64,
    },
    /// The clock moved with traffic on: what the clients did on the way.
    Moved {
        from: u64,
        to: u64,
        traffic: Box<TrafficReport>,
    },
}
