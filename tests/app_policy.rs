//! The policy menu (`p`): the boundary, the ttl, the early window and the leeway, each an undo
//! step, from the keyboard.

mod common;

use common::{lesson_at, screen, step_and_draw, steps};
use insta::assert_snapshot;
use tokenclock::domain::{Boundary, Op, Scenario};
use tokenclock::tui::app::Mode;
use tokenclock::tui::{Action, App};

fn type_text(app: &mut App, t: &mut ratatui::Terminal<ratatui::backend::TestBackend>, text: &str) {
    for ch in text.chars() {
        step_and_draw(app, t, Action::PromptChar(ch));
    }
}

#[test]
fn the_menu_shows_each_knob_with_its_value() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::PolicyMenu);
    let text = screen(&t);
    assert!(
        text.contains("t ttl 100 · b boundary lesson · e early 0 · l leeway 0"),
        "{text}"
    );
    assert_snapshot!("policy_menu_at_80x24", t.backend());
    step_and_draw(&mut app, &mut t, Action::PromptChar('x'));
    assert_eq!(app.mode(), &Mode::Table, "any other key closes it");
    assert_eq!(app.scenario(), &Scenario::lesson());
}

#[test]
fn ttl_early_and_leeway_are_set_by_a_prompt_and_undone() {
    let (mut app, mut t) = lesson_at(80, 24);
    for (key, value) in [('t', "50"), ('e', "10"), ('l', "5")] {
        steps(
            &mut app,
            &mut t,
            &[Action::PolicyMenu, Action::PromptChar(key)],
        );
        type_text(&mut app, &mut t, value);
        step_and_draw(&mut app, &mut t, Action::PromptSubmit);
        assert_eq!(app.prompt(), None);
    }
    let policy = &app.scenario().policy;
    assert_eq!((policy.ttl, policy.early, policy.leeway), (50, 10, 5));
    assert_eq!(
        app.last_result(),
        Some("t=120 leeway 0 → 5"),
        "the rule line follows only the settings it shows (boundary, early)"
    );
    assert!(
        screen(&t).contains("now + 10"),
        "the clock panel shows the new rule"
    );
    steps(&mut app, &mut t, &[Action::Run(Op::Undo)]);
    assert_eq!(app.scenario().policy.leeway, 0, "one undo step each");
    steps(
        &mut app,
        &mut t,
        &[Action::Run(Op::Undo), Action::Run(Op::Undo)],
    );
    assert_eq!(app.scenario(), &Scenario::lesson());
}

#[test]
fn a_wrong_value_keeps_the_prompt_and_empty_enter_keeps_the_value() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('e')],
    );
    assert!(screen(&t).contains("early: refresh N ticks early: when expiry < now + N (now 0)"));
    type_text(&mut app, &mut t, "-5");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    let prompt = app.prompt().expect("still open");
    assert_eq!(prompt.input(), "-5");
    assert_eq!(
        prompt.message(),
        Some("'-5' is negative; ticks are 0 or more")
    );
    steps(
        &mut app,
        &mut t,
        &[
            Action::PromptBackspace,
            Action::PromptBackspace,
            Action::PromptSubmit,
        ],
    );
    assert_eq!(app.prompt(), None);
    assert_eq!(app.last_result(), Some("t=120 early stays at 0"));
    assert_eq!(app.scenario(), &Scenario::lesson());
}

#[test]
fn b_in_the_menu_and_on_the_table_switch_the_boundary() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('b')],
    );
    assert_eq!(app.mode(), &Mode::Table);
    assert_eq!(app.scenario().policy.boundary, Boundary::Rfc7519);
    step_and_draw(&mut app, &mut t, Action::ToggleBoundary);
    assert_eq!(app.scenario().policy.boundary, Boundary::Lesson);
}

/// The real-world model's knobs are in the same menu when the scenario has the model: switches
/// flip at once, numbers are asked for, and each change is one undo step.
#[test]
fn the_models_knobs_are_in_the_menu_with_the_model_and_each_is_undone() {
    let scenario = tokenclock::files::load_scenario(std::path::Path::new("assets/rotation.toml"))
        .expect("the rotation preset loads");
    let (mut app, mut t) = common::app_at(scenario.clone(), 80, 24);
    step_and_draw(&mut app, &mut t, Action::PolicyMenu);
    let text = screen(&t);
    for choice in [
        "v validator jsonwebtoken-rs",
        "r rotation on",
        "g grace 0",
        "o on-reuse family",
    ] {
        assert!(text.contains(choice), "{choice} in\n{text}");
    }
    step_and_draw(&mut app, &mut t, Action::PromptChar('v'));
    let model = |app: &App| app.scenario().policy.model.as_deref().cloned().unwrap();
    // The next row of the validators table after the Rust crate.
    assert_eq!(
        model(&app).validator.name(),
        "jsonwebtoken-js",
        "v moves to the next validator"
    );
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('r')],
    );
    assert!(!model(&app).rotation);
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('g')],
    );
    type_text(&mut app, &mut t, "30");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(model(&app).grace, 30);
    for _ in 0..3 {
        step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    }
    assert_eq!(app.scenario().policy, scenario.policy);
}

#[test]
fn without_the_model_its_keys_close_the_menu_and_change_nothing() {
    let (mut app, mut t) = lesson_at(80, 24);
    for key in ['v', 'r', 'g', 'o'] {
        steps(
            &mut app,
            &mut t,
            &[Action::PolicyMenu, Action::PromptChar(key)],
        );
        assert_eq!(app.mode(), &Mode::Table);
    }
    assert_eq!(app.scenario(), &Scenario::lesson());
    assert!(!screen(&t).contains("validator"));
}

/// Issue 18: with a user selected who has their own value, the menu shows the value in force
/// for them and marks it; `u` sets that user's own, the rest sets everyone's; single-flight is
/// switched live.
#[test]
fn the_menu_shows_and_sets_the_selected_users_own_values() {
    let scenario = tokenclock::files::load_scenario(std::path::Path::new("assets/two-tabs.toml"))
        .expect("the two-tabs preset loads");
    let at = scenario
        .tokens
        .index_of("grace30")
        .expect("grace30 is in the preset");
    let (mut app, mut t) = common::app_at(scenario, 120, 30);
    for _ in 0..at {
        step_and_draw(&mut app, &mut t, Action::NextUser);
    }
    let grace_of = |app: &App, name: &str| {
        let scenario = app.scenario();
        let (_, state) = scenario.tokens.user_full(name).unwrap();
        scenario.knobs_of(state).unwrap().grace
    };
    step_and_draw(&mut app, &mut t, Action::PolicyMenu);
    let text = screen(&t);
    assert!(text.contains("g grace 30 (own)"), "{text}");
    assert!(text.contains("u only grace30"), "{text}");
    steps(
        &mut app,
        &mut t,
        &[Action::PromptChar('u'), Action::PromptChar('g')],
    );
    type_text(&mut app, &mut t, "5");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(grace_of(&app, "grace30"), 5, "grace30's own value");
    assert_eq!(app.last_result(), Some("t=0 grace of grace30: 30 → 5"));
    assert_eq!(app.scenario().policy.model.as_ref().unwrap().grace, 0);
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('f')],
    );
    assert!(app.scenario().policy.model.as_ref().unwrap().single_flight);
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    assert_eq!(
        grace_of(&app, "grace30"),
        30,
        "each change is one undo step"
    );
    steps(
        &mut app,
        &mut t,
        &[
            Action::PolicyMenu,
            Action::PromptChar('u'),
            Action::PromptChar('G'),
        ],
    );
    assert_eq!(grace_of(&app, "grace30"), 0, "G: everyone's grace again");
    assert_eq!(
        app.last_result(),
        Some("t=0 grace of grace30: 30 → the scenario's 0")
    );
}

/// A value typed in the menu's prompt is checked by the table of settings: its range
/// (`traffic-every` 1 or more, as in scripts and files) and its kind (`default` for a
/// library's own leeway).
#[test]
fn the_prompt_checks_a_value_by_the_settings_kind_and_range() {
    let scenario = tokenclock::files::load_scenario(std::path::Path::new("assets/two-tabs.toml"))
        .expect("the two-tabs preset loads");
    let (mut app, mut t) = common::app_at(scenario, 120, 30);
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('n')],
    );
    type_text(&mut app, &mut t, "0");
    assert_eq!(
        app.prompt().and_then(|p| p.message()),
        Some("traffic-every must be 1 or more, got 0")
    );
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert!(
        app.prompt().is_some(),
        "0 is refused and the prompt stays open"
    );
    steps(&mut app, &mut t, &[Action::PromptBackspace]);
    type_text(&mut app, &mut t, "30");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    let model = |app: &App| app.scenario().policy.model.as_deref().cloned().unwrap();
    assert_eq!(model(&app).traffic_every, 30);
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('w')],
    );
    type_text(&mut app, &mut t, "45");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(model(&app).validator_leeway, Some(45));
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('w')],
    );
    type_text(&mut app, &mut t, "default");
    assert_eq!(app.prompt().and_then(|p| p.message()), None);
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(
        model(&app).validator_leeway,
        None,
        "back to the library's default"
    );
}

/// Issue 17: the help's `p` line counts the settings the menu really offers, with the
/// real-world model and in the lesson (it listed only the lesson's "ttl, early, leeway").
#[test]
fn the_helps_policy_line_counts_what_the_menu_offers() {
    let auth0 = tokenclock::files::load_scenario(std::path::Path::new("assets/auth0.toml"))
        .expect("the auth0 preset loads");
    for (scenario, scope) in [(auth0, " (u: one user's)"), (Scenario::lesson(), "")] {
        let (mut app, mut t) = common::app_at(scenario, 120, 40);
        step_and_draw(&mut app, &mut t, Action::PolicyMenu);
        let choices = app.prompt().and_then(|p| p.choices()).unwrap().to_owned();
        // Every choice but the one switching to a user's own values ("u only ana").
        let offered = choices
            .split(" · ")
            .filter(|c| !c.starts_with("u "))
            .count();
        steps(
            &mut app,
            &mut t,
            &[Action::PromptChar('!'), Action::ToggleHelp],
        );
        let help = screen(&t);
        assert!(
            help.contains(&format!("policy: {offered} settings{scope}")),
            "{choices}\n{help}"
        );
    }
}

/// The log words a change of a setting the rule does not show without the rule after it
/// (`retry-on-401 off → on`, not `…: refresh when expiry ≤ now`), as the transcript does; a
/// change the rule shows still ends with it.
#[test]
fn the_rule_follows_only_a_change_it_shows_in_the_log() {
    let scenario = tokenclock::files::load_scenario(std::path::Path::new("assets/two-tabs.toml"))
        .expect("the two-tabs preset loads");
    let (mut app, mut t) = common::app_at(scenario, 120, 30);
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('y')],
    );
    assert_eq!(app.last_result(), Some("t=0 retry-on-401 off → on"));
    steps(
        &mut app,
        &mut t,
        &[Action::PolicyMenu, Action::PromptChar('b')],
    );
    assert_eq!(
        app.last_result(),
        Some("t=0 boundary lesson → rfc7519: refresh when expiry ≤ now + 60")
    );
}
