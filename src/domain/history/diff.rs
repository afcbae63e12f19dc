//! A user's state on the other side of a step, held as what differs from the state on this side:
//! the token when it changed, the ends of the bounded logs (replaced tokens, used refresh tokens,
//! each client's marks), and the model's few small fields. It is generic: any two states of one
//! user have a diff, and applying it is exact (a list that is not a change of its ends is held
//! whole), so no operation has an inverse of its own.
//!
//! Every user's entries go into the step's one [`Arena`] (a text buffer and a list per kind of
//! entry), not into boxes of their own: a beat of 10,000 users is a dozen allocations, not a
//! hundred thousand, and dropping the oldest step at the bound frees a dozen blocks.

use super::ends::Ends;
use crate::domain::clients::{Client, Counters, Mark, Marks};
use crate::domain::oauth::UserModel;
use crate::domain::oauth::family::{Family, Previous, Revocation};
use crate::domain::token_store::{PastToken, Token, UserRef, UserState, same_short_text};
use crate::domain::user_state::{Span, own_history};
use std::mem::size_of;
use std::sync::Arc;

/// The entries a step holds for all its users, in one list per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arena {
    /// Names, tokens, past tokens' values, used refresh tokens, a family's and client's tokens.
    text: String,
    pasts: Vec<HeldPast>,
    used: Vec<Span>,
    issued: Vec<u64>,
    marks: Vec<(u64, Mark)>,
    /// The models changed in their parts (most users' in a beat).
    parts: Vec<Parts>,
    clients: Vec<ClientChange>,
    /// A changed client's fields (its marks are held as ends).
    fields: Vec<Client>,
    rests: Vec<Rest>,
    /// Models held whole: another login, an attacker's copy, a user's own settings changed.
    models: Vec<Option<UserModel>>,
}

/// An entry's place in one of the arena's lists, or a count: a user's lists are far below four
/// billion entries, so four bytes each keep a step's per-user records small.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Arena {
    /// Keeps `text`; its place in the arena's text.
    pub(crate) fn text(&mut self, text: &str) -> Span {
        // Past four gigabytes, which a step bounded to [`super::HISTORY_BYTES`] never nears.
        Span::push(&mut self.text, text).unwrap_or_default()
    }

    pub(crate) fn str(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    /// How long each list is, for [`Arena::truncate`].
    pub fn mark(&self) -> [usize; 10] {
        [
            self.text.len(),
            self.parts.len(),
            self.pasts.len(),
            self.used.len(),
            self.issued.len(),
            self.marks.len(),
            self.clients.len(),
            self.fields.len(),
            self.rests.len(),
            self.models.len(),
        ]
    }

    /// Takes back what was added since [`Arena::mark`] (a user found unchanged).
    pub fn truncate(&mut self, mark: [usize; 10]) {
        let [
            text,
            parts,
            pasts,
            used,
            issued,
            marks,
            clients,
            fields,
            rests,
            models,
        ] = mark;
        self.text.truncate(text);
        self.parts.truncate(parts);
        self.pasts.truncate(pasts);
        self.used.truncate(used);
        self.issued.truncate(issued);
        self.marks.truncate(marks);
        self.clients.truncate(clients);
        self.fields.truncate(fields);
        self.rests.truncate(rests);
        self.models.truncate(models);
    }

    /// Frees what the lists reserved beyond what they hold: a step keeps only its entries, and
    /// [`Arena::bytes`] counts what it keeps.
    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.parts.shrink_to_fit();
        self.pasts.shrink_to_fit();
        self.used.shrink_to_fit();
        self.issued.shrink_to_fit();
        self.marks.shrink_to_fit();
        self.clients.shrink_to_fit();
        self.fields.shrink_to_fit();
        self.rests.shrink_to_fit();
        self.models.shrink_to_fit();
    }

    /// About how many bytes the arena holds.
    pub fn bytes(&self) -> usize {
        fn list<T>(v: &Vec<T>) -> usize {
            v.capacity() * size_of::<T>()
        }
        self.text.capacity()
            + list(&self.parts)
            + list(&self.pasts)
            + list(&self.used)
            + list(&self.issued)
            + list(&self.marks)
            + list(&self.clients)
            + list(&self.fields)
            + self.fields.iter().map(client_bytes).sum::<usize>()
            + list(&self.rests)
            + list(&self.models)
            + self.models.iter().flatten().map(model_bytes).sum::<usize>()
    }
}

/// A replaced token held by a step (when it was issued follows from the entry before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HeldPast {
    value: Span,
    expiry: u64,
    replaced_at: u64,
}

/// A list's change as a step holds it: its [`Ends`], the entries held from `at` in the arena's
/// list for its kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Cut {
    at: u32,
    skip: u32,
    keep: u32,
    front: u32,
    back: u32,
}

impl Cut {
    /// The change from `base` entries to `target` entries (`same` compares runs of them, as
    /// [`Ends::between`]);
    /// `hold(j)` puts the target's `j`th entry at the end of the arena's list, now `at` long.
    fn new(
        base: usize,
        target: usize,
        at: usize,
        same: impl Fn(usize, usize, usize) -> bool,
        mut hold: impl FnMut(usize),
    ) -> Self {
        let ends = Ends::between(base, target, same);
        ends.held(target).for_each(&mut hold);
        Self {
            at: small(at),
            skip: small(ends.skip),
            keep: small(ends.keep),
            front: small(ends.front),
            back: small(ends.back),
        }
    }

    fn ends(&self) -> Ends {
        Ends {
            skip: self.skip as usize,
            keep: self.keep as usize,
            front: self.front as usize,
            back: self.back as usize,
        }
    }

    fn is_unchanged(&self, base: usize) -> bool {
        self.ends().is_unchanged(base)
    }

    /// The entries held, in the arena's list for their kind.
    fn held<'a, T>(&self, list: &'a [T]) -> &'a [T] {
        let at = self.at as usize;
        list.get(at..at + self.front as usize + self.back as usize)
            .unwrap_or_default()
    }

    /// The target: the base's entries kept, between the held ones.
    fn rebuild<T: Clone>(&self, base: impl IntoIterator<Item = T>, held: &[T]) -> Vec<T> {
        self.ends().rebuild(base, held)
    }
}

/// A user's state, given the user's state on the other side of the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDiff {
    /// The token, when it differs.
    token: Option<(Span, u64)>,
    /// The replaced tokens, and when the first of them was issued.
    history: Cut,
    first_issued: Option<u64>,
    model: ModelDiff,
}

/// Each kind of change at an index of the arena's list for it, so a user's record stays small
/// (a lesson's user, with no model, holds little more than its token and a replaced one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ModelDiff {
    Same,
    /// The target's model, whole, at this index of the arena's models.
    Whole(u32),
    /// At this index of the arena's parts.
    Parts(u32),
}

/// A model that differs from the base's only in its family and client's fields, counters,
/// lists and clients' fields.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    /// The family's and client's fields, at this index of the arena's rests; `None`: the
    /// base's.
    rest: Option<u32>,
    counters: Counters,
    /// The family's used refresh tokens and when each was issued; `None`: the base's, shared.
    used: Option<Cut>,
    issued: Option<Cut>,
    /// The clients that differ: this many changes from `at` in the arena's clients.
    clients: (u32, u32),
}

/// A client that differs: its fields when those changed (an index in the arena's fields) and
/// its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ClientChange {
    index: u32,
    fields: Option<u32>,
    marks: Cut,
}

/// A model's fields beside its lists, clients, earlier families, attacker and overrides (those
/// a beat of traffic changes), with its tokens in the arena's text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rest {
    family: Option<FamilyRest>,
    client: Span,
    refresh_issued: u64,
    access_issued: u64,
    access_revoked_at: Option<u64>,
}

/// A family's fields beside its used lists.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FamilyRest {
    login_at: u64,
    generation: u64,
    current: Span,
    issued_at: u64,
    previous: Option<(Span, u64, u64)>,
    last_use: u64,
    revoked: Option<Revocation>,
}

impl UserDiff {
    /// What turns `base` into `target`, its entries kept in `arena`.
    pub fn between(base: UserRef<'_>, target: UserRef<'_>, arena: &mut Arena) -> Self {
        let same_token = base.token.expiry == target.token.expiry
            && same_short_text(base.token.value, target.token.value);
        let token = (!same_token).then(|| (arena.text(target.token.value), target.token.expiry));
        let at = arena.pasts.len();
        let history = Cut::new(
            base.past_count(),
            target.past_count(),
            at,
            |i, j, n| base.same_past(i, &target, j, n),
            |j| {
                if let Some(past) = target.past_at(j) {
                    let value = arena.text(past.value);
                    arena.pasts.push(HeldPast {
                        value,
                        expiry: past.expiry,
                        replaced_at: past.replaced_at,
                    });
                }
            },
        );
        Self {
            token,
            history,
            first_issued: target.past_at(0).and_then(|p| p.issued_at),
            model: ModelDiff::between(base.model, target.model, arena),
        }
    }

    /// True when the target is the base (`base_past`: how many replaced tokens it has).
    pub fn is_empty(&self, base_past: usize) -> bool {
        self.token.is_none()
            && self.history.is_unchanged(base_past)
            && self.model == ModelDiff::Same
    }

    /// The target state, from the base it was taken against.
    pub fn apply(&self, base: UserRef<'_>, arena: &Arena) -> UserState {
        let token = match self.token {
            Some((value, expiry)) => Token::new(arena.str(value), expiry),
            None => base.token.owned(),
        };
        let held: Vec<PastToken<'_>> = self
            .history
            .held(&arena.pasts)
            .iter()
            .map(|p| PastToken {
                value: arena.str(p.value),
                issued_at: None,
                expiry: p.expiry,
                replaced_at: p.replaced_at,
            })
            .collect();
        let mut past = self.history.rebuild(base.past(), &held);
        if let Some(first) = past.first_mut() {
            first.issued_at = self.first_issued;
        }
        UserState {
            token,
            history: own_history(&past),
            model: self.model.apply(base.model, arena).map(Box::new),
        }
    }

    /// About how many bytes this holds beside its entries in the arena.
    pub fn bytes(&self) -> usize {
        size_of::<Self>()
    }
}

impl ModelDiff {
    fn between(base: Option<&UserModel>, target: Option<&UserModel>, arena: &mut Arena) -> Self {
        match (base, target) {
            (None, None) => ModelDiff::Same,
            (Some(b), Some(t))
                if b.clients.len() == t.clients.len()
                    && b.overrides == t.overrides
                    && b.earlier == t.earlier
                    && b.attacker == t.attacker =>
            {
                let parts = Parts::between(b, t, arena);
                if parts.rest.is_none()
                    && parts.counters == b.counters
                    && parts.used.is_none()
                    && parts.issued.is_none()
                    && parts.clients.1 == 0
                {
                    ModelDiff::Same
                } else {
                    arena.parts.push(parts);
                    ModelDiff::Parts(small(arena.parts.len() - 1))
                }
            }
            (_, t) => {
                arena.models.push(t.cloned());
                ModelDiff::Whole(small(arena.models.len() - 1))
            }
        }
    }

    fn apply(&self, base: Option<&UserModel>, arena: &Arena) -> Option<UserModel> {
        match self {
            ModelDiff::Same => base.cloned(),
            ModelDiff::Whole(at) => arena.models.get(*at as usize).cloned().flatten(),
            ModelDiff::Parts(at) => arena.parts.get(*at as usize).map(|p| p.apply(base, arena)),
        }
    }
}

impl Parts {
    fn between(b: &UserModel, t: &UserModel, arena: &mut Arena) -> Self {
        let rest = (!same_rest(b, t)).then(|| {
            let rest = Rest::of(t, arena);
            arena.rests.push(rest);
            small(arena.rests.len() - 1)
        });
        let (mut used, mut issued) = (None, None);
        if let Some(tf) = &t.family {
            let bf = b.family.as_ref();
            let no_used: &[Arc<str>] = &[];
            let b_used = bf.map_or(no_used, |f| &f.used[..]);
            if !bf.is_some_and(|f| Arc::ptr_eq(&f.used, &tf.used)) {
                let at = arena.used.len();
                used = Some(Cut::new(
                    b_used.len(),
                    tf.used.len(),
                    at,
                    |i, j, n| {
                        let pairs = b_used[i..i + n].iter().zip(&tf.used[j..j + n]);
                        pairs
                            .into_iter()
                            .all(|(b, t)| Arc::ptr_eq(b, t) || same_short_text(b, t))
                    },
                    |j| {
                        let span = arena.text(&tf.used[j]);
                        arena.used.push(span);
                    },
                ));
            }
            let b_issued = bf.map_or(&[][..], |f| &f.used_issued[..]);
            if !bf.is_some_and(|f| Arc::ptr_eq(&f.used_issued, &tf.used_issued)) {
                let at = arena.issued.len();
                issued = Some(Cut::new(
                    b_issued.len(),
                    tf.used_issued.len(),
                    at,
                    |i, j, n| b_issued[i..i + n] == tf.used_issued[j..j + n],
                    |j| arena.issued.push(tf.used_issued[j]),
                ));
            }
        }
        let first = arena.clients.len();
        for (index, (bc, tc)) in b.clients.iter().zip(&t.clients).enumerate() {
            let fields = (!same_fields(bc, tc)).then(|| {
                arena.fields.push(Client {
                    marks: Marks::default(),
                    ..tc.clone()
                });
                small(arena.fields.len() - 1)
            });
            let at = arena.marks.len();
            let marks = Cut::new(
                bc.marks.len(),
                tc.marks.len(),
                at,
                |i, j, n| bc.marks.run(i, n).eq(tc.marks.run(j, n)),
                |j| {
                    arena
                        .marks
                        .push(tc.marks.get(j).copied().unwrap_or((0, Mark::Served)))
                },
            );
            if fields.is_some() || !marks.is_unchanged(bc.marks.len()) {
                arena.clients.push(ClientChange {
                    index: small(index),
                    fields,
                    marks,
                });
            }
        }
        Self {
            rest,
            counters: t.counters,
            used,
            issued,
            clients: (small(first), small(arena.clients.len() - first)),
        }
    }

    fn apply(&self, base: Option<&UserModel>, arena: &Arena) -> UserModel {
        let mut model = base.cloned().unwrap_or_default();
        if let Some(rest) = self.rest.and_then(|at| arena.rests.get(at as usize)) {
            rest.apply(&mut model, arena);
        }
        model.counters = self.counters;
        let base_family = base.and_then(|m| m.family.as_ref());
        if let Some(family) = &mut model.family {
            if let Some(cut) = &self.used {
                let base_used = base_family.map_or(&[][..], |f| &f.used[..]);
                let held: Vec<Arc<str>> = cut
                    .held(&arena.used)
                    .iter()
                    .map(|&s| Arc::from(arena.str(s)))
                    .collect();
                family.used = Arc::new(cut.rebuild(base_used.iter().cloned(), &held));
            }
            if let Some(cut) = &self.issued {
                let base_issued = base_family.map_or(&[][..], |f| &f.used_issued[..]);
                let held = cut.held(&arena.issued);
                family.used_issued = Arc::new(cut.rebuild(base_issued.iter().copied(), held));
            }
        }
        let (first, count) = (self.clients.0 as usize, self.clients.1 as usize);
        for change in arena.clients.get(first..first + count).unwrap_or_default() {
            let Some(client) = model.clients.get_mut(change.index as usize) else {
                continue;
            };
            let held = change.marks.held(&arena.marks);
            let marks = change.marks.rebuild(client.marks.iter().copied(), held);
            if let Some(fields) = change.fields.and_then(|at| arena.fields.get(at as usize)) {
                *client = fields.clone();
            }
            client.marks = Marks::from_list(marks);
        }
        model
    }
}

/// Whether two clients' fields but their marks are the same (as `==`, which calls any two
/// clients' marks equal, with their names compared inline: for a few bytes the C library's
/// `memcmp` costs more than the comparison). Every field is named: a new one does not compile
/// until it is compared here.
fn same_fields(a: &Client, b: &Client) -> bool {
    let Client {
        name,
        own,
        skew,
        lose_next,
        logged_out,
        marks: _,
    } = a;
    same_short_text(name, &b.name)
        && *own == b.own
        && *skew == b.skew
        && *lose_next == b.lose_next
        && *logged_out == b.logged_out
}

/// Whether two models have the same fields a [`Rest`] holds (tokens compared inline).
fn same_rest(a: &UserModel, b: &UserModel) -> bool {
    let same_family = match (&a.family, &b.family) {
        (Some(x), Some(y)) => {
            x.login_at == y.login_at
                && x.generation == y.generation
                && same_short_text(&x.current, &y.current)
                && x.issued_at == y.issued_at
                && match (&x.previous, &y.previous) {
                    (Some(p), Some(q)) => {
                        same_short_text(&p.value, &q.value)
                            && p.rotated_at == q.rotated_at
                            && p.reuses == q.reuses
                    }
                    (p, q) => p == q,
                }
                && x.last_use == y.last_use
                && x.revoked == y.revoked
        }
        (None, None) => true,
        _ => false,
    };
    same_family
        && same_short_text(&a.client, &b.client)
        && a.refresh_issued == b.refresh_issued
        && a.access_issued == b.access_issued
        && a.access_revoked_at == b.access_revoked_at
}

impl Rest {
    fn of(model: &UserModel, arena: &mut Arena) -> Self {
        let family = model.family.as_ref().map(|f| FamilyRest {
            login_at: f.login_at,
            generation: f.generation,
            current: arena.text(&f.current),
            issued_at: f.issued_at,
            previous: f
                .previous
                .as_ref()
                .map(|p| (arena.text(&p.value), p.rotated_at, p.reuses)),
            last_use: f.last_use,
            revoked: f.revoked,
        });
        Self {
            family,
            client: arena.text(&model.client),
            refresh_issued: model.refresh_issued,
            access_issued: model.access_issued,
            access_revoked_at: model.access_revoked_at,
        }
    }

    /// Gives `model` these fields; a family it gains starts with no used tokens.
    fn apply(&self, model: &mut UserModel, arena: &Arena) {
        model.family = self.family.as_ref().map(|f| {
            let lists = model
                .family
                .as_ref()
                .map(|old| (Arc::clone(&old.used), Arc::clone(&old.used_issued)));
            let (used, used_issued) = lists.unwrap_or_default();
            Family {
                login_at: f.login_at,
                generation: f.generation,
                current: arena.str(f.current).to_owned(),
                issued_at: f.issued_at,
                previous: f.previous.map(|(value, rotated_at, reuses)| Previous {
                    value: arena.str(value).to_owned(),
                    rotated_at,
                    reuses,
                }),
                used,
                used_issued,
                last_use: f.last_use,
                revoked: f.revoked,
            }
        });
        model.client = arena.str(self.client).to_owned();
        model.refresh_issued = self.refresh_issued;
        model.access_issued = self.access_issued;
        model.access_revoked_at = self.access_revoked_at;
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
