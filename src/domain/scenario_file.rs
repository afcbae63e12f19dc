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

use super::clients::file::{self as clients_file, ClientEntry};
use super::clock::Clock;
use super::input_error::InputError;
use super::input_file;
use super::oauth::file::{self as oauth_file, FamilySection, OAuthSection, OverrideFields};
use super::oauth::{Overrides, UserModel, start_family};
use super::policy::{Boundary, NewToken, Policy};
use super::scenario::Scenario;
use super::text;
use super::token_store::{Token, TokenStore};
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// The built-in lesson, embedded so the binary runs from any folder.
pub const LESSON_TOML: &str = include_str!("../../assets/lesson.toml");
pub const LESSON_NAME: &str = "built-in lesson";

/// Most random bytes a policy may ask for per token.
const MAX_RANDOM_BYTES: usize = 128;

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

/// Reads and checks a scenario file, returning its text too: the template a save edits.
pub fn read_scenario(path: &Path) -> Result<(Scenario, String), InputError> {
    let name = path.display().to_string();
    let bytes = input_file::read(path)
        .map_err(|m| InputError::new(&name, format!("cannot read the scenario: {m}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        InputError::new(&name, "the scenario is not valid UTF-8")
            .at_offset(&text, e.utf8_error().valid_up_to())
    })?;
    let scenario = parse_scenario(&text, &name)?;
    Ok((scenario, text))
}

/// Parses scenario text; `file` names it in errors.
pub fn parse_scenario(text: &str, file: &str) -> Result<Scenario, InputError> {
    let raw: ScenarioFile = toml::from_str(text).map_err(|e| {
        let mut message = e.message().trim_end().to_owned();
        let Some(span) = e.span() else {
            return InputError::new(file, message);
        };
        // toml says only "duplicate key"; name it, when it is safe to show.
        let key = text.get(span.clone()).unwrap_or_default();
        if message == "duplicate key" && !key.is_empty() && !key.chars().any(text::is_unsafe) {
            message = format!("duplicate key {key}: each user and each setting appears once");
        }
        InputError::new(file, message).at_offset(text, span.start)
    })?;
    let err_at =
        |offset: usize, message: String| InputError::new(file, message).at_offset(text, offset);

    // Past the TOML syntax, every error found is listed, not only the first.
    let mut errors = Vec::new();
    let model = match &raw.oauth {
        Some(section) => Some(Box::new(section.policy().map_err(|(at, m)| err_at(at, m))?)),
        None => None,
    };
    let mut tokens = TokenStore::with_capacity(raw.tokens.len());
    let mut overrides = Vec::new();
    for (name, entry) in raw.tokens {
        let offset = entry.span().start;
        let entry = entry.into_inner();
        let added = text::normal_name(&name)
            .map_err(|m| err_at(offset, m))
            .and_then(|name| {
                text::check_token(&entry.token)
                    .map_err(|m| err_at(offset, format!("{m} (user {name})")))?;
                let knobs = oauth_file::overrides(&entry.overrides(), model.is_some(), offset)
                    .map_err(|(at, m)| err_at(at, m))?;
                tokens
                    .insert(name.into_owned(), Token::new(entry.token, entry.expiry.0))
                    .map_err(|d| err_at(offset, format!("duplicate user '{}'", d.0)))?;
                Ok(knobs)
            });
        match added {
            Ok(knobs) if model.is_some() => overrides.push(knobs),
            Ok(_) => {}
            Err(error) => errors.push(error),
        }
    }
    if model.is_some() && errors.is_empty() {
        // Overrides line up with the users only when every user loaded.
        if let Err((at, m)) = load_families(&mut tokens, overrides, raw.family, raw.current_time.0)
            .and_then(|()| load_clients(&mut tokens, raw.clients))
        {
            errors.push(err_at(at, m));
        }
    } else if let Some(clients) = raw.clients.as_ref().filter(|_| model.is_none()) {
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

    let refresh = raw.refresh.unwrap_or_default();
    let mut policy = Policy::default();
    if let Some(ttl) = refresh.ttl {
        policy.ttl = ttl.0;
    }
    if let Some(spec) = refresh.new_token {
        let offset = spec.span().start;
        match spec.into_inner() {
            NewTokenSpec::Literal(value) => match text::check_token(&value) {
                Ok(()) => policy.new_token = NewToken::Literal(value),
                Err(m) => errors.push(err_at(offset, format!("new_token: {m}"))),
            },
            NewTokenSpec::Random(n) if (1..=MAX_RANDOM_BYTES).contains(&n) => {
                policy.new_token = NewToken::RandomBytes(n);
            }
            NewTokenSpec::Random(n) => errors.push(err_at(
                offset,
                format!("random_bytes must be between 1 and {MAX_RANDOM_BYTES}, got {n}"),
            )),
        }
    }
    if let Some(boundary) = refresh.boundary {
        let offset = boundary.span().start;
        match Boundary::from_name(boundary.get_ref()) {
            Some(b) => policy.boundary = b,
            None => errors.push(err_at(
                offset,
                "boundary must be \"lesson\" or \"rfc7519\"".to_owned(),
            )),
        }
    }
    if let Some(early) = refresh.early {
        policy.early = early.0;
    }
    if let Some(leeway) = refresh.leeway {
        policy.leeway = leeway.0;
    }
    errors.sort_by_key(|e| (e.line, e.column));
    if let Some(error) = InputError::all(errors) {
        return Err(error);
    }
    policy.model = model;

    Ok(Scenario {
        clock: Clock::new(raw.current_time.0),
        tokens,
        policy,
        random: Default::default(),
    })
}

/// Every user's model state: overrides, and the family from `[family.USER]` or a fresh one
/// (logged in at the file's `current_time`).
fn load_families(
    tokens: &mut TokenStore,
    overrides: Vec<Overrides>,
    families: Option<IndexMap<String, Spanned<FamilySection>>>,
    now: u64,
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
                family
                    .into_inner()
                    .apply(&mut model, &state.token.owned(), offset)
                    .map_err(|(at, m)| (at, format!("{m} (family of {name})")))?;
            }
            None => start_family(&mut model, name, state.token.value, now),
        }
        tokens.set_model_at(index, model);
    }
    // The first stray table in the file (the swaps above changed the map's order).
    if let Some((name, family)) = families.iter().min_by_key(|(_, f)| f.span().start) {
        let shown = text::sanitize(name);
        return Err((
            family.span().start,
            format!("[family.{shown}] is for a user not in [tokens]"),
        ));
    }
    Ok(())
}

/// `[clients]`: each user's declared clients (issue 9).
type ClientsTable = Spanned<IndexMap<String, Spanned<Vec<Spanned<ClientEntry>>>>>;

fn load_clients(
    tokens: &mut TokenStore,
    clients: Option<ClientsTable>,
) -> Result<(), oauth_file::AtError> {
    for (name, entries) in clients.map(Spanned::into_inner).unwrap_or_default() {
        let at = entries.span().start;
        let shown = text::sanitize(&name);
        let Some(index) = text::normal_name(&name)
            .ok()
            .and_then(|n| tokens.index_of(&n))
        else {
            return Err((
                at,
                format!("[clients] names '{shown}', a user not in [tokens]"),
            ));
        };
        let Some(access) = tokens.get_index(index).map(|(_, t)| t.owned()) else {
            continue;
        };
        if let Some((_, model)) = tokens.model_at_mut(index) {
            clients_file::load_clients(model, &access, &shown, entries.into_inner())?;
        }
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    current_time: Tick,
    refresh: Option<RefreshSection>,
    oauth: Option<OAuthSection>,
    tokens: IndexMap<String, Spanned<TokenEntry>>,
    family: Option<IndexMap<String, Spanned<FamilySection>>>,
    clients: Option<ClientsTable>,
    /// A lesson's title and steps: read by [`crate::lesson`], passed over here.
    #[allow(dead_code)]
    title: Option<de::IgnoredAny>,
    #[allow(dead_code)]
    step: Option<de::IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RefreshSection {
    ttl: Option<Tick>,
    new_token: Option<Spanned<NewTokenSpec>>,
    boundary: Option<Spanned<String>>,
    early: Option<Tick>,
    leeway: Option<Tick>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenEntry {
    token: String,
    expiry: Tick,
    // The real-world model's per-user overrides.
    ttl: Option<Tick>,
    access: Option<Spanned<String>>,
    validator: Option<Spanned<String>>,
    rotation: Option<bool>,
    reuse_detection: Option<bool>,
    grace: Option<Tick>,
    sender_constrained: Option<bool>,
    absolute: Option<Tick>,
    idle: Option<Tick>,
    cap_access: Option<bool>,
    on_reuse: Option<Spanned<String>>,
    single_flight: Option<bool>,
}

impl TokenEntry {
    fn overrides(&self) -> OverrideFields {
        OverrideFields {
            ttl: self.ttl.as_ref().map(|t| Tick(t.0)),
            access: self.access.clone(),
            validator: self.validator.clone(),
            rotation: self.rotation,
            reuse_detection: self.reuse_detection,
            grace: self.grace.as_ref().map(|t| Tick(t.0)),
            sender_constrained: self.sender_constrained,
            absolute: self.absolute.as_ref().map(|t| Tick(t.0)),
            idle: self.idle.as_ref().map(|t| Tick(t.0)),
            cap_access: self.cap_access,
            on_reuse: self.on_reuse.clone(),
            single_flight: self.single_flight,
        }
    }
}

/// A whole, non-negative number of ticks (or a duration such as `"5m"`), with errors a learner
/// can act on.
pub(crate) struct Tick(pub(crate) u64);

impl<'de> Deserialize<'de> for Tick {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TickVisitor;
        impl Visitor<'_> for TickVisitor {
            type Value = Tick;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number of ticks, 0 or more")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tick, E> {
                Ok(Tick(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tick, E> {
                u64::try_from(v)
                    .map(Tick)
                    .map_err(|_| E::custom(format!("{v} is negative; ticks are 0 or more")))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Tick, E> {
                match u64::try_from(v) {
                    Ok(v) => Ok(Tick(v)),
                    Err(_) if v < 0 => {
                        Err(E::custom(format!("{v} is negative; ticks are 0 or more")))
                    }
                    Err(_) => Err(E::custom(format!(
                        "{v} is too large (the most is {})",
                        u64::MAX
                    ))),
                }
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Tick, E> {
                self.visit_i128(i128::try_from(v).unwrap_or(i128::MAX))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tick, E> {
                Err(E::custom(format!("{v} is not a whole number of ticks")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tick, E> {
                // A duration in quotes (`"5m"`, `"1h 30m"`); a bare number in quotes is a slip.
                if v.trim().bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(
                        "expected a number of ticks, found text in quotes \
                         (write the number without quotes, or a duration such as \"5m\")",
                    ));
                }
                super::ticks::parse_ticks(v)
                    .map(Tick)
                    .map_err(|bad| E::custom(bad.describe(&text::sanitize(v))))
            }
        }
        deserializer.deserialize_any(TickVisitor)
    }
}

/// `new_token = "literal"` or `new_token = { random_bytes = N }`.
enum NewTokenSpec {
    Literal(String),
    Random(usize),
}

impl<'de> Deserialize<'de> for NewTokenSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpecVisitor;
        impl<'de> Visitor<'de> for SpecVisitor {
            type Value = NewTokenSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a token in quotes, or { random_bytes = N }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NewTokenSpec, E> {
                Ok(NewTokenSpec::Literal(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NewTokenSpec, A::Error> {
                let mut bytes = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "random_bytes" {
                        return Err(de::Error::unknown_field(&key, &["random_bytes"]));
                    }
                    let Tick(n) = map.next_value()?;
                    bytes = Some(usize::try_from(n).unwrap_or(usize::MAX));
                }
                bytes
                    .map(NewTokenSpec::Random)
                    .ok_or_else(|| de::Error::missing_field("random_bytes"))
            }
        }
        deserializer.deserialize_any(SpecVisitor)
    }
}
