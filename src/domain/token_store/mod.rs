//! The lesson's `tokens` dictionary: users in file order, with fast lookup by name, and each
//! user's tokens through time (the current one and the ones it replaced).
//!
//! Kept compactly, so a million users take about as much memory as awk's associative array of
//! them: every name and token is a span of one text buffer, a user is 32 bytes in a vector in
//! file order, and the lookup by name is a table of positions sized up front. Histories and the
//! real-world model's state live in side tables, only for users that have them. A refresh that
//! issues the same literal token to everyone stores its value once.

use super::oauth::UserModel;
use super::user_state::{Log, Past, Span};
use hashbrown::HashTable;
use std::hash::BuildHasher;

pub use super::token::{Token, TokenRef};
pub use super::user_state::{PastToken, USER_HISTORY_LIMIT, UserRef, UserState};

/// How much name and token text a store holds at most: rosters past it are refused. (Spans
/// are four-byte offsets; this leaves room for the tokens refreshes add.)
pub const TEXT_LIMIT: usize = 1 << 30;

/// Marks a user without a history or without a model.
const NONE: u32 = u32::MAX;

/// One user, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    name: Span,
    token: Span,
    expiry: u64,
    /// Index in `logs`, or [`NONE`].
    log: u32,
    /// Index in `models`, or [`NONE`].
    model: u32,
}

/// Users keep the order they were loaded or added in; lookups by name are O(1).
#[derive(Clone, Default)]
pub struct TokenStore {
    /// Every name, token and past token's value.
    text: String,
    users: Vec<Slot>,
    /// Positions in `users`, by the hash of the name.
    index: HashTable<u32>,
    hasher: NameHasher,
    logs: Side<Log>,
    models: Side<Box<UserModel>>,
    /// The last token value a refresh stored: the next refresh with the same value shares it.
    fresh: Span,
    /// The text's length after it was last rebuilt, plus the users added since: the text is
    /// rebuilt when it has grown to twice this (refreshes and undo leave old values behind).
    live: usize,
    /// The text is not rebuilt while this is set: an operation's touched users hold places in it
    /// (see `history::touched`).
    keep_text: bool,
}

/// foldhash instead of SipHash: hashing a million names is much of a large roster's load time,
/// and the seed is still random per process.
type NameHasher = foldhash::fast::RandomState;

/// Returned when a name is added twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateUser(pub String);

impl TokenStore {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            users: Vec::with_capacity(capacity),
            index: HashTable::with_capacity(capacity),
            ..Self::default()
        }
    }

    /// Room for `bytes` more of names and tokens.
    pub fn reserve_text(&mut self, bytes: usize) {
        self.text.reserve(bytes.min(TEXT_LIMIT));
    }

    /// Bytes of names and tokens held (with values no user holds any more).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Every name, token and past token's value (the places users' spans point into).
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Keeps the text as it is (values no user holds included) while `keep` is set, so places
    /// taken in it stay true.
    pub(crate) fn keep_text(&mut self, keep: bool) {
        self.keep_text = keep;
    }

    fn name_of(&self, at: u32) -> &str {
        self.users
            .get(at as usize)
            .map_or("", |slot| slot.name.of(&self.text))
    }

    fn find(&self, name: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(name);
        self.index
            .find(hash, |&at| self.name_of(at) == name)
            .map(|&at| at as usize)
    }

    /// Appends a user with a fresh history at the end. Names are unique.
    pub fn insert(&mut self, name: String, token: Token) -> Result<(), DuplicateUser> {
        self.insert_str(&name, &token.value, token.expiry)
    }

    /// [`TokenStore::insert`] from borrowed text, copied once into the store. (Past four
    /// gigabytes of text, which loaders refuse long before ([`TEXT_LIMIT`]), a user is not added
    /// either.)
    pub fn insert_str(
        &mut self,
        name: &str,
        token: &str,
        expiry: u64,
    ) -> Result<(), DuplicateUser> {
        let hash = self.hasher.hash_one(name);
        let Self {
            text,
            users,
            index,
            hasher,
            ..
        } = self;
        let name_of = |at: &u32| users[*at as usize].name.of(text);
        if index.find(hash, |at| name_of(at) == name).is_some() {
            return Err(DuplicateUser(name.to_owned()));
        }
        let (Some(name_span), Some(token_span)) = (Span::push(text, name), Span::push(text, token))
        else {
            return Err(DuplicateUser(name.to_owned()));
        };
        let at = users.len() as u32;
        users.push(Slot {
            name: name_span,
            token: token_span,
            expiry,
            log: NONE,
            model: NONE,
        });
        index.insert_unique(hash, at, |at| {
            hasher.hash_one(users[*at as usize].name.of(text))
        });
        self.live += name.len() + token.len();
        Ok(())
    }

    /// Appends a user without looking for an earlier one of the same name, and without adding
    /// it to the lookup by name: a roster's users go in this way, then
    /// [`TokenStore::index_all`] builds the lookup once. False when the text is full.
    pub(crate) fn push_unindexed(&mut self, name: &str, token: &str, expiry: u64) -> bool {
        let (Some(name), Some(token)) = (
            Span::push(&mut self.text, name),
            Span::push(&mut self.text, token),
        ) else {
            return false;
        };
        self.users.push(Slot {
            name,
            token,
            expiry,
            log: NONE,
            model: NONE,
        });
        self.live += (name.len + token.len) as usize;
        true
    }

    /// Builds the lookup by name for every user. Users whose name an earlier user has are taken
    /// out; their positions (as they were) and names are returned, in order.
    ///
    /// A million inserts in file order would each land somewhere random in a table larger than
    /// the processor's caches; sorted by the part of the table they land in (a counting sort, two
    /// passes), they sweep it from one end to the other.
    pub(crate) fn index_all(&mut self) -> Vec<(usize, String)> {
        let n = self.users.len();
        self.index = HashTable::with_capacity(n);
        // As hashbrown sizes its table: a power of two, at most 7/8 full.
        let buckets = if n < 8 {
            8
        } else {
            (n.saturating_mul(8) / 7).next_power_of_two()
        };
        let bits = buckets.trailing_zeros();
        // About a thousand parts: each one's stretch of the table fits in a cache, and the
        // counting sort writes to few enough places at once.
        let part_bits = bits.min(10);
        let part_of = |hash: u64| ((hash as usize) & (buckets - 1)) >> (bits - part_bits);
        let Self {
            text,
            users,
            index,
            hasher,
            ..
        } = self;
        let hash_of = |slot: &Slot| hasher.hash_one(slot.name.of(text));
        let mut starts = vec![0usize; (1 << part_bits) + 1];
        for slot in users.iter() {
            starts[part_of(hash_of(slot)) + 1] += 1;
        }
        for part in 1..starts.len() {
            starts[part] += starts[part - 1];
        }
        let mut order = vec![(0u64, 0u32); n];
        for (at, slot) in users.iter().enumerate() {
            let hash = hash_of(slot);
            let next = &mut starts[part_of(hash)];
            order[*next] = (hash, at as u32);
            *next += 1;
        }
        let mut repeated = Vec::new();
        let name_of = |at: u32| users[at as usize].name.of(text);
        for (hash, at) in order {
            // Names are read only where the hash's tag matches: rarely, unless it is a repeat.
            if index.find(hash, |&i| name_of(i) == name_of(at)).is_some() {
                repeated.push((at as usize, name_of(at).to_owned()));
            } else {
                index.insert_unique(hash, at, |&i| hasher.hash_one(name_of(i)));
            }
        }
        if !repeated.is_empty() {
            repeated.sort_unstable();
            let mut at = 0;
            let mut next = repeated.iter().map(|(i, _)| *i).peekable();
            self.users.retain(|_| {
                let gone = next.next_if_eq(&at).is_some();
                at += 1;
                !gone
            });
            // Without the repeats, nothing more is taken out.
            self.rebuild_index();
        }
        repeated
    }

    /// Removes a user and keeps everyone else in order. Returns where it stood and its state.
    pub fn remove(&mut self, name: &str) -> Option<(usize, UserState)> {
        let at = self.find(name)?;
        let state = self.take_state(at);
        let hash = self.hasher.hash_one(name);
        if let Ok(entry) = self.index.find_entry(hash, |&i| i as usize == at) {
            entry.remove();
        }
        self.users.remove(at);
        for i in self.index.iter_mut() {
            if *i as usize > at {
                *i -= 1;
            }
        }
        Some((at, state))
    }

    /// Puts `name` at `index` with `state`, replacing its state if it exists (and moving it),
    /// inserting it otherwise. `index` past the end means the end.
    pub fn put(&mut self, index: usize, name: &str, state: UserState) {
        self.remove(name);
        let to = index.min(self.users.len());
        if self
            .insert_str(name, &state.token.value, state.token.expiry)
            .is_err()
        {
            return;
        }
        // Appended at the end: moved to `to`, and everyone from there on moves one down.
        let last = self.users.len() - 1;
        if to != last {
            let slot = self.users.remove(last);
            self.users.insert(to, slot);
            for i in self.index.iter_mut() {
                match *i as usize {
                    i_at if i_at == last => *i = to as u32,
                    i_at if i_at >= to => *i += 1,
                    _ => {}
                }
            }
        }
        self.set_state(to, state);
    }

    /// Keeps only the users whose name passes `keep`, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let mut users = std::mem::take(&mut self.users);
        users.retain(|slot| {
            let kept = keep(slot.name.of(&self.text));
            if !kept {
                self.logs.take(slot.log);
                self.models.take(slot.model);
            }
            kept
        });
        self.users = users;
        self.rebuild_index();
    }

    /// The lookup by name built afresh (after users were taken out), in the table's order as a
    /// roster's is. Names in a store are unique, so nothing is taken out here.
    fn rebuild_index(&mut self) {
        let repeated = self.index_all();
        debug_assert!(repeated.is_empty());
    }

    fn token_of(&self, slot: &Slot) -> TokenRef<'_> {
        TokenRef {
            value: slot.token.of(&self.text),
            expiry: slot.expiry,
        }
    }

    fn view(&self, slot: &Slot) -> UserRef<'_> {
        UserRef {
            token: self.token_of(slot),
            model: self.models.get(slot.model).map(|m| &**m),
            history: self.logs.get(slot.log).map(|log| (self.text.as_str(), log)),
        }
    }

    pub fn get(&self, name: &str) -> Option<TokenRef<'_>> {
        self.get_index(self.find(name)?).map(|(_, t)| t)
    }

    /// Sets a user's expiry; returns the one it replaced.
    pub fn set_expiry(&mut self, name: &str, expiry: u64) -> Option<u64> {
        let at = self.find(name)?;
        let slot = self.users.get_mut(at)?;
        Some(std::mem::replace(&mut slot.expiry, expiry))
    }

    /// A user's whole state (token and history).
    pub fn user(&self, name: &str) -> Option<UserRef<'_>> {
        self.user_at(self.find(name)?).map(|(_, u)| u)
    }

    /// Where a user stands and their state.
    pub fn user_full(&self, name: &str) -> Option<(usize, UserRef<'_>)> {
        let at = self.find(name)?;
        self.user_at(at).map(|(_, u)| (at, u))
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.find(name)
    }

    /// The user at a position in file order.
    pub fn get_index(&self, index: usize) -> Option<(&str, TokenRef<'_>)> {
        let slot = self.users.get(index)?;
        Some((slot.name.of(&self.text), self.token_of(slot)))
    }

    /// The user (name and whole state) at a position in file order.
    pub fn user_at(&self, index: usize) -> Option<(&str, UserRef<'_>)> {
        let slot = self.users.get(index)?;
        Some((slot.name.of(&self.text), self.view(slot)))
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    pub fn iter(
        &self,
    ) -> impl ExactSizeIterator<Item = (&str, TokenRef<'_>)> + DoubleEndedIterator {
        self.users
            .iter()
            .map(|slot| (slot.name.of(&self.text), self.token_of(slot)))
    }

    /// Every user with their whole state, in file order.
    pub fn users(
        &self,
    ) -> impl ExactSizeIterator<Item = (&str, UserRef<'_>)> + DoubleEndedIterator {
        self.users
            .iter()
            .map(|slot| (slot.name.of(&self.text), self.view(slot)))
    }
}

/// The same users with the same states, in any order (as `IndexMap`'s `==`).
impl PartialEq for TokenStore {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .users()
                .all(|(name, user)| other.user(name) == Some(user))
    }
}

impl Eq for TokenStore {}

impl std::fmt::Debug for TokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.users()).finish()
    }
}

mod changes;
pub(crate) use super::user_state::same_short_text;
use changes::Side;

#[cfg(test)]
mod tests;
