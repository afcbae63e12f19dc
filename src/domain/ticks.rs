//! Ticks as people say them: `300`, `5m`, `1h 30m`, `30d` (1 tick = 1 second). The one parser for
//! tick counts in scripts and scenario files; a plain number is always ticks.

/// Seconds per unit, for the suffixes a duration may use.
const UNITS: [(char, u64); 5] = [
    ('s', 1),
    ('m', 60),
    ('h', 3600),
    ('d', 86_400),
    ('w', 604_800),
];

/// Parses `N` or a duration made of `N<unit>` parts (`s`, `m`, `h`, `d`, `w`), separated by spaces
/// or not (`1h30m`, `1h 30m`). The error says what is wrong, for a learner to act on.
pub fn parse_ticks(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty number of ticks".to_owned());
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u64>()
            .map_err(|_| format!("'{text}' is too large (the most is {})", u64::MAX));
    }
    if text.starts_with('-') && text[1..].bytes().all(|b| b.is_ascii_digit()) && text.len() > 1 {
        return Err(format!("'{text}' is negative; ticks are 0 or more"));
    }
    let bad = || {
        let shown = crate::domain::text::strip_unsafe(text);
        if text.bytes().any(|b| b.is_ascii_digit()) {
            format!(
                "'{shown}' is not a whole number of ticks or a duration (e.g. 90, 5m, 1h 30m, 30d)"
            )
        } else {
            format!("'{shown}' is not a whole number of ticks")
        }
    };
    let mut total: u128 = 0;
    let mut digits = String::new();
    let mut parts = 0;
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else if ch == ' ' && digits.is_empty() {
            continue;
        } else if let Some(&(_, unit)) = UNITS.iter().find(|(u, _)| *u == ch) {
            if digits.is_empty() {
                return Err(bad());
            }
            let n: u128 = digits.parse().map_err(|_| bad())?;
            total = total.saturating_add(n.saturating_mul(u128::from(unit)));
            digits.clear();
            parts += 1;
        } else {
            return Err(bad());
        }
    }
    if !digits.is_empty() || parts == 0 {
        return Err(bad());
    }
    u64::try_from(total).map_err(|_| format!("'{text}' is too large (the most is {})", u64::MAX))
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
        assert!(parse_ticks("-5").unwrap_err().contains("negative"));
        assert!(
            parse_ticks("1.5")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(
            parse_ticks("5x")
                .unwrap_err()
                .contains("or a duration (e.g. 90, 5m")
        );
        assert_eq!(
            parse_ticks("ten").unwrap_err(),
            "'ten' is not a whole number of ticks"
        );
        assert!(parse_ticks("m").is_err());
        assert!(parse_ticks("5m 3").is_err());
        assert!(parse_ticks("").is_err());
        assert!(
            parse_ticks("99999999999999999999")
                .unwrap_err()
                .contains("too large")
        );
        assert!(
            parse_ticks("999999999999999999d")
                .unwrap_err()
                .contains("too large")
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
