//! A lesson as a Markdown handout: each step's caption, its command, the question with its
//! answer, the outcome lines (the scripted mode's exact lines) and the table after it.
//! Deterministic: the same lesson (and `--seed`, with random tokens) prints the same text.

use super::{Lesson, Step};
use crate::domain::text::sanitize;
use crate::domain::{Error, Op, Outcome, Scenario, Session};
use crate::words;
use std::io::{self, Write};

/// Walks `lesson` on `session`, writing the handout to `out`.
pub fn write(out: &mut impl Write, lesson: &Lesson, session: &mut Session) -> io::Result<()> {
    writeln!(out, "# {}", lesson.title)?;
    writeln!(out)?;
    writeln!(out, "## Before the lesson")?;
    writeln!(out)?;
    write_table(out, session.scenario())?;
    for (i, step) in lesson.steps.iter().enumerate() {
        write_heading(out, lesson, i, step)?;
        write_action(out, step, session)?;
        if let Some(note) = &step.note {
            writeln!(out)?;
            writeln!(out, "> {note}")?;
        }
    }
    out.flush()
}

/// The student's version (a worksheet): the table before the lesson, then each step's caption,
/// command and question with room to answer; no outcome, answer, table after or note (a note
/// explains the answer). The steps still run, unseen, so each question is the one the class
/// meets at that point.
pub fn write_student(
    out: &mut impl Write,
    lesson: &Lesson,
    session: &mut Session,
) -> io::Result<()> {
    writeln!(out, "# {} (worksheet)", lesson.title)?;
    writeln!(out)?;
    writeln!(out, "Name: ______________________________")?;
    writeln!(out)?;
    writeln!(out, "## Before the lesson")?;
    writeln!(out)?;
    write_facts(out, session.scenario())?;
    for (i, step) in lesson.steps.iter().enumerate() {
        write_heading(out, lesson, i, step)?;
        let Some(action) = &step.action else {
            continue;
        };
        writeln!(out)?;
        writeln!(out, "    {}", action.command)?;
        if let Some(question) = action.question(session) {
            writeln!(out)?;
            let choices: Vec<String> = question
                .choices
                .iter()
                .map(|c| format!("[ ] {}", words::choice(*c)))
                .collect();
            writeln!(out, "**Predict:** {}", question.text)?;
            writeln!(out)?;
            writeln!(out, "{}", choices.join("    "))?;
            writeln!(out)?;
            writeln!(
                out,
                "Why: ____________________________________________________________"
            )?;
            writeln!(out)?;
            writeln!(
                out,
                "_________________________________________________________________"
            )?;
        }
        // Run unseen: the next question is asked of the state after this step.
        let _ = run(session, &action.op);
    }
    out.flush()
}

/// The `i`th step's heading (`## Step 2 of 6`) and caption, the same in the handout and the
/// worksheet.
fn write_heading(out: &mut impl Write, lesson: &Lesson, i: usize, step: &Step) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "## Step {} of {}", i + 1, lesson.steps.len())?;
    writeln!(out)?;
    writeln!(out, "{}", step.say)
}

fn write_action(out: &mut impl Write, step: &Step, session: &mut Session) -> io::Result<()> {
    let Some(action) = &step.action else {
        return Ok(());
    };
    writeln!(out)?;
    writeln!(out, "    {}", action.command)?;
    let question = action.question(session);
    if let Some(question) = &question {
        writeln!(out)?;
        let choices: Vec<&str> = question.choices.iter().map(|c| words::choice(*c)).collect();
        writeln!(
            out,
            "**Predict:** {} ({})",
            question.text,
            choices.join(" or ")
        )?;
    }
    let lines = match run(session, &action.op) {
        Ok(lines) => lines,
        // The lesson was checked on this very scenario, so this is not expected; say it.
        Err(error) => vec![sanitize(&error.to_string()).into_owned()],
    };
    writeln!(out)?;
    writeln!(out, "```text")?;
    for line in lines {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "```")?;
    if let Some(question) = &question {
        writeln!(out)?;
        writeln!(out, "**Answer:** {}", words::choice(question.right))?;
    }
    writeln!(out)?;
    write_table(out, session.scenario())
}

/// Carries out `op`, returning what the scripted mode prints for it (a refresh's line, one
/// line per user for refresh all) or, for an operation that prints nothing there, its outcome
/// as the transcript words it (`time is 101`).
pub fn run(session: &mut Session, op: &Op) -> Result<Vec<String>, Error> {
    let mut lines = Vec::new();
    let report = session.execute(op, &mut |user, outcome: &Outcome| {
        lines.push(words::lesson_line(user, outcome).to_string());
    })?;
    // The scripted mode's own lines (each on its own line, as promised); an operation that
    // prints nothing there gets its outcome as the transcript words it.
    let scripted = words::scripted_lines(&report);
    if !scripted.is_empty() {
        lines.extend(scripted);
        return Ok(lines);
    }
    let scenario = session.scenario();
    lines.extend(words::quiet_outcome(
        &report,
        scenario.now(),
        &scenario.policy,
    ));
    Ok(lines)
}

/// The clock and rule, then every user as a Markdown table: `show`'s rows, in Markdown, and with
/// the real-world model the family (its login, and how many earlier families the user has).
pub fn write_table(out: &mut impl Write, scenario: &Scenario) -> io::Result<()> {
    let policy = &scenario.policy;
    let now = scenario.now();
    writeln!(
        out,
        "`current_time = {now}` (`{}`)",
        words::rule_line(policy)
    )?;
    writeln!(out)?;
    let table = crate::script::show::table(scenario);
    if table.rows.is_empty() {
        return writeln!(out, "(no users)");
    }
    let family = table.real_world();
    let mut headers: Vec<&str> = table.columns.iter().map(|c| c.header).collect();
    let mut rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| if c.number { "--:" } else { "---" })
        .collect();
    if family {
        headers.push("family");
        rule.push("---");
    }
    writeln!(out, "| {} |", headers.join(" | "))?;
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in &table.rows {
        let mut cells: Vec<String> = row.cells.iter().map(|c| cell(c)).collect();
        if family {
            cells.push(row.family.clone().unwrap_or_else(|| "-".to_owned()));
        }
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// The clock, the rule and each user's token and expiry, without what follows from them (what
/// remains, the status): on a worksheet those are the class's to work out.
fn write_facts(out: &mut impl Write, scenario: &Scenario) -> io::Result<()> {
    let policy = &scenario.policy;
    writeln!(
        out,
        "`current_time = {}` (`{}`)",
        scenario.now(),
        words::rule_line(policy)
    )?;
    writeln!(out)?;
    if scenario.tokens.is_empty() {
        return writeln!(out, "(no users)");
    }
    writeln!(out, "| user | token | expiry |")?;
    writeln!(out, "|---|---|--:|")?;
    for (name, token) in scenario.tokens.iter() {
        writeln!(
            out,
            "| {} | {} | {} |",
            cell(name),
            cell(token.value),
            token.expiry
        )?;
    }
    Ok(())
}

/// Text for a Markdown table cell: `|`, `\`, backticks and the other characters Markdown would
/// read as formatting are escaped, so a name prints as it is.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_markdown() {
        assert_eq!(cell("a|b_c"), "a\\|b\\_c");
        assert_eq!(cell("alice"), "alice");
        assert_eq!(cell("expiry < now"), "expiry \\< now");
    }
}
