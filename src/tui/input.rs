//! Terminal events into actions: keys through the key table, the mouse through the layout.

use super::action::Action;
use super::app::{App, Mode};
use super::keymap;
use super::ui::layout;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

/// Rows the wheel moves per notch.
const WHEEL_ROWS: usize = 3;

/// The action for an event, or `None` for events that change nothing (and need no redraw).
/// `size` is the terminal's size, for finding what a click hit.
pub fn action_for(event: &Event, app: &App, size: Rect) -> Option<Action> {
    match event {
        Event::Key(key) => match app.prompt() {
            Some(prompt) => prompt_action(key, prompt.is_confirmation()),
            None => keymap::action_for(key),
        },
        Event::Mouse(mouse) => mouse_action(mouse, app, size),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Keys while a prompt is open: typed characters go to it before the key table is consulted;
/// `Esc` closes it and Ctrl-C still quits. A confirmation is cancelled by any other key.
fn prompt_action(key: &KeyEvent, confirmation: bool) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c' | 'C') if ctrl => Some(Action::QuitNow),
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => None,
        KeyCode::Char(ch) => Some(Action::PromptChar(ch)),
        KeyCode::Backspace => Some(Action::PromptBackspace),
        KeyCode::Enter => Some(Action::PromptSubmit),
        KeyCode::Esc => Some(Action::Cancel),
        _ if confirmation => Some(Action::Cancel),
        _ => None,
    }
}

/// The wheel scrolls what is under the pointer: on the table's screen, the results (older lines
/// downwards) or the table; an open overlay (help, log) scrolls wherever the pointer is. A click
/// selects a row.
fn mouse_action(mouse: &MouseEvent, app: &App, size: Rect) -> Option<Action> {
    let over_results = || {
        *app.mode() == Mode::Table
            && layout::areas(app, size)
                .is_some_and(|areas| areas.log.contains(Position::new(mouse.column, mouse.row)))
    };
    match mouse.kind {
        MouseEventKind::ScrollDown if over_results() => Some(Action::LogOlder(1)),
        MouseEventKind::ScrollUp if over_results() => Some(Action::LogNewer(1)),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown(WHEEL_ROWS)),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp(WHEEL_ROWS)),
        MouseEventKind::Down(MouseButton::Left) => {
            let body = layout::areas(app, size)?.table_body();
            body.contains(Position::new(mouse.column, mouse.row))
                .then(|| Action::ClickRow(usize::from(mouse.row - body.y)))
        }
        _ => None,
    }
}
