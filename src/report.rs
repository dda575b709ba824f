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
//! handed to [`maud`] as a plain string, which escapes it for text or for an
//! attribute. Only [`Markup`] built by `html!` is embedded unescaped (and the
//! constant stylesheet), so no call site can forget to escape. File names are
//! built only from identifiers escaped by [`crate::segment::escape`].

use crate::diff::{Op, SectionDiff, SectionState, Tag};
use crate::model::{Outcome, Punkt};
use crate::normalize::normalize;
use crate::sanitize::{for_terminal, one_line};
use crate::segment;
use crate::views::{CaseHistory, MeetingRow, Site, TreatmentView};
use jiff::civil::Date;
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};
use std::collections::{HashMap, HashSet};
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

/// Builds every page of the site from what [`crate::query::site`] read.
pub fn build(site: &Site) -> Vec<Page> {
    let meetings: HashSet<(Date, &str)> = site
        .meetings
        .iter()
        .map(|m| (m.date, m.body.as_str()))
        .collect();
    let links = Links { meetings };

    let mut pages = vec![Page {
        path: "index.html".to_string(),
        html: index_page(site, &links).into_string(),
    }];
    // What changed for each case at each meeting, rendered once and shown on
    // both the case page and the meeting page. Keyed by meeting, then by
    // (journal, punkt) of the item.
    let mut steps: HashMap<(Date, String), HashMap<(String, Punkt), Markup>> = HashMap::new();
    for case in &site.cases {
        let Some(path) = case_path(&case.journal) else {
            continue;
        };
        let fragments: Vec<Markup> = (0..case.treatments.len())
            .map(|i| step(case, i, &links))
            .collect();
        for (t, fragment) in case.treatments.iter().zip(&fragments) {
            if let (false, Some(punkt)) = (t.quoted, t.punkt) {
                steps
                    .entry((t.date, t.body.clone()))
                    .or_default()
                    .insert((t.journal.clone(), punkt), fragment.clone());
            }
        }
        pages.push(Page {
            path,
            html: case_page(case, &fragments, &links).into_string(),
        });
    }
    for m in &site.meetings {
        let Some(path) = meeting_path(m.date, &m.body) else {
            continue;
        };
        let empty = HashMap::new();
        let fragments = steps.get(&(m.date, m.body.clone())).unwrap_or(&empty);
        pages.push(Page {
            path,
            html: meeting_page(m, &site.cases, fragments).into_string(),
        });
    }
    pages
}

/// Writes the pages under `out` (creating folders), refusing any path that
/// is absolute or has a `..`/empty component. Every path is checked, and
/// every page written aside, before any page of the site is replaced, so a
/// refused page or a full disk leaves no half-written site.
pub fn write(out: &Path, pages: &[Page]) -> std::io::Result<()> {
    for page in pages {
        check_path(&page.path)?;
    }
    // Every page is written aside first: a full disk or a refused file
    // fails there, and leaves the site as it was, never half replaced.
    let staging = out.join(format!(".sagsspor-staging-{}", std::process::id()));
    let under = |root: &Path, page: &Page| {
        page.path
            .split('/')
            .fold(root.to_path_buf(), |p, segment| p.join(segment))
    };
    let staged = pages.iter().try_for_each(|page| {
        let target = under(&staging, page);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &page.html)
    });
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    for page in pages {
        let target = under(out, page);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(under(&staging, page), &target)?;
    }
    std::fs::remove_dir_all(&staging)?;
    // Pages of an earlier run that this one did not write (a case that is
    // gone, a renamed body) are removed; only pages the report itself wrote
    // are ever touched, as its list of them says.
    let list = out.join(PAGE_LIST);
    let written: std::collections::HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    if let Ok(earlier) = std::fs::read_to_string(&list) {
        for path in earlier.lines().filter(|p| !written.contains(p)) {
            if check_path(path).is_err() {
                continue;
            }
            let stale = under(
                out,
                &Page {
                    path: path.to_string(),
                    html: String::new(),
                },
            );
            if std::fs::symlink_metadata(&stale).is_ok_and(|m| m.is_file()) {
                std::fs::remove_file(&stale)?;
            }
        }
    }
    let mut names: Vec<&str> = written.into_iter().collect();
    names.sort_unstable();
    std::fs::write(&list, names.join("\n") + "\n")
}

/// The pages the last run wrote, one path a line, in the output folder.
const PAGE_LIST: &str = ".sagsspor-pages";

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
    segment::escape(journal)
        .ok()
        .map(|e| format!("cases/{}.html", file_stem(e)))
}

/// The page of a meeting, relative to the site root.
fn meeting_path(date: Date, body: &str) -> Option<String> {
    segment::escape(body)
        .ok()
        .map(|e| format!("meetings/{}.html", file_stem(format!("{date}_{e}"))))
}

/// File names stay under the 255 bytes file systems allow, whatever an
/// identifier's length once escaped (a 100-character journal number of
/// `Æ`s is 600 bytes).
const MAX_STEM_BYTES: usize = 200;

/// An escaped name as a file name: as it is where short; else its start
/// and a digest of the whole, which keeps names apart (shortened names all
/// have the same length, which no unshortened name has).
fn file_stem(escaped: String) -> String {
    if escaped.len() < MAX_STEM_BYTES {
        return escaped;
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(escaped.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // The escaped name is ASCII, so any byte index is a character boundary.
    format!("{}~{hex}", &escaped[..MAX_STEM_BYTES - 1 - hex.len()])
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

/// An `href` value for a page path (a URL, not yet attribute-escaped: maud
/// does that). Escaped identifiers hold only ASCII letters, digits, `-` and
/// `%XX`; the file name contains a literal `%`, so the URL must say `%25`.
/// `nested` pages live one folder below the root.
fn href(path: &str, nested: bool) -> String {
    let up = if nested { "../" } else { "" };
    format!("{up}{}", path.replace('%', "%25"))
}

/// `label` as a link to `path`, or plain when there is no page.
fn link(path: Option<&str>, nested: bool, label: impl Render) -> Markup {
    html! {
        @if let Some(p) = path {
            a href=(href(p, nested)) { (label) }
        } @else {
            (label)
        }
    }
}

// ---------------------------------------------------------------------------
// Small parts

/// Optional untrusted text on one line; empty when absent.
fn opt_line(s: Option<&str>) -> String {
    s.map(one_line).unwrap_or_default()
}

/// The deciding phrase in «»; nothing when absent.
fn reason(r: Option<&str>) -> Markup {
    html! {
        @if let Some(r) = r {
            "«" (one_line(r)) "»"
        }
    }
}

/// An outcome as a word (colour, if any, is only a help).
fn outcome(o: Option<Outcome>) -> Markup {
    html! {
        @if let Some(o) = o {
            span class={ "o-" (o.as_str()) } { (o.as_str()) }
        } @else {
            "—"
        }
    }
}

/// One paragraph's lines, separated by `<br>`.
fn lines(s: &str) -> Markup {
    html! {
        @for (k, line) in s.split('\n').enumerate() {
            @if k > 0 { br; }
            (for_terminal(line))
        }
    }
}

/// Diff ops as paragraphs. An op may span a paragraph break, so each op is
/// cut at the breaks and its `<del>`/`<ins>` closed and reopened around
/// them: the markup stays well nested.
pub(crate) fn ops(diff: &[Op]) -> Markup {
    let mut paras: Vec<Vec<(Tag, &str)>> = vec![Vec::new()];
    for op in diff {
        for (k, piece) in op.text.split("\n\n").enumerate() {
            if k > 0 {
                paras.push(Vec::new());
            }
            if piece.is_empty() {
                continue;
            }
            if let Some(last) = paras.last_mut() {
                last.push((op.tag, piece));
            }
        }
    }
    html! {
        @for pieces in &paras {
            @let content = op_pieces(pieces);
            // A paragraph that would show only white space is left out.
            @if !content.0.trim().is_empty() {
                p { (content) }
            }
        }
    }
}

/// The pieces of ops that fall into one paragraph.
fn op_pieces(pieces: &[(Tag, &str)]) -> Markup {
    html! {
        @for &(tag, piece) in pieces {
            @match tag {
                Tag::Equal => (lines(piece)),
                // White space alone carries no change worth marking.
                _ if piece.trim().is_empty() => " ",
                Tag::Delete => del { (lines(piece)) },
                Tag::Insert => ins { (lines(piece)) },
            }
        }
    }
}

/// A section name as a heading: its first letter upper-cased.
fn section_title(name: &str) -> String {
    let mut chars = name.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    one_line(&title)
}

// ---------------------------------------------------------------------------
// Page parts

/// A complete document around `main`. `nested` pages live one folder below
/// the root and link back to the index.
fn document(title: &str, nested: bool, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="da" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (one_line(title)) " — sagsspor" }
                // A constant: maud would turn its quotes into entities,
                // which a <style> element does not decode.
                style { (PreEscaped(STYLE)) }
            }
            body {
                @if nested {
                    nav { a href=(href("index.html", true)) { "← Index" } }
                }
                main { (main) }
            }
        }
    }
}

/// "2024-03-05 Direktionen punkt 9"; the meeting linked when it has a page.
fn treatment_label(t: &TreatmentView, links: &Links) -> Markup {
    let meeting = html! { (t.date) " " (one_line(&t.body)) };
    html! {
        (link(links.meeting(t.date, &t.body).as_deref(), true, meeting))
        @if let Some(n) = t.punkt {
            " punkt " (n)
        }
    }
}

/// The note on a treatment known only from a later meeting's quote, with
/// its leading space; nothing for a treatment of its own meeting.
fn quoted_note(t: &TreatmentView, links: &Links) -> Markup {
    let source = html! { (t.source.date) " minutes" };
    html! {
        @if t.quoted {
            " "
            span.muted {
                "quoted in the "
                (link(links.meeting(t.source.date, &t.source.body).as_deref(), true, source))
            }
        }
    }
}

/// What treatment `i` of a case brought: for the first, its texts in full;
/// for a later one, the word-level changes since the one before.
fn step(case: &CaseHistory, i: usize, links: &Links) -> Markup {
    let treatments = &case.treatments;
    let Some(to) = treatments.get(i) else {
        return Markup::default();
    };
    let previous = i
        .checked_sub(1)
        .and_then(|j| Some((treatments.get(j)?, case.changes.get(j)?)));
    let Some((from, changes)) = previous else {
        return html! {
            p.muted { "first treatment" }
            (full_texts(to))
        };
    };
    html! {
        p.muted {
            "since " (treatment_label(from, links)) ": "
            (outcome(from.outcome)) " " (reason(from.reason.as_deref()))
        }
        (section_diffs(changes, from, to))
    }
}

/// Each section's changes, worded like the terminal's `diff`.
fn section_diffs(diffs: &[SectionDiff], from: &TreatmentView, to: &TreatmentView) -> Markup {
    html! {
        @for s in diffs {
            h4 { (section_title(&s.name)) }
            @match s.state() {
                SectionState::FromUnknown | SectionState::ToUnknown => p.muted {
                    "not known for " (if s.from_known { to.date } else { from.date })
                    " (that decision is only quoted in later minutes)"
                },
                SectionState::Absent => p.muted { "none in either treatment" },
                SectionState::Unchanged => p.muted { "no change" },
                SectionState::Changed(changes) => div.text { (ops(changes)) },
            }
        }
    }
}

/// Indstilling and Beslutning of one treatment in full.
fn full_texts(t: &TreatmentView) -> Markup {
    html! {
        h4 { "Indstilling" }
        div.text {
            @if t.quoted {
                p.muted { "not known (only quoted in later minutes)" }
            } @else {
                (texts_or_none(t.indstilling.as_deref()))
            }
        }
        h4 { "Beslutning" }
        div.text { (texts_or_none(t.beslutning.as_deref())) }
    }
}

/// A section's normalised text (paragraphs separated by a blank line) as
/// `<p>`s with `<br>` for single line breaks, or a muted "none" when it has
/// no text.
fn texts_or_none(s: Option<&str>) -> Markup {
    let normalised = s.map(normalize).unwrap_or_default();
    let paras: Vec<&str> = normalised
        .split("\n\n")
        .filter(|para| !para.trim().is_empty())
        .collect();
    html! {
        @if paras.is_empty() {
            p.muted { "none" }
        }
        @for para in &paras {
            p { (lines(para)) }
        }
    }
}

// ---------------------------------------------------------------------------
// Pages

fn index_page(site: &Site, links: &Links) -> Markup {
    let (cases, meetings, deferred, today) =
        (&site.cases, &site.meetings, &site.deferred, site.today);
    let main = html! {
        h1 { "Sagsspor" }
        p {
            (meetings.len()) " meetings, " (cases.len()) " cases, " (deferred.len())
            " deferred (days waiting counted to " (today) ")."
        }
        nav {
            a href="#deferred" { "Deferred" } " · "
            a href="#meetings" { "Meetings" } " · "
            a href="#cases" { "Cases" }
        }
        section #deferred {
            h2 { "Deferred" }
            @if deferred.is_empty() {
                p { "No deferred cases." }
            } @else {
                table {
                    thead { tr {
                        th.n scope="col" { "waiting" }
                        th scope="col" { "since" }
                        th scope="col" { "body" }
                        th scope="col" { "sag" }
                        th scope="col" { "title" }
                        th scope="col" { "because" }
                    } }
                    tbody {
                        @for row in deferred {
                            tr {
                                td.n { (row.waiting_days) " d" }
                                td.nowrap { (row.date) }
                                td {
                                    (link(links.meeting(row.date, &row.body).as_deref(), false, one_line(&row.body)))
                                }
                                td.nowrap {
                                    (link(case_path(&row.journal).as_deref(), false, one_line(&row.journal)))
                                }
                                td { (opt_line(row.title.as_deref())) }
                                td { (reason(row.reason.as_deref())) }
                            }
                        }
                    }
                }
            }
        }
        section #meetings {
            h2 { "Meetings" }
            table {
                thead { tr {
                    th scope="col" { "date" }
                    th scope="col" { "body" }
                    th.n scope="col" { "punkter" }
                    th scope="col" { "minutes file" }
                } }
                tbody {
                    // The latest meetings first: what a reader opens the
                    // report for.
                    @for m in meetings.iter().rev() {
                        @let path = links.meeting(m.date, &m.body);
                        tr {
                            td.nowrap { (link(path.as_deref(), false, m.date.to_string())) }
                            td { (link(path.as_deref(), false, one_line(&m.body))) }
                            td.n { (m.items) }
                            td.muted { (one_line(&m.source_file)) }
                        }
                    }
                }
            }
        }
        section #cases {
            h2 { "Cases" }
            table {
                thead { tr {
                    th scope="col" { "sag" }
                    th scope="col" { "title" }
                    th.n scope="col" { "treatments" }
                    th scope="col" { "latest" }
                    th scope="col" { "outcome" }
                } }
                tbody {
                    @for c in cases {
                        @let latest = c.treatments.last();
                        tr {
                            td.nowrap {
                                (link(case_path(&c.journal).as_deref(), false, one_line(&c.journal)))
                            }
                            td { (opt_line(c.title.as_deref())) }
                            td.n { (c.treatments.len()) }
                            td.nowrap {
                                @if let Some(t) = latest { (t.date) }
                            }
                            td { (outcome(latest.and_then(|t| t.outcome))) }
                        }
                    }
                }
            }
        }
    };
    document("History", false, main)
}

fn case_page(case: &CaseHistory, steps: &[Markup], links: &Links) -> Markup {
    let treatments = &case.treatments;
    let main = html! {
        h1 { (one_line(&case.journal)) " " span.muted { "sag" } }
        p { (opt_line(case.title.as_deref())) }
        h2 { "Journey" }
        table {
            thead { tr {
                th scope="col" { "date" }
                th scope="col" { "body" }
                th scope="col" { "punkt" }
                th scope="col" { "outcome" }
                th scope="col" { "because" }
            } }
            tbody {
                @for (i, t) in treatments.iter().enumerate() {
                    tr {
                        td.nowrap { a href={ "#t" (i) } { (t.date) } }
                        td { (link(links.meeting(t.date, &t.body).as_deref(), true, one_line(&t.body))) }
                        td.nowrap { @if let Some(p) = t.punkt { (p) } }
                        td { (outcome(t.outcome)) }
                        td { (reason(t.reason.as_deref())) (quoted_note(t, links)) }
                    }
                }
            }
        }
        h2 { "Changes" }
        @if treatments.is_empty() {
            p.muted { "No treatments stored." }
        }
        @for (i, (t, fragment)) in treatments.iter().zip(steps).enumerate() {
            section.step id={ "t" (i) } {
                h3 {
                    (treatment_label(t, links)) ": " (outcome(t.outcome)) " "
                    (reason(t.reason.as_deref())) (quoted_note(t, links))
                }
                (fragment)
            }
        }
    };
    let page_title = format!(
        "{} {}",
        case.journal,
        case.title.as_deref().unwrap_or_default()
    );
    document(&page_title, true, main)
}

fn meeting_page(
    m: &MeetingRow,
    cases: &[CaseHistory],
    steps: &HashMap<(String, Punkt), Markup>,
) -> Markup {
    // The meeting's own treatments: quotes belong to the quoting meeting's
    // page only through the case pages.
    let mut items: Vec<(Punkt, &CaseHistory, &TreatmentView)> = cases
        .iter()
        .flat_map(|c| {
            c.treatments
                .iter()
                .filter(|t| !t.quoted && t.date == m.date && t.body == m.body)
                .filter_map(move |t| Some((t.punkt?, c, t)))
        })
        .collect();
    items.sort_by(|a, b| (a.0, &a.1.journal).cmp(&(b.0, &b.1.journal)));

    let main = html! {
        h1 { (one_line(&m.body)) " " (m.date) }
        p {
            @if let Some(time) = &m.time {
                "kl. " (one_line(time)) " · "
            }
            (m.items) " punkter, " (items.len()) " with a journal number · "
            span.muted { (one_line(&m.source_file)) }
        }
        h2 { "Items" }
        table {
            thead { tr {
                th.n scope="col" { "punkt" }
                th scope="col" { "sag" }
                th scope="col" { "title" }
                th scope="col" { "outcome" }
                th scope="col" { "because" }
            } }
            tbody {
                @for (i, (p, c, t)) in items.iter().enumerate() {
                    tr {
                        td.n { a href={ "#i" (i) } { (p) } }
                        td.nowrap {
                            (link(case_path(&c.journal).as_deref(), true, one_line(&c.journal)))
                        }
                        td { (opt_line(t.title.as_deref().or(c.title.as_deref()))) }
                        td { (outcome(t.outcome)) }
                        td { (reason(t.reason.as_deref())) }
                    }
                }
            }
        }
        h2 { "Changes since each case's previous treatment" }
        @if items.is_empty() {
            p.muted { "No items with a journal number." }
        }
        @for (i, (p, c, t)) in items.iter().enumerate() {
            section.step id={ "i" (i) } {
                h3 {
                    "punkt " (p) ": "
                    (link(case_path(&c.journal).as_deref(), true, one_line(&c.journal)))
                    " " (opt_line(t.title.as_deref().or(c.title.as_deref())))
                }
                @match steps.get(&(c.journal.clone(), *p)) {
                    Some(fragment) => (fragment),
                    None => p.muted { "not found in the store" },
                }
            }
        }
    };
    document(&format!("{} {}", m.body, m.date), true, main)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Minutes, Store, sha256_hex};
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
        let site = crate::query::site(&snapshot, jiff::civil::date(2026, 11, 23)).expect("site");
        let pages = build(&site);
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
        let (a, b) = (case_path(&long).unwrap(), case_path(&other).unwrap());
        assert_ne!(a, b);
        for path in [&a, &b] {
            let name = path.rsplit('/').next().unwrap();
            assert!(name.len() < 255, "{name}");
            assert!(check_path(path).is_ok());
        }
        assert_eq!(case_path("24/5629").unwrap(), "cases/24%2F5629.html");
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
            .and_then(|rest| rest.split("</section>").next())
            .expect("deferred section");
        assert!(deferred.contains("24/14508"), "{deferred}");
        assert!(!deferred.contains("24/5629"), "came back and was approved");
        assert!(
            index.find("<section id=\"deferred\">") < index.find("<section id=\"meetings\">"),
            "what waits comes first"
        );
        let meetings = index.split("<section id=\"meetings\">").nth(1).unwrap();
        assert!(
            meetings.find("2025-11-17") < meetings.find("2022-11-02"),
            "the latest meetings first"
        );
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
        assert!(case.starts_with("<!DOCTYPE html><html lang=\"da\">"));
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
        assert_eq!(
            ops(&diff).into_string(),
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
