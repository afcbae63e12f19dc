//! Saving and loading are inverses: `parse_scenario(to_toml(s)) == s` for any scenario.

use proptest::prelude::*;
use tokenclock::domain::{Boundary, Clock, NewToken, Policy, Scenario, Token, TokenStore};
use tokenclock::files::load_scenario;
use tokenclock::files::parse_scenario;
use tokenclock::files::save::{save_scenario, to_toml};

/// Words the text checks accept, including characters TOML must quote or escape (a `#` only
/// after the first character: scripts read a leading one as a comment).
fn word(max: usize) -> impl Strategy<Value = String> {
    prop::string::string_regex(&format!(
        "[a-zA-Z0-9_\\-.\"\\\\='\\[\\]{{}}$é李🦀][a-zA-Z0-9_\\-.\"\\\\#='\\[\\]{{}}$é李🦀]{{0,{}}}",
        max - 1
    ))
    .expect("a valid regex")
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let new_token = prop_oneof![
        word(20).prop_map(NewToken::Literal),
        (1usize..=128).prop_map(NewToken::RandomBytes),
    ];
    let boundary = prop_oneof![Just(Boundary::Lesson), Just(Boundary::Rfc7519)];
    let users = prop::collection::vec((word(12), word(20), any::<u64>()), 0..20);
    (
        any::<u64>(),
        any::<u64>(),
        new_token,
        boundary,
        any::<u64>(),
        any::<u64>(),
        users,
    )
        .prop_map(|(now, ttl, new_token, boundary, early, leeway, users)| {
            let mut tokens = TokenStore::default();
            for (name, value, expiry) in users {
                // A repeated name is simply skipped: names are unique.
                let _ = tokens.insert(name, Token::new(value, expiry));
            }
            Scenario {
                clock: Clock::new(now),
                tokens,
                policy: Policy {
                    ttl,
                    new_token,
                    boundary,
                    early,
                    leeway,
                    ..Policy::default()
                },
                random: Default::default(),
            }
        })
}

proptest! {
    #[test]
    fn to_toml_round_trips(s in scenario()) {
        let text = to_toml(&s);
        prop_assert_eq!(parse_scenario(&text, "saved.toml").map_err(|e| e.to_string()), Ok(s));
    }
}

#[test]
fn the_lesson_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lesson.toml");
    save_scenario(&path, &Scenario::lesson(), None).unwrap();
    assert_eq!(load_scenario(&path).unwrap(), Scenario::lesson());
}

#[test]
fn the_saved_lesson_reads_like_the_lesson_file() {
    assert_eq!(
        to_toml(&Scenario::lesson()),
        "# A tokenclock scenario (see docs/src/scenarios.md)\n\
         current_time = 120\n\
         \n\
         [refresh]\n\
         ttl = 100\n\
         new_token = \"newtoken123\"\n\
         boundary = \"lesson\"\n\
         early = 0\n\
         leeway = 0\n\
         \n\
         # user = { token = \"...\", expiry = TICK }, kept in this order\n\
         [tokens]\n\
         alice = { token = \"abc123\", expiry = 100 }\n\
         bob = { token = \"def456\", expiry = 200 }\n\
         carol = { token = \"ghi789\", expiry = 50 }\n"
    );
}
