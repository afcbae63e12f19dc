//! The result of each action, newest first, so the latest is always in view.

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

const HINT: &str = "r refreshes the selected user, → and ← move the clock, ? lists every key";

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Results ", theme.title));
    let rows = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = if app.log().is_empty() {
        vec![Line::styled(HINT, theme.older_result)]
    } else {
        app.log()
            .iter()
            .rev()
            .take(rows)
            .enumerate()
            .map(|(i, text)| {
                if i == 0 {
                    Line::styled(format!("› {text}"), theme.newest_result)
                } else {
                    Line::styled(format!("  {text}"), theme.older_result)
                }
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
