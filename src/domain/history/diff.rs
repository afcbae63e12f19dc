//! A user's state on the other side of a step, held as what differs from the state on this side:
//! the token when it changed, the ends of the bounded logs (replaced tokens, used refresh tokens,
//! each client's marks), and the model's few small fields. A refresh of a user with a full
//! history and 64 clients then holds a few entries, not the user's whole 64-entry history and
//! 64 × 64 marks. It is generic: any two states of one user have a diff, and applying it is exact
//! (the fallback holds the whole list), so no operation has an inverse of its own.

use super::ends::Ends;
use crate::domain::clients::{Client, Counters, Mark, Marks};
use crate::domain::oauth::UserModel;
use crate::domain::oauth::family::Family;
use crate::domain::token_store::{PastToken, Token, UserRef, UserState};
use crate::domain::user_state::own_history;
use std::mem::size_of;
use std::sync::Arc;

/// A user's state, given the user's state on the other side of the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDiff {
    /// The token, when it differs.
    token: Option<Token>,
    /// The replaced tokens.
    history: Ends<OwnedPast>,
    model: ModelDiff,
}

/// A replaced token held by a step.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OwnedPast {
    value: Box<str>,
    issued_at: Option<u64>,
    expiry: u64,
    replaced_at: u64,
}

impl OwnedPast {
    fn of(past: Option<PastToken<'_>>) -> Self {
        let past = past.unwrap_or(PastToken {
            value: "",
            issued_at: None,
            expiry: 0,
            replaced_at: 0,
        });
        Self {
            value: past.value.into(),
            issued_at: past.issued_at,
            expiry: past.expiry,
            replaced_at: past.replaced_at,
        }
    }

    fn view(&self) -> PastToken<'_> {
        PastToken {
            value: &self.value,
            issued_at: self.issued_at,
            expiry: self.expiry,
            replaced_at: self.replaced_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ModelDiff {
    Same,
    /// The target's model, whole (it has none, or its clients are not the base's).
    Whole(Option<Box<UserModel>>),
    Parts(Box<ModelParts>),
}

/// A model whose clients are the base's clients, changed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ModelParts {
    /// The target's model without its family's used tokens and without its clients; `None`
    /// when it is the base's but for the counters (a beat of traffic).
    rest: Option<UserModel>,
    counters: Counters,
    /// The family's used refresh tokens (read when the target has a family); `None`: the
    /// base's list, shared.
    used: Option<Ends<Arc<str>>>,
    /// The clients that differ, by index: their fields when those changed, their marks as
    /// counts of entries in `marks` (one list for all of them: one allocation, not one each).
    clients: Vec<ClientChange>,
    marks: Vec<(u64, Mark)>,
}

/// One client's change: its fields when they changed, and its marks as `front` entries, `keep`
/// of the base's from `skip`, then `back` entries.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ClientChange {
    index: usize,
    fields: Option<Box<Client>>,
    skip: usize,
    keep: usize,
    front: usize,
    back: usize,
}

impl UserDiff {
    /// What turns the state `base` into `target`.
    pub fn between(base: UserRef<'_>, target: UserRef<'_>) -> Self {
        let token = (base.token != target.token).then(|| target.token.owned());
        let history = Ends::between_by(
            base.past_count(),
            target.past_count(),
            |i, j| base.past_at(i) == target.past_at(j),
            // Always some: `j` is below the count.
            |j| OwnedPast::of(target.past_at(j)),
        );
        let model = match (base.model, target.model) {
            (Some(b), Some(t)) if b == t && same_marks(b, t) => ModelDiff::Same,
            (None, None) => ModelDiff::Same,
            (Some(b), Some(t)) if b.clients.len() == t.clients.len() => {
                ModelDiff::Parts(Box::new(ModelParts::between(b, t)))
            }
            (_, t) => ModelDiff::Whole(t.map(|m| Box::new(m.clone()))),
        };
        Self {
            token,
            history,
            model,
        }
    }

    /// The target state, from the base it was taken against.
    pub fn apply(&self, base: UserRef<'_>) -> UserState {
        let token = match &self.token {
            Some(token) => token.clone(),
            None => base.token.owned(),
        };
        let base_past: Vec<PastToken<'_>> = base.past().collect();
        let history = own_history(&self.history.rebuild(&base_past, OwnedPast::view));
        let model = match &self.model {
            ModelDiff::Same => base.model.map(|m| Box::new(m.clone())),
            ModelDiff::Whole(model) => model.clone(),
            ModelDiff::Parts(parts) => Some(Box::new(parts.apply(base.model))),
        };
        UserState {
            token,
            history,
            model,
        }
    }

    /// About how many bytes this holds (for the history's bound).
    pub fn bytes(&self) -> usize {
        size_of::<Self>()
            + self.token.as_ref().map_or(0, |t| t.value.capacity())
            + self
                .history
                .bytes(|p| p.value.len() + size_of::<OwnedPast>())
            + match &self.model {
                ModelDiff::Same => 0,
                ModelDiff::Whole(model) => model.as_deref().map_or(0, model_bytes),
                ModelDiff::Parts(parts) => parts.bytes(),
            }
    }
}

/// Marks compare equal (they are drawn, not saved), so the diff compares them itself.
fn same_marks(base: &UserModel, target: &UserModel) -> bool {
    base.clients
        .iter()
        .zip(&target.clients)
        .all(|(b, t)| b.marks.iter().eq(t.marks.iter()))
}

impl ModelParts {
    fn between(base: &UserModel, target: &UserModel) -> Self {
        let used = match (&base.family, &target.family) {
            (Some(b), Some(t)) if Arc::ptr_eq(&b.used, &t.used) => None,
            (b, t) => {
                let no_used: &[Arc<str>] = &[];
                Some(Ends::between(
                    b.as_ref().map_or(no_used, |f| &f.used),
                    t.as_ref().map_or(no_used, |f| &f.used),
                    Arc::clone,
                ))
            }
        };
        let mut marks = Vec::new();
        let mut clients = Vec::new();
        for (index, (b, t)) in base.clients.iter().zip(&target.clients).enumerate() {
            let fields = (b != t).then(|| {
                Box::new(Client {
                    marks: Marks::default(),
                    ..t.clone()
                })
            });
            let ends = Ends::between_by(
                b.marks.len(),
                t.marks.len(),
                |i, j| b.marks.get(i) == t.marks.get(j),
                |j| t.marks.get(j).copied().unwrap_or((0, Mark::Served)),
            );
            if fields.is_none() && ends.is_unchanged(b.marks.len()) {
                continue;
            }
            let (skip, keep, front, back) = ends.into_parts();
            clients.push(ClientChange {
                index,
                fields,
                skip,
                keep,
                front: front.len(),
                back: back.len(),
            });
            marks.extend(front);
            marks.extend(back);
        }
        Self {
            rest: (!same_but_counters(base, target)).then(|| without_lists(target)),
            counters: target.counters,
            used,
            clients,
            marks,
        }
    }

    fn apply(&self, base: Option<&UserModel>) -> UserModel {
        let mut model = match (&self.rest, base) {
            (Some(rest), _) => rest.clone(),
            (None, Some(base)) => without_lists(base),
            // Not reached: `rest` is only left out against a base.
            (None, None) => UserModel::default(),
        };
        model.counters = self.counters;
        let base_used = base.and_then(|m| m.family.as_ref()).map(|f| &f.used);
        if let Some(family) = &mut model.family {
            family.used = match (&self.used, base_used) {
                (None, Some(shared)) => Arc::clone(shared),
                (Some(ends), base_used) => {
                    Arc::new(ends.rebuild(base_used.map_or(&[][..], |u| u.as_slice()), Arc::clone))
                }
                // Not reached: the list is only shared with a base that has one.
                (None, None) => Arc::default(),
            };
        }
        model.clients = base.map(|m| m.clients.clone()).unwrap_or_default();
        let mut held = self.marks.as_slice();
        for change in &self.clients {
            let (front, rest) = held.split_at(change.front.min(held.len()));
            let (back, rest) = rest.split_at(change.back.min(rest.len()));
            held = rest;
            let Some(client) = model.clients.get_mut(change.index) else {
                continue;
            };
            let kept = client.marks.iter().skip(change.skip).take(change.keep);
            let marks = Marks::from_list(
                front
                    .iter()
                    .chain(kept)
                    .chain(back.iter())
                    .copied()
                    .collect(),
            );
            if let Some(fields) = &change.fields {
                *client = Client::clone(fields);
            }
            client.marks = marks;
        }
        model
    }

    fn bytes(&self) -> usize {
        size_of::<Self>()
            + self.rest.as_ref().map_or(0, model_bytes)
            + self.used.as_ref().map_or(0, |u| u.bytes(|s| s.len()))
            + self.clients.capacity() * size_of::<ClientChange>()
            + self
                .clients
                .iter()
                .map(|c| c.fields.as_deref().map_or(0, client_bytes))
                .sum::<usize>()
            + self.marks.capacity() * size_of::<(u64, Mark)>()
    }
}

/// Whether two models differ at most in their counters, their family's used tokens and their
/// clients (what a [`ModelParts`] holds apart).
fn same_but_counters(a: &UserModel, b: &UserModel) -> bool {
    let same_family = match (&a.family, &b.family) {
        (Some(x), Some(y)) => {
            x.login_at == y.login_at
                && x.generation == y.generation
                && x.current == y.current
                && x.issued_at == y.issued_at
                && x.previous == y.previous
                && x.used_issued == y.used_issued
                && x.last_use == y.last_use
                && x.revoked == y.revoked
        }
        (None, None) => true,
        _ => false,
    };
    same_family
        && a.earlier == b.earlier
        && a.overrides == b.overrides
        && a.client == b.client
        && a.attacker == b.attacker
        && a.refresh_issued == b.refresh_issued
        && a.access_issued == b.access_issued
        && a.access_revoked_at == b.access_revoked_at
}

/// The model without the lists a [`ModelParts`] holds as ends.
fn without_lists(model: &UserModel) -> UserModel {
    UserModel {
        overrides: model.overrides.clone(),
        family: model.family.as_ref().map(|f| Family {
            login_at: f.login_at,
            generation: f.generation,
            current: f.current.clone(),
            issued_at: f.issued_at,
            previous: f.previous.clone(),
            used: Arc::default(),
            // Shared with the model's (the used tokens are what the ends hold).
            used_issued: Arc::clone(&f.used_issued),
            last_use: f.last_use,
            revoked: f.revoked,
        }),
        earlier: model.earlier.clone(),
        client: model.client.clone(),
        attacker: model.attacker.clone(),
        refresh_issued: model.refresh_issued,
        access_issued: model.access_issued,
        access_revoked_at: model.access_revoked_at,
        clients: Vec::new(),
        counters: model.counters,
    }
}

/// About how many bytes a model holds.
pub fn model_bytes(model: &UserModel) -> usize {
    size_of::<UserModel>()
        + model.client.capacity()
        + model
            .family
            .iter()
            .chain(&model.earlier)
            .map(|f| {
                size_of::<Family>()
                    + f.current.capacity()
                    + f.previous.as_ref().map_or(0, |p| p.value.capacity())
                    + f.used.capacity() * size_of::<Arc<str>>()
                    + f.used.iter().map(|u| u.len()).sum::<usize>()
                    + f.used_issued.capacity() * size_of::<u64>()
            })
            .sum::<usize>()
        + model.attacker.as_ref().map_or(0, |a| {
            a.refresh.capacity() + a.access.as_ref().map_or(0, |t| t.value.capacity())
        })
        + model.clients.iter().map(client_bytes).sum::<usize>()
}

fn client_bytes(client: &Client) -> usize {
    size_of::<Client>()
        + client.name.capacity()
        + client
            .own
            .as_ref()
            .map_or(0, |h| h.access.value.capacity() + h.refresh.capacity())
        + client.marks.len() * size_of::<(u64, Mark)>()
}

/// About how many bytes a whole user state holds.
pub fn state_bytes(state: &UserState) -> usize {
    size_of::<UserState>()
        + state.token.value.capacity()
        + state.history.as_deref().map_or(0, |(text, log)| {
            text.capacity() + log.len() * size_of::<PastToken<'_>>()
        })
        + state.model.as_deref().map_or(0, model_bytes)
}
