//! Any bytes as a roster: users or an error naming a line, never a panic; every name loaded
//! passes the name check (NFC, visible) and every error is safe for a terminal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenclock::files::roster::read_roster;
use tokenclock::domain::text;

fuzz_target!(|data: &[u8]| {
    match read_roster(data, "fuzz.csv", 0) {
        Ok(tokens) => {
            for (name, token) in tokens.iter() {
                assert_eq!(text::check_name(name), Ok(()), "{name:?}");
                assert_eq!(text::check_token(&token.value), Ok(()));
            }
        }
        Err(e) => assert!(!e.to_string().chars().any(text::is_unsafe), "{e:?}"),
    }
});
