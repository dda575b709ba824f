//! A static, self-contained HTML site of the whole history: an index of
//! meetings, cases and deferred cases, a page per case (its journey and what
//! changed between consecutive treatments) and a page per meeting (its items
//! and what changed for each case since its previous treatment).
//!
//! The site needs no server, no JavaScript and no external assets: one small
//! stylesheet is inlined in every page and links are relative, so it works
//! from `file://` and from any web host.
//!
//! Document text is untrusted. Every piece of it passes through
//! [`crate::sanitize`] (control and bidi characters made visible) and is then
//! HTML-escaped for text or for a double-quoted attribute. File names are
//! built only from identifiers escaped by [`crate::store::paths::escape`].

use crate::diff::{DEFAULT_SECTIONS, Op, SectionDiff, Tag, diff_treatments};
use crate::model::Outcome;
use crate::normalize::normalize;
use crate::render::deferred_rows;
use crate::sanitize::{for_terminal, one_line};
use crate::store::{CaseSummary, Store, StoreError, TreatmentSummary, paths};
use crate::treatment::Treatment;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// One file of the site: a path relative to the output folder
/// (`/`-separated, made only from escaped identifiers) and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the page goes, relative to the output folder.
    pub path: String,
    /// The complete HTML document.
    pub html: String,
}

/// The stylesheet of every page. Changes are marked by strike-through and
/// underline plus printed `[-…-]`/`{+…+}` markers, so they survive
/// black-and-white printing and colour blindness; the tint is only a help.
const STYLE: &str = "\
:root{color-scheme:light dark}
body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;max-width:62rem;margin:0 auto;padding:1rem}
nav{margin-bottom:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{text-align:left;vertical-align:top;padding:.2rem .5rem;border-bottom:1px solid #8885}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.muted{opacity:.75;font-size:.9em}
.o-deferred{font-weight:bold}
section.step{border-top:1px solid #8885;margin-top:1.5rem}
.text{margin-left:1rem}
del{text-decoration:line-through;background:#e0303024}
ins{text-decoration:underline;background:#20a04024}
del::before{content:\"[-\"}del::after{content:\"-]\"}
ins::before{content:\"{+\"}ins::after{content:\"+}\"}
@media print{nav{display:none}a{color:inherit;text-decoration:none}body{max-width:none}\
del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";

/// The sections compared between treatments.
fn sections() -> Vec<String> {
    DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect()
}

/// Builds every page of the site. `today` counts days waiting for deferred
/// cases.
pub fn build(store: &Store, today: Date) -> Result<Vec<Page>, StoreError> {
    let summary = store.summary()?;
    let meetings: HashSet<(Date, &str)> = summary
        .meetings
        .iter()
        .map(|m| (m.date, m.body.as_str()))
        .collect();
    let links = Links { meetings };

    let mut pages = vec![Page {
        path: "index.html".to_string(),
        html: index_page(&summary.cases, &summary.meetings, today, &links),
    }];
    // What changed for each case at each meeting, rendered once and shown on
    // both the case page and the meeting page. Keyed by meeting, then by
    // (journal, punkt) of the item.
    let mut steps: HashMap<(Date, String), HashMap<(String, u32), String>> = HashMap::new();
    for case in &summary.cases {
        let Some(path) = case_path(&case.journal) else {
            continue;
        };
        let treatments = store.case(&case.journal)?;
        let fragments: Vec<String> = (0..treatments.len())
            .map(|i| step(&treatments, i, &links))
            .collect();
        for (t, fragment) in treatments.iter().zip(&fragments) {
            if let (false, Some(punkt)) = (t.quoted, t.punkt) {
                steps
                    .entry((t.date, t.body.clone()))
                    .or_default()
                    .insert((t.journal.clone(), punkt), fragment.clone());
            }
        }
        pages.push(Page {
            path,
            html: case_page(case, &treatments, &fragments, &links),
        });
    }
    for m in &summary.meetings {
        let Some(path) = meeting_path(m.date, &m.body) else {
            continue;
        };
        let empty = HashMap::new();
        let fragments = steps.get(&(m.date, m.body.clone())).unwrap_or(&empty);
        pages.push(Page {
            path,
            html: meeting_page(m, &summary.cases, fragments),
        });
    }
    Ok(pages)
}

/// Writes the pages under `out` (creating folders), refusing any path that
/// is absolute or has a `..`/empty component. Every path is checked before
/// anything is written, so a refused page leaves no half-written site.
pub fn write(out: &Path, pages: &[Page]) -> std::io::Result<()> {
    for page in pages {
        check_path(&page.path)?;
    }
    for page in pages {
        let target = page
            .path
            .split('/')
            .fold(out.to_path_buf(), |p, segment| p.join(segment));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &page.html)?;
    }
    Ok(())
}

/// A page path must stay inside the output folder on every platform: no
/// absolute path, no empty, `.` or `..` segment, no backslash, colon (drive
/// letters, alternate streams) or control character.
fn check_path(path: &str) -> std::io::Result<()> {
    let bad = path.is_empty()
        || Path::new(path).is_absolute()
        || path
            .chars()
            .any(|c| c.is_control() || c == '\\' || c == ':')
        || path
            .split('/')
            .any(|segment| segment.is_empty() || segment == "." || segment == "..");
    if bad {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("refusing to write page to unsafe path {:?}", one_line(path)),
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Paths and links

/// The page of a case, relative to the site root; `None` when the journal
/// number cannot be a path segment (such a case gets no page or link).
fn case_path(journal: &str) -> Option<String> {
    paths::escape(journal)
        .ok()
        .map(|e| format!("cases/{e}.html"))
}

/// The page of a meeting, relative to the site root.
fn meeting_path(date: Date, body: &str) -> Option<String> {
    paths::escape(body)
        .ok()
        .map(|e| format!("meetings/{date}_{e}.html"))
}

/// Which pages exist, so that links are made only to them.
struct Links<'s> {
    meetings: HashSet<(Date, &'s str)>,
}

impl Links<'_> {
    fn meeting(&self, date: Date, body: &str) -> Option<String> {
        if self.meetings.contains(&(date, body)) {
            meeting_path(date, body)
        } else {
            None
        }
    }
}

/// An `href` value for a page path. Escaped identifiers hold only ASCII
/// letters, digits, `-` and `%XX`; the file name contains a literal `%`, so
/// the URL must say `%25`. `nested` pages live one folder below the root.
fn href(path: &str, nested: bool) -> String {
    let up = if nested { "../" } else { "" };
    let url = format!("{up}{}", path.replace('%', "%25"));
    html_escape::encode_double_quoted_attribute(&url).into_owned()
}

/// `label_html` (already escaped) as a link to `path`, or plain when there
/// is no page.
fn link(path: Option<&str>, nested: bool, label_html: &str) -> String {
    match path {
        Some(p) => format!("<a href=\"{}\">{label_html}</a>", href(p, nested)),
        None => label_html.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Escaping

/// Untrusted one-line text, safe as HTML text.
fn text(s: &str) -> String {
    html_escape::encode_text(&one_line(s)).into_owned()
}

/// Optional untrusted text; empty when absent.
fn opt_text(s: Option<&str>) -> String {
    s.map(text).unwrap_or_default()
}

/// The deciding phrase in «», escaped.
fn reason(r: Option<&str>) -> String {
    r.map_or(String::new(), |r| format!("«{}»", text(r)))
}

/// An outcome as a word (colour, if any, is only a help).
fn outcome(o: Option<Outcome>) -> String {
    match o {
        Some(o) => format!("<span class=\"o-{0}\">{0}</span>", o.as_str()),
        None => "—".to_string(),
    }
}

fn punkt(p: Option<u32>) -> String {
    p.map_or(String::new(), |n| format!("punkt {n}"))
}

/// Normalised text (paragraphs separated by a blank line) as `<p>`s with
/// `<br>` for single line breaks.
fn paragraphs(normalised: &str) -> String {
    normalised
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", lines(p)))
        .collect()
}

/// One paragraph's lines, escaped, joined by `<br>`.
fn lines(s: &str) -> String {
    s.split('\n')
        .map(|l| html_escape::encode_text(&for_terminal(l)).into_owned())
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Diff ops as paragraphs. An op may span a paragraph break, so each op is
/// cut at the breaks and its `<del>`/`<ins>` closed and reopened around
/// them: the markup stays well nested.
fn ops_html(ops: &[Op]) -> String {
    let mut paras: Vec<String> = vec![String::new()];
    for op in ops {
        for (k, piece) in op.text.split("\n\n").enumerate() {
            if k > 0 {
                paras.push(String::new());
            }
            if piece.is_empty() {
                continue;
            }
            let inner = lines(piece);
            let html = match op.tag {
                Tag::Equal => inner,
                // White space alone carries no change worth marking.
                _ if piece.trim().is_empty() => " ".to_string(),
                Tag::Delete => format!("<del>{inner}</del>"),
                Tag::Insert => format!("<ins>{inner}</ins>"),
            };
            if let Some(last) = paras.last_mut() {
                last.push_str(&html);
            }
        }
    }
    paras
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{p}</p>"))
        .collect()
}

fn section_title(name: &str) -> String {
    let mut chars = name.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    text(&title)
}

// ---------------------------------------------------------------------------
// Page parts

/// A complete document. `title` is untrusted; `main` is already HTML.
fn document(title: &str, nested: bool, main: &str) -> String {
    let nav = if nested {
        format!(
            "<nav><a href=\"{}\">← Index</a></nav>\n",
            href("index.html", true)
        )
    } else {
        String::new()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — sagsspor</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         {nav}<main>\n{main}</main>\n</body>\n</html>\n",
        text(title)
    )
}

/// "2024-03-05 Direktionen punkt 9", escaped; the meeting linked when it has
/// a page.
fn treatment_label(t: &Treatment, links: &Links) -> String {
    let meeting = link(
        links.meeting(t.date, &t.body).as_deref(),
        true,
        &format!("{} {}", t.date, text(&t.body)),
    );
    let p = punkt(t.punkt);
    if p.is_empty() {
        meeting
    } else {
        format!("{meeting} {p}")
    }
}

/// The note on a treatment known only from a later meeting's quote.
fn quoted_note(t: &Treatment, links: &Links) -> String {
    let source = link(
        links.meeting(t.source.date, &t.source.body).as_deref(),
        true,
        &format!("{} minutes", t.source.date),
    );
    format!("<span class=\"muted\">quoted in the {source}</span>")
}

/// What treatment `i` of a case brought: for the first, its texts in full;
/// for a later one, the word-level changes since the one before.
fn step(treatments: &[Treatment], i: usize, links: &Links) -> String {
    let Some(to) = treatments.get(i) else {
        return String::new();
    };
    let Some(from) = i.checked_sub(1).and_then(|j| treatments.get(j)) else {
        return format!("<p class=\"muted\">first treatment</p>\n{}", full_texts(to));
    };
    let mut out = format!(
        "<p class=\"muted\">since {}: {} {}</p>\n",
        treatment_label(from, links),
        outcome(from.outcome),
        reason(from.reason.as_deref())
    );
    out.push_str(&section_diffs(
        &diff_treatments(from, to, &sections()),
        from,
        to,
    ));
    out
}

/// Each section's changes, worded like the terminal's `diff`.
fn section_diffs(diffs: &[SectionDiff], from: &Treatment, to: &Treatment) -> String {
    let mut out = String::new();
    for s in diffs {
        let name = section_title(&s.name);
        if !s.from_known || !s.to_known {
            let date = if s.from_known { to.date } else { from.date };
            let _ = writeln!(
                out,
                "<h4>{name}</h4>\n<p class=\"muted\">not known for {date} \
                 (that decision is only quoted in later minutes)</p>"
            );
        } else if s.ops.is_empty() {
            let _ = writeln!(
                out,
                "<h4>{name}</h4>\n<p class=\"muted\">none in either treatment</p>"
            );
        } else if !s.changed {
            let _ = writeln!(out, "<h4>{name}</h4>\n<p class=\"muted\">no change</p>");
        } else {
            let _ = writeln!(
                out,
                "<h4>{name}</h4>\n<div class=\"text\">{}</div>",
                ops_html(&s.ops)
            );
        }
    }
    out
}

/// Indstilling and Beslutning of one treatment in full.
fn full_texts(t: &Treatment) -> String {
    let indstilling = if t.quoted {
        "<p class=\"muted\">not known (only quoted in later minutes)</p>".to_string()
    } else {
        texts_or_none(t.indstilling.as_deref())
    };
    format!(
        "<h4>Indstilling</h4>\n<div class=\"text\">{indstilling}</div>\n\
         <h4>Beslutning</h4>\n<div class=\"text\">{}</div>\n",
        texts_or_none(t.beslutning.as_deref())
    )
}

fn texts_or_none(s: Option<&str>) -> String {
    let html = s.map(|s| paragraphs(&normalize(s))).unwrap_or_default();
    if html.is_empty() {
        "<p class=\"muted\">none</p>".to_string()
    } else {
        html
    }
}

// ---------------------------------------------------------------------------
// Pages

fn index_page(
    cases: &[CaseSummary],
    meetings: &[crate::store::MeetingSummary],
    today: Date,
    links: &Links,
) -> String {
    let deferred = deferred_rows(cases, today);
    let mut main = format!(
        "<h1>Sagsspor</h1>\n<p>{} meetings, {} cases, {} deferred \
         (days waiting counted to {today}).</p>\n\
         <nav><a href=\"#meetings\">Meetings</a> · <a href=\"#cases\">Cases</a> · \
         <a href=\"#deferred\">Deferred</a></nav>\n",
        meetings.len(),
        cases.len(),
        deferred.len()
    );

    main.push_str(
        "<section id=\"meetings\">\n<h2>Meetings</h2>\n<table>\n<thead><tr>\
         <th scope=\"col\">date</th><th scope=\"col\">body</th>\
         <th scope=\"col\" class=\"n\">punkter</th><th scope=\"col\">minutes file</th>\
         </tr></thead>\n<tbody>\n",
    );
    for m in meetings {
        let path = links.meeting(m.date, &m.body);
        let _ = writeln!(
            main,
            "<tr><td class=\"nowrap\">{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"muted\">{}</td></tr>",
            link(path.as_deref(), false, &m.date.to_string()),
            link(path.as_deref(), false, &text(&m.body)),
            m.items,
            text(&m.source_file)
        );
    }
    main.push_str("</tbody>\n</table>\n</section>\n");

    main.push_str(
        "<section id=\"cases\">\n<h2>Cases</h2>\n<table>\n<thead><tr>\
         <th scope=\"col\">sag</th><th scope=\"col\">title</th>\
         <th scope=\"col\" class=\"n\">treatments</th><th scope=\"col\">latest</th>\
         <th scope=\"col\">outcome</th></tr></thead>\n<tbody>\n",
    );
    for c in cases {
        let latest = c.latest();
        let _ = writeln!(
            main,
            "<tr><td class=\"nowrap\">{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"nowrap\">{}</td><td>{}</td></tr>",
            link(case_path(&c.journal).as_deref(), false, &text(&c.journal)),
            opt_text(c.title.as_deref()),
            c.treatments.len(),
            latest.map(|t| t.date.to_string()).unwrap_or_default(),
            outcome(latest.and_then(|t| t.outcome))
        );
    }
    main.push_str("</tbody>\n</table>\n</section>\n");

    main.push_str("<section id=\"deferred\">\n<h2>Deferred</h2>\n");
    if deferred.is_empty() {
        main.push_str("<p>No deferred cases.</p>\n");
    } else {
        main.push_str(
            "<table>\n<thead><tr><th scope=\"col\" class=\"n\">waiting</th>\
             <th scope=\"col\">since</th><th scope=\"col\">body</th>\
             <th scope=\"col\">sag</th><th scope=\"col\">title</th>\
             <th scope=\"col\">because</th></tr></thead>\n<tbody>\n",
        );
        for row in &deferred {
            let (c, days) = (row.case, row.waiting_days);
            let Some(t) = c.latest() else { continue };
            let _ = writeln!(
                main,
                "<tr><td class=\"n\">{days} d</td><td class=\"nowrap\">{}</td><td>{}</td>\
                 <td class=\"nowrap\">{}</td><td>{}</td><td>{}</td></tr>",
                t.date,
                link(
                    links.meeting(t.date, &t.body).as_deref(),
                    false,
                    &text(&t.body)
                ),
                link(case_path(&c.journal).as_deref(), false, &text(&c.journal)),
                opt_text(c.title.as_deref()),
                reason(t.reason.as_deref())
            );
        }
        main.push_str("</tbody>\n</table>\n");
    }
    main.push_str("</section>\n");
    document("History", false, &main)
}

fn case_page(
    case: &CaseSummary,
    treatments: &[Treatment],
    steps: &[String],
    links: &Links,
) -> String {
    let title = opt_text(case.title.as_deref());
    let mut main = format!(
        "<h1>{} <span class=\"muted\">sag</span></h1>\n<p>{title}</p>\n\
         <h2>Journey</h2>\n<table>\n<thead><tr><th scope=\"col\">date</th>\
         <th scope=\"col\">body</th><th scope=\"col\">punkt</th>\
         <th scope=\"col\">outcome</th><th scope=\"col\">because</th></tr></thead>\n<tbody>\n",
        text(&case.journal)
    );
    for (i, t) in treatments.iter().enumerate() {
        let note = if t.quoted {
            format!(" {}", quoted_note(t, links))
        } else {
            String::new()
        };
        let _ = writeln!(
            main,
            "<tr><td class=\"nowrap\"><a href=\"#t{i}\">{}</a></td><td>{}</td>\
             <td class=\"nowrap\">{}</td><td>{}</td><td>{}{note}</td></tr>",
            t.date,
            link(
                links.meeting(t.date, &t.body).as_deref(),
                true,
                &text(&t.body)
            ),
            t.punkt.map(|p| p.to_string()).unwrap_or_default(),
            outcome(t.outcome),
            reason(t.reason.as_deref())
        );
    }
    main.push_str("</tbody>\n</table>\n<h2>Changes</h2>\n");
    if treatments.is_empty() {
        main.push_str("<p class=\"muted\">No treatments stored.</p>\n");
    }
    for (i, (t, fragment)) in treatments.iter().zip(steps).enumerate() {
        let note = if t.quoted {
            format!(" {}", quoted_note(t, links))
        } else {
            String::new()
        };
        let _ = writeln!(
            main,
            "<section class=\"step\" id=\"t{i}\">\n<h3>{}: {} {}{note}</h3>\n{fragment}</section>",
            treatment_label(t, links),
            outcome(t.outcome),
            reason(t.reason.as_deref())
        );
    }
    let page_title = format!(
        "{} {}",
        case.journal,
        case.title.as_deref().unwrap_or_default()
    );
    document(&page_title, true, &main)
}

fn meeting_page(
    m: &crate::store::MeetingSummary,
    cases: &[CaseSummary],
    steps: &HashMap<(String, u32), String>,
) -> String {
    // The meeting's own treatments, from the case summaries: quotes belong
    // to the quoting meeting's page only through the case pages.
    let mut items: Vec<(u32, &CaseSummary, &TreatmentSummary)> = cases
        .iter()
        .flat_map(|c| {
            c.treatments
                .iter()
                .filter(|t| !t.quoted && t.date == m.date && t.body == m.body)
                .filter_map(move |t| Some((t.punkt?, c, t)))
        })
        .collect();
    items.sort_by(|a, b| (a.0, &a.1.journal).cmp(&(b.0, &b.1.journal)));

    let time = m
        .time
        .as_deref()
        .map(|t| format!("kl. {} · ", text(t)))
        .unwrap_or_default();
    let mut main = format!(
        "<h1>{} {}</h1>\n<p>{time}{} punkter, {} with a journal number · \
         <span class=\"muted\">{}</span></p>\n",
        text(&m.body),
        m.date,
        m.items,
        items.len(),
        text(&m.source_file)
    );
    main.push_str(
        "<h2>Items</h2>\n<table>\n<thead><tr><th scope=\"col\" class=\"n\">punkt</th>\
         <th scope=\"col\">sag</th><th scope=\"col\">title</th>\
         <th scope=\"col\">outcome</th><th scope=\"col\">because</th></tr></thead>\n<tbody>\n",
    );
    for (i, (p, c, t)) in items.iter().enumerate() {
        let _ = writeln!(
            main,
            "<tr><td class=\"n\"><a href=\"#i{i}\">{p}</a></td><td class=\"nowrap\">{}</td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>",
            link(case_path(&c.journal).as_deref(), true, &text(&c.journal)),
            opt_text(t.title.as_deref().or(c.title.as_deref())),
            outcome(t.outcome),
            reason(t.reason.as_deref())
        );
    }
    main.push_str("</tbody>\n</table>\n<h2>Changes since each case's previous treatment</h2>\n");
    if items.is_empty() {
        main.push_str("<p class=\"muted\">No items with a journal number.</p>\n");
    }
    for (i, (p, c, t)) in items.iter().enumerate() {
        let fragment = steps
            .get(&(c.journal.clone(), *p))
            .map_or("<p class=\"muted\">not found in the store</p>\n", |s| {
                s.as_str()
            });
        let _ = writeln!(
            main,
            "<section class=\"step\" id=\"i{i}\">\n<h3>punkt {p}: {} {}</h3>\n{fragment}</section>",
            link(case_path(&c.journal).as_deref(), true, &text(&c.journal)),
            opt_text(t.title.as_deref().or(c.title.as_deref()))
        );
    }
    document(&format!("{} {}", m.body, m.date), true, &main)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Minutes, sha256_hex};
    use std::path::PathBuf;

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
            meeting: crate::parse::parse(&decoded.text).expect("parsable minutes"),
            text: decoded.text,
        }
    }

    fn minutes_of(path: &Path) -> Minutes {
        let bytes = std::fs::read(path).expect("readable test data");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        minutes(&name, &bytes)
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
                        s.add(m).expect("import");
                    }
                },
            )
            .expect("import session");
        let pages = build(&store, jiff::civil::date(2026, 11, 23)).expect("build");
        (dir, pages)
    }

    fn page<'p>(pages: &'p [Page], path: &str) -> &'p str {
        pages
            .iter()
            .find(|p| p.path == path)
            .map(|p| p.html.as_str())
            .unwrap_or_else(|| panic!("no page {path}"))
    }

    #[test]
    fn index_lists_the_deferred_cases_longest_waiting_first() {
        let (_dir, pages) = site(&[]);
        let index = page(&pages, "index.html");
        let deferred = index
            .split("<section id=\"deferred\">")
            .nth(1)
            .expect("deferred section");
        assert!(deferred.contains("24/14508"), "{deferred}");
        assert!(!deferred.contains("24/5629"), "came back and was approved");
        let older = deferred.find("22/15281").expect("22/15281 deferred");
        let newer = deferred.find("24/14508").expect("24/14508 deferred");
        assert!(older < newer, "longest waiting first");
        assert!(deferred.contains("371 d"), "{deferred}");
        // Cases and meetings are listed and linked.
        assert!(index.contains("href=\"cases/24%252F5629.html\""));
        assert!(index.contains("href=\"meetings/2024-03-19_Direktionen.html\""));
    }

    #[test]
    fn case_page_shows_the_edited_words() {
        let (_dir, pages) = site(&[]);
        let case = page(&pages, "cases/24%2F5629.html");
        assert!(case.contains("<del>projektet</del>"), "{case}");
        assert!(case.contains("<ins>projektets første fase</ins>"), "{case}");
        assert!(case.contains("«Sagen blev udskudt til kommende direktionsmøde»"));
        assert!(case.starts_with("<!DOCTYPE html>\n<html lang=\"da\">"));
        let meeting = page(&pages, "meetings/2024-03-19_Direktionen.html");
        assert!(meeting.contains("<ins>projektets første fase</ins>"));
        assert!(meeting.contains("href=\"../cases/24%252F5629.html\""));
    }

    #[test]
    fn quoted_treatments_are_marked_and_their_indstilling_unknown() {
        let (_dir, pages) = site(&[]);
        let case = page(&pages, "cases/22%2F1055.html");
        assert!(case.contains("quoted in the"), "{case}");
        assert!(case.contains("not known for 2025-11-04"), "{case}");
        assert!(case.contains("first treatment"));
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
        let mut seen = false;
        for p in &pages {
            for raw in ["<script", "<img", "<iframe", "\u{1b}"] {
                assert!(!p.html.contains(raw), "{} contains {raw:?}", p.path);
            }
            seen |= p.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        assert!(seen, "the hostile title is shown, escaped");
        let meeting = page(&pages, "meetings/2024-04-02_Direktionen.html");
        assert!(meeting.contains("&lt;iframe"), "{meeting}");
    }

    #[test]
    fn paragraphs_stay_paragraphs_and_changes_stay_nested() {
        let ops = vec![
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
        assert_eq!(
            ops_html(&ops),
            "<p>Første afsnit <del>slut.</del></p><p><del>Andet</del><ins>&lt;b&gt;</ins></p>"
        );
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
}
