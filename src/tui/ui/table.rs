//! The users' table. Only the rows in view are built each frame, so a million users cost the
//! same as three.

use super::{fit, layout};
use crate::domain::{NewToken, Status};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

const MARKER_WIDTH: u16 = 1;
const USER_MAX: u16 = 24;
const TOKEN_MAX: u16 = 24;
/// What long names and tokens are cut to before any column is left out.
const SHORTENED: u16 = 12;
/// Room for `expired 120 ago` without the column changing width as the clock moves.
const REMAINING_MIN: u16 = 15;
/// `VALID ✓ last tick`, the longest status.
const STATUS_WIDTH: u16 = 17;
const JUST_REFRESHED_MARK: &str = " ↻";

/// Widths of the columns; `None` for a column left out because the table is too narrow.
#[derive(Debug, Clone, Copy)]
struct Columns {
    user: u16,
    token: Option<u16>,
    expiry: u16,
    remaining: Option<u16>,
    status: u16,
}

impl Columns {
    fn total(&self) -> u16 {
        let widths = [
            Some(MARKER_WIDTH),
            Some(self.user),
            self.token,
            Some(self.expiry),
            self.remaining,
            Some(self.status),
        ];
        let shown = widths.iter().flatten().count() as u16;
        widths.iter().flatten().sum::<u16>() + shown.saturating_sub(1)
    }

    /// Shortens long names and tokens, then leaves out the token, then the remaining column,
    /// then shortens names and expiries further, until it fits.
    fn fitted(mut self, width: u16) -> Self {
        if self.total() > width {
            self.user = self.user.min(SHORTENED);
            self.token = self.token.map(|t| t.min(SHORTENED + 1));
        }
        if self.total() > width {
            self.token = None;
        }
        if self.total() > width {
            self.remaining = None;
        }
        let excess = self.total().saturating_sub(width);
        self.user = self.user.saturating_sub(excess).max(4);
        let excess = self.total().saturating_sub(width);
        self.expiry = self.expiry.saturating_sub(excess).max(6);
        self
    }
}

/// The users shown: from the offset, as many as fit, with the selection always inside.
pub fn window(app: &App, rows: usize) -> Range<usize> {
    let len = app.scenario().tokens.len();
    let rows = rows.max(1);
    let mut start = app.offset().min(len.saturating_sub(1));
    if app.selected() < start {
        start = app.selected();
    } else if app.selected() >= start + rows {
        start = app.selected() + 1 - rows;
    }
    start..(start + rows).min(len)
}

fn clamp_width(width: usize, min: u16, max: u16) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX).clamp(min, max)
}

fn remaining_text(status: Status) -> String {
    match status {
        Status::Valid { remaining } => format!("{remaining} left"),
        Status::Grace { since } | Status::Expired { since } if since == 0 => "expired now".into(),
        Status::Grace { since } | Status::Expired { since } => format!("expired {since} ago"),
    }
}

fn status_cell(status: Status, theme: &Theme) -> (&'static str, Style) {
    match status {
        Status::Valid { remaining: 0 } => ("VALID ✓ last tick", theme.boundary),
        Status::Valid { .. } => ("VALID ✓", theme.valid),
        Status::Grace { .. } => ("GRACE ~ leeway", theme.grace),
        Status::Expired { .. } => ("EXPIRED ✗", theme.expired),
    }
}

fn natural_columns(app: &App, window: Range<usize>) -> Columns {
    let scenario = app.scenario();
    let (mut user, mut token, mut expiry, mut remaining) = (4, 5, 6, 0);
    if let NewToken::Literal(value) = &scenario.policy.new_token {
        token = value.width();
    }
    for index in window {
        if let Some((name, t)) = scenario.tokens.get_index(index) {
            user = user.max(name.width());
            token = token.max(t.value.width());
            expiry = expiry.max(t.expiry.to_string().len());
            remaining = remaining.max(remaining_text(scenario.status_of(t)).len());
        }
    }
    Columns {
        user: clamp_width(user, 4, USER_MAX),
        token: Some(clamp_width(
            token + JUST_REFRESHED_MARK.width(),
            5,
            TOKEN_MAX,
        )),
        expiry: clamp_width(expiry, 6, u16::MAX),
        remaining: Some(clamp_width(remaining, REMAINING_MIN, u16::MAX)),
        status: STATUS_WIDTH,
    }
}

/// The width the table would like with `rows` rows in view, borders included.
pub fn natural_width(app: &App, rows: usize) -> u16 {
    natural_columns(app, window(app, rows))
        .total()
        .saturating_add(2)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let scenario = app.scenario();
    let len = scenario.tokens.len();
    let body = layout::table_body(area);
    let shown = window(app, usize::from(body.height));
    let range_title = if len > shown.len() {
        format!(" {}–{} of {len} ", shown.start + 1, shown.end)
    } else {
        format!(" {len} users ")
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Tokens ", theme.title))
        .title(Line::from(range_title).right_aligned());
    if len == 0 {
        frame.render_widget(Paragraph::new(" no users").block(block), area);
        return;
    }
    let columns = natural_columns(app, shown.clone()).fitted(body.width);
    let optional = |width: Option<u16>, text: String| width.map(|_| text);
    let header = [
        Some(String::new()),
        Some("User".to_owned()),
        optional(columns.token, "Token".to_owned()),
        Some("Expiry".to_owned()),
        optional(columns.remaining, "Remaining".to_owned()),
        Some("Status".to_owned()),
    ];
    let header = Row::new(header.into_iter().flatten()).style(theme.header);
    let rows = shown.map(|index| {
        let Some((name, token)) = scenario.tokens.get_index(index) else {
            return Row::default();
        };
        let status = scenario.status_of(token);
        let (status_text, status_style) = status_cell(status, theme);
        let just_refreshed = app.just_refreshed() == Some(index);
        let mut cells = vec![
            Cell::from(if index == app.selected() { "▶" } else { " " }),
            Cell::from(fit(name, usize::from(columns.user))),
        ];
        if let Some(width) = columns.token {
            let mark = if just_refreshed {
                JUST_REFRESHED_MARK
            } else {
                ""
            };
            let room = usize::from(width).saturating_sub(mark.width());
            cells.push(Cell::from(format!("{}{mark}", fit(&token.value, room))));
        }
        // A number cut short must show that it was, never read as a smaller number.
        let expiry = fit(&token.expiry.to_string(), usize::from(columns.expiry));
        cells.push(Cell::from(Line::from(expiry).right_aligned()));
        if columns.remaining.is_some() {
            cells.push(Cell::from(remaining_text(status)));
        }
        cells.push(Cell::from(status_text).style(status_style));
        let mut style = theme.row;
        if just_refreshed {
            style = style.patch(theme.just_refreshed);
        }
        if index == app.selected() {
            style = style.patch(theme.selected_row);
        }
        Row::new(cells).style(style)
    });
    let widths = [
        Some(MARKER_WIDTH),
        Some(columns.user),
        columns.token,
        Some(columns.expiry),
        columns.remaining,
        Some(columns.status),
    ];
    let table = Table::new(rows, widths.into_iter().flatten().map(Constraint::Length))
        .header(header)
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}
