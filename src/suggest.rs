//! "Did you mean": the closest candidate within a small edit distance, in bounded time.
//!
//! A script of 2,000 unknown users checked against a 10,000-user roster asks for 20 million
//! comparisons. Each is cut short: a length filter skips candidates whose length alone puts them
//! too far away, a piece filter (for ASCII) skips those that share no piece of the word near
//! its place, and the edit distance is computed only in a band around the diagonal and
//! abandoned as soon as every cell of a row is past the limit. A budget of work per question
//! bounds even rosters made to defeat all three (then the answer is the best found so far, or
//! none).

/// Suggestions are at most this many edits away.
pub const MAX_DISTANCE: usize = 2;

/// Words longer than this get no suggestion (and never cost more than this many columns).
pub const MAX_WORD_CHARS: usize = 64;

/// Most units of work one question may take: one per candidate looked at plus one per
/// distance cell computed.
pub const WORK_BUDGET: usize = 50_000;

/// The first candidate at the smallest edit distance (at most [`MAX_DISTANCE`]) from `word`.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_counted(word, candidates).0
}

/// [`closest`], with the units of work it took (never more than about [`WORK_BUDGET`]).
pub fn closest_counted<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> (Option<&'a str>, usize) {
    let word: Vec<char> = word.chars().take(MAX_WORD_CHARS + 1).collect();
    if word.len() > MAX_WORD_CHARS {
        return (None, 0);
    }
    let word = Word::new(word);
    let mut work = 0;
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        work += 1;
        let limit = match best {
            Some((0, _)) => break,
            Some((distance, _)) => distance - 1,
            None => MAX_DISTANCE,
        };
        if let Some(distance) = bounded_distance(&word, candidate, limit, &mut work) {
            best = Some((distance, candidate));
        }
        if work >= WORK_BUDGET {
            break;
        }
    }
    (best.map(|(_, candidate)| candidate), work)
}

/// The word asked about, as characters and, when it is ASCII, as bytes (names mostly are:
/// then comparing bytes needs no decoding).
struct Word {
    chars: Vec<char>,
    ascii: Option<Vec<u8>>,
    /// For ASCII words: `MAX_DISTANCE + 1` pieces, as (start, first bytes, how many).
    pieces: Vec<(usize, u64, usize)>,
}

impl Word {
    fn new(chars: Vec<char>) -> Self {
        let ascii: Option<Vec<u8>> = chars
            .iter()
            .all(char::is_ascii)
            .then(|| chars.iter().map(|&c| c as u8).collect());
        let mut pieces = Vec::new();
        if let Some(bytes) = &ascii {
            let n = bytes.len();
            let count = MAX_DISTANCE + 1;
            for j in 0..count {
                let (start, end) = (j * n / count, (j + 1) * n / count);
                let len = (end - start).min(8);
                pieces.push((start, key(bytes, start, len), len));
            }
        }
        Self {
            chars,
            ascii,
            pieces,
        }
    }

    /// False only when `b` is surely more than `limit` edits away. With at most
    /// `MAX_DISTANCE` edits, one of the word's `MAX_DISTANCE + 1` pieces is untouched, so it
    /// appears in `b` shifted by at most `limit` places; its first bytes are compared there.
    fn may_be_near(&self, b: &[u8], limit: usize) -> bool {
        self.pieces.iter().any(|&(start, first, len)| {
            len == 0
                || (start.saturating_sub(limit)..=start + limit)
                    .any(|at| at + len <= b.len() && key(b, at, len) == first)
        })
    }
}

/// Up to 8 bytes of `bytes` from `start`, as one number (without a call to copy them).
fn key(bytes: &[u8], start: usize, len: usize) -> u64 {
    let piece = &bytes[start..start + len];
    match <[u8; 8]>::try_from(piece) {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => piece
            .iter()
            .rev()
            .fold(0, |acc, &byte| (acc << 8) | u64::from(byte)),
    }
}

/// Cells in a row of the band: `limit` either side of the diagonal, and one more past its
/// right end (always over the limit) so the cell above-right needs no bounds check.
const BAND: usize = 2 * MAX_DISTANCE + 2;

/// Past the limit (small, so adding 1 never overflows).
const OVER: u32 = u32::MAX / 2;

/// The Levenshtein distance (over characters) between `a` and `b` if it is at most `limit`
/// (at most [`MAX_DISTANCE`]), adding the cells computed to `work`.
fn bounded_distance(word: &Word, b: &str, limit: usize, work: &mut usize) -> Option<usize> {
    debug_assert!(limit <= MAX_DISTANCE);
    let (ascii, a) = (&word.ascii, &word.chars);
    // A length difference alone costs that many edits. Bytes bound characters from both sides
    // (1 to 4 bytes each), so most candidates are skipped without counting their characters.
    let bytes = b.len();
    if bytes.div_ceil(4) > a.len() + limit || bytes + limit < a.len() {
        return None;
    }
    // Names are mostly ASCII: then compare bytes, and the length is known.
    match ascii {
        Some(ascii) if b.is_ascii() => {
            if bytes.abs_diff(a.len()) > limit || !word.may_be_near(b.as_bytes(), limit) {
                return None;
            }
            band_distance(ascii, b.bytes(), bytes, limit, work)
        }
        _ => {
            let b_len = b.chars().count();
            if b_len.abs_diff(a.len()) > limit {
                return None;
            }
            band_distance(a, b.chars(), b_len, limit, work)
        }
    }
}

/// Only cells within `limit` of the diagonal can be within `limit`, so a row keeps only those
/// (cell `d` of row `r` is column `r + d - limit`), and a row whose cells all exceed `limit`
/// ends the search. `a` is at most [`MAX_WORD_CHARS`] long.
fn band_distance<T: Copy + Eq>(
    word: &[T],
    b: impl Iterator<Item = T>,
    b_len: usize,
    limit: usize,
    work: &mut usize,
) -> Option<usize> {
    let n = word.len();
    // Row 0: the distance from a[..i] to nothing is i.
    let mut previous = [OVER; BAND];
    for i in 0..=limit.min(n) {
        previous[i + limit] = i as u32;
    }
    for (r, cb) in (1usize..).zip(b) {
        let mut current = [OVER; BAND];
        let first = r.saturating_sub(limit);
        let last = (r + limit).min(n);
        let mut row_min = OVER;
        for i in first..=last {
            let d = i + limit - r;
            let cell = if i == 0 {
                r as u32
            } else {
                let left = if d == 0 { OVER } else { current[d - 1] };
                let same = word[i - 1] == cb;
                (previous[d] + u32::from(!same))
                    .min(previous[d + 1] + 1)
                    .min(left + 1)
            };
            current[d] = cell;
            row_min = row_min.min(cell);
        }
        *work += last + 1 - first.min(last + 1);
        if row_min as usize > limit {
            return None;
        }
        previous = current;
    }
    // The last row's cell for column n.
    let distance = (n + limit)
        .checked_sub(b_len)
        .and_then(|d| previous.get(d).copied())
        .unwrap_or(OVER) as usize;
    (distance <= limit).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full Levenshtein table, to check the banded one against.
    fn reference(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut current = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let substitute = previous[j] + usize::from(ca != *cb);
                current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
            }
            previous = current;
        }
        previous[b.len()]
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_table_within_the_limit() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "alice",
            "alcie",
            "alicee",
            "lice",
            "bob",
            "李小龙",
            "李小",
            "kitten",
            "sitting",
            "flaw",
            "lawn",
            "refresh",
            "refresh-all",
            "🦀crab",
            "crab",
        ];
        for a in words {
            let word = Word::new(a.chars().collect());
            for b in words {
                let want = reference(a, b);
                for limit in 0..=MAX_DISTANCE {
                    let got = bounded_distance(&word, b, limit, &mut 0);
                    let expected = (want <= limit).then_some(want);
                    assert_eq!(got, expected, "{a:?} {b:?} limit {limit}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_piece_filter_never_drops_a_near_ascii_word(
            a in "[abc]{0,24}",
            edits in proptest::collection::vec((0usize..30, 0u8..3, "[abc]"), 0..=2),
            limit in 0..=MAX_DISTANCE,
        ) {
            // b: a with up to two random edits (substitute, insert, delete).
            let mut b: Vec<u8> = a.bytes().collect();
            for (at, kind, ch) in edits {
                let at = at.min(b.len());
                match kind {
                    0 if at < b.len() => b[at] = ch.as_bytes()[0],
                    1 => b.insert(at, ch.as_bytes()[0]),
                    _ if at < b.len() => { b.remove(at); }
                    _ => {}
                }
            }
            let b = String::from_utf8(b).unwrap();
            let word = Word::new(a.chars().collect());
            let want = reference(&a, &b);
            proptest::prop_assert_eq!(
                bounded_distance(&word, &b, limit, &mut 0),
                (want <= limit).then_some(want)
            );
        }

        #[test]
        fn the_banded_distance_agrees_with_the_full_table_on_random_words(
            a in "[ab李]{0,12}",
            b in "[ab李]{0,12}",
            limit in 0..=MAX_DISTANCE,
        ) {
            let word = Word::new(a.chars().collect());
            let want = reference(&a, &b);
            proptest::prop_assert_eq!(
                bounded_distance(&word, &b, limit, &mut 0),
                (want <= limit).then_some(want)
            );
        }
    }

    #[test]
    fn the_first_closest_candidate_within_two_edits_is_suggested() {
        assert_eq!(closest("alcie", ["bob", "alice", "carol"]), Some("alice"));
        assert_eq!(
            closest("refresh-al", ["refresh", "refresh-all"]),
            Some("refresh-all")
        );
        assert_eq!(closest("ab", ["xy", "ax", "ay"]), Some("ax"));
        assert_eq!(closest("zed", ["alice", "bob"]), None);
        assert_eq!(closest(&"a".repeat(65), [&*"a".repeat(65)]), None);
    }

    /// 64-character names that agree on all but their last few characters, so neither the
    /// length filter nor the early exit helps: the budget still bounds the work.
    #[test]
    fn the_work_per_question_is_bounded_even_for_look_alike_names() {
        let prefix = "x".repeat(58);
        let roster: Vec<String> = (0..10_000).map(|i| format!("{prefix}{i:06}")).collect();
        let unknown = format!("{prefix}abcdef");
        let (found, work) = closest_counted(&unknown, roster.iter().map(String::as_str));
        assert_eq!(found, None);
        assert!(work <= WORK_BUDGET + MAX_WORD_CHARS * BAND, "{work}");
    }

    #[test]
    fn random_looking_names_cost_a_few_cells_each() {
        let roster: Vec<String> = (0..10_000u64)
            .map(|i| {
                let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
                (0..64)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        char::from(b'a' + (x % 26) as u8)
                    })
                    .collect()
            })
            .collect();
        let (_, work) = closest_counted(&"q".repeat(64), roster.iter().map(String::as_str));
        // One unit per candidate: the piece filter rejects them before any distance cell.
        assert!(work < 10_000 * 2, "{work}");
    }
}
