//! The derived summary behind `deferred`, `log`, `cases` and `meetings`.
//!
//! Reading every treatment blob on each query would grow with the history.
//! Instead a cache file beside the repository (`sagsspor-cache.json`) holds
//! one summary per case folder and per meeting folder, in the shape of the
//! tree, each folder keyed by its git object id. When the branch has moved,
//! only folders whose id changed are read again; an unchanged folder is taken
//! whole with everything below it. A second, small file
//! (`sagsspor-deferred.json`) holds just the deferred cases, so `deferred`
//! reads a few kilobytes. Neither is the authority: delete them and they are
//! rebuilt.

use super::paths::{CASE_LEVELS, MEETING_LEVELS};
use super::{StoreError, StoredMeeting, is_blob};
use crate::model::Outcome;
use crate::treatment::{Treatment, timeline};
use git2::{ObjectType, Repository, Tree};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Bump when the cached shapes change, so old caches are rebuilt.
const CACHE_VERSION: u32 = 3;
const CACHE_FILE: &str = "sagsspor-cache.json";
const DEFERRED_FILE: &str = "sagsspor-deferred.json";

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
    /// The decision text, kept for a case's latest treatment only (the full
    /// timeline is `Store::case`).
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
    cases: Option<Node<CaseSummary>>,
    meetings: Option<Node<MeetingSummary>>,
}

/// A cached folder: a shard folder with its children, or an entity folder
/// (one case, one meeting) with its summary. Each carries the folder's object
/// id, so an unchanged folder is reused whole without reading it.
#[derive(Serialize, Deserialize)]
enum Node<T> {
    Dir {
        oid: String,
        children: BTreeMap<String, Node<T>>,
    },
    Leaf {
        oid: String,
        value: T,
    },
}

impl<T> Node<T> {
    fn oid(&self) -> &str {
        match self {
            Node::Dir { oid, .. } | Node::Leaf { oid, .. } => oid,
        }
    }

    fn into_values(self, out: &mut Vec<T>) {
        match self {
            Node::Leaf { value, .. } => out.push(value),
            Node::Dir { children, .. } => {
                for child in children.into_values() {
                    child.into_values(out);
                }
            }
        }
    }
}

/// The small file `deferred` reads: only the deferred cases, keyed by tree.
#[derive(Serialize, Deserialize)]
struct DeferredCache {
    version: u32,
    tree: String,
    cases: Vec<CaseSummary>,
}

/// The deferred cases of `tree`: from the small deferred cache where it is
/// current, else from a refreshed summary (which renews both caches).
pub(super) fn load_deferred(
    repo: &Repository,
    root: &Path,
    tree: Option<&Tree>,
) -> Result<Vec<CaseSummary>, StoreError> {
    let Some(tree) = tree else {
        return Ok(Vec::new());
    };
    let cached: Option<DeferredCache> = std::fs::read(root.join(DEFERRED_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .filter(|c: &DeferredCache| c.version == CACHE_VERSION && c.tree == tree.id().to_string());
    if let Some(c) = cached {
        return Ok(c.cases);
    }
    Ok(deferred_of(&load(repo, root, Some(tree))?))
}

fn deferred_of(summary: &Summary) -> Vec<CaseSummary> {
    summary
        .cases
        .iter()
        .filter(|c| {
            c.latest()
                .is_some_and(|t| t.outcome == Some(Outcome::Deferred))
        })
        .cloned()
        .collect()
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
    let (cache, fresh) = match old {
        Some(c) if c.tree == tree_id => (c, false),
        old => {
            let (old_cases, old_meetings) = old.map(|c| (c.cases, c.meetings)).unwrap_or_default();
            let cases = match tree.get_name("cases") {
                Some(e) => Some(refresh(
                    repo,
                    e.id(),
                    old_cases,
                    CASE_LEVELS,
                    "cases",
                    case_summary,
                )?),
                None => None,
            };
            let meetings = match tree.get_name("meetings") {
                Some(e) => Some(refresh(
                    repo,
                    e.id(),
                    old_meetings,
                    MEETING_LEVELS,
                    "meetings",
                    meeting_summary,
                )?),
                None => None,
            };
            let cache = Cache {
                version: CACHE_VERSION,
                tree: tree_id,
                cases,
                meetings,
            };
            (cache, true)
        }
    };
    let tree_id = cache.tree.clone();
    if fresh {
        // A read-only store still answers; it just cannot keep the cache.
        let _ = write_atomically(&cache_path, &serde_json::to_vec(&cache).unwrap_or_default());
    }
    let mut cases: Vec<CaseSummary> = Vec::new();
    if let Some(node) = cache.cases {
        node.into_values(&mut cases);
    }
    cases.sort_by(|a, b| a.journal.cmp(&b.journal));
    let mut meetings: Vec<MeetingSummary> = Vec::new();
    if let Some(node) = cache.meetings {
        node.into_values(&mut meetings);
    }
    meetings.sort_by(|a, b| (a.date, &a.body).cmp(&(b.date, &b.body)));
    let summary = Summary { cases, meetings };
    if fresh {
        let deferred = DeferredCache {
            version: CACHE_VERSION,
            tree: tree_id,
            cases: deferred_of(&summary),
        };
        let _ = write_atomically(
            &root.join(DEFERRED_FILE),
            &serde_json::to_vec(&deferred).unwrap_or_default(),
        );
    }
    Ok(summary)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Brings a cached folder up to date with the folder `oid`, `levels` folder
/// levels above its entity folders, reading only folders whose id changed.
fn refresh<T>(
    repo: &Repository,
    oid: git2::Oid,
    old: Option<Node<T>>,
    levels: usize,
    path: &str,
    compute: fn(&Repository, &str, &Tree) -> Result<T, StoreError>,
) -> Result<Node<T>, StoreError> {
    let id = oid.to_string();
    let mut old = old;
    if let Some(node) = old.take_if(|n| n.oid() == id) {
        return Ok(node);
    }
    let tree = repo.find_tree(oid)?;
    if levels == 0 {
        return Ok(Node::Leaf {
            oid: id,
            value: compute(repo, path, &tree)?,
        });
    }
    let mut old_children = old_node_children(old).unwrap_or_default();
    let mut children = BTreeMap::new();
    for entry in tree.iter().filter(|e| e.kind() == Some(ObjectType::Tree)) {
        let Ok(name) = entry.name() else {
            continue;
        };
        let child_path = format!("{path}/{name}");
        let node = refresh(
            repo,
            entry.id(),
            old_children.remove(name),
            levels - 1,
            &child_path,
            compute,
        )?;
        children.insert(name.to_string(), node);
    }
    Ok(Node::Dir { oid: id, children })
}

fn old_node_children<T>(old: Option<Node<T>>) -> Option<BTreeMap<String, Node<T>>> {
    match old? {
        Node::Dir { children, .. } => Some(children),
        Node::Leaf { .. } => None,
    }
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
    let last = treatments.len().saturating_sub(1);
    Ok(CaseSummary {
        journal,
        title,
        treatments: treatments
            .into_iter()
            .enumerate()
            .map(|(i, t)| TreatmentSummary {
                date: t.date,
                body: t.body,
                punkt: t.punkt,
                title: t.title,
                outcome: t.outcome,
                reason: t.reason,
                // Only the latest decision is shown from the summary; the
                // rest would only make the cache large.
                beslutning: if i == last { t.beslutning } else { None },
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
