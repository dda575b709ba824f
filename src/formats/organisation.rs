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

/// The organisation a document names as its own, if the evidence is clear:
/// mentions anywhere in its text count once, a line that is nothing but the
/// name (a letterhead) and the body's own name count [`BODY_WEIGHT`] times.
pub fn named_in(text: &str, meeting: &Meeting) -> Option<String> {
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
    // A name never spans lines (`Greve Kommune` has a space, not a break),
    // so only lines holding one of the words are searched: the patterns
    // have no literal start, and running them over every line was half of
    // the time it took to read a text.
    let may_name =
        |line: &&str| line.contains("Kommun") || line.contains("Byråd") || line.contains("Region ");
    for line in text.lines().filter(may_name) {
        count(line, 1);
        let line = line.trim();
        let whole = |re: &Regex| {
            re.find(line)
                .is_some_and(|m| m.as_str().len() == line.len())
        };
        if whole(&MUNICIPALITY) || whole(&REGION) {
            count(line, BODY_WEIGHT - 1);
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
    use crate::model::Meeting;

    fn meeting(body: &str) -> Meeting {
        Meeting {
            body: Some(body.to_string()),
            ..Meeting::default()
        }
    }

    #[test]
    fn the_most_named_municipality_is_the_organisation() {
        let m = meeting("Økonomiudvalget");
        assert_eq!(
            named_in(
                "Greve Kommune og Solrød Kommune samarbejder. Greve Kommunes budget.",
                &m
            )
            .as_deref(),
            Some("Greve Kommune")
        );
    }

    #[test]
    fn a_body_named_after_its_town_names_the_municipality() {
        let m = meeting("Aarhus Byråd");
        assert_eq!(
            named_in("Intet om kommunen.", &m).as_deref(),
            Some("Aarhus Kommune")
        );
    }

    #[test]
    fn hyphenated_names_are_one_name() {
        let m = meeting("Direktionen");
        assert_eq!(
            named_in("Høje-Taastrup Kommune. Høje-Taastrup Kommunes plan.", &m).as_deref(),
            Some("Høje-Taastrup Kommune")
        );
    }

    #[test]
    fn a_tie_or_a_single_mention_is_no_evidence() {
        assert_eq!(named_in("Greve Kommune.", &meeting("Direktionen")), None);
        assert_eq!(
            named_in(
                "Greve Kommune, Greve Kommune, Køge Kommune, Køge Kommune.",
                &meeting("Direktionen")
            ),
            None
        );
    }

    #[test]
    fn a_letterhead_names_the_organisation() {
        let text = "Høje-Taastrup Kommune\nREFERAT Direktionen\nI samarbejde med Solrød Kommune.";
        assert_eq!(
            named_in(text, &meeting("Direktionen")).as_deref(),
            Some("Høje-Taastrup Kommune")
        );
    }

    #[test]
    fn a_region_counts_only_where_no_municipality_is_named() {
        let m = meeting("Regionsrådet");
        assert_eq!(
            named_in("Region Hovedstaden og Region Hovedstaden.", &m).as_deref(),
            Some("Region Hovedstaden")
        );
    }
}
