//! The client operations on a session: each finds its user and client, touches the user, then
//! changes it, so undo stays generic.

use super::ClientsReport;
use super::round::RoundKind;
use crate::domain::error::Error;
use crate::domain::oauth::UserModel;
use crate::domain::op::Report;
use crate::domain::scenario::Scenario;
use crate::domain::session::Session;

impl Scenario {
    /// The model of the user at `index`, when it declares clients.
    pub fn clients_at(&self, index: usize) -> Option<&UserModel> {
        self.tokens
            .user_at(index)
            .and_then(|(_, u)| u.model)
            .filter(|m| !m.clients.is_empty())
    }

    /// Whether any user has declared clients (a walk over the users up to the first that has).
    pub fn has_clients(&self) -> bool {
        self.tokens
            .users()
            .any(|(_, u)| u.model.is_some_and(|m| !m.clients.is_empty()))
    }
}

/// A client's own copy of the tokens (a client that does not share the user's storage).
impl Session {
    /// `traffic on|off`.
    pub(crate) fn traffic(&mut self, on: bool) -> Result<Report, Error> {
        let model = self
            .scenario_mut()
            .policy
            .model
            .as_deref_mut()
            .ok_or(Error::ModelOff("traffic"))?;
        model.traffic = on;
        Ok(clients(ClientsReport::Traffic {
            on,
            every: model.traffic_every,
        }))
    }

    /// `call USER CLIENT`: the client refreshes first if its clock says so, then calls.
    pub(crate) fn call_client(&mut self, user: &str, client: &String) -> Result<Report, Error> {
        let (index, c) = self.find_client(user, Some(client), "call")?;
        self.touch_at(index);
        Ok(clients(self.round(index, RoundKind::Call(c), user)?))
    }

    /// `race USER`: every client refreshes at this tick with what it holds.
    pub(crate) fn race(&mut self, user: &str) -> Result<Report, Error> {
        let (index, _) = self.find_client(user, None, "race")?;
        self.touch_at(index);
        Ok(clients(self.round(index, RoundKind::Race, user)?))
    }

    /// `lose USER [CLIENT]`: the client's next refresh response is lost.
    pub(crate) fn lose(&mut self, user: &str, client: Option<&String>) -> Result<Report, Error> {
        let (index, c) = self.find_client(user, client, "lose")?;
        self.touch_at(index);
        let client = self.client_mut(index, c, user)?;
        let already = std::mem::replace(&mut client.lose_next, true);
        Ok(clients(ClientsReport::Lose {
            user: user.to_owned(),
            client: client.name.clone(),
            already,
        }))
    }

    /// `skew USER CLIENT N`: the client's clock offset.
    pub(crate) fn skew(&mut self, user: &str, client: &String, skew: i64) -> Result<Report, Error> {
        let (index, c) = self.find_client(user, Some(client), "skew")?;
        self.touch_at(index);
        let client = self.client_mut(index, c, user)?;
        let from = std::mem::replace(&mut client.skew, skew);
        Ok(clients(ClientsReport::Skew {
            user: user.to_owned(),
            client: client.name.clone(),
            from,
            to: skew,
        }))
    }

    /// `call USER` for a user with declared clients: the first one calls. `None`: the user has
    /// none, and calls as in the real-world model alone.
    pub(crate) fn first_client_call(&mut self, user: &str) -> Result<Option<Report>, Error> {
        let index = self.scenario().position_of(user)?;
        let has = self.scenario().clients_at(index).is_some();
        if !has || self.scenario().policy.model.is_none() {
            return Ok(None);
        }
        self.touch_at(index);
        let report = self.round(index, RoundKind::Call(0), user)?;
        Ok(Some(Report::Clients(Box::new(report))))
    }

    fn round(&mut self, index: usize, kind: RoundKind, user: &str) -> Result<ClientsReport, Error> {
        let round = self
            .scenario_mut()
            .client_round(index, kind)
            .ok_or_else(|| Error::NoClients(user.to_owned()))?;
        Ok(ClientsReport::Round {
            user: user.to_owned(),
            round,
        })
    }

    /// The user's index and the client's (the first when `client` is `None`).
    fn find_client(
        &self,
        user: &str,
        client: Option<&String>,
        what: &'static str,
    ) -> Result<(usize, usize), Error> {
        if self.scenario().policy.model.is_none() {
            return Err(Error::ModelOff(what));
        }
        let index = self.scenario().position_of(user)?;
        let model = self
            .scenario()
            .clients_at(index)
            .ok_or_else(|| Error::NoClients(user.to_owned()))?;
        let Some(name) = client else {
            return Ok((index, 0));
        };
        match model.clients.iter().position(|c| &c.name == name) {
            Some(c) => Ok((index, c)),
            None => Err(Error::UnknownClient {
                user: user.to_owned(),
                client: name.clone(),
                known: client_names(model),
            }),
        }
    }

    fn client_mut(
        &mut self,
        index: usize,
        c: usize,
        user: &str,
    ) -> Result<&mut super::Client, Error> {
        self.scenario_mut()
            .tokens
            .model_at_mut(index)
            .and_then(|(_, m)| m.clients.get_mut(c))
            .ok_or_else(|| Error::NoClients(user.to_owned()))
    }
}

/// `tab1, tab2`.
pub fn client_names(model: &UserModel) -> String {
    let names: Vec<&str> = model.clients.iter().map(|c| c.name.as_str()).collect();
    names.join(", ")
}

fn clients(report: ClientsReport) -> Report {
    Report::Clients(Box::new(report))
}
