//! A screen as an SVG picture: ratatui's [`Buffer`] drawn on a monospace grid, with its colours,
//! bold and the box-drawing characters kept, for the manual's and the README's pictures.
//!
//! Each row is one `<text>` with one `<tspan>` per run of cells in the same style, and a
//! background `<rect>` per run of cells with a colour behind them. Every character is placed at
//! its own cell (a list of `x` positions), so a fallback font's wider `█` or `↻` never pushes the
//! rest of the row out of its column. No crate did this (a search found only writers kept inside
//! other apps), so it is written here: a picture is a pure function of the buffer.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// One cell's width and height, and the font size, in pixels. DejaVu Sans Mono advances 0.602
/// em and is 1.164 em tall, so at 15 px a character is 9 px wide and 17.5 px tall: `─` and `│`
/// join their neighbours.
const CELL_WIDTH: u32 = 9;
const CELL_HEIGHT: u32 = 17;
const FONT_SIZE: u32 = 15;
/// From a cell's top to the text's baseline.
const BASELINE: u32 = 14;
/// The empty margin around the screen.
const PADDING: u32 = 10;
const FONT_FAMILY: &str =
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace";

/// The terminal the picture imitates: a dark background, light text.
const DEFAULT_FOREGROUND: Rgb = Rgb(0xd4, 0xd4, 0xd4);
const DEFAULT_BACKGROUND: Rgb = Rgb(0x1e, 0x1e, 0x1e);

/// The 16 ANSI colours (black, red, green, yellow, blue, magenta, cyan, gray, then the bright
/// ones), as a common dark terminal theme draws them.
const ANSI: [Rgb; 16] = [
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xcd, 0x31, 0x31),
    Rgb(0x0d, 0xbc, 0x79),
    Rgb(0xe5, 0xe5, 0x10),
    Rgb(0x24, 0x72, 0xc8),
    Rgb(0xbc, 0x3f, 0xbc),
    Rgb(0x11, 0xa8, 0xcd),
    Rgb(0xbf, 0xbf, 0xbf),
    Rgb(0x76, 0x76, 0x76),
    Rgb(0xf1, 0x4c, 0x4c),
    Rgb(0x23, 0xd1, 0x8b),
    Rgb(0xf5, 0xf5, 0x43),
    Rgb(0x3b, 0x8e, 0xea),
    Rgb(0xd6, 0x70, 0xd6),
    Rgb(0x29, 0xb8, 0xdb),
    Rgb(0xff, 0xff, 0xff),
];

/// A colour as SVG writes it: `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The SVG picture of `buffer`: its whole area, every cell.
pub fn render(buffer: &Buffer) -> String {
    let area = buffer.area;
    let width = u32::from(area.width) * CELL_WIDTH + 2 * PADDING;
    let height = u32::from(area.height) * CELL_HEIGHT + 2 * PADDING;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\" font-size=\"{FONT_SIZE}\">"
    );
    let _ = writeln!(
        svg,
        "<rect width=\"100%\" height=\"100%\" rx=\"6\" fill=\"{DEFAULT_BACKGROUND}\"/>"
    );
    for row in 0..area.height {
        let mut covered = 0;
        let cells: Vec<Shown> = (0..area.width)
            .map(|column| {
                let mut shown = Shown::of(&buffer[(area.x + column, area.y + row)]);
                if covered > 0 {
                    // Under the right half of a wide character: the cell before draws it.
                    covered -= 1;
                    shown.symbol = "";
                } else {
                    covered = shown.symbol.width().saturating_sub(1);
                }
                shown
            })
            .collect();
        write_backgrounds(&mut svg, row, &cells);
        write_text(&mut svg, row, &cells);
    }
    svg.push_str("</svg>\n");
    svg
}

/// A cell as it is drawn: its text and its resolved style (reversed video already swapped).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown<'a> {
    symbol: &'a str,
    style: Look,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    foreground: Rgb,
    /// `None`: the terminal's own background, drawn once behind everything.
    background: Option<Rgb>,
    bold: bool,
    italic: bool,
    dim: bool,
    underlined: bool,
    crossed_out: bool,
    hidden: bool,
}

impl<'a> Shown<'a> {
    fn of(cell: &'a Cell) -> Self {
        let modifier = cell.modifier;
        let mut foreground = colour(cell.fg);
        let mut background = colour(cell.bg);
        if modifier.contains(Modifier::REVERSED) {
            let fg = foreground.unwrap_or(DEFAULT_FOREGROUND);
            foreground = Some(background.unwrap_or(DEFAULT_BACKGROUND));
            background = Some(fg);
        }
        Shown {
            symbol: cell.symbol(),
            style: Look {
                foreground: foreground.unwrap_or(DEFAULT_FOREGROUND),
                background,
                bold: modifier.contains(Modifier::BOLD),
                italic: modifier.contains(Modifier::ITALIC),
                dim: modifier.contains(Modifier::DIM),
                underlined: modifier.contains(Modifier::UNDERLINED),
                crossed_out: modifier.contains(Modifier::CROSSED_OUT),
                hidden: modifier.contains(Modifier::HIDDEN),
            },
        }
    }

    /// A cell whose text draws nothing: a space (or the second half of a wide character) with
    /// no line through or under it.
    fn is_blank(&self) -> bool {
        (self.symbol.trim().is_empty() || self.style.hidden)
            && !self.style.underlined
            && !self.style.crossed_out
    }
}

/// A cell's colour; `None` for the terminal's default.
fn colour(colour: Color) -> Option<Rgb> {
    let index = match colour {
        Color::Reset => return None,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(n) if n < 16 => n,
        Color::Indexed(n) => return Some(indexed(n)),
        Color::Rgb(r, g, b) => return Some(Rgb(r, g, b)),
    };
    Some(ANSI[usize::from(index)])
}

/// xterm's 256-colour palette above the 16: a 6×6×6 cube, then 24 greys.
fn indexed(n: u8) -> Rgb {
    if n >= 232 {
        let grey = 8 + 10 * (n - 232);
        return Rgb(grey, grey, grey);
    }
    let n = n - 16;
    let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
    Rgb(level(n / 36), level(n / 6 % 6), level(n % 6))
}

/// One `<rect>` per run of cells with the same background colour.
fn write_backgrounds(svg: &mut String, row: u16, cells: &[Shown]) {
    let y = PADDING + u32::from(row) * CELL_HEIGHT;
    let mut column = 0;
    while column < cells.len() {
        let background = cells[column].style.background;
        let run = cells[column..]
            .iter()
            .take_while(|cell| cell.style.background == background)
            .count();
        if let Some(fill) = background {
            let x = PADDING + column as u32 * CELL_WIDTH;
            let width = run as u32 * CELL_WIDTH;
            let _ = writeln!(
                svg,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{CELL_HEIGHT}\" fill=\"{fill}\"/>"
            );
        }
        column += run;
    }
}

/// The row's text: one `<tspan>` per run of cells in the same style (blank runs left out), each
/// character at its cell's `x`. A cell of several characters (a letter and a combining mark)
/// is a run of its own with one `x`, so its characters are shaped together.
fn write_text(svg: &mut String, row: u16, cells: &[Shown]) {
    let y = PADDING + u32::from(row) * CELL_HEIGHT + BASELINE;
    let mut spans = String::new();
    let mut column = 0;
    while column < cells.len() {
        let first = &cells[column];
        let single = |cell: &Shown| cell.symbol.chars().count() <= 1;
        let run = if single(first) {
            cells[column..]
                .iter()
                .take_while(|cell| cell.style == first.style && single(cell))
                .count()
        } else {
            1
        };
        let group = &cells[column..column + run];
        // Blanks at either end draw nothing: the span starts and stops at its text.
        if let Some(start) = group.iter().position(|cell| !cell.is_blank()) {
            let end = group
                .iter()
                .rposition(|cell| !cell.is_blank())
                .unwrap_or(start);
            write_span(&mut spans, column + start, &group[start..=end]);
        }
        column += run;
    }
    if !spans.is_empty() {
        let _ = writeln!(svg, "<text y=\"{y}\" xml:space=\"preserve\">{spans}</text>");
    }
}

fn write_span(out: &mut String, first_column: usize, cells: &[Shown]) {
    let style = cells[0].style;
    let mut xs = Vec::new();
    let mut text = String::new();
    for (offset, cell) in cells.iter().enumerate() {
        // The second half of a wide character: the cell before drew it.
        if cell.symbol.is_empty() {
            continue;
        }
        let x = PADDING + (first_column + offset) as u32 * CELL_WIDTH;
        xs.push(x.to_string());
        escape_into(&mut text, cell.symbol);
    }
    if xs.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<tspan x=\"{}\" fill=\"{}\"",
        xs.join(" "),
        style.foreground
    );
    if style.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if style.italic {
        out.push_str(" font-style=\"italic\"");
    }
    if style.dim {
        out.push_str(" fill-opacity=\"0.6\"");
    }
    if style.hidden {
        out.push_str(" visibility=\"hidden\"");
    }
    match (style.underlined, style.crossed_out) {
        (true, true) => out.push_str(" text-decoration=\"underline line-through\""),
        (true, false) => out.push_str(" text-decoration=\"underline\""),
        (false, true) => out.push_str(" text-decoration=\"line-through\""),
        (false, false) => {}
    }
    let _ = write!(out, ">{text}</tspan>");
}

/// `text` made safe inside an XML element: the five special characters as entities, and any
/// character XML 1.0 cannot hold (C0 controls but tab, U+FFFE, U+FFFF) as U+FFFD.
fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push(' '),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            ch => out.push(ch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer(width: u16, height: u16) -> Buffer {
        Buffer::empty(Rect::new(0, 0, width, height))
    }

    #[test]
    fn the_picture_is_the_grid_of_cells_plus_the_margin() {
        let svg = render(&buffer(80, 24));
        let width = 80 * CELL_WIDTH + 2 * PADDING;
        let height = 24 * CELL_HEIGHT + 2 * PADDING;
        assert!(svg.starts_with(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\""
        )));
        assert!(svg.ends_with("</svg>\n"));
        // An empty screen draws its background and no text.
        assert!(!svg.contains("<text"));
    }

    #[test]
    fn one_span_per_run_of_the_same_style_each_character_at_its_cell() {
        let mut buf = buffer(10, 1);
        buf.set_string(0, 0, "ab", Style::new().fg(Color::Green));
        buf.set_string(
            2,
            0,
            "cd",
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        );
        let svg = render(&buf);
        assert!(
            svg.contains("<tspan x=\"10 19\" fill=\"#0dbc79\">ab</tspan>"),
            "{svg}"
        );
        assert!(
            svg.contains("<tspan x=\"28 37\" fill=\"#cd3131\" font-weight=\"bold\">cd</tspan>"),
            "{svg}"
        );
        assert_eq!(svg.matches("<tspan").count(), 2);
    }

    #[test]
    fn box_drawing_and_block_characters_are_kept_as_they_are() {
        let mut buf = buffer(6, 1);
        buf.set_string(0, 0, "┌─┐█░↻", Style::new());
        let svg = render(&buf);
        assert!(svg.contains(">┌─┐█░↻</tspan>"), "{svg}");
    }

    #[test]
    fn a_coloured_background_is_one_rect_per_run_and_reversed_video_swaps_the_colours() {
        let mut buf = buffer(8, 2);
        buf.set_string(1, 1, "sel", Style::new().add_modifier(Modifier::REVERSED));
        buf.set_string(5, 1, "x", Style::new().bg(Color::Blue));
        let svg = render(&buf);
        let rects: Vec<&str> = svg.lines().filter(|l| l.starts_with("<rect x=")).collect();
        assert_eq!(
            rects,
            [
                format!(
                    "<rect x=\"19\" y=\"27\" width=\"27\" height=\"17\" fill=\"{DEFAULT_FOREGROUND}\"/>"
                ),
                "<rect x=\"55\" y=\"27\" width=\"9\" height=\"17\" fill=\"#2472c8\"/>".to_owned(),
            ]
        );
        assert!(svg.contains(&format!("fill=\"{DEFAULT_BACKGROUND}\">sel</tspan>")));
    }

    #[test]
    fn text_is_escaped_for_xml_and_controls_never_reach_the_file() {
        let mut buf = buffer(12, 1);
        buf[(0, 0)].set_symbol("<");
        buf[(1, 0)].set_symbol("&");
        buf[(2, 0)].set_symbol(">");
        buf[(3, 0)].set_symbol("\"");
        buf[(4, 0)].set_symbol("'");
        buf[(5, 0)].set_symbol("\u{1b}");
        buf[(6, 0)].set_symbol("\u{7}");
        let svg = render(&buf);
        assert!(
            svg.contains(">&lt;&amp;&gt;&quot;&apos;\u{fffd}\u{fffd}</tspan>"),
            "{svg}"
        );
        assert!(!svg.contains('\u{1b}') && !svg.contains('\u{7}'));
    }

    #[test]
    fn a_wide_character_takes_two_cells_and_the_next_one_starts_after_it() {
        let mut buf = buffer(5, 1);
        buf.set_string(0, 0, "界ab", Style::new());
        let svg = render(&buf);
        assert!(svg.contains("<tspan x=\"10 28 37\""), "{svg}");
        assert!(svg.contains(">界ab</tspan>"), "{svg}");
    }

    #[test]
    fn a_letter_with_a_combining_mark_is_its_own_span() {
        let mut buf = buffer(4, 1);
        buf.set_string(0, 0, "ae\u{301}b", Style::new());
        let svg = render(&buf);
        assert!(svg.contains("<tspan x=\"10\" fill"), "{svg}");
        assert!(
            svg.contains("<tspan x=\"19\" fill=\"#d4d4d4\">e\u{301}</tspan>"),
            "{svg}"
        );
        assert!(svg.contains("<tspan x=\"28\" fill"), "{svg}");
    }

    #[test]
    fn colours_beyond_the_sixteen_are_written_as_rgb() {
        let hex = |c: Color| colour(c).map(|rgb| rgb.to_string());
        assert_eq!(hex(Color::Rgb(1, 2, 255)).as_deref(), Some("#0102ff"));
        assert_eq!(hex(Color::Indexed(196)).as_deref(), Some("#ff0000"));
        assert_eq!(hex(Color::Indexed(232)).as_deref(), Some("#080808"));
        assert_eq!(colour(Color::Indexed(9)), Some(ANSI[9]));
        assert_eq!(colour(Color::Reset), None);
    }
}
