pub mod cli;
pub mod domain;
pub mod jwt;
pub mod lesson;
pub mod script;
pub mod suggest;
pub mod transcript;
pub mod tui;
