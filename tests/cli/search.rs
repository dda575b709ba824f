//! `sagsspor search`: words in every treatment's sections, Danish-aware,
//! newest first, with the filters and the derived search file.

use crate::util::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn seeded() -> TempStore {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    store
}

fn rows(store: &TempStore, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    store.json(&all).as_array().unwrap().clone()
}

fn field<'a>(row: &'a Value, name: &str) -> &'a str {
    row[name].as_str().unwrap_or_default()
}

/// The treatments (journal, date, punkt) the rows name.
fn treatments(rows: &[Value]) -> BTreeSet<(String, String, String)> {
    rows.iter()
        .map(|r| {
            (
                field(r, "journal").to_string(),
                field(r, "date").to_string(),
                r["punkt"].to_string(),
            )
        })
        .collect()
}

#[test]
fn finds_words_in_every_section_with_a_snippet() {
    let store = seeded();
    let found = rows(&store, &["skyen", "--limit", "0"]);
    // 24/5629's title, Baggrund and more; its Indstilling does not say it.
    let case: Vec<&Value> = found
        .iter()
        .filter(|r| field(r, "journal") == "24/5629")
        .collect();
    let sections: Vec<&str> = case.iter().map(|r| field(r, "section")).collect();
    assert!(sections.contains(&"title"), "{sections:?}");
    assert!(sections.contains(&"baggrund"), "{sections:?}");
    assert!(!sections.contains(&"indstilling"), "{sections:?}");
    for r in &found {
        assert!(
            r["snippet"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("skyen"),
            "{r}"
        );
    }
}

#[test]
fn json_rows_have_the_contract_fields() {
    let store = seeded();
    let found = rows(&store, &["direktionen", "--limit", "3"]);
    assert!(!found.is_empty());
    for r in &found {
        let keys: BTreeSet<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "journal",
                "organisation",
                "date",
                "body",
                "punkt",
                "section",
                "snippet"
            ])
        );
    }
}

#[test]
fn inflections_find_each_other() {
    let store = seeded();
    // «projekterne» is stemmed to «projekt»: 24/5629's Indstilling says
    // «projektet» and «projektøkonomi».
    let found = rows(&store, &["projekterne", "--limit", "0"]);
    let indstilling = found
        .iter()
        .find(|r| field(r, "journal") == "24/5629" && field(r, "section") == "indstilling")
        .expect("24/5629's Indstilling");
    assert!(field(indstilling, "snippet").contains("projektet"));
    assert_eq!(
        treatments(&rows(&store, &["projekt", "--limit", "0"])),
        treatments(&found)
    );
}

#[test]
fn danish_letters_and_old_spellings_fold() {
    let store = seeded();
    let taastrup = treatments(&rows(&store, &["Høje-Taastrup", "--limit", "0"]));
    assert!(!taastrup.is_empty());
    for spelling in [
        "HØJE-TAASTRUP",
        "hoeje-taastrup",
        "høje-tåstrup",
        "Hoeje Tåstrup",
    ] {
        assert_eq!(
            treatments(&rows(&store, &[spelling, "--limit", "0"])),
            taastrup,
            "{spelling}"
        );
    }
    // Nødberedskab, with ø, found spelled with oe.
    let found = rows(&store, &["noedberedskab"]);
    assert!(found.iter().any(|r| field(r, "journal") == "24/14508"));
}

#[test]
fn every_word_must_occur_and_phrases_are_found_as_written() {
    let store = seeded();
    let either = treatments(&rows(&store, &["skyen", "--limit", "0"]));
    let both = treatments(&rows(&store, &["skyen", "økonomi", "--limit", "0"]));
    assert!(!both.is_empty() && both.is_subset(&either));
    let none = rows(&store, &["skyen", "xylofonorkester"]);
    assert!(none.is_empty());
    let phrase = rows(&store, &["\"fra drev til skyen\"", "--limit", "0"]);
    assert!(
        phrase.iter().all(|r| {
            sagsspor::search::fold(field(r, "snippet")).contains("fra drev til skyen")
        })
    );
    assert!(phrase.iter().any(|r| field(r, "journal") == "24/5629"));
}

#[test]
fn newest_first_and_limited() {
    let store = seeded();
    let all = rows(&store, &["direktionen", "--limit", "0"]);
    let dates: Vec<&str> = all.iter().map(|r| field(r, "date")).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let total = treatments(&all).len();
    assert!(total > 3);
    let three = rows(&store, &["direktionen", "--limit", "3"]);
    assert_eq!(treatments(&three).len(), 3);
    let text = store.run(&["search", "direktionen", "--limit", "3"]);
    assert!(
        text.contains(&format!(
            "3 of {total} treatments that hold «direktionen» shown, newest first; {} more: --limit N shows N, --limit 0 all.",
            total - 3
        )),
        "{text}"
    );
    // The default is 20.
    assert_eq!(
        treatments(&rows(&store, &["direktionen"])).len(),
        total.min(20)
    );
}

#[test]
fn filters_by_date_body_and_organisation() {
    let store = seeded();
    let all = rows(&store, &["direktionen", "--limit", "0"]);
    let since = rows(
        &store,
        &["direktionen", "--limit", "0", "--since", "2025-01-01"],
    );
    assert!(!since.is_empty() && since.len() < all.len());
    assert!(since.iter().all(|r| field(r, "date") >= "2025-01-01"));
    // Danish dates too.
    let until = rows(
        &store,
        &["direktionen", "--limit", "0", "--until", "02-11-2022"],
    );
    assert!(!until.is_empty());
    assert!(until.iter().all(|r| field(r, "date") <= "2022-11-02"));
    let between = rows(
        &store,
        &[
            "direktionen",
            "--limit",
            "0",
            "--since",
            "01-01-2024",
            "--until",
            "2024-12-31",
        ],
    );
    assert!(
        between
            .iter()
            .all(|r| field(r, "date").starts_with("2024-"))
    );
    assert!(!between.is_empty());

    assert_eq!(
        rows(
            &store,
            &["direktionen", "--limit", "0", "--body", "direktion"]
        )
        .len(),
        all.len()
    );
    assert!(rows(&store, &["direktionen", "--body", "Økonomiudvalget"]).is_empty());
    // The seeds are Høje-Taastrup's and Kalundborg's.
    let taastrup = rows(
        &store,
        &[
            "direktionen",
            "--limit",
            "0",
            "--organisation",
            "høje-taastrup",
        ],
    );
    let kalundborg = rows(
        &store,
        &[
            "direktionen",
            "--limit",
            "0",
            "--organisation",
            "KALUNDBORG",
        ],
    );
    assert!(!taastrup.is_empty() && !kalundborg.is_empty());
    assert!(
        taastrup
            .iter()
            .all(|r| field(r, "organisation") == "Høje-Taastrup Kommune")
    );
    assert!(
        kalundborg
            .iter()
            .all(|r| field(r, "organisation") == "Kalundborg Kommune")
    );
    assert_eq!(taastrup.len() + kalundborg.len(), all.len());
    assert!(rows(&store, &["direktionen", "--organisation", "Greve"]).is_empty());

    // The outcome of the treatment's decision.
    let deferred = rows(
        &store,
        &["direktionen", "--limit", "0", "--outcome", "deferred"],
    );
    assert!(!deferred.is_empty() && deferred.len() < all.len());
    let log = store.json(&["log", "24/5629"]);
    assert_eq!(log[0]["outcome"], "deferred");
    assert!(
        rows(&store, &["skyen", "--limit", "0", "--outcome", "deferred"])
            .iter()
            .any(|r| field(r, "journal") == "24/5629" && field(r, "date") == "2024-03-05")
    );
    assert!(
        rows(&store, &["skyen", "--limit", "0", "--outcome", "approved"])
            .iter()
            .all(|r| field(r, "journal") != "24/5629" || field(r, "date") != "2024-03-05")
    );
}

#[test]
fn bad_dates_and_empty_queries_are_usage_errors() {
    let store = seeded();
    for args in [
        &["search", "skyen", "--since", "2025-13-01"][..],
        &["search", "skyen", "--since", "i går"],
        &[
            "search",
            "skyen",
            "--since",
            "2025-01-02",
            "--until",
            "2025-01-01",
        ],
        &["search", "--", "--"],
    ] {
        store.cmd().args(args).assert().code(2);
    }
}

#[test]
fn a_quoted_decision_is_found_once_under_its_own_date() {
    let store = seeded();
    // 22/1055's decision of 2025-11-04 is known only from the 2025-11-17
    // minutes.
    let found = rows(&store, &["forlænges", "--limit", "0"]);
    let quoted: Vec<&Value> = found
        .iter()
        .filter(|r| field(r, "journal") == "22/1055" && field(r, "date") == "2025-11-04")
        .collect();
    assert_eq!(quoted.len(), 1, "{found:?}");
    assert!(quoted[0]["punkt"].is_null());
    assert_eq!(field(quoted[0], "section"), "beslutning");
}

#[test]
fn an_import_is_found_by_the_next_search() {
    let store = TempStore::new();
    store.run(&["commit", "testdata/seeds/002_ebf497151d8e0e8e.txt"]);
    assert!(rows(&store, &["\"projektets første fase\""]).is_empty());
    let before = rows(&store, &["skyen", "--limit", "0"]);
    store.run(&["commit", "testdata/handmade/2024-03-19_direktionen.txt"]);
    let found = rows(&store, &["\"projektets første fase\""]);
    assert_eq!(treatments(&found).len(), 1, "{found:?}");
    assert_eq!(field(&found[0], "date"), "2024-03-19");
    assert!(rows(&store, &["skyen", "--limit", "0"]).len() > before.len());
    // The derived file is beside the store's other derived files; a broken
    // one is made anew.
    let file = store.path.join("sagsspor-search.bin");
    assert!(file.is_file());
    std::fs::write(&file, b"sagsspor-search\nnot really").unwrap();
    assert_eq!(rows(&store, &["\"projektets første fase\""]), found);
    // So is a deleted one.
    std::fs::remove_file(&file).unwrap();
    assert_eq!(rows(&store, &["\"projektets første fase\""]), found);
}

#[test]
fn human_output_marks_the_words_and_keeps_control_characters_out() {
    let store = seeded();
    let text = store.run(&["search", "skyen", "--limit", "1"]);
    assert!(text.contains("**skyen**"), "{text}");
    assert!(
        text.starts_with("2024-03-05  Direktionen  punkt 9"),
        "{text}"
    );
    let coloured = store.run(&["--color", "always", "search", "skyen", "--limit", "1"]);
    assert!(coloured.contains("\u{1b}[1m\u{1b}[31mskyen"), "{coloured}");
    assert!(
        store
            .run(&["search", "xylofonorkester"])
            .contains("No treatment holds")
    );

    let hostile = TempStore::new();
    let dir = tempfile::tempdir().unwrap();
    let minutes = std::fs::read_to_string(seed("002")).unwrap().replace(
        "fra drev til skyen",
        "fra drev til skyen\u{1b}]0;pwned\u{7}\u{1b}[2J",
    );
    let path = dir.path().join("hostile.txt");
    std::fs::write(&path, minutes).unwrap();
    hostile.run(&["commit", path.to_str().unwrap()]);
    let text = hostile.run(&["--color", "always", "search", "skyen", "--limit", "0"]);
    assert!(text.contains("skyen"));
    assert!(!text.contains("\u{7}") && !text.contains("\u{1b}]") && !text.contains("\u{1b}[2J"));
}

#[test]
fn a_planted_search_file_never_hangs_nor_writes_outside_the_store() {
    let store = seeded();
    let expected = rows(&store, &["skyen", "--limit", "0"]);
    let file = store.path.join("sagsspor-search.bin");
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    type Plant = fn(&std::path::Path, &std::path::Path);
    let plants: [(&str, Plant); 3] = [
        ("FIFO", |p, _| {
            let made = std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .unwrap();
            assert!(made.success());
        }),
        ("link to /dev/zero", |p, _| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap()
        }),
        ("link to a file outside", |p, victim| {
            std::os::unix::fs::symlink(victim, p).unwrap()
        }),
    ];
    for (kind, plant) in plants {
        let _ = std::fs::remove_file(&file);
        plant(&file, &victim);
        let out = store
            .cmd()
            .args(["search", "skyen", "--limit", "0", "--json"])
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let found: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(found, expected, "{kind}");
        let rebuilt = std::fs::symlink_metadata(&file).unwrap();
        assert!(rebuilt.file_type().is_file(), "{kind}: rebuilt as a file");
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}

#[test]
fn bodies_follow_the_store_aliases_after_a_rebuild() {
    let store = seeded();
    let before = rows(&store, &["forlænges", "--limit", "0"]);
    assert!(before.iter().all(|r| field(r, "body") == "Direktionen"));
    std::fs::write(
        store.path.join("aliases.txt"),
        "Direktionen = Koncernledelsen\n",
    )
    .unwrap();
    store.run(&["rebuild"]);
    let after = rows(&store, &["forlænges", "--limit", "0"]);
    assert_eq!(after.len(), before.len());
    assert!(
        after.iter().all(|r| field(r, "body") == "Koncernledelsen"),
        "{after:?}"
    );
    let log = store.json(&["log", "22/1055"]);
    let logged: BTreeSet<(String, String)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (field(t, "date").to_string(), field(t, "body").to_string()))
        .collect();
    for r in after.iter().filter(|r| field(r, "journal") == "22/1055") {
        assert!(
            logged.contains(&(field(r, "date").to_string(), field(r, "body").to_string())),
            "{r} not in {logged:?}"
        );
    }
    assert!(!rows(&store, &["forlænges", "--body", "Koncernledelsen"]).is_empty());
}

#[test]
fn a_search_file_kept_up_to_date_is_the_one_made_afresh() {
    let store = TempStore::new();
    // One meeting at a time, a search after each: every search after the
    // first reuses the folders that did not change.
    for seed_file in all_seeds() {
        store.run(&["commit", seed_file.to_str().unwrap()]);
        rows(&store, &["direktionen"]);
    }
    store.run(&["commit", "testdata/handmade/2024-03-19_direktionen.txt"]);
    rows(&store, &["direktionen"]);
    let file = store.path.join("sagsspor-search.bin");
    let kept = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    rows(&store, &["direktionen"]);
    let afresh = std::fs::read(&file).unwrap();
    assert!(
        kept == afresh,
        "the kept search file differs from one made afresh"
    );
}

/// A search file that claims to be the tree's but holds other text (forged
/// by hand, or damaged) is named by `verify`; deleting it is the cure.
#[test]
fn verify_names_a_search_file_that_is_not_the_trees() {
    let store = seeded();
    assert!(!rows(&store, &["beredskab"]).is_empty());
    store.run(&["verify"]);
    let path = store.path.join("sagsspor-search.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    // Somewhere in the folded text, a letter changed.
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&path, &bytes).unwrap();
    let out = store.cmd().args(["verify", "--json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"] == "sagsspor-search.bin"),
        "{report}"
    );
    std::fs::remove_file(&path).unwrap();
    store.run(&["verify"]);
}

/// A meeting folder whose record cannot be read is left out of the search,
/// which answers for everything else (and `cases` names the folder).
#[test]
fn an_unreadable_meeting_is_left_out_of_the_search() {
    let store = seeded();
    let path = store.plant(
        |p| p.starts_with("meetings/") && p.ends_with("/meeting.json"),
        b"not json",
    );
    let out = store
        .cmd()
        .args(["search", "--json", "beredskab"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!found.as_array().unwrap().is_empty());
    let out = store.cmd().arg("cases").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&path), "{stderr}");
}
