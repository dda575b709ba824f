//! A case's page: where it stands, its journey as a timeline, and each
//! treatment with what changed since the one before and every section in
//! full, collapsible.

use super::Page;
use super::parts::{
    Frame, badge, da, document, opt_da, outcome_class, paragraphs, reason, section_diffs,
    section_title, votes,
};
use super::paths::{
    Links, case_path, item_anchor, link, meeting_path, minutes_path, treatment_anchor,
};
use crate::sanitize::one_line;
use crate::views::{CaseHistory, StepView, TreatmentView};
use maud::{Markup, html};

/// The case page, and the fragment of each treatment (what it brought) for
/// the meeting pages, in the order of `case.treatments`.
pub fn page(case: &CaseHistory, links: &Links) -> Option<(Page, Vec<Markup>)> {
    let path = case_path(case.organisation.as_deref(), &case.journal)?;
    let fragments: Vec<Markup> = (0..case.treatments.len())
        .map(|i| changes(case, i, links))
        .collect();
    let html = case_page(case, &fragments, links).into_string();
    Some((Page { path, html }, fragments))
}

/// "2024-03-05 Direktionen punkt 9"; the meeting linked when it has a page.
fn treatment_label(t: &TreatmentView, links: &Links) -> Markup {
    html! {
        (link(links.taken_at(t).and_then(meeting_path).as_deref(), true, html! { (t.date) " " (da(&t.body)) }))
        @if let Some(n) = t.punkt {
            " punkt " (n)
        }
    }
}

/// The step of the journey that is this treatment.
fn step_of<'c>(case: &'c CaseHistory, t: &TreatmentView) -> Option<&'c StepView> {
    case.journey.steps.iter().find(|s| {
        s.date == t.date && s.body == t.body && s.punkt == t.punkt && s.quoted == t.quoted
    })
}

/// What treatment `i` brought: for the first, nothing to compare; for a
/// later one, the word-level changes since the one before.
fn changes(case: &CaseHistory, i: usize, links: &Links) -> Markup {
    let treatments = &case.treatments;
    let Some(to) = treatments.get(i) else {
        return Markup::default();
    };
    let previous = i
        .checked_sub(1)
        .and_then(|j| Some((treatments.get(j)?, case.changes.get(j)?)));
    let Some((from, diffs)) = previous else {
        return html! { p.muted { "first treatment in the store" } };
    };
    html! {
        p.muted {
            "since " (treatment_label(from, links)) ": "
            (badge(from.outcome)) " " (reason(from.reason.as_deref()))
        }
        (section_diffs(diffs, from.date, to))
    }
}

/// The timeline: one mark per step, coloured and signed by its outcome,
/// then where the case goes next.
fn timeline(case: &CaseHistory) -> Markup {
    let index_of = |s: &StepView| {
        case.treatments.iter().position(|t| {
            s.date == t.date && s.body == t.body && s.punkt == t.punkt && s.quoted == t.quoted
        })
    };
    html! {
        ol.timeline aria-label="Journey" {
            @for s in &case.journey.steps {
                li class={ (outcome_class(s.outcome)) @if s.quoted { " quoted" } } {
                    a href={ "#" (treatment_anchor(index_of(s).unwrap_or_default())) } {
                        span.date { (s.date) } " "
                        span.body { (da(&s.body)) } " "
                        span.o { (badge(s.outcome)) }
                        @if !s.to.is_empty() {
                            span.to {
                                "→ "
                                @for (k, b) in s.to.iter().enumerate() {
                                    @if k > 0 { ", " }
                                    (da(b))
                                }
                            }
                        }
                        (votes(s.votes.as_ref(), s.dissent))
                        @if s.quoted { span.muted { " (quoted)" } }
                    }
                }
            }
            @for b in &case.journey.next {
                li.next.o-none {
                    span.date { "next" } " "
                    span.body { (da(b)) }
                }
            }
        }
    }
}

fn case_page(case: &CaseHistory, fragments: &[Markup], links: &Links) -> Markup {
    let treatments = &case.treatments;
    let main = html! {
        h1 { (one_line(&case.journal)) " " (opt_da(case.title.as_deref())) }
        p {
            @if let Some(org) = &case.organisation { (da(org)) " · " }
            (treatments.len()) " treatments"
        }
        @for (word, line) in crate::render::standing(&case.journey) {
            p.status { strong { (word) } " " (one_line(&line)) }
        }
        h2 { "Journey" }
        (timeline(case))
        h2 { "Treatments" }
        @if treatments.is_empty() {
            p.muted { "No treatments stored." }
        }
        @for (i, (t, fragment)) in treatments.iter().zip(fragments).enumerate() {
            @let step = step_of(case, t);
            section.treatment id=(treatment_anchor(i)) {
                h3 { (treatment_label(t, links)) " " (badge(t.outcome)) }
                p {
                    (reason(t.reason.as_deref()))
                    @if let Some(s) = step {
                        @if !s.to.is_empty() {
                            " → "
                            @for (k, b) in s.to.iter().enumerate() {
                                @if k > 0 { ", " }
                                (da(b))
                            }
                        }
                        " " (votes(s.votes.as_ref(), s.dissent))
                    }
                }
                p.muted {
                    @if t.quoted {
                        "Known only as quoted in the minutes of "
                        (t.source.date) " " (da(&t.source.body)) ". "
                    }
                    @if let Some(minutes) = links.read_from(t).and_then(minutes_path) {
                        a href={ (super::paths::href(&minutes, true)) "#" (item_anchor(t.source.punkt)) } {
                            "The minutes it was read from (punkt " (t.source.punkt) ")"
                        }
                    }
                }
                @if i > 0 {
                    details open {
                        summary { "What changed" }
                        (fragment)
                    }
                }
                (sections(t))
            }
        }
    };
    let title = format!(
        "{} {}",
        case.journal,
        case.title.as_deref().unwrap_or_default()
    );
    document(
        &title,
        Frame {
            nested: true,
            diffs: treatments.len() > 1,
            filter: false,
        },
        main,
    )
}

/// Every section of a treatment, each collapsible: Indstilling and
/// Beslutning open, the others (Baggrund, Sagsfremstilling, Økonomi …)
/// closed.
fn sections(t: &TreatmentView) -> Markup {
    html! {
        details open {
            summary lang="da" { "Indstilling" }
            div.text lang="da" {
                @if t.quoted {
                    p.muted { "not known (only quoted in later minutes)" }
                } @else {
                    (paragraphs(t.indstilling.as_deref()))
                }
            }
        }
        details open {
            summary lang="da" { "Beslutning" }
            div.text lang="da" { (paragraphs(t.beslutning.as_deref())) }
        }
        @for s in &t.sections {
            details {
                summary lang="da" { (section_title(&s.name)) }
                div.text lang="da" { (paragraphs(Some(&s.text))) }
            }
        }
    }
}
