//! The shareable HTML report, loaded in a real browser (headless Chromium,
//! which `.ci/run` installs) from a small HTTP server on loopback, so that a
//! probe page can look into the report's pages as a reader's browser shows
//! them: at 390 px, with and without JavaScript, with its switches used.

use crate::util::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
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

/// Headless Chromium with its own profile.
struct Browser {
    program: &'static str,
    profile: tempfile::TempDir,
}

impl Browser {
    /// Chromium where installed; in CI it must be.
    fn find() -> Option<Browser> {
        let Some(program) = chromium() else {
            assert!(std::env::var_os("CI").is_none(), "CI must have chromium");
            eprintln!("skipped: no chromium (apt-get install chromium)");
            return None;
        };
        Some(Browser {
            program,
            profile: tempfile::tempdir().unwrap(),
        })
    }

    fn command(&self, width: u32) -> Command {
        let mut cmd = Command::new(self.program);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size={width},1600"))
        .arg(format!("--user-data-dir={}", self.profile.path().display()));
        cmd
    }

    /// The DOM a page built.
    fn dom(&self, url: &str) -> String {
        let out = self
            .command(1280)
            .arg("--dump-dom")
            .arg(url)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A screenshot of a page at a width, as a PNG file.
    fn screenshot(&self, url: &str, width: u32, png: &Path) {
        let out = self
            .command(width)
            .arg(format!("--screenshot={}", png.display()))
            .arg(url)
            .output()
            .unwrap();
        assert!(out.status.success());
        let bytes = std::fs::read(png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "a rendered page"
        );
    }
}

/// Serves the files under `root` on a loopback port until the test ends;
/// returns the base URL.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The rest of the request head is not needed.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let target = request.split(' ').nth(1).unwrap_or("/");
            let target = target.split(['?', '#']).next().unwrap_or_default();
            // Under /nojs/ the page is served with scripts forbidden, as a
            // reader with JavaScript off sees it.
            let (target, policy) = match target.strip_prefix("/nojs") {
                Some(rest) => (rest, "Content-Security-Policy: script-src 'none'\r\n"),
                None => (target, ""),
            };
            let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
            let path = root.join(decoded.trim_start_matches('/'));
            let inside = !decoded.split('/').any(|s| s == "..");
            let mut stream = &stream;
            match std::fs::read(&path) {
                Ok(body) if inside => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{policy}Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                }
                _ => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            }
        }
    });
    base
}

/// The probe: loads each page in a 390 px wide frame, measures it, uses the
/// filter and the side-by-side switch where the page has them, and writes
/// what it found as JSON into its own DOM for `--dump-dom` to return. A
/// payload that ran would write `pwned` into the probe too.
const PROBE: &str = r#"<!DOCTYPE html><meta charset="utf-8"><body>
<pre id="result"></pre>
<script>
window.addEventListener("load", function () {
  var out = {};
  document.querySelectorAll("iframe").forEach(function (frame) {
    var d = frame.contentDocument, w = frame.contentWindow, r = {};
    r.overflow = d.documentElement.scrollWidth - d.documentElement.clientWidth;
    r.lang = d.documentElement.lang;
    r.timeline = Array.prototype.map.call(d.querySelectorAll("ol.timeline li"), function (li) {
      return { text: li.textContent.replace(/\s+/g, " ").trim(),
               colour: w.getComputedStyle(li).getPropertyValue("--c").trim() };
    });
    r.marker_width = Array.prototype.reduce.call(d.querySelectorAll(".mk"), function (m, e) {
      return Math.max(m, e.getBoundingClientRect().width);
    }, 0);
    var form = d.getElementById("filter");
    if (form) {
      var rows = function () { return d.querySelectorAll("tr[data-body]:not([hidden])").length; };
      r.form_shown = !form.hidden;
      r.rows = rows();
      form.elements.q.value = frame.dataset.text || "";
      form.elements.q.dispatchEvent(new w.Event("input", { bubbles: true }));
      r.rows_with_text = rows();
      form.elements.q.value = "";
      form.elements.outcome.value = "deferred";
      form.elements.outcome.dispatchEvent(new w.Event("change", { bubbles: true }));
      r.rows_deferred = rows();
      r.shown_note = form.querySelector("output").textContent;
    }
    var unified = d.querySelector(".unified"), sbs = d.querySelector(".sbs");
    if (unified && sbs) {
      r.sbs_before = [w.getComputedStyle(unified).display, w.getComputedStyle(sbs).display];
      d.getElementById("sbs").click();
      r.sbs_after = [w.getComputedStyle(unified).display, w.getComputedStyle(sbs).display];
      r.sbs_overflow = d.documentElement.scrollWidth - d.documentElement.clientWidth;
    }
    out[frame.dataset.name] = r;
  });
  out.pwned = document.body.dataset.pwned || null;
  document.getElementById("result").textContent = JSON.stringify(out);
});
</script>
"#;

/// The probe page for `pages` (name, path under the served root, text to
/// filter by).
fn probe(pages: &[(&str, &str, &str)]) -> String {
    let mut html = PROBE.to_string();
    for (name, path, text) in pages {
        let src = path.replace('%', "%25");
        html.push_str(&format!(
            "<iframe data-name=\"{name}\" data-text=\"{text}\" src=\"/{src}\" style=\"width:390px;height:900px;border:0\"></iframe>\n"
        ));
    }
    html
}

/// The one file under `dir` whose name starts with `prefix`.
fn page_named(dir: &Path, prefix: &str) -> String {
    let found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    assert_eq!(found.len(), 1, "{prefix}: {found:?}");
    found[0].clone()
}

/// The hand-made meeting with hostile text in every place a document can
/// put it: title, body of the text, decision, participants.
fn hostile_minutes(dir: &Path) -> PathBuf {
    let original = std::fs::read_to_string(handmade("2024-03-19_direktionen.txt")).unwrap();
    let payload = "<img src=x onerror=\"parent.document.body.dataset.pwned=1\">";
    let hostile = original
        .replace("19-03-2024", "02-04-2024")
        .replace("19. marts", "2. april")
        .replace("24/5629", "24/9999")
        .replace(
            "Koncernløsninger og dokumenthåndtering - fra drev til skyen",
            &format!(
                "Skyen <script>parent.document.body.dataset.pwned=1</script> {payload} {}",
                "Uafbrudtlangtordudenmellemrum".repeat(12)
            ),
        )
        .replace(
            "Indstillingen godkendes.",
            "Indstillingen godkendes. <svg onload=\"parent.document.body.dataset.pwned=1\"></svg> \"><a href=\"javascript:parent.document.body.dataset.pwned=1\">x</a>\u{202e}cod.exe",
        )
        .replace("Anya Krogh", "Anya <iframe srcdoc=\"x\"></iframe> Krogh");
    let file = dir.join("2024-04-02_direktionen.txt");
    std::fs::write(&file, hostile).unwrap();
    file
}

#[test]
fn the_report_reads_at_390_px_filters_and_switches_in_a_browser() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    store.run(&[
        "commit",
        handmade("2024-03-19_direktionen.txt").to_str().unwrap(),
        hostile_minutes(work.path()).to_str().unwrap(),
    ]);
    let site = work.path().join("site");
    let out = store.run(&["report", "--out", site.to_str().unwrap()]);
    assert!(out.contains("index.html"), "{out}");
    let base = serve(work.path().to_path_buf());

    // A page of the site by its folder and the start of its name.
    let named = |folder: &str, prefix: &str| {
        format!("site/{folder}/{}", page_named(&site.join(folder), prefix))
    };
    let case = named("cases", "24%2F5629_");
    let meeting = named("meetings", "2024-03-19-");
    let hostile = named("meetings", "2024-04-02-");
    let hostile_minutes = named("minutes", "2024-04-02-");
    let hostile_case = named("cases", "24%2F9999_");
    let pages = [
        ("index", "site/index.html", "Nødberedskab"),
        ("waiting", "site/waiting.html", "Nødberedskab"),
        ("year", "site/years/2024.html", "Koncernløsninger"),
        ("case", case.as_str(), ""),
        ("meeting", meeting.as_str(), ""),
        ("hostile", hostile.as_str(), ""),
        ("minutes", hostile_minutes.as_str(), ""),
        ("hostile case", hostile_case.as_str(), ""),
    ];
    std::fs::write(work.path().join("probe.html"), probe(&pages)).unwrap();
    let dom = browser.dom(&format!("{base}/probe.html"));
    let json = dom
        .split("<pre id=\"result\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .expect("the probe's result");
    let json = json
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let found: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));

    assert_eq!(found["pwned"], Value::Null, "no payload ran: {found}");
    for (name, ..) in &pages {
        let page = &found[name];
        assert_eq!(page["overflow"], 0, "{name} fits 390 px: {page}");
        assert_eq!(page["lang"], "en", "{name}: the interface is English");
    }
    // The timeline: a deferral and an approval, in order, in words and in
    // two colours.
    let timeline = found["case"]["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 2, "{timeline:?}");
    assert_eq!(timeline[0]["text"], "2024-03-05 Direktionen ‖ deferred");
    assert_eq!(timeline[1]["text"], "2024-03-19 Direktionen ✓ approved");
    assert_ne!(timeline[0]["colour"], timeline[1]["colour"]);
    // The change markers are there for print and copy, not on screen.
    assert!(found["case"]["marker_width"].as_f64().unwrap() <= 1.0);
    // The side-by-side switch, without JavaScript of its own.
    assert_eq!(
        found["case"]["sbs_before"],
        serde_json::json!(["block", "none"])
    );
    assert_eq!(
        found["case"]["sbs_after"],
        serde_json::json!(["none", "grid"])
    );
    assert_eq!(found["case"]["sbs_overflow"], 0);
    // The filter: by text, by outcome.
    let index = &found["index"];
    assert_eq!(index["form_shown"], true);
    let all = index["rows"].as_u64().unwrap();
    assert!(all > 20, "{index}");
    assert_eq!(
        index["rows_with_text"], 2,
        "the case, waiting and recently treated: {index}"
    );
    let deferred = index["rows_deferred"].as_u64().unwrap();
    assert!(deferred >= 3 && deferred < all, "{index}");
    assert_eq!(
        index["shown_note"],
        format!("{deferred} of {all} rows shown").as_str()
    );
    assert_eq!(found["year"]["rows_with_text"], 1, "{}", found["year"]);

    // Without JavaScript: every row shows, and no control that does nothing.
    let plain = browser.dom(&format!("{base}/nojs/site/index.html"));
    let rows = plain.matches("<tr data-body=").count() as u64;
    assert_eq!(rows, all);
    assert!(!plain.contains("<tr hidden"), "no row hidden");
    let form = plain
        .split("<form")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .expect("the filter form");
    assert!(
        form.contains("id=\"filter\"") && form.contains("hidden"),
        "{form}"
    );

    // Screenshots to look at: the case page at both widths, the front page.
    let shots = std::env::var_os("SAGSSPOR_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| work.path().to_path_buf());
    for (name, path) in [("index", "site/index.html"), ("case", case.as_str())] {
        for width in [1280, 390] {
            let png = shots.join(format!("{name}-{width}.png"));
            browser.screenshot(&format!("{base}/{}", path.replace('%', "%25")), width, &png);
        }
    }
}

/// Greve's minutes give votes, dissent and absentees: the case page shows
/// the vote and the dissent at the step that had them, the meeting page who
/// was absent.
#[test]
fn votes_dissent_and_absentees_are_shown() {
    let store = TempStore::new();
    let greve = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/real/greve");
    store.run(&["commit", greve.to_str().unwrap()]);
    store.run(&[
        "commit",
        handmade("firstagenda_okonomiudvalget.txt")
            .to_str()
            .unwrap(),
    ]);
    let site = tempfile::tempdir().unwrap();
    store.run(&["report", "--out", site.path().to_str().unwrap()]);
    // One municipality: no column repeats its name on every meeting.
    let index = std::fs::read_to_string(site.path().join("index.html")).unwrap();
    assert!(!index.contains(">organisation</th>"));
    let cases = site.path().join("cases");
    let case = std::fs::read_to_string(cases.join(page_named(&cases, "22-009229_"))).unwrap();
    let byraadet = case
        .split("<li class=\"o-approved\">")
        .nth(1)
        .expect("the approval on the timeline");
    assert!(byraadet.contains("Byrådet"), "{byraadet}");
    assert!(byraadet.contains("18 for, 2 imod"), "{byraadet}");
    assert!(byraadet.contains("dissent"), "{byraadet}");

    let meetings = site.path().join("meetings");
    let with_absent: Vec<String> = std::fs::read_dir(&meetings)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|html| html.contains("Absent (1)"))
        .collect();
    // The hand-made meeting's list names one absentee; Greve's notes on
    // the items of 26 September and 3 October 2022 one each.
    assert_eq!(
        with_absent.len(),
        3,
        "the hand-made meeting and two of Greve's name one absentee"
    );
    assert!(
        with_absent
            .iter()
            .all(|html| html.contains("Participants ("))
    );

    // Away for some items only: said at those items of the minutes page.
    let excerpt = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/real/excerpts/greve_2022-01-31_byraad_absence.json");
    store.run(&["commit", excerpt.to_str().unwrap()]);
    store.run(&["report", "--out", site.path().to_str().unwrap()]);
    let minutes = site.path().join("minutes");
    let page = std::fs::read_to_string(minutes.join(page_named(&minutes, "2022-01-31-"))).unwrap();
    assert!(
        page.contains("Absent (1)"),
        "Tina Rottbøll, away from the meeting"
    );
    assert_eq!(
        page.matches("Absent for this item: <span lang=\"da\">Pernille Beckmann</span>")
            .count(),
        2,
        "punkt 22 and 24"
    );
    let meetings = site.path().join("meetings");
    let page =
        std::fs::read_to_string(meetings.join(page_named(&meetings, "2022-01-31-"))).unwrap();
    assert_eq!(
        page.matches("(away for this item: <span lang=\"da\">Pernille Beckmann</span>)")
            .count(),
        2,
        "on the meeting page's list of items too"
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
