//! Opening the files a user names (scenario, roster, script) with a bound on what is read, so
//! no file, device or endless pipe can exhaust memory.

use super::input_error::FileError;
use super::limits::{MAX_INPUT_BYTES, MAX_INPUT_TEXT};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Opens `path` for reading, refusing what cannot be a file of text: a directory, a device
/// (`/dev/zero` would never end), a socket, or a regular file larger than the limit. Pipes
/// (`<(...)`, a FIFO) are read through the same limit. The error's words do not name the path,
/// to follow e.g. "cannot read the roster: ".
pub fn open(path: &Path) -> Result<Limited<File>, FileError> {
    let file = File::open(path)?;
    let metadata = file.metadata()?;
    check_kind(&metadata)?;
    Ok(Limited::new(file, MAX_INPUT_BYTES).with_size_hint())
}

/// Reads the whole of `path` (see [`open`]).
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    let mut file = open(path)?;
    let mut bytes = Vec::with_capacity(file.size_hint());
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads all of `reader` (standard input), up to the limit.
pub fn read_stream(reader: impl Read) -> Result<Vec<u8>, FileError> {
    let mut bytes = Vec::new();
    Limited::new(reader, MAX_INPUT_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn check_kind(metadata: &std::fs::Metadata) -> Result<(), FileError> {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    let what = if kind.is_file() {
        if metadata.len() > MAX_INPUT_BYTES {
            return Err(FileError::TooLarge {
                bytes: metadata.len(),
            });
        }
        return Ok(());
    } else if kind.is_fifo() {
        return Ok(());
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    };
    Err(FileError::NotText { kind: what })
}

/// A reader that fails once more than its limit has been read, instead of reading on.
pub struct Limited<R> {
    inner: R,
    /// Bytes that may still be read.
    left: u64,
    size_hint: usize,
}

impl<R: Read> Limited<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        Self {
            inner,
            left: limit,
            size_hint: 0,
        }
    }

    /// The file's size, for reserving space (0 when unknown).
    pub fn size_hint(&self) -> usize {
        self.size_hint
    }
}

impl Limited<File> {
    fn with_size_hint(mut self) -> Self {
        let len = self.inner.metadata().map(|m| m.len()).unwrap_or(0);
        self.size_hint = usize::try_from(len.min(self.left)).unwrap_or(0);
        self
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte past the limit tells "exactly the limit" from "more".
        let room = usize::try_from(self.left.saturating_add(1)).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!("it is larger than the most tokenclock reads ({MAX_INPUT_TEXT})"),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_past_its_limit_fails_and_one_at_it_does_not() {
        let mut at = Vec::new();
        Limited::new(&b"abcd"[..], 4).read_to_end(&mut at).unwrap();
        assert_eq!(at, b"abcd");
        let mut past = Vec::new();
        let err = Limited::new(&b"abcde"[..], 4)
            .read_to_end(&mut past)
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert!(past.len() <= 4);
    }

    #[test]
    fn devices_and_directories_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path()).err().unwrap();
        assert_eq!(err.to_string(), "it is a directory, not a file of text");
        let err = open(Path::new("/dev/zero")).err().unwrap();
        assert_eq!(err.to_string(), "it is a device, not a file of text");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.csv");
        // Sparse: no disk space is used.
        File::create(&path)
            .unwrap()
            .set_len(MAX_INPUT_BYTES + 1)
            .unwrap();
        let err = open(&path).err().unwrap();
        assert!(matches!(err, FileError::TooLarge { bytes: 1073741825 }));
        assert_eq!(
            err.to_string(),
            "the file is 1073741825 bytes, larger than the most tokenclock reads (1 GiB)"
        );
    }
}
