//! The one parser for a number of ticks, wherever one is typed or read (scripts, the app's
//! prompts, scenario files, rosters): whole numbers exactly as typed, and durations as people
//! say them, `5m`, `1h 30m`, `30d` (1 tick = 1 second).

/// Why a word is not a number of ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTicks {
    Empty,
    /// A minus sign and digits.
    Negative,
    /// Digits, but more than `u64::MAX`.
    TooLarge,
    /// Anything else: letters, `:`, `.`, spaces.
    NotANumber,
    /// Digits and a unit, but not a duration `ticks::parse_ticks` reads (`1h30`, `5mins`).
    NotADuration,
}

impl BadTicks {
    /// What is wrong, naming the word as the user will recognise it (`shown`, already made safe
    /// to print), e.g. `'-5' is negative; ticks are 0 or more`.
    pub fn describe(self, shown: &str) -> String {
        match self {
            BadTicks::Empty => "type a number first".to_owned(),
            BadTicks::Negative => format!("'{shown}' is negative; ticks are 0 or more"),
            BadTicks::TooLarge => format!("'{shown}' is too large (the most is {})", u64::MAX),
            BadTicks::NotANumber => format!("'{shown}' is not a whole number of ticks"),
            BadTicks::NotADuration => format!(
                "'{shown}' is not a whole number of ticks or a duration (e.g. 90, 5m, 1h 30m, 30d)"
            ),
        }
    }
}

/// A whole number of ticks, 0 to `u64::MAX`, exactly as typed (nothing is dropped or guessed).
fn whole_ticks(word: &str) -> Result<u64, BadTicks> {
    word.parse::<u64>().map_err(|_| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if word.is_empty() {
            BadTicks::Empty
        } else if word.strip_prefix('-').is_some_and(digits) {
            BadTicks::Negative
        } else if digits(word) {
            BadTicks::TooLarge
        } else {
            BadTicks::NotANumber
        }
    })
}

/// Seconds per unit, for the suffixes a duration may use.
const UNITS: [(char, u64); 5] = [
    ('s', 1),
    ('m', 60),
    ('h', 3600),
    ('d', 86_400),
    ('w', 604_800),
];

/// Parses `N` or a duration made of `N<unit>` parts (`s`, `m`, `h`, `d`, `w`), separated by spaces
/// or not (`1h30m`, `1h 30m`).
pub fn parse_ticks(text: &str) -> Result<u64, BadTicks> {
    let text = text.trim();
    match whole_ticks(text) {
        Err(BadTicks::NotANumber) => duration(text),
        other => other,
    }
}

/// A duration, or why not: `NotADuration` when it has a digit followed by a unit (it looks
/// like one), `NotANumber` otherwise, `TooLarge` past `u64::MAX`.
fn duration(text: &str) -> Result<u64, BadTicks> {
    let unit_of = |ch: char| UNITS.iter().find(|(u, _)| *u == ch).map(|&(_, size)| size);
    let looks_like_one = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && unit_of(char::from(w[1])).is_some());
    let bad = if looks_like_one {
        BadTicks::NotADuration
    } else {
        BadTicks::NotANumber
    };
    let mut total: u128 = 0;
    let mut digits = String::new();
    let mut parts = 0;
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else if ch == ' ' && digits.is_empty() {
            continue;
        } else if let Some(size) = unit_of(ch) {
            let n: u128 = digits.parse().map_err(|_| bad)?;
            total = total.saturating_add(n.saturating_mul(u128::from(size)));
            digits.clear();
            parts += 1;
        } else {
            return Err(bad);
        }
    }
    if !digits.is_empty() || parts == 0 {
        return Err(bad);
    }
    u64::try_from(total).map_err(|_| BadTicks::TooLarge)
}

/// A tick count as a duration when it is a round one (`300` → `5m`, `5400` → `1h 30m`), for
/// labels; plain otherwise.
pub fn duration_words(ticks: u64) -> String {
    if ticks < 60 {
        return format!("{ticks}s");
    }
    let mut rest = ticks;
    let mut parts = Vec::new();
    for (unit, size) in [('d', 86_400u64), ('h', 3600), ('m', 60), ('s', 1)] {
        if rest >= size {
            parts.push(format!("{}{unit}", rest / size));
            rest %= size;
        }
    }
    parts.truncate(2);
    let shown = parts.join(" ");
    if parse_ticks(&shown) == Ok(ticks) {
        shown
    } else {
        ticks.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_whole_numbers_exactly_as_typed() {
        assert_eq!(parse_ticks("0"), Ok(0));
        assert_eq!(parse_ticks("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_ticks(""), Err(BadTicks::Empty));
        assert_eq!(parse_ticks("-5"), Err(BadTicks::Negative));
        assert_eq!(parse_ticks("18446744073709551616"), Err(BadTicks::TooLarge));
        for word in ["1:05", "abc1x0", "12.5", "1 2", "-", "-x"] {
            assert_eq!(parse_ticks(word), Err(BadTicks::NotANumber), "{word}");
        }
        assert_eq!(
            BadTicks::Negative.describe("-5"),
            "'-5' is negative; ticks are 0 or more"
        );
    }

    #[test]
    fn plain_numbers_and_durations() {
        assert_eq!(parse_ticks("300"), Ok(300));
        assert_eq!(parse_ticks("5m"), Ok(300));
        assert_eq!(parse_ticks("1h 30m"), Ok(5400));
        assert_eq!(parse_ticks("1h30m"), Ok(5400));
        assert_eq!(parse_ticks("30d"), Ok(2_592_000));
        assert_eq!(parse_ticks("1w"), Ok(604_800));
        assert_eq!(parse_ticks("90s"), Ok(90));
    }

    #[test]
    fn bad_text_says_what_is_wrong() {
        assert_eq!(parse_ticks("-5"), Err(BadTicks::Negative));
        assert_eq!(parse_ticks(""), Err(BadTicks::Empty));
        assert_eq!(parse_ticks("99999999999999999999"), Err(BadTicks::TooLarge));
        assert_eq!(parse_ticks("999999999999999999d"), Err(BadTicks::TooLarge));
        // Not durations, and not looking like one: the plain-number message.
        for word in ["1.5", "5x", "ten", "m", "1:05", "abc1x0"] {
            assert_eq!(parse_ticks(word), Err(BadTicks::NotANumber), "{word}");
        }
        // Looking like one: the message says durations are read too.
        for word in ["1h30", "5mins", "5m 3"] {
            assert_eq!(parse_ticks(word), Err(BadTicks::NotADuration), "{word}");
        }
        assert_eq!(
            BadTicks::NotADuration.describe("1h30"),
            "'1h30' is not a whole number of ticks or a duration (e.g. 90, 5m, 1h 30m, 30d)"
        );
    }

    #[test]
    fn round_durations_read_back() {
        assert_eq!(duration_words(300), "5m");
        assert_eq!(duration_words(5400), "1h 30m");
        assert_eq!(duration_words(2_592_000), "30d");
        assert_eq!(duration_words(45), "45s");
        assert_eq!(duration_words(86_401), "1d 1s");
        assert_eq!(
            duration_words(90_061),
            "90061",
            "more than two parts stays plain"
        );
    }
}
