//! The clock line: the instant as a date-time and Unix seconds, live or frozen, and the step.

use crate::jwt::words;
use crate::tui::app::App;
use crate::tui::app::jwt::JwtScreen;
use crate::tui::ui::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, app: &App, screen: &JwtScreen) {
    let theme = app.theme();
    let now = screen.now();
    let state = if screen.is_live() {
        "● live"
    } else {
        "‖ frozen"
    };
    let rest = format!(
        "  {now}   {state}   step {}",
        words::duration(screen.step())
    );
    let date = words::date_time(now);
    let width = usize::from(area.width).saturating_sub(date.len() + 5);
    let line = Line::from(vec![
        Span::styled(" now ", theme.clock_label),
        Span::styled(date, theme.clock_digits),
        Span::styled(fit(&rest, width), theme.clock_label),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
