use super::*;
use crossterm::event::KeyEventState;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn every_key_in_the_table_is_bound_once() {
    let keys: Vec<Key> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    for (i, key) in keys.iter().enumerate() {
        assert!(
            !keys[i + 1..].contains(key),
            "{} is bound twice",
            key.label()
        );
    }
}

#[test]
fn keys_map_to_their_actions() {
    let cases = [
        (
            press(KeyCode::Char('j'), KeyModifiers::NONE),
            Action::NextUser,
        ),
        (
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Action::LastUser,
        ),
        (
            press(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Action::ToggleHelp,
        ),
        (
            press(KeyCode::Char('+'), KeyModifiers::SHIFT),
            Action::Advance,
        ),
        (
            press(KeyCode::Enter, KeyModifiers::NONE),
            Action::command("refresh"),
        ),
        (
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Action::QuitNow,
        ),
        (press(KeyCode::Esc, KeyModifiers::NONE), Action::Cancel),
        (
            press(KeyCode::Char(' '), KeyModifiers::NONE),
            Action::TogglePlay,
        ),
        (
            press(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Action::command("redo"),
        ),
        (
            press(KeyCode::Char('R'), KeyModifiers::SHIFT),
            Action::command("refresh-all"),
        ),
        (
            press(KeyCode::Char('T'), KeyModifiers::SHIFT),
            Action::ToggleTheme,
        ),
        (
            press(KeyCode::Char('t'), KeyModifiers::NONE),
            Action::SetTime,
        ),
        (
            press(KeyCode::Char('<'), KeyModifiers::SHIFT),
            Action::SlowerPlay,
        ),
    ];
    for (event, action) in cases {
        assert_eq!(action_for(&event), Some(action), "{event:?}");
    }
    assert_eq!(
        action_for(&press(KeyCode::Char('c'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        action_for(&press(KeyCode::Char('K'), KeyModifiers::SHIFT)),
        Some(Action::ClientsMenu)
    );
    assert_ne!(
        action_for(&press(KeyCode::Char('r'), KeyModifiers::CONTROL)),
        Some(Action::command("refresh")),
        "Ctrl-r is not r"
    );
}

#[test]
fn releases_and_repeats_do_nothing() {
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let event = KeyEvent::new_with_kind_and_state(
            KeyCode::Char('r'),
            KeyModifiers::NONE,
            kind,
            KeyEventState::NONE,
        );
        assert_eq!(action_for(&event), None);
    }
}

#[test]
fn footer_groups_keys_by_word() {
    let items = footer_items(false);
    assert_eq!(items[0], ("↓↑".to_owned(), "move"));
    assert!(items.contains(&("→←".to_owned(), "time")));
    assert!(items.contains(&("q".to_owned(), "quit")));
    let quit = BINDINGS.iter().find(|b| b.action == Action::Quit).unwrap();
    assert_eq!(keys_label(quit), "q");
    let now = BINDINGS
        .iter()
        .find(|b| b.action == Action::QuitNow)
        .unwrap();
    assert_eq!(keys_label(now), "Ctrl-C");
}

/// The real-world model's keys as the registry gives them, worked out apart from the key table:
/// the first key of each keyed command that needs the model, in registry order, then the
/// clients menu's key.
fn model_keys_from_the_registry() -> String {
    let clients_menu = BINDINGS
        .iter()
        .find(|b| b.action == Action::ClientsMenu)
        .unwrap();
    crate::registry::COMMANDS
        .iter()
        .filter(|spec| spec.needs != Needs::Nothing)
        .filter_map(|spec| spec.keys)
        .map(|keys| keys.keys[0].label())
        .chain([clients_menu.keys[0].label()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn footer_lists_the_model_keys_after_refresh_only_when_the_model_is_on() {
    let off = footer_items(false);
    assert!(off.iter().all(|(_, word)| *word != MODEL_FOOTER_WORD));
    let on = footer_items(true);
    let refresh = on.iter().position(|(_, w)| *w == "refresh").unwrap();
    let expected = model_keys_from_the_registry();
    // More than the clients menu alone: the registry has keyed model commands.
    assert!(expected.contains(' '), "{expected}");
    assert_eq!(on[refresh + 1], (expected, MODEL_FOOTER_WORD));
    assert_eq!(on.len(), off.len() + 1);
}
