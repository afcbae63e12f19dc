//! Large digits for the clock from a 3×5 pixel font (ratatui 0.30 has no big-text widget).
//! At size 1 half blocks draw a digit in 3 columns by 3 rows; at size 2, for projectors, each
//! pixel is two columns of one row, 6 columns by 5 rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Each digit's rows, top to bottom; `#` is a lit pixel.
const FONT: [[&str; 5]; 10] = [
    ["###", "# #", "# #", "# #", "###"],
    [" # ", "## ", " # ", " # ", "###"],
    ["###", "  #", "###", "#  ", "###"],
    ["###", "  #", "###", "  #", "###"],
    ["# #", "# #", "###", "  #", "  #"],
    ["###", "#  ", "###", "  #", "###"],
    ["###", "#  ", "###", "# #", "###"],
    ["###", "  #", "  #", "  #", "  #"],
    ["###", "# #", "###", "# #", "###"],
    ["###", "# #", "###", "  #", "###"],
];
const FONT_WIDTH: u16 = 3;
const FONT_HEIGHT: usize = 5;

/// A number in large digits; draws nothing unless the whole number fits.
pub struct BigDigits {
    digits: Vec<usize>,
    large: bool,
    style: Style,
}

impl BigDigits {
    pub fn new(value: u64, style: Style) -> Self {
        let digits = value
            .to_string()
            .bytes()
            .map(|b| usize::from(b - b'0'))
            .collect();
        Self {
            digits,
            large: false,
            style,
        }
    }

    /// The larger size, when it fits in `width` × `height`.
    pub fn largest_fitting(mut self, width: u16, height: u16) -> Self {
        self.large = true;
        if self.width() > width || self.height() > height {
            self.large = false;
        }
        self
    }

    fn digit_width(&self) -> u16 {
        if self.large {
            FONT_WIDTH * 2
        } else {
            FONT_WIDTH
        }
    }

    fn gap(&self) -> u16 {
        if self.large { 2 } else { 1 }
    }

    pub fn width(&self) -> u16 {
        let n = self.digits.len() as u16;
        n * self.digit_width() + n.saturating_sub(1) * self.gap()
    }

    pub fn height(&self) -> u16 {
        if self.large { 5 } else { 3 }
    }

    fn lit(digit: usize, x: usize, y: usize) -> bool {
        y < FONT_HEIGHT && FONT[digit][y].as_bytes().get(x) == Some(&b'#')
    }

    /// The symbol for one cell of a digit.
    fn symbol(&self, digit: usize, column: u16, row: u16) -> &'static str {
        if self.large {
            let on = Self::lit(digit, usize::from(column / 2), usize::from(row));
            return if on { "█" } else { " " };
        }
        let (x, top) = (usize::from(column), usize::from(row) * 2);
        match (Self::lit(digit, x, top), Self::lit(digit, x, top + 1)) {
            (true, true) => "█",
            (true, false) => "▀",
            (false, true) => "▄",
            (false, false) => " ",
        }
    }
}

impl Widget for &BigDigits {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.width() > area.width || self.height() > area.height {
            return;
        }
        for (i, &digit) in self.digits.iter().enumerate() {
            let left = area.x + i as u16 * (self.digit_width() + self.gap());
            for row in 0..self.height() {
                for column in 0..self.digit_width() {
                    if let Some(cell) = buf.cell_mut((left + column, area.y + row)) {
                        cell.set_symbol(self.symbol(digit, column, row))
                            .set_style(self.style);
                    }
                }
            }
        }
    }
}
