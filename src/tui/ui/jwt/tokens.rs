//! The tokens: one row each with its subject, `alg`, and `iat`, `nbf`, `exp` as UTC times and
//! as "in 4m 12s" / "12m ago"; a token that cannot be read gets a row saying why.

use crate::jwt::numeric_date::{NumericDate, timestamp};
use crate::jwt::{Entry, words};
use crate::tui::app::App;
use crate::tui::app::jwt::JwtScreen;
use crate::tui::ui::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

const NAME: usize = 10;
const ALG: usize = 5;

pub fn render(frame: &mut Frame, area: Rect, app: &App, screen: &JwtScreen) {
    let theme = app.theme();
    let count = screen.entries().len();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Tokens ", theme.title))
        .title(
            Line::styled(
                format!(" {count} token{} ", if count == 1 { "" } else { "s" }),
                theme.title,
            )
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // Three time columns: whole date-times when they fit, else the time of day (the date when
    // it is not today's).
    let time = (width.saturating_sub(2 + NAME + 1 + ALG + 1) / 3).max(1);
    let full = time >= 31;
    let now = screen.now();
    let cell = |date: Option<NumericDate>| -> String {
        let text = match date {
            None => "—".to_owned(),
            Some(date) => {
                let at = date.truncated();
                let when = if full {
                    words::date_time(at)
                } else if timestamp(at).strftime("%F").to_string()
                    == timestamp(now).strftime("%F").to_string()
                {
                    timestamp(at).strftime("%T").to_string()
                } else {
                    timestamp(at).strftime("%F").to_string()
                };
                format!("{when} {}", words::relative(at, now))
            }
        };
        format!("{:<time$}", fit(&text, time.saturating_sub(1)))
    };
    let header = format!(
        "  {:<NAME$} {:<ALG$} {:<time$}{:<time$}{:<time$}",
        "Subject", "alg", "iat", "nbf", "exp"
    );
    let mut lines = vec![Line::styled(fit(&header, width), theme.header)];
    let rows = usize::from(inner.height).saturating_sub(1);
    // The selected token stays in view.
    let first = screen.selected().saturating_sub(rows.saturating_sub(1));
    for (index, entry) in screen.entries().iter().enumerate().skip(first).take(rows) {
        let selected = index == screen.selected();
        let marker = if selected { "▶ " } else { "  " };
        let name = format!("{:<NAME$}", fit(&entry.label(index), NAME));
        let text = match entry {
            Entry::Read { jwt, .. } => format!(
                "{marker}{name} {:<ALG$} {}{}{}",
                fit(&crate::domain::text::sanitize(&jwt.alg), ALG),
                cell(jwt.iat),
                cell(jwt.nbf),
                cell(jwt.exp)
            ),
            Entry::Bad(e) => format!("{marker}{name} cannot read it: {e}"),
        };
        let style = match (entry, selected) {
            (Entry::Bad(_), _) => theme.warning,
            (_, true) => theme.selected_row,
            (_, false) => theme.row,
        };
        lines.push(Line::from(Span::styled(fit(&text, width), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
