//! The app's transcript is the scripted transcript: `t=` the clock when the operation started,
//! `command → outcome`, one line per operation (per user for refresh all), no presentation.

mod common;

use common::{lesson_at, steps};
use tokenclock::domain::{Op, Scenario, Session};
use tokenclock::script::{self, Source};
use tokenclock::transcript::Transcript;
use tokenclock::tui::Action;

/// What `--exec SCRIPT --transcript FILE` writes, without the header.
fn scripted_transcript(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    let mut session = Session::new(Scenario::lesson());
    let lines = script::prepare(text, Source::Exec, &session).unwrap();
    {
        let mut transcript = Transcript::open(&path).unwrap();
        script::run(
            &mut session,
            &lines,
            &mut std::io::sink(),
            Some(&mut transcript),
        )
        .unwrap();
    }
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_apps_transcript_is_the_scripts_for_the_same_operations() {
    let (app, mut t) = lesson_at(80, 24);
    let mut app = app.with_transcript();
    steps(
        &mut app,
        &mut t,
        &[
            Action::command("refresh"),
            Action::NextUser,
            Action::command("refresh"),
            Action::ToggleTheme,
            Action::ToggleHelp,
            Action::ToggleHelp,
            Action::LargerStep,
            Action::Advance,
            Action::Advance,
            Action::Run(Op::RefreshAll),
            Action::Run(Op::Undo),
            Action::ToggleBoundary,
            Action::Run(Op::NextChange),
        ],
    );
    let app_lines = app.take_transcript();
    assert_eq!(
        app_lines,
        [
            "t=120 refresh alice → Refreshed token for alice: newtoken123",
            "t=120 refresh bob → Token for bob is still valid: def456 (expires at 200)",
            "t=120 advance 50 → time is 170",
            "t=170 advance 50 → time is 220",
            "t=220 refresh-all → Token for alice is still valid: newtoken123 (expires at 220)",
            "t=220 refresh-all → Refreshed token for bob: newtoken123",
            "t=220 refresh-all → Refreshed token for carol: newtoken123",
            "t=220 undo → undid refresh of 2 users",
            "t=220 policy boundary rfc7519 → refresh when expiry ≤ now",
            "t=220 next-change → next change: none after 220, no status will change",
        ]
    );
    let script = "refresh alice; refresh bob; advance 50; advance 50; refresh-all; undo; \
                  policy boundary rfc7519; next-change";
    assert_eq!(app_lines, scripted_transcript(script));
    assert!(app.take_transcript().is_empty(), "each line is taken once");
}

#[test]
fn play_ticks_are_each_an_advance_and_prompts_record_their_operation() {
    let (app, mut t) = lesson_at(80, 24);
    let mut app = app.with_transcript();
    steps(
        &mut app,
        &mut t,
        &[
            Action::TogglePlay,
            Action::Tick,
            Action::Tick,
            Action::TogglePlay,
        ],
    );
    steps(&mut app, &mut t, &[Action::SetTime]);
    for ch in "100".chars() {
        steps(&mut app, &mut t, &[Action::PromptChar(ch)]);
    }
    steps(
        &mut app,
        &mut t,
        &[Action::PromptSubmit, Action::LastUser, Action::EditExpiry],
    );
    for ch in "90".chars() {
        steps(&mut app, &mut t, &[Action::PromptChar(ch)]);
    }
    steps(&mut app, &mut t, &[Action::PromptSubmit]);
    assert_eq!(
        app.take_transcript(),
        [
            "t=120 advance 10 → time is 130",
            "t=130 advance 10 → time is 140",
            "t=140 time 100 → time is 100",
            "t=100 set-expiry carol 90 → expiry of carol is 90",
        ]
    );
}

#[test]
fn without_a_transcript_nothing_is_kept() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::command("refresh"), Action::Run(Op::RefreshAll)],
    );
    assert!(app.take_transcript().is_empty());
}

#[test]
fn each_operations_command_words_are_the_command_that_runs_it() {
    use tokenclock::domain::{Boundary, PolicyChange};
    use tokenclock::script::{Command, parse_command};
    use tokenclock::words;
    let ops = [
        Op::Refresh("alice".into()),
        Op::RefreshAll,
        Op::Advance(10),
        Op::Rewind(5),
        Op::SetTime(100),
        Op::Add {
            user: "dave".into(),
            token: "d1".into(),
            expiry: 300,
        },
        Op::Remove("bob".into()),
        Op::SetExpiry {
            user: "bob".into(),
            expiry: 90,
        },
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
        )),
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(5),
        )),
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Leeway(6),
        )),
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Ttl(7),
        )),
        Op::Undo,
        Op::Redo,
        Op::Reset,
        Op::NextChange,
    ];
    for op in ops {
        let text = words::command_words(&op);
        let parsed = parse_command(&text.split(' ').collect::<Vec<_>>());
        assert_eq!(parsed, Ok(Command::Op(op)), "{text}");
    }
}

/// Issue 16: a change from the policy menu names the setting that changed in the transcript,
/// for everyone's value and for one user's own (issue 18), as the script writes it.
#[test]
fn the_policy_menu_names_the_setting_in_the_transcript() {
    let scenario = tokenclock::files::load_scenario(std::path::Path::new("assets/two-tabs.toml"))
        .expect("the two-tabs preset loads");
    let (app, mut t) = common::app_at(scenario, 120, 30);
    let mut app = app.with_transcript();
    let ch = Action::PromptChar;
    steps(
        &mut app,
        &mut t,
        &[
            Action::PolicyMenu,
            ch('f'),
            Action::PolicyMenu,
            ch('g'),
            ch('5'),
            Action::PromptSubmit,
            Action::NextUser,
            Action::PolicyMenu,
            ch('u'),
            ch('g'),
            ch('7'),
            Action::PromptSubmit,
        ],
    );
    let lines = app.take_transcript();
    assert_eq!(
        lines,
        [
            "t=0 policy single-flight on → single-flight is on",
            "t=0 policy grace 5 → grace is 5",
            "t=0 policy grace 7 --user grace30 → grace of grace30 is 7",
        ]
    );
}

/// Issue 17: undo after an action that changed nothing takes back the change before it, and
/// the transcript says so as the log does, in the app and in a script alike.
#[test]
fn undo_after_an_action_that_changed_nothing_says_so_in_both_transcripts() {
    let (app, mut t) = lesson_at(80, 24);
    let mut app = app.with_transcript();
    steps(
        &mut app,
        &mut t,
        &[
            Action::command("refresh"),
            Action::NextUser,
            Action::command("refresh"),
            Action::Run(Op::Undo),
        ],
    );
    let app_lines = app.take_transcript();
    assert_eq!(
        app_lines.last().map(String::as_str),
        Some("t=120 undo → nothing to undo for refresh bob: undid refresh alice")
    );
    assert_eq!(
        app_lines,
        scripted_transcript("refresh alice; refresh bob; undo")
    );
    // A policy set to its value is no step either; a plain undo says only what it undid.
    assert_eq!(
        scripted_transcript("policy ttl 50; policy ttl 50; undo; redo; undo"),
        [
            "t=120 policy ttl 50 → ttl is 50",
            "t=120 policy ttl 50 → ttl is 50",
            "t=120 undo → nothing to undo for policy ttl 50: undid ttl 100 → 50",
            "t=120 redo → redid ttl 100 → 50",
            "t=120 undo → undid ttl 100 → 50",
        ]
    );
}
