//! Faults: concurrent writers, a killed import, tampering found by verify.

use crate::util::*;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

fn git_fsck(store: &TempStore) {
    let Ok(out) = std::process::Command::new("git")
        .args(["fsck", "--strict", "--no-progress"])
        .current_dir(&store.path)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
    else {
        return; // no git binary: verify below still checks the store
    };
    assert!(
        out.status.success(),
        "git fsck: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn all_minutes() -> Vec<PathBuf> {
    let mut files = all_seeds();
    files.push(handmade("2024-03-19_direktionen.txt"));
    files.push(handmade("2025-11-04_direktionen.md"));
    files.push(handmade("edoc_kultur.txt"));
    files.push(handmade("acadre_teknik.txt"));
    files
}

#[test]
fn concurrent_imports_all_land() {
    let store = TempStore::new();
    // The store exists before the race, as it does for users.
    store.run(&[
        "commit",
        handmade("firstagenda_okonomiudvalget.txt")
            .to_str()
            .unwrap(),
    ]);
    let files = all_minutes();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            process(&store.path)
                .arg("commit")
                .arg(f)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(store.commit_count(), files.len() + 1, "no lost update");
    git_fsck(&store);
    store.run(&["verify"]);
    let sequential = TempStore::new();
    sequential.commit_each(&[handmade("firstagenda_okonomiudvalget.txt")]);
    sequential.commit_each(&files);
    assert_eq!(store.head_tree(), sequential.head_tree());
}

/// Many meetings: the 000 seed moved to other dates.
fn many_minutes(dir: &std::path::Path, count: usize) -> Vec<PathBuf> {
    let dates: Vec<String> = (0..count)
        .map(|k| {
            let day = 1 + k % 28;
            let month = 1 + (k / 28) % 12;
            let year = 2000 + k / 336;
            format!("{day:02}-{month:02}-{year}")
        })
        .collect();
    seed_on_dates(dir, &dates)
}

#[test]
fn a_killed_import_leaves_a_valid_store_and_the_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let files = many_minutes(dir.path(), 300);
    let store = TempStore::new();
    store.run(&["commit", files[0].to_str().unwrap()]);
    let mut child = process(&store.path)
        .arg("commit")
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    git_fsck(&store);
    store.run(&["verify"]);
    let count = store.commit_count();
    assert!(
        count == 1 || count == 300,
        "all or nothing of the chunk, got {count}"
    );
    store.run(&["commit", dir.path().to_str().unwrap()]);
    assert_eq!(store.commit_count(), 300);
    let clean = TempStore::new();
    clean.run(&["commit", dir.path().to_str().unwrap()]);
    assert_eq!(store.head_tree(), clean.head_tree());
}

#[test]
fn verify_finds_tampering_and_orphans() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    store.run(&["verify"]);
    let repo = store.repo();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let tree = head.tree().unwrap();
    let tampered = repo.blob(b"{\"journal\": \"forged\"}\n").unwrap();
    let case = sagsspor::store::paths::case_dir(Some("Høje-Taastrup Kommune"), "24/5629").unwrap();
    assert!(
        case.starts_with("cases/") && case.ends_with("/24%2F5629"),
        "{case}"
    );
    let path = format!("{case}/2024/03/2024-03-05_0900_Direktionen_p009.json");
    let path = path.as_str();
    assert!(
        tree.get_path(std::path::Path::new(path)).is_ok(),
        "layout as documented"
    );
    let mut update = git2::build::TreeUpdateBuilder::new();
    update.upsert(path, tampered, git2::FileMode::Blob);
    update.upsert(
        "cases/_/0/0/0/orphan/2020-01-01_X_p001.json",
        tampered,
        git2::FileMode::Blob,
    );
    let new_tree = repo
        .find_tree(update.create_updated(&repo, &tree).unwrap())
        .unwrap();
    let sig = git2::Signature::now("someone", "someone@example.org").unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "tamper", &new_tree, &[&head])
        .unwrap();
    let out = store.cmd().arg("verify").output().unwrap();
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "problem: {path}: differs from what the kept minutes read as now"
        )),
        "{text}"
    );
    assert!(text.contains("problem: cases/_/0/0/0/orphan/2020-01-01_X_p001.json: treatment file that no stored minutes produce"), "{text}");
}

/// Archives reach back before 1970 (and a mistyped year to year 1): every
/// commit still passes `git fsck --strict`, and the meeting keeps its date.
#[test]
fn meetings_before_1970_make_commits_git_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let store = TempStore::new();
    for (name, date) in [("a.txt", "05-01-1965"), ("b.txt", "01-01-0001")] {
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!(
                "REFERAT Direktionen d. {date}\n\nPunkt 1: Sag\n\n65/1\n\nBeslutning\n\nGodkendt.\n"
            ),
        )
        .unwrap();
        store.run(&["commit", file.to_str().unwrap()]);
    }
    git_fsck(&store);
    store.run(&["verify"]);
    let log = store.json(&["log", "65/1"]);
    let dates: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["0001-01-01", "1965-01-05"]);
}

/// A commit git would reject for its date (written by another tool) is a
/// problem `verify` names.
#[test]
fn verify_names_a_commit_time_git_rejects() {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    let repo = store.repo();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    // Written as text: libgit2 itself will not make a negative time.
    let text = format!(
        "tree {}\nparent {}\nauthor x <x@invalid> -86400 +0000\ncommitter x <x@invalid> -86400 +0000\n\nold\n",
        head.tree_id(),
        head.id()
    );
    let bad = repo
        .odb()
        .unwrap()
        .write(git2::ObjectType::Commit, text.as_bytes())
        .unwrap();
    repo.reference("refs/heads/main", bad, true, "test")
        .unwrap();
    let out = store.cmd().args(["verify", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["path"] == bad.to_string()
                && p["message"].as_str().unwrap().contains("badDate")),
        "{problems:?}"
    );
}

/// Another writer moves the branch while a long import runs (a `git push`
/// into the store): the import adds its chunk again on top of the new
/// branch, lands everything, prints its report, and the race costs a pack,
/// not a pack per document.
#[test]
fn a_branch_moved_during_an_import_is_built_upon_not_a_pack_storm() {
    let dir = tempfile::tempdir().unwrap();
    let files = many_minutes(dir.path(), 120);
    let store = TempStore::new();
    store.run(&["commit", files[0].to_str().unwrap()]);
    let packs = || store.packs().len();
    let before = packs();
    let child = process(&store.path)
        .env("SAGSSPOR_CHUNK_FILES", "40")
        .args(["commit", "--json"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the first chunk has landed, another writer adds a commit.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while packs() == before && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    let repo = store.repo();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let who = git2::Signature::now("other", "other@invalid").unwrap();
    let pushed = repo
        .commit(
            None,
            &who,
            &who,
            "another writer",
            &head.tree().unwrap(),
            &[&head],
        )
        .unwrap();
    repo.reference_matching("refs/heads/main", pushed, true, head.id(), "push")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["imported"].as_array().unwrap().len(), 120);
    let final_head = repo.head().unwrap().peel_to_commit().unwrap().id();
    assert_ne!(final_head, pushed, "the push came while the import ran");
    assert!(repo.graph_descendant_of(final_head, pushed).unwrap());
    assert!(packs() - before <= 5, "{} packs", packs() - before);
    assert_eq!(store.commit_count(), 120 + 1);
    git_fsck(&store);
    store.run(&["verify"]);
}

/// A case treated at every meeting (and a decision every meeting quotes)
/// never becomes one folder that each commit rewrites whole: treatments
/// are filed by the month of their minutes, so no folder below `cases/`
/// holds more than a month of them, and the store grows linearly.
#[test]
fn a_standing_case_is_filed_in_small_folders() {
    let dir = tempfile::tempdir().unwrap();
    let files = many_minutes(dir.path(), 150);
    let store = TempStore::new();
    store.run(&["commit", dir.path().to_str().unwrap()]);
    assert_eq!(store.commit_count(), files.len());
    let repo = store.repo();
    let tree = repo.head().unwrap().peel_to_tree().unwrap();
    let mut largest = 0;
    let cases = tree.get_name("cases").unwrap().id();
    let mut stack = vec![cases];
    while let Some(id) = stack.pop() {
        let folder = repo.find_tree(id).unwrap();
        largest = largest.max(folder.len());
        stack.extend(
            folder
                .iter()
                .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
                .map(|e| e.id()),
        );
    }
    // 150 meetings on 28 days a month, about ten cases each.
    assert!(largest <= 28 * 2, "a folder of {largest} entries");
}

/// Daily use: one meeting per import. Every import writes a pack; once
/// there are more than fifty, the small ones are joined, so readers never
/// search hundreds of packs.
#[test]
fn daily_single_imports_keep_the_pack_count_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let files = many_minutes(dir.path(), 56);
    let store = TempStore::new();
    let mut most = 0;
    for file in &files {
        store.run(&["commit", file.to_str().unwrap()]);
        most = most.max(store.packs().len());
    }
    assert!(most <= 50, "{most} packs");
    assert_eq!(store.commit_count(), 56);
    git_fsck(&store);
    store.run(&["verify"]);
}

/// After each one-meeting import the deferred list is brought up to date
/// from the folders the import changed; it is always the list the whole
/// store gives.
#[test]
fn deferred_kept_up_to_date_is_the_list_made_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = many_minutes(dir.path(), 12);
    files.extend(all_minutes());
    let store = TempStore::new();
    for file in &files {
        let kept = store.json(&["commit", file.to_str().unwrap()])["deferred"].clone();
        std::fs::remove_file(store.path.join("sagsspor-deferred.json")).unwrap();
        std::fs::remove_file(store.path.join("sagsspor-cache.json")).ok();
        assert_eq!(kept, store.json(&["deferred"]), "after {}", file.display());
    }
}
