//! The derived summary behind `deferred`, `log`, `cases` and `meetings`.
//!
//! Reading every treatment blob on each query would grow with the history.
//! Instead a cache file beside the repository (`sagsspor-cache.json`) holds
//! one summary per case folder and per meeting folder, keyed by the git
//! object id of that folder. When the branch has moved, only folders whose
//! id changed are read again; shard folders whose id is unchanged are taken
//! whole. The cache is never the authority: delete it and it is rebuilt.

use super::{StoreError, StoredMeeting, is_blob};
use crate::model::Outcome;
use crate::treatment::{Treatment, timeline};
use git2::{ObjectType, Repository, Tree};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Bump when the cached shapes change, so old caches are rebuilt.
const CACHE_VERSION: u32 = 1;
const CACHE_FILE: &str = "sagsspor-cache.json";

/// One treatment, as the summary keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentSummary {
    /// Meeting date.
    pub date: Date,
    /// Treating body.
    pub body: String,
    /// Item number, `None` when known only from a quote.
    pub punkt: Option<u32>,
    /// Item title.
    pub title: Option<String>,
    /// Outcome of the decision, `None` when nothing was decided.
    pub outcome: Option<Outcome>,
    /// The deciding phrase.
    pub reason: Option<String>,
    /// The decision text.
    pub beslutning: Option<String>,
    /// Known only from a later meeting's quote.
    pub quoted: bool,
}

/// One case: its journal number, latest title and timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    /// Journal number as written.
    pub journal: String,
    /// The latest title the case carried.
    pub title: Option<String>,
    /// Treatments, oldest first.
    pub treatments: Vec<TreatmentSummary>,
}

impl CaseSummary {
    /// The latest treatment.
    pub fn latest(&self) -> Option<&TreatmentSummary> {
        self.treatments.last()
    }
}

/// One imported meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    /// Meeting date.
    pub date: Date,
    /// Body.
    pub body: String,
    /// Start time.
    pub time: Option<String>,
    /// Number of items.
    pub items: usize,
    /// The file the minutes were first imported from.
    pub source_file: String,
}

/// Everything the quick commands need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Cases sorted by journal number.
    pub cases: Vec<CaseSummary>,
    /// Meetings sorted by date and body.
    pub meetings: Vec<MeetingSummary>,
}

#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    tree: String,
    cases: BTreeMap<String, Shard<CaseSummary>>,
    meetings: BTreeMap<String, Shard<MeetingSummary>>,
}

#[derive(Serialize, Deserialize)]
struct Shard<T> {
    oid: String,
    entries: Vec<Entry<T>>,
}

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    name: String,
    oid: String,
    value: T,
}

/// The summary of `tree`, from the cache where it is current.
pub(super) fn load(
    repo: &Repository,
    root: &Path,
    tree: Option<&Tree>,
) -> Result<Summary, StoreError> {
    let Some(tree) = tree else {
        return Ok(Summary::default());
    };
    let cache_path = root.join(CACHE_FILE);
    let old: Option<Cache> = std::fs::read(&cache_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .filter(|c: &Cache| c.version == CACHE_VERSION);
    let tree_id = tree.id().to_string();
    let cache = match old {
        Some(c) if c.tree == tree_id => c,
        old => {
            let (old_cases, old_meetings) = old.map(|c| (c.cases, c.meetings)).unwrap_or_default();
            let cache = Cache {
                version: CACHE_VERSION,
                tree: tree_id,
                cases: refresh(repo, tree, "cases", old_cases, case_summary)?,
                meetings: refresh(repo, tree, "meetings", old_meetings, meeting_summary)?,
            };
            // A read-only store still answers; it just cannot keep the cache.
            let _ = write_atomically(&cache_path, &serde_json::to_vec(&cache).unwrap_or_default());
            cache
        }
    };
    let mut cases: Vec<CaseSummary> = cache
        .cases
        .into_values()
        .flat_map(|s| s.entries.into_iter().map(|e| e.value))
        .collect();
    cases.sort_by(|a, b| a.journal.cmp(&b.journal));
    let mut meetings: Vec<MeetingSummary> = cache
        .meetings
        .into_values()
        .flat_map(|s| s.entries.into_iter().map(|e| e.value))
        .collect();
    meetings.sort_by(|a, b| (a.date, &a.body).cmp(&(b.date, &b.body)));
    Ok(Summary { cases, meetings })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Brings the cached summaries of `dir/<shard>/<entry>` up to date with
/// `tree`, reading only folders whose object id changed.
fn refresh<T>(
    repo: &Repository,
    tree: &Tree,
    dir: &str,
    mut old: BTreeMap<String, Shard<T>>,
    compute: fn(&Repository, &str, &Tree) -> Result<T, StoreError>,
) -> Result<BTreeMap<String, Shard<T>>, StoreError> {
    let mut out = BTreeMap::new();
    let Some(dir_entry) = tree.get_name(dir) else {
        return Ok(out);
    };
    let dir_tree = repo.find_tree(dir_entry.id())?;
    for shard_entry in dir_tree
        .iter()
        .filter(|e| e.kind() == Some(ObjectType::Tree))
    {
        let Ok(shard_name) = shard_entry.name() else {
            continue;
        };
        let oid = shard_entry.id().to_string();
        let mut previous = old.remove(shard_name);
        if let Some(same) = previous.take_if(|p| p.oid == oid) {
            out.insert(shard_name.to_string(), same);
            continue;
        }
        let mut reusable: HashMap<String, Entry<T>> = previous
            .map(|p| p.entries.into_iter().map(|e| (e.name.clone(), e)).collect())
            .unwrap_or_default();
        let shard_tree = repo.find_tree(shard_entry.id())?;
        let mut entries = Vec::new();
        for entry in shard_tree
            .iter()
            .filter(|e| e.kind() == Some(ObjectType::Tree))
        {
            let Ok(name) = entry.name() else {
                continue;
            };
            let oid = entry.id().to_string();
            match reusable.remove(name) {
                Some(e) if e.oid == oid => entries.push(e),
                _ => {
                    let path = format!("{dir}/{shard_name}/{name}");
                    let value = compute(repo, &path, &repo.find_tree(entry.id())?)?;
                    entries.push(Entry {
                        name: name.to_string(),
                        oid,
                        value,
                    });
                }
            }
        }
        out.insert(shard_name.to_string(), Shard { oid, entries });
    }
    Ok(out)
}

/// Every treatment file in one case folder.
pub(super) fn read_treatments(
    repo: &Repository,
    case_tree: &Tree,
    path: &str,
) -> Result<Vec<Treatment>, StoreError> {
    let mut out = Vec::new();
    for entry in case_tree.iter().filter(is_blob) {
        let name = entry.name().unwrap_or_default();
        if !name.ends_with(".json") {
            continue;
        }
        let blob = repo.find_blob(entry.id())?;
        let t: Treatment =
            serde_json::from_slice(blob.content()).map_err(|e| StoreError::Corrupt {
                path: format!("{path}/{name}"),
                message: e.to_string(),
            })?;
        out.push(t);
    }
    Ok(out)
}

fn case_summary(repo: &Repository, path: &str, tree: &Tree) -> Result<CaseSummary, StoreError> {
    let treatments = timeline(read_treatments(repo, tree, path)?);
    let journal = treatments
        .first()
        .map(|t| t.journal.clone())
        .or_else(|| path.rsplit('/').next().and_then(super::paths::unescape))
        .unwrap_or_default();
    let title = treatments.iter().rev().find_map(|t| t.title.clone());
    Ok(CaseSummary {
        journal,
        title,
        treatments: treatments
            .into_iter()
            .map(|t| TreatmentSummary {
                date: t.date,
                body: t.body,
                punkt: t.punkt,
                title: t.title,
                outcome: t.outcome,
                reason: t.reason,
                beslutning: t.beslutning,
                quoted: t.quoted,
            })
            .collect(),
    })
}

fn meeting_summary(
    repo: &Repository,
    path: &str,
    tree: &Tree,
) -> Result<MeetingSummary, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        path: format!("{path}/meeting.json"),
        message,
    };
    let entry = tree
        .get_name("meeting.json")
        .ok_or_else(|| corrupt("missing".to_string()))?;
    let blob = repo.find_blob(entry.id())?;
    let stored: StoredMeeting =
        serde_json::from_slice(blob.content()).map_err(|e| corrupt(e.to_string()))?;
    let m = stored.meeting;
    Ok(MeetingSummary {
        date: m.date.ok_or_else(|| corrupt("no date".to_string()))?,
        body: m.body.unwrap_or_default(),
        time: m.time,
        items: m.items.len(),
        source_file: stored.source_file,
    })
}
