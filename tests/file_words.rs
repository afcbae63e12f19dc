//! Issue 17 ("clear errors for every bad input"): a value of the wrong shape anywhere in a
//! scenario or lesson file is said in the file's words, never as a Rust type (`struct
//! EarlierSection`, `i64`, `as i128`), through the real binary as a teacher meets it.

#[path = "support/cli.rs"]
mod cli;

/// The error `--scenario FILE --exec show` gives for `text` (exit 2, nothing on stdout), with
/// the temporary path written as `s.toml`.
fn bad(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let (code, stdout, stderr) = cli::run(&["--scenario", path, "--exec", "show"]);
    assert_eq!(code, Some(2), "{text}\n{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    stderr.replace(path, "s.toml")
}

const MODEL: &str = "current_time = 0\n[oauth]\n[tokens]\na = { token = \"t\", expiry = 5 }\n";

/// Words of Rust, not of the file: a type's name or a primitive's, or serde's names for TOML's
/// tables and arrays.
fn speaks_rust(error: &str) -> bool {
    [
        "struct ",
        "Section",
        "Entry",
        "i64",
        "i128",
        "u64",
        "u128",
        "a map",
        "a sequence",
    ]
    .iter()
    .any(|word| error.contains(word))
}

#[test]
fn an_earlier_family_of_the_wrong_shape_says_what_one_looks_like() {
    let e = bad(&format!(
        "{MODEL}[family.a]\nlogin = 0\nrefresh = \"r\"\nearlier = [5]\n"
    ));
    assert_eq!(
        e,
        "tokenclock: s.toml:8:12: invalid type: integer `5`, expected an earlier login: \
         [[family.NAME.earlier]] with login = N and refresh = \"…\"\n"
    );
}

#[test]
fn a_step_of_the_wrong_shape_says_what_a_step_looks_like() {
    let e = bad("current_time = 0\nstep = [5]\n[tokens]\na = { token = \"t\", expiry = 5 }\n");
    assert!(
        e.starts_with("tokenclock: s.toml:2:9: ")
            && e.contains("expected a step: [[step]] with say = \"…\""),
        "{e}"
    );
    assert!(!speaks_rust(&e), "{e}");
}

#[test]
fn minutes_that_are_not_a_whole_number_say_the_lessons_range() {
    let steps = "[tokens]\na = { token = \"t\", expiry = 5 }\n[[step]]\nsay = \"Hi.\"\n";
    for (value, column) in [("1e3", 11), ("\"8\"", 11), ("2.5", 11)] {
        let e = bad(&format!("current_time = 0\nminutes = {value}\n{steps}"));
        assert_eq!(
            e,
            format!(
                "tokenclock: s.toml:2:{column}: minutes is the lesson's length, a whole number \
                 from 1 to 480\n"
            ),
            "{value}"
        );
    }
    // A whole number out of range keeps its own words.
    let e = bad(&format!("current_time = 0\nminutes = -1\n{steps}"));
    assert!(
        e.contains("s.toml:2:11: minutes is the lesson's length, from 1 to 480"),
        "{e}"
    );
}

/// The skews, in a file this time: past i64's range either way, and a float.
#[test]
fn a_skew_in_a_file_is_refused_as_a_script_refuses_it() {
    let clients =
        |skew: &str| format!("{MODEL}[clients]\na = [{{ name = \"t1\", skew = {skew} }}]\n");
    for big in ["-99999999999999999999", "99999999999999999999"] {
        let e = bad(&clients(big));
        assert_eq!(
            e,
            format!(
                "tokenclock: s.toml:6:28: '{big}' is too large for a clock offset \
                 (from -9223372036854775808 to 9223372036854775807)\n"
            )
        );
    }
    let e = bad(&clients("1e3"));
    assert_eq!(
        e,
        "tokenclock: s.toml:6:28: 1000 is a decimal number; floats are not accepted, write a \
         whole number of ticks\n"
    );
}

/// i64's whole range, in a file and a script alike: the most negative offset is accepted by
/// both (the script's words used to start the range one above it).
#[test]
fn the_most_negative_skew_is_accepted_in_a_file_and_a_script() {
    let most = "-9223372036854775808";
    let path = format!("{}/assets/two-tabs.toml", env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, stderr) = cli::run(&[
        "--scenario",
        &path,
        "--exec",
        &format!("skew nograce tab1 {most}; show"),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("nograce"), "{stdout}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(
        &file,
        format!("{MODEL}[clients]\na = [{{ name = \"t1\", skew = {most} }}]\n"),
    )
    .unwrap();
    let (code, _, stderr) = cli::run(&["--scenario", file.to_str().unwrap(), "--exec", "show"]);
    assert_eq!(code, Some(0), "{stderr}");
}

/// A generation that could not grow at the next rotation is refused, as the counters are (it
/// used to stay at 18446744073709551615 through a rotation: two generations with one number).
#[test]
fn a_generation_that_could_not_grow_is_refused() {
    let family = |generation: &str| {
        format!("{MODEL}[family.a]\nlogin = 0\nrefresh = \"r\"\ngeneration = {generation}\n")
    };
    let e = bad(&family("18446744073709551615"));
    assert_eq!(
        e,
        "tokenclock: s.toml:8:14: generation 18446744073709551615 is out of range: a generation \
         is 1 or more (1 at login) and at most 9223372036854775807, so that it can grow at each \
         rotation\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(&file, family("9223372036854775807")).unwrap();
    let (code, stdout, stderr) = cli::run(&[
        "--scenario",
        file.to_str().unwrap(),
        "--exec",
        "policy rotation on; advance 10; refresh a; show",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("9223372036854775808"),
        "grew by one: {stdout}"
    );
}

/// Every table and inline table of the format, given a number instead: each error says what
/// was expected in the file's words.
#[test]
fn every_part_of_the_file_given_a_number_speaks_the_files_words() {
    let family = "[family.a]\nlogin = 0\nrefresh = \"r\"\n";
    let steps = "[[step]]\nsay = \"Hi.\"\n";
    let cases = [
        "current_time = 0\ntokens = 5\n".to_owned(),
        "current_time = 0\nrefresh = 5\n[tokens]\n".to_owned(),
        "current_time = 0\noauth = 5\n[tokens]\n".to_owned(),
        "current_time = 0\nclients = 5\n[oauth]\n[tokens]\n".to_owned(),
        "current_time = 0\nfamily = 5\n[oauth]\n[tokens]\n".to_owned(),
        "current_time = 0\nstep = 5\n[tokens]\n".to_owned(),
        "current_time = 0\nstep = [5]\n[tokens]\n".to_owned(),
        "current_time = 0\ntitle = 5\n[tokens]\n".to_owned(),
        format!("current_time = 0\nminutes = 1.5\n[tokens]\n{steps}"),
        "current_time = 0\n[tokens]\na = 5\n".to_owned(),
        "current_time = 0\n[tokens]\na = { token = 5, expiry = 5 }\n".to_owned(),
        format!("{MODEL}[clients]\na = 5\n"),
        format!("{MODEL}[clients]\na = [5]\n"),
        format!("{MODEL}[family]\na = 5\n"),
        format!("{MODEL}{family}revoked = 5\n"),
        format!("{MODEL}{family}attacker = 5\n"),
        format!("{MODEL}{family}counters = 5\n"),
        format!("{MODEL}{family}used = 5\n"),
        format!("{MODEL}{family}earlier = 5\n"),
        format!("{MODEL}{family}earlier = [5]\n"),
        format!("{MODEL}{family}generation = 1.5\n"),
        format!("{MODEL}[clients]\na = [{{ name = \"t1\", skew = 99999999999999999999 }}]\n"),
        "current_time = 0\n[tokens]\na = { token = \"t\", expiry = 5 }\n[[step]]\nsay = 5\n"
            .to_owned(),
    ];
    for text in cases {
        let e = bad(&text);
        assert!(!speaks_rust(&e), "{text}\n{e}");
    }
}

/// Issue 17's `[[oauth]]`: alone it is a table of settings written with double brackets; beside
/// an `[oauth]` table (or any table written twice) the header says which table repeats.
#[test]
fn a_table_written_twice_is_named_by_its_header() {
    let e = bad("current_time = 0\n[[oauth]]\n[tokens]\n");
    assert_eq!(
        e,
        "tokenclock: s.toml:2:1: a table of settings is written once with single brackets, e.g. \
         [oauth], not [[oauth]]\n"
    );
    for (header, column) in [("[[oauth]]", 3), ("[oauth]  # again", 2)] {
        let e = bad(&format!("current_time = 0\n[oauth]\n[tokens]\n{header}\n"));
        let shown = header.split('#').next().unwrap().trim();
        assert_eq!(
            e,
            format!(
                "tokenclock: s.toml:4:{column}: duplicate key oauth: {shown} repeats a table \
                 already in the file; each table is written once\n"
            )
        );
    }
    let e = bad(&format!("{MODEL}[family.a]\nlogin = 0\n[family.a]\n"));
    assert!(
        e.contains("s.toml:7:9: duplicate key a: [family.a] repeats a table"),
        "{e}"
    );
    // A user written twice is not a table: the words stay the users' and settings'.
    let e = bad(&format!("{MODEL}a = {{ token = \"t\", expiry = 5 }}\n"));
    assert!(
        e.contains("duplicate key a: each user and each setting appears once"),
        "{e}"
    );
}

/// A lesson's `minutes` in a file without steps would be silently unused (`minutes = -1`
/// loaded): refused as a `title` without steps is.
#[test]
fn minutes_without_steps_are_refused_as_a_title_is() {
    for value in ["-1", "8"] {
        let e = bad(&format!(
            "current_time = 0\nminutes = {value}\n[tokens]\na = {{ token = \"t\", expiry = 5 }}\n"
        ));
        assert_eq!(
            e,
            "tokenclock: s.toml:2:11: minutes with no [[step]]: a lesson needs at least one step\n"
        );
    }
}
