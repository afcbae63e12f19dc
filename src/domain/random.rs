//! Where random tokens come from: the OS, or a generator seeded by `--seed`.

/// Where `new_token = { random_bytes = N }` gets its bytes: the OS random source, or a generator
/// seeded by `--seed` so that a lesson's handout comes out the same on every run. Seeded tokens
/// are predictable: for teaching only.
#[derive(Debug, Clone, Default)]
pub enum Random {
    #[default]
    Os,
    Seeded(fastrand::Rng),
}

impl Random {
    pub fn seeded(seed: u64) -> Self {
        Random::Seeded(fastrand::Rng::with_seed(seed))
    }

    pub(super) fn fill(&mut self, bytes: &mut [u8]) -> bool {
        match self {
            Random::Os => getrandom::fill(bytes).is_ok(),
            Random::Seeded(rng) => {
                rng.fill(bytes);
                true
            }
        }
    }
}

/// The source of randomness is not part of a scenario's state (a file holds no generator), so
/// two scenarios are the same whatever their sources.
impl PartialEq for Random {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Random {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewToken, Outcome, Scenario};

    fn lesson() -> Scenario {
        Scenario::lesson()
    }

    #[test]
    fn a_seeded_source_issues_the_same_tokens_on_every_run_and_others_for_another_seed() {
        let tokens = |seed: u64| {
            let mut s = lesson();
            s.policy.new_token = NewToken::RandomBytes(16);
            s.random = Random::seeded(seed);
            ["alice", "carol"].map(|user| {
                match s.refresh_at(s.position_of(user).unwrap()).unwrap() {
                    Outcome::Refreshed { new_token, .. } => new_token,
                    Outcome::StillValid { .. } | Outcome::Server { .. } => {
                        panic!("{user} is expired at 120")
                    }
                }
            })
        };
        assert_eq!(tokens(7), tokens(7));
        assert_ne!(tokens(7)[0], tokens(7)[1]);
        assert_ne!(tokens(7), tokens(8));
    }
}
