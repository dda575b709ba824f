//! The read model: every question the commands and the report ask, answered
//! from one [`Snapshot`] of the store as a [`crate::views`] value.
//!
//! The rules of the domain that are not parsing live here: which cases count
//! as deferred and how long they have waited, how a case is found, which
//! two treatments a diff compares, which section names exist. Renderers get
//! only the views and never see the store.

use crate::diff::{DEFAULT_SECTIONS, diff_treatments, section_text};
use crate::filter::Filter;
use crate::identity::{self, MeetingKey};
use crate::journey::{self, Status};
use crate::model::{Outcome, Punkt, Section};
use crate::search::Query;
use crate::store::{
    CaseSummary, Found, MeetingSummary, Snapshot, StoreError, Summary, TreatmentSummary,
};
use crate::treatment::{self, Treatment};
use crate::views::{
    BlameRun, BlameTreatment, BlameView, CaseHistory, CaseLog, CaseRow, DeferredRow, DiffEnd,
    DiffView, ItemLine, JourneyView, LatestView, MeetingDocument, MeetingRow, PendingRow,
    SearchHit, SearchTreatment, SearchView, Site, SiteMeeting, StepView, TreatmentView,
};
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use thiserror::Error;

/// Journal numbers within this edit distance of an unknown one are offered
/// as "did you mean".
const NEAR_DISTANCE: usize = 3;
/// At most this many suggestions.
const NEAR_COUNT: usize = 3;

/// Why a question has no answer.
#[derive(Debug, Error)]
pub enum QueryError {
    /// No case has this journal number.
    #[error("unknown case '{journal}'")]
    UnknownCase {
        /// The journal number asked for.
        journal: String,
        /// Known journal numbers close to it, nearest first.
        near: Vec<String>,
    },
    /// The case is in the store, but no minutes up to the `--as-of` date
    /// tell of it.
    #[error("{journal} has no treatment up to {date} (its first: {first})")]
    NoneYet {
        /// The case.
        journal: String,
        /// The date asked as of.
        date: Date,
        /// The date of the first minutes that tell of it.
        first: Date,
    },
    /// Several organisations have a case with this journal number.
    #[error("'{journal}' is a case of {} organisations", organisations.len())]
    Ambiguous {
        /// The journal number asked for.
        journal: String,
        /// The organisations that have it.
        organisations: Vec<String>,
    },
    /// The case was not treated on that date.
    #[error("case '{journal}' has no treatment on {date}")]
    NoTreatmentOn {
        /// The case.
        journal: String,
        /// The date asked for.
        date: Date,
        /// The dates it was treated on.
        known: Vec<Date>,
    },
    /// A diff needs an older treatment and there is none.
    #[error("case '{journal}' has no treatment before {date} to compare with")]
    NothingBefore {
        /// The case.
        journal: String,
        /// Its only (or earliest asked-for) treatment's date.
        date: Date,
    },
    /// `--correction` on a treatment that was never re-published.
    #[error("the {date} treatment of '{journal}' was never corrected")]
    NeverCorrected {
        /// The case.
        journal: String,
        /// The treatment's date.
        date: Date,
    },
    /// A section name neither treatment has.
    #[error("unknown section '{name}'")]
    UnknownSection {
        /// The name asked for.
        name: String,
        /// The sections the two treatments have.
        known: Vec<String>,
    },
    /// The store could not answer.
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub use crate::journey::days_between;

/// The cases whose latest treatment deferred them, longest waiting first
/// (ties by journal number), those the filter lets through: the
/// organisation, the deferring body, the deferral's date.
pub fn deferred(
    snapshot: &Snapshot,
    today: Date,
    filter: &Filter,
) -> Result<Vec<DeferredRow>, QueryError> {
    let mut rows = deferred_rows(&snapshot.deferred()?, today);
    rows.retain(|r| {
        filter.organisation(r.organisation.as_deref())
            && filter.treatment(r.date, &r.body, Some(Outcome::Deferred))
    });
    Ok(rows)
}

/// Every case that waits, longest first (ties by journal number): those
/// `deferred` lists, and those sent on (recommended, forwarded) to a body
/// that has not treated them since (see [`crate::journey`]). The filter
/// matches the organisation, the date and outcome of the treatment it waits
/// since, and the body that deferred or sent it or one it waits for.
pub fn pending(
    snapshot: &Snapshot,
    today: Date,
    filter: &Filter,
) -> Result<Vec<PendingRow>, QueryError> {
    pending_in(snapshot, &snapshot.summary()?, today, filter)
}

/// [`pending`] with the snapshot's summary already read.
fn pending_in(
    snapshot: &Snapshot,
    summary: &Summary,
    today: Date,
    filter: &Filter,
) -> Result<Vec<PendingRow>, QueryError> {
    let mut rows: Vec<PendingRow> = deferred_rows(&summary.cases, today)
        .into_iter()
        .map(PendingRow::from)
        .collect();
    for case in &summary.cases {
        let deferred = case
            .latest()
            .is_some_and(|t| t.outcome == Some(Outcome::Deferred));
        if deferred
            || !filter.organisation(case.organisation.as_deref())
            || !journey::may_be_waiting(
                case.treatments
                    .iter()
                    .map(|t| (t.date, t.body.as_str(), t.outcome)),
            )
        {
            continue;
        }
        let treatments =
            journey::ordered(snapshot.case(case.organisation.as_deref(), &case.journal)?);
        let Some(wait) = journey::wait(&treatments, today) else {
            continue;
        };
        if wait.status != Status::Waiting {
            continue;
        }
        let t = &treatments[wait.at];
        rows.push(PendingRow {
            journal: case.journal.clone(),
            organisation: case.organisation.clone(),
            title: case.title.clone(),
            date: t.date,
            body: t.body.clone(),
            outcome: t.outcome,
            waiting_for: wait.waiting_for,
            waiting_days: wait.days,
            reason: t.reason.clone(),
        });
    }
    rows.retain(|r| {
        filter.organisation(r.organisation.as_deref())
            && filter.date(r.date)
            && filter.outcome(r.outcome)
            && (filter.body(&r.body) || r.waiting_for.iter().any(|b| filter.body(b)))
    });
    rows.sort_by(|a, b| {
        b.waiting_days
            .cmp(&a.waiting_days)
            .then_with(|| a.journal.cmp(&b.journal))
            .then_with(|| a.organisation.cmp(&b.organisation))
    });
    Ok(rows)
}

/// A case's journey: its steps oldest first, its planned route, where it
/// stands and what comes next.
pub fn journey(snapshot: &Snapshot, case: CaseQuery) -> Result<JourneyView, QueryError> {
    let (organisation, treatments) = timeline(snapshot, case)?;
    Ok(journey_view(case.journal, organisation, treatments))
}

/// The journey of a case from its timeline.
fn journey_view(
    journal: &str,
    organisation: Option<String>,
    treatments: Vec<Treatment>,
) -> JourneyView {
    let treatments = journey::ordered(treatments);
    let standing = journey::standing(&treatments);
    JourneyView {
        journal: journal.to_string(),
        organisation,
        title: latest_title(&treatments),
        route: journey::route(&treatments),
        steps: treatments.iter().map(StepView::from).collect(),
        status: standing.status,
        next: standing.next,
        since: standing.at.and_then(|i| Some(treatments.get(i)?.date)),
    }
}

fn deferred_rows(cases: &[CaseSummary], today: Date) -> Vec<DeferredRow> {
    let mut rows: Vec<DeferredRow> = cases
        .iter()
        .filter_map(|case| {
            let latest = case.latest()?;
            (latest.outcome == Some(Outcome::Deferred)).then(|| DeferredRow {
                organisation: case.organisation.clone(),
                journal: case.journal.clone(),
                title: case.title.clone(),
                date: latest.date,
                body: latest.body.clone(),
                punkt: latest.punkt,
                text: latest.beslutning.clone(),
                reason: latest.reason.clone(),
                waiting_days: days_between(latest.date, today),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.waiting_days
            .cmp(&a.waiting_days)
            .then_with(|| a.journal.cmp(&b.journal))
    });
    rows
}

/// Every case, or those whose journal number or title contains `text`
/// (case-insensitive), by journal number; of those, the ones of the
/// filter's organisation with a treatment that passes all of its body,
/// dates and outcomes.
pub fn cases(
    snapshot: &Snapshot,
    text: Option<&str>,
    filter: &Filter,
) -> Result<Vec<CaseRow>, QueryError> {
    let needle = text.map(str::to_lowercase);
    Ok(snapshot
        .summary()?
        .cases
        .iter()
        .filter(|c| {
            // Earlier titles too: a case renamed along the way is still
            // found by the name a reader remembers.
            needle.as_deref().is_none_or(|n| {
                let titled = |t: Option<&str>| t.is_some_and(|t| t.to_lowercase().contains(n));
                c.journal.to_lowercase().contains(n)
                    || titled(c.title.as_deref())
                    || c.treatments.iter().any(|t| titled(t.title.as_deref()))
            })
        })
        .filter(|c| {
            filter.organisation(c.organisation.as_deref())
                && (!filter.narrows_treatments()
                    || c.treatments
                        .iter()
                        .any(|t| filter.treatment(t.date, &t.body, t.outcome)))
        })
        .map(case_row)
        .collect())
}

fn case_row(c: &CaseSummary) -> CaseRow {
    CaseRow {
        organisation: c.organisation.clone(),
        journal: c.journal.clone(),
        title: c.title.clone(),
        treatments: c.treatments.len(),
        latest: c.latest().map(latest_view),
    }
}

fn latest_view(t: &TreatmentSummary) -> LatestView {
    LatestView {
        date: t.date,
        body: t.body.clone(),
        punkt: t.punkt,
        outcome: t.outcome,
        reason: t.reason.clone(),
    }
}

/// Every imported meeting, by date, start time and body; those the filter lets through
/// by organisation, body and date, and, with outcomes, those where an item
/// was decided with one of them.
pub fn meetings(snapshot: &Snapshot, filter: &Filter) -> Result<Vec<MeetingRow>, QueryError> {
    let summary = snapshot.summary()?;
    // The meetings (organisation, date, body) whose own minutes decided an
    // item with an outcome asked for; a quote is the quoted meeting's.
    let decided: Option<HashSet<(Option<&str>, Date, &str)>> =
        (!filter.outcomes.is_empty()).then(|| {
            summary
                .cases
                .iter()
                .flat_map(|c| {
                    c.treatments
                        .iter()
                        .filter(|t| !t.quoted && filter.outcome(t.outcome))
                        .map(|t| (c.organisation.as_deref(), t.date, t.body.as_str()))
                })
                .collect()
        });
    Ok(summary
        .meetings
        .iter()
        .filter(|m| {
            filter.organisation(m.organisation.as_deref())
                && filter.body(&m.body)
                && filter.date(m.date)
                && decided.as_ref().is_none_or(|d| {
                    d.contains(&(m.organisation.as_deref(), m.date, m.body.as_str()))
                })
        })
        .map(meeting_row)
        .collect())
}

fn meeting_row(m: &MeetingSummary) -> MeetingRow {
    MeetingRow {
        organisation: m.organisation.clone(),
        kind: m.kind,
        date: m.date,
        body: m.body.clone(),
        time: m.time.clone(),
        items: m.items,
        source_file: m.source_file.clone(),
    }
}

/// The treatments whose text holds every term of `query` and that pass
/// `filter`, newest first (ties in the order of the store), at most `limit`
/// of them (`None`: all), each with its sections that matched.
pub fn search(
    snapshot: &Snapshot,
    query: &Query,
    filter: &Filter,
    limit: Option<usize>,
) -> Result<SearchView, QueryError> {
    let mut results = snapshot.search(&query.needles())?;
    let mut found: Vec<Found> = results
        .found
        .iter()
        .filter(|f| {
            filter.organisation(results.organisation(f))
                && filter.treatment(f.date, results.body(f), f.outcome)
        })
        .copied()
        .collect();
    found.sort_by(|a, b| b.date.cmp(&a.date).then(a.doc.cmp(&b.doc)));
    let total = found.len();
    found.truncate(limit.unwrap_or(usize::MAX));
    let mut treatments = Vec::with_capacity(found.len());
    for f in &found {
        let doc = results.load(f)?;
        let hits: Vec<SearchHit> = doc
            .sections
            .iter()
            .filter_map(|(name, text)| {
                Some(SearchHit {
                    section: name.clone(),
                    snippet: query.snippet(text)?,
                })
            })
            .collect();
        treatments.push(SearchTreatment {
            organisation: doc.organisation,
            journal: doc.journal,
            date: doc.date,
            body: doc.body,
            punkt: doc.punkt,
            title: doc.title,
            quoted: doc.quoted,
            hits,
        });
    }
    Ok(SearchView {
        query: query
            .terms
            .iter()
            .map(|t| t.written.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        more: total - treatments.len(),
        treatments,
    })
}

/// Which case a command asks about: a journal number, and the organisation
/// where more than one has that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseQuery<'a> {
    /// The journal number as written.
    pub journal: &'a str,
    /// The organisation, if the user named one.
    pub organisation: Option<&'a str>,
}

/// A case's treatments, oldest first: those that pass the filter's body,
/// dates and outcomes.
pub fn log(snapshot: &Snapshot, case: CaseQuery, filter: &Filter) -> Result<CaseLog, QueryError> {
    let (organisation, treatments) = timeline(snapshot, case)?;
    let journal = case.journal;
    Ok(CaseLog {
        organisation,
        journal: journal.to_string(),
        title: latest_title(&treatments),
        treatments: treatments
            .iter()
            .filter(|t| filter.treatment(t.date, &t.body, t.outcome))
            .map(TreatmentView::from)
            .collect(),
    })
}

/// One treatment in full, with its other sections: the one on `at`, else
/// the latest.
pub fn show(
    snapshot: &Snapshot,
    case: CaseQuery,
    at: Option<Date>,
) -> Result<TreatmentView, QueryError> {
    let (_, treatments) = timeline(snapshot, case)?;
    let journal = case.journal;
    let index = match at {
        Some(date) => index_on(&treatments, journal, date)?,
        None => treatments.len() - 1,
    };
    let mut t = treatments[index].clone();
    snapshot.with_sections(&mut t)?;
    Ok(TreatmentView::from(&t))
}

/// What `diff` compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffQuery {
    /// The older treatment's date; default: the one before `to`.
    pub from: Option<Date>,
    /// The newer treatment's date; default: the latest.
    pub to: Option<Date>,
    /// Section names (any case); default: Indstilling and Beslutning.
    pub sections: Vec<String>,
    /// Compare the `to` treatment's first published version with its
    /// latest (a corrected re-publication) instead of two treatments.
    pub correction: bool,
}

/// How the asked-for sections changed between two treatments of a case.
pub fn diff(
    snapshot: &Snapshot,
    case: CaseQuery,
    query: &DiffQuery,
) -> Result<DiffView, QueryError> {
    let (organisation, treatments) = timeline(snapshot, case)?;
    let journal = case.journal;
    let to_index = match query.to {
        Some(date) => index_on(&treatments, journal, date)?,
        None => treatments.len() - 1,
    };
    let (mut from, mut to) = if query.correction {
        let versions = snapshot.treatment_versions(&treatments[to_index])?;
        match versions.as_slice() {
            [first, .., last] => (first.clone(), last.clone()),
            _ => {
                return Err(QueryError::NeverCorrected {
                    journal: journal.to_string(),
                    date: treatments[to_index].date,
                });
            }
        }
    } else {
        let from_index = match query.from {
            Some(date) => index_on(&treatments, journal, date)?,
            None if to_index == 0 => {
                return Err(QueryError::NothingBefore {
                    journal: journal.to_string(),
                    date: treatments[to_index].date,
                });
            }
            None => to_index - 1,
        };
        (treatments[from_index].clone(), treatments[to_index].clone())
    };
    let sections: Vec<String> = if query.sections.is_empty() {
        default_sections()
    } else {
        query.sections.iter().map(|s| s.to_lowercase()).collect()
    };
    if sections
        .iter()
        .any(|s| !DEFAULT_SECTIONS.contains(&s.as_str()))
    {
        snapshot.with_sections(&mut from)?;
        snapshot.with_sections(&mut to)?;
        check_sections(&sections, [&from, &to])?;
    }
    Ok(DiffView {
        organisation,
        journal: journal.to_string(),
        title: to.title.clone().or_else(|| from.title.clone()),
        sections: diff_treatments(&from, &to, &sections),
        from: DiffEnd::from(&from),
        to: DiffEnd::from(&to),
    })
}

/// Which treatment introduced each part of the newest text of one section
/// (`indstilling`, `beslutning` or another, in any case), on the word diff
/// `diff` shows (see [`crate::blame`]).
pub fn blame(snapshot: &Snapshot, case: CaseQuery, section: &str) -> Result<BlameView, QueryError> {
    let (organisation, mut treatments) = timeline(snapshot, case)?;
    let section = section.to_lowercase();
    // A timeline carries only Indstilling and Beslutning: another section
    // is read from the stored minutes, and a typo in its name is an error.
    if !DEFAULT_SECTIONS.contains(&section.as_str()) {
        for t in &mut treatments {
            snapshot.with_sections(t)?;
        }
        check_sections(std::slice::from_ref(&section), &treatments)?;
    }
    let texts = treatments.iter().map(|t| match section_text(t, &section) {
        (true, text) => text,
        (false, _) => None,
    });
    let (of, runs) = match crate::blame::blame(texts) {
        Some(blamed) => (
            Some(BlameTreatment::from(&treatments[blamed.newest])),
            blamed
                .runs
                .into_iter()
                .map(|run| BlameRun {
                    text: run.text,
                    treatment: BlameTreatment::from(&treatments[run.version]),
                })
                .collect(),
        ),
        None => (None, Vec::new()),
    };
    Ok(BlameView {
        organisation,
        journal: case.journal.to_string(),
        title: latest_title(&treatments),
        section,
        of,
        runs,
    })
}

/// A section name must be one of the defaults or a section of one of the
/// treatments: a typo would otherwise read as "none in any treatment".
fn check_sections<'t>(
    sections: &[String],
    treatments: impl IntoIterator<Item = &'t Treatment>,
) -> Result<(), QueryError> {
    let mut known = default_sections();
    for s in treatments.into_iter().flat_map(|t| &t.sections) {
        let name = s.name.to_lowercase();
        if !known.contains(&name) {
            known.push(name);
        }
    }
    match sections.iter().find(|s| !known.contains(s)) {
        Some(name) => Err(QueryError::UnknownSection {
            name: name.clone(),
            known,
        }),
        None => Ok(()),
    }
}

/// How much of each treatment and meeting [`site`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteDetail {
    /// Indstilling and Beslutning, and each meeting's row: what the feed
    /// shows.
    Outline,
    /// Also every section of every treatment, and each meeting's place,
    /// participants and stored text: what the report shows. Reads every
    /// meeting's document once.
    Full,
}

/// Everything the report (or, in outline, the feed) shows: the waiting
/// cases, every meeting, every case with its changes and journey, every
/// correction.
pub fn site(snapshot: &Snapshot, today: Date, detail: SiteDetail) -> Result<Site, QueryError> {
    let summary = snapshot.summary()?;
    let compared = default_sections();
    let mut meetings = Vec::with_capacity(summary.meetings.len());
    // The other sections of each item, by the meeting and punkt that hold
    // it, taken from each document as it is read so that only the sections
    // (not the whole parsed meeting) stay in memory.
    let mut sections: HashMap<(MeetingKey, Punkt), Vec<Section>> = HashMap::new();
    for m in &summary.meetings {
        let row = meeting_row(m);
        let document = match detail {
            SiteDetail::Outline => None,
            SiteDetail::Full => {
                let key = MeetingKey {
                    organisation: m.organisation.clone(),
                    body: m.body.clone(),
                    date: m.date,
                    time: m.time.clone(),
                };
                snapshot.document(&key)?.map(|document| {
                    let meeting = document.stored.meeting;
                    let items = meeting
                        .items
                        .iter()
                        .map(|item| {
                            // Each case's treatment gets the other sections
                            // of its item for its page.
                            sections.insert((key.clone(), item.punkt), item.sections.clone());
                            let (outcome, reason) = treatment::own_outcome(item, m.date);
                            ItemLine {
                                punkt: item.punkt,
                                title: item.title.clone(),
                                journal: item.journal.as_deref().map(identity::case_journal),
                                closed: item.closed,
                                absent: item.absent.clone(),
                                outcome,
                                reason,
                            }
                        })
                        .collect();
                    MeetingDocument {
                        meeting,
                        items,
                        text: document.text,
                    }
                })
            }
        };
        meetings.push(SiteMeeting { row, document });
    }
    let mut cases = Vec::with_capacity(summary.cases.len());
    for case in &summary.cases {
        let mut treatments = snapshot.case(case.organisation.as_deref(), &case.journal)?;
        for t in treatments.iter_mut().filter(|t| !t.quoted) {
            let key = t.source_meeting();
            // Each item is one case's treatment: the sections taken for it
            // are moved to it, not copied again.
            if let Some(found) = sections.remove(&(key, t.source.punkt)) {
                t.sections = found;
            }
        }
        let changes = treatments
            .windows(2)
            .map(|pair| {
                let names = match detail {
                    SiteDetail::Outline => compared.clone(),
                    SiteDetail::Full => with_other_sections(&compared, &pair[0], &pair[1]),
                };
                diff_treatments(&pair[0], &pair[1], &names)
            })
            .collect();
        cases.push(CaseHistory {
            organisation: case.organisation.clone(),
            journal: case.journal.clone(),
            title: case.title.clone(),
            treatments: treatments.iter().map(TreatmentView::from).collect(),
            changes,
            journey: journey_view(&case.journal, case.organisation.clone(), treatments),
        });
    }
    Ok(Site {
        today,
        pending: pending_in(snapshot, &summary, today, &Filter::default())?,
        meetings,
        cases,
        corrections: snapshot.corrections()?,
    })
}

/// `names`, then the other sections either treatment has (Baggrund,
/// Sagsfremstilling, Økonomi …) in the order they come, each once.
fn with_other_sections(names: &[String], from: &Treatment, to: &Treatment) -> Vec<String> {
    let mut all = names.to_vec();
    for section in from.sections.iter().chain(&to.sections) {
        let name = section.name.to_lowercase();
        if !all.contains(&name) {
            all.push(name);
        }
    }
    all
}

/// Indstilling and Beslutning, the sections compared unless others are
/// asked for.
fn default_sections() -> Vec<String> {
    DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect()
}

/// The case's organisation and timeline. A bare journal number finds the
/// case where one organisation has it; where several do, the error lists
/// them. Treatments filed under no organisation belong to the only
/// organisation that has the journal number (as the summary joins them). An
/// unknown case is an error that offers the nearest known journal numbers;
/// a case known only from minutes after the `--as-of` date says so.
fn timeline(
    snapshot: &Snapshot,
    case: CaseQuery,
) -> Result<(Option<String>, Vec<Treatment>), QueryError> {
    let journal = case.journal;
    let found = snapshot.organisations_with(journal)?;
    let known: Vec<&String> = found.iter().flatten().collect();
    let has_unknown = found.iter().any(Option::is_none);
    let organisation = match case.organisation {
        Some(org) => Some(org.to_string()),
        None if known.len() == 1 => known.first().map(|o| o.to_string()),
        None if found.len() > 1 => {
            return Err(QueryError::Ambiguous {
                journal: journal.to_string(),
                organisations: found
                    .into_iter()
                    .map(|o| o.unwrap_or_else(|| "(unknown organisation)".to_string()))
                    .collect(),
            });
        }
        None => None,
    };
    let mut treatments = snapshot.case(organisation.as_deref(), journal)?;
    let joins_unknown =
        has_unknown && known.len() == 1 && organisation.as_ref() == known.first().copied();
    if joins_unknown {
        treatments.extend(snapshot.case(None, journal)?);
        treatments = crate::treatment::timeline(treatments);
    }
    if !treatments.is_empty() {
        return Ok((organisation, treatments));
    }
    // Known later: said so, rather than unknown with other cases offered.
    if let Some(date) = snapshot.as_of_date() {
        match timeline(&snapshot.whole(), case) {
            Ok((_, all)) => {
                if let Some(first) = all.iter().map(|t| t.source.date).min() {
                    return Err(QueryError::NoneYet {
                        journal: journal.to_string(),
                        date,
                        first,
                    });
                }
            }
            Err(QueryError::UnknownCase { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let summary = snapshot.summary()?;
    let mut near: Vec<(usize, &str)> = summary
        .cases
        .iter()
        .map(|c| (strsim::levenshtein(journal, &c.journal), c.journal.as_str()))
        .filter(|(d, _)| *d <= NEAR_DISTANCE)
        .collect();
    near.sort();
    Err(QueryError::UnknownCase {
        journal: journal.to_string(),
        near: near
            .into_iter()
            .take(NEAR_COUNT)
            .map(|(_, j)| j.to_string())
            .collect(),
    })
}

fn latest_title(treatments: &[Treatment]) -> Option<String> {
    treatments.iter().rev().find_map(|t| t.title.clone())
}

/// The latest treatment on `date`.
fn index_on(treatments: &[Treatment], journal: &str, date: Date) -> Result<usize, QueryError> {
    treatments
        .iter()
        .rposition(|t| t.date == date)
        .ok_or_else(|| QueryError::NoTreatmentOn {
            journal: journal.to_string(),
            date,
            known: treatments.iter().map(|t| t.date).collect(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(journal: &str, outcome: Outcome, date: Date) -> CaseSummary {
        CaseSummary {
            organisation: None,
            journal: journal.to_string(),
            title: None,
            treatments: vec![TreatmentSummary {
                date,
                body: "Direktionen".to_string(),
                punkt: Some(crate::model::Punkt::new(1)),
                title: None,
                outcome: Some(outcome),
                reason: None,
                beslutning: None,
                quoted: false,
                source_date: date,
            }],
        }
    }

    #[test]
    fn deferred_rows_longest_waiting_first_then_by_journal() {
        let d = |m, day| Date::new(2025, m, day).unwrap();
        let cases = [
            summary("b", Outcome::Deferred, d(3, 1)),
            summary("c", Outcome::Approved, d(1, 1)),
            summary("a", Outcome::Deferred, d(3, 1)),
            summary("z", Outcome::Deferred, d(2, 1)),
        ];
        let rows = deferred_rows(&cases, d(4, 1));
        let order: Vec<(&str, i64)> = rows
            .iter()
            .map(|r| (r.journal.as_str(), r.waiting_days))
            .collect();
        assert_eq!(order, [("z", 59), ("a", 31), ("b", 31)]);
    }
}
