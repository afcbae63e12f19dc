//! The result of each action, newest first, so the latest is always in view.

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `› ` before the newest result, two spaces before older ones and continuation lines.
const PREFIX_WIDTH: usize = 2;
const HINT: &str = "r refreshes the selected user, → and ← move the clock, ? lists every key";

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Results ", theme.title));
    let rows = usize::from(area.height.saturating_sub(2));
    // Continuation lines are indented under the text after `› `.
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(PREFIX_WIDTH);
    let lines: Vec<Line> = if app.log().is_empty() {
        vec![Line::styled(HINT, theme.older_result)]
    } else {
        app.log()
            .iter()
            .rev()
            .take(rows)
            .enumerate()
            .flat_map(|(i, text)| {
                let (first, style) = if i == 0 {
                    ("› ", theme.newest_result)
                } else {
                    ("  ", theme.older_result)
                };
                wrap_words(text, room)
                    .into_iter()
                    .enumerate()
                    .map(move |(j, part)| {
                        let prefix = if j == 0 { first } else { "  " };
                        Line::styled(format!("{prefix}{part}"), style)
                    })
            })
            .take(rows)
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
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
