//! The model's part of a scenario file: the `[oauth]` table (the knobs), the per-user overrides
//! in `[tokens]` entries, and `[family.USER]` tables (a story's saved state).
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
use super::knobs::{AccessKind, ModelPolicy, OnReuse, Overrides};
use super::validator::Validator;
use crate::domain::scenario_file::Tick;
use crate::domain::token_store::Token;
use serde::Deserialize;
use toml::Spanned;

/// An error at a byte offset of the file.
pub type AtError = (usize, String);

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OAuthSection {
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
    traffic: Option<bool>,
    traffic_every: Option<Spanned<Tick>>,
}

/// The knobs a `[tokens]` entry may override (its other keys are `token` and `expiry`).
#[derive(Default)]
pub struct OverrideFields {
    pub ttl: Option<Tick>,
    pub access: Option<Spanned<String>>,
    pub validator: Option<Spanned<String>>,
    pub rotation: Option<bool>,
    pub reuse_detection: Option<bool>,
    pub grace: Option<Tick>,
    pub sender_constrained: Option<bool>,
    pub absolute: Option<Tick>,
    pub idle: Option<Tick>,
    pub cap_access: Option<bool>,
    pub on_reuse: Option<Spanned<String>>,
    pub single_flight: Option<bool>,
}

impl OverrideFields {
    fn any(&self) -> bool {
        self.ttl.is_some()
            || self.access.is_some()
            || self.validator.is_some()
            || self.rotation.is_some()
            || self.reuse_detection.is_some()
            || self.grace.is_some()
            || self.sender_constrained.is_some()
            || self.absolute.is_some()
            || self.idle.is_some()
            || self.cap_access.is_some()
            || self.on_reuse.is_some()
            || self.single_flight.is_some()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
struct RevokedSection {
    at: Tick,
    why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttackerSection {
    refresh: String,
    stolen_at: Tick,
    access: Option<String>,
    expiry: Option<Tick>,
}

fn named<T>(
    value: &Option<Spanned<String>>,
    what: &str,
    find: fn(&str) -> Option<T>,
    valid: &str,
) -> Result<Option<T>, AtError> {
    let Some(value) = value else {
        return Ok(None);
    };
    find(value.get_ref()).map(Some).ok_or_else(|| {
        let shown = crate::domain::text::sanitize(value.get_ref());
        (
            value.span().start,
            format!("unknown {what} '{shown}'; valid ones: {valid}"),
        )
    })
}

fn access(v: &Option<Spanned<String>>) -> Result<Option<AccessKind>, AtError> {
    named(v, "access kind", AccessKind::from_name, "jwt, opaque")
}

fn validator(v: &Option<Spanned<String>>) -> Result<Option<Validator>, AtError> {
    named(v, "validator", Validator::from_name, &Validator::names())
}

fn on_reuse(v: &Option<Spanned<String>>) -> Result<Option<OnReuse>, AtError> {
    named(
        v,
        "on_reuse",
        OnReuse::from_name,
        "family, newest-and-access",
    )
}

impl OAuthSection {
    pub fn policy(&self) -> Result<ModelPolicy, AtError> {
        let d = ModelPolicy::default();
        Ok(ModelPolicy {
            access: access(&self.access)?.unwrap_or(d.access),
            validator: validator(&self.validator)?.unwrap_or(d.validator),
            rotation: self.rotation.unwrap_or(d.rotation),
            reuse_detection: self.reuse_detection.unwrap_or(d.reuse_detection),
            grace: self.grace.as_ref().map_or(d.grace, |t| t.0),
            sender_constrained: self.sender_constrained.unwrap_or(d.sender_constrained),
            absolute: self.absolute.as_ref().map_or(d.absolute, |t| t.0),
            idle: self.idle.as_ref().map_or(d.idle, |t| t.0),
            cap_access: self.cap_access.unwrap_or(d.cap_access),
            on_reuse: on_reuse(&self.on_reuse)?.unwrap_or(d.on_reuse),
            single_flight: self.single_flight.unwrap_or(d.single_flight),
            traffic: self.traffic.unwrap_or(d.traffic),
            traffic_every: match &self.traffic_every {
                None => d.traffic_every,
                Some(t) if t.get_ref().0 == 0 => {
                    return Err((
                        t.span().start,
                        "traffic_every must be 1 or more (clients call every N ticks)".to_owned(),
                    ));
                }
                Some(t) => t.get_ref().0,
            },
        })
    }
}

/// A user's overrides; an error (at the entry) when the model is off.
pub fn overrides(
    fields: &OverrideFields,
    model_on: bool,
    offset: usize,
) -> Result<Overrides, AtError> {
    if fields.any() && !model_on {
        return Err((
            offset,
            "per-user knobs need the real-world model: add an [oauth] table".to_owned(),
        ));
    }
    Ok(Overrides {
        ttl: fields.ttl.as_ref().map(|t| t.0),
        access: access(&fields.access)?,
        validator: validator(&fields.validator)?,
        rotation: fields.rotation,
        reuse_detection: fields.reuse_detection,
        grace: fields.grace.as_ref().map(|t| t.0),
        sender_constrained: fields.sender_constrained,
        absolute: fields.absolute.as_ref().map(|t| t.0),
        idle: fields.idle.as_ref().map(|t| t.0),
        cap_access: fields.cap_access,
        on_reuse: on_reuse(&fields.on_reuse)?,
        single_flight: fields.single_flight,
    })
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
