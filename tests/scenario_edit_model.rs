//! Saving in place with the real-world model: any state a preset can reach is written into the
//! preset's own text (comments kept) and loads back as that state, families included.

use proptest::prelude::*;
use tokenclock::domain::settings::Setting;
use tokenclock::domain::{Op, PolicyChange, Session};
use tokenclock::files::edit::edit_toml;
use tokenclock::files::parse_scenario;
use tokenclock::files::save::scenario_text;

const PRESETS: [&str; 7] = [
    include_str!("../assets/rotation.toml"),
    include_str!("../assets/sliding.toml"),
    include_str!("../assets/revoke.toml"),
    include_str!("../assets/leeway.toml"),
    include_str!("../assets/auth0.toml"),
    include_str!("../assets/okta.toml"),
    include_str!("../assets/keycloak.toml"),
];

#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    User(usize, u8),
    Knob(u8, u64),
    Add(u64),
    Remove(usize),
    Undo,
    Save,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0u64..2000).prop_map(Step::Advance),
        6 => (0usize..8, 0u8..6).prop_map(|(i, op)| Step::User(i, op)),
        2 => (0u8..64, 0u64..600).prop_map(|(k, n)| Step::Knob(k, n)),
        1 => (0u64..1000).prop_map(Step::Add),
        1 => (0usize..8).prop_map(Step::Remove),
        2 => Just(Step::Undo),
        2 => Just(Step::Save),
    ]
}

fn take(s: &mut Session, step: &Step) {
    let name_at = |s: &Session, i: usize| {
        let tokens = &s.scenario().tokens;
        (!tokens.is_empty())
            .then(|| {
                tokens
                    .get_index(i % tokens.len())
                    .map(|(n, _)| n.to_owned())
            })
            .flatten()
    };
    let op = match step {
        Step::Advance(n) => Op::Advance(*n),
        Step::User(i, op) => {
            let Some(user) = name_at(s, *i) else { return };
            match op {
                0 => Op::Refresh(user),
                1 => Op::Steal(user),
                2 => Op::Replay(user),
                3 => Op::Revoke(user),
                4 => Op::Login(user),
                _ => Op::Call(user),
            }
        }
        // Every setting of the table, everyone's or (odd `k`) one user's own.
        Step::Knob(k, n) => {
            let setting = Setting::ALL[usize::from(*k / 2) % Setting::ALL.len()];
            let default = setting.default_value();
            let value = setting
                .parse_word(&n.to_string())
                .ok()
                .or_else(|| if n % 2 == 0 { default.next() } else { None })
                .unwrap_or(default);
            match name_at(s, *n as usize).filter(|_| k % 2 == 1 && setting.spec().per_user) {
                Some(user) => Op::Policy(PolicyChange::SetFor { user, value }),
                None => Op::Policy(PolicyChange::Set(value)),
            }
        }
        Step::Add(n) => Op::Add {
            user: format!("u{n}"),
            token: format!("t{n}"),
            expiry: *n,
        },
        Step::Remove(i) => {
            let Some(user) = name_at(s, *i) else { return };
            Op::Remove(user)
        }
        Step::Undo => Op::Undo,
        Step::Save => {
            let text = scenario_text(s.scenario(), s.template());
            s.set_template(text);
            return;
        }
    };
    let _ = s.apply(&op);
}

proptest! {
    #[test]
    fn any_state_a_preset_reaches_saves_in_place_and_loads_back(
        preset in 0usize..PRESETS.len(),
        steps in prop::collection::vec(step(), 0..30),
    ) {
        let template = PRESETS[preset];
        let scenario = parse_scenario(template, "preset").unwrap();
        let mut s = Session::new(scenario).with_template(template);
        for step in &steps {
            take(&mut s, step);
        }
        let template = s.template().unwrap();
        let edited = edit_toml(template, s.scenario());
        prop_assert!(edited.is_some(), "the editor gave up on {:?}", s.scenario());
        let text = edited.unwrap();
        let loaded = parse_scenario(&text, "saved").unwrap();
        prop_assert!(loaded.holds_the_same_as(s.scenario()), "{}", text);
        // The preset's first comment line stays.
        prop_assert_eq!(text.lines().next(), template.lines().next());
    }
}
