//! The timeline's client lanes (issue 9): one lane per client of the selected user, under its
//! access and refresh lanes, marking each call and refresh where it happened:
//! `•` a call served, `!` a call refused (401), `↻` a refresh that got tokens, `‽` a refresh
//! the server refused, `?` an answer that never arrived. None of them is `✗` (expired).

use super::axis::Axis;
use crate::domain::clients::{Client, Mark};
use crate::tui::theme::Theme;
use crate::tui::ui::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub const SERVED: &str = "•";
pub const UNAUTHORIZED: &str = "!";
pub const REFRESHED: &str = "↻";
pub const REFUSED: &str = "‽";
pub const LOST: &str = "?";

fn symbol(mark: Mark) -> &'static str {
    match mark {
        Mark::Served => SERVED,
        Mark::Unauthorized => UNAUTHORIZED,
        Mark::Refreshed => REFRESHED,
        Mark::RefreshFailed => REFUSED,
        Mark::Lost => LOST,
    }
}

fn style(mark: Mark, theme: &Theme) -> Style {
    match mark {
        Mark::Served => theme.timeline_valid,
        Mark::Refreshed => theme.timeline_refresh,
        Mark::Unauthorized | Mark::RefreshFailed | Mark::Lost => theme.timeline_expired,
    }
}

/// Which mark wins a column several fall into: a failure over a refresh over a call.
fn weight(mark: Mark) -> u8 {
    match mark {
        Mark::Served => 0,
        Mark::Refreshed => 1,
        Mark::Lost => 2,
        Mark::Unauthorized => 3,
        Mark::RefreshFailed => 4,
    }
}

/// One client's lane: its name, then its marks on the axis (up to now).
pub fn draw(
    client: &Client,
    axis: &Axis,
    area: Rect,
    name_width: u16,
    now: u64,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let name = fit(&format!(" {}", client.name), usize::from(name_width));
    buf.set_string(area.x, area.y, &name, theme.timeline_axis);
    let mut columns: Vec<Option<Mark>> =
        vec![None; usize::from(area.width - name_width.min(area.width))];
    for &(tick, mark) in client.marks.iter() {
        if tick > now {
            continue;
        }
        let Some(column) = axis.column(tick) else {
            continue;
        };
        if let Some(slot) = columns.get_mut(usize::from(column))
            && slot.is_none_or(|old| weight(mark) >= weight(old))
        {
            *slot = Some(mark);
        }
    }
    for (column, mark) in columns.into_iter().enumerate() {
        if let Some(mark) = mark {
            let x = area.x + name_width + column as u16;
            buf.set_string(x, area.y, symbol(mark), style(mark, theme));
        }
    }
}
