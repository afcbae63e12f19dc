//! The demo tools through `App::update`: play and pause, undo and redo, refresh all, set time,
//! the boundary switch, edits, save, themes and the transcript's view of the log.

mod common;

use common::{lesson_at, screen, step_and_draw, steps};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use std::time::Duration;
use tokenclock::domain::Op;
use tokenclock::domain::{AccessStatus, Scenario, Session, Token, TokenRef};
use tokenclock::files::parse_scenario;
use tokenclock::tui::app::prompt::PromptKind;
use tokenclock::tui::theme::Theme;
use tokenclock::tui::{Action, App, input};

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::PromptChar).collect()
}

fn alice(app: &App) -> TokenRef<'_> {
    app.scenario().tokens.get("alice").unwrap()
}

#[test]
fn play_ticks_advance_the_clock_by_the_step_until_paused() {
    let (mut app, mut t) = lesson_at(80, 24);
    assert_eq!(
        app.tick_interval(),
        None,
        "paused at start: the loop blocks"
    );
    step_and_draw(&mut app, &mut t, Action::Tick);
    assert_eq!(
        app.scenario().now(),
        120,
        "a stray tick while paused does nothing"
    );
    step_and_draw(&mut app, &mut t, Action::TogglePlay);
    assert!(app.is_playing());
    assert_eq!(app.tick_interval(), Some(Duration::from_millis(500)));
    assert_eq!(app.last_result(), Some("t=120 play: +10 at 2 steps/s"));
    steps(
        &mut app,
        &mut t,
        &[Action::Tick, Action::Tick, Action::Tick],
    );
    assert_eq!(app.scenario().now(), 150);
    assert!(screen(&t).contains("▶ play 2/s"));
    step_and_draw(&mut app, &mut t, Action::TogglePlay);
    assert!(!app.is_playing());
    assert_eq!(app.tick_interval(), None);
    assert_eq!(app.last_result(), Some("t=150 pause"));
    step_and_draw(&mut app, &mut t, Action::Tick);
    assert_eq!(app.scenario().now(), 150);
    // At 80×24 the clock panel keeps the step and has no row left for `paused (2/s)`.
    assert!(!screen(&t).contains("▶ play"), "{}", screen(&t));
    assert!(screen(&t).contains("step 10"));
}

#[test]
fn a_run_of_play_undoes_in_one_step_back_to_where_play_started() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(&mut app, &mut t, &[Action::Advance, Action::TogglePlay]);
    steps(
        &mut app,
        &mut t,
        &[Action::Tick, Action::Tick, Action::Tick],
    );
    assert_eq!(app.scenario().now(), 160);
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    assert_eq!(app.last_result(), Some("t=130 undo: time 130 → 160"));
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    assert_eq!(app.scenario().now(), 120, "the step before play is its own");
}

#[test]
fn play_stops_at_the_clocks_maximum() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(&mut app, &mut t, &[Action::SetTime]);
    steps(&mut app, &mut t, &typed(&(u64::MAX - 5).to_string()));
    steps(
        &mut app,
        &mut t,
        &[Action::PromptSubmit, Action::TogglePlay],
    );
    steps(&mut app, &mut t, &[Action::Tick, Action::Tick]);
    assert_eq!(app.scenario().now(), u64::MAX);
    assert!(!app.is_playing());
    assert!(
        app.last_result()
            .unwrap()
            .ends_with("pause (the clock is at its maximum)")
    );
}

#[test]
fn play_rate_goes_through_a_few_rates_and_stops_at_the_ends() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::TogglePlay);
    let mut seen = vec![];
    for action in [const { Action::FasterPlay }; 3]
        .into_iter()
        .chain([const { Action::SlowerPlay }; 5])
    {
        step_and_draw(&mut app, &mut t, action);
        seen.push(app.tick_interval().unwrap().as_millis());
    }
    assert_eq!(seen, [250, 125, 125, 250, 500, 1000, 2000, 2000]);
    assert_eq!(
        app.last_result(),
        Some("t=120 play rate stays at 0.5 steps/s")
    );
    assert!(screen(&t).contains("▶ play 0.5/s"));
}

#[test]
fn help_and_prompts_hold_the_clock_while_playing() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(&mut app, &mut t, &[Action::TogglePlay, Action::ToggleHelp]);
    assert_eq!(app.tick_interval(), None);
    steps(&mut app, &mut t, &[Action::Tick, Action::Cancel]);
    assert_eq!(app.scenario().now(), 120);
    assert!(
        app.tick_interval().is_some(),
        "playing again once the help closes"
    );
    step_and_draw(&mut app, &mut t, Action::SetTime);
    assert!(!app.is_playing(), "a prompt pauses");
}

#[test]
fn undo_and_redo_a_refresh_of_alice() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    assert_eq!(app.last_result(), Some("t=120 nothing to undo"));
    step_and_draw(&mut app, &mut t, Action::command("refresh"));
    assert_eq!(alice(&app), &Token::new("newtoken123", 220));
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    assert_eq!(alice(&app), &Token::new("abc123", 100));
    assert_eq!(app.last_result(), Some("t=120 undo: refresh alice"));
    assert!(screen(&t).contains("abc123"));
    step_and_draw(&mut app, &mut t, Action::Run(Op::Redo));
    assert_eq!(alice(&app), &Token::new("newtoken123", 220));
    assert_eq!(app.last_result(), Some("t=120 redo: refresh alice"));
    step_and_draw(&mut app, &mut t, Action::Run(Op::Redo));
    assert_eq!(app.last_result(), Some("t=120 nothing to redo"));
}

#[test]
fn every_action_is_one_undo_step() {
    let (mut app, mut t) = lesson_at(80, 24);
    let mut actions = vec![
        Action::Advance,
        Action::Run(Op::RefreshAll),
        Action::ToggleBoundary,
        Action::SetTime,
    ];
    actions.extend(typed("300"));
    actions.extend([Action::PromptSubmit, Action::EditExpiry]);
    actions.extend(typed("9"));
    actions.extend([Action::PromptSubmit, Action::AddUser]);
    actions.extend(typed("dave"));
    actions.push(Action::PromptSubmit);
    actions.extend(typed("tok"));
    actions.push(Action::PromptSubmit);
    actions.extend(typed("5"));
    actions.extend([
        Action::PromptSubmit,
        Action::DeleteUser,
        Action::PromptChar('y'),
    ]);
    steps(&mut app, &mut t, &actions);
    let mut undone = vec![];
    for _ in 0..7 {
        step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
        undone.push(app.last_result().unwrap().to_owned());
    }
    assert_eq!(
        undone,
        [
            "t=300 undo: remove dave",
            "t=300 undo: add dave",
            "t=300 undo: expiry of alice 230 → 9",
            "t=130 undo: time 130 → 300",
            "t=130 undo: boundary lesson → rfc7519",
            "t=130 undo: refresh of 2 users",
            "t=120 undo: time 120 → 130",
        ]
    );
    assert_eq!(app.scenario(), &Scenario::lesson());
}

#[test]
fn refresh_all_says_who_was_refreshed_and_who_is_still_valid() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::Run(Op::RefreshAll));
    assert_eq!(
        app.last_result(),
        Some("t=120 refresh all: 2 refreshed (alice, carol), 1 still valid (bob)")
    );
    assert_eq!(app.scenario().tokens.get("carol").unwrap().expiry, 220);
    let marked: Vec<bool> = (0..3).map(|i| app.was_just_refreshed(i)).collect();
    assert_eq!(
        marked,
        [true, false, true],
        "alice and carol are marked ↻, bob is not"
    );
    assert_eq!(screen(&t).matches("newtoken123 ↻").count(), 2);
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    assert_eq!(app.scenario(), &Scenario::lesson(), "one undo step");
    assert!(!app.was_just_refreshed(0));
}

#[test]
fn set_time_takes_digits_and_enter_applies() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::SetTime);
    assert_eq!(app.prompt().unwrap().kind(), &PromptKind::SetTime);
    steps(&mut app, &mut t, &typed("10"));
    assert_eq!(app.prompt().unwrap().message(), None);
    steps(&mut app, &mut t, &typed("0x"));
    let prompt = app.prompt().unwrap();
    assert_eq!(prompt.input(), "100x", "what was typed is shown");
    assert_eq!(
        prompt.message(),
        Some("'100x' is not a whole number of ticks")
    );
    assert!(screen(&t).contains("'100x' is not a whole number of ticks"));
    steps(
        &mut app,
        &mut t,
        &[
            Action::PromptBackspace,
            Action::PromptBackspace,
            Action::PromptChar('5'),
        ],
    );
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.prompt(), None);
    assert_eq!(app.scenario().now(), 105);
    assert_eq!(app.last_result(), Some("t=105 clock 120 → 105"));
}

#[test]
fn set_time_refuses_too_large_numbers_and_empty_input() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::SetTime);
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.prompt().unwrap().message(), Some("type a number first"));
    steps(&mut app, &mut t, &typed("99999999999999999999"));
    let prompt = app.prompt().unwrap();
    assert_eq!(prompt.input(), "99999999999999999999", "the 20th 9 is kept");
    assert_eq!(
        prompt.message(),
        Some("'99999999999999999999' is too large (the most is 18446744073709551615)")
    );
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.scenario().now(), 120, "nothing applied");
    step_and_draw(&mut app, &mut t, Action::PromptBackspace);
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.scenario().now(), 9_999_999_999_999_999_999);
}

#[test]
fn esc_closes_a_prompt_before_anything_else() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::SetTime);
    steps(&mut app, &mut t, &typed("5"));
    steps(
        &mut app,
        &mut t,
        &[Action::command("refresh"), Action::ToggleHelp],
    );
    assert!(
        app.help_scroll().is_none(),
        "keys under a prompt do nothing"
    );
    step_and_draw(&mut app, &mut t, Action::Cancel);
    assert_eq!(app.prompt(), None);
    assert!(!app.should_quit());
    assert_eq!(app.scenario(), &Scenario::lesson());
}

#[test]
fn typed_keys_go_to_the_prompt_before_the_key_table() {
    let (mut app, mut t) = lesson_at(80, 24);
    let size = Rect::new(0, 0, 80, 24);
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    assert_eq!(
        input::action_for(&key(KeyCode::Char('q')), &app, size),
        Some(Action::Quit)
    );
    step_and_draw(&mut app, &mut t, Action::AddUser);
    let cases = [
        (key(KeyCode::Char('q')), Some(Action::PromptChar('q'))),
        (key(KeyCode::Char(' ')), Some(Action::PromptChar(' '))),
        (key(KeyCode::Backspace), Some(Action::PromptBackspace)),
        (key(KeyCode::Enter), Some(Action::PromptSubmit)),
        (key(KeyCode::Esc), Some(Action::Cancel)),
        (key(KeyCode::Down), None),
        (
            Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::QuitNow),
        ),
    ];
    for (event, action) in cases {
        assert_eq!(input::action_for(&event, &app, size), action, "{event:?}");
    }
    steps(&mut app, &mut t, &[Action::Cancel, Action::DeleteUser]);
    assert_eq!(
        input::action_for(&key(KeyCode::Down), &app, size),
        Some(Action::Cancel),
        "any other key cancels a confirmation"
    );
}

#[test]
fn the_boundary_switch_flips_alice_at_t100() {
    let (mut app, mut t) = lesson_at(80, 24);
    steps(&mut app, &mut t, &[Action::Rewind, Action::Rewind]);
    let status = |app: &App| app.scenario().status_of(alice(app));
    assert_eq!(
        status(&app),
        AccessStatus::Valid {
            remaining: 0,
            last_tick: true
        }
    );
    assert!(screen(&t).contains("expiry < now"));
    step_and_draw(&mut app, &mut t, Action::ToggleBoundary);
    assert_eq!(status(&app), AccessStatus::Expired { since: 0 });
    assert_eq!(
        app.last_result(),
        Some("t=100 boundary lesson → rfc7519: refresh when expiry ≤ now")
    );
    let text = screen(&t);
    assert!(text.contains("rule rfc7519"), "{text}");
    assert!(text.contains("expiry ≤ now"));
    assert!(text.contains("EXPIRED ✗"));
    step_and_draw(&mut app, &mut t, Action::command("refresh"));
    assert_eq!(alice(&app).expiry, 200, "refreshed at its expiry tick");
    steps(
        &mut app,
        &mut t,
        &[Action::Run(Op::Undo), Action::ToggleBoundary],
    );
    assert_eq!(
        status(&app),
        AccessStatus::Valid {
            remaining: 0,
            last_tick: true
        }
    );
}

#[test]
fn adding_a_user_asks_for_name_token_and_expiry() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::AddUser);
    steps(&mut app, &mut t, &typed("alice"));
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(
        app.prompt().unwrap().message(),
        Some("user 'alice' already exists")
    );
    steps(&mut app, &mut t, &typed("_2 x"));
    assert_eq!(app.prompt().unwrap().input(), "alice_2 x", "shown as typed");
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert!(
        app.prompt()
            .unwrap()
            .message()
            .unwrap()
            .contains("contains a space")
    );
    steps(
        &mut app,
        &mut t,
        &[Action::PromptBackspace, Action::PromptBackspace],
    );
    steps(&mut app, &mut t, &typed("x"));
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(
        app.prompt().unwrap().kind(),
        &PromptKind::AddToken {
            name: "alice_2x".into()
        }
    );
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.prompt().unwrap().message(), Some("token is empty"));
    steps(&mut app, &mut t, &typed("zzz"));
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    steps(&mut app, &mut t, &typed("125"));
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.prompt(), None);
    assert_eq!(
        app.scenario().tokens.get("alice_2x"),
        Some(Token::new("zzz", 125).view())
    );
    assert_eq!(app.selected(), 3, "the new user is selected");
    assert_eq!(
        app.last_result(),
        Some("t=120 add alice_2x: token zzz, expiry 125")
    );
    assert!(screen(&t).contains("▶ alice_2x"));
}

#[test]
fn deleting_asks_first_and_only_y_deletes() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::NextUser);
    step_and_draw(&mut app, &mut t, Action::DeleteUser);
    assert!(app.prompt().unwrap().is_confirmation());
    assert!(screen(&t).contains("Delete bob?"));
    step_and_draw(&mut app, &mut t, Action::PromptChar('n'));
    assert_eq!(app.prompt(), None);
    assert_eq!(app.last_result(), Some("t=120 delete cancelled: bob kept"));
    assert_eq!(app.scenario().tokens.len(), 3);
    steps(
        &mut app,
        &mut t,
        &[Action::DeleteUser, Action::PromptSubmit],
    );
    assert_eq!(app.scenario().tokens.len(), 3, "Enter does not confirm");
    steps(
        &mut app,
        &mut t,
        &[Action::DeleteUser, Action::PromptChar('y')],
    );
    assert_eq!(app.scenario().tokens.index_of("bob"), None);
    assert_eq!(app.last_result(), Some("t=120 delete bob"));
    steps(&mut app, &mut t, &[Action::LastUser]);
    steps(
        &mut app,
        &mut t,
        &[Action::DeleteUser, Action::PromptChar('y')],
    );
    assert_eq!(app.selected(), 0, "the selection stays on a user");
    steps(
        &mut app,
        &mut t,
        &[Action::DeleteUser, Action::PromptChar('y')],
    );
    step_and_draw(&mut app, &mut t, Action::DeleteUser);
    assert_eq!(app.prompt(), None);
    assert_eq!(app.last_result(), Some("t=120 no user to delete"));
}

#[test]
fn editing_the_expiry_replaces_it_and_empty_enter_keeps_it() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::EditExpiry);
    let prompt = app.prompt().unwrap();
    assert_eq!(prompt.input(), "", "typing replaces the expiry");
    assert_eq!(prompt.title(), "Expiry of alice (currently 100)");
    assert!(screen(&t).contains("Expiry of alice (currently 100)"));
    steps(&mut app, &mut t, &typed("500"));
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(alice(&app).expiry, 500);
    assert_eq!(app.last_result(), Some("t=120 expiry of alice: 100 → 500"));
    assert!(screen(&t).contains("380 left"));

    steps(
        &mut app,
        &mut t,
        &[Action::EditExpiry, Action::PromptSubmit],
    );
    assert_eq!(app.prompt(), None);
    assert_eq!(alice(&app).expiry, 500);
    assert_eq!(
        app.last_result(),
        Some("t=120 expiry of alice stays at 500")
    );
    step_and_draw(&mut app, &mut t, Action::Run(Op::Undo));
    assert_eq!(alice(&app).expiry, 100, "keeping it was no undo step");
}

#[test]
fn w_saves_to_the_scenario_file_and_it_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.toml");
    let mut app = App::new(Session::new(Scenario::lesson()), Some(path.clone()));
    app.update(Action::command("refresh"));
    app.update(Action::ToggleBoundary);
    app.update(Action::Save);
    let prompt = app.prompt().unwrap();
    assert_eq!(prompt.kind(), &PromptKind::SavePath);
    assert_eq!(
        prompt.input(),
        path.to_str().unwrap(),
        "the scenario file is offered, not silently replaced"
    );
    assert!(!path.exists());
    app.update(Action::PromptSubmit);
    assert_eq!(app.prompt(), None);
    assert_eq!(
        app.last_result(),
        Some(format!("t=120 saved to {}", path.display()).as_str())
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = parse_scenario(&text, "class.toml").unwrap();
    // A file holds the state, not how the users got there (their token histories).
    let state = |s: &Scenario| {
        (
            s.now(),
            s.policy.clone(),
            s.tokens
                .iter()
                .map(|(n, t)| (n.to_owned(), t.owned()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(state(&loaded), state(app.scenario()));
}

#[test]
fn w_asks_for_a_path_on_the_lesson_and_shows_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::Save);
    assert_eq!(app.prompt().unwrap().kind(), &PromptKind::SavePath);
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.prompt().unwrap().message(), Some("type a path first"));
    let missing = dir.path().join("no/such/dir.toml");
    steps(&mut app, &mut t, &typed(missing.to_str().unwrap()));
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    let message = app.prompt().unwrap().message().unwrap().to_owned();
    assert!(
        message.starts_with("cannot save the scenario to "),
        "{message}"
    );
    assert_eq!(app.last_result(), Some(format!("t=120 {message}").as_str()));
    for _ in 0..missing.to_str().unwrap().chars().count() {
        step_and_draw(&mut app, &mut t, Action::PromptBackspace);
    }
    let good = dir.path().join("my lesson.toml");
    steps(&mut app, &mut t, &typed(good.to_str().unwrap()));
    step_and_draw(&mut app, &mut t, Action::PromptSubmit);
    assert_eq!(app.prompt(), None);
    let text = std::fs::read_to_string(&good).unwrap();
    assert_eq!(parse_scenario(&text, "saved").unwrap(), Scenario::lesson());
    assert_eq!(app.scenario_path(), Some(&good), "the next w saves there");
}

#[test]
fn t_switches_to_the_high_contrast_theme_and_back() {
    let (mut app, mut t) = lesson_at(80, 24);
    assert_eq!(app.theme(), Theme::DEFAULT);
    step_and_draw(&mut app, &mut t, Action::ToggleTheme);
    assert!(app.is_high_contrast());
    assert_eq!(app.theme(), Theme::HIGH_CONTRAST);
    assert_eq!(app.last_result(), Some("t=120 theme: high contrast"));
    step_and_draw(&mut app, &mut t, Action::ToggleTheme);
    assert_eq!(app.theme(), Theme::DEFAULT);
}

#[test]
fn no_color_themes_have_no_colour_anywhere() {
    fn colourless(theme: &Theme) -> bool {
        theme.styles().iter().all(|style| {
            let only_modifiers = ratatui::style::Style::new()
                .add_modifier(style.add_modifier)
                .remove_modifier(style.sub_modifier);
            style.fg.is_none() && style.bg.is_none() && *style == only_modifiers
        })
    }
    assert!(!colourless(&Theme::DEFAULT), "the check can fail");
    assert!(!colourless(&Theme::HIGH_CONTRAST));
    assert!(colourless(&Theme::DEFAULT.without_colours()));
    let mut app = App::new(Session::new(Scenario::lesson()), None).without_colours();
    assert!(colourless(&app.theme()));
    app.update(Action::ToggleTheme);
    assert!(colourless(&app.theme()));
    assert_eq!(
        app.last_result(),
        Some("t=120 theme: high contrast (no colours: NO_COLOR is set)")
    );
    // Modifiers still mark the selection and the statuses.
    let theme = app.theme();
    assert!(theme.selected_row.add_modifier.contains(Modifier::REVERSED));
    assert!(theme.expired.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn new_keys_do_nothing_under_the_help() {
    let (mut app, mut t) = lesson_at(80, 24);
    step_and_draw(&mut app, &mut t, Action::ToggleHelp);
    steps(
        &mut app,
        &mut t,
        &[
            Action::Run(Op::RefreshAll),
            Action::SetTime,
            Action::TogglePlay,
            Action::Run(Op::Undo),
        ],
    );
    assert_eq!(app.help_scroll(), Some(0));
    assert_eq!(app.prompt(), None);
    assert!(!app.is_playing());
    assert_eq!(app.scenario(), &Scenario::lesson());
}

#[test]
fn prompts_at_tiny_sizes_never_panic() {
    for width in 1..=30 {
        for height in 1..=12 {
            let (mut app, mut t) = lesson_at(width, height);
            let mut actions = vec![Action::Save];
            actions.extend(typed("/a/rather/long/path/to/a/scenario.toml"));
            actions.extend([Action::Cancel, Action::DeleteUser]);
            steps(&mut app, &mut t, &actions);
            assert!(app.prompt().unwrap().is_confirmation());
        }
    }
}
