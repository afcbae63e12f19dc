//! The lesson's model in plain Rust: no terminal code here.

pub mod clock;
pub mod explain;
pub mod input_error;
pub mod input_file;
pub mod policy;
pub mod roster;
pub mod scenario;
pub mod scenario_file;
pub mod scenario_save;
pub mod session;
pub mod text;
pub mod timeline;
pub mod token_store;

pub use clock::Clock;
pub use input_error::InputError;
pub use policy::{Boundary, NewToken, Policy, Status};
pub use scenario::{Outcome, Scenario, UnknownUser};
pub use scenario_file::{load_scenario, parse_scenario};
pub use session::{Change, EditError, Session};
pub use token_store::{Token, TokenStore};
