//! What the users' table and its real-world model form share: the columns' total width, the
//! room handed out to them, the `↻` mark, a status's longest form that fits, a row's marker and
//! style, and the table widget itself.

use super::fit;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Cell, Row, Table};
use unicode_width::UnicodeWidthStr;

/// After a token's value when the last action refreshed it.
pub const JUST_REFRESHED_MARK: &str = " ↻";

/// The width of the shown columns (`None`: left out), one space between each.
pub fn total(widths: &[Option<u16>]) -> u16 {
    let shown = widths.iter().flatten().count() as u16;
    widths.iter().flatten().sum::<u16>() + shown.saturating_sub(1)
}

/// The columns left once each shown column has its least: handed out in turn.
pub struct Room(pub u16);

impl Room {
    /// Widens `now` toward `to`, as far as the room left allows.
    pub fn grow(&mut self, now: &mut u16, to: u16) {
        let by = to.saturating_sub(*now).min(self.0);
        *now += by;
        self.0 -= by;
    }
}

/// The longest of a status's forms (longest first) that fits in `width` columns, else the
/// shortest: a status is never cut mid-phrase here.
pub fn longest_form(forms: &[&'static str], width: usize) -> &'static str {
    forms
        .iter()
        .find(|form| form.width() <= width)
        .or(forms.last())
        .copied()
        .unwrap_or_default()
}

/// A token's value in `width` columns, followed by the `↻` mark when `just` refreshed.
pub fn token_text(value: &str, width: u16, just: bool) -> String {
    let mark = if just { JUST_REFRESHED_MARK } else { "" };
    let room = usize::from(width).saturating_sub(mark.width());
    format!("{}{mark}", fit(value, room))
}

/// The first cell of a row: `▶` on the selected user.
pub fn marker(selected: bool) -> Cell<'static> {
    Cell::from(if selected { "▶" } else { " " })
}

/// A row's style: the theme's, with the just-refreshed and the selected looks over it.
pub fn row_style(theme: &Theme, just: bool, selected: bool) -> Style {
    let mut style = theme.row;
    if just {
        style = style.patch(theme.just_refreshed);
    }
    if selected {
        style = style.patch(theme.selected_row);
    }
    style
}

/// Draws `rows` under `header` in `block`, the shown columns `widths` wide, one space apart.
pub fn render<'a>(
    frame: &mut Frame,
    area: Rect,
    header: Row<'a>,
    rows: impl IntoIterator<Item = Row<'a>>,
    widths: &[Option<u16>],
    block: Block<'a>,
) {
    let table = Table::new(
        rows,
        widths.iter().flatten().map(|w| Constraint::Length(*w)),
    )
    .header(header)
    .column_spacing(1)
    .block(block);
    frame.render_widget(table, area);
}
