//! The model's part of a scenario file: `[family.USER]` tables (a story's saved state). The
//! `[oauth]` settings and a user's own values are read by the table (`files::settings`).
//!
//! ```toml
//! [oauth]                       # the real-world model is on when this table is there
//! access = "jwt"                # or "opaque"
//! validator = "jsonwebtoken-rs" # a name from the validators table (`validator::TABLE`)
//! rotation = true
//! reuse_detection = true
//! grace = "30s"                 # every tick count may be a duration
//! sender_constrained = false
//! absolute = "30d"              # 0: none
//! idle = "15d"                  # 0: none
//! cap_access = false
//! on_reuse = "family"           # or "newest-and-access"
//!
//! [family.alice]                # optional: where alice's story stands
//! login = 0
//! refresh = "rt-alice-3"
//! ```

use crate::domain::oauth::family::{
    Attacker, COUNTER_MAX, Family, Previous, Revocation, RevokeWhy, UserModel, highest_count,
};
use crate::domain::token_store::Token;
use crate::files::tick::Tick;
use serde::Deserialize;
use std::sync::Arc;
use toml::Spanned;

pub use crate::files::input_error::AtError;
use crate::files::input_error::FileError;

/// `[family.USER]`: the current family (without `refresh`: not logged in), the user's side
/// (the client's token, the attacker, the counters) and `[[family.USER.earlier]]`, the
/// earlier families, oldest first.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a user's story: [family.NAME] with login = N and refresh = \"…\""
)]
pub struct FamilySection {
    login: Option<Tick>,
    refresh: Option<Spanned<String>>,
    client: Option<Spanned<String>>,
    generation: Option<Spanned<Generation>>,
    issued_at: Option<Tick>,
    previous: Option<Spanned<String>>,
    rotated_at: Option<Tick>,
    reuses: Option<Tick>,
    used: Option<Spanned<Vec<Spanned<String>>>>,
    used_issued: Option<Spanned<Vec<Tick>>>,
    last_use: Option<Tick>,
    revoked: Option<RevokedSection>,
    access_revoked_at: Option<Tick>,
    refresh_issued: Option<Spanned<Tick>>,
    access_issued: Option<Spanned<Tick>>,
    attacker: Option<AttackerSection>,
    counters: Option<crate::files::clients::CountersSection>,
    #[serde(default)]
    earlier: Vec<Spanned<EarlierSection>>,
}

/// What every family has besides its login and current token (the same keys in
/// `[family.USER]` and in `[[family.USER.earlier]]`).
struct FamilyState {
    generation: Option<Spanned<Generation>>,
    issued_at: Option<Tick>,
    previous: Option<Spanned<String>>,
    rotated_at: Option<Tick>,
    reuses: Option<Tick>,
    used: Option<Spanned<Vec<Spanned<String>>>>,
    used_issued: Option<Spanned<Vec<Tick>>>,
    last_use: Option<Tick>,
    revoked: Option<RevokedSection>,
}

/// `FamilyState { generation: self.generation, ... }` from a section with the same keys.
macro_rules! family_state {
    ($section:expr) => {
        FamilyState {
            generation: $section.generation,
            issued_at: $section.issued_at,
            previous: $section.previous,
            rotated_at: $section.rotated_at,
            reuses: $section.reuses,
            used: $section.used,
            used_issued: $section.used_issued,
            last_use: $section.last_use,
            revoked: $section.revoked,
        }
    };
}

/// One `[[family.USER.earlier]]` table: a family from an earlier login.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an earlier login: [[family.NAME.earlier]] with login = N and refresh = \"…\""
)]
struct EarlierSection {
    login: Tick,
    refresh: Spanned<String>,
    generation: Option<Spanned<Generation>>,
    issued_at: Option<Tick>,
    previous: Option<Spanned<String>>,
    rotated_at: Option<Tick>,
    reuses: Option<Tick>,
    used: Option<Spanned<Vec<Spanned<String>>>>,
    used_issued: Option<Spanned<Vec<Tick>>>,
    last_use: Option<Tick>,
    revoked: Option<RevokedSection>,
}

/// A family's generation: 1 at login, one more at each rotation (not a tick).
struct Generation(u64);

impl<'de> Deserialize<'de> for Generation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let n = i128::deserialize(deserializer).map_err(|_| {
            D::Error::custom("a generation is a whole number, 1 or more (1 at login)")
        })?;
        // At most a counter's most, as `refresh_issued`: a generation grows at each rotation,
        // and one that could not would give two generations the same number.
        u64::try_from(n)
            .ok()
            .filter(|n| (1..=COUNTER_MAX).contains(n))
            .map(Generation)
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "generation {n} is out of range: a generation is 1 or more (1 at login) and \
                     at most {COUNTER_MAX}, so that it can grow at each rotation"
                ))
            })
    }
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "revoked = { at = N, why = \"reuse\" }"
)]
struct RevokedSection {
    at: Tick,
    why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "attacker = { refresh = \"…\", stolen_at = N }"
)]
struct AttackerSection {
    refresh: Spanned<String>,
    stolen_at: Tick,
    access: Option<Spanned<String>>,
    expiry: Option<Spanned<Tick>>,
}

fn token_at(value: &Spanned<String>) -> Result<(), AtError> {
    crate::domain::text::check_token(value.get_ref()).map_err(|m| (value.span().start, m.into()))
}

fn needs(field: &'static str, needs: &'static str) -> FileError {
    FileError::Needs { field, needs }
}

impl FamilyState {
    /// The family whose login and current token are given, with this state.
    fn family(self, login_at: u64, current: Spanned<String>, at: usize) -> Result<Family, AtError> {
        token_at(&current)?;
        if let Some(previous) = &self.previous {
            token_at(previous)?;
        }
        let used = self.used.map(Spanned::into_inner).unwrap_or_default();
        for value in &used {
            token_at(value)?;
        }
        if used.len() > crate::domain::oauth::family::USED_LIMIT {
            return Err((
                at,
                FileError::TooManyUsed {
                    found: used.len(),
                    most: crate::domain::oauth::family::USED_LIMIT,
                },
            ));
        }
        let used_issued: Vec<u64> = match self.used_issued {
            None => vec![login_at; used.len()],
            Some(list) if list.get_ref().len() == used.len() => {
                list.into_inner().into_iter().map(|t| t.0).collect()
            }
            Some(list) => {
                return Err((
                    list.span().start,
                    FileError::UsedIssuedCount {
                        found: list.get_ref().len(),
                        used: used.len(),
                    },
                ));
            }
        };
        let previous = match (self.previous, self.rotated_at) {
            (Some(value), Some(at)) => Some(Previous {
                value: value.into_inner(),
                rotated_at: at.0,
                reuses: self.reuses.map_or(0, |t| t.0),
            }),
            (None, None) => None,
            (Some(value), None) => {
                return Err((value.span().start, needs("previous", "rotated_at")));
            }
            (None, Some(_)) => return Err((at, needs("rotated_at", "previous"))),
        };
        let revoked = match self.revoked {
            None => None,
            Some(r) => Some(Revocation {
                at: r.at.0,
                why: RevokeWhy::from_name(r.why.get_ref()).ok_or_else(|| {
                    (
                        r.why.span().start,
                        FileError::UnknownRevokeWhy {
                            given: r.why.get_ref().clone(),
                            valid: RevokeWhy::ALL.map(RevokeWhy::name).join(", "),
                        },
                    )
                })?,
            }),
        };
        let issued_at = self.issued_at.map_or_else(
            || previous.as_ref().map_or(login_at, |p| p.rotated_at),
            |t| t.0,
        );
        Ok(Family {
            login_at,
            generation: self.generation.map_or(1, |g| g.into_inner().0),
            last_use: self.last_use.map_or(login_at, |t| t.0),
            current: current.into_inner(),
            issued_at,
            previous,
            used: Arc::new(used.into_iter().map(|u| u.into_inner().into()).collect()),
            used_issued: Arc::new(used_issued),
            revoked,
        })
    }
}

/// A counter from the file, refused when it could not keep counting.
fn counter(value: Option<Spanned<Tick>>, name: &'static str) -> Result<Option<u64>, AtError> {
    match value {
        Some(v) if v.get_ref().0 > COUNTER_MAX => Err((
            v.span().start,
            FileError::CounterTooHigh {
                name,
                given: v.get_ref().0,
                most: COUNTER_MAX,
            },
        )),
        v => Ok(v.map(|v| v.get_ref().0)),
    }
}

impl FamilySection {
    /// The user's families into `model`; `access` is the user's access token (for the
    /// counter); `at` is where the table starts (for errors that have no field).
    pub fn apply(
        mut self,
        model: &mut UserModel,
        access: &Token,
        at: usize,
    ) -> Result<(), AtError> {
        if let Some(client) = &self.client {
            token_at(client)?;
        }
        let attacker = match self.attacker {
            None => None,
            Some(a) => {
                token_at(&a.refresh)?;
                let access = match (a.access, a.expiry) {
                    (Some(v), Some(e)) => {
                        token_at(&v)?;
                        Some(Token::new(v.into_inner(), e.get_ref().0))
                    }
                    (None, None) => None,
                    (Some(v), None) => {
                        return Err((v.span().start, needs("attacker access", "expiry")));
                    }
                    (None, Some(e)) => {
                        return Err((e.span().start, needs("attacker expiry", "access")));
                    }
                };
                Some(Attacker {
                    refresh: a.refresh.into_inner(),
                    stolen_at: a.stolen_at.0,
                    access,
                })
            }
        };
        if self.earlier.len() >= crate::domain::oauth::family::FAMILIES_KEPT {
            return Err((
                at,
                FileError::TooManyFamilies {
                    kept: crate::domain::oauth::family::FAMILIES_KEPT,
                },
            ));
        }
        let mut earlier = Vec::with_capacity(self.earlier.len());
        for section in self.earlier {
            let at = section.span().start;
            let section = section.into_inner();
            let (login, refresh) = (section.login.0, section.refresh);
            earlier.push(family_state!(section).family(login, refresh, at)?);
        }
        let (login, refresh) = (self.login.take(), self.refresh.take());
        let family = match (login, refresh) {
            (Some(login), Some(refresh)) => Some(family_state!(self).family(login.0, refresh, at)?),
            (None, None) => None,
            (None, Some(refresh)) => {
                return Err((refresh.span().start, needs("refresh", "login")));
            }
            (Some(_), None) => {
                return Err((at, needs("login", "refresh (without both: not logged in)")));
            }
        };
        let refresh_counted = highest_count(
            earlier
                .iter()
                .chain(&family)
                .flat_map(|f| {
                    std::iter::once(f.current.as_str()).chain(f.used.iter().map(|u| &**u))
                })
                .chain(attacker.iter().map(|a| a.refresh.as_str())),
        );
        let access_counted = highest_count(
            std::iter::once(access.value.as_str()).chain(
                attacker
                    .iter()
                    .filter_map(|a| Some(a.access.as_ref()?.value.as_str())),
            ),
        );
        model.refresh_issued =
            counter(self.refresh_issued, "refresh_issued")?.unwrap_or(refresh_counted);
        model.access_issued =
            counter(self.access_issued, "access_issued")?.unwrap_or(access_counted);
        model.client = match self.client {
            Some(client) => client.into_inner(),
            None => family
                .as_ref()
                .map(|f| f.current.clone())
                .unwrap_or_default(),
        };
        model.access_revoked_at = self.access_revoked_at.map(|t| t.0);
        model.attacker = attacker;
        if let Some(counters) = self.counters {
            model.counters = counters.counters();
        }
        model.family = family;
        model.earlier = earlier;
        Ok(())
    }
}
