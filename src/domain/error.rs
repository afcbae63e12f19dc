//! The model's errors: why an operation was refused ([`Error`]) and why a value a user gave
//! is not one ([`ValueError`]).

use crate::domain::text::{TextError, quote, sanitize};
use crate::domain::ticks::BadTicks;

/// Why an operation was refused. Names are quoted as given; front ends sanitise before printing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("unknown user '{0}'")]
    UnknownUser(String),
    #[error("user '{0}' already exists")]
    DuplicateUser(String),
    /// A name or token that cannot be used, with the reason.
    #[error("{0}")]
    BadText(#[from] TextError),
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

/// Why a value a user gave (a script's or the app's word, a scenario file's value) is not a
/// value of its kind. It names the value as given; its words make it safe to print. The caller
/// adds where it was (the file and line, the script's line, the prompt).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// A number of ticks, or a duration, that does not read as one.
    #[error("{}", bad.describe(&sanitize(given)))]
    Ticks { given: String, bad: BadTicks },
    /// A name that is not one of a kind's few (`boundary`, `validator`).
    #[error("unknown {what} '{}'; valid ones: {valid}", sanitize(given))]
    UnknownName {
        what: &'static str,
        given: String,
        valid: String,
    },
    #[error("'{}' is not on or off", sanitize(given))]
    NotOnOff { given: String },
    /// A file's value of another type than the kind's (`found` as a learner names it).
    #[error("expected {expected}, found {found}")]
    WrongType {
        expected: String,
        found: &'static str,
    },
    #[error("{given} is negative; ticks are 0 or more")]
    NegativeTicks { given: i128 },
    #[error("{given} is too large (the most is {})", u64::MAX)]
    TooManyTicks { given: i128 },
    /// A decimal number in a file (the number as read, e.g. `1000` for `1e3`).
    #[error("{given} is a decimal number; floats are not accepted, write a whole number of ticks")]
    Decimal { given: String },
    /// `"300"` in a file, where a number of ticks goes without quotes.
    #[error(
        "expected a number of ticks, found text in quotes \
         (write the number without quotes, or a duration such as \"5m\")"
    )]
    NumberInQuotes,
    /// A field of a table value (`new_token`, `jwt`) it does not have; `expected` lists those
    /// it has.
    #[error("unknown field `{}`, expected {expected}", sanitize(given))]
    UnknownField {
        given: String,
        expected: &'static str,
    },
    #[error("missing field `{name}`")]
    MissingField { name: &'static str },
    /// A field of `jwt`'s table that is not text.
    #[error("{name} must be text, found {found}")]
    FieldNotText {
        name: &'static str,
        found: &'static str,
    },
    #[error("random_bytes is not a whole number")]
    RandomBytesNotWhole,
    #[error("random_bytes must be between 1 and {most}, got {given}")]
    RandomBytesRange { given: usize, most: usize },
    /// A value below its setting's range; `name` is how the user named the setting.
    #[error("{name} must be {min} or more, got {given}")]
    BelowMin {
        name: &'static str,
        min: u64,
        given: u64,
    },
    /// A clock offset with two signs (`--5`, `+-5`).
    #[error(
        "'{}' has more than one sign; a clock offset is e.g. -90, +30 or -1m",
        sanitize(given)
    )]
    OffsetSigns { given: String },
    #[error(
        "'{}' is too large for a clock offset (from {} to {})",
        sanitize(given),
        i64::MIN,
        i64::MAX
    )]
    OffsetTooLarge { given: String },
    /// `jwt` typed in a script or the app: only `off` is a word (a signing has a secret).
    #[error("jwt is set in the scenario file's [oauth] table (or off)")]
    SigningIsFileOnly,
    #[error(
        "alg must be HS256, HS384 or HS512 (a shared secret signs with HMAC), got '{}'",
        quote(given)
    )]
    UnknownAlg { given: String },
    #[error("the secret is empty")]
    EmptySecret,
    #[error(
        "epoch '{}' is not a date-time such as 2026-01-01T00:00:00Z",
        quote(given)
    )]
    BadEpoch { given: String },
    #[error("the epoch is before 1970")]
    EpochBefore1970,
    #[error("the epoch is beyond any date")]
    EpochBeyond,
    /// A token or name that cannot be used.
    #[error("{0}")]
    Text(#[from] TextError),
}
