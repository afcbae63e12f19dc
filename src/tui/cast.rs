//! `--record FILE.cast`: what the app draws, written as an asciicast v2 file (asciinema's format:
//! a JSON header line, then one `[seconds, "o", text]` line per frame), so a class demo can be
//! shared, played back with `asciinema play` or turned into a GIF by `agg`.
//!
//! The recording is the bytes the terminal got, taken where the app writes them ([`Screen`]):
//! everything from input was already neutralised by the sanitiser before it was drawn.

use serde_json::json;
use std::fs::File;
use std::io::{self, BufWriter, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// What the terminal got from `terminal::enter` that playback needs: the cursor hidden and the
/// (alternate) screen cleared, with the cursor home.
const PREAMBLE: &str = "\u{1b}[?25l\u{1b}[2J\u{1b}[H";

/// An open `.cast` file. Each frame is written and flushed as one event, so the file is a valid
/// recording at every moment, even when a signal ends the app.
#[derive(Debug)]
pub struct Recording {
    path: PathBuf,
    file: BufWriter<File>,
    start: Option<Instant>,
    /// Bytes written since the last event; a character cut by a write waits for its end.
    pending: Vec<u8>,
}

impl Recording {
    /// Creates (or truncates) `path`. Nothing is written until [`Recording::start`].
    pub fn create(path: &Path) -> io::Result<Self> {
        Ok(Self {
            path: path.to_owned(),
            file: BufWriter::new(File::create(path)?),
            start: None,
            pending: Vec::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The header (version 2, the terminal's size, the time the recording started) and the
    /// preamble as the first event.
    pub fn start(&mut self, width: u16, height: u16) -> io::Result<()> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let header = json!({
            "version": 2,
            "width": width,
            "height": height,
            "timestamp": timestamp,
            "title": "tokenclock",
        });
        writeln!(self.file, "{header}")?;
        self.start = Some(Instant::now());
        self.event("o", PREAMBLE)
    }

    /// The terminal now has this size (an asciicast `r` event).
    pub fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        self.event("r", &format!("{width}x{height}"))
    }

    fn output(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
    }

    /// Everything written since the last event, as one `o` event; an unfinished UTF-8
    /// character at the end waits for the next one.
    fn frame(&mut self) -> io::Result<()> {
        let complete = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all (the app writes none): kept visible rather than dropped.
            Err(_) => self.pending.len(),
        };
        if complete == 0 {
            return Ok(());
        }
        let rest = self.pending.split_off(complete);
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending = rest;
        self.event("o", &text)
    }

    fn event(&mut self, kind: &str, data: &str) -> io::Result<()> {
        let Some(start) = self.start else {
            return Ok(());
        };
        // Milliseconds are enough for playback and keep the numbers short.
        let seconds = start.elapsed().as_millis() as f64 / 1000.0;
        writeln!(self.file, "{}", json!([seconds, kind, data]))?;
        self.file.flush()
    }
}

/// A shared handle on the recording, if there is one: the [`Screen`] writes frames into it and
/// the event loop starts it and records resizes. A recording that cannot be written is closed
/// (the app goes on) and its error kept for the log.
#[derive(Debug, Clone, Default)]
pub struct Recorder(Option<Arc<Mutex<Slot>>>);

#[derive(Debug)]
struct Slot {
    recording: Option<Recording>,
    failed: Option<String>,
}

impl Recorder {
    pub fn new(recording: Option<Recording>) -> Self {
        Self(recording.map(|recording| {
            Arc::new(Mutex::new(Slot {
                recording: Some(recording),
                failed: None,
            }))
        }))
    }

    /// Starts the recording at the terminal's size.
    pub fn start(&self, width: u16, height: u16) {
        self.with(|r| r.start(width, height));
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.with(|r| r.resize(width, height));
    }

    /// Why the recording stopped, once.
    pub fn take_failure(&self) -> Option<String> {
        let slot = self.0.as_ref()?;
        slot.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .failed
            .take()
    }

    fn with(&self, act: impl FnOnce(&mut Recording) -> io::Result<()>) {
        let Some(slot) = &self.0 else {
            return;
        };
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(recording) = slot.recording.as_mut() else {
            return;
        };
        if let Err(e) = act(recording) {
            let path = recording.path().display().to_string();
            slot.failed = Some(format!(
                "cannot write the recording {path}: {e}; it is closed"
            ));
            slot.recording = None;
        }
    }
}

/// Where the app draws: standard output, and the recording when there is one.
#[derive(Debug)]
pub struct Screen {
    out: Stdout,
    recorder: Recorder,
}

impl Screen {
    pub fn new(out: Stdout, recorder: Recorder) -> Self {
        Self { out, recorder }
    }
}

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.out.write(buf)?;
        self.recorder.with(|r| {
            r.output(&buf[..written]);
            Ok(())
        });
        Ok(written)
    }

    /// Ratatui flushes once a frame: the frame becomes one event.
    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.out.flush();
        self.recorder.with(Recording::frame);
        flushed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(path: &Path) -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }

    #[test]
    fn a_recording_is_a_header_then_one_event_per_frame() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.cast");
        let mut recording = Recording::create(&path).unwrap();
        recording.start(80, 24).unwrap();
        recording.output("┌ Tokens".as_bytes());
        recording.output(b"\x1b[2;1Halice");
        recording.frame().unwrap();
        recording.resize(100, 30).unwrap();
        let lines = lines(&path);
        assert_eq!(lines[0]["version"], 2);
        assert_eq!(lines[0]["width"], 80);
        assert_eq!(lines[0]["height"], 24);
        assert!(lines[0]["timestamp"].is_u64());
        assert_eq!(lines[1][1], "o");
        assert_eq!(lines[1][2], PREAMBLE);
        assert_eq!(lines[2][1], "o");
        assert_eq!(lines[2][2], "┌ Tokens\u{1b}[2;1Halice");
        assert_eq!(lines[3][1], "r");
        assert_eq!(lines[3][2], "100x30");
        assert!(lines[1..].iter().all(|event| event[0].is_f64()));
    }

    #[test]
    fn a_character_cut_between_writes_waits_for_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.cast");
        let mut recording = Recording::create(&path).unwrap();
        recording.start(10, 2).unwrap();
        let bytes = "a│b".as_bytes();
        recording.output(&bytes[..2]);
        recording.frame().unwrap();
        recording.output(&bytes[2..]);
        recording.frame().unwrap();
        let lines = lines(&path);
        assert_eq!(lines[2][2], "a");
        assert_eq!(lines[3][2], "│b");
    }

    #[test]
    fn nothing_is_written_before_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.cast");
        let mut recording = Recording::create(&path).unwrap();
        recording.output(b"early");
        recording.frame().unwrap();
        drop(recording);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
    }
}
