//! Every built-in lesson, whole: walked in the app (`App::update`, `.` and the answer keys) to
//! its end answering every question right and then every question wrong; and checked for the
//! truth of what it says: its answers against what its operations print, the numbers and
//! tokens its captions and notes name against what the program printed up to that step.

mod common;

use common::{session_at, step_and_draw};
use tokenclock::domain::Session;
use tokenclock::files::parse_scenario;
use tokenclock::lesson::{self, BUILT_IN, handout};
use tokenclock::tui::app::Guide;
use tokenclock::tui::{Action, App};

/// The app on a built-in lesson as it opens, before its first step.
fn opened(name: &str) -> App {
    let built_in = lesson::built_in(name).unwrap();
    let scenario = parse_scenario(built_in.text, name).unwrap();
    let lesson = built_in.lesson().unwrap();
    let (app, _) = session_at(Session::new(scenario), 100, 30);
    app.with_guide(Guide {
        lesson: Some(lesson),
        quiz: false,
    })
}

/// Walks the lesson in the app to its end, answering each question right (or each wrong):
/// after every key the step shown has done its operation (no step failed), and the tally at
/// the end is every question right (or none). Drawn at `width`×`height` after every key.
/// Returns how many questions were asked.
fn walk(name: &str, right: bool, (width, height): (u16, u16)) -> usize {
    let mut app = opened(name);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    step_and_draw(&mut app, &mut terminal, Action::Resize { width, height });
    let count = app.guiding().lesson.as_ref().unwrap().lesson.steps.len();
    let mut asked = 0;
    step_and_draw(&mut app, &mut terminal, Action::NextStep);
    for _ in 0..count * 2 {
        if let Some(asking) = app.asking() {
            let question = &asking.question;
            let position = question
                .choices
                .iter()
                .position(|c| (*c == question.right) == right)
                .unwrap();
            asked += 1;
            step_and_draw(&mut app, &mut terminal, Action::Answer(position + 1));
        }
        let progress = app.guiding().lesson.as_ref().unwrap();
        assert!(
            progress.done,
            "{name}: step {} did not run: {:?}",
            progress.at + 1,
            app.log().back()
        );
        if progress.is_last() {
            break;
        }
        step_and_draw(&mut app, &mut terminal, Action::NextStep);
    }
    let progress = app.guiding().lesson.as_ref().unwrap();
    assert!(progress.is_last() && progress.done, "{name} did not end");
    assert!(
        !app.log().iter().any(|l| l.starts_with("step ")),
        "{name}: a step failed: {:?}",
        app.log()
    );
    let expected = if asked == 0 {
        None
    } else {
        Some(format!(
            "{} of {asked} right",
            if right { asked } else { 0 }
        ))
    };
    assert_eq!(progress.tally(), expected, "{name}");
    asked
}

#[test]
fn every_built_in_lesson_walks_to_its_end_answered_right_and_answered_wrong() {
    for built_in in BUILT_IN {
        let asked = walk(built_in.name, true, (100, 30));
        assert!(asked > 0, "{} asks nothing", built_in.name);
        let wrong = walk(built_in.name, false, (80, 24));
        assert_eq!(wrong, asked, "{}", built_in.name);
    }
}

/// The numbers of 100 or more that `text` states about the run: not references (`RFC 7009`,
/// `#430`, `§4.14.2`) nor the API's status codes.
fn claimed_numbers(text: &str) -> Vec<u64> {
    let mut numbers = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let trimmed = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let Ok(n) = trimmed.parse::<u64>() else {
            continue;
        };
        let before = i
            .checked_sub(1)
            .map_or("", |b| words[b].trim_start_matches('('));
        let reference = matches!(before, "RFC" | "§" | "2.15");
        // 200 and 401 are also the API's answers, checked where a note opens with them.
        let status = matches!(n, 200 | 401);
        if !reference && !status && !word.starts_with(['#', '§']) && n >= 100 {
            numbers.push(n);
        }
    }
    numbers
}

/// The access and refresh tokens a text names (`at-alice-2`, `rt-bob-1`).
fn claimed_tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| {
            (w.starts_with("at-") || w.starts_with("rt-"))
                && w.rsplit('-')
                    .next()
                    .is_some_and(|n| n.parse::<u64>().is_ok())
        })
        .collect()
}

fn has_word(printed: &str, word: &str) -> bool {
    printed
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .any(|w| w == word)
}

/// Numbers a step states before the program prints them, or about what did not happen,
/// checked by hand: (lesson, step, number).
const NOT_PRINTED_YET: &[(&str, usize, u64)] = &[
    // "Under the lesson's rule he would be valid until 102": the rule in force is the RFC's.
    ("boundary", 6, 102),
    // .NET's default ClockSkew, printed at step 10 (`dotnet: exp 1000 + 300 ≥ now 1061`).
    ("validators", 1, 300),
];

/// What each step says is what the program prints: a number of 100 or more (a time, an exp)
/// and a token a caption or note names were printed by then (the table before the lesson, the
/// outcome lines and the table after each step so far, this one's included); a note that opens
/// with `200:`, `401:`, `Refused` or `Accepted` opens on this step's outcome; and every
/// question's right answer is the kind of outcome its operation printed.
#[test]
fn every_built_in_lessons_captions_match_what_its_steps_print() {
    for built_in in BUILT_IN {
        let name = built_in.name;
        let lesson = built_in.lesson().unwrap();
        let scenario = parse_scenario(built_in.text, name).unwrap();
        let mut session = Session::new(scenario);
        let mut printed = Vec::new();
        handout::write_table(&mut printed, session.scenario()).unwrap();
        let mut printed = String::from_utf8(printed).unwrap();
        // Every user of the real-world model starts with refresh token rt-USER-1.
        for (user, _) in session.scenario().tokens.iter() {
            printed.push_str(&format!(" rt-{user}-1\n"));
        }
        for (i, step) in lesson.steps.iter().enumerate() {
            let at = format!("{name} step {}", i + 1);
            let mut lines = Vec::new();
            if let Some(action) = &step.action {
                let question = action.question(&session);
                lines = handout::run(&mut session, &action.op).unwrap();
                let outcome = lines.join("\n");
                if let Some(question) = question {
                    let right = format!("{:?}", question.right);
                    let says_yes = matches!(right.as_str(), "Refreshed" | "Valid" | "Accepted");
                    if let Some((_, call)) = outcome.rsplit_once("Call for") {
                        let accepted = call.contains(": 200 OK");
                        assert_eq!(says_yes, accepted, "{at}: {right} beside {outcome}");
                    }
                    if outcome.contains("Refresh failed") {
                        assert!(!says_yes, "{at}: {right} beside {outcome}");
                    }
                    if let Some((_, replay)) = outcome.rsplit_once("Replay for") {
                        let kind = if replay.contains("reuse detected") {
                            "ReuseDetected"
                        } else if replay.contains(": accepted") {
                            "AttackerGetsTokens"
                        } else {
                            "AttackerRefused"
                        };
                        assert_eq!(right, kind, "{at}: {outcome}");
                    }
                }
                printed.push_str(&outcome);
                printed.push('\n');
                let mut table = Vec::new();
                handout::write_table(&mut table, session.scenario()).unwrap();
                printed.push_str(&String::from_utf8(table).unwrap());
            }
            let outcome = lines.join("\n");
            let note = step.note.as_deref().unwrap_or("");
            for text in [step.say.as_str(), note] {
                for n in claimed_numbers(text) {
                    if NOT_PRINTED_YET.contains(&(name, i + 1, n)) {
                        continue;
                    }
                    assert!(
                        has_word(&printed, &n.to_string()),
                        "{at}: {n} in {text:?} was never printed"
                    );
                }
                for token in claimed_tokens(text) {
                    assert!(
                        has_word(&printed, token),
                        "{at}: {token} in {text:?} was never printed"
                    );
                }
            }
            if note.starts_with("200:") {
                assert!(outcome.contains(": 200 OK"), "{at}: {outcome}");
            }
            if note.starts_with("401:") {
                assert!(outcome.contains(": 401"), "{at}: {outcome}");
            }
            if note.starts_with("Refused") {
                let refused = outcome.contains("Refresh failed") || outcome.contains(": refused");
                assert!(refused, "{at}: {outcome}");
            }
            if note.starts_with("Accepted") {
                assert!(outcome.contains(": accepted"), "{at}: {outcome}");
            }
        }
    }
}

/// `--lesson list`'s steps and minutes are each lesson's own, and the minutes are the rule the
/// manual gives: a quarter of a minute for a step that asks nothing, a minute for a question
/// (the class predicts and talks), rounded up.
#[test]
fn the_list_gives_each_lessons_steps_and_minutes_by_the_manuals_rule() {
    let list = lesson::list_text();
    let lines: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with("In this order") && !l.starts_with("Further lessons"))
        .collect();
    assert_eq!(lines.len(), BUILT_IN.len());
    let (mut total, mut more) = (0, 0);
    for (built_in, line) in BUILT_IN.iter().zip(lines) {
        let lesson = built_in.lesson().unwrap();
        let minutes = lesson
            .minutes
            .expect("every built-in lesson gives its minutes");
        if built_in.in_course {
            total += minutes;
        } else {
            more += minutes;
        }
        let steps = lesson.steps.len();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            words[..5],
            [
                built_in.name,
                &steps.to_string(),
                "steps",
                &minutes.to_string(),
                "min"
            ],
            "{line}"
        );
        let asking = lesson
            .steps
            .iter()
            .filter(|s| s.action.as_ref().is_some_and(|a| a.ask.is_some()))
            .count();
        let quarters = (steps - asking) + 4 * asking;
        assert_eq!(
            minutes as usize,
            quarters.div_ceil(4),
            "{}: {steps} steps, {asking} asking",
            built_in.name
        );
    }
    assert!(
        list.contains(&format!(
            "In this order, a course of {total} minutes: tokenclock --lesson NAME\n\
             Further lessons, not in the course ({more} minutes more):\n"
        )),
        "{list}"
    );
    assert_eq!(list.lines().count(), BUILT_IN.len() + 2);
}

/// Issue 18: the teacher has 45 minutes; the course's lessons, by their own estimates, fit in
/// them, and the course's lessons come first in the list, in the course's order.
#[test]
fn the_course_fits_the_class_and_comes_before_the_further_lessons() {
    let course: u32 = BUILT_IN
        .iter()
        .filter(|b| b.in_course)
        .map(|b| b.lesson().unwrap().minutes.unwrap())
        .sum();
    assert!(
        course <= lesson::CLASS_MINUTES,
        "{course} > {}",
        lesson::CLASS_MINUTES
    );
    let first_further = BUILT_IN.iter().position(|b| !b.in_course);
    assert!(
        first_further.is_none_or(|k| BUILT_IN[k..].iter().all(|b| !b.in_course)),
        "the further lessons come after the course's"
    );
}

/// Each real-world lesson runs on its preset's settings (the scenario's policy, users' own
/// settings aside), so what the class sees in the lesson is what the preset shows.
#[test]
fn each_real_world_lesson_has_its_presets_settings() {
    for (lesson_name, preset_name) in [
        ("boundary", "boundary"),
        ("rotation", "rotation"),
        ("revoke", "revoke"),
        ("validators", "leeway"),
        ("two-tabs", "two-tabs"),
        ("skew", "skew"),
        ("lost-response", "lost-response"),
    ] {
        let lesson = lesson::built_in(lesson_name).unwrap();
        let preset = tokenclock::presets::find(preset_name).unwrap();
        let lesson = parse_scenario(lesson.text, lesson_name).unwrap();
        let preset = parse_scenario(preset.text, preset_name).unwrap();
        assert_eq!(lesson.policy, preset.policy, "{lesson_name}");
        assert_eq!(lesson.now(), preset.now(), "{lesson_name}");
    }
}

/// A note longer than the lesson panel's room is cut with `…`, never dropped silently: the
/// rotation lesson's step 5 at 100×24 (its note wraps to two lines; one fits beside the why
/// panel and one result line).
#[test]
fn a_note_too_long_for_the_panel_ends_in_an_ellipsis() {
    let (width, height) = (100, 24);
    let mut app = opened("rotation");
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    step_and_draw(&mut app, &mut terminal, Action::Resize { width, height });
    while app.guiding().lesson.as_ref().unwrap().at < 4 || app.asking().is_some() {
        let action = if app.asking().is_some() {
            Action::Answer(1)
        } else {
            Action::NextStep
        };
        step_and_draw(&mut app, &mut terminal, action);
    }
    let screen = common::screen(&terminal);
    let note_start = "She gets at-alice-2 (exp 600) and rt-alice-2";
    let line = screen
        .lines()
        .find(|l| l.contains(note_start))
        .unwrap_or_else(|| panic!("the note's first line is shown:\n{screen}"));
    assert!(
        line.trim_end_matches('│').trim_end().ends_with('…'),
        "{line}\n{screen}"
    );
}
