//! Undo and redo: every change is one step, and going back restores exactly what was there.

use tokenclock::domain::session::HISTORY_LIMIT;
use tokenclock::domain::{Boundary, EditError, NewToken, Outcome, Scenario, Session, Token};

fn lesson() -> Session {
    Session::new(Scenario::lesson())
}

fn users(session: &Session) -> Vec<(String, Token)> {
    session
        .scenario()
        .tokens
        .iter()
        .map(|(n, t)| (n.to_owned(), t.clone()))
        .collect()
}

#[test]
fn undo_takes_back_a_refresh_and_redo_replays_it() {
    let mut s = lesson();
    assert!(s.refresh("alice").unwrap().is_refreshed());
    assert_eq!(s.undo().as_deref(), Some("refresh alice"));
    assert_eq!(s.scenario(), &Scenario::lesson());
    assert_eq!(s.redo().as_deref(), Some("refresh alice"));
    assert_eq!(
        s.scenario().tokens.get("alice"),
        Some(&Token::new("newtoken123", 220))
    );
}

#[test]
fn a_still_valid_refresh_is_not_a_step() {
    let mut s = lesson();
    assert!(!s.refresh("bob").unwrap().is_refreshed());
    assert!(!s.can_undo());
}

#[test]
fn redo_brings_back_the_same_random_token() {
    let mut scenario = Scenario::lesson();
    scenario.policy.new_token = NewToken::RandomBytes(16);
    let mut s = Session::new(scenario);
    let Outcome::Refreshed { new_token, .. } = s.refresh("alice").unwrap() else {
        panic!("alice is expired at 120");
    };
    s.undo();
    s.redo();
    assert_eq!(
        s.scenario().tokens.get("alice").map(|t| t.value.as_str()),
        Some(new_token.as_str())
    );
}

#[test]
fn clock_moves_are_steps_and_stop_at_zero() {
    let mut s = lesson();
    s.advance(10);
    s.rewind(500);
    assert_eq!(s.scenario().now(), 0);
    s.rewind(5);
    assert_eq!(s.undo().as_deref(), Some("time 130 → 0"));
    assert_eq!(s.undo().as_deref(), Some("time 120 → 130"));
    assert_eq!(s.scenario().now(), 120);
    assert_eq!(s.undo(), None);
}

#[test]
fn refresh_all_reports_every_user_and_undoes_as_one_step() {
    let mut s = lesson();
    let mut lines = Vec::new();
    s.refresh_all(|name, outcome| lines.push(outcome.lesson_line(name).to_string()));
    assert_eq!(
        lines,
        [
            "Refreshed token for alice: newtoken123",
            "Token for bob is still valid: def456 (expires at 200)",
            "Refreshed token for carol: newtoken123",
        ]
    );
    assert_eq!(s.undo().as_deref(), Some("refresh of 2 users"));
    assert_eq!(s.scenario(), &Scenario::lesson());
}

#[test]
fn remove_and_undo_put_the_user_back_in_place() {
    let mut s = lesson();
    s.remove_user("bob").unwrap();
    assert_eq!(
        s.refresh("bob"),
        Err(tokenclock::domain::UnknownUser("bob".into()))
    );
    s.undo();
    assert_eq!(users(&s), users(&lesson()));
}

#[test]
fn add_checks_text_and_duplicates() {
    let mut s = lesson();
    assert_eq!(
        s.add_user("alice", "x", 1),
        Err(EditError::DuplicateUser("alice".into()))
    );
    assert!(matches!(
        s.add_user("ev\u{1b}e", "x", 1),
        Err(EditError::BadText(_))
    ));
    s.add_user("dave", "jkl000", 130).unwrap();
    assert_eq!(
        users(&s).last(),
        Some(&("dave".to_owned(), Token::new("jkl000", 130)))
    );
    s.undo();
    assert_eq!(users(&s), users(&lesson()));
}

#[test]
fn expiry_and_policy_edits_are_undoable() {
    let mut s = lesson();
    s.set_expiry("alice", 120).unwrap();
    s.update_policy(|p| p.boundary = Boundary::Rfc7519);
    assert_eq!(s.scenario().policy.boundary, Boundary::Rfc7519);
    assert_eq!(s.undo().as_deref(), Some("boundary lesson → rfc7519"));
    s.redo();
    s.update_policy(|p| {
        p.early = 5;
        p.leeway = 2;
    });
    assert_eq!(s.undo().as_deref(), Some("early 0 → 5, leeway 0 → 2"));
    s.undo();
    assert_eq!(s.scenario().policy.boundary, Boundary::Lesson);
    assert_eq!(s.undo().as_deref(), Some("expiry of alice 100 → 120"));
    assert_eq!(s.scenario(), &Scenario::lesson());
    assert_eq!(
        s.set_expiry("zed", 1),
        Err(EditError::UnknownUser("zed".into()))
    );
}

#[test]
fn a_new_change_clears_redo() {
    let mut s = lesson();
    s.advance(1);
    s.undo();
    assert!(s.can_redo());
    s.advance(2);
    assert!(!s.can_redo());
}

#[test]
fn history_is_bounded() {
    let mut s = lesson();
    for _ in 0..HISTORY_LIMIT + 10 {
        s.advance(1);
    }
    let mut undone = 0;
    while s.undo().is_some() {
        undone += 1;
    }
    assert_eq!(undone, HISTORY_LIMIT);
    assert_eq!(s.scenario().now(), 130);
}

#[test]
fn refreshes_of_a_user_are_listed_oldest_first_for_the_timeline() {
    let mut s = lesson();
    s.refresh("alice").unwrap();
    s.set_time(300);
    s.refresh_all(|_, _| {});
    let alice: Vec<_> = s
        .refreshes_of(0)
        .into_iter()
        .map(|(at, before, after)| (at, before.expiry, after.expiry))
        .collect();
    assert_eq!(alice, [(120, 100, 220), (300, 220, 400)]);
    assert_eq!(s.refreshes_of(1).len(), 1, "bob only in the refresh at 300");
    s.undo();
    assert_eq!(s.refreshes_of(0).len(), 1);
    s.remove_user("carol").unwrap();
    assert!(
        s.refreshes_of(0).is_empty(),
        "positions before a removal are not trusted"
    );
}

#[test]
fn a_run_of_clock_moves_can_be_one_step() {
    let mut s = lesson();
    s.advance(10);
    s.advance_continuing(10);
    s.advance_continuing(10);
    assert_eq!(s.scenario().now(), 150);
    assert_eq!(s.undo().as_deref(), Some("time 120 → 150"));
    assert_eq!(s.scenario().now(), 120);
    assert!(!s.can_undo());
}

#[test]
fn a_clock_run_after_a_refresh_is_a_new_step() {
    let mut s = lesson();
    s.refresh("alice").unwrap();
    s.advance_continuing(10);
    assert_eq!(s.undo().as_deref(), Some("time 120 → 130"));
    assert_eq!(s.undo().as_deref(), Some("refresh alice"));
}

#[test]
fn history_drops_old_steps_when_it_holds_too_many_tokens() {
    use tokenclock::domain::session::HISTORY_TOKEN_LIMIT;
    let mut scenario = Scenario::lesson();
    scenario.tokens = Default::default();
    let users = HISTORY_TOKEN_LIMIT / 2 + 1;
    for i in 0..users {
        scenario
            .tokens
            .insert(format!("u{i}"), Token::new("t", 0))
            .unwrap();
    }
    let mut s = Session::new(scenario);
    s.refresh_all(|_, _| {});
    s.advance(1000);
    s.refresh_all(|_, _| {});
    // Two refreshes of every user hold more than the limit: only the newest refresh is kept,
    // with the clock move after the first.
    assert_eq!(
        s.undo().as_deref(),
        Some(format!("refresh of {users} users").as_str())
    );
    assert!(s.undo().is_some());
    assert_eq!(s.undo(), None);
}
