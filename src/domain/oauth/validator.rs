//! The validators table: how each API's JWT library judges an access token at one tick (1 tick =
//! 1 second), one row per library. Everything that names, lists, judges or documents a validator
//! reads [`TABLE`]: script and file names, help, error messages, the validators panel, the
//! Markdown reference and the tests. Adding a validator is adding a row.
//!
//! Every comparison is stated as the library makes it (`source_rule`) and as it comes out on a
//! clock of whole seconds (`rejects`), which is what the model's ticks are: a library that reads a
//! sub-second clock (Spring, .NET, PyJWT ≥ 2.10) is past `exp + leeway` during the whole second
//! `exp + leeway`, so it rejects at `exp + leeway ≤ now`.

use crate::domain::decision::Sum;
use crate::domain::settings::kinds::{Boundary, Named};

/// The lesson's own rule, which the `lesson` row judges by (and every row whose comparison or
/// default leeway is the lesson's): its boundary and its leeway, as the scenario sets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonRule {
    pub boundary: Boundary,
    pub leeway: u64,
}

/// When a library's `exp` comparison rejects, on a clock of whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejects {
    /// `exp + leeway < now`: the second `exp + leeway` itself is still accepted.
    AfterLimit,
    /// `exp + leeway ≤ now`: rejected from the second `exp + leeway` on.
    AtLimit,
    /// The scenario's `boundary` decides (the lesson's rule).
    ByBoundary,
}

/// A library's leeway when nobody configures one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultLeeway {
    Ticks(u64),
    /// The scenario's `leeway` (the lesson's rule).
    Lesson,
}

/// How a library reads an `exp` (or `nbf`, `iat`) that is not a whole number, e.g. `1000.6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fraction {
    /// Cut to the second below (`int()`, `longValue()`, `Math.Truncate`): 1000.6 is 1000.
    Truncate,
    /// Rounded to the nearest second (`f64::round`): 1000.6 is 1001, 1000.4 is 1000.
    Round,
    /// Rounded to the nearest second, a half to the even one (.NET's `Convert.ToInt64(double)`):
    /// 1000.6 is 1001, 1000.5 is 1000, 1001.5 is 1002.
    RoundHalfEven,
    /// Compared as it is against a whole-second clock: in whole seconds it is the second above
    /// (node: `floor(now) >= 1000.6` first holds at 1001).
    AsIs,
    /// The lesson has only whole ticks.
    WholeTicks,
}

impl Fraction {
    /// The whole second a claim `raw` is compared as, or `None` when the library refuses it
    /// (negative, not finite, or past the largest time).
    pub fn whole_seconds(self, raw: f64) -> Option<u64> {
        let whole = match self {
            Fraction::Truncate | Fraction::WholeTicks => raw.trunc(),
            Fraction::Round => raw.round(),
            Fraction::RoundHalfEven => raw.round_ties_even(),
            Fraction::AsIs => raw.ceil(),
        };
        // `u64::MAX as f64` rounds up to 2^64, which itself does not fit.
        (raw.is_finite() && raw >= 0.0 && whole < u64::MAX as f64).then_some(whole as u64)
    }
}

/// A time claim a validator may check besides `exp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Not before: rejected while `nbf > now + leeway`.
    Nbf,
    /// Issued at: rejected while `iat > now + leeway` (PyJWT only).
    Iat,
}

impl Claim {
    pub fn name(self) -> &'static str {
        match self {
            Claim::Nbf => "nbf",
            Claim::Iat => "iat",
        }
    }
}

/// One library, as it is configured by default and as it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidatorRow {
    /// The name in scripts and files: `pyjwt`.
    pub name: &'static str,
    /// Older names still read from files (`jsonwebtoken` is the Rust crate).
    pub aliases: &'static [&'static str],
    pub library: &'static str,
    /// The library's short name on screen (the JWT screen): `PyJWT`, `.NET`.
    pub shown: &'static str,
    /// The version whose source the row was read from.
    pub version: &'static str,
    pub default_leeway: DefaultLeeway,
    /// Where the library takes its leeway: `leeway=`, `Validation::leeway`, ...
    pub leeway_option: &'static str,
    /// The comparison as the source writes it.
    pub source_rule: &'static str,
    pub rejects: Rejects,
    /// Besides `exp`, in the order the library checks them (all: rejected while the claim is
    /// past `now + leeway`, by default configuration).
    pub checks: &'static [Claim],
    /// Refuses a token without `exp` (by default configuration).
    pub requires_exp: bool,
    pub fraction: Fraction,
    /// Where `fraction` comes from: the source file and line that reads the claim, or the run
    /// that measured it.
    pub fraction_source: &'static str,
    /// The library's words for an expired token; `{exp}` is the instant, ISO 8601.
    pub expired_words: &'static str,
    /// Its words for a token not valid yet; `{claim}` is `nbf` or `iat`, `{at}` the instant.
    pub not_yet_words: &'static str,
    /// One line for help and the reference.
    pub doc: &'static str,
}

/// Every validator. The lesson's rule comes first: it is the default.
pub const TABLE: &[ValidatorRow] = &[
    ValidatorRow {
        name: "lesson",
        aliases: &[],
        library: "the lesson's rule",
        shown: "lesson",
        version: "-",
        default_leeway: DefaultLeeway::Lesson,
        leeway_option: "`policy leeway N`",
        source_rule: "`exp + leeway` past now under the scenario's boundary",
        rejects: Rejects::ByBoundary,
        checks: &[],
        requires_exp: true,
        fraction: Fraction::WholeTicks,
        fraction_source: "-",
        expired_words: "token expired",
        not_yet_words: "token not yet valid ({claim})",
        doc: "the scenario's own boundary and leeway",
    },
    ValidatorRow {
        name: "pyjwt",
        aliases: &[],
        library: "PyJWT",
        shown: "PyJWT",
        version: "2.15.1",
        default_leeway: DefaultLeeway::Ticks(0),
        leeway_option: "`jwt.decode(leeway=)`",
        source_rule: "`exp <= now - leeway`, `now` with sub-second precision",
        rejects: Rejects::AtLimit,
        checks: &[Claim::Iat, Claim::Nbf],
        requires_exp: false,
        fraction: Fraction::Truncate,
        fraction_source: "measured by `benches/peers/validators.sh` (PyJWT 2.15.1)",
        expired_words: "Signature has expired",
        not_yet_words: "The token is not yet valid ({claim})",
        doc: "Python: no leeway, the exp second itself rejected; iat and nbf in the future rejected",
    },
    ValidatorRow {
        name: "jsonwebtoken-rs",
        aliases: &["jsonwebtoken"],
        library: "jsonwebtoken (Rust crate)",
        shown: "jsonwebtoken-rs",
        version: "12.0.0",
        default_leeway: DefaultLeeway::Ticks(60),
        leeway_option: "`Validation::leeway`",
        source_rule: "`exp < now - leeway`, `now` in whole seconds",
        rejects: Rejects::AfterLimit,
        checks: &[],
        requires_exp: true,
        fraction: Fraction::Round,
        fraction_source: "measured by `tests/validators_differential.rs` (the crate 12.0.0)",
        expired_words: "ExpiredSignature",
        not_yet_words: "ImmatureSignature",
        doc: "Rust: 60 s of leeway, the second exp + leeway still accepted; nbf off by default",
    },
    ValidatorRow {
        name: "jsonwebtoken-js",
        aliases: &[],
        library: "jsonwebtoken (node)",
        shown: "jsonwebtoken-js",
        version: "9.0.3",
        default_leeway: DefaultLeeway::Ticks(0),
        leeway_option: "`clockTolerance`",
        source_rule: "`now >= exp + clockTolerance`, `now` = `floor(Date.now() / 1000)`",
        rejects: Rejects::AtLimit,
        checks: &[Claim::Nbf],
        requires_exp: false,
        fraction: Fraction::AsIs,
        fraction_source: "measured by `benches/peers/validators.sh` (jsonwebtoken 9.0.3)",
        expired_words: "jwt expired",
        not_yet_words: "jwt not active",
        doc: "node: no tolerance, the exp second itself rejected; nbf in the future rejected",
    },
    ValidatorRow {
        name: "spring",
        aliases: &[],
        library: "Spring Security JwtTimestampValidator",
        shown: "Spring",
        version: "6.x",
        default_leeway: DefaultLeeway::Ticks(60),
        leeway_option: "`setClockSkew`",
        source_rule: "`now - clockSkew` after `exp`, `now` with nanoseconds",
        rejects: Rejects::AtLimit,
        checks: &[Claim::Nbf],
        requires_exp: false,
        fraction: Fraction::Truncate,
        fraction_source: "nimbus-jose-jwt 9.38, which Spring's `NimbusJwtDecoder` parses with: `JWTClaimsSet.java:990` `new Date(JSONObjectUtils.getLong(json, \"exp\") * 1000)`, `JSONObjectUtils.java:253` `value.longValue()`; Spring's own `ObjectToInstantConverter.java:52` also takes `longValue()` of a number",
        expired_words: "Jwt expired at {exp}",
        not_yet_words: "Jwt used before {at}",
        doc: "Java: 60 s of clock skew on a sub-second clock: rejected from the second exp + skew",
    },
    ValidatorRow {
        name: "dotnet",
        aliases: &[],
        library: ".NET IdentityModel Validators.ValidateLifetime",
        shown: ".NET",
        version: "8.x",
        default_leeway: DefaultLeeway::Ticks(300),
        leeway_option: "`TokenValidationParameters.ClockSkew`",
        source_rule: "`exp < now - ClockSkew`, `now` with sub-second precision",
        rejects: Rejects::AtLimit,
        checks: &[Claim::Nbf],
        requires_exp: true,
        fraction: Fraction::RoundHalfEven,
        fraction_source: "IdentityModel 8.2: `JsonWebToken.PayloadClaimSet.cs:86` and `JwtPayload.cs:89` read `exp` with `JsonSerializerPrimitives.ReadLong`, which for a number that is not an integer does `Convert.ToInt64(d)` (`JsonSerializerPrimitives.cs:541`)",
        expired_words: "IDX10223: Lifetime validation failed. The token is expired.",
        not_yet_words: "IDX10222: Lifetime validation failed. The token is not yet valid.",
        doc: "C#: 300 s of clock skew on a sub-second clock: rejected from the second exp + skew",
    },
];

// A validator is a row's position in a byte.
const _: () = assert!(TABLE.len() <= u8::MAX as usize);

/// A row of [`TABLE`], by position.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Validator(u8);

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Validator {
    /// The lesson's rule (the first row).
    pub const LESSON: Validator = Validator(0);

    /// Every validator, in the table's order.
    pub const ALL: [Validator; TABLE.len()] = {
        let mut all = [Validator(0); TABLE.len()];
        let mut i = 0;
        while i < TABLE.len() {
            all[i] = Validator(i as u8);
            i += 1;
        }
        all
    };

    pub fn row(self) -> &'static ValidatorRow {
        &TABLE[usize::from(self.0)]
    }

    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// By its name or one of its older names (`jsonwebtoken` is `jsonwebtoken-rs`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|v| v.name() == name || v.row().aliases.contains(&name))
    }

    /// Every name, for error messages: `lesson, pyjwt, jsonwebtoken-rs, …`.
    pub fn names() -> String {
        Self::ALL.map(Validator::name).join(", ")
    }

    /// Every name for a script's argument hint: `lesson|pyjwt|…`.
    pub fn hint() -> String {
        Self::ALL.map(Validator::name).join("|")
    }

    /// The leeway this judge uses: the configured one, else the library's default.
    pub fn leeway(self, lesson: LessonRule, configured: Option<u64>) -> u64 {
        configured.unwrap_or(match self.row().default_leeway {
            DefaultLeeway::Ticks(n) => n,
            DefaultLeeway::Lesson => lesson.leeway,
        })
    }

    /// The boundary of its `exp` comparison in whole seconds: `Lesson` (`<`), `Rfc7519` (`≤`).
    pub fn boundary(self, lesson: LessonRule) -> Boundary {
        match self.row().rejects {
            Rejects::AfterLimit => Boundary::Lesson,
            Rejects::AtLimit => Boundary::Rfc7519,
            Rejects::ByBoundary => lesson.boundary,
        }
    }

    /// The first whole second at which this judge rejects a token expiring at `exp` (exact:
    /// `exp + leeway + 1` for the Rust crate can pass the largest time).
    pub fn first_rejected(self, lesson: LessonRule, configured: Option<u64>, exp: u64) -> u128 {
        let limit = Sum::new(exp, self.leeway(lesson, configured)).exact();
        match self.boundary(lesson) {
            Boundary::Lesson => limit + 1,
            Boundary::Rfc7519 => limit,
        }
    }

    /// The last tick at which this validator accepts a token expiring at `exp` (`None`: not
    /// even at tick 0), so every front end says "accepted until" from the same rule as
    /// [`judge`](Self::judge).
    pub fn last_accepted(
        self,
        lesson: LessonRule,
        configured: Option<u64>,
        exp: u64,
    ) -> Option<u64> {
        let first = self.first_rejected(lesson, configured, exp);
        first
            .checked_sub(1)
            .map(|last| u64::try_from(last).unwrap_or(u64::MAX))
    }

    /// Judges a token at `now` with the configured leeway (`None`: the library's default).
    pub fn judge(
        self,
        lesson: LessonRule,
        configured: Option<u64>,
        token: TokenTimes,
        now: u64,
    ) -> Judgement {
        let leeway = self.leeway(lesson, configured);
        let boundary = self.boundary(lesson);
        let not_yet = token.issued.and_then(|issued| {
            let future = u128::from(issued) > u128::from(now) + u128::from(leeway);
            let claim = self.row().checks.first().copied()?;
            future.then_some(NotYet { claim, at: issued })
        });
        let expired = boundary.is_past_exact(Sum::new(token.exp, leeway).exact(), now.into());
        let ruling = match (not_yet, expired) {
            (Some(n), _) => Ruling::NotYetValid(n),
            (None, true) => Ruling::Expired,
            (None, false) => Ruling::Accepted,
        };
        Judgement {
            validator: self,
            exp: token.exp,
            now,
            leeway,
            configured: configured.is_some(),
            boundary,
            ruling,
        }
    }
}

/// What a judge reads of an access token: its `exp`, and when it was issued (`iat` and `nbf`
/// both carry the issue tick; `None` for a token held since the scenario began, which has
/// neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenTimes {
    pub exp: u64,
    pub issued: Option<u64>,
}

impl TokenTimes {
    pub fn new(exp: u64, issued: Option<u64>) -> Self {
        Self { exp, issued }
    }
}

/// A token from the future: the claim checked first and the tick it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotYet {
    pub claim: Claim,
    pub at: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ruling {
    Accepted,
    Expired,
    NotYetValid(NotYet),
}

/// One validator's verdict on one token at one tick, with the comparison it made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    pub validator: Validator,
    pub exp: u64,
    pub now: u64,
    pub leeway: u64,
    /// The leeway was configured (not the library's default).
    pub configured: bool,
    /// `Lesson` (`<`): rejects when `exp + leeway < now`; `Rfc7519` (`≤`): when `exp + leeway ≤ now`.
    pub boundary: Boundary,
    pub ruling: Ruling,
}

impl Judgement {
    pub fn accepted(&self) -> bool {
        self.ruling == Ruling::Accepted
    }

    /// Accepted only because of the leeway: past `exp` by the same boundary.
    pub fn in_leeway(&self) -> bool {
        self.accepted() && self.boundary.is_past(self.exp, self.now)
    }

    /// `exp + leeway` as compared (exact).
    pub fn limit(&self) -> Sum {
        Sum::new(self.exp, self.leeway)
    }

    /// Accepted now and rejected one tick later by the same judge.
    pub fn last_tick(&self) -> bool {
        self.accepted()
            && self
                .boundary
                .is_past_exact(self.limit().exact(), u128::from(self.now) + 1)
    }
}

/// An access token's standing by its judge (the user's API validator) at one tick: the one
/// status the table, `show`, the lines and the panels word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessStatus {
    Valid {
        remaining: u64,
        /// Accepted now, rejected one tick later.
        last_tick: bool,
    },
    /// Valid, but inside the client's early window: the client would refresh it now.
    RefreshDue {
        remaining: u64,
    },
    /// Past `exp`, accepted by the validator's leeway.
    Leeway {
        since: u64,
        last_tick: bool,
    },
    Expired {
        since: u64,
    },
    /// Issued after now (the clock was moved back): the judge checks `iat` or `nbf`.
    NotYetValid {
        claim: Claim,
        from: u64,
    },
    /// Opaque and revoked at the server (introspection says inactive).
    Revoked {
        at: u64,
    },
}

impl Named for Validator {
    const ALL: &'static [Self] = &Validator::ALL;
    const WHAT: &'static str = "validator";
    fn name(self) -> &'static str {
        Validator::name(self)
    }
    /// With the table's older names (`jsonwebtoken` is the Rust crate).
    fn from_name(name: &str) -> Option<Self> {
        Validator::from_name(name)
    }
}

impl AccessStatus {
    /// The status a judgement gives. `client_refreshes`: whether the client's own refresh rule
    /// (its boundary and early window) refreshes this token at the judgement's tick.
    pub fn of(judgement: &Judgement, client_refreshes: bool) -> Self {
        let (exp, now) = (judgement.exp, judgement.now);
        match judgement.ruling {
            Ruling::NotYetValid(n) => AccessStatus::NotYetValid {
                claim: n.claim,
                from: n.at.saturating_sub(judgement.leeway),
            },
            Ruling::Expired => AccessStatus::Expired {
                since: now.saturating_sub(exp),
            },
            Ruling::Accepted if judgement.in_leeway() => AccessStatus::Leeway {
                since: now.saturating_sub(exp),
                last_tick: judgement.last_tick(),
            },
            Ruling::Accepted => {
                let remaining = exp.saturating_sub(now);
                let last_tick = judgement.last_tick();
                // The client refreshes by its own rule (the early window, or a token it counts
                // as expired that this API still accepts): say so beside the API's verdict.
                if !last_tick && client_refreshes {
                    AccessStatus::RefreshDue { remaining }
                } else {
                    AccessStatus::Valid {
                        remaining,
                        last_tick,
                    }
                }
            }
        }
    }

    /// Not past `exp` by the judge's boundary: valid or refresh due (a token that only a leeway
    /// still accepts is not valid).
    pub fn is_valid(self) -> bool {
        match self {
            AccessStatus::Valid { .. } | AccessStatus::RefreshDue { .. } => true,
            AccessStatus::Leeway { .. }
            | AccessStatus::Expired { .. }
            | AccessStatus::NotYetValid { .. }
            | AccessStatus::Revoked { .. } => false,
        }
    }

    /// The API accepts it.
    pub fn accepted(self) -> bool {
        match self {
            AccessStatus::Valid { .. }
            | AccessStatus::RefreshDue { .. }
            | AccessStatus::Leeway { .. } => true,
            AccessStatus::Expired { .. }
            | AccessStatus::NotYetValid { .. }
            | AccessStatus::Revoked { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Policy;

    fn v(name: &str) -> Validator {
        Validator::from_name(name).unwrap_or_else(|| panic!("no validator {name}"))
    }

    fn accepted(name: &str, exp: u64, now: u64) -> bool {
        v(name)
            .judge(
                Policy::default().lesson_rule(),
                None,
                TokenTimes::new(exp, None),
                now,
            )
            .accepted()
    }

    #[test]
    fn pyjwt_and_node_reject_at_exp() {
        for name in ["pyjwt", "jsonwebtoken-js"] {
            assert!(accepted(name, 1000, 999));
            assert!(!accepted(name, 1000, 1000));
            assert!(!accepted(name, 1000, 1001));
        }
    }

    #[test]
    fn the_rust_crate_accepts_through_exp_plus_60() {
        assert!(
            accepted("jsonwebtoken-rs", 1000, 1060),
            "exp + leeway still accepted"
        );
        assert!(!accepted("jsonwebtoken-rs", 1000, 1061));
        let j = v("jsonwebtoken-rs").judge(
            Policy::default().lesson_rule(),
            None,
            TokenTimes::new(1000, None),
            1060,
        );
        assert!(j.in_leeway() && j.last_tick());
    }

    #[test]
    fn spring_and_dotnet_reject_from_the_second_exp_plus_skew() {
        assert!(accepted("spring", 1000, 1059));
        assert!(
            !accepted("spring", 1000, 1060),
            "leeway.toml: time 1060; call spring is 401"
        );
        assert!(accepted("dotnet", 1000, 1299));
        assert!(!accepted("dotnet", 1000, 1300));
    }

    #[test]
    fn a_configured_leeway_replaces_the_default() {
        let p = Policy::default();
        let t = TokenTimes::new(1000, None);
        assert!(
            v("pyjwt")
                .judge(p.lesson_rule(), Some(30), t, 1029)
                .accepted()
        );
        assert!(
            !v("pyjwt")
                .judge(p.lesson_rule(), Some(30), t, 1030)
                .accepted()
        );
        assert!(
            !v("jsonwebtoken-rs")
                .judge(p.lesson_rule(), Some(0), t, 1001)
                .accepted()
        );
        assert_eq!(v("dotnet").judge(p.lesson_rule(), Some(5), t, 0).leeway, 5);
        assert!(v("dotnet").judge(p.lesson_rule(), Some(5), t, 0).configured);
    }

    #[test]
    fn the_lesson_row_follows_the_scenarios_boundary_and_leeway() {
        let mut p = Policy::default();
        let t = TokenTimes::new(1000, None);
        assert!(
            Validator::LESSON
                .judge(p.lesson_rule(), None, t, 1000)
                .accepted()
        );
        assert!(
            !Validator::LESSON
                .judge(p.lesson_rule(), None, t, 1001)
                .accepted()
        );
        p.boundary = Boundary::Rfc7519;
        p.leeway = 5;
        assert!(
            Validator::LESSON
                .judge(p.lesson_rule(), None, t, 1004)
                .accepted()
        );
        assert!(
            !Validator::LESSON
                .judge(p.lesson_rule(), None, t, 1005)
                .accepted()
        );
    }

    #[test]
    fn a_token_from_the_future_is_refused_by_the_libraries_that_check_iat_or_nbf() {
        let p = Policy::default();
        let t = TokenTimes::new(600, Some(300));
        for validator in Validator::ALL {
            let j = validator.judge(p.lesson_rule(), None, t, 200);
            let leeway = validator.leeway(p.lesson_rule(), None);
            let checks = !validator.row().checks.is_empty();
            assert_eq!(
                j.accepted(),
                !(checks && 300 > 200 + leeway),
                "{validator:?}"
            );
        }
        let py = v("pyjwt").judge(p.lesson_rule(), None, t, 200);
        assert_eq!(
            py.ruling,
            Ruling::NotYetValid(NotYet {
                claim: Claim::Iat,
                at: 300
            })
        );
        // At the issue tick itself the token is valid.
        assert!(v("pyjwt").judge(p.lesson_rule(), None, t, 300).accepted());
    }

    #[test]
    fn first_rejected_is_the_first_tick_judge_rejects_for_every_row() {
        let p = Policy {
            leeway: 7,
            ..Policy::default()
        };
        for validator in Validator::ALL {
            for configured in [None, Some(0), Some(3)] {
                let first = validator.first_rejected(p.lesson_rule(), configured, 1000);
                let first = u64::try_from(first).unwrap_or(u64::MAX);
                let judge = |now| {
                    validator
                        .judge(
                            p.lesson_rule(),
                            configured,
                            TokenTimes::new(1000, None),
                            now,
                        )
                        .accepted()
                };
                assert!(judge(first - 1), "{validator:?} {configured:?}");
                assert!(!judge(first), "{validator:?} {configured:?}");
                let j = validator.judge(
                    p.lesson_rule(),
                    configured,
                    TokenTimes::new(1000, None),
                    first - 1,
                );
                assert!(j.last_tick());
            }
        }
    }

    #[test]
    fn fractions_are_read_as_each_library_reads_them() {
        assert_eq!(Fraction::Truncate.whole_seconds(1000.6), Some(1000));
        assert_eq!(Fraction::Round.whole_seconds(1000.6), Some(1001));
        assert_eq!(Fraction::Round.whole_seconds(1000.4), Some(1000));
        assert_eq!(Fraction::Round.whole_seconds(1000.5), Some(1001));
        assert_eq!(Fraction::RoundHalfEven.whole_seconds(1000.5), Some(1000));
        assert_eq!(Fraction::RoundHalfEven.whole_seconds(1001.5), Some(1002));
        assert_eq!(Fraction::RoundHalfEven.whole_seconds(1000.6), Some(1001));
        assert_eq!(Fraction::AsIs.whole_seconds(1000.4), Some(1001));
        assert_eq!(Fraction::AsIs.whole_seconds(1000.0), Some(1000));
        assert_eq!(Fraction::Truncate.whole_seconds(-1.0), None);
        assert_eq!(Fraction::Round.whole_seconds(f64::NAN), None);
        assert_eq!(Fraction::Round.whole_seconds(1e30), None);
    }

    #[test]
    fn the_last_accepted_tick_is_the_last_tick_judge_accepts() {
        let policy = Policy::default();
        for v in Validator::ALL {
            for exp in [0, 1, 300, 1000, u64::MAX - 1, u64::MAX] {
                for leeway in [None, Some(0), Some(30)] {
                    match v.last_accepted(policy.lesson_rule(), leeway, exp) {
                        Some(last) => {
                            let t = TokenTimes::new(exp, None);
                            assert!(
                                v.judge(policy.lesson_rule(), leeway, t, last).accepted(),
                                "{v:?} {exp}"
                            );
                            if let Some(next) = last.checked_add(1) {
                                let judged = v.judge(policy.lesson_rule(), leeway, t, next);
                                assert!(!judged.accepted(), "{v:?} {exp}");
                            }
                        }
                        None => {
                            let t = TokenTimes::new(exp, None);
                            assert!(
                                !v.judge(policy.lesson_rule(), leeway, t, 0).accepted(),
                                "{v:?} {exp}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn names_round_trip_and_list_every_validator() {
        for validator in Validator::ALL {
            assert_eq!(Validator::from_name(validator.name()), Some(validator));
            for alias in validator.row().aliases {
                assert_eq!(Validator::from_name(alias), Some(validator));
            }
        }
        assert_eq!(
            Validator::from_name("jsonwebtoken"),
            Validator::from_name("jsonwebtoken-rs")
        );
        let names: Vec<&str> = TABLE.iter().map(|r| r.name).collect();
        assert_eq!(Validator::names(), names.join(", "));
        assert_eq!(Validator::hint(), names.join("|"));
        assert_eq!(Validator::default(), Validator::LESSON);
    }

    #[test]
    fn sums_past_the_largest_time_are_exact() {
        let p = Policy::default();
        let t = TokenTimes::new(u64::MAX, None);
        assert!(
            !v("pyjwt")
                .judge(p.lesson_rule(), None, t, u64::MAX)
                .accepted()
        );
        assert!(
            v("dotnet")
                .judge(p.lesson_rule(), None, t, u64::MAX)
                .accepted()
        );
        assert!(
            !v("jsonwebtoken-rs")
                .judge(p.lesson_rule(), None, t, u64::MAX)
                .last_tick()
        );
    }
}
