//! The app's layout: [`Geometry`] with the content measured from the `&App` (how many users,
//! how wide the table and the why panel would like to be, how tall the clock, the why panel and
//! the timeline), shared by drawing and the mouse. The app pages without it: the users in view
//! follow from [`crate::tui::geometry::View`] alone.

use super::{clock, lesson, table, timeline, why};
use crate::tui::app::App;
pub use crate::tui::geometry::{ClockArea, Geometry, Panels};
use crate::tui::geometry::{Content, Explains};
use ratatui::layout::Rect;
use std::ops::Range;

/// The app as one frame measures it: what costs most to measure (the why panel's text, the
/// table's natural widths) is worked out once, when the layout first asks, and drawing reuses
/// it, so a frame builds each once.
pub struct Measured<'a> {
    pub app: &'a App,
    pub why: why::Built,
    pub table: table::Natural,
}

impl<'a> Measured<'a> {
    pub fn new(app: &'a App) -> Self {
        Self {
            app,
            why: why::Built::default(),
            table: table::Natural::default(),
        }
    }

    /// The regions for `area` and the users in view, or `None` when it is too small to show
    /// the app.
    pub fn areas(&self, area: Rect) -> Option<Geometry> {
        Geometry::new(area, self, self.app.selected(), self.app.offset())
    }
}

impl Content for Measured<'_> {
    fn users(&self) -> usize {
        self.app.scenario().tokens.len()
    }

    fn table_width(&self, shown: Range<usize>) -> u16 {
        self.table.width(self.app, shown)
    }

    fn clock_rows(&self, width: u16) -> u16 {
        clock::panel_rows(self.app, width)
    }

    fn clock_least_width(&self) -> u16 {
        clock::least_width(self.app)
    }

    fn why_width(&self) -> u16 {
        self.why.natural_width(self.app)
    }

    fn lesson_rows(&self, width: u16) -> u16 {
        lesson::rows(self.app, width)
    }

    fn lesson(&self) -> Option<Explains> {
        self.app.explains()
    }

    fn why_rows(&self, width: u16) -> u16 {
        self.why.natural_height(self.app, width)
    }

    fn timeline_rows(&self, shown: Range<usize>) -> u16 {
        timeline::natural_height(self.app, shown)
    }
}

/// The regions for `area` and the users in view, or `None` when it is too small to show the
/// app (the mouse's; a frame keeps its [`Measured`] for drawing).
pub fn areas(app: &App, area: Rect) -> Option<Geometry> {
    Measured::new(app).areas(area)
}
