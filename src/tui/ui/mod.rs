//! Drawing the app from a borrowed `&App`; one file per screen region.
//!
//! The whole screen at 80×24, the lesson after `r` on alice (where each region goes, and how
//! tall, is [`crate::tui::geometry`]):
//!
//! ```text
//! ┌ Tokens ───────────────────────────────────────────── 3 users ┐┌ Clock ───────┐
//! │  User  Token         Expiry Remaining       Status           ││  ▄█  ▀▀█ █▀█ │
//! │▶ alice newtoken123 ↻    220 100 left        VALID ✓          ││   █  █▀▀ █ █ │
//! │  bob   def456           200 80 left         VALID ✓          ││  ▀▀▀ ▀▀▀ ▀▀▀ │
//! │  carol ghi789            50 expired 70 ago  EXPIRED ✗        ││now  120      │
//! │                                                              ││refresh when  │
//! │                                                              ││expiry < now  │
//! │                                                              ││rule lesson   │
//! │                                                              ││step 10       │
//! └──────────────────────────────────────────────────────────────┘└──────────────┘
//! ┌ Why ───────────────────── ▶ ran at t=120 ┐┌ Timeline ────────────────────────┐
//! │  def refresh_token(alice):               ││alice █████████░░↻██████████████  │
//! │    if expiry (100) < current_time (120): ││bob   ███████████┃███████████     │
//! │▶     token  = "newtoken123"              ││carol ██░░░░░░░░░✗                │
//! │▶     expiry = current_time + 100 → 220   ││                 ┃                │
//! │    else:                                 ││                 ┃now=120         │
//! │      pass  # token still valid           ││        50     100    150   200   │
//! └──────────────────────────────────────────┘└──── █ valid ░✗ expired ↻ refresh ┘
//! ┌ Results ─────────────────────────────────────────────────────────────────────┐
//! │› t=120 Refreshed token for alice: newtoken123 (expired: 100 < 120; expires   │
//! │  220)                                                                        │
//! │                                                                              │
//! └──────────────────────────────────────────────────────────────────────────────┘
//!   ↓↑  move   r  refresh   →←  time   Space  play   u  undo   ?  help   q  quit
//! ```
//!
//! The why panel and the timeline need 80×22; smaller, they are left out and the results take
//! their rows. Narrower than 64 columns the clock becomes one line above the table. A narrow
//! table cuts names (in the middle) and tokens with `…`, shortens the status, then drops the
//! remaining column, and the token column last; smaller than 24×9 only "terminal too small" is
//! shown. A prompt is drawn over the bottom of the results; the help overlay and the whole log
//! (`L`) over everything.

pub mod clock;
pub mod digits;
pub mod footer;
pub mod help;
pub mod jwt;
pub mod layout;
pub mod lesson;
pub mod log;
pub mod log_view;
pub mod prompt;
pub mod table;
pub mod timeline;
pub mod why;

use super::app::App;
use super::geometry::Explains;
use ratatui::Frame;
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if let Some(screen) = app.jwt() {
        return jwt::render(frame, app, screen);
    }
    let mut measured = layout::Measured::new(app);
    let Some(areas) = measured.areas(area) else {
        let message = ["terminal too small", "too small", "small"]
            .into_iter()
            .find(|m| m.width() <= usize::from(area.width))
            .unwrap_or("!");
        frame.render_widget(Paragraph::new(message).style(app.theme().warning), area);
        return;
    };
    table::render(
        frame,
        areas.table,
        app,
        areas.users.range(),
        &measured.table,
    );
    match areas.clock {
        layout::ClockArea::Panel(rect) => clock::render_panel(frame, rect, app),
        layout::ClockArea::Line(rect) => clock::render_line(frame, rect, app),
    }
    if let Some(panels) = areas.panels {
        why::render(frame, panels.why, app, &mut measured.why);
        timeline::render(frame, panels.timeline, app, areas.timeline_users.range());
    }
    match areas.explaining {
        Some((Explains::Why, rect)) => why::render(frame, rect, app, &mut measured.why),
        Some((Explains::Timeline, rect)) => {
            timeline::render(frame, rect, app, areas.timeline_users.range());
        }
        None => {}
    }
    if let Some(rect) = areas.lesson {
        lesson::render(frame, rect, app);
    }
    log::render(frame, areas.log, app);
    footer::render(frame, areas.footer, app);
    prompt::render(frame, areas.log, app);
    if let Some(scroll) = app.help_scroll() {
        help::render(frame, area, app, scroll);
    }
    if *app.mode() == super::app::Mode::Log {
        log_view::render(frame, area, app);
    }
}

/// Cuts `text` to at most `width` columns, ending in `…` when it was cut; wide characters
/// (CJK, emoji) count as two columns and are never split.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_cuts_by_columns_and_never_splits_a_wide_character() {
        assert_eq!(fit("alice", 5), "alice");
        assert_eq!(fit("alice", 4), "ali…");
        assert_eq!(fit("山田太郎", 6), "山田…");
        assert_eq!(fit("山田太郎", 5), "山田…");
        assert_eq!(fit("山田太郎", 4), "山…");
        assert_eq!(fit("abc", 0), "");
    }
}
