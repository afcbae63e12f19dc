//! The text a scenario was loaded from or last saved as: a save edits it in place (see
//! `crate::files::edit`). Reading it once is enough: the scenario it reads as, and where each
//! user's entries stand in it, are kept with it, so a save needs neither parse again.

use super::scenario::Scenario;
use std::ops::Range;
use std::sync::Arc;

/// A scenario file's text, and what reading it found (when it was read here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub text: Arc<str>,
    /// What `text` was read as by the loader, and where its entries stand (`None`: not read
    /// here, e.g. a test's text; a save reads it then).
    pub read: Option<Arc<Read>>,
}

/// What the loader found in a template.
#[derive(Debug, PartialEq, Eq)]
pub struct Read {
    /// The scenario the text reads as: what the loader read, or the state saved when the
    /// loader's check found the text holds the same (users' tokens and models, the clock, the
    /// policy: all a file holds and a save compares).
    pub scenario: Scenario,
    /// Where its values stand in the text (byte offsets).
    pub places: Places,
}

/// Byte ranges in a template, as the loader found them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The value of `current_time`.
    pub current_time: Range<usize>,
    /// Each user's, in the scenario's order.
    pub users: Vec<UserPlaces>,
    /// Whether the text has a lesson's keys (`title`, `minutes`, `[[step]]`).
    pub lesson: bool,
}

/// Where one user's entries stand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserPlaces {
    /// The value of its `[tokens]` entry (`{ token = …, expiry = … }`).
    pub entry: Range<usize>,
    /// Its `[family.NAME]` table: the header when it is a table of its own, else the value.
    pub family: Option<Range<usize>>,
    /// The value of its `[clients]` entry.
    pub clients: Option<Range<usize>>,
}

impl Template {
    /// A text with what reading it found.
    pub fn read(text: impl Into<Arc<str>>, scenario: Scenario, places: Places) -> Self {
        Self {
            text: text.into(),
            read: Some(Arc::new(Read { scenario, places })),
        }
    }

    /// What the text reads as, when it was read here.
    pub fn reads_as(&self) -> Option<&Scenario> {
        self.read.as_deref().map(|read| &read.scenario)
    }
}

impl From<&str> for Template {
    fn from(text: &str) -> Self {
        Self {
            text: text.into(),
            read: None,
        }
    }
}

impl From<String> for Template {
    fn from(text: String) -> Self {
        Self {
            text: text.into(),
            read: None,
        }
    }
}

impl From<Arc<str>> for Template {
    fn from(text: Arc<str>) -> Self {
        Self { text, read: None }
    }
}
