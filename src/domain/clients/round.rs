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
use crate::domain::oauth::{CallReport, Knobs, UserModel, call_token};
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

impl Scenario {
    /// Runs a round for the user at `index` (already touched). `None` when the user has no
    /// declared clients or the model is off.
    pub(crate) fn client_round(&mut self, index: usize, kind: RoundKind) -> Option<Round> {
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
                let who: Vec<usize> = match kind {
                    RoundKind::Race | RoundKind::Traffic => (0..count).collect(),
                    RoundKind::Call(c) if c < count => vec![c],
                    RoundKind::Call(_) => return None,
                };
                let mut round = Round {
                    now,
                    kind,
                    single_flight: knobs.single_flight,
                    steps: Vec::new(),
                };
                let (requests, decisions) =
                    read_requests(state, &model, &who, kind, policy, &knobs, &mut round);
                let mut server = Server::new(name, &knobs, policy, random, now);
                process(&mut server, state, &mut model, requests, &mut round);
                // The server takes requests in the clients' order; a logged-out client's line
                // (read before any request) takes its place among them.
                let order = |step: &ClientStep| {
                    model
                        .clients
                        .iter()
                        .position(|c| c.name == step.client())
                        .unwrap_or(usize::MAX)
                };
                round.steps.sort_by_key(order);
                if kind != RoundKind::Race {
                    call_all(
                        &mut server,
                        state,
                        &mut model,
                        &who,
                        decisions,
                        policy,
                        &mut round,
                    );
                }
                Some(round)
            })();
            state.model = Some(model);
            result
        })?
    }
}

/// Step 1: every client reads what it holds and decides by its clock.
fn read_requests(
    state: &UserState,
    model: &UserModel,
    who: &[usize],
    kind: RoundKind,
    policy: &crate::domain::Policy,
    knobs: &Knobs,
    round: &mut Round,
) -> (Vec<Request>, Vec<(usize, Option<Decision>)>) {
    let mut requests: Vec<Request> = Vec::new();
    let mut decisions = Vec::new();
    let mut leader = None;
    for &c in who {
        let Some(client) = model.clients.get(c) else {
            continue;
        };
        if client.logged_out {
            if kind != RoundKind::Traffic {
                round.steps.push(ClientStep::LoggedOut {
                    client: client.name.clone(),
                });
            }
            continue;
        }
        let (access, refresh) = held(state, model, client);
        let decision = policy.decide(access.expiry, client.clock(round.now));
        if !(decision.refreshes || kind == RoundKind::Race) {
            decisions.push((c, Some(decision)));
            continue;
        }
        decisions.push((c, None));
        let shared = client.shares_storage() && knobs.single_flight;
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
/// what each request came to, in order.
fn process(
    server: &mut Server,
    state: &mut UserState,
    model: &mut UserModel,
    requests: Vec<Request>,
    round: &mut Round,
) -> Vec<Answer> {
    let now = server.now;
    let mut answers: Vec<Answer> = Vec::with_capacity(requests.len());
    for request in requests {
        let Some(name) = model.clients.get(request.client).map(|c| c.name.clone()) else {
            answers.push(Answer::Failed);
            continue;
        };
        if let Some(leader) = request.wait_for {
            let answer = answers.get(leader).cloned().unwrap_or(Answer::Failed);
            let outcome = match &answer {
                Answer::Issued(token) => {
                    mark(model, request.client, now, Mark::Refreshed);
                    Waited::Got(token.clone())
                }
                Answer::Failed => {
                    log_out(model, request.client, now);
                    Waited::Failed
                }
                Answer::Lost => Waited::Lost,
            };
            let leader = round_leader_name(model, &round.steps, leader);
            round.steps.push(ClientStep::Waited {
                client: name,
                leader,
                outcome,
            });
            answers.push(answer);
            continue;
        }
        // The server writes the presenter's new refresh token to the user's storage; who
        // really gets it is decided below, by the client's storage and whether it arrives.
        let storage = model.client.clone();
        let decision = server.refresh(model, Presenter::Client, request.presented);
        model.client = storage;
        let lose = model
            .clients
            .get_mut(request.client)
            .map(|c| std::mem::take(&mut c.lose_next))
            .unwrap_or(false);
        let answer = match (decision.issued(), lose) {
            (_, true) => {
                if decision.issued().is_some() {
                    model.counters.refreshes = model.counters.refreshes.saturating_add(1);
                }
                mark(model, request.client, now, Mark::Lost);
                Answer::Lost
            }
            (Some(issued), false) => {
                model.counters.refreshes = model.counters.refreshes.saturating_add(1);
                mark(model, request.client, now, Mark::Refreshed);
                let own = model
                    .clients
                    .get_mut(request.client)
                    .and_then(|c| c.own.as_mut());
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
                log_out(model, request.client, now);
                Answer::Failed
            }
        };
        answers.push(answer);
        round.steps.push(ClientStep::Refresh {
            client: name,
            decision: request.decision,
            server: Box::new(decision),
            lost: lose,
            after_401: request.after_401,
        });
    }
    answers
}

/// The name of the client whose request is the `index`-th one processed (the steps so far hold
/// one `Refresh` or `Waited` per request, in order).
fn round_leader_name(model: &UserModel, steps: &[ClientStep], index: usize) -> String {
    steps
        .iter()
        .filter_map(|s| match s {
            ClientStep::Refresh { client, .. } | ClientStep::Waited { client, .. } => Some(client),
            ClientStep::LoggedOut { .. } | ClientStep::Call { .. } => None,
        })
        .nth(index)
        .cloned()
        .unwrap_or_else(|| {
            model
                .clients
                .first()
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
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
    who: &[usize],
    decisions: Vec<(usize, Option<Decision>)>,
    policy: &crate::domain::Policy,
    round: &mut Round,
) {
    let knobs = *server.knobs;
    let now = round.now;
    for &c in who {
        let Some(client) = model.clients.get(c) else {
            continue;
        };
        if client.logged_out {
            // An explicit call from a client its refresh just logged out says so.
            let said = round
                .steps
                .iter()
                .any(|s| matches!(s, ClientStep::LoggedOut { client: c } if *c == client.name));
            if matches!(round.kind, RoundKind::Call(_)) && !said {
                round.steps.push(ClientStep::LoggedOut {
                    client: client.name.clone(),
                });
            }
            continue;
        }
        let decision = decisions
            .iter()
            .find(|(i, _)| *i == c)
            .and_then(|(_, d)| *d);
        let Some((client, call)) = call_once(state, model, c, policy, &knobs, now) else {
            continue;
        };
        let served = call.status.accepted();
        round.steps.push(ClientStep::Call {
            client,
            decision,
            call,
            retry: false,
        });
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
            decision: policy.decide(access.expiry, client.clock(now)),
            wait_for: None,
            after_401: true,
        };
        let answers = process(server, state, model, vec![request], round);
        if let [Answer::Issued(_)] = answers.as_slice()
            && let Some((client, call)) = call_once(state, model, c, policy, &knobs, now)
        {
            round.steps.push(ClientStep::Call {
                client,
                decision: None,
                call,
                retry: true,
            });
        }
    }
}

/// One call by client `c` with what its storage holds now, counted and marked: the client's
/// name and the API's answer.
fn call_once(
    state: &UserState,
    model: &mut UserModel,
    c: usize,
    policy: &crate::domain::Policy,
    knobs: &Knobs,
    now: u64,
) -> Option<(String, CallReport)> {
    let client = model.clients.get(c)?;
    let (access, _) = held(state, model, client);
    let call = call_token(access, None, model.access_revoked_at, knobs, policy, now);
    let name = client.name.clone();
    let served = call.status.accepted();
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
    Some((name, call))
}

fn count_call(counters: &mut Counters, served: bool) {
    if served {
        counters.served = counters.served.saturating_add(1);
    } else {
        counters.unauthorized = counters.unauthorized.saturating_add(1);
    }
}
