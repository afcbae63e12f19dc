//! What the symbols mean, read back from the drawn lanes: the legend names exactly the symbols
//! in use, no more (a symbol appears in it when it first appears in a lane).

use super::clients;
use super::marks::{
    ALIVE, DEAD, EARLY, EXPIRED, EXPIRED_NOW, GRACE, GRACE_NOW, HIDDEN_NOW, REFRESH, REVOKED, VALID,
};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// What a row of bars is: one of a user's lanes (access or refresh), or a client's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaneKind {
    User,
    Client,
}

/// One legend entry: the symbols that mean it (a bar cell and its mark on the now line share
/// one word: `░✗ expired`), its word, and the lanes where the symbols mean that (`?` is an
/// answer hidden on a user's lane, an answer lost on a client's).
struct Entry {
    symbols: &'static [&'static str],
    word: &'static str,
    kinds: &'static [LaneKind],
}

const USER: &[LaneKind] = &[LaneKind::User];
const CLIENT: &[LaneKind] = &[LaneKind::Client];
const ANY: &[LaneKind] = &[LaneKind::User, LaneKind::Client];

const fn entry(
    symbols: &'static [&'static str],
    word: &'static str,
    kinds: &'static [LaneKind],
) -> Entry {
    Entry {
        symbols,
        word,
        kinds,
    }
}

/// Every symbol a user's lanes draw and its word, in the legend's order.
const USER_ENTRIES: [Entry; 9] = [
    entry(&[VALID], "valid", USER),
    entry(&[EARLY], "refresh due", USER),
    entry(&[EXPIRED, EXPIRED_NOW], "expired", USER),
    entry(&[GRACE, GRACE_NOW], "leeway", USER),
    entry(&[REFRESH], "refresh", ANY),
    entry(&[ALIVE], "rt alive", USER),
    entry(&[DEAD], "rt dead", USER),
    entry(&[REVOKED], "revoked", USER),
    entry(&[HIDDEN_NOW], "hidden", USER),
];

/// The client lanes' own symbols (their `↻` is the user lanes' refresh).
const CLIENT_ENTRIES: [Entry; 4] = [
    entry(&[clients::SERVED], "200", CLIENT),
    entry(&[clients::UNAUTHORIZED], "401", CLIENT),
    entry(&[clients::REFUSED], "refused", CLIENT),
    entry(&[clients::LOST], "lost", CLIENT),
];

/// The legend's items (`█ valid`) for the symbols drawn in `lanes` (each row of bars, without
/// the names, and what it is); with client lanes shown, theirs come first, as the subject of
/// that view.
pub fn items(buf: &Buffer, lanes: &[(Rect, LaneKind)]) -> Vec<String> {
    let clients_first = lanes.iter().any(|(_, kind)| *kind == LaneKind::Client);
    let (first, then) = if clients_first {
        (&CLIENT_ENTRIES[..], &USER_ENTRIES[..])
    } else {
        (&USER_ENTRIES[..], &CLIENT_ENTRIES[..])
    };
    let drawn = |symbol: &str, kinds: &[LaneKind]| {
        lanes
            .iter()
            .filter(|(_, kind)| kinds.contains(kind))
            .flat_map(|(row, _)| row.positions())
            .any(|p| buf[(p.x, p.y)].symbol() == symbol)
    };
    first
        .iter()
        .chain(then)
        .filter_map(|entry| {
            let symbols: String = entry
                .symbols
                .iter()
                .filter(|s| drawn(s, entry.kinds))
                .copied()
                .collect();
            (!symbols.is_empty()).then(|| format!("{symbols} {}", entry.word))
        })
        .collect()
}

/// Legend items split between the bottom border (as many as fit in `width` columns) and the
/// top one beside the title (`top_width` columns), as many as fit there.
pub fn split(items: &[String], width: usize, top_width: usize) -> (String, String) {
    let line = |items: &[String]| {
        if items.is_empty() {
            String::new()
        } else {
            format!(" {} ", items.join(" "))
        }
    };
    let mut bottom = items.len();
    while bottom > 1 && line(&items[..bottom]).width() > width {
        bottom -= 1;
    }
    let mut top = items.len();
    while top > bottom && line(&items[bottom..top]).width() > top_width {
        top -= 1;
    }
    (line(&items[..bottom]), line(&items[bottom..top]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_legend_goes_on_in_the_top_border_when_the_bottom_is_full() {
        let every = strings(&[
            "█ valid",
            "▓ refresh due",
            "░ expired",
            "▒ leeway",
            "↻ refresh",
        ]);
        let (bottom, top) = split(&every, 34, 23);
        assert_eq!(bottom, " █ valid ▓ refresh due ░ expired ");
        assert_eq!(top, " ▒ leeway ↻ refresh ");
        let few = strings(&["█ valid", "░ expired", "↻ refresh"]);
        let (bottom, top) = split(&few, 34, 23);
        assert_eq!(
            (bottom.as_str(), top.as_str()),
            (" █ valid ░ expired ↻ refresh ", "")
        );
    }

    #[test]
    fn the_legend_names_exactly_the_symbols_drawn_in_the_bars() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 3));
        buf.set_string(0, 0, "  █▒░✗  ", Style::default());
        buf.set_string(0, 1, "━━╳╌", Style::default());
        buf.set_string(0, 2, "•?", Style::default());
        let user = [
            (Rect::new(2, 0, 6, 1), LaneKind::User),
            (Rect::new(0, 1, 8, 1), LaneKind::User),
        ];
        assert_eq!(
            items(&buf, &user),
            [
                "█ valid",
                "░✗ expired",
                "▒ leeway",
                "━ rt alive",
                "╌ rt dead",
                "╳ revoked"
            ],
            "the names' column and the client row are not read"
        );
        let with_client = [user[0], user[1], (Rect::new(0, 2, 8, 1), LaneKind::Client)];
        assert_eq!(
            items(&buf, &with_client),
            [
                "• 200",
                "? lost",
                "█ valid",
                "░✗ expired",
                "▒ leeway",
                "━ rt alive",
                "╌ rt dead",
                "╳ revoked"
            ],
            "a client's ? is a lost answer, and the client lanes' symbols come first"
        );
        let mut hidden = Buffer::empty(Rect::new(0, 0, 3, 1));
        hidden.set_string(0, 0, "█?", Style::default());
        assert_eq!(
            items(&hidden, &[(Rect::new(0, 0, 3, 1), LaneKind::User)]),
            ["█ valid", "? hidden"]
        );
    }
}
