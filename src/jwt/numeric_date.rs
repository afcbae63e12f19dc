//! A JWT time claim (`iat`, `nbf`, `exp`): an RFC 7519 NumericDate, seconds since 1970, which
//! may have a fraction ("non-integer values can be represented", §2). Libraries read the
//! fraction differently, so the value keeps it.

use jiff::Timestamp;
use std::fmt;

/// The last second jiff (and every date the app shows) can represent: 9999-12-30T22:00:00Z.
pub const MAX_SECONDS: u64 = 253_402_207_200;

/// A NumericDate from 1970 on, at most [`MAX_SECONDS`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericDate {
    /// The whole seconds (the value with its fraction dropped).
    whole: u64,
    /// The value as written, when it has a fraction (`1000.5`); `None` for an integer.
    fractional: Option<f64>,
}

/// Why a JSON value is not a NumericDate this app can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a JSON number (a string, `true`, an object, ...).
    NotANumber,
    /// Before 1970-01-01T00:00:00Z.
    BeforeEpoch,
    /// After 9999-12-30T22:00:00Z (or not finite).
    BeyondAnyDate,
}

impl NumericDate {
    /// A whole number of seconds (at most [`MAX_SECONDS`]).
    pub fn whole(seconds: u64) -> Option<Self> {
        (seconds <= MAX_SECONDS).then_some(Self {
            whole: seconds,
            fractional: None,
        })
    }

    /// Reads a claim's JSON value.
    pub fn from_json(value: &serde_json::Value) -> Result<Self, DateProblem> {
        let serde_json::Value::Number(number) = value else {
            return Err(DateProblem::NotANumber);
        };
        if let Some(seconds) = number.as_u64() {
            return Self::whole(seconds).ok_or(DateProblem::BeyondAnyDate);
        }
        if number.as_i64().is_some() {
            return Err(DateProblem::BeforeEpoch);
        }
        let value = number.as_f64().ok_or(DateProblem::BeyondAnyDate)?;
        if !value.is_finite() || value >= (MAX_SECONDS + 1) as f64 {
            return Err(DateProblem::BeyondAnyDate);
        }
        if value < 0.0 {
            return Err(DateProblem::BeforeEpoch);
        }
        // In range, so the cast is exact for the whole part.
        let whole = value.trunc() as u64;
        let fractional = (value.fract() != 0.0).then_some(value);
        Ok(Self { whole, fractional })
    }

    /// The value with its fraction dropped (PyJWT's `int()`, Java's `longValue()`).
    pub fn truncated(self) -> u64 {
        self.whole
    }

    /// The value rounded half away from zero (the Rust crate's `f64::round`).
    pub fn rounded(self) -> u64 {
        match self.fractional {
            Some(value) => value.round() as u64,
            None => self.whole,
        }
    }

    /// The value rounded half to even (.NET's `Convert.ToInt64(double)`): 1000.5 is 1000.
    pub fn rounded_half_even(self) -> u64 {
        match self.fractional {
            Some(value) => value.round_ties_even() as u64,
            None => self.whole,
        }
    }

    /// The first whole second not before the value (where `now >= value` first holds for a
    /// whole-second `now`, as node compares it).
    pub fn ceiling(self) -> u64 {
        match self.fractional {
            Some(_) => self.whole + 1,
            None => self.whole,
        }
    }

    pub fn has_fraction(self) -> bool {
        self.fractional.is_some()
    }

    /// The date-time of the whole second.
    pub fn timestamp(self) -> Timestamp {
        timestamp(self.whole)
    }
}

/// The date-time of a Unix second (clamped to the dates jiff represents).
pub fn timestamp(seconds: u64) -> Timestamp {
    let seconds = i64::try_from(seconds.min(MAX_SECONDS)).unwrap_or(0);
    Timestamp::from_second(seconds).unwrap_or(Timestamp::MAX)
}

impl fmt::Display for NumericDate {
    /// As written: `1765015440` or `1765015440.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fractional {
            Some(value) => write!(f, "{value}"),
            None => write!(f, "{}", self.whole),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_fractions_and_bad_values() {
        let d = NumericDate::from_json(&json!(1000)).unwrap();
        assert_eq!(
            (d.truncated(), d.rounded(), d.ceiling()),
            (1000, 1000, 1000)
        );
        assert!(!d.has_fraction());
        let d = NumericDate::from_json(&json!(1000.5)).unwrap();
        assert_eq!(
            (d.truncated(), d.rounded(), d.ceiling()),
            (1000, 1001, 1001)
        );
        assert_eq!(d.to_string(), "1000.5");
        let d = NumericDate::from_json(&json!(1000.4)).unwrap();
        assert_eq!(
            (d.truncated(), d.rounded(), d.ceiling()),
            (1000, 1000, 1001)
        );
        let d = NumericDate::from_json(&json!(1000.0)).unwrap();
        assert!(!d.has_fraction());
        assert_eq!(
            NumericDate::from_json(&json!("1000")),
            Err(DateProblem::NotANumber)
        );
        assert_eq!(
            NumericDate::from_json(&json!(-1)),
            Err(DateProblem::BeforeEpoch)
        );
        assert_eq!(
            NumericDate::from_json(&json!(-0.5)),
            Err(DateProblem::BeforeEpoch)
        );
        assert_eq!(
            NumericDate::from_json(&json!(1e300)),
            Err(DateProblem::BeyondAnyDate)
        );
        assert_eq!(
            NumericDate::from_json(&json!(u64::MAX)),
            Err(DateProblem::BeyondAnyDate)
        );
        assert!(NumericDate::from_json(&json!(MAX_SECONDS)).is_ok());
        assert_eq!(
            NumericDate::from_json(&json!(MAX_SECONDS + 1)),
            Err(DateProblem::BeyondAnyDate)
        );
        assert_eq!(timestamp(MAX_SECONDS).to_string(), "9999-12-30T22:00:00Z");
    }
}
