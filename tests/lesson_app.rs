//! Walking lessons in the app (`.` next, `,` back, `1` `2` predict) and the quiz, through
//! `App::update`, with snapshots of a caption, a question, a right and a wrong reveal.

mod common;

use common::{app_at, screen, session_at, step_and_draw, steps};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokenclock::domain::{Choice, Op, Scenario, Session, Token};
use tokenclock::files::parse_scenario;
use tokenclock::lesson::{self, parse_lesson};
use tokenclock::tui::app::{Guide, Mode, Origin};
use tokenclock::tui::geometry::Explains;
use tokenclock::tui::ui::layout;
use tokenclock::tui::{Action, App};

/// The app on a built-in lesson, at its first step (`.` once after opening it).
fn lesson_app(name: &str, width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let (mut app, mut terminal) = lesson_opened(name, width, height);
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    (app, terminal)
}

/// The app on a built-in lesson as it opens: before its first step.
fn lesson_opened(name: &str, width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let built_in = lesson::built_in(name).unwrap();
    let scenario = parse_scenario(built_in.text, name).unwrap();
    let lesson = parse_lesson(built_in.text, name, &scenario).unwrap();
    let (app, mut terminal) = session_at(Session::new(scenario), width, height);
    let mut app = app.with_guide(Guide {
        lesson,
        quiz: false,
    });
    step_and_draw(&mut app, &mut terminal, Action::Resize { width, height });
    (app, terminal)
}

/// The app with the quiz on, on `scenario`.
fn quiz_app(scenario: Scenario) -> (App, Terminal<TestBackend>) {
    let (app, mut terminal) = app_at(scenario, 100, 30);
    let mut app = app.with_guide(Guide {
        lesson: None,
        quiz: true,
    });
    step_and_draw(
        &mut app,
        &mut terminal,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    (app, terminal)
}

/// The number of the open question's right choice.
fn right_choice(app: &App) -> usize {
    let question = &app.asking().expect("a question is open").question;
    1 + question
        .choices
        .iter()
        .position(|c| *c == question.right)
        .unwrap()
}

fn step_shown(app: &App) -> usize {
    app.guiding().lesson.as_ref().unwrap().at
}

fn token_of(app: &App, user: &str) -> String {
    app.scenario().tokens.get(user).unwrap().value.to_owned()
}

/// `.` through every built-in lesson, answering every question right: each step is shown,
/// the lesson ends on its last step with every prediction right, and `.` past the end only
/// says so.
#[test]
fn every_built_in_lesson_walks_through_to_its_end_with_every_prediction_right() {
    for built_in in lesson::BUILT_IN {
        let (mut app, mut terminal) = lesson_app(built_in.name, 100, 30);
        let count = app.guiding().lesson.as_ref().unwrap().lesson.steps.len();
        let mut seen = vec![false; count];
        let mut asked = 0;
        for _ in 0..count * 3 {
            seen[step_shown(&app)] = true;
            if app.asking().is_some() {
                asked += 1;
                let choice = right_choice(&app);
                step_and_draw(&mut app, &mut terminal, Action::Answer(choice));
            } else {
                step_and_draw(&mut app, &mut terminal, Action::NextStep);
            }
        }
        let progress = app.guiding().lesson.as_ref().unwrap();
        assert!(seen.iter().all(|s| *s), "{}: {seen:?}", built_in.name);
        assert_eq!(progress.at, count - 1, "{}", built_in.name);
        assert!(progress.done);
        assert_eq!(
            progress.tally(),
            Some(format!("{asked} of {asked} right")),
            "{}",
            built_in.name
        );
        assert!(screen(&terminal).contains(&format!("Step {count} of {count}")));
        let end = format!("end of the lesson: {asked} of {asked} right");
        assert!(
            app.last_result().unwrap().ends_with(&end),
            "{}",
            built_in.name
        );
    }
}

#[test]
fn seed_ends_with_the_lessons_exact_line_in_the_panel_then_the_facts() {
    let (mut app, mut terminal) = lesson_app("seed", 100, 30);
    assert_snapshot!("seed_step_1_caption", terminal.backend());
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::NextStep],
    );
    assert!(screen(&terminal).contains("Step 3 of 6"));
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    // Step 4 asks before refreshing alice: nothing has run yet.
    assert_eq!(token_of(&app, "alice"), "abc123");
    assert!(matches!(app.mode(), Mode::Question(_)));
    assert_snapshot!("seed_step_4_question", terminal.backend());
    step_and_draw(&mut app, &mut terminal, Action::Answer(1));
    assert_eq!(token_of(&app, "alice"), "newtoken123");
    let shown = screen(&terminal);
    assert!(shown.contains("│Refreshed token for alice: newtoken123 "));
    assert!(shown.contains("✓ right: refreshed"));
    assert!(
        shown.contains("▶ ran at t=120"),
        "the why panel shows the decision"
    );
    assert_snapshot!("seed_step_4_right", terminal.backend());
    // Step 5: carol, answered wrong.
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::Answer(2)],
    );
    assert!(screen(&terminal).contains("✗ wrong: refreshed (you said still valid)"));
    assert_snapshot!("seed_step_5_wrong", terminal.backend());
    // Step 6: bob is still valid with 80 left.
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert_eq!(right_choice(&app), 2);
    step_and_draw(&mut app, &mut terminal, Action::Answer(2));
    let shown = screen(&terminal);
    assert!(shown.contains("Token for bob is still valid: def456 (expires at 200)"));
    assert!(shown.contains("Step 6 of 6 · 2 of 3 right"));
}

#[test]
fn boundary_asks_at_the_flip_and_marks_right_and_wrong() {
    let (mut app, mut terminal) = lesson_app("boundary", 100, 30);
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    // Eli at 100 under the lesson's rule: still valid.
    assert_eq!(right_choice(&app), 2);
    step_and_draw(&mut app, &mut terminal, Action::Answer(2));
    assert_eq!(token_of(&app, "eli"), "eli100");
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::NextStep],
    );
    // The flip: the same token at the same tick under RFC 7519.
    assert_eq!(app.scenario().policy.boundary.name(), "rfc7519");
    assert_eq!(right_choice(&app), 1);
    assert_snapshot!("boundary_flip_question", terminal.backend());
    step_and_draw(&mut app, &mut terminal, Action::Answer(2));
    assert!(screen(&terminal).contains("✗ wrong: refreshed (you said still valid)"));
    assert_snapshot!("boundary_flip_wrong", terminal.backend());
    // Finn after the clock moves to his expiry: a status question, valid or expired.
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::Answer(2), Action::NextStep],
    );
    let question = &app.asking().unwrap().question;
    assert_eq!(question.choices, [Choice::Valid, Choice::Expired]);
    assert_eq!(question.right, Choice::Expired);
    step_and_draw(&mut app, &mut terminal, Action::Answer(2));
    assert_eq!(app.scenario().now(), 101);
    assert_snapshot!("boundary_finn_right", terminal.backend());
}

#[test]
fn back_a_step_undoes_to_where_the_previous_step_began_and_asks_again() {
    let (mut app, mut terminal) = lesson_app("seed", 100, 30);
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::NextStep,
            Action::NextStep,
            Action::NextStep,
            Action::Answer(1),
        ],
    );
    // The class explores between steps: the clock moves on.
    step_and_draw(&mut app, &mut terminal, Action::Advance);
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::Answer(1)],
    );
    assert_eq!(step_shown(&app), 4);
    assert_eq!(token_of(&app, "carol"), "newtoken123");
    // Back to step 4: alice's refresh, the clock move and carol's refresh are undone.
    step_and_draw(&mut app, &mut terminal, Action::PreviousStep);
    assert_eq!(step_shown(&app), 3);
    assert_eq!(token_of(&app, "alice"), "abc123");
    assert_eq!(token_of(&app, "carol"), "ghi789");
    assert_eq!(app.scenario().now(), 120);
    assert!(!app.session().can_undo());
    assert!(matches!(app.mode(), Mode::Question(q) if q.origin == Origin::Step(3)));
    // The answers stand until answered again.
    assert_eq!(
        app.guiding().lesson.as_ref().unwrap().tally().as_deref(),
        Some("2 of 2 right")
    );
    // On the first step, back stays on it.
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::PreviousStep,
            Action::PreviousStep,
            Action::PreviousStep,
            Action::PreviousStep,
        ],
    );
    assert_eq!(step_shown(&app), 0);
}

#[test]
fn a_step_done_by_hand_is_not_done_again() {
    let (mut app, mut terminal) = lesson_app("seed", 100, 30);
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::NextStep],
    );
    // Alice is selected; the class refreshes her with `r` before step 4.
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert_eq!(step_shown(&app), 3);
    assert!(app.asking().is_none(), "nothing left to predict");
    assert_eq!(
        app.last_result(),
        Some("t=120 step 4: refresh alice was done by hand")
    );
    assert!(screen(&terminal).contains("│Refreshed token for alice: newtoken123 "));
    // One refresh, one undo step; back a step takes it back too.
    step_and_draw(
        &mut app,
        &mut terminal,
        Action::Run(tokenclock::domain::Op::Undo),
    );
    assert!(!app.session().can_undo());
    step_and_draw(
        &mut app,
        &mut terminal,
        Action::Run(tokenclock::domain::Op::Redo),
    );
    step_and_draw(&mut app, &mut terminal, Action::PreviousStep);
    assert_eq!(token_of(&app, "alice"), "abc123");
    assert_eq!(step_shown(&app), 2);
    // Something else done by hand does not count: step 4 asks.
    steps(&mut app, &mut terminal, &[Action::Advance, Action::Rewind]);
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert!(app.asking().is_some());
}

#[test]
fn a_closed_question_runs_nothing_and_dot_asks_it_again() {
    let (mut app, mut terminal) = lesson_app("seed", 100, 30);
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::NextStep, Action::NextStep],
    );
    // Keys other than the question's do nothing while it is open.
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::command("refresh"),
            Action::Advance,
            Action::Run(tokenclock::domain::Op::RefreshAll),
        ],
    );
    assert_eq!(app.scenario(), &Scenario::lesson());
    step_and_draw(&mut app, &mut terminal, Action::Cancel);
    assert_eq!(app.mode(), &Mode::Table);
    assert_eq!(token_of(&app, "alice"), "abc123");
    assert!(screen(&terminal).contains("not done yet: . does refresh alice"));
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert!(app.asking().is_some());
    // `.` on a question reveals it without an answer: not counted.
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert!(screen(&terminal).contains("answer: refreshed"));
    assert_eq!(app.guiding().lesson.as_ref().unwrap().tally(), None);
}

#[test]
fn the_lesson_panel_makes_room_at_80x24_without_hiding_the_table() {
    let (mut app, mut terminal) = lesson_app("seed", 80, 24);
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextStep, Action::NextStep, Action::NextStep],
    );
    let shown = screen(&terminal);
    for text in [
        "alice",
        "bob",
        "carol",
        "Step 4 of 6",
        "Predict: Will alice get a new token?",
        "1 refreshed  2 still valid",
        // The clock as one line, and the why panel for the refresh asked about.
        " t=120  step 10",
        "┌ Why ",
        "def refresh_token(alice):",
    ] {
        assert!(shown.contains(text), "{text} in\n{shown}");
    }
    assert_snapshot!("seed_question_80x24", terminal.backend());
}

/// At 80×24 every step of every built-in lesson keeps one explaining panel, the whole width:
/// the timeline for a step that moves the clock, the why panel for the others.
#[test]
fn every_lesson_step_at_80x24_keeps_the_why_panel_or_for_a_clock_move_the_timeline() {
    let mut clock_moves = 0;
    for built_in in lesson::BUILT_IN {
        let name = built_in.name;
        let (mut app, mut terminal) = lesson_opened(name, 80, 24);
        let count = app.guiding().lesson.as_ref().unwrap().lesson.steps.len();
        for _ in 0..count * 2 {
            step_and_draw(&mut app, &mut terminal, Action::NextStep);
            if app.asking().is_some() {
                step_and_draw(&mut app, &mut terminal, Action::Answer(1));
            }
            let progress = app.guiding().lesson.as_ref().unwrap();
            let at = format!("{name} step {}", progress.at + 1);
            let moves_clock = progress
                .step()
                .and_then(|s| s.action.as_ref())
                .is_some_and(|a| {
                    matches!(
                        a.op,
                        Op::Advance(_) | Op::Rewind(_) | Op::SetTime(_) | Op::NextChange
                    )
                });
            let shown = screen(&terminal);
            let area = terminal.backend().buffer().area;
            let explaining = layout::areas(&app, area).and_then(|g| g.explaining);
            let (expected, title) = if moves_clock {
                (Explains::Timeline, "┌ Timeline")
            } else {
                (Explains::Why, "┌ ")
            };
            let Some((explains, rect)) = explaining else {
                panic!("{at}: no explaining panel:\n{shown}");
            };
            assert_eq!((explains, rect.width), (expected, 80), "{at}:\n{shown}");
            let top = shown.lines().nth(usize::from(rect.y)).unwrap_or_default();
            assert!(top.starts_with(title), "{at}: {top}\n{shown}");
            let timeline = shown.lines().any(|l| l.starts_with("┌ Timeline"));
            assert_eq!(timeline, moves_clock, "{at}:\n{shown}");
            assert!(shown.contains("Step "), "{at}: the lesson panel\n{shown}");
            clock_moves += usize::from(moves_clock);
            if progress.is_last() && progress.done {
                break;
            }
        }
    }
    assert!(clock_moves > 0, "some step moves the clock");
}

#[test]
fn quiz_asks_before_every_refresh_and_clock_move_and_keeps_the_tally() {
    let (mut app, mut terminal) = quiz_app(Scenario::lesson());
    step_and_draw(&mut app, &mut terminal, Action::command("refresh"));
    assert_eq!(
        token_of(&app, "alice"),
        "abc123",
        "nothing runs before the answer"
    );
    let question = &app.asking().unwrap().question;
    assert_eq!(question.text, "refresh alice: will alice get a new token?");
    step_and_draw(&mut app, &mut terminal, Action::Answer(2));
    assert_eq!(token_of(&app, "alice"), "newtoken123");
    assert!(screen(&terminal).contains("✗ wrong: refreshed (you said still valid)"));
    // Bob, then the clock: both ask, both answered right.
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::NextUser,
            Action::command("refresh"),
            Action::Answer(2),
        ],
    );
    step_and_draw(&mut app, &mut terminal, Action::Advance);
    let question = &app.asking().unwrap().question;
    assert_eq!(
        question.text,
        "clock +10: will bob's token be valid or expired?"
    );
    assert_eq!(question.choices, [Choice::Valid, Choice::Expired]);
    assert_eq!(app.scenario().now(), 120);
    step_and_draw(&mut app, &mut terminal, Action::Answer(1));
    assert_eq!(app.scenario().now(), 130);
    assert_eq!(
        app.guiding().quiz.as_ref().unwrap().tally().as_deref(),
        Some("2 of 3 right")
    );
    assert!(screen(&terminal).contains("Quiz"));
    assert_snapshot!("quiz_after_three_predictions", terminal.backend());
    // Undo is not a refresh or a clock move: no question.
    step_and_draw(
        &mut app,
        &mut terminal,
        Action::Run(tokenclock::domain::Op::Undo),
    );
    assert!(app.asking().is_none());
    // Off again: keys act at once.
    step_and_draw(&mut app, &mut terminal, Action::ToggleQuiz);
    step_and_draw(&mut app, &mut terminal, Action::Advance);
    assert!(app.asking().is_none());
    assert_eq!(app.last_result(), Some("t=130 clock 120 → 130"));
}

#[test]
fn play_waits_while_a_quiz_question_is_open() {
    let (mut app, mut terminal) = quiz_app(Scenario::lesson());
    step_and_draw(&mut app, &mut terminal, Action::TogglePlay);
    assert!(app.tick_interval().is_some());
    step_and_draw(&mut app, &mut terminal, Action::Tick);
    assert!(app.asking().is_some());
    assert_eq!(app.tick_interval(), None, "no ticks while the class thinks");
    assert_eq!(app.scenario().now(), 120);
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert_eq!(app.scenario().now(), 130);
    assert!(screen(&terminal).contains("answer: expired"));
    assert!(
        app.is_playing() && app.tick_interval().is_some(),
        "play goes on"
    );
}

#[test]
fn the_quiz_asks_before_a_typed_time_and_back_does_not_close_its_question() {
    let (mut app, mut terminal) = quiz_app(Scenario::lesson());
    step_and_draw(&mut app, &mut terminal, Action::SetTime);
    for ch in "150".chars() {
        step_and_draw(&mut app, &mut terminal, Action::PromptChar(ch));
    }
    step_and_draw(&mut app, &mut terminal, Action::PromptSubmit);
    let question = &app.asking().expect("the time prompt asks first").question;
    assert_eq!(
        question.text,
        "clock to 150: will alice's token be valid or expired?"
    );
    assert_eq!(app.scenario().now(), 120);
    let footer = screen(&terminal).lines().last().unwrap().to_owned();
    assert_eq!(
        footer.trim_end(),
        "  1 valid  2 expired   . reveal   Esc close   q quit"
    );
    step_and_draw(&mut app, &mut terminal, Action::PreviousStep);
    assert!(app.asking().is_some(), "no lesson to go back in");
    step_and_draw(&mut app, &mut terminal, Action::Answer(2));
    assert_eq!(app.scenario().now(), 150);
    assert_eq!(
        app.guiding().quiz.as_ref().unwrap().tally().as_deref(),
        Some("1 of 1 right")
    );
}

#[test]
fn the_quiz_works_on_a_user_the_class_added() {
    let mut scenario = Scenario::lesson();
    scenario
        .tokens
        .insert("dave".into(), Token::new("d", 125))
        .unwrap();
    let (mut app, mut terminal) = quiz_app(scenario);
    steps(
        &mut app,
        &mut terminal,
        &[Action::LastUser, Action::Advance],
    );
    assert_eq!(app.asking().unwrap().question.right, Choice::Expired);
}

#[test]
fn the_quiz_asks_between_a_lessons_steps_without_counting_in_the_lessons_tally() {
    let built_in = lesson::built_in("seed").unwrap();
    let scenario = parse_scenario(built_in.text, "seed").unwrap();
    let lesson = parse_lesson(built_in.text, "seed", &scenario).unwrap();
    let (app, mut terminal) = session_at(Session::new(scenario), 100, 30);
    let mut app = app.with_guide(Guide { lesson, quiz: true });
    steps(
        &mut app,
        &mut terminal,
        &[
            Action::NextStep,
            Action::NextStep,
            Action::NextStep,
            Action::NextStep,
            Action::Answer(1),
        ],
    );
    step_and_draw(&mut app, &mut terminal, Action::Advance);
    let asking = app.asking().unwrap();
    assert_eq!(asking.origin, Origin::Quiz);
    let shown = screen(&terminal);
    assert!(shown.contains("Predict: clock +10: will alice's token be valid or expired?"));
    assert!(
        !shown.contains("│✓ right: refreshed"),
        "the question takes the outcome's place"
    );
    step_and_draw(&mut app, &mut terminal, Action::Answer(1));
    assert_eq!(step_shown(&app), 3);
    let progress = app.guiding().lesson.as_ref().unwrap();
    assert_eq!(progress.tally().as_deref(), Some("1 of 1 right"));
    let shown = screen(&terminal);
    assert!(
        shown.contains("Step 4 of 6 · 1 of 1 right · quiz 1 of 1 right"),
        "{shown}"
    );
    // The clock move by hand is not step 5's refresh: step 5 asks its own question.
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert_eq!(app.asking().unwrap().origin, Origin::Step(4));
}

fn preset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    tokenclock::files::load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Issue 16: a refresh the server refuses is graded "refused", not "still valid", and the
/// refresh question offers all three kinds (the third on key `3`) whatever the state.
#[test]
fn a_refused_refresh_is_graded_refused() {
    let mut scenario = preset("rotation.toml");
    scenario.clock.set(300);
    let (mut app, mut terminal) = quiz_app(scenario);
    steps(
        &mut app,
        &mut terminal,
        &[Action::command("revoke"), Action::command("refresh")],
    );
    let question = &app.asking().expect("the refresh asks").question;
    assert_eq!(
        question.choices,
        [Choice::Refreshed, Choice::StillValid, Choice::Refused]
    );
    assert_eq!(question.right, Choice::Refused);
    step_and_draw(&mut app, &mut terminal, Action::Answer(1));
    assert!(
        app.log()
            .iter()
            .any(|l| l.contains("Refresh failed for alice")),
        "{:?}",
        app.log()
    );
    assert!(screen(&terminal).contains("✗ wrong: refused (you said refreshed)"));
    steps(
        &mut app,
        &mut terminal,
        &[Action::command("refresh"), Action::Answer(3)],
    );
    assert!(screen(&terminal).contains("✓ right: refused"));
}

/// Issue 16: "valid" means the API accepts the token, by the user's own validator: at 1060
/// jsonwebtoken still accepts rs's token (leeway 60), so the quiz's right answer is valid.
#[test]
fn valid_means_the_users_validator_accepts_it() {
    use tokenclock::domain::Op;
    let (mut app, mut terminal) = quiz_app(preset("leeway.toml"));
    steps(
        &mut app,
        &mut terminal,
        &[Action::NextUser, Action::Run(Op::SetTime(1060))],
    );
    assert_eq!(app.asking().unwrap().question.right, Choice::Valid);
    step_and_draw(&mut app, &mut terminal, Action::Answer(1));
    assert_eq!(app.scenario().now(), 1060);
    assert!(screen(&terminal).contains("✓ right: valid"));
    steps(&mut app, &mut terminal, &[Action::Run(Op::SetTime(1061))]);
    assert_eq!(app.asking().unwrap().question.right, Choice::Expired);
}

/// Issue 16: a lesson step may ask about a call (200 or 401) or the attacker's replay, graded
/// on what the server did.
#[test]
fn a_call_and_a_replay_are_asked_by_their_outcomes() {
    use tokenclock::domain::{Asks, Op, Question};
    let mut session = Session::new(preset("rotation.toml"));
    let ask = |s: &Session, op: Op| {
        let asks = tokenclock::registry::asks_of(&op);
        Question::compute(s, &op, asks, "alice", "").unwrap()
    };
    let call = ask(&session, Op::Call("alice".into()));
    assert_eq!(call.choices, Asks::Call.choices(true));
    assert_eq!(call.right, Choice::Accepted);
    let replay = ask(&session, Op::Replay("alice".into()));
    assert_eq!(replay.choices.len(), 3);
    assert_eq!(
        replay.right,
        Choice::AttackerRefused,
        "nothing stolen, nothing used"
    );
    session.apply(&Op::Steal("alice".into())).unwrap();
    assert_eq!(
        ask(&session, Op::Replay("alice".into())).right,
        Choice::AttackerGetsTokens
    );
    session.apply(&Op::SetTime(300)).unwrap();
    session.apply(&Op::Refresh("alice".into())).unwrap();
    assert_eq!(
        ask(&session, Op::Replay("alice".into())).right,
        Choice::ReuseDetected
    );
    session.apply(&Op::SetTime(10_000)).unwrap();
    assert_eq!(
        ask(&session, Op::Call("alice".into())).right,
        Choice::Rejected
    );
}

/// A lesson whose first step does something: opening it does nothing (step 0, the state as
/// loaded, `q` quits at once); `.` runs step 1's `do`; `,` from step 1 goes back to step 0.
#[test]
fn opening_a_lesson_shows_step_0_and_dot_runs_step_1() {
    let text = "title = \"Two steps\"\ncurrent_time = 120\n[tokens]\n\
                a = { token = \"ta\", expiry = 100 }\nb = { token = \"tb\", expiry = 100 }\n\
                [[step]]\nsay = \"Remove a.\"\ndo = \"remove a\"\n\
                [[step]]\nsay = \"Refresh b.\"\ndo = \"refresh b\"\n";
    let scenario = parse_scenario(text, "les1.toml").unwrap();
    let lesson = parse_lesson(text, "les1.toml", &scenario).unwrap();
    let (app, mut terminal) = session_at(Session::new(scenario), 100, 30);
    let mut app = app.with_guide(Guide {
        lesson,
        quiz: false,
    });
    step_and_draw(
        &mut app,
        &mut terminal,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    let shown = screen(&terminal);
    assert!(shown.contains("Two steps"), "{shown}");
    assert!(shown.contains("Step 0 of 2"), "{shown}");
    assert!(shown.contains(". step 1: remove a"), "{shown}");
    assert!(app.scenario().tokens.get("a").is_some(), "nothing done yet");
    step_and_draw(&mut app, &mut terminal, Action::Quit);
    assert!(app.should_quit(), "nothing edited: q quits at once");

    let (app, mut terminal) = session_at(
        Session::new(parse_scenario(text, "les1.toml").unwrap()),
        100,
        30,
    );
    let lesson = parse_lesson(text, "les1.toml", app.scenario()).unwrap();
    let mut app = app.with_guide(Guide {
        lesson,
        quiz: false,
    });
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert!(app.scenario().tokens.get("a").is_none(), "step 1 removed a");
    assert!(screen(&terminal).contains("Step 1 of 2"));
    step_and_draw(&mut app, &mut terminal, Action::PreviousStep);
    assert!(
        app.scenario().tokens.get("a").is_some(),
        "back to the state as loaded"
    );
    assert!(screen(&terminal).contains("Step 0 of 2"));
}

/// Issue 18: while a question is open nothing on screen answers it (statuses, remaining times,
/// the why panel's `▷`, the timeline's marks at now are `?`); the reveal shows them all.
#[test]
fn an_open_question_hides_what_would_answer_it_until_the_reveal() {
    let (mut app, mut terminal) = lesson_app("boundary", 100, 30);
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    assert!(app.asking().is_some(), "step 2 asks about eli");
    let shown = screen(&terminal);
    assert!(shown.contains("Will eli get a new token?"), "{shown}");
    for giveaway in [
        "VALID",
        "EXPIRED",
        "last tick",
        " left",
        " ago",
        "▷",
        "would run now",
        "✗",
    ] {
        assert!(!shown.contains(giveaway), "{giveaway} shown:\n{shown}");
    }
    assert!(
        shown.contains("│  eli  eli100           100 ?               ?"),
        "{shown}"
    );
    step_and_draw(&mut app, &mut terminal, Action::Answer(2));
    let shown = screen(&terminal);
    assert!(shown.contains("VALID ✓ last tick"), "{shown}");
    assert!(!shown.contains("100 ?"), "{shown}");
}

/// The real-world model's timeline hides its marks at now too while a question is open (the
/// timeline is one for both worlds), and names `?` in its legend; the reveal shows them.
#[test]
fn an_open_question_hides_the_real_world_timelines_marks_at_now() {
    let (mut app, mut terminal) = lesson_app("rotation", 120, 40);
    while app.asking().is_none() {
        step_and_draw(&mut app, &mut terminal, Action::NextStep);
    }
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let timeline = tokenclock::tui::ui::layout::areas(&app, area)
        .and_then(|a| a.panels)
        .expect("panels at 120×40")
        .timeline;
    let shown = common::region(&terminal, timeline);
    let lanes: Vec<&str> = shown.lines().filter(|l| l.starts_with("│alice")).collect();
    assert_eq!(lanes.len(), 1, "{shown}");
    assert!(lanes[0].contains('?'), "{shown}");
    assert!(!shown.contains('✗') && !shown.contains('~'), "{shown}");
    assert!(shown.contains("? hidden"), "{shown}");
    let right = right_choice(&app);
    step_and_draw(&mut app, &mut terminal, Action::Answer(right));
    let shown = common::region(&terminal, timeline);
    assert!(!shown.contains('?'), "{shown}");
}
