//! Where the help overlay goes and how much of it shows: one column, or two when one does not
//! fit the height and two fit whole; else one column that scrolls. Worked out from the key
//! column alone ([`keymap::help_keys`]), so the app pages the help without drawing code.

use crate::tui::keymap;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use unicode_width::UnicodeWidthStr;

const ONE_COLUMN_WIDTH: u16 = 70;
const TWO_COLUMNS_MAX_WIDTH: u16 = 110;
/// Columns between the keys and their description, and between the two halves.
pub const COLUMN_SPACING: u16 = 2;
/// Two columns only when each description gets at least this much room.
const TWO_COLUMNS_MIN_DESCRIPTION: u16 = 24;

/// Where and how the help is drawn in an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub columns: u16,
    pub keys_width: u16,
    pub description_width: u16,
    /// Rows per column.
    pub per_column: usize,
    /// Rows shown at once (fewer than `per_column` when the help scrolls).
    pub shown: usize,
    pub popup: Rect,
}

fn description_width(inner: u16, columns: u16, keys_width: u16) -> u16 {
    let spacing_total = COLUMN_SPACING * (2 * columns - 1);
    (inner.saturating_sub(spacing_total) / columns).saturating_sub(keys_width)
}

/// The help's shape in `area` for these key labels, one a row.
pub fn shape(area: Rect, keys: &[String]) -> Shape {
    let keys_width = keys.iter().map(|k| k.width()).max().unwrap_or(0);
    let keys_width = u16::try_from(keys_width).unwrap_or(u16::MAX);
    let rows = keys.len();
    let room = usize::from(area.height.saturating_sub(2));
    let two_wide = TWO_COLUMNS_MAX_WIDTH.min(area.width);
    let two_columns = rows > room
        && rows.div_ceil(2) <= room
        && description_width(two_wide.saturating_sub(2), 2, keys_width)
            >= TWO_COLUMNS_MIN_DESCRIPTION;
    let (columns, width) = if two_columns {
        (2, two_wide)
    } else {
        (1, ONE_COLUMN_WIDTH.min(area.width))
    };
    let per_column = rows.div_ceil(usize::from(columns));
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

fn shape_at(width: u16, height: u16, model: bool) -> Shape {
    shape(Rect::new(0, 0, width, height), &keymap::help_keys(model))
}

/// How far the help can scroll on a terminal of this size (0 when it all shows).
pub fn max_scroll(width: u16, height: u16, model: bool) -> usize {
    let s = shape_at(width, height, model);
    s.per_column - s.shown
}

/// How many rows PgDn and PgUp move the help on a terminal of this size.
pub fn page(width: u16, height: u16, model: bool) -> usize {
    shape_at(width, height, model).shown.max(1)
}
