//! Running the binary in a pinned environment, the testdata paths, and text
//! laid out anew as other tools would.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The folder of the seed minutes.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/seeds")
}

/// One seed minutes file by its number prefix (`"000"`).
pub fn seed(prefix: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with(prefix)
                && p.extension().is_some_and(|e| e == "txt")
        })
        .collect();
    assert_eq!(found.len(), 1, "one seed named {prefix}");
    found.remove(0)
}

/// All seed minutes files in name order.
pub fn all_seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// A hand-made minutes file.
pub fn handmade(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/handmade")
        .join(name)
}

/// Every line of `text` broken at spaces into lines of at most `width`
/// characters, as a re-wrapping export would (headings and titles included).
/// A word longer than `width` stays whole on a line of its own; blank lines
/// stay blank.
pub fn rewrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    out.join("\n")
}

/// The binary with a cleared, pinned environment and the given store.
pub fn sagsspor(store: &Path) -> Command {
    Command::from_std(process(store))
}

/// The same as a plain process, for tests that spawn and kill.
pub fn process(store: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sagsspor"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", store.parent().unwrap())
        .env("TZ", "UTC")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("SAGSSPOR_TODAY", "2026-01-01")
        .env("SAGSSPOR_STORE", store);
    cmd
}

/// A fresh temporary folder with a store path inside it (not yet created).
pub struct TempStore {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempStore {
    pub fn new() -> TempStore {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        TempStore { _dir: dir, path }
    }

    pub fn cmd(&self) -> Command {
        sagsspor(&self.path)
    }

    /// Runs the binary and returns stdout, asserting success.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "sagsspor {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Imports files, one process each, in the given order.
    pub fn commit_each(&self, files: &[PathBuf]) {
        for f in files {
            self.cmd().arg("commit").arg(f).assert().success();
        }
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.run(&all)).unwrap()
    }

    pub fn repo(&self) -> git2::Repository {
        git2::Repository::open_bare(&self.path).unwrap()
    }

    pub fn head_tree(&self) -> git2::Oid {
        self.repo().revparse_single("HEAD^{tree}").unwrap().id()
    }

    pub fn commit_count(&self) -> usize {
        let repo = self.repo();
        let mut walk = repo.revwalk().unwrap();
        walk.push_head().unwrap();
        walk.count()
    }

    /// The store's pack files.
    pub fn packs(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.path.join("objects/pack"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pack"))
            .collect()
    }

    /// Commits, as another tool would, `bytes` in place of the first file of
    /// the tree whose path `pick` chooses; returns that path.
    pub fn plant(&self, pick: impl Fn(&str) -> bool, bytes: &[u8]) -> String {
        let repo = self.repo();
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        let mut index = git2::Index::new().unwrap();
        index.read_tree(&head.tree().unwrap()).unwrap();
        let path = index
            .iter()
            .map(|e| String::from_utf8(e.path).unwrap())
            .find(|p| pick(p))
            .unwrap();
        let mut entry = index.get_path(Path::new(&path), 0).unwrap();
        entry.file_size = bytes.len() as u32;
        entry.id = repo.blob(bytes).unwrap();
        index.add(&entry).unwrap();
        let tree = repo.find_tree(index.write_tree_to(&repo).unwrap()).unwrap();
        let who = git2::Signature::now("x", "x@invalid").unwrap();
        repo.commit(
            Some("refs/heads/main"),
            &who,
            &who,
            "plant",
            &tree,
            &[&head],
        )
        .unwrap();
        path
    }
}

/// The 000 seed moved to each of `dates` (DD-MM-YYYY), one file each in
/// `dir`: as many distinct meetings as a test needs.
pub fn seed_on_dates(dir: &Path, dates: &[String]) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(seed("000")).unwrap();
    dates
        .iter()
        .enumerate()
        .map(|(k, date)| {
            let body = text
                .replace("17-11-2025", date)
                .replace("Mandag d. 17. november 2025", &format!("d. {date}"));
            let path = dir.join(format!("m{k:04}.txt"));
            std::fs::write(&path, body).unwrap();
            path
        })
        .collect()
}
