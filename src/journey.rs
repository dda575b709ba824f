//! A case's journey: where it is now and what comes next, from its
//! treatments alone. Pure: no store, no clock (today is a parameter).
//!
//! A Danish case travels from body to body (a committee, Økonomiudvalget,
//! Byrådet) and back when it is put off. Its treatments, oldest first, say
//! where it stands:
//!
//! - **deferred**: its latest treatment put it off (exactly the cases
//!   `deferred` lists); it comes back to the body that deferred it.
//! - **waiting**: a body sent it on (`recommended` or `forwarded`) to a body
//!   that has not treated it since, and no body has decided it (approved,
//!   rejected, partly approved) on a later day. A decision sent to nobody by
//!   name goes to the next body of the item's planned route.
//! - **decided**: its latest decision approved, rejected, partly approved or
//!   took note of it.
//! - **open**: anything else: discussed, put back on an agenda, withdrawn,
//!   work ordered, recommended to no known body, or not treated yet.
//!
//! A decision quoted in a later body's minutes is a treatment of the body
//! that took it, like any other: [`crate::treatment::timeline`] has already
//! placed it on its own date. Within a day, treatments go by the meetings'
//! times ([`ordered`]): Greve's committee at 14:00, Økonomiudvalget at 14:30
//! and Byrådet at 17:00 can treat one case on one day.

use crate::model::Outcome;
use crate::treatment::Treatment;
use jiff::civil::Date;
use serde::Serialize;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Its latest decision settled it.
    Decided,
    /// Its latest treatment put it off.
    Deferred,
    /// Sent on to a body that has not treated it since.
    Waiting,
    /// None of the above.
    Open,
}

impl Status {
    /// The lower-case name used in JSON and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Decided => "decided",
            Status::Deferred => "deferred",
            Status::Waiting => "waiting",
            Status::Open => "open",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a case stands, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The status.
    pub status: Status,
    /// The treatment the status rests on (the deferral, the latest send
    /// still waited for, the deciding treatment, the latest treatment);
    /// `None` for a case with no treatment.
    pub at: Option<usize>,
    /// The bodies the case goes to next: the body that deferred it, the
    /// bodies it waits for, the body whose agenda it is on, or the next body
    /// of its planned route; empty for a decided case.
    pub next: Vec<String>,
}

/// Outcomes that settle a case for the status `decided`.
const DECIDING: [Outcome; 4] = [
    Outcome::Approved,
    Outcome::Partial,
    Outcome::Rejected,
    Outcome::Noted,
];

/// Outcomes after which no earlier send is waited for any longer: some body
/// took the decision the case was sent on for.
const SETTLING: [Outcome; 3] = [Outcome::Approved, Outcome::Partial, Outcome::Rejected];

/// Whether an outcome sends the case on.
pub fn sends_on(outcome: Option<Outcome>) -> bool {
    matches!(outcome, Some(Outcome::Recommended | Outcome::Forwarded))
}

/// The case's planned route: the latest one its items state.
pub fn route(treatments: &[Treatment]) -> Option<Vec<String>> {
    treatments.iter().rev().find_map(|t| t.route.clone())
}

/// The bodies a treatment sends the case on to: the ones its decision
/// names, else, for a recommendation or forward, the body after its own in
/// the item's planned route. Empty where it sends the case nowhere.
pub fn sent_to(t: &Treatment) -> Vec<String> {
    if !sends_on(t.outcome) {
        return Vec::new();
    }
    if !t.to.is_empty() {
        return t.to.clone();
    }
    t.route
        .as_deref()
        .and_then(|route| after(route, &t.body))
        .map(|next| vec![next.to_string()])
        .unwrap_or_default()
}

/// The body after `body` in `route`, where `body` is on it.
fn after<'a>(route: &'a [String], body: &str) -> Option<&'a str> {
    let at = route.iter().position(|b| b == body)?;
    route.get(at + 1).map(String::as_str)
}

/// A case's timeline in the order its steps were taken: by date, and within
/// a day by the meeting's time where the minutes give it (a quoted decision,
/// whose time is not known, first), else as the timeline has them.
pub fn ordered(mut treatments: Vec<Treatment>) -> Vec<Treatment> {
    treatments.sort_by_key(|t| (t.date, minutes_of_day(t)));
    treatments
}

/// The meeting's start as minutes after midnight (`14:30`, `8.00`).
fn minutes_of_day(t: &Treatment) -> Option<u32> {
    if t.quoted {
        return None;
    }
    let time = t.source.time.as_deref()?.trim();
    let (h, m) = time.split_once([':', '.'])?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Where a case stands, from its treatments in the order they were taken
/// ([`ordered`]).
pub fn standing(treatments: &[Treatment]) -> Standing {
    let Some(last) = treatments.last() else {
        return Standing {
            status: Status::Open,
            at: None,
            next: Vec::new(),
        };
    };
    let last_index = treatments.len() - 1;
    if last.outcome == Some(Outcome::Deferred) {
        return Standing {
            status: Status::Deferred,
            at: Some(last_index),
            next: vec![last.body.clone()],
        };
    }
    let awaited = awaited(treatments);
    if let Some((at, _)) = awaited.last() {
        let mut next: Vec<String> = Vec::new();
        for body in awaited.iter().flat_map(|(_, bodies)| bodies) {
            if !next.contains(body) {
                next.push(body.clone());
            }
        }
        return Standing {
            status: Status::Waiting,
            at: Some(*at),
            next,
        };
    }
    if last.outcome.is_none() {
        // On an agenda, not decided yet.
        return Standing {
            status: Status::Open,
            at: Some(last_index),
            next: vec![last.body.clone()],
        };
    }
    let Some(decided) = treatments.iter().rposition(|t| t.outcome.is_some()) else {
        unreachable!("the last treatment has a decision");
    };
    let t = &treatments[decided];
    if t.outcome.is_some_and(|o| DECIDING.contains(&o)) {
        return Standing {
            status: Status::Decided,
            at: Some(decided),
            next: Vec::new(),
        };
    }
    let next = match t.outcome {
        Some(Outcome::Withdrawn) => Vec::new(),
        _ => route(treatments)
            .as_deref()
            .and_then(|r| after(r, &t.body))
            .map(|b| vec![b.to_string()])
            .unwrap_or_default(),
    };
    Standing {
        status: Status::Open,
        at: Some(decided),
        next,
    }
}

/// Every send still waited for, oldest first: the treatment's index and the
/// bodies that have not treated the case since. A body treats the case
/// since a send when it decides anything on it on a later day, or on the
/// same day when it is not the sender (Økonomiudvalget in the morning,
/// Byrådet in the evening). A send is waited for no longer once any body
/// approves, rejects or partly approves the case on a later day, or once
/// the sender itself decides on it again on a later day (its newer decision
/// is its position now).
fn awaited(treatments: &[Treatment]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (i, sender) in treatments.iter().enumerate() {
        let targets = sent_to(sender);
        if targets.is_empty() {
            continue;
        }
        let settled = treatments.iter().any(|t| {
            t.date > sender.date
                && t.outcome
                    .is_some_and(|o| SETTLING.contains(&o) || t.body == sender.body)
        });
        if settled {
            continue;
        }
        let left: Vec<String> = targets
            .into_iter()
            .filter(|body| {
                !treatments.iter().enumerate().any(|(j, t)| {
                    j != i
                        && &t.body == body
                        && t.outcome.is_some()
                        && (t.date > sender.date
                            || (t.date == sender.date && t.body != sender.body))
                })
            })
            .collect();
        if !left.is_empty() {
            out.push((i, left));
        }
    }
    out
}

/// Whether a case with these treatments (date, body, outcome; oldest
/// first) can be waiting at all: some send is not followed by a settling
/// decision on a later day. A quick test on the summary before a case's
/// treatments are read in full; it never says no to a waiting case.
pub fn may_be_waiting<'a>(
    treatments: impl IntoIterator<Item = (Date, &'a str, Option<Outcome>)>,
) -> bool {
    let treatments: Vec<(Date, &str, Option<Outcome>)> = treatments.into_iter().collect();
    treatments.iter().any(|&(date, _, outcome)| {
        sends_on(outcome)
            && !treatments
                .iter()
                .any(|&(d, _, o)| d > date && o.is_some_and(|o| SETTLING.contains(&o)))
    })
}

/// A case that waits, as `pending` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    /// The treatment it waits since: the deferral or the latest send still
    /// waited for.
    pub at: usize,
    /// Deferred or waiting.
    pub status: Status,
    /// The bodies it waits for.
    pub waiting_for: Vec<String>,
    /// Days from that treatment to today.
    pub days: i64,
}

/// Whether a case waits (deferred, or sent on to a body that has not
/// treated it since), and since when, counting to `today`.
pub fn wait(treatments: &[Treatment], today: Date) -> Option<Wait> {
    let standing = standing(treatments);
    if !matches!(standing.status, Status::Deferred | Status::Waiting) {
        return None;
    }
    let at = standing.at?;
    Some(Wait {
        at,
        status: standing.status,
        waiting_for: standing.next,
        days: days_between(treatments[at].date, today),
    })
}

/// Days from `since` to `today` (negative if `since` is later).
pub fn days_between(since: Date, today: Date) -> i64 {
    since
        .until(today)
        .map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Votes;
    use crate::treatment::SourceRef;
    use jiff::civil::date;

    const OU: &str = "Økonomiudvalget";
    const BR: &str = "Byrådet";
    const KTM: &str = "Klima-, Teknik- og Miljøudvalget";

    fn t(day: Date, body: &str, outcome: Option<Outcome>, to: &[&str]) -> Treatment {
        Treatment {
            organisation: Some("Greve Kommune".to_string()),
            journal: "22-009229".to_string(),
            date: day,
            body: body.to_string(),
            punkt: Some(1.into()),
            title: Some("Forretningsorden".to_string()),
            closed: false,
            indstilling: None,
            beslutning: None,
            outcome,
            reason: None,
            to: to.iter().map(|s| s.to_string()).collect(),
            votes: None,
            dissent: false,
            route: None,
            sections: Vec::new(),
            quoted: false,
            source: SourceRef {
                date: day,
                time: None,
                body: body.to_string(),
                punkt: 1.into(),
            },
        }
    }

    fn routed(mut t: Treatment, route: &[&str]) -> Treatment {
        t.route = Some(route.iter().map(|s| s.to_string()).collect());
        t
    }

    fn quoted(mut t: Treatment) -> Treatment {
        t.quoted = true;
        t.punkt = None;
        t
    }

    use Outcome::{
        Approved, Deferred, Discussed, Forwarded, Noted, Other, Partial, Recommended, Rejected,
        Withdrawn,
    };

    /// Greve's 22-009229: deferred, recommended to Byrådet, approved.
    fn greve() -> Vec<Treatment> {
        let mut approved = t(date(2022, 10, 3), BR, Some(Approved), &[]);
        approved.votes = Some(Votes {
            in_favour: Some(19),
            against: Some(2),
            abstain: None,
        });
        approved.dissent = true;
        vec![
            t(date(2022, 8, 29), OU, Some(Deferred), &[]),
            t(date(2022, 9, 26), OU, Some(Recommended), &[BR]),
            approved,
        ]
    }

    #[test]
    fn deferred_then_recommended_then_approved_is_decided() {
        let steps = greve();
        let s = standing(&steps);
        assert_eq!(s.status, Status::Decided);
        assert_eq!(s.at, Some(2));
        assert!(s.next.is_empty());
        assert_eq!(wait(&steps, date(2023, 1, 1)), None);
    }

    #[test]
    fn each_stage_of_the_journey() {
        let steps = greve();
        let first = standing(&steps[..1]);
        assert_eq!(
            (first.status, first.next.clone()),
            (Status::Deferred, vec![OU.to_string()])
        );
        let second = standing(&steps[..2]);
        assert_eq!(
            (second.status, second.at, second.next.clone()),
            (Status::Waiting, Some(1), vec![BR.to_string()])
        );
        let w = wait(&steps[..2], date(2022, 10, 1)).unwrap();
        assert_eq!((w.at, w.days, w.waiting_for), (1, 5, vec![BR.to_string()]));
        let d = wait(&steps[..1], date(2022, 9, 1)).unwrap();
        assert_eq!((d.status, d.days), (Status::Deferred, 3));
    }

    #[test]
    fn a_later_deferral_by_the_body_waited_for_is_deferred() {
        let steps = vec![
            t(date(2022, 9, 26), OU, Some(Recommended), &[BR]),
            t(date(2022, 10, 3), BR, Some(Deferred), &[]),
        ];
        assert_eq!(standing(&steps).status, Status::Deferred);
    }

    fn at(mut t: Treatment, time: &str) -> Treatment {
        t.source.time = Some(time.to_string());
        t
    }

    #[test]
    fn one_day_goes_by_the_meetings_times() {
        // Greve, 19 June 2023: the committee at 14:00, Økonomiudvalget at
        // 14:30, Byrådet at 17:00; the timeline sorts them by body name.
        let day = date(2023, 6, 19);
        let timeline = vec![
            at(t(day, BR, Some(Approved), &[]), "17:00"),
            at(t(day, KTM, Some(Recommended), &[OU, BR]), "14:00"),
            at(t(day, OU, Some(Recommended), &[BR]), "14:30"),
        ];
        let steps = ordered(timeline);
        let bodies: Vec<&str> = steps.iter().map(|s| s.body.as_str()).collect();
        assert_eq!(bodies, [KTM, OU, BR]);
        assert_eq!(standing(&steps).status, Status::Decided);
        // A quote has no time and goes first on its day.
        let quote = quoted(t(day, OU, Some(Recommended), &[BR]));
        let steps = ordered(vec![at(t(day, BR, Some(Approved), &[]), "8.00"), quote]);
        assert!(steps[0].quoted);
    }

    #[test]
    fn a_body_not_waited_for_does_not_end_the_wait() {
        let steps = vec![
            routed(
                t(date(2022, 9, 19), KTM, Some(Recommended), &[OU, BR]),
                &[KTM, OU, BR],
            ),
            t(date(2022, 9, 26), OU, Some(Recommended), &[BR]),
            t(
                date(2022, 9, 28),
                "Kultur- og Fritidsudvalget",
                Some(Noted),
                &[],
            ),
        ];
        let s = standing(&steps);
        assert_eq!(s.status, Status::Waiting);
        assert_eq!(s.at, Some(1), "the latest send still waited for");
        assert_eq!(s.next, [BR]);
    }

    #[test]
    fn the_senders_own_later_decision_replaces_its_send() {
        // A standing item (a committee's "Huskeliste") recommends once and
        // is taken note of at every later meeting.
        let steps = vec![
            t(date(2022, 6, 2), KTM, Some(Recommended), &[OU, BR]),
            t(date(2022, 8, 18), KTM, Some(Noted), &[]),
        ];
        assert_eq!(standing(&steps).status, Status::Decided);
        // Another body's note is no answer to the send.
        let steps = vec![
            t(date(2022, 6, 2), KTM, Some(Recommended), &[OU, BR]),
            t(
                date(2022, 8, 18),
                "Kultur- og Fritidsudvalget",
                Some(Noted),
                &[],
            ),
        ];
        assert_eq!(standing(&steps).status, Status::Waiting);
    }

    #[test]
    fn a_later_approval_by_any_body_ends_the_wait() {
        let steps = vec![
            t(
                date(2022, 9, 12),
                KTM,
                Some(Forwarded),
                &["Magistratsafdelingen"],
            ),
            t(date(2022, 10, 13), KTM, Some(Approved), &[]),
        ];
        assert_eq!(standing(&steps).status, Status::Decided);
        assert!(!may_be_waiting(steps.iter().map(|t| (
            t.date,
            t.body.as_str(),
            t.outcome
        ))));
    }

    #[test]
    fn the_body_waited_for_may_treat_it_the_same_day() {
        // Sorted by body name, Byrådet's evening meeting comes first.
        let steps = vec![
            t(date(2022, 10, 3), BR, Some(Noted), &[]),
            t(date(2022, 10, 3), OU, Some(Recommended), &[BR]),
        ];
        assert_eq!(standing(&steps).status, Status::Open);
    }

    #[test]
    fn a_recommendation_to_no_one_goes_to_the_next_body_of_the_route() {
        let steps = vec![routed(
            t(date(2022, 9, 19), KTM, Some(Forwarded), &[]),
            &[KTM, OU, BR],
        )];
        let s = standing(&steps);
        assert_eq!(
            (s.status, s.next.clone()),
            (Status::Waiting, vec![OU.to_string()])
        );
        let nowhere = vec![t(date(2022, 9, 19), KTM, Some(Recommended), &[])];
        let s = standing(&nowhere);
        assert_eq!((s.status, s.next.len()), (Status::Open, 0));
    }

    #[test]
    fn a_quoted_decision_is_a_treatment_of_its_body() {
        // Byrådet's minutes quote Økonomiudvalget's recommendation; the
        // quote is a step of Økonomiudvalget on its own date.
        let steps = vec![
            quoted(t(date(2022, 9, 26), OU, Some(Recommended), &[BR])),
            t(date(2022, 10, 3), BR, Some(Approved), &[]),
        ];
        assert_eq!(standing(&steps).status, Status::Decided);
        let only_quote = &steps[..1];
        assert_eq!(standing(only_quote).status, Status::Waiting);
    }

    #[test]
    fn on_an_agenda_is_open_with_that_body_next() {
        let steps = vec![
            t(date(2022, 8, 29), OU, Some(Deferred), &[]),
            t(date(2022, 9, 26), OU, None, &[]),
        ];
        let s = standing(&steps);
        assert_eq!(
            (s.status, s.next.clone()),
            (Status::Open, vec![OU.to_string()])
        );
        assert_eq!(wait(&steps, date(2023, 1, 1)), None);
    }

    #[test]
    fn discussed_is_open_with_the_next_body_of_the_route() {
        let steps = vec![routed(
            t(date(2022, 9, 19), KTM, Some(Discussed), &[]),
            &[KTM, OU, BR],
        )];
        let s = standing(&steps);
        assert_eq!(
            (s.status, s.next.clone()),
            (Status::Open, vec![OU.to_string()])
        );
        let withdrawn = vec![t(date(2022, 9, 19), KTM, Some(Withdrawn), &[])];
        assert_eq!(standing(&withdrawn).next.len(), 0);
        assert_eq!(standing(&[]).status, Status::Open);
    }

    #[test]
    fn noted_and_rejected_are_decided() {
        for outcome in [Noted, Rejected, Partial, Approved] {
            let steps = vec![t(date(2022, 9, 19), BR, Some(outcome), &[])];
            assert_eq!(standing(&steps).status, Status::Decided, "{outcome}");
        }
        for outcome in [Discussed, Other, Outcome::None, Withdrawn] {
            let steps = vec![t(date(2022, 9, 19), BR, Some(outcome), &[])];
            assert_eq!(standing(&steps).status, Status::Open, "{outcome}");
        }
    }

    #[test]
    fn may_be_waiting_never_misses_a_waiting_case() {
        let cases = [
            greve(),
            greve()[..2].to_vec(),
            vec![
                t(date(2022, 9, 26), OU, Some(Recommended), &[BR]),
                t(date(2022, 9, 28), KTM, Some(Noted), &[]),
            ],
        ];
        for steps in cases {
            if standing(&steps).status == Status::Waiting {
                assert!(may_be_waiting(steps.iter().map(|t| (
                    t.date,
                    t.body.as_str(),
                    t.outcome
                ))));
            }
        }
    }

    #[test]
    fn days_between_counts_calendar_days() {
        assert_eq!(days_between(date(2024, 2, 28), date(2024, 3, 1)), 2);
        assert_eq!(days_between(date(2024, 3, 1), date(2024, 2, 28)), -2);
    }
}
