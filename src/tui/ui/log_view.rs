//! The whole log (`L`): every result line kept, newest first, over the whole screen, scrolled
//! with the arrows, the page keys and the wheel.

use super::log::wrap_words;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

const CLOSE_HINT: &str = " ↓↑ PgDn PgUp scroll · L Esc close ";

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let count = app.log().len();
    let scroll = app.log_scroll();
    let title = match scroll {
        0 => format!(" Log: {count} lines, newest first "),
        n => format!(" Log: {count} lines, {n} newer above "),
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(title, theme.title))
        .title_bottom(Line::styled(CLOSE_HINT, theme.older_result).right_aligned());
    let inner = block.inner(area);
    let room = usize::from(inner.width).saturating_sub(2);
    let lines: Vec<Line> = app
        .log()
        .iter()
        .rev()
        .skip(scroll)
        .flat_map(|text| {
            wrap_words(text, room)
                .into_iter()
                .enumerate()
                .map(|(j, part)| {
                    let prefix = if j == 0 { "· " } else { "  " };
                    Line::styled(format!("{prefix}{part}"), theme.newest_result)
                })
        })
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
