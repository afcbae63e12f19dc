//! Shared by the app's update and snapshot tests: an app on a `TestBackend` of a given size.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tokenclock::domain::{Scenario, Session};
use tokenclock::tui::{Action, App, ui};

pub fn app_at(scenario: Scenario, width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    session_at(Session::new(scenario), width, height)
}

/// An app on a session prepared by the test (e.g. a policy set through `update_policy`).
pub fn session_at(session: Session, width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(session, None);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    step_and_draw(&mut app, &mut terminal, Action::Resize { width, height });
    (app, terminal)
}

pub fn lesson_at(width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    app_at(Scenario::lesson(), width, height)
}

/// Does what the event loop does for one action: update, then draw.
pub fn step_and_draw(app: &mut App, terminal: &mut Terminal<TestBackend>, action: Action) {
    app.update(action);
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
}

pub fn steps(app: &mut App, terminal: &mut Terminal<TestBackend>, actions: &[Action]) {
    for action in actions {
        step_and_draw(app, terminal, action.clone());
    }
}

/// The screen as plain text, one line per row.
pub fn screen(terminal: &Terminal<TestBackend>) -> String {
    region(terminal, terminal.backend().buffer().area)
}

/// One part of the screen as plain text, one line per row.
pub fn region(terminal: &Terminal<TestBackend>, area: Rect) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}
