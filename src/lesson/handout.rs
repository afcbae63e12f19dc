//! A lesson as a Markdown handout: each step's caption, its command, the question with its
//! answer, the outcome lines (the scripted mode's exact lines) and the table after it.
//! Deterministic: the same lesson (and `--seed`, with random tokens) prints the same text.

use super::{Lesson, Step};
use crate::domain::phase::lesson_status;
use crate::domain::{AccessStatus, Op, Outcome, Scenario, Session};
use crate::words;
use std::io::{self, Write};

/// Walks `lesson` on `session`, writing the handout to `out`.
pub fn write(out: &mut impl Write, lesson: &Lesson, session: &mut Session) -> io::Result<()> {
    writeln!(out, "# {}", lesson.title)?;
    writeln!(out)?;
    writeln!(out, "## Before the lesson")?;
    writeln!(out)?;
    write_table(out, session.scenario())?;
    let count = lesson.steps.len();
    for (i, step) in lesson.steps.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "## Step {} of {count}", i + 1)?;
        writeln!(out)?;
        writeln!(out, "{}", step.say)?;
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
    let count = lesson.steps.len();
    for (i, step) in lesson.steps.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "## Step {} of {count}", i + 1)?;
        writeln!(out)?;
        writeln!(out, "{}", step.say)?;
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
        Err(message) => vec![message],
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
pub fn run(session: &mut Session, op: &Op) -> Result<Vec<String>, String> {
    let mut lines = Vec::new();
    let report = session
        .execute(op, &mut |user, outcome: &Outcome| {
            lines.push(words::lesson_line(user, outcome).to_string());
        })
        .map_err(|e| e.to_string())?;
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

/// The clock and rule, then every user as a Markdown table (as `show`, in Markdown).
pub fn write_table(out: &mut impl Write, scenario: &Scenario) -> io::Result<()> {
    let policy = &scenario.policy;
    let now = scenario.now();
    writeln!(
        out,
        "`current_time = {now}` (`{}`)",
        words::rule_line(policy)
    )?;
    writeln!(out)?;
    if scenario.tokens.is_empty() {
        return writeln!(out, "(no users)");
    }
    if scenario.policy.model.is_some() {
        return write_model_table(out, scenario);
    }
    writeln!(out, "| user | token | expiry | remaining | status |")?;
    writeln!(out, "|---|---|--:|--:|---|")?;
    for (name, token) in scenario.tokens.iter() {
        let status = lesson_status(policy, token.expiry, now);
        let remaining = match status {
            AccessStatus::Valid { remaining, .. } | AccessStatus::RefreshDue { remaining } => {
                remaining.to_string()
            }
            _ => "-".to_owned(),
        };
        writeln!(
            out,
            "| {} | {} | {} | {remaining} | {} |",
            cell(name),
            cell(token.value),
            token.expiry,
            words::show_status(status)
        )?;
    }
    Ok(())
}

/// With the real-world model on: `show`'s columns (the access token's status by the user's own
/// validator, the refresh token the client holds, its state, the generation) and the family
/// (its login, and how many earlier families the user has).
fn write_model_table(out: &mut impl Write, scenario: &Scenario) -> io::Result<()> {
    writeln!(
        out,
        "| user | access | expiry | remaining | status | validator | leeway | refresh | state | gen | family |"
    )?;
    writeln!(out, "|---|---|--:|--:|---|---|--:|---|---|--:|---|")?;
    for row in crate::script::show_model::rows(scenario) {
        let [
            user,
            access,
            expiry,
            remaining,
            status,
            validator,
            leeway,
            refresh,
            state,
            generation,
        ] = &row.cells;
        let family = row.family.as_deref().unwrap_or("-");
        writeln!(
            out,
            "| {} | {} | {expiry} | {remaining} | {status} | {validator} | {leeway} | {} | {state} | {generation} | {family} |",
            cell(user),
            cell(access),
            cell(refresh),
        )?;
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
