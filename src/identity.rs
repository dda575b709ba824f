//! Which meeting a document is: organisation, body, date, time and kind.
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
