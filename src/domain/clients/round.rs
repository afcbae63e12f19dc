//! One round of simultaneous requests from a user's clients: a race, a call, or one beat of
//! traffic. The order is stated and fixed, so every outcome is deterministic:
//!
//! 1. every client taking part reads what it holds (its storage) and decides by its own clock
//!    whether to refresh (a race refreshes regardless); nothing it reads changes before the
//!    server answers anyone;
//! 2. the server processes the refresh requests one after the other, in the clients' declared
//!    order; with single-flight, the clients sharing storage send one request (the first of
//!    them that needs one) and the others wait for its answer;
//! 3. each answer is written to its client's storage in that order (a lost answer is never
//!    written); a refused refresh sends the client to log in again;
//! 4. for a call (or traffic), each client then calls the API with the access token its storage
//!    now holds, judged by the user's validator at the server's clock;
//! 5. with `retry_on_401`, a client whose call got 401 refreshes at once with the refresh token
//!    it holds (its own request, as in step 2) and, when new tokens arrive, calls again, once;
//!    the clients after it call with what their storage holds then.

use super::{Client, Counters, Mark};
use crate::domain::Decision;
use crate::domain::oauth::refresh::{Presenter, RefreshDecision, Server};
use crate::domain::oauth::validator::TokenTimes;
use crate::domain::oauth::{CallReport, Knobs, UserModel, call_token, token_status};
use crate::domain::scenario::Scenario;
use crate::domain::token_store::{Token, UserState};

/// Who takes part in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundKind {
    /// Every client refreshes now with what it holds, whatever its clock says.
    Race,
    /// One client (by its index): refresh first if its clock says so, then call.
    Call(usize),
    /// Every client that is logged in: refresh if its clock says so, then call.
    Traffic,
}

/// What single-flight gave a client that waited for another's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waited {
    /// The shared storage now holds these tokens (the leader's answer).
    Got(Token),
    /// The leader's request was refused: this client is sent to log in too.
    Failed,
    /// The leader's answer never arrived: nothing changed.
    Lost,
}

/// One thing that happened in a round, in the order the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientStep {
    /// A refresh request the server processed.
    Refresh {
        client: String,
        /// The client's own decision, made by its clock (a race refreshes regardless).
        decision: Decision,
        server: Box<RefreshDecision>,
        /// The answer never arrived: the client keeps what it had.
        lost: bool,
        /// Sent because the client's call got 401 (`retry_on_401`), not by its clock.
        after_401: bool,
    },
    /// Single-flight: the client sent nothing and used `leader`'s answer.
    Waited {
        client: String,
        leader: String,
        outcome: Waited,
    },
    /// A logged-out client makes no request and no call.
    LoggedOut { client: String },
    /// A call at the API.
    Call {
        client: String,
        /// The client's decision not to refresh (by its clock), when it made none.
        decision: Option<Decision>,
        call: CallReport,
        /// The second call, after a 401 and a refresh (`retry_on_401`).
        retry: bool,
    },
}

impl ClientStep {
    /// The client the step is about.
    pub fn client(&self) -> &str {
        match self {
            ClientStep::Refresh { client, .. }
            | ClientStep::Waited { client, .. }
            | ClientStep::LoggedOut { client }
            | ClientStep::Call { client, .. } => client,
        }
    }
}

/// A round: when, whether single-flight was on, and its steps in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub now: u64,
    pub kind: RoundKind,
    pub single_flight: bool,
    pub steps: Vec<ClientStep>,
}

/// Where a round's steps go, and what they come to. A race or a call keeps every step; a beat
/// of traffic keeps only the events its report still has room for and counts the rest, so a big
/// roster's beat builds no step (copies no name or token) for a client whose call is just served.
#[derive(Debug, Default)]
pub(crate) struct Tape {
    /// The steps kept, in the order the server saw them.
    pub(crate) steps: Vec<ClientStep>,
    /// How many steps are kept at most.
    room: usize,
    /// Steps past the room: counted, not built.
    pub(crate) more: u64,
    /// What every step came to (kept or not): calls served and refused, refreshes answered with
    /// tokens, clients sent to log in.
    pub(crate) totals: Counters,
}

/// What one step adds to a tape's totals.
#[derive(Debug, Clone, Copy)]
enum Tally {
    Served,
    Unauthorized,
    Refreshed,
    ForcedLogin,
    Nothing,
}

impl Tape {
    /// A tape that keeps every step (a race, a call).
    pub(crate) fn keeping_all() -> Self {
        Self::keeping(usize::MAX)
    }

    /// A tape that keeps the first `room` steps and counts the rest.
    pub(crate) fn keeping(room: usize) -> Self {
        Self {
            room,
            ..Self::default()
        }
    }

    /// Whether the next step is kept (then it is built).
    fn keeps(&self) -> bool {
        self.steps.len() < self.room
    }

    /// Adds a step: counted always, built and kept only while there is room.
    fn push(&mut self, tally: Tally, step: impl FnOnce() -> ClientStep) {
        let add = |n: &mut u64| *n = n.saturating_add(1);
        match tally {
            Tally::Served => add(&mut self.totals.served),
            Tally::Unauthorized => add(&mut self.totals.unauthorized),
            Tally::Refreshed => add(&mut self.totals.refreshes),
            Tally::ForcedLogin => add(&mut self.totals.forced_logins),
            Tally::Nothing => {}
        }
        if self.keeps() {
            self.steps.push(step());
        } else {
            add(&mut self.more);
        }
    }
}

/// A request read in step 1.
struct Request {
    client: usize,
    presented: String,
    decision: Decision,
    /// Single-flight: the index (in the requests) of the request this client waits for.
    wait_for: Option<usize>,
    /// Sent after a 401 (`retry_on_401`).
    after_401: bool,
}

/// The access token and refresh token a client holds now.
fn held<'a>(
    state: &'a UserState,
    model: &'a UserModel,
    client: &'a Client,
) -> (&'a Token, &'a str) {
    match &client.own {
        Some(own) => (&own.access, own.refresh.as_str()),
        None => (&state.token, model.client.as_str()),
    }
}

/// The name of client `c` (empty when there is none).
fn name_of(model: &UserModel, c: usize) -> String {
    model
        .clients
        .get(c)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

impl Scenario {
    /// Runs a round for the user at `index` (already touched). `None` when the user has no
    /// declared clients or the model is off.
    pub(crate) fn client_round(&mut self, index: usize, kind: RoundKind) -> Option<Round> {
        let mut tape = Tape::keeping_all();
        let single_flight = self.run_round(index, kind, &mut tape)?;
        Some(Round {
            now: self.now(),
            kind,
            single_flight,
            steps: tape.steps,
        })
    }

    /// One beat of traffic for the user at `index` (already touched), its steps onto `tape`.
    /// `None` when the model is off or the user is not in it.
    pub(crate) fn traffic_round(&mut self, index: usize, tape: &mut Tape) -> Option<()> {
        self.run_round(index, RoundKind::Traffic, tape).map(|_| ())
    }

    /// Runs a round onto `tape`; whether single-flight was on.
    fn run_round(&mut self, index: usize, kind: RoundKind, tape: &mut Tape) -> Option<bool> {
        let now = self.now();
        let (_, state) = self.tokens.user_at(index)?;
        let knobs = self.knobs_of(state)?;
        let Scenario {
            tokens,
            policy,
            random,
            ..
        } = self;
        tokens.update_at(index, |name, state| {
            let mut model = state.model.take()?;
            let result = (|| {
                let count = model.clients.len();
                let who = match kind {
                    RoundKind::Race | RoundKind::Traffic => 0..count,
                    RoundKind::Call(c) if c < count => c..c + 1,
                    RoundKind::Call(_) => return None,
                };
                let read = Read {
                    kind,
                    now,
                    policy,
                    knobs: &knobs,
                };
                let (requests, decisions) = read_requests(state, &model, who.clone(), &read, tape);
                let mut server = Server::new(name, &knobs, policy, random, now);
                process(&mut server, state, &mut model, requests, tape);
                // The server takes requests in the clients' order; a logged-out client's line
                // (read before any request) takes its place among them.
                let order = |step: &ClientStep| {
                    model
                        .clients
                        .iter()
                        .position(|c| c.name == step.client())
                        .unwrap_or(usize::MAX)
                };
                tape.steps.sort_by_key(order);
                if kind != RoundKind::Race {
                    call_all(&mut server, state, &mut model, who, decisions, &read, tape);
                }
                Some(knobs.single_flight)
            })();
            state.model = Some(model);
            result
        })?
    }
}

/// What a round reads by: its kind, the time, the scenario's policy and the user's knobs.
struct Read<'a> {
    kind: RoundKind,
    now: u64,
    policy: &'a crate::domain::Policy,
    knobs: &'a Knobs,
}

/// Step 1: every client reads what it holds and decides by its clock. The decisions not to
/// refresh are kept only when the tape keeps steps (they are words in a call's step).
fn read_requests(
    state: &UserState,
    model: &UserModel,
    who: std::ops::Range<usize>,
    read: &Read,
    tape: &mut Tape,
) -> (Vec<Request>, Vec<(usize, Option<Decision>)>) {
    let mut requests: Vec<Request> = Vec::new();
    let mut decisions = Vec::new();
    let keep = tape.keeps();
    let mut leader = None;
    for c in who {
        let Some(client) = model.clients.get(c) else {
            continue;
        };
        if client.logged_out {
            if read.kind != RoundKind::Traffic {
                tape.push(Tally::Nothing, || ClientStep::LoggedOut {
                    client: client.name.clone(),
                });
            }
            continue;
        }
        let (access, refresh) = held(state, model, client);
        let decision = read.policy.decide(access.expiry, client.clock(read.now));
        if !(decision.refreshes || read.kind == RoundKind::Race) {
            if keep {
                decisions.push((c, Some(decision)));
            }
            continue;
        }
        if keep {
            decisions.push((c, None));
        }
        let shared = client.shares_storage() && read.knobs.single_flight;
        let wait_for = if shared { leader } else { None };
        if shared && leader.is_none() {
            leader = Some(requests.len());
        }
        requests.push(Request {
            client: c,
            presented: refresh.to_owned(),
            decision,
            wait_for,
            after_401: false,
        });
    }
    (requests, decisions)
}

/// What a processed request came to, for the clients waiting on it.
#[derive(Clone)]
enum Answer {
    Issued(Token),
    Failed,
    Lost,
}

/// Steps 2 and 3: the server answers each request in order; answers go to storage. Returns
/// what each request came to, in order, with the client that sent it.
fn process(
    server: &mut Server,
    state: &mut UserState,
    model: &mut UserModel,
    requests: Vec<Request>,
    tape: &mut Tape,
) -> Vec<(usize, Answer)> {
    let now = server.now;
    let mut answers: Vec<(usize, Answer)> = Vec::with_capacity(requests.len());
    for request in requests {
        let c = request.client;
        if model.clients.get(c).is_none() {
            answers.push((c, Answer::Failed));
            continue;
        }
        if let Some(leader) = request.wait_for {
            let (leader, answer) = answers
                .get(leader)
                .cloned()
                .unwrap_or((usize::MAX, Answer::Failed));
            let tally = match &answer {
                Answer::Issued(_) => {
                    mark(model, c, now, Mark::Refreshed);
                    // The leader's answer shared: the leader's own step counts it.
                    Tally::Nothing
                }
                Answer::Failed => {
                    log_out(model, c, now);
                    Tally::ForcedLogin
                }
                Answer::Lost => Tally::Nothing,
            };
            tape.push(tally, || ClientStep::Waited {
                client: name_of(model, c),
                leader: leader_name(model, leader),
                outcome: match &answer {
                    Answer::Issued(token) => Waited::Got(token.clone()),
                    Answer::Failed => Waited::Failed,
                    Answer::Lost => Waited::Lost,
                },
            });
            answers.push((c, answer));
            continue;
        }
        // The server writes the presenter's new refresh token to the user's storage; who
        // really gets it is decided below, by the client's storage and whether it arrives.
        let storage = model.client.clone();
        let decision = server.refresh(model, Presenter::Client, request.presented);
        model.client = storage;
        let lose = model
            .clients
            .get_mut(c)
            .map(|c| std::mem::take(&mut c.lose_next))
            .unwrap_or(false);
        let answer = match (decision.issued(), lose) {
            (_, true) => {
                if decision.issued().is_some() {
                    model.counters.refreshes = model.counters.refreshes.saturating_add(1);
                }
                mark(model, c, now, Mark::Lost);
                Answer::Lost
            }
            (Some(issued), false) => {
                model.counters.refreshes = model.counters.refreshes.saturating_add(1);
                mark(model, c, now, Mark::Refreshed);
                let own = model.clients.get_mut(c).and_then(|c| c.own.as_mut());
                match own {
                    Some(held) => {
                        held.access = issued.access.clone();
                        held.refresh = issued.refresh.clone();
                    }
                    None => {
                        model.client = issued.refresh.clone();
                        state.replace_token(issued.access.clone(), now);
                    }
                }
                Answer::Issued(issued.access.clone())
            }
            (None, false) => {
                log_out(model, c, now);
                Answer::Failed
            }
        };
        answers.push((c, answer));
        let tally = match (decision.issued(), lose) {
            (Some(_), _) => Tally::Refreshed,
            (None, false) => Tally::ForcedLogin,
            // A refusal that never arrived: the client knows nothing of it.
            (None, true) => Tally::Nothing,
        };
        tape.push(tally, || ClientStep::Refresh {
            client: name_of(model, c),
            decision: request.decision,
            server: Box::new(decision),
            lost: lose,
            after_401: request.after_401,
        });
    }
    answers
}

/// The name of the client whose request another waited for (the first client's when there is
/// none).
fn leader_name(model: &UserModel, leader: usize) -> String {
    model
        .clients
        .get(leader)
        .or_else(|| model.clients.first())
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

fn mark(model: &mut UserModel, client: usize, at: u64, what: Mark) {
    if let Some(c) = model.clients.get_mut(client) {
        c.marks.push(at, what);
    }
}

/// A refused refresh: the client shows its login page.
fn log_out(model: &mut UserModel, client: usize, at: u64) {
    if let Some(c) = model.clients.get_mut(client) {
        c.marks.push(at, Mark::RefreshFailed);
        if !c.logged_out {
            c.logged_out = true;
            model.counters.forced_logins = model.counters.forced_logins.saturating_add(1);
        }
    }
}

/// Steps 4 and 5: each logged-in client calls with what its storage holds now; with
/// `retry_on_401` a refused call refreshes and calls once more.
fn call_all(
    server: &mut Server,
    state: &mut UserState,
    model: &mut UserModel,
    who: std::ops::Range<usize>,
    decisions: Vec<(usize, Option<Decision>)>,
    read: &Read,
    tape: &mut Tape,
) {
    let (knobs, now) = (read.knobs, read.now);
    for c in who {
        let Some(client) = model.clients.get(c) else {
            continue;
        };
        if client.logged_out {
            // An explicit call from a client its refresh just logged out says so.
            let said = tape
                .steps
                .iter()
                .any(|s| matches!(s, ClientStep::LoggedOut { client: c } if *c == client.name));
            if matches!(read.kind, RoundKind::Call(_)) && !said {
                tape.push(Tally::Nothing, || ClientStep::LoggedOut {
                    client: client.name.clone(),
                });
            }
            continue;
        }
        let decision = decisions
            .iter()
            .find(|(i, _)| *i == c)
            .and_then(|(_, d)| *d);
        let Some(served) = call_once(state, model, c, decision, false, read, tape) else {
            continue;
        };
        if served || !knobs.retry_on_401 {
            continue;
        }
        let Some(client) = model.clients.get(c) else {
            continue;
        };
        let (access, refresh) = held(state, model, client);
        let request = Request {
            client: c,
            presented: refresh.to_owned(),
            decision: read.policy.decide(access.expiry, client.clock(now)),
            wait_for: None,
            after_401: true,
        };
        let answers = process(server, state, model, vec![request], tape);
        if let [(_, Answer::Issued(_))] = answers.as_slice() {
            call_once(state, model, c, None, true, read, tape);
        }
    }
}

/// One call by client `c` with what its storage holds now, counted, marked and put on the
/// tape (`decision`: the client's decision not to refresh; `retry`: the call after a 401):
/// whether the API served it.
fn call_once(
    state: &UserState,
    model: &mut UserModel,
    c: usize,
    decision: Option<Decision>,
    retry: bool,
    read: &Read,
    tape: &mut Tape,
) -> Option<bool> {
    let (policy, knobs, now) = (read.policy, read.knobs, read.now);
    let client = model.clients.get(c)?;
    let (access, _) = held(state, model, client);
    let revoked_at = model.access_revoked_at;
    // What `call_token` says of the call, without copying the token when the step is not kept.
    let times = TokenTimes::new(access.expiry, None);
    let served = token_status(times, revoked_at, knobs, policy, now).accepted();
    let tally = if served {
        Tally::Served
    } else {
        Tally::Unauthorized
    };
    tape.push(tally, || ClientStep::Call {
        client: client.name.clone(),
        decision,
        call: call_token(access, None, revoked_at, knobs, policy, now),
        retry,
    });
    count_call(&mut model.counters, served);
    mark(
        model,
        c,
        now,
        if served {
            Mark::Served
        } else {
            Mark::Unauthorized
        },
    );
    Some(served)
}

fn count_call(counters: &mut Counters, served: bool) {
    if served {
        counters.served = counters.served.saturating_add(1);
    } else {
        counters.unauthorized = counters.unauthorized.saturating_add(1);
    }
}
