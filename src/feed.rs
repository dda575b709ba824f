//! The Atom feed (`sagsspor feed`): what a reader following a municipality
//! wants to hear after each import. One entry per meeting, one per case
//! whose Indstilling or Beslutning changed since its treatment before (with
//! the word diff), one per deferred case that came back, and one per
//! correction of a stored meeting.
//!
//! Entry ids are made of what the entry is about (the meeting's key, the
//! case and the treatment), never of the store's history, so a feed
//! reader shows only what is new after the next import, and two stores
//! holding the same minutes write the same entries.

use crate::diff::SectionDiff;
use crate::filter::Filter;
use crate::model::Outcome;
use crate::report;
use crate::sanitize::one_line;
use crate::store::Correction;
use crate::views::{CaseHistory, MeetingRow, Site, TreatmentView};
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use jiff::civil::Date;
use std::str::FromStr;

/// What a feed holds besides the history.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Only what this lets through (organisation, body, dates).
    pub follow: &'a Filter,
    /// At most this many entries, the newest; all without a limit.
    pub limit: Option<usize>,
    /// The address the report of the same store is published at (absolute,
    /// without a trailing `/`): each entry links to its page there.
    pub site: Option<&'a str>,
}

/// The feed as Atom XML, newest entry first.
pub fn build(site: &Site, options: Options) -> String {
    let Options {
        follow,
        limit,
        site: base,
    } = options;
    // An entry's link: the page of the report at `base`, where there is one.
    let link = |relative: Option<String>| -> Vec<Link> {
        match (base, relative) {
            (Some(base), Some(relative)) => vec![Link {
                href: format!("{base}/{relative}"),
                rel: "alternate".to_string(),
                mime_type: Some("text/html".to_string()),
                ..Default::default()
            }],
            _ => Vec::new(),
        }
    };
    let mut entries: Vec<(Date, Entry)> = Vec::new();
    for meeting in site.meetings.iter().map(|m| &m.row) {
        if follow.organisation(meeting.organisation.as_deref())
            && follow.body(&meeting.body)
            && follow.date(meeting.date)
        {
            let mut entry = meeting_entry(meeting);
            entry.links = link(report::meeting_href(meeting));
            entries.push((meeting.date, entry));
        }
    }
    for case in &site.cases {
        if !follow.organisation(case.organisation.as_deref()) {
            continue;
        }
        for (i, (pair, changes)) in case.treatments.windows(2).zip(&case.changes).enumerate() {
            let (before, after) = (&pair[0], &pair[1]);
            if !follow.body(&after.body) || !follow.date(after.date) {
                continue;
            }
            let came_back = before.outcome == Some(Outcome::Deferred);
            let changed = changes.iter().any(|s| s.changed);
            if came_back || changed {
                let mut entry = case_entry(case, before, after, changes, came_back);
                entry.links = link(report::case_href(
                    case.organisation.as_deref(),
                    &case.journal,
                    i + 1,
                ));
                entries.push((after.date, entry));
            }
        }
    }
    for correction in &site.corrections {
        if follow.organisation(correction.organisation.as_deref())
            && follow.body(&correction.body)
            && follow.date(correction.date)
        {
            let mut entry = correction_entry(correction);
            let meeting = site.meetings.iter().map(|m| &m.row).find(|m| {
                (
                    m.organisation.as_deref(),
                    m.body.as_str(),
                    m.date,
                    m.time.as_deref(),
                ) == (
                    correction.organisation.as_deref(),
                    correction.body.as_str(),
                    correction.date,
                    correction.time.as_deref(),
                )
            });
            entry.links = link(meeting.and_then(report::meeting_href));
            entries.push((correction.date, entry));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    // An id names one entry (two treatments of a case by one body on one
    // day are one entry: the later meeting's).
    let mut seen = std::collections::HashSet::new();
    entries.retain(|(_, e)| seen.insert(e.id.clone()));
    if let Some(limit) = limit {
        entries.truncate(limit);
    }
    let updated = entries
        .first()
        .map_or_else(|| noon(Date::constant(1970, 1, 1)), |(d, _)| noon(*d));
    let title = match follow.organisation.as_deref() {
        Some(org) => format!("sagsspor: {}", one_line(org)),
        None => "sagsspor".to_string(),
    };
    let feed = Feed {
        title: Text::plain(title),
        id: format!(
            "tag:sagsspor,2025:feed/{}",
            escape_id(follow.organisation.as_deref().unwrap_or("alle"))
        ),
        updated,
        authors: vec![Person {
            name: "sagsspor".to_string(),
            ..Default::default()
        }],
        entries: entries.into_iter().map(|(_, e)| e).collect(),
        ..Default::default()
    };
    feed.to_string()
}

fn meeting_entry(m: &MeetingRow) -> Entry {
    let kind = crate::identity::kind_name(m.kind);
    let key = meeting_key(
        m.organisation.as_deref(),
        &m.body,
        m.date,
        m.time.as_deref(),
    );
    Entry {
        id: format!("tag:sagsspor,2025:meeting/{key}"),
        title: Text::plain(format!(
            "{} {}: {kind}, {} punkter",
            one_line(&m.body),
            m.date,
            m.items
        )),
        updated: noon(m.date),
        content: Some(html(maud::html! {
            p {
                (one_line(m.organisation.as_deref().unwrap_or(""))) " " (one_line(&m.body)) " " (m.date)
                @if let Some(time) = &m.time { " kl. " (one_line(time)) }
            }
        })),
        ..Default::default()
    }
}

fn correction_entry(c: &Correction) -> Entry {
    let mut key = meeting_key(
        c.organisation.as_deref(),
        &c.body,
        c.date,
        c.time.as_deref(),
    );
    // The new version's hash: each correction of a meeting is its own entry.
    key.push_str(&format!("/{}", escape_id(&c.source_sha256)));
    Entry {
        id: format!("tag:sagsspor,2025:correction/{key}"),
        title: Text::plain(format!(
            "{} {}: rettet ({})",
            one_line(&c.body),
            c.date,
            one_line(&c.file)
        )),
        updated: noon(c.date),
        content: Some(html(maud::html! {
            p {
                (one_line(c.organisation.as_deref().unwrap_or(""))) " " (one_line(&c.body)) " "
                (c.date) ": en ny udgave af mødets dokument, " (one_line(&c.file))
            }
        })),
        ..Default::default()
    }
}

fn case_entry(
    case: &CaseHistory,
    before: &TreatmentView,
    after: &TreatmentView,
    changes: &[SectionDiff],
    came_back: bool,
) -> Entry {
    let what = if came_back {
        "tilbage efter udsættelse"
    } else {
        "ændret"
    };
    // The word diff as the report shows it: its paragraphs, `<del>` and
    // `<ins>` kept well nested across paragraph breaks.
    let body = maud::html! {
        p {
            (one_line(&before.body)) " " (before.date) " " (outcome(before.outcome)) " → "
            (one_line(&after.body)) " " (after.date) " " (outcome(after.outcome))
        }
        @for section in changes.iter().filter(|s| s.changed) {
            h3 { (one_line(&section.name)) }
            (report::ops(&section.ops))
        }
    };
    Entry {
        id: format!(
            "tag:sagsspor,2025:case/{}/{}/{}/{}",
            escape_id(case.organisation.as_deref().unwrap_or("_")),
            escape_id(&case.journal),
            escape_id(&after.body),
            after.date
        ),
        title: Text::plain(format!(
            "{} {}: {what} ({} {})",
            one_line(&case.journal),
            one_line(case.title.as_deref().unwrap_or("")),
            one_line(&after.body),
            after.date
        )),
        updated: noon(after.date),
        content: Some(html(body)),
        ..Default::default()
    }
}

fn outcome(outcome: Option<Outcome>) -> &'static str {
    outcome.map_or("—", Outcome::as_str)
}

fn html(value: maud::Markup) -> Content {
    Content {
        value: Some(value.into_string()),
        content_type: Some("html".to_string()),
        ..Default::default()
    }
}

/// A meeting in an entry id: `<org>/<body>/<date>[/<time>]`.
fn meeting_key(organisation: Option<&str>, body: &str, date: Date, time: Option<&str>) -> String {
    let mut key = format!(
        "{}/{}/{}",
        escape_id(organisation.unwrap_or("_")),
        escape_id(body),
        date
    );
    if let Some(time) = time {
        key.push_str(&format!("/{}", escape_id(time)));
    }
    key
}

/// An id segment: letters, digits and `-._~` kept, everything else
/// percent-encoded, so ids stay valid IRIs whatever the names hold.
fn escape_id(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn noon(date: Date) -> FixedDateTime {
    FixedDateTime::from_str(&format!("{date}T12:00:00+00:00")).unwrap_or_else(|_| {
        FixedDateTime::from_str("1970-01-01T12:00:00+00:00").expect("a valid time")
    })
}
