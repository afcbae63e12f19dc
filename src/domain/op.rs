//! Every operation a session can carry out, and what each one did: one enum for the app and the
//! scripted mode alike, the lesson's, the real-world model's and the clients' operations as its
//! variants. Adding an operation is a variant here, its domain function (called from
//! [`Session::execute`](super::Session::execute)), its words in [`words`](crate::words) and its
//! entry in the command registry ([`crate::registry`]); every other place is an exhaustive
//! `match` the compiler points at.

use super::clients::{ClientsReport, Round};
use super::next_change::NextChange;
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

    /// What kind of operation this is: the one place every variant is sorted, so a new one
    /// does not compile until it is (undo's sessions, the lesson's panels and the quiz ask it).
    pub fn kind(&self) -> OpKind {
        match self {
            Op::Refresh(_) | Op::RefreshAll => OpKind::Refresh,
            Op::Advance(_) | Op::Rewind(_) | Op::SetTime(_) | Op::NextChange => OpKind::Clock,
            Op::Undo | Op::Redo | Op::Reset => OpKind::History,
            Op::Add { .. }
            | Op::Remove(_)
            | Op::SetExpiry { .. }
            | Op::Policy(_)
            | Op::Steal(_)
            | Op::Replay(_)
            | Op::Revoke(_)
            | Op::Login(_)
            | Op::Logout(_)
            | Op::RevokeAll(_)
            | Op::Call(_)
            | Op::CallClient { .. }
            | Op::Race(_)
            | Op::Lose { .. }
            | Op::Skew { .. }
            | Op::Traffic(_) => OpKind::Other,
        }
    }

    /// Whether the operation moves through the undo history (undo, redo, reset) rather than
    /// adding a step to it.
    pub fn moves_through_history(&self) -> bool {
        self.kind() == OpKind::History
    }

    /// Whether the operation is a clock move (the timeline explains it).
    pub fn moves_clock(&self) -> bool {
        self.kind() == OpKind::Clock
    }
}

/// The kinds of [`Op`], by what the rest of the program decides on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// The lesson's `refresh_token`, for one user or all.
    Refresh,
    /// A clock move.
    Clock,
    /// Undo, redo, reset: a move through the undo history, not a step of it.
    History,
    /// Every other: edits of users, policy and clients, and the real-world model's story.
    Other,
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

/// The user an operation ran on and what it did to them, for the reports that have one (a
/// refresh, one of the real-world model's operations, a round of clients), or every user for
/// refresh all.
#[derive(Debug, Clone, Copy)]
pub enum Ran<'a> {
    Refresh {
        user: &'a str,
        outcome: &'a Outcome,
    },
    All,
    Model {
        user: &'a str,
        report: &'a ModelReport,
    },
    Round {
        user: &'a str,
        round: &'a Round,
    },
}

impl Report {
    /// What the operation ran on, if it ran on users. Every kind of report is named here once,
    /// so a new one must say whether it ran on a user.
    pub fn ran(&self) -> Option<Ran<'_>> {
        match self {
            Report::Refresh { user, outcome } => Some(Ran::Refresh { user, outcome }),
            Report::RefreshAll { .. } => Some(Ran::All),
            Report::Model { user, report } => Some(Ran::Model { user, report }),
            Report::Clients(clients) => match &**clients {
                ClientsReport::Round { user, round } => Some(Ran::Round { user, round }),
                ClientsReport::Lose { .. }
                | ClientsReport::Skew { .. }
                | ClientsReport::Traffic { .. }
                | ClientsReport::Moved { .. } => None,
            },
            Report::Clock { .. }
            | Report::Added { .. }
            | Report::Removed { .. }
            | Report::Expiry { .. }
            | Report::Policy { .. }
            | Report::UserSetting { .. }
            | Report::Undid(_)
            | Report::Redid(_)
            | Report::Reset { .. }
            | Report::NextChange { .. } => None,
        }
    }
}
