//! End-to-end: the real binary in a pseudo-terminal, read through a vt100 parser. Each wait has
//! a deadline and dumps the screen when it is missed.

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(10);

struct App {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl App {
    fn start(cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_tokenclock"));
        command.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let parser = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            // Ends at EOF or EIO, when the program has exited and closed the terminal.
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                parser.lock().unwrap().process(&buffer[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Self {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn dump(&self) -> String {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        format!(
            "alternate screen: {}, cursor hidden: {}\n{}",
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.contents()
        )
    }

    fn wait_for(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if done(self.screen.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; the screen:\n{}", self.dump());
    }

    fn wait_for_text(&self, texts: &[&str]) {
        self.wait_for(&format!("{texts:?}"), |screen| {
            let contents = screen.contents();
            texts.iter().all(|t| contents.contains(t))
        });
    }

    fn wait_for_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the app did not exit; the screen:\n{}", self.dump());
    }

    /// The terminal is as it was before the app: main screen, cursor shown, no mouse capture.
    fn wait_for_restored_terminal(&self) {
        self.wait_for("the terminal to be restored", |screen| {
            !screen.alternate_screen()
                && !screen.hide_cursor()
                && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        });
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const RIGHT: &str = "\x1b[C";
const DOWN: &str = "\x1b[B";

#[test]
fn starts_on_the_lesson() {
    let app = App::start(80, 24);
    app.wait_for_text(&["alice", "bob", "carol", "120", "abc123"]);
    app.wait_for("the alternate screen", |s| {
        s.alternate_screen() && s.hide_cursor()
    });
}

#[test]
fn refresh_alice_then_bob_then_move_the_clock() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice", "abc123"]);
    app.press("r");
    app.wait_for_text(&["newtoken123", "220", "expired (100 < 120) → newtoken123"]);
    app.press(DOWN);
    app.press("r");
    app.wait_for_text(&["refresh bob: still valid (200 ≥ 120), 80 left"]);
    app.press(RIGHT);
    app.wait_for_text(&["now  130", "clock 120 → 130"]);
}

#[test]
fn q_quits_and_gives_the_terminal_back() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    app.press("q");
    let status = app.wait_for_exit();
    assert!(status.success(), "{status:?}");
    app.wait_for_restored_terminal();
}

#[test]
fn ctrl_c_quits_in_raw_mode() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    app.press("\x03");
    assert!(app.wait_for_exit().success());
    app.wait_for_restored_terminal();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["alice"]);
    let pid = app.child.process_id().unwrap();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = app.wait_for_exit();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    assert_eq!(
        status.signal(),
        None,
        "it exits, it is not killed by the signal"
    );
    app.wait_for_restored_terminal();
}

#[test]
fn a_mouse_click_selects_a_row() {
    let mut app = App::start(80, 24);
    app.wait_for_text(&["carol"]);
    // SGR mouse report: left button pressed at column 5, row 5 (1-based), carol's row.
    app.press("\x1b[<0;5;5M\x1b[<0;5;5m");
    app.press("r");
    app.wait_for_text(&["refresh carol: expired (50 < 120) → newtoken123, expires 220"]);
}
