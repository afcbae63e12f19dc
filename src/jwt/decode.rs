//! Reading a compact JWS (`header.payload.signature`) without trusting it: every way a pasted
//! token can be wrong is a [`DecodeError`] that says which part and what, never echoing the
//! token's bytes (they may be a credential, or escape sequences).

use super::numeric_date::{DateProblem, MAX_SECONDS, NumericDate};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use std::fmt;
use thiserror::Error;

/// Longest token read, in bytes. Real tokens are a few KiB (a token with many group claims
/// perhaps 10 KiB); anything longer is refused before it is decoded.
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;

/// A decoded token: its header and claims, and the time claims read as NumericDates.
#[derive(Debug, Clone, PartialEq)]
pub struct Jwt {
    /// The token as given (a credential: only [`Jwt::redacted`] is ever shown).
    token: String,
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    /// The header's `alg`, as written (`HS256`, `none`, ...).
    pub alg: String,
    pub sub: Option<String>,
    pub iat: Option<NumericDate>,
    pub nbf: Option<NumericDate>,
    pub exp: Option<NumericDate>,
}

/// One of the three parts of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
    Signature,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
        })
    }
}

/// Why a token cannot be read. The messages name the part and the claim, never the token's
/// text; a claim's value is quoted only as a number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("the token is empty")]
    Empty,
    #[error("the token is {len} bytes; tokens longer than {MAX_TOKEN_BYTES} bytes are not read")]
    TooLong { len: usize },
    #[error("a JWT has 3 parts separated by '.', this one has {0}{jwe}", jwe = jwe_note(*.0))]
    Parts(usize),
    #[error("character {position} of the token is not base64url (A-Z a-z 0-9 - _) or '.'")]
    NotBase64Char { position: usize },
    #[error("the {0} is not valid base64url")]
    Base64(Part),
    #[error("the {part} is not JSON ({why})")]
    Json { part: Part, why: String },
    #[error("the {0} is not a JSON object")]
    NotObject(Part),
    #[error("the header has no alg")]
    NoAlg,
    #[error("{claim} must be {expected}, but it is {found}")]
    WrongType {
        claim: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error("{claim} {value} is before 1970-01-01T00:00:00Z")]
    BeforeEpoch { claim: &'static str, value: String },
    #[error("{claim} {value} is beyond any date (the last is 9999-12-30T22:00:00Z, {max})", max = MAX_SECONDS)]
    BeyondAnyDate { claim: &'static str, value: String },
}

impl Jwt {
    /// The token with its signature replaced by `…` and long parts cut, for every screen and
    /// file: `eyJhbGciOiJI….eyJzdWIiOiJh….…`.
    pub fn redacted(&self) -> String {
        redacted(&self.token)
    }

    /// `header.payload`, the bytes the signature signs, and the signature (base64url).
    pub fn signing_input_and_signature(&self) -> (&str, &str) {
        match self.token.rsplit_once('.') {
            Some((input, signature)) => (input, signature),
            None => (&self.token, ""),
        }
    }

    /// The subject, or `token N` (1-based) when there is none.
    pub fn label(&self, index: usize) -> String {
        match &self.sub {
            Some(sub) => sub.clone(),
            None => format!("token {}", index + 1),
        }
    }

    /// `alg: none`: a token anyone can forge (whatever the case of `none`).
    pub fn is_unsigned(&self) -> bool {
        self.alg.eq_ignore_ascii_case("none")
    }

    /// The header as one line of JSON.
    pub fn header_json(&self) -> String {
        Value::Object(self.header.clone()).to_string()
    }

    /// The claims as one line of JSON.
    pub fn claims_json(&self) -> String {
        Value::Object(self.claims.clone()).to_string()
    }
}

/// A token's text with its signature replaced by `…`, each other part cut to 12 characters:
/// safe to show, never a working credential.
pub fn redacted(token: &str) -> String {
    let cut = |part: &str| -> String {
        if part.chars().count() > 12 {
            format!("{}…", part.chars().take(12).collect::<String>())
        } else {
            part.to_owned()
        }
    };
    let mut parts: Vec<String> = token.split('.').map(cut).collect();
    if parts.len() > 1
        && let Some(last) = parts.last_mut()
    {
        *last = "…".to_owned();
    }
    parts.join(".")
}

/// Decodes a token (surrounding whitespace ignored) without checking its signature.
pub fn decode(token: &str) -> Result<Jwt, DecodeError> {
    let token = token.trim();
    if token.is_empty() {
        return Err(DecodeError::Empty);
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(DecodeError::TooLong { len: token.len() });
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(DecodeError::Parts(parts.len()));
    }
    if let Some(position) = token
        .chars()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(DecodeError::NotBase64Char {
            position: position + 1,
        });
    }
    let header = object(parts[0], Part::Header)?;
    let claims = object(parts[1], Part::Payload)?;
    let alg = match header.get("alg") {
        None => return Err(DecodeError::NoAlg),
        Some(Value::String(alg)) => alg.clone(),
        Some(other) => return Err(wrong_type("alg", "a string", other)),
    };
    let sub = match claims.get("sub") {
        None => None,
        Some(Value::String(sub)) => Some(sub.clone()),
        Some(other) => return Err(wrong_type("sub", "a string", other)),
    };
    let (iat, nbf, exp) = (
        date(&claims, "iat")?,
        date(&claims, "nbf")?,
        date(&claims, "exp")?,
    );
    URL_SAFE_NO_PAD
        .decode(parts[2])
        .map_err(|_| DecodeError::Base64(Part::Signature))?;
    Ok(Jwt {
        token: token.to_owned(),
        iat,
        nbf,
        exp,
        header,
        claims,
        alg,
        sub,
    })
}

fn object(part: &str, which: Part) -> Result<Map<String, Value>, DecodeError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| DecodeError::Base64(which))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(DecodeError::NotObject(which)),
        Err(e) => Err(DecodeError::Json {
            part: which,
            why: e.to_string(),
        }),
    }
}

fn date(
    claims: &Map<String, Value>,
    claim: &'static str,
) -> Result<Option<NumericDate>, DecodeError> {
    let Some(value) = claims.get(claim) else {
        return Ok(None);
    };
    NumericDate::from_json(value)
        .map(Some)
        .map_err(|problem| match problem {
            DateProblem::NotANumber => wrong_type(claim, "a number (seconds since 1970)", value),
            DateProblem::BeforeEpoch => DecodeError::BeforeEpoch {
                claim,
                value: number_text(value),
            },
            DateProblem::BeyondAnyDate => DecodeError::BeyondAnyDate {
                claim,
                value: number_text(value),
            },
        })
}

/// A JSON number as written, cut to 24 characters (a number's text is digits, `.`, `e`, `-`).
fn number_text(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 24 {
        format!("{}…", &text[..24])
    } else {
        text
    }
}

/// A five-part token is a JWE (RFC 7516): say so.
fn jwe_note(parts: usize) -> &'static str {
    if parts == 5 {
        " (an encrypted JWE, which only its recipient can read)"
    } else {
        ""
    }
}

fn wrong_type(claim: &'static str, expected: &'static str, found: &Value) -> DecodeError {
    DecodeError::WrongType {
        claim,
        expected,
        found: match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(value: &str) -> String {
        URL_SAFE_NO_PAD.encode(value)
    }

    fn token(header: &str, payload: &str) -> String {
        format!("{}.{}.{}", b64(header), b64(payload), b64("sig"))
    }

    #[test]
    fn decodes_the_header_claims_and_times() {
        let t = token(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"sub":"alice","iat":1000,"nbf":1000,"exp":1300.5}"#,
        );
        let jwt = decode(&format!("  {t}\n")).unwrap();
        assert_eq!(jwt.alg, "HS256");
        assert_eq!(jwt.sub.as_deref(), Some("alice"));
        assert_eq!(jwt.iat.map(|d| d.truncated()), Some(1000));
        assert_eq!(jwt.exp.map(|d| d.to_string()), Some("1300.5".to_owned()));
        assert_eq!(jwt.claims["sub"], json!("alice"));
        assert_eq!(jwt.label(0), "alice");
        assert!(!jwt.is_unsigned());
        let (input, signature) = jwt.signing_input_and_signature();
        assert_eq!(signature, b64("sig"));
        assert_eq!(format!("{input}.{signature}"), t);
    }

    #[test]
    fn redaction_never_keeps_the_signature() {
        let t = token(r#"{"alg":"HS256"}"#, r#"{"sub":"a-long-subject-name"}"#);
        let jwt = decode(&t).unwrap();
        let shown = jwt.redacted();
        assert!(shown.ends_with(".…"), "{shown}");
        assert!(!shown.contains(&b64("sig")));
        assert_eq!(shown.split('.').count(), 3);
        assert_eq!(redacted("abc"), "abc");
    }

    #[test]
    fn every_malformed_token_gets_its_own_message() {
        let ok_header = b64(r#"{"alg":"HS256"}"#);
        let cases: Vec<(String, DecodeError)> = vec![
            (String::new(), DecodeError::Empty),
            ("a.b".into(), DecodeError::Parts(2)),
            ("a.b.c.d.e".into(), DecodeError::Parts(5)),
            (
                format!("{ok_header}.e$.x"),
                DecodeError::NotBase64Char {
                    position: ok_header.len() + 3,
                },
            ),
            (
                format!("{ok_header}.A.x"),
                DecodeError::Base64(Part::Payload),
            ),
            (
                format!("{ok_header}.{}.x", b64("not json")),
                DecodeError::Json {
                    part: Part::Payload,
                    why: "expected ident at line 1 column 2".into(),
                },
            ),
            (
                format!("{ok_header}.{}.x", b64("[1]")),
                DecodeError::NotObject(Part::Payload),
            ),
            (token("{}", "{}"), DecodeError::NoAlg),
            (
                token(r#"{"alg":5}"#, "{}"),
                DecodeError::WrongType {
                    claim: "alg",
                    expected: "a string",
                    found: "a number",
                },
            ),
            (
                token(r#"{"alg":"HS256"}"#, r#"{"exp":"soon"}"#),
                DecodeError::WrongType {
                    claim: "exp",
                    expected: "a number (seconds since 1970)",
                    found: "a string",
                },
            ),
            (
                token(r#"{"alg":"HS256"}"#, r#"{"sub":7}"#),
                DecodeError::WrongType {
                    claim: "sub",
                    expected: "a string",
                    found: "a number",
                },
            ),
            (
                token(r#"{"alg":"HS256"}"#, r#"{"nbf":-5}"#),
                DecodeError::BeforeEpoch {
                    claim: "nbf",
                    value: "-5".into(),
                },
            ),
            (
                token(r#"{"alg":"HS256"}"#, r#"{"exp":1e300}"#),
                DecodeError::BeyondAnyDate {
                    claim: "exp",
                    value: "1e+300".into(),
                },
            ),
            ("a".repeat(1 << 20), DecodeError::TooLong { len: 1 << 20 }),
        ];
        for (token, expected) in cases {
            assert_eq!(decode(&token), Err(expected.clone()), "{expected}");
        }
        assert_eq!(
            DecodeError::Parts(5).to_string(),
            "a JWT has 3 parts separated by '.', this one has 5 (an encrypted JWE, which only its recipient can read)"
        );
    }

    #[test]
    fn an_unsigned_token_decodes_and_is_flagged() {
        let t = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"sub":"x"}"#));
        let jwt = decode(&t).unwrap();
        assert!(jwt.is_unsigned());
        assert_eq!(jwt.redacted().matches('.').count(), 2);
    }

    #[test]
    fn escape_sequences_in_claims_stay_data() {
        let t = token(r#"{"alg":"HS256"}"#, "{\"sub\":\"\\u001b[2Jmallory\"}");
        let jwt = decode(&t).unwrap();
        assert_eq!(jwt.sub.as_deref(), Some("\u{1b}[2Jmallory"));
        // The JSON text escapes it; the sanitiser is still applied wherever it is shown.
        assert!(!jwt.claims_json().contains('\u{1b}'));
    }
}
