//! Play's beat gives way to a key: at 100,000 users a beat of traffic takes longer than a
//! frame, so while it runs it asks, every `INTERRUPT_EVERY` users, once more when its walk is
//! done and every `INTERRUPT_EVERY` users while its undo step is made, whether input waits. When it does, the beat is taken back whole (users, clock,
//! counters, the token source), nothing enters the history, and the beat done again later comes
//! out as one never interrupted.

use std::cell::Cell;
use std::fmt::Write;
use std::rc::Rc;
use tokenclock::domain::clients::INTERRUPT_EVERY;
use tokenclock::domain::{Error, Op, Random, Session};
use tokenclock::files::parse_scenario;
use tokenclock::tui::{Action, App};

/// Enough users for a beat to ask twice whether input waits while it walks them.
const USERS: usize = 2 * INTERRUPT_EVERY + 100;
/// How often a move of two beats over [`USERS`] asks: twice in each beat, once after the walk,
/// and twice while its undo step is made (every user with clients was touched).
const QUESTIONS: usize = 2 * 2 + 1 + 2;

/// `users` users with two shared tabs each, traffic every 60 ticks, random new tokens; half
/// the access tokens are due at the first beat, so a beat refreshes and issues tokens.
fn scenario_text(users: usize) -> String {
    let mut text = String::from(
        "current_time = 0\n[refresh]\nttl = 600\nearly = 60\nnew_token = { random_bytes = 8 }\n\
         [oauth]\nvalidator = \"jsonwebtoken\"\nsingle_flight = true\ntraffic = true\n\
         traffic_every = 60\n[tokens]\n",
    );
    for i in 0..users {
        let expiry = if i % 2 == 0 { 100 } else { 600 };
        let _ = writeln!(
            text,
            "u{i} = {{ token = \"at-u{i}-1\", expiry = {expiry} }}"
        );
    }
    text.push_str("[clients]\n");
    for i in 0..users {
        let _ = writeln!(
            text,
            "u{i} = [{{ name = \"tab1\" }}, {{ name = \"tab2\" }}]"
        );
    }
    text
}

/// A seeded session of `users` users with a step done and undone, so its redo is not empty.
fn session(users: usize) -> Session {
    let mut scenario = parse_scenario(&scenario_text(users), "beat.toml").expect("valid");
    scenario.random = Random::seeded(7);
    let mut session = Session::new(scenario);
    session
        .apply(&Op::SetExpiry {
            user: "u1".into(),
            expiry: 90,
        })
        .expect("an edit");
    session.apply(&Op::Undo).expect("an undo");
    assert!(session.can_redo());
    session
}

/// An interrupt that answers true at its `nth` question, and counts the questions.
fn interrupt_at(nth: usize) -> (Rc<Cell<usize>>, impl FnMut() -> bool) {
    let asked = Rc::new(Cell::new(0));
    let count = asked.clone();
    (asked, move || {
        count.set(count.get() + 1);
        count.get() == nth
    })
}

#[test]
fn an_abandoned_beat_leaves_the_session_as_it_was_and_the_retried_beat_is_the_same() {
    let start = session(USERS);
    let mut uninterrupted = start.clone();
    uninterrupted.apply(&Op::Advance(120)).expect("two beats");
    // Interrupted at the first question whether input waits, then at the second.
    for nth in [1, 2] {
        let mut s = start.clone();
        let (asked, mut interrupt) = interrupt_at(nth);
        let result = s.execute_until(&Op::Advance(120), &mut |_, _| {}, &mut interrupt);
        assert_eq!(result, Err(Error::Interrupted));
        assert_eq!(asked.get(), nth);
        assert_eq!(
            s.scenario(),
            start.scenario(),
            "interrupted at question {nth}"
        );
        assert_eq!(s.undo_held(), start.undo_held());
        assert_eq!(s.undo_depth(), start.undo_depth());
        assert!(s.can_redo(), "the redo stack is untouched");
        assert_eq!(s.last_unchanged(), start.last_unchanged());
        // Done again (the seeded source went back too): the same tokens as never interrupted.
        let report = s.apply(&Op::Advance(120)).expect("two beats");
        assert_eq!(Ok(report), start.clone().apply(&Op::Advance(120)));
        assert_eq!(s.scenario(), uninterrupted.scenario());
        assert_eq!(s.undo_held(), uninterrupted.undo_held());
        // And it undoes as one step back to the start.
        s.apply(&Op::Undo).expect("an undo");
        assert_eq!(s.scenario(), start.scenario());
    }
    // The beat did issue new random tokens (else the comparison above would prove nothing).
    assert_ne!(
        uninterrupted
            .scenario()
            .tokens
            .get_index(0)
            .map(|(_, t)| t.value.to_owned()),
        start
            .scenario()
            .tokens
            .get_index(0)
            .map(|(_, t)| t.value.to_owned())
    );
}

#[test]
fn a_beat_asks_every_so_many_users_and_after_its_walk_and_never_in_a_small_roster_or_a_script() {
    let (asked, mut interrupt) = interrupt_at(1);
    let mut s = session(INTERRUPT_EVERY - 1);
    s.execute_until(&Op::Advance(600), &mut |_, _| {}, &mut interrupt)
        .expect("ten beats, never asked");
    assert_eq!(asked.get(), 0);
    let (asked, mut never) = interrupt_at(0);
    session(USERS)
        .execute_until(&Op::Advance(120), &mut |_, _| {}, &mut never)
        .expect("two beats");
    assert_eq!(asked.get(), QUESTIONS);
    let (asked, mut interrupt) = interrupt_at(1);
    // A session without undo cannot take a beat back, so it never asks.
    let mut scenario = parse_scenario(&scenario_text(USERS), "beat.toml").unwrap();
    scenario.random = Random::seeded(7);
    let mut batch = Session::batch(scenario);
    batch
        .execute_until(&Op::Advance(60), &mut |_, _| {}, &mut interrupt)
        .expect("a beat, never asked");
    assert_eq!(asked.get(), 0);
}

#[test]
fn a_beat_abandoned_at_any_of_its_questions_leaves_the_session_exactly_as_it_was() {
    // After a first beat, half the users have a history the next beats must leave as it was.
    let mut start = session(USERS);
    start.apply(&Op::Advance(60)).expect("a beat");
    let edit = Op::SetExpiry {
        user: "u1".into(),
        expiry: 90,
    };
    start.apply(&edit).expect("an edit");
    start.apply(&Op::Undo).expect("an undo");
    let histories = start.scenario().tokens.users();
    assert!(histories.filter(|(_, u)| u.past_count() > 0).count() >= USERS / 2);
    let mut uninterrupted = start.clone();
    let done = uninterrupted.apply(&Op::Advance(120)).expect("two beats");
    for nth in 1..=QUESTIONS {
        let mut s = start.clone();
        let (asked, mut interrupt) = interrupt_at(nth);
        let result = s.execute_until(&Op::Advance(120), &mut |_, _| {}, &mut interrupt);
        assert_eq!(result, Err(Error::Interrupted), "question {nth}");
        assert_eq!(asked.get(), nth);
        assert_eq!(
            s.scenario(),
            start.scenario(),
            "interrupted at question {nth}"
        );
        assert_eq!(s.undo_held(), start.undo_held());
        assert_eq!(s.undo_depth(), start.undo_depth());
        assert!(s.can_redo(), "the redo stack is untouched");
        // Interrupted again at once, then done: still as never interrupted.
        let (_, mut first) = interrupt_at(1);
        let again = s.execute_until(&Op::Advance(120), &mut |_, _| {}, &mut first);
        assert_eq!(again, Err(Error::Interrupted));
        assert_eq!(s.scenario(), start.scenario(), "twice, from question {nth}");
        assert_eq!(s.apply(&Op::Advance(120)), Ok(done.clone()));
        assert_eq!(s.scenario(), uninterrupted.scenario());
        assert_eq!(s.undo_held(), uninterrupted.undo_held());
        s.apply(&Op::Undo).expect("an undo");
        assert_eq!(s.scenario(), start.scenario());
        s.apply(&Op::Redo).expect("a redo");
        assert_eq!(s.scenario(), uninterrupted.scenario());
    }
}

/// The app playing on `users` users, whose play asks `waits` whether input waits.
fn playing_app(users: usize, waits: impl Fn() -> bool + 'static) -> App {
    let mut app = App::new(session(users), None)
        .with_transcript()
        .with_input_waits(waits);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app.update(Action::TogglePlay);
    assert!(app.is_playing());
    app.take_transcript();
    app
}

#[test]
fn a_tick_interrupted_by_waiting_input_changes_nothing_and_the_next_tick_plays() {
    let users = USERS;
    let waiting = Rc::new(Cell::new(true));
    let input = waiting.clone();
    let mut app = playing_app(users, move || input.get());
    assert_eq!(app.step(), 60);
    let log = app.log().clone();
    let scenario = app.scenario().clone();
    let held = app.session().undo_held();
    app.update(Action::Tick);
    assert_eq!(app.scenario(), &scenario);
    assert_eq!(app.log(), &log, "nothing logged");
    assert!(app.take_transcript().is_empty(), "nothing recorded");
    assert_eq!(app.session().undo_held(), held);
    assert!(app.session().can_redo());
    assert!(app.is_playing());
    // No input waits at the next tick: it plays the beat, as one that was never interrupted.
    waiting.set(false);
    app.update(Action::Tick);
    let mut plain = playing_app(users, || false);
    plain.update(Action::Tick);
    assert_eq!(app.scenario().now(), 60);
    assert_eq!(app.scenario(), plain.scenario());
    assert_eq!(app.log(), plain.log());
    assert_eq!(app.take_transcript(), plain.take_transcript());
    assert_eq!(app.session().undo_held(), plain.session().undo_held());
    assert!(!app.session().can_redo());
}
