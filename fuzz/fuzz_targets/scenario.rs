//! Any bytes as a scenario file: a scenario or an error, never a panic; an error's text is
//! safe for a terminal; a scenario saved and read again is the same scenario; a lesson saved as
//! loaded (its steps kept) passes the check a save makes, so it loads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenclock::files::save::to_toml;
use tokenclock::domain::text;
use tokenclock::files::parse_scenario;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match parse_scenario(source, "fuzz.toml") {
        Ok(scenario) => {
            let again = parse_scenario(&to_toml(&scenario), "saved.toml")
                .expect("a saved scenario reads back");
            assert_eq!(again, scenario);
            if let Ok(Some(_)) = tokenclock::lesson::parse_lesson(source, "fuzz.toml", &scenario) {
                let text = tokenclock::lesson::save::text_with_steps(
                    &scenario,
                    Some(source),
                    tokenclock::lesson::save::Steps::From(0),
                );
                tokenclock::lesson::save::check(&text, "saved.toml".as_ref(), 1)
                    .expect("a lesson saved as loaded loads back");
            }
        }
        Err(e) => assert!(!e.to_string().chars().any(text::is_unsafe), "{e:?}"),
    }
});
