//! The app's layout: [`Geometry`] with the content measured from the `&App` (how many users,
//! how wide the table and the why panel would like to be, how tall the clock), shared by
//! drawing, the app's paging and the mouse.

use super::{clock, lesson, table, why};
use crate::tui::app::App;
use crate::tui::geometry::Content;
pub use crate::tui::geometry::{ClockArea, Geometry, Panels};
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
}

/// The regions for `area` and the users in view, or `None` when it is too small to show the
/// app.
pub fn areas(app: &App, area: Rect) -> Option<Geometry> {
    Geometry::new(area, app, app.selected(), app.offset())
}
