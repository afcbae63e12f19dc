//! The validators table in words: the Markdown reference the README carries, and each row's help
//! line. Everything comes from [`TABLE`]; adding a row adds its line here.

use crate::domain::oauth::validator::{DefaultLeeway, Fraction, Rejects, TABLE, ValidatorRow};

/// The whole-second rule a row's comparison comes to.
pub fn rejects_words(row: &ValidatorRow) -> &'static str {
    match row.rejects {
        Rejects::AfterLimit => "`exp + leeway < now`",
        Rejects::AtLimit => "`exp + leeway <= now`",
        Rejects::ByBoundary => "`exp + leeway` past now under the scenario's boundary",
    }
}

fn leeway_words(row: &ValidatorRow) -> String {
    match row.default_leeway {
        DefaultLeeway::Ticks(n) => n.to_string(),
        DefaultLeeway::Lesson => "the scenario's `leeway`".to_owned(),
    }
}

fn fraction_words(fraction: Fraction) -> &'static str {
    match fraction {
        Fraction::Truncate => "truncated",
        Fraction::Round => "rounded (a half up)",
        Fraction::RoundHalfEven => {
            "rounded, a half to even (`Convert.ToInt64`: 1000.5 is 1000, 1001.5 is 1002)"
        }
        Fraction::AsIs => "as is (in whole seconds: rounded up)",
        Fraction::WholeTicks => "whole ticks only",
    }
}

fn checks_words(row: &ValidatorRow) -> String {
    let mut claims = vec!["`exp`".to_owned()];
    claims.extend(row.checks.iter().map(|c| format!("`{}`", c.name())));
    claims.join(", ")
}

/// One line per validator for help: `pyjwt  PyJWT 2.15.1: Python: no leeway, …`.
pub fn help_lines() -> Vec<String> {
    let width = TABLE.iter().map(|r| r.name.len()).max().unwrap_or(0);
    TABLE
        .iter()
        .map(|r| format!("{:width$}  {}", r.name, r.doc))
        .collect()
}

/// The validators as a Markdown table (the README's reference).
pub fn markdown() -> String {
    let mut out = String::from(
        "| `validator` | library (version read) | default leeway (configured by) | rejects when | as the source compares | checks | fractional `exp` | without `exp` |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for row in TABLE {
        out.push_str(&format!(
            "| `{}` | {} | {} ({}) | {} | {} | {} | {} | {} |\n",
            row.name,
            if row.version == "-" {
                row.library.to_owned()
            } else {
                format!("{} {}", row.library, row.version)
            },
            leeway_words(row),
            row.leeway_option,
            rejects_words(row),
            row.source_rule,
            checks_words(row),
            if row.fraction_source == "-" {
                fraction_words(row.fraction).to_owned()
            } else {
                format!("{}: {}", fraction_words(row.fraction), row.fraction_source)
            },
            if row.requires_exp {
                "refused"
            } else {
                "accepted"
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_has_a_row_per_validator() {
        let table = markdown();
        assert_eq!(table.lines().count(), TABLE.len() + 2);
        for row in TABLE {
            assert!(table.contains(&format!("| `{}` |", row.name)), "{table}");
        }
        assert_eq!(help_lines().len(), TABLE.len());
    }
}
