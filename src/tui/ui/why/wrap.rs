//! The why panel's word-wrapper: a line too wide for its row is split at spaces, never inside
//! a word or a number, and each continuation row keeps the line's indent (four more, so it
//! reads as a continuation); a line that must stay one row is cut after a whole word.

use super::super::fit;
use unicode_width::UnicodeWidthStr;

/// Between the parts of a line (`generation 1 · login 1000 · last use 1000`).
const PART: &str = " · ";
/// How much further than its line a continuation row is indented.
const CONTINUATION: usize = 4;

/// `text` in rows of at most `room` columns. A single word wider than a row (never the case
/// at the panel's least width) is cut with `…`, and the rest still wraps.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    if text.width() <= room {
        return vec![text.to_owned()];
    }
    let leading = text.len() - text.trim_start_matches(' ').len();
    // A continuation keeps the indent, unless that leaves too little room for words.
    let indent = if leading + CONTINUATION <= room / 2 {
        leading + CONTINUATION
    } else {
        leading.min(room / 2)
    };
    let mut rows = Vec::new();
    let mut line = text.to_owned();
    let mut first = true;
    loop {
        let start = if first { leading } else { indent };
        if line.width() <= room {
            rows.push(line);
            return rows;
        }
        // The last ` · ` that leaves the row (ending in ` ·`) within `room`: lines made of
        // parts break between parts; else the last space that does. A row that goes on below
        // keeps its last column free, so a number ending it never touches the border (where
        // it would read as cut).
        let part = line
            .rmatch_indices(PART)
            .map(|(i, _)| i + PART.len() - 1)
            .find(|&i| i > start && line[..i].width() < room);
        let split = part.or_else(|| {
            line.char_indices()
                .rev()
                .find(|&(i, c)| c == ' ' && i > start && line[..i].width() < room)
                .map(|(i, _)| i)
        });
        let (row, rest) = match split {
            Some(i) => (line[..i].to_owned(), &line[i + 1..]),
            None => {
                // One word wider than the row: cut it, keep what follows it.
                let end = line[start..].find(' ').map_or(line.len(), |i| start + i);
                (fit(&line[..end], room), &line[end..])
            }
        };
        rows.push(row.trim_end().to_owned());
        let rest = rest.trim_start_matches(' ');
        if rest.is_empty() {
            return rows;
        }
        line = format!("{}{rest}", " ".repeat(indent));
        first = false;
    }
}

/// `text` in one row of `room` columns: whole when it fits, else cut after its last whole word
/// that leaves room for ` …`, so that a number is never cut in half.
pub fn cut(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_owned();
    }
    let first = wrap(text, room.saturating_sub(1)).swap_remove(0);
    if first.ends_with('…') || first.trim().is_empty() {
        return fit(text, room);
    }
    format!("{first} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_condition_wraps_at_a_space_under_its_code() {
        let text = "  if expiry (125) <= current_time (120) + early (10):";
        assert_eq!(
            wrap(text, 40),
            [
                "  if expiry (125) <= current_time (120)",
                "      + early (10):"
            ]
        );
        assert_eq!(wrap(text, 60), [text]);
        assert_eq!(wrap("  abcdefghij", 6), ["  abc…"]);
    }

    #[test]
    fn a_line_wraps_as_often_as_it_needs_and_never_splits_a_number() {
        let text = "   → invalid_grant (reuse: revoked): logged out at t=3540";
        let rows = wrap(text, 20);
        assert!(rows.len() > 2, "{rows:?}");
        for row in &rows {
            assert!(row.width() <= 20, "{row:?}");
            assert!(row.starts_with("   "), "keeps its indent: {row:?}");
        }
        let words: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn a_line_of_parts_breaks_between_parts() {
        assert_eq!(
            wrap("generation 1 · login 1000 · last use 1000", 38),
            ["generation 1 · login 1000 ·", "    last use 1000"]
        );
    }

    #[test]
    fn a_cut_line_ends_after_a_whole_word() {
        let text = "1. tab1 (clock 3540) presents rt-nograce-1";
        assert_eq!(cut(text, 60), text);
        assert_eq!(cut(text, 38), "1. tab1 (clock 3540) presents …");
        assert_eq!(cut(text, 22), "1. tab1 (clock 3540) …");
        assert_eq!(cut("abcdefghij", 6), "abcde…");
    }

    #[test]
    fn an_overlong_word_is_cut_and_the_rest_still_wraps() {
        assert_eq!(wrap("x abcdefghijkl y z", 6), ["x", "abcde…", "y z"]);
    }
}
