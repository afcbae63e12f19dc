//! What each JWT library does with a real token beyond the `exp` comparison the validators
//! table ([`Validator`]) already holds: how it reads a fractional NumericDate, whether `exp` is
//! required, which of `nbf` and `iat` it checks, and node's jsonwebtoken, which the table does
//! not have yet.
//!
//! **This belongs in the validators table** (src/domain/oauth/validator.rs, being turned into
//! data on the `validators` branch): move each field of [`RealJwtRules`] into that table's row
//! and `Library::Node` into a row of its own, then delete this file. Until then it is the one
//! place these facts are written. The `exp` comparison and every leeway come from the table:
//! nothing here repeats them (node's `exp` rule is the exception, as the table has no row).
//!
//! Read from the sources (whole-second `now`; see /work/shared/oauth.md for the comparisons):
//! - PyJWT 2.12.1 `jwt/api_jwt.py` (jpadilla/pyjwt at dcc27a9): `exp = int(payload["exp"])` (a fraction truncated), `exp` not
//!   required (`options["require"]` is empty), `nbf` and `iat` checked: rejected when
//!   `int(claim) > now + leeway`.
//! - jsonwebtoken 12.0.0 (Rust) `src/validation.rs` (the crate this project builds with): `numeric_type` reads an `f64` with
//!   `value.round()`; `required_spec_claims` defaults to `{"exp"}`; `validate_nbf` defaults to
//!   false; `iat` never checked.
//! - node jsonwebtoken 9.0.2 `verify.js` (auth0/node-jsonwebtoken at bc28861): `clockTimestamp = Math.floor(Date.now() / 1000)`,
//!   rejected when `clockTimestamp >= payload.exp + clockTolerance` (the fraction compared as
//!   it is), `exp` optional, `nbf > clockTimestamp + clockTolerance` rejected, `iat` checked only
//!   with `maxAge`; tolerance 0.
//! - Spring Security `JwtTimestampValidator`: `exp` optional, `nbf` checked with the skew; a
//!   fractional `exp` becomes an `Instant` through `Number.longValue()` (truncated). Not
//!   re-read from the source in this change.
//! - .NET IdentityModel: `RequireExpirationTime` true by default, `nbf` checked with
//!   `ClockSkew`, the NumericDate truncated to whole seconds. Not re-read from the source in
//!   this change.

use crate::domain::Boundary;
use crate::domain::oauth::validator::Validator;

/// node's `exp` comparison, which has no row in the table yet: rejected when
/// `clockTimestamp >= exp + clockTolerance` (`exp + leeway <= now`), tolerance 0 by default.
pub const NODE_BOUNDARY: Boundary = Boundary::Rfc7519;
pub const NODE_DEFAULT_LEEWAY: u64 = 0;

/// A JWT library the validators panel judges a real token with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Library {
    /// A row of the validators table.
    Table(Validator),
    /// node's jsonwebtoken 9 (`jsonwebtoken-js`): not in the table yet.
    Node,
}

/// How a library turns a fractional NumericDate into the number it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fraction {
    /// Dropped: `int()`, `longValue()`.
    Truncated,
    /// Rounded half away from zero (`f64::round`).
    Rounded,
    /// Compared as it is against a whole-second clock.
    AsIs,
}

/// The facts the validators table lacks for real tokens (see the module comment).
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

impl Library {
    /// The library named `name`: its name on screen in any case (`PyJWT`, `jsonwebtoken-rs`,
    /// `.NET`) or its validator's name in the table (`pyjwt`, `jsonwebtoken`, `dotnet`).
    pub fn from_name(name: &str) -> Option<Library> {
        Library::all().into_iter().find(|library| {
            library.shown().eq_ignore_ascii_case(name)
                || matches!(library, Library::Table(v) if v.name() == name)
        })
    }

    /// Every library a real token is judged by: the table's rows (not the lesson's own rule),
    /// then node's.
    pub fn all() -> Vec<Library> {
        Validator::ALL
            .into_iter()
            .filter(|v| rules_of(*v).is_some())
            .map(Library::Table)
            .chain([Library::Node])
            .collect()
    }

    pub fn rules(self) -> RealJwtRules {
        match self {
            Library::Table(v) => rules_of(v).unwrap_or(NODE),
            Library::Node => NODE,
        }
    }

    pub fn shown(self) -> &'static str {
        self.rules().shown
    }
}

const NODE: RealJwtRules = RealJwtRules {
    shown: "jsonwebtoken-js",
    fraction: Fraction::AsIs,
    requires_exp: false,
    checks_nbf: true,
    checks_iat: false,
};

/// The rules of a table row for real tokens; `None` for the lesson's rule (not a library).
fn rules_of(validator: Validator) -> Option<RealJwtRules> {
    let rules = match validator {
        Validator::Lesson => return None,
        Validator::PyJwt => RealJwtRules {
            shown: "PyJWT",
            fraction: Fraction::Truncated,
            requires_exp: false,
            checks_nbf: true,
            checks_iat: true,
        },
        Validator::JsonWebToken => RealJwtRules {
            shown: "jsonwebtoken-rs",
            fraction: Fraction::Rounded,
            requires_exp: true,
            checks_nbf: false,
            checks_iat: false,
        },
        Validator::Spring => RealJwtRules {
            shown: "Spring",
            fraction: Fraction::Truncated,
            requires_exp: false,
            checks_nbf: true,
            checks_iat: false,
        },
        Validator::DotNet => RealJwtRules {
            shown: ".NET",
            fraction: Fraction::Truncated,
            requires_exp: true,
            checks_nbf: true,
            checks_iat: false,
        },
    };
    Some(rules)
}

/// Leeways configured for some libraries (`--leeway pyjwt=30`); the others use their default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leeways(Vec<(Library, u64)>);

impl Leeways {
    /// The configured leeway of `library`, if any (the last one given wins).
    pub fn of(&self, library: Library) -> Option<u64> {
        self.0
            .iter()
            .rev()
            .find(|(l, _)| *l == library)
            .map(|(_, leeway)| *leeway)
    }

    /// Reads `NAME=SECONDS` (`pyjwt=30`, `.NET=0`) and adds it.
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let shown = crate::domain::text::quote(spec);
        let (name, seconds) = spec
            .split_once('=')
            .ok_or_else(|| format!("'{shown}' is not NAME=SECONDS, e.g. pyjwt=30"))?;
        let library = Library::from_name(name.trim()).ok_or_else(|| {
            let names: Vec<&str> = Library::all().iter().map(|l| l.shown()).collect();
            format!(
                "no library '{}'; the libraries are {}",
                crate::domain::text::quote(name.trim()),
                names.join(", ")
            )
        })?;
        let seconds = seconds
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| *s <= super::numeric_date::MAX_SECONDS)
            .ok_or_else(|| format!("'{shown}': the leeway is a whole number of seconds"))?;
        self.0.push((library, seconds));
        Ok(())
    }
}
