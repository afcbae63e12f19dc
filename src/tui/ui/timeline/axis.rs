//! The timeline's time axis: which terminal column each tick falls in, and which ticks get a
//! label. Pure arithmetic, no drawing, so the mapping is tested on its own.

/// Ticks `lo..=end` spread over `width` columns; every column holds at least one tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    lo: u64,
    end: u64,
    width: u16,
}

/// Columns between labels beyond the widest label's digits.
const LABEL_GAP: u16 = 2;

impl Axis {
    /// An axis over `width` columns showing every value with some margin on both sides
    /// (a tenth of the range, at least 2 ticks), and at least one tick per column.
    pub fn fitting(values: impl IntoIterator<Item = u64>, width: u16) -> Self {
        let (mut min, mut max) = (u64::MAX, 0);
        for value in values {
            min = min.min(value);
            max = max.max(value);
        }
        if min > max {
            (min, max) = (0, 0);
        }
        let margin = ((max - min) / 10).max(2);
        let lo = min.saturating_sub(margin);
        let mut end = max.saturating_add(margin);
        let needed = u64::from(width.max(1));
        if end - lo < needed {
            end = lo.saturating_add(needed);
        }
        Self::new(lo, end, width)
    }

    /// The axis from `lo` to `end` (inclusive) over `width` columns; `end` is moved so that
    /// there are at least as many ticks as columns.
    pub fn new(lo: u64, end: u64, width: u16) -> Self {
        let end = end.max(lo.saturating_add(u64::from(width)));
        Self { lo, end, width }
    }

    pub fn lo(&self) -> u64 {
        self.lo
    }

    pub fn end(&self) -> u64 {
        self.end
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    /// Ticks per column, as a real number of at least 1.
    fn span(&self) -> u128 {
        u128::from(self.end - self.lo).max(1)
    }

    /// The column holding `tick`, or `None` when it is off the axis.
    pub fn column(&self, tick: u64) -> Option<u16> {
        if self.width == 0 || tick < self.lo || tick > self.end {
            return None;
        }
        let column = u128::from(tick - self.lo) * u128::from(self.width) / self.span();
        Some(
            u16::try_from(column)
                .unwrap_or(u16::MAX)
                .min(self.width - 1),
        )
    }

    /// The first tick in `column`: the cell is drawn as the timeline is at that tick.
    pub fn tick_at(&self, column: u16) -> u64 {
        let width = u128::from(self.width.max(1));
        let offset = (u128::from(column) * self.span()).div_ceil(width);
        self.lo
            .saturating_add(u64::try_from(offset).unwrap_or(u64::MAX))
            .min(self.end)
    }

    /// The last tick in `column`.
    pub fn last_tick_in(&self, column: u16) -> u64 {
        if column.saturating_add(1) >= self.width {
            return self.end;
        }
        self.tick_at(column + 1)
            .saturating_sub(1)
            .max(self.tick_at(column))
    }

    /// The tick a cell is drawn as: in the past, the cell's last tick (capped at now), so a
    /// token that expired a few ticks ago shows as expired even when a cell spans many ticks;
    /// in the future, its first tick, so a bar reaches its expiry.
    pub fn sample_tick(&self, column: u16, now: u64) -> u64 {
        let first = self.tick_at(column);
        if first > now {
            first
        } else {
            self.last_tick_in(column).min(now)
        }
    }

    /// Round ticks to label (multiples of 1, 2 or 5 × 10ⁿ), as many as fit with a gap.
    pub fn labels(&self) -> Vec<u64> {
        let digits = u16::try_from(self.end.to_string().len()).unwrap_or(20);
        let wanted = u128::from((self.width / (digits + LABEL_GAP)).max(1));
        let rough = self.span().div_ceil(wanted);
        let mut step: u128 = 1;
        'search: loop {
            for factor in [1, 2, 5] {
                if step * factor >= rough {
                    step *= factor;
                    break 'search;
                }
            }
            step *= 10;
        }
        let first = u128::from(self.lo).div_ceil(step) * step;
        (0..)
            .map(|i| first + i * step)
            .take_while(|&tick| tick <= u128::from(self.end))
            .filter_map(|tick| u64::try_from(tick).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_cells_are_drawn_as_at_their_last_tick_and_future_ones_as_at_their_first() {
        let axis = Axis::new(0, 200, 20); // 10 ticks a cell
        assert_eq!(axis.last_tick_in(0), 9);
        assert_eq!(axis.last_tick_in(19), 200);
        assert_eq!(
            axis.sample_tick(3, 120),
            39,
            "the past: the cell's last tick"
        );
        assert_eq!(axis.sample_tick(12, 125), 125, "the cell holding now: now");
        assert_eq!(
            axis.sample_tick(15, 125),
            150,
            "the future: the cell's first tick"
        );
    }

    #[test]
    fn ticks_map_to_columns_from_left_to_right() {
        let axis = Axis::new(0, 200, 20);
        assert_eq!(axis.column(0), Some(0));
        assert_eq!(axis.column(9), Some(0));
        assert_eq!(axis.column(10), Some(1));
        assert_eq!(axis.column(100), Some(10));
        assert_eq!(axis.column(199), Some(19));
        assert_eq!(axis.column(200), Some(19), "the last tick is still drawn");
        assert_eq!(axis.column(201), None);
        let shifted = Axis::new(35, 235, 20);
        assert_eq!(shifted.column(34), None);
        assert_eq!(shifted.column(35), Some(0));
        assert_eq!(shifted.column(135), Some(10));
    }

    #[test]
    fn each_column_starts_at_a_tick_that_maps_back_to_it() {
        for axis in [
            Axis::new(35, 235, 29),
            Axis::new(0, 7, 3),
            Axis::new(1000, 1029, 29),
        ] {
            let mut previous = None;
            for column in 0..axis.width() {
                let tick = axis.tick_at(column);
                assert_eq!(axis.column(tick), Some(column), "{axis:?} column {column}");
                if let Some(p) = previous {
                    assert!(tick > p, "columns move forward in time");
                }
                assert!(tick == axis.lo() || axis.column(tick - 1) == Some(column - 1));
                previous = Some(tick);
            }
        }
    }

    #[test]
    fn the_axis_shows_every_value_with_a_margin() {
        let axis = Axis::fitting([100, 200, 50, 120], 29);
        assert_eq!((axis.lo(), axis.end()), (35, 215));
        let tiny = Axis::fitting([120], 29);
        assert!(tiny.lo() < 120 && tiny.end() > 120);
        assert!(tiny.end() - tiny.lo() >= 29, "at least one tick per column");
        let empty = Axis::fitting([], 10);
        assert_eq!(empty.column(0), Some(0));
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let axis = Axis::fitting([0, u64::MAX], 30);
        assert_eq!(axis.column(u64::MAX), Some(29));
        assert_eq!(axis.column(0), Some(0));
        assert_eq!(axis.tick_at(29) / (u64::MAX / 30), 29);
        assert!(!axis.labels().is_empty());
        let top = Axis::new(u64::MAX - 5, u64::MAX, 10);
        assert_eq!(top.tick_at(9), u64::MAX);
    }

    #[test]
    fn labels_are_round_and_inside() {
        assert_eq!(Axis::new(35, 215, 29).labels(), [50, 100, 150, 200]);
        assert_eq!(
            Axis::new(0, 200, 80).labels(),
            (0..=200).step_by(20).collect::<Vec<_>>()
        );
        assert_eq!(Axis::new(0, 0, 0).labels(), [0]);
    }
}
