pub mod cli;
pub mod domain;
pub mod lesson;
pub mod script;
pub mod transcript;
pub mod tui;
