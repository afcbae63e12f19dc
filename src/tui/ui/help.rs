//! The help overlay: every key in the key table, with what it does; in two columns when one
//! does not fit the height and two fit whole, else one column that scrolls with ↓↑ PgDn PgUp.

use super::fit;
use crate::domain::settings::{Section, Setting};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::model::larger_step_help;
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
/// Two columns only when each description gets at least this much room.
const TWO_COLUMNS_MIN_DESCRIPTION: u16 = 24;
const CLOSE_HINT: &str = " ? Esc close · q quit ";

/// The help's rows; the real-world model's keys only when `model` is on.
fn rows(model: bool) -> Vec<(String, String)> {
    BINDINGS
        .iter()
        .filter(|b| model || !keymap::is_model(b))
        .map(|b| {
            let description = match b.action {
                Action::PolicyMenu => policy_menu_words(model),
                // The steps the clock really takes (the model's are durations).
                Action::LargerStep => larger_step_help(model),
                _ => b.description.to_owned(),
            };
            (keymap::keys_label(b), description)
        })
        .chain(
            EXTRA_HELP
                .iter()
                .map(|&(k, d)| (k.to_owned(), d.to_owned())),
        )
        .collect()
}

/// What the policy menu offers, counted from the table of settings: `policy: 4 settings` in the
/// lesson; with the real-world model, its settings too and that they may be one user's own.
fn policy_menu_words(model: bool) -> String {
    let offered = Setting::ALL
        .iter()
        .filter(|s| s.spec().menu.is_some() && (model || s.spec().section == Section::Refresh))
        .count();
    if model {
        format!("policy: {offered} settings (u: one user's)")
    } else {
        format!("policy: {offered} settings")
    }
}

/// Where and how the help is drawn in `area`.
struct Shape {
    columns: u16,
    keys_width: u16,
    description_width: u16,
    /// Rows per column.
    per_column: usize,
    /// Rows shown at once (fewer than `per_column` when the help scrolls).
    shown: usize,
    popup: Rect,
}

fn description_width(inner: u16, columns: u16, keys_width: u16) -> u16 {
    let spacing_total = COLUMN_SPACING * (2 * columns - 1);
    (inner.saturating_sub(spacing_total) / columns).saturating_sub(keys_width)
}

fn shape(area: Rect, rows: &[(String, String)]) -> Shape {
    let keys_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0) as u16;
    let room = usize::from(area.height.saturating_sub(2));
    let two_wide = TWO_COLUMNS_MAX_WIDTH.min(area.width);
    let two_columns = rows.len() > room
        && rows.len().div_ceil(2) <= room
        && description_width(two_wide.saturating_sub(2), 2, keys_width)
            >= TWO_COLUMNS_MIN_DESCRIPTION;
    let (columns, width) = if two_columns {
        (2, two_wide)
    } else {
        (1, ONE_COLUMN_WIDTH.min(area.width))
    };
    let per_column = rows.len().div_ceil(usize::from(columns));
    let shown = per_column.min(room);
    let height = u16::try_from(shown + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    Shape {
        columns,
        keys_width,
        description_width: description_width(width.saturating_sub(2), columns, keys_width),
        per_column,
        shown,
        popup,
    }
}

/// How far the help can scroll on a terminal of this size (0 when it all shows).
pub fn max_scroll(width: u16, height: u16, model: bool) -> usize {
    let s = shape(Rect::new(0, 0, width, height), &rows(model));
    s.per_column - s.shown
}

/// How many rows PgDn and PgUp move the help on a terminal of this size.
pub fn page(width: u16, height: u16, model: bool) -> usize {
    shape(Rect::new(0, 0, width, height), &rows(model))
        .shown
        .max(1)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let theme = app.theme();
    let rows = rows(app.scenario().policy.model.is_some());
    let s = shape(area, &rows);
    let scroll = scroll.min(s.per_column - s.shown);
    let cells = |(keys, description): &(String, String)| {
        [
            Cell::from(keys.clone()).style(theme.help_key),
            Cell::from(fit(description, usize::from(s.description_width)))
                .style(theme.help_description),
        ]
    };
    let table_rows = (scroll..scroll + s.shown).map(|i| {
        let mut row: Vec<Cell> = cells(&rows[i]).into();
        if let Some(right) = rows.get(i + s.per_column).filter(|_| s.columns == 2) {
            row.extend(cells(right));
        }
        Row::new(row)
    });
    let widths = [
        Constraint::Length(s.keys_width),
        Constraint::Length(s.description_width),
    ]
    .repeat(usize::from(s.columns));
    let inner = usize::from(s.popup.width.saturating_sub(2));
    let more = match (scroll > 0, scroll + s.shown < s.per_column) {
        (true, true) => format!(" ↑↓ more {}/{} ", scroll + s.shown, s.per_column),
        (false, true) => format!(" ↓ more {}/{} ", s.shown, s.per_column),
        (true, false) => " ↑ more ".to_owned(),
        (false, false) => String::new(),
    };
    let mut block = Block::bordered()
        .border_style(theme.title)
        .title(Line::styled(" Keys ", theme.title));
    if CLOSE_HINT.width() + " Keys ".width() <= inner {
        block = block.title(Line::from(CLOSE_HINT).right_aligned());
    }
    if !more.is_empty() {
        block = block.title_bottom(Line::styled(fit(&more, inner), theme.title).right_aligned());
    }
    let table = Table::new(table_rows, widths)
        .column_spacing(COLUMN_SPACING)
        .block(block);
    frame.render_widget(Clear, s.popup);
    frame.render_widget(table, s.popup);
}
