//! Trees built in-process during an import.
//!
//! libgit2 writes every new tree through its object database, which first
//! checks the tree against every pack of the store; that check grew with the
//! store. An import instead builds the trees on its changed paths here, in
//! git's own format, and keeps them with the session's other new objects
//! until they are packed.

use super::{ImportSession, StoreError};
use git2::{ObjectType, Oid};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// File mode of a regular file in a tree.
const FILE: i32 = 0o100644;
/// File mode of a subtree.
const DIR: i32 = 0o040000;

/// One entry of a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    name: String,
    mode: i32,
    oid: Oid,
}

/// The changes to apply under one folder, by name.
#[derive(Debug, Default)]
pub(super) struct Changes {
    children: BTreeMap<String, Change>,
}

#[derive(Debug)]
enum Change {
    /// The file is this blob.
    File(Oid),
    /// The file goes.
    Remove,
    /// Changes inside a subfolder.
    Dir(Changes),
}

impl Changes {
    /// Sets `path` to the blob `oid`, or removes it with `None`.
    pub(super) fn set(&mut self, path: &str, oid: Option<Oid>) {
        match path.split_once('/') {
            None => {
                let change = oid.map_or(Change::Remove, Change::File);
                self.children.insert(path.to_string(), change);
            }
            Some((dir, rest)) => {
                let entry = self
                    .children
                    .entry(dir.to_string())
                    .or_insert_with(|| Change::Dir(Changes::default()));
                if !matches!(entry, Change::Dir(_)) {
                    *entry = Change::Dir(Changes::default());
                }
                if let Change::Dir(sub) = entry {
                    sub.set(rest, oid);
                }
            }
        }
    }
}

/// The id of the empty tree.
pub(super) fn empty_tree() -> Result<Oid, git2::Error> {
    Oid::hash_object(ObjectType::Tree, b"")
}

/// Git's order of tree entries: by name bytes, a folder's name compared as
/// if it ended in `/`.
fn git_order(a: &Entry, b: &Entry) -> Ordering {
    let key = |e: &Entry| {
        let mut k = e.name.as_bytes().to_vec();
        if e.mode == DIR {
            k.push(b'/');
        }
        k
    };
    key(a).cmp(&key(b))
}

fn serialize(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.len() * 48);
    for e in entries {
        out.extend_from_slice(format!("{:o} {}\0", e.mode, e.name).as_bytes());
        out.extend_from_slice(e.oid.as_bytes());
    }
    out
}

impl ImportSession<'_> {
    /// The entries of a tree: one built in this session, or one in the store.
    pub(super) fn entries_of(&self, oid: Oid) -> Result<Vec<Entry>, StoreError> {
        if let Some(entries) = self.trees.get(&oid) {
            return Ok(entries.clone());
        }
        if oid == empty_tree()? {
            return Ok(Vec::new());
        }
        let tree = self.repo.find_tree(oid)?;
        Ok(tree
            .iter()
            .map(|e| Entry {
                name: e.name().unwrap_or_default().to_string(),
                mode: e.filemode(),
                oid: e.id(),
            })
            .collect())
    }

    /// The object at `path` below the tree `root`, if any.
    pub(super) fn lookup(&self, root: Oid, path: &str) -> Result<Option<Oid>, StoreError> {
        let mut current = root;
        let mut parts = path.split('/').peekable();
        while let Some(part) = parts.next() {
            let Some(entry) = self
                .entries_of(current)?
                .into_iter()
                .find(|e| e.name == part)
            else {
                return Ok(None);
            };
            if parts.peek().is_none() {
                return Ok(Some(entry.oid));
            }
            if entry.mode != DIR {
                return Ok(None);
            }
            current = entry.oid;
        }
        Ok(None)
    }

    /// Applies `changes` to the tree `base` (absent: empty) and returns the
    /// new tree's id, or `None` when nothing is left in it. Only the trees on
    /// changed paths are built; folders left empty disappear, as in git.
    pub(super) fn apply(
        &mut self,
        base: Option<Oid>,
        changes: &Changes,
    ) -> Result<Option<Oid>, StoreError> {
        let mut entries = match base {
            Some(oid) => self.entries_of(oid)?,
            None => Vec::new(),
        };
        for (name, change) in &changes.children {
            let existing = entries.iter().position(|e| &e.name == name);
            let new_entry = match change {
                Change::File(oid) => Some(Entry {
                    name: name.clone(),
                    mode: FILE,
                    oid: *oid,
                }),
                Change::Remove => None,
                Change::Dir(sub) => {
                    let old = existing
                        .map(|i| &entries[i])
                        .filter(|e| e.mode == DIR)
                        .map(|e| e.oid);
                    self.apply(old, sub)?.map(|oid| Entry {
                        name: name.clone(),
                        mode: DIR,
                        oid,
                    })
                }
            };
            match (existing, new_entry) {
                (Some(i), Some(e)) => entries[i] = e,
                (Some(i), None) => {
                    entries.remove(i);
                }
                (None, Some(e)) => entries.push(e),
                (None, None) => {}
            }
        }
        if entries.is_empty() {
            return Ok(None);
        }
        entries.sort_by(git_order);
        let bytes = serialize(&entries);
        let oid = Oid::hash_object(ObjectType::Tree, &bytes)?;
        self.keep(oid, ObjectType::Tree, bytes);
        self.trees.insert(oid, entries);
        Ok(Some(oid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_sort_as_if_they_ended_in_a_slash() {
        let oid = Oid::ZERO_SHA1;
        let file = |name: &str| Entry {
            name: name.to_string(),
            mode: FILE,
            oid,
        };
        let dir = |name: &str| Entry {
            name: name.to_string(),
            mode: DIR,
            oid,
        };
        let mut entries = [dir("a"), file("a.b"), file("a-c"), dir("b")];
        entries.sort_by(git_order);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        // '-' (0x2d) < '.' (0x2e) < '/' (0x2f)
        assert_eq!(names, ["a-c", "a.b", "a", "b"]);
    }
}
