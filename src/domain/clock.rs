//! The lesson's `current_time`: a virtual clock of whole ticks, and the one parser for a
//! typed number of ticks (scripts and the app's prompts).

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
pub fn parse_ticks(word: &str) -> Result<u64, BadTicks> {
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

/// A virtual clock. It never wraps: moving past `u64::MAX` stops there and moving below 0 stops at 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    now: u64,
}

impl Clock {
    pub fn new(now: u64) -> Self {
        Self { now }
    }

    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn set(&mut self, now: u64) {
        self.now = now;
    }

    /// Moves forward by `ticks`, stopping at `u64::MAX`. Returns the ticks actually moved.
    pub fn advance(&mut self, ticks: u64) -> u64 {
        let before = self.now;
        self.now = self.now.saturating_add(ticks);
        self.now - before
    }

    /// Moves back by `ticks`, stopping at 0. Returns the ticks actually moved.
    pub fn rewind(&mut self, ticks: u64) -> u64 {
        let before = self.now;
        self.now = self.now.saturating_sub(ticks);
        before - self.now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_and_rewind_move_by_the_step() {
        let mut clock = Clock::new(120);
        assert_eq!(clock.advance(10), 10);
        assert_eq!(clock.now(), 130);
        assert_eq!(clock.rewind(30), 30);
        assert_eq!(clock.now(), 100);
    }

    #[test]
    fn rewind_stops_at_zero() {
        let mut clock = Clock::new(5);
        assert_eq!(clock.rewind(10), 5);
        assert_eq!(clock.now(), 0);
        assert_eq!(clock.rewind(1), 0);
        assert_eq!(clock.now(), 0);
    }

    #[test]
    fn advance_stops_at_the_maximum_instead_of_wrapping() {
        let mut clock = Clock::new(u64::MAX - 3);
        assert_eq!(clock.advance(10), 3);
        assert_eq!(clock.now(), u64::MAX);
        assert_eq!(clock.advance(1), 0);
        assert_eq!(clock.now(), u64::MAX);
    }

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
}
