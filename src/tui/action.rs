//! Everything the app can be asked to do. Keys and the mouse become an `Action`
//! (see `keymap` and `input`); `App::update` carries it out.

use crate::domain::Op;
use crate::registry::CommandSpec;
use crate::tui::save_job::SaveDone;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A command of the registry from its key: on the selected user, or on nothing (refresh,
    /// steal, undo, refresh all, ...). The one action every command key sends.
    Command(&'static CommandSpec),
    /// An operation already built (a prompt's, a test's).
    Run(Op),
    NextUser,
    PreviousUser,
    FirstUser,
    LastUser,
    PageDown,
    PageUp,
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
    /// The wall clock reached this Unix second: the event loop sends it once a second while
    /// the JWT screen follows the wall clock.
    WallClock(u64),
    SlowerPlay,
    FasterPlay,
    /// Open the prompt that sets the clock to a typed time.
    SetTime,
    /// Switch the boundary rule between the lesson's `<` and RFC 7519's `≤`.
    ToggleBoundary,
    /// Open the policy menu (boundary, ttl, early, leeway).
    PolicyMenu,
    /// Open the clients menu for the selected user (call, race, lose, skew, traffic).
    ClientsMenu,
    AddUser,
    /// Delete the selected user (after a confirmation).
    DeleteUser,
    /// Change the selected user's expiry (prompt).
    EditExpiry,
    /// Save the scenario to the `--scenario` file, or ask for a path.
    Save,
    /// Switch between the default and the high-contrast theme.
    ToggleTheme,
    /// The lesson's next step (doing the shown step's operation first if it is not done), or
    /// reveal the open question without an answer.
    NextStep,
    /// Back to where the lesson's previous step began.
    PreviousStep,
    /// The open question's choice with this number (from 1).
    Answer(usize),
    /// Quiz mode on or off: every refresh and clock move asks for a prediction first.
    ToggleQuiz,
    /// A character typed into the open prompt.
    PromptChar(char),
    PromptBackspace,
    /// `Enter` in a prompt: apply what was typed.
    PromptSubmit,
    /// `Esc`: closes the open prompt or overlay; on the table it only says how to quit.
    Cancel,
    /// `q`: quits, after asking when users or the policy were edited since loading or saving.
    Quit,
    /// `Ctrl-C`: quits at once, whatever is open.
    QuitNow,
    /// A click on the n-th row shown in the table (0 = the top visible row).
    ClickRow(usize),
    /// The mouse wheel: move the view by this many rows.
    ScrollDown(usize),
    ScrollUp(usize),
    /// Open or close the whole log.
    ToggleLog,
    /// The mouse wheel over the results (or anywhere in the log view): show older lines.
    LogOlder(usize),
    /// ... or newer ones.
    LogNewer(usize),
    /// Text pasted into the terminal (bracketed paste): typed into an open prompt, never read
    /// as keys.
    Paste(String),
    /// Stop the app (Ctrl-Z, as in other full-screen programs): the terminal is given back,
    /// the app stops, and on `fg` it takes the terminal again and redraws.
    Suspend,
    /// A save that ran off the key path has finished (the event loop sends it).
    Saved(Box<SaveDone>),
    /// The terminal has this new size.
    Resize {
        width: u16,
        height: u16,
    },
}

impl Action {
    /// The key action of the registry's command `name` (panics on a name the registry lacks:
    /// in a constant, at compile time).
    pub const fn command(name: &str) -> Action {
        Action::Command(crate::registry::spec(name))
    }
}
