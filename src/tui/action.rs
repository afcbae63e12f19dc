//! Everything the app can be asked to do. Keys and the mouse become an `Action`
//! (see `keymap` and `input`); `App::update` carries it out.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// `Esc`: closes the open overlay, or quits when none is open.
    Cancel,
    Quit,
    /// A click on the n-th row shown in the table (0 = the top visible row).
    ClickRow(usize),
    /// The mouse wheel: move the view by this many rows.
    ScrollDown(usize),
    ScrollUp(usize),
    /// The terminal has this new size.
    Resize {
        width: u16,
        height: u16,
    },
}
