//! Which meeting a document is: meetings never overwrite each other, an
//! agenda never replaces minutes, a correction names what it removed, and
//! `rebuild` brings an old store to the current layout.

use crate::util::{TempStore, seed};
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn seed_text() -> String {
    std::fs::read_to_string(seed("000")).unwrap()
}

/// The seed's minutes as their agenda: same meeting, no decisions yet.
fn agenda_of(minutes: &str) -> String {
    minutes.replace("REFERAT Direktionen", "DAGSORDEN Direktionen")
}

#[test]
fn an_agenda_never_replaces_minutes_in_either_order() {
    let dir = tempfile::tempdir().unwrap();
    let minutes = write(dir.path(), "referat.txt", &seed_text());
    let agenda = write(dir.path(), "dagsorden.txt", &agenda_of(&seed_text()));
    let first = TempStore::new();
    first.run(&["commit", minutes.to_str().unwrap()]);
    let before = first.json(&["deferred"]);
    let out = first.json(&["commit", agenda.to_str().unwrap()]);
    assert_eq!(out["imported"][0]["kind"], "dagsorden");
    assert_eq!(out["imported"][0]["change"], "added");
    assert_eq!(out["imported"][0]["treatments_changed"], 0);
    assert_eq!(
        first.json(&["deferred"]),
        before,
        "the minutes' decisions stand"
    );

    let second = TempStore::new();
    second.run(&["commit", agenda.to_str().unwrap()]);
    second.run(&["commit", minutes.to_str().unwrap()]);
    assert_eq!(
        first.head_tree(),
        second.head_tree(),
        "order changes nothing"
    );
    let meetings = second.json(&["meetings"]);
    assert_eq!(meetings.as_array().unwrap().len(), 1);
    assert_eq!(meetings[0]["kind"], "referat");
    second.run(&["verify"]);
}

#[test]
fn two_meetings_of_one_body_on_one_day_are_two_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let early = write(dir.path(), "a.txt", &seed_text());
    let late = write(
        dir.path(),
        "b.txt",
        &seed_text().replace("kl. 09:00", "kl. 13:30"),
    );
    let store = TempStore::new();
    store.run(&["commit", early.to_str().unwrap(), late.to_str().unwrap()]);
    let meetings = store.json(&["meetings"]);
    let times: Vec<&str> = meetings
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["time"].as_str().unwrap())
        .collect();
    assert_eq!(times, ["09:00", "13:30"]);
    let log = store.json(&["log", "24/14508"]);
    assert_eq!(
        log.as_array().unwrap().len(),
        2,
        "one treatment per meeting"
    );
}

#[test]
fn another_organisations_meeting_on_the_same_day_is_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let ours = write(dir.path(), "ours.txt", &seed_text());
    let theirs = write(
        dir.path(),
        "theirs.txt",
        &seed_text().replace("Høje-Taastrup Kommune", "Solrød Kommune"),
    );
    let store = TempStore::new();
    store.run(&["commit", ours.to_str().unwrap(), theirs.to_str().unwrap()]);
    let meetings = store.json(&["meetings"]);
    let organisations: Vec<&str> = meetings
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["organisation"].as_str().unwrap())
        .collect();
    assert_eq!(organisations, ["Høje-Taastrup Kommune", "Solrød Kommune"]);

    // A bare journal number both have is ambiguous, and the error says how
    // to choose.
    let out = store.cmd().args(["log", "24/14508"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a case of 2 organisations"), "{err}");
    assert!(
        err.contains("--organisation: Høje-Taastrup Kommune, Solrød Kommune"),
        "{err}"
    );
    let log = store.json(&["log", "24/14508", "--organisation", "Solrød Kommune"]);
    assert_eq!(log[0]["organisation"], "Solrød Kommune");
}

#[test]
fn a_correction_names_the_treatments_it_removed() {
    let dir = tempfile::tempdir().unwrap();
    let original = write(dir.path(), "v1.txt", &seed_text());
    // The corrected version drops item 9 (case 24/14508).
    let text = seed_text();
    let start = text.find("Punkt 9:").unwrap();
    let end = text.find("Punkt 10:").unwrap();
    let corrected = write(
        dir.path(),
        "v2.txt",
        &format!("{}{}", &text[..start], &text[end..]),
    );
    let store = TempStore::new();
    store.run(&["commit", original.to_str().unwrap()]);
    let out = store.json(&["commit", corrected.to_str().unwrap()]);
    let row = &out["imported"][0];
    assert_eq!(row["change"], "corrected");
    assert_eq!(row["removed"][0]["journal"], "24/14508");
    assert_eq!(row["removed"][0]["punkt"], 9);
    let human = store.run(&["commit", original.to_str().unwrap()]);
    assert!(human.contains("corrected"), "{human}");
}

#[test]
fn a_new_version_sharing_no_item_is_refused_unless_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    // Another document filed under the same key but with other cases.
    let other = std::fs::read_to_string(seed("002"))
        .unwrap()
        .replace("05-03-2024", "17-11-2025")
        .replace("5. marts 2024", "17. november 2025");
    let other = write(dir.path(), "other.txt", &other);
    let parsed = store.json(&["parse", other.to_str().unwrap()]);
    assert_eq!(parsed["date"], "2025-11-17");
    let out = store
        .cmd()
        .args(["commit", other.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("shares no item"), "{err}");
    assert!(err.contains("--replace"), "{err}");
    store.run(&["commit", "--replace", other.to_str().unwrap()]);
}

#[test]
fn rebuild_changes_nothing_on_a_current_store() {
    let store = TempStore::new();
    store.run(&["commit", crate::util::seeds().to_str().unwrap()]);
    let tree = store.head_tree();
    let out = store.json(&["rebuild"]);
    assert_eq!(out["documents"], 5);
    assert_eq!(out["changed"], false);
    assert_eq!(store.head_tree(), tree);
}

#[test]
fn an_old_store_says_to_rebuild_and_rebuild_brings_it_up() {
    let store = TempStore::new();
    // A store of layout 1: minutes at meetings/<YYYY>/<MM>/<date>_<body>/.
    let repo = git2::Repository::init_bare(&store.path).unwrap();
    let text = std::fs::read(seed("000")).unwrap();
    let blob = repo.blob(&text).unwrap();
    let mut update = git2::build::TreeUpdateBuilder::new();
    update.upsert(
        "meetings/2025/11/2025-11-17_Direktionen/minutes.txt",
        blob,
        git2::FileMode::Blob,
    );
    let empty = repo.treebuilder(None).unwrap().write().unwrap();
    let tree_id = update
        .create_updated(&repo, &repo.find_tree(empty).unwrap())
        .unwrap();
    let tree = repo.find_tree(tree_id).unwrap();
    let sig = git2::Signature::now("sagsspor", "sagsspor@invalid").unwrap();
    repo.commit(Some("refs/heads/main"), &sig, &sig, "old", &tree, &[])
        .unwrap();
    repo.set_head("refs/heads/main").unwrap();

    let out = store.cmd().arg("deferred").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sagsspor rebuild"), "{err}");

    let rebuilt = store.json(&["rebuild"]);
    assert_eq!(rebuilt["changed"], true);
    store.run(&["verify"]);
    let deferred = store.json(&["deferred"]);
    assert_eq!(deferred[0]["journal"], "24/14508");
    assert_eq!(deferred[0]["organisation"], "Høje-Taastrup Kommune");
    assert_eq!(store.commit_count(), 2, "history before the rebuild stays");
}

#[test]
fn a_users_alias_file_joins_two_spellings_of_a_body() {
    let dir = tempfile::tempdir().unwrap();
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    std::fs::write(
        store.path.join("aliases.txt"),
        "# samme organ\nDirektionsmødet = Direktionen\n",
    )
    .unwrap();
    let renamed = write(
        dir.path(),
        "renamed.txt",
        &seed_text()
            .replace("REFERAT Direktionen", "REFERAT Direktionsmødet")
            .replace("kl. 09:00", "kl. 14:00"),
    );
    store.run(&["commit", renamed.to_str().unwrap()]);
    let bodies: Vec<String> = store
        .json(&["meetings"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(bodies, ["Direktionen", "Direktionen"]);
}

#[test]
fn the_first_organisation_given_becomes_the_stores_default() {
    let store = TempStore::new();
    let handmade = crate::util::handmade("dagsorden_byraadet.txt");
    let parsed = store.json(&["parse", handmade.to_str().unwrap()]);
    assert_eq!(parsed["organisation"], serde_json::Value::Null);
    let out = store.json(&[
        "commit",
        "--organisation",
        "Kalundborg Kommune",
        handmade.to_str().unwrap(),
    ]);
    assert_eq!(out["imported"][0]["organisation"], "Kalundborg Kommune");
    let acadre = crate::util::handmade("acadre_teknik.txt");
    let out = store.json(&["commit", acadre.to_str().unwrap()]);
    assert_eq!(out["imported"][0]["organisation"], "Kalundborg Kommune");
}

/// Cases numbered within an item (`1.1`, `1.2`) are items of their own,
/// filed apart and shown with their number as the minutes write it.
#[test]
fn items_numbered_within_an_item_are_cases_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let minutes = write(
        dir.path(),
        "referat.txt",
        "Referat\nØkonomiudvalget\nMandag den 3. marts 2025, kl. 16:00\n\n1. Meddelelser\n\n1.1 Orientering om budget\nSagsnr.: 25/100\n\nBeslutning\nTaget til efterretning.\n\n1.2 Orientering om byggeri\nSagsnr.: 25/101\n\nBeslutning\nUdsat.\n\n2. Lokalplan 12\nSagsnr.: 25/102\n\nBeslutning\nGodkendt.\n",
    );
    let store = TempStore::new();
    store.run(&["commit", minutes.to_str().unwrap()]);
    let log = store.json(&["log", "25/101"]);
    assert_eq!(log[0]["punkt"], "1.2");
    assert_eq!(store.json(&["log", "25/102"])[0]["punkt"], 2);
    let deferred = store.json(&["deferred"]);
    assert_eq!(deferred[0]["journal"], "25/101");
    let human = store.run(&["log", "25/101", "--color", "never"]);
    assert!(human.contains("1.2"), "{human}");
    store.run(&["verify"]);
}

/// Minutes that do not name their organisation belong, case by case, to the
/// only organisation that has the journal number: a deferral read from an
/// unsigned document is answered by the decision in the signed one, in
/// either order of import.
#[test]
fn a_case_from_unsigned_minutes_joins_the_one_organisation_that_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let unsigned = write(
        dir.path(),
        "a.txt",
        "REFERAT Økonomiudvalget d. 01-02-2024\n\nPunkt 1: Skolestruktur\n\n24/1\n\nBeslutning\n\nUdsat.\n",
    );
    let signed = write(
        dir.path(),
        "b.txt",
        "Greve Kommune\n\nREFERAT Økonomiudvalget d. 01-03-2024\n\nPunkt 1: Ny skoleplan 2025\n\n24/1\n\nBeslutning\n\nGodkendt.\n",
    );
    for order in [[&unsigned, &signed], [&signed, &unsigned]] {
        let store = TempStore::new();
        for file in order {
            store.run(&["commit", file.to_str().unwrap()]);
        }
        let cases = store.json(&["cases"]);
        assert_eq!(cases.as_array().unwrap().len(), 1, "{cases}");
        assert_eq!(cases[0]["organisation"], "Greve Kommune");
        assert_eq!(cases[0]["treatments"], 2);
        let log = store.json(&["log", "24/1"]);
        assert_eq!(log.as_array().unwrap().len(), 2);
        assert_eq!(log[1]["outcome"], "approved");
        assert_eq!(store.json(&["deferred"]).as_array().unwrap().len(), 0);
        // The case is found by its earlier title as well as its latest.
        assert_eq!(cases[0]["title"], "Ny skoleplan 2025");
        let by_old_title = store.json(&["cases", "skolestruktur"]);
        assert_eq!(by_old_title.as_array().unwrap().len(), 1);
        store.run(&["verify"]);
    }
}

/// A journal number is one case however its digits and letters are set:
/// full-width or Arabic-Indic digits, upper or lower case. Cases that
/// differed only in letter case would be one file on macOS and Windows.
#[test]
fn lookalike_spellings_of_a_journal_number_are_one_case() {
    let dir = tempfile::tempdir().unwrap();
    let minutes = |date: &str, journal: &str, decision: &str| {
        format!(
            "REFERAT Direktionen d. {date}\n\nPunkt 1: Skolestruktur\n\n{journal}\n\nPunkt 2: Budget\n\nSagsnr.: emn-2025-1\n\nBeslutning\n\n{decision}\n"
        )
    };
    let files = [
        write(
            dir.path(),
            "a.txt",
            &minutes("06-01-2025", "24/1", "Udsat."),
        ),
        write(
            dir.path(),
            "b.txt",
            &minutes("13-01-2025", "２４/１", "Udsat."),
        ),
        write(
            dir.path(),
            "c.txt",
            &minutes("20-01-2025", "٢٤/١", "Godkendt."),
        ),
    ];
    let store = TempStore::new();
    for file in &files {
        store.run(&["commit", file.to_str().unwrap()]);
    }
    let cases = store.json(&["cases"]);
    let journals: Vec<&str> = cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["journal"].as_str().unwrap())
        .collect();
    assert_eq!(journals, ["24/1", "EMN-2025-1"]);
    assert_eq!(cases[0]["treatments"], 3);
    assert_eq!(
        store.json(&["log", "Emn-2025-1"]).as_array().unwrap().len(),
        3
    );
    assert_eq!(store.json(&["log", "２４/１"]).as_array().unwrap().len(), 3);
    store.run(&["verify"]);
}
