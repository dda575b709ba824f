//! Treatments (behandlinger): one case on one meeting's agenda, derived from a
//! parsed [`Meeting`]. Pure.
//!
//! An item yields its own treatment (the meeting's date and body) and one
//! quoted treatment for every earlier decision it repeats
//! (`Beslutning Direktionen den 04-11-2025` inside the 17-11-2025 minutes).
//! A quoted treatment knows its decision but not its Indstilling: that is
//! never copied from the later minutes.

use crate::bodies::{self, Aliases};
use crate::classify::classify;
use crate::identity::{self, MeetingKey};
use crate::model::{Decision, Item, Meeting, Outcome, Punkt, Section, Votes};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where a treatment was read: the meeting whose minutes hold it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceRef {
    /// The date of the meeting whose minutes were read.
    pub date: Date,
    /// Its start time, where known: with date and body it names the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Its body (canonical name).
    pub body: String,
    /// The item number in those minutes.
    pub punkt: Punkt,
}

/// One treatment of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Treatment {
    /// The organisation whose case it is, where known.
    #[serde(default)]
    pub organisation: Option<String>,
    /// The case's journal number in its one spelling
    /// ([`identity::case_journal`]).
    pub journal: String,
    /// The date of the treating meeting.
    pub date: Date,
    /// The treating body (canonical name).
    pub body: String,
    /// The item number; `None` when the treatment is known only from a quote.
    pub punkt: Option<Punkt>,
    /// The item's title.
    pub title: Option<String>,
    /// Whether the item was closed.
    pub closed: bool,
    /// The Indstilling; `None` when there was none or it is not known.
    pub indstilling: Option<String>,
    /// The decision text, if any.
    pub beslutning: Option<String>,
    /// The decision's outcome; `None` when nothing was decided.
    pub outcome: Option<Outcome>,
    /// The phrase that decided the outcome.
    pub reason: Option<String>,
    /// The bodies the decision sends the case on to (canonical names);
    /// empty where it sends it nowhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    /// The counts of a vote, where the decision gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<Votes>,
    /// A named minority did not support the decision.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dissent: bool,
    /// The bodies the item says will treat the case, in order (canonical
    /// names); `None` where it states no route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Vec<String>>,
    /// Other sections of the item. Not kept in the treatment files (they
    /// live once, in the meeting's `meeting.json`); the store fills them in
    /// on request (`Store::with_sections`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// True when this treatment is known only from a later meeting's quote.
    pub quoted: bool,
    /// Where it was read.
    pub source: SourceRef,
}

/// All treatments in one meeting's minutes: for each item with a journal
/// number, its own treatment and one per quoted earlier decision. Every body
/// is named canonically, so a decision quoted under another spelling of a
/// body is that body's.
pub fn treatments_of(meeting: &Meeting, key: &MeetingKey, aliases: &Aliases) -> Vec<Treatment> {
    let (date, body) = (key.date, key.body.as_str());
    let mut out = Vec::new();
    for item in &meeting.items {
        let Some(journal) = item.journal.as_deref().map(identity::case_journal) else {
            continue;
        };
        let journal = &journal;
        let source = SourceRef {
            date,
            time: key.time.clone(),
            body: body.to_string(),
            punkt: item.punkt,
        };
        let decisions: Vec<Decision> = item
            .decisions
            .iter()
            .map(|d| Decision {
                body: d.body.as_deref().map(|b| bodies::canonical(b, aliases)),
                to: canonical_all(&d.to, aliases),
                ..d.clone()
            })
            .collect();
        let route = item.route.as_ref().map(|r| canonical_all(r, aliases));
        let (own, quoted): (Vec<&Decision>, Vec<&Decision>) = decisions
            .iter()
            .partition(|d| d.date == date && d.body.as_deref().is_none_or(|b| b == body));
        let Combined {
            beslutning,
            outcome,
            reason,
            to,
            votes,
            dissent,
        } = combine(&own);
        out.push(Treatment {
            organisation: key.organisation.clone(),
            journal: journal.clone(),
            date,
            body: body.to_string(),
            punkt: Some(item.punkt),
            title: item.title.clone(),
            closed: item.closed,
            indstilling: item.indstilling.clone(),
            beslutning,
            outcome,
            reason,
            to,
            votes,
            dissent,
            route: route.clone(),
            sections: Vec::new(),
            quoted: false,
            source: source.clone(),
        });
        out.extend(quoted_treatments(
            item, key, journal, &quoted, &source, &route,
        ));
    }
    out
}

fn quoted_treatments(
    item: &Item,
    key: &MeetingKey,
    journal: &str,
    quoted: &[&Decision],
    source: &SourceRef,
    route: &Option<Vec<String>>,
) -> Vec<Treatment> {
    let meeting_body = key.body.as_str();
    let mut keys: Vec<(Date, String)> = quoted
        .iter()
        .map(|d| {
            (
                d.date,
                d.body.clone().unwrap_or_else(|| meeting_body.to_string()),
            )
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(date, body)| {
            let same: Vec<&Decision> = quoted
                .iter()
                .copied()
                .filter(|d| d.date == date && d.body.as_deref().unwrap_or(meeting_body) == body)
                .collect();
            let Combined {
                beslutning,
                outcome,
                reason,
                to,
                votes,
                dissent,
            } = combine(&same);
            Treatment {
                organisation: key.organisation.clone(),
                journal: journal.to_string(),
                date,
                body,
                punkt: None,
                title: item.title.clone(),
                closed: item.closed,
                indstilling: None,
                beslutning,
                outcome,
                reason,
                to,
                votes,
                dissent,
                route: route.clone(),
                sections: Vec::new(),
                quoted: true,
                source: source.clone(),
            }
        })
        .collect()
}

/// Bodies named canonically, each once, in order.
fn canonical_all(names: &[String], aliases: &Aliases) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let name = bodies::canonical(name, aliases);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// What one meeting decided in one item, its decision blocks read as one.
#[derive(Default)]
struct Combined {
    beslutning: Option<String>,
    outcome: Option<Outcome>,
    reason: Option<String>,
    to: Vec<String>,
    votes: Option<Votes>,
    dissent: bool,
}

impl Treatment {
    /// The meeting whose minutes it was read from (for a quote, the quoting
    /// meeting), as the store files meetings.
    pub fn source_meeting(&self) -> MeetingKey {
        MeetingKey {
            organisation: self.organisation.clone(),
            body: self.source.body.clone(),
            date: self.source.date,
            time: self.source.time.clone(),
        }
    }
}

/// What a meeting decided on one of its items, with or without a journal
/// number: its own decision blocks (those dated that day) read as one.
pub fn own_outcome(item: &Item, date: Date) -> (Option<Outcome>, Option<String>) {
    let own: Vec<&Decision> = item.decisions.iter().filter(|d| d.date == date).collect();
    let combined = combine(&own);
    (combined.outcome, combined.reason)
}

/// Several decision blocks of one meeting in one item read as one decision:
/// the text classified as a whole, the bodies sent on to of every block, the
/// first vote counted.
fn combine(decisions: &[&Decision]) -> Combined {
    match decisions {
        [] => Combined::default(),
        [one] => Combined {
            beslutning: Some(one.text.clone()),
            outcome: Some(one.outcome),
            reason: one.reason.clone(),
            to: one.to.clone(),
            votes: one.votes,
            dissent: one.dissent,
        },
        many => {
            let text = many
                .iter()
                .map(|d| d.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
            let (outcome, reason) = classify(&text);
            let mut to: Vec<String> = Vec::new();
            for name in many.iter().flat_map(|d| &d.to) {
                if !to.contains(name) {
                    to.push(name.clone());
                }
            }
            Combined {
                beslutning: Some(text),
                outcome: Some(outcome),
                reason,
                to,
                votes: many.iter().find_map(|d| d.votes),
                dissent: many.iter().any(|d| d.dissent),
            }
        }
    }
}

/// A case's treatments as its history: oldest first, each (date, body) once.
/// A quote never overrides the meeting's own minutes: a quoted treatment is
/// dropped where that meeting's own treatment is known, and of several
/// quotes of one decision the earliest source is kept. The result depends
/// only on the set of treatments, never on their order.
pub fn timeline(mut treatments: Vec<Treatment>) -> Vec<Treatment> {
    let own: std::collections::HashSet<(Date, String)> = treatments
        .iter()
        .filter(|t| !t.quoted)
        .map(|t| (t.date, t.body.clone()))
        .collect();
    treatments.retain(|t| !t.quoted || !own.contains(&(t.date, t.body.clone())));
    treatments.sort_by(|a, b| {
        (a.date, &a.body, a.punkt, &a.source).cmp(&(b.date, &b.body, b.punkt, &b.source))
    });
    treatments.dedup_by(|later, earlier| {
        later.quoted && earlier.quoted && later.date == earlier.date && later.body == earlier.body
    });
    treatments
}
