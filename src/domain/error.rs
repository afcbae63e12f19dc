//! The domain's one error type: why an operation was refused.

/// Why an operation was refused. Names are quoted as given; front ends sanitise before printing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("unknown user '{0}'")]
    UnknownUser(String),
    #[error("user '{0}' already exists")]
    DuplicateUser(String),
    /// A name or token that cannot be used, with the reason.
    #[error("{0}")]
    BadText(#[from] crate::domain::text::TextError),
    /// `reset` in a session that did not keep the scenario as loaded.
    #[error("nothing to reset to")]
    NoInitialState,
    /// A real-world operation on a scenario without the model.
    #[error("'{0}' needs the real-world model (a scenario with an [oauth] table)")]
    ModelOff(&'static str),
    /// A user's own value for a setting that is the same for every user.
    #[error("{0} is the same for every user: a user cannot have their own")]
    NotPerUser(&'static str),
    /// A client operation on a user without declared clients.
    #[error("'{0}' has no clients (a scenario declares them in its [clients] table)")]
    NoClients(String),
    /// A question about what an operation did, when it did no such thing (a `call` whose
    /// client was logged out before it could call, a refresh that did not reach the user).
    #[error("nothing to ask about {user}: {what}")]
    NothingToAsk { user: String, what: &'static str },
    /// A client name the user does not have; `known` lists the user's clients.
    #[error("'{user}' has no client '{client}' (its clients: {known})")]
    UnknownClient {
        user: String,
        client: String,
        known: String,
    },
}
