//! `show`: the clock and a plain-text table of every user, in aligned columns. One row builder
//! for every front end that prints the users (`show` here, the handout's Markdown table): the
//! lesson's columns always (the token, its expiry, what remains and its status, by the user's
//! validator with the real-world model, by the lesson's rule otherwise), and the real-world
//! model's when it is on (the validator and the leeway it judges with, the refresh token, its
//! state and generation).

use crate::domain::oauth::{AccessKind, RtState, signed};
use crate::domain::phase::Judge;
use crate::domain::status::user_status;
use crate::domain::{AccessStatus, Policy, Scenario, UserRef};
use crate::words::oauth::rt_state_words;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

const GAP: &str = "  ";

/// A column: its header, whether its cells are numbers (the handout aligns those right), and
/// whether `show` aligns them right (every number column but the generation, which `show` has
/// always printed flush left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub number: bool,
    pub right: bool,
}

const fn column(header: &'static str, number: bool) -> Column {
    Column {
        header,
        number,
        right: number,
    }
}

/// The lesson's columns, which every table has.
const LESSON: [Column; 5] = [
    column("user", false),
    column("token", false),
    column("expiry", true),
    column("remaining", true),
    column("status", false),
];

/// The real-world model's columns after the lesson's; with them the token is the access token.
const REAL_WORLD: [Column; 5] = [
    column("validator", false),
    column("leeway", true),
    column("refresh", false),
    column("state", false),
    Column {
        header: "gen",
        number: true,
        right: false,
    },
];

/// Every user's row and the columns they fill.
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// One user's row: a cell per column, and the family in words for the handout (`login 0`,
/// `login 400, 1 earlier`; `None` in the lesson, and when not logged in and without earlier
/// families).
pub struct Row {
    pub cells: Vec<String>,
    pub family: Option<String>,
}

impl Table {
    /// Whether the real-world columns are shown (the real-world model is on).
    pub fn real_world(&self) -> bool {
        self.columns.len() > LESSON.len()
    }
}

/// The table of every user, as `show` and the handout print it.
pub fn table(scenario: &Scenario) -> Table {
    let real_world = scenario.policy.model.is_some();
    let mut columns = LESSON.to_vec();
    if real_world {
        columns[1].header = "access";
        columns.extend(REAL_WORLD);
    }
    let rows = scenario
        .tokens
        .users()
        .map(|(name, user)| row(scenario, name, user))
        .collect();
    Table { columns, rows }
}

/// One user's row: the lesson's cells, then the real-world model's when it is on.
fn row(scenario: &Scenario, name: &str, user: UserRef<'_>) -> Row {
    let policy = &scenario.policy;
    let now = scenario.now();
    let token = &user.token;
    let knobs = scenario.knobs_of(user);
    let status = user_status(scenario, user);
    let value = match knobs {
        // A signed token is shortened to its header's start and its signature's end.
        Some(_) => signed::shortened(token.value).into_owned(),
        None => token.value.to_owned(),
    };
    let mut cells = vec![
        name.to_owned(),
        value,
        token.expiry.to_string(),
        remaining_of(status).map_or_else(|| "-".to_owned(), |r| r.to_string()),
        status_text(status),
    ];
    let model = user.model;
    if let Some(knobs) = knobs {
        let state = model.map_or(RtState::None, |m| m.rt_state(&knobs, policy.boundary, now));
        let generation = model.and_then(|m| m.family.as_ref()).map(|f| f.generation);
        // An opaque token is judged by the server's own record (introspection), not a library.
        let judge = Judge::of(Some(&knobs));
        let judged_by = match knobs.access {
            AccessKind::Opaque => "introspection",
            AccessKind::Jwt => judge.validator.name(),
        };
        cells.extend([
            judged_by.to_owned(),
            judge
                .validator
                .leeway(policy.lesson_rule(), judge.leeway)
                .to_string(),
            model
                .map(|m| m.client.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| "-".to_owned()),
            rt_state_words(state).to_owned(),
            generation.map_or_else(|| "-".to_owned(), |g| g.to_string()),
        ]);
    }
    let family = model.and_then(|m| {
        let earlier = match m.earlier.len() {
            0 => String::new(),
            n => format!(", {n} earlier"),
        };
        match &m.family {
            Some(f) => Some(format!("login {}{earlier}", f.login_at)),
            None if !earlier.is_empty() => Some(format!("logged out{earlier}")),
            None => None,
        }
    });
    Row { cells, family }
}

/// Writes the clock, the rule and one row per user, e.g.
///
/// ```text
/// current_time = 120  (refresh when expiry < now)
/// user   token   expiry  remaining  status
/// alice  abc123     100          -  expired 20 ticks ago
/// bob    def456     200         80  valid
/// ```
///
/// and with the real-world model
///
/// ```text
/// user   access      expiry  remaining  status  validator  leeway  refresh     state   gen
/// alice  at-alice-1     300        300  valid   pyjwt           0  rt-alice-1  active  1
/// ```
pub fn write_table(out: &mut impl Write, scenario: &Scenario) -> io::Result<()> {
    let policy = &scenario.policy;
    let now = scenario.now();
    let table = table(scenario);
    // With the real-world model, each user's validator judges with its own leeway (a column).
    let rule = if table.real_world() {
        crate::words::rule_line(policy)
    } else {
        rule(policy)
    };
    writeln!(out, "current_time = {now}  ({rule})")?;
    if table.rows.is_empty() {
        return writeln!(out, "(no users)");
    }
    let mut widths: Vec<usize> = table.columns.iter().map(|c| c.header.width()).collect();
    for row in &table.rows {
        for (w, cell) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(cell.width());
        }
    }
    let header: Vec<String> = table.columns.iter().map(|c| c.header.to_owned()).collect();
    for cells in std::iter::once(&header).chain(table.rows.iter().map(|r| &r.cells)) {
        let mut line = String::new();
        for ((cell, column), width) in cells.iter().zip(&table.columns).zip(&widths) {
            let pad = " ".repeat(width.saturating_sub(cell.width()));
            if column.right {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push_str(GAP);
        }
        // The last column is not padded.
        writeln!(out, "{}", line.trim_end())?;
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
        AccessStatus::Leeway { .. }
        | AccessStatus::Expired { .. }
        | AccessStatus::NotYetValid { .. }
        | AccessStatus::Revoked { .. } => None,
    }
}

/// A status in words; never only a colour, since this is plain text.
pub fn status_text(status: AccessStatus) -> String {
    crate::words::show_status(status)
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
    fn one_row_builder_the_lessons_cells_then_the_real_worlds_with_the_model_on() {
        let lesson = super::table(&Scenario::lesson());
        assert!(!lesson.real_world());
        let headers: Vec<_> = lesson.columns.iter().map(|c| c.header).collect();
        assert_eq!(headers, ["user", "token", "expiry", "remaining", "status"]);
        assert_eq!(
            lesson.rows[1].cells,
            ["bob", "def456", "200", "80", "valid"]
        );
        assert_eq!(lesson.rows[1].family, None);

        let mut model = Scenario::lesson();
        model.policy.model = Some(Default::default());
        model.start_missing_families();
        let real = super::table(&model);
        assert!(real.real_world());
        let headers: Vec<_> = real.columns.iter().map(|c| c.header).collect();
        assert_eq!(
            headers,
            [
                "user",
                "access",
                "expiry",
                "remaining",
                "status",
                "validator",
                "leeway",
                "refresh",
                "state",
                "gen"
            ]
        );
        for row in &real.rows {
            assert_eq!(row.cells.len(), real.columns.len());
        }
        // bob's token, judged by the default validator, in the lesson's five columns.
        assert_eq!(real.rows[1].cells[..3], ["bob", "def456", "200"]);
        assert_eq!(real.rows[1].cells[8], "active");
        assert_eq!(real.rows[1].family.as_deref(), Some("login 120"));
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
}
