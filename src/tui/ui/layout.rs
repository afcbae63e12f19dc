//! Where each region goes, as pure functions of the size (and, for the split between table and
//! clock, of the table's content), shared by drawing and by mouse handling.

use super::{table, why};
use crate::tui::app::App;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this width or [`MIN_HEIGHT`] only "terminal too small" is shown.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 9;
/// From this width on the clock is a panel beside the table, else a line above it.
pub const CLOCK_PANEL_MIN_TERMINAL_WIDTH: u16 = 64;
const CLOCK_PANEL_MIN: u16 = 16;
const CLOCK_PANEL_MAX: u16 = 30;
/// Table borders and its header row.
const TABLE_CHROME: u16 = 3;
/// From this size on the why panel and the timeline are shown below the table.
pub const PANELS_MIN_WIDTH: u16 = 80;
pub const PANELS_MIN_HEIGHT: u16 = 22;
/// The why panel's six lines of pseudocode and its borders.
const PANELS_HEIGHT: u16 = 8;
/// Wide enough for the lesson's lines with numbers up to four digits, so the panels do not
/// move as the selection does; wider only when a line needs it and there is room.
const WHY_MIN_WIDTH: u16 = 44;
/// The timeline keeps at least this many columns; the why panel cuts its lines to leave them.
const TIMELINE_MIN_WIDTH: u16 = 36;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockArea {
    Panel(Rect),
    Line(Rect),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panels {
    pub why: Rect,
    pub timeline: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub table: Rect,
    pub clock: ClockArea,
    /// The why panel and the timeline, side by side; `None` on small terminals.
    pub panels: Option<Panels>,
    pub log: Rect,
    pub footer: Rect,
}

fn has_panels(width: u16, height: u16) -> bool {
    width >= PANELS_MIN_WIDTH && height >= PANELS_MIN_HEIGHT
}

fn panels_height(width: u16, height: u16) -> u16 {
    if has_panels(width, height) {
        PANELS_HEIGHT
    } else {
        0
    }
}

fn log_height(width: u16, height: u16) -> u16 {
    if has_panels(width, height) {
        // With the panels the log keeps its newest lines: two, or three from 30 rows on.
        return if height >= 30 { 5 } else { 4 };
    }
    match height {
        20.. => 7,
        12.. => 4,
        _ => 3,
    }
}

fn has_clock_panel(width: u16) -> bool {
    width >= CLOCK_PANEL_MIN_TERMINAL_WIDTH
}

/// The rows of the top region (table and clock panel, or clock line and table).
fn top_height(width: u16, height: u16) -> u16 {
    let clock_line = u16::from(!has_clock_panel(width));
    height.saturating_sub(1 + log_height(width, height) + panels_height(width, height) + clock_line)
}

fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT && top_height(width, height) > TABLE_CHROME
}

/// How many users the table shows at this terminal size.
pub fn table_rows(width: u16, height: u16) -> usize {
    if fits(width, height) {
        usize::from(top_height(width, height) - TABLE_CHROME)
    } else {
        0
    }
}

/// The regions for `area`, or `None` when it is too small to show the app.
pub fn areas(app: &App, area: Rect) -> Option<Areas> {
    if !fits(area.width, area.height) {
        return None;
    }
    let [top, panels, log, footer] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(panels_height(area.width, area.height)),
        Constraint::Length(log_height(area.width, area.height)),
        Constraint::Length(1),
    ])
    .areas(area);
    let (table, clock) = if has_clock_panel(area.width) {
        let rows = table_rows(area.width, area.height);
        let wanted = area.width.saturating_sub(table::natural_width(app, rows));
        let clock_width = wanted.clamp(CLOCK_PANEL_MIN, CLOCK_PANEL_MAX);
        let [table, clock] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(clock_width)]).areas(top);
        (table, ClockArea::Panel(clock))
    } else {
        let [line, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(top);
        (table, ClockArea::Line(line))
    };
    let panels = has_panels(area.width, area.height).then(|| {
        let most = panels.width.saturating_sub(TIMELINE_MIN_WIDTH);
        let why_width = why::natural_width(app).clamp(WHY_MIN_WIDTH, most.max(WHY_MIN_WIDTH));
        let [why, timeline] =
            Layout::horizontal([Constraint::Length(why_width), Constraint::Fill(1)]).areas(panels);
        Panels { why, timeline }
    });
    Some(Areas {
        table,
        clock,
        panels,
        log,
        footer,
    })
}

/// The part of the table area that holds user rows (inside the border, below the header).
pub fn table_body(table: Rect) -> Rect {
    Rect {
        x: table.x.saturating_add(1),
        y: table.y.saturating_add(2),
        width: table.width.saturating_sub(2),
        height: table.height.saturating_sub(TABLE_CHROME),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_follow_the_height_and_vanish_when_too_small() {
        assert_eq!(table_rows(80, 24), 8, "the panels take 8 rows");
        assert_eq!(table_rows(100, 30), 13);
        assert_eq!(table_rows(79, 24), 13, "no panels below 80 columns");
        assert_eq!(table_rows(80, 21), 10, "no panels below 22 rows");
        assert_eq!(table_rows(40, 12), 3);
        assert_eq!(table_rows(1, 1), 0);
        assert_eq!(table_rows(80, 8), 0);
    }
}
