//! The help overlay: every key in the key table, with what it does; in two columns when one
//! does not fit the height and two fit whole, else one column that scrolls with ↓↑ PgDn PgUp
//! (where it goes and how much shows is [`crate::tui::geometry::help`]).

use super::fit;
use crate::domain::settings::{Section, Setting};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::model::larger_step_help;
use crate::tui::geometry::help::{COLUMN_SPACING, shape};
use crate::tui::keymap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Row, Table};
use unicode_width::UnicodeWidthStr;

const CLOSE_HINT: &str = " ? Esc close · q quit ";

/// The help's rows, in [`keymap::help_keys`]' order; the real-world model's keys only when
/// `model` is on.
fn rows(model: bool) -> Vec<(String, String)> {
    keymap::help_bindings(model)
        .map(|b| {
            let description = match b.action {
                Action::PolicyMenu => policy_menu_words(model),
                // The steps the clock really takes (the model's are durations).
                Action::LargerStep => larger_step_help(model),
                _ => b.description.to_owned(),
            };
            (keymap::keys_label(b), description)
        })
        .chain(
            keymap::EXTRA_HELP
                .iter()
                .map(|&(k, d)| (k.to_owned(), d.to_owned())),
        )
        .collect()
}

/// What the policy menu offers, counted from the table of settings: `policy: 4 settings` in the
/// lesson; with the real-world model, its settings too and that they may be one user's own.
fn policy_menu_words(model: bool) -> String {
    let offered = Setting::ALL
        .iter()
        .filter(|s| s.spec().menu.is_some() && (model || s.spec().section == Section::Refresh))
        .count();
    if model {
        format!("policy: {offered} settings (u: one user's)")
    } else {
        format!("policy: {offered} settings")
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let theme = app.theme();
    let rows = rows(app.scenario().policy.model.is_some());
    let keys: Vec<String> = rows.iter().map(|(keys, _)| keys.clone()).collect();
    let s = shape(area, &keys);
    let scroll = scroll.min(s.per_column - s.shown);
    let cells = |(keys, description): &(String, String)| {
        [
            Cell::from(keys.clone()).style(theme.help_key),
            Cell::from(fit(description, usize::from(s.description_width)))
                .style(theme.help_description),
        ]
    };
    let table_rows = (scroll..scroll + s.shown).map(|i| {
        let mut row: Vec<Cell> = cells(&rows[i]).into();
        if let Some(right) = rows.get(i + s.per_column).filter(|_| s.columns == 2) {
            row.extend(cells(right));
        }
        Row::new(row)
    });
    let widths = [
        Constraint::Length(s.keys_width),
        Constraint::Length(s.description_width),
    ]
    .repeat(usize::from(s.columns));
    let inner = usize::from(s.popup.width.saturating_sub(2));
    let more = match (scroll > 0, scroll + s.shown < s.per_column) {
        (true, true) => format!(" ↑↓ more {}/{} ", scroll + s.shown, s.per_column),
        (false, true) => format!(" ↓ more {}/{} ", s.shown, s.per_column),
        (true, false) => " ↑ more ".to_owned(),
        (false, false) => String::new(),
    };
    let mut block = Block::bordered()
        .border_style(theme.title)
        .title(Line::styled(" Keys ", theme.title));
    if CLOSE_HINT.width() + " Keys ".width() <= inner {
        block = block.title(Line::from(CLOSE_HINT).right_aligned());
    }
    if !more.is_empty() {
        block = block.title_bottom(Line::styled(fit(&more, inner), theme.title).right_aligned());
    }
    let table = Table::new(table_rows, widths)
        .column_spacing(COLUMN_SPACING)
        .block(block);
    frame.render_widget(Clear, s.popup);
    frame.render_widget(table, s.popup);
}
