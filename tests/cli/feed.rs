//! `sagsspor feed`: an Atom feed with stable entry ids.

use crate::util::*;
use atom_syndication::Feed;
use std::collections::HashSet;

/// The feed as the crate that wrote it reads it, checked against a second,
/// independent parser (feed-rs, as feed readers use) that must find it Atom
/// with the same entries.
fn read(path: &std::path::Path) -> Feed {
    let bytes = std::fs::read(path).unwrap();
    let feed = Feed::read_from(&bytes[..]).expect("valid Atom");
    let other = feed_rs::parser::parse(&bytes[..]).expect("Atom to feed-rs");
    assert_eq!(other.feed_type, feed_rs::model::FeedType::Atom);
    let ids = |ids: Vec<&str>| ids.into_iter().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        ids(other.entries.iter().map(|e| e.id.as_str()).collect()),
        ids(feed.entries().iter().map(|e| e.id()).collect()),
    );
    assert!(
        other
            .entries
            .iter()
            .all(|e| e.updated.is_some() && e.title.is_some())
    );
    feed
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

/// A correction of a stored meeting is an entry of its own.
#[test]
fn a_correction_is_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("000")).unwrap();
    let first = dir.path().join("referat.txt");
    std::fs::write(&first, &text).unwrap();
    let second = dir.path().join("referat-rettet.txt");
    std::fs::write(
        &second,
        text.replacen("til efterretning", "til efterretning med tak", 1),
    )
    .unwrap();
    let store = TempStore::new();
    store.run(&["commit", first.to_str().unwrap()]);
    let view = store.json(&["commit", second.to_str().unwrap()]);
    assert_eq!(view["imported"][0]["change"], "corrected");
    let out = dir.path().join("feed.xml");
    store.run(&["feed", "--out", out.to_str().unwrap()]);
    let feed = read(&out);
    let corrections: Vec<_> = feed
        .entries()
        .iter()
        .filter(|e| e.id().contains(":correction/"))
        .collect();
    assert_eq!(corrections.len(), 1);
    assert!(
        corrections[0]
            .title()
            .as_str()
            .contains("referat-rettet.txt")
    );
}

/// `--limit 0` writes every entry, as `search --limit 0` shows every
/// treatment; the count reads right in both numbers.
#[test]
fn limit_zero_is_all_entries() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feed.xml");
    let path = out.to_str().unwrap();
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    store.run(&["feed", "--out", path, "--limit", "100000"]);
    let all = read(&out).entries().len();
    assert!(all > 2, "{all}");
    let said = store.run(&["feed", "--out", path, "--limit", "0"]);
    assert_eq!(read(&out).entries().len(), all);
    assert!(
        said.starts_with(&format!("wrote {all} entries to ")),
        "{said}"
    );
    let view = store.json(&["feed", "--out", path, "--limit", "0"]);
    assert_eq!(view["entries"].as_u64(), Some(all as u64));
    let said = store.run(&["feed", "--out", path, "--limit", "1"]);
    assert_eq!(read(&out).entries().len(), 1);
    assert!(said.starts_with("wrote 1 entry to "), "{said}");
    let help = store.run(&["feed", "--help"]);
    assert!(help.contains("0 for all"), "{help}");
}

/// With the address the report is published at, every entry links to its
/// page there, and each link leads to a page the report of the same store
/// wrote (the case page at the treatment, the meeting page).
#[test]
fn entries_link_to_the_pages_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let site = dir.path().join("rapport");
    store.run(&["report", "--out", site.to_str().unwrap()]);
    let out = site.join("feed.xml");
    store.run(&[
        "feed",
        "--out",
        out.to_str().unwrap(),
        "--site",
        "https://example.org/rapport/",
    ]);
    let feed = read(&out);
    assert!(!feed.entries().is_empty());
    for entry in feed.entries() {
        let href = &entry.links().first().expect("a link").href;
        let relative = href
            .strip_prefix("https://example.org/rapport/")
            .unwrap_or_else(|| panic!("{href}"));
        let path = relative.split('#').next().unwrap();
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .unwrap();
        assert!(site.join(decoded.as_ref()).is_file(), "{href}");
        if entry.id().contains(":case/") {
            assert!(relative.contains("#t"), "{href}");
        }
    }

    let refused = store
        .cmd()
        .args(["feed", "--out", "x.xml", "--site", "example.org"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("http(s)://"));
}
