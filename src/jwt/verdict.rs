//! Each library's verdict on a real token at a whole-second `now`, and the instant it changes:
//! the `exp` comparison from the validators table, the rest from [`super::libraries`].

use super::decode::Jwt;
use super::libraries::{self, Fraction, Leeways, RealJwtRules};
use super::numeric_date::NumericDate;
use crate::domain::Boundary;
use crate::domain::Policy;
use crate::domain::oauth::TokenTimes;
use crate::domain::oauth::validator::Validator;

/// One library's judgement of one token at `now`.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub library: Validator,
    pub now: u64,
    pub accepted: bool,
    /// The check that decided: the failing one when rejected, `exp` (or its absence) when
    /// accepted.
    pub reason: Reason,
    /// The next instant the verdict changes (`None`: never again).
    pub next_change: Option<u64>,
    /// Where the token stopped being accepted, when that is in the past (`None` otherwise).
    pub since: Option<u64>,
}

/// A comparison a library made, with its numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// `exp` (as the library read it) + leeway against now.
    Exp {
        /// The number compared (the library's reading of a fraction, or the fraction itself).
        read: String,
        /// The claim as written, when the library read a fraction differently.
        written: Option<NumericDate>,
        fraction: Fraction,
        leeway: u64,
        /// `Rfc7519`: rejected at `exp + leeway == now`; `Lesson`: still accepted then.
        boundary: Boundary,
        now: u64,
        accepted: bool,
    },
    /// No `exp` claim.
    NoExp { required: bool },
    /// `nbf` or `iat` later than now + leeway.
    NotYet {
        claim: &'static str,
        read: String,
        leeway: u64,
        now: u64,
    },
    /// Accepted from a later instant than it expires: never accepted.
    Never { from: u64, until: u64 },
}

/// Judges `jwt` at `now` with every library, in the table's order then node's, each with its
/// configured leeway or its default.
pub fn judge_all(jwt: &Jwt, now: u64, leeways: &Leeways) -> Vec<Verdict> {
    libraries::all()
        .into_iter()
        .map(|library| judge(jwt, library, now, leeways.of(library)))
        .collect()
}

/// Judges `jwt` at `now` with `library`, with a configured `leeway` (`None`: its default).
pub fn judge(jwt: &Jwt, library: Validator, now: u64, leeway: Option<u64>) -> Verdict {
    let rules = libraries::rules(library);
    let configured = leeway;
    let exp = jwt
        .exp
        .map(|exp| ExpRule::new(library, rules, exp, configured));
    let leeway = exp
        .as_ref()
        .map_or_else(|| leeway_of(library, configured), |e| e.leeway);
    // The first second each of nbf and iat lets the token in, as this library reads them.
    // In PyJWT's order (`iat` before `nbf`): on a tie the first is named, as PyJWT does.
    let starts = [
        ("iat", rules.checks_iat, jwt.iat),
        ("nbf", rules.checks_nbf, jwt.nbf),
    ];
    let start = starts
        .into_iter()
        .filter_map(|(claim, checked, date)| {
            let date = date.filter(|_| checked)?;
            let read = read(date, rules.fraction);
            Some((
                claim,
                read,
                first_accepted(date, rules.fraction).saturating_sub(leeway),
            ))
        })
        .fold(None, |latest, start| match latest {
            Some(latest @ (_, _, from)) if from >= start.2 => Some(latest),
            _ => Some(start),
        });
    let from = start.as_ref().map_or(0, |(_, _, from)| *from);
    let until = exp.as_ref().map(|e| e.rejects_from);
    let verdict = |accepted, reason, next_change, since| Verdict {
        library,
        now,
        accepted,
        reason,
        next_change,
        since,
    };
    let Some(exp) = exp else {
        if rules.requires_exp {
            return verdict(false, Reason::NoExp { required: true }, None, None);
        }
        return match start {
            Some((claim, read, from)) if now < from => verdict(
                false,
                Reason::NotYet {
                    claim,
                    read,
                    leeway,
                    now,
                },
                Some(from),
                None,
            ),
            _ => verdict(true, Reason::NoExp { required: false }, None, None),
        };
    };
    let until = until.unwrap_or(u64::MAX);
    if from >= until {
        return verdict(false, Reason::Never { from, until }, None, None);
    }
    match start {
        Some((claim, read, from)) if now < from => verdict(
            false,
            Reason::NotYet {
                claim,
                read,
                leeway,
                now,
            },
            Some(from),
            None,
        ),
        _ => {
            let accepted = now < until;
            let reason = exp.reason(jwt, now, accepted);
            if accepted {
                verdict(true, reason, Some(until), None)
            } else {
                verdict(false, reason, None, Some(until))
            }
        }
    }
}

/// How one library compares `exp`.
struct ExpRule {
    read: u64,
    fraction: Fraction,
    leeway: u64,
    boundary: Boundary,
    /// The first whole second it rejects the token at.
    rejects_from: u64,
}

impl ExpRule {
    fn new(
        validator: Validator,
        rules: RealJwtRules,
        exp: NumericDate,
        leeway: Option<u64>,
    ) -> Self {
        let read = first_accepted(exp, rules.fraction);
        let judgement = validator.judge(
            Policy::default().lesson_rule(),
            leeway,
            TokenTimes::new(read, None),
            read,
        );
        Self {
            read,
            fraction: rules.fraction,
            leeway: judgement.leeway,
            boundary: judgement.boundary,
            rejects_from: first_rejected(validator, read, leeway),
        }
    }

    fn reason(&self, jwt: &Jwt, now: u64, accepted: bool) -> Reason {
        let written = jwt.exp.filter(|d| d.has_fraction());
        let read = match (self.fraction, written) {
            (Fraction::AsIs, Some(date)) => date.to_string(),
            (Fraction::AsIs, None)
            | (Fraction::Truncated | Fraction::Rounded | Fraction::RoundedHalfEven, _) => {
                self.read.to_string()
            }
        };
        Reason::Exp {
            read,
            written: written.filter(|_| self.fraction != Fraction::AsIs),
            fraction: self.fraction,
            leeway: self.leeway,
            boundary: self.boundary,
            now,
            accepted,
        }
    }
}

/// The leeway `library` judges with: the configured one, or its default.
fn leeway_of(library: Validator, configured: Option<u64>) -> u64 {
    library.leeway(Policy::default().lesson_rule(), configured)
}

/// The number a library compares for `date`, as text.
fn read(date: NumericDate, fraction: Fraction) -> String {
    match fraction {
        Fraction::Truncated => date.truncated().to_string(),
        Fraction::Rounded => date.rounded().to_string(),
        Fraction::RoundedHalfEven => date.rounded_half_even().to_string(),
        Fraction::AsIs => date.to_string(),
    }
}

/// The first whole second `now` with `claim <= now` (before the leeway), as read.
fn first_accepted(date: NumericDate, fraction: Fraction) -> u64 {
    match fraction {
        Fraction::Truncated => date.truncated(),
        Fraction::Rounded => date.rounded(),
        Fraction::RoundedHalfEven => date.rounded_half_even(),
        Fraction::AsIs => date.ceiling(),
    }
}

/// The first whole second the table's validator rejects a token expiring at `exp`, from the
/// table's comparison and leeway.
fn first_rejected(validator: Validator, exp: u64, leeway: Option<u64>) -> u64 {
    let first = validator.first_rejected(Policy::default().lesson_rule(), leeway, exp);
    u64::try_from(first).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust_crate() -> Validator {
        Validator::from_name("jsonwebtoken-rs").unwrap()
    }
    use crate::jwt::decode::decode;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn jwt(claims: &str) -> Jwt {
        let b = |s: &str| URL_SAFE_NO_PAD.encode(s);
        decode(&format!(
            "{}.{}.{}",
            b(r#"{"alg":"HS256"}"#),
            b(claims),
            b("s")
        ))
        .unwrap()
    }

    fn by_name(verdicts: &[Verdict], name: &str) -> Verdict {
        verdicts
            .iter()
            .find(|v| v.library.row().shown == name)
            .cloned()
            .unwrap()
    }

    /// Each library's first rejected second agrees with the table's own judgement of it.
    #[test]
    fn the_instants_follow_the_validators_table() {
        let token = jwt(r#"{"exp":1000}"#);
        for library in libraries::all() {
            let validator = library;
            let v = judge(&token, library, 0, None);
            let until = v.next_change.unwrap();
            let policy = Policy::default();
            assert!(
                validator
                    .judge(
                        policy.lesson_rule(),
                        None,
                        TokenTimes::new(1000, None),
                        until - 1
                    )
                    .accepted(),
                "{library:?}"
            );
            assert!(
                !validator
                    .judge(
                        policy.lesson_rule(),
                        None,
                        TokenTimes::new(1000, None),
                        until
                    )
                    .accepted(),
                "{library:?}"
            );
            assert!(judge(&token, library, until - 1, None).accepted);
            let after = judge(&token, library, until, None);
            assert!(!after.accepted);
            assert_eq!(after.since, Some(until));
            assert_eq!(after.next_change, None);
        }
        let at = |name| by_name(&judge_all(&token, 0, &Leeways::default()), name).next_change;
        assert_eq!(at("PyJWT"), Some(1000));
        assert_eq!(at("jsonwebtoken-js"), Some(1000));
    }

    #[test]
    fn a_token_without_exp_is_rejected_only_where_exp_is_required() {
        let verdicts = judge_all(&jwt(r#"{"sub":"x"}"#), 5000, &Leeways::default());
        for v in &verdicts {
            let required = libraries::rules(v.library).requires_exp;
            assert_eq!(v.accepted, !required, "{}", v.library.row().shown);
            assert_eq!(v.reason, Reason::NoExp { required });
            assert_eq!(v.next_change, None);
        }
        assert!(!by_name(&verdicts, "jsonwebtoken-rs").accepted);
        assert!(!by_name(&verdicts, ".NET").accepted);
        assert!(by_name(&verdicts, "PyJWT").accepted);
        assert!(by_name(&verdicts, "jsonwebtoken-js").accepted);
    }

    #[test]
    fn a_fractional_exp_is_read_three_ways() {
        let token = jwt(r#"{"exp":1000.5}"#);
        let verdicts = judge_all(&token, 0, &Leeways::default());
        let from = |name| by_name(&verdicts, name).next_change.unwrap();
        // PyJWT int() → 1000, rejects at 1000; node compares 1000.5: rejects at 1001; the Rust
        // crate rounds to 1001 and (leeway 60, `<`) rejects at 1062.
        assert_eq!(from("PyJWT"), 1000);
        assert_eq!(from("jsonwebtoken-js"), 1001);
        let rs = by_name(&verdicts, "jsonwebtoken-rs");
        let leeway = leeway_of(rs.library, None);
        assert_eq!(
            from("jsonwebtoken-rs"),
            first_rejected(rust_crate(), 1001, None)
        );
        assert!(from("jsonwebtoken-rs") > 1001 + leeway - 1);
        let token = jwt(r#"{"exp":1000.4}"#);
        let verdicts = judge_all(&token, 0, &Leeways::default());
        let from = |name| by_name(&verdicts, name).next_change.unwrap();
        assert_eq!(
            from("jsonwebtoken-rs"),
            first_rejected(rust_crate(), 1000, None)
        );
        assert_eq!(from("jsonwebtoken-js"), 1001);
    }

    /// Spring truncates (nimbus-jose-jwt's `longValue()`); .NET rounds a half to the even
    /// second (`Convert.ToInt64(double)`): they part at 1001.5, which .NET reads as 1002.
    #[test]
    fn spring_truncates_and_dotnet_rounds_a_half_to_even() {
        let from = |exp: &str, name| {
            let token = jwt(&format!(r#"{{"exp":{exp}}}"#));
            let verdicts = judge_all(&token, 0, &Leeways::default());
            let v = by_name(&verdicts, name);
            v.next_change.unwrap() - leeway_of(v.library, None)
        };
        assert_eq!(from("1000.5", "Spring"), 1000);
        assert_eq!(from("1001.5", "Spring"), 1001);
        assert_eq!(from("1000.9", "Spring"), 1000);
        assert_eq!(from("1000.5", ".NET"), 1000);
        assert_eq!(from("1001.5", ".NET"), 1002);
        assert_eq!(from("1000.6", ".NET"), 1001);
        assert_eq!(from("1000.4", ".NET"), 1000);
    }

    #[test]
    fn nbf_and_iat_in_the_future_are_rejected_by_the_libraries_that_check_them() {
        let token = jwt(r#"{"iat":2000,"exp":3000}"#);
        let verdicts = judge_all(&token, 1000, &Leeways::default());
        let py = by_name(&verdicts, "PyJWT");
        assert!(!py.accepted);
        assert_eq!(py.next_change, Some(2000));
        assert!(matches!(py.reason, Reason::NotYet { claim: "iat", .. }));
        assert!(
            by_name(&verdicts, "jsonwebtoken-rs").accepted,
            "iat never checked"
        );
        let token = jwt(r#"{"nbf":2000,"exp":3000}"#);
        let verdicts = judge_all(&token, 1000, &Leeways::default());
        for v in &verdicts {
            assert_eq!(
                v.accepted,
                !libraries::rules(v.library).checks_nbf,
                "{}",
                v.library.row().shown
            );
        }
        let net = by_name(&verdicts, ".NET");
        assert_eq!(net.next_change, Some(2000 - leeway_of(net.library, None)));
        assert!(by_name(&verdicts, "jsonwebtoken-rs").accepted);
    }

    #[test]
    fn a_configured_leeway_moves_the_instants() {
        let token = jwt(r#"{"nbf":2000,"exp":3000}"#);
        let mut leeways = Leeways::default();
        leeways.add("pyjwt=30").unwrap();
        leeways.add("jsonwebtoken-js=5").unwrap();
        let verdicts = judge_all(&token, 1000, &leeways);
        let py = by_name(&verdicts, "PyJWT");
        assert_eq!(py.next_change, Some(2000 - 30));
        let py_later = judge(&token, py.library, 2990, Some(30));
        assert_eq!(py_later.next_change, Some(3030));
        let node = judge(
            &token,
            Validator::from_name("jsonwebtoken-js").unwrap(),
            2990,
            leeways.of(Validator::from_name("jsonwebtoken-js").unwrap()),
        );
        assert_eq!(node.next_change, Some(3005));
        // Unconfigured libraries keep their default.
        let default = judge(&token, Validator::from_name("dotnet").unwrap(), 2990, None);
        assert_eq!(
            by_name(&verdicts, ".NET").next_change,
            Some(2000 - leeway_of(default.library, None))
        );
        assert!(
            leeways
                .add("perl=3")
                .unwrap_err()
                .to_string()
                .starts_with("no library 'perl'")
        );
        assert_eq!(
            leeways.add("pyjwt").unwrap_err().to_string(),
            "'pyjwt' is not NAME=SECONDS, e.g. pyjwt=30"
        );
        assert_eq!(
            leeways.add("pyjwt=-1").unwrap_err().to_string(),
            "'pyjwt=-1': the leeway is a whole number of seconds"
        );
        assert_eq!(
            libraries::from_name(".net"),
            Some(Validator::from_name("dotnet").unwrap())
        );
        assert_eq!(libraries::from_name("jsonwebtoken"), Some(rust_crate()));
    }

    #[test]
    fn an_nbf_after_the_expiry_is_never_accepted() {
        let token = jwt(r#"{"nbf":5000,"exp":1000}"#);
        let v = by_name(&judge_all(&token, 0, &Leeways::default()), "PyJWT");
        assert!(!v.accepted);
        assert_eq!(
            v.reason,
            Reason::Never {
                from: 5000,
                until: 1000
            }
        );
        assert_eq!(v.next_change, None);
    }
}
