//! The shareable HTML report, loaded in a real browser (headless Chromium,
//! which `.ci/run` installs).

use crate::util::*;
use std::path::Path;
use std::process::Command;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Loads a page in headless Chromium and returns the DOM it built.
fn load(browser: &str, profile: &Path, url: &str, screenshot: Option<&Path>) -> String {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,1400",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    match screenshot {
        Some(path) => cmd.arg(format!("--screenshot={}", path.display())),
        None => cmd.arg("--dump-dom"),
    };
    let out = cmd.arg(url).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_report_shows_the_case_and_its_diff_in_a_browser() {
    let Some(browser) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium");
        eprintln!("skipped: no chromium (apt-get install chromium)");
        return;
    };
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    store.run(&[
        "commit",
        handmade("2024-03-19_direktionen.txt").to_str().unwrap(),
    ]);
    let site = tempfile::tempdir().unwrap();
    let out = store.run(&["report", "--out", site.path().to_str().unwrap()]);
    assert!(out.contains("index.html"), "{out}");
    let profile = tempfile::tempdir().unwrap();

    let index = format!("file://{}/index.html", site.path().display());
    let dom = load(browser, profile.path(), &index, None);
    assert!(dom.contains("24/14508"), "deferred case on the index");
    assert!(dom.contains("Nødberedskab for sårbare borgere"));

    // The case page, by the link the index gives (a real browser resolves it).
    let href = regex::Regex::new(r#"href="(cases/24%252F5629\.html)""#).unwrap();
    let link = href.captures(&dom).expect("index links the case")[1].to_string();
    let case = format!("file://{}/{link}", site.path().display());
    let dom = load(browser, profile.path(), &case, None);
    assert!(dom.contains("Koncernløsninger og dokumenthåndtering"));
    assert!(dom.contains("<del>projektet</del>"), "{dom}");
    assert!(dom.contains("<ins>projektets første fase</ins>"), "{dom}");

    let shot = site.path().join("case.png");
    load(browser, profile.path(), &case, Some(&shot));
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a rendered page"
    );
}

#[test]
fn report_without_a_store_says_how_to_make_one() {
    let store = TempStore::new();
    let out = store.cmd().args(["report", "--out", "x"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sagsspor commit"));
}

/// A journal number as long as the store takes, in letters that escape to
/// six bytes each, still gets a page: no file name reaches the 255 bytes
/// file systems allow, and the report is written whole.
#[test]
fn the_longest_journal_number_gets_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    std::fs::write(
        &file,
        format!(
            "REFERAT Direktionen d. 06-01-2025\n\nPunkt 1: Sag\n\nSagsnr.: {}\n\nBeslutning\n\nGodkendt.\n",
            "Æ".repeat(100)
        ),
    )
    .unwrap();
    let store = TempStore::new();
    store.run(&["commit", file.to_str().unwrap()]);
    let out = dir.path().join("site");
    let view = store.json(&["report", "--out", out.to_str().unwrap()]);
    assert!(view["pages"].as_u64().unwrap() >= 3);
    let names: Vec<String> = std::fs::read_dir(out.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(names[0].len() < 255, "{}", names[0]);
}
