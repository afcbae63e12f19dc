//! The settings in a scenario file: `[refresh]` and `[oauth]` read key by key from the table,
//! a user's own values in their `[tokens]` entry, and the entries a save writes.

use crate::domain::settings::kinds::Entries;
use crate::domain::settings::kinds::FileValue;
use crate::domain::settings::{Overrides, Policy, Save, Section, Setting, SettingValue};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use toml::Spanned;

pub use crate::files::input_error::AtError;
use crate::files::input_error::FileError;

/// Keys and values of a table as written, each with its place in the file.
pub type Fields = Vec<(Spanned<String>, Spanned<FileValue>)>;

/// A `[refresh]` or `[oauth]` table as read (its settings are checked by [`read_section`]).
#[derive(Default)]
pub struct SectionTable(pub Fields);

impl<'de> Deserialize<'de> for SectionTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TableVisitor;
        impl<'de> Visitor<'de> for TableVisitor {
            type Value = SectionTable;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of settings such as [oauth] with grace = 30")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SectionTable, A::Error> {
                fields(map).map(SectionTable)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<SectionTable, A::Error> {
                Err(de::Error::custom(
                    "a table of settings is written once with single brackets, e.g. [oauth], \
                     not [[oauth]]",
                ))
            }
        }
        deserializer.deserialize_any(TableVisitor)
    }
}

/// Every key and value of a map, in order, with their places.
pub fn fields<'de, A: MapAccess<'de>>(mut map: A) -> Result<Fields, A::Error> {
    let mut out = Vec::new();
    while let Some(key) = map.next_key::<Spanned<String>>()? {
        let value = map.next_value::<Spanned<FileValue>>()?;
        out.push((key, value));
    }
    Ok(out)
}

/// The keys a section may have, for errors.
fn keys_of(mut keep: impl FnMut(Setting) -> bool) -> Vec<&'static str> {
    Setting::ALL
        .iter()
        .copied()
        .filter(|s| keep(*s))
        .map(|s| s.spec().key)
        .collect()
}

/// `unknown field `x` in [oauth] (did you mean `y`?)`, or the valid keys when none is close.
fn unknown_key(key: &str, place: &str, valid: Vec<&'static str>) -> FileError {
    FileError::UnknownKey {
        given: key.to_owned(),
        place: place.to_owned(),
        close: crate::suggest::closest(key, valid.iter().copied()),
        valid,
    }
}

/// Reads a section's settings, handing each value read to `apply`; every bad key or value is an
/// error at its place.
pub fn read_section(
    section: Section,
    table: &SectionTable,
    mut apply: impl FnMut(SettingValue),
    errors: &mut Vec<AtError>,
) {
    for (key, value) in &table.0 {
        let Some(setting) = Setting::from_key(section, key.get_ref()) else {
            let place = format!("in [{}]", section.table());
            let valid = keys_of(|s| s.spec().section == section);
            errors.push((key.span().start, unknown_key(key.get_ref(), &place, valid)));
            continue;
        };
        match setting.from_file(value.get_ref()) {
            Ok(v) => apply(v),
            Err(m) => errors.push((value.span().start, m.into())),
        }
    }
}

/// A user's own values from the keys of their `[tokens]` entry past `token` and `expiry`.
pub fn read_overrides(fields: &Fields, errors: &mut Vec<AtError>) -> Overrides {
    let mut overrides = Overrides::default();
    for (key, value) in fields {
        let setting = Setting::ALL
            .iter()
            .copied()
            .find(|s| s.spec().key == key.get_ref());
        let Some(setting) = setting.filter(|s| s.spec().per_user) else {
            let message = match setting {
                Some(s) => FileError::NotPerUser {
                    key: s.spec().key,
                    table: s.spec().section.table(),
                },
                None => {
                    let mut valid = vec!["token", "expiry"];
                    valid.extend(keys_of(|s| s.spec().per_user));
                    unknown_key(key.get_ref(), "in a user's entry", valid)
                }
            };
            errors.push((key.span().start, message));
            continue;
        };
        match setting.from_file(value.get_ref()) {
            Ok(v) => {
                v.apply_override(&mut overrides);
            }
            Err(m) => errors.push((value.span().start, m.into())),
        }
    }
    overrides
}

/// A section's entries as a fresh save writes them, in the table's order (for `[oauth]`,
/// `None` when the model is off).
pub fn section_entries(section: Section, policy: &Policy) -> Option<Entries> {
    if section == Section::OAuth && policy.model.is_none() {
        return None;
    }
    let mut out = Vec::new();
    for setting in Setting::ALL.iter().filter(|s| s.spec().section == section) {
        let Some(value) = setting.of_policy(policy) else {
            continue;
        };
        if setting.spec().save == Save::WhenSet && value == setting.default_value() {
            continue;
        }
        if let Some(v) = value.to_file() {
            out.push((setting.spec().key, v));
        }
    }
    Some(out)
}

/// Every key of a section (an in-place save removes those a fresh save would leave out).
pub fn section_keys(section: Section) -> impl Iterator<Item = &'static str> {
    Setting::ALL
        .iter()
        .filter(move |s| s.spec().section == section)
        .map(|s| s.spec().key)
}

/// The keys a user's `[tokens]` entry adds for their own values (only those set).
pub fn override_entries(o: &Overrides) -> Entries {
    o.values()
        .filter_map(|v| Some((v.setting().spec().key, v.to_file()?)))
        .collect()
}

/// Every key a user's entry may have for their own values.
pub fn override_keys() -> impl Iterator<Item = &'static str> {
    Setting::ALL
        .iter()
        .filter(|s| s.spec().per_user)
        .map(|s| s.spec().key)
}
