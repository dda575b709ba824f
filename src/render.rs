//! Human-readable output. Every piece of document text passes through
//! [`crate::sanitize`]; colour is decided once by the caller and carried in a
//! [`Palette`]. Without colour, changes read `[-deleted-]{+inserted+}` so
//! their meaning survives a pipe.

use crate::diff::{Op, SectionDiff, Tag};
use crate::model::{DocumentKind, Meeting, Outcome};
use crate::sanitize::{for_terminal, one_line};
use crate::store::{CaseSummary, Imported, MeetingChange, MeetingSummary, Report};
use crate::treatment::Treatment;
use jiff::civil::Date;
use owo_colors::OwoColorize;
use std::fmt::Write;

/// Unchanged words kept on each side of a change.
const CONTEXT_WORDS: usize = 8;
/// Titles in tables are cut to this many characters.
const TITLE_CHARS: usize = 48;

/// Colour or plain markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Whether to emit ANSI colour.
    pub color: bool,
}

impl Palette {
    fn insert(&self, s: &str) -> String {
        if self.color {
            s.green().to_string()
        } else {
            format!("{{+{s}+}}")
        }
    }

    fn delete(&self, s: &str) -> String {
        if self.color {
            s.red().strikethrough().to_string()
        } else {
            format!("[-{s}-]")
        }
    }

    fn bold(&self, s: &str) -> String {
        if self.color {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    }

    fn dim(&self, s: &str) -> String {
        if self.color {
            s.dimmed().to_string()
        } else {
            s.to_string()
        }
    }

    /// An outcome padded to `width`, coloured by what it means for the case.
    fn outcome(&self, outcome: Option<Outcome>, width: usize) -> String {
        let name = outcome.map_or("—", Outcome::as_str);
        let padded = format!("{name:<width$}");
        if !self.color {
            return padded;
        }
        match outcome {
            Some(Outcome::Deferred) => padded.yellow().to_string(),
            Some(Outcome::Approved) => padded.green().to_string(),
            Some(Outcome::Rejected | Outcome::Partial) => padded.red().to_string(),
            _ => padded,
        }
    }
}

/// Cuts a one-line text to `max` characters with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The width of a table column: its widest value, at least `min`.
fn column_width<'a>(values: impl Iterator<Item = &'a str>, min: usize) -> usize {
    values
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0)
        .max(min)
}

fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

fn quote(reason: Option<&str>) -> String {
    reason.map_or(String::new(), |r| format!("«{}»", one_line(r)))
}

fn first_line(text: Option<&str>) -> String {
    text.and_then(|t| t.lines().find(|l| !l.trim().is_empty()))
        .map(one_line)
        .unwrap_or_default()
}

fn punkt(p: Option<u32>) -> String {
    p.map_or(String::new(), |n| format!("punkt {n}"))
}

/// `parse` without `--json`: what the parser read, item by item.
pub fn meeting(file: &str, m: &Meeting) -> String {
    let mut out = String::new();
    let date = m.date.map_or("?".to_string(), |d| d.to_string());
    let kind = match m.kind {
        DocumentKind::Referat => "",
        DocumentKind::Dagsorden => "  (dagsorden: no decisions yet)",
    };
    let _ = writeln!(
        out,
        "{}  {}  {}  {}{kind}",
        one_line(file),
        one_line(m.body.as_deref().unwrap_or("?")),
        date,
        m.time.as_deref().map(one_line).unwrap_or_default()
    );
    if let Some(place) = &m.place {
        let _ = writeln!(out, "  sted       {}", one_line(place));
    }
    if !m.participants.is_empty() {
        let _ = writeln!(out, "  deltagere  {}", one_line(&m.participants.join(", ")));
    }
    if !m.absent.is_empty() {
        let _ = writeln!(out, "  fraværende {}", one_line(&m.absent.join(", ")));
    }
    for item in &m.items {
        let title = item.title.as_deref().map(one_line).unwrap_or_default();
        let closed = if item.closed { " (lukket)" } else { "" };
        let _ = writeln!(
            out,
            "  {:>3}. {:<11} {}{}",
            item.punkt,
            one_line(item.journal.as_deref().unwrap_or("—")),
            truncate(&title, 70),
            closed
        );
        for d in &item.decisions {
            let _ = writeln!(
                out,
                "       {}  {:<10} {}",
                d.date,
                d.outcome.as_str(),
                quote(d.reason.as_deref())
            );
        }
    }
    out
}

/// `log`: a case's treatments, oldest first.
pub fn log(journal: &str, treatments: &[Treatment], p: Palette) -> String {
    let mut out = String::new();
    let title = treatments.iter().rev().find_map(|t| t.title.as_deref());
    let _ = writeln!(
        out,
        "{}  {}",
        p.bold(&one_line(journal)),
        title.map(one_line).unwrap_or_default()
    );
    let body_width = column_width(treatments.iter().map(|t| t.body.as_str()), 0);
    for t in treatments {
        let mut line = first_line(t.beslutning.as_deref());
        if t.quoted {
            line = format!(
                "{line} {}",
                p.dim(&format!("(quoted in the {} minutes)", t.source.date))
            );
        }
        let _ = writeln!(
            out,
            "  {}  {}  {:<9} {} {}",
            t.date,
            pad(&one_line(&t.body), body_width),
            punkt(t.punkt),
            p.outcome(t.outcome, 10),
            line
        );
    }
    out
}

/// `diff`: the header naming both treatments, then each section's changes.
pub fn diff(
    journal: &str,
    from: &Treatment,
    to: &Treatment,
    sections: &[SectionDiff],
    p: Palette,
) -> String {
    let mut out = String::new();
    let title = to.title.as_deref().or(from.title.as_deref());
    let _ = writeln!(
        out,
        "{}  {}",
        p.bold(&one_line(journal)),
        title.map(one_line).unwrap_or_default()
    );
    let body_width = from.body.chars().count().max(to.body.chars().count());
    for (label, t) in [("from", from), ("to  ", to)] {
        let _ = writeln!(
            out,
            "  {label}  {}  {}  {:<9} {} {}",
            pad(&one_line(&t.body), body_width),
            t.date,
            punkt(t.punkt),
            p.outcome(t.outcome, 10),
            quote(t.reason.as_deref())
        );
    }
    for s in sections {
        out.push('\n');
        let name = p.bold(&section_title(&s.name));
        if !s.from_known || !s.to_known {
            let date = if s.from_known { to.date } else { from.date };
            let _ = writeln!(
                out,
                "{name}  not known for {date} (that decision is only quoted in later minutes)"
            );
        } else if s.ops.is_empty() {
            let _ = writeln!(out, "{name}  none in either treatment");
        } else if !s.changed {
            let _ = writeln!(out, "{name}  no change");
        } else {
            let _ = writeln!(out, "{name}");
            let _ = writeln!(out, "  {}", changes(&s.ops, p).replace('\n', "\n  "));
        }
    }
    out
}

fn section_title(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Renders ops with a few words of context around each change.
pub fn changes(ops: &[Op], p: Palette) -> String {
    let mut out = String::new();
    let last = ops.len().saturating_sub(1);
    for (i, op) in ops.iter().enumerate() {
        let text = for_terminal(&op.text);
        match op.tag {
            // A change of white space only (a paragraph joined or split)
            // reads best as the new layout itself.
            Tag::Insert if text.trim().is_empty() => out.push_str(&text),
            Tag::Delete if text.trim().is_empty() => {}
            Tag::Insert => out.push_str(&p.insert(&text)),
            Tag::Delete => out.push_str(&p.delete(&text)),
            Tag::Equal => out.push_str(&elide(&text, i > 0, i < last)),
        }
    }
    out.replace("\n\n", "\n")
}

/// Keeps `CONTEXT_WORDS` words next to the changes before and after.
fn elide(text: &str, change_before: bool, change_after: bool) -> String {
    let words: Vec<(usize, &str)> = word_spans(text);
    let keep_head = if change_before { CONTEXT_WORDS } else { 0 };
    let keep_tail = if change_after { CONTEXT_WORDS } else { 0 };
    if words.len() <= keep_head + keep_tail {
        return text.to_string();
    }
    let mut out = String::new();
    if keep_head > 0 {
        let (start, w) = words[keep_head - 1];
        out.push_str(&text[..start + w.len()]);
    }
    out.push_str(if keep_head > 0 { " … " } else { "… " });
    if keep_tail > 0 {
        let (start, _) = words[words.len() - keep_tail];
        out.push_str(&text[start..]);
    } else {
        out = out.trim_end().to_string();
    }
    out
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// One row of `deferred`.
pub struct DeferredRow<'a> {
    /// The case.
    pub case: &'a CaseSummary,
    /// Days since the deferring meeting.
    pub waiting_days: i64,
}

/// The cases whose latest treatment deferred them, with days waiting to
/// `today`, longest waiting first (ties by journal number).
pub fn deferred_rows(cases: &[CaseSummary], today: Date) -> Vec<DeferredRow<'_>> {
    let mut rows: Vec<DeferredRow> = cases
        .iter()
        .filter_map(|case| {
            let latest = case.latest()?;
            (latest.outcome == Some(Outcome::Deferred)).then(|| DeferredRow {
                case,
                waiting_days: days_between(latest.date, today),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.waiting_days
            .cmp(&a.waiting_days)
            .then_with(|| a.case.journal.cmp(&b.case.journal))
    });
    rows
}

/// `deferred`: cases whose latest treatment put them off, longest waiting first.
pub fn deferred(rows: &[DeferredRow], p: Palette) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str("No deferred cases.\n");
        return out;
    }
    let body_width = column_width(
        rows.iter()
            .filter_map(|r| r.case.latest())
            .map(|t| t.body.as_str()),
        4,
    );
    let journal_width = column_width(rows.iter().map(|r| r.case.journal.as_str()), 4);
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "waiting  since       {}  {}  {}  because",
            pad("body", body_width),
            pad("case", journal_width),
            pad("title", TITLE_CHARS)
        ))
    );
    for r in rows {
        let Some(t) = r.case.latest() else { continue };
        let title = truncate(
            &one_line(r.case.title.as_deref().unwrap_or("")),
            TITLE_CHARS,
        );
        let _ = writeln!(
            out,
            "{:>5} d  {}  {}  {}  {}  {}",
            r.waiting_days,
            t.date,
            pad(&one_line(&t.body), body_width),
            pad(&one_line(&r.case.journal), journal_width),
            pad(&title, TITLE_CHARS),
            quote(t.reason.as_deref())
        );
    }
    out
}

/// `cases`: one line per case with its latest treatment.
pub fn cases(cases: &[&CaseSummary], p: Palette) -> String {
    let mut out = String::new();
    let journal_width = column_width(cases.iter().map(|c| c.journal.as_str()), 4);
    for c in cases {
        let Some(t) = c.latest() else { continue };
        let _ = writeln!(
            out,
            "{}  {}  {:>2}×  {} {}",
            pad(&one_line(&c.journal), journal_width),
            t.date,
            c.treatments.len(),
            p.outcome(t.outcome, 10),
            truncate(&one_line(c.title.as_deref().unwrap_or("")), 70)
        );
    }
    out
}

/// `meetings`: the imported minutes.
pub fn meetings(meetings: &[MeetingSummary]) -> String {
    let mut out = String::new();
    let body_width = column_width(meetings.iter().map(|m| m.body.as_str()), 0);
    for m in meetings {
        let _ = writeln!(
            out,
            "{}  {:<5}  {}  {:>3} punkter  {}",
            m.date,
            m.time.as_deref().map(one_line).unwrap_or_default(),
            pad(&one_line(&m.body), body_width),
            m.items,
            one_line(&m.source_file)
        );
    }
    out
}

/// `show`: one treatment in full.
pub fn show(t: &Treatment, p: Palette) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  {}",
        p.bold(&one_line(&t.journal)),
        t.title.as_deref().map(one_line).unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "  {}  {}  {:<9} {} {}",
        one_line(&t.body),
        t.date,
        punkt(t.punkt),
        p.outcome(t.outcome, 10),
        quote(t.reason.as_deref())
    );
    if t.closed {
        let _ = writeln!(out, "  (lukket punkt)");
    }
    let indstilling = if t.quoted {
        Some("(not known: this decision is only quoted in later minutes)".to_string())
    } else {
        t.indstilling.clone()
    };
    let mut sections: Vec<(String, Option<String>)> = vec![
        ("Indstilling".to_string(), indstilling),
        ("Beslutning".to_string(), t.beslutning.clone()),
    ];
    sections.extend(
        t.sections
            .iter()
            .map(|s| (s.name.clone(), Some(s.text.clone()))),
    );
    for (name, text) in sections {
        let Some(text) = text else { continue };
        let _ = writeln!(out, "\n{}", p.bold(&one_line(&name)));
        for line in for_terminal(&text).lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    out
}

/// The report after `commit`.
pub fn commit_report(
    store: &str,
    imported: &[(String, Imported)],
    deferred_now: &[DeferredRow],
    p: Palette,
) -> String {
    let mut out = String::new();
    let count = |c: MeetingChange| imported.iter().filter(|(_, i)| i.change == c).count();
    let new: usize = imported.iter().map(|(_, i)| i.treatments_new).sum();
    let changed: usize = imported.iter().map(|(_, i)| i.treatments_changed).sum();
    for (file, i) in imported {
        let what = match i.change {
            MeetingChange::Added => "added",
            MeetingChange::Corrected => "corrected",
            MeetingChange::Unchanged => "unchanged",
        };
        let _ = writeln!(
            out,
            "  {:<9}  {}  {}  {}",
            what,
            i.date,
            one_line(&i.body),
            p.dim(&one_line(file))
        );
    }
    let _ = writeln!(
        out,
        "{} meetings added, {} corrected, {} unchanged; {} treatments new, {} changed (store: {})",
        count(MeetingChange::Added),
        count(MeetingChange::Corrected),
        count(MeetingChange::Unchanged),
        new,
        changed,
        one_line(store)
    );
    let _ = writeln!(out, "\nDeferred now: {} cases", deferred_now.len());
    if !deferred_now.is_empty() {
        out.push_str(&deferred(deferred_now, p));
    }
    out
}

/// Days from `since` to `today` (negative if `since` is later).
pub fn days_between(since: Date, today: Date) -> i64 {
    since
        .until(today)
        .map_or(0, |span| i64::from(span.get_days()))
}

/// `verify`: what was checked, then every problem.
pub fn verify(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "checked {} commits, {} meetings, {} treatment files",
        report.commits, report.meetings, report.treatments
    );
    if report.problems.is_empty() {
        out.push_str("ok: no problems found\n");
    }
    for p in &report.problems {
        let _ = writeln!(
            out,
            "problem: {}: {}",
            one_line(&p.path),
            one_line(&p.message)
        );
    }
    out
}
