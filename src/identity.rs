//! Which meeting a document is: organisation, body, date, time and kind;
//! and which case a journal number is.
//!
//! Two documents are versions of one meeting only when all of these agree,
//! so the minutes of another municipality's "Direktionen" on the same date,
//! or the second meeting of a council on one evening, never replace a stored
//! meeting. The body is the canonical one ([`crate::bodies`]); the time is
//! part of the identity wherever the document gives it.

use crate::bodies::{self, Aliases};
use crate::model::{DocumentKind, Meeting};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The identity of one meeting in the store.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MeetingKey {
    /// The municipality or region; `None` where neither the document, the
    /// user nor the store said.
    pub organisation: Option<String>,
    /// The body's canonical name.
    pub body: String,
    /// The meeting's date.
    pub date: Date,
    /// Start time as `HH:MM`, where the document gives it.
    pub time: Option<String>,
}

/// Why a document cannot be filed as a meeting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The document gives no date.
    #[error("the minutes give no meeting date")]
    NoDate,
    /// The document names no body.
    #[error("the minutes do not say which body met (no line such as 'REFERAT Direktionen d. …')")]
    NoBody,
}

impl MeetingKey {
    /// The identity of a parsed meeting, its body made canonical.
    pub fn of(meeting: &Meeting, aliases: &Aliases) -> Result<MeetingKey, KeyError> {
        let date = meeting.date.ok_or(KeyError::NoDate)?;
        let body = meeting
            .body
            .as_deref()
            .filter(|b| !b.trim().is_empty())
            .ok_or(KeyError::NoBody)?;
        Ok(MeetingKey {
            organisation: meeting.organisation.clone(),
            body: bodies::canonical(body, aliases),
            date,
            time: meeting.time.clone(),
        })
    }
}

/// The case a journal number names, in one spelling: digits of any script
/// (`２４/１`, `٢٤/١`) and full-width signs become ASCII, letters upper case
/// (`emn-2025-1` is `EMN-2025-1`: journal systems print their codes in
/// capitals, and two cases that differ only in case would be one file on
/// macOS and Windows), white space folded. A number already in this form
/// is unchanged, so it is the spelling of almost every real minutes.
pub fn case_journal(written: &str) -> String {
    let folded = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars().map(full_width_to_ascii) {
        match decimal_digit(c) {
            Some(d) => out.push(char::from(b'0' + d)),
            None => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// `＠`–`～` (U+FF01–U+FF5E) are ASCII `!`–`~` set wide.
fn full_width_to_ascii(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// The value of a decimal digit of any script. Unicode encodes every
/// script's digits as whole runs of ten, 0 to 9 in order, so a digit's
/// value is its distance from the start of its run, modulo ten.
fn decimal_digit(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    let is_digit = |c: char| DECIMAL_DIGIT.is_match(c.encode_utf8(&mut [0; 4]));
    if !is_digit(c) {
        return None;
    }
    let mut start = c as u32;
    // Runs are at most a few tens long (mathematical digits: five sets).
    for _ in 0..64 {
        match char::from_u32(start - 1) {
            Some(before) if is_digit(before) => start -= 1,
            _ => break,
        }
    }
    u8::try_from((c as u32 - start) % 10).ok()
}

static DECIMAL_DIGIT: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^\p{Nd}$").expect("valid pattern"));

/// The name of a document kind in paths and commit messages.
pub fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Referat => "referat",
        DocumentKind::Dagsorden => "dagsorden",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(body: &str, time: Option<&str>) -> Meeting {
        Meeting {
            organisation: Some("Greve Kommune".to_string()),
            body: Some(body.to_string()),
            date: Some(Date::constant(2025, 9, 8)),
            time: time.map(str::to_string),
            ..Meeting::default()
        }
    }

    #[test]
    fn a_journal_number_has_one_spelling() {
        assert_eq!(case_journal("24/24964"), "24/24964");
        assert_eq!(case_journal("EMN-2025-010561"), "EMN-2025-010561");
        assert_eq!(case_journal("２４/１"), "24/1");
        assert_eq!(case_journal("２４／１"), "24/1");
        assert_eq!(case_journal("٢٤/١"), "24/1");
        assert_eq!(case_journal("۲۴/۱"), "24/1");
        assert_eq!(case_journal("𝟐𝟒/𝟏"), "24/1");
        assert_eq!(case_journal("abc-1"), case_journal("Abc-1"));
        assert_eq!(case_journal(" 82.02.00-g10-1-16 "), "82.02.00-G10-1-16");
        assert_eq!(case_journal("æbler-1"), "ÆBLER-1");
    }

    #[test]
    fn spellings_of_one_body_are_one_meeting() {
        let aliases = Aliases::default();
        assert_eq!(
            MeetingKey::of(&meeting("Byråd 2022-2025", Some("17:15")), &aliases),
            MeetingKey::of(&meeting("Byrådet", Some("17:15")), &aliases)
        );
    }

    #[test]
    fn two_meetings_of_one_body_on_one_day_are_two() {
        let aliases = Aliases::default();
        assert_ne!(
            MeetingKey::of(&meeting("Byrådet", Some("17:15")), &aliases),
            MeetingKey::of(&meeting("Byrådet", Some("17:30")), &aliases)
        );
    }

    #[test]
    fn another_organisation_is_another_meeting() {
        let aliases = Aliases::default();
        let mut other = meeting("Byrådet", Some("17:15"));
        other.organisation = Some("Solrød Kommune".to_string());
        assert_ne!(
            MeetingKey::of(&meeting("Byrådet", Some("17:15")), &aliases),
            MeetingKey::of(&other, &aliases)
        );
    }

    #[test]
    fn no_date_or_body_is_no_meeting() {
        let aliases = Aliases::default();
        let mut m = meeting("Byrådet", None);
        m.date = None;
        assert_eq!(MeetingKey::of(&m, &aliases), Err(KeyError::NoDate));
        assert_eq!(
            MeetingKey::of(&meeting("  ", None), &aliases),
            Err(KeyError::NoBody)
        );
    }
}
