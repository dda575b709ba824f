//! The JSON contract: one snapshot per command pins the shape of its
//! `--json` value, so it changes only on purpose (review with
//! `cargo insta review`, and say so in the README's contract table).

use crate::util::*;

/// A store with one meeting deferring 24/5629, the meeting it comes back
/// in, and the minutes that quote 22/1055's earlier decision.
fn store() -> TempStore {
    let store = TempStore::new();
    store.run(&[
        "commit",
        "testdata/seeds/002_ebf497151d8e0e8e.txt",
        "testdata/handmade/2024-03-19_direktionen.txt",
        "testdata/seeds/000_29b394e088e1976e.txt",
    ]);
    store
}

/// Stdout of a `--json` run, with the temporary store path made stable.
fn json(store: &TempStore, args: &[&str]) -> String {
    let out = store.cmd().args(args).arg("--json").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Every line must be JSON (one value, or JSON Lines for `parse`).
    let values: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&text)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{args:?} printed no JSON: {e}\n{text}"));
    assert!(!values.is_empty(), "{args:?} printed nothing");
    text.replace(store.path.to_str().unwrap(), "[store]")
}

#[test]
fn parse_json() {
    let store = TempStore::new();
    insta::assert_snapshot!(json(
        &store,
        &["parse", "testdata/handmade/2024-03-19_direktionen.txt"]
    ));
}

#[test]
fn commit_json() {
    let store = TempStore::new();
    insta::assert_snapshot!(json(
        &store,
        &[
            "commit",
            "testdata/seeds/002_ebf497151d8e0e8e.txt",
            "testdata/handmade/2024-03-19_direktionen.txt",
            "testdata/handmade/no-such-file.txt",
        ]
    ));
}

#[test]
fn log_json() {
    insta::assert_snapshot!(json(&store(), &["log", "22/1055"]));
}

#[test]
fn diff_json() {
    insta::assert_snapshot!(json(&store(), &["diff", "24/5629"]));
}

#[test]
fn blame_json() {
    insta::assert_snapshot!(json(&store(), &["blame", "24/5629"]));
}

#[test]
fn show_json() {
    insta::assert_snapshot!(json(&store(), &["show", "24/5629"]));
}

#[test]
fn deferred_json() {
    insta::assert_snapshot!(json(&store(), &["deferred"]));
}

#[test]
fn journey_json() {
    insta::assert_snapshot!(json(&store(), &["journey", "22/1055"]));
}

#[test]
fn pending_json() {
    insta::assert_snapshot!(json(&store(), &["pending"]));
}

#[test]
fn cases_json() {
    insta::assert_snapshot!(json(&store(), &["cases", "24/"]));
}

#[test]
fn meetings_json() {
    insta::assert_snapshot!(json(&store(), &["meetings"]));
}

#[test]
fn verify_json() {
    insta::assert_snapshot!(json(&store(), &["verify"]));
}

#[test]
fn report_json() {
    let store = store();
    let out = store.path.with_file_name("site");
    let text = json(&store, &["report", "--out", out.to_str().unwrap()]);
    insta::assert_snapshot!(text.replace(out.parent().unwrap().to_str().unwrap(), "[tmp]"));
}

#[test]
fn search_json() {
    insta::assert_snapshot!(json(&store(), &["search", "projektet", "--limit", "3"]));
}

#[test]
fn pull_json() {
    let dir = tempfile::tempdir().unwrap();
    let corrected = dir.path().join("002_rettet.txt");
    let text = std::fs::read_to_string("testdata/seeds/002_ebf497151d8e0e8e.txt").unwrap();
    std::fs::write(
        &corrected,
        text.replace(
            "Sagen blev udskudt til kommende direktionsmøde.",
            "Indstillingen godkendes.",
        ),
    )
    .unwrap();
    let remote = TempStore::new();
    remote.run(&[
        "commit",
        corrected.to_str().unwrap(),
        "testdata/seeds/001_77206ef6a0b3e4b3.txt",
    ]);
    let remote_path = remote.path.to_str().unwrap();
    let text = json(&store(), &["pull", remote_path]);
    insta::assert_snapshot!(text.replace(remote_path, "[remote]"));
}

#[test]
fn push_json() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("shared.git");
    git2::Repository::init_bare(&remote).unwrap();
    let remote = remote.to_str().unwrap();
    let text = json(&store(), &["push", remote]);
    insta::assert_snapshot!(text.replace(remote, "[remote]"));
}
