//! Terminal events into actions: keys through the key table, the mouse through the layout.

use super::action::Action;
use super::app::App;
use super::keymap;
use super::ui::layout;
use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// Rows the wheel moves per notch.
const WHEEL_ROWS: usize = 3;

/// The action for an event, or `None` for events that change nothing (and need no redraw).
/// `size` is the terminal's size, for finding what a click hit.
pub fn action_for(event: &Event, app: &App, size: Rect) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(key),
        Event::Mouse(mouse) => mouse_action(mouse, app, size),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

fn mouse_action(mouse: &MouseEvent, app: &App, size: Rect) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::ScrollDown(WHEEL_ROWS)),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp(WHEEL_ROWS)),
        MouseEventKind::Down(MouseButton::Left) => {
            let body = layout::table_body(layout::areas(app, size)?.table);
            body.contains(Position::new(mouse.column, mouse.row))
                .then(|| Action::ClickRow(usize::from(mouse.row - body.y)))
        }
        _ => None,
    }
}
