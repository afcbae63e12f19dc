//! Tests that follow the table: every setting is read, written, changed, overridden and undone
//! the same way, so a new row is covered without a new test.

use super::*;
use crate::domain::{Op, Scenario, Session};
use crate::files::edit::edit_toml;
use crate::files::parse_scenario;
use crate::files::save::to_toml;
use std::collections::HashSet;

/// A scenario with the real-world model on and two users.
fn model_scenario() -> Scenario {
    parse_scenario(
        "current_time = 10\n[oauth]\n[tokens]\n\
         a = { token = \"ta\", expiry = 100 }\nb = { token = \"tb\", expiry = 200 }\n",
        "t.toml",
    )
    .unwrap()
}

/// A value of `setting` other than `value`, in its range.
fn other(setting: Setting, value: &SettingValue) -> SettingValue {
    let changed = value
        .next()
        .unwrap_or_else(|| setting.parse_word("77").unwrap());
    assert_ne!(&changed, value, "{setting:?}");
    changed
}

#[test]
fn keys_names_and_menu_keys_are_each_used_once() {
    let mut keys = HashSet::new();
    let mut names = HashSet::new();
    let mut menu = HashSet::new();
    for s in Setting::ALL {
        let spec = s.spec();
        assert!(keys.insert(spec.key), "file key {} twice", spec.key);
        assert!(names.insert(spec.name), "name {} twice", spec.name);
        if let Some(key) = spec.menu {
            assert!(menu.insert(key), "menu key {key} twice");
        }
        assert_eq!(Setting::from_name(spec.name), Some(*s));
        assert_eq!(Setting::from_key(spec.section, spec.key), Some(*s));
    }
}

#[test]
fn every_default_reads_back_from_its_word_and_is_the_policys() {
    let policy = Policy {
        model: Some(Default::default()),
        ..Policy::default()
    };
    for s in Setting::ALL {
        let default = s.default_value();
        assert_eq!(s.of_policy(&policy), Some(default.clone()), "{s:?}");
        assert_eq!(s.parse_word(&default.word()), Ok(default), "{s:?}");
    }
}

#[test]
fn every_setting_saved_afresh_and_in_place_reads_back() {
    for s in Setting::ALL {
        let before = model_scenario();
        let mut after = before.clone();
        let value = other(*s, &s.of_policy(&before.policy).unwrap());
        value.clone().apply(&mut after.policy);
        let fresh = parse_scenario(&to_toml(&after), "saved").unwrap();
        assert_eq!(
            s.of_policy(&fresh.policy),
            Some(value.clone()),
            "{s:?} afresh"
        );
        let template = to_toml(&before);
        let edited = edit_toml(&template, &after).expect("an in-place save");
        let reread = parse_scenario(&edited, "edited").unwrap();
        assert_eq!(s.of_policy(&reread.policy), Some(value), "{s:?} in place");
    }
}

#[test]
fn every_per_user_setting_overrides_one_user_saves_and_undoes() {
    for s in Setting::ALL.iter().filter(|s| s.spec().per_user) {
        let mut session = Session::new(model_scenario());
        let everyone = s.of_policy(&session.scenario().policy).unwrap();
        let own = other(*s, &everyone);
        let change = PolicyChange::SetFor {
            user: "a".to_owned(),
            value: own.clone(),
        };
        session.apply(&Op::Policy(change)).unwrap();
        let scenario = session.scenario();
        let of = |name: &str, scenario: &Scenario| {
            let (_, state) = scenario.tokens.user_full(name).unwrap();
            let knobs = scenario.knobs_of(state).unwrap();
            s.of_knobs(&knobs).unwrap()
        };
        assert_eq!(of("a", scenario), own, "{s:?}: a's own value");
        assert_eq!(of("b", scenario), everyone, "{s:?}: b follows the scenario");
        let saved = parse_scenario(&to_toml(scenario), "saved").unwrap();
        assert_eq!(of("a", &saved), own, "{s:?}: saved and read back");
        let edited = edit_toml(&to_toml(&model_scenario()), scenario).unwrap();
        let edited = parse_scenario(&edited, "edited").unwrap();
        assert_eq!(of("a", &edited), own, "{s:?}: saved in place");
        session.apply(&Op::Undo).unwrap();
        assert_eq!(of("a", session.scenario()), everyone, "{s:?}: undone");
        session.apply(&Op::Redo).unwrap();
        let inherit = PolicyChange::Inherit {
            user: "a".to_owned(),
            setting: *s,
        };
        session.apply(&Op::Policy(inherit)).unwrap();
        assert_eq!(of("a", session.scenario()), everyone, "{s:?}: inherits");
    }
}

#[test]
fn every_scenario_wide_change_is_one_undo_step() {
    for s in Setting::ALL {
        let mut session = Session::new(model_scenario());
        let before = session.scenario().policy.clone();
        let value = other(*s, &s.of_policy(&before).unwrap());
        session
            .apply(&Op::Policy(PolicyChange::Set(value.clone())))
            .unwrap();
        assert_eq!(s.of_policy(&session.scenario().policy), Some(value));
        session.apply(&Op::Undo).unwrap();
        assert_eq!(session.scenario().policy, before, "{s:?}");
    }
}

#[test]
fn a_scenario_wide_setting_has_no_per_user_form() {
    for s in Setting::ALL.iter().filter(|s| !s.spec().per_user) {
        let mut session = Session::new(model_scenario());
        let value = s.default_value();
        let change = PolicyChange::SetFor {
            user: "a".to_owned(),
            value,
        };
        assert_eq!(
            session.apply(&Op::Policy(change)),
            Err(crate::domain::Error::NotPerUser(s.spec().name))
        );
        let key = s.spec().key;
        let text = format!(
            "current_time = 0\n[oauth]\n[tokens]\na = {{ token = \"t\", expiry = 1, {key} = 1 }}\n"
        );
        let err = parse_scenario(&text, "t.toml").unwrap_err().to_string();
        assert!(err.contains("the same for every user"), "{key}: {err}");
    }
}

#[test]
fn a_range_is_refused_alike_in_scripts_and_files() {
    for s in Setting::ALL.iter().filter(|s| s.spec().min > 0) {
        let spec = s.spec();
        let below = (spec.min - 1).to_string();
        let said = s.parse_word(&below).unwrap_err().to_string();
        assert!(
            said.contains(&format!("must be {} or more", spec.min)),
            "{said}"
        );
        let text = format!(
            "current_time = 0\n[{}]\n{} = {below}\n[tokens]\n",
            spec.section.table(),
            spec.key
        );
        let err = parse_scenario(&text, "t.toml").unwrap_err().to_string();
        assert!(
            err.contains(&format!("{} must be {} or more", spec.key, spec.min)),
            "{err}"
        );
    }
}

#[test]
fn file_numbers_are_refused_in_the_files_words() {
    let read = |value: &str| {
        let text = format!("current_time = 0\n[oauth]\ngrace = {value}\n[tokens]\n");
        parse_scenario(&text, "t.toml").unwrap_err().to_string()
    };
    assert!(
        read("1e3").contains("floats are not accepted"),
        "{}",
        read("1e3")
    );
    for quoted in ["\"300\"", "\"+5\"", "\"-5\""] {
        assert!(
            read(quoted).contains("found text in quotes"),
            "{quoted}: {}",
            read(quoted)
        );
    }
    let ok = "current_time = 0\n[oauth]\ngrace = \"5m\"\n[tokens]\n";
    assert_eq!(
        parse_scenario(ok, "t").unwrap().policy.model.unwrap().grace,
        300
    );
}

#[test]
fn wrong_shapes_are_named_in_the_files_words() {
    let err = |text: &str| parse_scenario(text, "t.toml").unwrap_err().to_string();
    let user = err("current_time = 0\n[tokens]\na = 5\n");
    assert!(
        user.contains("a user: { token = \"…\", expiry = N }"),
        "{user}"
    );
    assert!(!user.contains("struct"), "{user}");
    let array = err("current_time = 0\n[[oauth]]\ngrace = 1\n[tokens]\n");
    assert!(array.contains("not [[oauth]]"), "{array}");
    let family = err(
        "current_time = 0\n[oauth]\n[tokens]\na = { token = \"t\", expiry = 1 }\n[family]\na = 5\n",
    );
    assert!(!family.contains("FamilySection"), "{family}");
}

#[test]
fn more_wrong_shapes_are_named_in_the_files_words() {
    let err = |text: &str| parse_scenario(text, "t.toml").unwrap_err().to_string();
    let oauth = err("current_time = 0\noauth = 5\n[tokens]\n");
    assert!(oauth.contains("expected a table of settings"), "{oauth}");
    let counters = err(
        "current_time = 0\n[oauth]\n[tokens]\na = { token = \"t\", expiry = 1 }\n\
         [family.a]\nlogin = 0\nrefresh = \"rt-a-1\"\ncounters = 5\n",
    );
    assert!(counters.contains("counters = { served = N"), "{counters}");
    assert!(!counters.contains("CountersSection"), "{counters}");
}

/// Issue 16: `validator_leeway` is the library's own leeway, per user; unset, the library's
/// default, whatever the lesson's `leeway` says (files saved with `leeway = 0` keep 60).
#[test]
fn validator_leeway_reaches_the_judge_and_unset_keeps_the_librarys_default() {
    let text = "current_time = 0\n[refresh]\nleeway = 0\n[oauth]\nvalidator = \"jsonwebtoken\"\n\
                [tokens]\nlib = { token = \"t1\", expiry = 100 }\n\
                own = { token = \"t2\", expiry = 100, validator_leeway = 0 }\n";
    let mut session = Session::new(parse_scenario(text, "t.toml").unwrap());
    session.apply(&Op::SetTime(130)).unwrap();
    let call = |session: &mut Session, user: &str| {
        let report = session.apply(&Op::Call(user.to_owned())).unwrap();
        crate::words::log_line(&report)
    };
    let lib = call(&mut session, "lib");
    assert!(
        lib.contains("200"),
        "jsonwebtoken's 60 s still accept it: {lib}"
    );
    let own = call(&mut session, "own");
    assert!(own.contains("401"), "a leeway of 0 rejects it: {own}");
    let change = PolicyChange::Set(SettingValue::ValidatorLeeway(Some(0)));
    session.apply(&Op::Policy(change)).unwrap();
    let lib = call(&mut session, "lib");
    assert!(lib.contains("401"), "everyone's leeway 0: {lib}");
}

/// Each way a file's value can be wrong that no other test covers: the error names the file,
/// the line and column of the value, and what is wrong with it in the user's words.
#[test]
fn bad_file_values_name_the_file_line_and_value() {
    let cases = [
        (
            "refresh",
            "new_token = { random_bytes = 0 }",
            "random_bytes must be between 1 and 128, got 0",
        ),
        (
            "refresh",
            "new_token = { random_bytes = \"x\" }",
            "random_bytes is not a whole number",
        ),
        (
            "refresh",
            "new_token = { size = 3 }",
            "unknown field `size`, expected `random_bytes`",
        ),
        ("refresh", "new_token = {}", "missing field `random_bytes`"),
        (
            "refresh",
            "new_token = 5",
            "expected a token in quotes, or { random_bytes = N }, found a number",
        ),
        (
            "refresh",
            "boundary = 1",
            "expected one of lesson, rfc7519 in quotes, found a number",
        ),
        (
            "refresh",
            "boundary = \"soon\"",
            "unknown boundary 'soon'; valid ones: lesson, rfc7519",
        ),
        (
            "refresh",
            "ttl = 1.5",
            "1.5 is a decimal number; floats are not accepted, write a whole number of ticks",
        ),
        ("refresh", "ttl = -3", "-3 is negative; ticks are 0 or more"),
        (
            "refresh",
            "ttl = true",
            "expected a whole number of ticks, found true or false",
        ),
        (
            "oauth",
            "rotation = 1",
            "expected true or false, found a number",
        ),
        (
            "oauth",
            "jwt = \"on\"",
            "expected { alg = \"HS256\", secret = \"…\", epoch = \"2026-01-01T00:00:00Z\" }, found text",
        ),
        (
            "oauth",
            "jwt = { alg = \"HS256\", secret = \"s\", epoch = \"0\", kid = 1 }",
            "unknown field `kid`, expected `alg`, `secret` or `epoch`",
        ),
        (
            "oauth",
            "jwt = { alg = \"HS256\", secret = 7, epoch = \"0\" }",
            "secret must be text, found a number",
        ),
        (
            "oauth",
            "jwt = { alg = \"HS256\", epoch = \"0\" }",
            "missing field `secret`",
        ),
        (
            "oauth",
            "jwt = { alg = \"HS256\", secret = \"s\", epoch = \"1969-01-01T00:00:00Z\" }",
            "the epoch is before 1970",
        ),
        (
            "oauth",
            "jwt = { alg = \"HS256\", secret = \"s\", epoch = 99999999999999 }",
            "the epoch is beyond any date",
        ),
    ];
    for (section, line, said) in cases {
        let text = format!("current_time = 0\n[{section}]\n{line}\n[tokens]\n");
        let column = line.find('=').map_or(0, |i| i + 3);
        let err = parse_scenario(&text, "t.toml").unwrap_err().to_string();
        assert_eq!(err, format!("t.toml:3:{column}: {said}"), "{line}");
    }
}

/// The words a script or the app's prompt types for a setting: what was typed, quoted, and
/// what is wrong (the prompt and `policy` show these same words).
#[test]
fn bad_typed_values_name_what_was_typed() {
    let cases = [
        (Setting::Rotation, "yes", "'yes' is not on or off"),
        (
            Setting::Validator,
            "jose",
            "unknown validator 'jose'; valid ones: ",
        ),
        (
            Setting::Jwt,
            "on",
            "jwt is set in the scenario file's [oauth] table (or off)",
        ),
        (
            Setting::Ttl,
            "5 parsecs",
            "'5 parsecs' is not a whole number of ticks",
        ),
        (
            Setting::Ttl,
            "5mins",
            "'5mins' is not a whole number of ticks or a duration",
        ),
    ];
    for (setting, typed, said) in cases {
        let err = setting.parse_word(typed).unwrap_err().to_string();
        assert!(err.starts_with(said), "{typed}: {err}");
    }
}
