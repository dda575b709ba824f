//! Errors name the file or case, exit non-zero, and never lose the rest of a
//! batch.

use crate::util::*;
use predicates::prelude::*;

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
fn a_corrupt_store_is_an_internal_error_exit_3() {
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
    let dir_name = file
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
