//! `sagsspor feed`: an Atom feed with stable entry ids.

use crate::util::*;
use atom_syndication::Feed;
use std::collections::HashSet;

fn read(path: &std::path::Path) -> Feed {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    Feed::read_from(file).expect("valid Atom")
}

#[test]
fn the_feed_is_atom_with_ids_that_stay_across_imports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feed.xml");
    let store = TempStore::new();
    let mut seeds = all_seeds();
    let last = seeds.pop().unwrap();
    for seed in &seeds {
        store.run(&["commit", seed.to_str().unwrap()]);
    }
    store.run(&["feed", "--out", out.to_str().unwrap()]);
    let before = read(&out);
    let ids: HashSet<String> = before
        .entries()
        .iter()
        .map(|e| e.id().to_string())
        .collect();
    assert_eq!(ids.len(), before.entries().len(), "ids are unique");
    assert!(
        before
            .entries()
            .iter()
            .any(|e| e.id().contains(":meeting/")),
        "an entry per meeting"
    );
    let changed = before
        .entries()
        .iter()
        .find(|e| e.id().contains(":case/"))
        .expect("an entry for a case that changed or came back");
    let html = changed.content().and_then(|c| c.value()).unwrap();
    assert!(
        html.contains("<del>") || html.contains("<ins>") || html.contains("→"),
        "{html}"
    );

    store.run(&["commit", last.to_str().unwrap()]);
    let view = store.json(&["feed", "--out", out.to_str().unwrap()]);
    assert!(view["entries"].as_u64().unwrap() > 0);
    let after = read(&out);
    let now: HashSet<String> = after.entries().iter().map(|e| e.id().to_string()).collect();
    assert!(
        ids.is_subset(&now),
        "an entry keeps its id after the next import"
    );
    assert!(now.len() > ids.len(), "the new meeting adds entries");

    let only = dir.path().join("kalundborg.xml");
    store.run(&[
        "feed",
        "--out",
        only.to_str().unwrap(),
        "--organisation",
        "Kalundborg",
    ]);
    let only = read(&only);
    assert!(!only.entries().is_empty());
    assert!(only.entries().iter().all(|e| e.id().contains("Kalundborg")));
}
