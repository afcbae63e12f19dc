//! The timeline with the real-world model on: two lanes per user, the access token (`█` valid,
//! `▓` refresh due, `░` expired, `▒` leeway) from its issue on, above the refresh-token family
//! (`━` alive, `✗` where it was revoked, `╌` dead, `↻` a rotation). A revoked family above a
//! still-valid JWT is the stateless gap. The legend names the symbols drawn, no more.

use super::client_lanes;
use super::fit;
use super::timeline::{
    EARLY, EXPIRED, GRACE, Mark, NOW, REFRESH, VALID, draw_tick_labels, mark_at, split_legend,
};
use super::timeline_axis::Axis;
use crate::domain::oauth::{AccessKind, Knobs, UserModel};
use crate::domain::phase::Judge;
use crate::domain::timeline::{Segment, lifetimes};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

pub const ALIVE: &str = "━";
pub const DEAD: &str = "╌";
pub const REVOKED: &str = "✗";
const NAME_MAX: usize = 12;
/// Every symbol the user's lanes draw and its legend word, in the legend's order.
const LANE_LEGEND: [(&str, &str); 8] = [
    (VALID, "valid"),
    (EARLY, "refresh due"),
    (GRACE, "leeway"),
    (EXPIRED, "expired"),
    (REFRESH, "refresh"),
    (ALIVE, "rt alive"),
    (DEAD, "rt dead"),
    (REVOKED, "revoked"),
];

/// The symbols of the client lanes (their `↻` is the lanes' own).
const CLIENT_LEGEND: [(&str, &str); 4] = [
    (client_lanes::SERVED, "200"),
    (client_lanes::UNAUTHORIZED, "401"),
    (client_lanes::REFUSED, "refused"),
    (client_lanes::LOST, "lost"),
];

/// The legend's items for the symbols drawn in `area` (the bars, not names or axis); with client
/// lanes shown, theirs come first, as the subject of that view.
fn legend_in(buf: &Buffer, area: Rect, client_mode: bool) -> Vec<String> {
    let (first, then) = if client_mode {
        (&CLIENT_LEGEND[..], &LANE_LEGEND[..])
    } else {
        (&LANE_LEGEND[..], &CLIENT_LEGEND[..])
    };
    first
        .iter()
        .chain(then)
        .filter(|(symbol, _)| {
            area.rows()
                .flat_map(|row| row.columns())
                .any(|cell| buf[(cell.x, cell.y)].symbol() == *symbol)
        })
        .map(|(symbol, word)| format!("{symbol} {word}"))
        .collect()
}

struct Lanes {
    name: String,
    selected: bool,
    access: Vec<Segment>,
    model: Option<UserModel>,
    knobs: Option<Knobs>,
}

/// The refresh lane at `tick`: the family the client held then (the newest logged in by
/// `tick`, an earlier one included), alive from login until revoked (or past its first
/// deadline), dead after.
fn refresh_mark(model: &UserModel, knobs: &Knobs, now: u64, tick: u64) -> Option<&'static str> {
    let family = model.families().filter(|f| f.login_at <= tick).last()?;
    if let Some(r) = family.revoked {
        return Some(match tick.cmp(&r.at) {
            std::cmp::Ordering::Less => ALIVE,
            std::cmp::Ordering::Equal => REVOKED,
            std::cmp::Ordering::Greater if tick <= now => DEAD,
            std::cmp::Ordering::Greater => return None,
        });
    }
    match family.first_deadline(knobs).map(|(_, d)| d) {
        Some(d) if tick >= d && tick <= now => Some(DEAD),
        Some(d) if tick >= d => None,
        _ => Some(ALIVE),
    }
}

fn lanes(app: &App, users: Range<usize>) -> Vec<Lanes> {
    let scenario = app.scenario();
    users
        .filter_map(|index| {
            let (name, user) = scenario.tokens.user_at(index)?;
            Some(Lanes {
                name: name.to_owned(),
                selected: index == app.selected(),
                access: lifetimes(app.session(), index),
                model: user.model.cloned(),
                knobs: scenario.knobs_of(user),
            })
        })
        .collect()
}

/// The users that get lanes: two rows each, the selected one among them.
fn shown(users: Range<usize>, selected: usize, rows: usize) -> Range<usize> {
    let count = (rows / 2).min(users.len());
    if count == 0 {
        return users.start..users.start;
    }
    let selected = selected.clamp(users.start, users.end - 1);
    let first = (selected + 1).saturating_sub(count).max(users.start);
    first..first + count
}

fn style_of(mark: &str, theme: &Theme) -> Style {
    match mark {
        VALID | ALIVE => theme.timeline_valid,
        EARLY => theme.timeline_early,
        GRACE => theme.timeline_grace,
        REFRESH => theme.timeline_refresh,
        _ => theme.timeline_expired,
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, users: Range<usize>) {
    let theme = app.theme();
    let scenario = app.scenario();
    let title = " Timeline ";
    // A user with clients gets the timeline alone: its two lanes and one lane per client.
    let client_mode = client_lanes::selected_has_clients(app);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(title, theme.title));
    let inner = block.inner(area);
    if scenario.tokens.is_empty() {
        frame.render_widget(Paragraph::new(" no users").block(block), area);
        return;
    }
    if inner.height < 4 {
        frame.render_widget(block, area);
        return;
    }
    let rows = usize::from(inner.height - 2);
    let users = if client_mode {
        app.selected()..app.selected() + 1
    } else {
        shown(users, app.selected(), rows)
    };
    let lanes = lanes(app, users);
    let clients = if client_mode {
        client_lanes::clients(app, rows.saturating_sub(2))
    } else {
        Vec::new()
    };
    let now = scenario.now();
    let name_width = lanes
        .iter()
        .map(|l| l.name.width().min(NAME_MAX))
        .chain(clients.iter().map(|c| c.name.width().min(NAME_MAX)))
        .max()
        .unwrap_or(0)
        .max(3) as u16
        + 1;
    if inner.width <= name_width {
        frame.render_widget(block, area);
        return;
    }
    let bars = inner.width - name_width;
    let horizon = now.saturating_add(scenario.policy.ttl.max(10).saturating_mul(3));
    let values = lanes.iter().flat_map(|l| {
        let families = l.model.iter().flat_map(|m| m.families());
        let family_ticks = families.flat_map(|f| [Some(f.login_at), f.revoked.map(|r| r.at)]);
        l.access
            .iter()
            .flat_map(|s| [s.start, Some(s.expiry), s.replaced])
            .chain(family_ticks)
            .flatten()
    });
    let marked = clients.iter().flat_map(|c| c.marks.iter().map(|(t, _)| *t));
    let axis = Axis::fitting(
        values.chain(marked).chain([now]).map(|t| t.min(horizon)),
        bars,
    );
    let buf = frame.buffer_mut();
    for (i, lane) in lanes.iter().enumerate() {
        let y = inner.y + 2 * i as u16;
        let name_style = if lane.selected {
            theme.selected_row
        } else {
            theme.row
        };
        let name = fit(&lane.name, usize::from(name_width - 1));
        buf.set_string(inner.x, y, &name, name_style);
        buf.set_string(inner.x, y + 1, " rt", theme.timeline_axis);
        draw_lanes(
            lane,
            &axis,
            Rect::new(inner.x + name_width, y, bars, 2),
            now,
            app,
            buf,
        );
    }
    for (i, client) in clients.iter().enumerate() {
        let y = inner.y + 2 * lanes.len() as u16 + i as u16;
        let lane = Rect::new(inner.x, y, inner.width, 1);
        client_lanes::draw(client, &axis, lane, name_width, now, &theme, buf);
    }
    let axis_rows = Rect::new(inner.x + name_width, inner.bottom() - 2, bars, 2);
    draw_axis(&axis, axis_rows, now, &theme, buf);
    let drawn = Rect::new(inner.x + name_width, inner.y, bars, inner.height - 2);
    let items = legend_in(buf, drawn, client_mode);
    let room = usize::from(inner.width);
    let (bottom, top) = split_legend(&items, room, room.saturating_sub(title.width() + 1));
    let block = block
        .title(Line::from(top).right_aligned())
        .title_bottom(Line::from(bottom).right_aligned());
    // The block only draws the border and its titles: the lanes inside stay.
    frame.render_widget(block, area);
}

/// When the first access token was issued: its own issue tick, or else (a token loaded from a
/// file without one) the first login, when the server handed out the tokens. Nothing is drawn
/// before it.
fn first_issue(lane: &Lanes) -> Option<u64> {
    let first = lane.access.first()?;
    first.start.or_else(|| {
        let login = lane.model.as_ref()?.families().next()?.login_at;
        (login <= first.expiry).then_some(login)
    })
}

fn draw_lanes(lane: &Lanes, axis: &Axis, area: Rect, now: u64, app: &App, buf: &mut Buffer) {
    let theme = app.theme();
    let policy = &app.scenario().policy;
    let judge = Judge::of(lane.knobs.as_ref());
    let opaque_revoked = match (&lane.model, &lane.knobs) {
        (Some(m), Some(k)) if k.access == AccessKind::Opaque => m.access_revoked_at,
        _ => None,
    };
    let issued = first_issue(lane);
    for column in 0..area.width {
        let tick = axis.sample_tick(column, now);
        let mut mark = if issued.is_some_and(|at| tick < at) {
            Mark::Empty
        } else {
            mark_at(&lane.access, policy, judge, now, tick)
        };
        if opaque_revoked.is_some_and(|at| tick >= at) && mark != Mark::Empty {
            // A revoked opaque token is dead from then on: expired up to now, nothing after.
            mark = if tick <= now {
                Mark::Expired
            } else {
                Mark::Empty
            };
        }
        let symbol = match mark {
            Mark::Empty => " ",
            Mark::Valid => VALID,
            Mark::Early => EARLY,
            Mark::Grace => GRACE,
            Mark::Expired => EXPIRED,
        };
        buf.set_string(area.x + column, area.y, symbol, style_of(symbol, &theme));
        if let (Some(model), Some(knobs)) = (&lane.model, &lane.knobs)
            && let Some(symbol) = refresh_mark(model, knobs, now, tick)
        {
            buf.set_string(
                area.x + column,
                area.y + 1,
                symbol,
                style_of(symbol, &theme),
            );
        }
    }
    let rotation = lane.knobs.is_some_and(|k| k.rotation);
    let login = lane
        .model
        .as_ref()
        .and_then(|m| m.family.as_ref())
        .map(|f| f.login_at);
    for start in lane.access.iter().filter_map(|s| s.start) {
        if let Some(column) = axis.column(start) {
            buf.set_string(area.x + column, area.y, REFRESH, theme.timeline_refresh);
            if rotation && login.is_some_and(|l| start > l) {
                buf.set_string(area.x + column, area.y + 1, REFRESH, theme.timeline_refresh);
            }
        }
    }
    // Every family's revocation (an earlier grant's too: a logout, a sign-out everywhere).
    let revocations = lane
        .model
        .iter()
        .flat_map(|m| m.families())
        .filter_map(|f| f.revoked);
    for column in revocations.filter_map(|r| axis.column(r.at)) {
        buf.set_string(area.x + column, area.y + 1, REVOKED, theme.timeline_expired);
    }
    if let Some(column) = axis.column(now) {
        for y in [area.y, area.y + 1] {
            if buf[(area.x + column, y)].symbol() == " " {
                buf.set_string(area.x + column, y, NOW, theme.timeline_now);
            }
        }
    }
}

fn draw_axis(axis: &Axis, area: Rect, now: u64, theme: &Theme, buf: &mut Buffer) {
    if let Some(column) = axis.column(now) {
        // `┃now=120` from the line, or `now=120┃` ending at it near the right edge.
        let label = format!("now={now}");
        let len = u16::try_from(label.width()).unwrap_or(u16::MAX);
        let x = area.x + column;
        if column.saturating_add(1).saturating_add(len) <= area.width {
            buf.set_string(x, area.y, format!("{NOW}{label}"), theme.timeline_now);
        } else {
            let start = x.saturating_sub(len).max(area.x);
            let room = usize::from(x - start);
            buf.set_stringn(start, area.y, &label, room, theme.timeline_now);
            buf.set_string(x, area.y, NOW, theme.timeline_now);
        }
    }
    let ticks = Rect::new(area.x, area.y + 1, area.width, 1);
    draw_tick_labels(axis, ticks, theme.timeline_axis, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_rows_per_user_with_the_selected_among_them() {
        assert_eq!(shown(0..5, 0, 4), 0..2);
        assert_eq!(shown(0..5, 4, 4), 3..5);
        assert_eq!(shown(0..5, 2, 3), 2..3);
        assert_eq!(shown(0..5, 2, 1), 0..0);
    }
}

#[cfg(test)]
mod legend_tests {
    use super::*;

    #[test]
    fn the_legend_names_exactly_the_symbols_drawn_in_the_bars() {
        let area = Rect::new(0, 0, 6, 2);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "█▒░", Style::default());
        buf.set_string(0, 1, "━•", Style::default());
        assert_eq!(
            legend_in(&buf, area, false),
            ["█ valid", "▒ leeway", "░ expired", "━ rt alive", "• 200"]
        );
        assert_eq!(
            legend_in(&buf, area, true),
            ["• 200", "█ valid", "▒ leeway", "░ expired", "━ rt alive"]
        );
    }
}
