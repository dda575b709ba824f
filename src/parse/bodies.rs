//! The names of the bodies that treat a case: telling one in a list,
//! writing it one way, and reading a planned route (`Sagsprocedure`,
//! `Behandling`, `Beslutningen træffes af`).
//!
//! A route is written as a list of names (`Klima-, Teknik- og
//! Miljøudvalget, Økonomiudvalget og Byrådet.`). Commas and `og` also occur
//! inside compound committee names, so a careful reader splits where a name
//! ends: at a word that names a kind of body ([`vocabulary::BODY_KINDS`]).

use super::vocabulary::{self, Rank};
use crate::model::Meeting;
use crate::normalize::fold_whitespace;
use regex::Regex;
use std::sync::LazyLock;

static PARENTHESIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("valid pattern"));

/// A document's own names are compared with each other only up to this
/// many distinct names (bounded work on hostile input).
const MAX_NAMES: usize = 256;
/// Names shorter than this (in letters) are never taken for misspellings
/// of each other.
const MIN_SETTLED_LETTERS: usize = 10;

/// A route longer than this is prose, not a list of names.
const MAX_ROUTE_CHARS: usize = 600;
/// A route names at most this many bodies.
const MAX_ROUTE_BODIES: usize = 24;
/// A name in a route has at most this many words (`Klima-, Teknik- og
/// Miljøudvalget` has four).
const MAX_NAME_WORDS: usize = 8;

/// The rank of the body a word names, where the word ends a body's name
/// (`Miljøudvalget`, `Byrådet`, `Direktionen`).
pub fn rank_of_word(word: &str) -> Option<Rank> {
    let word = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if word.is_empty() {
        return None;
    }
    vocabulary::BODY_KINDS
        .iter()
        .find(|(ending, _)| word.ends_with(ending))
        .map(|(_, rank)| *rank)
}

/// The rank of a body by its name's last word that names a kind of body
/// (`Byråd 2022-2025` is a council).
pub fn rank(name: &str) -> Option<Rank> {
    name.split_whitespace().rev().find_map(rank_of_word)
}

/// Whether a name ends in a word that names a body.
pub fn is_body_name(name: &str) -> bool {
    name.split_whitespace()
        .last()
        .and_then(rank_of_word)
        .is_some()
}

/// The bodies a route text lists, in order, each written one way
/// ([`canonical`]); `None` where the text is not a list of names.
pub fn route(text: &str) -> Option<Vec<String>> {
    if text.chars().count() > MAX_ROUTE_CHARS {
        return None;
    }
    // A remark in brackets (`Økonomiudvalget (hele byrådet er inviteret)`)
    // is no part of the route.
    let text = fold_whitespace(&PARENTHESIS.replace_all(text, " "));
    if text.is_empty() {
        return None;
    }
    let mut bodies: Vec<String> = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    for token in tokens(&text) {
        let bare = token.trim_end_matches([',', '.', ';', ':']);
        if bare.is_empty() {
            continue;
        }
        let joiner = matches!(bare, "og" | "samt" | "&" | "eller");
        if name.is_empty() && (joiner || bare == "-") {
            // A separator between two names.
            continue;
        }
        if !joiner && !is_name_word(bare) {
            return None;
        }
        name.push(token);
        if rank_of_word(bare).is_some() {
            if name.len() > MAX_NAME_WORDS || bodies.len() >= MAX_ROUTE_BODIES {
                return None;
            }
            let body = canonical(&name.join(" "));
            if !bodies.contains(&body) {
                bodies.push(body);
            }
            name.clear();
        }
    }
    // Words after the last name (`Byrådet til orientering`) make it prose.
    (name.is_empty() && !bodies.is_empty()).then_some(bodies)
}

/// Words split on white space, with a hyphen glued to `og` parted from it
/// (`Kultur-og fritidsudvalget`).
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        match word.find("-og") {
            Some(k) if k > 0 && word.len() == k + 3 => {
                out.push(&word[..=k]);
                out.push(&word[k + 1..]);
            }
            _ => out.push(word),
        }
    }
    out
}

/// A word that may stand in a body's name: capitalised, a first part of a
/// compound (`Teknik-`), or `Alle` as in `Alle fagudvalg`.
fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        || word.ends_with('-')
        || rank_of_word(word).is_some()
        || vocabulary::NAME_WORDS.contains(&word.to_lowercase().as_str())
}

/// A body's name written one way: a compound committee name hyphenates the
/// parts that share its last word and capitalises each (`Skole, Børne- og
/// Ungeudvalget`, `Skole-, Børne-, og Ungeudvalget` and `Kultur-og
/// fritidsudvalget` → `Skole-, Børne- og Ungeudvalget`, `Kultur- og
/// Fritidsudvalget`); any other name keeps its words as written.
pub fn canonical(name: &str) -> String {
    let name = fold_whitespace(name);
    let name = name.trim_end_matches(['.', ',', ';', ':']).trim();
    let words: Vec<&str> = tokens(name);
    let Some((last, firsts)) = words.split_last() else {
        return name.to_string();
    };
    let compound = firsts.len() >= 2
        && firsts.iter().any(|w| matches!(*w, "og" | "&"))
        && !last.contains('-')
        && last.chars().all(char::is_alphabetic)
        && last.to_lowercase().contains("udvalg");
    if !compound {
        return name.to_string();
    }
    let mut parts: Vec<String> = firsts
        .iter()
        .filter(|w| !matches!(**w, "og" | "&"))
        .flat_map(|w| w.split(['-', ',']))
        .filter(|p| !p.is_empty())
        .map(capitalise)
        .collect();
    if parts.iter().any(|p| !p.chars().all(char::is_alphabetic)) {
        return name.to_string();
    }
    let last = capitalise(last);
    let Some(final_part) = parts.pop() else {
        return name.to_string();
    };
    let mut out = String::new();
    for part in parts {
        out.push_str(&part);
        out.push_str("-, ");
    }
    out.push_str(&final_part);
    out.push_str("- og ");
    out.push_str(&last);
    out
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The letters of a name in lower case: `Byråd 2022-2025` and `Byrådet`,
/// `Skole, Børne- og Ungeudvalget` and `Skole-, Børne- og Ungeudvalget` come
/// close.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two names name the same body: the same letters, up to a
/// definite ending (`Økonomiudvalg`/`Økonomiudvalget`, `Byråd
/// 2022-2025`/`Byrådet`).
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (key(a), key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(&short) && long.len() - short.len() <= 3
}

/// Where a recommendation that names no body goes, by the item's route:
/// the administration recommends to the next body of the route, which takes
/// its own position; a committee recommends along the route to the bodies
/// above it (`Anbefales` by a committee on the route `udvalg, Økonomiudvalget
/// og Byrådet` goes to Økonomiudvalget and Byrådet), passing the committees
/// that treat the case beside it.
pub fn recipients(route: &[String], decider: Option<&str>) -> Vec<String> {
    let at = decider.and_then(|d| route.iter().position(|b| same(b, d)));
    let later = &route[at.map_or(0, |i| i + 1)..];
    let rank = decider.and_then(rank);
    let next = || later.first().cloned().into_iter().collect::<Vec<_>>();
    match rank {
        Some(Rank::Administration) | None => next(),
        Some(rank) => {
            let above: Vec<String> = later
                .iter()
                .filter(|b| self::rank(b).is_some_and(|r| r > rank))
                .cloned()
                .collect();
            if above.is_empty() { next() } else { above }
        }
    }
}

/// Writes each body named in a route the way the document mostly writes
/// it: routes are typed by hand, and `Sundhed- og Omsorgsudvalget` one
/// letter from the `Sundheds- og Omsorgsudvalget` named everywhere else in
/// the document is that committee. Also the bodies a route gave a
/// decision's `to`. The names of the meeting's and the decisions' bodies
/// are the publishing system's own and weigh double.
pub fn settle_names(meeting: &mut Meeting) {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut count = |name: &str, weight: usize| {
        if let Some(entry) = counts.iter_mut().find(|(n, _)| n == name) {
            entry.1 += weight;
        } else if counts.len() < MAX_NAMES {
            counts.push((name.to_string(), weight));
        }
    };
    meeting.body.iter().for_each(|b| count(b, 2));
    for item in &meeting.items {
        item.route.iter().flatten().for_each(|b| count(b, 1));
        for d in &item.decisions {
            d.body.iter().for_each(|b| count(b, 2));
            d.to.iter().for_each(|b| count(b, 1));
        }
    }
    let settled = |name: &mut String| {
        let own = counts
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, c)| *c);
        let k = key(name);
        if k.chars().count() < MIN_SETTLED_LETTERS {
            return;
        }
        if let Some((better, _)) = counts
            .iter()
            .filter(|(n, c)| *c > own && n != name && one_edit_apart(&k, &key(n)))
            .max_by_key(|(_, c)| *c)
        {
            *name = better.clone();
        }
    };
    for item in &mut meeting.items {
        item.route.iter_mut().flatten().for_each(settled);
        for d in &mut item.decisions {
            d.to.iter_mut().for_each(settled);
        }
    }
}

/// Whether one letter inserted, removed or replaced turns `a` into `b`.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if start == long.len() {
        return false;
    }
    let skip = usize::from(short.len() == long.len());
    short[start + skip..] == long[start + 1..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_route_is_split_where_names_end() {
        assert_eq!(
            route("Klima-, Teknik- og Miljøudvalget, Økonomiudvalget og Byrådet."),
            Some(names(&[
                "Klima-, Teknik- og Miljøudvalget",
                "Økonomiudvalget",
                "Byrådet"
            ]))
        );
        assert_eq!(
            route("Beskæftigelses- og Erhvervsudvalget Økonomiudvalget og Byrådet."),
            Some(names(&[
                "Beskæftigelses- og Erhvervsudvalget",
                "Økonomiudvalget",
                "Byrådet"
            ]))
        );
        assert_eq!(
            route("Alle fagudvalg og Økonomiudvalget."),
            Some(names(&["Alle fagudvalg", "Økonomiudvalget"]))
        );
        assert_eq!(
            route("Direktionen, Økonomiudvalg, Kommunalbestyrelse."),
            Some(names(&[
                "Direktionen",
                "Økonomiudvalg",
                "Kommunalbestyrelse"
            ]))
        );
    }

    #[test]
    fn prose_is_no_route() {
        assert_eq!(route("Sagen behandles i Økonomiudvalget den 5. maj."), None);
        assert_eq!(route("Byrådet til orientering"), None);
        assert_eq!(
            route("Økonomiudvalget (hele byrådet er inviteret)"),
            Some(names(&["Økonomiudvalget"]))
        );
        assert_eq!(route(""), None);
    }

    #[test]
    fn compound_names_are_written_one_way() {
        for written in [
            "Skole-, Børne-, og Ungeudvalget",
            "Skole, Børne- og Ungeudvalget",
            "Skole,- Børne- og Ungeudvalget",
            "Skole- Børne og Ungeudvalget",
        ] {
            assert_eq!(canonical(written), "Skole-, Børne- og Ungeudvalget");
        }
        assert_eq!(
            canonical("Kultur-og fritidsudvalget"),
            "Kultur- og Fritidsudvalget"
        );
        assert_eq!(
            canonical("Klima- Teknik og Miljøudvalget"),
            "Klima-, Teknik- og Miljøudvalget"
        );
        assert_eq!(canonical("Børn og Unge-udvalget"), "Børn og Unge-udvalget");
        assert_eq!(canonical("Alle fagudvalg"), "Alle fagudvalg");
    }

    #[test]
    fn a_recommendation_goes_along_the_route() {
        let greve = names(&[
            "Sundheds- og Omsorgsudvalget",
            "Social- og Handicapudvalget",
            "Økonomiudvalget",
            "Byrådet",
        ]);
        assert_eq!(
            recipients(&greve, Some("Sundheds- og Omsorgsudvalget")),
            names(&["Økonomiudvalget", "Byrådet"])
        );
        assert_eq!(
            recipients(&greve, Some("Økonomiudvalget")),
            names(&["Byrådet"])
        );
        let kalundborg = names(&["Direktionen", "Økonomiudvalget", "Kommunalbestyrelsen"]);
        assert_eq!(
            recipients(&kalundborg, Some("Direktionen")),
            names(&["Økonomiudvalget"])
        );
        let ballerup = names(&["Kommunalbestyrelsen"]);
        assert_eq!(
            recipients(&ballerup, Some("Sundheds- og Forebyggelsesudvalget")),
            names(&["Kommunalbestyrelsen"])
        );
        assert!(same("Byråd 2022-2025", "Byrådet"));
        assert!(one_edit_apart("sundhedogomsorg", "sundhedsogomsorg"));
        assert!(one_edit_apart("børnudvalg", "børneudvalg"));
        assert!(one_edit_apart("abc", "abd"));
        assert!(!one_edit_apart("abc", "abc"));
        assert!(!one_edit_apart("økonomiudvalg", "økonomiudvalget"));
        assert!(!same("Økonomiudvalget", "Byrådet"));
    }
}
