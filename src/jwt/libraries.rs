//! The JWT libraries a real token is judged by: the rows of the validators table
//! ([`crate::domain::oauth::validator::TABLE`]) other than the lesson's own rule. Everything a
//! real token needs (how a fractional NumericDate is read, whether `exp` is required, which of
//! `nbf` and `iat` are checked, the `exp` comparison and the leeway) is in the row; this file
//! only reads it. A library is its [`Validator`]: the table's row is all there is to it.

use super::word_error::WordError;
use crate::domain::oauth::validator::{self, Claim, Validator};

/// How a library turns a fractional NumericDate into the number it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fraction {
    /// Dropped: `int()`, `longValue()`.
    Truncated,
    /// Rounded half away from zero (`f64::round`).
    Rounded,
    /// Rounded half to even (.NET's `Convert.ToInt64(double)`).
    RoundedHalfEven,
    /// Compared as it is against a whole-second clock.
    AsIs,
}

/// What the JWT screen reads of a library's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealJwtRules {
    /// The library's name on screen.
    pub shown: &'static str,
    pub fraction: Fraction,
    /// A token without `exp` is rejected.
    pub requires_exp: bool,
    /// `nbf` in the future (beyond the leeway) is rejected.
    pub checks_nbf: bool,
    /// `iat` in the future (beyond the leeway) is rejected.
    pub checks_iat: bool,
}

/// The library named `name`: its name on screen in any case (`PyJWT`, `jsonwebtoken-rs`,
/// `.NET`) or its validator's name in the table (`pyjwt`, `jsonwebtoken`, `dotnet`).
pub fn from_name(name: &str) -> Option<Validator> {
    all().into_iter().find(|v| {
        v.row().shown.eq_ignore_ascii_case(name) || Validator::from_name(name) == Some(*v)
    })
}

/// Every library a real token is judged by: the table's rows, not the lesson's own rule.
pub fn all() -> Vec<Validator> {
    Validator::ALL
        .into_iter()
        .filter(|v| rules_of(*v).is_some())
        .collect()
}

/// What a real token needs of `library`'s row (the lesson's rule, never one of [`all`], reads
/// as a library that truncates, requires `exp` and checks nothing else).
pub fn rules(library: Validator) -> RealJwtRules {
    rules_of(library).unwrap_or(RealJwtRules {
        shown: library.row().shown,
        fraction: Fraction::Truncated,
        requires_exp: true,
        checks_nbf: false,
        checks_iat: false,
    })
}

/// The rules of a table row for real tokens; `None` for the lesson's rule (not a library).
fn rules_of(validator: Validator) -> Option<RealJwtRules> {
    let row = validator.row();
    let fraction = match row.fraction {
        validator::Fraction::Truncate => Fraction::Truncated,
        validator::Fraction::Round => Fraction::Rounded,
        validator::Fraction::RoundHalfEven => Fraction::RoundedHalfEven,
        validator::Fraction::AsIs => Fraction::AsIs,
        validator::Fraction::WholeTicks => return None,
    };
    Some(RealJwtRules {
        shown: row.shown,
        fraction,
        requires_exp: row.requires_exp,
        checks_nbf: row.checks.contains(&Claim::Nbf),
        checks_iat: row.checks.contains(&Claim::Iat),
    })
}

/// Leeways configured for some libraries (`--leeway pyjwt=30`); the others use their default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leeways(Vec<(Validator, u64)>);

impl Leeways {
    /// The configured leeway of `library`, if any (the last one given wins).
    pub fn of(&self, library: Validator) -> Option<u64> {
        self.0
            .iter()
            .rev()
            .find(|(l, _)| *l == library)
            .map(|(_, leeway)| *leeway)
    }

    /// Reads `NAME=SECONDS` (`pyjwt=30`, `.NET=0`) and adds it.
    pub fn add(&mut self, spec: &str) -> Result<(), WordError> {
        let given = || spec.to_owned();
        let (name, seconds) = spec
            .split_once('=')
            .ok_or_else(|| WordError::NotALeeway { given: given() })?;
        let library = from_name(name.trim()).ok_or_else(|| {
            let names: Vec<&str> = all().iter().map(|l| l.row().shown).collect();
            WordError::UnknownLibrary {
                given: name.trim().to_owned(),
                known: names.join(", "),
            }
        })?;
        let seconds = seconds
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| *s <= super::numeric_date::MAX_SECONDS)
            .ok_or_else(|| WordError::LeewayNotSeconds { given: given() })?;
        self.0.push((library, seconds));
        Ok(())
    }
}
