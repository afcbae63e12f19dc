pub mod cli;
pub mod domain;
pub mod lesson;
pub mod registry;
pub mod script;
pub mod suggest;
pub mod transcript;
pub mod tui;
