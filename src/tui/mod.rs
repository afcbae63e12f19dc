//! The interactive terminal app: key → [`Action`] → [`App::update`] → draw from `&App`.

pub mod action;
pub mod app;
pub mod input;
pub mod keymap;
pub mod report;
mod terminal;
pub mod theme;
pub mod ui;

pub use action::Action;
pub use app::App;

use crate::domain::Session;
use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use std::path::PathBuf;

/// Opens the full-screen app on `session` and runs it until the user quits.
/// `scenario_path` is where `w` saves (the `--scenario` file), if there is one.
pub fn run(session: Session, scenario_path: Option<PathBuf>) -> anyhow::Result<()> {
    let mut app = App::new(session, scenario_path);
    let mut terminal = terminal::init().context("cannot set up the terminal")?;
    let result = event_loop(&mut terminal, &mut app);
    terminal::restore();
    result
}

/// Draws, then blocks until the next event: nothing runs and nothing redraws while idle.
/// (A play mode would wait with `event::poll(interval)` only while playing.)
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut redraw = true;
    while !app.should_quit() {
        if redraw {
            terminal.draw(|frame| ui::render(frame, app))?;
        }
        let event = crossterm::event::read().context("cannot read from the terminal")?;
        let size = terminal.size()?;
        let action = input::action_for(&event, app, Rect::new(0, 0, size.width, size.height));
        redraw = action.is_some();
        if let Some(action) = action {
            app.update(action);
        }
    }
    Ok(())
}
