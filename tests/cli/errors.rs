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
        .failure()
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
        .args(["diff", "22/1055", "--to", "17-11-2025"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "invalid date '17-11-2025' (expected YYYY-MM-DD)",
        ));
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
