//! The users' table, one for every world: the lesson's columns (user, token, expiry, time
//! remaining, status) always; with the real-world model on, the refresh token, its state and
//! the family's generation; with clients, the clients and their counters (see [`columns`] for
//! which show and how wide). Only the rows in view are built each frame, so a million users
//! cost the same as three, and their natural widths are worked out once a frame ([`Natural`]):
//! the layout sizes the clock panel by them and the table fits its columns from them.

mod cells;
mod columns;

use super::fit;
use crate::domain::status::user_status;
use cells::Row as UserRow;
use columns::{Column, Widths, clamp, widest};

use crate::domain::NewToken;
use crate::domain::oauth::signed::shortened;
use crate::domain::phase::Phase;
use crate::tui::app::App;
use crate::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table};
use std::cell::OnceCell;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// In place of a status, a remaining time or a marker while a question is open.
pub const HIDDEN: &str = "?";
/// After a token's value when the last action refreshed it.
pub const JUST_REFRESHED_MARK: &str = " ↻";

const USER_MAX: u16 = 24;
const TOKEN_MAX: u16 = 24;
const CLIENTS_MAX: u16 = 40;

/// The phases a token can be in: under the lesson's rule, no early window means no `refresh
/// due` and no leeway no `LEEWAY`; with the model, validators have leeways of their own and
/// tokens can be revoked or not yet valid, so every phase can show.
fn phases(app: &App) -> impl Iterator<Item = Phase> {
    let policy = &app.scenario().policy;
    let model_on = app.model_on();
    Phase::ALL.into_iter().filter(move |phase| match phase {
        Phase::RefreshDue => policy.early > 0,
        Phase::Leeway | Phase::LeewayLastTick => model_on || policy.leeway > 0,
        Phase::NotYetValid | Phase::Revoked => model_on,
        Phase::Valid | Phase::LastTick | Phase::Expired => true,
    })
}

/// The natural width of each column with these users in view. Columns that depend on the
/// clock (the status, the remaining time) are as wide as their widest possible text, so they
/// do not change width as the clock moves.
fn natural(app: &App, shown: Range<usize>) -> Widths {
    let scenario = app.scenario();
    let model_on = app.model_on();
    // Asked once: it can look at every user.
    let clients_on = app.clients_on();
    let header = |c: Column| c.header(model_on, u16::MAX).width();
    let mut width = [Column::User, Column::Token, Column::Refresh].map(header);
    let [user, token, refresh] = &mut width;
    // As wide as the numbers: the header takes a short form (`Exp`) when the room is short.
    let mut expiry = 3;
    let mut generation = header(Column::Generation);
    let mut remaining = 0;
    // The lesson's new token: room for it before the first refresh, so the column does not
    // jump. The model issues numbered tokens (`at-alice-2`) of the width of the first.
    if let NewToken::Literal(value) = &scenario.policy.new_token
        && !model_on
    {
        *token = (*token).max(value.width());
    }
    let mut clients = cells::Clients::natural();
    for index in shown {
        let Some((name, state)) = scenario.tokens.user_at(index) else {
            continue;
        };
        *user = (*user).max(name.width());
        *token = (*token).max(shortened(state.token.value).width());
        expiry = expiry.max(state.token.expiry.to_string().len());
        let status = user_status(scenario, state);
        remaining = remaining.max(words::remaining_words(status).len());
        if let Some(model) = state.model {
            *refresh = (*refresh).max(model.client.width());
            if let Some(family) = &model.family {
                generation = generation.max(family.generation.to_string().len());
            }
        }
        clients.widen(state.model, index == app.selected());
    }
    let status = widest(phases(app).filter_map(|p| words::status_words(p).first().copied()));
    let mut out = Widths::default();
    out.set(Column::Marker, Some(1));
    out.set(Column::User, Some(clamp(*user, 4, USER_MAX)));
    let token = *token + JUST_REFRESHED_MARK.width();
    out.set(Column::Token, Some(clamp(token, 5, TOKEN_MAX)));
    out.set(Column::Expiry, Some(clamp(expiry, 3, u16::MAX)));
    out.set(Column::Remaining, Some(clamp(remaining, 15, u16::MAX)));
    out.set(
        Column::Status,
        Some(clamp(status, columns::STATUS_LEAST_WHOLE, u16::MAX)),
    );
    if model_on {
        out.set(Column::RtState, Some(cells::RT_STATE_WIDTH));
        // With clients, their columns take the place of the refresh token's value and the
        // generation (the why panel names each client's refresh token).
        if !clients_on {
            out.set(Column::Refresh, Some(clamp(*refresh, 3, TOKEN_MAX)));
            out.set(Column::Generation, Some(clamp(generation, 3, 20)));
        }
    }
    if clients_on {
        let [list, counters @ ..] = clients.widths();
        out.set(Column::Clients, Some(clamp(list, 1, CLIENTS_MAX)));
        let counter_columns = [
            Column::Served,
            Column::Refused,
            Column::Refreshes,
            Column::LoggedOut,
        ];
        for (column, w) in counter_columns.into_iter().zip(counters) {
            out.set(column, Some(clamp(w, 1, 20)));
        }
    }
    out
}

/// The table's natural widths for one frame, worked out at most once for the users in view
/// however often they are asked. [`crate::tui::ui::layout::Measured`] pairs it with the app it
/// was worked out from.
#[derive(Debug, Default)]
pub struct Natural(OnceCell<(Range<usize>, Widths)>);

impl Natural {
    fn widths(&self, app: &App, shown: Range<usize>) -> Widths {
        match self.0.get() {
            Some((at, widths)) if *at == shown => *widths,
            _ => {
                let widths = natural(app, shown.clone());
                // Kept when it is the first window asked (the layout asks one).
                let _ = self.0.set((shown, widths));
                widths
            }
        }
    }

    /// The width the table would like with these users in view, borders included.
    pub fn width(&self, app: &App, shown: Range<usize>) -> u16 {
        self.widths(app, shown).wanted().saturating_add(2)
    }
}

/// The range in view, without `of N` when narrow, cut with `…` when narrower still.
fn range_title(len: usize, shown: &Range<usize>, room: usize) -> String {
    if len > shown.len() {
        let short = format!(" {}–{} ", shown.start + 1, shown.end);
        let long = format!("{short}of {len} ");
        if long.width() <= room {
            long
        } else {
            fit(&short, room)
        }
    } else {
        let users = if len == 1 { "user" } else { "users" };
        fit(&format!(" {len} {users} "), room)
    }
}

/// Draws the table in `area` with the users in `shown` (the layout's window), their natural
/// widths from `natural`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, shown: Range<usize>, natural: &Natural) {
    let theme = app.theme();
    let scenario = app.scenario();
    let len = scenario.tokens.len();
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(" Tokens ".width());
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Tokens ", theme.title))
        .title(Line::from(range_title(len, &shown, room)).right_aligned());
    if len == 0 {
        frame.render_widget(Paragraph::new(" no users").block(block), area);
        return;
    }
    let widths = natural
        .widths(app, shown.clone())
        .fitted(area.width.saturating_sub(2));
    let model_on = app.model_on();
    let header = widths.shown().map(|(c, w)| c.header(model_on, w));
    let header = Row::new(header).style(theme.header);
    let rows = shown.map(|index| match UserRow::new(app, index) {
        Some(row) => row.draw(&widths),
        None => Row::default(),
    });
    let table = Table::new(rows, widths.shown().map(|(_, w)| Constraint::Length(w)))
        .header(header)
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}
