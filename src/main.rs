//! Placeholder entry point: the command line (scenario and roster loading, scripted mode)
//! replaces this and calls the same `tui::run`.

use std::process::ExitCode;
use tokenclock::domain::{Scenario, Session};

fn main() -> ExitCode {
    match tokenclock::tui::run(Session::new(Scenario::lesson()), None) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tokenclock: {error:#}");
            ExitCode::from(1)
        }
    }
}
