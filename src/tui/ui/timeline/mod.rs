//! The timeline: the users' tokens as lanes on one time axis, a `┃` line at now, the now label
//! and the tick numbers under them. Every user has an access lane (valid parts `█`, inside the
//! early window `▓`, expired `░`, in the leeway `▒`, `↻` where a token was issued); with the
//! real-world model a refresh lane under it (`━` the family alive, `╌` dead, `╳` revoked, `↻`
//! a rotation); and the selected user's clients a lane each (`•` `!` `↻` `‽` `?`). The lesson is
//! the same timeline with one lane per user. Only the users in view are looked at, so a million
//! users cost the same as three.

pub mod axis;
pub mod clients;
mod lanes;
mod legend;
pub mod marks;

use super::fit;
use crate::domain::clients::Client;
use crate::domain::status::user_status;
use crate::domain::timeline::lifetimes;
use crate::tui::app::App;
use axis::Axis;
use lanes::{Pen, UserLanes};
use legend::LaneKind;
use marks::NOW;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// How many token lifetimes past now the axis reaches at most.
const HORIZON_TTLS: u64 = 3;
/// Names longer than this are cut, so the bars keep their room.
const NAME_MAX: usize = 12;
/// The borders and the two axis rows (the now label and the tick numbers).
const CHROME: u16 = 4;
/// The refresh lane's label.
const RT_LABEL: &str = " rt";

/// The rows each user's lanes take: one (the access lane), two with the real-world model (and
/// the refresh lane).
fn lanes_per_user(app: &App) -> usize {
    if app.model_on() { 2 } else { 1 }
}

/// The selected user's first `count` clients: a lane each under its own lanes.
fn selected_clients(app: &App, count: usize) -> Vec<Client> {
    app.scenario()
        .tokens
        .user_at(app.selected())
        .and_then(|(_, u)| u.model)
        .map(|m| m.clients.iter().take(count).cloned().collect())
        .unwrap_or_default()
}

/// The height the timeline wants (borders included) to give every user in `users` its lanes:
/// one per user in the lesson, two with the real-world model, and one more for each of the
/// selected user's clients when it is among them. The width changes nothing: names are cut and
/// the legend goes in the borders. It counts and builds no lane (drawing builds them once), so
/// unlike the why panel and the table the timeline has no part in `layout::Measured`.
pub fn natural_height(app: &App, users: Range<usize>) -> u16 {
    let clients = if users.contains(&app.selected()) {
        app.scenario()
            .clients_at(app.selected())
            .map_or(0, |model| model.clients.len())
    } else {
        0
    };
    let rows = users.len().saturating_mul(lanes_per_user(app)) + clients;
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(CHROME)
}

/// The users that get lanes out of `users` when `count` fit, the selected one among them.
fn shown(users: Range<usize>, selected: usize, count: usize) -> Range<usize> {
    let count = count.min(users.len());
    if count == 0 {
        return users.start..users.start;
    }
    let selected = selected.clamp(users.start, users.end - 1);
    let first = (selected + 1).saturating_sub(count).max(users.start);
    first..first + count
}

/// What fits in `rows` rows of lanes: the users (each with its lanes, the selected among them)
/// and how many of the selected user's clients.
fn fitting(app: &App, users: Range<usize>, rows: usize) -> (Range<usize>, usize) {
    let per = lanes_per_user(app);
    let selected = app.selected();
    let wanted = if users.contains(&selected) {
        app.scenario()
            .clients_at(selected)
            .map_or(0, |model| model.clients.len())
    } else {
        0
    };
    let clients = wanted.min(rows.saturating_sub(per));
    let users = shown(users, selected, (rows - clients) / per);
    let clients = if users.contains(&selected) {
        clients
    } else {
        0
    };
    (users, clients)
}

/// The rows of lanes, top to bottom.
enum Row<'a> {
    Access(&'a UserLanes),
    Refresh(&'a UserLanes),
    Client(&'a Client),
}

/// Draws the timeline in `area` with lanes for the users in `users` (the layout's window: among
/// the table's users, with the selected one) as many as fit, each with all its lanes.
pub fn render(frame: &mut Frame, area: Rect, app: &App, users: Range<usize>) {
    let theme = app.theme();
    let scenario = app.scenario();
    let title = " Timeline ";
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(title, theme.title));
    if scenario.tokens.is_empty() {
        frame.render_widget(Paragraph::new(" no users").block(block), area);
        return;
    }
    let inner = block.inner(area);
    let rows = usize::from(inner.height.saturating_sub(2));
    let (users, client_count) = fitting(app, users, rows);
    let user_lanes: Vec<UserLanes> = users
        .filter_map(|index| {
            let (name, user) = scenario.tokens.user_at(index)?;
            Some(UserLanes {
                name: name.to_owned(),
                selected: index == app.selected(),
                access: lifetimes(app.session(), index),
                model: user.model.cloned(),
                knobs: scenario.knobs_of(user),
                status_now: user_status(scenario, user),
            })
        })
        .collect();
    let clients = selected_clients(app, client_count);
    let mut lane_rows = Vec::new();
    for user in &user_lanes {
        lane_rows.push(Row::Access(user));
        if user.has_refresh_lane() {
            lane_rows.push(Row::Refresh(user));
        }
        if user.selected {
            lane_rows.extend(clients.iter().map(Row::Client));
        }
    }
    let labels = user_lanes
        .iter()
        .map(|u| u.name.width().min(NAME_MAX))
        .chain(clients.iter().map(|c| c.name.width().min(NAME_MAX)))
        .chain(
            user_lanes
                .iter()
                .any(UserLanes::has_refresh_lane)
                .then_some(RT_LABEL.len()),
        )
        .max()
        .unwrap_or(0);
    let name_width = u16::try_from(labels + 1).unwrap_or(u16::MAX);
    if inner.height < 3 || inner.width <= name_width {
        frame.render_widget(block, area);
        return;
    }
    let now = scenario.now();
    let bars_width = inner.width - name_width;
    let horizon = now.saturating_add(scenario.policy.ttl.max(10).saturating_mul(HORIZON_TTLS));
    let values = user_lanes
        .iter()
        .flat_map(UserLanes::ticks)
        .chain(clients.iter().flat_map(|c| c.marks.iter().map(|(t, _)| *t)));
    let axis = Axis::fitting(values.chain([now]).map(|t| t.min(horizon)), bars_width);
    let pen = Pen {
        axis,
        now,
        policy: &scenario.policy,
        theme: &theme,
        hidden: app.hides_answers(),
    };
    let buf = frame.buffer_mut();
    let now_row = inner.bottom() - 2;
    if let Some(column) = axis.column(now) {
        for y in inner.y..now_row {
            buf[(inner.x + name_width + column, y)]
                .set_symbol(NOW)
                .set_style(theme.timeline_now);
        }
    }
    let mut drawn = Vec::new();
    for (y, row) in (inner.y..now_row).zip(&lane_rows) {
        let bars = Rect::new(inner.x + name_width, y, bars_width, 1);
        let label_width = usize::from(name_width - 1);
        match row {
            Row::Access(user) => {
                let style = if user.selected {
                    theme.selected_row
                } else {
                    theme.row
                };
                buf.set_string(inner.x, y, fit(&user.name, label_width), style);
                pen.access(user, bars, buf);
                drawn.push((bars, LaneKind::User));
            }
            Row::Refresh(user) => {
                buf.set_string(inner.x, y, RT_LABEL, theme.timeline_axis);
                pen.refresh(user, bars, buf);
                drawn.push((bars, LaneKind::User));
            }
            Row::Client(client) => {
                let lane = Rect::new(inner.x, y, inner.width, 1);
                clients::draw(client, &axis, lane, name_width, now, &theme, buf);
                drawn.push((bars, LaneKind::Client));
            }
        }
    }
    let now_label = Rect::new(inner.x + name_width, now_row, bars_width, 1);
    draw_now_label(&axis, now, now_label, theme.timeline_now, buf);
    let ticks = Rect::new(inner.x + name_width, now_row + 1, bars_width, 1);
    draw_tick_labels(&axis, ticks, theme.timeline_axis, buf);
    let items = legend::items(buf, &drawn);
    let room = usize::from(inner.width);
    let (bottom, top) = legend::split(&items, room, room.saturating_sub(title.width() + 1));
    let block = block
        .title(Line::from(top).right_aligned())
        .title_bottom(Line::from(bottom).right_aligned());
    // The block only draws the border and its titles: the lanes inside stay.
    frame.render_widget(block, area);
}

/// `┃now=120` where the now line ends (`now=120┃` near the right edge).
fn draw_now_label(axis: &Axis, now: u64, area: Rect, style: Style, buf: &mut Buffer) {
    let Some(column) = axis.column(now) else {
        return;
    };
    let text = format!("now={now}");
    let len = u16::try_from(text.width()).unwrap_or(u16::MAX);
    let line_x = area.x + column;
    let text_x = if column.saturating_add(1).saturating_add(len) <= area.width {
        line_x + 1
    } else {
        line_x.saturating_sub(len).max(area.x)
    };
    let room = usize::from(area.right().saturating_sub(text_x));
    buf.set_stringn(text_x, area.y, &text, room, style);
    buf.set_string(line_x, area.y, NOW, style);
}

/// Round tick numbers on the row `area`, each starting at its tick's column, where they fit.
fn draw_tick_labels(axis: &Axis, area: Rect, style: Style, buf: &mut Buffer) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_that_fit_have_the_selected_among_them() {
        assert_eq!(shown(0..5, 0, 2), 0..2);
        assert_eq!(shown(0..5, 4, 2), 3..5);
        assert_eq!(shown(0..5, 2, 1), 2..3);
        assert_eq!(shown(0..5, 2, 0), 0..0);
        assert_eq!(shown(2..5, 0, 9), 2..5, "never more than the window");
    }
}
