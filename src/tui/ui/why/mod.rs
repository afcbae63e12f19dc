//! The why panel, one for every world: what the selected user's last outcome was and why, in
//! sections per kind of outcome (see [`sections`]), laid out by one function: lines too wide
//! for the panel wrap at spaces under their indent (a number is never cut); when the panel is
//! short of rows, optional lines are left out first (the lesson's `def` line, whose function
//! the title then names; a rule the server passed over); when wrapped lines still do not fit,
//! each line is cut to one row after a whole word, ending in `…`, and only then are other unmarked lines left out from
//! the end. The height the panel would like ([`natural_height`]) counts the rows of the same
//! wrapping, so a layout that gives the panel that height never sees a line cut.

mod sections;
mod wrap;

use super::fit;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::words::explain::{NO_USER, why_title};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
pub use sections::{Keep, Look, Panel, PanelLine, RAN, WOULD_RUN, panel};
use unicode_width::UnicodeWidthStr;

/// The marker column and a space before the text.
const GUTTER: usize = 2;

/// The panel laid out in an inner area: its title and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    pub title: String,
    pub rows: Vec<(Look, String)>,
}

fn text_of(line: &PanelLine, short: bool) -> &str {
    match (&line.short, short) {
        (Some(text), true) => text,
        _ => &line.text,
    }
}

/// Every line wrapped to `room` columns.
fn wrapped(lines: &[&PanelLine], room: usize, short: bool) -> Vec<(Look, String)> {
    lines
        .iter()
        .flat_map(|line| {
            wrap::wrap(text_of(line, short), room)
                .into_iter()
                .map(|row| (line.look, row))
        })
        .collect()
}

/// Every line cut to one row of `room` columns.
fn cut(lines: &[&PanelLine], room: usize, short: bool) -> Vec<(Look, String)> {
    lines
        .iter()
        .map(|line| (line.look, wrap::cut(text_of(line, short), room)))
        .collect()
}

/// Leaves lines out, from the end, first those kept `Keep::Optional`, then, when `droppable`,
/// those kept `Keep::Droppable`, until `rows` of what is kept is at most `height`. Returns
/// what is kept, whether an optional line was left out, and whether it fits.
fn leave_out<'a>(
    lines: &[&'a PanelLine],
    height: usize,
    droppable: bool,
    rows: impl Fn(&[&PanelLine]) -> usize,
) -> (Vec<&'a PanelLine>, bool, bool) {
    let mut kept = lines.to_vec();
    let mut optional_left_out = false;
    let order: &[Keep] = if droppable {
        &[Keep::Optional, Keep::Droppable]
    } else {
        &[Keep::Optional]
    };
    for &keep in order {
        while rows(&kept) > height {
            let Some(i) = kept.iter().rposition(|l| l.keep == keep) else {
                break;
            };
            kept.remove(i);
            optional_left_out |= keep == Keep::Optional;
        }
    }
    let fits = rows(&kept) <= height;
    (kept, optional_left_out, fits)
}

/// Whether the lines' short forms (`now` for `current_time`) save rows at `room`, and every
/// line wrapped in the forms chosen (so a caller need not wrap them again).
fn short_forms(lines: &[&PanelLine], room: usize) -> (bool, Vec<(Look, String)>) {
    let short = wrapped(lines, room, true);
    let long = wrapped(lines, room, false);
    if short.len() < long.len() {
        (true, short)
    } else {
        (false, long)
    }
}

/// `panel` laid out in an inner area `width` × `height`.
pub fn layout(panel: &Panel, width: usize, height: usize) -> Fitted {
    let room = width.saturating_sub(GUTTER);
    let all: Vec<&PanelLine> = panel.lines.iter().collect();
    let (short, every) = short_forms(&all, room);
    if every.len() <= height {
        // Everything fits wrapped (what a layout sized by `natural_height` gives): nothing
        // to leave out, and no need to wrap it again.
        return Fitted {
            title: short_title(&panel.title, width.saturating_sub(state_width(panel))),
            rows: every,
        };
    }
    // Wrapped, every line but the optional ones; else one row a line, cut, before a line
    // that says something is left out.
    let (kept, optional_left_out, fits) = leave_out(&all, height, false, |lines| {
        wrapped(lines, room, short).len()
    });
    let (rows, optional_left_out) = if fits {
        (wrapped(&kept, room, short), optional_left_out)
    } else {
        // One row a line: the short forms show more of each.
        let (kept, optional_left_out, _) = leave_out(&all, height, true, |lines| lines.len());
        (cut(&kept, room, true), optional_left_out)
    };
    let title_room = width.saturating_sub(state_width(panel));
    let title = match &panel.title_without_optional {
        Some(title) if optional_left_out => fit(title, title_room),
        _ => short_title(&panel.title, title_room),
    };
    Fitted { title, rows }
}

fn state_width(panel: &Panel) -> usize {
    panel.state.as_deref().map_or(0, str::width)
}

/// The title in `room` columns: its ` · ` parts dropped from the end while it is too long
/// (`Why: race nograce at t=3540`), and cut only when its first part alone does not fit.
fn short_title(title: &str, room: usize) -> String {
    let mut short = title.to_owned();
    while short.width() > room {
        let Some(end) = short.rfind(" · ") else {
            break;
        };
        short.truncate(end);
        short.push(' ');
    }
    fit(&short, room)
}

/// The width the panel would like, borders included, so that no line wraps.
pub fn natural_width(app: &App) -> u16 {
    let widest = panel(app).map_or(0, |p| {
        let title = p.title.width() + p.state.as_deref().map_or(0, str::width);
        p.lines
            .iter()
            .map(|l| l.text.width() + GUTTER)
            .chain(std::iter::once(title + 2))
            .max()
            .unwrap_or(0)
    });
    u16::try_from(widest).unwrap_or(u16::MAX).saturating_add(2)
}

/// The height the panel would like at `width` (borders included): every line, wrapped as
/// [`layout`] wraps it, nothing left out.
pub fn natural_height(app: &App, width: u16) -> u16 {
    let rows = panel(app).map_or(1, |p| {
        let room = usize::from(width.saturating_sub(2)).saturating_sub(GUTTER);
        let all: Vec<&PanelLine> = p.lines.iter().collect();
        short_forms(&all, room).1.len()
    });
    u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2)
}

fn style(look: Look, theme: &Theme) -> Style {
    match look {
        Look::Plain => theme.why_code,
        Look::Condition => theme.why_condition,
        Look::WouldRun => theme.why_active_branch,
        Look::Ran => theme.why_ran_branch,
        Look::Inactive | Look::Hidden => theme.why_inactive_branch,
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let Some(panel) = panel(app) else {
        let block = Block::bordered()
            .border_style(theme.border)
            .title(Line::styled(why_title(None), theme.title));
        frame.render_widget(Paragraph::new(NO_USER).block(block), area);
        return;
    };
    let inner = Block::bordered().inner(area);
    let fitted = layout(&panel, usize::from(inner.width), usize::from(inner.height));
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(fitted.title, theme.title));
    if let Some(state) = panel.state {
        block = block.title(Line::from(state).right_aligned());
    }
    let lines: Vec<Line> = fitted
        .rows
        .into_iter()
        .map(|(look, text)| Line::styled(format!("{} {text}", look.gutter()), style(look, &theme)))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, keep: Keep) -> PanelLine {
        PanelLine {
            text: text.to_owned(),
            short: None,
            look: Look::Plain,
            keep,
        }
    }

    #[test]
    fn a_long_title_drops_its_last_parts_before_it_is_cut() {
        let title = " Why: race nograce at t=3540 · single-flight off ";
        assert_eq!(short_title(title, 60), title);
        assert_eq!(short_title(title, 40), " Why: race nograce at t=3540 ");
        assert!(short_title(title, 10).starts_with(" Why: ra"));
    }

    #[test]
    fn short_of_rows_optional_lines_go_first_then_droppable_ones_from_the_end() {
        // Every line fits in one row: leaving lines out is all there is to do.
        let panel = Panel {
            title: " T ".to_owned(),
            title_without_optional: Some(" T: said ".to_owned()),
            state: None,
            lines: vec![
                line("first", Keep::Always),
                line("optional", Keep::Optional),
                line("a", Keep::Droppable),
                line("b", Keep::Droppable),
                line("verdict", Keep::Always),
            ],
        };
        let texts = |f: Fitted| f.rows.into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(texts(layout(&panel, 20, 5)).len(), 5);
        let fitted = layout(&panel, 20, 4);
        assert_eq!(fitted.title, " T: said ");
        assert_eq!(texts(fitted), ["first", "a", "b", "verdict"]);
        assert_eq!(texts(layout(&panel, 20, 3)), ["first", "a", "verdict"]);
        assert_eq!(texts(layout(&panel, 20, 2)), ["first", "verdict"]);
    }

    #[test]
    fn rows_wrap_when_they_fit_and_are_cut_before_a_line_is_left_out() {
        let panel = Panel {
            title: " T ".to_owned(),
            title_without_optional: None,
            state: None,
            lines: vec![
                line("one two three four", Keep::Always),
                line("five six seven", Keep::Always),
            ],
        };
        let fitted = layout(&panel, 12, 6);
        assert!(fitted.rows.len() > 2, "{fitted:?}");
        assert!(fitted.rows.iter().all(|(_, t)| t.width() <= 10));
        let fitted = layout(&panel, 12, 3);
        assert_eq!(fitted.rows.len(), 2, "both lines, cut: {fitted:?}");
        assert!(fitted.rows[0].1.ends_with('…'), "{fitted:?}");
    }
}
