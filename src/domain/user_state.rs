//! One user's tokens through time, in two forms: [`UserRef`], a view of a user as the
//! [`TokenStore`](super::token_store::TokenStore) keeps it (names, tokens and past tokens in one
//! text buffer), and [`UserState`], a user on their own (what an undo step holds, what the
//! real-world model's operations change). Both read the same way.

use crate::domain::oauth::UserModel;
use crate::domain::token::{Token, TokenRef};
use std::collections::VecDeque;

/// How many replaced tokens a user's history keeps; older ones are dropped first.
pub const USER_HISTORY_LIMIT: usize = 64;

/// A token a user held before their current one, and how it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastToken<'a> {
    pub value: &'a str,
    /// When it was issued; `None` for the token the user had when the scenario began.
    pub issued_at: Option<u64>,
    pub expiry: u64,
    /// When a refresh replaced it.
    pub replaced_at: u64,
}

/// Where a piece of text is in a text buffer. Four bytes each keep a million users compact; the
/// store refuses text past [`TEXT_LIMIT`](super::token_store::TEXT_LIMIT).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    /// The text in `buffer` (empty if the span is not in it, which no span the store makes is).
    pub fn of(self, buffer: &str) -> &str {
        let start = self.start as usize;
        buffer.get(start..start + self.len as usize).unwrap_or("")
    }

    /// Appends `text` to `buffer`; `None` when the buffer would pass four gigabytes.
    pub fn push(buffer: &mut String, text: &str) -> Option<Span> {
        let start = u32::try_from(buffer.len()).ok()?;
        let len = u32::try_from(text.len()).ok()?;
        start.checked_add(len)?;
        buffer.push_str(text);
        Some(Span { start, len })
    }
}

/// A replaced token, compactly: its value's place in a text buffer. When it was issued is the
/// `replaced_at` of the entry before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Past {
    pub value: Span,
    pub expiry: u64,
    pub replaced_at: u64,
}

/// A user's replaced tokens. Only users who were ever refreshed have one, so a roster of a
/// million users that are never refreshed pays nothing for it; a first refresh adds one small
/// entry and no allocation of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Log {
    /// The token the current one replaced; its `replaced_at` is when the current one was issued.
    pub last: Past,
    /// When the oldest entry kept was issued, if `first_known` (else it was the user's first
    /// token). Not an `Option`: the flag makes an `Option<Log>` no larger than a `Log`.
    first_issued: u64,
    first_known: bool,
    /// The ones before `last`, oldest first; with `last`, at most [`USER_HISTORY_LIMIT`].
    /// Boxed: a pointer, not a `VecDeque`'s four words, for the many users refreshed once.
    #[allow(clippy::box_collection)]
    pub older: Option<Box<VecDeque<Past>>>,
}

impl Log {
    pub fn new(first: Past, first_issued: Option<u64>) -> Self {
        Self {
            last: first,
            first_issued: first_issued.unwrap_or(0),
            first_known: first_issued.is_some(),
            older: None,
        }
    }

    pub fn len(&self) -> usize {
        self.older.as_ref().map_or(0, |o| o.len()) + 1
    }

    fn entry(&self, k: usize) -> &Past {
        match &self.older {
            Some(older) if k < older.len() => &older[k],
            _ => &self.last,
        }
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &Past> {
        self.older
            .iter()
            .flat_map(|o| o.iter())
            .chain(std::iter::once(&self.last))
    }

    /// When the `k`th replaced token was issued.
    fn issued(&self, k: usize) -> Option<u64> {
        match k {
            0 => self.first_known.then_some(self.first_issued),
            _ => Some(self.entry(k - 1).replaced_at),
        }
    }

    /// The entries from the `k`th, oldest first.
    fn entries_from(&self, k: usize) -> impl Iterator<Item = &Past> {
        let older = self.older.as_deref().map(|o| o.range(k.min(o.len())..));
        let last = (k < self.len()).then_some(&self.last);
        older.into_iter().flatten().chain(last)
    }

    /// The `k`th replaced token, oldest first, with its value read from `text`.
    pub fn past<'a>(&self, text: &'a str, k: usize) -> PastToken<'a> {
        let entry = self.entry(k);
        PastToken {
            value: entry.value.of(text),
            issued_at: self.issued(k),
            expiry: entry.expiry,
            replaced_at: entry.replaced_at,
        }
    }

    /// Copies `other` into this log, reusing its room (a touched user's history, kept from one
    /// operation to the next: no allocation once warm).
    pub fn copy_from(&mut self, other: &Log) {
        self.last = other.last;
        self.first_issued = other.first_issued;
        self.first_known = other.first_known;
        match (&mut self.older, &other.older) {
            (Some(own), Some(theirs)) => {
                own.clear();
                own.extend(theirs.iter().copied());
            }
            (own, theirs) => own.clone_from(theirs),
        }
    }

    /// Adds the token just replaced; the oldest goes when the log is full.
    pub fn push(&mut self, past: Past) {
        let older = self.older.get_or_insert_with(Default::default);
        if older.len() + 1 == USER_HISTORY_LIMIT
            && let Some(dropped) = older.pop_front()
        {
            self.first_issued = dropped.replaced_at;
            self.first_known = true;
        }
        older.push_back(std::mem::replace(&mut self.last, past));
    }

    /// The same log with its values copied from `from` into `to`; `None` when `to` is full.
    pub fn copied(&self, from: &str, to: &mut String) -> Option<Log> {
        to.reserve(self.entries().map(|p| p.value.len as usize).sum());
        let mut copy = |p: &Past| {
            Some(Past {
                value: Span::push(to, p.value.of(from))?,
                ..*p
            })
        };
        let older = match &self.older {
            Some(older) => {
                // Sized once: collecting through `Option` would grow it step by step.
                let mut own = VecDeque::with_capacity(older.len());
                for past in older.iter() {
                    own.push_back(copy(past)?);
                }
                Some(Box::new(own))
            }
            None => None,
        };
        Some(Log {
            last: copy(&self.last)?,
            older,
            ..*self
        })
    }
}

/// A user as the store holds them, borrowed: the token they hold now, the tokens it replaced,
/// and the real-world model's side of them.
#[derive(Clone, Copy)]
pub struct UserRef<'a> {
    /// The token the lesson refreshes; in the real-world model, the access token.
    pub token: TokenRef<'a>,
    /// The real-world model's side of this user (family, attacker's copy, overrides); `None` in
    /// the lesson.
    pub model: Option<&'a UserModel>,
    pub(crate) history: Option<(&'a str, &'a Log)>,
}

impl<'a> UserRef<'a> {
    /// When the current token was issued; `None` when the user has held it since the start.
    pub fn issued_at(&self) -> Option<u64> {
        self.history.map(|(_, log)| log.last.replaced_at)
    }

    /// The tokens this user held before, oldest first.
    pub fn past(
        &self,
    ) -> impl DoubleEndedIterator<Item = PastToken<'a>> + ExactSizeIterator + use<'a> {
        let history = self.history;
        (0..self.past_count()).map(move |k| match history {
            Some((text, log)) => log.past(text, k),
            // Not reached: without a history the count is 0.
            None => PastToken {
                value: "",
                issued_at: None,
                expiry: 0,
                replaced_at: 0,
            },
        })
    }

    /// How many replaced tokens the history keeps.
    pub fn past_count(&self) -> usize {
        self.history.map_or(0, |(_, log)| log.len())
    }

    /// The `k`th replaced token, oldest first (`k` below [`UserRef::past_count`]).
    pub fn past_at(&self, k: usize) -> Option<PastToken<'a>> {
        let (text, log) = self.history?;
        (k < log.len()).then(|| log.past(text, k))
    }

    /// The most recent replaced token, if any.
    pub fn last_replaced(&self) -> Option<PastToken<'a>> {
        self.history
            .map(|(text, log)| log.past(text, log.len() - 1))
    }

    /// Whether this user's `n` replaced tokens from the `i`th are `other`'s `n` from the `j`th,
    /// when each was issued included (all below their counts). Two histories in one text compare
    /// where their values are, not the values: the same place is the same value, and another
    /// place with the same value is called different, which only makes an undo step hold one
    /// more entry.
    pub fn same_past(&self, i: usize, other: &UserRef<'_>, j: usize, n: usize) -> bool {
        let (Some((text_a, a)), Some((text_b, b))) = (self.history, other.history) else {
            return n == 0;
        };
        let one_text = std::ptr::eq(text_a, text_b);
        // Within the run, when an entry was issued is the entry before's `replaced_at`, which
        // the run compares: only the first entry's needs comparing apart.
        (n == 0 || a.issued(i) == b.issued(j))
            && a.entries_from(i)
                .zip(b.entries_from(j))
                .take(n)
                .all(|(x, y)| {
                    x.expiry == y.expiry
                        && x.replaced_at == y.replaced_at
                        && if one_text {
                            x.value == y.value
                        } else {
                            same_short_text(x.value.of(text_a), y.value.of(text_b))
                        }
                })
    }

    /// This user on their own, with copies of their tokens.
    pub fn owned(&self) -> UserState {
        let history = self.history.and_then(|(text, log)| {
            let mut own = String::new();
            let log = log.copied(text, &mut own)?;
            Some(Box::new((own, log)))
        });
        UserState {
            token: self.token.owned(),
            history,
            model: self.model.map(|m| Box::new(m.clone())),
        }
    }
}

impl PartialEq for UserRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.token == other.token
            && self.model == other.model
            && self.issued_at() == other.issued_at()
            && self.past().eq(other.past())
    }
}

impl Eq for UserRef<'_> {}

impl std::fmt::Debug for UserRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("token", &self.token)
            .field("past", &self.past().collect::<Vec<_>>())
            .field("model", &self.model)
            .finish()
    }
}

/// A user on their own: the token they hold now and the tokens it replaced.
#[derive(Clone)]
pub struct UserState {
    /// The token the lesson refreshes; in the real-world model, the access token.
    pub token: Token,
    /// Replaced tokens, with the text their values are in.
    pub(crate) history: Option<Box<(String, Log)>>,
    /// The real-world model's side of this user (family, attacker's copy, overrides); `None` in
    /// the lesson.
    pub model: Option<Box<UserModel>>,
}

impl UserState {
    pub fn new(token: Token) -> Self {
        Self {
            token,
            history: None,
            model: None,
        }
    }

    /// This user read as the store's users are.
    pub fn view(&self) -> UserRef<'_> {
        UserRef {
            token: self.token.view(),
            model: self.model.as_deref(),
            history: self
                .history
                .as_deref()
                .map(|(text, log)| (text.as_str(), log)),
        }
    }

    /// When the current token was issued; `None` when the user has held it since the start.
    pub fn issued_at(&self) -> Option<u64> {
        self.view().issued_at()
    }

    /// The tokens this user held before, oldest first.
    pub fn past(&self) -> impl DoubleEndedIterator<Item = PastToken<'_>> + ExactSizeIterator {
        self.view().past()
    }

    /// How many replaced tokens the history keeps.
    pub fn past_count(&self) -> usize {
        self.view().past_count()
    }

    /// The most recent replaced token, if any.
    pub fn last_replaced(&self) -> Option<PastToken<'_>> {
        self.view().last_replaced()
    }

    /// Issues `token` at `at`: the current token goes into the history, which keeps at most
    /// [`USER_HISTORY_LIMIT`] entries.
    pub fn replace_token(&mut self, token: Token, at: u64) {
        let old = std::mem::replace(&mut self.token, token);
        let past = |value| Past {
            value,
            expiry: old.expiry,
            replaced_at: at,
        };
        match self.history.as_deref_mut() {
            None => {
                let mut text = String::new();
                let value = Span::push(&mut text, &old.value).unwrap_or_default();
                self.history = Some(Box::new((text, Log::new(past(value), None))));
            }
            Some((text, log)) => {
                // Dropped entries leave their values behind: past this the text is rebuilt
                // from the entries kept.
                if text.len() > OWN_TEXT_LIMIT {
                    let mut own = String::new();
                    if let Some(copy) = log.copied(text, &mut own) {
                        *text = own;
                        *log = copy;
                    }
                }
                let value = Span::push(text, &old.value).unwrap_or_default();
                log.push(past(value));
            }
        }
    }
}

/// A history of its own holding `entries` (oldest first, as [`UserRef::past`] reads them); `None`
/// when there are none. An undo step rebuilds a user's history with it.
pub(crate) fn own_history(entries: &[PastToken<'_>]) -> Option<Box<(String, Log)>> {
    let (first, rest) = entries.split_first()?;
    let mut text = String::new();
    let mut own = |p: &PastToken<'_>| Past {
        value: Span::push(&mut text, p.value).unwrap_or_default(),
        expiry: p.expiry,
        replaced_at: p.replaced_at,
    };
    let mut log = Log::new(own(first), first.issued_at);
    for past in rest {
        log.push(own(past));
    }
    Some(Box::new((text, log)))
}

/// How large a user's own history text grows before it is rebuilt: twice what a full history
/// of kilobyte tokens holds.
const OWN_TEXT_LIMIT: usize = 2 * USER_HISTORY_LIMIT * 1024;

impl PartialEq for UserState {
    fn eq(&self, other: &Self) -> bool {
        self.view() == other.view()
    }
}

impl Eq for UserState {}

impl std::fmt::Debug for UserState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.view().fmt(f)
    }
}

/// `a == b`, byte by byte: for a token's few bytes, a million calls of the C library's `memcmp`
/// (its AVX-512 variant) measured a fifth of a refresh-all's whole time on the build machine.
pub(crate) fn same_short_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}
