//! Names are what they look like: every way a name enters (scenario, roster, script, prompt)
//! normalises it to NFC and refuses invisible characters and a leading combining mark, so two
//! names that look the same are the same user.

mod common;

use common::{app_at, step_and_draw};
use tokenclock::domain::{Op, Scenario, Session};
use tokenclock::files::parse_scenario;
use tokenclock::files::roster::read_roster;
use tokenclock::script::{Command, Source, prepare};
use tokenclock::tui::Action;

const COMPOSED: &str = "jos\u{e9}";
const DECOMPOSED: &str = "jose\u{301}";

fn scenario(keys: &[&str]) -> String {
    let mut text = String::from("current_time = 10\n[tokens]\n");
    for (i, key) in keys.iter().enumerate() {
        text.push_str(&format!("\"{key}\" = {{ token = \"t{i}\", expiry = 5 }}\n"));
    }
    text
}

#[test]
fn a_scenario_stores_names_in_nfc_and_two_spellings_are_a_duplicate() {
    let s = parse_scenario(&scenario(&[DECOMPOSED]), "s.toml").unwrap();
    assert_eq!(s.tokens.get(COMPOSED).map(|t| t.value), Some("t0"));
    let err = parse_scenario(&scenario(&[COMPOSED, DECOMPOSED]), "s.toml").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("s.toml:4:11: duplicate user '{COMPOSED}'")
    );
}

#[test]
fn a_roster_stores_names_in_nfc_and_two_spellings_are_a_duplicate() {
    let roster = format!("user,token,expiry\n{DECOMPOSED},t,1\n");
    let tokens = read_roster(roster.as_bytes(), "r.csv", 0).unwrap();
    assert!(tokens.get(COMPOSED).is_some());
    let roster = format!("user,token,expiry\n{COMPOSED},t,1\n{DECOMPOSED},u,2\n");
    let err = read_roster(roster.as_bytes(), "r.csv", 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("r.csv:3: duplicate user '{COMPOSED}'")
    );
}

#[test]
fn invisible_names_and_leading_combining_marks_are_refused_in_files() {
    for (name, fault) in [
        ("\u{3164}", "an invisible character U+3164"),
        ("ali\u{E0041}ce", "an invisible character U+E0041"),
        ("bob\u{FE0F}", "an invisible character U+FE0F"),
        ("an\u{2060}na", "an invisible zero-width character U+2060"),
        ("\u{301}carl", "starts with a combining mark U+0301"),
    ] {
        let err = parse_scenario(&scenario(&[name]), "s.toml").unwrap_err();
        assert!(err.to_string().contains(fault), "{name:?}: {err}");
        let roster = format!("user,token,expiry\n{name},t,1\n");
        let err = read_roster(roster.as_bytes(), "r.csv", 0).unwrap_err();
        assert!(err.to_string().contains(fault), "{name:?}: {err}");
    }
}

#[test]
fn a_script_finds_a_user_by_either_spelling_and_refuses_a_look_alike_add() {
    let s = parse_scenario(&scenario(&[COMPOSED]), "s.toml").unwrap();
    let session = Session::new(s);
    let lines = prepare(&format!("refresh {DECOMPOSED}"), Source::Exec, &session).unwrap();
    assert_eq!(
        lines[0].command,
        Command::Op(Op::Refresh(COMPOSED.into())),
        "the decomposed spelling names the stored, composed user"
    );
    let errors = prepare(&format!("add {DECOMPOSED} t 5"), Source::Exec, &session).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        format!("script:1: user '{COMPOSED}' already exists")
    );
    let errors = prepare("refresh \u{3164}", Source::Exec, &session).unwrap_err();
    assert!(
        errors[0]
            .problem
            .to_string()
            .contains("invisible character U+3164")
    );
}

#[test]
fn the_add_prompt_normalises_the_name_and_refuses_a_look_alike() {
    let s = parse_scenario(&scenario(&[COMPOSED]), "s.toml").unwrap();
    let (mut app, mut t) = app_at(s, 80, 24);
    step_and_draw(&mut app, &mut t, Action::AddUser);
    for ch in DECOMPOSED.chars() {
        step_and_draw(&mut app, &mut t, Action::PromptChar(ch));
    }
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(
        app.prompt().and_then(|p| p.message()),
        Some(format!("user '{COMPOSED}' already exists").as_str())
    );
    // A new name typed decomposed is added composed.
    let (mut app, mut t) = app_at(Scenario::lesson(), 80, 24);
    step_and_draw(&mut app, &mut t, Action::AddUser);
    step_and_draw(&mut app, &mut t, Action::Paste(DECOMPOSED.to_owned()));
    for action in [
        Action::PromptSubmit,
        Action::Paste("tok".to_owned()),
        Action::PromptSubmit,
        Action::Paste("5".to_owned()),
        Action::PromptSubmit,
    ] {
        step_and_draw(&mut app, &mut t, action);
    }
    assert!(
        app.scenario().tokens.get(COMPOSED).is_some(),
        "{:?}",
        app.log()
    );
}
