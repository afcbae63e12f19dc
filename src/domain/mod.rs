//! The lesson's model in plain Rust: no terminal code here.

pub mod clock;
pub mod decision;
pub mod edits;
pub mod error;
pub mod explain;
pub mod file_replace;
pub mod history;
pub mod input_error;
pub mod oauth;
pub mod op;
pub mod policy;
pub mod question;
pub mod random;
pub mod roster;
pub mod scenario;
pub mod scenario_edit;
pub mod scenario_file;
pub mod scenario_save;
pub mod session;
pub mod text;
pub mod ticks;
pub mod timeline;
pub mod token_store;
pub mod words;

pub use clock::Clock;
pub use decision::{Decision, Reason, Sum};
pub use error::Error;
pub use input_error::InputError;
pub use op::{Op, PolicyChange, Report};
pub use policy::{Boundary, NewToken, Policy, Status};
pub use question::{Choice, Question, Reveal};
pub use random::Random;
pub use scenario::{Outcome, Scenario};
pub use scenario_file::{load_scenario, parse_scenario};
pub use session::Session;
pub use token_store::{Token, TokenStore, UserState};
