//! A token and the tick it expires at, owned ([`Token`]) and borrowed ([`TokenRef`]).

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

    pub fn view(&self) -> TokenRef<'_> {
        TokenRef {
            value: &self.value,
            expiry: self.expiry,
        }
    }
}

/// A token as the store holds it, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenRef<'a> {
    pub value: &'a str,
    pub expiry: u64,
}

impl TokenRef<'_> {
    pub fn owned(self) -> Token {
        Token::new(self.value, self.expiry)
    }
}

impl PartialEq<Token> for TokenRef<'_> {
    fn eq(&self, other: &Token) -> bool {
        *self == other.view()
    }
}

impl PartialEq<&Token> for TokenRef<'_> {
    fn eq(&self, other: &&Token) -> bool {
        *self == other.view()
    }
}
