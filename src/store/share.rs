//! One history shared by many: `push` and `pull` through any remote libgit2
//! reaches, with git's own transfer (no server of our own).
//!
//! A pull fetches the remote's branch into this store. Where one history
//! contains the other, the branch moves (a fast-forward) or stays. Where
//! they diverged, even with no commit in common (two stores that imported
//! different minutes), the pull merges: every document (minutes or agenda,
//! the text kept verbatim and its record) that the remote's tree holds and
//! this one lacks is added to this store's tree the way an import adds it,
//! so the merged tree equals the tree of one store that imported the
//! documents of both (the tree depends only on the set of documents), and
//! whichever side pulls, the tree is the same. The merge is an ordinary git
//! commit with both heads as parents. The derived caches are keyed by the
//! tree and refresh on their next read.
//!
//! Where both stores hold a different version of one meeting's document (a
//! correction imported on one side or on both), one is kept by this rule:
//!
//! 1. a version that the other side has replaced (it is in that side's
//!    history but not at its head) loses: that side has seen both and holds
//!    the newer ([`Rule::Superseded`]);
//! 2. otherwise the version whose text has the greater SHA-256 is kept (for
//!    one text recorded under two file names, the record with the greater git
//!    id) ([`Rule::Order`]). The order is arbitrary but total, so every store
//!    that merges the two versions, in whichever direction and order, keeps
//!    the same one. Which of them one store importing every document would
//!    hold depends on its import order (the last is current), so no
//!    order-free answer is more right than this one.
//!
//! The version that loses stays in history (in the merge's other parent). A
//! version replaced by rule 1 is named there by the other side's correction
//! commit; for each version replaced by rule 2 the merge commit carries a
//! `Correction:` paragraph naming both, which
//! [`super::Snapshot::corrections`] reads.
//!
//! A pull that would lose data stops before anything changes: two versions
//! that share no item (not versions of one document: an import refuses one
//! without `--replace`), a remote of another layout version, a remote that
//! is no sagsspor store, a remote whose body aliases file a meeting elsewhere.

use super::{
    AddOptions, BRANCH, DocumentKind, ImportSession, Minutes, Origin, Store, StoreError,
    document_files, has_current_layout, one_line, pack, paths, read_blob, remove_stale_branch_lock,
    shares_an_item,
};
use crate::identity::MeetingKey;
use git2::{
    AutotagOption, ConfigLevel, Cred, CredentialType, Direction, FetchOptions, ObjectType, Oid,
    PushOptions, RemoteCallbacks, Repository, Tree,
};
use jiff::civil::Date;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The first trailer of a merge commit's paragraph that names a version the
/// merge chose over another (read by [`super::Snapshot::corrections`]).
pub(super) const CORRECTION_TRAILER: &str = "Correction:";

/// Why a push or pull stopped. Nothing in the store changed.
#[derive(Debug, Error)]
pub enum ShareError {
    /// The remote cannot be reached or read as a git repository.
    #[error("cannot reach {remote}: {}", one_line(.error.message()))]
    Unreachable {
        /// The remote, as shown.
        remote: String,
        /// What libgit2 said (in the message, so not a cause of its own).
        error: git2::Error,
    },
    /// The remote is a local path where nothing is.
    #[error("cannot reach {remote}: no such folder")]
    NoSuchFolder {
        /// The remote, as shown.
        remote: String,
    },
    /// The remote is a local path to a file.
    #[error("{remote} is a file, not a store or git repository")]
    IsAFile {
        /// The remote, as shown.
        remote: String,
    },
    /// The remote was given as an empty text.
    #[error("an empty remote name: give the folder of a store or git repository, or a URL")]
    EmptyRemote,
    /// The remote is a git repository but holds no sagsspor store.
    #[error("{remote} is not a sagsspor store: {why}")]
    NotAStore {
        /// The remote, as shown.
        remote: String,
        /// What is missing.
        why: String,
    },
    /// The remote's store is of another layout version than this one.
    #[error(
        "{remote} holds a store of layout {theirs}, and this sagsspor writes layout {}; merging them would mix two layouts",
        paths::LAYOUT_VERSION
    )]
    Layout {
        /// The remote, as shown.
        remote: String,
        /// Its layout version, as its tree names it.
        theirs: String,
    },
    /// Both stores hold a document of one meeting, and the two share no
    /// item: not two versions of one document, so keeping one would lose
    /// the other.
    #[error(
        "{remote} and this store hold different documents of {}, which share no item: not versions of one document, and a merge would lose one",
        .meetings.join("; ")
    )]
    Diverged {
        /// The remote, as shown.
        remote: String,
        /// The meetings, described.
        meetings: Vec<String>,
    },
    /// The remote files a meeting in another folder than this store's body
    /// aliases would: merged, it would be two meetings.
    #[error("{remote} files {meeting} as {theirs}, and this store's body aliases as {ours}")]
    Aliases {
        /// The remote, as shown.
        remote: String,
        /// The meeting, described.
        meeting: String,
        /// The remote's folder.
        theirs: String,
        /// The folder here.
        ours: String,
    },
    /// The remote's branch has commits this store lacks.
    #[error("{remote} has history this store lacks, so a push would drop it")]
    Behind {
        /// The remote, as shown.
        remote: String,
    },
    /// The remote refused the update of its branch.
    #[error("{remote} refused the push: {}", one_line(.message))]
    Rejected {
        /// The remote, as shown.
        remote: String,
        /// Its reason.
        message: String,
    },
    /// An empty store has no branch to push.
    #[error("the store is empty: nothing to push to {remote}")]
    Empty {
        /// The remote, as shown.
        remote: String,
    },
    /// Another writer moved the branch while the pull merged.
    #[error("the store changed while pulling from {remote} (another writer?); run the pull again")]
    Moved {
        /// The remote, as shown.
        remote: String,
    },
    /// A failure of the store itself.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<git2::Error> for ShareError {
    fn from(e: git2::Error) -> Self {
        ShareError::Store(StoreError::Git(e))
    }
}

/// How far a transfer is: objects and bytes so far, objects in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    /// Objects sent or received.
    pub objects: usize,
    /// Objects to send or receive.
    pub total: usize,
    /// Bytes sent or received.
    pub bytes: usize,
}

/// What a pull did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    /// A merge commit was made (the histories had diverged).
    pub merged: bool,
    /// The branch moved to the remote's head (this history was part of it).
    pub fast_forward: bool,
    /// Documents (minutes or agendas) of the remote that the store's tree
    /// did not hold and now holds.
    pub imported_meetings: usize,
    /// Where both held a different version of one document: which was kept.
    pub corrections_resolved: Vec<Resolution>,
    /// The branch's commit after the pull.
    pub head: String,
}

/// Of two versions of a meeting's document, the one a merge kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The meeting's organisation, where known.
    pub organisation: Option<String>,
    /// The meeting's body, by its canonical name.
    pub body: String,
    /// The meeting's date.
    pub date: Date,
    /// The meeting's time, where known.
    pub time: Option<String>,
    /// Minutes or agenda.
    pub kind: DocumentKind,
    /// The version kept.
    pub kept: Version,
    /// The version replaced (it stays in history).
    pub replaced: Version,
    /// Which rule chose.
    pub rule: Rule,
}

/// One version of a meeting's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The file it was imported from.
    pub file: String,
    /// SHA-256 of its kept text.
    pub text_sha256: String,
    /// Whether it was this store's (`true`) or the remote's.
    pub local: bool,
}

/// The rule that chose between two versions (see the module's text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The other side had already replaced the losing version.
    Superseded,
    /// Neither side had seen the other's: the greater text SHA-256 is kept.
    Order,
}

impl Rule {
    /// The rule's name in `--json` and in the merge commit's trailers.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Superseded => "superseded",
            Rule::Order => "sha256-order",
        }
    }
}

/// What a push did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pushed {
    /// The remote had no branch yet; the push made it.
    pub created: bool,
    /// The remote's branch already was this store's: nothing was sent.
    pub up_to_date: bool,
    /// The commit the remote's branch now names.
    pub head: String,
}

impl Store {
    /// Fetches `remote`'s history and brings it into this store: nothing
    /// to do, a fast-forward, or a merge (see the module's text). Takes the
    /// import lock (calling `on_busy` once if an import holds it). An empty
    /// store takes the remote's history as it is.
    pub fn pull(
        &self,
        remote: &str,
        on_busy: impl FnOnce(),
        progress: &mut dyn FnMut(Transfer),
    ) -> Result<Pulled, ShareError> {
        let shown = shown_remote(remote);
        check_local(remote, &shown)?;
        let _lock = self.lock(on_busy)?;
        let repo = Repository::open_bare(&self.root)?;
        remove_stale_branch_lock(&repo)?;
        let ours = match self.head_commit()? {
            Some(commit) => {
                if !has_current_layout(&repo, &commit.tree()?)? {
                    return Err(StoreError::OldLayout(self.root.clone()).into());
                }
                Some(commit.id())
            }
            None => None,
        };
        let theirs = fetch(&repo, remote, &shown, progress)?;
        // A new handle: the one above may not list the pack just fetched.
        let repo = Repository::open_bare(&self.root)?;
        let theirs_tree = repo.find_commit(theirs)?.tree()?;
        check_remote_layout(&repo, &theirs_tree, &shown)?;
        let up_to_date = |head: Oid| Pulled {
            merged: false,
            fast_forward: false,
            imported_meetings: 0,
            corrections_resolved: Vec::new(),
            head: head.to_string(),
        };
        let pulled = match ours {
            Some(ours) if ours == theirs || repo.graph_descendant_of(ours, theirs)? => {
                return Ok(up_to_date(ours));
            }
            Some(ours) if !repo.graph_descendant_of(theirs, ours)? => {
                merge(self, &repo, ours, theirs, &shown)?
            }
            _ => {
                let ours_tree = match ours {
                    Some(id) => Some(repo.find_commit(id)?.tree()?),
                    None => None,
                };
                let imported = differing(&repo, ours_tree.as_ref(), &theirs_tree)?.len();
                move_branch(&repo, ours, theirs, &shown)?;
                Pulled {
                    fast_forward: true,
                    imported_meetings: imported,
                    ..up_to_date(theirs)
                }
            }
        };
        pack::consolidate(&repo.odb()?, &repo.path().join("objects/pack"))?;
        Ok(pulled)
    }

    /// Sends this store's history to `remote`'s branch, creating it where
    /// the remote has none (an empty bare repository). A remote whose branch
    /// holds commits this store lacks is refused ([`ShareError::Behind`]):
    /// pull first.
    pub fn push(
        &self,
        remote: &str,
        progress: &mut dyn FnMut(Transfer),
    ) -> Result<Pushed, ShareError> {
        let shown = shown_remote(remote);
        check_local(remote, &shown)?;
        let head = self
            .head_commit()?
            .ok_or_else(|| ShareError::Empty {
                remote: shown.clone(),
            })?
            .id();
        let unreachable = |error| ShareError::Unreachable {
            remote: shown.clone(),
            error,
        };
        let mut handle = self.repo.remote_anonymous(remote).map_err(unreachable)?;
        let theirs = {
            let mut callbacks = RemoteCallbacks::new();
            with_credentials(&mut callbacks);
            let connection = handle
                .connect_auth(Direction::Push, Some(callbacks), None)
                .map_err(unreachable)?;
            let heads = connection.list().map_err(unreachable)?;
            heads.iter().find(|h| h.name() == BRANCH).map(|h| h.oid())
        };
        match theirs {
            Some(theirs) if theirs == head => {
                return Ok(Pushed {
                    created: false,
                    up_to_date: true,
                    head: head.to_string(),
                });
            }
            Some(theirs)
                if !self.repo.odb()?.exists(theirs)
                    || !self.repo.graph_descendant_of(head, theirs)? =>
            {
                return Err(ShareError::Behind { remote: shown });
            }
            _ => {}
        }
        let refused: RefCell<Option<String>> = RefCell::new(None);
        let mut callbacks = RemoteCallbacks::new();
        with_credentials(&mut callbacks);
        callbacks.push_transfer_progress(|objects, total, bytes| {
            progress(Transfer {
                objects,
                total,
                bytes,
            });
        });
        callbacks.push_update_reference(|_, status| {
            if let Some(message) = status {
                *refused.borrow_mut() = Some(message.to_string());
            }
            Ok(())
        });
        let mut options = PushOptions::new();
        options.remote_callbacks(callbacks);
        handle
            .push(&[format!("{BRANCH}:{BRANCH}")], Some(&mut options))
            .map_err(|e| match e.code() {
                // The remote's branch moved between the look and the push.
                git2::ErrorCode::NotFastForward => ShareError::Behind {
                    remote: shown.clone(),
                },
                _ => unreachable(e),
            })?;
        drop(options);
        if let Some(message) = refused.into_inner() {
            return Err(ShareError::Rejected {
                remote: shown,
                message,
            });
        }
        Ok(Pushed {
            created: theirs.is_none(),
            up_to_date: false,
            head: head.to_string(),
        })
    }
}

/// Whether a remote names a folder on this machine, as git reads it: not a
/// URL (`scheme://…`), nor scp-like `host:path` (a colon before any `/`).
pub fn is_local_path(remote: &str) -> bool {
    if remote.contains("://") {
        return false;
    }
    match (remote.find(':'), remote.find('/')) {
        (None, _) => true,
        (Some(colon), Some(slash)) => slash < colon,
        (Some(_), None) => false,
    }
}

/// Fails, with what is there, where a remote cannot be a repository before
/// libgit2 is asked (which says "unsupported URL protocol" of a missing
/// folder or a file): an empty name, a local path to nothing or to a file.
fn check_local(remote: &str, shown: &str) -> Result<(), ShareError> {
    if remote.trim().is_empty() {
        return Err(ShareError::EmptyRemote);
    }
    if !is_local_path(remote) {
        return Ok(());
    }
    let path = Path::new(remote);
    let remote = shown.to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(ShareError::IsAFile { remote }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(ShareError::NoSuchFolder { remote })
        }
        // Unreadable (no permission): libgit2 says why.
        Err(_) => Ok(()),
    }
}

/// A remote for messages: one line, and a password in a URL hidden.
pub fn shown_remote(remote: &str) -> String {
    let hidden = match remote.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            match authority.rsplit_once('@') {
                Some((user, host)) if user.contains(':') => {
                    let name = user.split(':').next().unwrap_or_default();
                    format!("{scheme}://{name}:***@{host}{path}")
                }
                _ => remote.to_string(),
            }
        }
        None => remote.to_string(),
    };
    one_line(&hidden)
}

/// Answers a remote that asks who we are as git would, without a prompt:
/// a key of the running ssh agent for ssh, and for https the user's git
/// credential helpers (a user and password written in the URL libgit2 uses
/// by itself). Each kind is offered once, so a refused one ends the attempt
/// with libgit2's error rather than asking again forever.
fn with_credentials(callbacks: &mut RemoteCallbacks<'_>) {
    let mut offered = CredentialType::empty();
    callbacks.credentials(move |url, username, allowed| {
        let username = username.unwrap_or("git");
        let mut offer = |kind: CredentialType| {
            let fresh = allowed.contains(kind) && !offered.contains(kind);
            offered |= kind;
            fresh
        };
        if offer(CredentialType::SSH_KEY) {
            return Cred::ssh_key_from_agent(username);
        }
        if offer(CredentialType::USER_PASS_PLAINTEXT)
            && let Some(config) = user_git_config()
            && let Ok(cred) = Cred::credential_helper(&config, url, Some(username))
        {
            return Ok(cred);
        }
        if offer(CredentialType::DEFAULT) {
            return Cred::default();
        }
        Err(git2::Error::from_str(
            "no credentials were accepted (an ssh key in the running ssh agent, or a git credential helper for https)",
        ))
    });
}

/// The user's own git configuration, read only for its credential helpers:
/// the store itself never reads it (see `without_user_config`).
fn user_git_config() -> Option<git2::Config> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let home = var("HOME").map(PathBuf::from);
    let xdg = var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")))
        .map(|d| d.join("git/config"));
    let global = var("GIT_CONFIG_GLOBAL")
        .map(PathBuf::from)
        .or_else(|| home.map(|h| h.join(".gitconfig")));
    let mut config = git2::Config::new().ok()?;
    for (path, level) in [(xdg, ConfigLevel::XDG), (global, ConfigLevel::Global)] {
        if let Some(path) = path.filter(|p| p.is_file()) {
            config.add_file(&path, level, false).ok()?;
        }
    }
    Some(config)
}

/// Fetches the remote's branch (its objects, no ref of ours changes) and
/// returns the commit it names.
fn fetch(
    repo: &Repository,
    remote: &str,
    shown: &str,
    progress: &mut dyn FnMut(Transfer),
) -> Result<Oid, ShareError> {
    let unreachable = |error| ShareError::Unreachable {
        remote: shown.to_string(),
        error,
    };
    let mut handle = repo.remote_anonymous(remote).map_err(unreachable)?;
    let mut callbacks = RemoteCallbacks::new();
    with_credentials(&mut callbacks);
    callbacks.transfer_progress(|p| {
        progress(Transfer {
            objects: p.received_objects(),
            total: p.total_objects(),
            bytes: p.received_bytes(),
        });
        true
    });
    let mut options = FetchOptions::new();
    options
        .remote_callbacks(callbacks)
        .update_fetchhead(false)
        .download_tags(AutotagOption::None);
    handle
        .fetch(&[BRANCH], Some(&mut options), None)
        .map_err(unreachable)?;
    // The remote's refs stay listed after the fetch disconnected.
    let heads = handle.list().map_err(unreachable)?;
    heads
        .iter()
        .find(|h| h.name() == BRANCH)
        .map(|h| h.oid())
        .ok_or_else(|| ShareError::NotAStore {
            remote: shown.to_string(),
            why: if heads.is_empty() {
                "it is an empty repository".to_string()
            } else {
                format!("it has no branch {BRANCH}")
            },
        })
}

/// Fails unless the remote's tree is a sagsspor store of this layout.
fn check_remote_layout(repo: &Repository, tree: &Tree, shown: &str) -> Result<(), ShareError> {
    if has_current_layout(repo, tree)? {
        return Ok(());
    }
    let theirs = match tree.get_name(paths::LAYOUT_FILE) {
        Some(entry) => {
            let blob = read_blob(repo, entry.id(), paths::LAYOUT_FILE)?;
            one_line(String::from_utf8_lossy(blob.content()).trim())
        }
        None if tree.get_name("meetings").is_some() => "1 (no LAYOUT file)".to_string(),
        None => {
            return Err(ShareError::NotAStore {
                remote: shown.to_string(),
                why: format!(
                    "its branch {BRANCH} holds neither a {} file nor meetings/",
                    paths::LAYOUT_FILE
                ),
            });
        }
    };
    Err(ShareError::Layout {
        remote: shown.to_string(),
        theirs,
    })
}

/// Moves the branch from `from` (absent: no branch yet) to `to` by
/// compare-and-swap.
fn move_branch(
    repo: &Repository,
    from: Option<Oid>,
    to: Oid,
    shown: &str,
) -> Result<(), ShareError> {
    let message = format!("sagsspor pull {shown}");
    let moved = match from {
        Some(old) => repo.reference_matching(BRANCH, to, true, old, &message),
        None => repo.reference(BRANCH, to, false, &message),
    };
    match moved {
        Ok(_) => Ok(()),
        Err(e)
            if matches!(
                e.code(),
                git2::ErrorCode::Modified | git2::ErrorCode::Exists
            ) =>
        {
            Err(ShareError::Moved {
                remote: shown.to_string(),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The blobs of one document in its meeting's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Blobs {
    text: Oid,
    record: Oid,
}

/// A document whose version in the remote's tree differs from this
/// store's (or that this store lacks).
struct Differing {
    /// The meeting's folder.
    dir: String,
    kind: DocumentKind,
    ours: Option<Blobs>,
    theirs: Blobs,
}

impl Differing {
    fn record_path(&self) -> String {
        format!("{}/{}", self.dir, document_files(self.kind).1)
    }
}

/// The documents of `theirs` that `ours` lacks or holds in another version,
/// found by descending only into folders whose ids differ.
fn differing(
    repo: &Repository,
    ours: Option<&Tree>,
    theirs: &Tree,
) -> Result<Vec<Differing>, StoreError> {
    let folder = |tree: Option<&Tree>| tree.and_then(|t| t.get_name("meetings").map(|e| e.id()));
    let Some(theirs_meetings) = folder(Some(theirs)) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut stack = vec![("meetings".to_string(), 0, folder(ours), theirs_meetings)];
    while let Some((dir, depth, ours_id, theirs_id)) = stack.pop() {
        if ours_id == Some(theirs_id) {
            continue;
        }
        let theirs_folder = repo.find_tree(theirs_id)?;
        let ours_folder = match ours_id {
            Some(id) => Some(repo.find_tree(id)?),
            None => None,
        };
        if depth == paths::MEETING_LEVELS {
            for kind in [DocumentKind::Referat, DocumentKind::Dagsorden] {
                let Some(theirs) = document_blobs(&theirs_folder, kind) else {
                    continue;
                };
                let ours = ours_folder.as_ref().and_then(|f| document_blobs(f, kind));
                if ours != Some(theirs) {
                    out.push(Differing {
                        dir: dir.clone(),
                        kind,
                        ours,
                        theirs,
                    });
                }
            }
            continue;
        }
        for entry in theirs_folder.iter() {
            if entry.kind() != Some(ObjectType::Tree) {
                continue;
            }
            let name = entry.name().unwrap_or_default();
            let ours_sub = ours_folder
                .as_ref()
                .and_then(|f| f.get_name(name))
                .filter(|e| e.kind() == Some(ObjectType::Tree))
                .map(|e| e.id());
            stack.push((format!("{dir}/{name}"), depth + 1, ours_sub, entry.id()));
        }
    }
    // Oldest meetings first, minutes before agendas: a stable order for
    // what the merge reports (the tree does not depend on it).
    out.sort_by(|a, b| {
        (&a.dir, a.kind != DocumentKind::Referat).cmp(&(&b.dir, b.kind != DocumentKind::Referat))
    });
    Ok(out)
}

/// The text and record of a document of `kind` in a meeting's folder.
fn document_blobs(folder: &Tree, kind: DocumentKind) -> Option<Blobs> {
    let (text, record) = document_files(kind);
    Some(Blobs {
        text: folder.get_name(text)?.id(),
        record: folder.get_name(record)?.id(),
    })
}

/// A document read back from a tree, ready to add to another.
fn read_document(
    repo: &Repository,
    dir: &str,
    kind: DocumentKind,
    blobs: Blobs,
) -> Result<Minutes, StoreError> {
    let (text_name, record_name) = document_files(kind);
    let text_path = format!("{dir}/{text_name}");
    let text = read_blob(repo, blobs.text, &text_path)?;
    let text = std::str::from_utf8(text.content())
        .map_err(|_| StoreError::Corrupt {
            path: text_path.clone(),
            message: "not UTF-8".to_string(),
        })?
        .to_string();
    let record_path = format!("{dir}/{record_name}");
    let record = read_blob(repo, blobs.record, &record_path)?;
    let stored = super::parse_stored_meeting(record_path, record.content())?;
    Ok(Minutes {
        file_name: stored.source_file,
        source_sha256: stored.text_sha256,
        text,
        meeting: stored.meeting,
    })
}

/// For each path, every blob it held in a commit reachable from `head`.
fn versions_in_history(
    repo: &Repository,
    head: Oid,
    wanted: &[String],
) -> Result<HashMap<String, HashSet<Oid>>, StoreError> {
    let mut out: HashMap<String, HashSet<Oid>> = HashMap::new();
    if wanted.is_empty() {
        return Ok(out);
    }
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    for id in walk {
        let tree = repo.find_commit(id?)?.tree()?;
        for path in wanted {
            if let Ok(entry) = tree.get_path(Path::new(path)) {
                out.entry(path.clone()).or_default().insert(entry.id());
            }
        }
    }
    Ok(out)
}

/// Merges the diverged histories `ours` and `theirs` (see the module's
/// text) into a commit with both as parents, and moves the branch to it.
fn merge(
    store: &Store,
    repo: &Repository,
    ours: Oid,
    theirs: Oid,
    shown: &str,
) -> Result<Pulled, ShareError> {
    let ours_commit = repo.find_commit(ours)?;
    let theirs_commit = repo.find_commit(theirs)?;
    let found = differing(repo, Some(&ours_commit.tree()?), &theirs_commit.tree()?)?;
    let contested: Vec<String> = found
        .iter()
        .filter(|d| d.ours.is_some())
        .map(Differing::record_path)
        .collect();
    let ours_seen = versions_in_history(repo, ours, &contested)?;
    let theirs_seen = versions_in_history(repo, theirs, &contested)?;
    let seen = |history: &HashMap<String, HashSet<Oid>>, path: &str, blob: Oid| {
        history.get(path).is_some_and(|s| s.contains(&blob))
    };

    let mut taken: Vec<(String, Minutes)> = Vec::new();
    let mut resolved: Vec<Resolution> = Vec::new();
    let mut diverged: Vec<String> = Vec::new();
    for doc in &found {
        let theirs_doc = read_document(repo, &doc.dir, doc.kind, doc.theirs)?;
        let Some(ours_blobs) = doc.ours else {
            taken.push((doc.dir.clone(), theirs_doc));
            continue;
        };
        let ours_doc = read_document(repo, &doc.dir, doc.kind, ours_blobs)?;
        let path = doc.record_path();
        let ours_replaced = seen(&theirs_seen, &path, ours_blobs.record);
        let theirs_replaced = seen(&ours_seen, &path, doc.theirs.record);
        let (theirs_kept, rule) = match (ours_replaced, theirs_replaced) {
            (true, false) => (true, Rule::Superseded),
            (false, true) => (false, Rule::Superseded),
            _ => {
                if !shares_an_item(&ours_doc.meeting, &theirs_doc.meeting) {
                    diverged.push(describe_doc(&theirs_doc));
                    continue;
                }
                let order = |d: &Minutes, b: Blobs| (d.source_sha256.clone(), b.record);
                (
                    order(&theirs_doc, doc.theirs) > order(&ours_doc, ours_blobs),
                    Rule::Order,
                )
            }
        };
        let version = |d: &Minutes, local: bool| Version {
            file: d.file_name.clone(),
            text_sha256: d.source_sha256.clone(),
            local,
        };
        let (kept, replaced) = if theirs_kept {
            (version(&theirs_doc, false), version(&ours_doc, true))
        } else {
            (version(&ours_doc, true), version(&theirs_doc, false))
        };
        // The meeting by its canonical body, as imports and `commit` name it
        // (the two stores' aliases file it in one folder, so agree on it).
        let meeting = &theirs_doc.meeting;
        let body = match MeetingKey::of(meeting, &store.aliases) {
            Ok(key) => key.body,
            Err(_) => meeting.body.clone().unwrap_or_default(),
        };
        resolved.push(Resolution {
            organisation: meeting.organisation.clone(),
            body,
            date: meeting.date.unwrap_or(Date::constant(1970, 1, 1)),
            time: meeting.time.clone(),
            kind: doc.kind,
            kept,
            replaced,
            rule,
        });
        if theirs_kept {
            taken.push((doc.dir.clone(), theirs_doc));
        }
    }
    if !diverged.is_empty() {
        return Err(ShareError::Diverged {
            remote: shown.to_string(),
            meetings: diverged,
        });
    }

    let mut session = store.session(repo, Some(ours), ours_commit.tree_id(), true)?;
    let options = AddOptions {
        organisation: None,
        replace: true,
    };
    for (dir, minutes) in &taken {
        check_folder(store, dir, minutes, shown)?;
        session
            .add_document(minutes, &options, Origin::Merge)
            .map_err(|e| match e {
                super::ImportError::Store(e) => ShareError::Store(e),
                other => ShareError::Store(StoreError::Corrupt {
                    path: dir.clone(),
                    message: other.to_string(),
                }),
            })?;
    }
    let message = merge_message(theirs, taken.len(), &resolved);
    let when = ours_commit
        .time()
        .seconds()
        .max(theirs_commit.time().seconds());
    let commit = write_merge(&mut session, ours, theirs, &message, when)?;
    session.head = Some(commit);
    session.publish_once().map_err(|e| match e {
        StoreError::Raced => ShareError::Moved {
            remote: shown.to_string(),
        },
        other => other.into(),
    })?;
    Ok(Pulled {
        merged: true,
        fast_forward: false,
        imported_meetings: taken.len(),
        corrections_resolved: resolved,
        head: commit.to_string(),
    })
}

/// Fails where this store's body aliases would file a remote's document in
/// another meeting folder than the remote did.
fn check_folder(
    store: &Store,
    dir: &str,
    minutes: &Minutes,
    shown: &str,
) -> Result<(), ShareError> {
    let ours = MeetingKey::of(&minutes.meeting, &store.aliases)
        .ok()
        .and_then(|key| paths::meeting_dir(&key).ok());
    if ours.as_deref() == Some(dir) {
        return Ok(());
    }
    Err(ShareError::Aliases {
        remote: shown.to_string(),
        meeting: describe_doc(minutes),
        theirs: dir.to_string(),
        ours: ours.unwrap_or_else(|| "no folder".to_string()),
    })
}

/// `Byrådet 2025-09-08 17:15 (Greve Kommune), referat`: a remote's
/// document with its body as written there (this store's aliases left
/// out, as they may be what differs).
fn describe_doc(minutes: &Minutes) -> String {
    let m = &minutes.meeting;
    match MeetingKey::of(m, &crate::bodies::Aliases::default()) {
        Ok(key) => super::describe(&key, m.kind),
        Err(_) => one_line(&minutes.file_name),
    }
}

/// The merge commit's message: how many documents came from which commit,
/// and a `Correction:` paragraph for each version replaced by
/// [`Rule::Order`]. Where they came from (a path, a URL) is left out, as in
/// every commit of the store: the same merge made anywhere is the same
/// commit.
fn merge_message(theirs: Oid, taken: usize, resolved: &[Resolution]) -> String {
    let mut message =
        format!("sagsspor pull: merged {taken} documents\n\nMerged-Commit: {theirs}\n");
    for r in resolved.iter().filter(|r| r.rule == Rule::Order) {
        let key = MeetingKey {
            organisation: r.organisation.clone(),
            body: r.body.clone(),
            date: r.date,
            time: r.time.clone(),
        };
        message.push_str(&format!(
            "\n{CORRECTION_TRAILER} {}\nMeeting-Date: {}\n",
            super::describe(&key, r.kind),
            r.date
        ));
        if let Some(time) = &r.time {
            message.push_str(&format!("Meeting-Time: {}\n", one_line(time)));
        }
        message.push_str(&format!("Body: {}\n", one_line(&r.body)));
        if let Some(org) = &r.organisation {
            message.push_str(&format!("Organisation: {}\n", one_line(org)));
        }
        message.push_str(&format!(
            "Source-File: {}\nSource-Sha256: {}\nReplaced-File: {}\nReplaced-Sha256: {}\nRule: {}\n",
            one_line(&r.kept.file),
            r.kept.text_sha256,
            one_line(&r.replaced.file),
            r.replaced.text_sha256,
            r.rule.name()
        ));
    }
    message
}

/// A merge commit in git's format, by the store's fixed identity, at the
/// later of its parents' times (never the clock).
fn write_merge(
    session: &mut ImportSession<'_>,
    ours: Oid,
    theirs: Oid,
    message: &str,
    when: i64,
) -> Result<Oid, git2::Error> {
    let tree = session.tree;
    let (name, email) = super::IDENTITY;
    let text = format!(
        "tree {tree}\nparent {ours}\nparent {theirs}\nauthor {name} <{email}> {when} +0000\ncommitter {name} <{email}> {when} +0000\n\n{message}"
    );
    let bytes = text.into_bytes();
    let oid = Oid::hash_object(ObjectType::Commit, &bytes)?;
    session.keep(oid, ObjectType::Commit, bytes);
    Ok(oid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_are_told_from_urls_and_scp_like_remotes() {
        for local in [
            "arkiv",
            "../kollegas-arkiv",
            "/srv/git/arkiv.git",
            "./a:b",
            "/srv/a:b",
        ] {
            assert!(is_local_path(local), "{local}");
        }
        for remote in [
            "ssh://git@example.org/arkiv.git",
            "file:///srv/arkiv.git",
            "git@example.org:redaktion/arkiv.git",
            "host:arkiv",
        ] {
            assert!(!is_local_path(remote), "{remote}");
        }
    }

    #[test]
    fn a_password_in_a_remote_is_never_shown() {
        assert_eq!(
            shown_remote("https://anna:hemmelig@git.example.org/arkiv.git"),
            "https://anna:***@git.example.org/arkiv.git"
        );
        assert_eq!(
            shown_remote("ssh://git@example.org/arkiv.git"),
            "ssh://git@example.org/arkiv.git"
        );
        assert_eq!(shown_remote("../arkiv\n"), "../arkiv?");
    }
}
