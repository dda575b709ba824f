//! `verify`: the store checked against itself. Every commit and the current
//! tree must be readable, every meeting's derived files must equal what the
//! kept minutes read as now, no treatment file may lack its minutes, and the
//! cache files must hold what the tree summarises to.

use super::paths::{CASE_LEVELS, MEETING_LEVELS};
use super::{StoreError, StoredMeeting, is_blob, treatment_files};
use crate::formats::read as parse;
use git2::{ObjectType, Repository, Tree};
use std::collections::BTreeSet;
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
        match repo.find_commit(id).and_then(|c| c.tree()) {
            Ok(_) => report.commits += 1,
            Err(e) => report.problems.push(Problem {
                path: id.to_string(),
                message: format!("commit or its tree cannot be read: {}", e.message()),
            }),
        }
    }
    let tree = repo.find_commit(head)?.tree()?;
    let mut expected_cases: BTreeSet<String> = BTreeSet::new();
    let meetings = folders(repo, &tree, "meetings", MEETING_LEVELS)?;
    for (dir, meeting_tree) in meetings {
        report.meetings += 1;
        check_meeting(
            repo,
            &dir,
            &meeting_tree,
            &tree,
            &mut expected_cases,
            &mut report,
        )?;
    }
    for (dir, case_tree) in folders(repo, &tree, "cases", CASE_LEVELS)? {
        for entry in case_tree.iter() {
            let path = format!("{dir}/{}", entry.name().unwrap_or("?"));
            if !expected_cases.contains(&path) {
                report.problems.push(Problem {
                    path,
                    message: "treatment file that no stored minutes produce".to_string(),
                });
            }
        }
    }
    // A tree too damaged to summarise is reported above, path by path.
    if let Ok(problems) = super::summary::check_caches(repo, root, &tree) {
        report.problems.extend(problems);
    }
    Ok(report)
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
    for entry in tree.iter().filter(|e| e.kind() == Some(ObjectType::Tree)) {
        let name = entry.name().unwrap_or("?");
        let child = repo.find_tree(entry.id())?;
        collect(repo, child, format!("{path}/{name}"), levels - 1, out)?;
    }
    Ok(())
}

fn check_meeting(
    repo: &Repository,
    dir: &str,
    meeting_tree: &Tree,
    root: &Tree,
    expected_cases: &mut BTreeSet<String>,
    report: &mut Report,
) -> Result<(), StoreError> {
    let mut problem = |path: String, message: &str| {
        report.problems.push(Problem {
            path,
            message: message.to_string(),
        })
    };
    let read = |name: &str| -> Option<Vec<u8>> {
        let entry = meeting_tree.get_name(name).filter(is_blob)?;
        repo.find_blob(entry.id())
            .ok()
            .map(|b| b.content().to_vec())
    };
    let (Some(text), Some(json)) = (read("minutes.txt"), read("meeting.json")) else {
        problem(dir.to_string(), "minutes.txt or meeting.json missing");
        return Ok(());
    };
    let stored: StoredMeeting = match serde_json::from_slice(&json) {
        Ok(s) => s,
        Err(e) => {
            problem(format!("{dir}/meeting.json"), &format!("unreadable: {e}"));
            return Ok(());
        }
    };
    if super::sha256_hex(&text) != stored.text_sha256 {
        problem(
            format!("{dir}/minutes.txt"),
            "SHA-256 differs from the one recorded in meeting.json",
        );
    }
    let Ok(text) = String::from_utf8(text) else {
        problem(format!("{dir}/minutes.txt"), "not UTF-8");
        return Ok(());
    };
    let meeting = match parse(&text) {
        Ok(m) => m,
        Err(e) => {
            problem(
                format!("{dir}/minutes.txt"),
                &format!("no longer parses: {e}"),
            );
            return Ok(());
        }
    };
    if meeting != stored.meeting {
        problem(
            format!("{dir}/meeting.json"),
            "differs from what the kept minutes read as now (stale or edited)",
        );
    }
    let (Some(date), Some(body)) = (meeting.date, meeting.body.as_deref()) else {
        return Ok(());
    };
    let files = match treatment_files(&meeting, date, body) {
        Ok(f) => f,
        Err(e) => {
            problem(dir.to_string(), &e.to_string());
            return Ok(());
        }
    };
    for (path, bytes) in files {
        report.treatments += 1;
        let stored = root
            .get_path(Path::new(&path))
            .ok()
            .and_then(|e| repo.find_blob(e.id()).ok())
            .map(|b| b.content().to_vec());
        match stored {
            None => problem(path.clone(), "treatment file missing"),
            Some(content) if content != bytes => problem(
                path.clone(),
                "differs from what the kept minutes read as now",
            ),
            Some(_) => {}
        }
        expected_cases.insert(path);
    }
    Ok(())
}
