//! A token's times and its verdicts in words, for `show` and the app alike. Claim text that
//! came from the token goes through the project's sanitiser here, so no front end can forget.

use super::decode::Jwt;
use super::libraries::Fraction;
use super::numeric_date::{NumericDate, timestamp};
use super::verdict::{Reason, Verdict};
use crate::domain::Boundary;
use crate::domain::text::sanitize;

/// `2026-12-06T10:04:00Z`.
pub fn date_time(seconds: u64) -> String {
    timestamp(seconds).to_string()
}

/// `now 2026-12-06T10:00:00Z (1796551200)`.
pub fn clock(now: u64) -> String {
    format!("now {} ({now})", date_time(now))
}

/// `in 4m 12s`, `12m ago`, `now`: the two largest units of the distance from `now`.
pub fn relative(at: u64, now: u64) -> String {
    if at == now {
        return "now".to_owned();
    }
    let span = duration(at.abs_diff(now));
    if at > now {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// `4m 12s`, `2d 3h`, `1h`, `0s`: at most two units, largest first, zeros left out.
pub fn duration(seconds: u64) -> String {
    let units = [(86_400, "d"), (3600, "h"), (60, "m"), (1, "s")];
    let mut rest = seconds;
    let mut parts = Vec::new();
    for (size, unit) in units {
        let count = rest / size;
        rest %= size;
        if count > 0 {
            parts.push(format!("{count}{unit}"));
        } else if !parts.is_empty() {
            // A zero between units ends the span (`1h 0m` is `1h`).
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    if parts.is_empty() {
        "0s".to_owned()
    } else {
        parts.join(" ")
    }
}

/// A time claim: `2026-12-06T10:04:00Z (in 4m)`, with the number when it has a fraction;
/// `—` when absent.
pub fn claim_time(date: Option<NumericDate>, now: u64) -> String {
    match date {
        None => "—".to_owned(),
        Some(date) => {
            let fraction = if date.has_fraction() {
                format!(" = {date}")
            } else {
                String::new()
            };
            format!(
                "{}{fraction} ({})",
                date_time(date.truncated()),
                relative(date.truncated(), now)
            )
        }
    }
}

/// The token's subject (or `token N`), sanitised.
pub fn label(jwt: &Jwt, index: usize) -> String {
    sanitize(&jwt.label(index)).into_owned()
}

/// The header's `alg`, sanitised (the signature's words flag `none`).
pub fn alg(jwt: &Jwt) -> String {
    sanitize(&jwt.alg).into_owned()
}

/// The header as JSON, sanitised.
pub fn header(jwt: &Jwt) -> String {
    sanitize(&jwt.header_json()).into_owned()
}

/// The claims, one `name: value` line each (values as JSON), sanitised.
pub fn claims(jwt: &Jwt) -> Vec<String> {
    jwt.claims
        .iter()
        .map(|(name, value)| format!("{}: {}", sanitize(name), sanitize(&value.to_string())))
        .collect()
}

/// `accepts` or `rejects`.
pub fn verb(accepted: bool) -> &'static str {
    if accepted { "accepts" } else { "rejects" }
}

/// The comparison that decided: `exp 1000 + 60 ≥ now 1030`, `nbf 2000 > now 1000 + 0`, ...
pub fn comparison(reason: &Reason) -> String {
    match reason {
        Reason::Exp {
            read,
            written,
            fraction,
            leeway,
            boundary,
            now,
            accepted,
        } => {
            let op = match (boundary, accepted) {
                (Boundary::Lesson, true) => "≥",
                (Boundary::Lesson, false) => "<",
                (Boundary::Rfc7519, true) => ">",
                (Boundary::Rfc7519, false) => "≤",
            };
            let how = match (written, fraction) {
                (Some(w), Fraction::Truncated) => format!(" ({w} truncated)"),
                (Some(w), Fraction::Rounded) => format!(" ({w} rounded)"),
                (Some(w), Fraction::RoundedHalfEven) => format!(" ({w} rounded half to even)"),
                (Some(_), Fraction::AsIs) | (None, _) => String::new(),
            };
            format!("exp {read}{how} + {leeway} {op} now {now}")
        }
        Reason::NoExp { required: true } => "no exp, which it requires".to_owned(),
        Reason::NoExp { required: false } => "no exp, which it does not require".to_owned(),
        Reason::NotYet {
            claim,
            read,
            leeway,
            now,
        } => format!("{claim} {read} > now {now} + {leeway}"),
        Reason::Never { from, until } => {
            format!("valid from {from} but expired from {until}")
        }
    }
}

/// When the verdict changes: `rejects from 2026-12-06T10:04:00Z (in 4m)`, `rejected since …
/// (1m ago)`, `accepts from …`, `for ever`, `never accepts`.
pub fn change(verdict: &Verdict) -> String {
    match (verdict.accepted, verdict.next_change, verdict.since) {
        (true, Some(at), _) => format!("rejects from {}", at_words(at, verdict.now)),
        (true, None, _) => "accepts for ever".to_owned(),
        (false, Some(at), _) => format!("accepts from {}", at_words(at, verdict.now)),
        (false, None, Some(at)) => format!("rejected since {}", at_words(at, verdict.now)),
        (false, None, None) => "never accepts".to_owned(),
    }
}

fn at_words(at: u64, now: u64) -> String {
    format!("{} ({})", date_time(at), relative(at, now))
}

/// [`change`] with the time of day alone when the instant is on the clock's UTC date:
/// `rejects from 10:04:00Z (in 4m)`, for the narrow validators panel.
pub fn change_short(verdict: &Verdict) -> String {
    let long = change(verdict);
    let day = |at: u64| timestamp(at).strftime("%F").to_string();
    let at = verdict.next_change.or(verdict.since);
    match at {
        Some(at) if day(at) == day(verdict.now) => long.replacen(&format!("{}T", day(at)), "", 1),
        Some(_) | None => long,
    }
}

/// `show`'s line: `PyJWT           accepts: exp 1000 + 0 > now 999; rejects from … (in 1s)`.
pub fn verdict_line(verdict: &Verdict) -> String {
    format!(
        "{:<15} {}: {}; {}",
        verdict.library.row().shown,
        verb(verdict.accepted),
        comparison(&verdict.reason),
        change(verdict)
    )
}

/// The signature's standing when nobody asked to check it.
pub const NOT_CHECKED: &str = "signature not checked (--key FILE or --jwks FILE checks it)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_relative_times() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(252), "4m 12s");
        assert_eq!(duration(720), "12m");
        assert_eq!(duration(3600), "1h");
        assert_eq!(duration(3661), "1h 1m");
        assert_eq!(duration(86_400 + 7200 + 5), "1d 2h");
        assert_eq!(relative(1252, 1000), "in 4m 12s");
        assert_eq!(relative(280, 1000), "12m ago");
        assert_eq!(relative(5, 5), "now");
        assert_eq!(date_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(clock(60), "now 1970-01-01T00:01:00Z (60)");
    }
}
