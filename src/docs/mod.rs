//! The manual's generated part: the reference pages read from the tables, and the pictures of
//! the app drawn from its own buffer. `tokenclock --reference docs/src` writes them; a test
//! (`tests/docs.rs`) fails when a committed one is not what the code produces now.

pub mod pictures;
pub mod reference;
pub mod svg;

use crate::files::InputError;
use crate::files::replace::replace_file;
use std::io;
use std::path::{Path, PathBuf};

/// The command that writes the generated files, as the manual and the freshness test name it.
pub const REGENERATE: &str = "cargo run -- --reference docs/src";

/// Why the generated files could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    /// A picture's scenario or lesson does not load (a preset or a built-in lesson changed).
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("no built-in lesson '{0}'")]
    NoLesson(&'static str),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("{file}: {error}")]
    Picture {
        file: &'static str,
        error: Box<DocsError>,
    },
}

/// Every generated file: its path under the manual's `src/` and its contents.
pub fn generated() -> Result<Vec<(PathBuf, String)>, DocsError> {
    let mut files: Vec<(PathBuf, String)> = reference::pages()
        .into_iter()
        .map(|page| (Path::new("reference").join(page.file), page.text))
        .collect();
    for picture in pictures::PICTURES {
        let svg = pictures::render(picture).map_err(|error| DocsError::Picture {
            file: picture.file,
            error: Box::new(error),
        })?;
        files.push((Path::new("images").join(picture.file), svg));
    }
    Ok(files)
}

/// Writes every generated file under `dir` (the manual's `src/`), each replaced safely, and
/// returns their paths.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, DocsError> {
    let files = generated()?;
    let mut written = Vec::new();
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        replace_file(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
