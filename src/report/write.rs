//! Writing the site: every page staged aside first, then moved into
//! place, then the pages of an earlier run that this one did not write
//! removed. Only paths that stay inside the output folder are written.

use super::Page;
use crate::sanitize::one_line;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A site being written: each page goes into a staging folder beside the
/// site as it is made, so that only one page at a time is held in memory;
/// [`Staging::commit`] then moves them all into place. Until then the site
/// is as it was: a refused path or a full disk drops the staging folder
/// and leaves no half-written site.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    written: Vec<String>,
    committed: bool,
}

impl Staging {
    /// Starts writing a site into `out`, which is created if missing. A
    /// folder that holds files an earlier report did not write is refused:
    /// the report replaces `index.html` and removes the pages it wrote
    /// before, and must never do either to a user's own files.
    pub fn new(out: &Path) -> std::io::Result<Staging> {
        let dir = out.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        match std::fs::metadata(out) {
            Ok(m) if !m.is_dir() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "it is a file, not a folder",
                ));
            }
            Ok(_) if !out.join(PAGE_LIST).is_file() && holds_other_files(out)? => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the folder holds files that no earlier report wrote; choose an empty or new folder",
                ));
            }
            _ => {}
        }
        std::fs::create_dir_all(out)?;
        // A staging folder of this name is left only by a run that was
        // killed (process ids are reused); what it holds was never the site.
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            written: Vec::new(),
            committed: false,
        })
    }

    /// Writes one page aside, refusing any path that would leave the
    /// output folder (absolute, `..` or empty segments).
    pub fn add(&mut self, page: &Page) -> std::io::Result<()> {
        check_path(&page.path)?;
        let target = under(&self.dir, &page.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &page.html)?;
        self.written.push(page.path.clone());
        Ok(())
    }

    /// Moves every page into place, then removes the pages of an earlier
    /// run that this one did not write. Returns how many pages it wrote.
    pub fn commit(mut self) -> std::io::Result<usize> {
        for path in &self.written {
            let target = under(&self.out, path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(under(&self.dir, path), &target)?;
        }
        self.committed = true;
        std::fs::remove_dir_all(&self.dir)?;
        // Pages of an earlier run that this one did not write (a case that
        // is gone, a renamed body) are removed; only pages the report
        // itself wrote are ever touched, as its list of them says.
        let list = self.out.join(PAGE_LIST);
        let written: HashSet<&str> = self.written.iter().map(String::as_str).collect();
        if let Ok(earlier) = std::fs::read_to_string(&list) {
            for path in earlier.lines().filter(|p| !written.contains(p)) {
                if check_path(path).is_err() {
                    continue;
                }
                let stale = under(&self.out, path);
                if std::fs::symlink_metadata(&stale).is_ok_and(|m| m.is_file()) {
                    std::fs::remove_file(&stale)?;
                }
            }
        }
        let mut names: Vec<&str> = written.into_iter().collect();
        names.sort_unstable();
        std::fs::write(&list, names.join("\n") + "\n")?;
        Ok(self.written.len())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: what is left is only the staging folder, never
            // part of the site.
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// What a staging folder's name starts with.
const STAGING_PREFIX: &str = ".sagsspor-staging-";

/// Whether a folder holds anything but the staging folders of runs that
/// were killed.
fn holds_other_files(folder: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(folder)? {
        let name = entry?.file_name();
        if !name.to_string_lossy().starts_with(STAGING_PREFIX) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A `/`-separated page path under `root`.
fn under(root: &Path, path: &str) -> PathBuf {
    path.split('/')
        .fold(root.to_path_buf(), |p, segment| p.join(segment))
}

/// The pages the last run wrote, one path a line, in the output folder.
pub(super) const PAGE_LIST: &str = ".sagsspor-pages";

/// A page path must stay inside the output folder on every platform: no
/// absolute path, no empty, `.` or `..` segment, no backslash, colon (drive
/// letters, alternate streams) or control character.
pub(super) fn check_path(path: &str) -> std::io::Result<()> {
    let bad = path.is_empty()
        || Path::new(path).is_absolute()
        || path
            .chars()
            .any(|c| c.is_control() || c == '\\' || c == ':')
        || path
            .split('/')
            .any(|segment| segment.is_empty() || segment == "." || segment == "..");
    if bad {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("refusing to write page to unsafe path {:?}", one_line(path)),
        ));
    }
    Ok(())
}
