//! The files sagsspor itself keeps in the store folder (the caches and the
//! import lock), handled so that nothing planted there can redirect a write
//! outside the store, hang a reader or feed it without bound.
//!
//! - a file is read only if it is a regular file, checked before opening (a
//!   FIFO would block the open itself) and again on the open handle, and
//!   never more than a given number of bytes;
//! - a file is written to a fresh temporary name created exclusively (which
//!   never follows a link) and renamed over its target (which replaces a
//!   link rather than writing through it);
//! - temporary files a killed or failed writer left behind are removed.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How old a temporary file must be before another process takes it for a
/// leftover: far longer than writing any cache takes.
const LEFTOVER_AGE: Duration = Duration::from_secs(600);

/// An error for a store file that is not a regular file.
fn not_regular(kind: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("it is a {kind}, not a regular file"),
    )
}

/// What a file system entry is, in words, for messages.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_symlink() {
        "symbolic link"
    } else if file_type.is_dir() {
        "folder"
    } else {
        "special file (FIFO, socket or device)"
    }
}

/// Fails unless `path` is a regular file (not following a link). `Ok(false)`
/// when nothing is there.
pub(super) fn check_regular(path: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() => Ok(true),
        Ok(m) => Err(not_regular(kind_of(m.file_type()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Fails unless the open handle is a regular file: the entry may have been
/// swapped between the check and the open.
fn check_handle(file: &File) -> io::Result<()> {
    let file_type = file.metadata()?.file_type();
    if file_type.is_file() {
        Ok(())
    } else {
        Err(not_regular(kind_of(file_type)))
    }
}

/// The contents of a regular file of at most `limit` bytes; an error for
/// anything else (missing, a link, a FIFO, a device, too large).
pub(super) fn read_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// A regular file opened for reading; an error for anything else
/// (missing, a link, a FIFO, a device). The caller bounds what it reads.
pub(super) fn open_regular(path: &Path) -> io::Result<File> {
    if !check_regular(path)? {
        return Err(io::ErrorKind::NotFound.into());
    }
    let file = File::open(path)?;
    check_handle(&file)?;
    Ok(file)
}

/// A removal that found nothing to remove succeeded: what was wanted is that
/// nothing is there.
pub(super) fn ignore_missing(removal: io::Result<()>) -> io::Result<()> {
    match removal {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// The temporary name this process writes `path` through.
fn temp_path(path: &Path) -> PathBuf {
    path.with_extension(format!("tmp{}", std::process::id()))
}

/// Replaces `path` with `bytes` at once: readers see the old file or the new
/// one. Whatever sits at `path` or at the temporary name (a link, a leftover)
/// is replaced, never written through; the temporary file does not outlive a
/// failure.
pub(super) fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_replacing_with(path, |file| file.write_all(bytes))
}

/// [`write_replacing`] for a file written piece by piece by `write`.
pub(super) fn write_replacing_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_path(path);
    // Our own name: only this process writes it, so whatever is there is a
    // leftover of an earlier process with the same id, or planted.
    ignore_missing(std::fs::remove_file(&tmp))?;
    let result = File::options()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut file| write(&mut file))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files of `targets` (file names in `dir`) that writers
/// killed or stopped by a full disk left behind. A temporary file still being
/// written is young; should one be removed anyway, its writer's rename fails
/// and only that cache update is lost.
pub(super) fn remove_leftovers(dir: &Path, targets: &[&str]) {
    let prefixes: Vec<String> = targets
        .iter()
        .map(|target| {
            Path::new(target)
                .with_extension("tmp")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for path in leftovers(dir, &prefixes) {
        let _ = std::fs::remove_file(path);
    }
}

/// Removes folders named `prefix` and a process id that a process killed
/// while creating a store left behind.
pub(super) fn remove_leftover_folders(dir: &Path, prefix: &str) {
    for path in leftovers(dir, &[prefix.to_string()]) {
        // Does not follow a link: at worst it removes the link.
        let _ = std::fs::remove_dir_all(path);
    }
}

/// Entries of `dir` named one of `prefixes` followed by a process id, last
/// changed longer than [`LEFTOVER_AGE`] ago.
fn leftovers(dir: &Path, prefixes: &[String]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            prefixes.iter().any(|prefix| {
                name.strip_prefix(prefix.as_str())
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            })
        })
        .filter(|entry| {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age >= LEFTOVER_AGE)
        })
        .map(|entry| entry.path())
        .collect()
}

/// Opens (creating where missing) the regular file `path` for writing
/// without following a link and without opening a FIFO or device.
pub(super) fn open_or_create_regular(path: &Path) -> io::Result<File> {
    loop {
        if check_regular(path)? {
            let file = File::options().write(true).open(path)?;
            check_handle(&file)?;
            return Ok(file);
        }
        match File::options().write(true).create_new(true).open(path) {
            Ok(file) => return Ok(file),
            // Another process created it first (or a dangling link sits
            // there, which the check above then names).
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}
