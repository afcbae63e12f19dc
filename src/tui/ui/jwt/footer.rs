//! The JWT screen's keys, read from the key table (the same keys as the lesson's clock).

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::BINDINGS;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The actions the footer names, with the word for each on this screen.
const ITEMS: [(&[Action], &str); 5] = [
    (&[Action::NextUser, Action::PreviousUser], "token"),
    (&[Action::Advance, Action::Rewind], "time"),
    (&[Action::LargerStep, Action::SmallerStep], "step"),
    (&[Action::TogglePlay], "live/freeze"),
    (&[Action::Quit], "quit"),
];

/// The first key of each action's binding, e.g. `↓↑`.
fn keys(actions: &[Action]) -> String {
    actions
        .iter()
        .filter_map(|action| {
            BINDINGS
                .iter()
                .find(|b| b.action == *action)
                .and_then(|b| b.keys.first())
        })
        .map(|key| key.label())
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let width = usize::from(area.width);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (actions, word) in ITEMS {
        let keys = format!(" {} ", keys(actions));
        let word = format!(" {word}  ");
        used += keys.chars().count() + word.chars().count();
        if used > width {
            break;
        }
        spans.push(Span::styled(keys, theme.footer_key));
        spans.push(Span::styled(word, theme.footer_description));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
