//! The JWT screen (`--jwt`), one region a file: the clock line, the tokens, the selected
//! token's validators and its decoded header and claims, and the keys.
//!
//! ```text
//!  now 2026-12-06T10:00:00Z  1796551200   ● live (Space freezes)   step 1m
//! ┌ Tokens ──────────────────────────────────────────────────────────────────────┐
//! │  Subject      alg    iat                nbf                exp               │
//! │▶ alice        HS256  09:55:00 5m ago    —                  10:04:00 in 4m    │
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ┌ Validators: alice ───────────────────────────────────────────────────────────┐
//! │PyJWT           accepts  rejects from 2026-12-06T10:04:00Z (in 4m)   exp 1796…│
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ┌ Why: header and claims ──────────────────────────────────────────────────────┐
//! │signature not checked (--key FILE or --jwks FILE checks it)                   │
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ```

pub mod clock;
pub mod details;
pub mod footer;
pub mod tokens;
pub mod validators;

use crate::tui::app::App;
use crate::tui::app::jwt::JwtScreen;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// Where each region goes: the clock line, the tokens (as many rows as tokens, up to a third of
/// the screen), the validators (one row per library), the why panel (the rest), the keys.
pub fn areas(screen: &JwtScreen, area: Rect) -> [Rect; 5] {
    let libraries = crate::jwt::libraries::all().len() as u16;
    let token_rows = (screen.entries().len() as u16).max(1) + 3;
    let token_rows = token_rows.min((area.height / 3).max(4));
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(token_rows),
        Constraint::Length(libraries + 2),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}

pub fn render(frame: &mut Frame, app: &App, screen: &JwtScreen) {
    let [
        clock_area,
        tokens_area,
        validators_area,
        details_area,
        footer_area,
    ] = areas(screen, frame.area());
    clock::render(frame, clock_area, app, screen);
    tokens::render(frame, tokens_area, app, screen);
    validators::render(frame, validators_area, app, screen);
    details::render(frame, details_area, app, screen);
    footer::render(frame, footer_area, app);
}
