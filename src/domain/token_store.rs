//! The lesson's `tokens` dictionary: users in file order, with fast lookup by name, and each
//! user's tokens through time (the current one and the ones it replaced).

use indexmap::IndexMap;
use std::collections::VecDeque;
use std::sync::Arc;

/// How many replaced tokens a user's history keeps; older ones are dropped first.
pub const USER_HISTORY_LIMIT: usize = 64;

/// One user's token and the tick it expires at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub value: String,
    pub expiry: u64,
}

impl Token {
    pub fn new(value: impl Into<String>, expiry: u64) -> Self {
        Self {
            value: value.into(),
            expiry,
        }
    }
}

/// A token a user held before their current one, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastToken {
    pub value: String,
    /// When it was issued; `None` for the token the user had when the scenario began.
    pub issued_at: Option<u64>,
    pub expiry: u64,
    /// When a refresh replaced it.
    pub replaced_at: u64,
}

/// What a user's tokens were before the current one. Only users who were ever refreshed have
/// one, so a roster of a million users that are never refreshed pays a pointer each. It is
/// shared (`Arc`) between the user and the undo steps that hold the user's earlier states, and
/// copied only when a refresh changes a shared one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct History {
    /// When the current token was issued.
    issued_at: u64,
    /// The token the current one replaced. Kept apart from `older` so that a user's first
    /// refresh costs one allocation (a million-user refresh-all makes a million of them).
    last: PastToken,
    /// The ones before `last`, oldest first; with `last`, at most [`USER_HISTORY_LIMIT`].
    older: VecDeque<PastToken>,
}

/// A user: the token they hold now and the tokens it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserState {
    /// The token the lesson refreshes; in the real-world model, the access token.
    pub token: Token,
    history: Option<Arc<History>>,
    /// The real-world model's side of this user (family, attacker's copy, overrides); `None` in
    /// the lesson.
    pub model: Option<Box<crate::domain::oauth::UserModel>>,
}

impl UserState {
    pub fn new(token: Token) -> Self {
        Self {
            token,
            history: None,
            model: None,
        }
    }

    /// When the current token was issued; `None` when the user has held it since the start.
    pub fn issued_at(&self) -> Option<u64> {
        self.history.as_ref().map(|h| h.issued_at)
    }

    /// The tokens this user held before, oldest first.
    pub fn past(&self) -> impl DoubleEndedIterator<Item = &PastToken> {
        self.history
            .iter()
            .flat_map(|h| h.older.iter().chain(std::iter::once(&h.last)))
    }

    /// How many replaced tokens the history keeps.
    pub fn past_count(&self) -> usize {
        self.history.as_ref().map_or(0, |h| h.older.len() + 1)
    }

    /// The most recent replaced token, if any.
    pub fn last_replaced(&self) -> Option<&PastToken> {
        self.history.as_ref().map(|h| &h.last)
    }

    /// Issues `token` at `at`: the current token goes into the history, which keeps at most
    /// [`USER_HISTORY_LIMIT`] entries.
    pub fn replace_token(&mut self, token: Token, at: u64) {
        let old = std::mem::replace(&mut self.token, token);
        let past = PastToken {
            value: old.value,
            issued_at: self.issued_at(),
            expiry: old.expiry,
            replaced_at: at,
        };
        match &mut self.history {
            None => {
                self.history = Some(Arc::new(History {
                    issued_at: at,
                    last: past,
                    older: VecDeque::new(),
                }));
            }
            Some(shared) => {
                let history = Arc::make_mut(shared);
                history.issued_at = at;
                let previous = std::mem::replace(&mut history.last, past);
                if history.older.len() + 1 == USER_HISTORY_LIMIT {
                    history.older.pop_front();
                }
                history.older.push_back(previous);
            }
        }
    }
}

/// Users keep the order they were loaded or added in; lookups by name are O(1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenStore {
    users: IndexMap<String, UserState, NameHasher>,
}

/// foldhash instead of SipHash: hashing a million names is most of a large roster's load time,
/// and the seed is still random per process.
type NameHasher = foldhash::fast::RandomState;

/// Returned when a name is added twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateUser(pub String);

impl TokenStore {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            users: IndexMap::with_capacity_and_hasher(capacity, NameHasher::default()),
        }
    }

    /// Appends a user with a fresh history at the end. Names are unique.
    pub fn insert(&mut self, name: String, token: Token) -> Result<(), DuplicateUser> {
        match self.users.entry(name) {
            indexmap::map::Entry::Occupied(e) => Err(DuplicateUser(e.key().clone())),
            indexmap::map::Entry::Vacant(e) => {
                e.insert(UserState::new(token));
                Ok(())
            }
        }
    }

    /// Removes a user and keeps everyone else in order. Returns where it stood and its state.
    pub fn remove(&mut self, name: &str) -> Option<(usize, UserState)> {
        self.users
            .shift_remove_full(name)
            .map(|(index, _, user)| (index, user))
    }

    /// Puts `name` at `index` with `state`, replacing its state if it exists (and moving it),
    /// inserting it otherwise. `index` past the end means the end.
    pub fn put(&mut self, index: usize, name: &str, state: UserState) {
        match self.users.get_full_mut(name) {
            Some((at, _, user)) => {
                *user = state;
                let to = index.min(self.users.len() - 1);
                self.users.move_index(at, to);
            }
            None => {
                let to = index.min(self.users.len());
                self.users.shift_insert(to, name.to_owned(), state);
            }
        }
    }

    /// Keeps only the users whose name passes `keep`, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.users.retain(|name, _| keep(name));
    }

    pub fn get(&self, name: &str) -> Option<&Token> {
        self.users.get(name).map(|u| &u.token)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Token> {
        self.users.get_mut(name).map(|u| &mut u.token)
    }

    /// A user's whole state (token and history).
    pub fn user(&self, name: &str) -> Option<&UserState> {
        self.users.get(name)
    }

    /// Where a user stands and their state.
    pub fn user_full(&self, name: &str) -> Option<(usize, &UserState)> {
        self.users.get_full(name).map(|(i, _, u)| (i, u))
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.users.get_index_of(name)
    }

    /// The user at a position in file order.
    pub fn get_index(&self, index: usize) -> Option<(&str, &Token)> {
        self.users
            .get_index(index)
            .map(|(n, u)| (n.as_str(), &u.token))
    }

    /// The user (name and whole state) at a position in file order.
    pub fn user_at(&self, index: usize) -> Option<(&str, &UserState)> {
        self.users.get_index(index).map(|(n, u)| (n.as_str(), u))
    }

    pub fn user_at_mut(&mut self, index: usize) -> Option<(&str, &mut UserState)> {
        self.users
            .get_index_mut(index)
            .map(|(n, u)| (n.as_str(), u))
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Token)> + DoubleEndedIterator {
        self.users.iter().map(|(n, u)| (n.as_str(), &u.token))
    }

    /// Every user with their whole state, in file order.
    pub fn users(&self) -> impl ExactSizeIterator<Item = (&str, &UserState)> + DoubleEndedIterator {
        self.users.iter().map(|(n, u)| (n.as_str(), u))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(names: &[&str]) -> TokenStore {
        let mut s = TokenStore::default();
        for (i, n) in names.iter().enumerate() {
            s.insert(n.to_string(), Token::new(format!("t{i}"), i as u64))
                .unwrap();
        }
        s
    }

    #[test]
    fn keeps_insertion_order_and_finds_by_name() {
        let s = store(&["carol", "alice", "bob"]);
        let names: Vec<_> = s.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["carol", "alice", "bob"]);
        assert_eq!(s.get("alice"), Some(&Token::new("t1", 1)));
        assert_eq!(s.index_of("bob"), Some(2));
        assert_eq!(s.get("dave"), None);
    }

    #[test]
    fn refuses_a_duplicate_name() {
        let mut s = store(&["alice"]);
        assert_eq!(
            s.insert("alice".into(), Token::new("x", 1)),
            Err(DuplicateUser("alice".into()))
        );
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn remove_then_put_restores_the_order_and_the_history() {
        let mut s = store(&["alice", "bob", "carol"]);
        if let Some((_, bob)) = s.user_at_mut(1) {
            bob.replace_token(Token::new("new", 50), 10);
        }
        let before = s.clone();
        let (index, state) = s.remove("bob").unwrap();
        assert_eq!(index, 1);
        assert_eq!(
            s.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            ["alice", "carol"]
        );
        s.put(index, "bob", state);
        assert_eq!(s, before);
        assert_eq!(s.user("bob").unwrap().past_count(), 1);
    }

    #[test]
    fn put_moves_an_existing_user() {
        let mut s = store(&["alice", "bob", "carol"]);
        let carol = s.user("carol").unwrap().clone();
        s.put(0, "carol", carol);
        assert_eq!(
            s.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            ["carol", "alice", "bob"]
        );
    }

    #[test]
    fn a_refresh_moves_the_token_into_a_bounded_history() {
        let mut user = UserState::new(Token::new("t0", 10));
        assert_eq!(user.issued_at(), None);
        assert_eq!(user.past_count(), 0);
        for i in 1..=100u64 {
            user.replace_token(Token::new(format!("t{i}"), 10 + i * 10), i * 10);
        }
        assert_eq!(user.issued_at(), Some(1000));
        assert_eq!(user.past_count(), USER_HISTORY_LIMIT);
        assert_eq!(user.past().count(), USER_HISTORY_LIMIT);
        let oldest = user.past().next().unwrap();
        assert_eq!(oldest.value, format!("t{}", 100 - USER_HISTORY_LIMIT));
        let newest = user.last_replaced().unwrap();
        assert_eq!(
            newest,
            &PastToken {
                value: "t99".into(),
                issued_at: Some(990),
                expiry: 1000,
                replaced_at: 1000
            }
        );
    }
}
