//! The command line: arguments, loading the inputs, and the scripted mode's exit codes.
//!
//! Exit codes: 0 ok, 2 bad input (a file, a script or the arguments), 1 any other failure.

use crate::domain::template::Template;
use crate::domain::text::sanitize;
use crate::domain::{Random, Scenario, Session};
use crate::files::InputError;
use crate::files::input;
use crate::files::replace::same_file;
use crate::files::roster;
use crate::files::scenario::{LESSON_NAME, LESSON_TOML, read_scenario, read_template};
use crate::lesson::{self, Lesson};
use crate::script::{self, RunError, Source};
use crate::transcript::Transcript;
use crate::tui::cast::Recording;
use clap::Parser;
use std::fmt::Display;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  tokenclock                                   the interactive app on the built-in lesson
  tokenclock --exec \"refresh alice\"            prints: Refreshed token for alice: newtoken123
  tokenclock --exec \"refresh-all; advance 100; show\"
  tokenclock --scenario class.toml --users roster.csv --exec refresh-all
  tokenclock --script demo.txt --transcript handout.txt
  echo \"refresh bob\" | tokenclock --script -
  tokenclock --lesson seed                     walk the lesson's steps in the app (. next, , back)
  tokenclock --lesson seed --handout > seed.md the same lesson as a Markdown handout
  tokenclock --record demo.cast                the app, recorded for asciinema play or agg

Script commands (separated by newlines or ';'; '#' starts a comment):
";

const AFTER_HELP: &str = "\
Exit codes: 0 ok, 2 bad input (scenario, roster, script or arguments), 1 other failure.";

/// tokenclock: explore and teach how token refresh works.
///
/// Without --exec or --script, opens the interactive app on the built-in lesson (alice, bob and
/// carol at current_time 120) or on --scenario.
#[derive(Debug, Parser)]
#[command(name = "tokenclock", version, about, long_about, before_long_help = None)]
#[command(after_help = AFTER_HELP, after_long_help = long_after_help())]
pub struct Args {
    /// A scenario file (TOML) instead of the built-in lesson
    #[arg(long, value_name = "PATH")]
    pub scenario: Option<PathBuf>,

    /// A built-in preset by name, wherever tokenclock runs ('--preset list' lists them); the
    /// same files as assets/. Saving one starts a file of your own
    #[arg(long, value_name = "NAME", conflicts_with_all = ["scenario", "lesson"])]
    pub preset: Option<String>,

    /// A class roster (CSV with the header user,token,expiry) replacing the scenario's users;
    /// the clock and policy still come from the scenario or the lesson
    #[arg(long, value_name = "PATH.csv")]
    pub users: Option<PathBuf>,

    /// Run these commands instead of the app, separated by ';' or newlines
    #[arg(long, value_name = "COMMANDS", conflicts_with = "script")]
    pub exec: Option<String>,

    /// Run the commands in FILE instead of the app ('-' reads standard input)
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,

    /// Append every action and its outcome to FILE as plain text
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,

    /// Walk a built-in lesson step by step ('--lesson list' lists them); a --scenario file
    /// with [[step]] tables is a lesson too
    #[arg(long, value_name = "NAME", conflicts_with = "scenario")]
    pub lesson: Option<String>,

    /// Print the lesson (--lesson, or a --scenario with steps) as Markdown instead of opening
    /// the app
    #[arg(long, conflicts_with_all = ["exec", "script", "quiz", "transcript"])]
    pub handout: bool,

    /// With --handout: the students' worksheet (questions with room to answer; no answers or
    /// outcomes) instead of the teacher's handout
    #[arg(long, requires = "handout")]
    pub student: bool,

    /// Open the app in quiz mode: every refresh and clock move first asks the class to predict
    #[arg(long, conflicts_with_all = ["exec", "script"])]
    pub quiz: bool,

    /// Make random tokens (new_token = { random_bytes = N }) the same on every run. Seeded
    /// tokens are predictable: for teaching only
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Inspect a real JWT on a live clock instead of the lesson (repeatable). '--jwt -' reads
    /// tokens from standard input, one a line: a token on the command line lands in shell
    /// history and `ps`
    #[arg(long, value_name = "TOKEN", conflicts_with_all = ["scenario", "preset", "users", "lesson", "handout", "quiz", "transcript"])]
    pub jwt: Vec<String>,

    /// With --jwt: start the clock at this instant (2026-12-06T10:00:00Z or Unix seconds),
    /// frozen, instead of the live wall clock
    #[arg(long, value_name = "DATE", requires = "jwt")]
    pub now: Option<String>,

    /// With --jwt: check signatures with this HMAC secret (the file's bytes, one trailing
    /// newline dropped) or PEM public key
    #[arg(long, value_name = "FILE", requires = "jwt", conflicts_with = "jwks")]
    pub key: Option<PathBuf>,

    /// With --jwt: judge with this leeway for one library, e.g. pyjwt=30 (repeatable; the
    /// others keep their default)
    #[arg(long, value_name = "NAME=SECONDS", requires = "jwt")]
    pub leeway: Vec<String>,

    /// With --jwt: check signatures with this JSON Web Key Set
    #[arg(long, value_name = "FILE", requires = "jwt")]
    pub jwks: Option<PathBuf>,
    /// Record what the app draws into FILE as an asciicast v2 file, for `asciinema play` or
    /// `agg` (a GIF)
    #[arg(long, value_name = "FILE.cast", conflicts_with_all = ["exec", "script", "handout"])]
    pub record: Option<PathBuf>,

    /// Write the manual's generated pages and pictures into DIR (the manual's src:
    /// DIR/reference/*.md, DIR/images/*.svg), then exit
    #[arg(long, value_name = "DIR", exclusive = true, hide_short_help = true)]
    pub reference: Option<PathBuf>,
}

/// `--reference DIR`: writes the manual's generated files and lists them.
pub fn write_reference(dir: &Path) -> ExitCode {
    match crate::docs::write(dir) {
        Ok(paths) => {
            let mut out = io::stdout().lock();
            for path in paths {
                let _ = writeln!(out, "wrote {}", sanitize(&path.display().to_string()));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(
            1,
            format!(
                "cannot write the reference into {}: {e}",
                sanitize(&dir.display().to_string())
            ),
        ),
    }
}

/// `--lesson list`: the built-in lessons, instead of a lesson.
pub const LIST: &str = "list";

/// An option given beside `--lesson list` or `--preset list` (which only print a list, so the
/// option would silently do nothing), as the command line names it.
pub fn beside_list(args: &Args) -> Option<&'static str> {
    let given = [
        (args.users.is_some(), "--users"),
        (args.exec.is_some(), "--exec"),
        (args.script.is_some(), "--script"),
        (args.transcript.is_some(), "--transcript"),
        (args.handout, "--handout"),
        (args.student, "--student"),
        (args.quiz, "--quiz"),
        (args.seed.is_some(), "--seed"),
        (args.record.is_some(), "--record"),
    ];
    given.into_iter().find(|(on, _)| *on).map(|(_, name)| name)
}

/// Options that cannot both act, beyond what clap's own rules refuse: an option beside a
/// `list`, and `--student` without `--handout` (clap lets that through when `--exec` is given,
/// since `--handout` could not be given with it). `None` when the command line is coherent.
pub fn cannot_mix(args: &Args) -> Option<String> {
    let lists = [
        ("--lesson", &args.lesson, "lessons"),
        ("--preset", &args.preset, "presets"),
    ];
    for (option, name, what) in lists {
        if name.as_deref() == Some(LIST)
            && let Some(other) = beside_list(args)
        {
            return Some(format!(
                "{option} list only lists the {what}; it cannot be used with {other}"
            ));
        }
    }
    if args.student && !args.handout {
        return Some(
            "--student goes with --handout: it prints a lesson's worksheet instead of the \
             teacher's handout"
                .to_owned(),
        );
    }
    if !args.jwt.is_empty() && args.seed.is_some() {
        return Some("--seed is for a scenario's random tokens; --jwt has none".to_owned());
    }
    None
}

/// The command line, or the exit code after clap's help, version or error was printed. An
/// error quotes the argument it did not take, so it goes through the sanitiser (line by line,
/// keeping clap's layout); help and version are clap's own text.
pub fn parse_args() -> Result<Args, ExitCode> {
    Args::try_parse().map_err(|e| {
        if !e.use_stderr() {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        let text = e.render().to_string();
        let mut stderr = io::stderr().lock();
        for line in text.lines() {
            let _ = writeln!(stderr, "{}", sanitize(line));
        }
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    })
}

/// The scenario's text and how errors name it: `--scenario`, a built-in `--lesson`, or the
/// built-in lesson.
fn scenario_text(args: &Args) -> Result<(Scenario, Template, String), InputError> {
    if let Some(path) = &args.scenario {
        let (scenario, template) = read_scenario(path)?;
        let name = sanitize(&path.display().to_string()).into_owned();
        return Ok((scenario, template, name));
    }
    if let Some(name) = &args.preset {
        let preset = crate::presets::find(name).ok_or_else(|| {
            let shown = script::safe_text(name);
            let names = crate::presets::PRESETS.iter().map(|p| p.name);
            let hint = match script::closest(name, names) {
                Some(close) => format!(" (did you mean '{close}'?)"),
                None => String::new(),
            };
            InputError::new(
                "--preset",
                format!("no built-in preset '{shown}'{hint}; --preset list shows them"),
            )
        })?;
        let file = preset.label();
        let (scenario, template) = read_template(preset.text, &file)?;
        return Ok((scenario, template, file));
    }
    let Some(name) = &args.lesson else {
        let (scenario, template) = read_template(LESSON_TOML, LESSON_NAME)?;
        return Ok((scenario, template, LESSON_NAME.to_owned()));
    };
    let built_in = lesson::built_in(name).ok_or_else(|| {
        let shown = script::safe_text(name);
        let hint = match script::closest(name, lesson::BUILT_IN.iter().map(|b| b.name)) {
            Some(close) => format!(" (did you mean '{close}'?)"),
            None => String::new(),
        };
        InputError::new(
            "--lesson",
            format!("no built-in lesson '{shown}'{hint}; --lesson list shows them"),
        )
    })?;
    let file = format!("lessons/{}.toml", built_in.name);
    let (scenario, template) = read_template(built_in.text, &file)?;
    Ok((scenario, template, file))
}

/// The scenario, its template and its lesson (`None` when it has no steps), with `--users`
/// replacing its users (the steps are checked against them) and `--seed` seeding its tokens.
pub fn load(args: &Args) -> Result<Loaded, InputError> {
    let (mut scenario, template, file) = scenario_text(args)?;
    let text = &*template.text;
    if let Some(seed) = args.seed {
        scenario.random = Random::seeded(seed);
    }
    let own_users = args.users.as_ref().map(|_| scenario.clone());
    if let Some(path) = &args.users {
        scenario.tokens = roster::load_roster(path)?;
        scenario.start_missing_families();
    }
    // A text without a title, minutes or steps has no lesson: not read again for one (a second
    // at 100,000 users).
    let has_lesson = template.read.as_ref().is_none_or(|read| read.places.lesson);
    let lesson = if !has_lesson {
        Ok(None)
    } else {
        lesson::parse_lesson(text, &file, &scenario)
    };
    let lesson = lesson.map_err(|e| {
        // Steps that run on the lesson's own users but not on the roster's: the roster is what
        // lacks them.
        match (&args.users, &own_users) {
            (Some(path), Some(own)) if lesson::parse_lesson(text, &file, own).is_ok() => {
                roster_lacks(path, args.lesson.as_deref(), &file, &e)
            }
            _ => e,
        }
    })?;
    // After --users, a save writes the roster afresh rather than into the scenario's text.
    let template = args.users.is_none().then_some(template);
    Ok(Loaded {
        scenario,
        template,
        lesson,
    })
}

/// The lesson's steps name users the roster at `path` lacks: said of the roster, with the step's
/// place (a built-in lesson by its name, not a path that does not exist).
fn roster_lacks(
    path: &std::path::Path,
    built_in: Option<&str>,
    file: &str,
    error: &InputError,
) -> InputError {
    let place = match (built_in, error.line) {
        (Some(name), Some(line)) => format!("the built-in lesson '{name}', line {line}"),
        (Some(name), None) => format!("the built-in lesson '{name}'"),
        (None, Some(line)) => format!("{file}, line {line}"),
        (None, None) => file.to_owned(),
    };
    InputError::new(
        path.display().to_string(),
        format!(
            "the lesson's steps name users this roster lacks ({place}: {})",
            error.message
        ),
    )
}

/// What the command line loaded.
pub struct Loaded {
    pub scenario: Scenario,
    /// The text a save edits in place (`None` after `--users`: saved afresh).
    pub template: Option<Template>,
    pub lesson: Option<Lesson>,
}

/// `--handout`: the lesson as Markdown on stdout.
pub fn print_handout(loaded: Loaded, args: &Args) -> ExitCode {
    let Some(lesson) = &loaded.lesson else {
        let preset = args.preset.as_deref().and_then(crate::presets::find);
        let what = match (&args.scenario, preset) {
            (Some(path), _) => sanitize(&path.display().to_string()).into_owned(),
            (None, Some(preset)) => preset.label(),
            (None, None) => LESSON_NAME.to_owned(),
        };
        return fail(
            2,
            format!("{what} has no [[step]] to hand out; try --lesson seed (--lesson list)"),
        );
    };
    let mut session = Session::new(loaded.scenario);
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if args.student {
        lesson::handout::write_student(&mut out, lesson, &mut session)
    } else {
        lesson::handout::write(&mut out, lesson, &mut session)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, format!("cannot write the handout: {e}")),
    }
}

fn long_after_help() -> String {
    format!("{EXAMPLES}{}\n{AFTER_HELP}", script::help_text())
}

/// The session for the app or a script, with its template when there is one.
pub fn with_template(session: Session, template: Option<Template>) -> Session {
    match template {
        Some(template) => session.with_template(template),
        None => session,
    }
}

/// Where the app's `w` saves: the `--scenario` file, but not when `--users` replaced its users
/// (saving would overwrite the scenario with the whole roster); then the app asks for a path.
pub fn app_save_path(args: &Args) -> Option<PathBuf> {
    match args.users {
        Some(_) => None,
        None => args.scenario.clone(),
    }
}

/// What errors in the script are prefixed with: the `--script` file's name, or `script` for
/// `--exec`.
fn script_label(args: &Args) -> String {
    match args.script.as_deref() {
        Some(path) if path == Path::new("-") => "standard input".to_owned(),
        Some(path) => sanitize(&path.display().to_string()).into_owned(),
        None => "script".to_owned(),
    }
}

/// The script's text and how its commands are numbered, or `None` for the interactive app.
pub fn script_text(args: &Args) -> Option<Result<(String, Source), InputError>> {
    if let Some(commands) = &args.exec {
        return Some(Ok((commands.clone(), Source::Exec)));
    }
    let path = args.script.as_deref()?;
    Some(read_script(path).map(|text| (text, Source::File)))
}

fn read_script(path: &Path) -> Result<String, InputError> {
    let (name, bytes) = if path == Path::new("-") {
        let read = input::read_stream(io::stdin().lock());
        ("standard input".to_owned(), read)
    } else {
        (path.display().to_string(), input::read(path))
    };
    let bytes =
        bytes.map_err(|e| InputError::new(&name, format!("cannot read the script: {e}")))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        InputError::new(&name, "the script is not valid UTF-8")
            .at_offset(&text, e.utf8_error().valid_up_to())
    })?;
    // A byte-order mark, as some editors write, is not part of the first command (CSV and
    // TOML files accept one too).
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Parses, checks and runs a script, printing its output on stdout and problems on stderr.
/// Returns the exit code.
pub fn run_script(
    (scenario, template): (Scenario, Option<Template>),
    text: &str,
    source: Source,
    args: &Args,
) -> ExitCode {
    let (mut session, lines) = match script::prepare_session(text, source, scenario) {
        Ok((session, lines)) => (with_template(session, template), lines),
        Err(errors) => {
            let label = script_label(args);
            let mut stderr = BufWriter::new(io::stderr().lock());
            for e in &errors {
                let _ = writeln!(
                    stderr,
                    "tokenclock: {}:{}: {}",
                    sanitize(&label),
                    e.number,
                    sanitize(&e.problem.to_string())
                );
            }
            let _ = writeln!(
                stderr,
                "tokenclock: the script has {} bad command{}; nothing was run",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            let _ = stderr.flush();
            return ExitCode::from(2);
        }
    };
    let mut transcript = match open_transcript_for(args) {
        Ok(t) => t,
        Err(e) => return fail(2, e),
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let result = script::run(&mut session, &lines, &mut out, transcript.as_mut());
    // The process ends next: freeing a million users one by one would only make it end later.
    std::mem::forget(session);
    let flushed = transcript.as_mut().map_or(Ok(()), Transcript::flush);
    match (result, flushed) {
        (Err(RunError::Save { number, error }), _) => {
            let hint = script::no_steps_hint(&error);
            fail(1, format!("{}:{number}: {error}{hint}", script_label(args)))
        }
        (Err(e), _) => fail(e.exit_code(), e),
        (Ok(()), Err(e)) => fail(1, format!("cannot write the transcript: {e}")),
        (Ok(()), Ok(())) => ExitCode::SUCCESS,
    }
}

/// The `--transcript` file opened for appending, with a first line naming the scenario.
pub fn open_transcript_for(args: &Args) -> Result<Option<Transcript>, InputError> {
    args.transcript
        .as_deref()
        .map(|path| open_transcript(path, args))
        .transpose()
}

/// Refuses to write `output` (the transcript or the recording) into one of the input files:
/// it would corrupt it. The same file under another name (a link, `./`) counts too.
fn refuse_inputs(
    path: &Path,
    output: &str,
    inputs: &[(&str, &Option<PathBuf>)],
) -> Result<(), InputError> {
    let name = sanitize(&path.display().to_string()).into_owned();
    for (what, input) in inputs {
        let named = input.as_deref().filter(|input| *input != Path::new("-"));
        if let Some(input) = named.filter(|input| same_file(path, input)) {
            let input = input.display().to_string();
            return Err(InputError::new(
                &name,
                format!(
                    "the {output} would be written into the {what} file {}; choose another file",
                    sanitize(&input)
                ),
            ));
        }
    }
    Ok(())
}

/// The `--record` file, created (or emptied) before the app starts.
pub fn open_recording_for(args: &Args) -> Result<Option<Recording>, InputError> {
    let Some(path) = args.record.as_deref() else {
        return Ok(None);
    };
    let inputs = [
        ("scenario", &args.scenario),
        ("roster", &args.users),
        ("transcript", &args.transcript),
    ];
    refuse_inputs(path, "recording", &inputs)?;
    let name = sanitize(&path.display().to_string()).into_owned();
    Recording::create(path)
        .map(Some)
        .map_err(|e| InputError::new(&name, format!("cannot write the recording: {e}")))
}

fn open_transcript(path: &Path, args: &Args) -> Result<Transcript, InputError> {
    let name = sanitize(&path.display().to_string()).into_owned();
    let inputs = [
        ("scenario", &args.scenario),
        ("roster", &args.users),
        ("script", &args.script),
    ];
    refuse_inputs(path, "transcript", &inputs)?;
    let error = |e: io::Error| InputError::new(&name, format!("cannot write the transcript: {e}"));
    let mut transcript = Transcript::open(path).map_err(error)?;
    let on = match (&args.scenario, &args.lesson) {
        (Some(p), _) => p.display().to_string(),
        (None, Some(name)) => format!("lesson {name}"),
        (None, None) => match &args.preset {
            Some(name) => format!("preset {name}"),
            None => LESSON_NAME.to_owned(),
        },
    };
    let users = match &args.users {
        Some(p) => format!(", users from {}", p.display()),
        None => String::new(),
    };
    transcript
        .record(&format!(
            "# tokenclock {} on {on}{users}",
            env!("CARGO_PKG_VERSION")
        ))
        .map_err(error)?;
    Ok(transcript)
}

/// Prints `tokenclock: MESSAGE` on stderr (never panicking if stderr is gone) and returns `code`.
/// The message goes through the sanitiser: it may quote a path, a file's key or an OS error.
pub fn fail(code: u8, message: impl Display) -> ExitCode {
    let message = message.to_string();
    let mut stderr = io::stderr().lock();
    // A message listing several errors has one a line; each gets the prefix and the sanitiser.
    for line in message.lines().chain(message.is_empty().then_some("")) {
        let _ = writeln!(stderr, "tokenclock: {}", sanitize(line));
    }
    ExitCode::from(code)
}

/// `--jwt`: decodes the tokens (and checks their signatures with `--key` or `--jwks`), then
/// runs the script (`show`, `time`, `advance`, `rewind`) or opens the JWT screen.
pub fn inspect_jwt(args: &Args) -> ExitCode {
    use crate::jwt::{Entry, inspect, script as jwt_script, verify};
    let keys = match (&args.key, &args.jwks) {
        (Some(path), _) => verify::read_key(path).map(Some),
        (None, Some(path)) => verify::read_jwks(path).map(Some),
        (None, None) => Ok(None),
    };
    let keys = match keys {
        Ok(keys) => keys,
        Err(e) => return fail(2, e),
    };
    let mut leeways = crate::jwt::libraries::Leeways::default();
    for spec in &args.leeway {
        if let Err(e) = leeways.add(spec) {
            return fail(2, format!("--leeway: {e}"));
        }
    }
    let mut tokens = Vec::new();
    for given in &args.jwt {
        if given != "-" {
            tokens.push(given.clone());
            continue;
        }
        if args.script.as_deref() == Some(Path::new("-")) {
            return fail(2, "--jwt - and --script - cannot both read standard input");
        }
        match input::read_stream(io::stdin().lock()) {
            Ok(bytes) => tokens.extend(inspect::tokens_in(&String::from_utf8_lossy(&bytes))),
            Err(e) => return fail(2, format!("standard input: cannot read the tokens: {e}")),
        }
    }
    if tokens.is_empty() {
        return fail(2, "--jwt: no token given (standard input was empty)");
    }
    let entries: Vec<Entry> = tokens
        .iter()
        .map(|token| Entry::new(token, keys.as_ref()))
        .collect();
    drop(tokens);
    let now = match &args.now {
        Some(text) => match jwt_script::parse_instant(text) {
            Ok(now) => now,
            Err(e) => return fail(2, format!("--now: {e}")),
        },
        None => crate::tui::wall_clock_seconds(),
    };
    match script_text(args) {
        None => {
            let screen = crate::tui::app::jwt::JwtScreen::new(entries, now, args.now.is_none())
                .with_leeways(leeways);
            let recording = match open_recording_for(args) {
                Ok(recording) => recording,
                Err(e) => return fail(2, e),
            };
            match crate::tui::run_jwt(screen, recording) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(1, format!("{e:#}")),
            }
        }
        Some(Err(e)) => fail(2, e),
        Some(Ok((text, _))) => {
            let bad: Vec<String> = entries
                .iter()
                .enumerate()
                .filter_map(|(i, entry)| match entry {
                    Entry::Bad(e) => Some(format!("token {}: {e}", i + 1)),
                    Entry::Read { .. } => None,
                })
                .collect();
            if !bad.is_empty() {
                return fail(2, bad.join("\n"));
            }
            let commands = match jwt_script::parse(&text) {
                Ok(commands) => commands,
                Err(errors) => {
                    let label = script_label(args);
                    let lines: Vec<String> = errors
                        .iter()
                        .map(|e| format!("{label}:{}: {}", e.number, e.error))
                        .collect();
                    return fail(2, lines.join("\n"));
                }
            };
            let mut out = BufWriter::new(io::stdout().lock());
            match jwt_script::run(&entries, &leeways, &commands, now, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(1, format!("cannot write the output: {e}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_argument_definitions_are_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn the_app_saves_to_the_scenario_unless_a_roster_replaced_its_users() {
        let args = Args::parse_from(["tokenclock", "--scenario", "s.toml"]);
        assert_eq!(app_save_path(&args), Some(PathBuf::from("s.toml")));
        let args = Args::parse_from(["tokenclock", "--scenario", "s.toml", "--users", "r.csv"]);
        assert_eq!(app_save_path(&args), None);
        assert_eq!(app_save_path(&Args::parse_from(["tokenclock"])), None);
    }

    #[test]
    fn exec_and_script_conflict() {
        let err = Args::try_parse_from(["tokenclock", "--exec", "show", "--script", "x"]);
        assert_eq!(
            err.unwrap_err().kind(),
            clap::error::ErrorKind::ArgumentConflict
        );
    }
}
