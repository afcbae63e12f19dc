//! Untrusted text (names and tokens from files, scripts and the keyboard) is checked where it
//! enters the model, so nothing a file contains can reach the terminal as an escape sequence or
//! reorder what is drawn around it.

use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Longest user name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// Longest token accepted, in characters: room for a signed JWT access token (`[oauth] jwt`,
/// about 450 characters for a user with the longest name) saved and loaded again.
pub const MAX_TOKEN_CHARS: usize = 1024;

/// Which kind of word was checked, as its errors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    UserName,
    ClientName,
    Token,
}

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Word::UserName => "user name",
            Word::ClientName => "client name",
            Word::Token => "token",
        })
    }
}

impl Word {
    /// A word of this kind, for "use one word, e.g. ...".
    fn example(self) -> &'static str {
        match self {
            Word::UserName | Word::ClientName => "alice_smith",
            Word::Token => "tok_123",
        }
    }
}

/// Why a name or token cannot be used. It says what is wrong and where without echoing the
/// offending character itself (it may be an escape sequence).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{what} is empty")]
    Empty { what: Word },
    /// A character that must never reach a terminal (see [`is_unsafe`]), e.g. "a bidirectional
    /// control".
    #[error("{what} contains {kind} U+{code:04X} at character {position}")]
    Unsafe {
        what: Word,
        kind: &'static str,
        code: u32,
        position: usize,
    },
    #[error("{what} contains a space (U+{code:04X}) at character {position}; use one word, e.g. {}", what.example())]
    Space {
        what: Word,
        code: u32,
        position: usize,
    },
    /// `;` anywhere, or `#` first: scripts would read them as syntax.
    #[error("{what} contains '{ch}' at character {position}, which scripts read as {}", if *ch == ';' { "the end of a command" } else { "a comment" })]
    ScriptSyntax {
        what: Word,
        ch: char,
        position: usize,
    },
    #[error("{what} is longer than {max} characters")]
    TooLong { what: Word, max: usize },
    #[error(
        "{what} starts with a combining mark U+{code:04X}, which would join the character before it"
    )]
    CombiningStart { what: Word, code: u32 },
    #[error("{what} is not in Unicode normal form C")]
    NotNfc { what: Word },
}

/// Checks a user name: one word of printable, visible characters, in Unicode normal form C,
/// not starting with a combining mark (which would join whatever is drawn before it). The
/// error says what is wrong without echoing the offending character itself. Names from input
/// go through [`normal_name`] first, so two spellings of one look are one name.
pub fn check_name(name: &str) -> Result<(), TextError> {
    check_named(Word::UserName, name)
}

/// Checks a client's name (a tab, a device) by the same rules as a user's, its errors saying
/// "client name".
pub fn check_client_name(name: &str) -> Result<(), TextError> {
    check_named(Word::ClientName, name)
}

fn check_named(what: Word, name: &str) -> Result<(), TextError> {
    check_word(what, name, MAX_NAME_CHARS)?;
    if name.is_ascii() {
        return Ok(());
    }
    if let Some(first) = name.chars().next().filter(|&c| is_combining_mark(c)) {
        return Err(TextError::CombiningStart {
            what,
            code: first as u32,
        });
    }
    if !is_nfc(name) {
        return Err(TextError::NotNfc { what });
    }
    Ok(())
}

/// A user name as it enters (a file, a script, the keyboard) made canonical: normalised to NFC,
/// so `é` and `e` + U+0301 are the same user, then checked by [`check_name`].
pub fn normal_name(name: &str) -> Result<Cow<'_, str>, TextError> {
    if name.is_ascii() {
        return check_name(name).map(|()| Cow::Borrowed(name));
    }
    // NFC changes the length by a few times at most: past this, it is surely too long.
    if name.len() > MAX_NAME_CHARS * 64 {
        return Err(TextError::TooLong {
            what: Word::UserName,
            max: MAX_NAME_CHARS,
        });
    }
    let normal: String = name.nfc().collect();
    check_name(&normal)?;
    Ok(if normal == name {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normal)
    })
}

/// Checks a token value, by the same rules as a name.
pub fn check_token(token: &str) -> Result<(), TextError> {
    check_word(Word::Token, token, MAX_TOKEN_CHARS)
}

fn check_word(what: Word, text: &str, max_chars: usize) -> Result<(), TextError> {
    if text.is_empty() {
        return Err(TextError::Empty { what });
    }
    // The common case, checked byte by byte: printable ASCII, no script separators. (A
    // million-user roster spends much of its load time here.)
    let plain = |b: &u8| b.is_ascii_graphic() && *b != b';';
    if text.len() <= max_chars && text.as_bytes()[0] != b'#' && text.bytes().all(|b| plain(&b)) {
        return Ok(());
    }
    for (position, ch) in text.chars().enumerate() {
        let position = position + 1;
        if let Some(kind) = forbidden_kind(ch) {
            return Err(TextError::Unsafe {
                what,
                kind,
                code: ch as u32,
                position,
            });
        }
        if ch.is_whitespace() {
            return Err(TextError::Space {
                what,
                code: ch as u32,
                position,
            });
        }
        if ch == ';' || (ch == '#' && position == 1) {
            return Err(TextError::ScriptSyntax { what, ch, position });
        }
        if position > max_chars {
            return Err(TextError::TooLong {
                what,
                max: max_chars,
            });
        }
    }
    Ok(())
}

/// True for a character that must never reach a terminal as it is: a control character (C0,
/// DEL, C1: the start of every escape sequence, and BEL), a line or paragraph separator, or a
/// default-ignorable code point (bidi controls, zero-width and other invisible characters).
pub fn is_unsafe(ch: char) -> bool {
    forbidden_kind(ch).is_some()
}

/// Longest piece of untrusted text [`quote`] shows, in characters.
pub const MAX_QUOTED_CHARS: usize = 80;

/// The one sanitiser for output: `text` with every character [`is_unsafe`] finds written as a
/// visible `\u{..}` escape, so whatever a file, a script, a path or the keyboard held can be
/// printed on a terminal, in an error or in a transcript. Idempotent: the escapes are safe.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        push_safe(&mut out, ch);
    }
    Cow::Owned(out)
}

/// [`sanitize`], cut to [`MAX_QUOTED_CHARS`] characters (with `…`), for quoting untrusted text
/// inside a message.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_QUOTED_CHARS * 4));
    for (i, ch) in text.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        push_safe(&mut out, ch);
    }
    out
}

fn push_safe(out: &mut String, ch: char) {
    if is_unsafe(ch) {
        out.push_str(&format!("\\u{{{:x}}}", ch as u32));
    } else {
        out.push(ch);
    }
}

/// Characters that could control a terminal, or hide or reorder text on screen.
fn forbidden_kind(ch: char) -> Option<&'static str> {
    match ch {
        c if c.is_control() => Some("a control character"),
        '\u{2028}' | '\u{2029}' => Some("a line separator"),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some("a bidirectional control"),
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' => {
            Some("an invisible zero-width character")
        }
        c if is_default_ignorable(c) => Some("an invisible character"),
        // Interlinear annotation controls: they hide the text between them in some renderers.
        '\u{FFF9}'..='\u{FFFB}' => Some("an invisible character"),
        _ => None,
    }
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters a renderer
/// draws as nothing (fillers, variation selectors, tags, format controls).
fn is_default_ignorable(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_keeps_plain_text_and_escapes_controls_visibly() {
        assert!(matches!(
            sanitize("plain ok 李"),
            Cow::Borrowed("plain ok 李")
        ));
        assert_eq!(
            sanitize("a\u{1b}[2Jb\u{202e}c\u{9b}\u{7}\n"),
            "a\\u{1b}[2Jb\\u{202e}c\\u{9b}\\u{7}\\u{a}"
        );
        // Escaping twice changes nothing: the escapes themselves are safe.
        let once = sanitize("\u{1b}]0;x\u{7}").into_owned();
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn invisible_characters_of_every_kind_are_unsafe() {
        for ch in [
            '\u{3164}',
            '\u{E0041}',
            '\u{FE0F}',
            '\u{180E}',
            '\u{00AD}',
            '\u{2028}',
            '\u{FFF9}',
            '\u{115F}',
            '\u{1D173}',
            '\u{9b}',
            '\u{85}',
        ] {
            assert!(is_unsafe(ch), "U+{:04X}", ch as u32);
        }
        for ch in ['a', 'é', '李', '🦀', ' ', '\u{301}'] {
            assert!(!is_unsafe(ch), "U+{:04X}", ch as u32);
        }
    }

    #[test]
    fn quote_escapes_and_cuts_long_text() {
        assert_eq!(quote("a\u{1b}[2Jb\u{200b}"), "a\\u{1b}[2Jb\\u{200b}");
        assert_eq!(quote("李🦀"), "李🦀");
        let long = "x".repeat(200);
        assert_eq!(quote(&long).chars().count(), MAX_QUOTED_CHARS + 1);
    }

    #[test]
    fn plain_and_wide_names_are_accepted() {
        for name in ["alice", "bob-2", "李小龙", "🦀crab", "Zoë"] {
            assert_eq!(check_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn names_are_normalised_so_one_look_is_one_name() {
        assert_eq!(normal_name("e\u{301}"), Ok(Cow::Owned("é".to_owned())));
        assert!(matches!(normal_name("é"), Ok(Cow::Borrowed("é"))));
        assert!(matches!(normal_name("alice"), Ok(Cow::Borrowed("alice"))));
        // Hangul jamo compose into one syllable.
        assert_eq!(normal_name("\u{1100}\u{1161}").as_deref(), Ok("가"));
        assert!(
            check_name("e\u{301}")
                .unwrap_err()
                .to_string()
                .to_string()
                .contains("normal form C")
        );
    }

    #[test]
    fn invisible_names_and_leading_combining_marks_are_refused() {
        for (name, kind) in [
            ("\u{3164}", "U+3164"),
            ("a\u{3164}b", "U+3164"),
            ("ali\u{E0041}ce", "U+E0041"),
            ("a\u{FE0F}", "U+FE0F"),
            ("a\u{180E}b", "U+180E"),
            ("\u{115F}", "U+115F"),
        ] {
            let err = normal_name(name).unwrap_err().to_string();
            assert!(
                err.contains(kind) && err.contains("invisible"),
                "{name:?}: {err}"
            );
        }
        assert_eq!(
            normal_name("\u{301}alice").unwrap_err().to_string(),
            "user name starts with a combining mark U+0301, which would join the character before it"
        );
    }

    #[test]
    fn a_huge_name_is_refused_without_normalising_it_all() {
        let huge = "é".repeat(1_000_000);
        assert!(
            normal_name(&huge)
                .unwrap_err()
                .to_string()
                .contains("longer than 64")
        );
    }

    #[test]
    fn empty_text_is_refused() {
        assert_eq!(
            check_name("").map_err(|e| e.to_string()),
            Err("user name is empty".into())
        );
        assert_eq!(
            check_token("").map_err(|e| e.to_string()),
            Err("token is empty".into())
        );
    }

    #[test]
    fn escape_sequences_and_c1_controls_are_refused_without_echoing_them() {
        let err = check_name("al\u{1b}[31mice").unwrap_err().to_string();
        assert_eq!(
            err,
            "user name contains a control character U+001B at character 3"
        );
        assert!(!err.contains('\u{1b}'));
        assert!(
            check_token("abc\u{9b}31m")
                .unwrap_err()
                .to_string()
                .contains("U+009B")
        );
        assert!(
            check_token("abc\u{7f}")
                .unwrap_err()
                .to_string()
                .contains("U+007F")
        );
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_refused() {
        assert!(
            check_name("alice\u{202E}")
                .unwrap_err()
                .to_string()
                .contains("bidirectional")
        );
        assert!(
            check_name("al\u{200B}ice")
                .unwrap_err()
                .to_string()
                .contains("zero-width")
        );
        assert!(
            check_name("\u{FEFF}alice")
                .unwrap_err()
                .to_string()
                .contains("zero-width")
        );
    }

    #[test]
    fn script_separators_are_refused_so_every_name_can_be_scripted() {
        assert_eq!(
            check_name("a;b").map_err(|e| e.to_string()),
            Err(
                "user name contains ';' at character 2, which scripts read as the end of a command"
                    .into()
            )
        );
        assert!(
            check_token("#tok")
                .unwrap_err()
                .to_string()
                .contains("a comment")
        );
        assert_eq!(check_token("ab#12"), Ok(()));
    }

    #[test]
    fn spaces_and_overlong_text_are_refused() {
        assert!(
            check_name("alice smith")
                .unwrap_err()
                .to_string()
                .contains("space")
        );
        assert!(check_name(&"a".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(
            check_name(&"a".repeat(MAX_NAME_CHARS + 1))
                .unwrap_err()
                .to_string()
                .contains("longer than")
        );
    }
}
