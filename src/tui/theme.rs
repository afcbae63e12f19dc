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
    /// Still valid, but inside the early window: a client would refresh it now.
    pub refresh_due: Style,
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
    /// Why panel: the pseudocode, the branch that would run now, the branch that ran, and the
    /// branch that does not run.
    pub why_code: Style,
    pub why_condition: Style,
    pub why_active_branch: Style,
    pub why_ran_branch: Style,
    pub why_inactive_branch: Style,
    /// Timeline: a token's valid part, its expired part, its part in the leeway, the "now"
    /// line, the mark where a refresh began a new token, and the axis labels.
    pub timeline_valid: Style,
    /// A valid token's part inside the early window (`▓`).
    pub timeline_early: Style,
    pub timeline_expired: Style,
    pub timeline_grace: Style,
    pub timeline_now: Style,
    pub timeline_refresh: Style,
    pub timeline_axis: Style,
}

impl Theme {
    pub const DEFAULT: Theme = Theme {
        // The terminal's own text colour: dark grey faded away on a bright projector.
        border: Style::new(),
        title: Style::new().add_modifier(Modifier::BOLD),
        header: Style::new().add_modifier(Modifier::BOLD),
        row: Style::new(),
        selected_row: Style::new().add_modifier(Modifier::REVERSED),
        just_refreshed: Style::new().add_modifier(Modifier::BOLD),
        valid: Style::new().fg(Color::Green),
        boundary: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        refresh_due: Style::new().fg(Color::Cyan),
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
        why_code: Style::new(),
        why_condition: Style::new().add_modifier(Modifier::BOLD),
        why_active_branch: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        why_ran_branch: Style::new()
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::REVERSED),
        why_inactive_branch: Style::new().fg(Color::DarkGray),
        timeline_valid: Style::new().fg(Color::Green),
        timeline_early: Style::new().fg(Color::Cyan),
        timeline_expired: Style::new().fg(Color::Red),
        timeline_grace: Style::new().fg(Color::Yellow),
        timeline_now: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        timeline_refresh: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        timeline_axis: Style::new().fg(Color::Gray),
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
        refresh_due: Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD),
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
        why_code: Style::new().fg(Color::White),
        why_condition: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        why_active_branch: Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        why_ran_branch: Style::new()
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::REVERSED),
        why_inactive_branch: Style::new().fg(Color::White),
        timeline_valid: Style::new().fg(Color::LightGreen),
        timeline_early: Style::new().fg(Color::LightCyan),
        timeline_expired: Style::new().fg(Color::LightRed),
        timeline_grace: Style::new().fg(Color::LightYellow),
        timeline_now: Style::new()
            .fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD),
        timeline_refresh: Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD),
        timeline_axis: Style::new().fg(Color::White),
    };

    /// The theme to draw with: default or high contrast, with or without colours.
    pub fn choose(high_contrast: bool, colours: bool) -> Theme {
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
    /// background or underline colour anywhere, for `NO_COLOR` (<https://no-color.org>).
    pub fn without_colours(mut self) -> Theme {
        for style in self.styles_mut() {
            *style = Style::new()
                .add_modifier(style.add_modifier)
                .remove_modifier(style.sub_modifier);
        }
        self
    }

    /// Every style in the theme.
    pub fn styles(mut self) -> Vec<Style> {
        self.styles_mut().into_iter().map(|style| *style).collect()
    }

    /// Every style in the theme, to change them all (the destructuring fails to compile when a
    /// field is added and not listed here).
    fn styles_mut(&mut self) -> [&mut Style; 33] {
        let Theme {
            border,
            title,
            header,
            row,
            selected_row,
            just_refreshed,
            valid,
            boundary,
            refresh_due,
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
            why_code,
            why_condition,
            why_active_branch,
            why_ran_branch,
            why_inactive_branch,
            timeline_valid,
            timeline_early,
            timeline_expired,
            timeline_grace,
            timeline_now,
            timeline_refresh,
            timeline_axis,
        } = self;
        [
            border,
            title,
            header,
            row,
            selected_row,
            just_refreshed,
            valid,
            boundary,
            refresh_due,
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
            why_code,
            why_condition,
            why_active_branch,
            why_ran_branch,
            why_inactive_branch,
            timeline_valid,
            timeline_early,
            timeline_expired,
            timeline_grace,
            timeline_now,
            timeline_refresh,
            timeline_axis,
        ]
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borders_are_never_a_dim_grey_that_fades_on_a_projector() {
        for theme in [Theme::DEFAULT, Theme::HIGH_CONTRAST] {
            assert!(
                !matches!(theme.border.fg, Some(Color::DarkGray | Color::Gray)),
                "{:?}",
                theme.border
            );
        }
        assert_eq!(
            Theme::DEFAULT.border.fg,
            None,
            "the terminal's own text colour"
        );
    }
}
