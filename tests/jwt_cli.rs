//! `--jwt` in the scripted mode, through the real binary: tokens minted by the jsonwebtoken
//! crate and by hand, signatures checked on request, every hostile token refused with exit 2.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};

const SECRET: &[u8] = b"classroom-secret";
/// 2026-12-06T10:00:00Z.
const NOW: u64 = 1_796_551_200;

fn data(name: &str) -> String {
    format!("{}/tests/data/jwt/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn hs256(claims: &Value) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(SECRET).unwrap(),
    )
    .unwrap()
}

fn rs256(claims: &Value, kid: Option<&str>) -> String {
    let pem = std::fs::read(data("rs256-private.pem")).unwrap();
    let mut header = Header::new(Algorithm::RS256);
    header.kid = kid.map(str::to_owned);
    encode(&header, claims, &EncodingKey::from_rsa_pem(&pem).unwrap()).unwrap()
}

/// A token whose header and payload are the exact JSON text given, signed HS256 with the
/// crate's signing function (so a fractional `exp` is written as the test wrote it).
fn by_hand(header: &str, payload: &str) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let key = EncodingKey::from_secret(SECRET).unwrap();
    let signature = jsonwebtoken::crypto::sign(input.as_bytes(), &key, Algorithm::HS256).unwrap();
    format!("{input}.{signature}")
}

/// Runs the binary with `args` and `stdin`: exit code, stdout, stderr.
fn run(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenclock"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(stdin.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `show` at NOW for tokens on standard input, with more arguments; must succeed.
fn show(tokens: &[&str], more: &[&str]) -> String {
    let now = NOW.to_string();
    let mut args = vec!["--jwt", "-", "--now", &now, "--exec", "show"];
    args.extend_from_slice(more);
    let (code, stdout, stderr) = run(&args, &tokens.join("\n"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    stdout
}

fn line<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .map(str::trim_start)
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in\n{out}"))
}

#[test]
fn show_prints_the_claims_and_when_each_library_stops_accepting() {
    let token = hs256(&json!({"sub": "alice", "iat": NOW - 300, "exp": NOW + 240}));
    let script = "show; time 2026-12-06T10:05:00Z; show";
    let (code, out, err) = run(
        &[
            "--jwt",
            &token,
            "--now",
            "2026-12-06T10:00:00Z",
            "--exec",
            script,
        ],
        "",
    );
    assert_eq!(code, Some(0), "{err}");
    let (before, after) = out.split_once("time → 2026-12-06T10:05:00Z\n").unwrap();
    assert!(before.starts_with("now 2026-12-06T10:00:00Z (1796551200)\nalice:\n"));
    assert_eq!(
        line(before, "alg"),
        "alg     HS256; signature not checked (--key FILE or --jwks FILE checks it)"
    );
    assert_eq!(
        line(before, "header"),
        r#"header  {"alg":"HS256","typ":"JWT"}"#
    );
    assert_eq!(
        line(before, "claims"),
        r#"claims  exp: 1796551440, iat: 1796550900, sub: "alice""#
    );
    assert_eq!(line(before, "iat"), "iat     2026-12-06T09:55:00Z (5m ago)");
    assert_eq!(line(before, "nbf"), "nbf     —");
    assert_eq!(line(before, "exp"), "exp     2026-12-06T10:04:00Z (in 4m)");
    assert_eq!(
        line(before, "PyJWT"),
        "PyJWT           accepts: exp 1796551440 + 0 > now 1796551200; rejects from 2026-12-06T10:04:00Z (in 4m)"
    );
    assert_eq!(
        line(before, "jsonwebtoken-rs"),
        "jsonwebtoken-rs accepts: exp 1796551440 + 60 ≥ now 1796551200; rejects from 2026-12-06T10:05:01Z (in 5m 1s)"
    );
    assert_eq!(
        line(before, "jsonwebtoken-js"),
        "jsonwebtoken-js accepts: exp 1796551440 + 0 > now 1796551200; rejects from 2026-12-06T10:04:00Z (in 4m)"
    );
    assert!(line(before, ".NET").contains("exp 1796551440 + 300"));
    assert_eq!(
        line(after, "PyJWT"),
        "PyJWT           rejects: exp 1796551440 + 0 ≤ now 1796551500; rejected since 2026-12-06T10:04:00Z (1m ago)"
    );
    assert_eq!(
        line(after, "jsonwebtoken-rs"),
        "jsonwebtoken-rs accepts: exp 1796551440 + 60 ≥ now 1796551500; rejects from 2026-12-06T10:05:01Z (in 1s)"
    );
    // The whole signature is never written.
    let signature = token.rsplit('.').next().unwrap();
    assert!(!out.contains(signature));
    assert!(line(before, "token").ends_with(".…"));
}

#[test]
fn advance_and_rewind_take_durations() {
    let token = hs256(&json!({"exp": NOW + 3600}));
    let now = NOW.to_string();
    let (code, out, err) = run(
        &[
            "--jwt",
            &token,
            "--now",
            &now,
            "--exec",
            "advance 1h 30m; rewind 90; show",
        ],
        "",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with(
        "clock 2026-12-06T10:00:00Z → 2026-12-06T11:30:00Z\n\
         clock 2026-12-06T11:30:00Z → 2026-12-06T11:28:30Z\n\
         now 2026-12-06T11:28:30Z (1796556510)\ntoken 1:\n"
    ));
    assert!(
        line(&out, "PyJWT")
            .starts_with("PyJWT           rejects: exp 1796554800 + 0 ≤ now 1796556510")
    );
}

#[test]
fn a_token_without_exp_is_rejected_by_the_rust_crate_and_dotnet_only() {
    let out = show(&[&hs256(&json!({"sub": "forever"}))], &[]);
    for name in ["jsonwebtoken-rs", ".NET"] {
        assert!(
            line(&out, name).ends_with("rejects: no exp, which it requires; never accepts"),
            "{out}"
        );
    }
    for name in ["PyJWT", "Spring", "jsonwebtoken-js"] {
        assert!(
            line(&out, name)
                .ends_with("accepts: no exp, which it does not require; accepts for ever"),
            "{out}"
        );
    }
}

#[test]
fn a_fractional_exp_is_truncated_rounded_or_compared_as_it_is() {
    let token = by_hand(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"exp":{}.5}}"#, NOW + 240),
    );
    let out = show(&[&token], &[]);
    assert_eq!(
        line(&out, "exp"),
        "exp     2026-12-06T10:04:00Z = 1796551440.5 (in 4m)"
    );
    assert_eq!(
        line(&out, "PyJWT"),
        "PyJWT           accepts: exp 1796551440 (1796551440.5 truncated) + 0 > now 1796551200; rejects from 2026-12-06T10:04:00Z (in 4m)"
    );
    assert_eq!(
        line(&out, "jsonwebtoken-js"),
        "jsonwebtoken-js accepts: exp 1796551440.5 + 0 > now 1796551200; rejects from 2026-12-06T10:04:01Z (in 4m 1s)"
    );
    assert_eq!(
        line(&out, "jsonwebtoken-rs"),
        "jsonwebtoken-rs accepts: exp 1796551441 (1796551440.5 rounded) + 60 ≥ now 1796551200; rejects from 2026-12-06T10:05:02Z (in 5m 2s)"
    );
}

#[test]
fn nbf_and_iat_in_the_future() {
    let out = show(
        &[&hs256(
            &json!({"iat": NOW + 100, "nbf": NOW + 100, "exp": NOW + 600}),
        )],
        &[],
    );
    assert_eq!(
        line(&out, "PyJWT"),
        "PyJWT           rejects: iat 1796551300 > now 1796551200 + 0; accepts from 2026-12-06T10:01:40Z (in 1m 40s)"
    );
    // The Rust crate checks neither by default.
    assert!(line(&out, "jsonwebtoken-rs").starts_with("jsonwebtoken-rs accepts: exp"));
    assert!(
        line(&out, "Spring")
            .starts_with("Spring          rejects: nbf 1796551300 > now 1796551200 + 60")
    );
}

#[test]
fn a_configured_leeway_replaces_the_librarys_default() {
    let token = hs256(&json!({"exp": NOW + 240}));
    let out = show(&[&token], &["--leeway", "pyjwt=30", "--leeway", ".NET=0"]);
    assert_eq!(
        line(&out, "PyJWT"),
        "PyJWT           accepts: exp 1796551440 + 30 > now 1796551200; rejects from 2026-12-06T10:04:30Z (in 4m 30s)"
    );
    assert!(line(&out, ".NET").contains("exp 1796551440 + 0 "), "{out}");
    assert!(
        line(&out, "jsonwebtoken-rs").contains("exp 1796551440 + 60 "),
        "{out}"
    );
    let (code, out, err) = run(
        &["--jwt", &token, "--leeway", "perl=5", "--exec", "show"],
        "",
    );
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        err.starts_with("tokenclock: --leeway: no library 'perl'; the libraries are PyJWT, "),
        "{err}"
    );
}

#[test]
fn an_hmac_secret_checks_the_signature_only() {
    let secret = data("hs256.secret");
    let expired = hs256(&json!({"sub": "old", "exp": 1000}));
    let out = show(&[&expired], &["--key", &secret]);
    assert!(
        line(&out, "alg")
            .ends_with("signature valid (signature only: the claims are judged below)")
    );
    assert!(
        line(&out, "PyJWT").contains("rejects"),
        "an expired token, validly signed"
    );
    let other = encode(
        &Header::new(Algorithm::HS256),
        &json!({"sub": "x"}),
        &EncodingKey::from_secret(b"another secret").unwrap(),
    )
    .unwrap();
    let out = show(&[&other], &["--key", &secret]);
    assert!(line(&out, "alg").ends_with("signature INVALID"), "{out}");
}

#[test]
fn an_rsa_public_key_and_a_key_set_check_rs256() {
    let public = data("rs256-public.pem");
    let token = rs256(&json!({"sub": "rsa"}), Some("k1"));
    let out = show(&[&token], &["--key", &public]);
    assert!(
        line(&out, "alg").starts_with("alg     RS256; signature valid"),
        "{out}"
    );
    let out = show(&[&hs256(&json!({"sub": "hs"}))], &["--key", &public]);
    assert!(
        line(&out, "alg").ends_with("alg HS256 not allowed for this key"),
        "{out}"
    );

    let private = std::fs::read(data("rs256-private.pem")).unwrap();
    let mut jwk = Jwk::from_encoding_key(
        &EncodingKey::from_rsa_pem(&private).unwrap(),
        Algorithm::RS256,
    )
    .unwrap();
    jwk.common.key_id = Some("k1".to_owned());
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("jwks.json");
    std::fs::write(
        &jwks,
        serde_json::to_string(&JwkSet { keys: vec![jwk] }).unwrap(),
    )
    .unwrap();
    let jwks = jwks.to_str().unwrap();
    let out = show(&[&token], &["--jwks", jwks]);
    assert!(
        line(&out, "alg").starts_with("alg     RS256; signature valid"),
        "{out}"
    );
    let unknown = rs256(&json!({"sub": "rsa"}), Some("k2"));
    let out = show(&[&unknown], &["--jwks", jwks]);
    assert!(
        line(&out, "alg").ends_with("no key in the set for this token's kid"),
        "{out}"
    );
}

#[test]
fn alg_none_is_flagged_even_with_a_key() {
    let token = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
        URL_SAFE_NO_PAD.encode(r#"{"sub":"mallory"}"#)
    );
    let out = show(&[&token], &["--key", &data("hs256.secret")]);
    assert_eq!(
        line(&out, "alg"),
        "alg     none; unsigned: anyone can forge it; never accept it"
    );
}

#[test]
fn standard_input_gives_one_token_a_line() {
    let a = hs256(&json!({"sub": "a"}));
    let b = hs256(&json!({"exp": NOW}));
    let out = show(&[&format!("\n  {a}  "), "", &b, ""], &[]);
    assert!(out.contains("\na:\n"));
    assert!(out.contains("\ntoken 2:\n"));
}

/// Every hostile token is refused before anything runs: exit 2, a message naming it, nothing
/// on stdout, and no escape sequence on either stream.
#[test]
fn hostile_tokens_exit_2_with_a_clear_message() {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#);
    let part = |json: &str| URL_SAFE_NO_PAD.encode(json);
    let cases = [
        (
            "a.b".to_owned(),
            "token 1: a JWT has 3 parts separated by '.', this one has 2",
        ),
        (format!("{header}.%%.x"), "token 1: character"),
        (
            format!("{header}.A.x"),
            "token 1: the payload is not valid base64url",
        ),
        (
            format!("{header}.{}.x", part("nope")),
            "token 1: the payload is not JSON",
        ),
        (
            format!("{header}.{}.x", part(r#"{"exp":"tomorrow"}"#)),
            "token 1: exp must be a number (seconds since 1970), but it is a string",
        ),
        (
            format!("{header}.{}.x", part(r#"{"exp":1e999999}"#)),
            "token 1: the payload is not JSON",
        ),
        (
            format!("{header}.{}.x", part(r#"{"exp":99999999999999}"#)),
            "token 1: exp 99999999999999 is beyond any date",
        ),
        (
            "x".repeat(1 << 20),
            "token 1: the token is 1048576 bytes; tokens longer than 65536 bytes are not read",
        ),
        (
            format!(
                "{}.{}.c2ln",
                part(r#"{"alg":"\u001b]0;owned\u0007"}"#),
                part(r#"{"sub":"\u001b[2J\u202e"}"#)
            ),
            "",
        ),
    ];
    for (token, message) in cases {
        let (code, out, err) = run(&["--jwt", "-", "--exec", "show"], &token);
        if message.is_empty() {
            // Escapes inside claims are data: shown, escaped.
            assert_eq!(code, Some(0), "{err}");
            assert!(out.contains(r"\u{1b}[2J\u{202e}"), "{out}");
            assert!(out.contains(r"\u{1b}]0;owned\u{7}"), "{out}");
        } else {
            assert_eq!(code, Some(2), "{message}: {out}");
            assert!(out.is_empty(), "{out}");
            assert!(err.starts_with(&format!("tokenclock: {message}")), "{err}");
        }
        assert!(!out.contains('\u{1b}') && !err.contains('\u{1b}'));
    }
}

#[test]
fn bad_arguments_and_scripts_exit_2() {
    let token = hs256(&json!({"exp": NOW}));
    let (code, _, err) = run(&["--jwt", &token, "--now", "soon", "--exec", "show"], "");
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("tokenclock: --now: 'soon' is not a date-time"),
        "{err}"
    );
    let (code, out, err) = run(
        &["--jwt", &token, "--exec", "show; refresh alice; time"],
        "",
    );
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        err.contains("script:2: unknown command 'refresh' with --jwt"),
        "{err}"
    );
    assert!(err.contains("script:3: 'time' needs a date-time"), "{err}");
    let (code, _, err) = run(&["--jwt", "-", "--exec", "show"], "\n\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("no token given"), "{err}");
    let (code, _, err) = run(
        &[
            "--jwt",
            &token,
            "--key",
            "/nonexistent/key",
            "--exec",
            "show",
        ],
        "",
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot read the key"), "{err}");
    let (code, _, _) = run(&["--now", "0"], "");
    assert_eq!(code, Some(2), "--now needs --jwt");
    // No transcript or handout of inspected tokens is ever written: they are credentials.
    for other in [["--transcript", "t.txt"], ["--handout", "--quiz"]] {
        let (code, _, err) = run(&["--jwt", &token, other[0], other[1]], "");
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("cannot be used with"), "{err}");
    }
}
