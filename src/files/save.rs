//! Writing a scenario back as TOML that `parse_scenario` reads as the same scenario: into the
//! text it was loaded from when there is one (`files::edit`), else afresh in the lesson's
//! layout.

use crate::domain::policy::Policy;
use crate::domain::scenario::Scenario;
use crate::domain::settings::Section;
use crate::domain::settings::kinds::Val;
use crate::domain::text::sanitize;
use crate::files::edit::edit_toml;
use crate::files::entries::{family_entries, render};
use crate::files::replace::replace_file;
use crate::files::settings as settings_file;
use std::fmt::{self, Write as _};
use std::io;
use std::path::{Path, PathBuf};

/// What [`save_scenario`] writes: `template` (the text the scenario was loaded from or last
/// saved as) with only what changed rewritten, or, without one (a roster) or when the template
/// cannot hold the scenario, [`to_toml`].
pub fn scenario_text(scenario: &Scenario, template: Option<&str>) -> String {
    template
        .and_then(|template| edit_toml(template, scenario))
        .unwrap_or_else(|| to_toml(scenario))
}

/// The scenario in the format of `assets/lesson.toml`, with every policy key written out.
pub fn to_toml(scenario: &Scenario) -> String {
    let policy = &scenario.policy;
    let mut out = String::with_capacity(128 + scenario.tokens.len() * 48);
    // Writing to a String cannot fail.
    let _ = write_toml(&mut out, scenario, policy);
    out
}

fn write_toml(out: &mut String, scenario: &Scenario, policy: &Policy) -> fmt::Result {
    writeln!(out, "# A tokenclock scenario (see docs/src/scenarios.md)")?;
    writeln!(out, "current_time = {}", scenario.now())?;
    writeln!(out)?;
    write_policy(out, policy)?;
    writeln!(
        out,
        "# user = {{ token = \"...\", expiry = TICK }}, kept in this order"
    )?;
    write_users(out, scenario)
}

/// `[refresh]` with every key, and `[oauth]` when the real-world model is on.
pub(crate) fn write_policy(out: &mut String, policy: &Policy) -> fmt::Result {
    writeln!(out, "[refresh]")?;
    for (key, value) in settings_file::section_entries(Section::Refresh, policy).unwrap_or_default()
    {
        writeln!(out, "{key} = {}", render(&value, &quoted))?;
    }
    writeln!(out)?;
    if let Some(entries) = settings_file::section_entries(Section::OAuth, policy) {
        writeln!(
            out,
            "# the real-world model: access and refresh tokens (see docs/src/real-world.md)"
        )?;
        writeln!(out, "[oauth]")?;
        for (key, value) in entries {
            writeln!(out, "{key} = {}", render(&value, &quoted))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The rest of [`write_toml`], after `[refresh]` and `[oauth]`.
fn write_users(out: &mut String, scenario: &Scenario) -> fmt::Result {
    writeln!(out, "[tokens]")?;
    for (name, user) in scenario.tokens.users() {
        let token = &user.token;
        out.push_str(&key(name));
        write!(
            out,
            " = {{ token = {}, expiry = {}",
            quoted(token.value),
            token.expiry
        )?;
        if let Some(model) = &user.model {
            for (k, v) in settings_file::override_entries(&model.overrides) {
                write!(out, ", {k} = {}", render(&v, &quoted))?;
            }
        }
        writeln!(out, " }}")?;
    }
    for (name, user) in scenario.tokens.users() {
        let Some(entries) = user.model.and_then(family_entries) else {
            continue;
        };
        writeln!(out)?;
        writeln!(out, "[family.{}]", key(name))?;
        for (k, v) in entries {
            writeln!(out, "{k} = {}", render(&v, &quoted))?;
        }
    }
    write_clients(out, scenario)
}

/// `[clients]`, when any user has declared clients.
fn write_clients(out: &mut String, scenario: &Scenario) -> std::fmt::Result {
    let mut header = false;
    for (name, user) in scenario.tokens.users() {
        let entries = user
            .model
            .map(crate::files::clients::client_entries)
            .unwrap_or_default();
        if entries.is_empty() {
            continue;
        }
        if !header {
            writeln!(out)?;
            writeln!(
                out,
                "# each user's clients: tabs share its storage unless storage = \"own\""
            )?;
            writeln!(out, "[clients]")?;
            header = true;
        }
        let tables: Vec<String> = entries
            .into_iter()
            .map(|e| render(&Val::Table(e), &quoted))
            .collect();
        writeln!(out, "{} = [{}]", key(name), tables.join(", "))?;
    }
    Ok(())
}

/// A key as written: bare when it can be, quoted otherwise.
pub(crate) fn key(name: &str) -> String {
    if is_bare_key(name) {
        name.to_owned()
    } else {
        quoted(name)
    }
}

/// TOML's bare keys: ASCII letters, digits, `_` and `-`.
fn is_bare_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A TOML basic string. Names and tokens are checked when they enter, but escape every control
/// character anyway so the file stays valid whatever it is given.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Saving failed; the file that was there before is untouched. The path is the user's text
/// and the OS message may quote it: neither reaches a terminal with its control characters.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot save the scenario to {}: {}",
    sanitize(&path.display().to_string()),
    sanitize(&source.to_string())
)]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// Writes the scenario to `path` as [`scenario_text`] (given the `template` it was loaded from,
/// if any), safely for what is at the path (see [`replace_file`]): a failure at any point leaves
/// the old file as it was. Returns the text written, the template for the next save.
pub fn save_scenario(
    path: &Path,
    scenario: &Scenario,
    template: Option<&str>,
) -> Result<String, SaveError> {
    let text = scenario_text(scenario, template);
    replace_file(path, text.as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::{Boundary, NewToken};
    use crate::domain::token_store::Token;
    use crate::files::parse_scenario;

    #[test]
    fn the_lesson_saves_in_the_lesson_format_and_reads_back() {
        let lesson = Scenario::lesson();
        let text = to_toml(&lesson);
        assert!(text.contains("current_time = 120\n"));
        assert!(text.contains("new_token = \"newtoken123\"\n"));
        assert!(text.contains("boundary = \"lesson\"\n"));
        assert!(text.contains("[tokens]\nalice = { token = \"abc123\", expiry = 100 }\n"));
        assert_eq!(parse_scenario(&text, "saved").unwrap(), lesson);
    }

    #[test]
    fn awkward_names_are_quoted_and_policies_kept() {
        let mut s = Scenario::lesson();
        s.policy.new_token = NewToken::RandomBytes(16);
        s.policy.boundary = Boundary::Rfc7519;
        s.policy.early = 7;
        s.policy.leeway = u64::MAX;
        for name in ["a.b", "李", "q\"uote", "back\\slash", "x#", "=", "1"] {
            s.tokens
                .insert(name.into(), Token::new("t\"\\#", u64::MAX))
                .unwrap();
        }
        let text = to_toml(&s);
        assert!(text.contains("\"a.b\" = {"));
        assert!(text.contains("\n1 = {"));
        assert!(text.contains("new_token = { random_bytes = 16 }"));
        assert_eq!(parse_scenario(&text, "saved").unwrap(), s);
    }

    #[test]
    fn saving_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, "old").unwrap();
        save_scenario(&path, &Scenario::lesson(), None).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(parse_scenario(&text, "s").unwrap(), Scenario::lesson());
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn a_failed_save_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // A directory in the way: the rename fails, the directory stays, the temp file goes.
        let path = dir.path().join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("keep"), "x").unwrap();
        let err = save_scenario(&path, &Scenario::lesson(), None).unwrap_err();
        assert!(err.to_string().starts_with("cannot save the scenario to "));
        assert!(path.join("keep").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let missing = dir.path().join("no/such/dir/s.toml");
        assert!(save_scenario(&missing, &Scenario::lesson(), None).is_err());
    }
}
