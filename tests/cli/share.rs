//! One history shared by many: stores that imported different minutes,
//! merged by `pull`, hold the tree of one store that imported them all and
//! give the same answers; `push` and `pull` through a bare repository;
//! corrections on both sides; pulls that would lose data stop.

use crate::util::*;
use std::path::{Path, PathBuf};

/// A history of 17 documents: the seeds, the Greve minutes, the hand-made
/// minutes of several formats, an agenda, and the minutes whose decision
/// the 000 seed quotes.
fn history() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut files = all_seeds();
    for dir in ["real/greve", "handmade"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        files.extend(found);
    }
    assert_eq!(files.len(), 17, "{files:?}");
    files
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A store that imported `files` in one run, in that order.
fn store_of(files: &[PathBuf]) -> TempStore {
    let store = TempStore::new();
    let mut args = vec!["commit".to_string()];
    args.extend(files.iter().map(|f| path(f).to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    store.run(&args);
    store
}

/// Two stores of `a` and `b` (the second imported backwards), each merged
/// with the other's history as it was: one merge in each direction.
fn merged_both_ways(a: &[PathBuf], b: &[PathBuf]) -> (TempStore, TempStore) {
    let first = store_of(a);
    let mut backwards = b.to_vec();
    backwards.reverse();
    let second = store_of(&backwards);
    // A copy of the first as it was: an empty store pulls it whole.
    let copy = TempStore::new();
    let taken = copy.json(&["pull", path(&first.path)]);
    assert_eq!(taken["fast_forward"], true);
    assert_eq!(taken["imported_meetings"], a.len());
    let one = first.json(&["pull", path(&second.path)]);
    assert_eq!(one["merged"], true, "{one}");
    let other = second.json(&["pull", path(&copy.path)]);
    assert_eq!(other["merged"], true, "{other}");
    assert_eq!(
        one["imported_meetings"].as_u64().unwrap() + other["imported_meetings"].as_u64().unwrap(),
        (a.len() + b.len()) as u64 - 2 * overlap(a, b) as u64,
        "each side takes what it lacked"
    );
    (first, second)
}

fn overlap(a: &[PathBuf], b: &[PathBuf]) -> usize {
    a.iter().filter(|f| b.contains(f)).count()
}

/// Every file of the branch's tree, with its blob: the tree compared file
/// by file, so a failure names the files that differ.
fn listing(store: &TempStore) -> Vec<(String, git2::Oid)> {
    let repo = store.repo();
    let tree = repo.find_tree(store.head_tree()).unwrap();
    let mut out = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() == Some(git2::ObjectType::Blob) {
            out.push((format!("{dir}{}", entry.name().unwrap()), entry.id()));
        }
        git2::TreeWalkResult::Ok
    })
    .unwrap();
    out
}

/// Stdout, stderr and status of a run, with the store's path made stable.
fn answer(store: &TempStore, args: &[&str]) -> (Option<i32>, String, String) {
    let out = store.cmd().args(args).arg("--json").output().unwrap();
    let stable = |b: Vec<u8>| {
        String::from_utf8(b)
            .unwrap()
            .replace(path(&store.path), "[store]")
    };
    (out.status.code(), stable(out.stdout), stable(out.stderr))
}

/// Every query asked of both stores gives the same answer: the lists
/// whole (also as of a date), and log, journey, diff and blame of a sample
/// of cases (every third, and
/// every case treated more than once among them).
fn same_answers(expected: &TempStore, actual: &TempStore) -> usize {
    let mut queries: Vec<Vec<String>> = [
        &["deferred"][..],
        &["pending"],
        &["cases"],
        &["meetings"],
        &["search", "budget"],
        &["search", "godkendt"],
        &["search", "skole"],
        &["search", "\"til efterretning\""],
        &["pending", "--as-of", "2023-06-30"],
        &["deferred", "--as-of", "2022-12-31"],
        &["cases", "--as-of", "2024-12-31"],
    ]
    .iter()
    .map(|q| q.iter().map(|s| s.to_string()).collect())
    .collect();
    let cases = expected.json(&["cases"]);
    for (k, case) in cases.as_array().unwrap().iter().enumerate() {
        if k % 3 != 0 && case["treatments"].as_u64() < Some(3) {
            continue;
        }
        let journal = case["journal"].as_str().unwrap().to_string();
        let mut scope = vec![journal];
        if let Some(org) = case["organisation"].as_str() {
            scope.extend(["--organisation".to_string(), org.to_string()]);
        }
        for command in ["log", "journey", "diff", "blame"] {
            let mut q = vec![command.to_string()];
            q.extend(scope.iter().cloned());
            queries.push(q);
        }
    }
    for q in &queries {
        let q: Vec<&str> = q.iter().map(String::as_str).collect();
        assert_eq!(answer(expected, &q), answer(actual, &q), "{q:?}");
    }
    queries.len()
}

/// Merges stores of `a` and `b` both ways and checks them against one
/// store of `all`; returns the files of the tree and the queries compared
/// per merged store.
fn assert_merged_like_one_store(all: &[PathBuf], a: &[PathBuf], b: &[PathBuf]) -> (usize, usize) {
    let one = store_of(all);
    let (first, second) = merged_both_ways(a, b);
    let files = listing(&one);
    assert_eq!(listing(&first), files);
    assert_eq!(first.head_tree(), one.head_tree());
    assert_eq!(second.head_tree(), one.head_tree(), "either direction");
    let mut queries = 0;
    for merged in [&first, &second] {
        let repo = merged.repo();
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        assert_eq!(head.parent_count(), 2, "an ordinary merge commit");
        let verify = merged.json(&["verify"]);
        assert_eq!(verify["problems"], serde_json::json!([]), "{verify}");
        queries = same_answers(&one, merged);
    }
    (files.len(), queries)
}

#[test]
fn disjoint_halves_merge_into_the_tree_of_one_store() {
    let all = history();
    // Alternate files, but the minutes whose decision the 000 seed quotes
    // in the other half than the 000 seed.
    let quoted = |f: &PathBuf| path(f).ends_with("2025-11-04_direktionen.md");
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (k, f) in all.iter().enumerate() {
        if k % 2 == 0 && !quoted(f) {
            a.push(f.clone());
        } else {
            b.push(f.clone());
        }
    }
    assert!(a.contains(&seed("000")) && b.iter().any(quoted));
    let (files, queries) = assert_merged_like_one_store(&all, &a, &b);
    assert!(
        files > 250 && queries > 100,
        "{files} files, {queries} queries"
    );
}

#[test]
fn overlapping_thirds_merge_into_the_tree_of_one_store() {
    let all = history();
    let third = all.len() / 3;
    // The first two thirds and the last two: the middle third in both.
    let a = all[..2 * third].to_vec();
    let b = all[third..].to_vec();
    assert!(overlap(&a, &b) >= 5);
    let (files, queries) = assert_merged_like_one_store(&all, &a, &b);
    assert!(
        files > 250 && queries > 100,
        "{files} files, {queries} queries"
    );
}

#[test]
fn pulling_again_changes_nothing() {
    let all = history();
    let a = store_of(&all[..6]);
    let b = store_of(&all[6..9]);
    let first = a.json(&["pull", path(&b.path)]);
    assert_eq!(first["merged"], true);
    let head = a.repo().head().unwrap().target();
    let commits = a.commit_count();
    let again = a.json(&["pull", path(&b.path)]);
    assert_eq!(again["merged"], false);
    assert_eq!(again["fast_forward"], false);
    assert_eq!(again["imported_meetings"], 0);
    assert_eq!(a.repo().head().unwrap().target(), head);
    assert_eq!(a.commit_count(), commits);
    let human = a.run(&["pull", path(&b.path)]);
    assert!(human.contains("already up to date"), "{human}");
}

#[test]
fn push_and_pull_round_trip_through_a_bare_repository() {
    let all = history();
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("shared.git");
    git2::Repository::init_bare(&remote).unwrap();
    let remote = path(&remote).to_string();

    let a = store_of(&all[..5]);
    let pushed = a.json(&["push", &remote]);
    assert_eq!(
        pushed["created"], true,
        "an empty repository gets the branch"
    );
    let head = |s: &TempStore| s.repo().head().unwrap().target().unwrap();
    let remote_head = || {
        git2::Repository::open_bare(&remote)
            .unwrap()
            .refname_to_id("refs/heads/main")
            .unwrap()
    };
    assert_eq!(remote_head(), head(&a));
    assert_eq!(a.json(&["push", &remote])["up_to_date"], true);

    // A colleague takes the history, adds minutes and pushes them.
    let b = TempStore::new();
    let taken = b.json(&["pull", &format!("file://{remote}")]);
    assert_eq!(taken["fast_forward"], true);
    assert_eq!(b.head_tree(), a.head_tree());
    b.run(&["commit", path(&all[5]), path(&all[6])]);
    assert_eq!(b.json(&["push", &remote])["created"], false);

    // Meanwhile this store imported other minutes: its push would drop the
    // colleague's, so it is refused until it pulls.
    a.run(&["commit", path(&all[7])]);
    let out = a.cmd().args(["push", &remote]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&remote) && err.contains("pull first"), "{err}");
    assert_eq!(remote_head(), head(&b), "the remote is unchanged");

    let merged = a.json(&["pull", &remote]);
    assert_eq!(merged["merged"], true);
    assert_eq!(merged["imported_meetings"], 2);
    a.run(&["push", &remote]);
    assert_eq!(remote_head(), head(&a));
    let fast = b.json(&["pull", &remote]);
    assert_eq!(fast["fast_forward"], true);
    assert_eq!(fast["imported_meetings"], 1);
    assert_eq!(b.head_tree(), store_of(&all[..8]).head_tree());
}

/// The 002 seed with `from` replaced by `to`, written to `dir/name`.
fn version_of_002(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(seed("002")).unwrap();
    assert!(text.contains(from));
    let file = dir.join(name);
    std::fs::write(&file, text.replace(from, to)).unwrap();
    file
}

#[test]
fn corrections_on_both_sides_resolve_the_same_way_in_both_directions() {
    let dir = tempfile::tempdir().unwrap();
    let original = seed("002");
    let approved = version_of_002(
        dir.path(),
        "002_godkendt.txt",
        "Sagen blev udskudt til kommende direktionsmøde.",
        "Indstillingen godkendes.",
    );
    let noted = version_of_002(
        dir.path(),
        "002_taget.txt",
        "Sagen blev udskudt til kommende direktionsmøde.",
        "Taget til efterretning.",
    );
    // Each store corrected the same minutes differently; neither has seen
    // the other's version.
    let a = TempStore::new();
    a.commit_each(&[original.clone(), approved.clone(), seed("000")]);
    let b = TempStore::new();
    b.commit_each(&[original.clone(), noted.clone(), seed("001")]);
    let copy = TempStore::new();
    copy.run(&["pull", path(&a.path)]);
    let one = a.json(&["pull", path(&b.path)]);
    let other = b.json(&["pull", path(&copy.path)]);
    assert_eq!(a.head_tree(), b.head_tree(), "either direction");

    let resolved = &one["corrections_resolved"];
    assert_eq!(resolved.as_array().unwrap().len(), 1, "{one}");
    let r = &resolved[0];
    assert_eq!(r["rule"], "sha256-order");
    assert_eq!(r["date"], "2024-03-05");
    let kept = r["kept"]["text_sha256"].as_str().unwrap();
    let replaced = r["replaced"]["text_sha256"].as_str().unwrap();
    assert!(kept > replaced, "the greater SHA-256 is kept");
    assert_eq!(
        other["corrections_resolved"][0]["kept"]["text_sha256"],
        kept
    );

    // The tree is that of one store that imported the kept version last.
    let (winner, loser) = if r["kept"]["file"].as_str().unwrap().contains("godkendt") {
        (approved, noted)
    } else {
        (noted, approved)
    };
    let one_store = TempStore::new();
    one_store.commit_each(&[original, seed("000"), seed("001"), loser, winner]);
    assert_eq!(a.head_tree(), one_store.head_tree());

    // The replaced version stays in history and the merge names it.
    let repo = a.repo();
    let merge = repo.head().unwrap().peel_to_commit().unwrap();
    let message = merge.message().unwrap();
    assert!(
        message.contains(&format!("Replaced-Sha256: {replaced}")),
        "{message}"
    );
    let parents_hold_it = merge.parents().any(|p| {
        let mut held = false;
        p.tree()
            .unwrap()
            .walk(git2::TreeWalkMode::PreOrder, |_, e| {
                if e.name().ok() == Some("meeting.json") {
                    let blob = repo.find_blob(e.id()).unwrap();
                    held |= String::from_utf8_lossy(blob.content()).contains(replaced);
                }
                git2::TreeWalkResult::Ok
            })
            .unwrap();
        held
    });
    assert!(parents_hold_it);
    // The store's record of corrections names the replaced version.
    let store = sagsspor::store::Store::open(&a.path).unwrap();
    let corrections = store.snapshot().unwrap().corrections().unwrap();
    let by_merge: Vec<_> = corrections
        .iter()
        .filter(|c| c.replaced_sha256.is_some())
        .collect();
    assert_eq!(by_merge.len(), 1, "{corrections:?}");
    assert_eq!(by_merge[0].replaced_sha256.as_deref(), Some(replaced));
    assert_eq!(by_merge[0].source_sha256, kept);
    assert_eq!(by_merge[0].date.to_string(), "2024-03-05");
    let verify = a.json(&["verify"]);
    assert_eq!(verify["problems"], serde_json::json!([]), "{verify}");
}

#[test]
fn a_version_the_other_side_replaced_loses() {
    let dir = tempfile::tempdir().unwrap();
    let original = seed("002");
    let corrected = version_of_002(
        dir.path(),
        "002_rettet.txt",
        "Sagen blev udskudt til kommende direktionsmøde.",
        "Indstillingen godkendes.",
    );
    let a = TempStore::new();
    a.commit_each(&[original.clone(), corrected]);
    let b = TempStore::new();
    b.commit_each(&[original, seed("000")]);
    let copy = TempStore::new();
    copy.run(&["pull", path(&b.path)]);
    let took = b.json(&["pull", path(&a.path)]);
    let kept = a.json(&["pull", path(&copy.path)]);
    assert_eq!(a.head_tree(), b.head_tree());
    for (out, side) in [(&took, "remote"), (&kept, "local")] {
        let r = &out["corrections_resolved"][0];
        assert_eq!(r["rule"], "superseded", "{out}");
        assert_eq!(r["kept"]["side"], side);
        assert_eq!(r["kept"]["file"], "002_rettet.txt");
    }
    assert_eq!(a.json(&["log", "24/5629"])[0]["outcome"], "approved");
}

/// Runs a pull expected to stop: exit 1, a message naming the remote, and
/// the store's branch where it was.
fn refused_pull(store: &TempStore, remote: &str) -> String {
    let head = || {
        git2::Repository::open_bare(&store.path)
            .ok()
            .and_then(|r| r.refname_to_id("refs/heads/main").ok())
    };
    let before = head();
    let out = store.cmd().args(["pull", remote]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(remote), "{err}");
    assert_eq!(head(), before);
    err
}

#[test]
fn documents_that_are_not_versions_of_one_another_stop_the_pull() {
    let dir = tempfile::tempdir().unwrap();
    // Another document under the 000 seed's meeting, with other cases.
    let other = std::fs::read_to_string(seed("002"))
        .unwrap()
        .replace("05-03-2024", "17-11-2025")
        .replace("5. marts 2024", "17. november 2025");
    let other_file = dir.path().join("other.txt");
    std::fs::write(&other_file, other).unwrap();
    let a = store_of(&[seed("000")]);
    let b = store_of(&[other_file, seed("001")]);
    let err = refused_pull(&a, path(&b.path));
    assert!(err.contains("share no item"), "{err}");
    assert!(err.contains("Direktionen 2025-11-17"), "{err}");
    assert!(err.contains("--replace"), "{err}");
}

#[test]
fn body_aliases_that_file_a_meeting_elsewhere_stop_the_pull() {
    let a = TempStore::new();
    a.run(&["commit", path(&seed("000"))]);
    std::fs::write(
        a.path.join("aliases.txt"),
        "Direktionen = Koncernledelsen\n",
    )
    .unwrap();
    a.run(&["rebuild"]);
    let b = store_of(&[seed("001")]);
    let err = refused_pull(&a, path(&b.path));
    assert!(err.contains("aliases"), "{err}");
    assert!(err.contains("Koncernledelsen"), "{err}");
}

#[test]
fn a_store_of_another_layout_stops_the_pull() {
    let a = store_of(&[seed("000")]);
    let b = store_of(&[seed("001")]);
    b.plant(|p| p == "LAYOUT", b"2\n");
    let err = refused_pull(&a, path(&b.path));
    assert!(err.contains("layout 2"), "{err}");
    assert!(err.contains("rebuild"), "{err}");
}

#[test]
fn a_remote_that_is_no_store_stops_the_pull() {
    let dir = tempfile::tempdir().unwrap();
    let a = store_of(&[seed("000")]);
    // A git repository with other content on its branch main.
    let other = dir.path().join("other.git");
    let repo = git2::Repository::init_bare(&other).unwrap();
    let mut builder = repo.treebuilder(None).unwrap();
    builder
        .insert("README", repo.blob(b"hello\n").unwrap(), 0o100644)
        .unwrap();
    let tree = repo.find_tree(builder.write().unwrap()).unwrap();
    let who = git2::Signature::now("x", "x@invalid").unwrap();
    repo.commit(Some("refs/heads/main"), &who, &who, "x", &tree, &[])
        .unwrap();
    let err = refused_pull(&a, path(&other));
    assert!(err.contains("not a sagsspor store"), "{err}");

    let empty = dir.path().join("empty.git");
    git2::Repository::init_bare(&empty).unwrap();
    let err = refused_pull(&a, path(&empty));
    assert!(err.contains("empty repository"), "{err}");

    let missing = dir.path().join("missing");
    let err = refused_pull(&a, path(&missing));
    assert!(err.contains("cannot reach"), "{err}");

    // A store that did not exist before a failed pull is not left behind.
    let fresh = TempStore::new();
    refused_pull(&fresh, path(&missing));
    assert!(!fresh.path.exists());
}

#[test]
fn https_and_ssh_remotes_are_understood() {
    // Nothing listens on port 1: the transport is there, the server is not.
    let a = store_of(&[seed("000")]);
    for remote in [
        "https://127.0.0.1:1/arkiv.git",
        "ssh://git@127.0.0.1:1/arkiv.git",
    ] {
        let err = refused_pull(&a, remote);
        assert!(err.contains("cannot reach"), "{err}");
        assert!(!err.contains("unsupported"), "{err}");
    }
}

/// The minutes of the meeting whose agenda is `dagsorden_byraadet.txt`,
/// written to `dir`: the agenda and the minutes of one meeting, which an
/// import keeps side by side (the minutes' treatments standing).
fn minutes_of_the_agenda(dir: &Path) -> PathBuf {
    let agenda = std::fs::read_to_string(handmade("dagsorden_byraadet.txt")).unwrap();
    let minutes = agenda.replacen("DAGSORDEN", "REFERAT", 1);
    let file = dir.join("referat_byraadet.txt");
    std::fs::write(&file, format!("{}\n\nGodkendt.\n", minutes.trim_end())).unwrap();
    file
}

#[test]
fn an_agenda_in_one_store_and_its_minutes_in_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = handmade("dagsorden_byraadet.txt");
    let minutes = minutes_of_the_agenda(dir.path());
    let all = [agenda.clone(), minutes.clone(), seed("002")];
    assert_merged_like_one_store(&all, &[agenda, seed("002")], &[minutes]);
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use sagsspor::ingest;
    use sagsspor::store::{Minutes, Store};

    /// Nine documents: the seeds, the quoted decision and a later one, an
    /// agenda and its meeting's minutes.
    fn pool(dir: &Path) -> Vec<Minutes> {
        let mut files = all_seeds();
        files.push(handmade("2024-03-19_direktionen.txt"));
        files.push(handmade("2025-11-04_direktionen.md"));
        files.push(handmade("dagsorden_byraadet.txt"));
        files.push(minutes_of_the_agenda(dir));
        files
            .iter()
            .map(|f| ingest::read(f).unwrap().minutes)
            .collect()
    }

    fn import(path: &Path, documents: &[&Minutes]) -> Store {
        let store = Store::open_or_create(path).unwrap();
        store
            .import(
                || {},
                |s| {
                    for m in documents {
                        s.add(m, &Default::default()).unwrap();
                    }
                },
            )
            .unwrap();
        store
    }

    fn pull(into: &Store, from: &Path) {
        into.pull(from.to_str().unwrap(), || {}, &mut |_| {})
            .unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

        /// Each document in the first store, the second or both, each
        /// store importing in its own order: merged either way, the tree is
        /// that of one store holding them all.
        #[test]
        fn a_merge_is_the_union_whichever_side_pulls(
            sides in prop::collection::vec(0u8..3, 9),
            order in Just((0..9).collect::<Vec<usize>>()).prop_shuffle(),
        ) {
            prop_assume!(sides.iter().any(|&s| s != 1) && sides.iter().any(|&s| s != 0));
            let dir = tempfile::tempdir().unwrap();
            let docs = pool(dir.path());
            let one = TempStore::new();
            let reference = import(&one.path, &docs.iter().collect::<Vec<_>>());
            let (first, second, copy) = (TempStore::new(), TempStore::new(), TempStore::new());
            let pick = |side: u8, order: &mut dyn Iterator<Item = usize>| -> Vec<&Minutes> {
                order.filter(|&i| sides[i] == side || sides[i] == 2).map(|i| &docs[i]).collect()
            };
            let a = import(&first.path, &pick(0, &mut order.iter().copied()));
            let b = import(&second.path, &pick(1, &mut order.iter().rev().copied()));
            let a_copy = Store::open_or_create(&copy.path).unwrap();
            pull(&a_copy, &first.path);
            pull(&a, &second.path);
            pull(&b, &copy.path);
            let tree = reference.head_tree_id().unwrap();
            prop_assert_eq!(a.head_tree_id().unwrap(), tree);
            prop_assert_eq!(b.head_tree_id().unwrap(), tree);
            prop_assert_eq!(
                a.snapshot().unwrap().summary().unwrap(),
                reference.snapshot().unwrap().summary().unwrap()
            );
        }
    }
}

/// A correction resolved by a pull names the meeting by its canonical body
/// (`Byrådet`, not the minutes' `Byråd 2022-2025`), as the import commits
/// and `commit --json` do: in `--json`, in the text and in the merge commit.
#[test]
fn a_resolved_correction_names_the_canonical_body() {
    let dir = tempfile::tempdir().unwrap();
    let original = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/real/greve/2022-10-03_1900_byraad-2022-2025_cc763b18.json");
    let text = std::fs::read_to_string(&original).unwrap();
    assert!(text.contains("18 for og 2 imod"));
    let changed = dir.path().join("2022-10-03_byraad_rettet.json");
    std::fs::write(
        &changed,
        text.replace("18 for og 2 imod", "17 for og 3 imod"),
    )
    .unwrap();
    let a = store_of(std::slice::from_ref(&original));
    let b = store_of(std::slice::from_ref(&changed));
    let imported = b.json(&["commit", path(&changed)]);
    assert!(imported.to_string().contains("\"Byrådet\""), "{imported}");

    let json = a.json(&["pull", path(&b.path)]);
    let resolved = json["corrections_resolved"].as_array().unwrap();
    assert_eq!(resolved.len(), 1, "{json}");
    assert_eq!(resolved[0]["body"], "Byrådet", "{json}");
    let message = a
        .repo()
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .message()
        .unwrap()
        .to_string();
    assert!(message.contains("\nBody: Byrådet\n"), "{message}");
    assert!(!message.contains("Byråd "), "{message}");

    let c = store_of(std::slice::from_ref(&original));
    let said = c.run(&["pull", path(&b.path)]);
    assert!(said.contains("  Byrådet 2022-10-03"), "{said}");
    assert!(!said.contains("Byråd "), "{said}");
}

/// A remote that is a local path is looked at before git is asked: a
/// missing folder, a file and an empty name are said as such (exit 1, and
/// 2 for the empty name, a usage error), by pull and by push alike.
#[test]
fn a_local_remote_that_is_no_folder_is_named_so() {
    let dir = tempfile::tempdir().unwrap();
    let a = store_of(&[seed("000")]);
    let missing = dir.path().join("missing");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    for command in ["pull", "push"] {
        for (remote, said) in [
            (path(&missing), "no such folder"),
            (path(&file), "is a file, not a store or git repository"),
            ("missing-relative", "no such folder"),
        ] {
            let out = a.cmd().args([command, remote]).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{command} {remote}: {err}");
            assert!(err.contains(remote) && err.contains(said), "{err}");
            assert!(!err.contains("unsupported"), "{err}");
        }
        let out = a.cmd().args([command, ""]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command} '': {err}");
        assert!(err.contains("an empty remote name"), "{err}");
    }
    let refused = refused_pull(&a, path(&missing));
    assert!(refused.contains("git init --bare"), "{refused}");
    // A pull into a store that did not exist leaves none behind.
    let fresh = TempStore::new();
    refused_pull(&fresh, path(&file));
    assert!(!fresh.path.exists());
}
