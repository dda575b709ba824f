//! The store: order independence, idempotence, corrections, quoted decisions,
//! and the questions the tool exists for (log, diff, deferred).

use crate::util::*;
use std::path::PathBuf;

#[test]
fn import_order_never_changes_the_tree() {
    let forward = TempStore::new();
    forward.commit_each(&all_seeds());
    let backward = TempStore::new();
    let mut reversed = all_seeds();
    reversed.reverse();
    backward.commit_each(&reversed);
    let batch = TempStore::new();
    batch.run(&["commit", seeds().to_str().unwrap()]);
    assert_eq!(forward.head_tree(), backward.head_tree());
    assert_eq!(forward.head_tree(), batch.head_tree());
    assert_eq!(forward.commit_count(), 5, "one commit per minutes file");
}

#[test]
fn quoted_decisions_and_their_own_minutes_in_any_order() {
    let own = handmade("2025-11-04_direktionen.md");
    let later = seed("000");
    let a = TempStore::new();
    a.commit_each(&[own.clone(), later.clone()]);
    let b = TempStore::new();
    b.commit_each(&[later, own]);
    assert_eq!(a.head_tree(), b.head_tree());
    // The meeting's own minutes are the authority: its Indstilling is known.
    let log = a.json(&["log", "22/1055"]);
    assert_eq!(log[0]["date"], "2025-11-04");
    assert_eq!(log[0]["quoted"], false);
    assert_eq!(log[0]["punkt"], 1);
    assert!(log[0]["indstilling"].is_string());
    assert_eq!(log.as_array().unwrap().len(), 2);
}

#[test]
fn reimporting_identical_minutes_makes_no_commit() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let tree = store.head_tree();
    let again = store.json(&["commit", seeds().to_str().unwrap()]);
    assert_eq!(store.commit_count(), 5);
    assert_eq!(store.head_tree(), tree);
    for entry in again["imported"].as_array().unwrap() {
        assert_eq!(entry["change"], "unchanged");
    }
}

#[test]
fn commits_are_deterministic_and_readable_with_plain_git() {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    let repo = store.repo();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.author().name().ok(), Some("sagsspor"));
    // Noon UTC on the meeting's date, not the clock.
    assert_eq!(head.time().seconds(), 1_763_380_800);
    let message = head.message().unwrap();
    assert!(message.contains("Meeting-Date: 2025-11-17"), "{message}");
    assert!(message.contains("Body: Direktionen"));
    assert!(message.contains("Source-Sha256: "));
    let tree = head.tree().unwrap();
    let minutes = tree
        .get_path(std::path::Path::new(
            "meetings/H%C3%B8je-Taastrup%20Kommune/2025/11/2025-11-17_0900_Direktionen/minutes.txt",
        ))
        .unwrap();
    let blob = repo.find_blob(minutes.id()).unwrap();
    let original = std::fs::read(seed("000")).unwrap();
    assert_eq!(blob.content(), original.as_slice(), "minutes kept verbatim");
}

#[test]
fn a_changed_version_of_a_meeting_is_a_correction() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(seed("002")).unwrap();
    let corrected_path: PathBuf = dir.path().join("002_rettet.txt");
    std::fs::write(
        &corrected_path,
        original.replace(
            "Sagen blev udskudt til kommende direktionsmøde.",
            "Indstillingen godkendes.",
        ),
    )
    .unwrap();
    let store = TempStore::new();
    store.run(&["commit", seed("002").to_str().unwrap()]);
    let report = store.json(&["commit", corrected_path.to_str().unwrap()]);
    assert_eq!(report["imported"][0]["change"], "corrected");
    assert_eq!(report["imported"][0]["treatments_changed"], 1);
    assert_eq!(
        store.commit_count(),
        2,
        "the earlier version stays in history"
    );
    let log = store.json(&["log", "24/5629"]);
    assert_eq!(
        log.as_array().unwrap().len(),
        1,
        "the correction replaces, not adds"
    );
    assert_eq!(log[0]["outcome"], "approved");
}

#[test]
fn log_shows_each_treatment_oldest_first() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let log = store.json(&["log", "22/1055"]);
    let dates: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-11-04", "2025-11-17"]);
    assert_eq!(log[0]["outcome"], "deferred");
    assert_eq!(
        log[0]["indstilling"],
        serde_json::Value::Null,
        "only quoted: not known"
    );
    assert_eq!(log[1]["outcome"], "noted");
    assert_eq!(log[1]["punkt"], 6);

    let both = store.json(&["log", "24/24964"]);
    let punkter: Vec<u64> = both
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["punkt"].as_u64().unwrap())
        .collect();
    assert_eq!(
        punkter,
        [1, 5],
        "two items of one case in one meeting are two treatments"
    );

    let text = store.run(&["log", "22/1055"]);
    assert!(
        text.contains("2025-11-04") && text.contains("2025-11-17"),
        "{text}"
    );
}

#[test]
fn a_deferred_case_returns_with_an_edited_indstilling() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let before = store.json(&["deferred"]);
    assert!(
        before
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["journal"] == "24/5629")
    );

    store.run(&[
        "commit",
        handmade("2024-03-19_direktionen.txt").to_str().unwrap(),
    ]);
    let after = store.json(&["deferred"]);
    assert!(
        !after
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["journal"] == "24/5629"),
        "{after}"
    );

    let diff = store.json(&["diff", "24/5629"]);
    assert_eq!(diff["from"]["date"], "2024-03-05");
    assert_eq!(diff["to"]["date"], "2024-03-19");
    let indstilling = &diff["sections"][0];
    assert_eq!(indstilling["name"], "indstilling");
    assert_eq!(indstilling["changed"], true);
    let changes: Vec<(String, String)> = indstilling["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|op| op["tag"] != "equal")
        .map(|op| {
            (
                op["tag"].as_str().unwrap().to_string(),
                op["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("delete".to_string(), "projektet".to_string()),
            ("insert".to_string(), "projektets første fase".to_string())
        ]
    );
    let plain = store.run(&["diff", "24/5629", "--color", "never"]);
    assert!(
        plain.contains("[-projektet-]{+projektets første fase+}"),
        "{plain}"
    );
    insta::assert_snapshot!("diff_24_5629_plain", plain);
}

#[test]
fn rewrapped_markdown_minutes_show_no_change_in_indstilling() {
    let store = TempStore::new();
    store.commit_each(&[handmade("2025-11-04_direktionen.md"), seed("000")]);
    let diff = store.json(&["diff", "22/1055"]);
    assert_eq!(diff["sections"][0]["name"], "indstilling");
    assert_eq!(diff["sections"][0]["changed"], false);
    assert_eq!(diff["sections"][1]["changed"], true);
    let text = store.run(&["diff", "22/1055"]);
    insta::assert_snapshot!("diff_22_1055_plain", text);
}

#[test]
fn diff_between_chosen_dates_and_quoted_indstilling() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let text = store.run(&[
        "diff",
        "22/1055",
        "--from",
        "2025-11-04",
        "--to",
        "2025-11-17",
    ]);
    assert!(
        text.contains("Indstilling  not known for 2025-11-04"),
        "{text}"
    );
    assert!(text.contains("[-Sagen genfremsættes mhp. at drøftelsen forlænges.-]{+Direktionen tager drøftelsen til efterretning.+}"), "{text}");
}

#[test]
fn cases_meetings_and_show() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let meetings = store.json(&["meetings"]);
    assert_eq!(meetings.as_array().unwrap().len(), 5);
    assert_eq!(meetings[0]["date"], "2022-09-12");
    assert_eq!(meetings[0]["source_file"], "004_ea44c5ef2697e501.txt");
    let cases = store.json(&["cases", "beredskab"]);
    let journals: Vec<&str> = cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["journal"].as_str().unwrap())
        .collect();
    assert_eq!(journals, ["24/14508", "25-005714"]);
    let shown = store.json(&["show", "22/1055", "--at", "2025-11-04"]);
    assert_eq!(shown["quoted"], true);
    assert_eq!(
        shown["beslutning"],
        "Sagen genfremsættes mhp. at drøftelsen forlænges."
    );
    let text = store.run(&["show", "24/14508"]);
    assert!(
        text.contains("Indstilling") && text.contains("Beslutning"),
        "{text}"
    );
}

#[test]
fn summary_cache_is_rebuilt_when_deleted_or_stale() {
    let store = TempStore::new();
    store.run(&["commit", seed("002").to_str().unwrap()]);
    let first = store.run(&["deferred", "--json"]);
    std::fs::remove_file(store.path.join("sagsspor-cache.json")).unwrap();
    assert_eq!(store.run(&["deferred", "--json"]), first);
    std::fs::write(store.path.join("sagsspor-cache.json"), b"{ not json").unwrap();
    assert_eq!(store.run(&["deferred", "--json"]), first);
    store.run(&[
        "commit",
        handmade("2024-03-19_direktionen.txt").to_str().unwrap(),
    ]);
    assert_ne!(store.run(&["deferred", "--json"]), first);
}
