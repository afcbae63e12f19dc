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
//! ┌ Why ─────────┐┌ Timeline ───────────────┐  panels (80×22 and up): as tall as the why
//! │ ...          ││alice ███░░┃             │  panel's lines or the timeline's lanes for the
//! └──────────────┘└─────────────────────────┘  table's users need, whichever is more
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
//!
//! A lesson below 30 rows (80×24) is compact: the clock is one line above the table, the table
//! keeps at least three rows around the selection, and one panel the whole width explains the
//! step (the why panel, or the timeline for a clock move), above the lesson panel and one line
//! of results.
//!
//! Which users the table shows depends only on what the app owns ([`View`]: the size, how many
//! users, whether a lesson is on), so the app pages and scrolls without any drawing code.

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
/// From this height a lesson keeps the clock panel and both the why panel and the timeline;
/// below it (80×24) the lesson is compact (see [`compact_lesson`]).
const LESSON_ROOMY_HEIGHT: u16 = 30;
/// A compact lesson's table keeps at least this many rows around the selection.
const LESSON_TABLE_LEAST: u16 = 3;
/// The results keep this many rows (one line) beside a lesson panel.
const LOG_WITH_LESSON: u16 = 3;
/// A lesson panel shorter than this (three lines) takes the why panel's and the timeline's
/// rows instead: the lesson comes first.
const LESSON_MIN: u16 = 5;

/// Which panel explains a lesson's step when there is room for only one (80×24): the why panel
/// for a step that refreshes, replays or calls, the timeline for a clock move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explains {
    Why,
    Timeline,
}

/// What the app owns that decides which users the table shows: the terminal's size (from the
/// last resize or the first frame), how many users, and whether a lesson panel is on. No
/// drawing is needed to work it out, so the app pages and scrolls with the very window the
/// screen draws ([`Geometry::new`] uses it too).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    pub width: u16,
    pub height: u16,
    pub users: usize,
    /// A lesson or the quiz is on (its panel is shown), and which panel explains its step.
    pub lesson: Option<Explains>,
}

impl View {
    /// How many users the table shows at most (0 when the app does not fit).
    fn most_rows(self) -> u16 {
        most_table_rows(self.width, self.height, self.lesson.is_some())
    }

    /// How many users PgDn and PgUp move by: the users in view (at least one, so paging and
    /// scrolling always move, even when the terminal is too small to show the app).
    pub fn page(self) -> usize {
        usize::from(self.most_rows()).min(self.users).max(1)
    }

    /// The users the table shows with `selected` among them, starting as near `offset` (the
    /// previous first user) as that allows; the selected one alone when the app does not fit.
    pub fn window(self, selected: usize, offset: usize) -> Window {
        let rows = usize::from(self.most_rows()).max(1);
        Window::around(rows, self.users, selected, offset)
    }
}

/// What the layout needs to know about what is shown. The app measures it; tests can fake it.
pub trait Content {
    /// How many users there are.
    fn users(&self) -> usize;
    /// Whether a lesson panel is shown (a lesson or the quiz), and which panel explains it.
    fn lesson(&self) -> Option<Explains> {
        None
    }
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
    /// The rows the why panel's content takes (borders included) in a panel this wide.
    fn why_rows(&self, _width: u16) -> u16 {
        PANELS_MIN
    }
    /// The rows the timeline takes (borders and axis included) for these users' lanes.
    fn timeline_rows(&self, shown: Range<usize>) -> u16 {
        u16::try_from(shown.len())
            .unwrap_or(u16::MAX)
            .saturating_add(TIMELINE_CHROME)
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
    /// The why panel and the timeline, side by side; `None` on small terminals and in a lesson
    /// that has room for only one of them.
    pub panels: Option<Panels>,
    /// The one panel that explains a lesson's step, the whole width, when there is no room
    /// for both (a lesson at 80×24).
    pub explaining: Option<(Explains, Rect)>,
    /// The lesson panel, between the panels and the results, when a lesson or the quiz is on.
    pub lesson: Option<Rect>,
    pub log: Rect,
    pub footer: Rect,
    /// How many users the table has rows for, whether or not there are as many.
    pub table_rows: usize,
    /// The users the table shows.
    pub users: Window,
    /// The users the timeline shows: the table's, or as many of them as it has lanes for,
    /// with the selected user among them. Empty without a timeline.
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

/// A lesson at panel sizes below [`LESSON_ROOMY_HEIGHT`]: the clock is one line, the table
/// [`LESSON_TABLE_LEAST`] rows or more, and one panel explains the step.
fn compact_lesson(width: u16, height: u16, lesson: bool) -> bool {
    lesson && has_panels(width, height) && height < LESSON_ROOMY_HEIGHT
}

fn has_clock_panel(width: u16, height: u16, lesson: bool) -> bool {
    width >= CLOCK_PANEL_MIN_TERMINAL_WIDTH && !compact_lesson(width, height, lesson)
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

/// The fewest rows below the panels: the results', and with a lesson beside the panels, a
/// short lesson panel and one result line, so that the lesson need not push the panels out.
fn below_least(width: u16, height: u16, lesson: bool) -> u16 {
    if lesson && has_panels(width, height) {
        (LESSON_MIN + LOG_WITH_LESSON).max(log_min(width, height))
    } else {
        log_min(width, height)
    }
}

/// The most rows the top band can have: all but the footer and the others' minimums.
fn top_max(width: u16, height: u16, lesson: bool) -> u16 {
    let panels = if has_panels(width, height) {
        PANELS_MIN
    } else {
        0
    };
    height.saturating_sub(1 + panels + below_least(width, height, lesson))
}

/// The clock line above the table on narrow terminals and in a compact lesson.
fn clock_line(width: u16, height: u16, lesson: bool) -> u16 {
    u16::from(!has_clock_panel(width, height, lesson))
}

/// The most user rows the table can have at this size; 0 when the app does not fit. In a
/// compact lesson, what the footer, the clock line, one explaining panel, a short lesson panel
/// and one result line leave, and never fewer than [`LESSON_TABLE_LEAST`].
fn most_table_rows(width: u16, height: u16, lesson: bool) -> u16 {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return 0;
    }
    if compact_lesson(width, height, lesson) {
        let others = 1 + 1 + TABLE_CHROME + PANELS_MIN + LESSON_MIN + LOG_WITH_LESSON;
        return height.saturating_sub(others).max(LESSON_TABLE_LEAST);
    }
    top_max(width, height, lesson)
        .saturating_sub(clock_line(width, height, lesson))
        .saturating_sub(TABLE_CHROME)
}

/// What the bands are sized from, measured once the table's users are known.
struct Wants {
    /// The table's user rows (at least one).
    table: u16,
    clock: u16,
    /// The why panel's and the timeline's rows; 0 where the panels cannot show.
    why: u16,
    timeline: u16,
    lesson: u16,
}

/// Each band's rows: the table as tall as its users (or the clock beside it) need; the why
/// panel and the timeline as tall as their content needs (every check, every lane) within
/// what leaves the results their least; the results the rest.
fn bands(width: u16, height: u16, lesson: bool, wants: &Wants) -> Bands {
    let top_least = wants.table + TABLE_CHROME + clock_line(width, height, lesson);
    let below = below_least(width, height, lesson);
    let top = top_least
        .max(wants.clock)
        .min(top_max(width, height, lesson));
    let panels = if has_panels(width, height) {
        let need = wants.why.max(wants.timeline).max(PANELS_MIN);
        need.min(height.saturating_sub(1 + top + below))
    } else {
        0
    };
    let rest = height.saturating_sub(1 + top);
    let (panels, lesson) = lesson_band(panels, rest - panels, wants.lesson);
    Bands {
        top,
        panels,
        lesson,
        log: rest - panels - lesson,
    }
}

/// A compact lesson's bands: the clock line and the table's rows, then one explaining panel as
/// tall as its content needs within what leaves a short lesson panel and one result line,
/// the lesson panel what it wants of the rest, the results the rest.
fn compact_bands(height: u16, explaining: u16, wants: &Wants) -> Bands {
    let top = 1 + TABLE_CHROME + wants.table;
    let rest = height.saturating_sub(1 + top);
    let lesson_least = wants.lesson.min(LESSON_MIN);
    let mut panels = explaining.min(rest.saturating_sub(LOG_WITH_LESSON + lesson_least));
    if panels < 3 {
        panels = 0;
    }
    let mut lesson = wants
        .lesson
        .min(rest.saturating_sub(panels + LOG_WITH_LESSON));
    if lesson < 3 {
        lesson = 0;
    }
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

/// The why panel's width beside the timeline in `width` columns: what it would like, within
/// what leaves the timeline its least.
fn pair_why_width(width: u16, wanted: u16) -> u16 {
    let most = width.saturating_sub(TIMELINE_MIN_WIDTH);
    wanted.clamp(WHY_MIN_WIDTH, most.max(WHY_MIN_WIDTH))
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
        let view = View {
            width,
            height,
            users: content.users(),
            lesson: content.lesson(),
        };
        let most = view.most_rows();
        if most == 0 {
            return None;
        }
        // The users in view follow from what the app owns alone (see [`View`]).
        let shown = view.window(selected, offset);
        let compact = compact_lesson(width, height, view.lesson.is_some());
        let clock_panel = has_clock_panel(width, height, view.lesson.is_some());
        // The clock's width follows the table's natural width with as many users in view as
        // could be, so it does not depend on the height the clock itself asks for.
        let clock_width = clock_width(
            width,
            content.table_width(shown.range()),
            content.clock_least_width(),
        );
        // The panels' content is measured only where they can show, and the why panel's width
        // once: its text is built for it.
        let panels_shown = has_panels(width, height);
        let why_width = if panels_shown { content.why_width() } else { 0 };
        let wants = Wants {
            table: u16::try_from(view.users.max(1))
                .unwrap_or(u16::MAX)
                .min(most),
            clock: if clock_panel {
                content.clock_rows(clock_width)
            } else {
                0
            },
            why: match (panels_shown, compact) {
                (false, _) => 0,
                (true, true) => content.why_rows(width),
                (true, false) => content.why_rows(pair_why_width(width, why_width)),
            },
            timeline: if panels_shown {
                content.timeline_rows(shown.range())
            } else {
                0
            },
            lesson: content.lesson_rows(width),
        };
        let explains = view.lesson.unwrap_or(Explains::Why);
        let bands = if compact {
            let explaining = match explains {
                Explains::Why => wants.why,
                Explains::Timeline => wants.timeline,
            };
            compact_bands(height, explaining, &wants)
        } else {
            bands(width, height, view.lesson.is_some(), &wants)
        };
        let [top, panels, lesson, log, footer] = Layout::vertical([
            Constraint::Length(bands.top),
            Constraint::Length(bands.panels),
            Constraint::Length(bands.lesson),
            Constraint::Length(bands.log),
            Constraint::Length(1),
        ])
        .areas(area);
        let (table, clock) = if clock_panel {
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
        let (pair, explaining) = match (bands.panels > 0, compact) {
            (false, _) => (None, None),
            (true, true) => (None, Some((explains, panels))),
            (true, false) => {
                let why_width = pair_why_width(panels.width, why_width);
                let [why, timeline] =
                    Layout::horizontal([Constraint::Length(why_width), Constraint::Fill(1)])
                        .areas(panels);
                (Some(Panels { why, timeline }), None)
            }
        };
        let timeline = match (pair, explaining) {
            (Some(p), _) => Some(p.timeline),
            (None, Some((Explains::Timeline, rect))) => Some(rect),
            (None, Some((Explains::Why, _)) | None) => None,
        };
        let lanes = timeline.map_or(0, |t| t.height.saturating_sub(TIMELINE_CHROME));
        Some(Self {
            table,
            clock,
            panels: pair,
            explaining,
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

pub mod help;

#[cfg(test)]
mod tests;
