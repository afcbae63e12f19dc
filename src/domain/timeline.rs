//! A user's token lifetimes on a time axis: one segment per token, oldest first, for the timeline.

use super::session::Session;

/// One token's life: issued at `start` (`None`: before the scenario began), valid until `expiry`,
/// in use until `replaced` (`None`: still the user's token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub start: Option<u64>,
    pub expiry: u64,
    pub replaced: Option<u64>,
}

/// The segments of the user at `index`, oldest first; empty past the end. They come from the
/// user's own history, so adding, removing or reordering other users changes nothing here.
pub fn lifetimes(session: &Session, index: usize) -> Vec<Segment> {
    let Some((_, user)) = session.scenario().tokens.user_at(index) else {
        return Vec::new();
    };
    user.past()
        .map(|past| Segment {
            start: past.issued_at,
            expiry: past.expiry,
            replaced: Some(past.replaced_at),
        })
        .chain(std::iter::once(Segment {
            start: user.issued_at(),
            expiry: user.token.expiry,
            replaced: None,
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Scenario;

    #[test]
    fn a_refresh_ends_one_segment_and_starts_the_next() {
        let mut session = Session::new(Scenario::lesson());
        assert_eq!(
            lifetimes(&session, 0),
            [Segment {
                start: None,
                expiry: 100,
                replaced: None
            }]
        );
        session
            .apply(&crate::domain::Op::Refresh("alice".into()))
            .unwrap();
        assert_eq!(
            lifetimes(&session, 0),
            [
                Segment {
                    start: None,
                    expiry: 100,
                    replaced: Some(120)
                },
                Segment {
                    start: Some(120),
                    expiry: 220,
                    replaced: None
                },
            ]
        );
        assert!(lifetimes(&session, 9).is_empty());
    }
}
