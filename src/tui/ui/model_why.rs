//! The why panel with the real-world model on: after a refresh or a replay of the selected user,
//! the server's checks in order with their numbers; after a call, the access token judged by
//! every validator side by side (an opaque one: the introspection answer the call got);
//! otherwise the selected user's family.

use super::fit;
use crate::domain::Outcome;
use crate::domain::oauth::{AccessKind, ModelReport, ReplayReport, TokenTimes};
use crate::domain::phase::Judge;
use crate::registry::Key;
use crate::tui::app::App;
use crate::words::clients;
use crate::words::oauth_panels::{
    NOT_APPLICABLE, PanelText, family_view, introspection_view, server_view, still_valid_view,
    validators_view,
};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// What the panel shows for the selected user, in words.
pub fn view(app: &App) -> Option<PanelText> {
    let index = app.selected();
    let scenario = app.scenario();
    let (name, user) = scenario.tokens.user_at(index)?;
    let knobs = scenario.knobs_of(user)?;
    let boundary = scenario.policy.boundary;
    if let Some(outcome) = app.last_outcome(index) {
        return Some(match outcome {
            Outcome::Server { decision, server } => {
                server_view(name, Some(decision), server, boundary)
            }
            other => still_valid_view(name, other.decision()),
        });
    }
    match app.last_model_report(index) {
        Some(ModelReport::Replay(ReplayReport::Decided { decision, .. })) => {
            return Some(server_view(name, None, decision, boundary));
        }
        Some(ModelReport::Call(call)) if call.access == AccessKind::Opaque => {
            return Some(introspection_view(call, scenario.now()));
        }
        Some(ModelReport::Call(_)) => {
            return Some(validators_view(
                user.token.value,
                TokenTimes::new(user.token.expiry, user.issued_at()),
                scenario.now(),
                &scenario.policy,
                Judge::of(Some(&knobs)),
            ));
        }
        _ => {}
    }
    if let Some(round) = app.last_round(index) {
        return Some(clients::round_view(name, round, boundary));
    }
    let model = user.model?;
    if !model.clients.is_empty() {
        let traffic = scenario.policy.model.as_deref().filter(|m| m.traffic);
        return Some(clients::clients_view(
            name,
            model,
            &knobs,
            traffic.map(|m| m.traffic_every),
        ));
    }
    Some(family_view(name, model, &knobs, login_key().as_deref()))
}

/// The key that logs in (the registry's `login` entry), for the family view's hint.
fn login_key() -> Option<String> {
    let keys = crate::registry::spec("login").keys?;
    keys.keys.first().map(Key::label)
}

/// The width the panel would like, borders included.
pub fn natural_width(app: &App) -> u16 {
    let widest = view(app).map_or(0, |v| {
        v.lines
            .iter()
            .map(|(l, _)| l.width() + 2)
            .chain(std::iter::once(v.title.width() + 2))
            .max()
            .unwrap_or(0)
    });
    u16::try_from(widest).unwrap_or(u16::MAX).saturating_add(2)
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

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let Some(view) = view(app) else {
        let block = Block::bordered()
            .border_style(theme.border)
            .title(Line::styled(" Why ", theme.title));
        frame.render_widget(Paragraph::new(" no user selected").block(block), area);
        return;
    };
    let room = usize::from(area.width.saturating_sub(2));
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(short_title(&view.title, room), theme.title));
    let text_room = room.saturating_sub(2);
    let height = usize::from(area.height.saturating_sub(2));
    // Too many lines: the marked ones (the verdict, the attacker) are kept, others dropped
    // from the middle, a rule that did not apply first.
    let mut lines = view.lines;
    while lines.len() > height {
        let optional = lines
            .iter()
            .rposition(|(text, marked)| !marked && text.ends_with(NOT_APPLICABLE));
        match optional.or_else(|| lines.iter().rposition(|(_, marked)| !marked)) {
            Some(i) if i > 0 => {
                lines.remove(i);
            }
            _ => {
                lines.pop();
            }
        }
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|(text, marked)| {
            let (gutter, style) = if marked {
                ("▶", theme.why_ran_branch)
            } else {
                (" ", theme.why_code)
            };
            Line::styled(format!("{gutter} {}", fit(&text, text_room)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod title_tests {
    use super::short_title;

    #[test]
    fn a_long_title_drops_its_last_parts_before_it_is_cut() {
        let title = " Why: race nograce at t=3540 · single-flight off ";
        assert_eq!(short_title(title, 60), title);
        assert_eq!(short_title(title, 40), " Why: race nograce at t=3540 ");
        assert!(short_title(title, 10).starts_with(" Why: ra"));
    }
}
