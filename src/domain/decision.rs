//! Decisions as values: the refresh rule's verdict for one token at one tick, carrying every
//! number it compared, so every front end words the same decision and none re-derives it.
//!
//! Sums such as `now + early` are exact (u128): near the top of the time range they are never
//! saturated into a wrong verdict, and a [`Sum`] says when its value had to be capped.

use super::settings::kinds::Boundary;

/// `base + add`, exactly, and the tick it stands for on the clock (capped at `u64::MAX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sum {
    pub base: u64,
    pub add: u64,
}

impl Sum {
    pub fn new(base: u64, add: u64) -> Self {
        Self { base, add }
    }

    pub fn exact(self) -> u128 {
        u128::from(self.base) + u128::from(self.add)
    }

    /// The tick on the clock: the sum, or the largest time when the sum is past it.
    pub fn value(self) -> u64 {
        self.base.saturating_add(self.add)
    }

    /// Whether [`Sum::value`] is not the real sum.
    pub fn is_capped(self) -> bool {
        self.base.checked_add(self.add).is_none()
    }
}

impl Boundary {
    /// Whether `expiry` counts as past `threshold` under this boundary, compared exactly.
    pub fn is_past_exact(self, expiry: u128, threshold: u128) -> bool {
        match self {
            Boundary::Lesson => expiry < threshold,
            Boundary::Rfc7519 => expiry <= threshold,
        }
    }
}

/// Why the rule decided as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Past the expiry at `now`.
    Expired,
    /// Not expired yet, but inside the early window (`expiry` against `now + early`).
    EarlyWindow,
    StillValid,
}

/// The refresh rule applied to one token at one tick: `refresh when expiry OP now + early`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub boundary: Boundary,
    pub expiry: u64,
    pub now: u64,
    pub early: u64,
    /// Whether the refresh branch runs.
    pub refreshes: bool,
    pub reason: Reason,
}

impl Decision {
    /// Decides for a token expiring at `expiry` when the clock shows `now`.
    pub fn new(boundary: Boundary, early: u64, expiry: u64, now: u64) -> Self {
        let threshold = Sum::new(now, early);
        let refreshes = boundary.is_past_exact(expiry.into(), threshold.exact());
        let reason = if boundary.is_past(expiry, now) {
            Reason::Expired
        } else if refreshes {
            Reason::EarlyWindow
        } else {
            Reason::StillValid
        };
        Self {
            boundary,
            expiry,
            now,
            early,
            refreshes,
            reason,
        }
    }

    /// What the expiry was compared with: `now + early`.
    pub fn threshold(&self) -> Sum {
        Sum::new(self.now, self.early)
    }

    /// Ticks from now to the expiry (0 once it is reached).
    pub fn remaining(&self) -> u64 {
        self.expiry.saturating_sub(self.now)
    }

    /// The operator that held, as it reads in `expiry OP threshold`.
    pub fn operator(&self) -> &'static str {
        if self.refreshes {
            self.boundary.expired_operator()
        } else {
            self.boundary.valid_operator()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_separates_expired_from_the_early_window() {
        let d = Decision::new(Boundary::Lesson, 10, 125, 120);
        assert!(d.refreshes);
        assert_eq!(d.reason, Reason::EarlyWindow);
        assert_eq!(d.operator(), "<");
        let d = Decision::new(Boundary::Lesson, 0, 100, 120);
        assert_eq!((d.refreshes, d.reason), (true, Reason::Expired));
        let d = Decision::new(Boundary::Lesson, 0, 120, 120);
        assert_eq!((d.refreshes, d.reason), (false, Reason::StillValid));
        assert_eq!(d.operator(), "≥");
    }

    #[test]
    fn sums_past_the_largest_time_are_exact_and_say_they_are_capped() {
        // now 10, early and expiry at the maximum: the early window does reach the expiry.
        let d = Decision::new(Boundary::Lesson, u64::MAX, u64::MAX, 10);
        assert!(d.refreshes);
        assert!(d.threshold().is_capped());
        assert_eq!(d.threshold().value(), u64::MAX);
        assert!(!Sum::new(5, 5).is_capped());
    }
}
