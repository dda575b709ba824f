//! A meeting's page (when, where, who, every item with its outcome and what
//! changed since each case's previous treatment) and the page of its
//! minutes as stored.

use super::Page;
use super::case::anchor;
use super::parts::{Frame, badge, da, document, opt_da, reason, votes};
use super::paths::{case_path, href, link, meeting_path, minutes_path};
use crate::model::Punkt;
use crate::sanitize::{for_terminal, one_line};
use crate::views::{CaseHistory, SiteMeeting, TreatmentView};
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
        let html = document_page(m, &document.text).into_string();
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
            @if let Some(place) = m.document.as_ref().and_then(|d| d.place.as_deref()) {
                (da(place)) " · "
            }
            (row.items) " punkter, " (punkter.len()) " with a journal number"
        }
        p.muted {
            @if let Some(minutes) = minutes {
                a href=(href(minutes, true)) { "The minutes as stored" } " · "
            }
            "imported from " (one_line(&row.source_file))
        }
        @if let Some(document) = &m.document {
            @if !document.participants.is_empty() {
                details {
                    summary { "Participants (" (document.participants.len()) ")" }
                    ul.people { @for p in &document.participants { li { (da(p)) } } }
                }
            }
            @if !document.absent.is_empty() {
                details open {
                    summary { "Absent (" (document.absent.len()) ")" }
                    ul.people { @for p in &document.absent { li { (da(p)) } } }
                }
            }
        }
        h2 { "Items" }
        table.rows {
            thead { tr {
                th.n scope="col" { "punkt" }
                th scope="col" { "sag" }
                th scope="col" { "title" }
                th scope="col" { "outcome" }
            } }
            tbody {
                @for (k, (p, item)) in punkter.iter().enumerate() {
                    @if let Some(t) = item.treatment() {
                        tr {
                            td.n data-label="punkt" { a href={ "#i" (k) } { (p) } }
                            td.nowrap data-label="sag" { (case_link(item, false)) }
                            td data-label="title" { (opt_da(t.title.as_deref().or(item.case.title.as_deref()))) }
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

/// The journal number linked to the case page; `to_treatment` links the
/// treatment's own place on it.
fn case_link(item: &ItemOf, to_treatment: bool) -> Markup {
    let path = case_path(item.case.organisation.as_deref(), &item.case.journal).map(|p| {
        if to_treatment {
            format!("{p}#{}", anchor(item.index))
        } else {
            p
        }
    });
    link(path.as_deref(), true, one_line(&item.case.journal))
}

/// The stored minutes, verbatim but for control characters made visible.
fn document_page(m: &SiteMeeting, text: &str) -> Markup {
    let row = &m.row;
    let main = html! {
        h1 { "Minutes: " (da(&row.body)) " " span.nowrap { (row.date) } }
        p.muted {
            (link(meeting_path(row).as_deref(), true, "The meeting's page")) " · "
            "the text as the store keeps it, imported from " (one_line(&row.source_file))
        }
        pre.minutes lang="da" {
            @for line in text.lines() {
                (for_terminal(line)) "\n"
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
