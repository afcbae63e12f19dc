//! Named styles for every part of the screen. A `Theme` is a value held by the app, so other
//! variants (high contrast, no colour) can be added and switched at run time. Status is always
//! also said in words and a symbol, so no style here carries meaning on its own.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub title: Style,
    pub header: Style,
    pub row: Style,
    pub selected_row: Style,
    pub just_refreshed: Style,
    pub valid: Style,
    pub boundary: Style,
    pub grace: Style,
    pub expired: Style,
    pub clock_digits: Style,
    pub clock_label: Style,
    pub rule: Style,
    pub newest_result: Style,
    pub older_result: Style,
    pub footer_key: Style,
    pub footer_description: Style,
    pub help_key: Style,
    pub help_description: Style,
    pub warning: Style,
}

impl Theme {
    pub const DEFAULT: Theme = Theme {
        border: Style::new().fg(Color::DarkGray),
        title: Style::new().add_modifier(Modifier::BOLD),
        header: Style::new().add_modifier(Modifier::BOLD),
        row: Style::new(),
        selected_row: Style::new().add_modifier(Modifier::REVERSED),
        just_refreshed: Style::new().add_modifier(Modifier::BOLD),
        valid: Style::new().fg(Color::Green),
        boundary: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        grace: Style::new().fg(Color::Yellow),
        expired: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        clock_digits: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        clock_label: Style::new(),
        rule: Style::new().add_modifier(Modifier::BOLD),
        newest_result: Style::new().add_modifier(Modifier::BOLD),
        older_result: Style::new().fg(Color::Gray),
        footer_key: Style::new()
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::REVERSED),
        footer_description: Style::new(),
        help_key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        help_description: Style::new(),
        warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    };

    /// For projectors: no dim greys, bright colours, bold text, and every status also marked
    /// by a modifier.
    pub const HIGH_CONTRAST: Theme = Theme {
        border: Style::new().fg(Color::White),
        title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        header: Style::new()
            .fg(Color::White)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        row: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        selected_row: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::BOLD),
        just_refreshed: Style::new().add_modifier(Modifier::BOLD),
        valid: Style::new()
            .fg(Color::LightGreen)
            .add_modifier(Modifier::BOLD),
        boundary: Style::new()
            .fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        grace: Style::new()
            .fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD),
        expired: Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        clock_digits: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        clock_label: Style::new().fg(Color::White),
        rule: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        newest_result: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        older_result: Style::new().fg(Color::White),
        footer_key: Style::new()
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::REVERSED),
        footer_description: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        help_key: Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD),
        help_description: Style::new().fg(Color::White),
        warning: Style::new()
            .fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::REVERSED),
    };

    /// [`Theme::DEFAULT`] without any colour, for `NO_COLOR` (<https://no-color.org>).
    pub const NO_COLOR: Theme = Theme::DEFAULT.without_colours();

    /// The theme to draw with: default or high contrast, with or without colours.
    pub const fn choose(high_contrast: bool, colours: bool) -> Theme {
        let theme = if high_contrast {
            Theme::HIGH_CONTRAST
        } else {
            Theme::DEFAULT
        };
        if colours {
            theme
        } else {
            theme.without_colours()
        }
    }

    /// The same theme with only its modifiers (bold, reversed, ...): no foreground,
    /// background or underline colour anywhere.
    pub const fn without_colours(self) -> Theme {
        const fn plain(style: Style) -> Style {
            Style::new()
                .add_modifier(style.add_modifier)
                .remove_modifier(style.sub_modifier)
        }
        Theme {
            border: plain(self.border),
            title: plain(self.title),
            header: plain(self.header),
            row: plain(self.row),
            selected_row: plain(self.selected_row),
            just_refreshed: plain(self.just_refreshed),
            valid: plain(self.valid),
            boundary: plain(self.boundary),
            grace: plain(self.grace),
            expired: plain(self.expired),
            clock_digits: plain(self.clock_digits),
            clock_label: plain(self.clock_label),
            rule: plain(self.rule),
            newest_result: plain(self.newest_result),
            older_result: plain(self.older_result),
            footer_key: plain(self.footer_key),
            footer_description: plain(self.footer_description),
            help_key: plain(self.help_key),
            help_description: plain(self.help_description),
            warning: plain(self.warning),
        }
    }

    /// Every style in the theme (the destructuring fails to compile when a field is added and
    /// not listed here).
    pub fn styles(&self) -> Vec<Style> {
        let Theme {
            border,
            title,
            header,
            row,
            selected_row,
            just_refreshed,
            valid,
            boundary,
            grace,
            expired,
            clock_digits,
            clock_label,
            rule,
            newest_result,
            older_result,
            footer_key,
            footer_description,
            help_key,
            help_description,
            warning,
        } = *self;
        vec![
            border,
            title,
            header,
            row,
            selected_row,
            just_refreshed,
            valid,
            boundary,
            grace,
            expired,
            clock_digits,
            clock_label,
            rule,
            newest_result,
            older_result,
            footer_key,
            footer_description,
            help_key,
            help_description,
            warning,
        ]
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::DEFAULT
    }
}
