//! Undo and redo: every change is one step, and going back restores exactly what was there.

use tokenclock::domain::session::HISTORY_LIMIT;
use tokenclock::domain::{
    Boundary, Error, NewToken, Op, Outcome, PolicyChange, Report, Scenario, Session, Token,
};
use tokenclock::words;

/// Runs an operation that must succeed.
fn run(s: &mut Session, op: Op) -> Report {
    s.apply(&op).unwrap()
}

fn refresh(s: &mut Session, user: &str) -> Outcome {
    match run(s, Op::Refresh(user.into())) {
        Report::Refresh { outcome, .. } => outcome,
        other => panic!("not a refresh: {other:?}"),
    }
}

/// What an undo took back, in the one formatter's words.
fn undo(s: &mut Session) -> Option<String> {
    match run(s, Op::Undo) {
        Report::Undid(what) => what.as_ref().map(words::did_words),
        other => panic!("not an undo: {other:?}"),
    }
}

/// What a redo brought back, in the one formatter's words.
fn redo(s: &mut Session) -> Option<String> {
    match run(s, Op::Redo) {
        Report::Redid(what) => what.as_ref().map(words::did_words),
        other => panic!("not a redo: {other:?}"),
    }
}

fn lesson() -> Session {
    Session::new(Scenario::lesson())
}

fn users(session: &Session) -> Vec<(String, Token)> {
    session
        .scenario()
        .tokens
        .iter()
        .map(|(n, t)| (n.to_owned(), t.owned()))
        .collect()
}

#[test]
fn undo_takes_back_a_refresh_and_redo_replays_it() {
    let mut s = lesson();
    assert!(refresh(&mut s, "alice").is_refreshed());
    assert_eq!(undo(&mut s).as_deref(), Some("refresh alice"));
    assert_eq!(s.scenario(), &Scenario::lesson());
    assert_eq!(redo(&mut s).as_deref(), Some("refresh alice"));
    assert_eq!(
        s.scenario().tokens.get("alice"),
        Some(Token::new("newtoken123", 220).view())
    );
}

#[test]
fn a_still_valid_refresh_is_not_a_step() {
    let mut s = lesson();
    assert!(!refresh(&mut s, "bob").is_refreshed());
    assert!(!s.can_undo());
}

#[test]
fn redo_brings_back_the_same_random_token() {
    let mut scenario = Scenario::lesson();
    scenario.policy.new_token = NewToken::RandomBytes(16);
    let mut s = Session::new(scenario);
    let Outcome::Refreshed { new_token, .. } = refresh(&mut s, "alice") else {
        panic!("alice is expired at 120");
    };
    undo(&mut s);
    redo(&mut s);
    assert_eq!(
        s.scenario().tokens.get("alice").map(|t| t.value),
        Some(new_token.as_str())
    );
}

#[test]
fn clock_moves_are_steps_and_stop_at_zero() {
    let mut s = lesson();
    run(&mut s, Op::Advance(10));
    run(&mut s, Op::Rewind(500));
    assert_eq!(s.scenario().now(), 0);
    run(&mut s, Op::Rewind(5));
    assert_eq!(undo(&mut s).as_deref(), Some("time 130 → 0"));
    assert_eq!(undo(&mut s).as_deref(), Some("time 120 → 130"));
    assert_eq!(s.scenario().now(), 120);
    assert_eq!(undo(&mut s), None);
}

#[test]
fn refresh_all_reports_every_user_and_undoes_as_one_step() {
    let mut s = lesson();
    let mut lines = Vec::new();
    s.execute(&Op::RefreshAll, &mut |name, outcome| {
        lines.push(words::lesson_line(name, outcome).to_string())
    })
    .unwrap();
    assert_eq!(
        lines,
        [
            "Refreshed token for alice: newtoken123",
            "Token for bob is still valid: def456 (expires at 200)",
            "Refreshed token for carol: newtoken123",
        ]
    );
    assert_eq!(undo(&mut s).as_deref(), Some("refresh of 2 users"));
    assert_eq!(s.scenario(), &Scenario::lesson());
}

#[test]
fn remove_and_undo_put_the_user_back_in_place() {
    let mut s = lesson();
    run(&mut s, Op::Remove("bob".into()));
    assert_eq!(
        s.apply(&Op::Refresh("bob".into())),
        Err(Error::UnknownUser("bob".into()))
    );
    undo(&mut s);
    assert_eq!(users(&s), users(&lesson()));
}

#[test]
fn add_checks_text_and_duplicates() {
    let mut s = lesson();
    let add = |user: &str, token: &str, expiry| Op::Add {
        user: user.into(),
        token: token.into(),
        expiry,
    };
    assert_eq!(
        s.apply(&add("alice", "x", 1)),
        Err(Error::DuplicateUser("alice".into()))
    );
    assert!(matches!(
        s.apply(&add("ev\u{1b}e", "x", 1)),
        Err(Error::BadText(_))
    ));
    run(&mut s, add("dave", "jkl000", 130));
    assert_eq!(
        users(&s).last(),
        Some(&("dave".to_owned(), Token::new("jkl000", 130)))
    );
    undo(&mut s);
    assert_eq!(users(&s), users(&lesson()));
}

#[test]
fn expiry_and_policy_edits_are_undoable() {
    let mut s = lesson();
    run(
        &mut s,
        Op::SetExpiry {
            user: "alice".into(),
            expiry: 120,
        },
    );
    run(
        &mut s,
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
        )),
    );
    assert_eq!(s.scenario().policy.boundary, Boundary::Rfc7519);
    assert_eq!(undo(&mut s).as_deref(), Some("boundary lesson → rfc7519"));
    redo(&mut s);
    run(
        &mut s,
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(5),
        )),
    );
    assert_eq!(undo(&mut s).as_deref(), Some("early 0 → 5"));
    undo(&mut s);
    assert_eq!(s.scenario().policy.boundary, Boundary::Lesson);
    assert_eq!(undo(&mut s).as_deref(), Some("expiry of alice 100 → 120"));
    assert_eq!(s.scenario(), &Scenario::lesson());
    assert_eq!(
        s.apply(&Op::SetExpiry {
            user: "zed".into(),
            expiry: 1
        }),
        Err(Error::UnknownUser("zed".into()))
    );
}

#[test]
fn a_new_change_clears_redo() {
    let mut s = lesson();
    run(&mut s, Op::Advance(1));
    undo(&mut s);
    assert!(s.can_redo());
    run(&mut s, Op::Advance(2));
    assert!(!s.can_redo());
}

#[test]
fn history_is_bounded() {
    let mut s = lesson();
    for _ in 0..HISTORY_LIMIT + 10 {
        run(&mut s, Op::Advance(1));
    }
    let mut undone = 0;
    while undo(&mut s).is_some() {
        undone += 1;
    }
    assert_eq!(undone, HISTORY_LIMIT);
    assert_eq!(s.scenario().now(), 130);
}

#[test]
fn a_users_history_survives_adding_removing_and_undo() {
    let mut s = lesson();
    refresh(&mut s, "alice");
    run(&mut s, Op::SetTime(300));
    run(&mut s, Op::RefreshAll);
    let expiries = |s: &Session| -> Vec<(u64, u64)> {
        s.scenario()
            .tokens
            .user("alice")
            .unwrap()
            .past()
            .map(|t| (t.replaced_at, t.expiry))
            .collect()
    };
    assert_eq!(expiries(&s), [(120, 100), (300, 220)]);
    run(
        &mut s,
        Op::Add {
            user: "dave".into(),
            token: "d1".into(),
            expiry: 500,
        },
    );
    run(&mut s, Op::Remove("bob".into()));
    assert_eq!(
        expiries(&s),
        [(120, 100), (300, 220)],
        "others' edits keep it"
    );
    undo(&mut s);
    undo(&mut s);
    assert_eq!(expiries(&s), [(120, 100), (300, 220)]);
    undo(&mut s);
    undo(&mut s);
    assert_eq!(
        expiries(&s),
        [(120, 100)],
        "undo takes back the refresh at 300"
    );
    run(&mut s, Op::Remove("alice".into()));
    undo(&mut s);
    assert_eq!(
        expiries(&s),
        [(120, 100)],
        "a removed user comes back whole"
    );
}

#[test]
fn reset_is_one_undoable_step_back_to_the_scenario_as_loaded() {
    let mut s = lesson();
    refresh(&mut s, "alice");
    run(&mut s, Op::Remove("bob".into()));
    run(
        &mut s,
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(7),
        )),
    );
    run(&mut s, Op::Advance(33));
    let before_reset = s.scenario().clone();
    assert_eq!(run(&mut s, Op::Reset), Report::Reset { changed: true });
    assert_eq!(s.scenario(), &Scenario::lesson());
    let order = |s: &Session| {
        s.scenario()
            .tokens
            .iter()
            .map(|(n, _)| n.to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(&s), ["alice", "bob", "carol"]);
    assert_eq!(undo(&mut s).as_deref(), Some("reset"));
    assert_eq!(s.scenario(), &before_reset);
    assert_eq!(order(&s), ["alice", "carol"]);
    assert_eq!(run(&mut s, Op::Reset), Report::Reset { changed: true });
    assert_eq!(run(&mut s, Op::Reset), Report::Reset { changed: false });
}

#[test]
fn next_change_finds_the_next_status_change_or_says_none_will() {
    let mut s = lesson();
    // At 120 bob (200) is the only user still valid: his last tick is 200.
    let Report::NextChange {
        from,
        next: Some(next),
    } = run(&mut s, Op::NextChange)
    else {
        panic!("bob will change");
    };
    assert_eq!((from, next.at, next.user.as_str()), (120, 200, "bob"));
    assert_eq!(s.scenario().now(), 200);
    let Report::NextChange {
        next: Some(next), ..
    } = run(&mut s, Op::NextChange)
    else {
        panic!("bob expires next");
    };
    assert_eq!(next.at, 201);
    assert_eq!(
        run(&mut s, Op::NextChange),
        Report::NextChange {
            from: 201,
            next: None
        }
    );
    // Under RFC 7519 with a leeway and an early window, each edge is a change.
    run(&mut s, Op::SetTime(0));
    run(
        &mut s,
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Boundary(Boundary::Rfc7519),
        )),
    );
    run(
        &mut s,
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Early(10),
        )),
    );
    run(
        &mut s,
        Op::Policy(PolicyChange::Set(
            tokenclock::domain::settings::SettingValue::Leeway(5),
        )),
    );
    let mut ticks = Vec::new();
    while let Report::NextChange {
        next: Some(next), ..
    } = run(&mut s, Op::NextChange)
    {
        ticks.push(next.at);
    }
    // Each token: refresh due at 40, expired (in the leeway) at 50, the leeway's last tick at
    // 54 (accepted, rejected one tick later), expired at 55.
    assert_eq!(
        ticks,
        [40, 50, 54, 55, 90, 100, 104, 105, 190, 200, 204, 205]
    );
    assert_eq!(undo(&mut s).as_deref(), Some("time 204 → 205"));
}

#[test]
fn a_run_of_clock_moves_can_be_one_step() {
    let mut s = lesson();
    run(&mut s, Op::Advance(10));
    s.advance_continuing(10);
    s.advance_continuing(10);
    assert_eq!(s.scenario().now(), 150);
    assert_eq!(undo(&mut s).as_deref(), Some("time 120 → 150"));
    assert_eq!(s.scenario().now(), 120);
    assert!(!s.can_undo());
}

#[test]
fn a_clock_run_after_a_refresh_is_a_new_step() {
    let mut s = lesson();
    refresh(&mut s, "alice");
    s.advance_continuing(10);
    assert_eq!(undo(&mut s).as_deref(), Some("time 120 → 130"));
    assert_eq!(undo(&mut s).as_deref(), Some("refresh alice"));
}

#[test]
fn history_drops_the_oldest_steps_past_its_bytes() {
    let mut scenario = Scenario::lesson();
    scenario.tokens = Default::default();
    for i in 0..1000 {
        scenario
            .tokens
            .insert(format!("u{i}"), Token::new("t", 0))
            .unwrap();
    }
    let mut s = Session::new(scenario);
    run(&mut s, Op::RefreshAll);
    let (one_refresh, _) = s.undo_held();
    // Room for about two of the first refresh of every user, not the nine steps that follow
    // (later refreshes hold more: each user's history has grown).
    let limit = one_refresh * 5 / 2;
    s.set_undo_limit(limit);
    for _ in 0..4 {
        run(&mut s, Op::Advance(1000));
        run(&mut s, Op::RefreshAll);
    }
    let (bytes, steps) = s.undo_held();
    // Within the bound, unless the newest step alone is past it (it is always kept).
    assert!(
        bytes <= limit || steps == 1,
        "{bytes} held in {steps} steps"
    );
    assert!(steps < 9, "the oldest steps were dropped: {steps} kept");
    assert_eq!(undo(&mut s).as_deref(), Some("refresh of 1000 users"));
}

/// A lesson's user is held whole while its history is short and as a diff once it is long (see
/// `history::held_whole`); a step crossed between the two (held whole one way, as a diff the
/// other) and a history past its bound still undo and redo exactly, to the random token.
#[test]
fn a_user_whose_history_grows_past_the_whole_threshold_undoes_and_redoes_exactly() {
    let mut scenario = Scenario::lesson();
    scenario.policy.new_token = NewToken::RandomBytes(16);
    let mut s = Session::new(scenario);
    let fingerprint = |s: &Session| {
        let user = s.scenario().tokens.user("alice").unwrap();
        format!("{:?} {:?} {}", user, user.issued_at(), s.scenario().now())
    };
    let mut states = vec![fingerprint(&s)];
    for _ in 0..80 {
        run(&mut s, Op::Advance(10_000));
        assert!(refresh(&mut s, "alice").is_refreshed());
        states.push(fingerprint(&s));
    }
    assert_eq!(
        s.scenario().tokens.user("alice").unwrap().past_count(),
        tokenclock::domain::token_store::USER_HISTORY_LIMIT
    );
    // Each refresh and the clock move before it are a step each.
    for back in (0..80).rev() {
        undo(&mut s);
        undo(&mut s);
        assert_eq!(fingerprint(&s), states[back], "back to refresh {back}");
    }
    for _ in 0..2 * 80 {
        redo(&mut s);
    }
    assert_eq!(fingerprint(&s), states[80]);
}
