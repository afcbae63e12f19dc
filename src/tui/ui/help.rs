//! The help overlay: every key in the key table, with what it does.

use crate::tui::app::App;
use crate::tui::keymap::{self, BINDINGS};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Row, Table};

const MOUSE_HELP: (&str, &str) = ("mouse", "click selects a user, the wheel scrolls");

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let rows: Vec<(String, &str)> = BINDINGS
        .iter()
        .map(|b| (keymap::keys_label(b), b.description))
        .chain(std::iter::once((MOUSE_HELP.0.to_owned(), MOUSE_HELP.1)))
        .collect();
    let keys_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0) as u16;
    let height = (rows.len() as u16 + 2).min(area.height);
    let width = 70.min(area.width);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    let table_rows = rows.into_iter().map(|(keys, description)| {
        Row::new([
            Cell::from(keys).style(theme.help_key),
            Cell::from(description).style(theme.help_description),
        ])
    });
    let block = Block::bordered()
        .border_style(theme.title)
        .title(Line::styled(" Keys ", theme.title))
        .title_bottom(Line::from(" ? or Esc closes ").right_aligned());
    let table = Table::new(
        table_rows,
        [Constraint::Length(keys_width), Constraint::Fill(1)],
    )
    .column_spacing(2)
    .block(block);
    frame.render_widget(Clear, popup);
    frame.render_widget(table, popup);
}
