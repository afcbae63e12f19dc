//! The users' table. Only the rows in view are built each frame, so a million users cost the
//! same as three.

use super::fit;
use super::table_parts::{self, JUST_REFRESHED_MARK, Room};
use crate::domain::op::Phase;
use crate::domain::{NewToken, Policy};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row};
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const MARKER_WIDTH: u16 = 1;
const USER_MAX: u16 = 24;
const TOKEN_MAX: u16 = 24;
/// Room for `expired 120 ago` without the column changing width as the clock moves.
const REMAINING_MIN: u16 = 15;
/// In place of a status, a remaining time or a marker while a question is open.
pub const HIDDEN: &str = "?";

/// Room for every status in a short form (`✓ last tick`, `EXPIRED ✗`).
const STATUS_SHORT: u16 = 12;

/// The least each column is given when shown; longer text is cut with `…`. Which columns show
/// depends on these and the width only, never on the rows in view or the clock, so columns do
/// not come and go while scrolling or playing.
const USER_MIN: u16 = 6;
const TOKEN_MIN: u16 = 8;
const EXPIRY_MIN: u16 = 6;
const STATUS_MIN: u16 = 9;
/// Below this the status is cut further rather than leaving the table out.
const STATUS_LEAST: u16 = 4;
const USER_LEAST: u16 = 4;

/// Widths of the columns; `None` for a column left out because the table is too narrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    user: u16,
    token: Option<u16>,
    expiry: u16,
    remaining: Option<u16>,
    status: u16,
}

impl Columns {
    fn widths(&self) -> [Option<u16>; 6] {
        [
            Some(MARKER_WIDTH),
            Some(self.user),
            self.token,
            Some(self.expiry),
            self.remaining,
            Some(self.status),
        ]
    }

    fn total(&self) -> u16 {
        table_parts::total(&self.widths())
    }

    fn least(token: bool, remaining: bool) -> Self {
        Self {
            user: USER_MIN,
            token: token.then_some(TOKEN_MIN),
            expiry: EXPIRY_MIN,
            remaining: remaining.then_some(REMAINING_MIN),
            status: STATUS_MIN,
        }
    }

    /// The columns for `width`, from these natural widths. The remaining column is left out
    /// first, the token (the lesson's subject) last. Each shown column starts at its least
    /// width (or less when its text is shorter) and the room left goes, in turn, to the
    /// token, the expiry, the short status, the remaining time, the name and the full status,
    /// first up to a comfortable width, then up to the natural one.
    fn fitted(self, width: u16) -> Self {
        let (token, remaining) = if Self::least(true, true).total() <= width {
            (true, true)
        } else {
            (Self::least(true, false).total() <= width, false)
        };
        let mut out = Self {
            user: self.user.min(USER_MIN),
            token: self.token.filter(|_| token).map(|t| t.min(TOKEN_MIN)),
            expiry: self.expiry.min(EXPIRY_MIN),
            remaining: self
                .remaining
                .filter(|_| remaining)
                .map(|r| r.min(REMAINING_MIN)),
            status: STATUS_MIN,
        };
        let comfortable = Self {
            user: self.user.min(12),
            token: self.token.map(|t| t.min(13)),
            expiry: self.expiry.min(10),
            remaining: self.remaining.map(|r| r.min(16)),
            status: STATUS_SHORT,
        };
        for goal in [comfortable, self] {
            let mut room = Room(width.saturating_sub(out.total()));
            if let (Some(now), Some(to)) = (out.token.as_mut(), goal.token) {
                room.grow(now, to);
            }
            room.grow(&mut out.expiry, goal.expiry);
            room.grow(&mut out.status, goal.status.min(STATUS_SHORT));
            if let (Some(now), Some(to)) = (out.remaining.as_mut(), goal.remaining) {
                room.grow(now, to);
            }
            room.grow(&mut out.user, goal.user);
            room.grow(&mut out.status, goal.status);
        }
        // Narrower than the least: cut the status, then the name.
        let excess = out.total().saturating_sub(width);
        out.status = out.status.saturating_sub(excess).max(STATUS_LEAST);
        let excess = out.total().saturating_sub(width);
        out.user = out.user.saturating_sub(excess).max(USER_LEAST);
        out
    }
}

/// Cuts a name in the middle, `user…0993`, so that names which differ only at the end (a
/// numbered roster) still look different; wide characters are never split.
pub(super) fn fit_middle(text: &str, width: usize) -> String {
    if text.width() <= width || width < 8 {
        return fit(text, width);
    }
    let room = width - 1;
    let mut tail = Vec::new();
    let mut tail_width = 0;
    for ch in text.chars().rev() {
        let w = ch.width().unwrap_or(0);
        if tail_width + w > room / 2 {
            break;
        }
        tail.push(ch);
        tail_width += w;
    }
    let head = fit(text, room - tail_width + 1);
    let head = head.trim_end_matches('…');
    format!("{head}…{}", tail.into_iter().rev().collect::<String>())
}

fn clamp_width(width: usize, min: u16, max: u16) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX).clamp(min, max)
}

/// The phases a token can be in under `policy`: no early window, no `refresh due`; no leeway,
/// no grace.
fn phases(policy: &Policy) -> impl Iterator<Item = Phase> {
    [
        Phase::Valid,
        Phase::RefreshDue,
        Phase::LastTick,
        Phase::Leeway,
        Phase::LeewayLastTick,
        Phase::Expired,
    ]
    .into_iter()
    .filter(|phase| match phase {
        Phase::RefreshDue => policy.early > 0,
        Phase::Leeway | Phase::LeewayLastTick => policy.leeway > 0,
        _ => true,
    })
}

/// The status column's natural width: the longest status this policy can show in full (so the
/// column does not change as the clock moves).
fn status_width(policy: &Policy) -> u16 {
    let widest = phases(policy)
        .filter_map(|phase| words::status_words(phase).first())
        .map(|text| text.width())
        .max()
        .unwrap_or(0);
    clamp_width(widest, STATUS_MIN, u16::MAX)
}

/// A status's colour, for the lesson's table and the model's.
pub(super) fn phase_style(phase: Phase, theme: &Theme) -> Style {
    match phase {
        Phase::LastTick | Phase::LeewayLastTick => theme.boundary,
        Phase::RefreshDue => theme.refresh_due,
        Phase::Valid => theme.valid,
        Phase::Leeway => theme.grace,
        Phase::Expired | Phase::NotYetValid | Phase::Revoked => theme.expired,
    }
}

/// The status in `width` columns: the longest of its forms that fits (`VALID ✓ last tick`,
/// `✓ last tick`, ...), cut with `…` only when not even the shortest fits.
fn status_cell(phase: Phase, theme: &Theme, width: u16) -> (String, Style) {
    let forms = words::status_words(phase);
    let style = phase_style(phase, theme);
    let width = usize::from(width);
    (fit(table_parts::longest_form(forms, width), width), style)
}

fn natural_columns(app: &App, window: Range<usize>) -> Columns {
    let scenario = app.scenario();
    let (mut user, mut token, mut expiry, mut remaining) = (4, 5, 6, 0);
    if let NewToken::Literal(value) = &scenario.policy.new_token {
        token = value.width();
    }
    for index in window {
        if let Some((name, t)) = scenario.tokens.get_index(index) {
            user = user.max(name.width());
            token = token.max(t.value.width());
            expiry = expiry.max(t.expiry.to_string().len());
            remaining = remaining.max(words::remaining_words(scenario.status_of(t)).len());
        }
    }
    Columns {
        user: clamp_width(user, 4, USER_MAX),
        token: Some(clamp_width(
            token + JUST_REFRESHED_MARK.width(),
            5,
            TOKEN_MAX,
        )),
        expiry: clamp_width(expiry, 6, u16::MAX),
        remaining: Some(clamp_width(remaining, REMAINING_MIN, u16::MAX)),
        status: status_width(&scenario.policy),
    }
}

/// The width the table would like with these users in view, borders included.
pub fn natural_width(app: &App, shown: Range<usize>) -> u16 {
    if app.model_on() {
        return super::model_table::natural_width(app, shown);
    }
    natural_columns(app, shown).total().saturating_add(2)
}

/// Draws the table in `area` with the users in `shown` (the layout's window).
pub fn render(frame: &mut Frame, area: Rect, app: &App, shown: Range<usize>) {
    let theme = app.theme();
    let scenario = app.scenario();
    let len = scenario.tokens.len();
    let body_width = area.width.saturating_sub(2);
    // The range, without `of N` when narrow, cut with `…` when narrower still.
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(" Tokens ".width());
    let range_title = if len > shown.len() {
        let short = format!(" {}–{} ", shown.start + 1, shown.end);
        let long = format!("{short}of {len} ");
        if long.width() <= room {
            long
        } else {
            fit(&short, room)
        }
    } else {
        let users = if len == 1 { "user" } else { "users" };
        fit(&format!(" {len} {users} "), room)
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(" Tokens ", theme.title))
        .title(Line::from(range_title).right_aligned());
    if app.model_on() {
        return super::model_table::render(frame, area, app, shown, block);
    }
    if len == 0 {
        frame.render_widget(Paragraph::new(" no users").block(block), area);
        return;
    }
    let columns = natural_columns(app, shown.clone()).fitted(body_width);
    let optional = |width: Option<u16>, text: String| width.map(|_| text);
    let header = [
        Some(String::new()),
        Some("User".to_owned()),
        optional(columns.token, "Token".to_owned()),
        Some("Expiry".to_owned()),
        optional(columns.remaining, "Remaining".to_owned()),
        Some("Status".to_owned()),
    ];
    let header = Row::new(header.into_iter().flatten()).style(theme.header);
    let rows = shown.map(|index| {
        let Some((name, token)) = scenario.tokens.get_index(index) else {
            return Row::default();
        };
        let status = scenario.status_of(token);
        let phase = status.phase();
        let hidden = app.hides_answers();
        let (status_text, status_style) = match hidden {
            true => (HIDDEN.to_owned(), theme.row),
            false => status_cell(phase, &theme, columns.status),
        };
        let just_refreshed = app.was_just_refreshed(index);
        let mut cells = vec![
            table_parts::marker(index == app.selected()),
            Cell::from(fit_middle(name, usize::from(columns.user))),
        ];
        if let Some(width) = columns.token {
            cells.push(Cell::from(table_parts::token_text(
                token.value,
                width,
                just_refreshed,
            )));
        }
        // A number cut short must show that it was, never read as a smaller number.
        let expiry = fit(&token.expiry.to_string(), usize::from(columns.expiry));
        cells.push(Cell::from(Line::from(expiry).right_aligned()));
        if let Some(width) = columns.remaining {
            let remaining = match hidden {
                true => HIDDEN.to_owned(),
                false => words::remaining_words(status),
            };
            cells.push(Cell::from(fit(&remaining, usize::from(width))));
        }
        cells.push(Cell::from(status_text).style(status_style));
        let style = table_parts::row_style(&theme, just_refreshed, index == app.selected());
        Row::new(cells).style(style)
    });
    table_parts::render(frame, area, header, rows, &columns.widths(), block);
}

#[cfg(test)]
mod tests {
    use super::{Phase, Policy, Theme, fit_middle, phases, status_cell, words};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn statuses_are_never_cut_mid_phrase_from_five_columns_up() {
        let every = Policy {
            early: 1,
            leeway: 1,
            ..Policy::default()
        };
        for status in phases(&every) {
            for width in 5..=20 {
                let (text, _) = status_cell(status, &Theme::DEFAULT, width);
                assert!(
                    words::status_words(status).contains(&text.as_str()),
                    "{status:?} at {width}: {text}"
                );
                assert!(text.width() <= usize::from(width));
            }
        }
        let (text, _) = status_cell(Phase::LastTick, &Theme::DEFAULT, 16);
        assert_eq!(text, "✓ last tick", "never `VALID ✓ last`");
    }

    #[test]
    fn names_are_cut_in_the_middle_so_numbered_names_stay_apart() {
        assert_eq!(fit_middle("user0000993", 11), "user0000993");
        assert_eq!(fit_middle("user0000993", 9), "user…0993");
        assert_eq!(fit_middle("user0000993", 10), "user0…0993");
        assert_eq!(fit_middle("山田太郎花子", 9), "山田…花子");
        assert_eq!(fit_middle("bartholomew", 6), "barth…");
        assert_eq!(fit_middle("bartholomew", 4), "bar…");
    }
}
