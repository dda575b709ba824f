//! The answers sagsspor gives, as data: one type per `--json` value, and the
//! only input of the renderers (terminal, HTML, JSON).
//!
//! These types are the documented JSON contract (README, "The JSON
//! contract"). They are built by [`crate::query`] from the store's types but
//! never are them: a change of the on-disk format cannot change the
//! contract by accident, and an insta snapshot per command pins every shape.
//! Fields are only ever added.

use crate::diff::SectionDiff;
use crate::journey::Status;
use crate::model::{DocumentKind, Meeting, Outcome, Punkt, Section, Votes};
use crate::search::Snippet;
use crate::store::{Correction, MeetingChange, TreatmentRef};
use crate::table::Row;
use crate::treatment::Treatment;
use jiff::civil::Date;
use serde::Serialize;

/// Which meeting's minutes a treatment was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceView {
    /// The date of the meeting whose minutes hold it.
    pub date: Date,
    /// That meeting's start time, where known.
    pub time: Option<String>,
    /// That meeting's body.
    pub body: String,
    /// The item number in those minutes.
    pub punkt: Punkt,
}

/// One treatment of a case: a line of `log --json`, the whole of
/// `show --json`, a step of a report's case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreatmentView {
    /// The organisation whose case it is, where known.
    pub organisation: Option<String>,
    /// The case's journal number as written in the minutes.
    pub journal: String,
    /// The date of the treating meeting.
    pub date: Date,
    /// The treating body.
    pub body: String,
    /// The item number; `None` for a treatment known only from a quote.
    pub punkt: Option<Punkt>,
    /// The item's title.
    pub title: Option<String>,
    /// Whether the item was closed (lukket punkt).
    pub closed: bool,
    /// The Indstilling; `None` when there was none or it is not known.
    pub indstilling: Option<String>,
    /// The decision text.
    pub beslutning: Option<String>,
    /// The decision's outcome; `None` when nothing was decided.
    pub outcome: Option<Outcome>,
    /// The phrase that decided the outcome.
    pub reason: Option<String>,
    /// The item's other sections (only where asked for: `show`, the report).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Known only from a later meeting's quote: `punkt` and `indstilling`
    /// are then not known.
    pub quoted: bool,
    /// Where it was read.
    pub source: SourceView,
}

impl Row for TreatmentView {
    const COLUMNS: &'static [&'static str] = &[
        "organisation",
        "journal",
        "date",
        "body",
        "punkt",
        "title",
        "closed",
        "indstilling",
        "beslutning",
        "outcome",
        "reason",
        "quoted",
        "source.date",
        "source.time",
        "source.body",
        "source.punkt",
    ];
}

impl From<&Treatment> for TreatmentView {
    fn from(t: &Treatment) -> Self {
        TreatmentView {
            organisation: t.organisation.clone(),
            journal: t.journal.clone(),
            date: t.date,
            body: t.body.clone(),
            punkt: t.punkt,
            title: t.title.clone(),
            closed: t.closed,
            indstilling: t.indstilling.clone(),
            beslutning: t.beslutning.clone(),
            outcome: t.outcome,
            reason: t.reason.clone(),
            sections: t.sections.clone(),
            quoted: t.quoted,
            source: SourceView {
                date: t.source.date,
                time: t.source.time.clone(),
                body: t.source.body.clone(),
                punkt: t.source.punkt,
            },
        }
    }
}

/// A case's treatments, oldest first (`log`). `--json` prints `treatments`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLog {
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The journal number asked for.
    pub journal: String,
    /// The latest title the case carried.
    pub title: Option<String>,
    /// Its treatments, oldest first.
    pub treatments: Vec<TreatmentView>,
}

/// One end of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffEnd {
    /// The treatment's date.
    pub date: Date,
    /// Its body.
    pub body: String,
    /// Its item number, if known.
    pub punkt: Option<Punkt>,
    /// Its outcome.
    pub outcome: Option<Outcome>,
    /// The phrase that decided the outcome.
    pub reason: Option<String>,
}

impl From<&Treatment> for DiffEnd {
    fn from(t: &Treatment) -> Self {
        DiffEnd {
            date: t.date,
            body: t.body.clone(),
            punkt: t.punkt,
            outcome: t.outcome,
            reason: t.reason.clone(),
        }
    }
}

/// How the sections of two treatments of a case differ (`diff`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffView {
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The case.
    pub journal: String,
    /// The newer treatment's title (else the older's).
    pub title: Option<String>,
    /// The older treatment.
    pub from: DiffEnd,
    /// The newer treatment.
    pub to: DiffEnd,
    /// One comparison per section asked for.
    pub sections: Vec<SectionDiff>,
}

/// A treatment as `blame` names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlameTreatment {
    /// The treatment's date.
    pub date: Date,
    /// Its body.
    pub body: String,
    /// Its item number; `None` for a treatment known only from a quote.
    pub punkt: Option<Punkt>,
    /// Known only from a later meeting's quote.
    pub quoted: bool,
}

impl From<&Treatment> for BlameTreatment {
    fn from(t: &Treatment) -> Self {
        BlameTreatment {
            date: t.date,
            body: t.body.clone(),
            punkt: t.punkt,
            quoted: t.quoted,
        }
    }
}

/// Words of a section's newest text that came in with one treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlameRun {
    /// The words (normalised text; paragraphs separated by a blank line).
    /// The runs joined give the section's newest text.
    pub text: String,
    /// The treatment whose text first had them in this form.
    #[serde(flatten)]
    pub treatment: BlameTreatment,
}

/// Which treatment introduced each part of a case's newest text of one
/// section (`blame`). Flat, one section per call: the contract issue 13
/// gives scripts is `{journal, organisation, section, runs}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlameView {
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The case.
    pub journal: String,
    /// The latest title the case carried.
    pub title: Option<String>,
    /// `indstilling`, `beslutning`, or another section's name in lower case.
    pub section: String,
    /// The treatment whose text this is: the newest that has the section
    /// (a treatment known only from a quote has no Indstilling); `None`
    /// where none has it.
    pub of: Option<BlameTreatment>,
    /// The text, run by run, oldest treatments' words keeping their date.
    pub runs: Vec<BlameRun>,
}

/// A case put off whose latest treatment deferred it (`deferred`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeferredRow {
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The case.
    pub journal: String,
    /// Its latest title.
    pub title: Option<String>,
    /// The date of the deferring treatment.
    pub date: Date,
    /// The deferring body.
    pub body: String,
    /// The item number there, if known.
    pub punkt: Option<Punkt>,
    /// The deferring decision's text.
    pub text: Option<String>,
    /// The phrase that made it a deferral.
    pub reason: Option<String>,
    /// Days from the deferring meeting to today.
    pub waiting_days: i64,
}

impl Row for DeferredRow {
    const COLUMNS: &'static [&'static str] = &[
        "organisation",
        "journal",
        "title",
        "date",
        "body",
        "punkt",
        "text",
        "reason",
        "waiting_days",
    ];
}

/// One step of a case's journey: a treatment, with where it sent the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepView {
    /// The date of the treating meeting.
    pub date: Date,
    /// The treating body.
    pub body: String,
    /// The item number; `None` for a decision known only from a quote.
    pub punkt: Option<Punkt>,
    /// The decision's outcome; `None` when nothing was decided (an agenda).
    pub outcome: Option<Outcome>,
    /// The bodies the decision sends the case on to, as it names them.
    pub to: Vec<String>,
    /// Known only from a later meeting's quote.
    pub quoted: bool,
    /// The counts of a vote, where the decision gives them.
    pub votes: Option<Votes>,
    /// A named minority did not support the decision.
    pub dissent: bool,
    /// The phrase that decided the outcome.
    pub reason: Option<String>,
}

impl From<&Treatment> for StepView {
    fn from(t: &Treatment) -> Self {
        StepView {
            date: t.date,
            body: t.body.clone(),
            punkt: t.punkt,
            outcome: t.outcome,
            to: t.to.clone(),
            quoted: t.quoted,
            votes: t.votes,
            dissent: t.dissent,
            reason: t.reason.clone(),
        }
    }
}

/// Where a case has been and where it is now (`journey`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JourneyView {
    /// The case.
    pub journal: String,
    /// Its organisation, where known.
    pub organisation: Option<String>,
    /// Its latest title.
    pub title: Option<String>,
    /// The bodies its items say will treat it, in order (the latest route
    /// stated); `None` where none states one.
    pub route: Option<Vec<String>>,
    /// Its treatments, oldest first.
    pub steps: Vec<StepView>,
    /// `decided`, `deferred`, `waiting` or `open`.
    pub status: Status,
    /// The bodies it goes to next: the one that deferred it, those it waits
    /// for, the one whose agenda it is on, or the next of its route.
    pub next: Vec<String>,
    /// The date of the step the status rests on (the deferral, the send
    /// waited for, the deciding treatment); `None` without steps.
    pub since: Option<Date>,
}

/// A case that waits (`pending`): deferred, or sent on to a body that has
/// not treated it since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingRow {
    /// The case.
    pub journal: String,
    /// Its organisation, where known.
    pub organisation: Option<String>,
    /// Its latest title.
    pub title: Option<String>,
    /// The date of the treatment it waits since.
    pub date: Date,
    /// The body that deferred it or sent it on.
    pub body: String,
    /// `deferred`, `recommended` or `forwarded`.
    pub outcome: Option<Outcome>,
    /// The bodies it waits for (for a deferred case, the one that put it off).
    pub waiting_for: Vec<String>,
    /// Days from that treatment to today.
    pub waiting_days: i64,
    /// The phrase that decided the outcome.
    pub reason: Option<String>,
}

impl Row for PendingRow {
    const COLUMNS: &'static [&'static str] = &[
        "journal",
        "organisation",
        "title",
        "date",
        "body",
        "outcome",
        "waiting_for",
        "waiting_days",
        "reason",
    ];
}

impl From<DeferredRow> for PendingRow {
    fn from(row: DeferredRow) -> Self {
        PendingRow {
            journal: row.journal,
            organisation: row.organisation,
            title: row.title,
            date: row.date,
            waiting_for: vec![row.body.clone()],
            body: row.body,
            outcome: Some(Outcome::Deferred),
            waiting_days: row.waiting_days,
            reason: row.reason,
        }
    }
}

/// A case's latest treatment, in a `cases` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatestView {
    /// Its date.
    pub date: Date,
    /// Its body.
    pub body: String,
    /// Its item number, if known.
    pub punkt: Option<Punkt>,
    /// Its outcome.
    pub outcome: Option<Outcome>,
    /// The deciding phrase.
    pub reason: Option<String>,
}

/// One case in `cases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The journal number.
    pub journal: String,
    /// The latest title.
    pub title: Option<String>,
    /// How many treatments it has.
    pub treatments: usize,
    /// The latest of them.
    pub latest: Option<LatestView>,
}

impl Row for CaseRow {
    const COLUMNS: &'static [&'static str] = &[
        "organisation",
        "journal",
        "title",
        "treatments",
        "latest.date",
        "latest.body",
        "latest.punkt",
        "latest.outcome",
        "latest.reason",
    ];
}

/// One imported meeting in `meetings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingRow {
    /// The organisation that met, where known.
    pub organisation: Option<String>,
    /// `referat` (minutes stored) or `dagsorden` (only the agenda so far).
    pub kind: DocumentKind,
    /// The meeting's date.
    pub date: Date,
    /// The body that met.
    pub body: String,
    /// The start time as written.
    pub time: Option<String>,
    /// How many items (punkter) it had.
    pub items: usize,
    /// The file its minutes were first imported from.
    pub source_file: String,
}

impl Row for MeetingRow {
    const COLUMNS: &'static [&'static str] = &[
        "organisation",
        "kind",
        "date",
        "body",
        "time",
        "items",
        "source_file",
    ];
}

/// One section of a treatment that holds what was searched for: a row of
/// `search --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchRow {
    /// The case's journal number.
    pub journal: String,
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The treating meeting's date.
    pub date: Date,
    /// The treating body.
    pub body: String,
    /// The item number; `None` for a decision known only from a quote.
    pub punkt: Option<Punkt>,
    /// `title`, `indstilling`, `beslutning` or another section's name, in
    /// lower case.
    pub section: String,
    /// The words around the first match, on one line.
    pub snippet: String,
}

/// A section that matched, with the words that matched marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The section's name, in lower case.
    pub section: String,
    /// The words around the first match.
    pub snippet: Snippet,
}

/// A treatment that holds every word searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTreatment {
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The case's journal number.
    pub journal: String,
    /// The treating meeting's date.
    pub date: Date,
    /// The treating body.
    pub body: String,
    /// The item number; `None` for a decision known only from a quote.
    pub punkt: Option<Punkt>,
    /// The item's title.
    pub title: Option<String>,
    /// Known only from a later meeting's quote.
    pub quoted: bool,
    /// Its sections that hold a word searched for, in order.
    pub hits: Vec<SearchHit>,
}

/// What `search` found: the newest treatments that match, newest first.
/// `--json` prints [`SearchView::rows`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchView {
    /// The query as written.
    pub query: String,
    /// The treatments shown.
    pub treatments: Vec<SearchTreatment>,
    /// Treatments that match but are not shown (past `--limit`).
    pub more: usize,
}

impl SearchView {
    /// One row per section that matched, newest treatment first.
    pub fn rows(&self) -> Vec<SearchRow> {
        self.treatments
            .iter()
            .flat_map(|t| {
                t.hits.iter().map(|h| SearchRow {
                    journal: t.journal.clone(),
                    organisation: t.organisation.clone(),
                    date: t.date,
                    body: t.body.clone(),
                    punkt: t.punkt,
                    section: h.section.clone(),
                    snippet: h.snippet.text.clone(),
                })
            })
            .collect()
    }
}

/// What `parse` read in one file (one JSON line each).
#[derive(Debug, Clone, Serialize)]
pub struct ParsedFile<'a> {
    /// The file as named on the command line or found in a folder.
    pub file: String,
    /// What the parser read: the parser's own model is the contract here.
    #[serde(flatten)]
    pub meeting: &'a Meeting,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedRow {
    /// The file.
    pub file: String,
    /// The organisation that met, where known.
    pub organisation: Option<String>,
    /// `referat` or `dagsorden`.
    pub kind: DocumentKind,
    /// The meeting's date.
    pub date: Date,
    /// The meeting's start time, where known.
    pub time: Option<String>,
    /// The meeting's body (canonical name).
    pub body: String,
    /// `added`, `corrected` or `unchanged`.
    pub change: Change,
    /// Treatments not in the store before.
    pub treatments_new: usize,
    /// Treatments whose stored content changed.
    pub treatments_changed: usize,
    /// Treatments a correction removed (kept in history): nothing
    /// disappears unsaid.
    pub removed: Vec<TreatmentRefView>,
    /// Treatments a correction changed.
    pub changed: Vec<TreatmentRefView>,
}

/// A treatment named in a commit's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreatmentRefView {
    /// The case's journal number.
    pub journal: String,
    /// The treating meeting's date.
    pub date: Date,
    /// The treating body.
    pub body: String,
    /// The item number; `None` for a quoted decision.
    pub punkt: Option<Punkt>,
}

impl From<&TreatmentRef> for TreatmentRefView {
    fn from(t: &TreatmentRef) -> Self {
        TreatmentRefView {
            journal: t.journal.clone(),
            date: t.date,
            body: t.body.clone(),
            punkt: t.punkt,
        }
    }
}

/// What happened to a meeting on import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// A meeting not in the store before.
    Added,
    /// A changed version of a stored meeting: it replaces it.
    Corrected,
    /// Identical minutes were already stored.
    Unchanged,
}

impl Change {
    /// The word for it in output: `added`, `corrected`, `unchanged`.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Corrected => "corrected",
            Change::Unchanged => "unchanged",
        }
    }
}

impl From<MeetingChange> for Change {
    fn from(change: MeetingChange) -> Self {
        match change {
            MeetingChange::Added => Change::Added,
            MeetingChange::Corrected => Change::Corrected,
            MeetingChange::Unchanged => Change::Unchanged,
        }
    }
}

/// A file that was named or found but not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    /// The file.
    pub file: String,
    /// Why it was not imported.
    pub error: String,
}

/// The outcome of `commit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitView {
    /// The store's folder.
    pub store: String,
    /// Every file that was read, in order.
    pub imported: Vec<ImportedRow>,
    /// Files that could not be read or imported.
    pub failed: Vec<FileProblem>,
    /// Files in the named folders that are not minutes (another type, a
    /// broken link …), so nothing is skipped without a word.
    pub skipped: Vec<FileProblem>,
    /// The cases deferred after the import.
    pub deferred: Vec<DeferredRow>,
}

/// One problem `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemRow {
    /// The path in the tree, or a commit id.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The outcome of `verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyView {
    /// Commits read.
    pub commits: usize,
    /// Meetings whose derived files were rebuilt and compared.
    pub meetings: usize,
    /// Treatment files compared.
    pub treatments: usize,
    /// Everything that did not hold.
    pub problems: Vec<ProblemRow>,
}

/// The outcome of `rebuild`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RebuildView {
    /// The store's folder.
    pub store: String,
    /// Kept documents read again.
    pub documents: usize,
    /// Whether anything changed (then one new commit was made).
    pub changed: bool,
}

/// The outcome of `report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportView {
    /// The folder written.
    pub out: String,
    /// How many pages.
    pub pages: usize,
    /// The front page.
    pub index: String,
}

/// A case as the report's case page shows it: every treatment, and what
/// changed between each and the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHistory {
    /// The case's organisation, where known.
    pub organisation: Option<String>,
    /// The journal number.
    pub journal: String,
    /// The latest title.
    pub title: Option<String>,
    /// Treatments, oldest first, each with all its sections.
    pub treatments: Vec<TreatmentView>,
    /// For each treatment but the first, how Indstilling and Beslutning
    /// changed since the one before (`changes[i]` compares `i` with `i + 1`).
    pub changes: Vec<Vec<SectionDiff>>,
    /// Its journey: the steps in the order taken (votes, dissent, where
    /// each sent it), where it stands, what comes next.
    pub journey: JourneyView,
}

/// A meeting's document as the report shows it: the meeting as read
/// (where, who, every item with every section), what it decided on each
/// item, and the document as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDocument {
    /// The meeting as the reader read it.
    pub meeting: Meeting,
    /// Every item, in the order of the minutes, with what the meeting
    /// decided on it.
    pub items: Vec<ItemLine>,
    /// The minutes (or agenda) text as stored, verbatim.
    pub text: String,
}

/// One item of a meeting as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLine {
    /// Its number.
    pub punkt: Punkt,
    /// Its title.
    pub title: Option<String>,
    /// Its journal number, as the store files it; `None` where it has none.
    pub journal: Option<String>,
    /// A closed item, without public text.
    pub closed: bool,
    /// Who was away for this item only, where the minutes note it.
    pub absent: Vec<String>,
    /// What the meeting decided on it.
    pub outcome: Option<Outcome>,
    /// The phrase that decided the outcome.
    pub reason: Option<String>,
}

/// A meeting as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteMeeting {
    /// What `meetings` lists of it.
    pub row: MeetingRow,
    /// Its stored document; `None` where the report was asked without
    /// documents (the feed) or the store has none.
    pub document: Option<MeetingDocument>,
}

/// Everything the HTML report shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The day days waiting count to.
    pub today: Date,
    /// The cases waiting, longest first (`pending`).
    pub pending: Vec<PendingRow>,
    /// Every meeting, by date, start time and body.
    pub meetings: Vec<SiteMeeting>,
    /// Every case, by journal number.
    pub cases: Vec<CaseHistory>,
    /// Every correction of a stored meeting, newest first.
    pub corrections: Vec<Correction>,
}

/// `pull`: how the remote's history came into the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PullView {
    /// The store's folder.
    pub store: String,
    /// The remote, as shown (a password in a URL hidden).
    pub remote: String,
    /// A merge commit was made: the histories had diverged.
    pub merged: bool,
    /// The branch moved to the remote's head: this history was part of it.
    pub fast_forward: bool,
    /// Documents (minutes or agendas) of the remote the store now holds
    /// that it did not.
    pub imported_meetings: usize,
    /// Where both held a different version of one meeting's document: which
    /// one was kept.
    pub corrections_resolved: Vec<ResolutionView>,
    /// The store's branch commit after the pull.
    pub head: String,
}

/// Of two versions of a meeting's document, the one a merge kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolutionView {
    /// The meeting's organisation, where known.
    pub organisation: Option<String>,
    /// Minutes or agenda.
    pub kind: DocumentKind,
    /// The meeting's date.
    pub date: Date,
    /// The meeting's time, where known.
    pub time: Option<String>,
    /// The meeting's body.
    pub body: String,
    /// `superseded` (the other side had replaced it) or `sha256-order`.
    pub rule: &'static str,
    /// The version kept.
    pub kept: VersionView,
    /// The version replaced; it stays in history.
    pub replaced: VersionView,
}

/// One version of a meeting's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionView {
    /// The file it was imported from.
    pub file: String,
    /// SHA-256 of its kept text.
    pub text_sha256: String,
    /// `local` (this store's) or `remote`.
    pub side: &'static str,
}

impl From<&crate::store::Resolution> for ResolutionView {
    fn from(r: &crate::store::Resolution) -> Self {
        let version = |v: &crate::store::Version| VersionView {
            file: v.file.clone(),
            text_sha256: v.text_sha256.clone(),
            side: if v.local { "local" } else { "remote" },
        };
        ResolutionView {
            organisation: r.organisation.clone(),
            kind: r.kind,
            date: r.date,
            time: r.time.clone(),
            body: r.body.clone(),
            rule: r.rule.name(),
            kept: version(&r.kept),
            replaced: version(&r.replaced),
        }
    }
}

/// `push`: what the remote's branch holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PushView {
    /// The store's folder.
    pub store: String,
    /// The remote, as shown (a password in a URL hidden).
    pub remote: String,
    /// The remote had no branch yet; the push made it.
    pub created: bool,
    /// The remote already held this history: nothing was sent.
    pub up_to_date: bool,
    /// The commit the remote's branch names now.
    pub head: String,
}
