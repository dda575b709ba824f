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
//!
//! Both files can be written by anyone who can write the store, so neither
//! is believed on its tree id alone. Each case the deferred file lists names
//! its folder's object id, which must be the tree's, and the file carries a
//! digest of its content keyed by the tree; a file that fails either is
//! rebuilt. `verify` compares both files with the summary computed afresh.

use super::paths::{CASE_LEVELS, MEETING_LEVELS};
use super::{Problem, StoreError, StoredMeeting, files, is_blob, paths, sha256_hex};
use crate::model::{DocumentKind, Outcome, Punkt};
use crate::treatment::{Treatment, timeline};
use git2::{ObjectType, Repository, Tree};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bump when the cached shapes change, so old caches are rebuilt.
const CACHE_VERSION: u32 = 7;
const CACHE_FILE: &str = "sagsspor-cache.json";
const DEFERRED_FILE: &str = "sagsspor-deferred.json";
/// The largest cache file read: far above any real store's (a few MB per
/// 10,000 meetings), low enough that a planted `/dev/zero` cannot exhaust
/// memory. A larger file is taken as stale.
const CACHE_LIMIT: u64 = 256 * 1024 * 1024;

/// The cache files, whose leftover temporary files `Store::import` removes.
pub(super) const CACHE_FILES: [&str; 2] = [CACHE_FILE, DEFERRED_FILE];

/// One treatment, as the summary keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentSummary {
    /// Meeting date.
    pub date: Date,
    /// Treating body.
    pub body: String,
    /// Item number, `None` when known only from a quote.
    pub punkt: Option<Punkt>,
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
    /// The date of the meeting whose minutes hold it: its own, or for a
    /// quote the later one's. What a store held on a date
    /// ([`load_until`]) is told by it.
    pub source_date: Date,
}

/// One case: its journal number, latest title and timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    /// The organisation whose case it is, where known.
    pub organisation: Option<String>,
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
    /// The organisation that met, where known.
    pub organisation: Option<String>,
    /// Minutes, or only the agenda so far.
    pub kind: DocumentKind,
    /// Meeting date.
    pub date: Date,
    /// Body (canonical name).
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
    /// Meetings sorted by date, start time and body.
    pub meetings: Vec<MeetingSummary>,
    /// Case and meeting folders whose files cannot be read (`path: why`),
    /// left out of `cases` and `meetings` so that one bad file never stops
    /// the answer for the rest; `verify` names them too.
    pub unreadable: Vec<String>,
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
#[derive(PartialEq, Serialize, Deserialize)]
enum Node<T> {
    Dir {
        oid: String,
        children: BTreeMap<String, Node<T>>,
    },
    Leaf {
        oid: String,
        value: T,
    },
    /// An entity folder whose files cannot be read, and why.
    Unreadable {
        oid: String,
        problem: String,
    },
}

impl<T> Node<T> {
    fn oid(&self) -> &str {
        match self {
            Node::Dir { oid, .. } | Node::Leaf { oid, .. } | Node::Unreadable { oid, .. } => oid,
        }
    }

    fn into_values(self, out: &mut Vec<T>, unreadable: &mut Vec<String>) {
        match self {
            Node::Leaf { value, .. } => out.push(value),
            Node::Unreadable { problem, .. } => unreadable.push(problem),
            Node::Dir { children, .. } => {
                for child in children.into_values() {
                    child.into_values(out, unreadable);
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
    cases: Vec<DeferredCase>,
    /// [`deferred_digest`] of the fields above.
    digest: String,
}

/// A deferred case with the object id of its folder in the tree.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
struct DeferredCase {
    oid: String,
    case: CaseSummary,
}

impl DeferredCache {
    fn new(tree: &Tree, cases: Vec<CaseSummary>) -> DeferredCache {
        let cases: Vec<DeferredCase> = cases
            .into_iter()
            .map(|case| DeferredCase {
                oid: case_oid(tree, case.organisation.as_deref(), &case.journal)
                    .unwrap_or_default(),
                case,
            })
            .collect();
        let tree = tree.id().to_string();
        let digest = deferred_digest(&tree, &cases);
        DeferredCache {
            version: CACHE_VERSION,
            tree,
            cases,
            digest,
        }
    }

    /// Whether this file may answer for `tree`: made for it, intact, and
    /// every case it lists is a folder of the tree with the id recorded.
    fn holds_for(&self, tree: &Tree) -> bool {
        let tree_id = tree.id().to_string();
        self.version == CACHE_VERSION
            && self.tree == tree_id
            && self.digest == deferred_digest(&tree_id, &self.cases)
            && self.cases.iter().all(|c| {
                case_oid(tree, c.case.organisation.as_deref(), &c.case.journal).as_deref()
                    == Some(c.oid.as_str())
            })
    }
}

/// The object id of a case's folder in `tree`, if it has one.
fn case_oid(tree: &Tree, organisation: Option<&str>, journal: &str) -> Option<String> {
    let dir = paths::case_dir(organisation, journal).ok()?;
    Some(tree.get_path(Path::new(&dir)).ok()?.id().to_string())
}

/// SHA-256 of the deferred cases keyed by the tree they were derived from,
/// so that a file edited by hand or carried over from another tree does not
/// match.
fn deferred_digest(tree: &str, cases: &[DeferredCase]) -> String {
    let mut bytes = format!("sagsspor-deferred {CACHE_VERSION} {tree}\n").into_bytes();
    bytes.extend(serde_json::to_vec(cases).unwrap_or_default());
    sha256_hex(&bytes)
}

/// The deferred cases of `tree`: from the small deferred cache where it holds
/// for the tree, else from the summary (and the small cache is renewed).
pub(super) fn load_deferred(
    repo: &Repository,
    root: &Path,
    tree: Option<&Tree>,
) -> Result<Vec<CaseSummary>, StoreError> {
    let Some(tree) = tree else {
        return Ok(Vec::new());
    };
    let cached = read_deferred_cache(&root.join(DEFERRED_FILE));
    let Some(cached) = cached else {
        return load_deferred_whole(repo, root, tree);
    };
    if cached.holds_for(tree) {
        return Ok(cached.cases.into_iter().map(|c| c.case).collect());
    }
    // After an import: the cache holds for the tree before it, and only the
    // case folders the import changed need reading, so a one-meeting
    // commit costs the same however large the store.
    let earlier = git2::Oid::from_str(&cached.tree)
        .ok()
        .and_then(|id| repo.find_tree(id).ok())
        .filter(|earlier| cached.holds_for(earlier));
    if let Some(earlier) = earlier
        && let Some(deferred) = deferred_since(repo, &earlier, tree, cached)?
    {
        write_deferred(root, tree, deferred.clone());
        return Ok(deferred);
    }
    load_deferred_whole(repo, root, tree)
}

/// The deferred cases of `tree` from its whole summary (renewing the small
/// cache where the store reads whole).
fn load_deferred_whole(
    repo: &Repository,
    root: &Path,
    tree: &Tree,
) -> Result<Vec<CaseSummary>, StoreError> {
    let summary = load(repo, root, Some(tree))?;
    let deferred = deferred_of(&summary);
    if summary.unreadable.is_empty() {
        write_deferred(root, tree, deferred.clone());
    }
    Ok(deferred)
}

/// The folders `levels` below `path` that differ between two trees,
/// descending only where ids differ: the cost is that of the change, not of
/// the store (git's tree diff reads both trees whole).
fn changed_folders(
    repo: &Repository,
    before: Option<&Tree>,
    after: Option<&Tree>,
    path: &str,
    levels: usize,
    out: &mut BTreeSet<String>,
) -> Result<(), StoreError> {
    if levels == 0 {
        out.insert(path.to_string());
        return Ok(());
    }
    let folders = |tree: Option<&Tree>| -> BTreeMap<String, git2::Oid> {
        tree.into_iter()
            .flat_map(|t| t.iter())
            .filter(|e| e.kind() == Some(ObjectType::Tree))
            .filter_map(|e| Some((e.name().ok()?.to_string(), e.id())))
            .collect()
    };
    let (old, new) = (folders(before), folders(after));
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        let (a, b) = (old.get(name), new.get(name));
        if a == b {
            continue;
        }
        let a = a.map(|id| repo.find_tree(*id)).transpose()?;
        let b = b.map(|id| repo.find_tree(*id)).transpose()?;
        changed_folders(
            repo,
            a.as_ref(),
            b.as_ref(),
            &format!("{path}/{name}"),
            levels - 1,
            out,
        )?;
    }
    Ok(())
}

/// The deferred cases of `tree`, from those of `earlier` and the case
/// folders that differ between the two; `None` where that cannot be told
/// apart from the whole summary: a changed folder that cannot be read, or a
/// case whose journal number is also filed under no organisation (the
/// summary joins such cases).
fn deferred_since(
    repo: &Repository,
    earlier: &Tree,
    tree: &Tree,
    cached: DeferredCache,
) -> Result<Option<Vec<CaseSummary>>, StoreError> {
    let cases_of = |t: &Tree| -> Result<Option<Tree<'_>>, StoreError> {
        Ok(match t.get_name("cases") {
            Some(e) => Some(repo.find_tree(e.id())?),
            None => None,
        })
    };
    let (before, after) = (cases_of(earlier)?, cases_of(tree)?);
    let mut changed: BTreeSet<String> = BTreeSet::new();
    changed_folders(
        repo,
        before.as_ref(),
        after.as_ref(),
        "cases",
        CASE_LEVELS,
        &mut changed,
    )?;
    let folder = |case: &CaseSummary| paths::case_dir(case.organisation.as_deref(), &case.journal);
    let mut deferred: Vec<CaseSummary> = cached
        .cases
        .into_iter()
        .map(|c| c.case)
        .filter(|case| folder(case).is_ok_and(|dir| !changed.contains(&dir)))
        .collect();
    for dir in &changed {
        let Ok(entry) = tree.get_path(Path::new(dir)) else {
            continue; // the case is gone
        };
        let case = match case_summary(repo, dir, &repo.find_tree(entry.id())?) {
            Ok(case) => case,
            Err(StoreError::Corrupt { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let joins = case.organisation.is_none()
            || paths::case_dir(None, &case.journal)
                .is_ok_and(|unknown| tree.get_path(Path::new(&unknown)).is_ok());
        if joins {
            return Ok(None);
        }
        if case
            .latest()
            .is_some_and(|t| t.outcome == Some(Outcome::Deferred))
        {
            deferred.push(case);
        }
    }
    // The summary's order: by journal number, then by the organisation's
    // folder.
    let segment = |case: &CaseSummary| {
        paths::organisation_segment(case.organisation.as_deref()).unwrap_or_default()
    };
    deferred.sort_by(|a, b| (&a.journal, segment(a)).cmp(&(&b.journal, segment(b))));
    Ok(Some(deferred))
}

/// The cases of `summary` whose latest treatment deferred them.
pub(super) fn deferred_of(summary: &Summary) -> Vec<CaseSummary> {
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

/// The folders of `tree` the summary leaves out as unreadable. The small
/// deferred cache is written only for a store that reads whole, so where it
/// holds there are none, and the summary need not be read.
pub(super) fn load_unreadable(
    repo: &Repository,
    root: &Path,
    tree: Option<&Tree>,
) -> Result<Vec<String>, StoreError> {
    let Some(tree) = tree else {
        return Ok(Vec::new());
    };
    if read_deferred_cache(&root.join(DEFERRED_FILE)).is_some_and(|c| c.holds_for(tree)) {
        return Ok(Vec::new());
    }
    Ok(load(repo, root, Some(tree))?.unreadable)
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
    let (cache, fresh) = current_cache(repo, root, tree)?;
    let summary = summary_of(cache);
    // The small cache answers `deferred` without the summary, so it is kept
    // only for a store whose every folder reads: otherwise the summary (and
    // its account of what it left out) is read each time.
    if fresh && summary.unreadable.is_empty() {
        write_deferred(root, tree, deferred_of(&summary));
    }
    Ok(summary)
}

/// The summary `tree` would have had if only the minutes of meetings up to
/// and including `date` had been imported: the meetings of those dates, and
/// of each case the treatments read from their minutes (a decision quoted
/// in later minutes is not known yet). A case with treatments on both sides
/// of the date is summarised again from its own files, so that what the
/// summary keeps of its latest treatment (the decision text) is that of the
/// latest one then; the rest come from the cache as they are.
pub(super) fn load_until(
    repo: &Repository,
    root: &Path,
    tree: Option<&Tree>,
    date: Date,
) -> Result<Summary, StoreError> {
    let Some(tree) = tree else {
        return Ok(Summary::default());
    };
    let (cache, _) = current_cache(repo, root, tree)?;
    let (cases, mut meetings, unreadable) = parts_of(cache);
    let mut until = Vec::with_capacity(cases.len());
    for case in cases {
        let known = case
            .treatments
            .iter()
            .filter(|t| t.source_date <= date)
            .count();
        if known == case.treatments.len() {
            until.push(case);
        } else if known > 0 {
            let dir =
                paths::case_dir(case.organisation.as_deref(), &case.journal).map_err(|e| {
                    StoreError::Corrupt {
                        path: case.journal.clone(),
                        message: e.to_string(),
                    }
                })?;
            let folder = repo.find_tree(tree.get_path(Path::new(&dir))?.id())?;
            let treatments = read_treatments(repo, &folder, &dir)?
                .into_iter()
                .filter(|t| t.source.date <= date)
                .collect();
            until.push(case_summary_of(&dir, timeline(treatments)));
        }
    }
    meetings.retain(|m| m.date <= date);
    Ok(Summary {
        cases: join_unknown_organisation(until),
        meetings,
        unreadable,
    })
}

/// The cache for `tree`, and whether it had to be brought up to date (it
/// is then written back).
fn current_cache(repo: &Repository, root: &Path, tree: &Tree) -> Result<(Cache, bool), StoreError> {
    let cache_path = root.join(CACHE_FILE);
    let old = read_summary_cache(&cache_path);
    let (cache, fresh) = match old {
        Some(c) if c.tree == tree.id().to_string() => (c, false),
        old => (refresh_cache(repo, tree, old)?, true),
    };
    if fresh {
        // A read-only store still answers; it just cannot keep the cache.
        let _ =
            files::write_replacing(&cache_path, &serde_json::to_vec(&cache).unwrap_or_default());
    }
    Ok((cache, fresh))
}

/// The deferred cache file, if it is one of this version (whether it holds
/// for a tree is the caller's question).
fn read_deferred_cache(path: &Path) -> Option<DeferredCache> {
    read_cache(path)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .filter(|c: &DeferredCache| c.version == CACHE_VERSION)
}

fn read_summary_cache(path: &Path) -> Option<Cache> {
    read_cache(path)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .filter(|c: &Cache| c.version == CACHE_VERSION)
}

/// The cache of `tree`, reusing the folders of `old` whose ids are unchanged
/// (everything is read when `old` is `None`).
fn refresh_cache(repo: &Repository, tree: &Tree, old: Option<Cache>) -> Result<Cache, StoreError> {
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
    Ok(Cache {
        version: CACHE_VERSION,
        tree: tree.id().to_string(),
        cases,
        meetings,
    })
}

fn summary_of(cache: Cache) -> Summary {
    let (cases, meetings, unreadable) = parts_of(cache);
    Summary {
        cases: join_unknown_organisation(cases),
        meetings,
        unreadable,
    }
}

/// The cache's cases (by journal number, each folder its own), meetings (by
/// date, then start time, as they were held; then body) and unreadable
/// folders.
fn parts_of(cache: Cache) -> (Vec<CaseSummary>, Vec<MeetingSummary>, Vec<String>) {
    let mut cases: Vec<CaseSummary> = Vec::new();
    let mut unreadable = Vec::new();
    if let Some(node) = cache.cases {
        node.into_values(&mut cases, &mut unreadable);
    }
    cases.sort_by(|a, b| a.journal.cmp(&b.journal));
    let mut meetings: Vec<MeetingSummary> = Vec::new();
    if let Some(node) = cache.meetings {
        node.into_values(&mut meetings, &mut unreadable);
    }
    // Times are `HH:MM`, so text order is the order of the day; a meeting
    // without a time comes first.
    meetings.sort_by(|a, b| {
        (a.date, a.time.as_deref(), &a.body).cmp(&(b.date, b.time.as_deref(), &b.body))
    });
    (cases, meetings, unreadable)
}

/// A case filed under no organisation (its minutes named none) is the same
/// case as the one journal number of the only organisation that has it: a
/// reader of Greve's minutes takes the few that do not say "Greve" for
/// Greve's. Joined here, when the store is read, the store itself stays a
/// function of the set of minutes, whatever the order of import. `cases`
/// are sorted by journal number.
pub fn join_unknown_organisation(cases: Vec<CaseSummary>) -> Vec<CaseSummary> {
    let mut out: Vec<CaseSummary> = Vec::with_capacity(cases.len());
    let mut rest = cases.into_iter().peekable();
    while let Some(first) = rest.next() {
        let mut group = vec![first];
        while let Some(next) = rest.next_if(|c| c.journal == group[0].journal) {
            group.push(next);
        }
        let unknown = group.iter().filter(|c| c.organisation.is_none()).count();
        if unknown == 1 && group.len() == 2 {
            let (mut known, stray): (Vec<_>, Vec<_>) =
                group.into_iter().partition(|c| c.organisation.is_some());
            let mut case = known.remove(0);
            case.treatments
                .extend(stray.into_iter().flat_map(|c| c.treatments));
            let own: std::collections::HashSet<(Date, String)> = case
                .treatments
                .iter()
                .filter(|t| !t.quoted)
                .map(|t| (t.date, t.body.clone()))
                .collect();
            case.treatments
                .retain(|t| !t.quoted || !own.contains(&(t.date, t.body.clone())));
            case.treatments
                .sort_by(|a, b| (a.date, &a.body, a.punkt).cmp(&(b.date, &b.body, b.punkt)));
            if let Some(title) = case.treatments.iter().rev().find_map(|t| t.title.clone()) {
                case.title = Some(title);
            }
            out.push(case);
        } else {
            out.extend(group);
        }
    }
    out
}

fn write_deferred(root: &Path, tree: &Tree, cases: Vec<CaseSummary>) {
    let deferred = DeferredCache::new(tree, cases);
    let _ = files::write_replacing(
        &root.join(DEFERRED_FILE),
        &serde_json::to_vec(&deferred).unwrap_or_default(),
    );
}

/// `verify`'s check of the cache files against `tree`: every folder the
/// summary cache would reuse (its id equals the tree's) must hold what that
/// folder summarises to, and a deferred cache made for `tree` must list
/// exactly its deferred cases. A file that fails is removed, so the next
/// query rebuilds it. Nothing is said about a cache that cannot be read or
/// is of another version: it is never used.
pub(super) fn check_caches(
    repo: &Repository,
    root: &Path,
    tree: &Tree,
) -> Result<Vec<Problem>, StoreError> {
    let mut problems = Vec::new();
    let fresh = refresh_cache(repo, tree, None)?;
    let cache_path = root.join(CACHE_FILE);
    if let Some(cached) = read_summary_cache(&cache_path) {
        let mut wrong = Vec::new();
        compare_nodes(
            cached.cases.as_ref(),
            fresh.cases.as_ref(),
            "cases",
            &mut wrong,
        );
        compare_nodes(
            cached.meetings.as_ref(),
            fresh.meetings.as_ref(),
            "meetings",
            &mut wrong,
        );
        if let Some(first) = wrong.first() {
            problems.push(Problem {
                path: CACHE_FILE.to_string(),
                message: format!(
                    "cached summary of {first} (and {} other folders) differs from the tree; removed, rebuilt on the next query",
                    wrong.len() - 1
                ),
            });
            let _ = std::fs::remove_file(&cache_path);
        }
    }
    let deferred_path = root.join(DEFERRED_FILE);
    let tree_id = tree.id().to_string();
    let cached = read_deferred_cache(&deferred_path).filter(|c| c.tree == tree_id);
    if let Some(cached) = cached {
        let expected = DeferredCache::new(tree, deferred_of(&summary_of(fresh)));
        if cached.cases != expected.cases || cached.digest != expected.digest {
            problems.push(Problem {
                path: DEFERRED_FILE.to_string(),
                message: "lists other deferred cases than the tree holds; removed, rebuilt on the next query".to_string(),
            });
            let _ = std::fs::remove_file(&deferred_path);
        }
    }
    Ok(problems)
}

/// Collects the paths where `cached` would be reused by [`refresh`] (same
/// folder id) yet differs from `fresh`.
fn compare_nodes<T: PartialEq>(
    cached: Option<&Node<T>>,
    fresh: Option<&Node<T>>,
    path: &str,
    wrong: &mut Vec<String>,
) {
    let (Some(cached), Some(fresh)) = (cached, fresh) else {
        return;
    };
    let reused = cached.oid() == fresh.oid();
    match (cached, fresh) {
        (Node::Dir { children: old, .. }, Node::Dir { children: new, .. }) => {
            for (name, node) in new {
                let child = format!("{path}/{name}");
                match old.get(name) {
                    Some(old) => compare_nodes(Some(old), Some(node), &child, wrong),
                    None if reused => wrong.push(child),
                    None => {}
                }
            }
            if reused {
                for name in old.keys().filter(|n| !new.contains_key(*n)) {
                    wrong.push(format!("{path}/{name}"));
                }
            }
        }
        _ if reused && cached != fresh => wrong.push(path.to_string()),
        _ => {}
    }
}

/// A cache file's bytes; `None` when it is missing, not a regular file (a
/// link, FIFO or device planted there) or implausibly large: the cache is
/// then rebuilt and written over it.
fn read_cache(path: &Path) -> Option<Vec<u8>> {
    files::read_bounded(path, CACHE_LIMIT).ok()
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
        return match compute(repo, path, &tree) {
            Ok(value) => Ok(Node::Leaf { oid: id, value }),
            Err(StoreError::Corrupt { path, message }) => Ok(Node::Unreadable {
                oid: id,
                problem: format!("{path}: {message}"),
            }),
            Err(e) => Err(e),
        };
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
        Node::Leaf { .. } | Node::Unreadable { .. } => None,
    }
}

/// Every treatment file in one case folder (in its year and month
/// folders).
pub(super) fn read_treatments(
    repo: &Repository,
    case_tree: &Tree,
    path: &str,
) -> Result<Vec<Treatment>, StoreError> {
    let subfolders = |tree: &Tree, path: &str| -> Vec<(String, git2::Oid)> {
        tree.iter()
            .filter(|e| e.kind() == Some(ObjectType::Tree))
            .map(|e| (format!("{path}/{}", e.name().unwrap_or_default()), e.id()))
            .collect()
    };
    let mut files = Vec::new();
    for (year_path, year) in subfolders(case_tree, path) {
        for (month_path, month) in subfolders(&repo.find_tree(year)?, &year_path) {
            for entry in repo.find_tree(month)?.iter().filter(is_blob) {
                let name = entry.name().unwrap_or_default();
                if name.ends_with(".json") {
                    files.push((format!("{month_path}/{name}"), entry.id()));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (file, id) in files {
        let blob = super::read_blob(repo, id, &file)?;
        let t: Treatment =
            serde_json::from_slice(blob.content()).map_err(|e| StoreError::Corrupt {
                path: file.clone(),
                message: e.to_string(),
            })?;
        out.push(t);
    }
    Ok(out)
}

fn case_summary(repo: &Repository, path: &str, tree: &Tree) -> Result<CaseSummary, StoreError> {
    Ok(case_summary_of(
        path,
        timeline(read_treatments(repo, tree, path)?),
    ))
}

/// The summary of the case in folder `path` with these treatments (its
/// timeline).
fn case_summary_of(path: &str, treatments: Vec<Treatment>) -> CaseSummary {
    let journal = treatments
        .first()
        .map(|t| t.journal.clone())
        .or_else(|| path.rsplit('/').next().and_then(super::paths::unescape))
        .unwrap_or_default();
    let title = treatments.iter().rev().find_map(|t| t.title.clone());
    let last = treatments.len().saturating_sub(1);
    // The folder names the organisation: `cases/<org>/<h>/<h>/<h>/<journal>`.
    let organisation = path
        .split('/')
        .nth(1)
        .and_then(paths::organisation_of_segment)
        .flatten();
    CaseSummary {
        organisation,
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
                source_date: t.source.date,
            })
            .collect(),
    }
}

fn meeting_summary(
    repo: &Repository,
    path: &str,
    tree: &Tree,
) -> Result<MeetingSummary, StoreError> {
    // The minutes supersede the agenda; a meeting known only from its agenda
    // is listed as one.
    let (kind, name) = [DocumentKind::Referat, DocumentKind::Dagsorden]
        .into_iter()
        .map(|kind| (kind, super::document_files(kind).1))
        .find(|(_, name)| tree.get_name(name).is_some())
        .ok_or_else(|| StoreError::Corrupt {
            path: format!("{path}/meeting.json"),
            message: "missing (nor is there an agenda.json)".to_string(),
        })?;
    let corrupt = |message: String| StoreError::Corrupt {
        path: format!("{path}/{name}"),
        message,
    };
    let entry = tree
        .get_name(name)
        .ok_or_else(|| corrupt("missing".to_string()))?;
    let blob = super::read_blob(repo, entry.id(), &format!("{path}/{name}"))?;
    let stored: StoredMeeting =
        serde_json::from_slice(blob.content()).map_err(|e| corrupt(e.to_string()))?;
    let key = stored
        .key
        .ok_or_else(|| corrupt("no meeting key".to_string()))?;
    Ok(MeetingSummary {
        organisation: key.organisation,
        kind,
        date: key.date,
        body: key.body,
        time: key.time,
        items: stored.meeting.items.len(),
        source_file: stored.source_file,
    })
}
