//! The interactive terminal app: key → [`Action`] → [`App::update`] → draw from `&App`.

pub mod action;
pub mod app;
pub mod cast;
pub mod geometry;
pub mod input;
pub mod keymap;
pub mod save_job;
mod terminal;
pub mod theme;
pub mod ui;

pub use action::Action;
pub use app::App;

use crate::domain::Session;
use crate::transcript::Transcript;
use anyhow::Context;
use cast::{Recorder, Recording};
use crossterm::event::{self, Event, MouseEventKind};
use ratatui::layout::Rect;
use save_job::SaveDone;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use terminal::AppTerminal;

/// Opens the full-screen app on `session` and runs it until the user quits.
/// `scenario_path` is where `w` saves (the `--scenario` file), if there is one; every log line
/// is also appended to `transcript`, if there is one, and every frame to `recording`
/// (`--record`). `NO_COLOR` (set and not empty) draws without colours.
pub fn run(
    session: Session,
    scenario_path: Option<PathBuf>,
    transcript: Option<Transcript>,
    guide: app::Guide,
    recording: Option<Recording>,
) -> anyhow::Result<()> {
    let mut app = App::new(session, scenario_path).with_guide(guide);
    if transcript.is_some() {
        app = app.with_transcript();
    }
    run_app(app, transcript, recording)
}

/// Opens the JWT screen (`--jwt`) and runs it until the user quits.
/// `recording` as for [`run`]: the screen shows the tokens shortened, never a whole signature.
pub fn run_jwt(screen: app::jwt::JwtScreen, recording: Option<Recording>) -> anyhow::Result<()> {
    let session = Session::new(crate::domain::Scenario::lesson());
    run_app(App::new(session, None).with_jwt(screen), None, recording)
}

fn run_app(
    mut app: App,
    transcript: Option<Transcript>,
    recording: Option<Recording>,
) -> anyhow::Result<()> {
    // Without a terminal to draw on, say so before writing a single escape sequence into what
    // may be a file or a pipe.
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the interactive app needs a terminal on standard output; \
             for pipelines and files use --exec or --script"
        );
    }
    if std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()) {
        app = app.without_colours();
    }
    let recorder = Recorder::new(recording);
    let mut terminal = terminal::init(recorder.clone()).context("cannot set up the terminal")?;
    // Play's beat gives way to input that waits: at 100,000 users a beat takes longer than a
    // frame. What the beat reads to see is handled by the loop, in order.
    let pending = Pending::default();
    let read = pending.clone();
    app = app.with_input_waits(move || input_waits(&read));
    let result = event_loop(&mut terminal, &mut app, transcript, &recorder, &pending);
    if result.is_err() && terminal::is_gone() {
        terminal::exit_hung_up();
    }
    terminal::restore();
    result
}

/// Events play's beat read while it asked whether input waits, for the loop to handle first.
type Pending = Rc<RefCell<VecDeque<Event>>>;

/// Whether input waits that play's beat should give way to: reads every event that waits into
/// `pending` and looks for one that is not the mouse moving or the focus changing (a hand on
/// the mouse at the projector does not hold play up). A terminal that cannot be read gives way,
/// and the loop's next read says why.
fn input_waits(pending: &Pending) -> bool {
    let mut pending = pending.borrow_mut();
    loop {
        match event::poll(Duration::ZERO) {
            Ok(false) => break,
            Ok(true) => match event::read() {
                Ok(event) => pending.push_back(event),
                Err(_) => return true,
            },
            Err(_) => return true,
        }
    }
    pending.iter().any(gives_way)
}

/// Whether play's beat gives way to `event`: not for the mouse moving or the focus changing.
fn gives_way(event: &Event) -> bool {
    match event {
        Event::Mouse(mouse) => mouse.kind != MouseEventKind::Moved,
        Event::FocusGained | Event::FocusLost => false,
        Event::Key(_) | Event::Paste(_) | Event::Resize(..) => true,
    }
}

/// How often the event loop looks whether a save that runs has finished.
const SAVE_POLL: Duration = Duration::from_millis(50);

/// How long to wait for an event: until `timeout` (`None`: for ever, so an idle app uses no
/// CPU), and no more than [`SAVE_POLL`] while a save runs.
fn wait(timeout: Option<Duration>, saving: bool) -> Option<Duration> {
    match (saving, timeout) {
        (true, Some(timeout)) => Some(timeout.min(SAVE_POLL)),
        (true, None) => Some(SAVE_POLL),
        (false, timeout) => timeout,
    }
}

/// How long until the wall clock's next whole second (and a millisecond, to land past it).
fn until_next_second(now: SystemTime) -> Duration {
    let into = now
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .subsec_nanos();
    Duration::from_nanos(u64::from(1_000_000_000 - into)) + Duration::from_millis(1)
}

/// The wall clock in Unix seconds.
pub fn wall_clock_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// When the next play tick is due. The loop owns it, so `App::update` never reads a clock.
#[derive(Default)]
struct Beat {
    next: Option<Instant>,
    interval: Duration,
}

impl Beat {
    /// How long to wait for an event before the next tick; `None` (wait for ever) when paused.
    fn timeout(&mut self, interval: Option<Duration>, now: Instant) -> Option<Duration> {
        let Some(interval) = interval else {
            self.next = None;
            return None;
        };
        if self.next.is_none() || interval != self.interval {
            self.interval = interval;
            self.next = Some(now + interval);
        }
        self.next.map(|next| next.saturating_duration_since(now))
    }

    /// A tick was sent: the next is one interval later (never in the past, so a stalled
    /// terminal does not cause a burst of catch-up ticks).
    fn ticked(&mut self, now: Instant) {
        if let Some(next) = self.next {
            self.next = Some((next + self.interval).max(now));
        }
    }
}

/// Draws, then waits for the next event: blocking on `event::read()` while paused, so nothing
/// runs while idle; while playing, `event::poll` until the next tick is due. Redraws only after
/// a tick or an event that changed something.
fn event_loop(
    terminal: &mut AppTerminal,
    app: &mut App,
    mut transcript: Option<Transcript>,
    recorder: &Recorder,
    pending: &Pending,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    recorder.start(size.width, size.height);
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut beat = Beat::default();
    let mut redraw = true;
    // A change not drawn yet (events still waiting to be handled).
    let mut owed = false;
    // The result of the save that runs off the key path, when one runs.
    let mut saving: Option<Receiver<SaveDone>> = None;
    while !app.should_quit() {
        {
            // RESUMED is read under the lock a stop holds: a frame that waited for the lock
            // while the app was stopped is drawn whole, not as a diff onto the cleared screen.
            let _screen = terminal::drawing();
            if terminal::take_resumed() {
                // Continued after a stop: the screen was cleared, so the next frame is drawn
                // whole (forgetting the last frame; `Terminal::clear` would ask the terminal
                // where its cursor is, which a full-screen app never needs).
                terminal.swap_buffers();
                redraw = true;
            }
            if redraw {
                terminal.draw(|frame| ui::render(frame, app))?;
                if let Some(failure) = recorder.take_failure() {
                    app.note(failure);
                }
            }
        }
        // The JWT screen's live clock wakes once a second; a playing lesson at its play rate;
        // otherwise the loop sleeps until an event. While a save runs it also wakes every
        // [`SAVE_POLL`] to see whether the save is done.
        let timeout = if app.follows_wall_clock() {
            Some(until_next_second(SystemTime::now()))
        } else {
            beat.timeout(app.tick_interval(), Instant::now())
        };
        let wait = wait(timeout, saving.is_some());
        // Events a beat read come first, in the order they came.
        let read = pending.borrow_mut().pop_front();
        let action = match wait {
            _ if let Some(event) = read => action_for_event(&event, app, terminal)?,
            Some(wait) if !event::poll(wait).context("cannot read from the terminal")? => {
                if let Some(done) = saving.as_ref().and_then(|r| r.try_recv().ok()) {
                    saving = None;
                    Some(Action::Saved(Box::new(done)))
                } else if timeout.is_none_or(|timeout| timeout > wait) {
                    None
                } else if app.follows_wall_clock() {
                    Some(Action::WallClock(wall_clock_seconds()))
                } else {
                    beat.ticked(Instant::now());
                    Some(Action::Tick)
                }
            }
            _ => {
                let event = event::read().context("cannot read from the terminal")?;
                action_for_event(&event, app, terminal)?
            }
        };
        if action == Some(Action::Suspend) {
            // Drawn again, whole, when continued (the signal thread wakes the loop).
            terminal::suspend();
            redraw = false;
            continue;
        }
        // Events a beat read and left waiting are handled before the next frame is drawn: one
        // frame after them all, not a whole frame (at 100,000 users) between each.
        owed |= action.is_some();
        redraw = owed && pending.borrow().is_empty();
        owed &= !redraw;
        if let Some(Action::Resize { width, height }) = action {
            recorder.resize(width, height);
        }
        if let Some(action) = action {
            app.update(action);
            record(&mut transcript, app);
        }
        if let Some(job) = app.take_save_job() {
            saving = Some(job.spawn());
        }
    }
    Ok(())
}

fn action_for_event(
    event: &Event,
    app: &App,
    terminal: &AppTerminal,
) -> anyhow::Result<Option<Action>> {
    let size = terminal.size()?;
    Ok(input::action_for(
        event,
        app,
        Rect::new(0, 0, size.width, size.height),
    ))
}

/// Appends the transcript lines of the operations the last action carried out. A transcript
/// that cannot be written is closed, and the log says so, rather than stopping the lesson.
fn record(transcript: &mut Option<Transcript>, app: &mut App) {
    let lines = app.take_transcript();
    let Some(file) = transcript.as_mut() else {
        return;
    };
    let written = lines
        .iter()
        .try_for_each(|line| file.record(line))
        .and_then(|()| file.flush());
    if let Err(e) = written {
        let path = file.path().display().to_string();
        *transcript = None;
        app.close_transcript();
        app.note(format!(
            "cannot write the transcript {path}: {e}; it is closed"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{Beat, SAVE_POLL, gives_way, wait};
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
    use std::time::{Duration, Instant};

    #[test]
    fn play_gives_way_to_keys_clicks_pastes_and_resizes_but_not_to_the_mouse_moving() {
        let mouse = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        let key = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        assert!(gives_way(&key));
        assert!(gives_way(&Event::Paste("x".into())));
        assert!(gives_way(&Event::Resize(80, 24)));
        assert!(gives_way(&mouse(MouseEventKind::Down(
            crossterm::event::MouseButton::Left
        ))));
        assert!(gives_way(&mouse(MouseEventKind::ScrollDown)));
        assert!(!gives_way(&mouse(MouseEventKind::Moved)));
        assert!(!gives_way(&Event::FocusGained));
        assert!(!gives_way(&Event::FocusLost));
    }

    const HALF: Duration = Duration::from_millis(500);

    #[test]
    fn the_beat_waits_for_ever_when_paused_and_keeps_a_steady_pace_when_playing() {
        let start = Instant::now();
        let mut beat = Beat::default();
        assert_eq!(beat.timeout(None, start), None);
        assert_eq!(beat.timeout(Some(HALF), start), Some(HALF));
        // An event 200 ms in does not move the next tick.
        let later = start + Duration::from_millis(200);
        assert_eq!(
            beat.timeout(Some(HALF), later),
            Some(Duration::from_millis(300))
        );
        // Ticked a little late: the next one is still one interval after the due time.
        let tick = start + Duration::from_millis(510);
        beat.ticked(tick);
        assert_eq!(
            beat.timeout(Some(HALF), tick),
            Some(Duration::from_millis(490))
        );
        // After a long stall, no burst of catch-up ticks.
        let stalled = start + Duration::from_secs(10);
        beat.ticked(stalled);
        assert_eq!(beat.timeout(Some(HALF), stalled), Some(Duration::ZERO));
        beat.ticked(stalled);
        assert_eq!(beat.timeout(Some(HALF), stalled), Some(HALF));
        // A new rate starts a fresh interval; pausing forgets the deadline.
        assert_eq!(beat.timeout(Some(HALF * 2), stalled), Some(HALF * 2));
        assert_eq!(beat.timeout(None, stalled), None);
        assert_eq!(beat.timeout(Some(HALF), stalled), Some(HALF));
    }

    #[test]
    fn the_loop_blocks_when_idle_and_looks_for_a_running_save_every_poll() {
        assert_eq!(wait(None, false), None);
        assert_eq!(wait(Some(HALF), false), Some(HALF));
        assert_eq!(wait(None, true), Some(SAVE_POLL));
        assert_eq!(wait(Some(HALF), true), Some(SAVE_POLL));
        let soon = Duration::from_millis(5);
        assert_eq!(wait(Some(soon), true), Some(soon));
    }
}
