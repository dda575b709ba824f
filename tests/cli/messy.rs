//! The same minutes in another surface read the same; other municipal
//! systems' dialects; agendas; legacy encodings.

use crate::util::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Plain-text minutes as markdown: known headings become `### **…**`,
/// item headings `## Punkt …`.
fn as_markdown(text: &str) -> String {
    text.lines()
        .map(|l| {
            let t = l.trim();
            let heading = [
                "Baggrund",
                "Indstilling",
                "Sagsfremstilling",
                "Bilag",
                "Økonomi",
                "Beslutning",
            ]
            .iter()
            .any(|h| t == *h || t.starts_with("Beslutning Direktionen den"));
            if t.starts_with("Punkt ") {
                format!("## {t}")
            } else if heading {
                format!("### **{t}**")
            } else if let Some(rest) = t.strip_prefix("- ") {
                format!("* {rest}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// PDF noise: bullets as `•` or `?`, stray `?` lines, a form feed that splits
/// a paragraph mid-sentence.
fn with_pdf_noise(text: &str) -> String {
    let mut out = String::new();
    let mut split_done = false;
    for (i, line) in text.lines().enumerate() {
        let line = match line.strip_prefix("- ") {
            Some(rest) if i % 2 == 0 => format!("• {rest}"),
            Some(rest) => format!("? {rest}"),
            None => line.to_string(),
        };
        // Split the first long paragraph before a lower-case word.
        if !split_done && line.len() > 200 {
            let words: Vec<&str> = line.split(' ').collect();
            if let Some(k) = (5..words.len()).find(|&k| {
                words[k].chars().next().is_some_and(char::is_lowercase)
                    && !words[k - 1].ends_with('.')
            }) {
                out.push_str(&words[..k].join(" "));
                out.push_str("\n\u{c}\n");
                out.push_str(&words[k..].join(" "));
                out.push('\n');
                split_done = true;
                continue;
            }
        }
        out.push_str(&line);
        out.push('\n');
        if i % 7 == 3 {
            out.push_str("??\n");
        }
    }
    out
}

fn with_crlf_and_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend(text.replace('\n', "\r\n").as_bytes());
    bytes
}

/// What must not change between surfaces: items, journal numbers, titles,
/// decisions and outcomes, and the normalised texts.
pub fn reading(store: &TempStore, file: &Path) -> Vec<Value> {
    let v = store.json(&["parse", file.to_str().unwrap()]);
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let decisions: Vec<Value> = i["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| serde_json::json!([d["date"], d["body"], d["outcome"], sagsspor::normalize::normalize(d["text"].as_str().unwrap())]))
                .collect();
            serde_json::json!({
                "punkt": i["punkt"], "title": i["title"], "journal": i["journal"], "closed": i["closed"],
                "indstilling": i["indstilling"].as_str().map(sagsspor::normalize::normalize),
                "decisions": decisions,
            })
        })
        .collect()
}

fn variants(dir: &Path, seed: &Path) -> Vec<(String, PathBuf)> {
    let text = std::fs::read_to_string(seed).unwrap();
    let mut out = Vec::new();
    let mut write = |name: &str, bytes: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        out.push((name.to_string(), path));
    };
    write("rewrapped-40.txt", rewrap(&text, 40).into_bytes());
    write("rewrapped-72.txt", rewrap(&text, 72).into_bytes());
    write("markdown.md", as_markdown(&text).into_bytes());
    write("crlf-bom.txt", with_crlf_and_bom(&text));
    write("pdf-noise.txt", with_pdf_noise(&text).into_bytes());
    write(
        "everything.txt",
        with_crlf_and_bom(&with_pdf_noise(&rewrap(&as_markdown(&text), 50))),
    );
    out
}

#[test]
fn other_surfaces_of_the_same_minutes_read_the_same() {
    let store = TempStore::new();
    let dir = tempfile::tempdir().unwrap();
    for seed in all_seeds() {
        let original = reading(&store, &seed);
        for (name, path) in variants(dir.path(), &seed) {
            let read = reading(&store, &path);
            assert_eq!(read.len(), original.len(), "items in {name} of {seed:?}");
            for (got, want) in read.iter().zip(&original) {
                assert_eq!(got, want, "{name} of {seed:?}");
            }
        }
    }
}

#[test]
fn another_surface_imported_as_a_correction_diffs_as_no_change() {
    let dir = tempfile::tempdir().unwrap();
    for seed in [seed("000"), seed("002"), seed("003")] {
        for (name, path) in variants(dir.path(), &seed) {
            let store = TempStore::new();
            store.run(&["commit", seed.to_str().unwrap()]);
            let report = store.json(&["commit", path.to_str().unwrap()]);
            if name == "crlf-bom.txt" {
                // Decoded, it is the very same text: nothing to record.
                assert_eq!(report["imported"][0]["change"], "unchanged");
                continue;
            }
            assert_eq!(report["imported"][0]["change"], "corrected", "{name}");
            for case in store.json(&["cases"]).as_array().unwrap() {
                let journal = case["journal"].as_str().unwrap();
                let out = store
                    .cmd()
                    .args(["diff", journal, "--correction", "--json"])
                    .output()
                    .unwrap();
                if !out.status.success() {
                    continue; // this treatment's stored file did not change at all
                }
                let diff: Value = serde_json::from_slice(&out.stdout).unwrap();
                for section in diff["sections"].as_array().unwrap() {
                    assert_eq!(
                        section["changed"], false,
                        "{name}: {journal} {}",
                        section["name"]
                    );
                }
            }
        }
    }
}

#[test]
fn windows_1252_minutes_are_decoded_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("004")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    let path = dir.path().join("latin.txt");
    std::fs::write(&path, &bytes).unwrap();
    let store = TempStore::new();
    let out = store
        .cmd()
        .args(["parse", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("latin.txt: not UTF-8, decoded as windows-1252"),
        "{stderr}"
    );
    assert_eq!(reading(&store, &path), reading(&store, &seed("004")));
}

/// One byte that is not UTF-8 in a UTF-8 file (a bad copy, a cut
/// character) leaves every `ø` an `ø`: the file stays UTF-8, the byte is
/// named, and every item, title and outcome reads as before.
#[test]
fn one_stray_byte_keeps_a_utf8_file_utf8_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("004")).unwrap();
    let cut = text.find("\n\n").unwrap();
    let mut bytes = text.as_bytes()[..cut].to_vec();
    bytes.push(0xe6);
    bytes.extend_from_slice(&text.as_bytes()[cut..]);
    let path = dir.path().join("stray.txt");
    std::fs::write(&path, &bytes).unwrap();
    let store = TempStore::new();
    let out = store
        .cmd()
        .args(["parse", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "stray.txt: 1 byte is not UTF-8 (the first at offset {cut})"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("windows-1252"), "{stderr}");
    assert_eq!(reading(&store, &path), reading(&store, &seed("004")));
}

/// Minutes whose letters are written as a base and a combining mark (NFD,
/// as some PDF producers write `å`) read exactly as the composed minutes.
#[test]
fn decomposed_letters_read_as_composed_ones() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("004")).unwrap();
    let decomposed: String = text.nfd().collect();
    assert_ne!(decomposed, text, "the seed has letters to decompose");
    let path = dir.path().join("nfd.txt");
    std::fs::write(&path, decomposed).unwrap();
    let store = TempStore::new();
    assert_eq!(reading(&store, &path), reading(&store, &seed("004")));
}

#[test]
fn firstagenda_dialect() {
    let store = TempStore::new();
    let m = store.json(&[
        "parse",
        handmade("firstagenda_okonomiudvalget.txt")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(m["body"], "Økonomiudvalget");
    assert_eq!(m["date"], "2025-06-04");
    assert_eq!(m["time"], "15:00");
    assert_eq!(m["absent"], serde_json::json!(["Dorte Larsen"]));
    let item = &m["items"][1];
    assert_eq!(item["journal"], "EMN-2024-001234");
    assert!(
        item["indstilling"]
            .as_str()
            .unwrap()
            .contains("tillægsbevilling")
    );
    let decisions = item["decisions"].as_array().unwrap();
    assert_eq!(
        decisions.len(),
        2,
        "the Sagsforløb entry is a treatment of its own"
    );
    assert_eq!(decisions[0]["date"], "2025-05-21");
    assert_eq!(decisions[0]["outcome"], "deferred");
    assert_eq!(decisions[1]["outcome"], "approved");
    store.run(&[
        "commit",
        handmade("firstagenda_okonomiudvalget.txt")
            .to_str()
            .unwrap(),
    ]);
    let log = store.json(&["log", "EMN-2024-001234"]);
    assert_eq!(log[0]["date"], "2025-05-21");
    assert_eq!(log[0]["quoted"], true);
}

#[test]
fn edoc_dialect() {
    let store = TempStore::new();
    let m = store.json(&["parse", handmade("edoc_kultur.txt").to_str().unwrap()]);
    assert_eq!(m["body"], "Kultur- og Fritidsudvalget");
    assert_eq!(m["date"], "2013-05-15");
    let items = m["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "numbered lists inside items are not items");
    assert_eq!(items[0]["journal"], "2013-10422");
    assert_eq!(items[0]["title"], "Meddelelser");
    assert_eq!(items[0]["decisions"][0]["outcome"], "noted");
    assert_eq!(
        items[0]["decisions"][0]["body"],
        "Kultur- og Fritidsudvalget"
    );
    assert_eq!(items[1]["journal"], "2013-10500");
    assert_eq!(items[1]["decisions"][0]["outcome"], "approved");
}

#[test]
fn acadre_dialect() {
    let store = TempStore::new();
    let m = store.json(&["parse", handmade("acadre_teknik.txt").to_str().unwrap()]);
    assert_eq!(m["body"], "Udvalget for Teknik og Miljø");
    assert_eq!(m["absent"], serde_json::json!(["Ole Olsen"]));
    let items = m["items"].as_array().unwrap();
    let punkter: Vec<u64> = items.iter().map(|i| i["punkt"].as_u64().unwrap()).collect();
    assert_eq!(punkter, [49, 50], "the PUNKTER list is a table of contents");
    assert_eq!(
        items[1]["journal"], "13/2040",
        "Sagsnr. with the number on the next line"
    );
    let d = items[1]["decisions"].as_array().unwrap();
    assert_eq!(
        (d[0]["date"].as_str(), d[0]["outcome"].as_str()),
        (Some("2013-04-04"), Some("deferred"))
    );
    assert_eq!(
        (d[1]["date"].as_str(), d[1]["outcome"].as_str()),
        (Some("2013-05-02"), Some("deferred"))
    );
    store.run(&["commit", handmade("acadre_teknik.txt").to_str().unwrap()]);
    let deferred = store.json(&["deferred"]);
    assert_eq!(deferred[0]["journal"], "13/2040");
    assert_eq!(deferred[0]["reason"], "Punktet genoptages");
}

#[test]
fn an_agenda_is_read_as_an_agenda() {
    let store = TempStore::new();
    let m = store.json(&[
        "parse",
        handmade("dagsorden_byraadet.txt").to_str().unwrap(),
    ]);
    assert_eq!(m["kind"], "dagsorden");
    for item in m["items"].as_array().unwrap() {
        assert_eq!(item["decisions"], serde_json::json!([]));
    }
    let minutes = store.json(&["parse", seed("000").to_str().unwrap()]);
    assert_eq!(minutes["kind"], "referat");
}
