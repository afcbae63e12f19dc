//! Snapshots of the demo tools on screen: prompts, the delete confirmation, play, the RFC 7519
//! boundary and the high-contrast theme. `TestBackend` snapshots hold text only, so the theme
//! test also checks the styles of a few cells.

mod common;

use common::{lesson_at, step_and_draw, steps};
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use ratatui::{Terminal, buffer::Cell};
use tokenclock::domain::Op;
use tokenclock::tui::Action;

fn cell_with<'a>(terminal: &'a Terminal<TestBackend>, text: &str) -> &'a Cell {
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let row: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count() as u16;
            return &buffer[(x, y)];
        }
    }
    panic!("{text} is not on the screen");
}

#[test]
fn set_time_prompt_keeps_a_wrong_key_with_a_message() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::SetTime,
            Action::PromptChar('1'),
            Action::PromptChar('5'),
            Action::PromptChar('x'),
        ],
    );
    assert_snapshot!(terminal.backend());
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!(
        terminal.backend().buffer()[(cursor.x - 1, cursor.y)].symbol(),
        "x",
        "the cursor follows the typed text"
    );
}

#[test]
fn delete_confirmation() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[Action::LastUser, Action::DeleteUser],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn playing_after_refresh_all() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::Run(Op::RefreshAll),
            Action::TogglePlay,
            Action::Tick,
            Action::Tick,
        ],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn rfc7519_boundary_at_t100_100x30() {
    let (mut app, mut terminal) = lesson_at(100, 30);
    steps(
        &mut app,
        &mut terminal,
        &[Action::Rewind, Action::Rewind, Action::ToggleBoundary],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn high_contrast_theme() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut terminal, Action::ToggleTheme);
    assert_snapshot!(terminal.backend());
    let expired = cell_with(&terminal, "EXPIRED");
    assert_eq!(expired.fg, Color::LightRed);
    assert!(
        expired
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
    let valid = cell_with(&terminal, "VALID");
    assert_eq!(valid.fg, Color::LightGreen);
    assert_eq!(
        cell_with(&terminal, "Results").fg,
        Color::White,
        "no dim grey titles"
    );
    let selected = cell_with(&terminal, "▶ alice");
    assert!(
        selected
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    let newest = cell_with(&terminal, "t=120 theme");
    assert_eq!(newest.fg, Color::White, "results are not grey");
    assert!(newest.modifier.contains(Modifier::BOLD));
}

#[test]
fn no_colour_theme_draws_no_colour() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    app = app.without_colours();
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    assert!(
        cell_with(&terminal, "▶ alice")
            .modifier
            .contains(Modifier::REVERSED)
    );
}
