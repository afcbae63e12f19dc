//! Large digits for the clock: a 3×5 pixel font drawn with half blocks, so each digit takes
//! 3 columns and 3 rows (about square on most terminals). ratatui 0.30 has no big-text widget.

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
const DIGIT_WIDTH: u16 = 3;
const GAP: u16 = 1;
pub const HEIGHT: u16 = 3;

/// A number in large digits; draws nothing unless the whole number fits.
pub struct BigDigits {
    digits: Vec<usize>,
    style: Style,
}

impl BigDigits {
    pub fn new(value: u64, style: Style) -> Self {
        let digits = value
            .to_string()
            .bytes()
            .map(|b| usize::from(b - b'0'))
            .collect();
        Self { digits, style }
    }

    pub fn width(&self) -> u16 {
        let n = self.digits.len() as u16;
        n * DIGIT_WIDTH + n.saturating_sub(1) * GAP
    }

    fn lit(digit: usize, x: usize, y: usize) -> bool {
        FONT[digit][y].as_bytes().get(x) == Some(&b'#')
    }
}

impl Widget for &BigDigits {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.width() > area.width || HEIGHT > area.height {
            return;
        }
        for (i, &digit) in self.digits.iter().enumerate() {
            let left = area.x + i as u16 * (DIGIT_WIDTH + GAP);
            for row in 0..HEIGHT {
                for column in 0..DIGIT_WIDTH {
                    let (x, top) = (usize::from(column), usize::from(row) * 2);
                    let upper = BigDigits::lit(digit, x, top);
                    let lower = top + 1 < 5 && BigDigits::lit(digit, x, top + 1);
                    let symbol = match (upper, lower) {
                        (true, true) => "█",
                        (true, false) => "▀",
                        (false, true) => "▄",
                        (false, false) => " ",
                    };
                    if let Some(cell) = buf.cell_mut((left + column, area.y + row)) {
                        cell.set_symbol(symbol).set_style(self.style);
                    }
                }
            }
        }
    }
}
