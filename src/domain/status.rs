//! A user's token's status now: by the real-world model's judge when the model is on, by the
//! lesson's rule otherwise.

use super::oauth::ops::access_status;
use super::oauth::validator::AccessStatus;
use super::phase::lesson_status;
use super::scenario::Scenario;
use super::user_state::UserRef;

/// A user's token's status now, as every front end shows it: by the user's validator (and an
/// opaque token's revocation) with the real-world model, by the lesson's rule without.
pub fn user_status(scenario: &Scenario, user: UserRef<'_>) -> AccessStatus {
    let now = scenario.now();
    match scenario.knobs_of(user) {
        Some(knobs) => access_status(user, &knobs, &scenario.policy, now),
        None => lesson_status(&scenario.policy, user.token.expiry, now),
    }
}
