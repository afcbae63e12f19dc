use super::*;
use crate::domain::op::Names;
use crate::domain::policy::Boundary;

fn refreshed(old_expiry: u64, now: u64, policy: &Policy) -> Outcome {
    Outcome::Refreshed {
        decision: policy.decide(old_expiry, now),
        new_token: "newtoken123".into(),
        new_expiry: policy.new_expiry(now),
        issued_expired: false,
    }
}

fn still_valid(expiry: u64, now: u64, policy: &Policy) -> Outcome {
    Outcome::StillValid {
        decision: policy.decide(expiry, now),
        token: "def456".into(),
    }
}

#[test]
fn the_lesson_lines_are_exact() {
    let policy = Policy::default();
    assert_eq!(
        lesson_line("alice", &refreshed(100, 120, &policy)).to_string(),
        "Refreshed token for alice: newtoken123"
    );
    assert_eq!(
        lesson_line("bob", &still_valid(200, 120, &policy)).to_string(),
        "Token for bob is still valid: def456 (expires at 200)"
    );
}

#[test]
fn log_lines_name_both_outcomes_in_the_lessons_words() {
    let policy = Policy::default();
    assert_eq!(
        refresh_log("alice", &refreshed(100, 120, &policy)),
        "Refreshed token for alice: newtoken123 (expired: 100 < 120; expires 220)"
    );
    assert_eq!(
        refresh_log("bob", &still_valid(200, 120, &policy)),
        "Token for bob is still valid: def456 (200 ≥ 120; 80 left)"
    );
}

#[test]
fn log_lines_follow_the_boundary_and_the_early_window() {
    let policy = Policy {
        boundary: Boundary::Rfc7519,
        early: 10,
        ..Policy::default()
    };
    assert_eq!(
        refresh_log("bob", &refreshed(125, 120, &policy)),
        "Refreshed token for bob: newtoken123 (in the early window: 125 ≤ 120 + 10; expires 220)"
    );
    assert_eq!(
        refresh_log("bob", &still_valid(200, 120, &policy)),
        "Token for bob is still valid: def456 (200 > 120 + 10; 80 left)"
    );
}

#[test]
fn a_capped_or_already_expired_token_says_so_everywhere() {
    let policy = Policy {
        ttl: 0,
        boundary: Boundary::Rfc7519,
        ..Policy::default()
    };
    let outcome = Outcome::Refreshed {
        decision: policy.decide(100, 120),
        new_token: "n".into(),
        new_expiry: policy.new_expiry(120),
        issued_expired: true,
    };
    assert_eq!(
        lesson_line("alice", &outcome).to_string(),
        "Refreshed token for alice: n (already expired: expires 120)"
    );
    assert!(refresh_log("alice", &outcome).ends_with("expires 120, already expired)"));
    let capped = Outcome::Refreshed {
        decision: Policy::default().decide(5, u64::MAX),
        new_token: "n".into(),
        new_expiry: Policy::default().new_expiry(u64::MAX),
        issued_expired: false,
    };
    assert!(refresh_log("alice", &capped).ends_with(", capped at the largest time)"));
}

#[test]
fn clock_lines_say_when_the_clock_cannot_move() {
    assert_eq!(clock_log(120, 130), "clock 120 → 130");
    assert_eq!(clock_log(0, 0), "clock stays at 0 (it never goes below 0)");
}

#[test]
fn refresh_all_lists_at_most_a_few_names() {
    let mut refreshed = Names::default();
    let mut valid = Names::default();
    for i in 0..1_000_000 {
        refreshed.push(&format!("user{i}"));
    }
    valid.push("bob");
    let line = |refreshed: &Names, still_valid: &Names| {
        log_line(&Report::RefreshAll {
            refreshed: refreshed.clone(),
            still_valid: still_valid.clone(),
        })
    };
    assert_eq!(
        line(&refreshed, &valid),
        "refresh all: 1000000 refreshed (user0, user1, user2, user3, user4 and 999995 more), 1 still valid (bob)"
    );
    assert_eq!(
        line(&Names::default(), &valid),
        "refresh all: 0 refreshed, 1 still valid (bob)"
    );
    assert_eq!(
        line(&Names::default(), &Names::default()),
        "refresh all: no users"
    );
}

#[test]
fn a_quiet_operation_says_its_transcript_words_and_a_refresh_says_nothing_more() {
    let policy = Policy::default();
    let clock = Report::Clock { from: 120, to: 130 };
    assert_eq!(
        quiet_outcome(&clock, 130, &policy).as_deref(),
        Some("time is 130")
    );
    let mut s = crate::domain::Scenario::lesson();
    let outcome = s.refresh_at(0).unwrap();
    let refresh = Report::Refresh {
        user: "alice".into(),
        outcome,
    };
    assert_eq!(quiet_outcome(&refresh, 120, &policy), None);
}

#[test]
fn predictions_are_worded_with_their_numbers_and_verdicts() {
    use crate::domain::{Choice, Question, Reveal};
    assert_eq!(
        choices(&[Choice::Refreshed, Choice::StillValid]),
        "1 refreshed  2 still valid"
    );
    let question = Question {
        text: "Will bob get a new token?".into(),
        user: "bob".into(),
        choices: vec![Choice::Refreshed, Choice::StillValid],
        right: Choice::StillValid,
    };
    let reveal = |answer| Reveal {
        question: question.clone(),
        answer,
    };
    assert_eq!(
        verdict(&reveal(Some(Choice::StillValid))),
        "✓ right: still valid"
    );
    assert_eq!(
        verdict(&reveal(Some(Choice::Refreshed))),
        "✗ wrong: still valid (you said refreshed)"
    );
    assert_eq!(verdict(&reveal(None)), "answer: still valid");
    assert_eq!(tally(3, 4), "3 of 4 right");
}

#[test]
fn a_policy_change_names_every_setting_that_moved_in_the_tables_order() {
    use crate::domain::settings::Setting;
    let from = Policy {
        model: Some(Default::default()),
        ..Policy::default()
    };
    let mut to = from.clone();
    let mut expected = Vec::new();
    for s in Setting::ALL {
        let old = s.of_policy(&from).unwrap();
        let new = old.next().unwrap_or_else(|| s.parse_word("77").unwrap());
        expected.push(format!(
            "{} {} → {}",
            s.spec().name,
            value_words(&old),
            value_words(&new)
        ));
        new.apply(&mut to);
    }
    assert_eq!(
        policy_change(Setting::Grace, &from, &to),
        expected.join(", ")
    );
    assert_eq!(
        policy_change(Setting::Grace, &from, &from),
        "grace stays at 0"
    );
    let lesson = Policy::default();
    assert_eq!(
        policy_change(Setting::Grace, &lesson, &from),
        "real-world model on"
    );
}

#[test]
fn the_lifetime_checks_are_worded_as_start_plus_lifetime_against_now() {
    use crate::domain::oauth::{Check, Presenter};
    let words = |check: &Check, boundary| {
        oauth_panels::check_words(check, Presenter::Client, boundary, 120)
    };
    let absolute = |over| Check::Absolute {
        login_at: 20,
        absolute: 100,
        over,
    };
    let idle = |over| Check::Idle {
        last_use: 100,
        idle: 50,
        over,
    };
    assert_eq!(
        words(&absolute(true), Boundary::Lesson),
        "3. absolute: 20 + 100 < now 120 ✗"
    );
    assert_eq!(
        words(&absolute(false), Boundary::Rfc7519),
        "3. absolute: 20 + 100 > now 120 ✓"
    );
    assert_eq!(
        words(&idle(false), Boundary::Lesson),
        "3. idle: 100 + 50 ≥ now 120 ✓"
    );
    assert_eq!(
        words(&idle(true), Boundary::Rfc7519),
        "3. idle: 100 + 50 ≤ now 120 ✗"
    );
}

/// A setting left unset says what that means beside `default`; a set one is its word.
#[test]
fn an_unset_value_says_what_default_means() {
    use crate::domain::settings::SettingValue;
    assert_eq!(
        value_words(&SettingValue::MaxReuse(None)),
        "default: not counted, the grace ticks decide"
    );
    assert_eq!(value_words(&SettingValue::MaxReuse(Some(0))), "0");
    assert_eq!(
        value_words(&SettingValue::ValidatorLeeway(None)),
        "default: the library's own"
    );
    assert_eq!(value_words(&SettingValue::Grace(0)), "0");
}

#[test]
fn the_rule_line_states_the_boundary_and_the_early_window() {
    let lesson = crate::domain::Policy::default();
    assert_eq!(rule_line(&lesson), "refresh when expiry < now");
    let early = crate::domain::Policy {
        early: 10,
        boundary: Boundary::Rfc7519,
        ..lesson
    };
    assert_eq!(rule_line(&early), "refresh when expiry ≤ now + 10");
    assert_eq!(refresh_condition(&early), "expiry ≤ now + 10");
}

/// The quiz's question is worded from what it asks, so its words always match its choices:
/// the same operation asked about validity says "valid or expired", about a refresh "a new
/// token", and an operation with no words of its own asks "afterwards".
#[test]
fn the_quiz_question_is_worded_from_what_it_asks() {
    use crate::domain::question::Asks;
    let refresh = Op::Refresh("bob".into());
    assert_eq!(
        quiz_question(&refresh, Asks::Refresh, "bob"),
        "refresh bob: will bob get a new token?"
    );
    assert_eq!(
        quiz_question(&refresh, Asks::Refresh.about(&refresh, "alice"), "alice"),
        "refresh bob: will alice's token be valid or expired?"
    );
    assert_eq!(
        quiz_question(&Op::Advance(10), Asks::Validity, "bob"),
        "clock +10: will bob's token be valid or expired?"
    );
    assert_eq!(
        quiz_question(&Op::Call("bob".into()), Asks::Call, "bob"),
        "call bob: will the API answer 200 or 401?"
    );
    assert_eq!(
        quiz_question(&Op::Replay("bob".into()), Asks::Replay, "bob"),
        "replay bob: what does the attacker get?"
    );
    assert_eq!(
        quiz_question(&Op::Undo, Asks::Validity, "bob"),
        "will bob's token be valid or expired afterwards?"
    );
}
