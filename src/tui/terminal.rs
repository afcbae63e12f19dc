//! Taking the terminal and always giving it back as found (raw mode off, main screen, cursor
//! shown, mouse capture and bracketed paste off): on return, on error, on panic, and on SIGTERM, SIGHUP and SIGINT.

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::DefaultTerminal;
use ratatui::Terminal;
use ratatui::prelude::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::stdout;

/// Gives the terminal back. Every step is tried even if one fails (after a hangup there may be
/// no terminal left to write to), and nothing here prints or panics.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture, Show);
    let _ = ratatui::try_restore();
}

/// Restores the terminal before the previous hook prints the panic, so the message is readable
/// and the cursor is back even when panics abort instead of unwinding.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Restores and exits with 128 + the signal's number when one of these signals arrives. A
/// thread is needed: after a hangup crossterm's reader spins instead of returning, so a flag
/// checked by the event loop would never be seen.
fn spawn_signal_thread() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Enters raw mode, the alternate screen, mouse capture and bracketed paste (so a paste
/// arrives as one event, not as key presses). On failure the terminal is
/// already given back.
pub fn init() -> std::io::Result<DefaultTerminal> {
    spawn_signal_thread()?;
    install_panic_hook();
    let result = (|| {
        enable_raw_mode()?;
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        )?;
        Terminal::new(CrosstermBackend::new(stdout()))
    })();
    if result.is_err() {
        restore();
    }
    result
}
