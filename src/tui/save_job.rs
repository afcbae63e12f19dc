//! Saving off the key path: `w` hands a [`SaveJob`] (a snapshot of the scenario and its
//! template) to the event loop, which runs it on a thread while the screen stays live; the
//! result comes back as [`crate::tui::Action::Saved`]. Quitting, by key or by signal, waits for
//! a save that runs: the file is replaced whole (see `files::replace`) or not at all.

use crate::domain::Scenario;
use crate::domain::template::Template;
use crate::lesson::save::{LessonSaveError, Steps};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// Everything a save needs, taken when `w` was confirmed: edits made while it runs are not in
/// the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveJob {
    pub path: PathBuf,
    /// The scenario as it was when the save started.
    pub scenario: Box<Scenario>,
    /// The text the scenario was loaded from or last saved as, with what it reads as.
    pub template: Option<Template>,
    pub steps: Steps,
    /// The lesson's number of the first step written.
    pub first: usize,
}

/// A finished save: the job, and the text written (the template for the next save) or why
/// nothing was written.
#[derive(Debug, Clone)]
pub struct SaveDone {
    pub job: SaveJob,
    pub result: Result<Template, Arc<LessonSaveError>>,
}

/// Two results are the same when they saved the same job to the same text, or failed it for
/// the same reason in the same words.
impl PartialEq for SaveDone {
    fn eq(&self, other: &Self) -> bool {
        self.job == other.job
            && match (&self.result, &other.result) {
                (Ok(a), Ok(b)) => a == b,
                (Err(a), Err(b)) => a.to_string() == b.to_string(),
                _ => false,
            }
    }
}

impl Eq for SaveDone {}

impl SaveJob {
    /// Writes the file (see [`crate::lesson::save::save`]), here and now.
    pub fn run(self) -> SaveDone {
        // A panic here is a bug; caught, it is logged as a failed save rather than leaving the
        // app waiting for a result that never comes (the panic hook stays quiet on this
        // thread: see `terminal::install_panic_hook`).
        let result = caught(&self.path, || {
            crate::lesson::save::save(
                &self.path,
                &self.scenario,
                self.template.as_ref(),
                self.steps,
                self.first,
            )
        })
        .map_err(Arc::new);
        SaveDone { job: self, result }
    }

    /// Runs the save on its own thread; its result arrives on the receiver. While it runs,
    /// [`wait_for_saves`] waits for it. When no thread can be started the save runs here.
    pub fn spawn(self) -> Receiver<SaveDone> {
        let (sender, receiver) = mpsc::channel();
        let running = Running::start();
        // Taken by the thread, or back here when no thread could be started.
        let slot = Arc::new(Mutex::new(Some(self)));
        let job = Arc::clone(&slot);
        let spawned = std::thread::Builder::new().name(THREAD.to_owned()).spawn({
            let sender = sender.clone();
            move || {
                let _running = running;
                let job = job.lock().unwrap_or_else(PoisonError::into_inner).take();
                // The receiver is only gone when the app has ended.
                if let Some(job) = job {
                    let _ = sender.send(job.run());
                }
            }
        });
        if spawned.is_err()
            && let Some(job) = slot.lock().unwrap_or_else(PoisonError::into_inner).take()
        {
            let _ = sender.send(job.run());
        }
        receiver
    }
}

/// How many saves run on threads, and a way to wait until none does.
/// The name of the thread a save runs on.
pub const THREAD: &str = "save";

/// `save`'s result, or a panic in it as [`LessonSaveError::Stopped`].
fn caught(
    path: &std::path::Path,
    save: impl FnOnce() -> Result<Template, LessonSaveError>,
) -> Result<Template, LessonSaveError> {
    std::panic::catch_unwind(AssertUnwindSafe(save)).unwrap_or_else(|panic| {
        Err(LessonSaveError::Stopped {
            path: path.to_owned(),
            why: panic_words(panic.as_ref()),
        })
    })
}

/// A panic's message, when it has one.
fn panic_words(panic: &(dyn std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(words), _) => (*words).to_owned(),
        (None, Some(words)) => words.clone(),
        (None, None) => "a panic".to_owned(),
    }
}

static RUNNING: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

/// One save running, counted until dropped (also when its thread panics or never starts).
struct Running;

impl Running {
    fn start() -> Self {
        *RUNNING.0.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let mut count = RUNNING.0.lock().unwrap_or_else(PoisonError::into_inner);
        *count = count.saturating_sub(1);
        RUNNING.1.notify_all();
    }
}

/// Whether a save is running on a thread.
pub fn is_saving() -> bool {
    *RUNNING.0.lock().unwrap_or_else(PoisonError::into_inner) > 0
}

/// Returns once no save is running (at once when none is).
pub fn wait_for_saves() {
    let count = RUNNING.0.lock().unwrap_or_else(PoisonError::into_inner);
    let _done = RUNNING
        .1
        .wait_while(count, |count| *count > 0)
        .unwrap_or_else(PoisonError::into_inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_save_is_a_failed_save_with_the_panics_words() {
        let path = std::path::Path::new("class.toml");
        let result = caught(path, || panic!("index out of bounds"));
        let Err(error) = result else {
            panic!("a panic is not a saved file");
        };
        assert_eq!(
            error.to_string(),
            "the save to class.toml stopped before it finished: index out of bounds (a bug in \
             tokenclock; please report it)"
        );
        assert_eq!(
            caught(path, || Ok(Template::from("saved"))).ok(),
            Some(Template::from("saved"))
        );
    }
}
