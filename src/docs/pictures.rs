//! The manual's pictures: the app's main screens, each a scenario and the keys a person would
//! press, drawn into a `TestBackend` by the app's own `render` and written as SVG.

use super::svg;
use crate::domain::{Scenario, Session, parse_scenario};
use crate::lesson;
use crate::tui::app::Guide;
use crate::tui::{Action, App, input, ui};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Where a picture's scenario comes from.
#[derive(Debug, Clone, Copy)]
pub enum Start {
    /// The built-in lesson.
    Lesson,
    /// A preset from `assets/`: its file name and text.
    Preset(&'static str, &'static str),
    /// A built-in lesson walked step by step (`--lesson NAME`).
    Walk(&'static str),
}

/// One picture: its file name (under `images/`), what it shows (the alt text), the terminal's
/// size, and the keys pressed after the app opened.
#[derive(Debug, Clone, Copy)]
pub struct Picture {
    pub file: &'static str,
    pub shows: &'static str,
    pub start: Start,
    pub width: u16,
    pub height: u16,
    /// Each character is a key press, as typed; `⏎` is Enter.
    pub keys: &'static str,
}

/// The pictures the README and the manual show.
pub const PICTURES: &[Picture] = &[
    Picture {
        file: "lesson.svg",
        shows: "the built-in lesson at 80×24 right after r on alice",
        start: Start::Lesson,
        width: 80,
        height: 24,
        keys: "r",
    },
    Picture {
        file: "theft.svg",
        shows: "assets/rotation.toml: the attacker's copy replayed after alice refreshed; the family is revoked",
        start: Start::Preset(
            "assets/rotation.toml",
            include_str!("../../assets/rotation.toml"),
        ),
        width: 100,
        height: 30,
        keys: "t10⏎St300⏎rt400⏎x",
    },
    Picture {
        file: "validators.svg",
        shows: "assets/leeway.toml: one token at its exp judged by every validator after C (call) on rs",
        start: Start::Preset(
            "assets/leeway.toml",
            include_str!("../../assets/leeway.toml"),
        ),
        width: 100,
        height: 30,
        keys: "jC",
    },
    Picture {
        file: "two-tabs.svg",
        shows: "assets/two-tabs.toml: two tabs racing with one refresh token at t=3540, no grace",
        start: Start::Preset(
            "assets/two-tabs.toml",
            include_str!("../../assets/two-tabs.toml"),
        ),
        width: 100,
        height: 30,
        keys: "t3540⏎Kr",
    },
    Picture {
        file: "question.svg",
        shows: "--lesson boundary at the flip: will eli get a new token now, under RFC 7519?",
        start: Start::Walk("boundary"),
        width: 100,
        height: 30,
        keys: ".2..",
    },
];

/// The app after `picture`'s keys, drawn at its size: the buffer a terminal would show.
pub fn draw(picture: &Picture) -> Result<Buffer, String> {
    let mut app = open(picture.start)?;
    let (width, height) = (picture.width, picture.height);
    app.update(Action::Resize { width, height });
    let size = Rect::new(0, 0, width, height);
    for key in picture.keys.chars() {
        let code = match key {
            '⏎' => KeyCode::Enter,
            ch => KeyCode::Char(ch),
        };
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(action) = input::action_for(&event, &app, size) {
            app.update(action);
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).map_err(|e| e.to_string())?;
    terminal
        .draw(|frame| ui::render(frame, &app))
        .map_err(|e| e.to_string())?;
    Ok(terminal.backend().buffer().clone())
}

/// The picture as SVG.
pub fn render(picture: &Picture) -> Result<String, String> {
    draw(picture).map(|buffer| svg::render(&buffer))
}

fn open(start: Start) -> Result<App, String> {
    let (scenario, lesson) = match start {
        Start::Lesson => (Scenario::lesson(), None),
        Start::Preset(file, text) => (parse_scenario(text, file).map_err(|e| e.to_string())?, None),
        Start::Walk(name) => {
            let built_in =
                lesson::built_in(name).ok_or_else(|| format!("no built-in lesson '{name}'"))?;
            let file = format!("lessons/{name}.toml");
            let scenario = parse_scenario(built_in.text, &file).map_err(|e| e.to_string())?;
            let lesson =
                lesson::parse_lesson(built_in.text, &file, &scenario).map_err(|e| e.to_string())?;
            (scenario, lesson)
        }
    };
    Ok(App::new(Session::new(scenario), None).with_guide(Guide {
        lesson,
        quiz: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(buffer: &Buffer) -> String {
        let area = buffer.area;
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Each picture shows what its alt text promises (a keystroke lost on the way would leave
    /// the screen before the story).
    #[test]
    fn each_picture_shows_the_moment_it_names() {
        let expect = [
            ("lesson.svg", "Refreshed token for alice: newtoken123"),
            ("theft.svg", "reuse detected"),
            ("validators.svg", "pyjwt"),
            ("two-tabs.svg", "tab2"),
            ("question.svg", "Will eli get a new token now?"),
        ];
        for (file, words) in expect {
            let picture = PICTURES.iter().find(|p| p.file == file).unwrap();
            let screen = text(&draw(picture).unwrap());
            assert!(screen.contains(words), "{file}:\n{screen}");
        }
    }
}
