//! `[oauth] jwt`: the real-world model's access tokens are real JWTs signed with the jsonwebtoken
//! crate, their times epoch + tick; `token USER` prints one whole, the table shortens it, and a
//! seeded run gives the same tokens.

use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
use serde_json::{Value, json};
use std::process::Command;
use tokenclock::domain::oauth::signed::shortened;

/// 2026-01-01T00:00:00Z.
const EPOCH: u64 = 1_767_225_600;
const JWT_LINE: &str =
    r#"jwt = { alg = "HS256", secret = "classroom-secret", epoch = "2026-01-01T00:00:00Z" }"#;

/// assets/rotation.toml with `extra` added to its `[oauth]` table, in a temporary directory.
fn scenario(extra: &str) -> (tempfile::TempDir, String) {
    scenario_with("", extra)
}

/// ... and `refresh` added to its `[refresh]` table.
fn scenario_with(refresh: &str, extra: &str) -> (tempfile::TempDir, String) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/rotation.toml"))
            .unwrap()
            .replace("[refresh]\n", &format!("[refresh]\n{refresh}\n"))
            .replace("grace = 0\n", &format!("grace = 0\n{extra}\n"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jwt.toml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn claims(token: &str) -> Value {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false;
    let key = DecodingKey::from_secret(b"classroom-secret").unwrap();
    decode::<Value>(token, &key, &validation)
        .expect("a valid HS256 signature")
        .claims
}

#[test]
fn a_refreshed_access_token_is_a_signed_jwt_whose_exp_is_the_tables_expiry() {
    let (_dir, path) = scenario(JWT_LINE);
    let script = "time 300; refresh alice; show; token alice";
    let (code, out, err) = run(&["--scenario", &path, "--exec", script]);
    assert_eq!(code, Some(0), "{err}");
    let token = out.lines().last().unwrap();
    let claims = claims(token);
    assert_eq!(
        claims,
        json!({
            "sub": "alice",
            "iat": EPOCH + 300,
            "nbf": EPOCH + 300,
            "exp": EPOCH + 600,
            "jti": "at-alice-2",
            "sid": "alice@0",
        })
    );
    // The table shows it shortened, with the expiry its exp says.
    let row = out.lines().find(|l| l.starts_with("alice ")).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[1], shortened(token));
    assert_eq!(cells[2], "600");
    // The inspector reads the same exp from it.
    let jwt = tokenclock::jwt::decode(token).unwrap();
    assert_eq!(jwt.exp.unwrap().truncated(), EPOCH + 600);
}

#[test]
fn a_login_mints_a_jwt_for_the_new_family() {
    let (_dir, path) = scenario(JWT_LINE);
    let (code, out, err) = run(&[
        "--scenario",
        &path,
        "--exec",
        "time 120; login bob; token bob",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let claims = claims(out.lines().last().unwrap());
    assert_eq!(claims["sub"], json!("bob"));
    assert_eq!(claims["iat"], json!(EPOCH + 120));
    assert_eq!(claims["exp"], json!(EPOCH + 120 + 300));
    assert_eq!(claims["sid"], json!("bob@120"));
}

#[test]
fn seeded_runs_give_the_same_tokens_and_a_save_keeps_them() {
    let (dir, path) = scenario_with("new_token = { random_bytes = 8 }", JWT_LINE);
    let saved = dir.path().join("saved.toml");
    let saved = saved.to_str().unwrap();
    let script = format!("time 300; refresh alice; token alice; save {saved}");
    let first = run(&["--scenario", &path, "--seed", "7", "--exec", &script]);
    let again = run(&["--scenario", &path, "--seed", "7", "--exec", &script]);
    assert_eq!(first.0, Some(0), "{}", first.2);
    assert_eq!(first, again);
    let token = first.1.lines().nth(1).unwrap();
    assert!(claims(token)["jti"].as_str().unwrap().starts_with("at-"));
    // The saved file loads again: its jwt setting and the whole token are kept.
    let (code, out, err) = run(&["--scenario", saved, "--exec", "token alice"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.trim_end(), token);
    assert!(std::fs::read_to_string(saved).unwrap().contains(JWT_LINE));
    let other = run(&["--scenario", &path, "--seed", "8", "--exec", &script]);
    assert_ne!(other.1.lines().nth(1).unwrap(), token);
}

#[test]
fn bad_jwt_settings_are_refused_with_exit_2() {
    let cases = [
        (
            r#"jwt = { alg = "RS256", secret = "x", epoch = "0" }"#,
            "alg must be HS256, HS384 or HS512",
        ),
        (
            r#"jwt = { alg = "HS256", epoch = "0" }"#,
            "missing field `secret`",
        ),
        (
            r#"jwt = { alg = "HS256", secret = "", epoch = "0" }"#,
            "the secret is empty",
        ),
        (
            r#"jwt = { alg = "HS256", secret = "x", epoch = "0", kid = "1" }"#,
            "unknown field `kid`",
        ),
        (r#"jwt = "HS256""#, "expected { alg"),
    ];
    for (line, message) in cases {
        let (_dir, path) = scenario(line);
        let (code, out, err) = run(&["--scenario", &path, "--exec", "show"]);
        assert_eq!(code, Some(2), "{line}: {out}");
        assert!(err.contains(message), "{line}: {err}");
        assert!(!err.contains("\u{1b}"));
    }
}

#[test]
fn without_jwt_the_token_command_prints_the_plain_value() {
    let (code, out, err) = run(&["--exec", "token alice"]);
    assert_eq!((code, out.as_str()), (Some(0), "abc123\n"), "{err}");
}

/// In the app, `y` prints the selected user's whole signed JWT into the results (the table
/// shows it shortened), and it decodes to the table's expiry.
#[test]
fn the_y_key_prints_the_selected_users_whole_jwt() {
    use tokenclock::domain::{Op, Session};
    use tokenclock::files::load_scenario;
    use tokenclock::tui::{Action, App};
    let (_dir, path) = scenario(JWT_LINE);
    let scenario = load_scenario(std::path::Path::new(&path)).unwrap();
    let mut app = App::new(Session::new(scenario), None);
    app.update(Action::Run(Op::SetTime(300)));
    app.update(Action::command("refresh"));
    app.update(Action::command("token"));
    let line = app.last_result().expect("a line").to_owned();
    let token = line
        .strip_prefix("t=300 alice's access token: ")
        .or_else(|| line.strip_prefix("alice's access token: "))
        .unwrap_or_else(|| panic!("{line}"));
    assert_eq!(token.split('.').count(), 3, "{line}");
    assert_eq!(claims(token)["exp"], json!(EPOCH + 600));
}
