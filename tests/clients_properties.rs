//! With single-flight on and every client sharing the user's storage, no sequence of calls,
//! races, clock moves (with or without traffic), skews, refreshes and logins ever makes the
//! server see a used refresh token: reuse detection never fires.

use proptest::prelude::*;
use tokenclock::domain::oauth::RevokeWhy;
use tokenclock::domain::{Op, Session};
use tokenclock::files::parse_scenario;

#[derive(Debug, Clone)]
enum Step {
    Call(usize),
    CallFirst,
    Race,
    Advance(u64),
    Traffic(bool),
    Skew(usize, i64),
    Refresh,
    Login,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..4).prop_map(Step::Call),
        Just(Step::CallFirst),
        Just(Step::Race),
        (0u64..700).prop_map(Step::Advance),
        any::<bool>().prop_map(Step::Traffic),
        (0usize..4, -400i64..400).prop_map(|(c, s)| Step::Skew(c, s)),
        Just(Step::Refresh),
        Just(Step::Login),
    ]
}

fn op(step: &Step, clients: usize) -> Op {
    let user = || "alice".to_owned();
    let name = |c: usize| format!("c{}", c % clients);
    match step {
        Step::Call(c) => Op::CallClient {
            user: user(),
            client: name(*c),
        },
        Step::CallFirst => Op::Call(user()),
        Step::Race => Op::Race(user()),
        Step::Advance(n) => Op::Advance(*n),
        Step::Traffic(on) => Op::Traffic(*on),
        Step::Skew(c, s) => Op::Skew {
            user: user(),
            client: name(*c),
            skew: *s,
        },
        Step::Refresh => Op::Refresh(user()),
        Step::Login => Op::Login(user()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn single_flight_over_shared_storage_never_triggers_reuse_detection(
        clients in 1usize..5,
        ttl in 1u64..400,
        early in 0u64..120,
        every in 1u64..200,
        rfc in any::<bool>(),
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let list: Vec<String> = (0..clients).map(|c| format!("{{ name = \"c{c}\" }}")).collect();
        let text = format!(
            "current_time = 0\n[refresh]\nttl = {ttl}\nearly = {early}\nboundary = \"{}\"\n\
             [oauth]\nvalidator = \"pyjwt\"\nsingle_flight = true\ntraffic_every = {every}\n\
             [tokens]\nalice = {{ token = \"at-alice-1\", expiry = {ttl} }}\n\
             [clients]\nalice = [{}]\n",
            if rfc { "rfc7519" } else { "lesson" },
            list.join(", ")
        );
        let mut session = Session::new(parse_scenario(&text, "t.toml").unwrap());
        for step in &steps {
            let _ = session.apply(&op(step, clients));
            let model = session.scenario().tokens.user("alice").unwrap().model.unwrap();
            let why = model.family.as_ref().and_then(|f| f.revoked).map(|r| r.why);
            prop_assert_ne!(why, Some(RevokeWhy::Reuse), "after {:?}", step);
        }
    }
}
