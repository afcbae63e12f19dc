//! Taking the terminal and always giving it back as found (raw mode off, main screen, cursor
//! shown, mouse capture and bracketed paste off): on return, on error, on panic, on SIGTERM,
//! SIGHUP, SIGINT and SIGQUIT, and when the terminal goes away without a signal. SIGTSTP (and
//! Ctrl-Z) gives it back, stops, and takes it again on SIGCONT.

use super::cast::{Recorder, Screen};
use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::Terminal;
use ratatui::prelude::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;
use signal_hook::low_level;
use std::fs::File;
use std::io::{IsTerminal, stdin, stdout};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

/// Exit code after a hangup: 128 + SIGHUP, as if the signal had arrived.
const HANGUP_EXIT: i32 = 128 + SIGHUP;

/// Held while a frame is written and while the app is suspended, so a frame is never drawn
/// over the shell between giving the terminal back and stopping.
static SCREEN: Mutex<()> = Mutex::new(());

/// Set when the app took the terminal back after a stop: the next frame is drawn whole.
static RESUMED: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back. Every step is tried even if one fails (after a hangup there may be
/// no terminal left to write to), and nothing here prints or panics.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture, Show);
    let _ = ratatui::try_restore();
}

/// Raw mode, the alternate screen (cleared: not every terminal clears it), mouse capture and
/// bracketed paste (so a paste arrives as one event, not as key presses), cursor hidden.
fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

/// Restores the terminal before the previous hook prints the panic, so the message is readable
/// and the cursor is back even when panics abort instead of unwinding.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A save thread's panic is caught and logged in the app, which goes on running: the
        // terminal stays the app's, and the message goes to the log, not over the screen.
        if std::thread::current().name() == Some(super::save_job::THREAD) {
            return;
        }
        restore();
        previous(info);
    }));
}

/// Restores and exits with 128 + the signal's number when SIGTERM, SIGHUP, SIGINT or SIGQUIT
/// arrives; suspends on SIGTSTP. A thread is needed: after a hangup crossterm's reader spins
/// instead of returning, so a flag checked by the event loop would never be seen.
fn spawn_signal_thread() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    stop_until_continued();
                } else {
                    restore();
                    // A save that runs finishes first: the file is replaced whole.
                    if super::save_job::is_saving() {
                        eprintln!("tokenclock: waiting for the save to finish before quitting");
                        super::save_job::wait_for_saves();
                    }
                    std::process::exit(128 + signal);
                }
            }
        })?;
    Ok(())
}

/// Gives the terminal back, stops, and after SIGCONT takes the terminal again. The event loop
/// is woken with a resize (SIGWINCH reaches crossterm's reader) and draws the whole screen anew.
fn stop_until_continued() {
    let guard = SCREEN.lock().unwrap_or_else(PoisonError::into_inner);
    restore();
    stop_as_by_default();
    // Running again (or never stopped: see `stop_as_by_default`).
    if enter().is_err() {
        restore();
    }
    RESUMED.store(true, Ordering::SeqCst);
    drop(guard);
    let _ = low_level::raise(SIGWINCH);
}

/// SIGTSTP's default action, as if tokenclock handled none: the kernel stops the process, or
/// discards the signal when no shell could continue it (an orphaned process group, e.g. after
/// `exec tokenclock`), where a SIGSTOP would leave the app stopped for good. The handler is
/// put back afterwards.
fn stop_as_by_default() {
    // SAFETY: plain sigaction/raise calls with zero-initialised, fully set structs; the
    // previous action (signal-hook's handler) is restored exactly as it was.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(SIGTSTP, &default, &mut previous) != 0 {
            return;
        }
        // Delivered before `raise` returns; the process is stopped until SIGCONT.
        libc::raise(SIGTSTP);
        libc::sigaction(SIGTSTP, &previous, std::ptr::null_mut());
    }
}

/// Ctrl-Z: what the terminal does for it outside raw mode, SIGTSTP to the whole process group
/// (so a `cargo run` around the app stops too); the signal thread then suspends the app.
pub fn suspend() {
    // SAFETY: kill(2) with pid 0 only sends a signal to this process group.
    unsafe {
        libc::kill(0, SIGTSTP);
    }
}

/// Whether the app was continued after a stop since the last call: then the screen must be
/// cleared and drawn whole (the terminal's contents are the shell's).
pub fn take_resumed() -> bool {
    RESUMED.swap(false, Ordering::SeqCst)
}

/// Held while a frame is written.
pub fn drawing() -> MutexGuard<'static, ()> {
    SCREEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The terminal's file descriptors: what crossterm reads (standard input, or `/dev/tty` when
/// standard input is not a terminal) and standard output, which the app draws on. The file
/// keeps `/dev/tty` open for as long as the app runs.
struct TerminalFds {
    fds: Vec<RawFd>,
    _tty: Option<File>,
}

/// Found once, when the app takes the terminal, and kept: once the terminal is hung up,
/// isatty(3) fails on its descriptors and `/dev/tty` no longer opens, so looking for them again
/// then would find none, and a lost terminal would pass for an ordinary error (exit 1, not 129).
static TERMINAL_FDS: OnceLock<TerminalFds> = OnceLock::new();

fn terminal_fds() -> &'static [RawFd] {
    &TERMINAL_FDS
        .get_or_init(|| {
            let mut fds = Vec::new();
            let mut tty = None;
            if stdin().is_terminal() {
                fds.push(stdin().as_raw_fd());
            } else if let Ok(file) = File::open("/dev/tty") {
                fds.push(file.as_raw_fd());
                tty = Some(file);
            }
            if stdout().is_terminal() {
                fds.push(stdout().as_raw_fd());
            }
            TerminalFds { fds, _tty: tty }
        })
        .fds
}

/// True when poll(2) reports any of `fds` hung up, in error, or closed. `timeout_ms` -1 waits
/// until one is. Asks for no readiness at all, so only those conditions end the wait.
fn hung_up(fds: &[RawFd], timeout_ms: i32) -> bool {
    let mut polls: Vec<libc::pollfd> = fds
        .iter()
        .map(|&fd| libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        })
        .collect();
    loop {
        // SAFETY: `polls` is a valid array of `polls.len()` pollfd structs for the whole call.
        let ready =
            unsafe { libc::poll(polls.as_mut_ptr(), polls.len() as libc::nfds_t, timeout_ms) };
        if ready < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        return ready > 0
            && polls
                .iter()
                .any(|p| p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0);
    }
}

/// Whether the terminal is gone now (for an error from the event loop: a lost terminal is a
/// hangup, not a failure).
pub fn is_gone() -> bool {
    let fds = terminal_fds();
    !fds.is_empty() && hung_up(fds, 0)
}

/// A lost terminal ends the app: crossterm's reader retries for ever on end-of-file or EIO,
/// and without a SIGHUP (the app started under `setsid`, or a hangup it never got) nothing
/// else would notice. The thread sleeps in poll(2), using no CPU until the terminal is gone.
fn spawn_hangup_watch() -> std::io::Result<()> {
    let fds = terminal_fds();
    if fds.is_empty() {
        return Ok(());
    }
    std::thread::Builder::new()
        .name("hangup".to_owned())
        .spawn(move || {
            if hung_up(fds, -1) {
                restore();
                std::process::exit(HANGUP_EXIT);
            }
            // poll failed for another reason: stop watching rather than spin.
        })?;
    Ok(())
}

/// Exits as after a hangup, giving back what can be given back.
pub fn exit_hung_up() -> ! {
    restore();
    std::process::exit(HANGUP_EXIT)
}

/// The app's terminal: it draws on standard output, through the recording if there is one.
pub type AppTerminal = Terminal<CrosstermBackend<Screen>>;

/// Enters raw mode, the alternate screen, mouse capture and bracketed paste. On failure the
/// terminal is already given back.
pub fn init(recorder: Recorder) -> std::io::Result<AppTerminal> {
    install_panic_hook();
    // Held until the terminal is taken and crossterm's reader is listening for SIGWINCH: a
    // SIGTSTP that comes sooner waits for it, so the stop cannot give the terminal back halfway
    // through `enter`, and the SIGWINCH raised on continuing always reaches the event loop.
    let _screen = drawing();
    spawn_signal_thread()?;
    spawn_hangup_watch()?;
    let screen = Screen::new(stdout(), recorder);
    let result = enter().and_then(|()| {
        start_event_reader();
        Terminal::new(CrosstermBackend::new(screen))
    });
    if result.is_err() {
        restore();
    }
    result
}

/// crossterm creates its reader, and with it its SIGWINCH handler, on the first poll or read;
/// until then a SIGWINCH is ignored. The event loop draws before it first reads, so a stop in
/// that time would lose the wake-up that redraws the screen after `fg`. A poll that waits for
/// nothing creates the reader now (any input it finds is kept for the loop); if the reader
/// cannot be created, the loop's first read reports why.
fn start_event_reader() {
    let _ = crossterm::event::poll(std::time::Duration::ZERO);
}
