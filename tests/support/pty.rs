//! The pseudo-terminal harness shared by the end-to-end tests: the real binary in a pty, its
//! output read through a vt100 parser (and kept raw, for checking what bytes were sent). Each
//! wait has a deadline and dumps the screen when it is missed.
// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const DEADLINE: Duration = Duration::from_secs(10);

pub struct App {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote to the terminal.
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl App {
    pub fn start(cols: u16, rows: u16) -> Self {
        Self::start_with(cols, rows, &[], &[])
    }

    /// The app with command-line arguments and extra environment variables.
    pub fn start_with(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_tokenclock"));
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        Self::spawn(cols, rows, command)
    }

    /// Any program in the terminal (e.g. a shell that then starts the app).
    pub fn spawn(cols: u16, rows: u16, mut command: CommandBuilder) -> Self {
        command.env("TERM", "xterm-256color");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let parser = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_copy = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            // Ends at EOF or EIO, when the program has exited and closed the terminal.
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                parser.lock().unwrap().process(&buffer[..n]);
                raw_copy.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Self {
            screen,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn dump(&self) -> String {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        format!(
            "alternate screen: {}, cursor hidden: {}\n{}",
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.contents()
        )
    }

    pub fn wait_for(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if done(self.screen.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; the screen:\n{}", self.dump());
    }

    pub fn wait_for_text(&self, texts: &[&str]) {
        self.wait_for(&format!("{texts:?}"), |screen| {
            let contents = screen.contents();
            texts.iter().all(|t| contents.contains(t))
        });
    }

    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the app did not exit; the screen:\n{}", self.dump());
    }

    /// The terminal is as it was before the app: main screen, cursor shown, no mouse capture,
    /// no bracketed paste.
    pub fn wait_for_restored_terminal(&self) {
        self.wait_for("the terminal to be restored", |screen| {
            !screen.alternate_screen()
                && !screen.hide_cursor()
                && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
                && !screen.bracketed_paste()
        });
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
