//! The users an operation touches, as they were before it: what [`Session`] keeps while an
//! operation runs, to make its undo step when it ends.
//!
//! A beat of traffic touches every user with clients, so touching must cost little: each user's
//! state is copied into room kept from one operation to the next (no allocation once warm), and
//! the replaced tokens' values are not copied at all: the store keeps its text while users are
//! touched, so the copy's places in it stay true and comparing a history compares places.
//!
//! [`Session`]: crate::domain::session::Session

use super::{StepUsers, held_whole};
use crate::domain::clients::{Client, Marks};
use crate::domain::oauth::UserModel;
use crate::domain::oauth::family::{Family, Previous};
use crate::domain::token_store::{Token, TokenStore, UserRef, UserState};
use crate::domain::user_state::Log;
use std::sync::Arc;

/// One touched user's state before the operation.
#[derive(Debug, Clone)]
struct Before {
    name: String,
    index: usize,
    token: Token,
    /// The replaced tokens, their values in the store's text.
    log: Option<Log>,
    model: Option<Box<UserModel>>,
}

impl Before {
    fn view<'a>(&'a self, text: &'a str) -> UserRef<'a> {
        UserRef {
            token: self.token.view(),
            model: self.model.as_deref(),
            history: self.log.as_ref().map(|log| (text, log)),
        }
    }

    /// Copies `user` (named `name`, at `index`) into this one's room.
    fn copy_from(&mut self, name: &str, index: usize, user: UserRef<'_>) {
        self.name.clear();
        self.name.push_str(name);
        self.index = index;
        self.token.value.clear();
        self.token.value.push_str(user.token.value);
        self.token.expiry = user.token.expiry;
        match (&mut self.log, user.history) {
            (Some(own), Some((_, log))) => own.copy_from(log),
            (own, log) => *own = log.map(|(_, log)| log.clone()),
        }
        match (&mut self.model, user.model) {
            (Some(own), Some(model)) => copy_model(own, model),
            (own, model) => *own = model.map(fresh_model),
        }
    }
}

/// A copy of `model` that shares none of its lists.
fn fresh_model(model: &UserModel) -> Box<UserModel> {
    let mut own = Box::<UserModel>::default();
    copy_model(&mut own, model);
    own
}

/// Makes `own` a copy of `model` in `own`'s room: strings and lists are copied into what `own`
/// already holds, and the lists a model shares until changed (used tokens, marks) are copied,
/// not shared, so the user's own lists stay unshared and change in place, with no copy. Every
/// field is named, so a new one does not compile until it is copied here.
fn copy_model(own: &mut UserModel, model: &UserModel) {
    let UserModel {
        overrides,
        family,
        earlier,
        client,
        attacker,
        refresh_issued,
        access_issued,
        access_revoked_at,
        clients,
        counters,
    } = model;
    own.overrides.clone_from(overrides);
    match (&mut own.family, family) {
        (Some(own), Some(family)) => copy_family(own, family),
        (own, family) => *own = family.as_ref().map(fresh_family),
    }
    copy_list(&mut own.earlier, earlier, copy_family, fresh_family);
    own.client.clone_from(client);
    own.attacker.clone_from(attacker);
    own.refresh_issued = *refresh_issued;
    own.access_issued = *access_issued;
    own.access_revoked_at = *access_revoked_at;
    copy_list(&mut own.clients, clients, copy_client, fresh_client);
    own.counters = *counters;
}

fn fresh_family(family: &Family) -> Family {
    Family {
        used: Arc::new(family.used.to_vec()),
        used_issued: Arc::new(family.used_issued.to_vec()),
        ..family.clone()
    }
}

fn copy_family(own: &mut Family, family: &Family) {
    let Family {
        login_at,
        generation,
        current,
        issued_at,
        previous,
        used,
        used_issued,
        last_use,
        revoked,
    } = family;
    own.login_at = *login_at;
    own.generation = *generation;
    own.current.clone_from(current);
    own.issued_at = *issued_at;
    match (&mut own.previous, previous) {
        (
            Some(own),
            Some(Previous {
                value,
                rotated_at,
                reuses,
            }),
        ) => {
            own.value.clone_from(value);
            own.rotated_at = *rotated_at;
            own.reuses = *reuses;
        }
        (own, previous) => own.clone_from(previous),
    }
    Arc::make_mut(&mut own.used).clone_from(used);
    Arc::make_mut(&mut own.used_issued).clone_from(used_issued);
    own.last_use = *last_use;
    own.revoked = *revoked;
}

fn fresh_client(client: &Client) -> Client {
    let mut marks = Marks::default();
    marks.copy_from(&client.marks);
    Client {
        marks,
        ..client.clone()
    }
}

fn copy_client(own: &mut Client, client: &Client) {
    let Client {
        name,
        own: held,
        skew,
        lose_next,
        logged_out,
        marks,
    } = client;
    own.name.clone_from(name);
    own.own.clone_from(held);
    own.skew = *skew;
    own.lose_next = *lose_next;
    own.logged_out = *logged_out;
    own.marks.copy_from(marks);
}

/// Makes `own` a copy of `list`, copying into the entries it has and adding fresh ones.
fn copy_list<T>(own: &mut Vec<T>, list: &[T], copy: fn(&mut T, &T), fresh: fn(&T) -> T) {
    own.truncate(list.len());
    for (own, item) in own.iter_mut().zip(list) {
        copy(own, item);
    }
    let have = own.len();
    own.extend(list[have..].iter().map(fresh));
}

/// How many touched users' room is kept for the next operation: every user of a beat at 10,000
/// to 100,000 users, but not a million users' after one `refresh-all`.
const ROOM_KEPT: usize = 100_000;

/// The users the operation under way touched, with their states before it.
#[derive(Debug, Default)]
pub struct Touched {
    /// The first `len` are this operation's; the rest is room kept for the next.
    list: Vec<Before>,
    len: usize,
    /// Users the operation added (no state before), small users, and states a `reset` left
    /// whole.
    whole: Vec<(String, Option<(usize, UserState)>)>,
}

/// A copy of a session (a question's, a bench's) starts with no room: the room is only what an
/// operation writes over, and copying 10,000 users' of it would cost more than the operation.
impl Clone for Touched {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Touched {
    /// Forgets what an earlier operation touched (one that failed before it ended).
    pub fn clear(&mut self, store: &mut TokenStore) {
        self.len = 0;
        self.whole.clear();
        store.keep_text(false);
    }

    /// Room for `more` users (a beat touches every user with clients).
    pub fn reserve(&mut self, more: usize) {
        self.list
            .reserve((self.len + more).saturating_sub(self.list.len()));
    }

    /// Keeps the state of the user at `index`; the store keeps its text until the step is made.
    /// A small user (see [`held_whole`]) is copied whole, as the step will hold it.
    pub fn user(&mut self, store: &mut TokenStore, index: usize) {
        store.keep_text(true);
        let Some((name, user)) = store.user_at(index) else {
            return;
        };
        if held_whole(user) {
            self.whole
                .push((name.to_owned(), Some((index, user.owned()))));
            return;
        }
        match self.list.get_mut(self.len) {
            Some(before) => before.copy_from(name, index, user),
            None => self.list.push(Before {
                name: name.to_owned(),
                index,
                token: user.token.owned(),
                log: user.history.map(|(_, log)| log.clone()),
                model: user.model.map(fresh_model),
            }),
        }
        self.len += 1;
    }

    /// A user the operation adds (who did not exist before it).
    pub fn added(&mut self, name: &str) {
        self.whole.push((name.to_owned(), None));
    }

    /// A user's state before a `reset`, whole (the store is replaced, so it has its own text).
    pub fn whole(&mut self, name: &str, index: usize, state: UserState) {
        self.whole.push((name.to_owned(), Some((index, state))));
    }

    /// Puts every touched user back into the store as the operation found them, at their
    /// place, with no step made and no diff: an operation abandoned halfway (see
    /// `Session::abandon`). Lets the store rebuild its text again. False, with nothing changed,
    /// when a user is no longer where it was, was added, or was kept both ways (then the caller
    /// makes the step and takes it back).
    pub fn restore(&mut self, store: &mut TokenStore) -> bool {
        let stands =
            |name: &str, index: usize| store.user_at(index).is_some_and(|(here, _)| here == name);
        let list = &self.list[..self.len];
        let whole_at: Vec<usize> = self
            .whole
            .iter()
            .filter_map(|(_, before)| before.as_ref().map(|(index, _)| *index))
            .collect();
        let in_place = list.iter().all(|b| stands(&b.name, b.index))
            && whole_at.len() == self.whole.len()
            && self
                .whole
                .iter()
                .zip(&whole_at)
                .all(|((name, _), &index)| stands(name, index))
            && (whole_at.is_empty() || !list.iter().any(|b| whole_at.contains(&b.index)));
        if !in_place {
            return false;
        }
        // A user touched twice keeps its first state: the last touched goes back first.
        for before in self.list[..self.len].iter_mut().rev() {
            store.restore_at(
                before.index,
                before.token.view(),
                &mut before.log,
                &mut before.model,
            );
        }
        for (_, before) in self.whole.drain(..).rev() {
            if let Some((index, mut state)) = before {
                store.swap_at(index, &mut state);
            }
        }
        self.len = 0;
        self.list.truncate(ROOM_KEPT);
        store.keep_text(false);
        true
    }

    /// The step's users: each touched user's state before, against its state now. Lets the store
    /// rebuild its text again.
    pub fn take_step_users(&mut self, store: &mut TokenStore) -> StepUsers {
        // Never asked to give way, it always gives the users.
        self.take_step_users_until(store, &mut || false)
            .unwrap_or_default()
    }

    /// [`Touched::take_step_users`] that gives way: every
    /// [`INTERRUPT_EVERY`](crate::domain::clients::INTERRUPT_EVERY) users it asks `interrupt`,
    /// and when that answers true it stops and gives `None`, with nothing taken, so the
    /// operation can still be [restored](Touched::restore). (At 100,000 users making a beat's
    /// step takes longer than a frame, and play's beat gives way to a key.)
    pub fn take_step_users_until(
        &mut self,
        store: &mut TokenStore,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Option<StepUsers> {
        let every = crate::domain::clients::INTERRUPT_EVERY;
        let mut users = StepUsers::with_capacity(self.len + self.whole.len());
        let here = |name: &str, index: Option<usize>| match index.and_then(|i| store.user_at(i)) {
            // Usually still where it was: no lookup by name.
            Some((n, user)) if n == name => index.map(|i| (i, user)),
            _ => store.user_full(name),
        };
        for (k, before) in self.list[..self.len].iter().enumerate() {
            if k % every == every - 1 && interrupt() {
                return None;
            }
            let other = (before.index, before.view(store.text()));
            users.hold(
                &before.name,
                here(&before.name, Some(before.index)),
                Some(other),
            );
        }
        for (name, other) in self.whole.drain(..) {
            let at = other.as_ref().map(|(index, _)| *index);
            users.hold_state(&name, here(&name, at), other);
        }
        self.len = 0;
        self.list.truncate(ROOM_KEPT);
        store.keep_text(false);
        Some(users)
    }
}
