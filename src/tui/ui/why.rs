//! The why panel: the lesson's `refresh_token` as pseudocode with the selected user's numbers
//! (from [`explain`]), the branch that would run now highlighted, or, right after
//! `refresh_token` ran for that user, the branch that ran. Both are marked with a symbol as well as a style.

use super::fit;
use crate::domain::Outcome;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::words::explain::{Explanation, LineRole, explain, explain_now};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Marks the branch that would run if the user were refreshed now.
pub const WOULD_RUN: &str = "▷";
/// Marks the branch that ran in the refresh just done.
pub const RAN: &str = "▶";
/// The marker column and a space before the code.
const GUTTER: u16 = 2;
/// The lesson's name for the clock, and the shorter one used when a line would not fit.
const CURRENT_TIME: &str = "current_time";
const SHORT_CURRENT_TIME: &str = "now";

/// What the panel shows for the selected user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyView {
    pub user: String,
    pub explanation: Explanation,
    /// `Some(t)`: `refresh_token` just ran for the selected user at `t`, and the explanation is
    /// of that run (after a refresh: the old expiry against that time, not the new token).
    pub ran_at: Option<u64>,
    /// A question is open: which branch would run is not marked (`?` on both).
    pub hidden: bool,
}

/// The explanation for the selected user, or `None` when there are no users: of the refresh
/// that just ran for them (the decision it carried), or of what the rule decides now.
pub fn view(app: &App) -> Option<WhyView> {
    let index = app.selected();
    let scenario = app.scenario();
    let (name, user) = scenario.tokens.user_at(index)?;
    let policy = &scenario.policy;
    if let Some(outcome) = app.last_outcome(index) {
        let decision = outcome.decision();
        let new_expiry = match outcome {
            Outcome::Refreshed { new_expiry, .. } => *new_expiry,
            Outcome::StillValid { .. } | Outcome::Server { .. } => policy.new_expiry(decision.now),
        };
        return Some(WhyView {
            user: name.to_owned(),
            explanation: explain(name, decision, &policy.new_token, new_expiry),
            ran_at: Some(decision.now),
            hidden: false,
        });
    }
    // Refresh all: a refreshed user's decision was made on the token it replaced, at that tick.
    if app.was_just_refreshed(index)
        && let Some(past) = user.last_replaced()
    {
        return Some(WhyView {
            user: name.to_owned(),
            explanation: explain_now(policy, name, past.expiry, past.replaced_at),
            ran_at: Some(past.replaced_at),
            hidden: false,
        });
    }
    let ran = app.was_just_checked(index);
    Some(WhyView {
        user: name.to_owned(),
        explanation: explain_now(policy, name, user.token.expiry, scenario.now()),
        ran_at: ran.then(|| scenario.now()),
        hidden: !ran && app.hides_answers(),
    })
}

/// The width the panel would like, borders included, so that no line is cut.
pub fn natural_width(app: &App) -> u16 {
    if app.model_on() {
        return super::model_why::natural_width(app);
    }
    let widest = view(app).map_or(0, |v| {
        v.explanation
            .lines
            .iter()
            .map(|l| l.text.width())
            .max()
            .unwrap_or(0)
    });
    u16::try_from(widest)
        .unwrap_or(u16::MAX)
        .saturating_add(GUTTER + 2)
}

/// Whether a line belongs to the branch that runs (or ran).
fn in_active_branch(role: LineRole, refreshes: bool) -> bool {
    match role {
        LineRole::RefreshBranch => refreshes,
        LineRole::ElseKeyword | LineRole::StillValidBranch => !refreshes,
        LineRole::Header | LineRole::Condition => false,
    }
}

/// Splits a code line too wide for `room` at its last space that fits; the rest goes on a
/// continuation line indented under the code (cut with `…` if still too wide).
fn wrap_code(text: &str, room: usize) -> Vec<String> {
    if text.width() <= room {
        return vec![text.to_owned()];
    }
    let leading = text.len() - text.trim_start().len();
    let split = text
        .char_indices()
        .rev()
        .find(|&(i, c)| c == ' ' && i > leading && text[..i].width() <= room)
        .map(|(i, _)| i);
    match split {
        Some(i) => {
            let rest = format!("{}{}", " ".repeat(leading + 4), &text[i + 1..]);
            vec![text[..i].to_owned(), fit(&rest, room)]
        }
        None => vec![fit(text, room)],
    }
}

/// The panel's lines, a marker and the code, each in its style, for an inner area of `width`
/// × `height`. A line too wide says `now` for `current_time`, then is wrapped; when that
/// needs one row more than there are, the `def` line is left out (the title then names the
/// function) and `true` is returned; when more, long lines are cut with `…` instead.
pub fn lines(
    view: &WhyView,
    theme: &Theme,
    width: usize,
    height: usize,
) -> (Vec<Line<'static>>, bool) {
    let (marker, active_style) = if view.ran_at.is_some() {
        (RAN, theme.why_ran_branch)
    } else {
        (WOULD_RUN, theme.why_active_branch)
    };
    let refreshes = view.explanation.refreshes;
    let room = width.saturating_sub(usize::from(GUTTER));
    // Long numbers: `current_time` is called `now` (as in the clock panel) in every line
    // when that saves wrapped rows.
    let rows_needed = |short: bool| -> usize {
        let lines = view.explanation.lines.iter();
        lines
            .map(|l| match short {
                true => wrap_code(&l.text.replace(CURRENT_TIME, SHORT_CURRENT_TIME), room).len(),
                false => wrap_code(&l.text, room).len(),
            })
            .sum()
    };
    let too_wide = rows_needed(true) < rows_needed(false);
    let mut rows: Vec<(LineRole, String, &str, Style)> = Vec::new();
    for line in &view.explanation.lines {
        let (gutter, style): (&str, Style) = match line.role {
            // Both branches alike: neither is marked as the one that would run.
            _ if view.hidden
                && (in_active_branch(line.role, true) || in_active_branch(line.role, false)) =>
            {
                (super::table::HIDDEN, theme.why_inactive_branch)
            }
            _ if in_active_branch(line.role, refreshes) => (marker, active_style),
            LineRole::Header => (" ", theme.why_code),
            LineRole::Condition => (" ", theme.why_condition),
            _ => (" ", theme.why_inactive_branch),
        };
        let text = if too_wide {
            line.text.replace(CURRENT_TIME, SHORT_CURRENT_TIME)
        } else {
            line.text.clone()
        };
        rows.push((line.role, text, gutter, style));
    }
    // Wrap long lines; if that needs more rows than there are, leave the `def` line out (the
    // title names the function); if still too many, cut long lines with `…` instead of
    // losing the last ones.
    let wrapped: usize = rows.iter().map(|(_, t, ..)| wrap_code(t, room).len()).sum();
    let wrap = wrapped <= height + 1;
    let drop_header = if wrap {
        wrapped > height
    } else {
        rows.len() > height
    };
    let lines = rows
        .into_iter()
        .filter(|(role, ..)| !(drop_header && *role == LineRole::Header))
        .flat_map(|(_, text, gutter, style)| {
            let parts = if wrap {
                wrap_code(&text, room)
            } else {
                vec![fit(&text, room)]
            };
            parts
                .into_iter()
                .map(move |part| Line::styled(format!("{gutter} {part}"), style))
        })
        .collect();
    (lines, drop_header)
}

/// The panel's right-hand title, saying which kind of highlight is shown.
fn state_title(view: &WhyView) -> String {
    if view.hidden {
        return " ? which branch runs? ".to_owned();
    }
    match view.ran_at {
        Some(at) => format!(" {RAN} ran at t={at} "),
        None => format!(" {WOULD_RUN} would run now "),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    if app.model_on() {
        return super::model_why::render(frame, area, app);
    }
    let theme = app.theme();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Why ", theme.title));
    let Some(view) = view(app) else {
        frame.render_widget(Paragraph::new(" no user selected").block(block), area);
        return;
    };
    let inner = block.inner(area);
    let (lines, header_left_out) = lines(
        &view,
        &theme,
        usize::from(inner.width),
        usize::from(inner.height),
    );
    let state = state_title(&view);
    let block = if header_left_out {
        // Cut (with `…`) to leave room for the state on the right.
        let room = usize::from(area.width.saturating_sub(2)).saturating_sub(state.width());
        let title = fit(&format!(" Why: refresh_token({}) ", view.user), room);
        Block::bordered()
            .border_style(theme.border)
            .title(Line::styled(title, theme.title))
    } else {
        block
    };
    let block = block.title(Line::from(state).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_condition_wraps_at_a_space_under_its_code() {
        let text = "  if expiry (125) <= current_time (120) + early (10):";
        assert_eq!(
            wrap_code(text, 40),
            [
                "  if expiry (125) <= current_time (120)",
                "      + early (10):"
            ]
        );
        assert_eq!(wrap_code(text, 60), [text]);
        assert_eq!(wrap_code("  abcdefghij", 6), ["  abc…"]);
    }
}
