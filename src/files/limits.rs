//! The most a file a user names may hold: what the reader bounds (`input`) and what its errors
//! say (`input_error`), in one place both read.

/// The most bytes read from one scenario, roster or script: 1 GiB, room for a 10-million-user
/// roster (about 40 bytes a line).
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// The limit as the messages say it.
pub const MAX_INPUT_TEXT: &str = "1 GiB";
