//! Replacing a file safely for whatever is at the path: a symlink's target is replaced (the link
//! stays), anything but a regular file is refused, the replaced file's permissions (and owner,
//! when allowed) are kept, and the temporary file has a short name beside the target, so any name
//! the file system accepts can be saved to.

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

/// What a path names once its symbolic links are followed.
#[derive(Debug)]
enum Target {
    /// A regular file, to be replaced.
    File(PathBuf, Metadata),
    /// Nothing yet: the file is created.
    Absent(PathBuf),
}

/// Writes `contents` to `path` atomically: to a temporary file beside the (link-resolved)
/// target, flushed to disk, then renamed over it. On any error the old file is as it was and no
/// temporary file is left.
pub fn replace_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let (target, existing) = match resolve(path)? {
        Target::File(target, metadata) => (target, Some(metadata)),
        Target::Absent(target) => (target, None),
    };
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tokenclock-").suffix(".tmp");
    // A new file gets the usual 0666 less the umask; a replaced one starts private (0600) and
    // is given the old file's mode and owner below, before anything is written.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|e| in_folder(folder, "cannot create a file in the folder", &e))?;
    if let Some(metadata) = &existing {
        keep_owner_and_mode(temp.as_file(), metadata)?;
    }
    temp.write_all(contents)
        .map_err(|e| in_folder(folder, "cannot write a file in the folder", &e))?;
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    // The rename itself reaches the disk when the folder is flushed; not every file system
    // can flush a folder, and the file is already complete, so a failure here changes nothing.
    if let Ok(folder) = File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Follows symbolic links from `path` to what they name at the end.
fn resolve(path: &Path) -> io::Result<Target> {
    let mut current = path.to_owned();
    for _ in 0..=MAX_LINKS {
        if current.file_name().is_none() {
            return Err(refused("the path does not name a file"));
        }
        let metadata = match fs::symlink_metadata(&current) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Absent(current)),
            Err(e) => return Err(e),
        };
        let kind = metadata.file_type();
        if kind.is_symlink() {
            let link = fs::read_link(&current)?;
            current = match current.parent() {
                Some(folder) => folder.join(link),
                None => link,
            };
        } else if kind.is_file() {
            return Ok(Target::File(current, metadata));
        } else {
            return Err(refused(&format!(
                "it is {}, not a regular file; nothing was written",
                describe(&metadata)
            )));
        }
    }
    Err(refused("too many symbolic links"))
}

/// An error creating or writing the temporary file, said of the folder the user chose: the
/// temporary file's own name (which `tempfile` appends, `at path ".tokenclock-….tmp"`) is no
/// name the user gave, and a folder that does not exist is said so.
fn in_folder(folder: &Path, doing: &str, error: &io::Error) -> io::Error {
    let kind = error.kind();
    // Sanitised here, not only where it is printed: an error's message may be read on its own.
    let shown = crate::domain::text::sanitize(&folder.display().to_string()).into_owned();
    if kind == io::ErrorKind::NotFound && !folder.exists() {
        return io::Error::new(kind, format!("the folder {shown} does not exist"));
    }
    let message = error.to_string();
    let words = message
        .rsplit_once(" at path ")
        .map_or(message.as_str(), |(words, _)| words);
    io::Error::new(kind, format!("{doing} {shown}: {words}"))
}

fn refused(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.to_owned())
}

/// What kind of thing (other than a regular file or a link) is at a path, e.g. `a directory`.
fn describe(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Gives the temporary file the replaced file's owner (when the process may: root, or a group
/// the user is in) and then its mode (after the owner, since a change of owner clears set-id
/// bits).
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, fchown};
    let new = file.metadata()?;
    if (new.uid(), new.gid()) != (old.uid(), old.gid())
        && fchown(file, Some(old.uid()), Some(old.gid())).is_err()
    {
        // Not allowed to give the file away: keep at least the group when that is allowed.
        let _ = fchown(file, None, Some(old.gid()));
    }
    file.set_permissions(old.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

/// Whether two paths name the same file (the same device and inode, after symbolic links), so
/// that, e.g., a transcript is never appended to the scenario it records. A path that does not
/// exist is no file, and so the same as none.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) else {
            return false;
        };
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }
    #[cfg(not(unix))]
    {
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::in_folder;
    use std::io;
    use std::path::Path;

    #[test]
    fn a_folder_named_in_an_error_is_sanitised_in_the_error_itself() {
        let folder = Path::new("/no-such-\u{1b}[31m-folder");
        let missing = io::Error::from(io::ErrorKind::NotFound);
        let said = in_folder(folder, "cannot write in", &missing).to_string();
        assert_eq!(
            said,
            "the folder /no-such-\\u{1b}[31m-folder does not exist"
        );
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let said = in_folder(folder, "cannot write in", &denied).to_string();
        assert!(!said.contains('\u{1b}'), "{said}");
        assert!(
            said.starts_with("cannot write in /no-such-\\u{1b}[31m-folder: "),
            "{said}"
        );
    }
}
