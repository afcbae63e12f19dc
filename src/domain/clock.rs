//! The lesson's `current_time`: a virtual clock of whole ticks.

/// A virtual clock. It never wraps: moving past `u64::MAX` stops there and moving below 0 stops at 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    now: u64,
}

impl Clock {
    pub fn new(now: u64) -> Self {
        Self { now }
    }

    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn set(&mut self, now: u64) {
        self.now = now;
    }

    /// Moves forward by `ticks`, stopping at `u64::MAX`. Returns the ticks actually moved.
    pub fn advance(&mut self, ticks: u64) -> u64 {
        let before = self.now;
        self.now = self.now.saturating_add(ticks);
        self.now - before
    }

    /// Moves back by `ticks`, stopping at 0. Returns the ticks actually moved.
    pub fn rewind(&mut self, ticks: u64) -> u64 {
        let before = self.now;
        self.now = self.now.saturating_sub(ticks);
        before - self.now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_and_rewind_move_by_the_step() {
        let mut clock = Clock::new(120);
        assert_eq!(clock.advance(10), 10);
        assert_eq!(clock.now(), 130);
        assert_eq!(clock.rewind(30), 30);
        assert_eq!(clock.now(), 100);
    }

    #[test]
    fn rewind_stops_at_zero() {
        let mut clock = Clock::new(5);
        assert_eq!(clock.rewind(10), 5);
        assert_eq!(clock.now(), 0);
        assert_eq!(clock.rewind(1), 0);
        assert_eq!(clock.now(), 0);
    }

    #[test]
    fn advance_stops_at_the_maximum_instead_of_wrapping() {
        let mut clock = Clock::new(u64::MAX - 3);
        assert_eq!(clock.advance(10), 3);
        assert_eq!(clock.now(), u64::MAX);
        assert_eq!(clock.advance(1), 0);
        assert_eq!(clock.now(), u64::MAX);
    }
}
