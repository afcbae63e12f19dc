//! The lesson's `tokens` dictionary: users in file order, with fast lookup by name.

use indexmap::IndexMap;

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

/// Users keep the order they were loaded or added in; lookups by name are O(1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenStore {
    users: IndexMap<String, Token, NameHasher>,
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

    /// Appends a user at the end. Names are unique.
    pub fn insert(&mut self, name: String, token: Token) -> Result<(), DuplicateUser> {
        match self.users.entry(name) {
            indexmap::map::Entry::Occupied(e) => Err(DuplicateUser(e.key().clone())),
            indexmap::map::Entry::Vacant(e) => {
                e.insert(token);
                Ok(())
            }
        }
    }

    /// Removes a user and keeps everyone else in order. Returns where it stood and its token.
    pub fn remove(&mut self, name: &str) -> Option<(usize, Token)> {
        self.users
            .shift_remove_full(name)
            .map(|(index, _, token)| (index, token))
    }

    /// Puts a user back at `index` (used by undo). Appends when `index` is past the end.
    pub fn insert_at(
        &mut self,
        index: usize,
        name: String,
        token: Token,
    ) -> Result<(), DuplicateUser> {
        if self.users.contains_key(&name) {
            return Err(DuplicateUser(name));
        }
        let index = index.min(self.users.len());
        self.users.shift_insert(index, name, token);
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&Token> {
        self.users.get(name)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Token> {
        self.users.get_mut(name)
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.users.get_index_of(name)
    }

    /// The user at a position in file order.
    pub fn get_index(&self, index: usize) -> Option<(&str, &Token)> {
        self.users.get_index(index).map(|(n, t)| (n.as_str(), t))
    }

    pub fn get_index_mut(&mut self, index: usize) -> Option<(&str, &mut Token)> {
        self.users
            .get_index_mut(index)
            .map(|(n, t)| (n.as_str(), t))
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Token)> + DoubleEndedIterator {
        self.users.iter().map(|(n, t)| (n.as_str(), t))
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
    fn remove_then_insert_at_restores_the_order() {
        let mut s = store(&["alice", "bob", "carol"]);
        let (index, token) = s.remove("bob").unwrap();
        assert_eq!(index, 1);
        assert_eq!(
            s.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            ["alice", "carol"]
        );
        s.insert_at(index, "bob".into(), token).unwrap();
        assert_eq!(s, store(&["alice", "bob", "carol"]));
    }
}
