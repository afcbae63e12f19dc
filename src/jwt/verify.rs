//! Checking a token's signature with the jsonwebtoken crate, on request (`--key`, `--jwks`):
//! the signature only, never the claims (an expired token's signature is still valid).

use super::decode::Jwt;
use crate::domain::text::sanitize;
use crate::files::InputError;
use crate::files::input;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{DecodingKey, Validation};
use std::path::Path;

/// The keys a signature is checked with.
#[derive(Clone)]
pub enum Keys {
    /// An HMAC secret or a PEM public key (`--key`).
    One(DecodingKey),
    /// A JSON Web Key Set (`--jwks`): the key with the token's `kid`, or the only key.
    Set(JwkSet),
}

impl std::fmt::Debug for Keys {
    /// Never prints a secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Keys::One(key) => write!(f, "Keys::One({:?} key)", key.family()),
            Keys::Set(set) => write!(f, "Keys::Set({} keys)", set.keys.len()),
        }
    }
}

/// A signature's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// Nobody asked (no `--key` or `--jwks`).
    NotChecked,
    /// `alg: none`: nothing to check, and anyone can make such a token.
    Unsigned,
    Valid,
    Invalid,
    /// The token's `alg` is not one the key is for (an RSA key and `HS256`, ...).
    AlgNotAllowed,
    /// The key set has no key for this token.
    NoKey,
    /// The crate could not check it (an unknown `alg`, a malformed key): its words.
    Unchecked(String),
}

impl Signature {
    pub fn words(&self, alg: &str) -> String {
        let alg = sanitize(alg);
        match self {
            Signature::NotChecked => super::words::NOT_CHECKED.to_owned(),
            Signature::Unsigned => "unsigned: anyone can forge it; never accept it".to_owned(),
            Signature::Valid => {
                "signature valid (signature only: the claims are judged below)".to_owned()
            }
            Signature::Invalid => "signature INVALID".to_owned(),
            Signature::AlgNotAllowed => format!("alg {alg} not allowed for this key"),
            Signature::NoKey => "no key in the set for this token's kid".to_owned(),
            Signature::Unchecked(why) => format!("signature not checked: {}", sanitize(why)),
        }
    }
}

/// Reads `--key FILE`: a PEM public key (RSA, EC or Ed25519), else an HMAC secret (the file's
/// bytes, one trailing newline dropped).
pub fn read_key(path: &Path) -> Result<Keys, InputError> {
    let name = sanitize(&path.display().to_string()).into_owned();
    let bytes = input::read(path)
        .map_err(|e| InputError::new(&name, format!("cannot read the key: {e}")))?;
    if bytes.starts_with(b"-----BEGIN") {
        let key = DecodingKey::from_rsa_pem(&bytes)
            .or_else(|_| DecodingKey::from_ec_pem(&bytes))
            .or_else(|_| DecodingKey::from_ed_pem(&bytes))
            .map_err(|_| {
                InputError::new(
                    &name,
                    "not a PEM public key the jsonwebtoken crate reads (RSA, EC or Ed25519)",
                )
            })?;
        return Ok(Keys::One(key));
    }
    let secret = bytes
        .strip_suffix(b"\r\n")
        .or_else(|| bytes.strip_suffix(b"\n"))
        .unwrap_or(&bytes);
    DecodingKey::from_secret(secret)
        .map(Keys::One)
        .map_err(|_| InputError::new(&name, "the HMAC secret is empty"))
}

/// Reads `--jwks FILE`: a JSON Web Key Set (`{"keys": [...]}`).
pub fn read_jwks(path: &Path) -> Result<Keys, InputError> {
    let name = sanitize(&path.display().to_string()).into_owned();
    let bytes = input::read(path)
        .map_err(|e| InputError::new(&name, format!("cannot read the key set: {e}")))?;
    serde_json::from_slice::<JwkSet>(&bytes)
        .map(Keys::Set)
        .map_err(|e| InputError::new(&name, format!("not a JSON Web Key Set: {e}")))
}

/// Checks the signature of `jwt` with `keys` (`None`: not asked).
pub fn check(jwt: &Jwt, keys: Option<&Keys>) -> Signature {
    if jwt.is_unsigned() {
        return Signature::Unsigned;
    }
    let Some(keys) = keys else {
        return Signature::NotChecked;
    };
    let key = match keys {
        Keys::One(key) => key.clone(),
        Keys::Set(set) => {
            let kid = jwt.header.get("kid").and_then(|k| k.as_str());
            let jwk = match (kid, set.keys.as_slice()) {
                (Some(kid), _) => set.find(kid),
                (None, [only]) => Some(only),
                (None, _) => None,
            };
            let Some(jwk) = jwk else {
                return Signature::NoKey;
            };
            match DecodingKey::from_jwk(jwk) {
                Ok(key) => key,
                Err(e) => return Signature::Unchecked(e.to_string()),
            }
        }
    };
    let mut validation = Validation::new_for_family(key.family());
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let (input, signature) = jwt.signing_input_and_signature();
    let token = format!("{input}.{signature}");
    match jsonwebtoken::decode::<serde_json::Value>(&token, &key, &validation) {
        Ok(_) => Signature::Valid,
        Err(e) => match e.kind() {
            ErrorKind::InvalidSignature => Signature::Invalid,
            ErrorKind::InvalidAlgorithm => Signature::AlgNotAllowed,
            _ => Signature::Unchecked(e.to_string()),
        },
    }
}
