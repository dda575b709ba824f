//! `parse` of real XML exports and publication pages (testdata/real/markup,
//! gzipped copies of documents in shared/real) against what a careful human
//! reads in them.

use crate::util::*;
use flate2::read::GzDecoder;
use serde_json::Value;
use std::io::Read;
use std::path::Path;

fn markup_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/real/markup")
}

/// One gzipped real document, unpacked under its own name in a temporary
/// folder (kept alive by the returned guard).
fn unpacked(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut packed = std::fs::File::open(markup_dir().join(format!("{name}.gz"))).unwrap();
    let mut bytes = Vec::new();
    GzDecoder::new(&mut packed).read_to_end(&mut bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    (dir, file)
}

/// The reading of one gzipped real document.
fn read(name: &str) -> Value {
    let (_dir, file) = unpacked(name);
    let store = TempStore::new();
    let out = store.run(&["parse", "--json", file.to_str().unwrap()]);
    serde_json::from_str(out.lines().next().unwrap()).unwrap()
}

fn expected(name: &str) -> Value {
    let text = std::fs::read_to_string(markup_dir().join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every fact of an expected reading (GUIDE.md) that the reading misses,
/// in words.
fn misses(expected: &Value, got: &Value) -> Vec<String> {
    let mut misses = Vec::new();
    for field in ["organisation", "body", "date", "time", "kind"] {
        if expected[field] != got[field] {
            misses.push(format!("{field} {}", got[field]));
        }
    }
    for item in expected["items"].as_array().unwrap() {
        let p = &item["punkt"];
        let Some(mine) = got["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| &i["punkt"] == p)
        else {
            misses.push(format!("punkt {p} not read"));
            continue;
        };
        for field in ["title", "journal", "closed", "route"] {
            if item[field] != mine[field] {
                misses.push(format!("punkt {p} {field} {}", mine[field]));
            }
        }
        let mut decisions: Vec<&Value> = mine["decisions"].as_array().unwrap().iter().collect();
        for d in item["decisions"].as_array().unwrap() {
            let Some(at) = decisions
                .iter()
                .position(|g| g["date"] == d["date"] && g["body"] == d["body"])
            else {
                misses.push(format!(
                    "punkt {p} decision {} {} not read",
                    d["date"], d["body"]
                ));
                continue;
            };
            let g = decisions.remove(at);
            let mut allowed = vec![&d["outcome"]];
            allowed.extend(d["alt"].as_array().into_iter().flatten());
            if !allowed.contains(&&g["outcome"]) {
                misses.push(format!("punkt {p} {} outcome {}", d["date"], g["outcome"]));
            }
            let mut to_expected: Vec<&Value> = d["to"].as_array().unwrap().iter().collect();
            let mut to_got: Vec<&Value> = g["to"].as_array().unwrap().iter().collect();
            to_expected.sort_by_key(|v| v.to_string());
            to_got.sort_by_key(|v| v.to_string());
            if to_expected != to_got {
                misses.push(format!("punkt {p} {} to {}", d["date"], g["to"]));
            }
            for field in ["votes", "dissent"] {
                if d[field] != g[field] {
                    misses.push(format!("punkt {p} {} {field} {}", d["date"], g[field]));
                }
            }
        }
        for g in decisions {
            misses.push(format!(
                "punkt {p} decision {} read but not there",
                g["date"]
            ));
        }
    }
    misses
}

#[test]
fn aarhus_publication_page_gives_every_fact_of_its_expected_reading() {
    let got = read("aarhus_tekniskudvalg_2025-10-01.html");
    let misses = misses(
        &expected("aarhus_tekniskudvalg_2025-10-01.expected.json"),
        &got,
    );
    assert!(misses.is_empty(), "misses: {misses:#?}");
    assert_eq!(got["place"], "Udvalgsværelse 398");
    assert_eq!(got["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn ballerup_xml_reads_as_its_pdf_is_read() {
    let got = read("ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.xml");
    let misses = misses(
        &expected("ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.expected.json"),
        &got,
    );
    assert!(misses.is_empty(), "misses: {misses:#?}");
    // Items come out of the export as 2,4,5,6,3,1,7,8; the table of contents
    // inside it lists all eight, so there is nothing to warn about.
    let order: Vec<u64> = got["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["punkt"].as_u64().unwrap())
        .collect();
    assert_eq!(order, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(got["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn sbsys_export_and_page_agree() {
    for name in [
        "lyngby-taarbaek_testudvalg_2016-03-31.xml",
        "lyngby-taarbaek_testudvalg_2016-03-31.html",
    ] {
        let got = read(name);
        assert_eq!(got["kind"], "referat", "{name}");
        assert_eq!(got["body"], "Testudvalg", "{name}");
        assert_eq!(got["date"], "2016-03-31", "{name}");
        assert_eq!(got["time"], "08:15", "{name}");
        assert_eq!(got["place"], "Udvalgsværelse 1", "{name}");
        let items = got["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{name}");
        assert_eq!(items[1]["title"], "Sag nr. 2 - lukket overskrift", "{name}");
        assert_eq!(items[1]["closed"], true, "{name}");
        assert_eq!(items[0]["closed"], false, "{name}");
        assert_eq!(items[0]["decisions"][0]["outcome"], "approved", "{name}");
        assert_eq!(items[1]["decisions"][0]["outcome"], "recommended", "{name}");
        assert_eq!(got["warnings"].as_array().unwrap().len(), 0, "{name}");
        // The members called (`Indkaldelse`), in the order listed.
        let members = got["participants"].as_array().unwrap();
        assert_eq!(members.len(), 7, "{name}");
        assert_eq!(members[0], "Hanne Agersnap", "{name}");
        assert_eq!(members[6], "Henriette Breum", "{name}");
    }
    let xml = read("lyngby-taarbaek_testudvalg_2016-03-31.xml");
    assert_eq!(xml["items"][0]["journal"], "82.02.00-G10-1-16");
}

/// Middelfart published one agenda twice, and the items carry other numbers
/// in each (`test` is punkt 1 in one and punkt 2 in the other; one closed
/// item is gone). Each publication is read with the numbers it prints, and
/// its XML and its page agree.
#[test]
fn edoc_renumbered_publications_keep_their_numbers() {
    let numbers_and_journals = |got: &Value| -> Vec<(u64, Value, bool)> {
        got["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["punkt"].as_u64().unwrap(),
                    i["journal"].clone(),
                    i["closed"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let first = read("middelfart_hennys-testudvalg_2017-05-02_dagsorden.xml");
    assert_eq!(first["kind"], "dagsorden");
    assert_eq!(first["body"], "Hennys testudvalg");
    assert_eq!(first["time"], "10:00");
    assert_eq!(first["absent"], serde_json::json!(["Niels Bebe"]));
    let first = numbers_and_journals(&first);
    assert_eq!(first.len(), 6);
    assert_eq!(first[4], (5, Value::from("2016-003798"), true));
    let again_xml = read("middelfart_hennys-testudvalg_2017-05-02_dagsorden-v1.xml");
    let again_html = read("middelfart_hennys-testudvalg_2017-05-02_dagsorden-v1.html");
    let again = numbers_and_journals(&again_xml);
    assert_eq!(again, numbers_and_journals(&again_html));
    let numbers: Vec<u64> = again.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(numbers, [2, 3, 4, 5, 6]);
    assert_eq!(again[2].1, "2013-003869");
    assert_eq!(
        again_html["items"][2]["indstilling"], "At punktet drøftes.",
        "Forvaltningen foreslår is Middelfart's Indstilling"
    );
}

/// Syddjurs' Acadre export of the extraordinary PUK meeting of 20 June 2013
/// (OS2dagsorden/os2dagsorden-2.0, `os2web_acadre_esdh/example/
/// Files_1863_3687982/3687981.XML`; abridged: Resumé and Sagsfremstilling
/// shortened, one of three enclosures kept). Every element is a
/// `<table name=…>` or `<field name=…>`; the item carries the running
/// yearly number 715 and its earlier decisions as fields of their own.
#[test]
fn acadre_export_reads_meeting_members_and_every_decision() {
    let got = read("syddjurs_puk_2013-06-20.xml");
    assert_eq!(got["kind"], "referat");
    assert_eq!(got["date"], "2013-06-20");
    assert_eq!(got["time"], "10:30");
    assert_eq!(got["place"], "Kaløvig Kursuscenter");
    assert_eq!(got["participants"].as_array().unwrap().len(), 5);
    assert_eq!(got["participants"][0], "Jesper Mathiesen (A)");
    let item = &got["items"][0];
    assert_eq!(item["punkt"], 715);
    assert_eq!(item["title"], "Kulturkommune 2017. Politiske fokusområder");
    assert_eq!(item["journal"], "12/27845");
    assert_eq!(item["closed"], false);
    assert!(
        item["indstilling"]
            .as_str()
            .unwrap()
            .starts_with("Direktøren indstiller")
    );
    let decisions: Vec<(&str, &str)> = item["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["date"].as_str().unwrap(), d["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        decisions,
        [
            ("2013-04-10", "other"),
            ("2013-04-24", "deferred"),
            ("2013-06-20", "deferred"),
        ]
    );
    // A field of its own is a section of its own, not more decision text.
    let first = item["decisions"][0]["text"].as_str().unwrap();
    assert!(!first.contains("Supplerende"), "{first}");
    assert_eq!(got["warnings"].as_array().unwrap().len(), 0);

    // Filed under the body's name without its short form.
    let (_dir, file) = unpacked("syddjurs_puk_2013-06-20.xml");
    let store = TempStore::new();
    store.run(&[
        "commit",
        "--organisation",
        "Syddjurs Kommune",
        file.to_str().unwrap(),
    ]);
    let log = store.json(&["log", "12/27845"]);
    let bodies: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Udvalget for plan, udvikling og kultur"; 3]);
}
