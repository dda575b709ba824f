//! The parser: minutes text in, a [`Meeting`] out. Pure: no I/O, no clock.
//!
//! Reading follows what a careful human does: the header names body, date,
//! time, place and participants; the table of contents is skipped; each
//! `Punkt N:` starts an item whose title may wrap onto the next line; a
//! journal number stands alone (or after `Sagsnr.:`) before the first
//! section; every known section heading starts a new section whatever its
//! markup or level, and unknown headings stay inside the current section.
//! The words themselves live in [`vocabulary`].

pub mod absence;
pub mod bodies;
mod pages;
mod toc;
pub mod vocabulary;

use crate::classify;
use crate::dates;
use crate::model::{Decision, DocumentKind, Item, Meeting, Outcome, Punkt, Section};
use crate::normalize::{clean_line, fold_whitespace};
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;
use thiserror::Error;
use vocabulary::{HeaderField, SectionKind};

/// Why a text could not be read as minutes.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    /// No line such as `Punkt 1: …` was found.
    #[error(
        "no agenda items found (no line such as 'Punkt 1: …'); this does not look like minutes"
    )]
    NoItems,
    /// Neither the title line nor a date field gave the meeting's date.
    #[error(
        "no meeting date found (expected a line such as 'REFERAT Direktionen d. 17-11-2025' or 'Mødedato …')"
    )]
    NoDate,
    /// The meeting's date is written in a date's form but is no day of the
    /// calendar.
    #[error("invalid date {0}: no such day in the calendar")]
    InvalidDate(String),
    /// A JSON document that is not FirstAgenda's Publication JSON.
    #[error("not FirstAgenda Publication JSON: {0}")]
    Json(String),
    /// An XML document of a system sagsspor does not know.
    #[error("an XML document of an unknown publishing system")]
    UnknownXml,
}

/// Headings longer than this are prose, not headings.
const MAX_HEADING_CHARS: usize = 160;
/// A wrapped title spans at most this many lines.
const MAX_TITLE_LINES: usize = 4;

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bkl\.?\s*(\d{1,2})(?:[.:](\d{2}))?\b").expect("valid pattern")
});
static PARTICIPANT_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[,;]\s*|\s+og\s+").expect("valid pattern"));
static TITLE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:fra|af|for)\s+)?(?:(?:det\s+)?(?:ordinære|ekstraordinære)\s+)?(?:mødet|møde)?\s*(?:i|for)?\s+")
        .expect("valid pattern")
});
static TITLE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s,\-–]*(?:\bd\.|\bden|\bfra|\bmøde)?\s*$").expect("valid pattern")
});

struct Line<'a> {
    raw: &'a str,
    clean: String,
}

impl Line<'_> {
    /// Nothing but PDF noise or markup (`??`, `**`): neither text nor a
    /// paragraph break.
    fn is_noise(&self) -> bool {
        self.clean.is_empty() && !self.raw.trim().is_empty()
    }
}

/// A section heading recognised in an item.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    kind: SectionKind,
    name: String,
    body: Option<String>,
    date: Option<Date>,
}

struct RawSection {
    heading: Heading,
    lines: Vec<String>,
}

/// The text's lines, each with its cleaned form; lines of nothing but
/// noise are dropped.
fn lines_of(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .map(|raw| Line {
            raw,
            clean: clean_line(raw),
        })
        .filter(|line| !line.is_noise())
        .collect()
}

/// Parses the text of one minutes file.
pub fn parse(text: &str) -> Result<Meeting, ParseError> {
    let text = pages::without_furniture(text);
    let lines = lines_of(&text);
    let headings = find_item_headings(&lines);
    let first_item = headings.first().map_or(lines.len(), |h| h.at);
    let mut meeting = parse_header(&lines[..first_item]);
    if headings.is_empty() {
        return Err(ParseError::NoItems);
    }
    let header: Vec<&str> = lines[..first_item]
        .iter()
        .map(|l| l.clean.as_str())
        .collect();
    let date = meeting_date(meeting.date, &header.join("\n"))?;
    for (k, h) in headings.iter().enumerate() {
        let end = headings.get(k + 1).map_or(lines.len(), |next| next.at);
        let item = parse_item(
            h.punkt,
            &h.rest,
            &lines[h.title_at..end],
            date,
            meeting.body.as_deref(),
        );
        meeting.items.push(item);
    }
    bodies::settle_names(&mut meeting);
    toc::check(&mut meeting, &toc::entries(&header));
    Ok(meeting)
}

/// The meeting's date, or why there is none: a date written where the
/// date belongs that is no day of the calendar (`31-02-2025`) is named.
pub fn meeting_date(date: Option<Date>, written: &str) -> Result<Date, ParseError> {
    date.ok_or_else(|| match dates::first_impossible(written) {
        Some(impossible) => ParseError::InvalidDate(impossible.to_string()),
        None => ParseError::NoDate,
    })
}

/// Where an item starts: the line of its number, the line of its title
/// (the same line, or the next one where the number stands alone), the
/// number, and the title as far as that line holds it.
struct ItemHeading {
    at: usize,
    title_at: usize,
    punkt: Punkt,
    rest: String,
}

/// Item headings in document order. Numbers must increase, so a `Punkt 2:`
/// quoted in prose after item 5 is text. Documents without `Punkt N:`
/// headings are read for numbered headings (`1. Meddelelser`, or `1.` on a
/// line of its own with the title on the next) instead.
fn find_item_headings(lines: &[Line]) -> Vec<ItemHeading> {
    let punkt = increasing(lines, |i, line| {
        let caps = vocabulary::ITEM_HEADING.captures(&line.clean)?;
        Some((i, caps["n"].parse().ok()?, caps["rest"].to_string()))
    });
    if !punkt.is_empty() {
        return punkt;
    }
    increasing(lines, |i, _| {
        let (title_at, n, rest) = numbered_at(lines, i)?;
        has_item_evidence(lines, title_at, n, &rest).then_some((title_at, n, rest))
    })
}

/// A numbered heading at line `at`, on one line or with the number alone:
/// the title's line, the number and the title.
fn numbered_at(lines: &[Line], at: usize) -> Option<(usize, Punkt, String)> {
    match numbered_heading(&lines[at].clean) {
        Some((n, rest)) => Some((at, n, rest)),
        None => number_alone(lines, at),
    }
}

/// `1.` alone on a line, with the title on the next line that has text
/// (eDoc PDFs): the title's line, the number and the title.
fn number_alone(lines: &[Line], at: usize) -> Option<(usize, Punkt, String)> {
    let caps = vocabulary::NUMBER_ALONE.captures(&lines[at].clean)?;
    let n: Punkt = caps["n"].parse().ok()?;
    let (title_at, title) = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .take(3)
        .find(|(_, l)| !l.clean.is_empty())?;
    let (_, rest) = numbered_heading(&format!("{n}. {}", title.clean))?;
    Some((title_at, n, rest))
}

/// Candidate headings in document order whose numbers strictly increase.
fn increasing(
    lines: &[Line],
    candidate: impl Fn(usize, &Line) -> Option<(usize, Punkt, String)>,
) -> Vec<ItemHeading> {
    let mut out = Vec::new();
    let mut last = Punkt::default();
    for (i, line) in lines.iter().enumerate() {
        if vocabulary::TOC_ENTRY.is_match(line.raw.trim_end()) {
            continue;
        }
        if let Some((title_at, punkt, rest)) = candidate(i, line)
            && punkt > last
        {
            out.push(ItemHeading {
                at: i,
                title_at,
                punkt,
                rest,
            });
            last = punkt;
        }
    }
    out
}

fn numbered_heading(clean: &str) -> Option<(Punkt, String)> {
    let caps = vocabulary::NUMBERED_HEADING.captures(clean)?;
    let rest = caps["rest"].to_string();
    if rest.ends_with(['.', ',', ';', ':']) {
        return None;
    }
    Some((caps["n"].parse().ok()?, rest))
}

/// A numbered line is an item heading only if, before the next such line,
/// a journal number follows within a few lines, or the title is repeated
/// right below it (Acadre prints it twice), or its first sub-item follows
/// right below and is itself an item (`1. Meddelelser` / `1.1 …`). A table
/// of contents and a numbered list have none of these.
fn has_item_evidence(lines: &[Line], at: usize, punkt: Punkt, title: &str) -> bool {
    let mut below = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .filter(|(_, l)| !l.clean.is_empty());
    if punkt.sub.is_none()
        && let Some((next, _)) = below.next()
        && let Some((title_at, sub, rest)) = numbered_at(lines, next)
        && sub == Punkt::within(punkt.number, 1)
    {
        return has_item_evidence(lines, title_at, sub, &rest);
    }
    lines[at + 1..]
        .iter()
        .map(|l| l.clean.as_str())
        .filter(|c| !c.is_empty())
        .take(4)
        .take_while(|c| numbered_heading(c).is_none() && !vocabulary::NUMBER_ALONE.is_match(c))
        .any(|c| c == title || is_bare_journal(c) || vocabulary::JOURNAL_LABEL.is_match(c))
}

fn parse_header(lines: &[Line]) -> Meeting {
    let mut meeting = Meeting {
        kind: DocumentKind::Referat,
        ..Meeting::default()
    };
    let mut fields: Vec<(HeaderField, String)> = Vec::new();
    let mut current: Option<usize> = None;
    let mut in_toc = false;
    let mut seen_title = false;
    // A short line of its own near the title names the body where the title
    // does not (`Referat 4. juni 2025` / `Økonomiudvalget`).
    let mut loose_body: Option<String> = None;
    for line in lines {
        let clean = line.clean.as_str();
        if clean.is_empty() {
            // A label alone (`Mødedato`) has its value after the blank line.
            if current.is_some_and(|k| !fields[k].1.trim().is_empty()) {
                current = None;
            }
            continue;
        }
        if vocabulary::TOC_HEADING.is_match(clean) {
            in_toc = true;
            current = None;
            continue;
        }
        if in_toc || vocabulary::TOC_ENTRY.is_match(line.raw.trim_end()) {
            continue;
        }
        if !seen_title && let Some(caps) = vocabulary::TITLE_LINE.captures(clean) {
            seen_title = true;
            if caps["kind"].eq_ignore_ascii_case("dagsorden") {
                meeting.kind = DocumentKind::Dagsorden;
            }
            read_title(&caps["rest"], &mut meeting);
            current = None;
            continue;
        }
        let field = vocabulary::HEADER_FIELDS
            .iter()
            .find_map(|(field, re)| re.captures(clean).map(|c| (*field, c["value"].to_string())));
        if let Some((field, value)) = field {
            fields.push((field, value));
            current = Some(fields.len() - 1);
        } else if let Some(k) = current {
            // A line break is kept: in a list of members each name stands
            // on a line of its own.
            let (_, value) = &mut fields[k];
            value.push('\n');
            value.push_str(clean);
        } else if loose_body.is_none() && looks_like_body(clean) {
            loose_body = Some(clean.to_string());
        }
    }
    if meeting.body.is_none() {
        meeting.body = loose_body;
    }
    for (field, lines) in fields {
        let value = fold_whitespace(&lines);
        match field {
            HeaderField::When => {
                if meeting.date.is_none() {
                    meeting.date = dates::find_date(&value).map(|(d, _)| d);
                }
                if let Some(c) = TIME.captures(&value) {
                    let hour: u32 = c[1].parse().unwrap_or(0);
                    let minute = c.get(2).map_or("00", |m| m.as_str());
                    meeting.time = Some(format!("{hour:02}:{minute}"));
                }
            }
            HeaderField::Place => meeting.place = non_empty(value),
            HeaderField::Participants => meeting.participants = split_names(&lines),
            HeaderField::Absent => meeting.absent = split_names(&lines),
            HeaderField::Other => {}
        }
    }
    meeting
}

/// `Direktionen d. 17-11-2025` → body and date.
fn read_title(rest: &str, meeting: &mut Meeting) {
    // `Referat fra mødet i Økonomiudvalget den 12. juni 2024`
    let rest = TITLE_LEAD.replace(rest.trim(), "");
    let rest = rest.trim();
    match dates::find_date(rest) {
        Some((date, range)) => {
            meeting.date = Some(date);
            let before = &rest[..range.start];
            let body = TITLE_TAIL.replace(before, "");
            meeting.body = non_empty(fold_whitespace(&body));
        }
        None => meeting.body = non_empty(fold_whitespace(rest)),
    }
}

/// A body's name: short, capitalised, no digits (`Kultur- og Fritidsudvalget`).
fn looks_like_body(clean: &str) -> bool {
    clean.chars().count() <= 60
        && clean.chars().next().is_some_and(char::is_uppercase)
        && !clean.chars().any(|c| c.is_ascii_digit())
        && !clean.ends_with(['.', ':'])
}

/// Names separated by commas or `og`, which may wrap anywhere; a list
/// without either has one name on each line (eDoc: `Tilstede` / `Lolan
/// Ottesen (A) - formand` / …).
fn split_names(value: &str) -> Vec<String> {
    let lines: Vec<&str> = value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let one_line = lines.join(" ");
    let joined = if PARTICIPANT_SPLIT.is_match(&one_line) {
        one_line
    } else {
        lines.join(";")
    };
    PARTICIPANT_SPLIT
        .split(&joined)
        .map(|n| n.trim().trim_end_matches('.').trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn is_bare_journal(clean: &str) -> bool {
    vocabulary::JOURNAL_BARE.iter().any(|re| re.is_match(clean))
}

/// Recognises a section heading: a known name, or a decision heading with
/// body and date.
fn heading(clean: &str) -> Option<Heading> {
    if clean.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let name = clean.trim_end_matches(':').trim().to_string();
    if let Some(kind) = vocabulary::section_kind(&name) {
        return Some(Heading {
            kind,
            name,
            body: None,
            date: None,
        });
    }
    vocabulary::DECISION_HEADINGS
        .iter()
        .enumerate()
        .find_map(|(k, re)| {
            let caps = re.captures(&name)?;
            let date = dates::parse_whole(&caps["date"])?;
            let body = caps.name("body").map(|b| {
                let b = fold_whitespace(b.as_str());
                // `Økonomiudvalgets beslutning` names Økonomiudvalget.
                if k == 1 && (b.ends_with("ets") || b.ends_with("ens")) {
                    b[..b.len() - 1].to_string()
                } else {
                    b
                }
            });
            Some(Heading {
                kind: SectionKind::Beslutning,
                name: "Beslutning".to_string(),
                body,
                date: Some(date),
            })
        })
}

fn parse_item(
    punkt: Punkt,
    heading_rest: &str,
    lines: &[Line],
    meeting_date: Date,
    meeting_body: Option<&str>,
) -> Item {
    // The title: the heading line plus wrapped continuation lines.
    let mut title = clean_line(heading_rest);
    let mut bold_open = lines[0].raw.matches("**").count() % 2 == 1;
    let mut i = 1;
    while i < lines.len() && i <= MAX_TITLE_LINES {
        let line = &lines[i];
        if line.clean.is_empty()
            || is_bare_journal(&line.clean)
            || vocabulary::JOURNAL_LABEL.is_match(&line.clean)
            || heading(&line.clean).is_some()
            || line.clean == title
            || (!bold_open && line.clean.chars().count() > 120)
        {
            break;
        }
        title.push(' ');
        title.push_str(&line.clean);
        if line.raw.contains("**") {
            bold_open = false;
        }
        i += 1;
    }
    let (title, closed) = tidy_title(punkt, &title);
    let mut item = item_body(
        &lines[i..],
        title.as_deref(),
        closed,
        meeting_date,
        meeting_body,
    );
    item.punkt = punkt;
    item.title = title;
    item.closed = closed;
    item
}

/// An item whose frame a structured format gives (number, title, journal
/// number), read from its text as a browser lays it out: the sections,
/// the recommendation and every decision, exactly as in text minutes.
pub fn item_from_text(
    punkt: Punkt,
    title: &str,
    journal: Option<String>,
    text: &str,
    meeting_date: Date,
    meeting_body: Option<&str>,
) -> Item {
    let lines = lines_of(text);
    let (title, closed) = tidy_title(punkt, title);
    let mut item = item_body(&lines, title.as_deref(), closed, meeting_date, meeting_body);
    item.punkt = punkt;
    item.title = title;
    item.closed = closed;
    if journal.is_some() {
        item.journal = journal;
    }
    item
}

/// The body of an item below its title: journal number, route, sections,
/// recommendation and decisions. Number, title and `closed` are the
/// caller's to fill in; a closed item's text without headings is its
/// decision (what minutes publish of a closed item).
fn item_body(
    body: &[Line],
    title: Option<&str>,
    closed: bool,
    meeting_date: Date,
    meeting_body: Option<&str>,
) -> Item {
    let mut journal: Option<String> = None;
    let mut awaiting_journal_value = false;
    let mut preamble: Vec<String> = Vec::new();
    let mut sections: Vec<RawSection> = Vec::new();
    let mut k = 0;
    while k < body.len() {
        let clean = body[k].clean.as_str();
        k += 1;
        if clean.is_empty() {
            current_buffer(&mut sections, &mut preamble).push(String::new());
            continue;
        }
        if awaiting_journal_value {
            awaiting_journal_value = false;
            if vocabulary::JOURNAL_VALUE.is_match(clean) {
                journal = Some(clean.to_string());
                continue;
            }
        }
        if journal.is_none() {
            if let Some(caps) = vocabulary::JOURNAL_LABEL.captures(clean) {
                match caps.name("value") {
                    Some(v) => journal = Some(v.as_str().to_string()),
                    None => awaiting_journal_value = true,
                }
                continue;
            }
            if sections.is_empty() && is_bare_journal(clean) {
                journal = Some(clean.to_string());
                continue;
            }
        }
        if sections.is_empty() && Some(clean) == title {
            // Acadre repeats the title under the heading.
            continue;
        }
        if let Some(h) = heading(clean) {
            sections.push(RawSection {
                heading: h,
                lines: Vec::new(),
            });
            continue;
        }
        // A heading with its text on the same line (`Beslutning: Godkendt.`).
        // A note of who was absent is no heading: it belongs to the
        // decision or history entry it ends.
        if let Some((head, text)) = clean.split_once(": ")
            && !vocabulary::ABSENCE_NOTE.is_match(clean)
            && let Some(h) = heading(head)
        {
            sections.push(RawSection {
                heading: h,
                lines: vec![text.trim().to_string()],
            });
            continue;
        }
        // The route stated in a sentence of its own (`Beslutningen træffes
        // af Kommunalbestyrelsen`), believed only where the rest is a list
        // of bodies.
        if let Some(caps) = vocabulary::ROUTE_LINE.captures(clean)
            && bodies::route(&caps["value"]).is_some()
        {
            let name = clean[..caps.get(1).map_or(clean.len(), |v| v.start())].trim();
            sections.push(RawSection {
                heading: Heading {
                    kind: SectionKind::Route,
                    name: name.trim_end_matches(':').trim().to_string(),
                    body: None,
                    date: None,
                },
                lines: vec![caps["value"].to_string(), String::new()],
            });
            continue;
        }
        // A heading wrapped onto two lines by a narrow export
        // (`Beslutning Direktionen den` / `17-11-2025`).
        if let Some(next) = body.get(k).map(|l| l.clean.as_str())
            && !next.is_empty()
            && let Some(h) = heading(&format!("{clean} {next}"))
        {
            k += 1;
            sections.push(RawSection {
                heading: h,
                lines: Vec::new(),
            });
            continue;
        }
        current_buffer(&mut sections, &mut preamble).push(clean.to_string());
    }

    let mut indstilling: Vec<String> = Vec::new();
    let mut decisions = Vec::new();
    let mut route: Option<Vec<String>> = None;
    let mut others: Vec<Section> = Vec::new();
    let has_decision = sections
        .iter()
        .any(|s| s.heading.kind == SectionKind::Beslutning);
    // Who the notes of this meeting's own decision say was away.
    let mut absent: Vec<String> = Vec::new();
    let mut regrets: Vec<String> = Vec::new();
    let mut note_absence = |notes: absence::Notes| {
        absent.extend(notes.names);
        regrets.extend(notes.regrets);
    };
    if closed && !has_decision && sections.is_empty() {
        // Greve publishes a closed item's decision as its only text.
        let notes = absence::split(&preamble);
        let text = join_lines(&notes.text);
        note_absence(notes);
        if !text.is_empty() {
            decisions.push(decision(
                text,
                meeting_date,
                meeting_body.map(str::to_string),
            ));
            preamble.clear();
        }
    }
    let preamble = join_lines(&preamble);
    if !preamble.is_empty() {
        others.push(Section {
            name: "Tekst".to_string(),
            text: preamble,
        });
    }
    for section in sections {
        let text = join_lines(&section.lines);
        match section.heading.kind {
            SectionKind::Indstilling => {
                if !text.is_empty() {
                    indstilling.push(text);
                }
            }
            SectionKind::Beslutning => {
                let notes = absence::split(&section.lines);
                let text = join_lines(&notes.text);
                let own = section.heading.date.is_none_or(|d| d == meeting_date)
                    && match (&section.heading.body, meeting_body) {
                        (Some(b), Some(m)) => bodies::same(b, m),
                        _ => true,
                    };
                if own {
                    note_absence(notes);
                }
                if text.is_empty() {
                    continue;
                }
                let body = section
                    .heading
                    .body
                    .or_else(|| meeting_body.map(str::to_string));
                decisions.push(decision(
                    text,
                    section.heading.date.unwrap_or(meeting_date),
                    body,
                ));
            }
            SectionKind::History => {
                decisions.extend(history_decisions(&section.lines));
                merge_section(&mut others, section.heading.name, text);
            }
            SectionKind::Route => {
                if route.is_none() {
                    route = bodies::route(&first_paragraph(&section.lines));
                }
                merge_section(&mut others, section.heading.name, text);
            }
            SectionKind::Other => merge_section(&mut others, section.heading.name, text),
        }
    }
    others.retain(|s| !s.text.is_empty());
    // A decision quoted twice (`Beslutning i … den …:` and again under
    // `Sagens forløb`) is one decision.
    let mut seen: Vec<(Date, Option<String>)> = Vec::new();
    decisions.retain(|d: &Decision| {
        let twice = seen.iter().any(|(date, body)| {
            *date == d.date
                && match (body, &d.body) {
                    (Some(a), Some(b)) => bodies::same(a, b),
                    _ => true,
                }
        });
        if !twice {
            seen.push((d.date, d.body.clone()));
        }
        !twice
    });
    // A recommendation goes where the route says, where its text names
    // no body or only some of those the route has next (`Anbefales, idet
    // … frem mod Byrådets behandling` on the way through Økonomiudvalget).
    if let Some(route) = &route {
        for d in decisions
            .iter_mut()
            .filter(|d| d.outcome == Outcome::Recommended)
        {
            let along = bodies::recipients(route, d.body.as_deref());
            if d.to
                .iter()
                .all(|b| along.iter().any(|a| bodies::same(a, b)))
            {
                d.to = along;
            }
        }
    }
    Item {
        punkt: Punkt::default(),
        title: None,
        journal,
        closed: false,
        route,
        indstilling: (!indstilling.is_empty()).then(|| indstilling.join("\n\n")),
        decisions,
        sections: others,
        absent,
        regrets,
    }
}

/// A decision read from its text.
fn decision(text: String, date: Date, body: Option<String>) -> Decision {
    let reading = classify::read(&text);
    Decision {
        date,
        body,
        text,
        outcome: reading.outcome,
        reason: reading.reason,
        votes: reading.votes,
        dissent: reading.dissent,
        to: reading.to,
    }
}

/// A decision's text without the notes of who was absent (`Ikke til
/// stede: …`, `Fraværende: …`), which say nothing about what was decided.
fn decision_text(lines: &[String]) -> String {
    join_lines(&absence::split(lines).text)
}

/// The lines up to the first blank line after some text.
fn first_paragraph(lines: &[String]) -> String {
    lines
        .iter()
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends a section's text to the section of that name, or adds it.
fn merge_section(others: &mut Vec<Section>, name: String, text: String) {
    match others
        .iter_mut()
        .find(|s| s.name.eq_ignore_ascii_case(&name))
    {
        Some(existing) if !text.is_empty() => {
            if !existing.text.is_empty() {
                existing.text.push_str("\n\n");
            }
            existing.text.push_str(&text);
        }
        Some(_) => {}
        None => others.push(Section { name, text }),
    }
}

/// Earlier treatments listed in a history section, in either of two
/// shapes: entries that start with `Udvalg: …` and carry `Dato: …`
/// (FirstAgenda PDF), or entries headed by a date and a body
/// (`15-08-2022 Sundheds- og Omsorgsudvalget`, Greve's `Sagens forløb`).
/// The remaining lines of an entry are its decision; an entry without
/// decision text is a reference, not a decision.
fn history_decisions(lines: &[String]) -> Vec<Decision> {
    struct Entry {
        body: String,
        date: Option<Date>,
        text: Vec<String>,
    }
    let mut entries: Vec<Entry> = Vec::new();
    for line in lines {
        if line.is_empty() {
            if let Some(entry) = entries.last_mut() {
                entry.text.push(String::new());
            }
            continue;
        }
        if let Some(c) = vocabulary::HISTORY_BODY.captures(line) {
            entries.push(Entry {
                body: fold_whitespace(&c["value"]),
                date: None,
                text: Vec::new(),
            });
            continue;
        }
        if let Some(c) = vocabulary::DATED_ENTRY.captures(line)
            && bodies::is_body_name(&c["body"])
            && let Some(date) = dates::parse_whole(&c["date"])
        {
            if let (Some(pre), Some(entry)) = (c.name("pre"), entries.last_mut()) {
                entry.text.push(pre.as_str().to_string());
            }
            entries.push(Entry {
                body: fold_whitespace(&c["body"]),
                date: Some(date),
                text: Vec::new(),
            });
            continue;
        }
        if let Some(entry) = entries.last_mut() {
            if let Some(c) = vocabulary::HISTORY_DATE.captures(line) {
                entry.date = dates::find_date(&c["value"]).map(|(d, _)| d);
            } else if !vocabulary::HISTORY_PUNKT.is_match(line) {
                entry.text.push(line.clone());
            }
        }
    }
    entries
        .into_iter()
        .filter_map(|e| {
            let date = e.date?;
            let text = decision_text(&e.text);
            (!text.trim().is_empty()).then(|| decision(text, date, Some(e.body)))
        })
        .collect()
}

/// Lines go to the latest section, or to the preamble before the first one.
fn current_buffer<'a>(
    sections: &'a mut [RawSection],
    preamble: &'a mut Vec<String>,
) -> &'a mut Vec<String> {
    match sections.last_mut() {
        Some(s) => &mut s.lines,
        None => preamble,
    }
}

/// Removes the repeated number and the `Lukket:` marker from a title.
fn tidy_title(punkt: Punkt, title: &str) -> (Option<String>, bool) {
    let mut t = fold_whitespace(title);
    if let Some(c) = vocabulary::REPEATED_NUMBER.captures(&t)
        && c["n"].parse::<Punkt>().ok() == Some(punkt)
    {
        t = t[c.get(0).map_or(0, |m| m.end())..].to_string();
    }
    let mut closed = false;
    if let Some(m) = vocabulary::CLOSED_PREFIX.find(&t) {
        closed = true;
        t = t[m.end()..].to_string();
    }
    let t = t.trim().to_string();
    ((!t.is_empty()).then_some(t), closed)
}

/// Joins cleaned lines, keeping one blank line between paragraphs.
fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests;
