//! The real-world model's part of saving in place: the `[oauth]` keys that changed, each user's
//! override keys in `[tokens]`, and `[family.USER]` tables for the users whose story moved on.
//! Whatever this writes is checked by `edit_toml` (it reads back as the state saved, or the
//! file is written afresh).

use super::{BigNumbers, set_key, table_before_tokens};
use crate::domain::oauth::UserModel;
use crate::domain::scenario::Scenario;
use crate::domain::settings::Section;
use crate::domain::settings::kinds::{Entries, Val};
use crate::files::entries;
use crate::files::settings as settings_file;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

fn value(v: &Val, big: &mut BigNumbers) -> Option<Value> {
    Some(match v {
        Val::Tick(n) => big.number(*n)?,
        Val::Int(n) => Value::from(*n),
        Val::Bool(b) => Value::from(*b),
        Val::Str(s) => Value::from(s.as_str()),
        Val::Strs(list) => {
            let mut array = Array::new();
            for s in list {
                array.push(s.as_str());
            }
            Value::Array(array)
        }
        Val::Ticks(list) => {
            let mut array = Array::new();
            for t in list {
                array.push(big.number(*t)?);
            }
            Value::Array(array)
        }
        Val::Table(entries) => {
            let mut table = InlineTable::new();
            for (k, v) in entries {
                table.insert(*k, value(v, big)?);
            }
            Value::InlineTable(table)
        }
        Val::Tables(tables) => {
            let mut array = Array::new();
            for t in tables {
                array.push(value(&Val::Table(t.clone()), big)?);
            }
            Value::Array(array)
        }
    })
}

/// `[refresh]` or `[oauth]`: the keys whose values changed (for `[oauth]`, the whole table when
/// the model was off), and the keys a fresh save would leave out removed.
pub(super) fn edit_section(
    doc: &mut DocumentMut,
    section: Section,
    before: &Scenario,
    after: &Scenario,
    big: &mut BigNumbers,
) -> Option<()> {
    let Some(entries) = settings_file::section_entries(section, &after.policy) else {
        // The model is never turned off; a template with it and a state without it is not ours.
        return before.policy.model.is_none().then_some(());
    };
    let from = settings_file::section_entries(section, &before.policy);
    if from.as_ref() == Some(&entries) {
        return Some(());
    }
    let table = table_before_tokens(doc, section.table())?;
    for (key, v) in &entries {
        let same = from
            .as_ref()
            .is_some_and(|f| f.iter().any(|(k, old)| k == key && old == v));
        if !same || table.get(key).is_none() && from.is_none() {
            set_key(table, key, value(v, big)?)?;
        }
    }
    // A key a fresh save leaves out (back at its default, or unset) goes, if it was written.
    for key in settings_file::section_keys(section) {
        let written_before = from
            .as_ref()
            .is_some_and(|f| f.iter().any(|(k, _)| *k == key));
        if written_before && !entries.iter().any(|(k, _)| *k == key) {
            table.remove(key);
        }
    }
    Some(())
}

/// A user's override keys in its `[tokens]` entry: set the ones that changed, remove the ones
/// no longer set.
pub(super) fn edit_overrides(
    entry: &mut dyn TableLike,
    before: Option<&UserModel>,
    after: Option<&UserModel>,
    big: &mut BigNumbers,
) -> Option<()> {
    let old = overrides_of(before);
    let new = overrides_of(after);
    if old == new {
        return Some(());
    }
    for key in settings_file::override_keys() {
        if !new.iter().any(|(k, _)| *k == key) {
            entry.remove(key);
        }
    }
    for (key, v) in &new {
        set_key(entry, key, value(v, big)?)?;
    }
    Some(())
}

/// The override keys of a user added while saving.
pub(super) fn overrides_of(model: Option<&UserModel>) -> Entries {
    model
        .map(|m| settings_file::override_entries(&m.overrides))
        .unwrap_or_default()
}

pub(super) fn to_value(v: &Val, big: &mut BigNumbers) -> Option<Value> {
    value(v, big)
}

/// `[family.USER]` tables: rewritten for users whose model state is not what loading the file
/// would give, removed for users who are gone.
pub(super) fn edit_families(
    doc: &mut DocumentMut,
    before: &Scenario,
    after: &Scenario,
    big: &mut BigNumbers,
) -> Option<()> {
    if after.policy.model.is_none() {
        return Some(());
    }
    let clock_moved = before.now() != after.now();
    let has_table = |doc: &DocumentMut, name: &str| {
        doc.get("family")
            .and_then(Item::as_table_like)
            .is_some_and(|t| t.contains_key(name))
    };
    let mut writes: Vec<(String, Option<Entries>)> = Vec::new();
    for (name, user) in after.tokens.users() {
        let old = before.tokens.user(name).and_then(|u| u.model);
        let new = user.model;
        let stale = old != new || (clock_moved && !has_table(doc, name)) || old.is_none();
        if stale {
            writes.push((name.to_owned(), new.and_then(entries::family_entries)));
        }
    }
    let gone = gone_users(before, after);
    if writes.is_empty() && gone.is_empty() {
        return Some(());
    }
    if doc.get("family").is_none() {
        let mut table = Table::new();
        table.set_implicit(true);
        doc.insert("family", Item::Table(table));
    }
    let families = doc.get_mut("family")?.as_table_mut()?;
    if !gone.is_empty() {
        // In one pass: removing tables one by one would shift all those after each time.
        let gone: std::collections::HashSet<&str> = gone.iter().map(String::as_str).collect();
        families.retain(|name, _| !gone.contains(name));
    }
    for (name, entries) in writes {
        // Not logged in cannot be written; let the caller write the file afresh.
        write_family(families, &name, &entries?, big)?;
    }
    Some(())
}

/// `[family.NAME]` in `families` set to `entries`: the keys not in them removed, the others set
/// in place (a new table when there was none).
pub(super) fn write_family(
    families: &mut Table,
    name: &str,
    entries: &Entries,
    big: &mut BigNumbers,
) -> Option<()> {
    let mut table = match families.get_mut(name).and_then(Item::as_table_mut) {
        Some(existing) => std::mem::take(existing),
        None => Table::new(),
    };
    let keep: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    table.retain(|k, _| keep.contains(&k));
    for (key, v) in entries {
        set_key(&mut table, key, value(v, big)?)?;
    }
    families.insert(name, Item::Table(table));
    Some(())
}

/// The users in `before` that `after` no longer has.
fn gone_users(before: &Scenario, after: &Scenario) -> Vec<String> {
    before
        .tokens
        .users()
        .map(|(n, _)| n)
        .filter(|n| after.tokens.user(n).is_none())
        .map(str::to_owned)
        .collect()
}

/// `[clients]`: each user's array rewritten when its clients changed, removed when it has none.
pub(super) fn edit_clients(
    doc: &mut DocumentMut,
    before: &Scenario,
    after: &Scenario,
    big: &mut BigNumbers,
) -> Option<()> {
    let entries_of = |s: &Scenario, name: &str| {
        s.tokens
            .user(name)
            .and_then(|u| u.model)
            .map(crate::files::clients::client_entries)
            .unwrap_or_default()
    };
    let mut writes = Vec::new();
    for (name, _) in after.tokens.users() {
        let new = entries_of(after, name);
        if new != entries_of(before, name) {
            writes.push((name.to_owned(), new));
        }
    }
    let gone = gone_users(before, after);
    if writes.is_empty() && gone.iter().all(|n| entries_of(before, n).is_empty()) {
        return Some(());
    }
    if doc.get("clients").is_none() {
        doc.insert("clients", Item::Table(Table::new()));
    }
    let table = doc.get_mut("clients")?.as_table_like_mut()?;
    for name in gone {
        table.remove(&name);
    }
    for (name, clients) in writes {
        if clients.is_empty() {
            table.remove(&name);
            continue;
        }
        set_key(table, &name, clients_value(&clients, big)?)?;
    }
    Some(())
}

/// A user's `[clients]` entry: an array of inline tables, one a client.
pub(super) fn clients_value(clients: &[Entries], big: &mut BigNumbers) -> Option<Value> {
    let mut array = Array::new();
    for client in clients {
        let mut inline = InlineTable::new();
        for (k, v) in client {
            inline.insert(*k, value(v, big)?);
        }
        array.push(Value::InlineTable(inline));
    }
    Some(Value::Array(array))
}
