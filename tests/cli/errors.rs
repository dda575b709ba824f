//! Errors name the file or case, exit non-zero, and never lose the rest of a
//! batch.

use crate::util::*;
use predicates::prelude::*;
use std::path::Path;

#[test]
fn unknown_case_names_it_and_suggests_the_nearest() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    store
        .cmd()
        .args(["log", "22/1056"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown case '22/1056'"))
        .stderr(predicate::str::contains("did you mean 22/1055"));
    store
        .cmd()
        .args(["diff", "22/1055", "--to", "2020-01-01"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no treatment on 2020-01-01"));
    store
        .cmd()
        .args(["diff", "22/1055", "--to", "17/11/25"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value '17/11/25' for '--to <DATE>': expected a date as YYYY-MM-DD or DD-MM-YYYY",
        ));
    // The Danish form is a date like the ISO one.
    store
        .cmd()
        .args(["diff", "22/1055", "--to", "17-11-2025"])
        .assert()
        .success();
}

#[test]
fn usage_errors_exit_2_user_errors_1() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let code = |args: &[&str]| store.cmd().args(args).output().unwrap().status.code();
    assert_eq!(code(&["show", "22/1055", "--at", "2025-02-30"]), Some(2));
    assert_eq!(
        code(&["diff", "22/1055", "--section", "sagsfremstillig"]),
        Some(2)
    );
    assert_eq!(code(&["--color", "sometimes", "cases"]), Some(2));
    assert_eq!(code(&["nonsense"]), Some(2));
    assert_eq!(code(&["show", "99/99999"]), Some(1));
    assert_eq!(code(&["diff", "22/1055", "--to", "2020-01-01"]), Some(1));
    store
        .cmd()
        .args(["diff", "22/1055", "--section", "sagsfremstillig"])
        .assert()
        .stderr(predicate::str::contains(
            "unknown section 'sagsfremstillig'",
        ))
        .stderr(predicate::str::contains("sagsfremstilling"));
    store
        .cmd()
        .env("SAGSSPOR_TODAY", "i morgen")
        .arg("deferred")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SAGSSPOR_TODAY is 'i morgen'"));
}

#[test]
fn a_corrupt_store_file_is_named_and_the_rest_still_answers() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    // A treatment file that is not JSON, committed with plain git.
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(work)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@invalid")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["clone", "-q", store.path.to_str().unwrap(), "."]);
    let case = std::fs::read_dir(work.join("cases"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let file = walk_first_file(&case);
    std::fs::write(&file, "not json").unwrap();
    git(&["commit", "-qam", "tamper"]);
    git(&["push", "-q", "origin", "HEAD:main"]);
    // cases/<org>/<h>/<h>/<h>/<journal>/<year>/<month>/<file>
    let dir_name = file
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace("%2F", "/");
    store
        .cmd()
        .args(["log", &dir_name])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("corrupt store file"))
        .stderr(predicate::str::contains(
            "hint: check the store with: sagsspor verify",
        ));
    // Every other question is still answered, and the bad file is named.
    let shown = file
        .strip_prefix(work)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for command in ["cases", "deferred", "meetings"] {
        store
            .cmd()
            .arg(command)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "left out, cannot be read: {shown}"
            )));
    }
    let cases = store.json(&["cases"]);
    assert!(
        cases.as_array().unwrap().len() > 30,
        "the other cases are listed"
    );
    // An unrelated import lands, with its report.
    let out = store
        .cmd()
        .args([
            "commit",
            "--json",
            handmade("2024-03-19_direktionen.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["imported"].as_array().unwrap().len(), 1);
    let report = store.cmd().args(["verify", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"] == shown.as_str()),
        "{report}"
    );
}

fn walk_first_file(dir: &std::path::Path) -> std::path::PathBuf {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    let first = entries[0].path();
    if first.is_dir() {
        walk_first_file(&first)
    } else {
        first
    }
}

#[test]
fn reading_commands_without_a_store_say_how_to_make_one() {
    let store = TempStore::new();
    store
        .cmd()
        .arg("deferred")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no store at"))
        .stderr(predicate::str::contains("sagsspor commit"));
}

#[test]
fn a_bad_file_is_reported_by_name_and_the_rest_land() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("not-minutes.txt");
    std::fs::write(&bad, "Kære alle,\n\ntak for i dag.\n").unwrap();
    let store = TempStore::new();
    store
        .cmd()
        .arg("commit")
        .arg(seed("000"))
        .arg(&bad)
        .arg(seed("002"))
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "not-minutes.txt: no agenda items found",
        ));
    assert_eq!(store.commit_count(), 2);
}

/// What is wrong with one part of a document is said about that part: an
/// impossible date by name, an over-long journal number costs its item only
/// the number.
#[test]
fn an_impossible_date_is_named_and_an_overlong_journal_costs_only_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let bad_date = dir.path().join("bad_date.txt");
    std::fs::write(
        &bad_date,
        "REFERAT Direktionen d. 31-02-2025\n\nPunkt 1: Sag\n\n25/1\n\nBeslutning\n\nGodkendt.\n",
    )
    .unwrap();
    let store = TempStore::new();
    store
        .cmd()
        .args(["commit", bad_date.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad_date.txt"))
        .stderr(predicate::str::contains("invalid date 31-02-2025"));

    let long = dir.path().join("long.txt");
    let many: String = (2..=25)
        .map(|n| format!("Punkt {n}: Sag {n}\n\n25/{n}\n\nBeslutning\n\nGodkendt.\n\n"))
        .collect();
    std::fs::write(
        &long,
        format!(
            "REFERAT Direktionen d. 03-02-2025\n\nPunkt 1: Sag\n\nSagsnr.: {}\n\nBeslutning\n\nGodkendt.\n\n{many}",
            "9".repeat(101)
        ),
    )
    .unwrap();
    store
        .cmd()
        .args(["commit", long.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "punkt 1: journal number of 101 characters dropped",
        ));
    let cases = store.json(&["cases"]);
    assert_eq!(cases.as_array().unwrap().len(), 24, "items 2–25 are filed");
    store.run(&["verify"]);
}

/// A first import of which nothing can be read leaves nothing behind: no
/// empty store that the next command would take for a real one.
#[test]
fn a_failed_first_import_makes_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nothing.txt");
    std::fs::write(&file, "nothing here\n").unwrap();
    let store = TempStore::new();
    let out = store
        .cmd()
        .args(["commit", "--json", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["failed"][0]["file"], file.to_str().unwrap());
    assert!(!store.path.exists(), "no store was made");
}

/// `--csv` and `--excel` on a command without a table are a usage error
/// that names the commands that have one, before anything runs (no store
/// made, no file written), rather than ignored.
#[test]
fn a_table_flag_on_a_command_without_a_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let store = TempStore::new();
    let seed = seed("000");
    let seed = seed.to_str().unwrap();
    let commands: [&[&str]; 17] = [
        &["commit", seed],
        &["parse", seed],
        &["blame", "24/5629"],
        &["journey", "24/5629"],
        &["diff", "24/5629"],
        &["show", "24/5629"],
        &["search", "budget"],
        &["feed", "--out", out],
        &["report", "--out", out],
        &["verify"],
        &["rebuild"],
        &["pull", out],
        &["push", out],
        &["completions", "bash"],
        &["man"],
        &["commit", "--csv", seed],
        &["blame", "--excel", "24/5629"],
    ];
    for args in commands {
        for flag in ["--csv", "--excel"] {
            let mut cmd = store.cmd();
            if !args.contains(&"--csv") && !args.contains(&"--excel") {
                cmd.arg(flag);
            }
            let done = cmd.args(args).output().unwrap();
            let err = String::from_utf8_lossy(&done.stderr);
            assert_eq!(done.status.code(), Some(2), "{args:?} {flag}: {err}");
            assert!(done.stdout.is_empty(), "{args:?}");
            assert!(
                err.contains(&format!("'{}' has none", args[0]))
                    && err.contains("deferred, pending, cases, meetings and log"),
                "{err}"
            );
        }
    }
    assert!(!store.path.exists(), "nothing ran");
    assert!(!Path::new(out).exists(), "nothing written");
}
