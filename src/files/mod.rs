//! File formats: scenario files (TOML read, written afresh, edited in place), class rosters
//! (CSV), the files a user names read with a bound, and safe replacing. Files read into the
//! model (`crate::domain`) and write it out; the model never reads or writes a file.

pub(crate) mod clients;
pub mod edit;
pub mod entries;
pub(crate) mod family;
pub mod input;
pub mod input_error;
pub mod limits;
pub mod replace;
pub mod roster;
pub mod save;
pub mod scenario;
pub mod settings;
pub(crate) mod tick;

pub use input_error::InputError;
pub use scenario::{load_scenario, parse_scenario};
