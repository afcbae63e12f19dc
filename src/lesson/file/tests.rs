use super::*;
use crate::domain::Choice;
use crate::lesson::BUILT_IN;

const USERS: &str = "current_time = 120\n[tokens]\nalice = { token = \"abc123\", expiry = 100 }\nbob = { token = \"def456\", expiry = 200 }\n";

/// The lesson in a file made of the two users above and `steps`.
fn parse(steps: &str) -> Result<Option<Lesson>, String> {
    let text = format!("{USERS}{steps}");
    let scenario = crate::files::parse_scenario(&text, "l.toml").map_err(|e| e.to_string())?;
    parse_lesson(&text, "l.toml", &scenario).map_err(|e| e.to_string())
}

fn steps(steps: &str) -> Vec<Step> {
    parse(steps).unwrap().unwrap().steps
}

#[test]
fn a_token_with_a_hash_inside_a_word_is_not_a_comment() {
    let steps = steps("[[step]]\nsay = \"x\"\ndo = \"add dave ab#12 300\"\n");
    assert_eq!(
        steps[0].action.as_ref().unwrap().op,
        Op::Add {
            user: "dave".into(),
            token: "ab#12".into(),
            expiry: 300
        }
    );
}

#[test]
fn a_file_without_steps_is_a_scenario_not_a_lesson() {
    assert_eq!(parse(""), Ok(None));
}

#[test]
fn steps_hold_a_caption_an_operation_a_question_and_a_note() {
    let steps = steps(
        "[[step]]\nsay = \"\"\"Two users,\n   one expired.\"\"\"\n\
         [[step]]\nsay = \"Refresh bob.\"\ndo = \"refresh   bob\"\nask = \"New token?\"\nnote = \"No.\"\n\
         [[step]]\nsay = \"Later.\"\ndo = \"advance 80\"\nabout = \"bob\"\nask = \"Valid?\"\n",
    );
    assert_eq!(steps[0].say, "Two users, one expired.");
    assert_eq!(steps[0].action, None);
    let action = steps[1].action.as_ref().unwrap();
    assert_eq!(action.op, Op::Refresh("bob".into()));
    assert_eq!(action.command, "refresh bob");
    assert_eq!(
        action.ask,
        Some(Ask {
            text: "New token?".into(),
            user: "bob".into()
        })
    );
    assert_eq!(steps[1].note.as_deref(), Some("No."));
    let ask = steps[2].action.as_ref().unwrap().ask.as_ref().unwrap();
    assert_eq!(ask.user, "bob");
}

#[test]
fn the_answer_comes_from_the_state_where_the_step_runs_not_from_the_wording() {
    // The author believes bob is expired by step 3; the clock moved only 50, so he is not.
    let text = format!(
        "{USERS}[[step]]\nsay = \"Fifty ticks on.\"\ndo = \"advance 50\"\n\
         [[step]]\nsay = \"Bob is surely expired by now, so he gets a new token.\"\n\
         do = \"refresh bob\"\nask = \"Bob is expired now, right? He gets a new token?\"\n"
    );
    let scenario = crate::files::parse_scenario(&text, "l.toml").unwrap();
    let lesson = parse_lesson(&text, "l.toml", &scenario).unwrap().unwrap();
    let mut session = Session::new(scenario);
    session
        .apply(&lesson.steps[0].action.as_ref().unwrap().op)
        .unwrap();
    let question = lesson.steps[1]
        .action
        .as_ref()
        .unwrap()
        .question(&session)
        .unwrap();
    assert_eq!(question.right, Choice::StillValid);
    // And it follows the state the class left: past 200 the same question says refreshed.
    session.apply(&Op::Advance(31)).unwrap();
    let question = lesson.steps[1]
        .action
        .as_ref()
        .unwrap()
        .question(&session)
        .unwrap();
    assert_eq!(question.right, Choice::Refreshed);
}

#[test]
fn errors_name_the_file_line_and_column_of_the_bad_value() {
    let cases = [
        (
            "[[step]]\nsay = \"x\"\ndo = \"refesh alice\"\n",
            "l.toml:7:6: do: unknown command 'refesh' (did you mean 'refresh'?)",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"remove bob\"\n[[step]]\nsay = \"y\"\ndo = \"refresh bob\"\n",
            "l.toml:10:6: 'refresh bob' cannot be done at this point of the lesson: unknown user 'bob'",
        ),
        (
            "[[step]]\nsay = \"x\"\nask = \"Will it?\"\n",
            "l.toml:7:7: ask needs a do: the question is about what the step does",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"advance 5\"\nask = \"Valid?\"\n",
            "l.toml:7:6: the question needs about = \"USER\": whose token to ask about after 'advance 5'",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"advance 5\"\nabout = \"dave\"\nask = \"Valid?\"\n",
            "l.toml:7:6: the question cannot be asked here: unknown user 'dave'",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"refresh bob\"\nabout = \"bob\"\nask = \"New?\"\n",
            "l.toml:7:6: about is not needed: a refresh's question is about the user refreshed",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"undo\"\n",
            "l.toml:7:6: a step cannot undo or redo: the previous-step key goes back a step",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"refresh bob; refresh alice\"\n",
            "l.toml:7:6: do holds one command, without ';'",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"refresh bob # why\"\n",
            "l.toml:7:6: do holds one command, without a # comment",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"save out.toml\"\n",
            "l.toml:7:6: 'save' cannot be a step: a step does an operation (the lesson panel and the handout show the table after each step)",
        ),
        (
            "[[step]]\nsay = \"a\\u001b[2Jb\"\n",
            "l.toml:6:7: say contains the invisible or control character U+001B at character 2",
        ),
        ("[[step]]\nsay = \"  \"\n", "l.toml:6:7: say is empty"),
        (
            "[[step]]\nsay = \"x\"\ndo = \"  \"\n",
            "l.toml:7:6: do is empty; leave it out for a step that only says something",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"advance 5\"\nabout = \"bob\"\n",
            "l.toml:7:6: about is for a question: add an ask",
        ),
        (
            "[[step]]\nsay = \"x\"\ndo = \"refresh bob\"\nask = \"\"\"New\ntoken?\"\"\"\n",
            "l.toml:7:6: ask is one line",
        ),
        (
            &format!("[[step]]\nsay = \"{}\"\n", "x".repeat(2001)),
            "l.toml:6:7: say is 2001 characters; the most is 2000",
        ),
        (
            "[[step]]\nsya = \"x\"\n",
            "l.toml:6:1: unknown field `sya`, expected one of `say`, `do`, `ask`, `about`, `note`",
        ),
        (
            "[[step]]\ndo = \"refresh bob\"\n",
            "l.toml:5:1: missing field `say`",
        ),
    ];
    for (steps, expected) in cases {
        assert_eq!(parse(steps).unwrap_err(), expected, "{steps}");
    }
    // The error keeps what was wrong, by kind, for a caller that wants more than its words.
    let scenario = crate::files::parse_scenario(USERS, "l.toml").unwrap();
    let mut session = Session::new(scenario);
    let entry: StepEntry = toml::from_str("say = \"x\"\ndo = \"refresh zoe\"\n").unwrap();
    let command = entry.command.clone().unwrap();
    match action(&entry, &command, &mut session) {
        Err(LessonError::CannotRun { command, error }) => {
            assert_eq!(command, "refresh zoe");
            assert_eq!(error, crate::domain::Error::UnknownUser("zoe".into()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_title_without_steps_is_an_error_and_the_scenario_rejects_unknown_tables() {
    let text = "title = \"T\"\ncurrent_time = 1\n[tokens]\n";
    let scenario = crate::files::parse_scenario(text, "l.toml").unwrap();
    assert_eq!(
        parse_lesson(text, "l.toml", &scenario)
            .unwrap_err()
            .to_string(),
        "l.toml:1:9: a title with no [[step]]: a lesson needs at least one step"
    );
    let typo = format!("{USERS}[[stpe]]\nsay = \"x\"\n");
    let err = crate::files::parse_scenario(&typo, "l.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `stpe`"), "{err}");
}

#[test]
fn every_built_in_lesson_loads_and_seed_is_the_lessons_scenario() {
    for built_in in BUILT_IN {
        let scenario = crate::files::parse_scenario(built_in.text, built_in.name).unwrap();
        let lesson = parse_lesson(built_in.text, built_in.name, &scenario).unwrap();
        assert!(
            lesson.is_some_and(|l| !l.steps.is_empty()),
            "{}",
            built_in.name
        );
    }
    let seed = crate::lesson::built_in("seed").unwrap();
    let scenario = crate::files::parse_scenario(seed.text, "seed").unwrap();
    assert_eq!(scenario, crate::domain::Scenario::lesson());
    let lesson = parse_lesson(seed.text, "seed", &scenario).unwrap().unwrap();
    assert_eq!(lesson.steps.len(), 6);
    let commands: Vec<Option<&str>> = lesson
        .steps
        .iter()
        .map(|s| s.action.as_ref().map(|a| a.command.as_str()))
        .collect();
    assert_eq!(
        commands,
        [
            None,
            None,
            None,
            Some("refresh alice"),
            Some("refresh carol"),
            Some("refresh bob")
        ]
    );
}

#[test]
fn minutes_is_the_lessons_length_from_one_to_a_school_day() {
    let with = |minutes: &str| {
        let text = format!("minutes = {minutes}\n{USERS}[[step]]\nsay = \"x\"\n");
        let scenario = crate::files::parse_scenario(&text, "l.toml").unwrap();
        parse_lesson(&text, "l.toml", &scenario).map(|l| l.unwrap().minutes)
    };
    assert_eq!(with("8"), Ok(Some(8)));
    assert_eq!(with("480"), Ok(Some(480)));
    for bad in ["0", "-3", "481", "99999999999"] {
        assert_eq!(
            with(bad).unwrap_err().to_string(),
            "l.toml:1:11: minutes is the lesson's length, from 1 to 480",
            "{bad}"
        );
    }
    assert!(
        with("\"8\"")
            .unwrap_err()
            .to_string()
            .starts_with("l.toml:1:")
    );
    assert_eq!(
        parse("[[step]]\nsay = \"x\"\n").unwrap().unwrap().minutes,
        None
    );
}
