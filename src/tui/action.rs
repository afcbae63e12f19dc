//! Everything the app can be asked to do. Keys and the mouse become an `Action`
//! (see `keymap` and `input`); `App::update` carries it out.

use crate::domain::Op;
use crate::domain::oauth::ModelOp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// An operation that needs nothing from the screen (refresh all, undo, reset, ...).
    Run(Op),
    NextUser,
    PreviousUser,
    FirstUser,
    LastUser,
    PageDown,
    PageUp,
    /// The lesson's `refresh_token` for the selected user.
    Refresh,
    /// One of the real-world model's operations on the selected user (nothing in the lesson).
    Model(ModelOp),
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
    /// The terminal has this new size.
    Resize {
        width: u16,
        height: u16,
    },
}
