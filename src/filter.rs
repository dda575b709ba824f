//! What `log`, `deferred`, `pending`, `cases` and `meetings` narrow their
//! answer to: `--organisation`, `--body`, `--since`, `--until`,
//! `--outcome`. Pure: each command's rows are matched in [`crate::query`].

use crate::bodies::{self, Aliases};
use crate::model::Outcome;
use jiff::civil::Date;

/// Every outcome, in the order help lists them.
pub const OUTCOMES: [Outcome; 11] = [
    Outcome::Approved,
    Outcome::Recommended,
    Outcome::Forwarded,
    Outcome::Noted,
    Outcome::Discussed,
    Outcome::Deferred,
    Outcome::Partial,
    Outcome::Rejected,
    Outcome::Withdrawn,
    Outcome::Other,
    Outcome::None,
];

/// The outcome with this name (`approved`, …; any case).
pub fn outcome(name: &str) -> Option<Outcome> {
    let name = name.trim().to_lowercase();
    OUTCOMES.into_iter().find(|o| o.as_str() == name)
}

/// A body as the user names it: matched by its canonical name (so `ØU`,
/// `Byråd` and a store's own aliases find theirs) or by part of its name
/// (`klima`), ignoring case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyName {
    canonical: String,
    part: String,
}

impl BodyName {
    /// The body the user named, read with the store's aliases.
    pub fn new(name: &str, aliases: &Aliases) -> BodyName {
        BodyName {
            canonical: bodies::canonical(name, aliases).to_lowercase(),
            part: name.trim().to_lowercase(),
        }
    }

    /// Whether `body` (a canonical name) is this one.
    pub fn matches(&self, body: &str) -> bool {
        let body = body.to_lowercase();
        body == self.canonical || (!self.part.is_empty() && body.contains(&self.part))
    }
}

/// The filters of one command; an empty filter lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this organisation (part of its name, any case).
    pub organisation: Option<String>,
    /// Only this body.
    pub body: Option<BodyName>,
    /// Only on or after this date.
    pub since: Option<Date>,
    /// Only on or before this date.
    pub until: Option<Date>,
    /// Only these outcomes (any of them); empty for all.
    pub outcomes: Vec<Outcome>,
}

impl Filter {
    /// Whether an organisation (`None` where unknown) passes.
    pub fn organisation(&self, organisation: Option<&str>) -> bool {
        match &self.organisation {
            None => true,
            Some(wanted) => organisation
                .is_some_and(|o| o.to_lowercase().contains(&wanted.trim().to_lowercase())),
        }
    }

    /// Whether a body passes.
    pub fn body(&self, body: &str) -> bool {
        self.body.as_ref().is_none_or(|b| b.matches(body))
    }

    /// Whether a date passes.
    pub fn date(&self, date: Date) -> bool {
        self.since.is_none_or(|s| date >= s) && self.until.is_none_or(|u| date <= u)
    }

    /// Whether an outcome (`None` where nothing was decided) passes.
    pub fn outcome(&self, outcome: Option<Outcome>) -> bool {
        self.outcomes.is_empty() || outcome.is_some_and(|o| self.outcomes.contains(&o))
    }

    /// Whether one treatment passes body, date and outcome.
    pub fn treatment(&self, date: Date, body: &str, outcome: Option<Outcome>) -> bool {
        self.date(date) && self.body(body) && self.outcome(outcome)
    }

    /// Whether any of body, date and outcome narrows the answer.
    pub fn narrows_treatments(&self) -> bool {
        self.body.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || !self.outcomes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn body(name: &str) -> Filter {
        Filter {
            body: Some(BodyName::new(name, &Aliases::default())),
            ..Filter::default()
        }
    }

    #[test]
    fn bodies_by_canonical_name_short_form_or_part() {
        assert!(body("Byrådet").body("Byrådet"));
        assert!(body("byråd").body("Byrådet"));
        assert!(body("Byråd 2022-2025").body("Byrådet"));
        assert!(body("ØU").body("Økonomiudvalget"));
        assert!(body("klima").body("Klima-, Teknik- og Miljøudvalget"));
        assert!(!body("ØU").body("Byrådet"));
        assert!(!body("Kultur").body("Økonomiudvalget"));
        let aliases = Aliases::parse("KTMU = Klima-, Teknik- og Miljøudvalget").unwrap();
        let f = Filter {
            body: Some(BodyName::new("KTMU", &aliases)),
            ..Filter::default()
        };
        assert!(f.body("Klima-, Teknik- og Miljøudvalget"));
    }

    #[test]
    fn dates_are_inclusive() {
        let f = Filter {
            since: Some(date(2022, 9, 26)),
            until: Some(date(2022, 10, 3)),
            ..Filter::default()
        };
        assert!(f.date(date(2022, 9, 26)));
        assert!(f.date(date(2022, 10, 3)));
        assert!(!f.date(date(2022, 9, 25)));
        assert!(!f.date(date(2022, 10, 4)));
    }

    #[test]
    fn outcomes_and_organisations() {
        let f = Filter {
            outcomes: vec![Outcome::Approved, Outcome::Rejected],
            organisation: Some("greve".to_string()),
            ..Filter::default()
        };
        assert!(f.outcome(Some(Outcome::Rejected)));
        assert!(!f.outcome(Some(Outcome::Deferred)));
        assert!(!f.outcome(None));
        assert!(Filter::default().outcome(None));
        assert!(f.organisation(Some("Greve Kommune")));
        assert!(!f.organisation(Some("Aarhus Kommune")));
        assert!(!f.organisation(None));
        assert!(Filter::default().organisation(None));
        assert!(f.narrows_treatments());
        assert!(!Filter::default().narrows_treatments());
    }

    #[test]
    fn outcome_names() {
        for o in OUTCOMES {
            assert_eq!(outcome(o.as_str()), Some(o));
        }
        assert_eq!(outcome("Approved"), Some(Outcome::Approved));
        assert_eq!(outcome("godkendt"), None);
    }
}
