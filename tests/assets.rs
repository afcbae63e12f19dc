//! The example files in `assets/` load, and do what their comments promise.

mod common;

use common::{app_at, screen};
use tokenclock::domain::{AccessStatus, Boundary, Op, PolicyChange, Scenario, Session};
use tokenclock::files::load_scenario;
use tokenclock::files::roster::load_roster;

fn asset(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

fn scenario(name: &str) -> Scenario {
    load_scenario(&asset(name)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_embedded_lesson_is_the_file_in_assets() {
    assert_eq!(scenario("lesson.toml"), Scenario::lesson());
}

#[test]
fn on_the_boundary_only_the_rule_decides_about_eli() {
    let s = scenario("boundary.toml");
    let status = |s: &Scenario| s.status_of(s.tokens.get("eli").unwrap());
    assert_eq!(
        status(&s),
        AccessStatus::Valid {
            remaining: 0,
            last_tick: true
        }
    );
    let mut session = Session::new(s);
    session
        .apply(&Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
        )))
        .unwrap();
    assert_eq!(
        status(session.scenario()),
        AccessStatus::Expired { since: 0 }
    );
}

#[test]
fn the_real_world_scenario_shows_each_case_its_comments_name() {
    let s = scenario("real-world.toml");
    let status = |name: &str| s.status_of(s.tokens.get(name).unwrap());
    assert_eq!(
        status("web"),
        AccessStatus::Valid {
            remaining: 240,
            last_tick: false
        }
    );
    assert_eq!(
        status("desktop"),
        AccessStatus::Leeway {
            since: 20,
            last_tick: false
        }
    );
    assert_eq!(status("cli"), AccessStatus::Expired { since: 100 });
    let mobile = s.tokens.get("mobile").unwrap().expiry;
    assert!(status("mobile").is_valid() && s.policy.decide(mobile, s.now()).refreshes);
}

#[test]
fn the_real_world_scenario_at_80x24() {
    let (_app, terminal) = app_at(scenario("real-world.toml"), 80, 24);
    let text = screen(&terminal);
    // The early window and the leeway are on screen; the rule is spaced as written, broken
    // after its operator; the four-digit time keeps its large digits. The rule is the lesson's
    // `<`: jsonwebtoken rejects only when exp + leeway < now.
    assert!(text.contains("│expiry <       │"), "{text}");
    assert!(text.contains("│now + 60       │"), "{text}");
    assert!(text.contains("│▄█  █▀█ █▀█ █▀█│"), "{text}");
    assert!(text.contains("leeway 60"), "{text}");
    // mobile, 45 s left in a 60 s early window: due for a refresh, in the table and the timeline.
    assert!(text.contains("45 left         refresh due"), "{text}");
    assert!(text.contains("mobile  ███████▓┃▓▓▓"), "{text}");
    assert!(text.contains("▓ refresh due"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_real_world_scenario_at_120x40_says_valid_refresh_due_in_full() {
    let (_app, terminal) = app_at(scenario("real-world.toml"), 120, 40);
    let text = screen(&terminal);
    assert!(
        text.contains("45 left         VALID ✓ refresh due"),
        "{text}"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_class_roster_loads_in_order() {
    let store = load_roster(&asset("class.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.len(), 10);
    assert_eq!(store.get_index(0).map(|(n, _)| n), Some("amara"));
}

#[test]
fn the_class_roster_at_80x24_says_last_tick_whole() {
    let tokens = load_roster(&asset("class.csv")).unwrap_or_else(|e| panic!("{e}"));
    let (_app, terminal) = app_at(
        Scenario {
            tokens,
            ..Scenario::lesson()
        },
        80,
        24,
    );
    let text = screen(&terminal);
    assert!(
        text.contains("gus    tok-gu           120 0 left          ✓ last tick"),
        "{text}"
    );
    assert!(!text.contains("VALID ✓ last "), "{text}");
    insta::assert_snapshot!(terminal.backend());
}
