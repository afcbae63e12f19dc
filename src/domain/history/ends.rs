//! A sequence as a change of its ends: what a bounded log (a user's replaced tokens, a family's
//! used refresh tokens, a client's marks) becomes after a step keeps most of its entries and
//! gains or loses a few at either end. Only the entries at the ends are held.

/// A target sequence described from a base one: `front`, then `keep` entries of the base
/// starting at `skip`, then `back`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ends<T> {
    skip: usize,
    keep: usize,
    front: Vec<T>,
    back: Vec<T>,
}

impl<T> Ends<T> {
    /// What turns `base` into `target`, holding `own` copies of the entries only the target has.
    /// Finds the longest run of the base that the target starts with (entries added at the back,
    /// the oldest dropped: a step forward) or ends with (entries back at the front: a step back);
    /// otherwise the target is held whole. Exact whatever the sequences are.
    pub fn between<A: PartialEq>(base: &[A], target: &[A], own: impl Fn(&A) -> T) -> Self {
        Self::between_by(
            base.len(),
            target.len(),
            |i, j| base[i] == target[j],
            |j| own(&target[j]),
        )
    }

    /// [`Ends::between`] for sequences read by index, with no copy of either: `same(i, j)` says
    /// whether the base's `i`th entry is the target's `j`th, `own(j)` copies the target's `j`th.
    pub fn between_by(
        base: usize,
        target: usize,
        same: impl Fn(usize, usize) -> bool,
        own: impl Fn(usize) -> T,
    ) -> Self {
        let run = |b: usize, t: usize, len: usize| (0..len).all(|k| same(b + k, t + k));
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
                front: Vec::new(),
                back: (forward..target).map(own).collect(),
            }
        } else {
            let start = target - backward;
            Self {
                skip: 0,
                keep: backward,
                front: (0..start).map(own).collect(),
                back: Vec::new(),
            }
        }
    }

    /// The target, read through `view` (base entries as they are, held ones through `view`).
    /// A base shorter than the one described gives what it can; none that the step holds is.
    pub fn rebuild<'a, A: Clone>(&'a self, base: &[A], view: impl Fn(&'a T) -> A) -> Vec<A> {
        let kept = base.get(self.skip..).unwrap_or_default();
        let kept = kept.get(..self.keep).unwrap_or(kept);
        self.front
            .iter()
            .map(&view)
            .chain(kept.iter().cloned())
            .chain(self.back.iter().map(&view))
            .collect()
    }

    /// Where the kept run starts in the base, how long it is, and the entries before and after.
    pub fn into_parts(self) -> (usize, usize, Vec<T>, Vec<T>) {
        (self.skip, self.keep, self.front, self.back)
    }

    /// True when the target is the base unchanged.
    pub fn is_unchanged(&self, base_len: usize) -> bool {
        self.skip == 0 && self.keep == base_len && self.front.is_empty() && self.back.is_empty()
    }

    /// The entries held (for the bytes a step holds).
    pub fn held(&self) -> impl Iterator<Item = &T> {
        self.front.iter().chain(self.back.iter())
    }

    /// Bytes held beyond the struct itself, each entry costing its size plus `extra`.
    pub fn bytes(&self, extra: impl Fn(&T) -> usize) -> usize {
        (self.front.capacity() + self.back.capacity()) * std::mem::size_of::<T>()
            + self.held().map(extra).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::Ends;

    fn round_trip(base: &[u32], target: &[u32]) -> Ends<u32> {
        let ends = Ends::between(base, target, |&x| x);
        assert_eq!(ends.rebuild(base, |&x| x), target, "{base:?} → {target:?}");
        ends
    }

    #[test]
    fn a_step_forward_holds_only_the_new_entries() {
        let base: Vec<u32> = (0..64).collect();
        let target: Vec<u32> = (1..65).collect();
        let ends = round_trip(&base, &target);
        assert_eq!(ends.held().copied().collect::<Vec<_>>(), vec![64]);
    }

    #[test]
    fn a_step_back_holds_only_the_dropped_entries() {
        let base: Vec<u32> = (1..65).collect();
        let target: Vec<u32> = (0..64).collect();
        let ends = round_trip(&base, &target);
        assert_eq!(ends.held().copied().collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn anything_else_is_exact_too() {
        round_trip(&[], &[]);
        round_trip(&[], &[1, 2]);
        round_trip(&[1, 2], &[]);
        round_trip(&[1, 2, 3], &[3, 2, 1]);
        round_trip(&[1, 1, 1], &[1, 1]);
        round_trip(&[1, 2, 1, 2], &[2, 1, 2, 1, 2]);
        assert!(round_trip(&[5, 6], &[5, 6]).is_unchanged(2));
    }
}
