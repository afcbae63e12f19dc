pub mod domain;
pub mod tui;
