//! A meeting's page (when, where, who, every item with its outcome and what
//! changed since each case's previous treatment) and the page of its
//! minutes as stored.

use super::Page;
use super::parts::{
    Frame, badge, col, da, document, head, num, opt_da, paragraphs, reason, section_title, votes,
};
use super::paths::{
    case_path, href, item_anchor, link, meeting_path, minutes_path, treatment_anchor,
};
use crate::model::{Meeting, Punkt};
use crate::sanitize::{for_terminal, one_line};
use crate::views::{CaseHistory, MeetingDocument, SiteMeeting, TreatmentView};
use maud::{Markup, html};
use std::collections::HashMap;

/// One item of a meeting as its page shows it: the case, the treatment, its
/// place on the case page, and what it brought.
pub struct ItemOf<'s> {
    /// The case.
    pub case: &'s CaseHistory,
    /// Which of its treatments.
    pub index: usize,
    /// What it changed (see [`super::case::page`]).
    pub fragment: Markup,
}

impl ItemOf<'_> {
    fn treatment(&self) -> Option<&TreatmentView> {
        self.case.treatments.get(self.index)
    }
}

/// The meeting page and the page of its minutes.
pub fn pages(m: &SiteMeeting, items: &HashMap<Punkt, Vec<ItemOf>>) -> Vec<Page> {
    let mut pages = Vec::new();
    let minutes = minutes_path(&m.row).filter(|_| m.document.is_some());
    if let Some(path) = meeting_path(&m.row) {
        pages.push(Page {
            path,
            html: meeting_page(m, items, minutes.as_deref()).into_string(),
        });
    }
    if let (Some(path), Some(document)) = (minutes, &m.document) {
        let html = document_page(m, document).into_string();
        pages.push(Page { path, html });
    }
    pages
}

fn meeting_page(
    m: &SiteMeeting,
    items: &HashMap<Punkt, Vec<ItemOf>>,
    minutes: Option<&str>,
) -> Markup {
    let row = &m.row;
    let mut punkter: Vec<(&Punkt, &ItemOf)> = items
        .iter()
        .flat_map(|(p, of)| of.iter().map(move |i| (p, i)))
        .collect();
    punkter.sort_by(|a, b| (a.0, &a.1.case.journal).cmp(&(b.0, &b.1.case.journal)));
    let main = html! {
        h1 { (da(&row.body)) " " span.nowrap { (row.date) } }
        p {
            @if let Some(org) = &row.organisation { (da(org)) " · " }
            @if let Some(time) = &row.time { "kl. " (one_line(time)) " · " }
            @if let Some(place) = m.document.as_ref().and_then(|d| d.meeting.place.as_deref()) {
                (da(place)) " · "
            }
            (row.items) " punkter, " (punkter.len()) " of them cases in the store"
        }
        p.muted {
            @if let Some(minutes) = minutes {
                a href=(href(minutes, true)) { "The minutes as stored" } " · "
            }
            "imported from " (one_line(&row.source_file))
        }
        @if let Some(document) = &m.document {
            (people(&document.meeting))
        }
        h2 { "Items" }
        table.rows {
            (head(&[num("punkt", 4), col("sag", 8), col("title", 0), col("outcome", 18)]))
            tbody {
                @match m.document.as_ref().map(|d| &d.items) {
                    // Every item of the minutes, the ones of a case linked
                    // to what changed for it.
                    Some(lines) if !lines.is_empty() => {
                        @for line in lines {
                            @let cases: Vec<usize> = punkter
                                .iter()
                                .enumerate()
                                .filter(|(_, (p, _))| **p == line.punkt)
                                .map(|(k, _)| k)
                                .collect();
                            @if cases.is_empty() {
                                tr {
                                    td.n data-label="punkt" { (line.punkt) }
                                    td.nowrap data-label="sag" { (opt_da(line.journal.as_deref())) }
                                    td data-label="title" {
                                        (opt_da(line.title.as_deref()))
                                        @if line.closed { " " span.muted { "(closed item)" } }
                                        (away(&line.absent))
                                    }
                                    td data-label="outcome" {
                                        (badge(line.outcome)) " " (reason(line.reason.as_deref()))
                                    }
                                }
                            }
                            @for k in cases {
                                @let (p, item) = punkter[k];
                                (item_row(k, p, item, &line.absent))
                            }
                        }
                    },
                    _ => {
                        @for (k, (p, item)) in punkter.iter().enumerate() {
                            (item_row(k, p, item, &[]))
                        }
                    },
                }
            }
        }
        h2 { "What changed since each case's previous treatment" }
        @if punkter.is_empty() {
            p.muted { "No items with a journal number." }
        }
        @for (k, (p, item)) in punkter.iter().enumerate() {
            section.treatment id={ "i" (k) } {
                h3 {
                    "punkt " (p) ": " (case_link(item, true)) " "
                    (opt_da(item.treatment().and_then(|t| t.title.as_deref()).or(item.case.title.as_deref())))
                }
                (item.fragment)
            }
        }
    };
    document(
        &format!("{} {}", row.body, row.date),
        Frame {
            nested: true,
            diffs: true,
            filter: false,
        },
        main,
    )
}

/// The row of an item that is a case's treatment, linked to what changed
/// for it below (`#i{k}`).
fn item_row(k: usize, p: &Punkt, item: &ItemOf, absent: &[String]) -> Markup {
    html! {
        @if let Some(t) = item.treatment() {
            tr {
                td.n data-label="punkt" { a href={ "#i" (k) } { (p) } }
                td.nowrap data-label="sag" { (case_link(item, false)) }
                td data-label="title" {
                    (opt_da(t.title.as_deref().or(item.case.title.as_deref())))
                    (away(absent))
                }
                td data-label="outcome" {
                    (badge(t.outcome)) " " (reason(t.reason.as_deref()))
                    @if let Some(s) = item.case.journey.steps.iter().find(|s| s.date == t.date && s.body == t.body && s.punkt == t.punkt) {
                        " " (votes(s.votes.as_ref(), s.dissent))
                    }
                }
            }
        }
    }
}

/// Who was away for an item only, where the minutes note it.
fn away(absent: &[String]) -> Markup {
    html! {
        @if !absent.is_empty() {
            " "
            span.muted {
                "(away for this item: "
                @for (k, name) in absent.iter().enumerate() {
                    @if k > 0 { ", " }
                    (da(name))
                }
                ")"
            }
        }
    }
}

/// The journal number linked to the case page; `to_treatment` links the
/// treatment's own place on it.
fn case_link(item: &ItemOf, to_treatment: bool) -> Markup {
    let path = case_path(item.case.organisation.as_deref(), &item.case.journal).map(|p| {
        if to_treatment {
            format!("{p}#{}", treatment_anchor(item.index))
        } else {
            p
        }
    });
    link(path.as_deref(), true, one_line(&item.case.journal))
}

/// Who took part and who was absent, each list collapsible.
fn people(meeting: &Meeting) -> Markup {
    html! {
        @if !meeting.participants.is_empty() {
            details {
                summary { "Participants (" (meeting.participants.len()) ")" }
                ul.people { @for p in &meeting.participants { li { (da(p)) } } }
            }
        }
        @if !meeting.absent.is_empty() {
            details open {
                summary { "Absent (" (meeting.absent.len()) ")" }
                ul.people { @for p in &meeting.absent { li { (da(p)) } } }
            }
        }
    }
}

/// The minutes as sagsspor read them (every item with every section, each
/// decision with its date and body), then the document as stored, verbatim
/// but for control characters made visible: what a reader checks the
/// reading against. A structured document (FirstAgenda JSON, XML) is not
/// for reading, so it comes collapsed.
fn document_page(m: &SiteMeeting, stored: &MeetingDocument) -> Markup {
    let row = &m.row;
    let meeting = &stored.meeting;
    let main = html! {
        h1 { "Minutes: " (da(&row.body)) " " span.nowrap { (row.date) } }
        p.muted {
            (link(meeting_path(row).as_deref(), true, "The meeting's page")) " · "
            "as sagsspor read them; the document as stored, imported from "
            (one_line(&row.source_file)) ", is at the end"
        }
        p {
            @if let Some(time) = &row.time { "kl. " (one_line(time)) " · " }
            @if let Some(place) = &meeting.place { (da(place)) }
        }
        (people(meeting))
        @for item in &meeting.items {
            section.treatment id=(item_anchor(item.punkt)) {
                h2 {
                    "punkt " (item.punkt) ": " (opt_da(item.title.as_deref()))
                }
                p {
                    @if let Some(journal) = &item.journal { "sag " (one_line(journal)) }
                    @if item.closed { " " span.muted { "(closed item)" } }
                }
                @if !item.absent.is_empty() {
                    p.muted {
                        "Absent for this item: "
                        @for (k, name) in item.absent.iter().enumerate() {
                            @if k > 0 { ", " }
                            (da(name))
                        }
                    }
                }
                @if let Some(indstilling) = &item.indstilling {
                    h3 lang="da" { "Indstilling" }
                    div.text lang="da" { (paragraphs(Some(indstilling))) }
                }
                @for d in &item.decisions {
                    h3 {
                        span lang="da" { "Beslutning" } " "
                        (opt_da(d.body.as_deref())) " " (d.date) " " (badge(Some(d.outcome)))
                    }
                    div.text lang="da" { (paragraphs(Some(&d.text))) }
                }
                @for s in &item.sections {
                    details {
                        summary lang="da" { (section_title(&s.name)) }
                        div.text lang="da" { (paragraphs(Some(&s.text))) }
                    }
                }
            }
        }
        details.stored open[!structured(&stored.text)] {
            summary { "The document as stored: " (one_line(&row.source_file)) }
            pre.minutes lang="da" {
                @for line in stored.text.lines() {
                    (for_terminal(line)) "\n"
                }
            }
        }
    };
    document(
        &format!("Minutes {} {}", row.body, row.date),
        Frame {
            nested: true,
            ..Frame::default()
        },
        main,
    )
}

/// Whether a stored document is a structured export (JSON, XML, HTML)
/// rather than text a person reads.
fn structured(text: &str) -> bool {
    text.trim_start().starts_with(['{', '[', '<'])
}
