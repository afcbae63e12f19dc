//! The real binary with lessons: `--lesson list`, `--handout` against committed golden files,
//! bad lesson files (file:line:column, exit 2) and `--seed`.

use std::process::{Command, Output, Stdio};

fn tokenclock(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> &str {
    std::str::from_utf8(&out.stderr).unwrap()
}

#[test]
fn lesson_list_names_every_built_in_lesson_and_only_those_in_the_courses_order() {
    let out = tokenclock(&["--lesson", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let (course, further) = text
        .split_once("Further lessons, not in the course (9 minutes more):\n")
        .unwrap();
    let (lessons, total) = course.trim_end().rsplit_once('\n').unwrap();
    let names = |lines: &str| -> Vec<String> {
        lines
            .lines()
            .map(|l| l.split_whitespace().next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(lessons),
        [
            "seed",
            "boundary",
            "rotation",
            "revoke",
            "validators",
            "two-tabs",
        ]
    );
    assert_eq!(names(further), ["skew", "lost-response"]);
    assert!(lessons.starts_with("seed            6 steps   4 min  the lesson's four steps"));
    assert_eq!(
        total,
        "In this order, a course of 42 minutes: tokenclock --lesson NAME"
    );
}

#[test]
fn an_unknown_lesson_is_bad_input_with_a_suggestion() {
    let out = tokenclock(&["--lesson", "sed", "--handout"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "tokenclock: --lesson: no built-in lesson 'sed' (did you mean 'seed'?); --lesson list shows them\n"
    );
    assert!(out.stdout.is_empty());
}

/// The students' worksheets are exactly the committed files (regenerate them with
/// `tokenclock --lesson NAME --handout --student > tests/handouts/NAME-student.md`), and hold
/// no answer, outcome, status or note.
#[test]
fn student_worksheets_match_the_golden_files_and_give_nothing_away() {
    for built_in in tokenclock::lesson::BUILT_IN {
        let name = built_in.name;
        let out = tokenclock(&["--lesson", name, "--handout", "--student"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let golden = std::fs::read_to_string(format!("tests/handouts/{name}-student.md")).unwrap();
        let text = stdout(&out);
        assert_eq!(text, golden, "{name}");
        for giveaway in [
            "**Answer:**",
            "```text",
            "Refreshed token for alice: newtoken123",
            "still valid:",
            "| valid |",
            "expired 1",
            "> ",
        ] {
            assert!(!text.contains(giveaway), "{name}: {giveaway}");
        }
        assert!(
            text.contains("**Predict:**") && text.contains("Why: ___"),
            "{name}"
        );
    }
    // The teacher's handout is the default.
    let out = tokenclock(&["--student", "--lesson", "seed"]);
    assert_eq!(out.status.code(), Some(2), "--student needs --handout");
}

/// The handouts are exactly the committed files (regenerate them with
/// `tokenclock --lesson NAME --handout > tests/handouts/NAME.md` and read the difference).
#[test]
fn handouts_match_the_golden_files() {
    for name in tokenclock::lesson::BUILT_IN.iter().map(|b| b.name) {
        let out = tokenclock(&["--lesson", name, "--handout"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let golden = std::fs::read_to_string(format!("tests/handouts/{name}.md")).unwrap();
        assert_eq!(stdout(&out), golden, "{name}");
    }
}

#[test]
fn the_seed_handout_ends_step_4_with_the_lessons_exact_line_and_its_table() {
    let out = tokenclock(&["--lesson", "seed", "--handout"]);
    let text = stdout(&out);
    let step4 = text.split("## Step 4 of 6").nth(1).unwrap();
    let step4 = step4.split("## Step 5").next().unwrap();
    assert!(step4.contains("    refresh alice\n"));
    assert!(step4.contains("```text\nRefreshed token for alice: newtoken123\n```\n"));
    assert!(step4.contains("**Answer:** refreshed"));
    assert!(step4.contains("| alice | newtoken123 | 220 | 100 | valid |"));
}

#[test]
fn a_scenario_file_with_steps_is_a_lesson_and_a_bad_step_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("mine.toml");
    std::fs::write(
        &good,
        "title = \"Mine\"\ncurrent_time = 5\n[tokens]\nzoe = { token = \"z\", expiry = 4 }\n\
         [[step]]\nsay = \"Zoe.\"\ndo = \"refresh zoe\"\nask = \"New?\"\n",
    )
    .unwrap();
    let out = tokenclock(&["--scenario", good.to_str().unwrap(), "--handout"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("# Mine\n"));
    assert!(stdout(&out).contains("Refreshed token for zoe: newtoken123"));

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "current_time = 5\n[tokens]\nzoe = { token = \"z\", expiry = 4 }\n\
         [[step]]\nsay = \"Gone.\"\ndo = \"remove zoe\"\n[[step]]\nsay = \"Again.\"\ndo = \"refresh zoe\"\n",
    )
    .unwrap();
    let path = bad.to_str().unwrap();
    for args in [
        vec!["--scenario", path, "--handout"],
        vec!["--scenario", path, "--exec", "show"],
    ] {
        let out = tokenclock(&args);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            format!(
                "tokenclock: {path}:9:6: 'refresh zoe' cannot be done at this point of the lesson: unknown user 'zoe'\n"
            )
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_handout_needs_steps() {
    let out = tokenclock(&["--handout"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "tokenclock: built-in lesson has no [[step]] to hand out; try --lesson seed (--lesson list)\n"
    );
    // A scenario file without steps is named, escaped like every path.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no\u{1b}[2Jsteps.toml");
    std::fs::copy("assets/boundary.toml", &path).unwrap();
    let out = tokenclock(&["--scenario", path.to_str().unwrap(), "--handout"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no\\u{1b}[2Jsteps.toml has no [[step]] to hand out"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

/// Random tokens come out the same for the same `--seed`, in the handout and in scripts, and
/// differently for another seed (or none).
#[test]
fn seed_makes_random_tokens_the_same_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("random.toml");
    std::fs::write(
        &file,
        "current_time = 120\n[refresh]\nnew_token = { random_bytes = 16 }\n[tokens]\n\
         alice = { token = \"a\", expiry = 100 }\ncarol = { token = \"c\", expiry = 50 }\n\
         [[step]]\nsay = \"Both.\"\ndo = \"refresh-all\"\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["--scenario", path];
        args.extend_from_slice(extra);
        let out = tokenclock(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out).to_owned()
    };
    for mode in [&["--handout"][..], &["--exec", "refresh-all"][..]] {
        let with = |seed: &str| {
            let mut args = mode.to_vec();
            args.extend(["--seed", seed]);
            run(&args)
        };
        assert_eq!(with("7"), with("7"), "{mode:?}");
        assert_ne!(with("7"), with("8"), "{mode:?}");
        assert_ne!(
            run(mode),
            run(mode),
            "{mode:?}: without a seed, from the OS"
        );
    }
    let tokens = run(&["--exec", "refresh-all", "--seed", "7"]);
    let lines: Vec<&str> = tokens.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_ne!(lines[0].rsplit(' ').next(), lines[1].rsplit(' ').next());
}

#[test]
fn handout_and_quiz_do_not_mix_with_scripts() {
    for args in [
        &["--lesson", "seed", "--handout", "--exec", "show"][..],
        &["--quiz", "--exec", "show"][..],
        &["--lesson", "seed", "--scenario", "x.toml"][..],
    ] {
        let out = tokenclock(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        // Refused for mixing, not for anything else (x.toml does not exist either).
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot be used with"), "{args:?}: {err}");
    }
}

/// Issue 17: `--lesson list` only lists, so an option beside it that would do nothing is
/// refused (exit 2), as other options that cannot both act are.
#[test]
fn lesson_list_refuses_options_it_would_ignore() {
    for extra in [
        &["--exec", "show"][..],
        &["--script", "x.txt"],
        &["--handout"],
        &["--quiz"],
        &["--users", "class.csv"],
        &["--transcript", "t.txt"],
        &["--seed", "1"],
    ] {
        let mut args = vec!["--lesson", "list"];
        args.extend_from_slice(extra);
        let out = tokenclock(&args);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            stderr(&out),
            format!(
                "tokenclock: --lesson list only lists the lessons; it cannot be used with {}\n",
                extra[0]
            )
        );
    }
}

/// Issue 16: a lesson's handout grades a refused refresh "refused" (not "still valid") and may
/// ask what the attacker's replay gets.
#[test]
fn a_handout_grades_a_refused_refresh_and_a_replay_by_what_happened() {
    let path = format!(
        "{}/tests/handouts/revoked-family.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = tokenclock(&["--scenario", &path, "--handout"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let step2 = text.split("## Step 2 of 3").nth(1).unwrap();
    assert!(
        step2.contains("(refreshed or still valid or refused)"),
        "{step2}"
    );
    assert!(step2.contains("Refresh failed for alice: refresh token revoked"));
    assert!(step2.contains("**Answer:** refused"), "{step2}");
    let step3 = text.split("## Step 3 of 3").nth(1).unwrap();
    assert!(
        step3.contains("**Answer:** the attacker is refused"),
        "{step3}"
    );
}

/// Issue 17: a built-in lesson with a roster that lacks its users says so, of the roster, and
/// names the lesson, not a path that does not exist.
#[test]
fn a_roster_without_the_lessons_users_is_named_as_the_cause() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--lesson",
            "seed",
            "--users",
            "assets/class.csv",
            "--handout",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "tokenclock: assets/class.csv: the lesson's steps name users this roster lacks (the \
         built-in lesson 'seed', line 34: the question cannot be asked here: unknown user \
         'alice')\n"
    );
    assert!(out.stdout.is_empty());
}

/// The teaching chapter shows `--lesson list` as it prints, the course and the further lessons.
#[test]
fn the_manuals_lesson_list_is_what_the_binary_prints() {
    let out = tokenclock(&["--lesson", "list"]);
    let shown: String = stdout(&out).lines().map(|l| format!("    {l}\n")).collect();
    let manual = include_str!("../docs/src/teaching.md");
    assert!(
        manual.contains(&format!("    $ tokenclock --lesson list\n{shown}")),
        "{shown}"
    );
}
