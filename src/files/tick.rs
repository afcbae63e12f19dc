//! A number of ticks in a file, wherever one appears (`current_time`, a family's counters, a
//! client's expiry): its own module so every table's reader shares it without reading another
//! table's module.

use crate::domain::settings::kinds::{FileValue, file_ticks};
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// A whole, non-negative number of ticks (or a duration such as `"5m"`), with errors a learner
/// can act on.
pub(crate) struct Tick(pub(crate) u64);

impl<'de> Deserialize<'de> for Tick {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = FileValue::deserialize(deserializer)?;
        file_ticks(&value).map(Tick).map_err(de::Error::custom)
    }
}
