//! Writing the site: every page staged aside first, then moved into
//! place, then the pages of an earlier run that this one did not write
//! removed. Only paths that stay inside the output folder are written.

use super::Page;
use crate::sanitize::one_line;
use std::collections::HashSet;
use std::path::Path;

/// Writes the pages under `out` (creating folders), refusing any path that
/// is absolute or has a `..`/empty component. Every path is checked, and
/// every page written aside, before any page of the site is replaced, so a
/// refused page or a full disk leaves no half-written site.
pub fn write(out: &Path, pages: &[Page]) -> std::io::Result<()> {
    for page in pages {
        check_path(&page.path)?;
    }
    // Every page is written aside first: a full disk or a refused file
    // fails there, and leaves the site as it was, never half replaced.
    let staging = out.join(format!(".sagsspor-staging-{}", std::process::id()));
    let under = |root: &Path, page: &Page| {
        page.path
            .split('/')
            .fold(root.to_path_buf(), |p, segment| p.join(segment))
    };
    let staged = pages.iter().try_for_each(|page| {
        let target = under(&staging, page);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &page.html)
    });
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    for page in pages {
        let target = under(out, page);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(under(&staging, page), &target)?;
    }
    std::fs::remove_dir_all(&staging)?;
    // Pages of an earlier run that this one did not write (a case that is
    // gone, a renamed body) are removed; only pages the report itself wrote
    // are ever touched, as its list of them says.
    let list = out.join(PAGE_LIST);
    let written: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    if let Ok(earlier) = std::fs::read_to_string(&list) {
        for path in earlier.lines().filter(|p| !written.contains(p)) {
            if check_path(path).is_err() {
                continue;
            }
            let stale = under(
                out,
                &Page {
                    path: path.to_string(),
                    html: String::new(),
                },
            );
            if std::fs::symlink_metadata(&stale).is_ok_and(|m| m.is_file()) {
                std::fs::remove_file(&stale)?;
            }
        }
    }
    let mut names: Vec<&str> = written.into_iter().collect();
    names.sort_unstable();
    std::fs::write(&list, names.join("\n") + "\n")
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
