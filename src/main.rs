//! `tokenclock`: the scripted mode (`--exec`, `--script`) or the interactive app.

use clap::Parser;
use std::process::ExitCode;
use tokenclock::cli::{self, Args};
use tokenclock::domain::Session;

fn main() -> ExitCode {
    let args = Args::parse();
    let loaded = match cli::load_session(&args) {
        Ok(loaded) => loaded,
        Err(e) => return cli::fail(2, e),
    };
    match cli::script_text(&args) {
        Some(Ok((text, source))) => cli::run_script(loaded, &text, source, &args),
        Some(Err(e)) => cli::fail(2, e),
        None => {
            let transcript = match cli::open_transcript_for(&args) {
                Ok(transcript) => transcript,
                Err(e) => return cli::fail(2, e),
            };
            let (scenario, template) = loaded;
            let session = cli::with_template(Session::new(scenario), template);
            match tokenclock::tui::run(session, cli::app_save_path(&args), transcript) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cli::fail(1, format!("{e:#}")),
            }
        }
    }
}
