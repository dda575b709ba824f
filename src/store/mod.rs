//! The history store: a bare git repository written in-process with git2.
//! This module is the only code that touches git.
//!
//! Properties (see design.md §3):
//! - the minutes text is kept verbatim next to what was parsed from it;
//! - one file per treatment, so the tree depends only on the set of imported
//!   minutes, never on their order;
//! - one commit per minutes file, author and committer time from the
//!   meeting's date, a fixed identity, trailers naming the source; identical
//!   minutes make no commit, a changed version of a meeting is a new commit
//!   that replaces that meeting's files (a correction);
//! - objects of an import are written into memory and land as one pack per
//!   chunk, then the branch moves by compare-and-swap, so a killed import
//!   leaves the store as it was before the unfinished chunk;
//! - one import at a time: an exclusive lock on `sagsspor.lock`; a second
//!   import waits for it.

mod files;
mod pack;
pub mod paths;
mod search;
mod share;
mod summary;
mod tree;
mod verify;

pub use search::{Found, SearchDoc, SearchResults};
pub use share::{Pulled, Pushed, Resolution, Rule, ShareError, Transfer, Version, shown_remote};
pub use summary::{CaseSummary, MeetingSummary, Summary, TreatmentSummary};
pub use verify::{Problem, Report};

use crate::bodies::Aliases;
use crate::identity::{self, KeyError, MeetingKey};
use crate::model::{DocumentKind, Meeting, Punkt};
use crate::treatment::{Treatment, timeline, treatments_of};
use git2::{ErrorCode, ObjectType, Oid, Repository, Tree};
use jiff::civil::Date;
use paths::PathError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The branch that holds the history.
pub const BRANCH: &str = "refs/heads/main";
/// Name and e-mail of every commit: history must not depend on who imported.
const IDENTITY: (&str, &str) = ("sagsspor", "sagsspor@invalid");
/// Bytes of minutes text imported before the in-memory objects are written
/// out as a pack and the branch is moved. The objects of a chunk are about
/// three times its minutes, all held in memory until then.
const CHUNK_BYTES: usize = 16 * 1024 * 1024;
/// Files imported before the same happens, whatever their size.
const CHUNK_FILES: usize = 500;

/// Files per chunk: [`CHUNK_FILES`], or `SAGSSPOR_CHUNK_FILES` where set, so
/// that the tests of what happens between chunks (a kill, another writer)
/// need not import hundreds of files.
fn chunk_files() -> usize {
    std::env::var("SAGSSPOR_CHUNK_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(CHUNK_FILES)
}
/// Pack data libgit2 may keep mapped at once during an import (its default
/// is 8 GiB, which a large store turns into resident memory).
const MAPPED_PACK_LIMIT: usize = 64 * 1024 * 1024;

/// Errors of the store as a whole.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No store where one was expected.
    #[error("no store at {0} (create one with 'sagsspor commit FILE…')")]
    Missing(PathBuf),
    /// The path exists but is no sagsspor store.
    #[error("{0} exists but is not a sagsspor store (not a git repository)")]
    NotAStore(PathBuf),
    /// The store folder could not be created or read.
    #[error("cannot use store {path}: {source}")]
    Io {
        /// The store path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The store was written in an older layout.
    #[error("{}: {OLD_LAYOUT}", .0.display())]
    OldLayout(PathBuf),
    /// Another process moved the branch while this import ran, again and
    /// again.
    #[error("the store changed while importing (another writer?); run the import again")]
    Raced,
    /// A document of the import no longer fits the branch another writer
    /// moved.
    #[error("the store changed while importing, and a document no longer fits it: {0}")]
    Replay(String),
    /// Kept documents that could not be read again.
    #[error("{} kept documents could not be read again: {}", .0.len(), .0.iter().map(|(p, e)| format!("{p}: {e}")).collect::<Vec<_>>().join("; "))]
    Unreadable(Vec<(String, String)>),
    /// A git error.
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    /// A stored file that cannot be read back.
    #[error("corrupt store file {path}: {message}")]
    Corrupt {
        /// The path in the tree.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Why one minutes file could not be imported (the rest of a batch goes on).
#[derive(Debug, Error)]
pub enum ImportError {
    /// The document gives no date or body.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A new version of a stored document shares no item with it.
    #[error(
        "{meeting}: a document of this meeting is stored (from {stored}) and the new one shares no item with it; not a correction of it (use --replace to replace it anyway)"
    )]
    Unrelated {
        /// The meeting, described.
        meeting: String,
        /// The file the stored version came from.
        stored: String,
    },
    /// An identifier cannot be a path.
    #[error("unusable identifier {identifier:?}: {source}")]
    Identifier {
        /// The identifier as written.
        identifier: String,
        /// Why.
        source: PathError,
    },
    /// A store failure.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<git2::Error> for ImportError {
    fn from(e: git2::Error) -> Self {
        ImportError::Store(StoreError::Git(e))
    }
}

/// One minutes file, decoded and parsed, ready to import.
#[derive(Debug, Clone)]
pub struct Minutes {
    /// The file name it came from (no folders), for the commit trailer.
    pub file_name: String,
    /// SHA-256 of the file's bytes as read.
    pub source_sha256: String,
    /// The decoded text, kept verbatim in the store.
    pub text: String,
    /// What the parser read.
    pub meeting: Meeting,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The meeting.
    pub key: MeetingKey,
    /// Minutes or agenda.
    pub kind: DocumentKind,
    /// What happened to the meeting.
    pub change: MeetingChange,
    /// Treatments that were not in the store before.
    pub treatments_new: usize,
    /// Treatments whose stored content changed.
    pub treatments_changed: usize,
    /// Treatments the new version no longer has: they are gone from the
    /// tree (and kept in history).
    pub removed: Vec<TreatmentRef>,
    /// Treatments whose stored content the new version changed.
    pub changed: Vec<TreatmentRef>,
}

/// A treatment named for the user: case, meeting and item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatmentRef {
    /// The case's journal number.
    pub journal: String,
    /// The treating meeting's date.
    pub date: Date,
    /// The treating body.
    pub body: String,
    /// The item number; `None` for a quoted decision.
    pub punkt: Option<Punkt>,
}

impl TreatmentRef {
    fn of(t: &Treatment) -> TreatmentRef {
        TreatmentRef {
            journal: t.journal.clone(),
            date: t.date,
            body: t.body.clone(),
            punkt: t.punkt,
        }
    }
}

/// What happened to a meeting on import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingChange {
    /// A meeting not in the store before.
    Added,
    /// A different version of a meeting already stored: it replaces it.
    Corrected,
    /// Identical minutes already stored: nothing changed.
    Unchanged,
}

/// `meeting.json` (minutes) or `agenda.json` (agenda): the parsed document
/// and where its text came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredMeeting {
    /// File name of the first import of this text.
    pub source_file: String,
    /// SHA-256 of the kept text (`minutes.txt`, `agenda.txt`).
    pub text_sha256: String,
    /// The meeting it was filed as; absent in stores of layout 1.
    #[serde(default)]
    pub key: Option<MeetingKey>,
    /// The parsed meeting.
    pub meeting: Meeting,
}

/// A meeting's stored document and its text (see [`Snapshot::document`]).
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// What was parsed from it, and where it came from.
    pub stored: StoredMeeting,
    /// The minutes (or agenda) text as kept in the store.
    pub text: String,
}

/// An open store.
pub struct Store {
    repo: Repository,
    root: PathBuf,
    aliases: Aliases,
}

impl Store {
    /// Opens an existing store.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        without_user_config()?;
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let repo = Repository::open_bare(path).map_err(|e| match e.code() {
            ErrorCode::NotFound => StoreError::NotAStore(path.to_path_buf()),
            _ => StoreError::Git(e),
        })?;
        let aliases = read_aliases(path)?;
        Ok(Store {
            repo,
            root: path.to_path_buf(),
            aliases,
        })
    }

    /// Opens a store, creating it (a bare repository on branch `main`) where
    /// nothing exists yet. An existing non-empty folder that is not a store is
    /// refused, never taken over.
    ///
    /// The store is built in a sibling folder and renamed into place, so a
    /// process killed while creating it leaves no half-made store (which
    /// every later command would refuse), and of several processes creating
    /// it at once one wins and the others use its store.
    pub fn open_or_create(path: &Path) -> Result<Store, StoreError> {
        without_user_config()?;
        if is_empty_or_missing(path)? {
            create(path)?;
        }
        Store::open(path)
    }

    /// Whether `path` holds anything yet (a store, or something that is
    /// not one); a missing or empty folder is where a store would be made.
    pub fn exists_at(path: &Path) -> Result<bool, StoreError> {
        Ok(!is_empty_or_missing(path)?)
    }

    /// The store's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The other spellings of bodies this store files under their canonical
    /// names (its `aliases.txt`, read when the store was opened).
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    fn head_commit(&self) -> Result<Option<git2::Commit<'_>>, StoreError> {
        match self.repo.find_reference(BRANCH) {
            Ok(r) => Ok(Some(r.peel_to_commit().map_err(unreadable_branch)?)),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The tree of the branch's latest commit, if any.
    pub fn head_tree_id(&self) -> Result<Option<Oid>, StoreError> {
        Ok(self.head_commit()?.map(|c| c.tree_id()))
    }

    /// Runs an import: takes the store's lock (calling `on_busy` once if
    /// another import holds it, then waiting), lets `work` add minutes to an
    /// [`ImportSession`], and publishes what was added. The session writes
    /// through its own repository handle, so its in-memory object backend
    /// never outlives it.
    pub fn import<R>(
        &self,
        on_busy: impl FnOnce(),
        work: impl FnOnce(&mut ImportSession<'_>) -> R,
    ) -> Result<R, StoreError> {
        let _lock = self.lock(on_busy)?;
        // An import reads back only objects it has just written or that the
        // store already holds (and `verify` checks): re-hashing every object
        // read and re-checking every referenced id on each tree and commit
        // would double the work of an import for nothing.
        git2::opts::strict_hash_verification(false);
        git2::opts::strict_object_creation(false);
        // SAFETY: libgit2's global options are set before this process opens
        // the repository below and from this thread only; nothing else in
        // sagsspor uses libgit2 concurrently.
        unsafe {
            git2::opts::set_mwindow_mapped_limit(MAPPED_PACK_LIMIT)?;
        }
        // Objects are read back at most a few times, right after writing;
        // libgit2's object cache (up to 256 MiB) would only hold memory.
        git2::opts::enable_caching(false);
        let repo = Repository::open_bare(&self.root)?;
        pack::remove_leftovers(&repo.path().join("objects/pack"));
        files::remove_leftovers(&self.root, &summary::CACHE_FILES);
        files::remove_leftovers(&self.root, &[search::SEARCH_FILE]);
        remove_stale_branch_lock(&repo)?;
        let head = match repo.find_reference(BRANCH) {
            Ok(r) => Some(r.peel_to_commit().map_err(unreadable_branch)?.id()),
            Err(e) if e.code() == ErrorCode::NotFound => None,
            Err(e) => return Err(e.into()),
        };
        let tree = match head {
            Some(id) => repo.find_commit(id)?.tree_id(),
            None => tree::empty_tree()?,
        };
        let mut session = self.session(&repo, head, tree, false)?;
        if !has_current_layout(&repo, &repo.find_tree(tree)?)? {
            return Err(StoreError::OldLayout(self.root.clone()));
        }
        let result = work(&mut session);
        session.publish()?;
        pack::consolidate(&repo.odb()?, &repo.path().join("objects/pack"))?;
        Ok(result)
    }

    /// A session on `repo` whose branch is at `head` with tree `tree`.
    fn session<'r>(
        &self,
        repo: &'r Repository,
        head: Option<Oid>,
        tree: Oid,
        squash: bool,
    ) -> Result<ImportSession<'r>, StoreError> {
        Ok(ImportSession {
            repo,
            published: head,
            head,
            tree,
            pending_files: 0,
            pending_bytes: 0,
            written: Vec::new(),
            seen: HashSet::new(),
            objects: HashMap::new(),
            trees: HashMap::new(),
            aliases: self.aliases.clone(),
            default_organisation: repo.config()?.get_string(DEFAULT_ORGANISATION_KEY).ok(),
            squash,
            chunk: Vec::new(),
            replaying: false,
            chunk_files: chunk_files(),
        })
    }

    /// Rebuilds every derived file from the kept documents, in the current
    /// layout and with the current reader, as one new commit on top of the
    /// history (which keeps everything before it). A document that no longer
    /// reads stops the rebuild before anything is written: nothing kept is
    /// ever dropped.
    pub fn rebuild(&self, on_busy: impl FnOnce()) -> Result<Rebuilt, StoreError> {
        let _lock = self.lock(on_busy)?;
        let repo = Repository::open_bare(&self.root)?;
        remove_stale_branch_lock(&repo)?;
        let Some(head) = self.head_commit()? else {
            return Ok(Rebuilt::default());
        };
        let old_tree = head.tree()?;
        let mut documents: Vec<Minutes> = Vec::new();
        let mut unreadable: Vec<(String, String)> = Vec::new();
        kept_documents(&repo, &old_tree, &mut documents, &mut unreadable)?;
        if !unreadable.is_empty() {
            return Err(StoreError::Unreadable(unreadable));
        }
        // Minutes before agendas, oldest first: the order changes nothing in
        // the tree, but names what a correction replaced in a stable way.
        documents.sort_by(|a, b| {
            (
                a.meeting.date,
                a.meeting.kind == DocumentKind::Dagsorden,
                &a.file_name,
            )
                .cmp(&(
                    b.meeting.date,
                    b.meeting.kind == DocumentKind::Dagsorden,
                    &b.file_name,
                ))
        });
        let mut session = self.session(&repo, Some(head.id()), tree::empty_tree()?, true)?;
        let mut rebuilt = Rebuilt::default();
        for minutes in &documents {
            // Every kept document is kept again, also two that now read as
            // unrelated versions of one meeting.
            let options = AddOptions {
                organisation: None,
                replace: true,
            };
            match session.add(minutes, &options) {
                Ok(_) => rebuilt.documents += 1,
                Err(e) => unreadable.push((minutes.file_name.clone(), e.to_string())),
            }
        }
        if !unreadable.is_empty() {
            return Err(StoreError::Unreadable(unreadable));
        }
        let tree = session.tree;
        rebuilt.changed = tree != old_tree.id();
        if rebuilt.changed {
            let message = format!(
                "sagsspor rebuild: {} documents read again (layout {})\n",
                rebuilt.documents,
                paths::LAYOUT_VERSION
            );
            let date = documents
                .iter()
                .filter_map(|m| m.meeting.date)
                .max()
                .unwrap_or(Date::constant(1970, 1, 1));
            let commit = session.write_commit(tree, &message, date)?;
            session.head = Some(commit);
            session.publish()?;
        }
        Ok(rebuilt)
    }

    /// Takes the exclusive import lock, waiting for another import to end.
    /// The lock is released when the file is closed, also if the process
    /// is killed. A lock file that is a link, FIFO or device is refused:
    /// following it would create or block on a file outside the store.
    fn lock(&self, on_busy: impl FnOnce()) -> Result<File, StoreError> {
        let lock_path = self.root.join("sagsspor.lock");
        let io = |source| StoreError::Io {
            path: lock_path.clone(),
            source,
        };
        let lock = files::open_or_create_regular(&lock_path).map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                on_busy();
                lock.lock().map_err(io)?;
            }
            Err(std::fs::TryLockError::Error(source)) => return Err(io(source)),
        }
        Ok(lock)
    }

    /// A consistent view of the store as it is now: every read through it
    /// sees the same commit, even while another process imports.
    pub fn snapshot(&self) -> Result<Snapshot<'_>, StoreError> {
        if let Some(commit) = self.head_commit()?
            && !has_current_layout(&self.repo, &commit.tree()?)?
        {
            return Err(StoreError::OldLayout(self.root.clone()));
        }
        Ok(Snapshot {
            repo: &self.repo,
            root: &self.root,
            aliases: &self.aliases,
            commit: self.head_commit()?,
            as_of: None,
        })
    }

    /// Checks the store: commits readable, derived files equal to what the
    /// kept minutes read as now, no orphan treatment files.
    pub fn verify(&self) -> Result<Report, StoreError> {
        verify::verify(
            &self.repo,
            &self.root,
            &self.aliases,
            self.head_commit()?.map(|c| c.id()),
        )
    }
}

/// A new version of a stored meeting's document, as its commit names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The meeting's organisation, where known.
    pub organisation: Option<String>,
    /// The meeting's body.
    pub body: String,
    /// The meeting's date.
    pub date: Date,
    /// The meeting's time, where known.
    pub time: Option<String>,
    /// SHA-256 of the new version's file; for a version a merge chose, of
    /// its kept text (the tree does not hold the file's own).
    pub source_sha256: String,
    /// The new version's file name.
    pub file: String,
    /// SHA-256 of the text of the version it replaced, where the record
    /// names it: a merge that chose between two versions names the one
    /// left in the history of its other parent.
    pub replaced_sha256: Option<String>,
}

/// The correction the trailers of `text` (a commit message, or one
/// paragraph of a merge's) name; `None` without a date and body.
fn correction_of(text: &str) -> Option<Correction> {
    let trailer = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    Some(Correction {
        organisation: trailer("Organisation:"),
        body: trailer("Body:")?,
        date: trailer("Meeting-Date:")?.parse().ok()?,
        time: trailer("Meeting-Time:"),
        source_sha256: trailer("Source-Sha256:").unwrap_or_default(),
        file: trailer("Source-File:").unwrap_or_default(),
        replaced_sha256: trailer("Replaced-Sha256:"),
    })
}

/// The store pinned to one commit (see [`Store::snapshot`]). Reading HEAD
/// once and answering every question from that commit keeps a query that
/// makes several reads from mixing two states of a concurrent import.
pub struct Snapshot<'s> {
    repo: &'s Repository,
    root: &'s Path,
    aliases: &'s Aliases,
    commit: Option<git2::Commit<'s>>,
    /// Answer as the store would have on this date (see [`Snapshot::as_of`]).
    as_of: Option<Date>,
}

impl<'s> Snapshot<'s> {
    /// The store as if only the minutes of meetings up to and including
    /// `date` had been imported (`None`: as it is). A treatment counts when
    /// the minutes it was read from are of that date or earlier, so a
    /// decision quoted in later minutes is not known until those exist.
    /// The summary, the deferred cases, each case's timeline, the
    /// organisations with a journal number and the corrections all answer
    /// so; `search` and a treatment's versions still see the whole store.
    pub fn as_of(self, date: Option<Date>) -> Snapshot<'s> {
        Snapshot {
            as_of: date,
            ..self
        }
    }

    /// The date asked for with [`Snapshot::as_of`], if any.
    pub fn as_of_date(&self) -> Option<Date> {
        self.as_of
    }

    /// The same commit answering as the store is, whatever date this one
    /// answers as of.
    pub fn whole(&self) -> Snapshot<'s> {
        Snapshot {
            repo: self.repo,
            root: self.root,
            aliases: self.aliases,
            commit: self.commit.clone(),
            as_of: None,
        }
    }

    /// Whether treatments read from minutes of `source` are known here.
    fn knows(&self, source: Date) -> bool {
        self.as_of.is_none_or(|date| source <= date)
    }

    fn tree(&self) -> Result<Option<Tree<'_>>, StoreError> {
        Ok(match &self.commit {
            Some(c) => Some(c.tree()?),
            None => None,
        })
    }

    /// Every correction in the history: a new version of a stored meeting's
    /// document, newest first, as its commit's trailers name it.
    pub fn corrections(&self) -> Result<Vec<Correction>, StoreError> {
        let Some(commit) = &self.commit else {
            return Ok(Vec::new());
        };
        let mut walk = self.repo.revwalk()?;
        walk.push(commit.id())?;
        let mut out = Vec::new();
        for id in walk {
            let commit = self.repo.find_commit(id?)?;
            let message = commit.message().unwrap_or_default();
            let subject = message.lines().next().unwrap_or_default();
            let mut found: Vec<Correction> = Vec::new();
            if subject.contains(": rettet ") {
                found.extend(correction_of(message));
            }
            // A merge names each version it chose over another in a
            // paragraph of its own (see `share`).
            if commit.parent_count() > 1 {
                found.extend(
                    message
                        .split("\n\n")
                        .filter(|p| p.starts_with(share::CORRECTION_TRAILER))
                        .filter_map(correction_of),
                );
            }
            out.extend(found.into_iter().filter(|c| self.knows(c.date)));
        }
        Ok(out)
    }

    /// The summary of all cases and meetings, from a cache keyed by the tree
    /// and refreshed incrementally when stale.
    pub fn summary(&self) -> Result<Summary, StoreError> {
        let tree = self.tree()?;
        match self.as_of {
            None => summary::load(self.repo, self.root, tree.as_ref()),
            Some(date) => summary::load_until(self.repo, self.root, tree.as_ref(), date),
        }
    }

    /// The treatments whose text holds every needle (folded text, see
    /// [`crate::search`]), from a derived search file keyed by the tree and
    /// refreshed per meeting folder when stale.
    pub fn search(&self, needles: &[&str]) -> Result<SearchResults, StoreError> {
        search::search(
            self.repo,
            self.root,
            self.tree()?.as_ref(),
            self.aliases,
            needles,
        )
    }

    /// The case and meeting folders whose files cannot be read, as
    /// `path: why`; the summary leaves them out and answers for the rest.
    pub fn unreadable(&self) -> Result<Vec<String>, StoreError> {
        summary::load_unreadable(self.repo, self.root, self.tree()?.as_ref())
    }

    /// The cases whose latest treatment deferred them, from a small cache
    /// keyed by the tree.
    pub fn deferred(&self) -> Result<Vec<CaseSummary>, StoreError> {
        if self.as_of.is_some() {
            return Ok(summary::deferred_of(&self.summary()?));
        }
        summary::load_deferred(self.repo, self.root, self.tree()?.as_ref())
    }

    /// All treatments of one case, as its timeline (oldest first). Empty when
    /// the case is unknown.
    pub fn case(
        &self,
        organisation: Option<&str>,
        journal: &str,
    ) -> Result<Vec<Treatment>, StoreError> {
        let Some(tree) = self.tree()? else {
            return Ok(Vec::new());
        };
        let Ok(dir) = paths::case_dir(organisation, journal) else {
            return Ok(Vec::new());
        };
        let entry = match tree.get_path(Path::new(&dir)) {
            Ok(e) => e,
            Err(e) if e.code() == ErrorCode::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let case_tree = self.repo.find_tree(entry.id())?;
        let mut treatments = summary::read_treatments(self.repo, &case_tree, &dir)?;
        treatments.retain(|t| self.knows(t.source.date));
        Ok(timeline(treatments))
    }

    /// The organisations that have a case with this journal number (`None`
    /// standing for an unknown organisation).
    pub fn organisations_with(&self, journal: &str) -> Result<Vec<Option<String>>, StoreError> {
        let Some(tree) = self.tree()? else {
            return Ok(Vec::new());
        };
        let Ok(cases) = tree.get_path(Path::new("cases")) else {
            return Ok(Vec::new());
        };
        let cases = self.repo.find_tree(cases.id())?;
        let mut out = Vec::new();
        for entry in cases.iter() {
            let Some(organisation) = entry.name().ok().and_then(paths::organisation_of_segment)
            else {
                continue;
            };
            let Ok(dir) = paths::case_dir(organisation.as_deref(), journal) else {
                continue;
            };
            let known = tree.get_path(Path::new(&dir)).is_ok()
                && (self.as_of.is_none()
                    || !self.case(organisation.as_deref(), journal)?.is_empty());
            if known {
                out.push(organisation);
            }
        }
        Ok(out)
    }

    /// Fills in a treatment's other sections (Baggrund, Sagsfremstilling …)
    /// from its meeting's stored minutes (or agenda). A treatment known only
    /// from a quote has none.
    pub fn with_sections(&self, t: &mut Treatment) -> Result<(), StoreError> {
        if t.quoted {
            return Ok(());
        }
        let key = t.source_meeting();
        if let Some(document) = self.document(&key)?
            && let Some(item) = document
                .stored
                .meeting
                .items
                .into_iter()
                .find(|i| i.punkt == t.source.punkt)
        {
            t.sections = item.sections;
        }
        Ok(())
    }

    /// The document that stands for a meeting: its minutes where stored,
    /// else its agenda; with the text kept verbatim. `None` for a meeting
    /// not in the store.
    pub fn document(&self, key: &MeetingKey) -> Result<Option<StoredDocument>, StoreError> {
        let Some(tree) = self.tree()? else {
            return Ok(None);
        };
        let Ok(dir) = paths::meeting_dir(key) else {
            return Ok(None);
        };
        for kind in [DocumentKind::Referat, DocumentKind::Dagsorden] {
            let (text_name, json_name) = document_files(kind);
            if let Some(stored) = read_stored_meeting(self.repo, &tree, &dir, json_name)? {
                let path = format!("{dir}/{text_name}");
                let text = match tree.get_path(Path::new(&path)) {
                    Ok(entry) => {
                        let blob = read_blob(self.repo, entry.id(), &path)?;
                        String::from_utf8_lossy(blob.content()).into_owned()
                    }
                    Err(e) if e.code() == ErrorCode::NotFound => String::new(),
                    Err(e) => return Err(e.into()),
                };
                return Ok(Some(StoredDocument { stored, text }));
            }
        }
        Ok(None)
    }

    /// Every stored version of a treatment file, oldest first: more than one
    /// where a corrected version of the meeting was imported.
    pub fn treatment_versions(&self, t: &Treatment) -> Result<Vec<Treatment>, StoreError> {
        let Ok(path) = treatment_path(t) else {
            return Ok(Vec::new());
        };
        let Some(head) = &self.commit else {
            return Ok(Vec::new());
        };
        let mut walk = self.repo.revwalk()?;
        walk.push(head.id())?;
        walk.simplify_first_parent()?;
        let mut blobs: Vec<Oid> = Vec::new();
        for id in walk {
            let commit = self.repo.find_commit(id?)?;
            if let Ok(entry) = commit.tree()?.get_path(Path::new(&path))
                && blobs.last() != Some(&entry.id())
            {
                blobs.push(entry.id());
            }
        }
        blobs.reverse();
        blobs.dedup();
        blobs
            .into_iter()
            .map(|id| {
                let blob = read_blob(self.repo, id, &path)?;
                serde_json::from_slice(blob.content()).map_err(|e| StoreError::Corrupt {
                    path: path.clone(),
                    message: e.to_string(),
                })
            })
            .collect()
    }
}

/// An import in progress (see [`Store::import`]). What is not yet published
/// when the process dies is lost; the store stays valid.
pub struct ImportSession<'s> {
    repo: &'s Repository,
    /// The commit the branch points to on disk.
    published: Option<Oid>,
    /// The newest commit made in this session.
    head: Option<Oid>,
    /// The tree of `head` (the empty tree before the first commit).
    tree: Oid,
    pending_files: usize,
    pending_bytes: usize,
    /// Objects made since the last publish, in order: exactly what the next
    /// pack must hold.
    written: Vec<Oid>,
    seen: HashSet<Oid>,
    /// The objects themselves (blobs, trees, commits), kept here rather than
    /// in libgit2's object database: writing there checks each object
    /// against every pack of the store, a cost that grew with the store.
    objects: HashMap<Oid, (ObjectType, Vec<u8>)>,
    /// The entries of the trees built since the last publish (`tree.rs`).
    trees: HashMap<Oid, Vec<tree::Entry>>,
    /// The store's body aliases.
    aliases: Aliases,
    /// The organisation of documents that name none.
    default_organisation: Option<String>,
    /// Build one tree from many documents without a commit for each
    /// (`Store::rebuild`).
    squash: bool,
    /// The documents added since the last publish, to add again on top of
    /// the branch where another writer moved it meanwhile.
    chunk: Vec<(Minutes, AddOptions)>,
    /// Adding `chunk` again: no publishing in between.
    replaying: bool,
    /// Files per chunk ([`chunk_files`]).
    chunk_files: usize,
}

/// How often a chunk is added again on a branch that keeps moving before
/// the import gives up (each attempt costs one pack).
const PUBLISH_ATTEMPTS: usize = 3;

/// How [`ImportSession::add`] files a document.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// The organisation of a document that does not name its own.
    pub organisation: Option<String>,
    /// Replace a stored version even where it shares no item with the new.
    pub replace: bool,
}

/// Where a document added to a session comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A minutes file being imported.
    File,
    /// Another store's tree, by a merge ([`share`]).
    Merge,
}

/// The store's git configuration key of its default organisation.
const DEFAULT_ORGANISATION_KEY: &str = "sagsspor.organisation";

impl ImportSession<'_> {
    /// Keeps a new object for the next pack (once).
    fn keep(&mut self, oid: Oid, kind: ObjectType, bytes: Vec<u8>) {
        if self.seen.insert(oid) {
            self.objects.insert(oid, (kind, bytes));
            self.written.push(oid);
        }
    }

    fn write_blob(&mut self, bytes: &[u8]) -> Result<Oid, git2::Error> {
        let oid = Oid::hash_object(ObjectType::Blob, bytes)?;
        if !self.seen.contains(&oid) {
            self.keep(oid, ObjectType::Blob, bytes.to_vec());
        }
        Ok(oid)
    }

    /// The stored document record (`meeting.json` or `agenda.json`) under
    /// `dir` in the session's current tree.
    fn stored_document(&self, dir: &str, name: &str) -> Result<Option<StoredMeeting>, StoreError> {
        let path = format!("{dir}/{name}");
        let Some(oid) = self.lookup(self.tree, &path)? else {
            return Ok(None);
        };
        match self.objects.get(&oid) {
            Some((_, bytes)) => parse_stored_meeting(path, bytes),
            None => {
                let blob = read_blob(self.repo, oid, &path)?;
                parse_stored_meeting(path, blob.content())
            }
        }
        .map(Some)
    }

    /// A commit object in git's format, by the fixed identity at noon UTC
    /// of the meeting's date (see [`commit_time`]).
    fn write_commit(&mut self, tree: Oid, message: &str, date: Date) -> Result<Oid, git2::Error> {
        let when = commit_time(date);
        let (name, email) = IDENTITY;
        let mut text = format!("tree {tree}\n");
        if let Some(parent) = self.head {
            text.push_str(&format!("parent {parent}\n"));
        }
        text.push_str(&format!("author {name} <{email}> {when} +0000\n"));
        text.push_str(&format!("committer {name} <{email}> {when} +0000\n\n"));
        text.push_str(message);
        let bytes = text.into_bytes();
        let oid = Oid::hash_object(ObjectType::Commit, &bytes)?;
        self.keep(oid, ObjectType::Commit, bytes);
        Ok(oid)
    }

    /// Imports one document as one commit (or none, if the identical
    /// document is already stored).
    ///
    /// The meeting is found by its [`MeetingKey`]. Minutes and agenda of a
    /// meeting are kept side by side; the meeting's treatments come from the
    /// minutes where they are stored, else from the agenda, so an agenda
    /// never replaces minutes and the tree does not depend on which came
    /// first. A new version of a stored document of the same kind is a
    /// correction; one that shares no item with the stored version is
    /// refused ([`ImportError::Unrelated`]) unless `replace` is set.
    ///
    /// A document that does not name its organisation is filed under
    /// `options.organisation`, else the store's default organisation; the
    /// first import given an organisation makes it the store's default.
    pub fn add(
        &mut self,
        minutes: &Minutes,
        options: &AddOptions,
    ) -> Result<Imported, ImportError> {
        self.add_document(minutes, options, Origin::File)
    }

    /// [`ImportSession::add`] of a document read from a file, or of one
    /// taken whole from another store's tree by a merge.
    fn add_document(
        &mut self,
        minutes: &Minutes,
        options: &AddOptions,
        origin: Origin,
    ) -> Result<Imported, ImportError> {
        let mut meeting = minutes.meeting.clone();
        // A merged document keeps the organisation its store filed it under
        // (none included): this store's default would file it elsewhere.
        if meeting.organisation.is_none() && origin == Origin::File {
            meeting.organisation = options
                .organisation
                .clone()
                .or_else(|| self.default_organisation.clone());
        }
        // Only an organisation the user gave becomes the default: one read
        // from a document would make the filing of later documents depend on
        // which was imported first.
        if self.default_organisation.is_none()
            && let Some(organisation) = &options.organisation
        {
            self.repo
                .config()?
                .set_str(DEFAULT_ORGANISATION_KEY, organisation)?;
            self.default_organisation = Some(organisation.clone());
        }
        let meeting = &meeting;
        let replace = options.replace;
        let key = MeetingKey::of(meeting, &self.aliases)?;
        let identifier = |source| ImportError::Identifier {
            identifier: format!(
                "{} / {}",
                key.organisation.as_deref().unwrap_or("-"),
                key.body
            ),
            source,
        };
        let dir = paths::meeting_dir(&key).map_err(identifier)?;
        let base = self.tree;
        let kind = meeting.kind;
        let (text_name, json_name) = document_files(kind);

        let text_sha256 = sha256_hex(minutes.text.as_bytes());
        let previous = self.stored_document(&dir, json_name)?;
        let mut imported = Imported {
            key: key.clone(),
            kind,
            change: MeetingChange::Added,
            treatments_new: 0,
            treatments_changed: 0,
            removed: Vec::new(),
            changed: Vec::new(),
        };
        let stored = StoredMeeting {
            source_file: minutes.file_name.clone(),
            text_sha256,
            key: Some(key.clone()),
            meeting: meeting.clone(),
        };
        if let Some(prev) = &previous {
            // A file of the same text is the stored document again. A merge
            // compares whole records: of one text imported under two file
            // names, the merge keeps the record its rule chose.
            let unchanged = match origin {
                Origin::File => prev.text_sha256 == stored.text_sha256,
                Origin::Merge => to_json(prev) == to_json(&stored),
            };
            if unchanged {
                imported.change = MeetingChange::Unchanged;
                return Ok(imported);
            }
            if !replace && !shares_an_item(&prev.meeting, meeting) {
                return Err(ImportError::Unrelated {
                    meeting: describe(&key, kind),
                    stored: prev.source_file.clone(),
                });
            }
            imported.change = MeetingChange::Corrected;
        }
        // The document whose treatments stand after this import, and the
        // one whose treatments stood before.
        let minutes_stored = match kind {
            DocumentKind::Dagsorden => {
                self.stored_document(&dir, document_files(DocumentKind::Referat).1)?
            }
            DocumentKind::Referat => None,
        };
        let governs = minutes_stored.is_none();
        let governed_before = match kind {
            DocumentKind::Referat => match previous {
                Some(prev) => Some(prev),
                None => self.stored_document(&dir, document_files(DocumentKind::Dagsorden).1)?,
            },
            DocumentKind::Dagsorden => previous,
        };

        let files = [
            (
                format!("{dir}/{text_name}"),
                minutes.text.as_bytes().to_vec(),
            ),
            (format!("{dir}/{json_name}"), to_json(&stored)),
            (
                paths::LAYOUT_FILE.to_string(),
                format!("{}\n", paths::LAYOUT_VERSION).into_bytes(),
            ),
        ];
        let mut changes = tree::Changes::default();
        for (path, bytes) in &files {
            let oid = self.write_blob(bytes)?;
            changes.set(path, Some(oid));
        }
        if governs {
            let placed = placed_treatments(meeting, &key, &self.aliases)?;
            let new_paths: HashSet<&str> = placed.iter().map(|(p, _)| p.as_str()).collect();
            if let Some(before) = governed_before {
                for (path, t) in stored_treatments(&before, &key, &self.aliases) {
                    if !new_paths.contains(path.as_str()) {
                        changes.set(&path, None);
                        imported.removed.push(TreatmentRef::of(&t));
                    }
                }
            }
            for (path, t) in &placed {
                let oid = self.write_blob(&to_json(t))?;
                match self.lookup(base, path)? {
                    Some(old) if old == oid => {}
                    Some(_) => {
                        imported.treatments_changed += 1;
                        imported.changed.push(TreatmentRef::of(t));
                    }
                    None => imported.treatments_new += 1,
                }
                changes.set(path, Some(oid));
            }
        }
        let tree_id = match self.apply(Some(base), &changes)? {
            Some(oid) => oid,
            None => tree::empty_tree()?,
        };
        if self.squash {
            // A rebuild makes one commit of everything at its end.
            self.tree = tree_id;
        } else if tree_id != self.tree {
            let message = commit_message(minutes, meeting, &key, imported.change);
            let commit = self.write_commit(tree_id, &message, key.date)?;
            self.head = Some(commit);
            self.tree = tree_id;
            self.pending_files += 1;
            self.pending_bytes += minutes.text.len();
            if !self.replaying {
                self.chunk.push((minutes.clone(), options.clone()));
                if self.pending_files >= self.chunk_files || self.pending_bytes >= CHUNK_BYTES {
                    self.publish()?;
                }
            }
        }
        Ok(imported)
    }

    /// Writes the in-memory objects as one pack and moves the branch by
    /// compare-and-swap. Where another writer moved the branch meanwhile (a
    /// `git push` into the store), the chunk is added again on top of it,
    /// a few times at most: a race costs a pack, never one per document.
    fn publish(&mut self) -> Result<(), StoreError> {
        for attempt in 1..=PUBLISH_ATTEMPTS {
            match self.publish_once() {
                Err(StoreError::Raced) if attempt < PUBLISH_ATTEMPTS => self.replay_on_branch()?,
                other => return other,
            }
        }
        Err(StoreError::Raced)
    }

    /// Starts again from where the branch is now and adds the chunk's
    /// documents on top of it.
    fn replay_on_branch(&mut self) -> Result<(), StoreError> {
        let head = self.repo.find_reference(BRANCH)?.peel_to_commit()?;
        self.published = Some(head.id());
        self.head = Some(head.id());
        self.tree = head.tree_id();
        self.objects.clear();
        self.trees.clear();
        self.written.clear();
        self.seen.clear();
        self.pending_files = 0;
        self.pending_bytes = 0;
        self.replaying = true;
        let chunk = std::mem::take(&mut self.chunk);
        for (minutes, options) in &chunk {
            // A document that no longer fits the moved branch (another
            // writer stored an unrelated meeting under its key) is left
            // out of this chunk; it was reported as imported, so the error
            // is the import's.
            if let Err(e) = self.add(minutes, options) {
                self.replaying = false;
                return Err(StoreError::Replay(e.to_string()));
            }
        }
        self.replaying = false;
        self.chunk = chunk;
        Ok(())
    }

    fn publish_once(&mut self) -> Result<(), StoreError> {
        let repo = self.repo;
        let Some(head) = self.head else {
            return Ok(());
        };
        if self.published == Some(head) {
            return Ok(());
        }
        // Pack exactly the objects this session made.
        let odb = repo.odb()?;
        pack::write(
            &odb,
            &repo.path().join("objects/pack"),
            &self.written,
            &self.objects,
        )?;
        self.objects.clear();
        self.trees.clear();
        self.written.clear();
        self.seen.clear();
        let message = "sagsspor: import";
        match self.published {
            Some(old) => repo
                .reference_matching(BRANCH, head, true, old, message)
                .map_err(|e| match e.code() {
                    ErrorCode::Modified => StoreError::Raced,
                    _ => StoreError::Git(e),
                })?,
            None => repo
                .reference(BRANCH, head, false, message)
                .map_err(|e| match e.code() {
                    ErrorCode::Exists => StoreError::Raced,
                    _ => StoreError::Git(e),
                })?,
        };
        self.published = Some(head);
        self.pending_files = 0;
        self.pending_bytes = 0;
        self.chunk.clear();
        Ok(())
    }
}

/// The file names of a document of each kind in its meeting's folder: the
/// text as read, and what was parsed from it.
pub(crate) fn document_files(kind: DocumentKind) -> (&'static str, &'static str) {
    match kind {
        DocumentKind::Referat => ("minutes.txt", "meeting.json"),
        DocumentKind::Dagsorden => ("agenda.txt", "agenda.json"),
    }
}

/// Whether two versions of a meeting's document share an item: a journal
/// number, or where items have none, a title. Versions that share nothing
/// are different meetings that happen to share a key, not a correction.
fn shares_an_item(a: &Meeting, b: &Meeting) -> bool {
    let keys = |m: &Meeting| -> HashSet<String> {
        m.items
            .iter()
            .filter_map(|i| i.journal.clone().or_else(|| i.title.clone()))
            .collect()
    };
    let (ka, kb) = (keys(a), keys(b));
    ka.is_empty() || kb.is_empty() || !ka.is_disjoint(&kb)
}

/// `Byrådet 2025-09-08 17:15 (Greve Kommune), referat`.
fn describe(key: &MeetingKey, kind: DocumentKind) -> String {
    let mut out = format!("{} {}", key.body, key.date);
    if let Some(time) = &key.time {
        out.push_str(&format!(" {time}"));
    }
    if let Some(org) = &key.organisation {
        out.push_str(&format!(" ({org})"));
    }
    out.push_str(&format!(", {}", identity::kind_name(kind)));
    one_line(&out)
}

/// The treatment files of a meeting, with their contents.
fn treatment_files(
    meeting: &Meeting,
    key: &MeetingKey,
    aliases: &Aliases,
) -> Result<Vec<(String, Vec<u8>)>, ImportError> {
    Ok(placed_treatments(meeting, key, aliases)?
        .into_iter()
        .map(|(path, t)| (path, to_json(&t)))
        .collect())
}

/// The treatments of a meeting with their paths; a journal number that
/// cannot name a path fails the import.
fn placed_treatments(
    meeting: &Meeting,
    key: &MeetingKey,
    aliases: &Aliases,
) -> Result<Vec<(String, Treatment)>, ImportError> {
    treatments_of(meeting, key, aliases)
        .into_iter()
        .map(|t| {
            let path = treatment_path(&t).map_err(|source| ImportError::Identifier {
                identifier: t.journal.clone(),
                source,
            })?;
            Ok((path, t))
        })
        .collect()
}

/// The treatments a stored document wrote, with their paths (one that
/// could not have been written is not there to remove).
fn stored_treatments(
    stored: &StoredMeeting,
    key: &MeetingKey,
    aliases: &Aliases,
) -> Vec<(String, Treatment)> {
    treatments_of(&stored.meeting, key, aliases)
        .into_iter()
        .filter_map(|t| Some((treatment_path(&t).ok()?, t)))
        .collect()
}

fn treatment_path(t: &Treatment) -> Result<String, PathError> {
    let dir = paths::case_dir(t.organisation.as_deref(), &t.journal)?;
    let file = if t.quoted {
        let source = t.source_meeting();
        paths::quoted_treatment_file(t.date, &t.body, &source, t.source.punkt)?
    } else {
        paths::own_treatment_file(t.date, t.source.time.as_deref(), &t.body, t.source.punkt)?
    };
    // By the month of the minutes that say it: a decision quoted by many
    // later minutes is filed with each of them, never in one folder that
    // every one of them rewrites.
    Ok(format!(
        "{dir}/{}/{file}",
        paths::treatment_month(t.source.date)
    ))
}

fn read_stored_meeting(
    repo: &Repository,
    tree: &Tree,
    dir: &str,
    name: &str,
) -> Result<Option<StoredMeeting>, StoreError> {
    let path = if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    };
    let entry = match tree.get_path(Path::new(&path)) {
        Ok(entry) => entry,
        Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let blob = read_blob(repo, entry.id(), &path)?;
    parse_stored_meeting(path, blob.content()).map(Some)
}

/// Reads `meeting.json`; a file that does not parse is named as corrupt.
fn parse_stored_meeting(path: String, bytes: &[u8]) -> Result<StoredMeeting, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        path,
        message: e.to_string(),
    })
}

fn commit_message(
    minutes: &Minutes,
    meeting: &Meeting,
    key: &MeetingKey,
    change: MeetingChange,
) -> String {
    let document = identity::kind_name(meeting.kind);
    let what = match change {
        MeetingChange::Corrected => format!("rettet {document}"),
        _ => document.to_string(),
    };
    let items = meeting.items.len();
    let file = one_line(&minutes.file_name);
    let body = one_line(&key.body);
    let date = key.date;
    let mut trailers = format!("Meeting-Date: {date}\n");
    if let Some(time) = &key.time {
        trailers.push_str(&format!("Meeting-Time: {}\n", one_line(time)));
    }
    trailers.push_str(&format!("Body: {body}\n"));
    if let Some(org) = &key.organisation {
        trailers.push_str(&format!("Organisation: {}\n", one_line(org)));
    }
    format!(
        "{body} {date}: {what} ({items} punkter)\n\n{trailers}Source-File: {file}\nSource-Sha256: {}\n",
        minutes.source_sha256,
    )
}

/// Trailers must stay on one line whatever a file name contains.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The commit time of a meeting's commit: noon UTC on its date, and for a
/// meeting before 1970 (an archive) noon on 1 January 1970. git rejects a
/// negative time (`fsck --strict`: badDate, and clones that check objects
/// fail); the exact date stays in the `Meeting-Date` trailer.
pub(super) fn commit_time(date: Date) -> i64 {
    noon_utc(date).max(noon_utc(Date::constant(1970, 1, 1)))
}

/// The branch names a commit git cannot read: the store's objects are
/// damaged, which is what the user must hear (not git's "cannot be
/// peeled").
fn unreadable_branch(e: git2::Error) -> StoreError {
    let why = match e.code() {
        ErrorCode::NotFound => "is missing",
        _ => "cannot be read",
    };
    StoreError::Corrupt {
        path: BRANCH.to_string(),
        message: format!(
            "the latest commit {why}, so the store's objects are damaged (a truncated or altered pack?)"
        ),
    }
}

/// Seconds since the epoch of noon UTC on `date`; negative before 1970.
fn noon_utc(date: Date) -> i64 {
    let days = date
        .since(Date::constant(1970, 1, 1))
        .map_or(0, |span| i64::from(span.get_days()));
    days * 86_400 + 12 * 3_600
}

/// The largest object the store reads: far above any real minutes text (at
/// most [`crate::text::MAX_FILE_BYTES`]) or its records, far below what a
/// planted blob of zeros (a gigabyte packs into a megabyte) would cost.
const MAX_OBJECT_BYTES: usize = 4 * crate::text::MAX_FILE_BYTES;

/// A stored file's blob, read only after its size is known to be sane; a
/// blob too large, or one that cannot be read (a truncated pack, a flipped
/// byte), is [`StoreError::Corrupt`] with the file's path.
pub(super) fn read_blob<'r>(
    repo: &'r Repository,
    oid: Oid,
    path: &str,
) -> Result<git2::Blob<'r>, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        path: path.to_string(),
        message,
    };
    let (size, _) = repo
        .odb()?
        .read_header(oid)
        .map_err(|e| corrupt(format!("its object {oid} cannot be read: {}", e.message())))?;
    if size > MAX_OBJECT_BYTES {
        return Err(corrupt(format!(
            "{size} bytes, over the {MAX_OBJECT_BYTES} bytes a stored file may have"
        )));
    }
    repo.find_blob(oid)
        .map_err(|e| corrupt(format!("its object {oid} cannot be read: {}", e.message())))
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("store records serialise");
    bytes.push(b'\n');
    bytes
}

/// What `rebuild` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Documents read again.
    pub documents: usize,
    /// Whether the tree changed (a new commit was made).
    pub changed: bool,
}

/// Every kept document below `meetings/`, in any layout: the text beside
/// its record, read again. The organisation recorded at import stands where
/// the document names none.
fn kept_documents(
    repo: &Repository,
    tree: &Tree,
    out: &mut Vec<Minutes>,
    unreadable: &mut Vec<(String, String)>,
) -> Result<(), StoreError> {
    let Some(meetings) = tree.get_name("meetings") else {
        return Ok(());
    };
    let mut stack = vec![("meetings".to_string(), repo.find_tree(meetings.id())?)];
    while let Some((dir, folder)) = stack.pop() {
        for entry in folder.iter() {
            let name = entry.name().unwrap_or_default().to_string();
            if entry.kind() == Some(ObjectType::Tree) {
                stack.push((format!("{dir}/{name}"), repo.find_tree(entry.id())?));
            }
        }
        for kind in [DocumentKind::Referat, DocumentKind::Dagsorden] {
            let (text_name, json_name) = document_files(kind);
            let Some(text_entry) = folder.get_name(text_name) else {
                continue;
            };
            let path = format!("{dir}/{text_name}");
            let text = repo.find_blob(text_entry.id())?;
            let Ok(text) = std::str::from_utf8(text.content()) else {
                unreadable.push((path, "not UTF-8".to_string()));
                continue;
            };
            let stored = read_stored_meeting(repo, &folder, "", json_name)
                .ok()
                .flatten();
            let mut meeting = match crate::formats::read(text) {
                Ok(m) => m,
                Err(e) => {
                    unreadable.push((path, e.to_string()));
                    continue;
                }
            };
            if meeting.organisation.is_none() {
                meeting.organisation = stored.as_ref().and_then(|s| s.meeting.organisation.clone());
            }
            out.push(Minutes {
                file_name: stored.map_or(path, |s| s.source_file),
                source_sha256: sha256_hex(text.as_bytes()),
                text: text.to_string(),
                meeting,
            });
        }
    }
    Ok(())
}

/// What to tell the user of a store written in another layout.
pub const OLD_LAYOUT: &str = "this store was written by an older sagsspor (an earlier layout); run 'sagsspor rebuild' to bring it to the current layout";

/// Whether the tree is of the current layout: an empty tree is (the next
/// import writes the layout file), one without the layout file is not.
fn has_current_layout(repo: &Repository, tree: &Tree) -> Result<bool, StoreError> {
    if tree.is_empty() {
        return Ok(true);
    }
    let Some(entry) = tree.get_name(paths::LAYOUT_FILE) else {
        return Ok(false);
    };
    let blob = repo.find_blob(entry.id())?;
    Ok(blob.content().trim_ascii() == paths::LAYOUT_VERSION.as_bytes())
}

/// The file in a store's folder where a user adds body aliases
/// (`spelling = canonical name`, see [`Aliases::parse`]).
pub const ALIASES_FILE: &str = "aliases.txt";
/// The largest alias file read.
const ALIASES_LIMIT: u64 = 1024 * 1024;

/// The store's alias file, if it has one.
fn read_aliases(root: &Path) -> Result<Aliases, StoreError> {
    let path = root.join(ALIASES_FILE);
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let bytes = match files::read_bounded(&path, ALIASES_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Aliases::default()),
        Err(e) => return Err(io(e)),
    };
    let text = String::from_utf8_lossy(&bytes);
    Aliases::parse(&text).map_err(|e| StoreError::Corrupt {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Whether `path` is an empty folder or nothing at all.
fn is_empty_or_missing(path: &Path) -> Result<bool, StoreError> {
    match std::fs::read_dir(path) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Creates an empty store at `path` (see [`Store::open_or_create`]).
fn create(path: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut opts = git2::RepositoryInitOptions::new();
    opts.bare(true).initial_head("main");
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        // `/` or a path ending in `..`: nothing to build beside.
        std::fs::create_dir_all(path).map_err(io)?;
        Repository::init_opts(path, &opts)?;
        return Ok(());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    std::fs::create_dir_all(parent).map_err(io)?;
    let prefix = format!(".{}.tmp", name.to_string_lossy());
    files::remove_leftover_folders(parent, &prefix);
    let tmp = parent.join(format!("{prefix}{}", std::process::id()));
    // Our own name: whatever is there is a leftover of an earlier process
    // with the same id.
    files::ignore_missing(std::fs::remove_dir_all(&tmp)).map_err(io)?;
    let built = std::fs::create_dir(&tmp)
        .map_err(io)
        .and_then(|()| {
            Repository::init_opts(&tmp, &opts)
                .map(drop)
                .map_err(StoreError::from)
        })
        .and_then(|()| {
            std::fs::rename(&tmp, path).or_else(|e| {
                // Another process put its store there first: use that one.
                if is_empty_or_missing(path)? {
                    Err(io(e))
                } else {
                    Ok(())
                }
            })
        });
    if built.is_err() || tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    built
}

/// Removes git's lock on the branch (`refs/heads/main.lock`) when its owner
/// is gone. Called with the import lock held, so no sagsspor import owns
/// it; another git writer (a push into the store) holds it for moments, so
/// a lock that stays [`STALE_BRANCH_LOCK`] was left by a killed process and
/// would fail every later import.
fn remove_stale_branch_lock(repo: &Repository) -> Result<(), StoreError> {
    let path = branch_lock_path(repo);
    let start = std::time::Instant::now();
    loop {
        let modified = match std::fs::symlink_metadata(&path) {
            Ok(m) => m.modified().ok(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        let age = modified
            .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
            .unwrap_or(STALE_BRANCH_LOCK);
        if age >= STALE_BRANCH_LOCK || start.elapsed() >= STALE_BRANCH_LOCK {
            return files::ignore_missing(std::fs::remove_file(&path))
                .map_err(|source| StoreError::Io { path, source });
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// How long git's lock on the branch may stand before it is taken as left
/// by a killed writer.
const STALE_BRANCH_LOCK: std::time::Duration = std::time::Duration::from_secs(2);

/// git's lock on the branch: a writer creates it, writes the new commit id
/// into it and renames it over the branch.
fn branch_lock_path(repo: &Repository) -> PathBuf {
    repo.path().join(format!("{BRANCH}.lock"))
}

/// Keeps libgit2 from loading the system's certificate authorities as it
/// starts: with the https transport built in (for `push` and `pull`), its
/// start-up reads and parses the whole bundle, about 17 ms, several times
/// what a query of the store takes. A process that makes no network
/// connection points OpenSSL at an empty bundle instead; git2 keeps a
/// bundle that is set and exists.
///
/// # Safety
///
/// It changes the process environment, so it must run before any other
/// thread does and before anything touches git: first thing in `main`.
pub unsafe fn offline() {
    #[cfg(unix)]
    // SAFETY: the caller runs it before any other thread exists.
    unsafe {
        std::env::set_var("SSL_CERT_FILE", "/dev/null");
    }
}

/// Points libgit2's system, global and XDG configuration search at nothing,
/// once per process. The store needs no user configuration, and a broken or
/// unreadable `~/.gitconfig` (which plain git tolerates on a bare store)
/// made libgit2 refuse to open it; nor should a user's settings change how
/// the store is written.
fn without_user_config() -> Result<(), StoreError> {
    static ONCE: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        for level in [
            git2::ConfigLevel::System,
            git2::ConfigLevel::XDG,
            git2::ConfigLevel::Global,
            git2::ConfigLevel::ProgramData,
        ] {
            // SAFETY: runs once, before this process opens any repository
            // (every way to a repository goes through `Store::open` or
            // `Store::open_or_create`), so nothing reads the search path
            // while it changes.
            unsafe { git2::opts::set_search_path(level, "") }.map_err(|e| e.to_string())?;
        }
        Ok(())
    })
    .clone()
    .map_err(|message| StoreError::Git(git2::Error::from_str(&message)))
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of bytes, as hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The object type of tree entries that hold files.
fn is_blob(entry: &git2::TreeEntry) -> bool {
    entry.kind() == Some(ObjectType::Blob)
}
