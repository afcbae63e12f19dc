//! Where each region goes and which users are in view, computed in one place from the terminal
//! size and what is shown (how many users, the widths and heights the regions' content wants),
//! never from a drawn frame. The app's paging, the mouse, the table and the timeline all use
//! this one result, so the timeline's users are always among the table's.
//!
//! ```text
//! ┌ Tokens ─────────────── N users ┐┌ Clock ┐  top: as tall as the users need (+ header and
//! │  User  Token  Expiry  Status   ││ 1 2 0 │  borders) or the clock's lines, whichever is
//! │▶ alice ...                     ││ now   │  more, and no taller
//! └────────────────────────────────┘└───────┘
//! ┌ Why ─────────┐┌ Timeline ───────────────┐  panels (80×22 and up): the why panel's lines,
//! │ ...          ││alice ███░░┃             │  or one lane per user in the table, whichever
//! └──────────────┘└─────────────────────────┘  is more
//! ┌ Lesson ─────────────── Step 2 of 6 ─────┐  lesson (a lesson or the quiz): its lines,
//! └─────────────────────────────────────────┘  taken from the results, then from the panels
//! ┌ Results ────────────────────────────────┐  results: all the rows left over
//! └─────────────────────────────────────────┘
//!  footer: one line of keys
//! ```
//!
//! When there is not room for all of that, the table keeps what it needs first (many users get
//! many rows), leaving the panels and the results their minimum (with the panels, three lines of
//! results: at 80×24 the clock panel gives up its last line for them).

use ratatui::layout::{Constraint, Layout, Rect};
use std::ops::Range;

/// Below this width or [`MIN_HEIGHT`] only "terminal too small" is shown.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 9;
/// From this width on the clock is a panel beside the table, else a line above it.
pub const CLOCK_PANEL_MIN_TERMINAL_WIDTH: u16 = 64;
pub const CLOCK_PANEL_MIN: u16 = 16;
const CLOCK_PANEL_MAX: u16 = 30;
/// Table borders and its header row.
pub const TABLE_CHROME: u16 = 3;
/// From this size on the why panel and the timeline are shown below the table.
pub const PANELS_MIN_WIDTH: u16 = 80;
pub const PANELS_MIN_HEIGHT: u16 = 22;
/// The why panel's six lines of pseudocode and its borders: the panels' least height.
const PANELS_MIN: u16 = 8;
/// The timeline's borders and its two axis rows (the now label and the tick numbers).
const TIMELINE_CHROME: u16 = 4;
/// Wide enough for the lesson's lines with numbers up to four digits, so the panels do not
/// move as the selection does; wider only when a line needs it and there is room.
const WHY_MIN_WIDTH: u16 = 44;
/// The timeline keeps at least this many columns; the why panel cuts its lines to leave them.
const TIMELINE_MIN_WIDTH: u16 = 36;
/// The results' least rows beside the why panel and the timeline: three lines and borders.
const LOG_WITH_PANELS: u16 = 5;
/// The results keep this many rows (one line) beside a lesson panel.
const LOG_WITH_LESSON: u16 = 3;
/// A lesson panel shorter than this (three lines) takes the why panel's and the timeline's
/// rows instead: the lesson comes first.
const LESSON_MIN: u16 = 5;

/// What the layout needs to know about what is shown. The app measures it; tests can fake it.
pub trait Content {
    /// How many users there are.
    fn users(&self) -> usize;
    /// The width the table would like (borders included) with these users in view.
    fn table_width(&self, shown: Range<usize>) -> u16;
    /// The rows the clock panel wants (borders included) when it is `width` columns wide.
    fn clock_rows(&self, width: u16) -> u16;
    /// The least width the clock panel takes (borders included): wider than
    /// [`CLOCK_PANEL_MIN`] only when the time needs it for its large digits.
    fn clock_least_width(&self) -> u16 {
        CLOCK_PANEL_MIN
    }
    /// The width the why panel would like, borders included.
    fn why_width(&self) -> u16;
    /// The rows the lesson panel would like (borders included) at this width; 0 for none.
    fn lesson_rows(&self, _width: u16) -> u16 {
        0
    }
}

/// The users in view: `count` of them from `first`, in file order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    pub count: usize,
}

impl Window {
    /// The `rows` users to show out of `users` with `selected` among them, starting as near
    /// the previous first user (`offset`) as that allows: the view moves only as far as it must
    /// (like a text editor's), and never leaves empty rows below the last user while users
    /// above are hidden. A selection past the end counts as the last user.
    pub fn around(rows: usize, users: usize, selected: usize, offset: usize) -> Self {
        let count = rows.min(users);
        if count == 0 {
            return Self::default();
        }
        let selected = selected.min(users - 1);
        let first = offset
            .min(users - count)
            .clamp((selected + 1).saturating_sub(count), selected);
        Self { first, count }
    }

    /// The view moved to start at `first` (the mouse wheel), kept within the users.
    pub fn scrolled(rows: usize, users: usize, first: usize) -> Self {
        let count = rows.min(users);
        Self {
            first: first.min(users - count),
            count,
        }
    }

    /// The `rows` of this view to show with `selected` among them, from the top of this view
    /// unless the selection is further down (the timeline, when it has fewer lanes than the
    /// table has rows).
    pub fn within(self, rows: usize, selected: usize) -> Self {
        let selected = self.nearest(selected);
        let inner = Self::around(rows, self.count, selected - self.first, 0);
        Self {
            first: self.first + inner.first,
            count: inner.count,
        }
    }

    pub fn end(self) -> usize {
        self.first + self.count
    }

    pub fn range(self) -> Range<usize> {
        self.first..self.end()
    }

    /// The shown user nearest to `index` (the selection after the view was scrolled away).
    pub fn nearest(self, index: usize) -> usize {
        index.clamp(self.first, self.end().saturating_sub(1).max(self.first))
    }
}

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

/// The regions of the screen and the users each shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub table: Rect,
    pub clock: ClockArea,
    /// The why panel and the timeline, side by side; `None` on small terminals.
    pub panels: Option<Panels>,
    /// The lesson panel, between the panels and the results, when a lesson or the quiz is on.
    pub lesson: Option<Rect>,
    pub log: Rect,
    pub footer: Rect,
    /// How many users the table has rows for (its page), whether or not there are as many.
    pub table_rows: usize,
    /// The users the table shows.
    pub users: Window,
    /// The users the timeline shows: the table's, or as many of them as it has lanes for,
    /// with the selected user among them. Empty without panels.
    pub timeline_users: Window,
}

/// The rows of each band, top to bottom (the footer is one row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bands {
    /// Table and clock panel, or clock line and table.
    top: u16,
    panels: u16,
    lesson: u16,
    log: u16,
}

fn has_panels(width: u16, height: u16) -> bool {
    width >= PANELS_MIN_WIDTH && height >= PANELS_MIN_HEIGHT
}

fn has_clock_panel(width: u16) -> bool {
    width >= CLOCK_PANEL_MIN_TERMINAL_WIDTH
}

/// The fewest rows the results get: with the panels, the newest three lines (a race's outcome
/// is two, and the line before it gives the context); without, more as the terminal grows.
fn log_min(width: u16, height: u16) -> u16 {
    if has_panels(width, height) {
        return LOG_WITH_PANELS;
    }
    match height {
        20.. => 7,
        12.. => 4,
        _ => 3,
    }
}

/// The most rows the top band can have: all but the footer and the others' minimums.
fn top_max(width: u16, height: u16) -> u16 {
    let panels = if has_panels(width, height) {
        PANELS_MIN
    } else {
        0
    };
    height.saturating_sub(1 + panels + log_min(width, height))
}

/// The clock line above the table on narrow terminals.
fn clock_line(width: u16) -> u16 {
    u16::from(!has_clock_panel(width))
}

/// The most user rows the table can have at this size; 0 when the app does not fit.
fn most_table_rows(width: u16, height: u16) -> u16 {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return 0;
    }
    top_max(width, height)
        .saturating_sub(clock_line(width))
        .saturating_sub(TABLE_CHROME)
}

/// Each band's rows: the table as tall as its users (or the clock beside it) need, the panels
/// as tall as the why panel or a lane for each user in the table need, the results the rest.
fn bands(width: u16, height: u16, users: usize, clock_rows: u16, lesson_rows: u16) -> Bands {
    let most = most_table_rows(width, height);
    let wanted_rows = u16::try_from(users.max(1)).unwrap_or(u16::MAX);
    let table = wanted_rows.min(most);
    let top = (table + TABLE_CHROME + clock_line(width))
        .max(clock_rows)
        .min(top_max(width, height));
    let rest = height.saturating_sub(1 + top);
    let panels = if has_panels(width, height) {
        let lanes = u16::try_from(users)
            .unwrap_or(u16::MAX)
            .min(top - TABLE_CHROME - clock_line(width));
        (lanes + TIMELINE_CHROME)
            .max(PANELS_MIN)
            .min(rest.saturating_sub(log_min(width, height)))
    } else {
        0
    };
    let (panels, lesson) = lesson_band(panels, rest - panels, lesson_rows);
    Bands {
        top,
        panels,
        lesson,
        log: rest - panels - lesson,
    }
}

/// The panels' rows and the lesson panel's, out of the panels' and the results' (`log`): the
/// lesson takes what it wants from the results, leaving them one line; when that is less than
/// [`LESSON_MIN`], the panels make way for it. Fewer than three rows show no lesson panel.
fn lesson_band(panels: u16, log: u16, wanted: u16) -> (u16, u16) {
    if wanted == 0 {
        return (panels, 0);
    }
    let mut lesson = wanted.min(log.saturating_sub(LOG_WITH_LESSON));
    let mut panels = panels;
    if lesson < wanted.min(LESSON_MIN) && panels > 0 {
        lesson = wanted.min((panels + log).saturating_sub(LOG_WITH_LESSON));
        panels = 0;
    }
    if lesson < 3 {
        (panels, 0)
    } else {
        (panels, lesson)
    }
}

/// The clock panel's width: what the table leaves, within bounds.
fn clock_width(width: u16, table_width: u16, least: u16) -> u16 {
    let least = least.clamp(CLOCK_PANEL_MIN, CLOCK_PANEL_MAX);
    width
        .saturating_sub(table_width)
        .clamp(least, CLOCK_PANEL_MAX)
}

impl Geometry {
    /// The regions for `area` with `content`, and the users in view with `selected` among them
    /// (starting as near `offset`, the previous first user, as that allows); `None` when
    /// `area` is too small to show the app.
    pub fn new(area: Rect, content: &impl Content, selected: usize, offset: usize) -> Option<Self> {
        let (width, height) = (area.width, area.height);
        let most = most_table_rows(width, height);
        if most == 0 {
            return None;
        }
        let users = content.users();
        // The clock's width follows the table's natural width with as many users in view as
        // could be, so it does not depend on the height the clock itself asks for.
        let widest = Window::around(usize::from(most), users, selected, offset);
        let clock_width = clock_width(
            width,
            content.table_width(widest.range()),
            content.clock_least_width(),
        );
        let clock_rows = if has_clock_panel(width) {
            content.clock_rows(clock_width)
        } else {
            0
        };
        let bands = bands(width, height, users, clock_rows, content.lesson_rows(width));
        let [top, panels, lesson, log, footer] = Layout::vertical([
            Constraint::Length(bands.top),
            Constraint::Length(bands.panels),
            Constraint::Length(bands.lesson),
            Constraint::Length(bands.log),
            Constraint::Length(1),
        ])
        .areas(area);
        let (table, clock) = if has_clock_panel(width) {
            let [table, clock] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(clock_width)])
                    .areas(top);
            (table, ClockArea::Panel(clock))
        } else {
            let [line, table] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(top);
            (table, ClockArea::Line(line))
        };
        let table_rows = usize::from(table.height.saturating_sub(TABLE_CHROME));
        let shown = Window::around(table_rows, users, selected, offset);
        let panels = (bands.panels > 0).then(|| {
            let most = panels.width.saturating_sub(TIMELINE_MIN_WIDTH);
            let why_width = content
                .why_width()
                .clamp(WHY_MIN_WIDTH, most.max(WHY_MIN_WIDTH));
            let [why, timeline] =
                Layout::horizontal([Constraint::Length(why_width), Constraint::Fill(1)])
                    .areas(panels);
            Panels { why, timeline }
        });
        let lanes = panels.map_or(0, |p| p.timeline.height.saturating_sub(TIMELINE_CHROME));
        Some(Self {
            table,
            clock,
            panels,
            lesson: (bands.lesson > 0).then_some(lesson),
            log,
            footer,
            table_rows,
            users: shown,
            timeline_users: shown.within(usize::from(lanes), selected),
        })
    }

    /// The part of the table that holds user rows (inside the border, below the header).
    pub fn table_body(&self) -> Rect {
        let table = self.table;
        Rect {
            x: table.x.saturating_add(1),
            y: table.y.saturating_add(2),
            width: table.width.saturating_sub(2),
            height: table.height.saturating_sub(TABLE_CHROME),
        }
    }
}

#[cfg(test)]
mod tests;
