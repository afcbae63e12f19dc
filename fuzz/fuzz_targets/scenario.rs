//! Any bytes as a scenario file: a scenario or an error, never a panic; an error's text is
//! safe for a terminal; a scenario saved and read again is the same scenario.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenclock::domain::scenario_save::to_toml;
use tokenclock::domain::{parse_scenario, text};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match parse_scenario(source, "fuzz.toml") {
        Ok(scenario) => {
            let again = parse_scenario(&to_toml(&scenario), "saved.toml")
                .expect("a saved scenario reads back");
            assert_eq!(again, scenario);
        }
        Err(e) => assert!(!e.to_string().chars().any(text::is_unsafe), "{e:?}"),
    }
});
