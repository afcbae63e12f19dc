//! Real signed access tokens for the real-world model (`[oauth] jwt = { alg = "HS256",
//! secret = "…", epoch = "2026-01-01T00:00:00Z" }`): each access token the model issues is a
//! JWT signed with the jsonwebtoken crate, its times the epoch plus the tick, so a student can
//! paste it into jwt.io or PyJWT and see the same `exp` as the table.

use crate::domain::error::ValueError;
use crate::domain::settings::kinds::Val;
use crate::domain::settings::kinds::{FileValue, Kind, type_words};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::json;

/// The last Unix second an epoch plus a tick may reach (jiff's last date, 9999-12-30T22:00Z).
const MAX_SECONDS: u64 = 253_402_207_200;

/// The secret the `jwt` setting switches on with when no file gave one (public: for a class).
const DEMO_SECRET: &str = "tokenclock-demo-secret";

/// How the model signs its access tokens: an HMAC algorithm, its secret, and the instant tick
/// 0 stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtSigning {
    pub alg: HmacAlg,
    pub secret: String,
    /// Unix seconds of tick 0.
    pub epoch: u64,
}

/// The HMAC algorithms a shared secret signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HmacAlg {
    Hs256,
    Hs384,
    Hs512,
}

impl HmacAlg {
    pub const ALL: [HmacAlg; 3] = [HmacAlg::Hs256, HmacAlg::Hs384, HmacAlg::Hs512];

    pub fn name(self) -> &'static str {
        match self {
            HmacAlg::Hs256 => "HS256",
            HmacAlg::Hs384 => "HS384",
            HmacAlg::Hs512 => "HS512",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            HmacAlg::Hs256 => Algorithm::HS256,
            HmacAlg::Hs384 => Algorithm::HS384,
            HmacAlg::Hs512 => Algorithm::HS512,
        }
    }
}

/// What one access token says.
#[derive(Debug, Clone, Copy)]
pub struct AccessClaims<'a> {
    pub user: &'a str,
    /// The token's own id: the value the model would have issued (`at-alice-2`).
    pub jti: &'a str,
    /// The refresh-token family it was issued in.
    pub sid: &'a str,
    /// The issue tick (`iat` and `nbf`).
    pub issued: u64,
    /// The expiry tick (`exp`).
    pub expiry: u64,
}

impl JwtSigning {
    /// Reads the `[oauth]` value's fields: `alg` (HS256, HS384, HS512), a non-empty `secret`,
    /// `epoch` (a date-time such as 2026-01-01T00:00:00Z, or Unix seconds).
    pub fn new(alg: &str, secret: &str, epoch: &str) -> Result<Self, ValueError> {
        let alg = HmacAlg::ALL
            .into_iter()
            .find(|a| a.name() == alg)
            .ok_or_else(|| ValueError::UnknownAlg {
                given: alg.to_owned(),
            })?;
        if secret.is_empty() {
            return Err(ValueError::EmptySecret);
        }
        let epoch = match epoch.parse::<u64>() {
            Ok(seconds) => seconds,
            Err(_) => {
                let at: jiff::Timestamp = epoch.parse().map_err(|_| ValueError::BadEpoch {
                    given: epoch.to_owned(),
                })?;
                u64::try_from(at.as_second()).map_err(|_| ValueError::EpochBefore1970)?
            }
        };
        if epoch > MAX_SECONDS {
            return Err(ValueError::EpochBeyond);
        }
        Ok(Self {
            alg,
            secret: secret.to_owned(),
            epoch,
        })
    }

    /// The epoch as a date-time, `2026-01-01T00:00:00Z`.
    pub fn epoch_text(&self) -> String {
        let seconds = i64::try_from(self.epoch).unwrap_or(0);
        jiff::Timestamp::from_second(seconds)
            .map(|t| t.to_string())
            .unwrap_or_else(|_| self.epoch.to_string())
    }

    /// The Unix second of `tick`.
    pub fn seconds(&self, tick: u64) -> u64 {
        self.epoch.saturating_add(tick).min(MAX_SECONDS)
    }

    /// The signed token. Signing with an HMAC key cannot fail once the secret is not empty; if
    /// the crate ever refuses, the token says so rather than pass for a signed one.
    pub fn mint(&self, claims: AccessClaims) -> String {
        let body = json!({
            "sub": claims.user,
            "iat": self.seconds(claims.issued),
            "nbf": self.seconds(claims.issued),
            "exp": self.seconds(claims.expiry),
            "jti": claims.jti,
            "sid": claims.sid,
        });
        EncodingKey::from_secret(self.secret.as_bytes())
            .and_then(|key| encode(&Header::new(self.alg.algorithm()), &body, &key))
            .unwrap_or_else(|_| format!("unsigned-{}", claims.jti))
    }
}

/// The `jwt` setting: off (`None`, opaque readable or random values) or a signing.
impl Kind for Option<JwtSigning> {
    fn shape() -> String {
        "{ alg = \"HS256\", secret = \"…\", epoch = \"2026-01-01T00:00:00Z\" }".to_owned()
    }
    /// The same table: a signing is written only in a file.
    fn file_shape() -> String {
        Self::shape()
    }
    fn word(&self) -> String {
        match self {
            None => "off".to_owned(),
            // Never the secret: words reach the screen, the log and transcripts.
            Some(s) => format!("{} from {}", s.alg.name(), s.epoch_text()),
        }
    }
    /// Only `off` is a word: a signing has a secret, which is set in the scenario file.
    fn parse_word(word: &str) -> Result<Self, ValueError> {
        match word {
            "off" => Ok(None),
            _ => Err(ValueError::SigningIsFileOnly),
        }
    }
    /// Off and on: on signs with a demonstration secret from 2026-01-01T00:00:00Z (a file
    /// sets its own).
    fn next(&self) -> Option<Self> {
        Some(match self {
            Some(_) => None,
            None => JwtSigning::new("HS256", DEMO_SECRET, "2026-01-01T00:00:00Z").ok(),
        })
    }
    fn from_file(value: &FileValue) -> Result<Self, ValueError> {
        let FileValue::Table(fields) = value else {
            return Err(ValueError::WrongType {
                expected: Self::shape(),
                found: type_words(value),
            });
        };
        if let Some((key, _)) = fields
            .iter()
            .find(|(k, _)| !matches!(k.as_str(), "alg" | "secret" | "epoch"))
        {
            return Err(ValueError::UnknownField {
                given: key.clone(),
                expected: "`alg`, `secret` or `epoch`",
            });
        }
        let text = |name: &'static str| -> Result<String, ValueError> {
            match fields.iter().find(|(k, _)| k == name).map(|(_, v)| v) {
                Some(FileValue::Str(s)) => Ok(s.clone()),
                Some(FileValue::Int(n)) if name == "epoch" => Ok(n.to_string()),
                Some(other) => Err(ValueError::FieldNotText {
                    name,
                    found: type_words(other),
                }),
                None => Err(ValueError::MissingField { name }),
            }
        };
        JwtSigning::new(&text("alg")?, &text("secret")?, &text("epoch")?).map(Some)
    }
    fn to_file(&self) -> Option<Val> {
        let s = self.as_ref()?;
        Some(Val::Table(vec![
            ("alg", Val::Str(s.alg.name().to_owned())),
            ("secret", Val::Str(s.secret.clone())),
            ("epoch", Val::Str(s.epoch_text())),
        ]))
    }
}

/// A token as a table shows it: a JWT (`eyJ…` with three parts) cut to its first and last six
/// characters (`eyJ0eX…lscFkw`), any other value whole. `token USER` prints it whole.
pub fn shortened(value: &str) -> std::borrow::Cow<'_, str> {
    let is_jwt = value.starts_with("eyJ") && value.matches('.').count() == 2 && value.len() > 24;
    if !is_jwt || !value.is_ascii() {
        return std::borrow::Cow::Borrowed(value);
    }
    std::borrow::Cow::Owned(format!("{}…{}", &value[..6], &value[value.len() - 6..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{DecodingKey, Validation, decode};

    #[test]
    fn a_minted_token_verifies_and_says_epoch_plus_ticks() {
        let signing = JwtSigning::new("HS256", "s3cret", "2026-01-01T00:00:00Z").unwrap();
        assert_eq!(signing.epoch, 1_767_225_600);
        assert_eq!(signing.epoch_text(), "2026-01-01T00:00:00Z");
        let claims = AccessClaims {
            user: "alice",
            jti: "at-alice-2",
            sid: "alice@0",
            issued: 300,
            expiry: 600,
        };
        let token = signing.mint(claims);
        assert_eq!(
            token,
            signing.mint(claims),
            "the same claims, the same token"
        );
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        let key = DecodingKey::from_secret(b"s3cret").unwrap();
        let data = decode::<serde_json::Value>(&token, &key, &validation).unwrap();
        assert_eq!(data.claims["exp"], json!(1_767_225_600_u64 + 600));
        assert_eq!(data.claims["iat"], json!(1_767_225_600_u64 + 300));
        assert_eq!(data.claims["nbf"], data.claims["iat"]);
        assert_eq!(data.claims["sub"], json!("alice"));
        assert_eq!(data.claims["jti"], json!("at-alice-2"));
        assert_eq!(data.claims["sid"], json!("alice@0"));
    }

    #[test]
    fn a_table_shortens_a_jwt_and_nothing_else() {
        let signing = JwtSigning::new("HS256", "s3cret", "0").unwrap();
        let token = signing.mint(AccessClaims {
            user: "a",
            jti: "at-a-1",
            sid: "a@0",
            issued: 0,
            expiry: 1,
        });
        let short = shortened(&token);
        assert_eq!(short.chars().count(), 13);
        assert!(short.starts_with("eyJ") && short.ends_with(&token[token.len() - 6..]));
        assert_eq!(shortened("at-alice-1"), "at-alice-1");
        assert_eq!(shortened("eyJ.a.b"), "eyJ.a.b");
    }

    #[test]
    fn bad_settings_are_refused_in_words() {
        assert!(
            JwtSigning::new("RS256", "x", "0")
                .unwrap_err()
                .to_string()
                .starts_with("alg must be HS256")
        );
        assert_eq!(
            JwtSigning::new("HS256", "", "0").unwrap_err(),
            ValueError::EmptySecret
        );
        assert!(
            JwtSigning::new("HS256", "x", "soon")
                .unwrap_err()
                .to_string()
                .starts_with("epoch 'soon'")
        );
        assert_eq!(JwtSigning::new("HS384", "x", "60").unwrap().epoch, 60);
    }
}
