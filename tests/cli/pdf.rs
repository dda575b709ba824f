//! PDF minutes read like the same minutes as text (needs poppler's
//! pdftotext, which `.ci/run` installs).

use crate::messy::reading;
use crate::util::*;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use std::path::Path;

const LINES_PER_PAGE: usize = 70;
const CHARS_PER_LINE: usize = 105;

/// Lays minutes text out on A4 pages in Helvetica, as a word processor's
/// PDF export would: long lines wrapped, blank lines kept as gaps.
fn make_pdf(text: &str) -> Vec<u8> {
    // Helvetica in WinAnsiEncoding cannot show the rest.
    let showable: String = text
        .replace('\t', "    ")
        .chars()
        .filter(|c| {
            let mut buf = [0u8; 4];
            let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            !unmappable
        })
        .collect();
    let wrapped = rewrap(&showable, CHARS_PER_LINE);
    let lines: Vec<&str> = wrapped.split('\n').collect();
    let pages: Vec<&[&str]> = lines.chunks(LINES_PER_PAGE).collect();
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|k| Ref::new(10 + 2 * k as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (k, page_lines) in pages.iter().enumerate() {
        let content_id = Ref::new(11 + 2 * k as i32);
        let mut page = pdf.page(page_ids[k]);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(Name(b"F1"), font);
        page.finish();
        let mut content = Content::new();
        content.begin_text();
        content.set_font(Name(b"F1"), 8.0);
        content.set_leading(11.0);
        content.next_line(40.0, 800.0);
        for line in page_lines.iter() {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(line);
            content.show(Str(&bytes));
            content.next_line_using_leading();
        }
        content.end_text();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

fn pdftotext_available() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

#[test]
fn a_pdf_reads_like_the_same_minutes_as_text() {
    assert!(
        pdftotext_available() || std::env::var_os("CI").is_none(),
        "CI must have pdftotext (poppler-utils)"
    );
    if !pdftotext_available() {
        eprintln!("skipped: pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = TempStore::new();
    for seed in all_seeds() {
        let text = std::fs::read_to_string(&seed).unwrap();
        let pdf_path = dir
            .path()
            .join(seed.file_name().unwrap())
            .with_extension("pdf");
        std::fs::write(&pdf_path, make_pdf(&text)).unwrap();
        let from_pdf = reading(&store, &pdf_path);
        let from_text = reading(&store, &seed);
        assert_eq!(from_pdf.len(), from_text.len(), "{seed:?}");
        for (got, want) in from_pdf.iter().zip(&from_text) {
            for key in ["punkt", "title", "journal", "closed"] {
                assert_eq!(got[key], want[key], "{key} in {seed:?}");
            }
            let outcomes = |v: &serde_json::Value| -> Vec<(serde_json::Value, serde_json::Value)> {
                v["decisions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| (d[0].clone(), d[2].clone()))
                    .collect()
            };
            assert_eq!(
                outcomes(got),
                outcomes(want),
                "decisions in {seed:?} punkt {}",
                want["punkt"]
            );
        }
    }
}

#[test]
fn a_committed_pdf_keeps_the_extracted_text_and_the_pdf_hash() {
    if !pdftotext_available() {
        assert!(std::env::var_os("CI").is_none(), "CI must have pdftotext");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("referat.pdf");
    let pdf = make_pdf(&std::fs::read_to_string(seed("002")).unwrap());
    std::fs::write(&pdf_path, &pdf).unwrap();
    let store = TempStore::new();
    store.run(&["commit", pdf_path.to_str().unwrap()]);
    let repo = store.repo();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let sha = sagsspor::store::sha256_hex(&pdf);
    assert!(
        head.message()
            .unwrap()
            .contains(&format!("Source-Sha256: {sha}"))
    );
    let tree = head.tree().unwrap();
    let entry = tree
        .get_path(Path::new(
            "meetings/H%C3%B8je-Taastrup%20Kommune/2024/03/2024-03-05_0900_Direktionen/minutes.txt",
        ))
        .unwrap();
    let text = String::from_utf8(repo.find_blob(entry.id()).unwrap().content().to_vec()).unwrap();
    assert!(text.contains("Koncernløsninger og dokumenthåndtering"));
    let deferred = store.json(&["deferred"]);
    assert_eq!(deferred[0]["journal"], "24/5629");
}

#[test]
fn without_pdftotext_the_error_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("referat.pdf");
    std::fs::write(&pdf_path, make_pdf("REFERAT Direktionen d. 05-03-2024\n")).unwrap();
    let store = TempStore::new();
    let out = store
        .cmd()
        .env("SAGSSPOR_PDFTOTEXT", "/nonexistent/pdftotext")
        .arg("parse")
        .arg(&pdf_path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("referat.pdf: reading PDF needs pdftotext")
            && err.contains("apt-get install poppler-utils"),
        "{err}"
    );
}
