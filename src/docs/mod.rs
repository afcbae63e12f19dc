//! The manual's generated part: the reference pages read from the tables, and the pictures of
//! the app drawn from its own buffer. `tokenclock --reference docs/src` writes them; a test
//! (`tests/docs.rs`) fails when a committed one is not what the code produces now.

pub mod pictures;
pub mod reference;
pub mod svg;

use crate::domain::file_replace::replace_file;
use std::io;
use std::path::{Path, PathBuf};

/// The command that writes the generated files, as the manual and the freshness test name it.
pub const REGENERATE: &str = "cargo run -- --reference docs/src";

/// Every generated file: its path under the manual's `src/` and its contents.
pub fn generated() -> Result<Vec<(PathBuf, String)>, String> {
    let mut files: Vec<(PathBuf, String)> = reference::pages()
        .into_iter()
        .map(|page| (Path::new("reference").join(page.file), page.text))
        .collect();
    for picture in pictures::PICTURES {
        let svg = pictures::render(picture).map_err(|e| format!("{}: {e}", picture.file))?;
        files.push((Path::new("images").join(picture.file), svg));
    }
    Ok(files)
}

/// Writes every generated file under `dir` (the manual's `src/`), each replaced safely, and
/// returns their paths.
pub fn write(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let files = generated().map_err(io::Error::other)?;
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
