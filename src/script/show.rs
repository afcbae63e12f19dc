//! `show`: the clock and a plain-text table of every user, in aligned columns.

use crate::domain::phase::lesson_status;
use crate::domain::{AccessStatus, Policy, Scenario};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

const HEADERS: [&str; 5] = ["user", "token", "expiry", "remaining", "status"];
const GAP: &str = "  ";

/// Writes the clock, the rule and one row per user, e.g.
///
/// ```text
/// current_time = 120  (refresh when expiry < now)
/// user   token   expiry  remaining  status
/// alice  abc123     100          -  expired 20 ticks ago
/// bob    def456     200         80  valid
/// ```
pub fn write_table(out: &mut impl Write, scenario: &Scenario) -> io::Result<()> {
    let policy = &scenario.policy;
    let now = scenario.now();
    // With the real-world model, each user's validator judges with its own leeway (a column).
    let rule = if policy.model.is_some() {
        crate::words::rule_line(policy)
    } else {
        rule(policy)
    };
    writeln!(out, "current_time = {now}  ({rule})")?;
    if scenario.tokens.is_empty() {
        return writeln!(out, "(no users)");
    }
    if scenario.policy.model.is_some() {
        return super::show_model::write_rows(out, scenario);
    }

    let mut widths = HEADERS.map(str::len);
    for (name, token) in scenario.tokens.iter() {
        widths[0] = widths[0].max(name.width());
        widths[1] = widths[1].max(token.value.width());
        widths[2] = widths[2].max(digits(token.expiry));
        if let Some(remaining) = remaining_of(lesson_status(policy, token.expiry, now)) {
            widths[3] = widths[3].max(digits(remaining));
        }
    }

    write_left(out, HEADERS[0], widths[0])?;
    write_left(out, HEADERS[1], widths[1])?;
    write!(
        out,
        "{:>w2$}{GAP}{:>w3$}{GAP}{}",
        HEADERS[2],
        HEADERS[3],
        HEADERS[4],
        w2 = widths[2],
        w3 = widths[3]
    )?;
    writeln!(out)?;
    for (name, token) in scenario.tokens.iter() {
        let status = lesson_status(policy, token.expiry, now);
        write_left(out, name, widths[0])?;
        write_left(out, token.value, widths[1])?;
        write!(out, "{:>w$}{GAP}", token.expiry, w = widths[2])?;
        match remaining_of(status) {
            Some(remaining) => write!(out, "{remaining:>w$}", w = widths[3])?,
            None => write!(out, "{:>w$}", "-", w = widths[3])?,
        }
        writeln!(out, "{GAP}{}", status_text(status))?;
    }
    Ok(())
}

/// The rule in words, with the leeway when there is one.
fn rule(policy: &Policy) -> String {
    let mut rule = crate::words::rule_line(policy);
    if policy.leeway > 0 {
        rule.push_str(&format!("; leeway {}", policy.leeway));
    }
    rule
}

/// The ticks left to a token that is valid (not one only a leeway accepts).
fn remaining_of(status: AccessStatus) -> Option<u64> {
    match status {
        AccessStatus::Valid { remaining, .. } | AccessStatus::RefreshDue { remaining } => {
            Some(remaining)
        }
        _ => None,
    }
}

/// A status in words; never only a colour, since this is plain text.
pub fn status_text(status: AccessStatus) -> String {
    crate::words::show_status(status)
}

/// Text padded to a display width (wide characters count as two columns), then the gap.
fn write_left(out: &mut impl Write, text: &str, width: usize) -> io::Result<()> {
    let pad = width.saturating_sub(text.width());
    write!(out, "{text}{:pad$}{GAP}", "")
}

fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Token;

    fn table(scenario: &Scenario) -> String {
        let mut out = Vec::new();
        write_table(&mut out, scenario).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_lesson_table_is_aligned() {
        assert_eq!(
            table(&Scenario::lesson()),
            "current_time = 120  (refresh when expiry < now)\n\
             user   token   expiry  remaining  status\n\
             alice  abc123     100          -  expired 20 ticks ago\n\
             bob    def456     200         80  valid\n\
             carol  ghi789      50          -  expired 70 ticks ago\n"
        );
    }

    #[test]
    fn wide_names_leeway_and_the_boundary_tick() {
        let mut s = Scenario::lesson();
        s.policy.leeway = 30;
        s.tokens
            .insert("李小龙".into(), Token::new("t", 120))
            .unwrap();
        s.tokens.insert("x".into(), Token::new("t", 119)).unwrap();
        assert_eq!(
            table(&s),
            "current_time = 120  (refresh when expiry < now; leeway 30)\n\
             user    token   expiry  remaining  status\n\
             alice   abc123     100          -  accepted by leeway, expired 20 ticks ago\n\
             bob     def456     200         80  valid\n\
             carol   ghi789      50          -  expired 70 ticks ago\n\
             李小龙  t          120          0  valid\n\
             x       t          119          -  accepted by leeway, expired 1 tick ago\n"
        );
    }

    #[test]
    fn an_empty_store_says_so() {
        let s = Scenario {
            tokens: Default::default(),
            ..Scenario::lesson()
        };
        assert_eq!(
            table(&s),
            "current_time = 120  (refresh when expiry < now)\n(no users)\n"
        );
    }

    #[test]
    fn digits_counts_decimal_places() {
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
        assert_eq!(digits(10), 2);
        assert_eq!(digits(u64::MAX), 20);
    }
}
