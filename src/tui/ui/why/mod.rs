//! The why panel, one for every world: what the selected user's last outcome was and why, in
//! sections per kind of outcome (see [`sections`]), laid out by one function: lines too wide
//! for the panel wrap at spaces under their indent (a number is never cut); when the panel is
//! short of rows, optional lines are left out first (the lesson's `def` line, whose function
//! the title then names; a rule the server passed over); when wrapped lines still do not fit,
//! each line is cut to one row after a whole word, ending in `…`, and only then are other unmarked lines left out from
//! the end. The height the panel would like ([`Built::natural_height`]) counts the rows of the
//! same wrapping, so a layout that gives the panel that height never sees a line cut.
//!
//! A frame builds the panel once ([`Built`]): the layout asks for its width and its height, and
//! it is drawn from the same text, and from the same wrapped rows when they fit.

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
use std::cell::OnceCell;
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

/// Whether the short forms are used, and every line wrapped in the forms chosen.
type Forms = (bool, Vec<(Look, String)>);

/// Whether the lines' short forms (`now` for `current_time`) save rows at `room`, and every
/// line wrapped in the forms chosen (so a caller need not wrap them again).
fn short_forms(lines: &[&PanelLine], room: usize) -> Forms {
    let short = wrapped(lines, room, true);
    let long = wrapped(lines, room, false);
    if short.len() < long.len() {
        (true, short)
    } else {
        (false, long)
    }
}

/// The columns a line's text has in an inner area `width` columns wide.
fn room(width: usize) -> usize {
    width.saturating_sub(GUTTER)
}

/// `panel` laid out in an inner area `width` × `height`.
pub fn layout(panel: &Panel, width: usize, height: usize) -> Fitted {
    let all: Vec<&PanelLine> = panel.lines.iter().collect();
    laid_out(panel, width, height, short_forms(&all, room(width)))
}

/// [`layout`], with every line already wrapped at the area's room by [`short_forms`].
fn laid_out(panel: &Panel, width: usize, height: usize, (short, every): Forms) -> Fitted {
    let room = room(width);
    let all: Vec<&PanelLine> = panel.lines.iter().collect();
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

/// The panel for one frame, built from the app at most once however often the layout measures
/// it, and the lines wrapped at the first room measured, kept for drawing at that room.
/// [`crate::tui::ui::layout::Measured`] pairs it with the app it was built from.
#[derive(Debug, Default)]
pub struct Built {
    panel: OnceCell<Option<Panel>>,
    wrapped: OnceCell<(usize, Forms)>,
}

impl Built {
    fn panel(&self, app: &App) -> Option<&Panel> {
        self.panel.get_or_init(|| panel(app)).as_ref()
    }

    /// The width the panel would like, borders included, so that no line wraps.
    pub fn natural_width(&self, app: &App) -> u16 {
        let widest = self.panel(app).map_or(0, |p| {
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
    pub fn natural_height(&self, app: &App, width: u16) -> u16 {
        let rows = self.panel(app).map_or(1, |p| {
            let room = room(usize::from(width.saturating_sub(2)));
            match self.wrapped.get() {
                Some((at, (_, rows))) if *at == room => rows.len(),
                _ => {
                    let all: Vec<&PanelLine> = p.lines.iter().collect();
                    let forms = short_forms(&all, room);
                    let rows = forms.1.len();
                    // Kept when it is the first room asked (the layout asks one).
                    let _ = self.wrapped.set((room, forms));
                    rows
                }
            }
        });
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2)
    }
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

/// Draws the panel `built` holds for `app` in `area`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, built: &mut Built) {
    let theme = app.theme();
    let inner = Block::bordered().inner(area);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    let wrapped = built.wrapped.take();
    let Some(panel) = built.panel(app) else {
        let block = Block::bordered()
            .border_style(theme.border)
            .title(Line::styled(why_title(None), theme.title));
        frame.render_widget(Paragraph::new(NO_USER).block(block), area);
        return;
    };
    let fitted = match wrapped {
        Some((at, forms)) if at == room(width) => laid_out(panel, width, height, forms),
        _ => layout(panel, width, height),
    };
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(fitted.title, theme.title));
    if let Some(state) = panel.state.as_deref() {
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

    /// Drawing reuses the rows wrapped for the layout only at the width they were wrapped
    /// for: measured at one width and drawn at another, the panel is what a fresh one draws.
    #[test]
    fn a_panel_measured_at_one_width_draws_as_a_fresh_one_at_any_width() {
        use crate::domain::{Scenario, Session};
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let mut app = App::new(Session::new(Scenario::lesson()), None);
        app.update(crate::tui::Action::command("refresh"));
        let draw = |built: &mut Built, width: u16, height: u16| {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| render(frame, frame.area(), &app, built))
                .unwrap();
            terminal.backend().buffer().clone()
        };
        let wide = Built::default().natural_height(&app, 60);
        for (width, height) in [(60, wide), (30, 12), (60, wide - 1)] {
            let mut measured = Built::default();
            assert_eq!(measured.natural_height(&app, 60), wide);
            assert_eq!(
                draw(&mut measured, width, height),
                draw(&mut Built::default(), width, height),
                "{width}×{height}"
            );
        }
        // Narrower, the lines wrap: the rows measured at 60 would not have.
        assert!(Built::default().natural_height(&app, 30) > wide);
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
