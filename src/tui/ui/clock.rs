//! The clock: the current time in large digits, the step, play or pause, the boundary rule and
//! the rule in one line.

use super::digits::BigDigits;
use super::fit;
use crate::tui::app::App;
use crate::words::{refresh_condition, rule_line};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The lines under the digits, most important first: at 80×24 the panel has room for all but
/// the last of them with the lesson's policy, and what does not fit is cut from the bottom.
fn policy_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let theme = app.theme();
    let policy = &app.scenario().policy;
    let mut lines: Vec<Line> = rule_lines(&rule_line(policy), &refresh_condition(policy), width)
        .into_iter()
        .map(|line| Line::styled(line, theme.rule))
        .collect();
    // The leeway changes when tokens expire; the boundary rule only which tick.
    if policy.leeway > 0 {
        lines.push(Line::styled(
            format!("leeway {}", policy.leeway),
            theme.clock_label,
        ));
    }
    lines.push(Line::from(vec![
        Span::styled("rule ", theme.clock_label),
        Span::raw(policy.boundary.name()),
    ]));
    // `▶ play` before the step (a running clock is news), `paused` after it (what → and ←
    // move the clock by matters more): a panel a row short loses the less important one.
    let step = Line::from(vec![
        Span::styled("step ", theme.clock_label),
        Span::raw(app.step_label()),
    ]);
    if app.is_playing() {
        lines.extend([play_line(app), step]);
    } else {
        lines.extend([step, play_line(app)]);
    }
    lines
}

/// The rule in one line when it fits, else `refresh when` above the condition, or above the
/// condition broken after its operator (`expiry ≤` / `now + 60`): always spaced as written,
/// never squeezed or wrapped mid-word.
fn rule_lines(rule: &str, condition: &str, width: u16) -> Vec<String> {
    let width = usize::from(width);
    if rule.width() <= width {
        return vec![rule.to_owned()];
    }
    if condition.width() <= width {
        return vec!["refresh when".to_owned(), condition.to_owned()];
    }
    let operator_end = condition
        .char_indices()
        .find(|(_, c)| matches!(c, '<' | '≤'))
        .map(|(i, c)| i + c.len_utf8());
    match operator_end {
        Some(end) => vec![
            "refresh when".to_owned(),
            fit(&condition[..end], width),
            fit(condition[end..].trim_start(), width),
        ],
        None => vec!["refresh when".to_owned(), fit(condition, width)],
    }
}

/// `▶ play 2/s` or `paused (2/s)`, in steps a second.
fn play_line(app: &App) -> Line<'static> {
    let theme = app.theme();
    if app.is_playing() {
        Line::from(vec![
            Span::styled("▶ play", theme.rule),
            Span::raw(format!(" {}/s", app.play_rate())),
        ])
    } else {
        Line::styled(format!("paused ({}/s)", app.play_rate()), theme.clock_label)
    }
}

/// The panel's least width, borders included: one column more than the narrowest panel when
/// that lets a four-digit time keep its large digits (at 80 columns the table can spare it).
pub fn least_width(app: &App) -> u16 {
    let digits = BigDigits::new(app.scenario().now(), app.theme().clock_digits).width();
    let four_digits = BigDigits::new(1000, app.theme().clock_digits).width();
    let least = crate::tui::geometry::CLOCK_PANEL_MIN;
    if digits <= four_digits {
        least.max(digits.saturating_add(2))
    } else {
        least
    }
}

/// The rows the panel wants at `width`, borders included: every line under the digits, and the
/// digits as large as a three-digit time can be drawn there (not the time itself, so the layout
/// does not move when the clock passes 999).
pub fn panel_rows(app: &App, width: u16) -> u16 {
    let inner = width.saturating_sub(2);
    let digits = BigDigits::new(100, app.theme().clock_digits).largest_fitting(inner, u16::MAX);
    let lines = u16::try_from(policy_lines(app, inner).len()).unwrap_or(u16::MAX);
    // The `now` line, the lines under it and the borders.
    digits.height().saturating_add(lines).saturating_add(1 + 2)
}

/// The clock as a panel beside the table.
pub fn render_panel(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let now = app.scenario().now();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Clock ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled("now  ", theme.clock_label),
        Span::raw(now.to_string()),
    ])];
    lines.extend(policy_lines(app, inner.width));
    let text_rows = lines.len() as u16;
    let big = BigDigits::new(now, theme.clock_digits)
        .largest_fitting(inner.width, inner.height.saturating_sub(text_rows));
    let fits = big.width() <= inner.width && big.height() <= inner.height;
    let time_rows = if fits { big.height() } else { 1 };
    let [time, rest] =
        Layout::vertical([Constraint::Length(time_rows), Constraint::Fill(1)]).areas(inner);
    if fits {
        let [digits_area] = Layout::horizontal([Constraint::Length(big.width())])
            .flex(ratatui::layout::Flex::Center)
            .areas(time);
        frame.render_widget(&big, digits_area);
    } else {
        // Too many digits for large ones here: the plain number, in the same place, cut with
        // `…` so it never reads as a smaller number (the `now` line below wraps it whole).
        let number = fit(&now.to_string(), usize::from(time.width));
        frame.render_widget(
            Paragraph::new(Line::styled(number, theme.clock_digits).centered()),
            time,
        );
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
}

/// The clock as one line above the table, for narrow terminals.
pub fn render_line(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let play = if app.is_playing() { " ▶" } else { "" };
    let time = format!(" t={}{play}", app.scenario().now());
    let step = format!("  step {}  ", app.step_label());
    let full_rule = rule_line(&app.scenario().policy);
    // `refresh when expiry < now` shortened to `expiry < now` when the line is too narrow.
    let room = usize::from(area.width).saturating_sub(time.width() + step.width());
    let rule = if full_rule.width() <= room {
        full_rule.as_str()
    } else {
        full_rule.trim_start_matches("refresh when ")
    };
    let line = Line::from(vec![
        Span::styled(time, theme.clock_digits),
        Span::styled(step, theme.clock_label),
        Span::styled(rule.to_owned(), theme.rule),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

#[cfg(test)]
mod tests {
    use super::rule_lines;

    #[test]
    fn the_rule_is_one_line_when_it_fits_and_never_wraps_mid_formula() {
        let rule = "refresh when expiry ≤ now + 60";
        let condition = "expiry ≤ now + 60";
        assert_eq!(rule_lines(rule, condition, 40), [rule]);
        assert_eq!(rule_lines(rule, condition, 17), ["refresh when", condition]);
        assert_eq!(
            rule_lines(rule, condition, 15),
            ["refresh when", "expiry ≤", "now + 60"]
        );
        assert_eq!(
            rule_lines(rule, condition, 8),
            ["refresh when", "expiry ≤", "now + 60"]
        );
        assert_eq!(
            rule_lines(rule, condition, 6),
            ["refresh when", "expir…", "now +…"]
        );
    }
}
