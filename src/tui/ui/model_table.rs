//! The users' table with the real-world model on: the access token and its status (by the
//! user's validator), the refresh token the client holds, shortened, its state, and the family's
//! generation. Narrow, the generation goes first, then the token values; statuses are never cut.

use super::clients_cells::{self, ClientColumns};
use super::fit;
use super::table_parts::{self, JUST_REFRESHED_MARK, Room};
use crate::domain::oauth::signed::shortened;
use crate::domain::oauth::{RtState, access_status};
use crate::tui::app::App;
use crate::words::oauth::{access_status_words, rt_state_words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

const MARKER: u16 = 1;
/// `VALID ✓ refresh due`: the longest status.
const STATUS_FULL: u16 = 19;
/// `VALID ✓ last`, the longest short status: a status is never cut below it.
const STATUS_SHORT: u16 = 12;
/// `revoked`, the longest refresh-token state.
const STATE: u16 = 7;
const USER_MIN: u16 = 5;
const TOKEN_MIN: u16 = 8;
const TOKEN_MAX: u16 = 16;

/// Column widths; `None` for a column left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    user: u16,
    access: Option<u16>,
    exp: u16,
    status: u16,
    refresh: Option<u16>,
    generation: Option<u16>,
    /// With clients: the clients column and the counters' (see `clients_cells`).
    clients: Option<ClientColumns>,
}

impl Columns {
    fn widths(&self) -> [Option<u16>; 13] {
        let c = self.clients;
        let counter = |i: usize| c.map(|c| c.counters[i]);
        [
            Some(MARKER),
            Some(self.user),
            self.access,
            Some(self.exp),
            Some(self.status),
            self.refresh,
            Some(STATE),
            self.generation,
            c.map(|c| c.clients),
            counter(0),
            counter(1),
            counter(2),
            counter(3),
        ]
    }

    fn total(&self) -> u16 {
        table_parts::total(&self.widths())
    }

    /// The columns for `width` from the natural ones: the least of each that fits, dropping
    /// the generation first, then the access token's value, then the refresh token's; the room
    /// left goes to the name, the tokens and the full status, up to their natural widths.
    fn fitted(self, width: u16) -> Self {
        let least = |access: bool, refresh: bool, generation: bool| Self {
            user: self.user.min(USER_MIN),
            access: self.access.filter(|_| access).map(|w| w.min(TOKEN_MIN)),
            exp: self.exp,
            status: STATUS_SHORT,
            refresh: self.refresh.filter(|_| refresh).map(|w| w.min(TOKEN_MIN)),
            generation: self.generation.filter(|_| generation),
            clients: self.clients.map(ClientColumns::least),
        };
        let mut out = [
            least(true, true, true),
            least(true, true, false),
            least(false, true, false),
            least(false, false, false),
        ]
        .into_iter()
        .find(|c| c.total() <= width)
        .unwrap_or_else(|| least(false, false, false));
        let mut room = Room(width.saturating_sub(out.total()));
        room.grow(&mut out.user, self.user);
        // With clients, the selected user's clients come before the token values (the why
        // panel spells the tokens out).
        if let (Some(now), Some(to)) = (out.clients.as_mut(), self.clients) {
            room.grow(&mut now.clients, to.clients);
        }
        if let (Some(now), Some(to)) = (out.access.as_mut(), self.access) {
            room.grow(now, to);
        }
        if let (Some(now), Some(to)) = (out.refresh.as_mut(), self.refresh) {
            room.grow(now, to);
        }
        room.grow(&mut out.status, STATUS_FULL);
        // Narrower than the least: the name is cut, never a status.
        let excess = out.total().saturating_sub(width);
        out.user = out.user.saturating_sub(excess).max(1);
        out
    }
}

fn natural(app: &App, shown: Range<usize>) -> Columns {
    let shown_again = shown.clone();
    let scenario = app.scenario();
    let (mut user, mut access, mut exp, mut refresh, mut generation) = (4usize, 6, 3, 7, 3);
    for index in shown {
        let Some((name, state)) = scenario.tokens.user_at(index) else {
            continue;
        };
        user = user.max(name.width());
        access = access.max(shortened(state.token.value).width() + JUST_REFRESHED_MARK.width());
        exp = exp.max(state.token.expiry.to_string().len());
        if let Some(model) = state.model {
            refresh = refresh.max(model.client.width());
            if let Some(family) = &model.family {
                generation = generation.max(family.generation.to_string().len());
            }
        }
    }
    let clamp = |w: usize, max: u16| u16::try_from(w).unwrap_or(u16::MAX).min(max);
    // Asked once: it can look at every user.
    let clients_on = app.clients_on();
    Columns {
        user: clamp(user, 16),
        access: Some(clamp(access, TOKEN_MAX)),
        exp: clamp(exp, 20),
        status: STATUS_FULL,
        // With clients, their columns take the place of the refresh token's value and the
        // generation (the why panel's clients view names each client's refresh token).
        refresh: (!clients_on).then(|| clamp(refresh, TOKEN_MAX)),
        generation: (!clients_on).then(|| clamp(generation, 20)),
        clients: clients_on.then(|| clients_cells::natural(app, shown_again)),
    }
}

/// The width the table would like with these users in view, borders included.
pub fn natural_width(app: &App, shown: Range<usize>) -> u16 {
    natural(app, shown).total().saturating_add(2)
}

/// Draws the table in `area` with the users in `shown`; `block` is the table's frame.
pub fn render(frame: &mut Frame, area: Rect, app: &App, shown: Range<usize>, block: Block) {
    let theme = app.theme();
    let scenario = app.scenario();
    if scenario.tokens.is_empty() {
        frame.render_widget(Paragraph::new(" no users").block(block), area);
        return;
    }
    let now = scenario.now();
    let columns = natural(app, shown.clone()).fitted(area.width.saturating_sub(2));
    let header = [
        Some(""),
        Some("User"),
        columns.access.map(|_| "Access"),
        Some("Exp"),
        // The status is the user's API validator's verdict, not the client's view.
        Some("API says"),
        columns.refresh.map(|_| "Refresh"),
        Some("RT"),
        columns.generation.map(|_| "Gen"),
    ]
    .into_iter()
    .chain(
        columns
            .clients
            .map_or(&[][..], |_| &clients_cells::HEADERS[..])
            .iter()
            .map(|h| Some(*h)),
    );
    let header = Row::new(header.flatten()).style(theme.header);
    let rows = shown.map(|index| {
        let Some((name, state)) = scenario.tokens.user_at(index) else {
            return Row::default();
        };
        let knobs = scenario.knobs_of(state);
        let status = knobs.map(|k| access_status(state, &k, &scenario.policy, now));
        let model = state.model;
        let rt = match (model, knobs) {
            (Some(m), Some(k)) => m.rt_state(&k, scenario.policy.boundary, now),
            _ => RtState::None,
        };
        let mut cells = vec![
            table_parts::marker(index == app.selected()),
            Cell::from(super::table::fit_middle(name, usize::from(columns.user))),
        ];
        let just = app.was_just_refreshed(index);
        if let Some(width) = columns.access {
            cells.push(Cell::from(table_parts::token_text(
                &shortened(state.token.value),
                width,
                just,
            )));
        }
        cells.push(Cell::from(
            Line::from(state.token.expiry.to_string()).right_aligned(),
        ));
        let hidden = app.hides_answers();
        if hidden {
            cells.push(Cell::from(super::table::HIDDEN));
        } else if let Some(status) = status {
            // The longest whole form that fits; a status is never cut mid-phrase.
            let forms = access_status_words(status);
            let text = table_parts::longest_form(forms, usize::from(columns.status));
            cells.push(Cell::from(text).style(super::table::phase_style(status.phase(), &theme)));
        } else {
            cells.push(Cell::from(""));
        }
        if let Some(width) = columns.refresh {
            let value = model.map_or("-", |m| m.client.as_str());
            cells.push(Cell::from(fit(value, usize::from(width))));
        }
        let rt_style = if rt == RtState::Active {
            theme.valid
        } else {
            theme.expired
        };
        match hidden {
            true => cells.push(Cell::from(super::table::HIDDEN)),
            false => cells.push(Cell::from(rt_state_words(rt)).style(rt_style)),
        }
        if columns.generation.is_some() {
            let generation = model
                .and_then(|m| m.family.as_ref())
                .map_or("-".to_owned(), |f| f.generation.to_string());
            cells.push(Cell::from(Line::from(generation).right_aligned()));
        }
        if let Some(c) = columns.clients {
            cells.extend(clients_cells::cells(app, index, model, c));
        }
        Row::new(cells).style(table_parts::row_style(
            &theme,
            just,
            index == app.selected(),
        ))
    });
    table_parts::render(frame, area, header, rows, &columns.widths(), block);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn natural() -> Columns {
        Columns {
            user: 6,
            access: Some(14),
            exp: 5,
            status: STATUS_FULL,
            refresh: Some(12),
            generation: Some(3),
            clients: None,
        }
    }

    #[test]
    fn narrow_tables_drop_the_generation_then_the_token_values_and_keep_statuses_whole() {
        let wide = natural().fitted(100);
        assert_eq!(wide, natural());
        let c = natural().fitted(54);
        assert_eq!(
            (c.generation, c.access.is_some(), c.refresh.is_some()),
            (None, true, true)
        );
        assert!(c.status >= STATUS_SHORT);
        let c = natural().fitted(45);
        assert_eq!((c.generation, c.access), (None, None));
        assert!(c.refresh.is_some() && c.status >= STATUS_SHORT && c.total() <= 45);
        let c = natural().fitted(30);
        assert_eq!((c.access, c.refresh), (None, None));
        assert!(c.status >= STATUS_SHORT, "a status is never cut");
    }
}
