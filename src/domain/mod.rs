//! The lesson's model in plain Rust: no terminal code here.

pub mod clients;
pub mod clock;
pub mod decision;
pub mod edits;
pub mod error;
pub mod history;
pub mod next_change;
pub mod oauth;
pub mod op;
pub mod phase;
pub mod policy;
pub mod question;
pub mod random;
pub mod scenario;
pub mod session;
pub mod settings;
pub mod status;
pub mod template;
pub mod text;
pub mod ticks;
pub mod timeline;
pub mod token;
pub mod token_store;
pub mod user_state;

pub use clock::Clock;
pub use decision::{Decision, Reason, Sum};
pub use error::Error;
pub use oauth::AccessStatus;
pub use op::{Op, OpKind, PolicyChange, Ran, Report};
pub use policy::{Boundary, NewToken, Policy};
pub use question::{Asks, Choice, Question, Reveal};
pub use random::Random;
pub use scenario::{Outcome, Scenario};
pub use session::Session;
pub use token_store::{PastToken, Token, TokenRef, TokenStore, UserRef, UserState};
