//! Saving into the text a scenario was loaded from, so a teacher's file keeps its comments,
//! blank lines, key order and alignment: only the values that changed are rewritten, added users
//! are appended to `[tokens]` and removed ones are deleted with their line (toml_edit).

use crate::domain::scenario::Scenario;
use crate::domain::settings::Section;
use crate::domain::token_store::TokenRef;
use crate::files::scenario::parse_scenario;
use toml_edit::{DocumentMut, InlineTable, Item, Table, TableLike, Value};
use unicode_width::UnicodeWidthStr;

/// `scenario` written into `template`, the text it was loaded from (or last saved as).
///
/// `None` when the template cannot hold it: the template is not a scenario, it has a shape this
/// editor does not follow, or more than [`MAX_BIG_NUMBERS`] numbers are past `i64::MAX`. The
/// caller then writes the scenario afresh. Whatever the template looks like, the text returned
/// reads back as exactly `scenario`: that is checked here, not assumed.
pub fn edit_toml(template: &str, scenario: &Scenario) -> Option<String> {
    let before = parse_scenario(template, "template").ok()?;
    let text = edit_toml_unchecked(template, &before, scenario, |_| {})?;
    let saved = parse_scenario(&text, "saved").ok()?;
    saved.holds_the_same_as(scenario).then_some(text)
}

/// [`edit_toml`] without its check that the text reads back as `scenario`, after `finish` has
/// edited the document further (e.g. dropped a lesson's steps already done), given `before`,
/// what `template` reads as. For a caller that parses what it writes anyway and kept what the
/// template reads as (`crate::lesson::save`), so that a save parses each text once.
pub fn edit_toml_unchecked(
    template: &str,
    before: &Scenario,
    scenario: &Scenario,
    finish: impl FnOnce(&mut DocumentMut),
) -> Option<String> {
    let mut big = BigNumbers::new(template);
    let mut doc = big.parse(template)?;
    if before.now() != scenario.now() {
        set_value(doc.get_mut("current_time")?, big.number(scenario.now())?)?;
    }
    for section in [Section::Refresh, Section::OAuth] {
        model::edit_section(&mut doc, section, before, scenario, &mut big)?;
    }
    edit_tokens(doc.get_mut("tokens")?, before, scenario, &mut big)?;
    model::edit_families(&mut doc, before, scenario, &mut big)?;
    model::edit_clients(&mut doc, before, scenario, &mut big)?;
    finish(&mut doc);
    big.restore(doc.to_string())
}

mod model;
mod splice;

pub use splice::splice;

/// How many numbers past `i64::MAX` one save can keep in place.
pub const MAX_BIG_NUMBERS: usize = 64;

/// toml_edit keeps integers in an `i64`, but ticks go to `u64::MAX`. A number past `i64::MAX`
/// (in the template, or to be written) goes through the document as a stand-in, a negative
/// integer (never a tick) that does not occur in the template, and the finished text gets the
/// real digits back.
struct BigNumbers<'a> {
    template: &'a str,
    /// Each stand-in as written, and the digits it stands for.
    swaps: Vec<(String, String)>,
    next: i64,
}

impl<'a> BigNumbers<'a> {
    fn new(template: &'a str) -> Self {
        Self {
            template,
            swaps: Vec::new(),
            next: i64::MIN,
        }
    }

    /// A stand-in for `digits`; `None` past [`MAX_BIG_NUMBERS`].
    fn stand_in(&mut self, digits: String) -> Option<i64> {
        while self.swaps.len() < MAX_BIG_NUMBERS {
            let n = self.next;
            self.next += 1;
            let written = n.to_string();
            if !self.template.contains(&written) {
                self.swaps.push((written, digits));
                return Some(n);
            }
        }
        None
    }

    /// A tick as a TOML integer, through a stand-in past `i64::MAX`.
    fn number(&mut self, tick: u64) -> Option<Value> {
        match i64::try_from(tick) {
            Ok(n) => Some(Value::from(n)),
            Err(_) => self.stand_in(tick.to_string()).map(Value::from),
        }
    }

    /// The template as a document, each number toml_edit reports as too large swapped for a
    /// stand-in first (one at a time: the parser names the first).
    fn parse(&mut self, template: &str) -> Option<DocumentMut> {
        let mut text = template.to_owned();
        loop {
            match text.parse::<DocumentMut>() {
                Ok(doc) => return Some(doc),
                Err(e) if e.message() == "integer number overflowed" => {
                    let span = e.span()?;
                    let digits = text.get(span.clone())?.to_owned();
                    let n = self.stand_in(digits)?;
                    text.replace_range(span, &n.to_string());
                }
                Err(_) => return None,
            }
        }
    }

    /// The real digits in place of the stand-ins. A stand-in found more than once (a name or
    /// token that happens to contain it) gives up, rather than guess which is the number.
    fn restore(&self, mut text: String) -> Option<String> {
        for (stand_in, digits) in &self.swaps {
            match text.matches(stand_in.as_str()).count() {
                0 => {}
                1 => text = text.replacen(stand_in.as_str(), digits, 1),
                _ => return None,
            }
        }
        Some(text)
    }
}

/// Replaces the value in `item`, keeping the spaces and comment around it. A comment after the
/// value keeps its column when there is room (the value grew into its padding or shrank).
fn set_value(item: &mut Item, new: Value) -> Option<()> {
    let value = item.as_value_mut()?;
    // Measured only when a comment follows: rendering every value twice cost a whole-file save
    // at 100,000 users a fifth of its time.
    let old_width = comment_after(value).then(|| value_width(value));
    let decor = value.decor().clone();
    *value = new;
    *value.decor_mut() = decor;
    if let Some(old_width) = old_width {
        keep_comment_column(value, old_width);
    }
    Some(())
}

/// Whether a comment follows the value on its line.
fn comment_after(value: &Value) -> bool {
    value
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .is_some_and(|s| s.trim_start_matches(' ').starts_with('#'))
}

/// The value's own text, without the spaces and comment around it.
fn value_width(value: &Value) -> usize {
    let mut bare = value.clone();
    bare.decor_mut().clear();
    bare.to_string().width()
}

/// After a value changed width, pads or trims the spaces before a trailing comment so the comment
/// stays where it was (at least one space before it).
fn keep_comment_column(value: &mut Value, old_width: usize) {
    if !comment_after(value) {
        return;
    }
    let new_width = value_width(value);
    let Some(suffix) = value.decor().suffix().and_then(|s| s.as_str()) else {
        return;
    };
    let comment = suffix.trim_start_matches(' ');
    if new_width == old_width {
        return;
    }
    let spaces = (suffix.len() - comment.len() + old_width)
        .saturating_sub(new_width)
        .max(1);
    let suffix = format!("{}{comment}", " ".repeat(spaces));
    value.decor_mut().set_suffix(suffix);
}

/// The table `name`, made just before `[tokens]` when the file has none.
fn table_before_tokens<'d>(doc: &'d mut DocumentMut, name: &str) -> Option<&'d mut dyn TableLike> {
    if doc.get(name).is_none() {
        let mut table = Table::new();
        let tokens_at = doc.get("tokens").and_then(Item::as_table)?.position();
        table.set_position(tokens_at.map(|p| p - 1));
        doc.insert(name, Item::Table(table));
    }
    doc.get_mut(name)?.as_table_like_mut()
}

/// Sets `key` in `table`: in place when it holds a value, else as a new (or replacing) entry.
fn set_key(table: &mut dyn TableLike, key: &str, value: Value) -> Option<()> {
    match table.get_mut(key) {
        Some(item) if item.is_value() => set_value(item, value),
        _ => {
            let mut value = value;
            if table.get(key).is_none() {
                move_closing_space(table, &mut value);
            }
            table.insert(key, Item::Value(value));
            Some(())
        }
    }
}

/// A new key goes after the last one. In an inline table the space before `}` is the last
/// value's suffix, so it moves to the new value: `{ a = 1 }` gains `b` as `{ a = 1, b = 2 }`,
/// not `{ a = 1 , b = 2 }`. A suffix that holds more than spaces (a comment) stays.
fn move_closing_space(table: &mut dyn TableLike, new: &mut Value) {
    let Some((_, last)) = table.iter_mut().last() else {
        return;
    };
    let Some(last) = last.as_value_mut() else {
        return;
    };
    let Some(space) = last
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .map(str::to_owned)
    else {
        return;
    };
    if space.is_empty() || !space.chars().all(|c| c == ' ') {
        return;
    }
    last.decor_mut().set_suffix("");
    new.decor_mut().set_suffix(space);
}

/// Deletes removed users, rewrites changed tokens and expiries, appends added users and puts
/// the entries in the scenario's order (a user brought back by undo returns to its place).
fn edit_tokens(
    item: &mut Item,
    before: &Scenario,
    after: &Scenario,
    big: &mut BigNumbers,
) -> Option<()> {
    let gone = |name: &str| after.tokens.get(name).is_none();
    if before.tokens.iter().any(|(name, _)| gone(name)) {
        keep_comments_of_removed(item.as_table_like_mut()?, before, gone);
        // In one pass: removing entries one by one would shift all those after each time.
        if let Some(table) = item.as_table_mut() {
            table.retain(|key, _| !gone(key));
        } else {
            item.as_inline_table_mut()?.retain(|key, _| !gone(key));
        }
    }
    let table = item.as_table_like_mut()?;
    let column = key_column(table);
    for (name, user) in after.tokens.users() {
        let token = &user.token;
        let model = user.model;
        match before.tokens.user(name) {
            Some(old) => {
                if old.token != *token {
                    edit_user(table.get_mut(name)?, &old.token, token, big)?;
                }
                let entry = table.get_mut(name)?.as_table_like_mut()?;
                model::edit_overrides(entry, old.model, model, big)?;
            }
            None => {
                add_user(table, name, token, column, big)?;
                let entry = table.get_mut(name)?.as_table_like_mut()?;
                for (key, v) in model::overrides_of(model) {
                    set_key(entry, key, model::to_value(&v, big)?)?;
                }
            }
        }
    }
    let in_order = table
        .iter()
        .map(|(key, _)| key)
        .eq(after.tokens.iter().map(|(name, _)| name));
    if !in_order {
        let position = |key: &str| after.tokens.index_of(key).unwrap_or(usize::MAX);
        if let Some(table) = item.as_table_mut() {
            table.sort_values_by(|a, _, b, _| position(a).cmp(&position(b)));
        } else {
            let table = item.as_inline_table_mut()?;
            table.sort_values_by(|a, _, b, _| position(a).cmp(&position(b)));
        }
    }
    Some(())
}

fn edit_user(
    item: &mut Item,
    old: &TokenRef<'_>,
    new: &TokenRef<'_>,
    big: &mut BigNumbers,
) -> Option<()> {
    let old_width = item
        .as_value()
        .filter(|value| comment_after(value))
        .map(value_width);
    let user = item.as_table_like_mut()?;
    if old.value != new.value {
        set_key(user, "token", Value::from(new.value))?;
    }
    if old.expiry != new.expiry {
        set_key(user, "expiry", big.number(new.expiry)?)?;
    }
    if let (Some(value), Some(old_width)) = (item.as_value_mut(), old_width) {
        keep_comment_column(value, old_width);
    }
    Some(())
}

/// Appends `name = { token = "...", expiry = N }`, with its `=` in the column the other users'
/// are in when they all share one.
fn add_user(
    table: &mut dyn TableLike,
    name: &str,
    token: &TokenRef<'_>,
    column: Option<usize>,
    big: &mut BigNumbers,
) -> Option<()> {
    let mut entry = InlineTable::new();
    entry.insert("token", Value::from(token.value));
    entry.insert("expiry", big.number(token.expiry)?);
    table.insert(name, Item::Value(Value::InlineTable(entry)));
    if let (Some(column), Some(mut key)) = (column, table.key_mut(name)) {
        let width = key.display_repr().width();
        if width < column {
            key.leaf_decor_mut().set_suffix(" ".repeat(column - width));
        }
    }
    Some(())
}

/// The column of `=` when every entry has it in the same one (e.g. `bob   = ...` under
/// `alice = ...`); `None` when they differ or there are none.
fn key_column(table: &dyn TableLike) -> Option<usize> {
    let mut columns = table.iter().map(|(name, _)| {
        let key = table.key(name)?;
        let padding = key.leaf_decor().suffix().and_then(|s| s.as_str())?;
        padding
            .bytes()
            .all(|b| b == b' ')
            .then(|| key.display_repr().width() + padding.len())
    });
    let first = columns.next()??;
    columns.all(|c| c == Some(first)).then_some(first)
}

/// Before removed users are deleted: the comment lines above each move to the next user that
/// stays, or, after the last one, below the last user that stays (a table left empty loses
/// them with its users). One pass over the users, however many are removed.
fn keep_comments_of_removed(
    table: &mut dyn TableLike,
    before: &Scenario,
    gone: impl Fn(&str) -> bool,
) {
    let mut pending = String::new();
    let mut last_kept = None;
    for (name, _) in before.tokens.iter() {
        if gone(name) {
            let prefix = table
                .key(name)
                .and_then(|key| key.leaf_decor().prefix())
                .and_then(|prefix| prefix.as_str())
                .filter(|prefix| prefix.contains('#'));
            pending.push_str(prefix.unwrap_or_default());
            continue;
        }
        last_kept = Some(name);
        if pending.is_empty() {
            continue;
        }
        if let Some(mut key) = table.key_mut(name) {
            let decor = key.leaf_decor_mut();
            let rest = decor.prefix().and_then(|p| p.as_str()).unwrap_or_default();
            let prefix = format!("{pending}{rest}");
            decor.set_prefix(prefix);
        }
        pending.clear();
    }
    if pending.is_empty() {
        return;
    }
    // The comments end in a newline, and the line they now follow gets its own after them.
    let below = format!("\n{}", pending.trim_end_matches('\n'));
    if let Some(value) = last_kept
        .and_then(|name| table.get_mut(name))
        .and_then(Item::as_value_mut)
    {
        let suffix = value
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or_default();
        let suffix = format!("{suffix}{below}");
        value.decor_mut().set_suffix(suffix);
    }
}
