//! `tokenclock`: the scripted mode (`--exec`, `--script`) or the interactive app.

use std::process::ExitCode;
use tokenclock::cli;

fn main() -> ExitCode {
    let args = match cli::parse_args() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let session = match cli::load_session(&args) {
        Ok(session) => session,
        Err(e) => return cli::fail(2, e),
    };
    match cli::script_text(&args) {
        Some(Ok((text, source))) => cli::run_script(session, &text, source, &args),
        Some(Err(e)) => cli::fail(2, e),
        None => {
            let transcript = match cli::open_transcript_for(&args) {
                Ok(transcript) => transcript,
                Err(e) => return cli::fail(2, e),
            };
            match tokenclock::tui::run(session, cli::app_save_path(&args), transcript) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cli::fail(1, format!("{e:#}")),
            }
        }
    }
}
