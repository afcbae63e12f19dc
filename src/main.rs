//! `tokenclock`: the scripted mode (`--exec`, `--script`), a lesson's handout, or the app.

use std::io::Write;
use std::process::ExitCode;
use tokenclock::cli;
use tokenclock::domain::Session;
use tokenclock::tui::app::Guide;

fn main() -> ExitCode {
    let args = match cli::parse_args() {
        Ok(args) => args,
        Err(code) => return code,
    };
    if let Some(refused) = cli::cannot_mix(&args) {
        return cli::fail(2, refused);
    }
    if !args.jwt.is_empty() {
        return cli::inspect_jwt(&args);
    }
    if let Some(dir) = &args.reference {
        return cli::write_reference(dir);
    }
    if args.lesson.as_deref() == Some(cli::LIST) {
        let mut out = std::io::stdout().lock();
        return match write!(out, "{}", tokenclock::lesson::list_text()).and_then(|()| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => cli::fail(1, format!("cannot write the list: {e}")),
        };
    }
    if args.preset.as_deref() == Some(cli::LIST) {
        let mut out = std::io::stdout().lock();
        return match write!(out, "{}", tokenclock::presets::list_text()).and_then(|()| out.flush())
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => cli::fail(1, format!("cannot write the list: {e}")),
        };
    }
    let loaded = match cli::load(&args) {
        Ok(loaded) => loaded,
        Err(e) => return cli::fail(2, e),
    };
    if args.handout {
        return cli::print_handout(loaded, &args);
    }
    match cli::script_text(&args) {
        Some(Ok((text, source))) => {
            cli::run_script((loaded.scenario, loaded.template), &text, source, &args)
        }
        Some(Err(e)) => cli::fail(2, e),
        None => {
            let transcript = match cli::open_transcript_for(&args) {
                Ok(transcript) => transcript,
                Err(e) => return cli::fail(2, e),
            };
            let recording = match cli::open_recording_for(&args) {
                Ok(recording) => recording,
                Err(e) => return cli::fail(2, e),
            };
            let session = cli::with_template(Session::new(loaded.scenario), loaded.template);
            let guide = Guide {
                lesson: loaded.lesson,
                quiz: args.quiz,
            };
            match tokenclock::tui::run(
                session,
                cli::app_save_path(&args),
                transcript,
                guide,
                recording,
            ) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cli::fail(1, format!("{e:#}")),
            }
        }
    }
}
