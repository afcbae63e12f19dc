pub mod cli;
pub mod docs;
pub mod domain;
pub mod lesson;
pub mod script;
pub mod suggest;
pub mod transcript;
pub mod tui;
