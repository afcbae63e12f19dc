use super::*;
use crate::domain::{Op, PolicyChange};

fn op(op: Op) -> Command {
    Command::Op(op)
}

fn parse(text: &str) -> Vec<Command> {
    parse_script(text, Source::File)
        .unwrap()
        .into_iter()
        .map(|l| l.command)
        .collect()
}

fn errors(text: &str, source: Source) -> Vec<String> {
    parse_script(text, source)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn every_command_parses() {
    let script = "refresh alice\nrefresh-all\nadvance 10\nrewind 5\ntime 120\nshow\nundo\nredo\n\
                  add dave tok-1 300\nremove bob\nset-expiry carol 90\npolicy boundary rfc7519\n\
                  policy early 5\npolicy leeway 60\nsave out.toml\nhelp";
    assert_eq!(
        parse(script),
        [
            op(Op::Refresh("alice".into())),
            op(Op::RefreshAll),
            op(Op::Advance(10)),
            op(Op::Rewind(5)),
            op(Op::SetTime(120)),
            Command::Show,
            op(Op::Undo),
            op(Op::Redo),
            op(Op::Add {
                user: "dave".into(),
                token: "tok-1".into(),
                expiry: 300
            }),
            op(Op::Remove("bob".into())),
            op(Op::SetExpiry {
                user: "carol".into(),
                expiry: 90
            }),
            op(Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Boundary(crate::domain::Boundary::Rfc7519)
            ))),
            op(Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Early(5)
            ))),
            op(Op::Policy(PolicyChange::Set(
                crate::domain::settings::SettingValue::Leeway(60)
            ))),
            Command::Save("out.toml".into()),
            Command::Help,
        ]
    );
}

#[test]
fn a_commands_words_are_kept_for_the_transcript() {
    for line in [
        "refresh alice",
        "refresh-all",
        "advance 10",
        "time 0",
        "add dave tok 3",
        "set-expiry carol 90",
        "policy boundary lesson",
        "policy leeway 60",
        "save a.toml",
    ] {
        let spaced = format!("  {}  ", line.replace(' ', "   "));
        assert_eq!(parse_script(&spaced, Source::File).unwrap()[0].text, line);
    }
}

#[test]
fn blank_lines_comments_and_semicolons() {
    let script =
        "# a demo\n\n  refresh alice  # the lesson\nadvance 1; refresh bob;;\nadd x ab#1 5";
    assert_eq!(
        parse(script),
        [
            op(Op::Refresh("alice".into())),
            op(Op::Advance(1)),
            op(Op::Refresh("bob".into())),
            op(Op::Add {
                user: "x".into(),
                token: "ab#1".into(),
                expiry: 5
            }),
        ]
    );
}

#[test]
fn a_comment_ends_at_the_next_semicolon() {
    assert_eq!(
        parse_script("refresh alice # the lesson; refresh bob", Source::Exec).unwrap(),
        [
            Line {
                number: 1,
                spec: crate::registry::spec("refresh"),
                command: op(Op::Refresh("alice".into())),
                text: "refresh alice".into(),
            },
            Line {
                number: 2,
                spec: crate::registry::spec("refresh"),
                command: op(Op::Refresh("bob".into())),
                text: "refresh bob".into(),
            },
        ]
    );
}

#[test]
fn every_bad_line_is_reported_with_its_number() {
    let script = "refresh alice\nrefesh bob\nadvance\nadvance -5\nadvance ten\n\
                  time 99999999999999999999\nshow all\nrefresh\nfrobnicate\npolicy bondary x\n\
                  policy boundary strict\nrefresh alice bob";
    assert_eq!(
        errors(script, Source::File),
        [
            "script:2: unknown command 'refesh' (did you mean 'refresh'?)",
            "script:3: missing N (usage: advance N)",
            "script:4: '-5' is negative; ticks are 0 or more",
            "script:5: 'ten' is not a whole number of ticks",
            "script:6: '99999999999999999999' is too large (the most is 18446744073709551615)",
            "script:7: extra arguments 'all' ('show' takes no arguments)",
            "script:8: missing USER (usage: refresh USER)",
            "script:9: unknown command 'frobnicate' (try 'help')",
            "script:10: unknown policy setting 'bondary' (did you mean 'boundary'?)",
            "script:11: unknown boundary 'strict'; valid ones: lesson, rfc7519",
            "script:12: extra arguments 'bob' (usage: refresh USER)",
        ]
    );
}

#[test]
fn exec_numbers_count_commands() {
    assert_eq!(
        errors("refresh alice; refesh bob\nadvance x", Source::Exec),
        [
            "script:2: unknown command 'refesh' (did you mean 'refresh'?)",
            "script:3: 'x' is not a whole number of ticks",
        ]
    );
}

#[test]
fn untrusted_text_is_escaped_in_errors() {
    let errs = errors(
        "re\u{1b}[31mfresh alice\nadd al\u{202e}ice t 1",
        Source::File,
    );
    assert_eq!(
        errs[0],
        "script:1: unknown command 're\\u{1b}[31mfresh' (try 'help')"
    );
    assert!(errs[1].starts_with("script:2: user name contains a bidirectional control"));
    for e in &errs {
        assert!(!e.chars().any(crate::domain::text::is_unsafe), "{e:?}");
    }
}

#[test]
fn add_checks_names_and_tokens() {
    let errs = errors("add dave \u{7}x 5\nadd a b c d", Source::File);
    assert_eq!(
        errs[0],
        "script:1: token contains a control character U+0007 at character 1"
    );
    assert_eq!(
        errs[1],
        "script:2: extra arguments 'd' (usage: add USER TOKEN EXPIRY)"
    );
}

#[test]
fn closest_finds_near_misses_only() {
    assert_eq!(closest("refesh", crate::registry::names()), Some("refresh"));
    assert_eq!(closest("advnce", crate::registry::names()), Some("advance"));
    assert_eq!(closest("xyzzy", crate::registry::names()), None);
}

/// The script layer's errors are typed, each naming what was given; their words are the ones
/// scripts have always printed.
#[test]
fn parse_errors_are_typed_and_name_what_was_given() {
    assert_eq!(
        parse_command(&["refesh", "alice"]),
        Err(ParseError::UnknownCommand {
            word: "refesh".into(),
            close: Some("refresh"),
        })
    );
    let cases: [(&[&str], &str); 5] = [
        (&["xyzzy"], "unknown command 'xyzzy' (try 'help')"),
        (
            &["refesh"],
            "unknown command 'refesh' (did you mean 'refresh'?)",
        ),
        (&["advance"], "missing N (usage: advance N)"),
        (
            &["undo", "now"],
            "extra arguments 'now' ('undo' takes no arguments)",
        ),
        (&["traffic", "maybe"], "'maybe' is not on or off"),
    ];
    for (words, said) in cases {
        assert_eq!(
            parse_command(words).unwrap_err().to_string(),
            said,
            "{words:?}"
        );
    }
    assert!(matches!(
        parse_command(&["policy", "nope", "1"]),
        Err(ParseError::UnknownSetting { given, close: None, .. }) if given == "nope"
    ));
}
