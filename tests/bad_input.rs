//! Every kind of broken scenario or roster gets a message naming the file, the line and the fault.

use tokenclock::domain::{Boundary, NewToken, Scenario, Token};
use tokenclock::files::parse_scenario;
use tokenclock::files::roster::read_roster;

const GOOD_TOKENS: &str = "[tokens]\nalice = { token = \"abc123\", expiry = 100 }\n";

fn scenario_error(text: &str) -> String {
    match parse_scenario(text, "s.toml") {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn roster_error(text: &str) -> String {
    match read_roster(text.as_bytes(), "r.csv", 0) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_embedded_lesson_is_exactly_the_lesson() {
    let lesson = Scenario::lesson();
    assert_eq!(lesson.now(), 120);
    let users: Vec<_> = lesson.tokens.iter().map(|(n, t)| (n, t.owned())).collect();
    assert_eq!(
        users,
        [
            ("alice", Token::new("abc123", 100)),
            ("bob", Token::new("def456", 200)),
            ("carol", Token::new("ghi789", 50)),
        ]
    );
    assert_eq!(lesson.policy.ttl, 100);
    assert_eq!(
        lesson.policy.new_token,
        NewToken::Literal("newtoken123".into())
    );
    assert_eq!(lesson.policy.boundary, Boundary::Lesson);
    assert_eq!(
        parse_scenario(tokenclock::files::scenario::LESSON_TOML, "x").ok(),
        Some(lesson)
    );
}

#[test]
fn a_full_policy_section_is_read() {
    let s = parse_scenario(
        &format!(
            "current_time = 5\n[refresh]\nttl = 30\nnew_token = {{ random_bytes = 16 }}\nboundary = \"rfc7519\"\nearly = 3\nleeway = 2\n{GOOD_TOKENS}"
        ),
        "s.toml",
    )
    .unwrap();
    assert_eq!(s.policy.ttl, 30);
    assert_eq!(s.policy.new_token, NewToken::RandomBytes(16));
    assert_eq!(s.policy.boundary, Boundary::Rfc7519);
    assert_eq!((s.policy.early, s.policy.leeway), (3, 2));
}

#[test]
fn users_keep_the_file_order() {
    let s = parse_scenario(
        "current_time = 0\n[tokens]\nzed = { token = \"a\", expiry = 1 }\namy = { token = \"b\", expiry = 2 }\n",
        "s.toml",
    )
    .unwrap();
    assert_eq!(
        s.tokens.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        ["zed", "amy"]
    );
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    let e = scenario_error("current_time = 120\n[tokens\n");
    assert!(e.starts_with("s.toml:2:"), "{e}");
}

#[test]
fn missing_field() {
    let e = scenario_error(GOOD_TOKENS);
    assert!(
        e.starts_with("s.toml:") && e.contains("missing field `current_time`"),
        "{e}"
    );
    let e = scenario_error("current_time = 1\n[tokens]\nalice = { token = \"abc\" }\n");
    assert!(
        e.starts_with("s.toml:3:") && e.contains("missing field `expiry`"),
        "{e}"
    );
}

#[test]
fn unknown_key_is_a_typo_not_silence() {
    let e = scenario_error(&format!(
        "current_time = 1\n[refresh]\nttll = 5\n{GOOD_TOKENS}"
    ));
    assert!(
        e.starts_with("s.toml:3:1:") && e.contains("unknown field `ttll`"),
        "{e}"
    );
    let e = scenario_error(
        "current_time = 1\n[tokens]\nalice = { token = \"a\", expiry = 1, expires = 2 }\n",
    );
    assert!(
        e.starts_with("s.toml:3:") && e.contains("unknown field `expires`"),
        "{e}"
    );
}

#[test]
fn negative_fractional_too_large_and_quoted_numbers() {
    let e = scenario_error(&format!("current_time = -5\n{GOOD_TOKENS}"));
    assert!(
        e.starts_with("s.toml:1:") && e.contains("-5 is negative"),
        "{e}"
    );
    let e = scenario_error(&format!("current_time = 1.5\n{GOOD_TOKENS}"));
    assert!(
        e.starts_with("s.toml:1:") && e.contains("floats are not accepted"),
        "{e}"
    );
    let e = scenario_error(&format!(
        "current_time = 99999999999999999999\n{GOOD_TOKENS}"
    ));
    assert!(
        e.starts_with("s.toml:1:16:") && e.contains("too large"),
        "{e}"
    );
    let e = scenario_error(&format!("current_time = \"120\"\n{GOOD_TOKENS}"));
    assert!(
        e.starts_with("s.toml:1:") && e.contains("text in quotes"),
        "{e}"
    );
}

#[test]
fn empty_token_and_empty_name() {
    let e = scenario_error("current_time = 1\n[tokens]\nalice = { token = \"\", expiry = 1 }\n");
    assert_eq!(e, "s.toml:3:9: token is empty (user alice)");
    let e = scenario_error("current_time = 1\n[tokens]\n\"\" = { token = \"a\", expiry = 1 }\n");
    assert_eq!(e, "s.toml:3:6: user name is empty");
}

/// A bad value among a user's own settings names that user, as a bad token does.
#[test]
fn a_bad_own_setting_names_its_user() {
    let model = "current_time = 1\n[oauth]\n[tokens]\nann = { token = \"a\", expiry = 1 }\n";
    let e = scenario_error(&format!(
        "{model}bob = {{ token = \"b\", expiry = 1, retry_on_401 = 1 }}\n"
    ));
    assert_eq!(
        e,
        "s.toml:5:49: expected true or false, found a number (user bob)"
    );
    let e = scenario_error(&format!(
        "{model}bob = {{ token = \"b\", expiry = 1, grace = -1 }}\n"
    ));
    assert_eq!(
        e,
        "s.toml:5:42: -1 is negative; ticks are 0 or more (user bob)"
    );
}

/// A bad expiry in a user's entry names the user, as a bad own setting does.
#[test]
fn a_negative_expiry_names_its_user() {
    let e = scenario_error("current_time = 1\n[tokens]\na = { token = \"t\", expiry = -1 }\n");
    assert_eq!(
        e,
        "s.toml:3:29: -1 is negative; ticks are 0 or more (user a)"
    );
}

#[test]
fn an_expiry_that_is_not_ticks_names_its_user() {
    let e = scenario_error("current_time = 1\n[tokens]\na = { token = \"t\", expiry = \"x\" }\n");
    assert_eq!(
        e,
        "s.toml:3:29: 'x' is not a whole number of ticks (user a)"
    );
}

#[test]
fn a_token_that_is_not_text_names_its_user() {
    let e = scenario_error("current_time = 1\n[tokens]\na = { token = 5, expiry = 1 }\n");
    assert_eq!(
        e,
        "s.toml:3:15: token must be text in quotes, found a number (user a)"
    );
}

#[test]
fn own_settings_without_oauth_name_their_user() {
    let e = scenario_error(
        "current_time = 1\n[tokens]\na = { token = \"t\", expiry = 1, grace = 5 }\n",
    );
    assert_eq!(
        e,
        "s.toml:3:5: a user's own settings need the real-world model: add an [oauth] table \
         (user a)"
    );
}

#[test]
fn duplicate_user_in_toml() {
    let e = scenario_error(
        "current_time = 1\n[tokens]\nalice = { token = \"a\", expiry = 1 }\nalice = { token = \"b\", expiry = 2 }\n",
    );
    assert_eq!(
        e,
        "s.toml:4:1: duplicate key alice: each user and each setting appears once"
    );
}

#[test]
fn control_and_bidi_characters_are_refused_without_reaching_the_message() {
    let e = scenario_error(
        "current_time = 1\n[tokens]\nalice = { token = \"ab\\u001b[2J\", expiry = 1 }\n",
    );
    assert_eq!(
        e,
        "s.toml:3:9: token contains a control character U+001B at character 3 (user alice)"
    );
    let e = scenario_error(
        "current_time = 1\n[tokens]\n\"eve\\u202e\" = { token = \"a\", expiry = 1 }\n",
    );
    assert!(
        e.starts_with("s.toml:3:") && e.contains("bidirectional control U+202E"),
        "{e}"
    );
    assert!(!e.contains('\u{202e}'));
}

#[test]
fn bad_policy_values() {
    let e = scenario_error(&format!(
        "current_time = 1\n[refresh]\nboundary = \"strict\"\n{GOOD_TOKENS}"
    ));
    assert!(
        e.starts_with("s.toml:3:") && e.contains("valid ones: lesson, rfc7519"),
        "{e}"
    );
    let e = scenario_error(&format!(
        "current_time = 1\n[refresh]\nnew_token = {{ random_bytes = 0 }}\n{GOOD_TOKENS}"
    ));
    assert!(
        e.starts_with("s.toml:3:") && e.contains("between 1 and"),
        "{e}"
    );
}

#[test]
fn roster_reads_users_in_order_and_trims_spaces() {
    let store = read_roster(
        "user,token,expiry\nbob, t1 ,5\namy,t2,7\n".as_bytes(),
        "r.csv",
        0,
    )
    .unwrap();
    let users: Vec<_> = store.iter().map(|(n, t)| (n, t.owned())).collect();
    assert_eq!(
        users,
        [("bob", Token::new("t1", 5)), ("amy", Token::new("t2", 7))]
    );
}

#[test]
fn roster_errors_name_the_line() {
    assert_eq!(
        roster_error(""),
        "r.csv: the roster is empty; expected the header user,token,expiry"
    );
    assert_eq!(
        roster_error("name,token,expiry\na,b,1\n"),
        "r.csv:1: the first line must be the header user,token,expiry; found 'name,token,expiry'"
    );
    assert_eq!(
        roster_error("user,token,expiry\na,b,1\na,c,2\n"),
        "r.csv:3: duplicate user 'a'"
    );
    assert_eq!(
        roster_error("user,token,expiry\na,b,-1\n"),
        "r.csv:2: expiry '-1' is negative; ticks are 0 or more"
    );
    assert_eq!(
        roster_error("user,token,expiry\na,b,1.5\n"),
        "r.csv:2: expiry '1.5' is not a whole number of ticks"
    );
    assert!(
        roster_error("user,token,expiry\na,b,99999999999999999999\n")
            .starts_with("r.csv:2: expiry '99999999999999999999' is too large")
    );
    assert_eq!(
        roster_error("user,token,expiry\na,,1\n"),
        "r.csv:2: token is empty (user a)"
    );
    assert_eq!(
        roster_error("user,token,expiry\n,b,1\n"),
        "r.csv:2: user name is empty"
    );
    assert_eq!(
        roster_error("user,token,expiry\na,b\n"),
        "r.csv:2: expected 3 fields (user,token,expiry), found 2"
    );
    assert_eq!(
        roster_error("user,token,expiry\na\u{1b}]0;pwned\u{7},b,1\n"),
        "r.csv:2: user name contains a control character U+001B at character 2"
    );
    assert_eq!(
        roster_error("user,token,expiry\na,\u{9b}b,1\n"),
        "r.csv:2: token contains a control character U+009B at character 1 (user a)"
    );
}

#[test]
fn roster_errors_count_blank_lines() {
    assert_eq!(
        roster_error("user,token,expiry\n\n\n\nyan,y1,-2\n"),
        "r.csv:5: expiry '-2' is negative; ticks are 0 or more"
    );
    assert_eq!(
        roster_error("user,token,expiry\r\n\r\nyan,y1,1\r\n\r\nyan,y2,2"),
        "r.csv:5: duplicate user 'yan'"
    );
    assert_eq!(
        roster_error("user,token,expiry\n\nyan,y1,1\n\nbob,,2"),
        "r.csv:5: token is empty (user bob)"
    );
}

#[test]
fn a_roster_lists_every_bad_line_not_only_the_first() {
    assert_eq!(
        roster_error("user,token,expiry\nann,a1,-5\nben,b1,12.5\ncy,c1,\ndee,d1,7\n"),
        "r.csv:2: expiry '-5' is negative; ticks are 0 or more\n\
         r.csv:3: expiry '12.5' is not a whole number of ticks\n\
         r.csv:4: expiry is empty"
    );
    let many: String = (0..30).map(|i| format!("u{i},t,x\n")).collect();
    let listed = roster_error(&format!("user,token,expiry\n{many}"));
    assert_eq!(listed.lines().count(), 21, "20 listed, then how many more");
    assert!(listed.ends_with("r.csv: and 10 more errors"), "{listed}");
}

#[test]
fn a_wrong_header_says_what_was_found() {
    assert_eq!(
        roster_error("user;token;expiry\nann;a1;5\n"),
        "r.csv:1: the first line must be the header user,token,expiry; found 'user;token;expiry' \
         (its fields are separated by ';', as some spreadsheets export; save the CSV with commas)"
    );
    assert_eq!(
        roster_error("user,token,expiry,email\nann,a1,5,a@x\n"),
        "r.csv:1: the first line must be the header user,token,expiry; found \
         'user,token,expiry,email' (4 fields; the header has 3)"
    );
    assert_eq!(
        roster_error("ann,a1,5\n"),
        "r.csv:1: the first line must be the header user,token,expiry; found 'ann,a1,5' \
         (it looks like a user, not the header: add the header line first)"
    );
}

#[test]
fn a_space_in_a_token_gets_a_token_example() {
    assert_eq!(
        roster_error("user,token,expiry\nlee,my token,5\n"),
        "r.csv:2: token contains a space (U+0020) at character 3; use one word, e.g. tok_123 (user lee)"
    );
}

#[test]
fn roster_accepts_a_byte_order_mark_and_crlf() {
    let store = read_roster(
        "\u{feff}user,token,expiry\r\nbob,t1,5\r\n".as_bytes(),
        "r.csv",
        0,
    )
    .unwrap();
    assert_eq!(store.get("bob"), Some(Token::new("t1", 5).view()));
}

#[test]
fn missing_files_are_named() {
    let e =
        tokenclock::files::load_scenario(std::path::Path::new("/nonexistent/x.toml")).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("/nonexistent/x.toml: cannot read the scenario:"),
        "{e}"
    );
    let e = tokenclock::files::roster::load_roster(std::path::Path::new("/nonexistent/x.csv"))
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("/nonexistent/x.csv: cannot read the roster:"),
        "{e}"
    );
}

#[test]
fn a_scenario_lists_every_error_found_after_parsing_in_file_order() {
    let text = "current_time = 1\n[refresh]\nboundary = \"strict\"\n[tokens]\n\
                ann = { token = \"a b\", expiry = 1 }\nok = { token = \"t\", expiry = 2 }\n\
                \"x;y\" = { token = \"t\", expiry = 3 }\n";
    let err = scenario_error(text);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("s.toml:3:"), "{err}");
    assert!(lines[0].contains("unknown boundary 'strict'"), "{err}");
    assert!(
        lines[1].starts_with("s.toml:5:") && lines[1].contains("(user ann)"),
        "{err}"
    );
    assert!(
        lines[2].starts_with("s.toml:7:") && lines[2].contains("';'"),
        "{err}"
    );
}
