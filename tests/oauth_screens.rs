//! The real-world model on screen: the richer table, the family view, the server's checks, the
//! validators panel and the two-lane timeline (snapshots, read before accepting), its keys, and
//! the lesson untouched by them.

mod common;

use common::{app_at, lesson_at, screen, steps};
use tokenclock::domain::oauth::Validator;
use tokenclock::domain::oauth::validator::{Ruling, TokenTimes};
use tokenclock::domain::phase::Judge;
use tokenclock::domain::{Op, Scenario};
use tokenclock::files::load_scenario;
use tokenclock::tui::Action;

fn preset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn time(t: u64) -> Action {
    Action::Run(Op::SetTime(t))
}

fn model(name: &str) -> Action {
    Action::command(name)
}

#[test]
fn rotation_after_the_replay_shows_the_servers_checks_and_the_revoked_family() {
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[
            time(10),
            model("steal"),
            time(300),
            Action::command("refresh"),
            time(400),
            model("replay"),
        ],
    );
    let text = screen(&terminal);
    assert!(
        text.contains("│▶ alice at-alice-2     600 VALID ✓      rt-alice-2 revoked   2│"),
        "{text}"
    );
    assert!(
        text.contains("6. used before; reuse detection on ✗"),
        "{text}"
    );
    assert!(text.contains("→ invalid_grant (reuse: revoked)"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_family_view_shows_generations_revocation_and_the_attackers_copy() {
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[
            time(10),
            model("steal"),
            time(300),
            Action::command("refresh"),
            time(400),
            model("replay"),
            time(450),
        ],
    );
    let text = screen(&terminal);
    assert!(text.contains("Family: alice"), "{text}");
    assert!(
        text.contains("▶ REVOKED: reuse detected at t=400"),
        "{text}"
    );
    assert!(text.contains("▶ attacker holds rt-alice-1"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

/// Every row of the validators table, judged from the table: its name, 200 or 401 and its
/// comparison `exp + leeway vs now`, the selected user's own validator marked.
fn validator_lines(scenario: &Scenario) -> Vec<String> {
    let (_, user) = scenario.tokens.user_at(0).expect("a first user");
    let own = Judge::of(scenario.knobs_of(user).as_ref());
    let times = TokenTimes::new(user.token.expiry, user.issued_at());
    let width = Validator::ALL
        .iter()
        .map(|v| v.name().len())
        .max()
        .unwrap_or(0);
    Validator::ALL
        .iter()
        .map(|&v| {
            let configured = if v == own.validator { own.leeway } else { None };
            let j = v.judge(&scenario.policy, configured, times, scenario.now());
            let (verdict, op) = match j.ruling {
                Ruling::Accepted => ("200", j.boundary.valid_operator()),
                Ruling::Expired => ("401", j.boundary.expired_operator()),
                Ruling::NotYetValid(_) => panic!("no token from the future here"),
            };
            let mark = if v == own.validator { '▶' } else { ' ' };
            let configured = if j.configured { " (configured)" } else { "" };
            format!(
                "{mark} {:width$} {verdict}  {} + {} {op} {}{configured}",
                v.name(),
                j.exp,
                j.leeway,
                j.now
            )
        })
        .collect()
}

#[test]
fn a_call_shows_every_validator_side_by_side() {
    let scenario = preset("leeway.toml");
    let (mut app, mut terminal) = app_at(scenario.clone(), 80, 24);
    steps(&mut app, &mut terminal, &[model("call")]);
    let text = screen(&terminal);
    let lines = validator_lines(&scenario);
    // The libraries disagree on this token: both answers are on screen.
    assert!(lines.iter().any(|l| l.contains(" 200 ")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains(" 401 ")), "{lines:?}");
    // Every row of the validators table is on screen, at 80×24.
    for line in &lines {
        assert!(text.contains(line.as_str()), "{line} in\n{text}");
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn revoke_side_by_side_shows_the_stateless_gap_on_two_lanes() {
    let (mut app, mut terminal) = app_at(preset("revoke.toml"), 100, 30);
    steps(
        &mut app,
        &mut terminal,
        &[
            time(200),
            model("revoke"),
            Action::NextUser,
            model("revoke"),
            time(300),
        ],
    );
    let text = screen(&terminal);
    assert!(
        text.contains("jay  at-jay-1      400 100 left        VALID ✓"),
        "{text}"
    );
    assert!(
        text.contains("oli  at-oli-1      400 revoked at 200  REVOKED ✗"),
        "{text}"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_narrow_table_drops_the_generation_then_token_values_and_keeps_statuses() {
    let (mut app, mut terminal) = app_at(preset("leeway.toml"), 44, 16);
    steps(&mut app, &mut terminal, &[time(1060)]);
    let text = screen(&terminal);
    assert!(!text.contains("Gen") && !text.contains("Access"), "{text}");
    assert!(text.contains("LEEWAY ~"), "{text}");
    assert!(text.contains("EXPIRED ✗"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_models_keys_act_on_the_selected_user_and_are_one_undo_step_each() {
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 80, 24);
    steps(&mut app, &mut terminal, &[model("revoke")]);
    assert_eq!(
        app.last_result(),
        Some(
            "t=0 Revoked alice: family revoked; the jwt access token is still accepted by jsonwebtoken-rs until t=360 (the stateless gap)"
        )
    );
    steps(&mut app, &mut terminal, &[model("login")]);
    assert!(
        app.last_result()
            .unwrap()
            .starts_with("t=0 Logged in alice: ")
    );
    steps(
        &mut app,
        &mut terminal,
        &[Action::Run(Op::Undo), Action::Run(Op::Undo)],
    );
    assert_eq!(*app.scenario(), preset("rotation.toml"));
}

#[test]
fn on_the_lesson_the_models_keys_do_nothing_and_the_help_does_not_list_them() {
    let (mut app, mut terminal) = lesson_at(80, 24);
    let before = screen(&terminal);
    for op in ["steal", "replay", "revoke", "login", "call"] {
        steps(&mut app, &mut terminal, &[model(op)]);
    }
    assert_eq!(screen(&terminal), before);
    assert!(app.log().is_empty());
    steps(&mut app, &mut terminal, &[Action::ToggleHelp]);
    assert!(!screen(&terminal).contains("real-world"));
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 100, 40);
    steps(&mut app, &mut terminal, &[Action::ToggleHelp]);
    assert!(
        screen(&terminal).contains("replay the attacker's copy"),
        "{}",
        screen(&terminal)
    );
}

#[test]
fn the_clock_steps_are_seconds_to_days_with_the_model() {
    let (mut app, mut terminal) = app_at(preset("auth0.toml"), 80, 24);
    assert_eq!((app.step(), app.step_label()), (60, "1m".to_owned()));
    steps(&mut app, &mut terminal, &vec![Action::LargerStep; 3]);
    assert_eq!((app.step(), app.step_label()), (86_400, "1d".to_owned()));
    assert!(screen(&terminal).contains("step 1d"));
    // The 30-day absolute cap in 30 presses.
    steps(&mut app, &mut terminal, &vec![Action::Advance; 30]);
    assert_eq!(app.scenario().now(), 2_592_000);
    let (app, _) = lesson_at(80, 24);
    assert_eq!((app.step(), app.step_label()), (10, "10".to_owned()));
}

/// The "done when", by keys: open rotation.toml, steal, refresh, replay the stolen
/// token, the family is revoked, the refresh fails, the user logs in again.
#[test]
fn a_teacher_runs_the_rotation_story_with_keys() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use tokenclock::tui::keymap::action_for;
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 80, 24);
    let mut press = |app: &mut tokenclock::tui::App, keys: &str| {
        for c in keys.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            let event = KeyEvent::new(code, KeyModifiers::NONE);
            let action = match app.prompt() {
                Some(_) if c == '\n' => Action::PromptSubmit,
                Some(_) => Action::PromptChar(c),
                None => action_for(&event).expect("a bound key"),
            };
            common::step_and_draw(app, &mut terminal, action);
        }
    };
    press(&mut app, "S");
    assert_eq!(
        app.last_result(),
        Some("t=0 Stolen from alice: the attacker copied rt-alice-1")
    );
    press(&mut app, "t300\nr");
    assert_eq!(
        app.last_result(),
        Some(
            "t=300 Refreshed token for alice: at-alice-2 (expired: 300 ≤ 300; new refresh token rt-alice-2, expires 600)"
        )
    );
    press(&mut app, "t400\nx");
    assert!(
        app.last_result()
            .unwrap()
            .starts_with("t=400 Replay for alice: reuse detected")
    );
    press(&mut app, "t600\nr");
    assert_eq!(
        app.last_result(),
        Some(
            "t=600 Refresh failed for alice: refresh token revoked (reuse detected at t=400); asked because expired: 600 ≤ 600"
        )
    );
    press(&mut app, "i");
    assert!(
        app.last_result()
            .unwrap()
            .starts_with("t=600 Logged in alice")
    );
    let text = screen(&terminal);
    assert!(text.contains("at-alice-3 ↻"), "{text}");
}

#[test]
fn the_apps_prompts_take_durations_too() {
    let (mut app, mut terminal) = app_at(preset("auth0.toml"), 80, 24);
    let mut actions = vec![Action::SetTime];
    actions.extend("1d 2h".chars().map(Action::PromptChar));
    actions.push(Action::PromptSubmit);
    steps(&mut app, &mut terminal, &actions);
    assert_eq!(app.scenario().now(), 93_600);
}

#[test]
fn an_access_token_inside_the_early_window_says_refresh_due() {
    // Okta's tab at 3540: its access token expires at 3600 and the client refreshes 60 early.
    let (_, terminal) = app_at(preset("okta.toml"), 100, 30);
    assert!(
        screen(&terminal).contains("3600 60 left         VALID ✓ refresh due"),
        "{}",
        screen(&terminal)
    );
    let (_, terminal) = app_at(preset("okta.toml"), 56, 16);
    let text = screen(&terminal);
    assert!(
        text.contains("refresh due") && !text.contains("refresh d…"),
        "{text}"
    );
}

/// Issue 17: with the model on, the help's `]` line lists the steps the clock really takes and
/// the log words the step as the clock does (`1d`, not 86400); the lesson's are unchanged.
#[test]
fn the_step_in_the_help_and_the_log_is_the_clocks() {
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 100, 60);
    let larger = vec![Action::LargerStep; 6];
    steps(&mut app, &mut terminal, &larger);
    assert_eq!(app.step_label(), "1d");
    assert!(
        app.log().iter().any(|l| l.ends_with("step 1h → 1d")),
        "{:?}",
        app.log()
    );
    assert!(
        app.log().iter().any(|l| l.ends_with("step stays at 1d")),
        "{:?}",
        app.log()
    );
    steps(&mut app, &mut terminal, &[Action::ToggleHelp]);
    assert!(screen(&terminal).contains("larger step (1s 10s 1m 5m 1h 1d)"));
    let (mut app, mut terminal) = lesson_at(100, 60);
    steps(&mut app, &mut terminal, &[Action::ToggleHelp]);
    assert!(screen(&terminal).contains("larger step (1 5 10 50 100)"));
}

/// The why panel keeps the README's rule numbers: a rule the server passed over is there, said
/// to be not applicable (rotation.toml sets no lifetimes; rt-alice-1 is two rotations old, not
/// the previous token). Short of rows, the panel drops those lines first.
#[test]
fn the_servers_checks_keep_their_numbers_and_say_which_did_not_apply() {
    use tokenclock::domain::Report;
    use tokenclock::domain::oauth::{ModelReport, ReplayReport};
    use tokenclock::domain::session::Session;
    use tokenclock::words::oauth_panels::server_view;
    let mut s = Session::new(preset("rotation.toml"));
    for op in [
        Op::SetTime(10),
        Op::Steal("alice".into()),
        Op::SetTime(300),
        Op::Refresh("alice".into()),
        Op::SetTime(600),
        Op::Refresh("alice".into()),
        Op::SetTime(700),
    ] {
        s.apply(&op).unwrap();
    }
    let Ok(Report::Model {
        report: ModelReport::Replay(ReplayReport::Decided { decision, .. }),
        ..
    }) = s.apply(&Op::Replay("alice".into()))
    else {
        panic!("a decided replay");
    };
    let boundary = s.scenario().policy.boundary;
    let lines: Vec<String> = server_view("alice", None, &decision, boundary)
        .lines
        .into_iter()
        .map(|(text, _)| text)
        .collect();
    assert_eq!(
        lines,
        [
            "presented rt-alice-1",
            "2. family active ✓",
            "3. idle, absolute lifetime: none set (not applicable)",
            "4. current token rt-alice-3? no",
            "5. grace: not the previous token (not applicable)",
            "6. used before; reuse detection on ✗",
            "→ invalid_grant (reuse: revoked)",
        ]
    );
    // On screen (six rows), the rule that did not apply goes first, never rule 6.
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 100, 30);
    steps(
        &mut app,
        &mut terminal,
        &[
            time(10),
            model("steal"),
            time(300),
            Action::command("refresh"),
            time(600),
            Action::command("refresh"),
            time(700),
            model("replay"),
        ],
    );
    let text = screen(&terminal);
    assert!(
        text.contains("3. idle, absolute lifetime: none set"),
        "{text}"
    );
    assert!(
        text.contains("6. used before; reuse detection on ✗"),
        "{text}"
    );
}

/// The family view's hint names the key the registry binds to `login` (words name no keys).
#[test]
fn the_family_view_of_a_logged_out_user_names_the_login_key() {
    let (mut app, mut terminal) = app_at(preset("rotation.toml"), 80, 24);
    let logout = Action::Run(Op::Logout("alice".to_owned()));
    steps(&mut app, &mut terminal, &[logout]);
    let text = screen(&terminal);
    let keys = tokenclock::registry::spec("login")
        .keys
        .expect("login has a key");
    let hint = format!("not logged in: press {} to log in", keys.keys[0].label());
    assert!(text.contains(&hint), "{hint} in {text}");
}
