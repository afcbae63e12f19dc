//! End-to-end in a pseudo-terminal: hostile text never reaches the screen raw, a paste is text
//! and not keys, and a lost, stopped or quit terminal is given back.

#[path = "support/pty.rs"]
mod harness;

use harness::App;

/// What the app itself never sends, so any of it in the byte stream came from input: OSC
/// (titles, hyperlinks, the clipboard), DCS and APC strings, BEL, C1 controls and invisible or
/// reordering characters.
fn hostile_bytes_in(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    for needle in ["\x1b]", "\x1bP", "\x1b_", "\x07"] {
        if text.contains(needle) {
            return Some(format!("{needle:?}"));
        }
    }
    text.chars()
        .find(|&c| {
            matches!(c, '\u{80}'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| format!("U+{:04X}", c as u32))
}

fn assert_no_hostile_bytes(app: &App) {
    let raw = app.raw.lock().unwrap().clone();
    if let Some(found) = hostile_bytes_in(&raw) {
        panic!("{found} reached the terminal; the screen:\n{}", app.dump());
    }
}

/// Typed into a prompt: crossterm reads the escape sequences as keys, the rest as characters.
const TYPED: [&str; 6] = [
    "\u{9b}2J",
    "\u{9d}0;PWNED\u{9c}",
    "abc\u{202e}fdp",
    "al\u{200b}ice",
    "\u{2066}x\u{2069}",
    "ding\x07",
];

#[test]
fn hostile_text_typed_into_a_prompt_never_reaches_the_screen_raw() {
    let mut app = App::start(100, 30);
    app.wait_for_text(&["alice"]);
    let prompt_open = |s: &vt100::Screen| s.contents().contains("Enter applies");
    for typed in TYPED {
        app.press("a");
        app.wait_for("the name prompt", prompt_open);
        app.press(typed);
        app.press("\r");
        // Esc closes whatever prompt the Enter left open. (Sent together, Esc and the next `a`
        // would be read as Alt-a.)
        app.press("\x1b");
        app.wait_for("the prompt to close", |s| !prompt_open(s));
    }
    app.press("q");
    app.wait_for_exit();
    assert_no_hostile_bytes(&app);
}

#[test]
fn a_hostile_scenario_file_name_is_shown_escaped_when_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s\x1b]0;PWNED\x07\u{202e}.toml");
    std::fs::copy("assets/lesson.toml", &path).unwrap();
    let mut app = App::start_with(120, 30, &["--scenario", path.to_str().unwrap()], &[]);
    app.wait_for_text(&["alice"]);
    // A path that cannot be typed is not offered in the prompt: `w` saves to it and logs it.
    app.press("w");
    app.wait_for_text(&["saved to", "\\u{1b}]0;PWNED\\u{7}\\u{202e}.toml"]);
    app.press("q");
    app.wait_for_exit();
    assert_no_hostile_bytes(&app);
}

/// What a terminal sends for a paste while bracketed paste is on.
fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

#[test]
fn pasting_show_into_the_app_changes_nothing_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    let original = "# the class's scenario, with comments a save would drop\n\
                    current_time = 120\n[tokens]\nalice = { token = \"abc123\", expiry = 100 }\n";
    std::fs::write(&path, original).unwrap();
    let mut app = App::start_with(100, 30, &["--scenario", path.to_str().unwrap()], &[]);
    app.wait_for_text(&["alice", "now  120"]);
    app.wait_for("bracketed paste on", |s| s.bracketed_paste());
    // As keys: `h` moves the clock back, `w` opens the save prompt and Enter saves.
    app.press(&bracketed("show\r"));
    app.wait_for_text(&["paste ignored: 5 characters"]);
    app.press(&bracketed("w\r"));
    app.wait_for_text(&["paste ignored: 2 characters"]);
    let contents = app.screen.lock().unwrap().screen().contents();
    assert!(contents.contains("now  120"), "{}", app.dump());
    assert!(!contents.contains("save to"), "{}", app.dump());
    app.press("q");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn a_paste_into_the_time_prompt_is_typed_not_submitted() {
    let mut app = App::start(100, 30);
    app.wait_for_text(&["alice"]);
    app.press("t");
    app.wait_for_text(&["time"]);
    app.press(&bracketed("3\r00"));
    app.wait_for_text(&["300"]);
    assert!(
        app.screen
            .lock()
            .unwrap()
            .screen()
            .contents()
            .contains("now  120")
    );
    app.press("\r");
    app.wait_for_text(&["now  300", "clock 120 → 300"]);
}

#[test]
fn hostile_text_pasted_into_a_prompt_never_reaches_the_screen_raw() {
    let mut app = App::start(100, 30);
    app.wait_for_text(&["alice"]);
    let pasted = [
        "\x1b]0;PWNED\x07",
        "\x1b]52;c;cm0gLXJmIH4=\x07",
        "\x1b]8;;http://evil.example/\x1b\\x",
        "\x1bP$q\"p\x1b\\",
        "\x1b_apc\x1b\\",
        "\x1b[2J\x1b[31m",
    ]
    .iter()
    .chain(TYPED.iter());
    for (n, text) in pasted.enumerate() {
        app.press("w");
        app.wait_for_text(&["save to"]);
        app.press(&bracketed(text));
        app.wait_for_text(&["paste:"]);
        app.press("\x1b");
        // Sent together, Esc and `t` would be read as Alt-t.
        app.wait_for("the prompt to close", |s| !s.contents().contains("save to"));
        app.press(&format!("t{n}\r"));
        app.wait_for_text(&[&format!("now  {n} ")]);
    }
    app.press("q");
    app.wait_for_exit();
    assert_no_hostile_bytes(&app);
}

fn send_signal(app: &App, signal: &str) {
    let pid = app.child.process_id().unwrap();
    let kill = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
}

/// The process state letter from /proc (`T` stopped, `S` sleeping, `R` running).
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')')
        .next()?
        .split_whitespace()
        .next()?
        .chars()
        .next()
}

/// The app's whole interactive state: alternate screen, hidden cursor, mouse, bracketed paste.
fn app_owns_the_terminal(screen: &vt100::Screen) -> bool {
    screen.alternate_screen()
        && screen.hide_cursor()
        && screen.bracketed_paste()
        && screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    send_signal(&app, "QUIT");
    let status = app.wait_for_exit();
    assert_eq!(status.exit_code(), 131, "{status:?}");
    app.wait_for_restored_terminal();
}

fn shell_owns_the_terminal(screen: &vt100::Screen) -> bool {
    !screen.alternate_screen()
        && !screen.hide_cursor()
        && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
}

/// An interactive bash (with job control) in the terminal, running the app as a job.
fn app_under_bash() -> App {
    let mut shell = portable_pty::CommandBuilder::new("bash");
    shell.args(["--norc", "--noprofile", "-i"]);
    shell.env("PS1", "shell$ ");
    let mut app = App::spawn(80, 24, shell);
    app.wait_for_text(&["shell$"]);
    app.press(&format!("{}\r", env!("CARGO_BIN_EXE_tokenclock")));
    app.wait_for_text(&["alice", "abc123"]);
    app.wait_for("the app's terminal modes", app_owns_the_terminal);
    app
}

/// The process id of bash's one child, the app.
fn app_pid_under(shell: &App) -> u32 {
    let bash = shell.child.process_id().unwrap();
    let children = std::fs::read_to_string(format!("/proc/{bash}/task/{bash}/children")).unwrap();
    children.split_whitespace().next().unwrap().parse().unwrap()
}

/// After a stop (bash printed "Stopped" on the main screen), `fg` continues the app: it takes
/// the terminal again and redraws everything (entering the alternate screen clears it, so the
/// table seen then was drawn anew), and still takes keys.
fn fg_resumes_and_redraws(app: &mut App) {
    // (bash turns bracketed paste on for its own prompt.)
    app.wait_for("the terminal to be given back", shell_owns_the_terminal);
    app.wait_for_text(&["Stopped"]);
    app.press("fg\r");
    app.wait_for("the app's terminal modes again", app_owns_the_terminal);
    app.wait_for_text(&["alice", "abc123", "carol"]);
    app.press("r");
    app.wait_for_text(&["newtoken123"]);
    app.press("q");
    app.wait_for("the terminal to be given back", shell_owns_the_terminal);
    app.press("exit\r");
    app.wait_for_exit();
}

#[test]
fn sigtstp_gives_the_terminal_back_and_fg_takes_it_again_and_redraws() {
    let mut app = app_under_bash();
    let pid = app_pid_under(&app);
    std::process::Command::new("kill")
        .args(["-TSTP", &pid.to_string()])
        .status()
        .unwrap();
    let start = std::time::Instant::now();
    while process_state(pid) != Some('T') {
        assert!(start.elapsed() < harness::DEADLINE, "the app did not stop");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    fg_resumes_and_redraws(&mut app);
}

#[test]
fn ctrl_z_under_a_shell_suspends_and_fg_resumes() {
    let mut app = app_under_bash();
    app.press("\x1a");
    fg_resumes_and_redraws(&mut app);
}

/// Started without a job-control shell (here, as the session leader of its own terminal), no
/// one could continue a stopped app: SIGTSTP then gives the terminal back and takes it again
/// at once, as in other full-screen programs, rather than stopping for good.
#[test]
fn sigtstp_without_a_shell_to_continue_the_app_does_not_leave_it_stopped() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice", "abc123"]);
    let pid = app.child.process_id().unwrap();
    send_signal(&app, "TSTP");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_ne!(process_state(pid), Some('T'), "{}", app.dump());
    app.wait_for("the app's terminal modes", app_owns_the_terminal);
    app.press("r");
    app.wait_for_text(&["newtoken123"]);
    app.press("q");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}

/// A pseudo-terminal opened by hand, so the test can close its every master descriptor (the
/// harness's reader keeps one open until the app exits).
struct BarePty {
    master: std::os::fd::OwnedFd,
    slave: std::path::PathBuf,
}

fn open_bare_pty(cols: u16, rows: u16) -> BarePty {
    use std::ffi::CStr;
    use std::os::fd::FromRawFd;
    // SAFETY: plain libc calls on a descriptor this function owns; `name` outlives its use.
    unsafe {
        let fd = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        assert!(fd >= 0, "posix_openpt");
        let master = std::os::fd::OwnedFd::from_raw_fd(fd);
        assert_eq!(libc::grantpt(fd), 0);
        assert_eq!(libc::unlockpt(fd), 0);
        let mut name = [0 as libc::c_char; 256];
        assert_eq!(libc::ptsname_r(fd, name.as_mut_ptr(), name.len()), 0);
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        assert_eq!(libc::ioctl(fd, libc::TIOCSWINSZ, &size), 0);
        let slave = CStr::from_ptr(name.as_ptr()).to_str().unwrap().into();
        BarePty { master, slave }
    }
}

/// Reads the master until told to stop, checking every 50 ms; returns what it read.
fn read_until_stopped(
    master: std::os::fd::OwnedFd,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    seen: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
) -> std::thread::JoinHandle<()> {
    use std::os::fd::AsRawFd;
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while !stop.load(std::sync::atomic::Ordering::SeqCst) {
            let mut poll = libc::pollfd {
                fd: master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd; a buffer of the length passed.
            let ready = unsafe { libc::poll(&mut poll, 1, 50) };
            if ready > 0 && poll.revents & libc::POLLIN != 0 {
                let n = unsafe {
                    libc::read(master.as_raw_fd(), buffer.as_mut_ptr().cast(), buffer.len())
                };
                if n <= 0 {
                    break;
                }
                seen.lock()
                    .unwrap()
                    .extend_from_slice(&buffer[..n as usize]);
            }
        }
        // `master` is closed here.
    })
}

/// Started under `setsid`, the terminal is not the app's controlling terminal, so when it goes
/// away no SIGHUP arrives: input ends (end-of-file, EIO) and nothing else tells the app.
#[test]
fn a_lost_terminal_without_a_hangup_signal_ends_the_app_with_129_without_spinning() {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::process::CommandExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let pty = open_bare_pty(80, 24);
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&pty.slave)
        .unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tokenclock"));
    command
        .env("TERM", "xterm-256color")
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    // SAFETY: setsid is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    drop(command);

    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = read_until_stopped(pty.master, Arc::clone(&stop), Arc::clone(&seen));
    let start = Instant::now();
    while !String::from_utf8_lossy(&seen.lock().unwrap()).contains("alice") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the app did not draw"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The terminal goes away: every master descriptor is closed.
    stop.store(true, Ordering::SeqCst);
    reader.join().unwrap();

    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the app is still running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(129), "{status:?}");
}
