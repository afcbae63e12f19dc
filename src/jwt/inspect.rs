//! The tokens being inspected, each decoded (or why not) with its signature's standing, and
//! the words `show` prints for them at one instant.

use super::decode::{DecodeError, Jwt, decode};
use super::libraries::Leeways;
use super::verdict::judge_all;
use super::verify::{Keys, Signature, check};
use super::words;

/// One token given to `--jwt`.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Read {
        jwt: Box<Jwt>,
        signature: Signature,
    },
    /// It could not be decoded: why (the token itself is never kept).
    Bad(DecodeError),
}

impl Entry {
    /// Decodes `token` and checks its signature with `keys` when given.
    pub fn new(token: &str, keys: Option<&Keys>) -> Self {
        match decode(token) {
            Ok(jwt) => {
                let signature = check(&jwt, keys);
                Entry::Read {
                    jwt: Box::new(jwt),
                    signature,
                }
            }
            Err(e) => Entry::Bad(e),
        }
    }

    pub fn jwt(&self) -> Option<&Jwt> {
        match self {
            Entry::Read { jwt, .. } => Some(jwt),
            Entry::Bad(_) => None,
        }
    }

    /// The row's name: the subject, or `token N`.
    pub fn label(&self, index: usize) -> String {
        match self {
            Entry::Read { jwt, .. } => words::label(jwt, index),
            Entry::Bad(_) => format!("token {}", index + 1),
        }
    }
}

/// Tokens read from text, one a line (blank lines skipped), as `--jwt -` reads standard input.
pub fn tokens_in(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `show`'s lines for one token at `now`.
pub fn show_lines(entry: &Entry, index: usize, now: u64, leeways: &Leeways) -> Vec<String> {
    let (jwt, signature) = match entry {
        Entry::Read { jwt, signature } => (jwt, signature),
        Entry::Bad(e) => {
            return vec![format!("{}: cannot read it: {e}", entry.label(index))];
        }
    };
    let mut lines = vec![
        format!("{}:", entry.label(index)),
        format!("  token   {}", jwt.redacted()),
        format!(
            "  alg     {}; {}",
            words::alg(jwt),
            signature.words(&jwt.alg)
        ),
        format!("  header  {}", words::header(jwt)),
        format!("  claims  {}", words::claims(jwt).join(", ")),
        format!("  iat     {}", words::claim_time(jwt.iat, now)),
        format!("  nbf     {}", words::claim_time(jwt.nbf, now)),
        format!("  exp     {}", words::claim_time(jwt.exp, now)),
    ];
    lines.extend(
        judge_all(jwt, now, leeways)
            .iter()
            .map(|v| format!("  {}", words::verdict_line(v))),
    );
    lines
}
