//! A sequence as a change of its ends: what a bounded log (a user's replaced tokens, a family's
//! used refresh tokens, a client's marks) becomes after a step keeps most of its entries and
//! gains or loses a few at either end. Only the entries at the ends need holding; this finds
//! which, by index, so nothing is copied to find them.

/// A target sequence described from a base one: its first `front` entries, then `keep` entries of
/// the base starting at `skip`, then its last `back` entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ends {
    pub skip: usize,
    pub keep: usize,
    pub front: usize,
    pub back: usize,
}

impl Ends {
    /// What turns a base of `base` entries into a target of `target`: `same(i, j, n)` says
    /// whether the base's `n` entries from `i` are the target's `n` from `j` (so a caller can
    /// compare runs of its lists as slices, not entry by entry through an index). Finds the longest run of the base that the
    /// target starts with (entries added at the back, the oldest dropped: a step forward) or ends
    /// with (entries back at the front: a step back); otherwise the target is held whole. Exact
    /// whatever the sequences are: an entry `same` calls different is held, never lost.
    pub fn between(base: usize, target: usize, run: impl Fn(usize, usize, usize) -> bool) -> Self {
        // A run whose first entries differ is rejected by them alone, before the whole run is.
        let run = |b: usize, t: usize, len: usize| len == 0 || (run(b, t, 1) && run(b, t, len));
        let forward = (0..=base)
            .find(|&skip| {
                let keep = base - skip;
                keep <= target && run(skip, 0, keep)
            })
            .map_or(0, |skip| base - skip);
        // Only a run longer than the forward one is worth finding: one that starts past
        // `target - forward` is not (a step forward then compares nothing more).
        let backward = (0..target.saturating_sub(forward))
            .find(|&start| {
                let keep = target - start;
                keep <= base && run(0, start, keep)
            })
            .map_or(0, |start| target - start);
        if forward >= backward && forward > 0 {
            Self {
                skip: base - forward,
                keep: forward,
                front: 0,
                back: target - forward,
            }
        } else {
            Self {
                skip: 0,
                keep: backward,
                front: target - backward,
                back: 0,
            }
        }
    }

    /// The target's indices of the entries held: its first `front` and its last `back`.
    pub fn held(&self, target: usize) -> impl Iterator<Item = usize> + use<> {
        (0..self.front).chain(target - self.back..target)
    }

    /// True when the target is the base unchanged.
    pub fn is_unchanged(&self, base: usize) -> bool {
        self.skip == 0 && self.keep == base && self.front == 0 && self.back == 0
    }

    /// The target, from the base's entries and the held ones (`front` then `back`, in order).
    /// A base shorter than the one described gives what it can.
    pub fn rebuild<T: Clone>(&self, base: impl IntoIterator<Item = T>, held: &[T]) -> Vec<T> {
        let (front, back) = held.split_at(self.front.min(held.len()));
        let mut target = Vec::with_capacity(front.len() + self.keep + back.len());
        target.extend_from_slice(front);
        target.extend(base.into_iter().skip(self.skip).take(self.keep));
        target.extend_from_slice(back);
        target
    }
}

#[cfg(test)]
mod tests {
    use super::Ends;

    fn round_trip(base: &[u32], target: &[u32]) -> (Ends, Vec<u32>) {
        let ends = Ends::between(base.len(), target.len(), |i, j, n| {
            base[i..i + n] == target[j..j + n]
        });
        let held: Vec<u32> = ends.held(target.len()).map(|j| target[j]).collect();
        let rebuilt = ends.rebuild(base.iter().copied(), &held);
        assert_eq!(rebuilt, target, "{base:?} → {target:?}");
        (ends, held)
    }

    #[test]
    fn a_step_forward_holds_only_the_new_entries() {
        let base: Vec<u32> = (0..64).collect();
        let target: Vec<u32> = (1..65).collect();
        assert_eq!(round_trip(&base, &target).1, vec![64]);
    }

    #[test]
    fn a_step_back_holds_only_the_dropped_entries() {
        let base: Vec<u32> = (1..65).collect();
        let target: Vec<u32> = (0..64).collect();
        assert_eq!(round_trip(&base, &target).1, vec![0]);
    }

    #[test]
    fn anything_else_is_exact_too() {
        round_trip(&[], &[]);
        round_trip(&[], &[1, 2]);
        round_trip(&[1, 2], &[]);
        round_trip(&[1, 2, 3], &[3, 2, 1]);
        round_trip(&[1, 1, 1], &[1, 1]);
        round_trip(&[1, 2, 1, 2], &[2, 1, 2, 1, 2]);
        assert!(round_trip(&[5, 6], &[5, 6]).0.is_unchanged(2));
    }
}
