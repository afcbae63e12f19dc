pub mod domain;
pub mod transcript;
pub mod tui;
