//! The why panel's word-wrapper: a line too wide for its row is split at spaces, never inside
//! a word or a number, and each continuation row keeps the line's indent (four more, so it
//! reads as a continuation).

use super::super::fit;
use unicode_width::UnicodeWidthStr;

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
        // The last space that leaves the row within `room`.
        let split = line
            .char_indices()
            .rev()
            .find(|&(i, c)| c == ' ' && i > start && line[..i].width() <= room)
            .map(|(i, _)| i);
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
    fn an_overlong_word_is_cut_and_the_rest_still_wraps() {
        assert_eq!(wrap("x abcdefghijkl y z", 6), ["x", "abcde…", "y z"]);
    }
}
