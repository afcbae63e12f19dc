//! Changing users in a [`TokenStore`]: refreshes in place, and through a [`UserState`] of their
//! own (undo and redo, the real-world model's operations); the side tables histories and models
//! live in; rebuilding the text buffer when it is mostly values no user holds any more.

use super::{Log, NONE, Past, Slot, Span, Token, TokenRef, TokenStore, UserModel, UserState};
use crate::domain::user_state::same_short_text;

impl TokenStore {
    /// Changes the user at `index` through a state of their own (the real-world model's
    /// operations): `change` gets the name and a state with the user's token and model, whose
    /// history holds only the tokens `change` itself replaces. Those are added to the stored
    /// history, and the token and model replace the stored ones. (None of the model's operations
    /// reads a history; copying one for every user of a traffic beat would cost more than the
    /// beat.)
    pub fn update_at<R>(
        &mut self,
        index: usize,
        change: impl FnOnce(&str, &mut UserState) -> R,
    ) -> Option<R> {
        let slot = *self.users.get(index)?;
        let mut state = UserState {
            token: Token::new(slot.token.of(&self.text), slot.expiry),
            history: None,
            model: self.models.take(slot.model),
        };
        self.users[index].model = NONE;
        let result = change(slot.name.of(&self.text), &mut state);
        if !same_short_text(slot.token.of(&self.text), &state.token.value) {
            let added = state.token.value.len();
            let span = self.push_text(&state.token.value).unwrap_or_default();
            self.live += added;
            self.users[index].token = span;
        }
        self.users[index].expiry = state.token.expiry;
        if let Some(model) = state.model {
            self.users[index].model = self.models.add(model);
        }
        if let Some(own) = state.history {
            let (own_text, own_log) = *own;
            for past in own_log.entries() {
                let value =
                    Span::push(&mut self.text, past.value.of(&own_text)).unwrap_or_default();
                let past = Past { value, ..*past };
                let at = self.users[index].log;
                match self.logs.get_mut(at) {
                    Some(log) => log.push(past),
                    None => self.users[index].log = self.logs.add(Log::new(past, None)),
                }
            }
        }
        Some(result)
    }

    /// The real-world model's side of the user at `index`, to change in place, with their name.
    pub fn model_at_mut(&mut self, index: usize) -> Option<(&str, &mut UserModel)> {
        let slot = self.users.get(index)?;
        let model = self.models.get_mut(slot.model)?;
        Some((slot.name.of(&self.text), &mut **model))
    }

    /// Swaps the state of the user at `index` with `state` (undo and redo).
    pub fn swap_at(&mut self, index: usize, state: &mut UserState) {
        if index < self.users.len() {
            let current = self.take_state(index);
            self.set_state(index, std::mem::replace(state, current));
        }
    }

    /// Puts the user at `index` back as an operation found them (see `history::touched`):
    /// `token`, the history `log`, whose places are in this store's text (kept unchanged while
    /// users are touched, so they are still true), and `model`. The log and model are swapped
    /// with the stored ones, not copied: `log` and `model` get the user's state before this.
    pub(crate) fn restore_at(
        &mut self,
        index: usize,
        token: TokenRef<'_>,
        log: &mut Option<Log>,
        model: &mut Option<Box<UserModel>>,
    ) {
        let Some(slot) = self.users.get(index).copied() else {
            return;
        };
        if !same_short_text(slot.token.of(&self.text), token.value) {
            let added = token.value.len();
            let span = self.push_text(token.value).unwrap_or_default();
            self.live += added;
            self.users[index].token = span;
        }
        self.users[index].expiry = token.expiry;
        let stored = self.logs.take(slot.log);
        self.users[index].log = std::mem::replace(log, stored).map_or(NONE, |l| self.logs.add(l));
        let stored = self.models.take(slot.model);
        self.users[index].model =
            std::mem::replace(model, stored).map_or(NONE, |m| self.models.add(m));
    }

    /// Gives the user at `index` the model state `model`.
    pub fn set_model_at(&mut self, index: usize, model: UserModel) {
        let Some(slot) = self.users.get(index).copied() else {
            return;
        };
        match self.models.get_mut(slot.model) {
            Some(m) => **m = model,
            None => self.users[index].model = self.models.add(Box::new(model)),
        }
    }

    /// Issues the token `value`, expiring at `expiry`, at `at` to the user at `index`: the
    /// current one goes into the history. A value equal to the last one issued is shared.
    pub fn replace_token_at(&mut self, index: usize, value: &str, expiry: u64, at: u64) -> bool {
        let Some(slot) = self.users.get(index).copied() else {
            return false;
        };
        let token = if same_short_text(self.fresh.of(&self.text), value) {
            self.fresh
        } else {
            let Some(span) = self.push_text(value) else {
                return false;
            };
            self.fresh = span;
            span
        };
        let slot = self.users.get(index).copied().unwrap_or(slot);
        let past = Past {
            value: slot.token,
            expiry: slot.expiry,
            replaced_at: at,
        };
        let log = match self.logs.get_mut(slot.log) {
            Some(log) => {
                log.push(past);
                slot.log
            }
            None => self.logs.add(Log::new(past, None)),
        };
        self.users[index] = Slot {
            token,
            expiry,
            log,
            ..slot
        };
        true
    }

    /// Appends text, first rebuilding the buffer when it is mostly values no one holds.
    fn push_text(&mut self, value: &str) -> Option<Span> {
        if !self.keep_text && self.text.len() > 2 * self.live + (1 << 20) {
            self.compact();
        }
        Span::push(&mut self.text, value)
    }

    /// Rebuilds the text buffer with only the values users hold.
    fn compact(&mut self) {
        let mut text = String::with_capacity(self.live + self.live / 2);
        let old = std::mem::take(&mut self.text);
        let fresh = Span::push(&mut text, self.fresh.of(&old)).unwrap_or_default();
        let copy = |span: Span, text: &mut String| {
            if span == self.fresh {
                fresh
            } else {
                Span::push(text, span.of(&old)).unwrap_or_default()
            }
        };
        for slot in &mut self.users {
            slot.name = copy(slot.name, &mut text);
            slot.token = copy(slot.token, &mut text);
            if let Some(log) = self.logs.get_mut(slot.log) {
                log.last.value = copy(log.last.value, &mut text);
                for past in log.older.iter_mut().flat_map(|o| o.iter_mut()) {
                    past.value = copy(past.value, &mut text);
                }
            }
        }
        self.fresh = fresh;
        self.live = text.len();
        self.text = text;
    }

    /// The user at `index` on their own; their model and history places are freed.
    pub(super) fn take_state(&mut self, index: usize) -> UserState {
        let Some(slot) = self.users.get(index).copied() else {
            return UserState::new(Token::new("", 0));
        };
        let history = self.logs.take(slot.log).and_then(|log| {
            let mut own = String::new();
            let log = log.copied(&self.text, &mut own)?;
            Some(Box::new((own, log)))
        });
        let model = self.models.take(slot.model);
        self.users[index].log = NONE;
        self.users[index].model = NONE;
        UserState {
            token: Token::new(slot.token.of(&self.text), slot.expiry),
            history,
            model,
        }
    }

    /// Stores `state` as the user at `index`'s, after [`TokenStore::take_state`].
    pub(super) fn set_state(&mut self, index: usize, state: UserState) {
        let Some(slot) = self.users.get(index).copied() else {
            return;
        };
        self.logs.take(slot.log);
        self.models.take(slot.model);
        let token = if same_short_text(slot.token.of(&self.text), &state.token.value) {
            slot.token
        } else {
            let added = state.token.value.len();
            let span = self.push_text(&state.token.value).unwrap_or_default();
            self.live += added;
            span
        };
        let log = match state.history {
            Some(own) => {
                let (own_text, own_log) = *own;
                match own_log.copied(&own_text, &mut self.text) {
                    Some(log) => self.logs.add(log),
                    None => NONE,
                }
            }
            None => NONE,
        };
        let model = state.model.map_or(NONE, |m| self.models.add(m));
        // The name may have moved when the text was rebuilt.
        let name = self.users[index].name;
        self.users[index] = Slot {
            name,
            token,
            expiry: state.token.expiry,
            log,
            model,
        };
    }
}

/// A side table: the entries of users that have one, with freed places reused. Kept in
/// chunks of fixed size, so it grows without copying what it holds (a copy would leave the old
/// block behind in the allocator's heap: refreshing a million users would peak higher).
#[derive(Debug, Clone)]
pub(super) struct Side<T> {
    chunks: Vec<Vec<Option<T>>>,
    free: Vec<u32>,
}

/// Entries in one chunk of a side table.
const CHUNK: usize = 4096;

impl<T> Default for Side<T> {
    fn default() -> Self {
        Self {
            chunks: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T> Side<T> {
    pub(super) fn add(&mut self, item: T) -> u32 {
        if let Some(at) = self.free.pop()
            && let Some(place) = self.place(at)
        {
            *place = Some(item);
            return at;
        }
        let full = self.chunks.last().is_none_or(|c| c.len() == CHUNK);
        if full {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        let count = self.chunks.len();
        let chunk = &mut self.chunks[count - 1];
        chunk.push(Some(item));
        ((count - 1) * CHUNK + chunk.len() - 1) as u32
    }

    fn place(&mut self, at: u32) -> Option<&mut Option<T>> {
        let at = at as usize;
        self.chunks.get_mut(at / CHUNK)?.get_mut(at % CHUNK)
    }

    pub(super) fn get(&self, at: u32) -> Option<&T> {
        let at = at as usize;
        self.chunks.get(at / CHUNK)?.get(at % CHUNK)?.as_ref()
    }

    pub(super) fn get_mut(&mut self, at: u32) -> Option<&mut T> {
        self.place(at)?.as_mut()
    }

    pub(super) fn take(&mut self, at: u32) -> Option<T> {
        let item = self.place(at)?.take();
        if item.is_some() {
            self.free.push(at);
        }
        item
    }
}
