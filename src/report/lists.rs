//! The list pages: the front page (what waits, the latest meetings, the
//! cases treated last), every waiting case, and a page per year. Each list
//! is a table whose rows carry the bodies and outcomes the filter form
//! matches; at any size of history the front page shows a fixed number of
//! rows and links to the rest.

use super::parts::{
    Frame, badge, col, da, document, filter_form, filter_values, head, num, opt_da, reason,
};
use super::paths::{INDEX, Links, WAITING, case_path, link, meeting_path, year_path};
use super::{Meetings, Page};
use crate::sanitize::one_line;
use crate::views::{CaseHistory, MeetingRow, PendingRow, Site};
use maud::{Markup, html};
use std::collections::BTreeMap;

/// How many rows of each list the front page shows; the rest are on the
/// waiting page and the year pages, so the front page stays small however
/// long the history.
const FRONT_ROWS: usize = 40;

/// The year pages, newest first, each with its meetings and the cases last
/// treated in it.
struct Years<'s> {
    years: BTreeMap<i16, (Vec<&'s MeetingRow>, Vec<&'s CaseHistory>)>,
}

impl<'s> Years<'s> {
    fn of(site: &'s Site) -> Years<'s> {
        let mut years: BTreeMap<i16, (Vec<&MeetingRow>, Vec<&CaseHistory>)> = BTreeMap::new();
        for m in &site.meetings {
            years.entry(m.row.date.year()).or_default().0.push(&m.row);
        }
        for c in &site.cases {
            if let Some(latest) = c.treatments.last() {
                years.entry(latest.date.year()).or_default().1.push(c);
            }
        }
        Years { years }
    }

    /// Links to every year page, newest first.
    fn links(&self, nested: bool) -> Markup {
        html! {
            @for (k, year) in self.years.keys().rev().enumerate() {
                @if k > 0 { " · " }
                (link(Some(&year_path(*year)), nested, year.to_string()))
            }
        }
    }
}

/// The front page, the waiting page and the year pages.
pub fn pages(site: &Site, links: &Links, meetings: &Meetings) -> Vec<Page> {
    let years = Years::of(site);
    let mut pages = vec![
        Page {
            path: INDEX.to_string(),
            html: front(site, links, meetings, &years).into_string(),
        },
        Page {
            path: WAITING.to_string(),
            html: waiting_page(site, links).into_string(),
        },
    ];
    for (year, (year_meetings, cases)) in &years.years {
        pages.push(Page {
            path: year_path(*year),
            html: year_page(*year, year_meetings, cases, meetings, &years).into_string(),
        });
    }
    pages
}

fn front(site: &Site, links: &Links, meetings: &Meetings, years: &Years) -> Markup {
    let latest: Vec<&MeetingRow> = site
        .meetings
        .iter()
        .rev()
        .take(FRONT_ROWS)
        .map(|m| &m.row)
        .collect();
    let mut recent: Vec<&CaseHistory> = site.cases.iter().collect();
    recent.sort_by_key(|c| std::cmp::Reverse(c.treatments.last().map(|t| t.date)));
    recent.truncate(FRONT_ROWS);
    let waiting = &site.pending[..site.pending.len().min(FRONT_ROWS)];
    let main = html! {
        h1 { "Sagsspor" }
        p {
            (site.meetings.len()) " meetings, " (site.cases.len()) " cases, "
            (site.pending.len()) " waiting (days counted to " (site.today) ")."
        }
        nav {
            a href="#waiting" { "Waiting" } " · "
            a href="#meetings" { "Latest meetings" } " · "
            a href="#cases" { "Cases treated last" } " · "
            a href="#years" { "Years" }
        }
        (filter_form(
            waiting.iter().flat_map(pending_bodies)
                .chain(latest.iter().map(|m| m.body.as_str()))
                .chain(recent.iter().flat_map(|c| case_bodies(c))),
            waiting.iter().map(|r| r.outcome)
                .chain(latest.iter().flat_map(|m| meetings.outcomes(m)))
                .chain(recent.iter().map(|c| latest_outcome(c))),
        ))
        section #waiting {
            h2 { "Waiting" }
            p.muted {
                "Deferred, or sent on (recommended, forwarded) to a body that has not treated it since; longest waiting first."
            }
            (pending_table(waiting, links, false))
            p.more {
                a href=(WAITING) { "All " (site.pending.len()) " waiting cases on one page →" }
            }
        }
        section #meetings {
            h2 { "Latest meetings" }
            (meetings_table(&latest, meetings, false))
            p.more { "All meetings by year: " (years.links(false)) }
        }
        section #cases {
            h2 { "Cases treated last" }
            (cases_table(&recent, false))
            p.more { "All cases by the year of their latest treatment: " (years.links(false)) }
        }
        section #years {
            h2 { "Years" }
            table.rows {
                (head(&[col("year", 6), num("meetings", 8), num("cases last treated", 0)]))
                tbody {
                    @for (year, (m, c)) in years.years.iter().rev() {
                        tr {
                            td data-label="year" { (link(Some(&year_path(*year)), false, year.to_string())) }
                            td.n data-label="meetings" { (m.len()) }
                            td.n data-label="cases last treated" { (c.len()) }
                        }
                    }
                }
            }
        }
    };
    document(
        "History",
        Frame {
            filter: true,
            ..Frame::default()
        },
        main,
    )
}

fn waiting_page(site: &Site, links: &Links) -> Markup {
    let main = html! {
        h1 { "Waiting cases" }
        p {
            (site.pending.len()) " cases wait: deferred, or sent on to a body that has not treated them since. Days counted to " (site.today) "."
        }
        (filter_form(
            site.pending.iter().flat_map(pending_bodies),
            site.pending.iter().map(|r| r.outcome),
        ))
        (pending_table(&site.pending, links, false))
    };
    document(
        "Waiting cases",
        Frame {
            filter: true,
            ..Frame::default()
        },
        main,
    )
}

fn year_page(
    year: i16,
    year_meetings: &[&MeetingRow],
    cases: &[&CaseHistory],
    meetings: &Meetings,
    years: &Years,
) -> Markup {
    let newest_first: Vec<&MeetingRow> = year_meetings.iter().rev().copied().collect();
    let main = html! {
        h1 { (year) }
        p { "Years: " (years.links(true)) }
        (filter_form(
            newest_first.iter().map(|m| m.body.as_str())
                .chain(cases.iter().flat_map(|c| case_bodies(c))),
            newest_first.iter().flat_map(|m| meetings.outcomes(m))
                .chain(cases.iter().map(|c| latest_outcome(c))),
        ))
        section #meetings {
            h2 { "Meetings " (year) }
            (meetings_table(&newest_first, meetings, true))
        }
        section #cases {
            h2 { "Cases last treated in " (year) }
            (cases_table(cases, true))
        }
    };
    document(
        &year.to_string(),
        Frame {
            nested: true,
            filter: true,
            ..Frame::default()
        },
        main,
    )
}

/// The bodies a waiting case is filtered by: the one that deferred or sent
/// it, and those it waits for.
fn pending_bodies(r: &PendingRow) -> impl Iterator<Item = &str> {
    std::iter::once(r.body.as_str()).chain(r.waiting_for.iter().map(String::as_str))
}

/// Every body that treated a case.
fn case_bodies(c: &CaseHistory) -> impl Iterator<Item = &str> {
    c.treatments.iter().map(|t| t.body.as_str())
}

fn latest_outcome(c: &CaseHistory) -> Option<crate::model::Outcome> {
    c.treatments.last().and_then(|t| t.outcome)
}

fn pending_table(rows: &[PendingRow], links: &Links, nested: bool) -> Markup {
    html! {
        @if rows.is_empty() {
            p { "No case waits." }
        } @else {
            table.rows {
                (head(&[num("waiting", 5), col("since", 7), col("sag", 8), col("title", 0), col("status", 15), col("waits for", 10)]))
                tbody {
                    @for row in rows {
                        @let (bodies, outcomes) = filter_values(pending_bodies(row), [row.outcome]);
                        tr data-body=(bodies) data-outcome=(outcomes) {
                            td.n data-label="waiting" { (row.waiting_days) " d" }
                            td.nowrap data-label="since" { (row.date) }
                            td.nowrap data-label="sag" {
                                (link(case_path(row.organisation.as_deref(), &row.journal).as_deref(), nested, one_line(&row.journal)))
                            }
                            td data-label="title" { (opt_da(row.title.as_deref())) }
                            td data-label="status" {
                                (badge(row.outcome)) " by "
                                (link(links.meeting_on(row).and_then(meeting_path).as_deref(), nested, da(&row.body)))
                                " " (reason(row.reason.as_deref()))
                            }
                            td data-label="waits for" {
                                @for (k, b) in row.waiting_for.iter().enumerate() {
                                    @if k > 0 { ", " }
                                    (da(b))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn meetings_table(rows: &[&MeetingRow], meetings: &Meetings, nested: bool) -> Markup {
    html! {
        table.rows {
            @if meetings.several_organisations {
                (head(&[col("date", 9), col("body", 13), col("organisation", 10), num("punkter", 6), col("outcomes", 0)]))
            } @else {
                (head(&[col("date", 9), col("body", 13), num("punkter", 6), col("outcomes", 0)]))
            }
            tbody {
                @for m in rows {
                    @let path = meeting_path(m);
                    @let outcomes = meetings.outcomes(m);
                    @let (bodies, outcome_values) = filter_values([m.body.as_str()], outcomes.iter().copied());
                    tr data-body=(bodies) data-outcome=(outcome_values) {
                        td.nowrap data-label="date" {
                            (link(path.as_deref(), nested, m.date.to_string()))
                            @if let Some(time) = &m.time { " " span.muted { (one_line(time)) } }
                        }
                        td data-label="body" {
                            (link(path.as_deref(), nested, da(&m.body)))
                            @if m.kind == crate::model::DocumentKind::Dagsorden {
                                " " span.muted { "(agenda only)" }
                            }
                        }
                        @if meetings.several_organisations {
                            td data-label="organisation" { (opt_da(m.organisation.as_deref())) }
                        }
                        td.n data-label="punkter" { (m.items) }
                        td data-label="outcomes" {
                            @for (k, o) in outcomes.iter().enumerate() {
                                @if k > 0 { " " }
                                (badge(*o))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn cases_table(rows: &[&CaseHistory], nested: bool) -> Markup {
    html! {
        table.rows {
            (head(&[col("sag", 8), col("title", 0), num("treatments", 7), col("latest", 13), col("outcome", 9)]))
            tbody {
                @for c in rows {
                    @let latest = c.treatments.last();
                    @let (bodies, outcomes) = filter_values(case_bodies(c), [latest_outcome(c)]);
                    tr data-body=(bodies) data-outcome=(outcomes) {
                        td.nowrap data-label="sag" {
                            (link(case_path(c.organisation.as_deref(), &c.journal).as_deref(), nested, one_line(&c.journal)))
                        }
                        td data-label="title" { (opt_da(c.title.as_deref())) }
                        td.n data-label="treatments" { (c.treatments.len()) }
                        td data-label="latest" {
                            @if let Some(t) = latest { span.nowrap { (t.date) } " " (da(&t.body)) }
                        }
                        td data-label="outcome" { (badge(latest_outcome(c))) }
                    }
                }
            }
        }
    }
}
