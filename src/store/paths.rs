//! Paths inside the history tree, built from identifiers by the one
//! reversible, validated escaping of [`crate::segment`]. No text from a
//! document reaches a path any other way.
//!
//! Layout:
//! ```text
//! LAYOUT                                            the layout's version
//! meetings/<org>/<YYYY>/<MM>/<YYYY-MM-DD>[_<HHMM>]_<body>/
//!     minutes.txt  meeting.json                     the minutes (referat), verbatim and parsed
//!     agenda.txt   agenda.json                      the agenda (dagsorden), verbatim and parsed
//! cases/<org>/<h>/<h>/<h>/<journal>/<YYYY>/<MM>/<YYYY-MM-DD>[_<HHMM>]_<body>_p<NNN>.json
//!                                                   a treatment
//! cases/<org>/<h>/<h>/<h>/<journal>/<YYYY>/<MM>/<YYYY-MM-DD>_<body>_q<YYYY-MM-DD>[_<HHMM>]_<body>_p<NNN>.json
//!                                                   a decision quoted in later minutes
//!                                                   (filed by the quoting minutes' month)
//! ```
//! `<NNN>` is [`Punkt::file_label`]: `004`, or `001.2` within item 1.
//! `<org>` is the organisation, `_` where it is unknown (no escaped name is
//! `_`). `<body>` is the body's canonical name. `<h>/<h>/<h>` are the first
//! three hex digits of the journal number's SHA-256. Every commit rewrites
//! the folders on the paths it touches, so folders are kept small at every
//! level: sixteen shards per level keep a case folder's parents at a few
//! hundred bytes each even with 100,000 cases, and a case's treatments are
//! kept by month (`<YYYY>/<MM>`), so the cost of one more meeting does not grow
//! with the store, nor with the history of a case treated at every meeting.

use crate::identity::MeetingKey;
use crate::model::Punkt;
pub use crate::segment::{PathError, escape, unescape};
use jiff::civil::Date;
use sha2::{Digest, Sha256};

/// The version of this layout, kept in the tree's `LAYOUT` file. A store
/// without it, or with another, was written by another sagsspor and is
/// brought to this layout by `sagsspor rebuild`.
pub const LAYOUT_VERSION: &str = "3";
/// The file that holds [`LAYOUT_VERSION`].
pub const LAYOUT_FILE: &str = "LAYOUT";
/// Folder levels below `meetings/` down to a meeting's folder
/// (organisation, year, month, meeting).
pub const MEETING_LEVELS: usize = 4;
/// Folder levels below `cases/` down to a case's folder (organisation,
/// three shards, case).
pub const CASE_LEVELS: usize = 5;
/// The organisation segment where the organisation is unknown.
const UNKNOWN_ORGANISATION: &str = "_";

/// The path segment of an organisation.
pub fn organisation_segment(organisation: Option<&str>) -> Result<String, PathError> {
    organisation.map_or(Ok(UNKNOWN_ORGANISATION.to_string()), escape)
}

/// The organisation a segment names: `Some(None)` for unknown, `None` for
/// a segment this layout never writes.
pub fn organisation_of_segment(segment: &str) -> Option<Option<String>> {
    if segment == UNKNOWN_ORGANISATION {
        return Some(None);
    }
    unescape(segment).map(Some)
}

/// `_1715` for `17:15`, nothing where the time is unknown.
fn time_part(time: Option<&str>) -> Result<String, PathError> {
    Ok(match time {
        Some(t) => format!("_{}", escape(&t.replace(':', ""))?),
        None => String::new(),
    })
}

/// The folder of one meeting's files.
pub fn meeting_dir(key: &MeetingKey) -> Result<String, PathError> {
    Ok(format!(
        "meetings/{}/{}/{:02}/{}{}_{}",
        organisation_segment(key.organisation.as_deref())?,
        key.date.year(),
        key.date.month(),
        key.date,
        time_part(key.time.as_deref())?,
        escape(&key.body)?
    ))
}

/// The folders of one month of a case's treatments, below its case folder
/// (`2024/03`). A standing case (`Meddelelser`, treated at every meeting)
/// would otherwise be one folder of thousands of files, rewritten whole by
/// every commit that adds one: the store would grow with the square of its
/// meetings. By month, a commit rewrites at most a month's treatments and
/// two small folders above them. The month is that of the minutes the
/// treatment is read from (for a quoted decision, the quoting minutes').
pub fn treatment_month(date: Date) -> String {
    format!("{:04}/{:02}", date.year(), date.month())
}

/// The folder of one case's treatments.
pub fn case_dir(organisation: Option<&str>, journal: &str) -> Result<String, PathError> {
    Ok(format!(
        "cases/{}/{}/{}",
        organisation_segment(organisation)?,
        shard(journal),
        escape(journal)?
    ))
}

/// Three folder levels from the first three hex digits of the journal
/// number's hash: `3/f/a`.
pub fn shard(journal: &str) -> String {
    let digest = Sha256::digest(journal.as_bytes());
    let hex = format!("{:02x}{:02x}", digest[0], digest[1]);
    format!("{}/{}/{}", &hex[0..1], &hex[1..2], &hex[2..3])
}

/// The file of a treatment read from its own meeting's minutes.
pub fn own_treatment_file(
    date: Date,
    time: Option<&str>,
    body: &str,
    punkt: Punkt,
) -> Result<String, PathError> {
    Ok(format!(
        "{}{}_{}_p{}.json",
        date,
        time_part(time)?,
        escape(body)?,
        punkt.file_label()
    ))
}

/// The file of a treatment known from a quote in a later meeting's minutes.
/// The quoting meeting is part of the name, so two later minutes quoting the
/// same decision never overwrite each other, whatever the import order.
pub fn quoted_treatment_file(
    date: Date,
    body: &str,
    source: &MeetingKey,
    source_punkt: Punkt,
) -> Result<String, PathError> {
    Ok(format!(
        "{}_{}_q{}{}_{}_p{}.json",
        date,
        escape(body)?,
        source.date,
        time_part(source.time.as_deref())?,
        escape(&source.body)?,
        source_punkt.file_label()
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
