//! The real-world model (issue 8): an access token and a refresh-token family per user, rotation,
//! reuse detection, lifetimes, revocation, API calls and validators. It is on only when a scenario
//! has an `[oauth]` table (`Policy::model`); the lesson never sees it.
//!
//! - `knobs`: the model's settings, from the table of settings (scenario-wide, per-user own);
//! - `family`: each user's tokens through a story (the family, the attacker's copy);
//! - `refresh`: the server's refresh algorithm, in the order, as a value;
//! - `validator`: how libraries judge an access token at `call`;
//! - `ops`: steal, replay, revoke, login and call on a scenario.

pub mod family;
pub mod knobs;
pub mod ops;
pub mod refresh;
pub mod signed;
pub mod validator;

pub use family::{
    Attacker, FAMILIES_KEPT, Family, Previous, Revocation, RevokeWhy, RtState, UserModel,
};
pub use knobs::{AccessKind, Knobs, ModelPolicy, OnReuse, Overrides};
pub use ops::{
    CallReport, LoginReport, ModelReport, ReplayReport, RevokeReport, StealReport, access_status,
    call_token, judge, start_family, token_status,
};
pub use refresh::{Check, Failure, Issued, Presenter, RefreshDecision, Verdict};
pub use validator::{
    AccessStatus, Claim, Judgement, NotYet, Ruling, TABLE as VALIDATORS, TokenTimes, Validator,
    ValidatorRow,
};
