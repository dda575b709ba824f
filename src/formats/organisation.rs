//! Which municipality or region a document is from, where it does not say
//! so in a field of its own.
//!
//! A careful reader takes it from the body's name (`Aarhus Byråd`) or from
//! how the text names its own municipality (`Greve Kommune`, `Greve
//! Kommunes`). Minutes mention neighbours too (`Solrød Kommune`), so a name
//! is taken only when it is mentioned at least twice and more often than any
//! other; otherwise the organisation stays unknown and the user's
//! `--organisation` or the store's default applies.

use crate::model::Meeting;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A place name: capitalised words, hyphenated ones included
/// (`Høje-Taastrup`, `Lyngby-Taarbæk`, `Ringkøbing-Skjern`).
const PLACE: &str = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*";

static MUNICIPALITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<place>{PLACE}) (?:Kommunes?|Byråds?|Kommunalbestyrelses?)\b"
    ))
    .expect("valid pattern")
});
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\bRegion (?P<place>{PLACE})\b")).expect("valid pattern")
});

/// A body's own name counts as this many mentions: `Aarhus Byråd` in the
/// header is the document naming itself.
const BODY_WEIGHT: usize = 5;

/// The organisation the meeting's text names as its own, if the evidence is
/// clear.
pub fn named_in(meeting: &Meeting) -> Option<String> {
    let mut municipalities: BTreeMap<String, usize> = BTreeMap::new();
    let mut regions: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = |text: &str, weight: usize| {
        for caps in MUNICIPALITY.captures_iter(text) {
            *municipalities.entry(caps["place"].to_string()).or_default() += weight;
        }
        for caps in REGION.captures_iter(text) {
            *regions.entry(caps["place"].to_string()).or_default() += weight;
        }
    };
    if let Some(body) = &meeting.body {
        count(body, BODY_WEIGHT);
    }
    for item in &meeting.items {
        count(item.title.as_deref().unwrap_or_default(), 1);
        count(item.indstilling.as_deref().unwrap_or_default(), 1);
        for decision in &item.decisions {
            count(&decision.text, 1);
        }
        for section in &item.sections {
            count(&section.text, 1);
        }
    }
    clear_winner(&municipalities)
        .map(|place| format!("{place} Kommune"))
        .or_else(|| clear_winner(&regions).map(|place| format!("Region {place}")))
}

/// The name mentioned most, if at least twice and strictly more than the
/// next.
fn clear_winner(counts: &BTreeMap<String, usize>) -> Option<&str> {
    let mut ranked: Vec<(&str, usize)> = counts.iter().map(|(k, &v)| (k.as_str(), v)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let (name, n) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0, |r| r.1);
    (n >= 2 && n > runner_up).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::named_in;
    use crate::model::{Item, Meeting};

    fn meeting(body: &str, text: &str) -> Meeting {
        Meeting {
            body: Some(body.to_string()),
            items: vec![Item {
                punkt: 1,
                title: Some("Sag".to_string()),
                journal: None,
                closed: false,
                route: None,
                indstilling: Some(text.to_string()),
                decisions: Vec::new(),
                sections: Vec::new(),
            }],
            ..Meeting::default()
        }
    }

    #[test]
    fn the_most_named_municipality_is_the_organisation() {
        let m = meeting(
            "Økonomiudvalget",
            "Greve Kommune og Solrød Kommune samarbejder. Greve Kommunes budget.",
        );
        assert_eq!(named_in(&m).as_deref(), Some("Greve Kommune"));
    }

    #[test]
    fn a_body_named_after_its_town_names_the_municipality() {
        let m = meeting("Aarhus Byråd", "Intet om kommunen.");
        assert_eq!(named_in(&m).as_deref(), Some("Aarhus Kommune"));
    }

    #[test]
    fn hyphenated_names_are_one_name() {
        let m = meeting(
            "Direktionen",
            "Høje-Taastrup Kommune. Høje-Taastrup Kommunes plan.",
        );
        assert_eq!(named_in(&m).as_deref(), Some("Høje-Taastrup Kommune"));
    }

    #[test]
    fn a_tie_or_a_single_mention_is_no_evidence() {
        assert_eq!(named_in(&meeting("Direktionen", "Greve Kommune.")), None);
        assert_eq!(
            named_in(&meeting(
                "Direktionen",
                "Greve Kommune, Greve Kommune, Køge Kommune, Køge Kommune."
            )),
            None
        );
    }

    #[test]
    fn a_region_counts_only_where_no_municipality_is_named() {
        let m = meeting("Regionsrådet", "Region Hovedstaden og Region Hovedstaden.");
        assert_eq!(named_in(&m).as_deref(), Some("Region Hovedstaden"));
    }
}
