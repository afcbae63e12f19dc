//! Real JWTs on the clock (`--jwt`): decoding a token without trusting it, each library's
//! verdict and the instant it changes, checking a signature on request, and the scripted mode's
//! commands. Plain Rust: no terminal code here.
//!
//! The facts about libraries that the validators table lacks for real tokens are in one place,
//! [`libraries`], marked to move into that table.

pub mod decode;
pub mod inspect;
pub mod libraries;
pub mod numeric_date;
pub mod script;
pub mod verdict;
pub mod verify;
pub mod word_error;
pub mod words;

pub use decode::{DecodeError, Jwt, decode};
pub use inspect::Entry;
pub use verdict::{Verdict, judge, judge_all};
pub use verify::{Keys, Signature};
