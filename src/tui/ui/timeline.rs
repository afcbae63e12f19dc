//! The timeline: each visible user's token lifetimes as a bar on a time axis, valid parts `█`
//! (inside the early window, where a client would refresh, `▓`), expired parts `░` (in the
//! leeway `▒`), a `↻` where a refresh began a new token, and a `┃` line at now. Only the users shown in the table are looked at, so a million users cost the
//! same as three.

use super::fit;
use super::timeline_axis::Axis;
use crate::domain::Policy;
use crate::domain::oauth::{AccessStatus, TokenTimes};
use crate::domain::phase::{Judge, lesson_status};
use crate::domain::timeline::{Segment, lifetimes};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

pub const VALID: &str = "█";
/// Still valid, inside the early window: a refresh is due.
pub const EARLY: &str = "▓";
pub const EXPIRED: &str = "░";
pub const GRACE: &str = "▒";
pub const NOW: &str = "┃";
pub const REFRESH: &str = "↻";
/// On the now line, a token that is expired (or only accepted by leeway) at this very tick,
/// with the table's symbols: the boundary tick shows here, not only a cell later.
pub const EXPIRED_NOW: &str = "✗";
pub const GRACE_NOW: &str = "~";
/// How many token lifetimes past now the axis reaches at most.
const HORIZON_TTLS: u64 = 3;
/// Names longer than this are cut, so the bars keep their room.
const NAME_MAX: usize = 12;

/// How the timeline draws one tick of one user's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// No token yet (before its first refresh on record), or the future of an expired token.
    Empty,
    Valid,
    /// Valid, inside the early window.
    Early,
    Grace,
    Expired,
}

/// What a user's row shows at `tick`: the segment in use then, valid or not by `judge` (the
/// lesson's rule, or the user's validator as configured) under `policy`. An expired token is
/// drawn up to now, not into the future.
pub fn mark_at(segments: &[Segment], policy: &Policy, judge: Judge, now: u64, tick: u64) -> Mark {
    let Some(segment) = segments
        .iter()
        .rev()
        .find(|s| s.start.is_none_or(|start| start <= tick))
    else {
        return Mark::Empty;
    };
    let status = judge.status(policy, TokenTimes::new(segment.expiry, None), tick);
    match status {
        _ if status.is_valid() && policy.refresh_due(segment.expiry, tick) => Mark::Early,
        AccessStatus::Valid { .. } | AccessStatus::RefreshDue { .. } => Mark::Valid,
        _ if segment.replaced.is_none() && tick > now => Mark::Empty,
        AccessStatus::Leeway { .. } => Mark::Grace,
        AccessStatus::Expired { .. }
        | AccessStatus::NotYetValid { .. }
        | AccessStatus::Revoked { .. } => Mark::Expired,
    }
}

/// One user's row: name, and token lifetimes oldest first.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub name: String,
    pub selected: bool,
    pub segments: Vec<Segment>,
}

/// The bars and the axis labels, drawn cell by cell from the axis mapping.
pub struct TimelineChart<'a> {
    pub rows: Vec<UserRow>,
    /// A question is open: every mark at now is `?`.
    pub hidden: bool,
    pub now: u64,
    pub policy: &'a Policy,
    pub theme: &'a Theme,
}

impl TimelineChart<'_> {
    /// The names' column: the longest shown name (cut to [`NAME_MAX`]) and a space.
    fn name_width(&self) -> u16 {
        let widest = self.rows.iter().map(|r| r.name.width()).max().unwrap_or(0);
        u16::try_from(widest.min(NAME_MAX) + 1).unwrap_or(1)
    }

    /// The axis over the bars' columns, fitted to the shown rows' segments and now. Times far
    /// in the future (beyond [`HORIZON_TTLS`] lifetimes from now) are left off the right edge,
    /// so one token that never expires does not squeeze every other bar into a column.
    pub fn axis(&self, bars_width: u16) -> Axis {
        let horizon = self
            .now
            .saturating_add(self.policy.ttl.max(10).saturating_mul(HORIZON_TTLS));
        let values = self.rows.iter().flat_map(|row| {
            row.segments
                .iter()
                .flat_map(|s| [s.start, Some(s.expiry), s.replaced])
                .flatten()
        });
        Axis::fitting(values.chain([self.now]).map(|t| t.min(horizon)), bars_width)
    }

    fn mark_style(&self, mark: Mark) -> (&'static str, Style) {
        match mark {
            Mark::Empty => (" ", Style::new()),
            Mark::Valid => (VALID, self.theme.timeline_valid),
            Mark::Early => (EARLY, self.theme.timeline_early),
            Mark::Grace => (GRACE, self.theme.timeline_grace),
            Mark::Expired => (EXPIRED, self.theme.timeline_expired),
        }
    }

    fn render_row(&self, row: &UserRow, axis: &Axis, bars: Rect, buf: &mut Buffer) {
        for column in 0..bars.width {
            let tick = axis.sample_tick(column, self.now);
            let mark = mark_at(&row.segments, self.policy, Judge::default(), self.now, tick);
            let (symbol, style) = self.mark_style(mark);
            buf[(bars.x + column, bars.y)]
                .set_symbol(symbol)
                .set_style(style);
        }
        for start in row.segments.iter().filter_map(|s| s.start) {
            if let Some(column) = axis.column(start) {
                buf[(bars.x + column, bars.y)]
                    .set_symbol(REFRESH)
                    .set_style(self.theme.timeline_refresh);
            }
        }
    }

    /// `┃now=120` where the now line ends (`now=120┃` near the right edge).
    fn render_now_label(&self, axis: &Axis, area: Rect, buf: &mut Buffer) {
        let Some(column) = axis.column(self.now) else {
            return;
        };
        let text = format!("now={}", self.now);
        let len = u16::try_from(text.width()).unwrap_or(u16::MAX);
        let line_x = area.x + column;
        buf.set_string(line_x, area.y, NOW, self.theme.timeline_now);
        let text_x = if column.saturating_add(1).saturating_add(len) <= area.width {
            line_x + 1
        } else {
            line_x.saturating_sub(len).max(area.x)
        };
        let room = usize::from(area.right().saturating_sub(text_x));
        buf.set_stringn(text_x, area.y, &text, room, self.theme.timeline_now);
        buf.set_string(line_x, area.y, NOW, self.theme.timeline_now);
    }
}

/// Round tick numbers on the row `area`, each starting at its tick's column, where they fit
/// (both timelines).
pub fn draw_tick_labels(axis: &Axis, area: Rect, style: Style, buf: &mut Buffer) {
    let mut free_from = area.x;
    for tick in axis.labels() {
        let Some(column) = axis.column(tick) else {
            continue;
        };
        let text = tick.to_string();
        let x = area.x + column;
        let end = x.saturating_add(u16::try_from(text.len()).unwrap_or(u16::MAX));
        if x < free_from || end > area.right() {
            continue;
        }
        buf.set_string(x, area.y, &text, style);
        free_from = end.saturating_add(1);
    }
}

impl Widget for &TimelineChart<'_> {
    /// Rows of bars from the top, then a row for the now label and one for the tick numbers.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let name_width = self.name_width();
        if area.height < 3 || area.width <= name_width {
            return;
        }
        let bars_width = area.width - name_width;
        let axis = self.axis(bars_width);
        let now_row = area.bottom() - 2;
        if let Some(column) = axis.column(self.now) {
            for y in area.y..now_row {
                buf[(area.x + name_width + column, y)]
                    .set_symbol(NOW)
                    .set_style(self.theme.timeline_now);
            }
        }
        for (y, row) in (area.y..now_row).zip(&self.rows) {
            let name_style = if row.selected {
                self.theme.selected_row
            } else {
                self.theme.row
            };
            let name = fit(&row.name, usize::from(name_width - 1));
            buf.set_string(area.x, y, &name, name_style);
            let bars = Rect::new(area.x + name_width, y, bars_width, 1);
            self.render_row(row, &axis, bars, buf);
            // A refresh at now keeps its `↻`: that is the moment a teacher points at it.
            if let Some(column) = axis.column(self.now)
                && buf[(bars.x + column, y)].symbol() != REFRESH
            {
                // The token the user holds now, as the table shows it, even when the clock was
                // moved back to before a refresh.
                let status = row
                    .segments
                    .last()
                    .map(|current| lesson_status(self.policy, current.expiry, self.now));
                let (symbol, style) = match status {
                    _ if self.hidden => (super::table::HIDDEN, self.theme.timeline_now),
                    Some(AccessStatus::Leeway { .. }) => (GRACE_NOW, self.theme.timeline_grace),
                    Some(s) if !s.accepted() => (EXPIRED_NOW, self.theme.timeline_expired),
                    Some(_) | None => (NOW, self.theme.timeline_now),
                };
                let cell = &mut buf[(bars.x + column, y)];
                // Reset first: the now line drawn under the rows must not lend its style.
                cell.reset();
                cell.set_symbol(symbol).set_style(style);
            }
        }
        let now_label = Rect::new(area.x + name_width, now_row, bars_width, 1);
        self.render_now_label(&axis, now_label, buf);
        let ticks = Rect::new(area.x + name_width, now_row + 1, bars_width, 1);
        draw_tick_labels(&axis, ticks, self.theme.timeline_axis, buf);
    }
}

/// What the symbols mean: as many items as fit in the bottom border's `width` columns, and the
/// rest in the top border beside the title (`top_width` columns), as many as fit there.
fn legend(policy: &Policy, width: usize, top_width: usize) -> (String, String) {
    let mut items = vec![format!("{VALID} valid")];
    if policy.early > 0 {
        items.push(format!("{EARLY} refresh due"));
    }
    items.push(format!("{EXPIRED} expired"));
    if policy.leeway > 0 {
        items.push(format!("{GRACE} leeway"));
    }
    items.push(format!("{REFRESH} refresh"));
    split_legend(&items, width, top_width)
}

/// Legend items (`█ valid`) split between the bottom border (as many as fit in `width`
/// columns) and the top one beside the title (`top_width` columns), as many as fit there.
pub fn split_legend(items: &[String], width: usize, top_width: usize) -> (String, String) {
    let line = |items: &[String]| {
        if items.is_empty() {
            String::new()
        } else {
            format!(" {} ", items.join(" "))
        }
    };
    let mut bottom = items.len();
    while bottom > 1 && line(&items[..bottom]).width() > width {
        bottom -= 1;
    }
    let mut top = items.len();
    while top > bottom && line(&items[bottom..top]).width() > top_width {
        top -= 1;
    }
    (line(&items[..bottom]), line(&items[bottom..top]))
}

/// Draws the timeline in `area` with a lane for each user in `users` (the layout's window:
/// among the table's users, with the selected one).
pub fn render(frame: &mut Frame, area: Rect, app: &App, users: Range<usize>) {
    if app.model_on() {
        return super::model_timeline::render(frame, area, app, users);
    }
    let theme = app.theme();
    let scenario = app.scenario();
    let title = " Timeline ";
    let inner_width = usize::from(area.width.saturating_sub(2));
    let (bottom, top) = legend(
        &scenario.policy,
        inner_width,
        inner_width.saturating_sub(title.width() + 1),
    );
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(title, theme.title))
        .title(Line::from(top).right_aligned())
        .title_bottom(Line::from(bottom).right_aligned());
    let inner = block.inner(area);
    if scenario.tokens.is_empty() {
        frame.render_widget(Paragraph::new(" no users").block(block), area);
        return;
    }
    frame.render_widget(block, area);
    let rows = users
        .filter_map(|index| {
            let (name, _) = scenario.tokens.get_index(index)?;
            Some(UserRow {
                name: name.to_owned(),
                selected: index == app.selected(),
                segments: lifetimes(app.session(), index),
            })
        })
        .collect();
    let chart = TimelineChart {
        rows,
        hidden: app.hides_answers(),
        now: scenario.now(),
        policy: &scenario.policy,
        theme: &theme,
    };
    frame.render_widget(&chart, inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(start: Option<u64>, expiry: u64, replaced: Option<u64>) -> Segment {
        Segment {
            start,
            expiry,
            replaced,
        }
    }

    #[test]
    fn a_token_is_valid_until_its_expiry_then_expired_until_now() {
        let alice = [segment(None, 100, None)];
        let lesson = Policy::default();
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 0),
            Mark::Valid
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 100),
            Mark::Valid
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 101),
            Mark::Expired
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 120),
            Mark::Expired
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 120, 121),
            Mark::Empty
        );
        let rfc = Policy {
            boundary: crate::domain::Boundary::Rfc7519,
            ..Policy::default()
        };
        assert_eq!(
            mark_at(&alice, &rfc, Judge::default(), 120, 100),
            Mark::Expired
        );
    }

    #[test]
    fn a_refresh_starts_a_new_segment() {
        let alice = [segment(None, 100, Some(120)), segment(Some(120), 220, None)];
        let lesson = Policy::default();
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 110),
            Mark::Expired
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 120),
            Mark::Valid
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 220),
            Mark::Valid,
            "the future"
        );
        assert_eq!(
            mark_at(&alice, &lesson, Judge::default(), 130, 221),
            Mark::Empty
        );
        let added = [segment(Some(50), 60, None)];
        assert_eq!(
            mark_at(&added, &lesson, Judge::default(), 130, 49),
            Mark::Empty
        );
    }

    #[test]
    fn leeway_is_drawn_apart() {
        let policy = Policy {
            leeway: 10,
            ..Policy::default()
        };
        let bob = [segment(None, 100, None)];
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 120, 105),
            Mark::Grace
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 120, 111),
            Mark::Expired
        );
    }

    #[test]
    fn the_legend_goes_on_in_the_top_border_when_the_bottom_is_full() {
        let every = Policy {
            early: 60,
            leeway: 60,
            ..Policy::default()
        };
        let (bottom, top) = legend(&every, 34, 23);
        assert_eq!(bottom, " █ valid ▓ refresh due ░ expired ");
        assert_eq!(top, " ▒ leeway ↻ refresh ");
        let (bottom, top) = legend(&Policy::default(), 34, 23);
        assert_eq!(
            (bottom.as_str(), top.as_str()),
            (" █ valid ░ expired ↻ refresh ", "")
        );
    }

    #[test]
    fn the_early_window_is_drawn_apart_up_to_the_expiry() {
        let policy = Policy {
            early: 10,
            ..Policy::default()
        };
        let bob = [segment(None, 100, None)];
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 90),
            Mark::Valid,
            "100 < 90 + 10 is false"
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 91),
            Mark::Early
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 99),
            Mark::Early
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 100),
            Mark::Early,
            "the boundary tick is valid and due"
        );
        assert_eq!(
            mark_at(&bob, &policy, Judge::default(), 95, 101),
            Mark::Empty
        );
    }
}
