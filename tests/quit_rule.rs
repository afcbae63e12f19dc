//! Issue 17's quit rule on every preset: story events (clock moves, refreshes, logins, races,
//! calls, thefts, replays, revocations, logouts, lost answers, traffic) never count as edits,
//! however they interleave; an expiry set by hand afterwards always does.

use tokenclock::domain::edits::edited_since;
use tokenclock::domain::{Op, Session};
use tokenclock::files::parse_scenario;
use tokenclock::presets::PRESETS;
use tokenclock::script::{Command, parse_command};

/// `command` on `session` when it parses and applies (a story event that does not fit the
/// preset, such as `race` for a user without clients, is skipped).
fn run(session: &mut Session, command: &str) {
    let words: Vec<&str> = command.split_whitespace().collect();
    if let Ok(Command::Op(op)) = parse_command(&words) {
        let _ = session.apply(&op);
    }
}

#[test]
fn story_events_on_every_preset_are_not_edits_and_a_hand_set_expiry_is() {
    for preset in PRESETS {
        let loaded = parse_scenario(preset.text, preset.name).unwrap();
        let users: Vec<String> = loaded
            .tokens
            .users()
            .map(|(name, _)| name.to_owned())
            .collect();
        let mut session = Session::new(loaded.clone());
        for round in 0..4 {
            for user in &users {
                for story in [
                    "advance 5m",
                    "refresh",
                    "race",
                    "call",
                    "steal",
                    "replay",
                    "lose",
                    "advance 1h",
                    "refresh",
                    "logout",
                    "login",
                    "revoke",
                    "login",
                ] {
                    let command = match story {
                        "advance 5m" | "advance 1h" => story.to_owned(),
                        _ => format!("{story} {user}"),
                    };
                    run(&mut session, &command);
                    assert!(
                        !edited_since(&loaded, session.scenario()),
                        "{}: '{command}' in round {round} counted as an edit",
                        preset.name
                    );
                }
            }
        }
        let Some(user) = users.first() else {
            continue;
        };
        let expiry = session.scenario().tokens.get(user).unwrap().expiry;
        session
            .apply(&Op::SetExpiry {
                user: user.clone(),
                expiry: expiry.saturating_add(7),
            })
            .unwrap();
        assert!(
            edited_since(&loaded, session.scenario()),
            "{}: an expiry set by hand on {user} did not count",
            preset.name
        );
    }
}
