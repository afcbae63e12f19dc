//! The manual's pictures: the app's main screens, each a scenario and the keys a person would
//! press, drawn into a `TestBackend` by the app's own `render` and written as SVG.

use super::{DocsError, svg};
use crate::domain::{Scenario, Session};
use crate::files::parse_scenario;
use crate::jwt::Entry;
use crate::lesson;
use crate::tui::app::Guide;
use crate::tui::app::jwt::JwtScreen;
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
    /// Real JWTs inspected (`--jwt`) on a clock frozen at this Unix time.
    Jwt(&'static [&'static str], u64),
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
        keys: "..2..",
    },
    Picture {
        file: "jwt.svg",
        shows: "--jwt: alice's HS256 token one minute past its exp, rejected by PyJWT and accepted by jsonwebtoken within its leeway",
        start: Start::Jwt(
            &[
                // sub alice, iat 09:55, exp 10:04 (2026-12-06, UTC), HS256.
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlhdCI6MTc5NjU1MDkwMCwiZXhwIjoxNzk2NTUxNDQwfQ.hPqnht-tpwzo7OwGdSe3vnuosHaQ8ZWFGcFzAsSt19M",
                // sub bob, nbf 10:00, a fractional exp at 10:09:00.5, RS256 (a placeholder signature).
                "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJib2IiLCJpYXQiOjE3OTY1NTEyMDAsIm5iZiI6MTc5NjU1MTIwMCwiZXhwIjoxNzk2NTUxNzQwLjV9.c2ln",
            ],
            // 2026-12-06T10:05:00Z.
            1_796_551_500,
        ),
        width: 100,
        height: 24,
        keys: "",
    },
];

/// The app after `picture`'s keys, drawn at its size: the buffer a terminal would show.
pub fn draw(picture: &Picture) -> Result<Buffer, DocsError> {
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
    // A `TestBackend` cannot fail (its error type has no values): it draws into memory.
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    let Ok(_) = terminal.draw(|frame| ui::render(frame, &app));
    Ok(terminal.backend().buffer().clone())
}

/// The picture as SVG.
pub fn render(picture: &Picture) -> Result<String, DocsError> {
    draw(picture).map(|buffer| svg::render(&buffer))
}

fn open(start: Start) -> Result<App, DocsError> {
    let (scenario, lesson) = match start {
        Start::Lesson => (Scenario::lesson(), None),
        Start::Preset(file, text) => (parse_scenario(text, file)?, None),
        Start::Walk(name) => {
            let built_in = lesson::built_in(name).ok_or(DocsError::NoLesson(name))?;
            let file = format!("lessons/{name}.toml");
            let scenario = parse_scenario(built_in.text, &file)?;
            let lesson = lesson::parse_lesson(built_in.text, &file, &scenario)?;
            (scenario, lesson)
        }
        Start::Jwt(tokens, now) => {
            let entries = tokens.iter().map(|token| Entry::new(token, None)).collect();
            let app = App::new(Session::new(Scenario::lesson()), None);
            return Ok(app.with_jwt(JwtScreen::new(entries, now, false)));
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
            ("jwt.svg", "PyJWT"),
        ];
        for (file, words) in expect {
            let picture = PICTURES.iter().find(|p| p.file == file).unwrap();
            let screen = text(&draw(picture).unwrap());
            assert!(screen.contains(words), "{file}:\n{screen}");
        }
    }
}
