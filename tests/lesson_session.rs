//! The session's undo depth, which a lesson's `,` undoes back to (steps done less steps undone,
//! counted past the steps the history drops), and a seeded token source across undo and reset.

use tokenclock::domain::session::HISTORY_LIMIT;
use tokenclock::domain::{NewToken, Op, Outcome, Random, Report, Scenario, Session};

#[test]
fn the_depth_counts_steps_done_undone_and_redone_and_not_what_changed_nothing() {
    let mut session = Session::new(Scenario::lesson());
    assert_eq!(session.undo_depth(), 0);
    session.apply(&Op::Refresh("alice".into())).unwrap();
    session.apply(&Op::Refresh("bob".into())).unwrap(); // still valid: no step
    session.apply(&Op::Advance(5)).unwrap();
    assert_eq!(session.undo_depth(), 2);
    session.advance_continuing(5); // a play tick extends the clock step
    assert_eq!(session.undo_depth(), 2);
    session.apply(&Op::Undo).unwrap();
    assert_eq!(session.undo_depth(), 1);
    session.apply(&Op::Redo).unwrap();
    assert_eq!(session.undo_depth(), 2);
    session.apply(&Op::Undo).unwrap();
    session.apply(&Op::Undo).unwrap();
    session.apply(&Op::Undo).unwrap(); // nothing left to undo
    assert_eq!(session.undo_depth(), 0);
}

#[test]
fn the_depth_goes_on_past_the_history_limit() {
    let mut session = Session::new(Scenario::lesson());
    for _ in 0..HISTORY_LIMIT + 5 {
        session.apply(&Op::Advance(1)).unwrap();
    }
    assert_eq!(session.undo_depth(), (HISTORY_LIMIT + 5) as u64);
    session.apply(&Op::Undo).unwrap();
    assert_eq!(session.undo_depth(), (HISTORY_LIMIT + 4) as u64);
}

/// A seeded source goes on across reset and undo: a token it issued is not issued again.
#[test]
fn a_seeded_source_never_issues_a_token_twice_across_reset_and_undo() {
    let mut scenario = Scenario::lesson();
    scenario.policy.new_token = NewToken::RandomBytes(16);
    scenario.random = Random::seeded(7);
    let mut session = Session::new(scenario);
    let refresh = |session: &mut Session| match session.apply(&Op::Refresh("alice".into())) {
        Ok(Report::Refresh {
            outcome: Outcome::Refreshed { new_token, .. },
            ..
        }) => new_token,
        other => panic!("alice is expired at 120: {other:?}"),
    };
    let first = refresh(&mut session);
    session.apply(&Op::Reset).unwrap();
    let second = refresh(&mut session);
    session.apply(&Op::Undo).unwrap();
    let third = refresh(&mut session);
    assert_ne!(first, second);
    assert_ne!(second, third);
    assert_ne!(first, third);
}
