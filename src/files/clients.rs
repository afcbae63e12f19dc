//! Clients in a scenario file: the `[clients]` table, one array per user, and the counters in
//! `[family.USER]`.
//!
//! ```toml
//! [clients]                     # needs [oauth]; users without an entry have one client
//! alice = [{ name = "tab1" }, { name = "tab2", skew = -90 }]          # tabs share storage
//! bob = [{ name = "app" }, { name = "worker", storage = "own" }]      # a copy of its own
//! ```
//!
//! A client's keys: `name` (required), `storage` (`"shared"`, the default, or `"own"`; the
//! first client always uses the user's storage), `skew` (ticks, negative for a clock behind,
//! or a duration such as `"-90s"`), and the state a save writes: `access`, `expiry`, `refresh`
//! (an own copy's tokens), `lose_next`, `logged_out`.

use crate::domain::clients::{Client, Counters, Held};
use crate::domain::error::ValueError;
use crate::domain::oauth::UserModel;
use crate::domain::settings::kinds::{Entries, Val};
use crate::domain::text;
use crate::domain::token_store::Token;
use crate::files::input_error::{AtError, FileError};
use crate::files::tick::Tick;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use toml::Spanned;

/// How many clients a user may have.
pub const MAX_CLIENTS: usize = 64;

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a client: { name = \"tab1\" } (storage, skew optional)"
)]
pub struct ClientEntry {
    name: String,
    storage: Option<Spanned<String>>,
    skew: Option<Offset>,
    access: Option<String>,
    expiry: Option<Tick>,
    refresh: Option<String>,
    lose_next: Option<bool>,
    logged_out: Option<bool>,
}

/// `[family.USER]`'s `counters = { served = 3, ... }`.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "counters = { served = N, … }, one count per client"
)]
pub struct CountersSection {
    served: Option<Tick>,
    unauthorized: Option<Tick>,
    refreshes: Option<Tick>,
    forced_logins: Option<Tick>,
    skipped: Option<Tick>,
}

impl CountersSection {
    pub fn counters(&self) -> Counters {
        let n = |t: &Option<Tick>| t.as_ref().map_or(0, |t| t.0);
        Counters {
            served: n(&self.served),
            unauthorized: n(&self.unauthorized),
            refreshes: n(&self.refreshes),
            forced_logins: n(&self.forced_logins),
            skipped: n(&self.skipped),
        }
    }
}

/// A signed number of ticks: a whole number (`-90`) or a duration with an optional sign
/// (`"-1m 30s"`).
pub struct Offset(pub i64);

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OffsetVisitor;
        impl Visitor<'_> for OffsetVisitor {
            type Value = Offset;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number of ticks (negative: behind)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Offset, E> {
                Ok(Offset(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Offset, E> {
                self.visit_i128(i128::from(v))
            }
            /// A number past i64's range, either way (TOML hands those over as i128).
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Offset, E> {
                i64::try_from(v).map(Offset).map_err(|_| {
                    E::custom(ValueError::OffsetTooLarge {
                        given: v.to_string(),
                    })
                })
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Offset, E> {
                self.visit_i128(i128::try_from(v).unwrap_or(i128::MAX))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Offset, E> {
                Err(E::custom(ValueError::Decimal {
                    given: v.to_string(),
                }))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Offset, E> {
                parse_offset(v).map(Offset).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(OffsetVisitor)
    }
}

/// `-90`, `+30`, `-1m 30s`: a clock offset in ticks, for files, scripts and prompts alike.
pub fn parse_offset(word: &str) -> Result<i64, ValueError> {
    let trimmed = word.trim();
    let (negative, rest) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let given = || word.to_owned();
    if rest.starts_with(['-', '+']) {
        return Err(ValueError::OffsetSigns { given: given() });
    }
    let too_large = || ValueError::OffsetTooLarge { given: given() };
    let ticks = crate::domain::ticks::parse_ticks(rest).map_err(|bad| match bad {
        crate::domain::ticks::BadTicks::TooLarge => too_large(),
        bad => ValueError::Ticks {
            given: given(),
            bad,
        },
    })?;
    // i64's whole range: a clock behind by 9223372036854775808 is as good as a file's.
    let offset = if negative {
        0i64.checked_sub_unsigned(ticks)
    } else {
        i64::try_from(ticks).ok()
    };
    offset.ok_or_else(too_large)
}

impl ClientEntry {
    /// The client, its own copy starting as the user's tokens unless the entry says otherwise.
    fn client(self, index: usize, model: &UserModel, access: &Token) -> Result<Client, FileError> {
        text::check_client_name(&self.name)?;
        let mut client = Client::new(self.name);
        let own = match self.storage.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("shared") => false,
            Some("own") if index == 0 => {
                return Err(FileError::FirstClientOwn {
                    client: client.name,
                });
            }
            Some("own") => true,
            Some(other) => {
                return Err(FileError::UnknownStorage {
                    given: other.to_owned(),
                });
            }
        };
        if !own && (self.access.is_some() || self.expiry.is_some() || self.refresh.is_some()) {
            return Err(FileError::SharedClientTokens {
                client: client.name,
            });
        }
        if own {
            for value in self.access.iter().chain(&self.refresh) {
                text::check_token(value)?;
            }
            client.own = Some(Held {
                access: Token::new(
                    self.access.unwrap_or_else(|| access.value.clone()),
                    self.expiry.map_or(access.expiry, |t| t.0),
                ),
                refresh: self.refresh.unwrap_or_else(|| model.client.clone()),
            });
        }
        client.skew = self.skew.map_or(0, |o| o.0);
        client.lose_next = self.lose_next.unwrap_or(false);
        client.logged_out = self.logged_out.unwrap_or(false);
        Ok(client)
    }
}

/// A user's `[clients]` entry into its model; errors are at byte offsets of the file.
pub fn load_clients(
    model: &mut UserModel,
    access: &Token,
    user: &str,
    entries: Vec<Spanned<ClientEntry>>,
) -> Result<(), AtError> {
    if entries.len() > MAX_CLIENTS {
        let at = entries.get(MAX_CLIENTS).map_or(0, |e| e.span().start);
        let user = user.to_owned();
        let most = MAX_CLIENTS;
        return Err((at, FileError::TooManyClients { user, most }));
    }
    let mut clients: Vec<Client> = Vec::with_capacity(entries.len());
    for (index, entry) in entries.into_iter().enumerate() {
        let at = entry.span().start;
        let client = entry
            .into_inner()
            .client(index, model, access)
            .map_err(|error| {
                let user = user.to_owned();
                let error = Box::new(error);
                (at, FileError::InClient { user, error })
            })?;
        if clients.iter().any(|c| c.name == client.name) {
            let (client, user) = (client.name, user.to_owned());
            return Err((at, FileError::DuplicateClient { client, user }));
        }
        clients.push(client);
    }
    model.clients = clients;
    Ok(())
}

/// A user's clients as a `[clients]` entry: one inline table per client. Empty: no entry.
pub fn client_entries(model: &UserModel) -> Vec<Entries> {
    model
        .clients
        .iter()
        .map(|c| {
            let mut out: Entries = vec![("name", Val::Str(c.name.clone()))];
            if let Some(own) = &c.own {
                out.push(("storage", Val::Str("own".to_owned())));
                out.push(("access", Val::Str(own.access.value.clone())));
                out.push(("expiry", Val::Tick(own.access.expiry)));
                out.push(("refresh", Val::Str(own.refresh.clone())));
            }
            if c.skew != 0 {
                out.push(("skew", Val::Int(c.skew)));
            }
            if c.lose_next {
                out.push(("lose_next", Val::Bool(true)));
            }
            if c.logged_out {
                out.push(("logged_out", Val::Bool(true)));
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_take_signs_and_durations() {
        assert_eq!(parse_offset("-90"), Ok(-90));
        assert_eq!(parse_offset("+30"), Ok(30));
        assert_eq!(parse_offset("-1m 30s"), Ok(-90));
        assert_eq!(parse_offset("2m"), Ok(120));
        assert!(parse_offset("--5").is_err());
        assert!(parse_offset("abc").is_err());
        assert!(parse_offset("18446744073709551615").is_err());
    }

    /// What the user gave is named in the error: the offset as typed, the client.
    #[test]
    fn bad_offsets_and_clients_name_what_was_given() {
        assert_eq!(
            parse_offset("+-5"),
            Err(ValueError::OffsetSigns {
                given: "+-5".to_owned()
            })
        );
        assert_eq!(
            parse_offset("-5parsecs").map_err(|e| e.to_string()),
            Err("'-5parsecs' is not a whole number of ticks".to_owned())
        );
        let text = "current_time = 0\n[oauth]\n[tokens]\nalice = { token = \"t\", expiry = 9 }\n\
                    [clients]\nalice = [{ name = \"tab1\" }, { name = \"tab2\", access = \"x\" }]\n";
        let err = crate::files::parse_scenario(text, "t.toml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.toml:6:29: access, expiry and refresh are for a client with storage = \"own\" \
             (tab2 shares the user's) (client of alice)"
        );
    }
}
