//! `policy NAME VALUE [--user USER]`, read by the table of settings: the name, its value's kind
//! and range, and whether a user may have their own.

use super::parse_error::{ParseError, USER_FLAG};
use super::safe_text;
use crate::domain::settings::{INHERIT, PolicyChange, Setting};
use crate::domain::text::normal_name;
use crate::suggest::closest;

/// Parses the words after `policy`.
pub fn parse(words: &[&str]) -> Result<PolicyChange, ParseError> {
    let expected = || {
        Setting::scripted()
            .map(Setting::usage)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((&name, rest)) = words.split_first() else {
        return Err(ParseError::NoSetting {
            expected: expected(),
        });
    };
    let Some(setting) = Setting::from_name(name).filter(|s| s.spec().scripted) else {
        let close = closest(name, Setting::scripted().map(|s| s.spec().name));
        return Err(ParseError::UnknownSetting {
            given: safe_text(name),
            close,
            expected: expected(),
        });
    };
    let spec = setting.spec();
    let usage = if spec.per_user {
        format!("usage: {} [{USER_FLAG} USER]", setting.usage())
    } else {
        format!("usage: {}", setting.usage())
    };
    let (values, user) = match rest {
        [values @ .., flag, user] if *flag == USER_FLAG => (values, Some(*user)),
        _ => (rest, None),
    };
    if values.contains(&USER_FLAG) || rest.last() == Some(&USER_FLAG) {
        return Err(ParseError::UserFlagWithoutName { usage });
    }
    let user = user
        .map(normal_name)
        .transpose()?
        .map(std::borrow::Cow::into_owned);
    if user.is_some() && !spec.per_user {
        return Err(ParseError::NotPerUser { setting: spec.name });
    }
    let Some((&first, more)) = values.split_first() else {
        return Err(ParseError::Missing {
            missing: setting.shape(),
            usage,
        });
    };
    if first == INHERIT && more.is_empty() {
        return match user {
            Some(user) => Ok(PolicyChange::Inherit { user, setting }),
            None => Err(ParseError::InheritWithoutUser),
        };
    }
    let value = if more.is_empty() {
        setting.parse_word(first)?
    } else {
        // A duration may be several words (`policy grace 1h 30m`).
        setting
            .parse_word(&values.join(" "))
            .map_err(|_| ParseError::Extra {
                extra: safe_text(&more.join(" ")),
                usage,
            })?
    };
    Ok(match user {
        Some(user) => PolicyChange::SetFor { user, value },
        None => PolicyChange::Set(value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::SettingValue;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    /// A value of `setting` other than its default, in range.
    fn other(setting: Setting) -> SettingValue {
        let default = setting.default_value();
        default
            .next()
            .unwrap_or_else(|| setting.parse_word("77").unwrap())
    }

    #[test]
    fn every_scripted_setting_parses_back_from_its_words() {
        for s in Setting::scripted() {
            let value = other(s);
            let change = PolicyChange::Set(value.clone());
            let text = change.command_words();
            assert_eq!(parse(&words(&text)[1..]), Ok(change), "{text}");
            if s.spec().per_user {
                for change in [
                    PolicyChange::SetFor {
                        user: "bob".into(),
                        value: value.clone(),
                    },
                    PolicyChange::Inherit {
                        user: "bob".into(),
                        setting: s,
                    },
                ] {
                    let text = change.command_words();
                    assert_eq!(parse(&words(&text)[1..]), Ok(change), "{text}");
                }
            } else {
                let text = format!("{} --user bob", PolicyChange::Set(value).command_words());
                let err = parse(&words(&text)[1..]).unwrap_err();
                assert_eq!(
                    err,
                    ParseError::NotPerUser {
                        setting: s.spec().name
                    }
                );
                assert!(
                    err.to_string().contains("the same for every user"),
                    "{text}: {err}"
                );
            }
        }
    }

    #[test]
    fn names_values_and_flags_are_checked() {
        let err = |text: &str| parse(&words(text)).unwrap_err().to_string();
        assert_eq!(
            err("gracee 5"),
            "unknown policy setting 'gracee' (did you mean 'grace'?)"
        );
        assert_eq!(
            err("traffic-every 0"),
            "traffic-every must be 1 or more, got 0"
        );
        assert_eq!(
            err("grace"),
            "missing N (usage: policy grace N [--user USER])"
        );
        assert_eq!(
            err("grace 5 x"),
            "extra arguments 'x' (usage: policy grace N [--user USER])"
        );
        assert!(err("grace 5 --user").contains("--user needs a user's name"));
        assert!(err("grace inherit").contains("add --user USER"));
        assert_eq!(
            err("gracefulness 5").split(';').next(),
            Some("unknown policy setting 'gracefulness'")
        );
        assert!(err("").starts_with("missing policy setting; expected policy ttl N, "));
        assert_eq!(
            err("grace 5 --user al\u{202e}ce"),
            "user name contains a bidirectional control U+202E at character 3"
        );
        assert_eq!(
            parse(&words("grace 1h 30m")),
            Ok(PolicyChange::Set(SettingValue::Grace(5400)))
        );
        assert_eq!(
            parse(&words("validator-leeway default --user bob")),
            Ok(PolicyChange::SetFor {
                user: "bob".into(),
                value: SettingValue::ValidatorLeeway(None)
            })
        );
    }
}
