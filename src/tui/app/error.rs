//! The app's one error type: why what was typed in a prompt was refused. The prompt stays open
//! and shows these words (every message is made safe to print: values, paths and the
//! system's words are input).

use crate::domain::error::{Error, ValueError};
use crate::domain::text::{TextError, sanitize};
use crate::lesson::save::LessonSaveError;

/// Why a prompt's text was refused.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A number, a clock offset or a setting's value that does not read as one.
    #[error("{0}")]
    Value(#[from] ValueError),
    /// A name or token that cannot be used.
    #[error("{0}")]
    Text(#[from] TextError),
    /// The model refused the operation (an unknown or duplicate user, the model off, …).
    #[error("{0}")]
    Refused(#[from] Error),
    /// `Enter` on an empty save prompt.
    #[error("type a path first")]
    NoPath,
    /// The file could not be written (it names the path).
    #[error("{}", sanitize(&.0.to_string()))]
    Save(std::sync::Arc<LessonSaveError>),
}
