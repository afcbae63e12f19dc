//! The selected token as each library judges it now: its verdict, the instant that changes,
//! and the comparison with its numbers (cut to the width).

use crate::jwt::{Entry, judge_all, words};
use crate::tui::app::App;
use crate::tui::app::jwt::JwtScreen;
use crate::tui::ui::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(frame: &mut Frame, area: Rect, app: &App, screen: &JwtScreen) {
    let theme = app.theme();
    let index = screen.selected();
    let title = match screen.selected_entry() {
        Some(entry) => format!(" Validators: {} ", fit(&entry.label(index), 30)),
        None => " Validators ".to_owned(),
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = match screen.selected_entry() {
        None => vec![Line::raw("no token")],
        Some(Entry::Bad(e)) => vec![Line::styled(
            fit(&format!("cannot read this token: {e}"), width),
            theme.warning,
        )],
        Some(Entry::Read { jwt, .. }) => judge_all(jwt, screen.now(), screen.leeways())
            .iter()
            .map(|verdict| {
                let style = if verdict.accepted {
                    theme.valid
                } else {
                    theme.expired
                };
                let head = format!(
                    "{:<15} {} ",
                    verdict.library.row().shown,
                    words::verb(verdict.accepted)
                );
                let tail = format!(
                    " {:<34}  {}",
                    words::change_short(verdict),
                    words::comparison(&verdict.reason)
                );
                let rest = width.saturating_sub(head.chars().count());
                Line::from(vec![Span::styled(head, style), Span::raw(fit(&tail, rest))])
            })
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
