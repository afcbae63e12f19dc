//! Replacing a file is safe for whatever is at the path: links, special files, permissions,
//! owners and long names.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use tokenclock::files::replace::{replace_file, same_file};

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_symlink_keeps_pointing_at_its_target_which_is_replaced_beside_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (links, files) = (dir.path().join("links"), dir.path().join("files"));
    fs::create_dir(&links).unwrap();
    fs::create_dir(&files).unwrap();
    fs::write(files.join("s.toml"), "old").unwrap();
    // A relative link, resolved from the link's own folder, through a second link.
    symlink("../files/s.toml", links.join("first")).unwrap();
    symlink("first", links.join("s.toml")).unwrap();
    replace_file(&links.join("s.toml"), b"new").unwrap();
    assert!(
        fs::symlink_metadata(links.join("s.toml"))
            .unwrap()
            .is_symlink()
    );
    assert!(
        fs::symlink_metadata(links.join("first"))
            .unwrap()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(files.join("s.toml")).unwrap(), "new");
    assert_eq!(
        names_in(&links),
        ["first", "s.toml"],
        "no temporary file left"
    );
    assert_eq!(names_in(&files), ["s.toml"]);
}

#[test]
fn a_dangling_symlink_creates_its_target_and_a_loop_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    symlink("target.toml", dir.path().join("link")).unwrap();
    replace_file(&dir.path().join("link"), b"made").unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("target.toml")).unwrap(),
        "made"
    );
    assert!(
        fs::symlink_metadata(dir.path().join("link"))
            .unwrap()
            .is_symlink()
    );

    symlink("b", dir.path().join("a")).unwrap();
    symlink("a", dir.path().join("b")).unwrap();
    let err = replace_file(&dir.path().join("a"), b"x").unwrap_err();
    assert_eq!(err.to_string(), "too many symbolic links");
    assert_eq!(names_in(dir.path()), ["a", "b", "link", "target.toml"]);
}

#[test]
fn a_directory_a_fifo_and_a_device_are_refused_and_left_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    let err = replace_file(&folder, b"x").unwrap_err();
    assert_eq!(
        err.to_string(),
        "it is a directory, not a regular file; nothing was written"
    );
    assert!(fs::metadata(&folder).unwrap().is_dir());

    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let err = replace_file(&fifo, b"x").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("it is a named pipe (FIFO), not a regular file")
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(
        names_in(dir.path()),
        ["fifo", "folder"],
        "no temporary file left"
    );

    // Through a link too: as root, this would otherwise replace the device with a file.
    symlink("/dev/null", dir.path().join("null")).unwrap();
    for path in [Path::new("/dev/null"), &dir.path().join("null")] {
        let err = replace_file(path, b"x").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("it is a device, not a regular file"),
            "{err}"
        );
    }
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn the_replaced_files_mode_is_kept_and_a_new_file_gets_the_umask_default() {
    let dir = tempfile::tempdir().unwrap();
    for old in [0o600, 0o640, 0o604, 0o755] {
        let path = dir.path().join(format!("m{old:o}"));
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(old)).unwrap();
        replace_file(&path, b"new").unwrap();
        assert_eq!(mode(&path), old, "mode {old:o}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }
    let fresh = dir.path().join("fresh");
    replace_file(&fresh, b"new").unwrap();
    assert_eq!(mode(&fresh), 0o666 & !umask());
}

/// The process's umask, from /proc (reading it any other way changes it).
fn umask() -> u32 {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line["Umask:".len()..].trim(), 8).unwrap()
}

#[test]
fn the_owner_is_kept_when_the_process_may_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("owned");
    fs::write(&path, "old").unwrap();
    let me = fs::metadata(&path).unwrap();
    if me.uid() != 0 {
        // Only root may give a file to someone else; as anyone else the file stays theirs.
        replace_file(&path, b"new").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().uid(), me.uid());
        return;
    }
    std::os::unix::fs::chown(&path, Some(4321), Some(4322)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    replace_file(&path, b"new").unwrap();
    let after = fs::metadata(&path).unwrap();
    assert_eq!((after.uid(), after.gid(), mode(&path)), (4321, 4322, 0o640));
}

#[test]
fn a_name_as_long_as_the_file_system_takes_can_be_saved_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    for len in [250, 255] {
        let path = dir.path().join(format!("{}.toml", "n".repeat(len - 5)));
        replace_file(&path, b"first").unwrap();
        replace_file(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
    }
    assert_eq!(names_in(dir.path()).len(), 2);
}

#[test]
fn same_file_sees_through_links_and_other_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    fs::write(&file, "x").unwrap();
    fs::hard_link(&file, dir.path().join("hard")).unwrap();
    symlink("s.toml", dir.path().join("soft")).unwrap();
    fs::write(dir.path().join("other"), "x").unwrap();
    assert!(same_file(&file, &dir.path().join("hard")));
    assert!(same_file(&file, &dir.path().join("soft")));
    assert!(same_file(&file, &dir.path().join(".").join("s.toml")));
    assert!(!same_file(&file, &dir.path().join("other")));
    assert!(!same_file(&file, &dir.path().join("absent")));
    assert!(!same_file(
        &dir.path().join("absent"),
        &dir.path().join("absent")
    ));
}

/// Issue 17's hostile sweep: a save into a folder that does not exist, or one where no file can
/// be created, says so of the folder the user named, never of the temporary file's own name
/// (`at path ".tokenclock-….tmp"`), and leaves nothing behind.
#[test]
fn a_folder_that_cannot_take_the_file_is_named_not_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let err = replace_file(&missing.join("s.toml"), b"new").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("the folder {} does not exist", missing.display())
    );
    assert!(names_in(dir.path()).is_empty());
    // /proc takes no new file, even from root (a read-only folder would not stop root).
    #[cfg(target_os = "linux")]
    {
        let err = replace_file(Path::new("/proc/tokenclock-test.toml"), b"new").unwrap_err();
        let said = err.to_string();
        assert!(
            said.starts_with("cannot create a file in the folder /proc: "),
            "{said}"
        );
        assert!(
            !said.contains(".tokenclock-") && !said.contains(" at path "),
            "{said}"
        );
    }
}
