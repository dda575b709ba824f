//! The report's pages, built from the seeds in a real store.

use super::paths::case_path;
use super::write::{PAGE_LIST, check_path};

/// Writes `pages` under `out` as one site.
fn write(out: &Path, pages: &[Page]) -> std::io::Result<usize> {
    let mut staging = Staging::new(out)?;
    for page in pages {
        staging.add(page)?;
    }
    staging.commit()
}
use super::*;
use crate::diff::{Op, Tag};
use crate::store::{Minutes, Store, sha256_hex};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

fn minutes(file_name: &str, bytes: &[u8]) -> Minutes {
    let decoded = crate::text::decode(bytes).expect("decodable minutes");
    Minutes {
        file_name: file_name.to_string(),
        source_sha256: sha256_hex(bytes),
        meeting: crate::formats::read(&decoded.text).expect("parsable minutes"),
        text: decoded.text,
    }
}

fn minutes_of(path: &Path) -> Minutes {
    crate::ingest::read(path)
        .expect("readable test data")
        .minutes
}

/// The seeds, the hand-made 2024-03-19 meeting and `extra`, imported
/// into a fresh store; the site built as of 2026-11-23.
fn site(extra: &[Minutes]) -> (tempfile::TempDir, Vec<Page>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_or_create(&dir.path().join("store")).expect("store");
    let mut all: Vec<Minutes> = std::fs::read_dir(testdata("seeds"))
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| minutes_of(&p))
        .collect();
    assert_eq!(all.len(), 5, "the five seed minutes");
    all.push(minutes_of(&testdata("handmade/2024-03-19_direktionen.txt")));
    all.extend(extra.iter().cloned());
    store
        .import(
            || {},
            |s| {
                for m in &all {
                    s.add(m, &Default::default()).expect("import");
                }
            },
        )
        .expect("import session");
    let snapshot = store.snapshot().expect("snapshot");
    let site = crate::query::site(
        &snapshot,
        jiff::civil::date(2026, 11, 23),
        crate::query::SiteDetail::Full,
    )
    .expect("site");
    let mut pages = Vec::new();
    build(&site, &mut |page| {
        pages.push(page);
        Ok(())
    })
    .expect("pages");
    (dir, pages)
}

#[test]
fn a_failed_write_leaves_the_site_as_it_was() {
    let out = tempfile::tempdir().unwrap();
    let page = |html: &str| Page {
        path: "index.html".to_string(),
        html: html.to_string(),
    };
    write(out.path(), &[page("first")]).unwrap();
    // Where the pages are staged, something that is not a folder.
    let staging = out
        .path()
        .join(format!(".sagsspor-staging-{}", std::process::id()));
    std::fs::write(&staging, "in the way").unwrap();
    assert!(write(out.path(), &[page("second")]).is_err());
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert_eq!(index, "first");
    std::fs::remove_file(&staging).unwrap();
    write(out.path(), &[page("second")]).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [PAGE_LIST, "index.html"],
        "nothing staged is left behind"
    );
}

#[test]
fn regenerating_removes_only_its_own_pages_that_are_gone() {
    let out = tempfile::tempdir().unwrap();
    let page = |path: &str| Page {
        path: path.to_string(),
        html: "x".to_string(),
    };
    write(out.path(), &[page("index.html"), page("cases/a.html")]).unwrap();
    std::fs::write(out.path().join("cases/mine.txt"), "a user's note").unwrap();
    write(out.path(), &[page("index.html"), page("cases/b.html")]).unwrap();
    assert!(
        !out.path().join("cases/a.html").exists(),
        "the gone case's page"
    );
    assert!(out.path().join("cases/b.html").exists());
    assert!(
        out.path().join("cases/mine.txt").exists(),
        "not the report's"
    );
}

#[test]
fn long_identifiers_get_short_distinct_file_names() {
    let long = "Æ".repeat(100);
    let other = format!("{}Ø", "Æ".repeat(99));
    let (a, b) = (
        case_path(None, &long).unwrap(),
        case_path(None, &other).unwrap(),
    );
    assert_ne!(a, b);
    for path in [&a, &b] {
        let name = path.rsplit('/').next().unwrap();
        assert!(name.len() < 255, "{name}");
        assert!(check_path(path).is_ok());
    }
    assert_eq!(case_path(None, "24/5629").unwrap(), "cases/24%2F5629.html");
}

fn page<'p>(pages: &'p [Page], path: &str) -> &'p str {
    pages
        .iter()
        .find(|p| p.path == path)
        .map(|p| p.html.as_str())
        .unwrap_or_else(|| panic!("no page {path}"))
}

/// The seeds' organisation, as it appears in their pages' names.
const HTK: &str = "H%C3%B8je-Taastrup%20Kommune";

/// The part of a page from `<section id="{id}">` to its end.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    html.split(&format!("<section id=\"{id}\">"))
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no section {id}"))
}

#[test]
fn index_lists_what_waits_first_longest_waiting_first() {
    let (_dir, pages) = site(&[]);
    let index = page(&pages, "index.html");
    let waiting = section(index, "waiting");
    assert!(waiting.contains("24/14508"), "{waiting}");
    assert!(!waiting.contains("24/5629"), "came back and was approved");
    assert!(
        index.find("<section id=\"waiting\">") < index.find("<section id=\"meetings\">"),
        "what waits comes first"
    );
    let meetings = section(index, "meetings");
    assert!(
        meetings.find("2025-11-17") < meetings.find("2022-11-02"),
        "the latest meetings first"
    );
    let older = waiting.find("22/15281").expect("22/15281 deferred");
    let newer = waiting.find("24/14508").expect("24/14508 deferred");
    assert!(older < newer, "longest waiting first");
    assert!(waiting.contains("371 d"), "{waiting}");
    // Sent on and not yet treated by the body it was sent to: waiting too,
    // with whom it waits for.
    let recommended = waiting
        .split("<tr ")
        .find(|row| row.contains("25-005714"))
        .expect("25-005714 waits for the committee");
    assert!(recommended.contains("recommended"), "{recommended}");
    assert!(
        recommended.contains("Ældre- og Sundhedsudvalget"),
        "{recommended}"
    );
    // Cases and meetings are listed and linked, per organisation.
    assert!(index.contains(&format!(
        "href=\"cases/24%252F5629_{}.html\"",
        HTK.replace('%', "%25")
    )));
    assert!(index.contains(&format!(
        "href=\"meetings/2024-03-19-0900_Direktionen_{}.html\"",
        HTK.replace('%', "%25")
    )));
    // Two municipalities' meetings: each meeting names its own.
    assert!(section(index, "meetings").contains(">organisation</th>"));
    // Every year has its page, linked from the front page.
    for year in ["2022", "2024", "2025"] {
        assert!(
            index.contains(&format!("href=\"years/{year}.html\"")),
            "{year}"
        );
        let page = page(&pages, &format!("years/{year}.html"));
        assert!(page.contains(&format!("<h1>{year}</h1>")));
    }
}

#[test]
fn case_page_shows_the_journey_and_the_edited_words() {
    let (_dir, pages) = site(&[]);
    let case = page(&pages, &format!("cases/24%2F5629_{HTK}.html"));
    let marked = |tag: &str, open: &str, close: &str, words: &str| {
        format!(
            "<{tag}><span class=\"mk\">{open}</span>{words}<span class=\"mk\">{close}</span></{tag}>"
        )
    };
    assert!(
        case.contains(&marked("del", "[-", "-]", "projektet")),
        "{case}"
    );
    assert!(
        case.contains(&marked("ins", "{+", "+}", "projektets første fase")),
        "{case}"
    );
    assert!(case.contains("«Sagen blev udskudt til kommende direktionsmøde»"));
    assert!(case.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    // The timeline: a deferral, then the approval, in order, each with its
    // outcome in words.
    let timeline = case
        .split("<ol class=\"timeline\"")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .expect("a timeline");
    let deferred = timeline.find("o-deferred").expect("the deferral");
    let approved = timeline.find("o-approved").expect("the approval");
    assert!(deferred < approved);
    assert!(timeline.contains("‖ deferred") && timeline.contains("✓ approved"));
    // Every section of every treatment, collapsible.
    for name in ["Indstilling", "Beslutning", "Baggrund", "Sagsfremstilling"] {
        assert!(
            case.contains(&format!("<summary lang=\"da\">{name}</summary>")),
            "{name}"
        );
    }
    // The source minutes are part of the site and linked.
    let minutes = format!("minutes/2024-03-19-0900_Direktionen_{HTK}.html");
    assert!(case.contains(&format!("href=\"../{}#p1\"", minutes.replace('%', "%25"))));
    assert!(page(&pages, &minutes).contains("Koncernløsninger og dokumenthåndtering"));

    let meeting = page(
        &pages,
        &format!("meetings/2024-03-19-0900_Direktionen_{HTK}.html"),
    );
    assert!(meeting.contains(&marked("ins", "{+", "+}", "projektets første fase")));
    assert!(meeting.contains(&format!(
        "href=\"../cases/24%252F5629_{}.html",
        HTK.replace('%', "%25")
    )));
    assert!(meeting.contains("Participants (4)"), "{meeting}");
}

#[test]
fn a_recommendation_known_only_from_the_newer_treatment_is_shown() {
    let (_dir, pages) = site(&[]);
    let case = page(&pages, &format!("cases/22%2F1055_{HTK}.html"));
    assert!(
        case.contains("Known only as quoted in the minutes of"),
        "{case}"
    );
    let unknown = case
        .split("not known for 2025-11-04")
        .nth(1)
        .expect("the quoted treatment's Indstilling is not known");
    assert!(
        unknown.starts_with(" (only quoted in later minutes); as of 2025-11-17:</p><div class=\"text\" lang=\"da\"><p>"),
        "the newer Indstilling follows in full: {unknown}"
    );
}

#[test]
fn every_link_leads_to_a_page() {
    let (_dir, pages) = site(&[]);
    let paths: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    for p in &pages {
        let dir = p.path.rsplit_once('/').map_or("", |(d, _)| d);
        for href in p.html.split("href=\"").skip(1) {
            let href = href.split('"').next().unwrap_or_default();
            let href = href.split('#').next().unwrap_or_default();
            if href.is_empty() {
                continue;
            }
            let decoded = percent_encoding::percent_decode_str(href)
                .decode_utf8()
                .expect("utf-8 href");
            let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
            for s in decoded.split('/') {
                if s == ".." {
                    segments.pop();
                } else {
                    segments.push(s);
                }
            }
            let target = segments.join("/");
            assert!(
                paths.contains(target.as_str()),
                "{}: {href} → {target}",
                p.path
            );
        }
    }
}

#[test]
fn hostile_text_appears_only_escaped() {
    let original = std::fs::read_to_string(testdata("handmade/2024-03-19_direktionen.txt"))
        .expect("handmade minutes");
    let hostile = original
        .replace("19-03-2024", "02-04-2024")
        .replace("19. marts", "2. april")
        .replace(
            "Koncernløsninger og dokumenthåndtering - fra drev til skyen",
            "<script>alert(1)</script> & \"quoted\" <img src=x onerror=alert(2)>",
        )
        .replace(
            "Indstillingen godkendes.",
            "Indstillingen godkendes. <iframe src=\"javascript:alert(3)\"></iframe>\u{1b}[2J",
        );
    let (_dir, pages) = site(&[minutes("hostile.txt", hostile.as_bytes())]);
    // The report's own filter script is the only script there is.
    let own_script = format!("<script>{}</script>", include_str!("filter.js"));
    let mut seen = false;
    for p in &pages {
        let html = p.html.replace(&own_script, "");
        for raw in ["<script", "<img", "<iframe", "\u{1b}"] {
            assert!(!html.contains(raw), "{} contains {raw:?}", p.path);
        }
        seen |= p.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    assert!(seen, "the hostile title is shown, escaped");
    let meeting = page(
        &pages,
        &format!("meetings/2024-04-02-0900_Direktionen_{HTK}.html"),
    );
    assert!(meeting.contains("&lt;iframe"), "{meeting}");
}

#[test]
fn paragraphs_stay_paragraphs_and_changes_stay_nested() {
    let diff = vec![
        Op {
            tag: Tag::Equal,
            text: "Første afsnit ".to_string(),
        },
        Op {
            tag: Tag::Delete,
            text: "slut.\n\nAndet".to_string(),
        },
        Op {
            tag: Tag::Insert,
            text: "<b>".to_string(),
        },
    ];
    // For a feed reader: the elements alone.
    assert_eq!(
        ops(&diff).into_string(),
        "<p>Første afsnit <del>slut.</del></p><p><del>Andet</del><ins>&lt;b&gt;</ins></p>"
    );
    // On the site: markers for print and copy.
    assert_eq!(
        parts::changed_text(&diff),
        "<p>Første afsnit <del><span class=\"mk\">[-</span>slut.<span class=\"mk\">-]</span></del></p>\
         <p><del><span class=\"mk\">[-</span>Andet<span class=\"mk\">-]</span></del>\
         <ins><span class=\"mk\">{+</span>&lt;b&gt;<span class=\"mk\">+}</span></ins></p>"
    );
}

#[test]
fn a_folder_of_other_files_is_never_written_into() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("index.html"), "a user's own page").unwrap();
    let page = Page {
        path: "index.html".to_string(),
        html: "report".to_string(),
    };
    let refused = write(out.path(), std::slice::from_ref(&page)).unwrap_err();
    assert!(
        refused.to_string().contains("no earlier report wrote"),
        "{refused}"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("index.html")).unwrap(),
        "a user's own page"
    );
    let file = out.path().join("index.html");
    let refused = write(&file, std::slice::from_ref(&page)).unwrap_err();
    assert!(
        refused.to_string().contains("a file, not a folder"),
        "{refused}"
    );
    // A folder the report wrote is written again.
    let site = out.path().join("site");
    write(&site, std::slice::from_ref(&page)).unwrap();
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    write(&site, std::slice::from_ref(&page)).unwrap();
    assert!(site.join("notes.txt").exists());
}

#[test]
fn the_minutes_page_shows_the_reading_and_the_document_as_stored() {
    let (_dir, pages) = site(&[]);
    let minutes = page(
        &pages,
        &format!("minutes/2024-03-05-0900_Direktionen_{HTK}.html"),
    );
    let item = minutes
        .split("<section class=\"treatment\" id=\"p9\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("punkt 9, anchored");
    assert!(
        item.contains("Koncernløsninger og dokumenthåndtering"),
        "{item}"
    );
    assert!(item.contains("sag 24/5629"), "{item}");
    assert!(
        item.contains("Sagen blev udskudt til kommende direktionsmøde."),
        "{item}"
    );
    // Text minutes are readable as stored, so they come open.
    assert!(
        minutes.contains("<details class=\"stored\" open>"),
        "{minutes}"
    );
    let case = page(&pages, &format!("cases/24%2F5629_{HTK}.html"));
    assert!(case.contains(&format!(
        "href=\"../minutes/2024-03-05-0900_Direktionen_{}.html#p9\"",
        HTK.replace('%', "%25")
    )));
    // The front page always links every waiting case.
    assert!(page(&pages, "index.html").contains("href=\"waiting.html\""));
}

#[test]
fn write_refuses_paths_leaving_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    for bad in ["../x", "/etc/x", "a//b", "", "a/./b", "a/..", "a\\b", "c:x"] {
        let pages = [Page {
            path: bad.to_string(),
            html: String::new(),
        }];
        assert!(write(dir.path(), &pages).is_err(), "{bad:?}");
    }
    // A refused page stops the whole write before anything lands.
    let pages = [
        Page {
            path: "index.html".to_string(),
            html: "ok".to_string(),
        },
        Page {
            path: "../x".to_string(),
            html: String::new(),
        },
    ];
    assert!(write(dir.path(), &pages).is_err());
    assert!(!dir.path().join("index.html").exists());

    let pages = [Page {
        path: "cases/24%2F5629.html".to_string(),
        html: "ok".to_string(),
    }];
    write(dir.path(), &pages).expect("write");
    let written = std::fs::read_to_string(dir.path().join("cases").join("24%2F5629.html"))
        .expect("written page");
    assert_eq!(written, "ok");
}

#[test]
fn a_meeting_page_lists_every_item_with_or_without_a_journal_number() {
    let (_dir, pages) = site(&[]);
    let meeting = pages
        .iter()
        .find(|p| p.path.starts_with("meetings/2025-08-18-"))
        .map(|p| p.html.as_str())
        .expect("the Kalundborg meeting");
    let items = meeting
        .split("<tbody>")
        .nth(1)
        .and_then(|rest| rest.split("</tbody>").next())
        .expect("the items");
    assert_eq!(items.matches("<tr").count(), 12, "{items}");
    assert!(items.contains("Eventuelt"), "{items}");
    assert_eq!(items.matches("(closed item)").count(), 3, "{items}");
    assert!(meeting.contains("12 punkter, 8 of them cases in the store"));
}
