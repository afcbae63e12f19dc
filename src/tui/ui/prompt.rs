//! The open prompt (or delete confirmation), drawn as a small box over the bottom of the
//! results, with the terminal's cursor where the next character goes.

use super::fit;
use super::log::wrap_words;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Border, the typed line, and the message or hint.
const HEIGHT: u16 = 4;
/// A long message (the domain's reason, e.g. where a space is) wraps over at most this many
/// lines rather than being cut.
const MESSAGE_LINES: usize = 3;

/// The end of `text` that fits in `width` columns, starting with `…` when cut.
fn tail(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for ch in text.chars().rev() {
        let w = ch.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(ch);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Packs items into lines of at most `width` columns, joined with ` · `; an item wider than a
/// line has a line of its own (and is cut when drawn).
fn pack<'a>(items: impl Iterator<Item = &'a str>, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if line.width() + 3 + item.width() <= width => {
                line.push_str(" · ");
                line.push_str(item);
            }
            _ => lines.push(item.to_owned()),
        }
    }
    lines
}

/// Draws the prompt with its bottom on `bottom`'s (the results area's) bottom edge.
pub fn render(frame: &mut Frame, bottom: Rect, app: &App) {
    let Some(prompt) = app.prompt() else {
        return;
    };
    let theme = app.theme();
    let screen = frame.area();
    // The message's lines, `✗` first and the rest under its text.
    let room = usize::from(bottom.width.saturating_sub(2));
    let message: Vec<String> = prompt.message().map_or_else(Vec::new, |message| {
        let mut lines = wrap_words(message, room.saturating_sub(3));
        lines.truncate(MESSAGE_LINES);
        let mut prefix = " ✗ ";
        lines
            .into_iter()
            .map(|line| {
                let line = fit(&format!("{prefix}{line}"), room);
                prefix = "   ";
                line
            })
            .collect()
    });
    // A menu's choices wrap between items, so every choice is read whole.
    let choices = prompt
        .choices()
        .map(|choices| pack(choices.split(" · "), room.saturating_sub(1)));
    let choice_rows = choices.as_ref().map_or(1, Vec::len).max(1);
    let extra = u16::try_from(message.len().saturating_sub(1) + choice_rows - 1).unwrap_or(0);
    let height = (HEIGHT + extra).min(bottom.bottom().saturating_sub(screen.y));
    let area = Rect {
        x: bottom.x,
        y: bottom.bottom().saturating_sub(height),
        width: bottom.width,
        height,
    };
    let block = Block::bordered()
        .border_style(theme.title)
        .title(Line::styled(
            fit(
                &format!(" {} ", prompt.title()),
                usize::from(area.width.saturating_sub(2)),
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    let room = usize::from(inner.width);
    let mut lines = Vec::new();
    let (typed, cursor) = if let Some(choices) = choices {
        let mut rows = choices.into_iter().map(|row| fit(&format!(" {row}"), room));
        let first = rows.next().unwrap_or_default();
        lines.extend(rows.map(|row| Line::styled(row, theme.warning)));
        (Line::styled(first, theme.warning), None)
    } else if prompt.is_confirmation() {
        (
            Line::styled(format!(" {}", prompt.hint()), theme.warning),
            None,
        )
    } else {
        let label = format!(" {}: ", prompt.label());
        let input = tail(prompt.input(), room.saturating_sub(label.width() + 1));
        let cursor_x = label.width() + input.width();
        let line = Line::from(vec![
            Span::styled(label, theme.help_key),
            Span::styled(input, theme.newest_result),
        ]);
        (line, Some(cursor_x))
    };
    lines.insert(0, typed);
    if message.is_empty() {
        lines.push(if prompt.is_confirmation() && prompt.choices().is_none() {
            Line::default()
        } else {
            Line::styled(format!(" {}", prompt.hint()), theme.older_result)
        });
    }
    lines.extend(
        message
            .into_iter()
            .map(|line| Line::styled(line, theme.warning)),
    );
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    if let Some(x) = cursor
        && inner.height > 0
    {
        let x = inner.x.saturating_add(u16::try_from(x).unwrap_or(u16::MAX));
        if x < inner.right() {
            frame.set_cursor_position(Position::new(x, inner.y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tail;

    #[test]
    fn long_input_shows_its_end() {
        assert_eq!(tail("short", 10), "short");
        assert_eq!(tail("/a/very/long/path.toml", 10), "…path.toml");
        assert_eq!(tail("山田太郎", 5), "…太郎");
    }
}
