//! One user's row: each column's cell, in the column's width, with its style. The clients
//! cells (issue 9) count a user's clients or, for the selected user, spell them out (name, skew,
//! own storage, logged out, a lost answer pending), then the counters: calls served (`200`),
//! refused (`401`), refreshes (`↻`) and forced logins (`out`).

use super::columns::{Column, Widths};
use super::{HIDDEN, JUST_REFRESHED_MARK, fit};
use crate::domain::clients::Client;
use crate::domain::oauth::signed::shortened;
use crate::domain::oauth::{AccessStatus, RtState, UserModel};
use crate::domain::phase::Phase;
use crate::domain::status::user_status;
use crate::domain::user_state::UserRef;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::words;
use crate::words::oauth::rt_state_words;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row as TableRow};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `revoked`, the longest refresh-token state.
pub const RT_STATE_WIDTH: u16 = 7;

/// What one user's row is drawn from.
pub struct Row<'a> {
    app: &'a App,
    index: usize,
    name: &'a str,
    state: UserRef<'a>,
    status: AccessStatus,
    rt: Option<RtState>,
}

impl<'a> Row<'a> {
    pub fn new(app: &'a App, index: usize) -> Option<Self> {
        let scenario = app.scenario();
        let (name, state) = scenario.tokens.user_at(index)?;
        let rt = match (state.model, scenario.knobs_of(state)) {
            (Some(m), Some(k)) => Some(m.rt_state(&k, scenario.policy.boundary, scenario.now())),
            (None, Some(_)) => Some(RtState::None),
            (_, None) => None,
        };
        Some(Self {
            app,
            index,
            name,
            state,
            status: user_status(scenario, state),
            rt,
        })
    }

    fn selected(&self) -> bool {
        self.index == self.app.selected()
    }

    /// The row, its shown columns in their widths.
    pub fn draw(&self, widths: &Widths) -> TableRow<'static> {
        let theme = self.app.theme();
        let just = self.app.was_just_refreshed(self.index);
        let cells: Vec<Cell> = widths
            .shown()
            .map(|(column, width)| self.cell(column, usize::from(width), &theme))
            .collect();
        TableRow::new(cells).style(row_style(&theme, just, self.selected()))
    }

    fn cell(&self, column: Column, width: usize, theme: &Theme) -> Cell<'static> {
        let hidden = self.app.hides_answers();
        let model = self.state.model;
        let right = |text: String| Cell::from(Line::from(text).right_aligned());
        match column {
            Column::Marker => Cell::from(if self.selected() { "▶" } else { " " }),
            Column::User => Cell::from(fit_middle(self.name, width)),
            Column::Token => Cell::from(token_text(
                &shortened(self.state.token.value),
                width,
                self.app.was_just_refreshed(self.index),
            )),
            // A number cut short must show that it was, never read as a smaller number.
            Column::Expiry => right(fit(&self.state.token.expiry.to_string(), width)),
            Column::Remaining if hidden => Cell::from(HIDDEN),
            Column::Remaining => Cell::from(fit(&words::remaining_words(self.status), width)),
            Column::Status if hidden => Cell::from(HIDDEN),
            Column::Status => {
                let (text, style) = status_cell(self.status.phase(), theme, width);
                Cell::from(text).style(style)
            }
            Column::Refresh => Cell::from(fit(model.map_or("-", |m| m.client.as_str()), width)),
            Column::RtState if hidden => Cell::from(HIDDEN),
            Column::RtState => {
                let rt = self.rt.unwrap_or(RtState::None);
                let style = if rt == RtState::Active {
                    theme.valid
                } else {
                    theme.expired
                };
                Cell::from(rt_state_words(rt)).style(style)
            }
            Column::Generation => right(
                model
                    .and_then(|m| m.family.as_ref())
                    .map_or("-".to_owned(), |f| f.generation.to_string()),
            ),
            Column::Clients => Cell::from(fit(&clients_text(model, self.selected()), width)),
            Column::Served => self.counter(0, theme),
            Column::Refused => self.counter(1, theme),
            Column::Refreshes => self.counter(2, theme),
            Column::LoggedOut => self.counter(3, theme),
        }
    }

    /// A client counter, right-aligned; refusals and forced logins stand out when not zero.
    fn counter(&self, i: usize, theme: &Theme) -> Cell<'static> {
        let model = self.state.model.filter(|m| !m.clients.is_empty());
        let Some(n) = model.map(|m| counters(m)[i]) else {
            return Cell::from(Line::from("-").right_aligned());
        };
        let style = match i {
            1 | 3 if n > 0 => theme.expired,
            _ => theme.row,
        };
        Cell::from(Line::from(n.to_string()).right_aligned()).style(style)
    }
}

/// A row's style: the theme's, with the just-refreshed and the selected looks over it.
fn row_style(theme: &Theme, just: bool, selected: bool) -> Style {
    let mut style = theme.row;
    if just {
        style = style.patch(theme.just_refreshed);
    }
    if selected {
        style = style.patch(theme.selected_row);
    }
    style
}

/// A token's value in `width` columns, followed by the `↻` mark when `just` refreshed.
fn token_text(value: &str, width: usize, just: bool) -> String {
    let mark = if just { JUST_REFRESHED_MARK } else { "" };
    let room = width.saturating_sub(mark.width());
    format!("{}{mark}", fit(value, room))
}

/// A status's colour.
pub fn phase_style(phase: Phase, theme: &Theme) -> Style {
    match phase {
        Phase::LastTick | Phase::LeewayLastTick => theme.boundary,
        Phase::RefreshDue => theme.refresh_due,
        Phase::Valid => theme.valid,
        Phase::Leeway => theme.grace,
        Phase::Expired | Phase::NotYetValid | Phase::Revoked => theme.expired,
    }
}

/// The longest of a status's forms (longest first) that fits in `width` columns, else the
/// shortest.
fn longest_form(forms: &[&'static str], width: usize) -> &'static str {
    forms
        .iter()
        .find(|form| form.width() <= width)
        .or(forms.last())
        .copied()
        .unwrap_or_default()
}

/// The status in `width` columns: the longest of its forms that fits (`VALID ✓ last tick`,
/// `✓ last tick`, ...), cut with `…` only when not even the shortest fits.
fn status_cell(phase: Phase, theme: &Theme, width: usize) -> (String, Style) {
    let forms = words::status_words(phase);
    (
        fit(longest_form(forms, width), width),
        phase_style(phase, theme),
    )
}

/// Cuts a name in the middle, `user…0993`, so that names which differ only at the end (a
/// numbered roster) still look different; wide characters are never split.
fn fit_middle(text: &str, width: usize) -> String {
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

/// One client in a few words: `tab2 -90 own out lost?`.
fn client_words(client: &Client) -> String {
    let mut out = client.name.clone();
    if client.skew != 0 {
        out.push_str(&format!(" {:+}", client.skew));
    }
    if client.own.is_some() {
        out.push_str(" own");
    }
    if client.logged_out {
        out.push_str(" out");
    }
    if client.lose_next {
        out.push_str(" lost?");
    }
    out
}

/// The clients cell: the count, or for the selected user each client.
fn clients_text(model: Option<&UserModel>, expanded: bool) -> String {
    let Some(model) = model.filter(|m| !m.clients.is_empty()) else {
        return "-".to_owned();
    };
    if !expanded {
        return model.clients.len().to_string();
    }
    let words: Vec<String> = model.clients.iter().map(client_words).collect();
    words.join(" · ")
}

fn counters(model: &UserModel) -> [u64; 4] {
    let c = model.counters;
    [c.served, c.unauthorized, c.refreshes, c.forced_logins]
}

/// The clients columns' natural widths, widened row by row.
pub struct Clients([usize; 5]);

impl Clients {
    /// As wide as the headers.
    pub fn natural() -> Self {
        Self(
            [
                Column::Clients,
                Column::Served,
                Column::Refused,
                Column::Refreshes,
                Column::LoggedOut,
            ]
            .map(|c| c.header(true, u16::MAX).width()),
        )
    }

    pub fn widen(&mut self, model: Option<&UserModel>, selected: bool) {
        self.0[0] = self.0[0].max(clients_text(model, selected).width());
        if let Some(model) = model {
            for (w, n) in self.0[1..].iter_mut().zip(counters(model)) {
                *w = (*w).max(n.to_string().len());
            }
        }
    }

    pub fn widths(&self) -> [usize; 5] {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_never_cut_mid_phrase_from_five_columns_up() {
        let every = Phase::ALL;
        for status in every {
            for width in 5..=20 {
                let (text, _) = status_cell(status, &Theme::DEFAULT, width);
                assert!(
                    words::status_words(status).contains(&text.as_str()),
                    "{status:?} at {width}: {text}"
                );
                assert!(text.width() <= width);
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

    #[test]
    fn the_selected_user_spells_out_its_clients_and_the_others_count_them() {
        let mut model = UserModel::default();
        assert_eq!(clients_text(Some(&model), true), "-");
        model.clients.push(Client::new("tab1"));
        let mut tab2 = Client::new("tab2");
        tab2.skew = -90;
        tab2.logged_out = true;
        tab2.lose_next = true;
        model.clients.push(tab2);
        assert_eq!(clients_text(Some(&model), false), "2");
        assert_eq!(
            clients_text(Some(&model), true),
            "tab1 · tab2 -90 out lost?"
        );
    }
}
