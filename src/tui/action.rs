//! Everything the app can be asked to do. Keys and the mouse become an `Action`
//! (see `keymap` and `input`); `App::update` carries it out.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    NextUser,
    PreviousUser,
    FirstUser,
    LastUser,
    PageDown,
    PageUp,
    /// The lesson's `refresh_token` for the selected user.
    Refresh,
    /// Move the clock forward by the step.
    Advance,
    /// Move the clock back by the step (never below 0).
    Rewind,
    LargerStep,
    SmallerStep,
    ToggleHelp,
    /// Start or stop the clock advancing by the step at the play rate.
    TogglePlay,
    /// One beat while playing: the event loop sends it when the play interval has passed.
    Tick,
    SlowerPlay,
    FasterPlay,
    Undo,
    Redo,
    /// The lesson's `refresh_token` for every user, in order.
    RefreshAll,
    /// Open the prompt that sets the clock to a typed time.
    SetTime,
    /// Switch the boundary rule between the lesson's `<` and RFC 7519's `≤`.
    ToggleBoundary,
    AddUser,
    /// Delete the selected user (after a confirmation).
    DeleteUser,
    /// Change the selected user's expiry (prompt).
    EditExpiry,
    /// Save the scenario to the `--scenario` file, or ask for a path.
    Save,
    /// Switch between the default and the high-contrast theme.
    ToggleTheme,
    /// A character typed into the open prompt.
    PromptChar(char),
    PromptBackspace,
    /// `Enter` in a prompt: apply what was typed.
    PromptSubmit,
    /// `Esc`: closes the open prompt or overlay, or quits when none is open.
    Cancel,
    Quit,
    /// A click on the n-th row shown in the table (0 = the top visible row).
    ClickRow(usize),
    /// The mouse wheel: move the view by this many rows.
    ScrollDown(usize),
    ScrollUp(usize),
    /// Text pasted into the terminal (bracketed paste): typed into an open prompt, never read
    /// as keys.
    Paste(String),
    /// Stop the app (Ctrl-Z, as in other full-screen programs): the terminal is given back,
    /// the app stops, and on `fg` it takes the terminal again and redraws.
    Suspend,
    /// The terminal has this new size.
    Resize {
        width: u16,
        height: u16,
    },
}
