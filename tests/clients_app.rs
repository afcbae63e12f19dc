//! Clients through `App::update` (issue 9): traffic while the clock plays says what refreshed
//! and failed, a move with traffic is one undo step that takes the counters back, and the
//! transcript writes the client operations as script commands.

use tokenclock::domain::Scenario;

use tokenclock::files::load_scenario;
use tokenclock::tui::{Action, App};

fn preset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn app(name: &str) -> App {
    let mut app = App::new(tokenclock::domain::Session::new(preset(name)), None);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

fn counters(app: &App, user: &str) -> tokenclock::domain::clients::Counters {
    app.scenario()
        .tokens
        .user(user)
        .and_then(|u| u.model)
        .map(|m| m.counters)
        .unwrap()
}

fn traffic_on(app: &mut App) {
    app.update(Action::ClientsMenu);
    app.update(Action::PromptChar('f'));
}

#[test]
fn playing_with_traffic_logs_the_storm_and_sums_each_move_up() {
    let mut app = app("storm.toml");
    traffic_on(&mut app);
    assert!(app.log().back().unwrap().contains("Traffic on"));
    app.update(Action::TogglePlay);
    // The step is 1 m: five ticks reach t=300, where the storm breaks.
    for _ in 0..5 {
        app.update(Action::Tick);
    }
    assert_eq!(app.scenario().now(), 300);
    let log: Vec<&String> = app.log().iter().collect();
    assert!(
        log.iter()
            .any(|l| l.contains("Refresh failed for storm (feed): reuse detected")),
        "{log:#?}"
    );
    assert!(
        log.last().unwrap().contains(
            "clock 240 → 300; traffic: 1 beat, 6 served, 0 × 401, 2 refreshes, 4 forced logins"
        ),
        "{log:#?}"
    );
    let c = counters(&app, "storm");
    assert_eq!((c.refreshes, c.forced_logins), (1, 4));
}

#[test]
fn undo_takes_a_move_with_traffic_back_counters_and_all() {
    let mut app = app("storm.toml");
    traffic_on(&mut app);
    app.update(Action::Advance);
    assert_eq!(counters(&app, "fixed").served, 5);
    app.update(Action::Run(tokenclock::domain::Op::Undo));
    assert_eq!(counters(&app, "fixed").served, 0);
    assert_eq!(app.scenario().now(), 0);
    // Traffic itself is undone by the next undo (it is a policy change).
    app.update(Action::Run(tokenclock::domain::Op::Undo));
    assert!(!app.scenario().policy.model.as_deref().unwrap().traffic);
}

#[test]
fn the_transcript_names_client_operations_as_commands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    let scenario = format!("{}/assets/two-tabs.toml", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args([
            "--scenario",
            &scenario,
            "--transcript",
            path.to_str().unwrap(),
            "--exec",
            "time 3540; race locked; skew locked tab2 -90; call locked tab2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(
            "t=3540 race locked → Refreshed token for locked (tab1): at-locked-2 (new refresh token rt-locked-2, expires 7140); Refreshed token for locked (tab2): at-locked-2 (single-flight: used tab1's answer)"
        ),
        "{text}"
    );
    assert!(
        text.contains("t=3540 skew locked tab2 -90 → Clock of locked (tab2): 90 behind the server (was in step with the server)"),
        "{text}"
    );
    assert!(
        text.contains("t=3540 call locked tab2 → Call for locked (tab2): 200 OK"),
        "{text}"
    );
}

/// Issue 18: `p` then `y` switches retry-on-401 on live; a call from the clock-behind laptop
/// then refreshes after its 401 and calls again, each change one undo step.
#[test]
fn the_policy_menu_switches_retry_on_401_and_a_call_then_retries_once() {
    use tokenclock::domain::Op;
    let mut app = app("skew.toml");
    app.update(Action::Run(Op::SetTime(390)));
    app.update(Action::PolicyMenu);
    app.update(Action::PromptChar('y'));
    assert!(app.scenario().policy.model.as_deref().unwrap().retry_on_401);
    app.update(Action::ClientsMenu);
    app.update(Action::PromptChar('c'));
    let log: Vec<&String> = app.log().iter().collect();
    let tail: Vec<&str> = log[log.len() - 3..].iter().map(|l| l.as_str()).collect();
    assert_eq!(
        tail,
        [
            "t=390 Call for behind (laptop): 401 invalid_token (token expired: jsonwebtoken-rs: exp 300 + 60 < now 390)",
            "t=390 Refreshed token for behind (laptop) after a 401: at-behind-2 (new refresh token rt-behind-2, expires 690)",
            "t=390 Retry for behind (laptop): 200 OK (jsonwebtoken-rs: exp 690 + 60 ≥ now 390)",
        ],
        "{log:#?}"
    );
    assert_eq!(counters(&app, "behind").refreshes, 1);
    app.update(Action::Run(Op::Undo));
    assert_eq!(counters(&app, "behind"), Default::default());
    app.update(Action::Run(Op::Undo));
    assert!(!app.scenario().policy.model.as_deref().unwrap().retry_on_401);
}

/// Whether any user has clients is found after each operation, not each frame: deleting the
/// users who have them hides the clients' columns, and undo shows them again.
#[test]
fn the_clients_show_while_a_user_has_them_and_come_back_with_undo() {
    let mut app = app("storm.toml");
    assert!(app.clients_on());
    let users = app.scenario().tokens.len();
    for _ in 0..users {
        app.update(Action::DeleteUser);
        app.update(Action::PromptChar('y'));
    }
    assert!(app.scenario().tokens.is_empty());
    assert!(!app.clients_on());
    app.update(Action::command("undo"));
    assert_eq!(app.scenario().tokens.len(), 1);
    assert!(app.clients_on());
}
