//! Saving a scenario that came from a file edits that file's text: comments, blank lines, key
//! order and alignment stay, and what is written always loads back as the state saved.

use proptest::prelude::*;
use tokenclock::domain::{Boundary, NewToken, Op, Policy, PolicyChange, Scenario, Session, Token};
use tokenclock::files::edit::{MAX_BIG_NUMBERS, edit_toml};
use tokenclock::files::load_scenario;
use tokenclock::files::parse_scenario;
use tokenclock::files::save::{save_scenario, scenario_text, to_toml};
use tokenclock::files::scenario::LESSON_TOML;

/// The operations these tests take, by name (each is one `Op`).
trait Take {
    fn take(&mut self, op: Op);
    fn advance(&mut self, n: u64) {
        self.take(Op::Advance(n));
    }
    fn rewind(&mut self, n: u64) {
        self.take(Op::Rewind(n));
    }
    fn set_time(&mut self, n: u64) {
        self.take(Op::SetTime(n));
    }
    fn add_user(&mut self, user: &str, token: &str, expiry: u64) -> Result<(), ()>;
    fn remove_user(&mut self, user: &str) -> Result<(), ()>;
    fn set_expiry(&mut self, user: &str, expiry: u64) -> Result<(), ()>;
    fn update_policy(&mut self, change: impl FnOnce(&mut Policy));
    fn undo(&mut self) {
        self.take(Op::Undo);
    }
    fn redo(&mut self) {
        self.take(Op::Redo);
    }
}

impl Take for Session {
    fn take(&mut self, op: Op) {
        let _ = self.apply(&op);
    }
    fn add_user(&mut self, user: &str, token: &str, expiry: u64) -> Result<(), ()> {
        let op = Op::Add {
            user: user.into(),
            token: token.into(),
            expiry,
        };
        self.apply(&op).map(drop).map_err(drop)
    }
    fn remove_user(&mut self, user: &str) -> Result<(), ()> {
        self.apply(&Op::Remove(user.into())).map(drop).map_err(drop)
    }
    fn set_expiry(&mut self, user: &str, expiry: u64) -> Result<(), ()> {
        let op = Op::SetExpiry {
            user: user.into(),
            expiry,
        };
        self.apply(&op).map(drop).map_err(drop)
    }
    fn update_policy(&mut self, change: impl FnOnce(&mut Policy)) {
        let mut to = self.scenario().policy.clone();
        change(&mut to);
        for knob in [
            PolicyChange::Set(tokenclock::domain::settings::SettingValue::Boundary(
                to.boundary,
            )),
            PolicyChange::Set(tokenclock::domain::settings::SettingValue::Early(to.early)),
            PolicyChange::Set(tokenclock::domain::settings::SettingValue::Leeway(
                to.leeway,
            )),
            PolicyChange::Set(tokenclock::domain::settings::SettingValue::Ttl(to.ttl)),
            PolicyChange::Set(tokenclock::domain::settings::SettingValue::NewToken(
                to.new_token.clone(),
            )),
        ] {
            self.take(Op::Policy(knob));
        }
    }
}

/// What a file holds: the clock, the policy and the users in order (not their histories).
fn state(s: &Scenario) -> (u64, Policy, Vec<(String, Token)>) {
    let users = s
        .tokens
        .iter()
        .map(|(n, t)| (n.to_owned(), t.owned()))
        .collect();
    (s.now(), s.policy.clone(), users)
}

const BOUNDARY: &str = include_str!("../assets/boundary.toml");
const REAL_WORLD: &str = include_str!("../assets/real-world.toml");

fn session(template: &str) -> Session {
    Session::new(parse_scenario(template, "template").unwrap()).with_template(template)
}

fn saved(session: &Session) -> String {
    let text = scenario_text(session.scenario(), session.template());
    let loaded = parse_scenario(&text, "saved").unwrap();
    assert_eq!(state(&loaded), state(session.scenario()));
    text
}

/// The lines of `text` that are comments or blank, in order.
fn comments_and_blanks(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .collect()
}

#[test]
fn a_commented_scenario_keeps_its_comments_and_alignment_after_advance_add_and_remove() {
    // The issue's steps (`advance 1; add dave d1 300; remove bob`) on boundary.toml, whose
    // middle user is eli.
    let mut s = session(BOUNDARY);
    s.advance(1);
    s.add_user("dave", "d1", 300).unwrap();
    s.remove_user("eli").unwrap();
    let text = saved(&s);
    let expected = BOUNDARY
        .replace("current_time = 100\n", "current_time = 101\n")
        .replace("eli  = { token = \"eli100\", expiry = 100 }\n", "")
        + "dave = { token = \"d1\", expiry = 300 }\n";
    assert_eq!(text, expected);
    assert_eq!(comments_and_blanks(&text), comments_and_blanks(BOUNDARY));
}

#[test]
fn the_lesson_keeps_its_layout_after_the_issues_steps() {
    let mut s = session(LESSON_TOML);
    s.advance(1);
    s.add_user("dave", "d1", 300).unwrap();
    s.remove_user("bob").unwrap();
    let text = saved(&s);
    let expected = LESSON_TOML
        .replace("current_time = 120\n", "current_time = 121\n")
        .replace("bob   = { token = \"def456\", expiry = 200 }\n", "")
        // The new line's `=` lines up with alice's and carol's.
        + "dave  = { token = \"d1\", expiry = 300 }\n";
    assert_eq!(text, expected);
    // And the file loads back as the state, through the file system too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lesson.toml");
    let written = save_scenario(&path, s.scenario(), s.template()).unwrap();
    assert_eq!(written, expected);
    assert_eq!(&load_scenario(&path).unwrap(), s.scenario());
}

#[test]
fn the_unchanged_lesson_saves_as_the_lesson_file_byte_for_byte() {
    assert_eq!(saved(&session(LESSON_TOML)), LESSON_TOML);
    assert_eq!(
        scenario_text(&Scenario::lesson(), None),
        to_toml(&Scenario::lesson()),
        "without a template every key is spelled out"
    );
}

#[test]
fn changed_values_are_rewritten_in_place_and_trailing_comments_keep_their_column() {
    let mut s = session(REAL_WORLD);
    s.update_policy(|p| {
        p.early = 5;
        p.new_token = NewToken::Literal("fixed".into());
    });
    s.set_expiry("mobile", 7).unwrap();
    let text = saved(&s);
    assert!(text.contains(
        "\nnew_token = \"fixed\"                 # URL-safe base64 from the OS random source\n"
    ));
    assert!(text.contains("\nearly = 5                           # refresh when fewer"));
    assert!(text.contains(
        "\nmobile  = { token = \"eyJhbGciOi.mob\", expiry = 7 }      # 45 s left: inside"
    ));
    let untouched = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| {
                !l.starts_with("new_token") && !l.starts_with("early") && !l.starts_with("mobile")
            })
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(untouched(&text), untouched(REAL_WORLD));
}

#[test]
fn policy_keys_the_file_left_out_are_added_and_a_missing_refresh_table_goes_before_tokens() {
    let mut s = session(BOUNDARY);
    s.update_policy(|p| p.leeway = 3);
    assert!(saved(&s).contains("boundary = \"lesson\"\nleeway = 3\n\n[tokens]\n"));

    let bare = "# no policy here\ncurrent_time = 5\n\n# the class\n[tokens]\na = { token = \"x\", expiry = 1 }\n";
    let mut s = session(bare);
    s.update_policy(|p| {
        p.boundary = Boundary::Rfc7519;
        p.new_token = NewToken::RandomBytes(8);
    });
    let text = saved(&s);
    let refresh = text.find("[refresh]").unwrap();
    assert!(refresh < text.find("[tokens]").unwrap(), "{text}");
    assert!(text.contains("new_token = { random_bytes = 8 }"), "{text}");
    assert!(
        text.starts_with("# no policy here\ncurrent_time = 5\n"),
        "{text}"
    );
    assert!(text.contains("# the class\n[tokens]\n"), "{text}");
}

#[test]
fn a_comment_above_a_removed_user_stays_and_undo_puts_the_user_back_in_place() {
    let template = "current_time = 1\n[tokens]\n# first group\na = { token = \"x\", expiry = 1 }\n\
                    # second group\nb = { token = \"y\", expiry = 2 }\nc = { token = \"z\", expiry = 3 }\n\
                    # the last one\nd = { token = \"w\", expiry = 4 }\n";
    let mut s = session(template);
    s.remove_user("b").unwrap();
    s.remove_user("d").unwrap();
    let text = saved(&s);
    assert_eq!(comments_and_blanks(&text), comments_and_blanks(template));
    assert!(text.contains("# second group\nc = "), "{text}");
    // Saved, then the removals undone: each user returns to its place, with no duplicate.
    s.set_template(text);
    s.undo();
    s.undo();
    let text = saved(&s);
    let order: Vec<_> = text
        .lines()
        .filter_map(|l| l.split_once(" = {").map(|(k, _)| k))
        .collect();
    assert_eq!(order, ["a", "b", "c", "d"], "{text}");
}

#[test]
fn comments_above_users_removed_together_stay_in_order() {
    let template = "current_time = 1\n[tokens]\na = { token = \"x\", expiry = 1 }  # keep me\n\
                    # one\nb = { token = \"y\", expiry = 2 }\n# two\nc = { token = \"z\", expiry = 3 }\n\
                    d = { token = \"w\", expiry = 4 }\n# three\ne = { token = \"v\", expiry = 5 }\n";
    let mut s = session(template);
    for name in ["b", "c", "e"] {
        s.remove_user(name).unwrap();
    }
    assert_eq!(
        saved(&s),
        "current_time = 1\n[tokens]\na = { token = \"x\", expiry = 1 }  # keep me\n\
         # one\n# two\nd = { token = \"w\", expiry = 4 }\n# three\n"
    );
}

#[test]
fn numbers_past_i64_are_kept_and_written_in_place() {
    // toml_edit holds integers in an i64; ticks go to u64::MAX.
    let template = "# top of the range\ncurrent_time = 18_446_744_073_709_551_615  # the last tick\n\
                    [tokens]\na = { token = \"x\", expiry = 9223372036854775808 }\n\
                    b = { token = \"y\", expiry = 1 }  # -9223372036854775808 in a comment\n";
    let mut s = session(template);
    s.set_expiry("b", 2).unwrap();
    let text = saved(&s);
    assert_eq!(text, template.replace("expiry = 1 }", "expiry = 2 }"));

    let mut s = session(BOUNDARY);
    s.set_time(u64::MAX);
    s.update_policy(|p| p.leeway = u64::MAX);
    s.add_user("max", "m", u64::MAX).unwrap();
    let text = saved(&s);
    assert!(text.starts_with("# The boundary tick"), "{text}");
    assert!(
        text.contains("\ncurrent_time = 18446744073709551615\n"),
        "{text}"
    );
    assert!(text.contains("\nleeway = 18446744073709551615\n"), "{text}");
    assert!(text.contains("\nmax  = { token = \"m\", expiry = 18446744073709551615 }\n"));
}

#[test]
fn more_big_numbers_than_one_save_keeps_in_place_are_saved_afresh() {
    let mut s = session(BOUNDARY);
    for i in 0..=MAX_BIG_NUMBERS {
        s.add_user(&format!("u{i}"), "t", u64::MAX - i as u64)
            .unwrap();
    }
    assert_eq!(edit_toml(BOUNDARY, s.scenario()), None);
    assert_eq!(saved(&s), to_toml(s.scenario()));
}

#[test]
fn saving_twice_edits_what_the_first_save_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    let mut s = session(BOUNDARY);
    s.add_user("gus", "g1", 5).unwrap();
    let first = save_scenario(&path, s.scenario(), s.template()).unwrap();
    s.set_template(first);
    s.set_expiry("gus", 6).unwrap();
    let second = save_scenario(&path, s.scenario(), s.template()).unwrap();
    assert!(
        second.ends_with("\ngus  = { token = \"g1\", expiry = 6 }\n"),
        "{second}"
    );
    assert_eq!(second.matches("gus").count(), 1);
    assert_eq!(comments_and_blanks(&second), comments_and_blanks(BOUNDARY));
}

/// One step a user can take, including numbers past what toml_edit holds in an i64.
#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    Rewind(u64),
    Refresh(usize),
    RefreshAll,
    Add(String, String, u64),
    Remove(usize),
    Expiry(usize, u64),
    Early(u64),
    Leeway(u64),
    Ttl(u64),
    Boundary,
    RandomTokens(usize),
    Undo,
    Redo,
    /// Save, so the saved text is the next template.
    Save,
}

fn step() -> impl Strategy<Value = Step> {
    let name = "[a-z][a-z0-9_.\"é-]{0,6}";
    prop_oneof![
        1 => (0u64..500).prop_map(Step::Advance),
        // To the top of the range, past what toml_edit holds in an i64.
        1 => (u64::MAX - 3..=u64::MAX).prop_map(Step::Advance),
        1 => (0u64..500).prop_map(Step::Rewind),
        1 => (0usize..8).prop_map(Step::Refresh),
        1 => Just(Step::RefreshAll),
        1 => (name, "[a-z0-9\"\\\\#]{1,6}", 0u64..5000).prop_map(|(n, t, e)| Step::Add(n, t, e)),
        3 => (0usize..8).prop_map(Step::Remove),
        1 => (0usize..8, prop_oneof![0u64..5000, u64::MAX / 2..=u64::MAX])
            .prop_map(|(i, e)| Step::Expiry(i, e)),
        1 => (0u64..100).prop_map(Step::Early),
        1 => prop_oneof![0u64..100, Just(u64::MAX)].prop_map(Step::Leeway),
        1 => (0u64..1000).prop_map(Step::Ttl),
        1 => Just(Step::Boundary),
        1 => (1usize..=32).prop_map(Step::RandomTokens),
        3 => Just(Step::Undo),
        1 => Just(Step::Redo),
        // Saving often makes the template differ from the first one in every way a state can.
        3 => Just(Step::Save),
    ]
}

fn name_at(s: &Session, i: usize) -> Option<String> {
    let tokens = &s.scenario().tokens;
    let len = tokens.len();
    (len > 0).then(|| tokens.get_index(i % len).map(|(n, _)| n.to_owned()))?
}

fn take(s: &mut Session, step: &Step) {
    match step {
        Step::Advance(n) => s.advance(*n),
        Step::Rewind(n) => s.rewind(*n),
        Step::Refresh(i) => {
            if let Some(name) = name_at(s, *i) {
                s.take(Op::Refresh(name));
            }
        }
        Step::RefreshAll => s.take(Op::RefreshAll),
        Step::Add(n, t, e) => {
            let _ = s.add_user(n, t, *e);
        }
        Step::Remove(i) => {
            if let Some(name) = name_at(s, *i) {
                s.remove_user(&name).unwrap();
            }
        }
        Step::Expiry(i, e) => {
            if let Some(name) = name_at(s, *i) {
                s.set_expiry(&name, *e).unwrap();
            }
        }
        Step::Early(n) => s.update_policy(|p| p.early = *n),
        Step::Leeway(n) => s.update_policy(|p| p.leeway = *n),
        Step::Ttl(n) => s.update_policy(|p| p.ttl = *n),
        Step::Boundary => s.update_policy(|p| {
            p.boundary = match p.boundary {
                Boundary::Lesson => Boundary::Rfc7519,
                Boundary::Rfc7519 => Boundary::Lesson,
            }
        }),
        Step::RandomTokens(n) => s.update_policy(|p| p.new_token = NewToken::RandomBytes(*n)),
        Step::Undo => {
            s.undo();
        }
        Step::Redo => {
            s.redo();
        }
        Step::Save => {
            let text = scenario_text(s.scenario(), s.template());
            s.set_template(text);
        }
    }
}

proptest! {
    #[test]
    fn any_reachable_state_saved_with_a_template_loads_back_equal(
        template in prop_oneof![Just(LESSON_TOML), Just(BOUNDARY), Just(REAL_WORLD)],
        steps in prop::collection::vec(step(), 0..40),
    ) {
        let mut s = session(template);
        for step in &steps {
            take(&mut s, step);
        }
        let template = s.template().unwrap();
        // Edited in place, not written afresh (far fewer than MAX_BIG_NUMBERS big numbers).
        let edited = edit_toml(template, s.scenario());
        prop_assert!(edited.is_some(), "the editor gave up on {:?}", s.scenario());
        let text = edited.unwrap();
        let loaded = parse_scenario(&text, "saved").unwrap();
        prop_assert_eq!(state(&loaded), state(s.scenario()), "users keep their order");
        // The file's first comment line always stays.
        prop_assert_eq!(text.lines().next(), template.lines().next());
    }
}
