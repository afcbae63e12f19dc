//! The table's columns and their widths: which exist (the lesson's always; the real-world
//! model's and the clients' when there is something to show), how wide each would like to be,
//! and how a narrow table hands out its room. One set of rules for every world.

use unicode_width::UnicodeWidthStr;

/// The table's columns, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `▶` on the selected user.
    Marker,
    User,
    /// The token the lesson refreshes; with the model, the access token.
    Token,
    Expiry,
    Remaining,
    /// The lesson's rule's verdict; with the model, the user's API validator's.
    Status,
    /// With the model (without clients): the refresh token the client holds.
    Refresh,
    /// With the model: the refresh token's state.
    RtState,
    /// With the model (without clients): the family's generation.
    Generation,
    /// With clients: how many, or the selected user's spelled out.
    Clients,
    /// With clients: calls served (`200`).
    Served,
    /// With clients: calls refused (`401`).
    Refused,
    /// With clients: refreshes (`↻`).
    Refreshes,
    /// With clients: forced logins (`out`).
    LoggedOut,
}

const COUNT: usize = 14;

impl Column {
    pub const ALL: [Column; COUNT] = [
        Column::Marker,
        Column::User,
        Column::Token,
        Column::Expiry,
        Column::Remaining,
        Column::Status,
        Column::Refresh,
        Column::RtState,
        Column::Generation,
        Column::Clients,
        Column::Served,
        Column::Refused,
        Column::Refreshes,
        Column::LoggedOut,
    ];

    /// The header in `width` columns (`Exp` for a narrow expiry); with the model on there are two tokens and two judges (the client and the
    /// API), so the token column says which token and the status column whose verdict it is.
    pub fn header(self, model_on: bool, width: u16) -> &'static str {
        match self {
            Column::Expiry if width < EXPIRY_HEADER => "Exp",
            Column::Marker => "",
            Column::User => "User",
            Column::Token if model_on => "Access",
            Column::Token => "Token",
            Column::Expiry => "Expiry",
            Column::Remaining => "Remaining",
            Column::Status if model_on => "API says",
            Column::Status => "Status",
            Column::Refresh => "Refresh",
            Column::RtState => "RT",
            Column::Generation => "Gen",
            Column::Clients => "Clients",
            Column::Served => "200",
            Column::Refused => "401",
            Column::Refreshes => "↻",
            Column::LoggedOut => "out",
        }
    }

    /// The least width a shown column is given (less when its text is shorter); longer text
    /// is cut with `…`. Which columns show depends on these and the width only, never on the
    /// clock, so columns do not come and go while playing.
    fn least(self, natural: u16) -> u16 {
        let least = match self {
            Column::User => 6,
            Column::Token | Column::Refresh => 8,
            Column::Expiry => 6,
            // Room for `expired 120 ago`.
            Column::Remaining => 15,
            Column::Status => STATUS_LEAST_WHOLE,
            // The clients column is never narrower than its header.
            Column::Clients => 7,
            Column::Marker
            | Column::RtState
            | Column::Generation
            | Column::Served
            | Column::Refused
            | Column::Refreshes
            | Column::LoggedOut => natural,
        };
        least.min(natural)
    }

    /// A comfortable width: handed out to every column before any grows to its natural one.
    fn comfortable(self, natural: u16) -> u16 {
        match self {
            // Room for the header's long form (`Expiry`) beside a short number.
            Column::Expiry => natural.clamp(EXPIRY_HEADER, 10),
            Column::User => natural.min(12),
            Column::Token | Column::Refresh => natural.min(13),
            Column::Remaining => natural.min(16),
            Column::Status => natural.min(STATUS_SHORT),
            Column::Marker
            | Column::RtState
            | Column::Generation
            | Column::Clients
            | Column::Served
            | Column::Refused
            | Column::Refreshes
            | Column::LoggedOut => natural,
        }
    }
}

/// `Expiry`: a narrower expiry column is headed `Exp`.
const EXPIRY_HEADER: u16 = 6;
/// Every status's shortest form fits (`✗ not yet`): a status is not cut from here up.
pub const STATUS_LEAST_WHOLE: u16 = 9;
/// Room for every status in a short form (`✓ last tick`, `EXPIRED ✗`).
pub const STATUS_SHORT: u16 = 12;
/// Below its least, the status is cut further, then the name, rather than leaving the table out.
const STATUS_LEAST: u16 = 4;
const USER_LEAST: u16 = 4;

/// Left out first when the table is narrow: the remaining time, the generation, the access
/// token's value (the why panel spells it out), and the refresh token's. The lesson's token is
/// its subject and goes only after the remaining time.
const DROP_ORDER: [Column; 4] = [
    Column::Remaining,
    Column::Generation,
    Column::Token,
    Column::Refresh,
];

/// How far a step of the grow order widens a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Goal {
    /// Up to the status's short forms (`✓ last tick`).
    Short,
    Comfortable,
    Natural,
}

/// The order room is handed out in, each step widening one column toward a goal. In the
/// lesson the token is the subject: every column is made comfortable first, the token
/// leading, then natural.
const GROW_ORDER: [(Column, Goal); 12] = [
    (Column::Token, Goal::Comfortable),
    (Column::Expiry, Goal::Comfortable),
    (Column::Status, Goal::Short),
    (Column::Remaining, Goal::Comfortable),
    (Column::User, Goal::Comfortable),
    (Column::Token, Goal::Natural),
    (Column::Expiry, Goal::Natural),
    (Column::Remaining, Goal::Natural),
    (Column::User, Goal::Natural),
    (Column::Clients, Goal::Natural),
    (Column::Refresh, Goal::Natural),
    (Column::Status, Goal::Natural),
];

/// With the real-world model the subject is the API's verdict, who it is for and their
/// clients; then the token values (the why panel spells them out); the expiry's long header
/// and the remaining time last.
const MODEL_GROW_ORDER: [(Column, Goal); 8] = [
    (Column::Status, Goal::Short),
    (Column::User, Goal::Natural),
    (Column::Clients, Goal::Natural),
    (Column::Token, Goal::Natural),
    (Column::Refresh, Goal::Natural),
    (Column::Expiry, Goal::Comfortable),
    (Column::Remaining, Goal::Natural),
    (Column::Status, Goal::Natural),
];

/// Widths by column; `None` for a column not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Widths([Option<u16>; COUNT]);

impl Widths {
    pub fn get(&self, column: Column) -> Option<u16> {
        self.0[column as usize]
    }

    pub fn set(&mut self, column: Column, width: Option<u16>) {
        self.0[column as usize] = width;
    }

    /// The shown columns, left to right, with their widths.
    pub fn shown(&self) -> impl Iterator<Item = (Column, u16)> + '_ {
        Column::ALL
            .into_iter()
            .filter_map(|c| self.get(c).map(|w| (c, w)))
    }

    /// The width the table would like: each column at its natural width, or its comfortable
    /// one where that is wider (the expiry's header).
    pub fn wanted(&self) -> u16 {
        self.map(|c, n| n.max(c.comfortable(n))).total()
    }

    /// The width of the shown columns, one space between each.
    pub fn total(&self) -> u16 {
        let shown = self.shown().count() as u16;
        self.shown()
            .map(|(_, w)| w)
            .fold(0u16, u16::saturating_add)
            .saturating_add(shown.saturating_sub(1))
    }

    fn map(&self, f: impl Fn(Column, u16) -> u16) -> Self {
        let mut out = *self;
        for (column, width) in self.shown() {
            out.set(column, Some(f(column, width)));
        }
        out
    }

    /// The columns for `width`, from these natural widths. Columns are left out in
    /// [`DROP_ORDER`] until each shown one fits at its least (with the model, the status at
    /// its short forms: the API's verdict is the subject); the remaining time, too, unless the
    /// real-world and clients columns can be comfortable beside it. The room left is handed
    /// out in the grow order. Narrower than the least, the status is cut, then the name.
    pub fn fitted(self, width: u16) -> Self {
        let model = self.get(Column::RtState).is_some();
        let mut out = self.map(Column::least);
        if model {
            out = out.map(|c, w| match c {
                Column::Status => self.get(c).unwrap_or(w).min(STATUS_SHORT),
                _ => w,
            });
        }
        for column in DROP_ORDER {
            if out.total() <= width {
                break;
            }
            out.set(column, None);
        }
        let mut beside = out;
        for column in REAL_WORLD {
            if let (Some(_), Some(natural)) = (out.get(column), self.get(column)) {
                beside.set(column, Some(column.comfortable(natural)));
            }
        }
        if beside.total() > width {
            out.set(Column::Remaining, None);
        }
        let order: &[(Column, Goal)] = if model {
            &MODEL_GROW_ORDER
        } else {
            &GROW_ORDER
        };
        let mut room = width.saturating_sub(out.total());
        for &(column, goal) in order {
            let (Some(now), Some(natural)) = (out.get(column), self.get(column)) else {
                continue;
            };
            let to = match goal {
                Goal::Short => natural.min(STATUS_SHORT),
                Goal::Comfortable => column.comfortable(natural),
                Goal::Natural => natural.max(column.comfortable(natural)),
            };
            let by = to.saturating_sub(now).min(room);
            room -= by;
            out.set(column, Some(now + by));
        }
        for (column, least) in [(Column::Status, STATUS_LEAST), (Column::User, USER_LEAST)] {
            let excess = out.total().saturating_sub(width);
            if let Some(now) = out.get(column) {
                out.set(column, Some(now.saturating_sub(excess).max(least.min(now))));
            }
        }
        out
    }
}

/// The real-world model's and the clients' columns.
const REAL_WORLD: [Column; 8] = [
    Column::Refresh,
    Column::RtState,
    Column::Generation,
    Column::Clients,
    Column::Served,
    Column::Refused,
    Column::Refreshes,
    Column::LoggedOut,
];

/// A width in columns, clamped.
pub fn clamp(width: usize, min: u16, max: u16) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX).clamp(min, max)
}

/// The widest of `texts`, in columns.
pub fn widest<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts.into_iter().map(|t| t.width()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> Widths {
        let mut w = Widths::default();
        for (c, n) in [
            (Column::Marker, 1),
            (Column::User, 5),
            (Column::Token, 13),
            (Column::Expiry, 6),
            (Column::Remaining, 15),
            (Column::Status, 17),
        ] {
            w.set(c, Some(n));
        }
        w
    }

    fn model() -> Widths {
        let mut w = lesson();
        for (c, n) in [
            (Column::Refresh, 12),
            (Column::RtState, 7),
            (Column::Generation, 3),
        ] {
            w.set(c, Some(n));
        }
        w
    }

    fn shown(w: &Widths) -> Vec<Column> {
        w.shown().map(|(c, _)| c).collect()
    }

    #[test]
    fn a_wide_table_has_every_column_at_its_natural_width() {
        assert_eq!(lesson().fitted(100), lesson());
        assert_eq!(model().fitted(100), model());
    }

    #[test]
    fn the_lesson_drops_the_remaining_time_then_its_token_last() {
        let w = lesson().fitted(45);
        assert_eq!(w.get(Column::Remaining), None);
        assert!(w.get(Column::Token).is_some() && w.total() <= 45);
        let w = lesson().fitted(25);
        assert_eq!(
            shown(&w),
            [Column::Marker, Column::User, Column::Expiry, Column::Status]
        );
        assert!(w.total() <= 25);
    }

    #[test]
    fn the_model_drops_the_generation_then_the_token_values_and_keeps_statuses_whole() {
        let w = model().fitted(56);
        assert_eq!(w.get(Column::Remaining), None);
        assert_eq!(w.get(Column::Generation), None);
        assert!(w.get(Column::Token).is_some() && w.get(Column::Refresh).is_some());
        let w = model().fitted(45);
        assert_eq!(
            (w.get(Column::Token), w.get(Column::Generation)),
            (None, None)
        );
        assert!(w.get(Column::Refresh).is_some() && w.total() <= 45);
        let w = model().fitted(34);
        assert_eq!((w.get(Column::Token), w.get(Column::Refresh)), (None, None));
        assert!(w.get(Column::Status) >= Some(STATUS_LEAST_WHOLE), "{w:?}");
    }

    #[test]
    fn narrower_than_the_least_cuts_the_status_then_the_name() {
        let w = lesson().fitted(18);
        assert_eq!(w.get(Column::Status), Some(STATUS_LEAST));
        assert!(w.get(Column::User) >= Some(USER_LEAST));
    }
}
