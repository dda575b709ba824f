//! `parse` against what a careful human reads in the seeds (expected.json).

use crate::util::*;
use serde_json::Value;

fn expected() -> Value {
    let text = std::fs::read_to_string(seeds().join("../seeds.expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_expected_fact_of_every_seed() {
    let store = TempStore::new();
    let expected = expected();
    let meetings = expected["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 5);
    let mut items_checked = 0;
    for want in meetings {
        let file = seeds().join(want["file"].as_str().unwrap());
        let got = store.json(&["parse", file.to_str().unwrap()]);
        for key in ["body", "date", "time", "place", "participants"] {
            assert_eq!(got[key], want[key], "{key} of {file:?}");
        }
        let got_items = got["items"].as_array().unwrap();
        let want_items = want["items"].as_array().unwrap();
        assert_eq!(got_items.len(), want_items.len(), "items of {file:?}");
        for (g, w) in got_items.iter().zip(want_items) {
            let at = format!("{file:?} punkt {}", w["punkt"]);
            for key in ["punkt", "title", "journal", "closed"] {
                assert_eq!(g[key], w[key], "{key} at {at}");
            }
            assert_eq!(
                g["indstilling"].is_string(),
                w["has_indstilling"].as_bool().unwrap(),
                "indstilling at {at}"
            );
            let got_decisions: Vec<(Value, Value)> = g["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| (d["date"].clone(), d["outcome"].clone()))
                .collect();
            let want_decisions: Vec<(Value, Value)> = w["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| (d["date"].clone(), d["outcome"].clone()))
                .collect();
            assert_eq!(got_decisions, want_decisions, "decisions at {at}");
            items_checked += 1;
        }
    }
    assert_eq!(items_checked, 49);
}

#[test]
fn every_decision_has_a_body_text_and_reason_where_it_decided_something() {
    let store = TempStore::new();
    let got = store.json(&["parse", seed("002").to_str().unwrap()]);
    for item in got["items"].as_array().unwrap() {
        for d in item["decisions"].as_array().unwrap() {
            assert_eq!(d["body"], "Direktionen");
            assert!(!d["text"].as_str().unwrap().is_empty());
            if d["outcome"] != "other" && d["outcome"] != "none" {
                assert!(d["reason"].is_string(), "reason for {d}");
            }
        }
    }
}

#[test]
fn parse_of_several_files_is_json_lines() {
    let store = TempStore::new();
    let out = store.run(&[
        "parse",
        "--json",
        seed("000").to_str().unwrap(),
        seed("001").to_str().unwrap(),
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["items"].is_array());
    }
    assert!(!store.path.exists(), "parse must not create a store");
}

#[test]
fn the_deferred_set_after_all_five() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let deferred = store.json(&["deferred"]);
    let journals: Vec<&str> = deferred
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["journal"].as_str().unwrap())
        .collect();
    let expected = expected();
    let set = &expected["deferred_after_all_five"];
    for j in set["must_include"].as_array().unwrap() {
        assert!(
            journals.contains(&j.as_str().unwrap()),
            "{j} must be deferred: {journals:?}"
        );
    }
    for j in set["must_exclude"].as_array().unwrap() {
        assert!(
            !journals.contains(&j.as_str().unwrap()),
            "{j} must not be deferred"
        );
    }
    let either: Vec<&str> = set["either"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j.as_str().unwrap())
        .collect();
    for j in &journals {
        let known = set["must_include"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == j);
        assert!(
            known || either.contains(j),
            "{j} is deferred but not expected"
        );
    }
    let first = &deferred[0];
    for key in [
        "journal",
        "title",
        "date",
        "body",
        "text",
        "reason",
        "waiting_days",
    ] {
        assert!(!first[key].is_null(), "deferred entry has {key}");
    }
}
