//! The result of each action, newest first, so the latest is in view; the wheel over it scrolls
//! back, and `L` opens the whole log ([`super::log_view`]).

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `› ` before the newest result, two spaces before older ones and continuation lines.
const PREFIX_WIDTH: usize = 2;
const HINT: &str = "r refreshes the selected user, → and ← move the clock, ? lists every key";

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let rows = usize::from(area.height.saturating_sub(2));
    // Continuation lines are indented under the text after `› `.
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(PREFIX_WIDTH);
    let scroll = app.log_scroll();
    let mut lines: Vec<Line> = Vec::new();
    let mut hidden = scroll;
    if app.log().is_empty() {
        let hint = wrap_words(HINT, usize::from(area.width.saturating_sub(2)));
        lines.extend(
            hint.into_iter()
                .map(|part| Line::styled(part, theme.older_result)),
        );
    }
    for (i, text) in app.log().iter().rev().enumerate().skip(scroll) {
        let (first, style) = if i == 0 {
            ("› ", theme.newest_result)
        } else {
            ("  ", theme.older_result)
        };
        if lines.len() >= rows {
            hidden += app.log().len() - i;
            break;
        }
        let parts = wrap_words(text, room);
        if lines.len() + parts.len() > rows {
            // Shown in part: the whole of it is in the log view.
            hidden += app.log().len() - i;
        }
        for (j, part) in parts.into_iter().enumerate() {
            let prefix = if j == 0 { first } else { "  " };
            lines.push(Line::styled(format!("{prefix}{part}"), style));
        }
        if hidden > scroll {
            break;
        }
    }
    lines.truncate(rows);
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Results ", theme.title));
    if let Some(note) = scroll_note(scroll, hidden) {
        block = block.title(Line::styled(note, theme.older_result).right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The results' top-right note: how many newer lines are scrolled past, and the key that opens
/// the whole log when lines are out of view.
fn scroll_note(scroll: usize, hidden: usize) -> Option<String> {
    match (scroll, hidden) {
        (0, 0) => None,
        (0, _) => Some(" L whole log ".to_owned()),
        (1, _) => Some(" ↑ 1 newer · L whole log ".to_owned()),
        (n, _) => Some(format!(" ↑ {n} newer · L whole log ")),
    }
}

/// Splits `text` into lines of at most `width` columns at spaces; a word wider than a line is
/// split where the line ends. Wide characters are never split.
pub(crate) fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if !line.is_empty() && line.width() + sep + word.width() > width {
            lines.push(std::mem::take(&mut line));
        } else if sep == 1 {
            line.push(' ');
        }
        for ch in word.chars() {
            if !line.is_empty() && line.width() + ch.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(ch);
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn words_wrap_at_spaces_and_long_words_are_split() {
        assert_eq!(
            wrap_words("refresh alice: expired", 14),
            ["refresh alice:", "expired"]
        );
        assert_eq!(wrap_words("abcdefghij k", 4), ["abcd", "efgh", "ij k"]);
        assert_eq!(wrap_words("山田太郎", 5), ["山田", "太郎"]);
        assert_eq!(wrap_words("", 5), [""]);
    }
}
