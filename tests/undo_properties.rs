//! Undo is exact and bounded: over random sequences of the real-world model's operations with
//! clients and traffic (which change histories, families and every client's marks), undoing
//! goes back through exactly the states passed, redoing forward again, and the steps never hold
//! more than the bound (but always the newest).

use proptest::prelude::*;
use tokenclock::domain::{Op, Session};
use tokenclock::files::parse_scenario;

#[derive(Debug, Clone)]
enum Step {
    Call(usize, usize),
    Race(usize),
    Advance(u64),
    Traffic(bool),
    Refresh(usize),
    Login(usize),
    Steal(usize),
    Replay(usize),
    Lose(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..2, 0usize..3).prop_map(|(u, c)| Step::Call(u, c)),
        (0usize..2).prop_map(Step::Race),
        (0u64..400).prop_map(Step::Advance),
        any::<bool>().prop_map(Step::Traffic),
        (0usize..2).prop_map(Step::Refresh),
        (0usize..2).prop_map(Step::Login),
        (0usize..2).prop_map(Step::Steal),
        (0usize..2).prop_map(Step::Replay),
        (0usize..2).prop_map(Step::Lose),
    ]
}

const USERS: [&str; 2] = ["ann", "bo"];

fn op(step: &Step) -> Op {
    let user = |u: &usize| USERS[*u].to_owned();
    match step {
        Step::Call(u, c) => Op::CallClient {
            user: user(u),
            client: format!("c{c}"),
        },
        Step::Race(u) => Op::Race(user(u)),
        Step::Advance(n) => Op::Advance(*n),
        Step::Traffic(on) => Op::Traffic(*on),
        Step::Refresh(u) => Op::Refresh(user(u)),
        Step::Login(u) => Op::Login(user(u)),
        Step::Steal(u) => Op::Steal(user(u)),
        Step::Replay(u) => Op::Replay(user(u)),
        Step::Lose(u) => Op::Lose {
            user: user(u),
            client: None,
        },
    }
}

/// Everything undo must bring back, marks and histories included (which `==` on users skips).
fn fingerprint(session: &Session) -> String {
    let s = session.scenario();
    let mut out = format!("{} {:?}\n", s.now(), s.policy);
    for (name, user) in s.tokens.users() {
        out.push_str(&format!("{name} {user:?}\n"));
        for client in user.model.iter().flat_map(|m| &m.clients) {
            out.push_str(&format!("  {} {:?}\n", client.name, client.marks));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn undo_and_redo_pass_back_through_every_state_within_the_bound(
        ttl in 1u64..300,
        every in 1u64..50,
        rotation in any::<bool>(),
        limit in 1usize..40_000,
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let text = format!(
            "current_time = 0\n[refresh]\nttl = {ttl}\nearly = 10\n\
             [oauth]\nvalidator = \"pyjwt\"\nrotation = {rotation}\nreuse_detection = true\n\
             traffic_every = {every}\n\
             [tokens]\nann = {{ token = \"at-ann-1\", expiry = {ttl} }}\n\
             bo = {{ token = \"at-bo-1\", expiry = 5 }}\n\
             [clients]\nann = [{{ name = \"c0\" }}, {{ name = \"c1\" }}, {{ name = \"c2\" }}]\n\
             bo = [{{ name = \"c0\" }}, {{ name = \"c1\" }}, {{ name = \"c2\", storage = \"own\" }}]\n",
        );
        let scenario = match parse_scenario(&text, "t.toml") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let mut session = Session::new(scenario);
        session.set_undo_limit(limit);
        let mut states = vec![fingerprint(&session)];
        for step in &steps {
            let before = session.undo_depth();
            let _ = session.apply(&op(step));
            if session.undo_depth() != before {
                states.push(fingerprint(&session));
            }
            let (bytes, kept) = session.undo_held();
            prop_assert!(bytes <= limit || kept == 1, "{} bytes in {} steps", bytes, kept);
        }
        let (_, kept) = session.undo_held();
        let newest = states.len() - 1;
        for back in 1..=kept {
            prop_assert!(session.apply(&Op::Undo).is_ok());
            prop_assert_eq!(&fingerprint(&session), &states[newest - back], "{} back", back);
        }
        prop_assert!(!session.can_undo());
        for forward in (0..kept).rev() {
            prop_assert!(session.apply(&Op::Redo).is_ok());
            prop_assert_eq!(&fingerprint(&session), &states[newest - forward]);
        }
    }
}
