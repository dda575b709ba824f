//! `verify`: the store checked against itself. Every commit and the current
//! tree must be readable, every meeting's derived files must equal what the
//! kept minutes read as now, no treatment file may lack its minutes, and the
//! cache files must hold what the tree summarises to.

use super::paths::MEETING_LEVELS;
use super::{StoreError, StoredMeeting, document_files, is_blob, treatment_files};
use crate::bodies::Aliases;
use crate::formats::read as parse;
use crate::identity::MeetingKey;
use crate::model::{DocumentKind, Meeting};
use git2::{ObjectType, Oid, Repository, Tree};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// One problem found, with the path in the tree it concerns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// A path in the tree, or a commit id.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// What was checked and what was found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Commits read.
    pub commits: usize,
    /// Meetings whose derived files were rebuilt and compared.
    pub meetings: usize,
    /// Treatment files compared.
    pub treatments: usize,
    /// Everything that did not hold.
    pub problems: Vec<Problem>,
}

pub(super) fn verify(
    repo: &Repository,
    root: &Path,
    aliases: &Aliases,
    head: Option<git2::Oid>,
) -> Result<Report, StoreError> {
    let mut report = Report::default();
    if std::fs::symlink_metadata(super::branch_lock_path(repo)).is_ok() {
        report.problems.push(Problem {
            path: format!("{}.lock", super::BRANCH),
            message: "git's lock on the branch is held; if no import or push is running, it was left by a killed one and the next import removes it".to_string(),
        });
    }
    let Some(head) = head else {
        return Ok(report);
    };
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    for id in walk {
        let id = id?;
        match repo.find_commit(id).and_then(|c| c.tree().map(|_| c)) {
            // git itself refuses such a commit (fsck badDate), so a store
            // holding one cannot be cloned by a careful remote.
            Ok(c) if c.time().seconds() < 0 || c.author().when().seconds() < 0 => {
                report.problems.push(Problem {
                    path: id.to_string(),
                    message: "commit time before 1970, which git rejects (badDate); import the minutes into a new store".to_string(),
                });
            }
            Ok(_) => report.commits += 1,
            Err(e) => report.problems.push(Problem {
                path: id.to_string(),
                message: format!("commit or its tree cannot be read: {}", e.message()),
            }),
        }
    }
    let tree = repo.find_commit(head)?.tree()?;
    if !super::has_current_layout(repo, &tree)? {
        report.problems.push(Problem {
            path: super::paths::LAYOUT_FILE.to_string(),
            message: super::OLD_LAYOUT.to_string(),
        });
        return Ok(report);
    }
    let mut expected_cases: BTreeSet<String> = BTreeSet::new();
    let meetings = folders(repo, &tree, "meetings", MEETING_LEVELS)?;
    let mut case_files = FolderIndex::new(&tree);
    for (dir, meeting_tree) in meetings {
        report.meetings += 1;
        check_meeting(
            repo,
            aliases,
            &dir,
            &meeting_tree,
            &mut case_files,
            &mut expected_cases,
            &mut report,
        )?;
    }
    // Every file below `cases/`, at any depth: a file planted outside the
    // layout is as much an orphan as one inside it.
    for path in files_below(repo, &tree, "cases")? {
        if !expected_cases.contains(&path) {
            report.problems.push(Problem {
                path,
                message: "treatment file that no stored minutes produce".to_string(),
            });
        }
    }
    // A tree too damaged to summarise is reported above, path by path.
    if let Ok(problems) = super::summary::check_caches(repo, root, &tree) {
        report.problems.extend(problems);
    }
    if let Ok(Some(message)) = super::search::check_file(repo, root, &tree, aliases) {
        report.problems.push(Problem {
            path: super::search::SEARCH_FILE.to_string(),
            message,
        });
    }
    Ok(report)
}

/// Every file below `dir`, at any depth, walked without recursion (a
/// hostile tree may nest deeply).
fn files_below(repo: &Repository, tree: &Tree, dir: &str) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    let Some(top) = tree.get_name(dir) else {
        return Ok(out);
    };
    let mut stack = vec![(dir.to_string(), top.id())];
    while let Some((path, id)) = stack.pop() {
        for entry in repo.find_tree(id)?.iter() {
            let name = format!("{path}/{}", entry.name().unwrap_or("?"));
            match entry.kind() {
                Some(ObjectType::Tree) => stack.push((name, entry.id())),
                _ => out.push(name),
            }
        }
    }
    Ok(out)
}

/// The entity folders (one case, one meeting) `levels` folders below `dir`,
/// with their paths.
fn folders<'r>(
    repo: &'r Repository,
    tree: &Tree,
    dir: &str,
    levels: usize,
) -> Result<Vec<(String, Tree<'r>)>, StoreError> {
    let mut out = Vec::new();
    if let Some(top) = tree.get_name(dir) {
        collect(
            repo,
            repo.find_tree(top.id())?,
            dir.to_string(),
            levels,
            &mut out,
        )?;
    }
    Ok(out)
}

fn collect<'r>(
    repo: &'r Repository,
    tree: Tree<'r>,
    path: String,
    levels: usize,
    out: &mut Vec<(String, Tree<'r>)>,
) -> Result<(), StoreError> {
    if levels == 0 {
        out.push((path, tree));
        return Ok(());
    }
    for entry in tree.iter() {
        let name = entry.name().unwrap_or("?");
        if entry.kind() == Some(ObjectType::Tree) {
            let child = repo.find_tree(entry.id())?;
            collect(repo, child, format!("{path}/{name}"), levels - 1, out)?;
        } else if levels == 1 {
            // A file at the entity level: listed with its parent's tree, so
            // that callers asking for files one level down see it.
            out.push((format!("{path}/{name}"), tree.clone()));
        }
    }
    Ok(())
}

/// The files of the tree's folders by path, each folder read once: a case
/// treated at a thousand meetings is one folder of a thousand files, and
/// looking each up from the root would read that folder a thousand times.
struct FolderIndex<'t, 'r> {
    root: &'t Tree<'r>,
    folders: HashMap<String, Option<HashMap<String, Oid>>>,
}

impl<'t, 'r> FolderIndex<'t, 'r> {
    fn new(root: &'t Tree<'r>) -> Self {
        FolderIndex {
            root,
            folders: HashMap::new(),
        }
    }

    /// The blob id at `path`, if the tree has a file there.
    fn file(&mut self, repo: &Repository, path: &str) -> Option<Oid> {
        let (dir, name) = path.rsplit_once('/')?;
        let root = self.root;
        let folder = self.folders.entry(dir.to_string()).or_insert_with(|| {
            let entry = root.get_path(Path::new(dir)).ok()?;
            let tree = repo.find_tree(entry.id()).ok()?;
            Some(
                tree.iter()
                    .filter(is_blob)
                    .filter_map(|e| Some((e.name().ok()?.to_string(), e.id())))
                    .collect(),
            )
        });
        folder.as_ref()?.get(name).copied()
    }
}

fn check_meeting(
    repo: &Repository,
    aliases: &Aliases,
    dir: &str,
    meeting_tree: &Tree,
    case_files: &mut FolderIndex,
    expected_cases: &mut BTreeSet<String>,
    report: &mut Report,
) -> Result<(), StoreError> {
    // The minutes govern the treatments where they are stored, else the
    // agenda (see `ImportSession::add`).
    let mut governing: Option<(Meeting, MeetingKey)> = None;
    let mut found = false;
    for kind in [DocumentKind::Referat, DocumentKind::Dagsorden] {
        let Some(read) = check_document(repo, dir, meeting_tree, kind, aliases, report) else {
            continue;
        };
        found = true;
        if governing.is_none() {
            governing = read;
        }
    }
    if !found {
        report.problems.push(Problem {
            path: dir.to_string(),
            message: "neither minutes (minutes.txt, meeting.json) nor an agenda (agenda.txt, agenda.json)".to_string(),
        });
        return Ok(());
    }
    let Some((meeting, key)) = governing else {
        return Ok(());
    };
    let files = match treatment_files(&meeting, &key, aliases) {
        Ok(f) => f,
        Err(e) => {
            report.problems.push(Problem {
                path: dir.to_string(),
                message: e.to_string(),
            });
            return Ok(());
        }
    };
    for (path, bytes) in files {
        report.treatments += 1;
        let stored = match case_files.file(repo, &path) {
            None => Err("treatment file missing".to_string()),
            Some(oid) => super::read_blob(repo, oid, &path)
                .map(|b| b.content().to_vec())
                .map_err(|e| match e {
                    StoreError::Corrupt { message, .. } => message,
                    other => other.to_string(),
                }),
        };
        let message = match stored {
            Err(why) => Some(why),
            Ok(content) if content != bytes => {
                Some("differs from what the kept minutes read as now".to_string())
            }
            Ok(_) => None,
        };
        if let Some(message) = message {
            report.problems.push(Problem {
                path: path.clone(),
                message,
            });
        }
        expected_cases.insert(path);
    }
    Ok(())
}

/// Checks one kept document of a meeting folder: its text against the
/// recorded hash, its record against what the text reads as now. `None`
/// where the folder has no document of this kind; `Some(None)` where it has
/// one that cannot be read back (reported).
fn check_document(
    repo: &Repository,
    dir: &str,
    meeting_tree: &Tree,
    kind: DocumentKind,
    aliases: &Aliases,
    report: &mut Report,
) -> Option<Option<(Meeting, MeetingKey)>> {
    let (text_name, json_name) = document_files(kind);
    let read = |name: &str| -> Option<Vec<u8>> {
        let entry = meeting_tree.get_name(name).filter(is_blob)?;
        super::read_blob(repo, entry.id(), &format!("{dir}/{name}"))
            .ok()
            .map(|b| b.content().to_vec())
    };
    let (text, json) = (read(text_name), read(json_name));
    let mut problem = |path: String, message: &str| {
        report.problems.push(Problem {
            path,
            message: message.to_string(),
        })
    };
    let (text, json) = match (text, json) {
        (None, None) => return None,
        (Some(text), Some(json)) => (text, json),
        _ => {
            problem(
                dir.to_string(),
                &format!("{text_name} or {json_name} missing"),
            );
            return Some(None);
        }
    };
    let stored: StoredMeeting = match serde_json::from_slice(&json) {
        Ok(s) => s,
        Err(e) => {
            problem(format!("{dir}/{json_name}"), &format!("unreadable: {e}"));
            return Some(None);
        }
    };
    if super::sha256_hex(&text) != stored.text_sha256 {
        problem(
            format!("{dir}/{text_name}"),
            &format!("SHA-256 differs from the one recorded in {json_name}"),
        );
    }
    let Ok(text) = String::from_utf8(text) else {
        problem(format!("{dir}/{text_name}"), "not UTF-8");
        return Some(None);
    };
    let mut meeting = match parse(&text) {
        Ok(m) => m,
        Err(e) => {
            problem(
                format!("{dir}/{text_name}"),
                &format!("no longer parses: {e}"),
            );
            return Some(None);
        }
    };
    // An organisation the user gave at import is not in the text.
    if meeting.organisation.is_none() {
        meeting.organisation = stored.meeting.organisation.clone();
    }
    if meeting != stored.meeting {
        problem(
            format!("{dir}/{json_name}"),
            "differs from what the kept document reads as now (stale or edited; 'sagsspor rebuild' renews it)",
        );
    }
    let key = match MeetingKey::of(&meeting, aliases) {
        Ok(key) => key,
        Err(e) => {
            problem(format!("{dir}/{text_name}"), &e.to_string());
            return Some(None);
        }
    };
    if super::paths::meeting_dir(&key).ok().as_deref() != Some(dir)
        || stored.key.as_ref() != Some(&key)
    {
        problem(
            format!("{dir}/{json_name}"),
            "filed under another meeting than the kept document reads as now ('sagsspor rebuild' refiles it)",
        );
    }
    Some(Some((meeting, key)))
}
