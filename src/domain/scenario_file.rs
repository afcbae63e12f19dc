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

use super::clock::Clock;
use super::input_error::InputError;
use super::input_file;
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
    let mut tokens = TokenStore::with_capacity(raw.tokens.len());
    for (name, entry) in raw.tokens {
        let offset = entry.span().start;
        let entry = entry.into_inner();
        let added = text::normal_name(&name).and_then(|name| {
            text::check_token(&entry.token).map_err(|m| format!("{m} (user {name})"))?;
            tokens
                .insert(name.into_owned(), Token::new(entry.token, entry.expiry.0))
                .map_err(|d| format!("duplicate user '{}'", d.0))
        });
        if let Err(message) = added {
            errors.push(err_at(offset, message));
        }
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

    Ok(Scenario {
        clock: Clock::new(raw.current_time.0),
        tokens,
        policy,
        random: Default::default(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    current_time: Tick,
    refresh: Option<RefreshSection>,
    tokens: IndexMap<String, Spanned<TokenEntry>>,
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
}

/// A whole, non-negative number of ticks, with errors a learner can act on.
struct Tick(u64);

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
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Tick, E> {
                Err(E::custom(
                    "expected a number of ticks, found text in quotes",
                ))
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
