//! The table's clients columns (issue 9, only when some user has clients): how many clients a
//! user has, the selected user's clients spelled out (name, skew, own storage, logged out, a
//! lost answer pending), and the counters: calls served (`200`), refused (`401`), refreshes
//! (`↻`) and forced logins (`out`).

use super::fit;
use crate::domain::clients::Client;
use crate::domain::oauth::UserModel;
use crate::tui::app::App;
use ratatui::text::Line;
use ratatui::widgets::Cell;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

pub const HEADERS: [&str; 5] = ["Clients", "200", "401", "↻", "out"];
/// The clients column is never narrower than its header.
const CLIENTS_MIN: u16 = 7;
const CLIENTS_MAX: u16 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientColumns {
    pub clients: u16,
    pub counters: [u16; 4],
}

impl ClientColumns {
    pub fn least(self) -> Self {
        Self {
            clients: self.clients.min(CLIENTS_MIN),
            ..self
        }
    }
}

/// One client in a few words: `tab2 -90 own out lost?`.
fn client_words(client: &Client) -> String {
    let mut out = client.name.clone();
    if client.skew != 0 {
        out.push_str(&format!(" {:+}", client.skew));
    }
    if client.own.is_some() {
        out.push_str(" own");
    }
    if client.logged_out {
        out.push_str(" out");
    }
    if client.lose_next {
        out.push_str(" lost?");
    }
    out
}

/// The clients cell: the count, or for the selected user each client.
pub fn clients_text(model: Option<&UserModel>, expanded: bool) -> String {
    let Some(model) = model.filter(|m| !m.clients.is_empty()) else {
        return "-".to_owned();
    };
    if !expanded {
        return model.clients.len().to_string();
    }
    let words: Vec<String> = model.clients.iter().map(client_words).collect();
    words.join(" · ")
}

fn counters(model: Option<&UserModel>) -> [u64; 4] {
    model.map_or([0; 4], |m| {
        let c = m.counters;
        [c.served, c.unauthorized, c.refreshes, c.forced_logins]
    })
}

pub fn natural(app: &App, shown: Range<usize>) -> ClientColumns {
    let scenario = app.scenario();
    let mut clients = HEADERS[0].width();
    let mut widths = [HEADERS[1], HEADERS[2], HEADERS[3], HEADERS[4]].map(|h| h.width());
    for index in shown {
        let Some((_, state)) = scenario.tokens.user_at(index) else {
            continue;
        };
        let model = state.model;
        clients = clients.max(clients_text(model, index == app.selected()).width());
        for (w, n) in widths.iter_mut().zip(counters(model)) {
            *w = (*w).max(n.to_string().len());
        }
    }
    let clamp = |w: usize, max: u16| u16::try_from(w).unwrap_or(u16::MAX).min(max);
    ClientColumns {
        clients: clamp(clients, CLIENTS_MAX),
        counters: widths.map(|w| clamp(w, 20)),
    }
}

/// The user's clients cells, in the columns' widths.
pub fn cells(
    app: &App,
    index: usize,
    model: Option<&UserModel>,
    columns: ClientColumns,
) -> Vec<Cell<'static>> {
    let theme = app.theme();
    let text = clients_text(model, index == app.selected());
    let mut out = vec![Cell::from(fit(&text, usize::from(columns.clients)))];
    let has = model.is_some_and(|m| !m.clients.is_empty());
    for (i, n) in counters(model).into_iter().enumerate() {
        let shown = if has { n.to_string() } else { "-".to_owned() };
        let style = match i {
            1 | 3 if n > 0 => theme.expired,
            _ => theme.row,
        };
        out.push(Cell::from(Line::from(shown).right_aligned()).style(style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_user_spells_out_its_clients_and_the_others_count_them() {
        let mut model = UserModel::default();
        assert_eq!(clients_text(Some(&model), true), "-");
        model.clients.push(Client::new("tab1"));
        let mut tab2 = Client::new("tab2");
        tab2.skew = -90;
        tab2.logged_out = true;
        tab2.lose_next = true;
        model.clients.push(tab2);
        assert_eq!(clients_text(Some(&model), false), "2");
        assert_eq!(
            clients_text(Some(&model), true),
            "tab1 · tab2 -90 out lost?"
        );
    }
}
