//! The clients' side of the app (issue 9): the clients menu (`K`) on the selected user, the
//! client it acts on, what the why panel explains after a race or a call, and the traffic lines
//! in the results (refreshes, failures and 401s as they happen; served calls folded).

use super::prompt::{Prompt, PromptKind};
use super::{App, LastRun, Mode};
use crate::domain::Op;
use crate::domain::clients::{ClientStep, ClientsReport, Round, TrafficReport};
use crate::domain::oauth::UserModel;
use crate::tui::action::Action;
use crate::words;

/// How many traffic lines one clock move adds to the results (the rest are summed up).
const TRAFFIC_LINES: usize = 6;

impl App {
    /// Whether any user has declared clients (the clients' columns, panel and lanes show). Read
    /// every frame: what it depends on is found once per operation, not per frame (at 100,000
    /// users without clients that is a walk over all of them).
    pub fn clients_on(&self) -> bool {
        self.model_on() && self.has_clients
    }

    /// The selected user's name and model, when it has clients.
    fn selected_clients(&self) -> Option<(String, &UserModel)> {
        let (name, _) = self.scenario().tokens.user_at(self.selected)?;
        let model = self.scenario().clients_at(self.selected)?;
        Some((name.to_owned(), model))
    }

    /// Whether the model's traffic is on (clients calling every few ticks).
    fn traffic_on(&self) -> bool {
        self.scenario()
            .policy
            .model
            .as_deref()
            .is_some_and(|m| m.traffic)
    }

    /// The index of the client the menu acts on, for the selected user.
    pub fn selected_client(&self) -> usize {
        self.selected_clients()
            .map_or(0, |(_, m)| self.client % m.clients.len().max(1))
    }

    /// `c`: the clients menu, or why it cannot open.
    pub(super) fn open_clients_menu(&mut self) {
        let Some((user, model)) = self.selected_clients() else {
            let why = if self.model_on() {
                "this user has no clients (a scenario declares them in [clients])"
            } else {
                "clients need the real-world model (a scenario with [oauth] and [clients])"
            };
            return self.push_log(why.to_owned());
        };
        let client = model.clients[self.selected_client()].name.clone();
        let traffic = self.traffic_on();
        let choices = format!(
            "c call · r race · l lose · s skew · n next client · f traffic {}",
            if traffic { "off" } else { "on" }
        );
        self.open_prompt(Prompt::new(PromptKind::ClientsMenu {
            user,
            client,
            choices,
        }));
    }

    /// A key in the clients menu; any key but the menu's closes it.
    pub(super) fn update_clients_menu(&mut self, action: Action) {
        let Mode::Prompt(prompt) = &self.mode else {
            return;
        };
        let PromptKind::ClientsMenu { user, client, .. } = prompt.kind().clone() else {
            return;
        };
        let op = match action {
            Action::PromptChar('c') => Op::CallClient { user, client },
            Action::PromptChar('r') => Op::Race(user),
            Action::PromptChar('l') => Op::Lose {
                user,
                client: Some(client),
            },
            Action::PromptChar('f') => Op::Traffic(!self.traffic_on()),
            Action::PromptChar('n') => {
                self.client = self.selected_client().wrapping_add(1);
                return self.open_clients_menu();
            }
            Action::PromptChar('s') => {
                let current = self
                    .selected_clients()
                    .and_then(|(_, m)| m.clients.iter().find(|c| c.name == client))
                    .map_or(0, |c| c.skew);
                self.mode = Mode::Prompt(Prompt::new(PromptKind::ClientSkew {
                    user,
                    client,
                    current,
                }));
                return;
            }
            other => return self.not_a_menu_key(other),
        };
        self.mode = Mode::Table;
        self.run_logged(op);
    }

    /// The last race or call for this user, for the why panel.
    pub fn last_round(&self, index: usize) -> Option<&Round> {
        match &self.last_run {
            LastRun::Round { index: i, round } if *i == index => Some(round),
            _ => None,
        }
    }

    /// The results for an operation on clients: each line of a race or a call; for a clock move
    /// with traffic, what went wrong or refreshed (a few lines) and one line summing it up.
    pub(super) fn log_clients(&mut self, report: &ClientsReport) {
        match report {
            ClientsReport::Round { .. } => {
                for line in words::clients::lines(report) {
                    self.push_log(line);
                }
            }
            ClientsReport::Moved { traffic, .. } => {
                let now = self.scenario().now();
                for line in notable(traffic, now).into_iter().take(TRAFFIC_LINES) {
                    self.push_log(line);
                }
                self.push_log(words::clients::line(report));
            }
            ClientsReport::Lose { .. }
            | ClientsReport::Skew { .. }
            | ClientsReport::Traffic { .. } => self.push_log(words::clients::line(report)),
        }
    }
}

/// The traffic lines worth a line of their own: everything but a served call.
fn notable(traffic: &TrafficReport, now: u64) -> Vec<String> {
    traffic
        .events
        .iter()
        .filter(
            |(_, _, step)| !matches!(step, ClientStep::Call { call, .. } if call.status.accepted()),
        )
        .map(|(at, user, step)| {
            let line = words::clients::step_line(user, step);
            // The results put the clock in front; an earlier beat says its own tick.
            if *at == now {
                line
            } else {
                format!("{line} (at t={at})")
            }
        })
        .collect()
}
