//! `--as-of DATE`: every list and case answered as a store holding only the
//! minutes of meetings up to that date would answer it. Greve's six real
//! meetings quote decisions of committees whose minutes are not among them
//! (Klima-, Teknik- og Miljøudvalget on 2022-09-19, quoted on 2022-09-26;
//! on 2023-11-16, quoted on 2023-11-21), so a cut between a quoted decision
//! and the minutes that quote it is tested too.

use crate::util::*;
use std::path::{Path, PathBuf};

fn greve_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/real/greve");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The meeting date a Greve file is named by (`2022-08-29_0800_…`).
fn meeting_date(file: &Path) -> String {
    file.file_name().unwrap().to_string_lossy()[..10].to_string()
}

/// Stdout and exit code of a run with days waiting counted to `today`.
fn answer(store: &TempStore, args: &[&str], today: &str) -> (String, Option<i32>) {
    let out = store
        .cmd()
        .env("SAGSSPOR_TODAY", today)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

/// Cases whose treatments straddle the cuts below, by a quote or by their
/// own minutes.
const JOURNALS: [&str; 6] = [
    "21-016317",
    "22-009229",
    "22-009218",
    "22-011409",
    "23-012060",
    "22-009799",
];

#[test]
fn as_of_a_date_answers_as_the_store_of_the_meetings_until_then() {
    let all = TempStore::new();
    all.commit_each(&greve_files());
    // The day of the first meeting (the date counts), between the
    // 2022-09-19 decisions and the minutes quoting them, and between the
    // 2023-11-16 decision and its quote.
    for cut in ["2022-08-29", "2022-09-20", "2023-11-17"] {
        let earlier: Vec<PathBuf> = greve_files()
            .into_iter()
            .filter(|f| meeting_date(f).as_str() <= cut)
            .collect();
        let part = TempStore::new();
        part.commit_each(&earlier);
        let mut questions: Vec<Vec<&str>> = vec![vec!["deferred"], vec!["pending"], vec!["cases"]];
        for journal in JOURNALS {
            questions.push(vec!["log", journal]);
            questions.push(vec!["journey", journal]);
        }
        for question in &questions {
            let mut as_of = question.clone();
            as_of.extend(["--as-of", cut]);
            assert_eq!(
                answer(&all, &as_of, "2026-01-01"),
                answer(&part, question, cut),
                "{question:?} as of {cut}"
            );
        }
    }
}

#[test]
fn days_wait_until_the_date() {
    let store = TempStore::new();
    store.commit_each(&greve_files());
    let pending = store.json(&["pending", "--as-of", "2022-09-30"]);
    let row = pending
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["journal"] == "22-009229")
        .unwrap();
    // Recommended to Byrådet on 2022-09-26, four days before; Byrådet
    // approved it on 2022-10-03, after the date.
    assert_eq!(row["date"], "2022-09-26");
    assert_eq!(row["waiting_for"], serde_json::json!(["Byrådet"]));
    assert_eq!(row["waiting_days"], 4);
    let deferred = store.json(&["deferred", "--as-of", "2022-09-01"]);
    let row = deferred
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["journal"] == "22-009229")
        .unwrap();
    assert_eq!(
        (&row["date"], &row["waiting_days"]),
        (&"2022-08-29".into(), &3.into())
    );
    // Today no longer waits for it.
    let now = store.json(&["pending"]);
    assert!(
        now.as_array()
            .unwrap()
            .iter()
            .all(|r| r["journal"] != "22-009229")
    );
    let text = store.run(&["pending", "--as-of", "30-09-2022"]);
    assert!(text.contains("    4 d  2022-09-26  22-009229"), "{text}");

    // A date after today is answered, with a note that says so.
    let later = store
        .cmd()
        .args(["deferred", "--as-of", "2030-01-01", "--json"])
        .output()
        .unwrap();
    assert!(later.status.success());
    let note = String::from_utf8_lossy(&later.stderr);
    assert!(
        note.contains("--as-of 2030-01-01 is after today (2026-01-01)"),
        "{note}"
    );
}

#[test]
fn before_every_meeting_there_is_nothing() {
    let store = TempStore::new();
    store.commit_each(&greve_files());
    for list in ["deferred", "pending", "cases"] {
        assert_eq!(
            store.json(&[list, "--as-of", "2020-01-01"]),
            serde_json::json!([]),
            "{list}"
        );
    }
    let out = store
        .cmd()
        .args(["log", "22-009229", "--as-of", "2020-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("22-009229 has no treatment up to 2020-01-01 (its first: 2022-08-29)"),
        "{err}"
    );
}

/// A case of the store asked about as of a date before the first minutes
/// that tell of it is no unknown case: the error says when it comes, for
/// each command about one case that takes --as-of, and offers no other
/// numbers.
/// A case the store does not have is still unknown.
#[test]
fn a_case_asked_before_its_first_treatment_says_when_it_comes() {
    let store = TempStore::new();
    store.commit_each(&greve_files());
    let first = store.json(&["log", "23-012060"])[0]["source"]["date"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(first.as_str() > "2022-06-01", "{first}");
    for command in ["log", "journey"] {
        let out = store
            .cmd()
            .args([command, "23-012060", "--as-of", "2022-06-01"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {err}");
        assert!(
            err.contains(&format!(
                "23-012060 has no treatment up to 2022-06-01 (its first: {first})"
            )),
            "{command}: {err}"
        );
        assert!(
            !err.contains("unknown case") && !err.contains("did you mean"),
            "{err}"
        );
    }
    let out = store
        .cmd()
        .args(["log", "23-999999", "--as-of", "2022-06-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown case '23-999999'"));
}

#[test]
fn the_report_as_of_a_date_is_the_report_of_the_store_then() {
    let all = TempStore::new();
    all.commit_each(&greve_files());
    let cut = "2022-09-30";
    let part = TempStore::new();
    part.commit_each(
        &greve_files()
            .into_iter()
            .filter(|f| meeting_date(f).as_str() <= cut)
            .collect::<Vec<_>>(),
    );
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("as-of"), out.path().join("part"));
    all.run(&["report", "--out", a.to_str().unwrap(), "--as-of", cut]);
    part.cmd()
        .env("SAGSSPOR_TODAY", cut)
        .args(["report", "--out", b.to_str().unwrap()])
        .assert()
        .success();
    let pages = |dir: &Path| {
        let mut pages: Vec<(PathBuf, Vec<u8>)> = walkdir(dir)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        pages.sort();
        pages
    };
    let (pa, pb) = (pages(&a), pages(&b));
    assert!(pa.len() > 10, "{} pages", pa.len());
    assert_eq!(
        pa.iter().map(|p| &p.0).collect::<Vec<_>>(),
        pb.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in pa.iter().zip(&pb) {
        assert!(x == y, "{name:?} differs");
    }
}

/// Every file below `dir`.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}
