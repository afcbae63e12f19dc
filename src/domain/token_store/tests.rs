use super::*;

fn store(names: &[&str]) -> TokenStore {
    let mut s = TokenStore::default();
    for (i, n) in names.iter().enumerate() {
        s.insert(n.to_string(), Token::new(format!("t{i}"), i as u64))
            .unwrap();
    }
    s
}

fn names(s: &TokenStore) -> Vec<&str> {
    s.iter().map(|(n, _)| n).collect()
}

#[test]
fn keeps_insertion_order_and_finds_by_name() {
    let s = store(&["carol", "alice", "bob"]);
    assert_eq!(names(&s), ["carol", "alice", "bob"]);
    assert_eq!(s.get("alice"), Some(Token::new("t1", 1).view()));
    assert_eq!(s.index_of("bob"), Some(2));
    assert_eq!(s.get("dave"), None);
}

#[test]
fn refuses_a_duplicate_name() {
    let mut s = store(&["alice"]);
    assert_eq!(
        s.insert("alice".into(), Token::new("x", 1)),
        Err(DuplicateUser("alice".into()))
    );
    assert_eq!(s.len(), 1);
}

#[test]
fn remove_then_put_restores_the_order_and_the_history() {
    let mut s = store(&["alice", "bob", "carol"]);
    assert!(s.replace_token_at(1, "new", 50, 10));
    let before = s.clone();
    let (index, state) = s.remove("bob").unwrap();
    assert_eq!(index, 1);
    assert_eq!(names(&s), ["alice", "carol"]);
    assert_eq!(s.index_of("carol"), Some(1));
    s.put(index, "bob", state);
    assert_eq!(s, before);
    assert_eq!(names(&s), ["alice", "bob", "carol"]);
    assert_eq!(s.index_of("carol"), Some(2));
    assert_eq!(s.user("bob").unwrap().past_count(), 1);
}

#[test]
fn put_moves_an_existing_user() {
    let mut s = store(&["alice", "bob", "carol"]);
    let carol = s.user("carol").unwrap().owned();
    s.put(0, "carol", carol);
    assert_eq!(names(&s), ["carol", "alice", "bob"]);
    for (i, name) in ["carol", "alice", "bob"].iter().enumerate() {
        assert_eq!(s.index_of(name), Some(i), "{name}");
    }
}

#[test]
fn a_refresh_moves_the_token_into_a_bounded_history() {
    let mut user = UserState::new(Token::new("t0", 10));
    assert_eq!(user.issued_at(), None);
    assert_eq!(user.past_count(), 0);
    for i in 1..=100u64 {
        user.replace_token(Token::new(format!("t{i}"), 10 + i * 10), i * 10);
    }
    assert_eq!(user.issued_at(), Some(1000));
    assert_eq!(user.past_count(), USER_HISTORY_LIMIT);
    assert_eq!(user.past().count(), USER_HISTORY_LIMIT);
    let oldest = user.past().next().unwrap();
    assert_eq!(oldest.value, format!("t{}", 100 - USER_HISTORY_LIMIT));
    assert_eq!(
        oldest.issued_at,
        Some((100 - USER_HISTORY_LIMIT as u64) * 10)
    );
    let newest = user.last_replaced().unwrap();
    assert_eq!(
        newest,
        PastToken {
            value: "t99",
            issued_at: Some(990),
            expiry: 1000,
            replaced_at: 1000
        }
    );
}

/// The store's own refresh and a user's own refresh keep the same history.
#[test]
fn the_store_and_a_user_on_their_own_refresh_alike() {
    let mut s = store(&["alice", "bob"]);
    let mut own = s.user("bob").unwrap().owned();
    for i in 1..=100u64 {
        // A literal token (shared in the store) and a fresh one, in turn.
        let value = if i % 2 == 0 {
            "same".to_owned()
        } else {
            format!("r{i}")
        };
        assert!(s.replace_token_at(1, &value, i * 10 + 5, i * 10));
        own.replace_token(Token::new(value, i * 10 + 5), i * 10);
        assert_eq!(s.user("bob").unwrap(), own.view(), "after refresh {i}");
    }
    assert_eq!(s.user("alice").unwrap().past_count(), 0);
    assert_eq!(s.get("alice"), Some(Token::new("t0", 0).view()));
}

#[test]
fn update_and_swap_go_through_a_state_of_its_own() {
    let mut s = store(&["alice", "bob"]);
    assert!(s.replace_token_at(0, "n1", 30, 5));
    let before = s.user("alice").unwrap().owned();
    let mut expected = before.clone();
    let name = s.update_at(0, |name, state| {
        assert_eq!(state.token, Token::new("n1", 30));
        state.replace_token(Token::new("n2", 40), 6);
        state.replace_token(Token::new("n3", 50), 7);
        name.to_owned()
    });
    assert_eq!(name.as_deref(), Some("alice"));
    expected.replace_token(Token::new("n2", 40), 6);
    expected.replace_token(Token::new("n3", 50), 7);
    // The replaced tokens join the stored history, issued where the one before ended.
    assert_eq!(s.user("alice").unwrap(), expected.view());
    assert_eq!(s.user("alice").unwrap().past_count(), 3);
    let after = s.user("alice").unwrap().owned();
    let mut held = before.clone();
    s.swap_at(0, &mut held);
    assert_eq!(s.user("alice").unwrap(), before.view());
    assert_eq!(held, after);
    assert_eq!(s.get("bob"), Some(Token::new("t1", 1).view()));
}

#[test]
fn a_model_is_changed_in_place() {
    let mut s = store(&["alice", "bob"]);
    assert!(s.model_at_mut(1).is_none(), "no model yet");
    s.set_model_at(1, UserModel::default());
    let Some((name, model)) = s.model_at_mut(1) else {
        panic!("bob has a model");
    };
    assert_eq!(name, "bob");
    model.client = "rt-1".into();
    assert_eq!(
        s.user("bob").unwrap().model.map(|m| m.client.as_str()),
        Some("rt-1")
    );
    assert!(s.user("alice").unwrap().model.is_none());
}

/// Refreshing everyone many times with new values leaves old values behind; the text is rebuilt
/// and stays within a few times what the users hold.
#[test]
fn repeated_refreshes_do_not_grow_the_text_without_end() {
    let n = 2000;
    let mut s = TokenStore::with_capacity(n);
    for i in 0..n {
        s.insert_str(&format!("user{i}"), "t", 0).unwrap();
    }
    for round in 0..400u64 {
        for i in 0..n {
            let value = format!("fresh-{round}-{i}-{}", "x".repeat(400));
            assert!(s.replace_token_at(i, &value, round + 1, round));
        }
    }
    let held: usize = s
        .users()
        .map(|(n, u)| {
            n.len() + u.token.value.len() + u.past().map(|p| p.value.len()).sum::<usize>()
        })
        .sum();
    assert!(
        s.text_len() <= 3 * held + (2 << 20),
        "{} for {held}",
        s.text_len()
    );
    let (_, user) = s.user_at(n - 1).unwrap();
    assert_eq!(user.past_count(), USER_HISTORY_LIMIT);
    assert!(user.token.value.starts_with("fresh-399-1999-"));
    assert_eq!(s.index_of(&format!("user{}", n - 1)), Some(n - 1));
}

#[test]
fn equality_ignores_the_order_as_before() {
    let a = store(&["alice", "bob"]);
    let mut b = TokenStore::default();
    b.insert("bob".into(), Token::new("t1", 1)).unwrap();
    b.insert("alice".into(), Token::new("t0", 0)).unwrap();
    assert_eq!(a, b);
    b.set_expiry("bob", 2);
    assert_ne!(a, b);
}

#[test]
fn a_bulk_load_finds_every_user_and_takes_repeats_out() {
    let n = 50_000;
    let mut s = TokenStore::default();
    for i in 0..n {
        assert!(s.push_unindexed(&format!("u{i}"), &format!("t{i}"), i as u64));
    }
    // Repeats of the first, a middle and the last user, after them.
    for i in [0, n / 2, n - 1, n / 2] {
        assert!(s.push_unindexed(&format!("u{i}"), "again", 1));
    }
    let repeated = s.index_all();
    let at: Vec<_> = repeated.iter().map(|(at, _)| *at).collect();
    assert_eq!(at, [n, n + 1, n + 2, n + 3]);
    assert_eq!(repeated[3].1, format!("u{}", n / 2));
    assert_eq!(s.len(), n);
    for i in 0..n {
        assert_eq!(s.index_of(&format!("u{i}")), Some(i), "u{i}");
    }
    assert_eq!(
        s.get(&format!("u{}", n / 2)),
        Some(Token::new(format!("t{}", n / 2), (n / 2) as u64).view())
    );
    assert_eq!(s.index_of("u-1"), None);
    s.insert_str("new", "t", 1).unwrap();
    assert_eq!(s.index_of("new"), Some(n));
}
