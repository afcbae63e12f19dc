//! Every operation a session can carry out, and what each one did: one enum for the app and the
//! scripted mode alike, the lesson's, the real-world model's and the clients' operations as its
//! variants. Adding an operation is a variant here, its domain function (called from
//! [`Session::execute`](super::Session::execute)), its words in [`words`](crate::words) and its
//! entry in the command registry ([`crate::registry`]); every other place is an exhaustive
//! `match` the compiler points at.

use super::clients::ClientsReport;
use super::oauth::ModelReport;
use super::policy::Policy;
use super::scenario::Outcome;
pub use super::settings::PolicyChange;
use super::settings::{Setting, SettingValue};

/// One operation on a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// The lesson's `refresh_token(user)`.
    Refresh(String),
    /// `refresh_token` for every user, in order.
    RefreshAll,
    Advance(u64),
    Rewind(u64),
    SetTime(u64),
    Add {
        user: String,
        token: String,
        expiry: u64,
    },
    Remove(String),
    SetExpiry {
        user: String,
        expiry: u64,
    },
    Policy(PolicyChange),
    Undo,
    Redo,
    /// Back to the scenario as it was loaded.
    Reset,
    /// Move the clock to the next tick at which any user's status changes.
    NextChange,
    /// The real-world model: an attacker copies the user's refresh token.
    Steal(String),
    /// The attacker presents its copy (or the previous, used refresh token).
    Replay(String),
    /// The server revokes the user's family.
    Revoke(String),
    /// A fresh access token and a new family (a new grant: earlier families are kept).
    Login(String),
    /// The client revokes its refresh token (RFC 7009) and logs out.
    Logout(String),
    /// "Sign out everywhere": every family of the user is revoked.
    RevokeAll(String),
    /// The access token used at an API at this tick (through the first client, when the user
    /// has declared clients).
    Call(String),
    /// `call USER CLIENT` (issue 9): the client refreshes first if its clock says so, then calls.
    CallClient {
        user: String,
        client: String,
    },
    /// Every client of the user refreshes at this tick with what it holds.
    Race(String),
    /// The client's next refresh response is lost (`None`: the first client).
    Lose {
        user: String,
        client: Option<String>,
    },
    /// A client's clock offset.
    Skew {
        user: String,
        client: String,
        skew: i64,
    },
    /// Clients' traffic on or off.
    Traffic(bool),
}

impl Op {
    /// The user the operation is about, if any.
    pub fn user(&self) -> Option<&str> {
        match self {
            Op::Refresh(user)
            | Op::Remove(user)
            | Op::SetExpiry { user, .. }
            | Op::Add { user, .. }
            | Op::Steal(user)
            | Op::Replay(user)
            | Op::Revoke(user)
            | Op::Login(user)
            | Op::Logout(user)
            | Op::RevokeAll(user)
            | Op::Call(user)
            | Op::CallClient { user, .. }
            | Op::Race(user)
            | Op::Lose { user, .. }
            | Op::Skew { user, .. } => Some(user),
            Op::Policy(change) => change.user(),
            Op::RefreshAll
            | Op::Advance(_)
            | Op::Rewind(_)
            | Op::SetTime(_)
            | Op::Undo
            | Op::Redo
            | Op::Reset
            | Op::NextChange
            | Op::Traffic(_) => None,
        }
    }
}

/// Up to [`Names::LISTED`] names and how many there were in all, for one-line summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub shown: Vec<String>,
    pub count: usize,
}

impl Names {
    pub const LISTED: usize = 5;

    pub fn push(&mut self, name: &str) {
        if self.shown.len() < Self::LISTED {
            self.shown.push(name.to_owned());
        }
        self.count += 1;
    }
}

/// The status phases a token goes through as the clock moves, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Valid,
    /// Inside the early window: a client would refresh it now.
    RefreshDue,
    /// Accepted now and rejected one tick later by the same judge (leeway included).
    LastTick,
    /// Past its expiry, but the leeway still accepts it.
    Leeway,
    /// The leeway's last tick: accepted now, rejected one tick later.
    LeewayLastTick,
    Expired,
    /// Issued after now (the clock moved back) and the judge checks `iat` or `nbf`.
    NotYetValid,
    /// An opaque token revoked at the server.
    Revoked,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 8] = [
        Phase::Valid,
        Phase::RefreshDue,
        Phase::LastTick,
        Phase::Leeway,
        Phase::LeewayLastTick,
        Phase::Expired,
        Phase::NotYetValid,
        Phase::Revoked,
    ];
}

/// Where `next-change` moved the clock and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextChange {
    pub at: u64,
    /// The first user (in file order) whose status changes then, and the phase it enters.
    pub user: String,
    pub phase: Phase,
    /// The real-world model: what changes is the user's refresh token (its idle or absolute
    /// lifetime ends), not the access token's phase.
    pub refresh_token: bool,
    /// How many other users change at the same tick.
    pub others: usize,
}

/// What an undo took back or a redo brought back: the step's operation, as its report, and the
/// clock's move (a run of play ticks is one step). Its words are `words::did_words`; the model
/// keeps values, not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Did {
    pub report: Box<Report>,
    pub clock: (u64, u64),
}

/// What an operation did, with everything its words need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Refresh {
        user: String,
        outcome: Outcome,
    },
    RefreshAll {
        refreshed: Names,
        still_valid: Names,
    },
    Clock {
        from: u64,
        to: u64,
    },
    Added {
        user: String,
        token: String,
        expiry: u64,
    },
    Removed {
        user: String,
    },
    Expiry {
        user: String,
        from: u64,
        to: u64,
    },
    /// A scenario-wide setting changed (`setting`; the policies before and after).
    Policy {
        setting: Setting,
        from: Box<Policy>,
        to: Box<Policy>,
    },
    /// A user's own value of a setting set or dropped (`None`: the scenario's value).
    UserSetting {
        user: String,
        setting: Setting,
        from: Option<SettingValue>,
        to: Option<SettingValue>,
        /// The scenario's value, which the user follows when they have none of their own.
        scenario: SettingValue,
    },
    /// `None`: there was nothing to undo. Otherwise what the step did.
    Undid(Option<Did>),
    Redid(Option<Did>),
    Reset {
        changed: bool,
    },
    /// `None`: no user's status will change again.
    NextChange {
        from: u64,
        next: Option<NextChange>,
    },
    /// One of the real-world model's operations (steal, replay, revoke, login, call).
    Model {
        user: String,
        report: ModelReport,
    },
    /// An operation on clients, or a clock move that ran traffic.
    Clients(Box<ClientsReport>),
}

#[cfg(test)]
mod phase_tests {
    use super::Phase;

    /// A new phase does not compile here until it is given a place: the same place in
    /// [`Phase::ALL`].
    fn place(phase: Phase) -> usize {
        match phase {
            Phase::Valid => 0,
            Phase::RefreshDue => 1,
            Phase::LastTick => 2,
            Phase::Leeway => 3,
            Phase::LeewayLastTick => 4,
            Phase::Expired => 5,
            Phase::NotYetValid => 6,
            Phase::Revoked => 7,
        }
    }

    #[test]
    fn all_lists_every_phase_once_in_order() {
        for (i, phase) in Phase::ALL.into_iter().enumerate() {
            assert_eq!(place(phase), i, "{phase:?}");
        }
    }
}
