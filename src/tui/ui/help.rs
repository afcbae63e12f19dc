//! The help overlay: every key in the key table, with what it does; in two columns when one
//! does not fit the height.

use super::fit;
use crate::tui::app::App;
use crate::tui::keymap::{self, BINDINGS};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Row, Table};
use unicode_width::UnicodeWidthStr;

const EXTRA_HELP: [(&str, &str); 2] = [
    ("mouse", "click selects, wheel scrolls"),
    ("prompt", "Enter applies, Esc cancels"),
];
const ONE_COLUMN_WIDTH: u16 = 70;
const TWO_COLUMNS_MAX_WIDTH: u16 = 110;
const COLUMN_SPACING: u16 = 2;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let rows: Vec<(String, &str)> = BINDINGS
        .iter()
        .map(|b| (keymap::keys_label(b), b.description))
        .chain(EXTRA_HELP.iter().map(|&(k, d)| (k.to_owned(), d)))
        .collect();
    let keys_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0) as u16;
    let one_column = rows.len() as u16 + 2 <= area.height;
    let (columns, width) = if one_column {
        (1, ONE_COLUMN_WIDTH.min(area.width))
    } else {
        (2, TWO_COLUMNS_MAX_WIDTH.min(area.width))
    };
    let per_column = rows.len().div_ceil(columns);
    let height = (per_column as u16 + 2).min(area.height);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    // Inner width shared by the columns: keys, spacing, description (and spacing between).
    let inner = width.saturating_sub(2);
    let spacing_total = COLUMN_SPACING * (2 * columns as u16 - 1);
    let description_width =
        (inner.saturating_sub(spacing_total) / columns as u16).saturating_sub(keys_width);
    let cells = |(keys, description): &(String, &str)| {
        [
            Cell::from(keys.clone()).style(theme.help_key),
            Cell::from(fit(description, usize::from(description_width)))
                .style(theme.help_description),
        ]
    };
    let table_rows = (0..per_column).map(|i| {
        let mut row: Vec<Cell> = cells(&rows[i]).into();
        if let Some(right) = rows.get(i + per_column).filter(|_| columns == 2) {
            row.extend(cells(right));
        }
        Row::new(row)
    });
    let widths = [
        Constraint::Length(keys_width),
        Constraint::Length(description_width),
    ]
    .repeat(columns);
    let block = Block::bordered()
        .border_style(theme.title)
        .title(Line::styled(" Keys ", theme.title))
        .title_bottom(Line::from(" ? or Esc closes ").right_aligned());
    let table = Table::new(table_rows, widths)
        .column_spacing(COLUMN_SPACING)
        .block(block);
    frame.render_widget(Clear, popup);
    frame.render_widget(table, popup);
}
