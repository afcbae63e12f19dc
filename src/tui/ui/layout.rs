//! The app's layout: [`Geometry`] with the content measured from the `&App` (how many users,
//! how wide the table and the why panel would like to be, how tall the clock, the why panel and
//! the timeline), shared by drawing and the mouse. The app pages without it: the users in view
//! follow from [`crate::tui::geometry::View`] alone.

use super::{client_lanes, clock, lesson, model_why, table, why};
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

    /// The rows the why panel draws and its borders: the model's every check, wrapped to the
    /// panel's width (the panel drops lines only when short of rows); the lesson's pseudocode
    /// as written (it wraps or drops its `def` line to fit).
    fn why_rows(&self, width: u16) -> u16 {
        if self.model_on() {
            return model_why::natural_rows(self, width);
        }
        let lines = why::view(self).map_or(0, |v| v.explanation.lines.len());
        u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2)
    }

    /// The lanes the timeline draws today, its two axis rows and borders: the lesson's one lane
    /// a user; the model's two (access and refresh token), or the selected user's two and a
    /// lane for each of its clients when it has clients.
    fn timeline_rows(&self, shown: Range<usize>) -> u16 {
        let lanes = if !self.model_on() {
            shown.len()
        } else if client_lanes::selected_has_clients(self) {
            2 + client_lanes::clients(self, usize::MAX).len()
        } else {
            2 * shown.len()
        };
        u16::try_from(lanes).unwrap_or(u16::MAX).saturating_add(4)
    }
}

/// The regions for `area` and the users in view, or `None` when it is too small to show the
/// app.
pub fn areas(app: &App, area: Rect) -> Option<Geometry> {
    Geometry::new(area, app, app.selected(), app.offset())
}
