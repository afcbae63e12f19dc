//! The validators table against the real jsonwebtoken crate (the `jsonwebtoken-rs` row): real
//! HS256 tokens with `exp` at offsets from the wall clock, validated with `Validation::leeway`,
//! over a grid around every boundary. The clock is read before and after each validation and the
//! case is tried again when the second changed, so the comparison never straddles a second.
//! `benches/peers/validators.sh` runs the same grid against PyJWT and node's jsonwebtoken.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde_json::{Value, json};
use std::time::{SystemTime, UNIX_EPOCH};
use tokenclock::domain::Policy;
use tokenclock::domain::oauth::{TokenTimes, Validator};

const SECRET: &[u8] = b"tokenclock differential test";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn rust_row() -> Validator {
    Validator::from_name("jsonwebtoken-rs").expect("the table has the Rust crate")
}

/// Whether the crate accepts the claims built for `now`, with `leeway` (`None`: its default),
/// and the second it was judged in. Retries until the clock read the same second before and
/// after.
fn crate_accepts(claims: impl Fn(u64) -> Value, leeway: Option<u64>) -> (bool, u64) {
    loop {
        let before = now();
        let key = EncodingKey::from_secret(SECRET).expect("an HMAC key");
        let token =
            encode(&Header::new(Algorithm::HS256), &claims(before), &key).expect("HS256 encodes");
        let mut validation = Validation::new(Algorithm::HS256);
        if let Some(l) = leeway {
            validation.leeway = l;
        }
        let key = DecodingKey::from_secret(SECRET).expect("an HMAC key");
        let accepted = decode::<Value>(&token, &key, &validation).is_ok();
        if now() == before {
            return (accepted, before);
        }
    }
}

/// `exp - now` offsets around every boundary of a leeway: inside, at, just past.
fn offsets(leeway: u64) -> Vec<i64> {
    let l = i64::try_from(leeway).expect("a small leeway");
    let mut grid = vec![-l - 2, -l - 1, -l, -l + 1, -2, -1, 0, 1, 2, 300];
    grid.sort_unstable();
    grid.dedup();
    grid
}

#[test]
fn the_rust_row_judges_every_exp_as_the_crate_does() {
    let policy = Policy::default();
    let mut cases = 0;
    for leeway in [None, Some(0), Some(1), Some(5), Some(60), Some(61)] {
        let l = rust_row().leeway(policy.lesson_rule(), leeway);
        for offset in offsets(l) {
            let exp_of = |now: u64| now.checked_add_signed(offset).expect("a recent clock");
            let (accepted, second) = crate_accepts(|now| json!({ "exp": exp_of(now) }), leeway);
            let judged = rust_row()
                .judge(
                    policy.lesson_rule(),
                    leeway,
                    TokenTimes::new(exp_of(second), None),
                    second,
                )
                .accepted();
            assert_eq!(
                judged, accepted,
                "exp - now = {offset}, leeway {leeway:?}: the table says {judged}, the crate {accepted}"
            );
            cases += 1;
        }
    }
    assert!(cases >= 50, "{cases} cases");
}

#[test]
fn the_rust_row_reads_a_fractional_exp_as_the_crate_does() {
    let policy = Policy::default();
    let row = rust_row().row();
    for leeway in [0, 60] {
        for offset in [-61.6, -61.4, -60.6, -60.4, -1.6, -1.4, -0.6, -0.4, 0.4, 0.6] {
            let exp_of = |now: u64| now as f64 + offset;
            let (accepted, second) =
                crate_accepts(|now| json!({ "exp": exp_of(now) }), Some(leeway));
            let exp = row
                .fraction
                .whole_seconds(exp_of(second))
                .expect("a recent time");
            let judged = rust_row()
                .judge(
                    policy.lesson_rule(),
                    Some(leeway),
                    TokenTimes::new(exp, None),
                    second,
                )
                .accepted();
            assert_eq!(judged, accepted, "exp = now + {offset}, leeway {leeway}");
        }
    }
}

#[test]
fn the_rust_row_ignores_nbf_and_iat_and_requires_exp_as_the_crate_does() {
    let policy = Policy::default();
    // Issued 100 s in the future: the crate does not check nbf by default, nor iat ever.
    let (accepted, second) = crate_accepts(
        |now| json!({ "exp": now + 600, "nbf": now + 100, "iat": now + 100 }),
        None,
    );
    let judged = rust_row()
        .judge(
            policy.lesson_rule(),
            None,
            TokenTimes::new(second + 600, Some(second + 100)),
            second,
        )
        .accepted();
    assert_eq!((judged, accepted), (true, true));
    // No exp at all.
    let (accepted, _) = crate_accepts(|now| json!({ "iat": now }), None);
    assert_eq!(rust_row().row().requires_exp, !accepted);
}

/// One line of `benches/peers/validators.sh`'s results: `pyjwt 60 -61 rejected (...)`,
/// `jsonwebtoken-js 0 0.4 accepted`, `pyjwt 0 iat+100 rejected (...)`, `pyjwt 0 no-exp accepted`.
fn peer_case(line: &str) -> Option<(Validator, u64, &str, bool)> {
    let mut words = line.split_whitespace();
    let validator = Validator::from_name(words.next()?)?;
    let leeway = words.next()?.parse().ok()?;
    let case = words.next()?;
    let accepted = words.next()? == "accepted";
    Some((validator, leeway, case, accepted))
}

/// What the table says of a peer's case, judged in an arbitrary second (every case is relative).
fn table_says(validator: Validator, leeway: u64, case: &str) -> bool {
    const NOW: u64 = 1_700_000_000;
    let policy = Policy::default();
    let row = validator.row();
    let judge = |times| {
        validator
            .judge(policy.lesson_rule(), Some(leeway), times, NOW)
            .accepted()
    };
    let has = |claim| row.checks.contains(&claim);
    use tokenclock::domain::oauth::Claim;
    match case {
        "no-exp" => !row.requires_exp,
        "iat+100" => !has(Claim::Iat),
        "nbf+100" => !has(Claim::Nbf),
        offset => {
            let offset: f64 = offset.parse().expect("an offset");
            let exp = row
                .fraction
                .whole_seconds(NOW as f64 + offset)
                .expect("a recent time");
            judge(TokenTimes::new(exp, None))
        }
    }
}

/// Run by `benches/peers/validators.sh` with the real libraries' verdicts.
#[test]
#[ignore = "needs PyJWT and node's jsonwebtoken: benches/peers/validators.sh runs it"]
fn peers_results_match_the_table() {
    let path = std::env::var("TOKENCLOCK_PEERS_RESULTS").expect("TOKENCLOCK_PEERS_RESULTS");
    let text = std::fs::read_to_string(&path).expect("the results file");
    let mut checked = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (validator, leeway, case, accepted) =
            peer_case(line).unwrap_or_else(|| panic!("not a result line: {line}"));
        assert_eq!(
            table_says(validator, leeway, case),
            accepted,
            "the table disagrees with the library: {line}"
        );
        checked += 1;
    }
    assert!(checked > 0, "no results in {path}");
    println!("{checked} peer verdicts agree with the validators table");
}

#[test]
fn a_peer_result_line_is_read_and_judged_by_its_row() {
    assert_eq!(
        peer_case("pyjwt 60 -60 rejected (Signature has expired)").map(|c| (c.1, c.2, c.3)),
        Some((60, "-60", false))
    );
    let py = Validator::from_name("pyjwt").expect("a row");
    let js = Validator::from_name("jsonwebtoken-js").expect("a row");
    assert!(!table_says(py, 60, "-60") && table_says(py, 60, "-59"));
    // PyJWT truncates 0.4 to the second it is in (rejected), node compares it as is (accepted).
    assert!(!table_says(py, 0, "0.4") && table_says(js, 0, "0.4"));
    assert!(!table_says(py, 0, "iat+100") && table_says(js, 0, "iat+100"));
    assert!(table_says(py, 0, "no-exp"));
}
