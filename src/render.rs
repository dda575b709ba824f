//! Human-readable output, from [`crate::views`] only. Every piece of
//! document text passes through [`crate::sanitize`]; colour and width are
//! decided once by the caller and carried in a [`Style`]. Without colour,
//! changes read `[-deleted-]{+inserted+}` so their meaning survives a pipe.
//! Widths are display columns (`unicode-width`), so «æøå», dashes and wide
//! characters line up.

use crate::diff::{Op, SectionState, Tag};
use crate::journey::Status;
use crate::model::{DocumentKind, Meeting, Outcome, Punkt, Votes};
use crate::sanitize::{for_terminal, one_line};
use crate::search::{Snippet, TITLE};
use crate::views::{
    BlameTreatment, BlameView, CaseLog, CaseRow, CommitView, DeferredRow, DiffView, JourneyView,
    MeetingRow, PendingRow, SearchView, StepView, TreatmentView, VerifyView,
};
use owo_colors::OwoColorize;
use std::fmt::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Unchanged words kept on each side of a change.
const CONTEXT_WORDS: usize = 8;
/// Titles in tables are cut to this many characters.
const TITLE_CHARS: usize = 48;

/// How output looks: colour or plain markers, and the width to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Whether to emit ANSI colour.
    pub color: bool,
    /// The display columns to fit text into; `None` (a pipe) leaves long
    /// lines whole for the next program to read.
    pub width: Option<usize>,
}

impl Style {
    /// Plain text, no wrapping: what a pipe gets.
    pub const PLAIN: Style = Style {
        color: false,
        width: None,
    };

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

/// Display columns of a one-line text.
fn width_of(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts a one-line text to `max` display columns, with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if width_of(text) <= max {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max.saturating_sub(1) {
            break;
        }
        used += w;
        cut.push(c);
    }
    format!("{}…", cut.trim_end())
}

/// The width of an outcome column: its widest outcome word, at least 10
/// (`recommended` is wider).
fn outcome_width(outcomes: impl Iterator<Item = Option<Outcome>>) -> usize {
    column_width(outcomes.map(|o| o.map_or("—", Outcome::as_str)), 10)
}

/// The width of a table column: its widest value, at least `min`.
fn column_width<'a>(values: impl Iterator<Item = &'a str>, min: usize) -> usize {
    values.map(width_of).max().unwrap_or(0).max(min)
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(width_of(text))))
}

/// `1 meeting`, `2 meetings`: counts read right in both numbers.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn quote(reason: Option<&str>) -> String {
    reason.map_or(String::new(), |r| format!("«{}»", one_line(r)))
}

fn first_line(text: Option<&str>) -> String {
    text.and_then(|t| t.lines().find(|l| !l.trim().is_empty()))
        .map(one_line)
        .unwrap_or_default()
}

fn punkt(p: Option<Punkt>) -> String {
    p.map_or(String::new(), |n| format!("punkt {n}"))
}

impl Style {
    /// The last column of a row that already uses `used` columns: cut to
    /// what is left of the width, never below a readable minimum.
    fn rest(&self, text: &str, used: usize) -> String {
        match self.width {
            Some(width) => truncate(text, width.saturating_sub(used).max(12)),
            None => text.to_string(),
        }
    }

    /// A row whose last column is cut to what `prefix` leaves of the width
    /// (colour codes in the prefix take no room).
    fn row(&self, prefix: &str, last: &str) -> String {
        let used = textwrap::core::display_width(prefix);
        format!("{prefix}{}", self.rest(last, used))
    }

    /// Running text indented by `indent` columns and wrapped at word
    /// boundaries to the width (ANSI colour codes take no room).
    fn block(&self, text: &str, indent: usize) -> String {
        let prefix = " ".repeat(indent);
        let mut out = String::new();
        for line in text.lines() {
            if line.is_empty() {
                out.push('\n');
                continue;
            }
            match self.width {
                Some(width) if width > indent + 20 => {
                    let options = textwrap::Options::new(width)
                        .initial_indent(&prefix)
                        .subsequent_indent(&prefix);
                    for wrapped in textwrap::wrap(line, options) {
                        let _ = writeln!(out, "{wrapped}");
                    }
                }
                _ => {
                    let _ = writeln!(out, "{prefix}{line}");
                }
            }
        }
        out
    }
}

/// `parse` without `--json`: what the parser read, item by item.
pub fn meeting(file: &str, m: &Meeting, style: Style) -> String {
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
        let journal = pad(&one_line(item.journal.as_deref().unwrap_or("—")), 11);
        let _ = writeln!(
            out,
            "  {:>3}. {journal} {}{}",
            item.punkt,
            style.rest(&truncate(&title, 70), 18 + closed.len()),
            closed
        );
        for d in &item.decisions {
            let _ = writeln!(
                out,
                "       {}  {:<10} {}",
                d.date,
                d.outcome.as_str(),
                style.rest(&quote(d.reason.as_deref()), 30)
            );
        }
        if !item.absent.is_empty() {
            let _ = writeln!(
                out,
                "       fraværende {}",
                one_line(&item.absent.join(", "))
            );
        }
    }
    out
}

/// The first line of a case's output: its journal number in bold, then
/// its title.
fn heading(out: &mut String, journal: &str, title: Option<&str>, p: Style) {
    let title = title.map(one_line).unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        p.row(&format!("{}  ", p.bold(&one_line(journal))), &title)
    );
}

/// `log`: a case's treatments, oldest first.
pub fn log(case: &CaseLog, p: Style) -> String {
    let mut out = String::new();
    heading(&mut out, &case.journal, case.title.as_deref(), p);
    let body_width = column_width(case.treatments.iter().map(|t| t.body.as_str()), 0);
    let outcome_width = outcome_width(case.treatments.iter().map(|t| t.outcome));
    for t in &case.treatments {
        let used = 2 + 10 + 2 + body_width + 2 + 10 + outcome_width + 1;
        let mut line = p.rest(&first_line(t.beslutning.as_deref()), used);
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
            p.outcome(t.outcome, outcome_width),
            line
        );
    }
    out
}

/// `diff`: the header naming both treatments, then each section's changes.
pub fn diff(view: &DiffView, p: Style) -> String {
    let mut out = String::new();
    heading(&mut out, &view.journal, view.title.as_deref(), p);
    let body_width = width_of(&view.from.body).max(width_of(&view.to.body));
    for (label, end) in [("from", &view.from), ("to  ", &view.to)] {
        let prefix = format!(
            "  {label}  {}  {}  {:<9} {} ",
            pad(&one_line(&end.body), body_width),
            end.date,
            punkt(end.punkt),
            p.outcome(end.outcome, 10),
        );
        let _ = writeln!(out, "{}", p.row(&prefix, &quote(end.reason.as_deref())));
    }
    for s in &view.sections {
        out.push('\n');
        let name = p.bold(&section_title(&s.name));
        match s.state() {
            SectionState::FromUnknown | SectionState::ToUnknown => {
                let date = if s.from_known {
                    view.to.date
                } else {
                    view.from.date
                };
                out.push_str(&p.block(
                    &format!(
                        "{name}  not known for {date} (that decision is only quoted in later minutes)"
                    ),
                    0,
                ));
            }
            SectionState::Absent => {
                let _ = writeln!(out, "{name}  none in either treatment");
            }
            SectionState::Unchanged => {
                let _ = writeln!(out, "{name}  no change");
            }
            SectionState::Changed(ops) => {
                let _ = writeln!(out, "{name}");
                out.push_str(&p.block(&changes(ops, p), 2));
            }
        }
    }
    out
}

/// The colours of `blame`'s treatments, oldest first, repeating.
const BLAME_COLOURS: [owo_colors::AnsiColors; 6] = [
    owo_colors::AnsiColors::Cyan,
    owo_colors::AnsiColors::Magenta,
    owo_colors::AnsiColors::Yellow,
    owo_colors::AnsiColors::Blue,
    owo_colors::AnsiColors::Green,
    owo_colors::AnsiColors::Red,
];

/// `blame` without `--json`: the section's newest text, every run of it
/// starting a line whose margin names the treatment that introduced it
/// (date and body), in that treatment's colour. Paragraphs are separated by
/// a blank line; a run that goes on past the width continues under an
/// empty margin.
pub fn blame(view: &BlameView, p: Style) -> String {
    let mut out = String::new();
    heading(&mut out, &view.journal, view.title.as_deref(), p);
    out.push('\n');
    let name = p.bold(&section_title(&view.section));
    let Some(of) = &view.of else {
        let _ = writeln!(out, "{name}  none known in any treatment");
        return out;
    };
    let quoted = if of.quoted { ", quoted" } else { "" };
    let _ = writeln!(
        out,
        "{name}  newest text: {} {} {}{quoted}",
        of.date,
        one_line(&of.body),
        punkt(of.punkt)
    );
    // One colour per treatment, oldest first.
    let mut treatments: Vec<&BlameTreatment> = view.runs.iter().map(|r| &r.treatment).collect();
    treatments.sort_by(|a, b| (a.date, &a.body, a.punkt).cmp(&(b.date, &b.body, b.punkt)));
    treatments.dedup();
    // The item number only where one meeting treated the case twice.
    let twice = treatments
        .windows(2)
        .any(|w| (w[0].date, &w[0].body) == (w[1].date, &w[1].body));
    let margin = |t: &BlameTreatment| {
        let quoted = if t.quoted { " (quoted)" } else { "" };
        let punkt = match t.punkt {
            Some(n) if twice => format!(" {n}"),
            _ => String::new(),
        };
        format!("{} {}{punkt}{quoted}", t.date, one_line(&t.body))
    };
    let margin_width = treatments
        .iter()
        .map(|t| width_of(&margin(t)))
        .max()
        .unwrap_or(0);
    let text_width = p.width.map(|w| w.saturating_sub(margin_width + 2).max(20));
    for run in &view.runs {
        let colour = treatments
            .iter()
            .position(|t| *t == &run.treatment)
            .map_or(BLAME_COLOURS[0], |i| BLAME_COLOURS[i % BLAME_COLOURS.len()]);
        let paint = |s: &str| {
            if p.color {
                s.color(colour).to_string()
            } else {
                s.to_string()
            }
        };
        let label = paint(&pad(&margin(&run.treatment), margin_width));
        for (k, paragraph) in run.text.split("\n\n").enumerate() {
            if k > 0 {
                out.push('\n');
            }
            let paragraph = one_line(paragraph.trim());
            if paragraph.is_empty() {
                continue;
            }
            let lines = match text_width {
                Some(width) => textwrap::wrap(&paragraph, width),
                None => vec![paragraph.as_str().into()],
            };
            for (i, line) in lines.iter().enumerate() {
                let left = if i == 0 {
                    label.clone()
                } else {
                    " ".repeat(margin_width)
                };
                let _ = writeln!(out, "{left}  {}", paint(line));
            }
        }
    }
    out
}

/// `Indstilling` from `indstilling`: section names are stored in lower case.
pub fn section_title(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Renders ops with a few words of context around each change.
pub fn changes(ops: &[Op], p: Style) -> String {
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

/// `deferred`: cases whose latest treatment put them off, longest waiting first.
pub fn deferred(rows: &[DeferredRow], p: Style) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str("No deferred cases.\n");
        return out;
    }
    let body_width = column_width(rows.iter().map(|r| r.body.as_str()), 4);
    let journal_width = column_width(rows.iter().map(|r| r.journal.as_str()), 4);
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
    let used = 9 + 12 + body_width + 2 + journal_width + 2 + TITLE_CHARS + 2;
    for r in rows {
        let title = truncate(&one_line(r.title.as_deref().unwrap_or("")), TITLE_CHARS);
        let _ = writeln!(
            out,
            "{:>5} d  {}  {}  {}  {}  {}",
            r.waiting_days,
            r.date,
            pad(&one_line(&r.body), body_width),
            pad(&one_line(&r.journal), journal_width),
            pad(&title, TITLE_CHARS),
            p.rest(&quote(r.reason.as_deref()), used)
        );
    }
    out
}

/// `journey`: the case, its planned route with the steps taken marked, each
/// step, then where it is now and what comes next.
pub fn journey(view: &JourneyView, p: Style) -> String {
    let mut out = String::new();
    heading(&mut out, &view.journal, view.title.as_deref(), p);
    let taken = |body: &str| {
        view.steps
            .iter()
            .any(|s| s.body == body && s.outcome.is_some())
    };
    match &view.route {
        Some(route) if !route.is_empty() => {
            let marked: Vec<String> = route
                .iter()
                .map(|body| {
                    let name = one_line(body);
                    if view.status != Status::Decided && view.next.first() == Some(body) {
                        format!("{name} (next)")
                    } else if taken(body) {
                        format!("{name} ✓")
                    } else {
                        name
                    }
                })
                .collect();
            let _ = writeln!(out, "{}", p.row("  route  ", &marked.join(" → ")));
        }
        _ => {
            let _ = writeln!(out, "  route  {}", p.dim("not stated in the minutes"));
        }
    }
    out.push('\n');
    let body_width = column_width(view.steps.iter().map(|s| s.body.as_str()), 0);
    let outcome_width = outcome_width(view.steps.iter().map(|s| s.outcome));
    for s in &view.steps {
        let prefix = format!(
            "  {}  {}  {:<9} {} ",
            s.date,
            pad(&one_line(&s.body), body_width),
            punkt(s.punkt),
            p.outcome(s.outcome, outcome_width),
        );
        let mut line = p.row(&prefix, &step_detail(s));
        if s.quoted {
            line = format!("{line}  {}", p.dim("(quoted in later minutes)"));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
    for (label, text) in standing(view) {
        let _ = writeln!(out, "{}", p.row(&format!("  {label:<4}  "), &text));
    }
    out
}

/// What a step adds after its outcome: where it sent the case, the vote,
/// the deciding phrase.
fn step_detail(s: &StepView) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !s.to.is_empty() {
        let to: Vec<String> = s.to.iter().map(|b| one_line(b)).collect();
        parts.push(format!("→ {}", to.join(", ")));
    }
    if let Some(votes) = s.votes.as_ref().and_then(votes_text) {
        parts.push(votes);
    } else if s.dissent {
        parts.push("mindretal imod".to_string());
    }
    if let Some(reason) = &s.reason {
        parts.push(quote(Some(reason)));
    }
    parts.join("  ")
}

/// `18 for, 2 imod, 1 undlod`, as far as the decision counts.
pub(crate) fn votes_text(v: &Votes) -> Option<String> {
    let parts: Vec<String> = [
        (v.in_favour, "for"),
        (v.against, "imod"),
        (v.abstain, "undlod"),
    ]
    .iter()
    .filter_map(|(n, word)| n.map(|n| format!("{n} {word}")))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn bodies_text(bodies: &[String]) -> String {
    let names: Vec<String> = bodies.iter().map(|b| one_line(b)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The lines after the steps: where the case is now, and what comes next
/// (also the report's status of a case).
pub(crate) fn standing(view: &JourneyView) -> Vec<(&'static str, String)> {
    // The step the status rests on: the latest of its day that fits it.
    let fits = |s: &StepView| match view.status {
        Status::Deferred => s.outcome == Some(Outcome::Deferred),
        Status::Waiting => crate::journey::sends_on(s.outcome),
        Status::Decided | Status::Open => true,
    };
    let step = view.since.and_then(|date| {
        let on_day = || view.steps.iter().rev().filter(move |s| s.date == date);
        on_day().find(|s| fits(s)).or_else(|| on_day().next())
    });
    let Some(step) = step else {
        return vec![("now", "open: not treated yet".to_string())];
    };
    let (body, date) = (one_line(&step.body), step.date);
    let next = bodies_text(&view.next);
    match view.status {
        Status::Decided => {
            let how = match step.outcome {
                Some(Outcome::Approved) => "approved",
                Some(Outcome::Rejected) => "rejected",
                Some(Outcome::Partial) => "partly approved",
                Some(Outcome::Noted) => "taken note of",
                _ => "decided",
            };
            vec![("now", format!("decided: {how} by {body} on {date}"))]
        }
        Status::Deferred => vec![
            ("now", format!("deferred by {body} on {date}")),
            ("next", format!("back to {next}")),
        ],
        Status::Waiting => {
            let how = step.outcome.map_or("sent on", |o| match o {
                Outcome::Recommended => "recommended",
                Outcome::Forwarded => "forwarded",
                _ => "sent on",
            });
            vec![
                (
                    "now",
                    format!("waiting for {next} since {date} ({how} by {body})"),
                ),
                ("next", next.clone()),
            ]
        }
        Status::Open if step.outcome.is_none() => vec![
            (
                "now",
                format!("on the agenda of {body} on {date}, not decided yet"),
            ),
            ("next", format!("the decision of {next}")),
        ],
        Status::Open => {
            let outcome = step.outcome.map_or("—", Outcome::as_str);
            let mut lines = vec![("now", format!("open: {outcome} by {body} on {date}"))];
            if !next.is_empty() {
                lines.push(("next", format!("{next}, the next body of the route")));
            }
            lines
        }
    }
}

/// `pending`: cases that wait, longest first.
pub fn pending(rows: &[PendingRow], p: Style) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str("No cases waiting.\n");
        return out;
    }
    let journal_width = column_width(rows.iter().map(|r| r.journal.as_str()), 4);
    let outcome_width = outcome_width(rows.iter().map(|r| r.outcome));
    let by_width = column_width(rows.iter().map(|r| r.body.as_str()), 2);
    let waiting_for: Vec<String> = rows.iter().map(|r| bodies_text(&r.waiting_for)).collect();
    let for_width = column_width(waiting_for.iter().map(String::as_str), 11);
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "waiting  since       {}  {:<outcome_width$}  {}  {}  {}  because",
            pad("case", journal_width),
            "outcome",
            pad("by", by_width),
            pad("waiting for", for_width),
            pad("title", TITLE_CHARS)
        ))
    );
    let used = 9
        + 12
        + journal_width
        + 2
        + outcome_width
        + 2
        + by_width
        + 2
        + for_width
        + 2
        + TITLE_CHARS
        + 2;
    for (r, waiting_for) in rows.iter().zip(&waiting_for) {
        let title = truncate(&one_line(r.title.as_deref().unwrap_or("")), TITLE_CHARS);
        let _ = writeln!(
            out,
            "{:>5} d  {}  {}  {}  {}  {}  {}  {}",
            r.waiting_days,
            r.date,
            pad(&one_line(&r.journal), journal_width),
            p.outcome(r.outcome, outcome_width),
            pad(&one_line(&r.body), by_width),
            pad(waiting_for, for_width),
            pad(&title, TITLE_CHARS),
            p.rest(&quote(r.reason.as_deref()), used)
        );
    }
    out
}

/// `cases`: a header, then one line per case with its latest treatment.
pub fn cases(cases: &[CaseRow], p: Style) -> String {
    let mut out = String::new();
    if cases.is_empty() {
        out.push_str("No cases.\n");
        return out;
    }
    let journal_width = column_width(cases.iter().map(|c| c.journal.as_str()), 4);
    let outcome_width = outcome_width(
        cases
            .iter()
            .filter_map(|c| c.latest.as_ref())
            .map(|t| t.outcome),
    );
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "{}  latest      times  {:<outcome_width$} title",
            pad("case", journal_width),
            "outcome"
        ))
    );
    let used = journal_width + 2 + 12 + 7 + outcome_width + 1;
    for c in cases {
        let Some(t) = &c.latest else { continue };
        let _ = writeln!(
            out,
            "{}  {}  {:>4}×  {} {}",
            pad(&one_line(&c.journal), journal_width),
            t.date,
            c.treatments,
            p.outcome(t.outcome, outcome_width),
            p.rest(
                &truncate(&one_line(c.title.as_deref().unwrap_or("")), 70),
                used
            )
        );
    }
    out
}

/// `meetings`: a header, then the imported minutes.
pub fn meetings(meetings: &[MeetingRow], p: Style) -> String {
    let mut out = String::new();
    if meetings.is_empty() {
        out.push_str("No meetings.\n");
        return out;
    }
    let body_width = column_width(meetings.iter().map(|m| m.body.as_str()), 4);
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "date        time   {}  punkter  file",
            pad("body", body_width)
        ))
    );
    let used = 12 + 7 + body_width + 2 + 9;
    for m in meetings {
        let _ = writeln!(
            out,
            "{}  {}  {}  {:>7}  {}",
            m.date,
            pad(&m.time.as_deref().map(one_line).unwrap_or_default(), 5),
            pad(&one_line(&m.body), body_width),
            m.items,
            p.rest(&one_line(&m.source_file), used)
        );
    }
    out
}

/// `search`: each treatment found (newest first) on a line of its own, its
/// matching sections below it, the words that matched highlighted (bold red
/// with colour, `**…**` without); then how many there are and how many more.
pub fn search(view: &SearchView, p: Style) -> String {
    let mut out = String::new();
    let total = view.treatments.len() + view.more;
    if total == 0 {
        let _ = writeln!(out, "No treatment holds «{}».", one_line(&view.query));
        return out;
    }
    let body_width = column_width(view.treatments.iter().map(|t| t.body.as_str()), 0);
    let journal_width = column_width(view.treatments.iter().map(|t| t.journal.as_str()), 0);
    for t in &view.treatments {
        let prefix = format!(
            "{}  {}  {:<9} {}  ",
            t.date,
            pad(&one_line(&t.body), body_width),
            if t.quoted {
                "quoted".to_string()
            } else {
                punkt(t.punkt)
            },
            p.bold(&pad(&one_line(&t.journal), journal_width)),
        );
        // A title that matched is shown with its words marked.
        let title = match t.hits.iter().find(|h| h.section == TITLE) {
            Some(hit) => p.marked(
                &hit.snippet,
                p.width.map(|w| w.saturating_sub(width_of(&prefix))),
            ),
            None => p.rest(
                &one_line(t.title.as_deref().unwrap_or("")),
                textwrap::core::display_width(&prefix),
            ),
        };
        let _ = writeln!(out, "{prefix}{title}");
        let label_width = column_width(
            t.hits
                .iter()
                .filter(|h| h.section != TITLE)
                .map(|h| h.section.as_str()),
            0,
        );
        for hit in t.hits.iter().filter(|h| h.section != TITLE) {
            let label = format!(
                "  {}  ",
                pad(&one_line(&section_title(&hit.section)), label_width)
            );
            out.push_str(&p.hanging(&label, width_of(&label), &p.marked(&hit.snippet, None)));
        }
    }
    let query = one_line(&view.query);
    let shown = view.treatments.len();
    out.push('\n');
    let summary = if view.more == 0 {
        format!(
            "{} hold «{query}».",
            count(total, "treatment", "treatments")
        )
    } else {
        format!(
            "{shown} of {total} treatments that hold «{query}» shown, newest first; {} more: --limit N shows N, --limit 0 all.",
            view.more
        )
    };
    out.push_str(&p.block(&summary, 0));
    out
}

impl Style {
    /// A snippet with its matching words highlighted, cut to `width`
    /// display columns where given.
    fn marked(&self, snippet: &Snippet, width: Option<usize>) -> String {
        let mut out = String::new();
        let mut used = 0;
        let budget = width.map(|w| w.max(12));
        for (piece, matched) in snippet.pieces() {
            let mut text = one_line(piece);
            if let Some(budget) = budget {
                let left = budget.saturating_sub(used);
                if left == 0 {
                    break;
                }
                if width_of(&text) > left {
                    text = truncate(&text, left);
                }
            }
            used += width_of(&text);
            out.push_str(&if matched { self.matched(&text) } else { text });
        }
        out
    }

    fn matched(&self, s: &str) -> String {
        if self.color {
            s.red().bold().to_string()
        } else {
            format!("**{s}**")
        }
    }

    /// `text` after a `label` of `label_width` columns, wrapped to the width
    /// with the lines after the first under the text.
    fn hanging(&self, label: &str, label_width: usize, text: &str) -> String {
        match self.width {
            Some(width) if width > label_width + 20 => {
                let indent = " ".repeat(label_width);
                let options = textwrap::Options::new(width.saturating_sub(label_width));
                let mut out = String::new();
                for (i, line) in textwrap::wrap(text, options).iter().enumerate() {
                    let lead = if i == 0 { label } else { indent.as_str() };
                    let _ = writeln!(out, "{lead}{line}");
                }
                out
            }
            _ => format!("{label}{text}\n"),
        }
    }
}

/// `show`: one treatment in full.
pub fn show(t: &TreatmentView, p: Style) -> String {
    let mut out = String::new();
    heading(&mut out, &t.journal, t.title.as_deref(), p);
    let prefix = format!(
        "  {}  {}  {:<9} {} ",
        one_line(&t.body),
        t.date,
        punkt(t.punkt),
        p.outcome(t.outcome, 10),
    );
    let _ = writeln!(out, "{}", p.row(&prefix, &quote(t.reason.as_deref())));
    if t.closed {
        let _ = writeln!(out, "  (lukket punkt)");
    }
    let indstilling = if t.quoted {
        Some("(not known: this decision is only quoted in later minutes)")
    } else {
        t.indstilling.as_deref()
    };
    let mut sections: Vec<(&str, Option<&str>)> = vec![
        ("Indstilling", indstilling),
        ("Beslutning", t.beslutning.as_deref()),
    ];
    sections.extend(
        t.sections
            .iter()
            .map(|s| (s.name.as_str(), Some(s.text.as_str()))),
    );
    for (name, text) in sections {
        let Some(text) = text else { continue };
        let _ = writeln!(out, "\n{}", p.bold(&one_line(name)));
        out.push_str(&p.block(&for_terminal(text), 2));
    }
    out
}

/// The report after `commit`.
pub fn commit(view: &CommitView, p: Style) -> String {
    let mut out = String::new();
    for i in &view.imported {
        let mut meeting = format!("{}  {}", i.date, one_line(&i.body));
        if let Some(time) = &i.time {
            meeting = format!("{} {}  {}", i.date, one_line(time), one_line(&i.body));
        }
        if i.kind == crate::model::DocumentKind::Dagsorden {
            meeting.push_str(" (dagsorden)");
        }
        let _ = writeln!(
            out,
            "  {:<9}  {}  {}",
            i.change.as_str(),
            meeting,
            p.dim(&one_line(&i.file))
        );
        // Nothing a correction takes away or changes goes unsaid.
        for (word, refs) in [("removed", &i.removed), ("changed", &i.changed)] {
            for t in refs.iter() {
                let punkt = t
                    .punkt
                    .map_or_else(|| "quoted".to_string(), |n| format!("punkt {n}"));
                let _ = writeln!(
                    out,
                    "             {word} treatment: {} ({} {}, {punkt})",
                    one_line(&t.journal),
                    t.date,
                    one_line(&t.body)
                );
            }
        }
    }
    let count_of = |c| view.imported.iter().filter(|i| i.change == c).count();
    use crate::views::Change::{Added, Corrected, Unchanged};
    let new: usize = view.imported.iter().map(|i| i.treatments_new).sum();
    let changed: usize = view.imported.iter().map(|i| i.treatments_changed).sum();
    let _ = writeln!(
        out,
        "{} added, {} corrected, {} unchanged; {} new, {} changed (store: {})",
        count(count_of(Added), "meeting", "meetings"),
        count_of(Corrected),
        count_of(Unchanged),
        count(new, "treatment", "treatments"),
        changed,
        one_line(&view.store)
    );
    let _ = writeln!(
        out,
        "\nDeferred now: {}",
        count(view.deferred.len(), "case", "cases")
    );
    if !view.deferred.is_empty() {
        out.push_str(&deferred(&view.deferred, p));
    }
    out
}

/// `verify`: what was checked, then every problem.
pub fn verify(view: &VerifyView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "checked {}, {}, {}",
        count(view.commits, "commit", "commits"),
        count(view.meetings, "meeting", "meetings"),
        count(view.treatments, "treatment file", "treatment files"),
    );
    if view.problems.is_empty() {
        out.push_str("ok: no problems found\n");
    }
    for p in &view.problems {
        let _ = writeln!(
            out,
            "problem: {}: {}",
            one_line(&p.path),
            one_line(&p.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_display_columns() {
        assert_eq!(truncate("Økonomiudvalget", 20), "Økonomiudvalget");
        assert_eq!(truncate("Økonomiudvalget", 6), "Økono…");
        // Wide characters take two columns each.
        assert_eq!(truncate("日本語日本語", 5), "日本…");
    }

    #[test]
    fn pad_uses_display_width() {
        assert_eq!(pad("æøå", 5), "æøå  ");
        assert_eq!(width_of(&pad("日本", 6)), 6);
    }

    #[test]
    fn votes_and_bodies_read_as_words() {
        let votes = Votes {
            in_favour: Some(18),
            against: Some(2),
            abstain: None,
        };
        assert_eq!(votes_text(&votes).as_deref(), Some("18 for, 2 imod"));
        assert_eq!(votes_text(&Votes::default()), None);
        let bodies =
            |names: &[&str]| bodies_text(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(bodies(&["Byrådet"]), "Byrådet");
        let hostile = bodies(&["Økonomiudvalget", "Byrådet\u{1b}[2J"]);
        assert!(
            hostile.starts_with("Økonomiudvalget and Byrådet"),
            "{hostile}"
        );
        assert!(!hostile.contains('\u{1b}'), "{hostile}");
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "case", "cases"), "1 case");
        assert_eq!(count(0, "case", "cases"), "0 cases");
        assert_eq!(count(2, "punkt", "punkter"), "2 punkter");
    }

    #[test]
    fn blocks_wrap_at_word_boundaries_within_the_width() {
        let style = Style {
            color: false,
            width: Some(30),
        };
        let text = "Direktionen godkender indstillingen om økonomisk ramme for projektet";
        let block = style.block(text, 2);
        assert!(block.lines().count() > 1, "{block}");
        for line in block.lines() {
            assert!(width_of(line) <= 30, "{line:?}");
            assert!(line.starts_with("  "), "{line:?}");
        }
        assert_eq!(
            block.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn without_a_width_nothing_is_wrapped_or_cut() {
        let long = "ord ".repeat(100);
        assert_eq!(Style::PLAIN.block(long.trim(), 2).lines().count(), 1);
        assert_eq!(Style::PLAIN.rest(&long, 50), long);
    }
}
