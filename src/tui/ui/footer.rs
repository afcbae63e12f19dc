//! The main keys, from the key table (or, while a prompt is open, the prompt's keys). When the
//! line is too narrow, items are left out from the middle so that help and quit stay visible.

use crate::tui::app::App;
use crate::tui::keymap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Footer words that are never left out.
const ALWAYS_SHOWN: [&str; 2] = ["help", "quit"];

fn item_width(keys: &str, word: &str) -> usize {
    keys.width() + word.width() + 5
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    // While a prompt is open, keys type into it: the footer says what acts there instead.
    if let Some(prompt) = app.prompt() {
        let line = Line::styled(format!("  {}", prompt.hint()), theme.footer_description);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    // While a question is open, only its keys act.
    if let Some(asking) = app.asking() {
        let choices = crate::words::choices(&asking.question.choices);
        let back = if app.guiding().lesson.is_some() {
            "   , back"
        } else {
            ""
        };
        let line = Line::styled(
            format!("  {choices}   . reveal{back}   Esc close   q quit"),
            theme.footer_description,
        );
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut items = keymap::footer_items(app.model_on());
    let total = |items: &[(String, &str)]| -> usize {
        1 + items.iter().map(|(k, w)| item_width(k, w)).sum::<usize>()
    };
    while total(&items) > usize::from(area.width) {
        let Some(last_optional) = items.iter().rposition(|(_, w)| !ALWAYS_SHOWN.contains(w)) else {
            break;
        };
        items.remove(last_optional);
    }
    let mut spans = vec![Span::raw(" ")];
    for (keys, word) in items {
        spans.push(Span::styled(format!(" {keys} "), theme.footer_key));
        spans.push(Span::styled(format!(" {word}  "), theme.footer_description));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
