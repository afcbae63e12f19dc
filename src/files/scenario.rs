//! Scenario files: TOML that mirrors the lesson's variables (`current_time`, `tokens`, the rule).
//!
//! ```toml
//! current_time = 120
//! [refresh]
//! ttl = 100
//! new_token = "newtoken123"    # or { random_bytes = 16 }
//! boundary = "lesson"          # or "rfc7519"
//! early = 0
//! leeway = 0
//! [tokens]
//! alice = { token = "abc123", expiry = 100 }
//! ```

use crate::domain::clock::Clock;
use crate::domain::oauth::{Overrides, UserModel, start_family};
use crate::domain::policy::Policy;
use crate::domain::scenario::Scenario;
use crate::domain::settings::Section;
use crate::domain::settings::kinds::{FileValue, file_ticks, type_words};
use crate::domain::template::{Places, Template, UserPlaces};
use crate::domain::text;
use crate::domain::token_store::{Token, TokenStore};
use crate::files::clients::{self as clients_file, ClientEntry};
use crate::files::family::{self as oauth_file, FamilySection};
use crate::files::input;
use crate::files::input_error::{self, FileError, InputError};
use crate::files::settings::{self as settings_file, Fields, SectionTable};
use crate::files::tick::Tick;
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use toml::Spanned;

/// The built-in lesson, embedded so the binary runs from any folder.
pub const LESSON_TOML: &str = include_str!("../../assets/lesson.toml");
pub const LESSON_NAME: &str = "built-in lesson";

impl Scenario {
    /// The lesson: alice, bob and carol at 120, refreshing to `newtoken123` for 100 ticks.
    pub fn lesson() -> Scenario {
        // Not user input: the file is compiled in, and tests check it parses to the lesson.
        parse_scenario(LESSON_TOML, LESSON_NAME).expect("the embedded lesson.toml is valid")
    }
}

/// Reads and checks a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, InputError> {
    read_scenario(path).map(|(scenario, _)| scenario)
}

/// Reads and checks a scenario file, returning its text too, with what reading it found: the
/// template a save edits.
pub fn read_scenario(path: &Path) -> Result<(Scenario, Template), InputError> {
    let name = path.display().to_string();
    let bytes = input::read(path)
        .map_err(|m| InputError::new(&name, format!("cannot read the scenario: {m}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        InputError::new(&name, "the scenario is not valid UTF-8")
            .at_offset(&text, e.utf8_error().valid_up_to())
    })?;
    read_template(text, &name)
}

/// Parses scenario text into the scenario and the template a save edits (the text, what it
/// reads as and where its entries stand); `file` names it in errors.
pub fn read_template(
    text: impl Into<Arc<str>>,
    file: &str,
) -> Result<(Scenario, Template), InputError> {
    let text: Arc<str> = text.into();
    let (scenario, places) = parse_with_places(&text, file)?;
    let template = Template::read(text, scenario.clone(), places);
    Ok((scenario, template))
}

/// The table header (`[oauth]`, `[[oauth]]`, `[family.a]`) on the line holding `offset`, when
/// that line is one and safe to show.
fn table_header_at(source: &str, offset: usize) -> Option<&str> {
    let start = source.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = source.get(start..)?.lines().next()?;
    let header = line.split('#').next()?.trim();
    (header.starts_with('[') && header.ends_with(']') && !header.chars().any(text::is_unsafe))
        .then_some(header)
}

/// Parses scenario text; `file` names it in errors.
pub fn parse_scenario(text: &str, file: &str) -> Result<Scenario, InputError> {
    parse_with_places(text, file).map(|(scenario, _)| scenario)
}

/// [`parse_scenario`], and where each value a save edits stands in `text`.
pub fn parse_with_places(text: &str, file: &str) -> Result<(Scenario, Places), InputError> {
    let raw: ScenarioFile = toml::from_str(text).map_err(|e| {
        let mut message = input_error::in_toml_words(e.message().trim_end());
        let Some(span) = e.span() else {
            return InputError::new(file, message);
        };
        // toml says only "duplicate key"; name it, when it is safe to show.
        let key = text.get(span.clone()).unwrap_or_default();
        if message == "duplicate key" && !key.is_empty() && !key.chars().any(text::is_unsafe) {
            message = match table_header_at(text, span.start) {
                // `[oauth]` twice, or `[[oauth]]` beside it: the header says which table.
                Some(header) => format!(
                    "duplicate key {key}: {header} repeats a table already in the file; each \
                     table is written once"
                ),
                None => format!("duplicate key {key}: each user and each setting appears once"),
            };
        }
        InputError::new(file, message).at_offset(text, span.start)
    })?;
    let err_at =
        |offset: usize, message: String| InputError::new(file, message).at_offset(text, offset);

    // Past the TOML syntax, every error found is listed, not only the first.
    let mut errors = Vec::new();
    let mut at_errors = Vec::new();
    let mut policy = Policy::default();
    if let Some(refresh) = &raw.refresh {
        settings_file::read_section(
            Section::Refresh,
            refresh,
            |v| v.apply(&mut policy),
            &mut at_errors,
        );
    }
    if let Some(oauth) = &raw.oauth {
        policy.model = Some(Default::default());
        settings_file::read_section(
            Section::OAuth,
            oauth,
            |v| v.apply(&mut policy),
            &mut at_errors,
        );
    }
    let model = policy.model.is_some();
    let mut tokens = TokenStore::with_capacity(raw.tokens.len());
    let mut overrides = Vec::new();
    let mut places = Places {
        current_time: raw.current_time.span(),
        users: Vec::with_capacity(raw.tokens.len()),
        lesson: raw.title.is_some() || raw.minutes.is_some() || raw.step.is_some(),
    };
    for (name, entry) in raw.tokens {
        let offset = entry.span().start;
        let span = entry.span();
        let entry = entry.into_inner();
        let added = text::normal_name(&name)
            .map_err(|m| err_at(offset, m.to_string()))
            .and_then(|name| {
                // What is wrong in the user's entry names the user: `… (user a)`.
                let in_user = |at: usize, error: FileError| {
                    let user = name.clone().into_owned();
                    let error = Box::new(error);
                    err_at(at, FileError::InUser { user, error }.to_string())
                };
                let token = match entry.token.get_ref() {
                    FileValue::Str(t) => t.clone(),
                    other => {
                        let found = type_words(other);
                        return Err(in_user(
                            entry.token.span().start,
                            FileError::TokenNotText { found },
                        ));
                    }
                };
                let expiry = file_ticks(entry.expiry.get_ref())
                    .map_err(|e| in_user(entry.expiry.span().start, e.into()))?;
                text::check_token(&token)
                    .map_err(|m| err_at(offset, format!("{m} (user {name})")))?;
                let mut bad = Vec::new();
                let own = settings_file::read_overrides(&entry.settings, &mut bad);
                if let Some((at, error)) = bad.into_iter().next() {
                    return Err(in_user(at, error));
                }
                if !own.is_empty() && !model {
                    return Err(in_user(offset, FileError::OwnSettingsNeedModel));
                }
                tokens
                    .insert(name.into_owned(), Token::new(token, expiry))
                    .map_err(|d| err_at(offset, format!("duplicate user '{}'", d.0)))?;
                places.users.push(UserPlaces {
                    entry: span,
                    ..UserPlaces::default()
                });
                Ok(own)
            });
        match added {
            Ok(own) if model => overrides.push(own),
            Ok(_) => {}
            Err(error) => errors.push(error),
        }
    }
    if model && errors.is_empty() {
        // Overrides line up with the users only when every user loaded.
        let now = raw.current_time.get_ref().0;
        if let Err((at, m)) = load_families(&mut tokens, overrides, raw.family, now, &mut places)
            .and_then(|()| load_clients(&mut tokens, raw.clients, &mut places))
        {
            errors.push(err_at(at, m.to_string()));
        }
    } else if let Some(clients) = raw.clients.as_ref().filter(|_| !model) {
        return Err(err_at(
            clients.span().start,
            "[clients] needs the real-world model: add an [oauth] table".to_owned(),
        ));
    } else if let Some((name, family)) = raw.family.as_ref().and_then(|f| f.iter().next()) {
        let _ = name;
        return Err(err_at(
            family.span().start,
            "[family] tables need the real-world model: add an [oauth] table".to_owned(),
        ));
    }

    errors.extend(
        at_errors
            .into_iter()
            .map(|(at, m)| err_at(at, m.to_string())),
    );
    errors.sort_by_key(|e| (e.line, e.column));
    if let Some(error) = InputError::all(errors) {
        return Err(error);
    }

    let scenario = Scenario {
        clock: Clock::new(raw.current_time.into_inner().0),
        tokens,
        policy,
        random: Default::default(),
    };
    Ok((scenario, places))
}

/// Every user's model state: overrides, and the family from `[family.USER]` or a fresh one
/// (logged in at the file's `current_time`).
fn load_families(
    tokens: &mut TokenStore,
    overrides: Vec<Overrides>,
    families: Option<IndexMap<String, Spanned<FamilySection>>>,
    now: u64,
    places: &mut Places,
) -> Result<(), oauth_file::AtError> {
    let mut families = families.unwrap_or_default();
    for (index, overrides) in overrides.into_iter().enumerate() {
        let Some((name, state)) = tokens.user_at(index) else {
            break;
        };
        let mut model = UserModel {
            overrides,
            ..UserModel::default()
        };
        // `swap_remove`: O(1); `shift_remove` moved every later table each time (quadratic).
        match families.swap_remove(name) {
            Some(family) => {
                let offset = family.span().start;
                if let Some(user) = places.users.get_mut(index) {
                    user.family = Some(family.span());
                }
                family
                    .into_inner()
                    .apply(&mut model, &state.token.owned(), offset)
                    .map_err(|(at, error)| {
                        let user = name.to_owned();
                        let error = Box::new(error);
                        (at, FileError::InFamily { user, error })
                    })?;
            }
            None => start_family(&mut model, name, state.token.value, now),
        }
        tokens.set_model_at(index, model);
    }
    // The first stray table in the file (the swaps above changed the map's order).
    if let Some((name, family)) = families.iter().min_by_key(|(_, f)| f.span().start) {
        let user = name.clone();
        return Err((family.span().start, FileError::StrayFamily { user }));
    }
    Ok(())
}

/// `[clients]`: each user's declared clients (issue 9).
type ClientsTable = Spanned<IndexMap<String, Spanned<Vec<Spanned<ClientEntry>>>>>;

fn load_clients(
    tokens: &mut TokenStore,
    clients: Option<ClientsTable>,
    places: &mut Places,
) -> Result<(), oauth_file::AtError> {
    for (name, entries) in clients.map(Spanned::into_inner).unwrap_or_default() {
        let at = entries.span().start;
        let shown = text::sanitize(&name);
        let Some(index) = text::normal_name(&name)
            .ok()
            .and_then(|n| tokens.index_of(&n))
        else {
            return Err((at, FileError::StrayClients { user: name }));
        };
        let Some(access) = tokens.get_index(index).map(|(_, t)| t.owned()) else {
            continue;
        };
        if let Some(user) = places.users.get_mut(index) {
            user.clients = Some(entries.span());
        }
        if let Some((_, model)) = tokens.model_at_mut(index) {
            clients_file::load_clients(model, &access, &shown, entries.into_inner())?;
        }
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    current_time: Spanned<Tick>,
    refresh: Option<SectionTable>,
    oauth: Option<SectionTable>,
    tokens: IndexMap<String, Spanned<UserEntry>>,
    family: Option<IndexMap<String, Spanned<FamilySection>>>,
    clients: Option<ClientsTable>,
    /// A lesson's title, time estimate and steps: read by [`crate::lesson`], passed over here
    /// (only whether they are there is kept).
    title: Option<de::IgnoredAny>,
    minutes: Option<de::IgnoredAny>,
    step: Option<de::IgnoredAny>,
}

/// A user in `[tokens]`: `{ token = "…", expiry = N }` and any of their own settings.
struct UserEntry {
    token: Spanned<FileValue>,
    expiry: Spanned<FileValue>,
    /// The keys past `token` and `expiry`: the user's own settings, read by the table.
    settings: Fields,
}

impl<'de> Deserialize<'de> for UserEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = UserEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a user: { token = \"…\", expiry = N }")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<UserEntry, A::Error> {
                let mut token = None;
                let mut expiry = None;
                let mut settings = Vec::new();
                for (key, value) in settings_file::fields(map)? {
                    match key.get_ref().as_str() {
                        "token" => token = Some(value),
                        "expiry" => expiry = Some(value),
                        _ => settings.push((key, value)),
                    }
                }
                Ok(UserEntry {
                    token: token.ok_or_else(|| de::Error::missing_field("token"))?,
                    expiry: expiry.ok_or_else(|| de::Error::missing_field("expiry"))?,
                    settings,
                })
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}
