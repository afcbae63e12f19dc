//! Issue 17: options that cannot both act are refused (exit 2) and say which, as `--lesson
//! list --exec show` is: `--preset list` beside anything, `--student` without `--handout`
//! (clap lets it through beside `--exec`), `--seed` with `--jwt`. And `--handout` on a preset
//! names the preset, not the built-in lesson.

#[path = "support/cli.rs"]
mod cli;

/// Each command line is refused with exit 2, nothing on stdout, and exactly `said` on stderr.
fn refused(args: &[&str], said: &str) {
    let (code, stdout, stderr) = cli::run(args);
    assert_eq!(code, Some(2), "{args:?}: {stderr}");
    assert!(stdout.is_empty(), "{args:?}: {stdout}");
    assert_eq!(stderr, format!("tokenclock: {said}\n"), "{args:?}");
}

#[test]
fn preset_list_refuses_options_it_would_ignore() {
    for extra in [
        &["--exec", "show"][..],
        &["--script", "x.txt"],
        &["--handout"],
        &["--quiz"],
        &["--users", "class.csv"],
        &["--transcript", "t.txt"],
        &["--seed", "1"],
        &["--record", "demo.cast"],
    ] {
        let mut args = vec!["--preset", "list"];
        args.extend_from_slice(extra);
        refused(
            &args,
            &format!(
                "--preset list only lists the presets; it cannot be used with {}",
                extra[0]
            ),
        );
    }
    let (code, stdout, _) = cli::run(&["--preset", "list"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("lesson "), "{stdout}");
}

#[test]
fn lesson_list_refuses_a_recording_it_would_not_make() {
    refused(
        &["--lesson", "list", "--record", "demo.cast"],
        "--lesson list only lists the lessons; it cannot be used with --record",
    );
}

#[test]
fn student_without_handout_is_refused_even_beside_a_script() {
    let said = "--student goes with --handout: it prints a lesson's worksheet instead of the \
                teacher's handout";
    refused(&["--student", "--exec", "show"], said);
    refused(&["--lesson", "seed", "--student", "--exec", "show"], said);
    refused(&["--quiz", "--student"], said);
}

#[test]
fn seed_beside_jwt_is_refused() {
    refused(
        &["--jwt", "a.b.c", "--seed", "4", "--exec", "show"],
        "--seed is for a scenario's random tokens; --jwt has none",
    );
}

#[test]
fn a_handout_of_a_preset_without_steps_names_the_preset() {
    refused(
        &["--preset", "rotation", "--handout"],
        "preset rotation has no [[step]] to hand out; try --lesson seed (--lesson list)",
    );
}
