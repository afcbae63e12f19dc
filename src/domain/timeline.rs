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

/// The segments of the user at `index`, oldest first; empty past the end.
pub fn lifetimes(session: &Session, index: usize) -> Vec<Segment> {
    let Some((_, current)) = session.scenario().tokens.get_index(index) else {
        return Vec::new();
    };
    let mut segments = Vec::new();
    let mut start = None;
    for (at, before, _) in session.refreshes_of(index) {
        segments.push(Segment {
            start,
            expiry: before.expiry,
            replaced: Some(at),
        });
        start = Some(at);
    }
    segments.push(Segment {
        start,
        expiry: current.expiry,
        replaced: None,
    });
    segments
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
        session.refresh("alice").unwrap();
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
