//! The model's part of a scenario file: `[family.USER]` tables (a story's saved state). The
//! `[oauth]` settings and a user's own values are read by the table (`settings::file`).
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

use super::family::{Attacker, Family, Previous, Revocation, RevokeWhy, UserModel};
use crate::domain::scenario_file::Tick;
use crate::domain::token_store::Token;
use serde::Deserialize;
use toml::Spanned;

pub use crate::domain::settings::file::AtError;

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a user's story: [family.NAME] with login = N and refresh = \"…\""
)]
pub struct FamilySection {
    login: Tick,
    refresh: String,
    client: Option<String>,
    generation: Option<Tick>,
    previous: Option<String>,
    rotated_at: Option<Tick>,
    #[serde(default)]
    used: Vec<String>,
    last_use: Option<Tick>,
    revoked: Option<RevokedSection>,
    access_revoked_at: Option<Tick>,
    refresh_issued: Option<Tick>,
    access_issued: Option<Tick>,
    attacker: Option<AttackerSection>,
    counters: Option<crate::domain::clients::file::CountersSection>,
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
    refresh: String,
    stolen_at: Tick,
    access: Option<String>,
    expiry: Option<Tick>,
}

/// The largest `N` in values such as `rt-alice-N`, so new readable values never repeat old ones.
pub(crate) fn highest_count<'a>(values: impl Iterator<Item = &'a str>) -> u64 {
    values
        .filter_map(|v| v.rsplit('-').next()?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
}

impl FamilySection {
    /// The family's state into `model`; `access` is the user's access token (for the counter).
    pub fn apply(self, model: &mut UserModel, access: &Token) -> Result<(), String> {
        for value in std::iter::once(&self.refresh)
            .chain(&self.client)
            .chain(&self.previous)
            .chain(&self.used)
        {
            crate::domain::text::check_token(value)?;
        }
        if self.used.len() > super::family::USED_LIMIT {
            return Err(format!(
                "used lists at most {} refresh tokens, found {}",
                super::family::USED_LIMIT,
                self.used.len()
            ));
        }
        if self.previous.is_some() != self.rotated_at.is_some() {
            return Err("previous and rotated_at go together".to_owned());
        }
        let revoked = match self.revoked {
            None => None,
            Some(r) => Some(Revocation {
                at: r.at.0,
                why: RevokeWhy::from_name(r.why.get_ref()).ok_or_else(|| {
                    format!(
                        "unknown revoked why '{}'; valid ones: reuse, absolute, idle, revoked",
                        crate::domain::text::sanitize(r.why.get_ref())
                    )
                })?,
            }),
        };
        let attacker = match self.attacker {
            None => None,
            Some(a) => {
                crate::domain::text::check_token(&a.refresh)?;
                let access = match (a.access, a.expiry) {
                    (Some(v), Some(e)) => {
                        crate::domain::text::check_token(&v)?;
                        Some(Token::new(v, e.0))
                    }
                    (None, None) => None,
                    _ => return Err("attacker access and expiry go together".to_owned()),
                };
                Some(Attacker {
                    refresh: a.refresh,
                    stolen_at: a.stolen_at.0,
                    access,
                })
            }
        };
        let refresh_counted = highest_count(
            std::iter::once(self.refresh.as_str())
                .chain(self.used.iter().map(String::as_str))
                .chain(attacker.iter().map(|a| a.refresh.as_str())),
        );
        let access_counted = highest_count(
            std::iter::once(access.value.as_str()).chain(
                attacker
                    .iter()
                    .filter_map(|a| Some(a.access.as_ref()?.value.as_str())),
            ),
        );
        model.refresh_issued = self.refresh_issued.map_or(refresh_counted, |t| t.0);
        model.access_issued = self.access_issued.map_or(access_counted, |t| t.0);
        model.client = self.client.unwrap_or_else(|| self.refresh.clone());
        model.access_revoked_at = self.access_revoked_at.map(|t| t.0);
        model.attacker = attacker;
        if let Some(counters) = self.counters {
            model.counters = counters.counters();
        }
        model.family = Some(Family {
            login_at: self.login.0,
            generation: self.generation.map_or(1, |t| t.0),
            last_use: self.last_use.map_or(self.login.0, |t| t.0),
            current: self.refresh,
            previous: self
                .previous
                .zip(self.rotated_at)
                .map(|(value, at)| Previous {
                    value,
                    rotated_at: at.0,
                }),
            used: self.used,
            revoked,
        });
        Ok(())
    }
}
