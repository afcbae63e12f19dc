//! Clients on screen (issue 9): the table's clients and counters, a race explained step by step
//! in the why panel, the per-client timeline lanes, and the clients menu (snapshots, read before
//! accepting).

mod common;

use common::{app_at, screen, steps};
use tokenclock::domain::{Op, Scenario};
use tokenclock::files::load_scenario;
use tokenclock::registry::{COMMANDS, Needs};
use tokenclock::tui::Action;
use tokenclock::tui::keymap::BINDINGS;

fn preset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The footer's model item's keys, worked out from the registry rather than copied: the first
/// key of each keyed command that needs the real-world model, in registry order, then the
/// clients menu's key.
fn model_keys_from_the_registry() -> String {
    let clients_menu = BINDINGS
        .iter()
        .find(|b| b.action == Action::ClientsMenu)
        .expect("the clients menu has a key");
    COMMANDS
        .iter()
        .filter(|spec| spec.needs != Needs::Nothing)
        .filter_map(|spec| spec.keys)
        .map(|keys| keys.keys[0].label())
        .chain([clients_menu.keys[0].label()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn time(t: u64) -> Action {
    Action::Run(Op::SetTime(t))
}

fn keys(text: &str) -> Vec<Action> {
    text.chars().map(Action::PromptChar).collect()
}

#[test]
fn two_tabs_race_without_grace_is_explained_step_by_step() {
    let (mut app, mut terminal) = app_at(preset("two-tabs.toml"), 100, 30);
    let mut actions = vec![time(3540), Action::ClientsMenu];
    actions.extend(keys("r"));
    steps(&mut app, &mut terminal, &actions);
    let text = screen(&terminal);
    assert!(text.contains("Why: race nograce at t=3540"), "{text}");
    assert!(
        text.contains("1. tab1 (clock 3540) presents rt-nograce-1"),
        "{text}"
    );
    assert!(
        text.contains("2. tab2 (clock 3540) presents rt-nograce-1"),
        "{text}"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn two_tabs_race_at_80x24_keeps_a_short_title_and_the_model_keys() {
    let (mut app, mut terminal) = app_at(preset("two-tabs.toml"), 80, 24);
    let mut actions = vec![time(3540), Action::ClientsMenu];
    actions.extend(keys("r"));
    steps(&mut app, &mut terminal, &actions);
    let text = screen(&terminal);
    assert!(text.contains("┌ Why: race nograce at t=3540 ─"), "{text}");
    assert!(!text.contains("single-fli…"), "{text}");
    let model_keys = model_keys_from_the_registry();
    assert!(text.contains(&format!("{model_keys}  model")), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_table_counts_clients_and_spells_out_the_selected_users() {
    let (mut app, mut terminal) = app_at(preset("skew.toml"), 100, 24);
    steps(&mut app, &mut terminal, &[time(390), Action::ClientsMenu]);
    let mut actions = keys("c");
    actions.push(Action::NextUser);
    steps(&mut app, &mut terminal, &actions);
    let text = screen(&terminal);
    assert!(
        text.contains("Clients") && text.contains("200 401 ↻ out"),
        "{text}"
    );
    assert!(text.contains("│  behind"), "{text}");
    assert!(text.contains("laptop +90"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_call_by_a_skewed_client_is_explained_by_its_clock_and_the_validator() {
    let (mut app, mut terminal) = app_at(preset("skew.toml"), 100, 24);
    let mut actions = vec![time(390), Action::ClientsMenu];
    actions.extend(keys("c"));
    steps(&mut app, &mut terminal, &actions);
    let text = screen(&terminal);
    assert!(text.contains("laptop's clock 300"), "{text}");
    assert!(
        text.contains("call laptop: 401 (jsonwebtoken-rs: exp 300 + 60 < now 390)"),
        "{text}"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn storm_with_traffic_marks_each_clients_calls_and_refreshes_on_its_lane() {
    let (mut app, mut terminal) = app_at(preset("storm.toml"), 100, 34);
    let mut actions = vec![Action::ClientsMenu];
    actions.extend(keys("f"));
    actions.extend([Action::Run(Op::Advance(300)), Action::Run(Op::Advance(60))]);
    steps(&mut app, &mut terminal, &actions);
    let text = screen(&terminal);
    assert!(text.contains(" feed "), "{text}");
    assert!(text.contains("‽"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_clients_menu_names_the_client_and_n_moves_to_the_next() {
    let (mut app, mut terminal) = app_at(preset("two-tabs.toml"), 100, 30);
    steps(&mut app, &mut terminal, &[Action::ClientsMenu]);
    assert!(screen(&terminal).contains("Clients of nograce (on tab1)"));
    steps(&mut app, &mut terminal, &keys("n"));
    let text = screen(&terminal);
    assert!(text.contains("Clients of nograce (on tab2)"), "{text}");
    assert!(
        text.contains("c call · r race · l lose · s skew · n next client · f traffic on"),
        "{text}"
    );
    // s asks for tab2's offset; a bad one is refused as typed, a good one is applied.
    steps(&mut app, &mut terminal, &keys("s-9x"));
    assert!(screen(&terminal).contains("'-9x'"), "{}", screen(&terminal));
    let mut fix = vec![Action::PromptBackspace];
    fix.extend(keys("0"));
    fix.push(Action::PromptSubmit);
    steps(&mut app, &mut terminal, &fix);
    let text = screen(&terminal);
    assert!(
        text.contains("Clock of nograce (tab2): 90 behind the server"),
        "{text}"
    );
}

#[test]
fn the_lesson_and_presets_without_clients_show_no_clients_columns() {
    let (mut app, mut terminal) = app_at(preset("okta.toml"), 100, 30);
    steps(&mut app, &mut terminal, &[Action::ClientsMenu]);
    let text = screen(&terminal);
    assert!(!text.contains("Clients"), "{text}");
    assert!(text.contains("this user has no clients"), "{text}");
}
