//! The why panel for the selected token: its signature's standing, the decoded header and the
//! claims (sanitised, one a line); the last key's note at the bottom. The token itself is not
//! shown: it is a credential, and its decoded parts are all it says.

use crate::jwt::{Entry, words};
use crate::tui::app::App;
use crate::tui::app::jwt::JwtScreen;
use crate::tui::ui::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

pub fn render(frame: &mut Frame, area: Rect, app: &App, screen: &JwtScreen) {
    let theme = app.theme();
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Why: header and claims ", theme.title));
    if let Some(note) = screen.note() {
        let room = usize::from(area.width).saturating_sub(4);
        block = block.title_bottom(Line::styled(
            format!(" {} ", fit(note, room.saturating_sub(2))),
            theme.newest_result,
        ));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = match screen.selected_entry() {
        None => vec![Line::raw("no token")],
        Some(Entry::Bad(e)) => vec![Line::styled(fit(&e.to_string(), width), theme.warning)],
        Some(Entry::Read { jwt, signature }) => {
            let signature_style = match signature {
                crate::jwt::Signature::Valid => theme.valid,
                crate::jwt::Signature::NotChecked => theme.why_code,
                crate::jwt::Signature::Unsigned
                | crate::jwt::Signature::Invalid
                | crate::jwt::Signature::AlgNotAllowed
                | crate::jwt::Signature::NoKey
                | crate::jwt::Signature::Unchecked(_) => theme.warning,
            };
            let mut lines = vec![
                Line::styled(fit(&signature.words(&jwt.alg), width), signature_style),
                Line::styled(
                    fit(&format!("header  {}", words::header(jwt)), width),
                    theme.why_code,
                ),
            ];
            lines.extend(
                words::claims(jwt)
                    .into_iter()
                    .map(|claim| Line::styled(fit(&format!("  {claim}"), width), theme.why_code)),
            );
            lines
        }
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
