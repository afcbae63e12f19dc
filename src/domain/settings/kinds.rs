//! The kinds of value a setting holds (a number of ticks, on/off, one of a few names, a token),
//! each read and written the same way wherever it appears: scripts, the app, files, words.

use crate::domain::error::ValueError;
use crate::domain::ticks::parse_ticks;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Which side of the expiry tick counts as expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Boundary {
    /// The lesson's rule: expired when `expiry < now`, so the expiry tick itself is still valid.
    #[default]
    Lesson,
    /// JWT's `exp` (RFC 7519 §4.1.4): expired when `expiry <= now`.
    Rfc7519,
}

impl fmt::Display for Boundary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a refresh issues as the new token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewToken {
    /// The lesson's way: every refresh issues the same literal (`newtoken123`).
    Literal(String),
    /// Real servers' way: this many bytes from the OS random source, URL-safe base64 without padding.
    RandomBytes(usize),
}

impl Default for NewToken {
    fn default() -> Self {
        NewToken::Literal("newtoken123".to_owned())
    }
}

/// Most random bytes a policy may ask for per token.
pub const MAX_RANDOM_BYTES: usize = 128;

/// How an API checks an access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AccessKind {
    /// Self-contained (a JWT), checked locally: it lives until its `exp` whatever the server does.
    #[default]
    Jwt,
    /// Introspected at the server: it dies the moment it is revoked.
    Opaque,
}

/// What a detected reuse revokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnReuse {
    /// Auth0: the whole family, the newest refresh token included.
    #[default]
    Family,
    /// Okta: the newest refresh token and the access tokens issued since login.
    NewestAndAccess,
}

/// A setting's value kind: how it is typed in a script or the app, read from a file, written
/// back, and worded. Errors name the value as given (made safe to print), never the setting:
/// the caller adds where it was.
pub trait Kind: Sized + Clone + PartialEq + fmt::Debug {
    /// How a value is written in a script, for help and usage: `N`, `on|off`, `jwt|opaque`.
    fn shape() -> String;
    /// How a value is written in a file, for the reference: `N`, `true|false`, `"jwt"|"opaque"`.
    fn file_shape() -> String;
    /// The value as a script writes it and as words show it: `30`, `on`, `rfc7519`.
    fn word(&self) -> String;
    /// Reads a script's or a prompt's word.
    fn parse_word(word: &str) -> Result<Self, ValueError>;
    /// Reads a file's value.
    fn from_file(value: &FileValue) -> Result<Self, ValueError>;
    /// The value as a file writes it; `None`: the key is left out (an unset value).
    fn to_file(&self) -> Option<Val>;
    /// The number the value is, for a setting's range (`None` when it is not a number).
    fn number(&self) -> Option<u64> {
        None
    }
    /// The next value the app's menu switches to (`None`: the menu asks for the value).
    fn next(&self) -> Option<Self> {
        None
    }
}

/// A kind whose values are a few names: each value, its name, and the word for errors.
pub trait Named: Copy + PartialEq + fmt::Debug + 'static {
    const ALL: &'static [Self];
    /// What a value is, in errors: `boundary`, `access kind`.
    const WHAT: &'static str;
    fn name(self) -> &'static str;

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }

    /// Every name, for errors: `jwt, opaque`.
    fn names() -> String {
        Self::ALL
            .iter()
            .map(|v| v.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn unknown<T: Named>(given: &str) -> ValueError {
    ValueError::UnknownName {
        what: T::WHAT,
        given: given.to_owned(),
        valid: T::names(),
    }
}

impl<T: Named> Kind for T {
    fn shape() -> String {
        T::ALL
            .iter()
            .map(|v| v.name())
            .collect::<Vec<_>>()
            .join("|")
    }
    fn file_shape() -> String {
        T::ALL
            .iter()
            .map(|v| format!("\"{}\"", v.name()))
            .collect::<Vec<_>>()
            .join("|")
    }
    fn word(&self) -> String {
        self.name().to_owned()
    }
    fn parse_word(word: &str) -> Result<Self, ValueError> {
        T::from_name(word).ok_or_else(|| unknown::<T>(word))
    }
    fn from_file(value: &FileValue) -> Result<Self, ValueError> {
        match value {
            FileValue::Str(s) => Self::parse_word(s),
            other => Err(ValueError::WrongType {
                expected: format!("one of {} in quotes", T::names()),
                found: type_words(other),
            }),
        }
    }
    fn to_file(&self) -> Option<Val> {
        Some(Val::Str(self.name().to_owned()))
    }
    fn next(&self) -> Option<Self> {
        let at = T::ALL
            .iter()
            .position(|v| v == self)
            .map_or(0, |i| (i + 1) % T::ALL.len());
        T::ALL.get(at).copied()
    }
}

impl Named for Boundary {
    const ALL: &'static [Self] = &Boundary::ALL;
    const WHAT: &'static str = "boundary";
    fn name(self) -> &'static str {
        Boundary::name(self)
    }
}

impl Named for AccessKind {
    const ALL: &'static [Self] = &AccessKind::ALL;
    const WHAT: &'static str = "access kind";
    fn name(self) -> &'static str {
        AccessKind::name(self)
    }
}

impl Named for OnReuse {
    const ALL: &'static [Self] = &OnReuse::ALL;
    const WHAT: &'static str = "on-reuse";
    fn name(self) -> &'static str {
        OnReuse::name(self)
    }
}

/// A TOML value's type as a learner would name it.
pub(crate) fn type_words(value: &FileValue) -> &'static str {
    match value {
        FileValue::Str(_) => "text",
        FileValue::Int(_) => "a number",
        FileValue::Float(_) => "a decimal number",
        FileValue::Bool(_) => "true or false",
        FileValue::List => "a list",
        FileValue::Table(_) => "a table",
    }
}

/// A whole number of ticks, 0 or more (the range of a setting may ask for more).
impl Kind for u64 {
    fn shape() -> String {
        "N".to_owned()
    }
    fn file_shape() -> String {
        "N or \"5m\"".to_owned()
    }
    fn word(&self) -> String {
        self.to_string()
    }
    fn parse_word(word: &str) -> Result<Self, ValueError> {
        parse_ticks(word).map_err(|bad| ValueError::Ticks {
            given: word.to_owned(),
            bad,
        })
    }
    fn from_file(value: &FileValue) -> Result<Self, ValueError> {
        file_ticks(value)
    }
    fn to_file(&self) -> Option<Val> {
        Some(Val::Tick(*self))
    }
    fn number(&self) -> Option<u64> {
        Some(*self)
    }
}

/// A number of ticks in a file: a whole number, or a duration in quotes (`"5m"`). A float, a
/// number in quotes (`"300"`, `"+5"`) or anything else is refused in the file's words.
pub(crate) fn file_ticks(value: &FileValue) -> Result<u64, ValueError> {
    match value {
        FileValue::Int(n) => u64::try_from(*n).map_err(|_| {
            if *n < 0 {
                ValueError::NegativeTicks { given: *n }
            } else {
                ValueError::TooManyTicks { given: *n }
            }
        }),
        FileValue::Float(f) => Err(ValueError::Decimal {
            given: f.to_string(),
        }),
        FileValue::Str(s) => {
            let trimmed = s.trim();
            let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
            if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValueError::NumberInQuotes);
            }
            parse_ticks(s).map_err(|bad| ValueError::Ticks {
                given: s.clone(),
                bad,
            })
        }
        other => Err(ValueError::WrongType {
            expected: "a whole number of ticks".to_owned(),
            found: type_words(other),
        }),
    }
}

/// A switch: `on`/`off` in scripts, `true`/`false` in files.
impl Kind for bool {
    fn shape() -> String {
        "on|off".to_owned()
    }
    fn file_shape() -> String {
        "true|false".to_owned()
    }
    fn word(&self) -> String {
        if *self { "on" } else { "off" }.to_owned()
    }
    fn parse_word(word: &str) -> Result<Self, ValueError> {
        match word {
            "on" => Ok(true),
            "off" => Ok(false),
            _ => Err(ValueError::NotOnOff {
                given: word.to_owned(),
            }),
        }
    }
    fn from_file(value: &FileValue) -> Result<Self, ValueError> {
        match value {
            FileValue::Bool(b) => Ok(*b),
            other => Err(ValueError::WrongType {
                expected: "true or false".to_owned(),
                found: type_words(other),
            }),
        }
    }
    fn to_file(&self) -> Option<Val> {
        Some(Val::Bool(*self))
    }
    fn next(&self) -> Option<Self> {
        Some(!*self)
    }
}

/// A number of ticks that may be left unset (`default`): the library's own default then.
impl Kind for Option<u64> {
    fn shape() -> String {
        "N|default".to_owned()
    }
    fn file_shape() -> String {
        "N or \"5m\"; left out: the default".to_owned()
    }
    fn word(&self) -> String {
        match self {
            Some(n) => n.to_string(),
            None => "default".to_owned(),
        }
    }
    fn parse_word(word: &str) -> Result<Self, ValueError> {
        match word {
            "default" => Ok(None),
            _ => u64::parse_word(word).map(Some),
        }
    }
    fn from_file(value: &FileValue) -> Result<Self, ValueError> {
        file_ticks(value).map(Some)
    }
    fn to_file(&self) -> Option<Val> {
        self.map(Val::Tick)
    }
    fn number(&self) -> Option<u64> {
        *self
    }
}

/// The token a refresh issues: a literal, or `{ random_bytes = N }` (files only).
impl Kind for NewToken {
    fn shape() -> String {
        "TOKEN".to_owned()
    }
    fn file_shape() -> String {
        "\"TOKEN\" or { random_bytes = N }".to_owned()
    }
    fn word(&self) -> String {
        match self {
            NewToken::Literal(value) => value.clone(),
            NewToken::RandomBytes(n) => format!("{n} random bytes"),
        }
    }
    fn parse_word(word: &str) -> Result<Self, ValueError> {
        crate::domain::text::check_token(word)?;
        Ok(NewToken::Literal(word.to_owned()))
    }
    fn from_file(value: &FileValue) -> Result<Self, ValueError> {
        match value {
            FileValue::Str(s) => Self::parse_word(s),
            FileValue::Table(t) => {
                if let Some((key, _)) = t.iter().find(|(k, _)| k != "random_bytes") {
                    return Err(ValueError::UnknownField {
                        given: key.clone(),
                        expected: "`random_bytes`",
                    });
                }
                let n = t
                    .iter()
                    .find(|(k, _)| k == "random_bytes")
                    .map(|(_, v)| v)
                    .ok_or(ValueError::MissingField {
                        name: "random_bytes",
                    })
                    .and_then(|v| file_ticks(v).map_err(|_| ValueError::RandomBytesNotWhole))?;
                let n = usize::try_from(n).unwrap_or(usize::MAX);
                if (1..=MAX_RANDOM_BYTES).contains(&n) {
                    Ok(NewToken::RandomBytes(n))
                } else {
                    Err(ValueError::RandomBytesRange {
                        given: n,
                        most: MAX_RANDOM_BYTES,
                    })
                }
            }
            other => Err(ValueError::WrongType {
                expected: "a token in quotes, or { random_bytes = N }".to_owned(),
                found: type_words(other),
            }),
        }
    }
    fn to_file(&self) -> Option<Val> {
        Some(match self {
            NewToken::Literal(value) => Val::Str(value.clone()),
            NewToken::RandomBytes(n) => Val::Table(vec![("random_bytes", Val::Tick(*n as u64))]),
        })
    }
}

/// A value in a scenario file as written, whatever its type, so each kind says in the file's
/// words what was wrong (numbers keep their whole range: `u64::MAX` is a tick).
#[derive(Debug, Clone, PartialEq)]
pub enum FileValue {
    Int(i128),
    Float(f64),
    Bool(bool),
    Str(String),
    Table(Vec<(String, FileValue)>),
    /// A list (`[1, 2]`), never a setting's value.
    List,
}

impl<'de> Deserialize<'de> for FileValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = FileValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FileValue, E> {
                Ok(FileValue::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FileValue, E> {
                Ok(FileValue::Int(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FileValue, E> {
                Ok(FileValue::Int(v.into()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<FileValue, E> {
                Ok(FileValue::Int(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<FileValue, E> {
                Ok(FileValue::Int(i128::try_from(v).unwrap_or(i128::MAX)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FileValue, E> {
                Ok(FileValue::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FileValue, E> {
                Ok(FileValue::Str(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<FileValue, E> {
                Ok(FileValue::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FileValue, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FileValue::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileValue, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    out.push((key, map.next_value::<FileValue>()?));
                }
                Ok(FileValue::Table(out))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// A value as a file writes it (the reading side is [`FileValue`]): what each kind's
/// `to_file` gives, and the entries `crate::files` renders as TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    Tick(u64),
    /// A signed number (a client's clock offset).
    Int(i64),
    Bool(bool),
    Str(String),
    Strs(Vec<String>),
    Ticks(Vec<u64>),
    /// An inline table.
    Table(Vec<(&'static str, Val)>),
    /// An array of inline tables.
    Tables(Vec<Vec<(&'static str, Val)>>),
}

/// A table's keys and values, in the order a file writes them.
pub type Entries = Vec<(&'static str, Val)>;
