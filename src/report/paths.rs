//! Where each page of the site goes, and links between them. Every file
//! name is built only from identifiers escaped by [`crate::segment::escape`]
//! (ASCII letters, digits, `-` and `%XX`), so no document text reaches a
//! path unescaped.

use crate::model::Punkt;
use crate::segment;
use crate::views::{MeetingRow, PendingRow, Site, TreatmentView};
use jiff::civil::Date;
use maud::{Markup, Render, html};
use std::collections::HashMap;

/// The front page.
pub const INDEX: &str = "index.html";
/// Every case that waits.
pub const WAITING: &str = "waiting.html";

/// The page of a case, relative to the site root; `None` when the journal
/// number cannot be a path segment (such a case gets no page or link).
/// Cases of different organisations with the same journal number get
/// different pages.
pub fn case_path(organisation: Option<&str>, journal: &str) -> Option<String> {
    let mut stem = segment::escape(journal).ok()?;
    if let Some(organisation) = organisation {
        stem.push('_');
        stem.push_str(&segment::escape(organisation).ok()?);
    }
    Some(format!("cases/{}.html", file_stem(stem)))
}

/// The name shared by a meeting's page and its minutes' page: date, time,
/// body and organisation, so that two meetings never share it.
fn meeting_stem(m: &MeetingRow) -> Option<String> {
    let mut stem = m.date.to_string();
    if let Some(time) = &m.time {
        stem.push('-');
        stem.push_str(&segment::escape(&time.replace(':', "")).ok()?);
    }
    stem.push('_');
    stem.push_str(&segment::escape(&m.body).ok()?);
    if let Some(organisation) = &m.organisation {
        stem.push('_');
        stem.push_str(&segment::escape(organisation).ok()?);
    }
    Some(file_stem(stem))
}

/// The page of a meeting, relative to the site root.
pub fn meeting_path(m: &MeetingRow) -> Option<String> {
    meeting_stem(m).map(|stem| format!("meetings/{stem}.html"))
}

/// The page holding a meeting's stored minutes.
pub fn minutes_path(m: &MeetingRow) -> Option<String> {
    meeting_stem(m).map(|stem| format!("minutes/{stem}.html"))
}

/// The anchor of treatment `i` (in its case's timeline) on the case page.
pub fn treatment_anchor(i: usize) -> String {
    format!("t{i}")
}

/// The anchor of an item on its meeting's minutes page.
pub fn item_anchor(punkt: Punkt) -> String {
    format!("p{punkt}")
}

/// The page of the meetings of a year and the cases last treated in it.
pub fn year_path(year: i16) -> String {
    format!("years/{year}.html")
}

/// File names stay under the 255 bytes file systems allow, whatever an
/// identifier's length once escaped (a 100-character journal number of
/// `Æ`s is 600 bytes).
const MAX_STEM_BYTES: usize = 200;

/// An escaped name as a file name: as it is where short; else its start
/// and a digest of the whole, which keeps names apart (shortened names all
/// have the same length, which no unshortened name has).
pub fn file_stem(escaped: String) -> String {
    if escaped.len() < MAX_STEM_BYTES {
        return escaped;
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(escaped.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // The escaped name is ASCII, so any byte index is a character boundary.
    format!("{}~{hex}", &escaped[..MAX_STEM_BYTES - 1 - hex.len()])
}

/// The meetings that have pages, to find the one a treatment belongs to.
pub struct Links<'s> {
    meetings: HashMap<(Date, &'s str), Vec<&'s MeetingRow>>,
}

impl<'s> Links<'s> {
    /// The meetings of `site`.
    pub fn new(site: &'s Site) -> Links<'s> {
        let mut meetings: HashMap<(Date, &str), Vec<&MeetingRow>> = HashMap::new();
        for m in &site.meetings {
            meetings
                .entry((m.row.date, m.row.body.as_str()))
                .or_default()
                .push(&m.row);
        }
        Links { meetings }
    }

    /// The meeting of this organisation, body, date and time; where the
    /// organisation or time is not known (a quoted decision), the only
    /// meeting of that body on that date.
    fn find(
        &self,
        organisation: Option<&str>,
        date: Date,
        body: &str,
        time: Option<&str>,
    ) -> Option<&'s MeetingRow> {
        let candidates = self.meetings.get(&(date, body))?;
        let only = match candidates.as_slice() {
            [only] => Some(only),
            _ => None,
        };
        candidates
            .iter()
            .find(|m| m.organisation.as_deref() == organisation && m.time.as_deref() == time)
            .or(only)
            .copied()
    }

    /// The meeting that took a treatment's decision, where the store has it.
    pub fn taken_at(&self, t: &TreatmentView) -> Option<&'s MeetingRow> {
        let time = if t.quoted {
            None
        } else {
            t.source.time.as_deref()
        };
        self.find(t.organisation.as_deref(), t.date, &t.body, time)
    }

    /// The meeting that deferred or sent on a waiting case.
    pub fn meeting_on(&self, r: &PendingRow) -> Option<&'s MeetingRow> {
        self.find(r.organisation.as_deref(), r.date, &r.body, None)
    }

    /// The meeting whose minutes a treatment was read from (for a quote, the
    /// quoting meeting).
    pub fn read_from(&self, t: &TreatmentView) -> Option<&'s MeetingRow> {
        self.find(
            t.organisation.as_deref(),
            t.source.date,
            &t.source.body,
            t.source.time.as_deref(),
        )
    }
}

/// An `href` value for a page path (a URL, not yet attribute-escaped: maud
/// does that). Escaped identifiers hold only ASCII letters, digits, `-` and
/// `%XX`; the file name contains a literal `%`, so the URL must say `%25`.
/// `nested` pages live one folder below the root.
pub fn href(path: &str, nested: bool) -> String {
    let up = if nested { "../" } else { "" };
    format!("{up}{}", path.replace('%', "%25"))
}

/// `label` as a link to `path`, or plain when there is no page.
pub fn link(path: Option<&str>, nested: bool, label: impl Render) -> Markup {
    html! {
        @if let Some(p) = path {
            a href=(href(p, nested)) { (label) }
        } @else {
            (label)
        }
    }
}
