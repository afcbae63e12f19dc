//! A user's lanes: the access token's (every user has one, the lesson's only lane) and, with the
//! real-world model, the refresh-token family's under it. A revoked family above a still-valid
//! JWT is the stateless gap.

use super::axis::Axis;
use super::marks::{
    ALIVE, DEAD, EARLY, EXPIRED_NOW, GRACE, GRACE_NOW, HIDDEN_NOW, Mark, NOW, REFRESH, REVOKED,
    VALID, mark_at,
};
use crate::domain::Policy;
use crate::domain::oauth::{AccessKind, AccessStatus, Knobs, UserModel};
use crate::domain::phase::Judge;
use crate::domain::timeline::Segment;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::cmp::Ordering;

/// One user as the timeline draws it.
#[derive(Debug, Clone)]
pub struct UserLanes {
    pub name: String,
    pub selected: bool,
    /// The access tokens' lifetimes, oldest first.
    pub access: Vec<Segment>,
    pub model: Option<UserModel>,
    /// The user's settings with the real-world model on (`None`: the lesson).
    pub knobs: Option<Knobs>,
    /// The token the user holds now, judged as the table judges it (even when the clock was
    /// moved back to before a refresh).
    pub status_now: AccessStatus,
}

impl UserLanes {
    /// With the real-world model the user has a refresh lane under its access lane.
    pub fn has_refresh_lane(&self) -> bool {
        self.knobs.is_some()
    }

    /// The ticks the axis must show for this user: its tokens' and its families' times.
    pub fn ticks(&self) -> impl Iterator<Item = u64> + '_ {
        let families = self.model.iter().flat_map(|m| m.families());
        let family_ticks = families.flat_map(|f| [Some(f.login_at), f.revoked.map(|r| r.at)]);
        self.access
            .iter()
            .flat_map(|s| [s.start, Some(s.expiry), s.replaced])
            .chain(family_ticks)
            .flatten()
    }

    /// When the first access token was issued: its own issue tick, or else (a token loaded from
    /// a file without one) the first login, when the server handed out the tokens. Nothing is
    /// drawn before it.
    fn first_issue(&self) -> Option<u64> {
        let first = self.access.first()?;
        first.start.or_else(|| {
            let login = self.model.as_ref()?.families().next()?.login_at;
            (login <= first.expiry).then_some(login)
        })
    }

    /// When an opaque access token was revoked (a JWT cannot be).
    fn opaque_revoked(&self) -> Option<u64> {
        match (&self.model, &self.knobs) {
            (Some(m), Some(k)) if k.access == AccessKind::Opaque => m.access_revoked_at,
            _ => None,
        }
    }
}

/// How the lanes draw: the clock, the policy, the colours, and whether the marks at now would
/// answer an open question.
pub struct Pen<'a> {
    pub axis: Axis,
    pub now: u64,
    pub policy: &'a Policy,
    pub theme: &'a Theme,
    pub hidden: bool,
}

impl Pen<'_> {
    fn style_of(&self, symbol: &str) -> Style {
        let theme = self.theme;
        match symbol {
            " " => Style::new(),
            VALID | ALIVE => theme.timeline_valid,
            EARLY => theme.timeline_early,
            GRACE | GRACE_NOW => theme.timeline_grace,
            REFRESH => theme.timeline_refresh,
            NOW | HIDDEN_NOW => theme.timeline_now,
            _ => theme.timeline_expired,
        }
    }

    fn put(&self, buf: &mut Buffer, x: u16, y: u16, symbol: &str) {
        let cell = &mut buf[(x, y)];
        // Reset first: the now line drawn under the lanes must not lend its style.
        cell.reset();
        cell.set_symbol(symbol).set_style(self.style_of(symbol));
    }

    /// The access lane in the one-row `bars`: the token's phase cell by cell, `↻` where a
    /// token was issued, and at now the mark the table's status has.
    pub fn access(&self, user: &UserLanes, bars: Rect, buf: &mut Buffer) {
        let judge = Judge::of(user.knobs.as_ref());
        let issued = user.first_issue();
        let revoked = user.opaque_revoked();
        let now = self.now;
        for column in 0..bars.width {
            let tick = self.axis.sample_tick(column, now);
            let mut mark = if issued.is_some_and(|at| tick < at) {
                Mark::Empty
            } else {
                mark_at(&user.access, self.policy, judge, now, tick)
            };
            if revoked.is_some_and(|at| tick >= at) && mark != Mark::Empty {
                // A revoked opaque token is dead from then on: expired up to now, nothing after.
                mark = if tick <= now {
                    Mark::Expired
                } else {
                    Mark::Empty
                };
            }
            self.put(buf, bars.x + column, bars.y, mark.symbol());
        }
        for start in user.access.iter().filter_map(|s| s.start) {
            if let Some(column) = self.axis.column(start) {
                self.put(buf, bars.x + column, bars.y, REFRESH);
            }
        }
        // A refresh at now keeps its `↻`: that is the moment a teacher points at it.
        if let Some(column) = self.axis.column(now)
            && buf[(bars.x + column, bars.y)].symbol() != REFRESH
        {
            let symbol = match user.status_now {
                _ if self.hidden => HIDDEN_NOW,
                AccessStatus::Valid { .. } | AccessStatus::RefreshDue { .. } => NOW,
                AccessStatus::Leeway { .. } => GRACE_NOW,
                AccessStatus::Expired { .. }
                | AccessStatus::NotYetValid { .. }
                | AccessStatus::Revoked { .. } => EXPIRED_NOW,
            };
            self.put(buf, bars.x + column, bars.y, symbol);
        }
    }

    /// The refresh lane in the one-row `bars`: the family the client held at each tick, `↻`
    /// where a rotation handed out a new refresh token, `╳` where a family was revoked. Cells
    /// with nothing to show keep what is under them (the now line).
    pub fn refresh(&self, user: &UserLanes, bars: Rect, buf: &mut Buffer) {
        let (Some(model), Some(knobs)) = (&user.model, &user.knobs) else {
            return;
        };
        for column in 0..bars.width {
            let tick = self.axis.sample_tick(column, self.now);
            if let Some(symbol) = refresh_mark(model, knobs, self.now, tick) {
                self.put(buf, bars.x + column, bars.y, symbol);
            }
        }
        let login = model.family.as_ref().map(|f| f.login_at);
        if knobs.rotation {
            let rotations = user.access.iter().filter_map(|s| s.start);
            for start in rotations.filter(|&start| login.is_some_and(|l| start > l)) {
                if let Some(column) = self.axis.column(start) {
                    self.put(buf, bars.x + column, bars.y, REFRESH);
                }
            }
        }
        // Every family's revocation (an earlier grant's too: a logout, a sign-out everywhere).
        let revocations = model.families().filter_map(|f| f.revoked);
        for column in revocations.filter_map(|r| self.axis.column(r.at)) {
            self.put(buf, bars.x + column, bars.y, REVOKED);
        }
    }
}

/// The refresh lane at `tick`: the family the client held then (the newest logged in by
/// `tick`, an earlier one included), alive from login until revoked (or past its first
/// deadline), dead after.
fn refresh_mark(model: &UserModel, knobs: &Knobs, now: u64, tick: u64) -> Option<&'static str> {
    let family = model.families().filter(|f| f.login_at <= tick).last()?;
    if let Some(r) = family.revoked {
        return Some(match tick.cmp(&r.at) {
            Ordering::Less => ALIVE,
            Ordering::Equal => REVOKED,
            Ordering::Greater if tick <= now => DEAD,
            Ordering::Greater => return None,
        });
    }
    match family.first_deadline(knobs).map(|(_, d)| d) {
        Some(d) if tick >= d && tick <= now => Some(DEAD),
        Some(d) if tick >= d => None,
        _ => Some(ALIVE),
    }
}
