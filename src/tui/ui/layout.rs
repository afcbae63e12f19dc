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

impl Content for App {
    fn users(&self) -> usize {
        self.scenario().tokens.len()
    }

    fn table_width(&self, shown: Range<usize>) -> u16 {
        table::natural_width(self, shown)
    }

    fn clock_rows(&self, width: u16) -> u16 {
        clock::panel_rows(self, width)
    }

    fn clock_least_width(&self) -> u16 {
        clock::least_width(self)
    }

    fn why_width(&self) -> u16 {
        why::natural_width(self)
    }

    fn lesson_rows(&self, width: u16) -> u16 {
        lesson::rows(self, width)
    }

    fn lesson(&self) -> Option<Explains> {
        self.explains()
    }

    fn why_rows(&self, width: u16) -> u16 {
        why::natural_height(self, width)
    }

    fn timeline_rows(&self, shown: Range<usize>) -> u16 {
        timeline::natural_height(self, shown)
    }
}

/// The regions for `area` and the users in view, or `None` when it is too small to show the
/// app.
pub fn areas(app: &App, area: Rect) -> Option<Geometry> {
    Geometry::new(area, app, app.selected(), app.offset())
}
