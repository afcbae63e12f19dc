//! A key as the registry and the key table name it, apart from the terminal library: the app's
//! key map turns it into the terminal's key events.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character as typed (Shift is part of it: `G`, `?`, `+`).
    Char(char),
    /// Control and a letter.
    Ctrl(char),
    Down,
    Up,
    Left,
    Right,
    Home,
    End,
    PageDown,
    PageUp,
    Enter,
    Esc,
}

impl Key {
    /// How the key is written on screen: `↓`, `PgDn`, `Ctrl-C`, `j`, `Space`.
    pub fn label(&self) -> String {
        match self {
            Key::Down => "↓".to_owned(),
            Key::Up => "↑".to_owned(),
            Key::Left => "←".to_owned(),
            Key::Right => "→".to_owned(),
            Key::Home => "Home".to_owned(),
            Key::End => "End".to_owned(),
            Key::PageDown => "PgDn".to_owned(),
            Key::PageUp => "PgUp".to_owned(),
            Key::Enter => "Enter".to_owned(),
            Key::Esc => "Esc".to_owned(),
            Key::Char(' ') => "Space".to_owned(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        }
    }
}
