//! `blame`: each run of a case's newest Indstilling (or the one section
//! asked for) with the treatment that introduced it, on the word diff
//! `diff` shows.

use crate::util::*;
use serde_json::{Value, json};

/// 24/5629 in three treatments: deferred by Direktionen on 2024-03-05,
/// approved on 2024-03-19 with an edited Indstilling, and on Byrådet's
/// agenda of 2025-06-24 with the Indstilling rewritten for Byrådet (no
/// decision yet).
fn store() -> TempStore {
    let store = TempStore::new();
    store.run(&[
        "commit",
        "testdata/seeds/002_ebf497151d8e0e8e.txt",
        "testdata/handmade/2024-03-19_direktionen.txt",
        "testdata/handmade/dagsorden_byraadet.txt",
    ]);
    store
}

/// The runs of a blame as (date, text).
fn runs(blame: &Value) -> Vec<(String, String)> {
    blame["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["date"].as_str().unwrap().to_string(),
                r["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn each_run_names_the_treatment_that_wrote_it() {
    let store = store();
    let log = store.json(&["log", "24/5629"]);
    assert_eq!(log.as_array().unwrap().len(), 3);
    let indstilling = store.json(&["blame", "24/5629"]);
    assert_eq!(indstilling["journal"], "24/5629");
    assert_eq!(indstilling["organisation"], "Høje-Taastrup Kommune");
    assert_eq!(indstilling["section"], "indstilling", "the default");
    assert_eq!(
        indstilling["of"],
        json!({"date": "2025-06-24", "body": "Byrådet", "punkt": 2, "quoted": false})
    );
    let d = |date: &str, text: &str| (date.to_string(), text.to_string());
    // "projektet" was the 2024-03-05 wording, replaced on 2024-03-19 and
    // put back for Byrådet: in its present form it is Byrådet's.
    assert_eq!(
        runs(&indstilling),
        [
            d("2024-03-05", "CBA indstiller, at "),
            d("2025-06-24", "Byrådet "),
            d("2024-03-05", "godkender igangsætning af "),
            d("2025-06-24", "projektet."),
        ]
    );
    assert_eq!(
        indstilling["runs"][1],
        json!({"text": "Byrådet ", "date": "2025-06-24", "body": "Byrådet", "punkt": 2, "quoted": false})
    );
    // The agenda decides nothing: the newest decision is 2024-03-19's.
    let beslutning = store.json(&["blame", "24/5629", "--section", "beslutning"]);
    assert_eq!(beslutning["section"], "beslutning");
    assert_eq!(beslutning["of"]["date"], "2024-03-19");
    assert_eq!(
        runs(&beslutning),
        [d("2024-03-19", "Indstillingen godkendes.")]
    );
    // The name is matched in any case and given back in lower case.
    let named = store.json(&["blame", "24/5629", "--section", "Indstilling"]);
    assert_eq!(named, indstilling);
}

#[test]
fn blame_reads_as_a_margin_of_dates() {
    let store = store();
    let text = store.run(&["blame", "24/5629"]);
    insta::assert_snapshot!("blame_24_5629_plain", text);
    let coloured = store.run(&["--color", "always", "blame", "24/5629"]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
}

#[test]
fn a_decision_only_quoted_keeps_the_indstilling_of_its_own_minutes() {
    // 22/1055: its 2025-11-04 decision is quoted in the 17-11 minutes and
    // its Indstilling is known only from the 04-11 minutes themselves,
    // imported as re-wrapped markdown.
    let store = TempStore::new();
    store.commit_each(&[seed("000")]);
    let indstilling = store.json(&["blame", "22/1055"]);
    assert_eq!(indstilling["of"]["date"], "2025-11-17");
    assert!(
        runs(&indstilling)
            .iter()
            .all(|(date, _)| date == "2025-11-17"),
        "{indstilling}"
    );
    store.commit_each(&[handmade("2025-11-04_direktionen.md")]);
    let indstilling = store.json(&["blame", "22/1055"]);
    assert_eq!(indstilling["of"]["date"], "2025-11-17");
    assert!(
        runs(&indstilling)
            .iter()
            .all(|(date, _)| date == "2025-11-04"),
        "markdown and wrapping move no authorship: {indstilling}"
    );
}

#[test]
fn greve_22_009229_three_treatments() {
    let store = TempStore::new();
    store.run(&["commit", "testdata/real/greve"]);
    // The administration's Indstilling went unchanged from Økonomiudvalget
    // to Byrådet; the decision is Byrådet's own.
    for (section, date) in [("indstilling", "2022-08-29"), ("beslutning", "2022-10-03")] {
        let blame = store.json(&["blame", "22-009229", "--section", section]);
        assert_eq!(blame["organisation"], "Greve Kommune");
        let runs = runs(&blame);
        assert!(!runs.is_empty());
        assert!(runs.iter().all(|(d, _)| d == date), "{runs:?}");
    }
}

#[test]
fn an_unknown_section_or_case_is_a_clear_error() {
    let store = store();
    let out = store
        .cmd()
        .args(["blame", "24/5629", "--section", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown section 'nope'"), "{err}");
    // One section per call: the JSON holds one.
    let out = store
        .cmd()
        .args(["blame", "24/5629", "--section", "indstilling"])
        .args(["--section", "beslutning"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--section"), "{err}");
    let out = store.cmd().args(["blame", "24/562"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean 24/5629"), "{err}");
}
