//! `journey`, `pending` and the list filters on Greve's real history: the
//! six FirstAgenda meetings in `testdata/real/greve/` (Økonomiudvalget
//! 2022-08-29 and 2022-09-26, Byrådet 2022-10-03, Klima-, Teknik- og
//! Miljøudvalget 2022-10-13, Skole-, Børne- og Ungeudvalget 2023-11-14 and
//! 2023-11-21), a subset of the 198 in the shared corpus.

use crate::util::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn greve() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/real/greve")
}

fn greve_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(greve())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// A store with the six Greve meetings, imported in one run.
fn store() -> TempStore {
    let store = TempStore::new();
    store.run(&["commit", greve().to_str().unwrap()]);
    store
}

/// The steps as (date, body, punkt, outcome, to).
fn steps(journey: &Value) -> Vec<(String, String, Value, String, Value)> {
    journey["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap().to_string(),
                s["body"].as_str().unwrap().to_string(),
                s["punkt"].clone(),
                s["outcome"].as_str().unwrap_or("-").to_string(),
                s["to"].clone(),
            )
        })
        .collect()
}

#[test]
fn greve_22_009229_deferred_recommended_approved() {
    assert!(greve_files().len() >= 6, "{:?}", greve_files());
    let store = store();
    let j = store.json(&["journey", "22-009229"]);
    assert_eq!(j["journal"], "22-009229");
    assert_eq!(j["organisation"], "Greve Kommune");
    assert_eq!(j["route"], json!(["Økonomiudvalget", "Byrådet"]));
    let s = |date: &str, body: &str, punkt: u32, outcome: &str, to: Value| {
        (
            date.to_string(),
            body.to_string(),
            json!(punkt),
            outcome.to_string(),
            to,
        )
    };
    assert_eq!(
        steps(&j),
        [
            s("2022-08-29", "Økonomiudvalget", 4, "deferred", json!([])),
            s(
                "2022-09-26",
                "Økonomiudvalget",
                8,
                "recommended",
                json!(["Byrådet"])
            ),
            s("2022-10-03", "Byrådet", 13, "approved", json!([])),
        ]
    );
    let decided = &j["steps"][2];
    assert_eq!(decided["votes"], json!({"for": 18, "against": 2}));
    assert_eq!(decided["dissent"], true);
    assert!(
        j["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["quoted"] == false)
    );
    assert_eq!(j["status"], "decided");
    assert_eq!(j["next"], json!([]));
    assert_eq!(j["since"], "2022-10-03");

    let text = store.run(&["journey", "22-009229"]);
    for needed in [
        "22-009229  Beslutning om ændring af forretningsorden",
        "route  Økonomiudvalget ✓ → Byrådet ✓",
        "2022-08-29  Økonomiudvalget  punkt 4   deferred",
        "recommended → Byrådet",
        "18 for, 2 imod",
        "now   decided: approved by Byrådet on 2022-10-03",
    ] {
        assert!(text.contains(needed), "{needed:?} in\n{text}");
    }
}

#[test]
fn the_journey_is_the_same_in_any_import_order() {
    let forward = store();
    let backward = TempStore::new();
    let mut files = greve_files();
    files.reverse();
    backward.commit_each(&files);
    for journal in ["22-009229", "22-011413", "21-015384"] {
        assert_eq!(
            forward.json(&["journey", journal]),
            backward.json(&["journey", journal]),
            "{journal}"
        );
    }
}

/// Every pending case waits since its last treatment that could settle it:
/// no later treatment in the store decided it, none of the bodies it waits
/// for has treated it since, and a deferred case is what `deferred` lists.
#[test]
fn no_case_is_pending_that_a_later_meeting_decided() {
    let store = store();
    let pending = store.json(&["pending"]);
    let rows = pending.as_array().unwrap();
    assert!(!rows.is_empty());
    let deferred = store.json(&["deferred"]);
    let deferred: Vec<&Value> = deferred
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["journal"])
        .collect();
    let mut previous = i64::MAX;
    for row in rows {
        let journal = row["journal"].as_str().unwrap();
        let date = row["date"].as_str().unwrap();
        let days = row["waiting_days"].as_i64().unwrap();
        assert!(days <= previous, "longest first: {row}");
        previous = days;
        let waiting_for = row["waiting_for"].as_array().unwrap();
        assert!(!waiting_for.is_empty(), "{row}");
        match row["outcome"].as_str().unwrap() {
            "deferred" => {
                assert!(deferred.contains(&&row["journal"]), "{row}");
                assert_eq!(waiting_for, &vec![row["body"].clone()]);
            }
            "recommended" | "forwarded" => {}
            other => panic!("{journal} pending with outcome {other}"),
        }
        for t in store.json(&["log", journal]).as_array().unwrap() {
            let later = t["date"].as_str().unwrap() > date;
            let outcome = t["outcome"].as_str().unwrap_or("");
            assert!(
                !(later && ["approved", "rejected", "partial", "noted"].contains(&outcome)),
                "{journal} pending since {date} but {outcome} on {}",
                t["date"]
            );
            if row["outcome"] != "deferred" && t["date"].as_str().unwrap() >= date {
                assert!(
                    !(waiting_for.contains(&t["body"]) && t["body"] != row["body"]),
                    "{journal} waits for {} which treated it on {}",
                    t["body"],
                    t["date"]
                );
            }
        }
        assert_ne!(store.json(&["journey", journal])["status"], "decided");
    }
    // Every deferred case is pending.
    for journal in deferred {
        assert!(rows.iter().any(|r| &r["journal"] == journal), "{journal}");
    }
    // The chain above is not; a recommendation on to Økonomiudvalget and
    // Byrådet that neither has treated yet is.
    assert!(!rows.iter().any(|r| r["journal"] == "22-009229"));
    let bus = rows.iter().find(|r| r["journal"] == "22-011413").unwrap();
    assert_eq!(
        (&bus["date"], &bus["body"], &bus["outcome"]),
        (
            &json!("2022-10-13"),
            &json!("Klima-, Teknik- og Miljøudvalget"),
            &json!("recommended")
        )
    );
    assert_eq!(bus["waiting_for"], json!(["Økonomiudvalget", "Byrådet"]));
    // SAGSSPOR_TODAY is 2026-01-01.
    assert_eq!(bus["waiting_days"], 1176);
}

#[test]
fn journey_of_a_case_that_waits_names_whom_it_waits_for() {
    let store = store();
    let j = store.json(&["journey", "22-011413"]);
    assert_eq!(j["status"], "waiting");
    assert_eq!(j["next"], json!(["Økonomiudvalget", "Byrådet"]));
    let text = store.run(&["journey", "22-011413"]);
    assert!(
        text.contains("waiting for Økonomiudvalget and Byrådet since 2022-10-13"),
        "{text}"
    );
    let deferred = store.json(&["journey", "21-015384"]);
    assert_eq!(deferred["status"], "deferred");
    assert_eq!(
        deferred["next"],
        json!(["Klima-, Teknik- og Miljøudvalget"])
    );
}

#[test]
fn filters_narrow_every_list() {
    let store = store();
    let count = |args: &[&str]| store.json(args).as_array().unwrap().len();

    // log: by body, by dates in either form, by outcome.
    let log = store.json(&["log", "22-009229", "--body", "ØU"]);
    assert_eq!(log.as_array().unwrap().len(), 2);
    let log = store.json(&["log", "22-009229", "--since", "01-09-2022"]);
    let dates: Vec<&Value> = log.as_array().unwrap().iter().map(|t| &t["date"]).collect();
    assert_eq!(dates, [&json!("2022-09-26"), &json!("2022-10-03")]);
    assert_eq!(
        store.json(&[
            "log",
            "22-009229",
            "--until",
            "2022-09-26",
            "--outcome",
            "deferred"
        ]),
        store.json(&["log", "22-009229", "--outcome", "deferred"])
    );

    // pending: by the body it waits for or the one that sent it.
    let all = count(&["pending"]);
    let for_byraadet = count(&["pending", "--body", "Byrådet"]);
    let by_ktm = count(&["pending", "--body", "klima"]);
    assert!(
        0 < for_byraadet && for_byraadet < all,
        "{for_byraadet} of {all}"
    );
    assert!(0 < by_ktm && by_ktm < all);
    assert_eq!(
        count(&["pending", "--outcome", "deferred"]),
        count(&["deferred"])
    );
    assert_eq!(count(&["pending", "--since", "2023-01-01"]), 3);
    assert_eq!(count(&["pending", "--organisation", "Aarhus"]), 0);
    assert_eq!(count(&["pending", "--organisation", "greve"]), all);

    // deferred: by body and date.
    assert_eq!(count(&["deferred", "--body", "Økonomiudvalget"]), 0);
    assert_eq!(
        count(&["deferred", "--since", "13-10-2022", "--until", "13-10-2022"]),
        1
    );

    // cases: one treatment must pass them all.
    let cases = store.json(&["cases", "--body", "ØU", "--outcome", "deferred"]);
    let journals: Vec<&Value> = cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["journal"])
        .collect();
    assert!(journals.contains(&&json!("22-009229")), "{journals:?}");
    let none = store.json(&[
        "cases",
        "--body",
        "Byrådet",
        "--outcome",
        "deferred",
        "--until",
        "2022-08-31",
    ]);
    assert_eq!(none, json!([]));

    // meetings: by body, dates, and the outcomes decided there.
    let meetings = store.json(&[
        "meetings",
        "--body",
        "Økonomiudvalget",
        "--since",
        "2022-09-01",
    ]);
    assert_eq!(meetings.as_array().unwrap().len(), 1);
    assert_eq!(meetings[0]["date"], "2022-09-26");
    let deferring = store.json(&["meetings", "--outcome", "deferred"]);
    let dates: Vec<&str> = deferring
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert!(
        dates.contains(&"2022-08-29") && dates.contains(&"2022-10-13"),
        "{dates:?}"
    );
    assert_eq!(count(&["meetings", "--until", "31-12-2022"]), 4);
}

#[test]
fn bad_filters_are_usage_errors() {
    let store = store();
    let code = |args: &[&str]| store.cmd().args(args).output().unwrap().status.code();
    assert_eq!(code(&["pending", "--since", "2022-13-01"]), Some(2));
    assert_eq!(code(&["pending", "--outcome", "godkendt"]), Some(2));
    assert_eq!(
        code(&["cases", "--since", "2023-01-01", "--until", "2022-01-01"]),
        Some(2)
    );
    assert_eq!(code(&["journey", "22-009228"]), Some(1));
    store
        .cmd()
        .args(["journey", "22-009228"])
        .assert()
        .stderr(predicates::str::contains("22-009229"));
}
