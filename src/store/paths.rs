//! Paths inside the history tree, built from identifiers by the one
//! reversible, validated escaping of [`crate::segment`]. No text from a
//! document reaches a path any other way.
//!
//! Layout:
//! ```text
//! meetings/<YYYY>/<MM>/<YYYY-MM-DD>_<body>/minutes.txt     the minutes, verbatim
//! meetings/<YYYY>/<MM>/<YYYY-MM-DD>_<body>/meeting.json    what was parsed from them
//! cases/<h>/<h>/<h>/<journal>/<YYYY-MM-DD>_<body>_p<NNN>.json          a treatment
//! cases/<h>/<h>/<h>/<journal>/<YYYY-MM-DD>_<body>_q<YYYY-MM-DD>_<body>_p<NNN>.json
//!                                         a decision quoted in later minutes
//! ```
//! `<h>/<h>/<h>` are the first three hex digits of the journal number's
//! SHA-256. Every commit rewrites the folders on the paths it touches, so
//! folders are kept small at every level: sixteen shards per level keep a
//! case folder's parents at a few hundred bytes each even with 100,000
//! cases, and the cost of one more meeting does not grow with the store.

pub use crate::segment::{PathError, escape, unescape};
use jiff::civil::Date;
use sha2::{Digest, Sha256};

/// Folder levels below `meetings/` down to a meeting's folder (year, month,
/// meeting).
pub const MEETING_LEVELS: usize = 3;
/// Folder levels below `cases/` down to a case's folder (three shards, case).
pub const CASE_LEVELS: usize = 4;

/// The folder of one meeting's files.
pub fn meeting_dir(date: Date, body: &str) -> Result<String, PathError> {
    Ok(format!(
        "meetings/{}/{:02}/{}_{}",
        date.year(),
        date.month(),
        date,
        escape(body)?
    ))
}

/// The folder of one case's treatments.
pub fn case_dir(journal: &str) -> Result<String, PathError> {
    let escaped = escape(journal)?;
    Ok(format!("cases/{}/{}", shard(journal), escaped))
}

/// Three folder levels from the first three hex digits of the journal
/// number's hash: `3/f/a`.
pub fn shard(journal: &str) -> String {
    let digest = Sha256::digest(journal.as_bytes());
    let hex = format!("{:02x}{:02x}", digest[0], digest[1]);
    format!("{}/{}/{}", &hex[0..1], &hex[1..2], &hex[2..3])
}

/// The file of a treatment read from its own meeting's minutes.
pub fn own_treatment_file(date: Date, body: &str, punkt: u32) -> Result<String, PathError> {
    Ok(format!("{}_{}_p{:03}.json", date, escape(body)?, punkt))
}

/// The file of a treatment known from a quote in a later meeting's minutes.
/// The quoting meeting is part of the name, so two later minutes quoting the
/// same decision never overwrite each other, whatever the import order.
pub fn quoted_treatment_file(
    date: Date,
    body: &str,
    source_date: Date,
    source_body: &str,
    source_punkt: u32,
) -> Result<String, PathError> {
    Ok(format!(
        "{}_{}_q{}_{}_p{:03}.json",
        date,
        escape(body)?,
        source_date,
        escape(source_body)?,
        source_punkt
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_reversible_and_keeps_distinct_numbers_distinct() {
        let a = escape("24/24964").unwrap();
        let b = escape("24-24964").unwrap();
        assert_eq!(a, "24%2F24964");
        assert_eq!(b, "24-24964");
        assert_eq!(unescape(&a).as_deref(), Some("24/24964"));
        assert_eq!(unescape(&b).as_deref(), Some("24-24964"));
    }

    #[test]
    fn hostile_identifiers_cannot_leave_the_segment() {
        for hostile in ["..", ".", "../../etc/passwd", "/", "a/b", "x_y"] {
            let e = escape(hostile).unwrap();
            assert!(
                !e.contains('/') && !e.contains('_') && e != "." && e != "..",
                "{e}"
            );
        }
        assert_eq!(escape("a\0b"), Err(PathError::Control));
        assert_eq!(escape("  "), Err(PathError::Empty));
        assert_eq!(escape(&"9".repeat(101)), Err(PathError::TooLong));
    }

    #[test]
    fn unescape_rejects_foreign_segments() {
        assert_eq!(unescape("a%2fb"), None, "lower-case escapes are not ours");
        assert_eq!(unescape("a.b"), None);
    }
}
