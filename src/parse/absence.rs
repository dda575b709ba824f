//! Who was away, as the items' own notes say it.
//!
//! Many minutes do not list the absent in their header but end each
//! item's decision with a note: `Fraværende: Tina Rottbøll`, `Afbud: Marc
//! Genning (V)`, `Ikke til stede:` with a name on each following line.
//! The reading, as a careful reader takes it:
//!
//! - Only the note of **this meeting's** decision counts (the decision
//!   without a date or body of its own, or with the meeting's). A note
//!   inside a quoted earlier decision or a `Sagens forløb` entry says who
//!   was away from *that* meeting. The note is no decision text.
//! - A name is written as the meeting's participant list writes the person
//!   (`Mehmet Dogru` and `Ronnie Mark Nielsen` are the listed `Mehmet Zeki
//!   Dogru` and `Ronni Mark Nielsen`); a party tag (`(V)`) and a final
//!   full stop are no part of it; `Ingen` names nobody.
//! - The person was away from the **meeting** ([`Meeting::absent`]) where
//!   an `Afbud` note names them (regrets are sent for a meeting, not for
//!   an item), or where the notes of *every* item that records this
//!   meeting's decision name them. Items without a decision of this
//!   meeting, or whose decision says nothing (a closed item published
//!   without text, the signature sheet's `.`), say nothing either way.
//! - Everyone else a note names was away for **that item** only
//!   ([`Item::absent`]): they came late, left early or stepped out. An
//!   item that lacks the note is not read as saying they were there or
//!   away; it simply does not say.
//!
//! The participant list stays as the minutes give it: the absent from a
//! whole meeting may stand in it too.

use super::vocabulary;
use crate::model::{Item, Meeting, Outcome};
use regex::Regex;
use std::sync::LazyLock;

/// A parenthesis in a name: a party (`(V)`, `(UP-1)`) or a role.
static PARENTHESIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^)]*\)").expect("valid pattern"));
/// Between the names of a list: commas, semicolons, `og`.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[,;]\s*|\s+og\s+").expect("valid pattern"));

/// The most words a line of names continuing an empty note may hold.
const MAX_NAME_LINE_WORDS: usize = 12;
/// The most characters a written name may be off from a listed one and
/// still be that person.
const MAX_TYPO: usize = 1;

/// What a decision's lines say apart from who was away.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Notes {
    /// The lines without the absence notes.
    pub text: Vec<String>,
    /// The names the notes give, in order, as written (without party).
    pub names: Vec<String>,
    /// The names among them that an `Afbud` note gives (regrets, sent for
    /// the whole meeting).
    pub regrets: Vec<String>,
}

/// Splits the absence notes from a decision's lines. A note's names are
/// on its own line, or, where the note ends at its colon (`Ikke til
/// stede:`), on the lines right below it that hold nothing but names.
pub fn split(lines: &[String]) -> Notes {
    let mut notes = Notes::default();
    let mut k = 0;
    while k < lines.len() {
        let line = &lines[k];
        k += 1;
        let Some(caps) = vocabulary::ABSENCE_NOTE.captures(line) else {
            notes.text.push(line.clone());
            continue;
        };
        let regrets = caps
            .name("kind")
            .or_else(|| caps.name("kind2"))
            .is_some_and(|k| k.as_str().to_lowercase().starts_with("afbud"));
        let value = caps
            .name("value")
            .or_else(|| caps.name("bare"))
            .map_or("", |m| m.as_str())
            .trim();
        let mut names = names_in(value);
        if value.is_empty() {
            while let Some(next) = lines.get(k).filter(|l| is_names_line(l)) {
                names.extend(names_in(next));
                k += 1;
            }
        }
        if regrets {
            notes.regrets.extend(names.iter().cloned());
        }
        notes.names.extend(names);
    }
    notes
}

/// The names of a note's value: `Pernille Beckmann, Tina Rottbøll`,
/// `Lone Mortensen (V).`; none for `Ingen.`.
fn names_in(value: &str) -> Vec<String> {
    let value = PARENTHESIS.replace_all(value, " ");
    SEPARATOR
        .split(&value)
        .map(|n| {
            let n = n.trim().trim_end_matches('.').trim();
            n.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("ingen") && n != "-")
        .collect()
}

/// A line that holds nothing but names: short, no colon or digit outside
/// a party tag, and every word capitalised (or `og`).
fn is_names_line(line: &str) -> bool {
    let bare = PARENTHESIS.replace_all(line, " ");
    let words: Vec<&str> = bare
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty() && *w != "og")
        .collect();
    !words.is_empty()
        && words.len() <= MAX_NAME_LINE_WORDS
        && !bare.contains(':')
        && !bare.chars().any(|c| c.is_ascii_digit())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Settles who was away from the meeting and who only from some items,
/// by the rule in the [module documentation](self). Reads the names each
/// item's own decision noted ([`Item::absent`], as the parser left them)
/// and leaves there only those away for that item alone.
pub fn settle(meeting: &mut Meeting) {
    let mut known: Vec<String> = meeting
        .participants
        .iter()
        .chain(&meeting.absent)
        .map(|n| n.trim().to_string())
        .collect();
    let mut regrets: Vec<String> = Vec::new();
    for item in &mut meeting.items {
        let mut names: Vec<String> = Vec::new();
        for name in item.absent.drain(..) {
            let name = listed_as(&mut known, &name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        for name in item.regrets.drain(..) {
            let name = listed_as(&mut known, &name);
            if !regrets.contains(&name) {
                regrets.push(name);
            }
        }
        item.absent = names;
    }
    let deciding: Vec<&Item> = meeting
        .items
        .iter()
        .filter(|item| {
            item.decisions.iter().any(|d| {
                Some(d.date) == meeting.date && d.body == meeting.body && d.outcome != Outcome::None
            })
        })
        .collect();
    let mut away: Vec<String> = regrets;
    if let Some(first) = deciding.first() {
        for name in &first.absent {
            if deciding.iter().all(|item| item.absent.contains(name)) && !away.contains(name) {
                away.push(name.clone());
            }
        }
    }
    for name in away {
        if !meeting.absent.contains(&name) {
            meeting.absent.push(name);
        }
    }
    for item in &mut meeting.items {
        item.absent.retain(|n| !meeting.absent.contains(n));
    }
}

/// The name as the meeting's lists write that person: the listed name
/// equal but for case, else one at most [`MAX_TYPO`] letters off, else
/// one whose first and last words it shares with fewer words between
/// (`Mehmet Dogru` for `Mehmet Zeki Dogru`). A name no list holds joins
/// `known` as written, so that its next spelling is settled too.
fn listed_as(known: &mut Vec<String>, name: &str) -> String {
    let lower = name.to_lowercase();
    let exact = known.iter().find(|k| k.to_lowercase() == lower);
    let typo = || {
        known.iter().find(|k| {
            let k = k.to_lowercase();
            k.chars().count() >= 8 && strsim::levenshtein(&k, &lower) <= MAX_TYPO
        })
    };
    let shortened = || {
        let words: Vec<&str> = lower.split_whitespace().collect();
        known.iter().find(|k| {
            let k = k.to_lowercase();
            let listed: Vec<&str> = k.split_whitespace().collect();
            words.len() >= 2
                && words.len() < listed.len()
                && words.first() == listed.first()
                && words.last() == listed.last()
                && words.iter().all(|w| listed.contains(w))
        })
    };
    if let Some(k) = exact.or_else(typo).or_else(shortened) {
        return k.clone();
    }
    known.push(name.to_string());
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::{names_in, settle, split};
    use crate::model::{Decision, Item, Meeting, Outcome, Punkt};
    use jiff::civil::date;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn a_note_is_taken_out_of_the_decision_with_its_names() {
        let notes = split(&lines(
            "Godkendt.\n\nFraværende: Pernille Beckmann, Tina Rottbøll",
        ));
        assert_eq!(notes.text, ["Godkendt.", ""]);
        assert_eq!(notes.names, ["Pernille Beckmann", "Tina Rottbøll"]);
        assert!(notes.regrets.is_empty());
    }

    #[test]
    fn names_may_stand_on_the_lines_below_an_empty_note() {
        let notes = split(&lines(
            "Godkendt.\nIkke til stede:\nHeidi Serny Jacobsen (A)\nMorten Dahlin (V)\nUdvalget ønsker en sag.",
        ));
        assert_eq!(notes.names, ["Heidi Serny Jacobsen", "Morten Dahlin"]);
        assert_eq!(notes.text, ["Godkendt.", "Udvalget ønsker en sag."]);
    }

    #[test]
    fn party_tags_full_stops_and_nobody_are_no_names() {
        assert_eq!(names_in("Lone Mortensen (V)."), ["Lone Mortensen"]);
        assert_eq!(
            names_in("Liselott Blixt (UP-1) og Bjarke Abel"),
            ["Liselott Blixt", "Bjarke Abel"]
        );
        assert!(names_in("Ingen.").is_empty());
        let notes = split(&lines("Ikke tilstede: Tina Rottbøll\nIkke til stede Bo Ek"));
        assert_eq!(notes.names, ["Tina Rottbøll", "Bo Ek"]);
        assert!(notes.text.is_empty());
    }

    #[test]
    fn regrets_are_for_the_meeting() {
        let notes = split(&lines("Godkendt.\nAfbud: Marc Genning (V)"));
        assert_eq!(notes.regrets, ["Marc Genning"]);
    }

    /// An item of a meeting of `Byrådet` on 2022-01-31, deciding there or
    /// not, whose note names `absent`.
    fn item(punkt: u32, own_decision: bool, absent: &[&str]) -> Item {
        let decision = Decision {
            date: date(2022, 1, 31),
            body: Some("Byrådet".to_string()),
            text: "Godkendt.".to_string(),
            outcome: Outcome::Approved,
            reason: None,
            votes: None,
            dissent: false,
            to: Vec::new(),
        };
        Item {
            punkt: Punkt::new(punkt),
            decisions: if own_decision {
                vec![decision]
            } else {
                Vec::new()
            },
            absent: absent.iter().map(|n| n.to_string()).collect(),
            ..Item::default()
        }
    }

    fn meeting(participants: &[&str], items: Vec<Item>) -> Meeting {
        Meeting {
            body: Some("Byrådet".to_string()),
            date: Some(date(2022, 1, 31)),
            participants: participants.iter().map(|n| n.to_string()).collect(),
            items,
            ..Meeting::default()
        }
    }

    #[test]
    fn away_on_every_deciding_item_is_away_from_the_meeting() {
        let mut meeting = meeting(
            &["Tina Rottbøll", "Pernille Beckmann"],
            vec![
                item(1, true, &["Tina Rottbøll"]),
                item(2, true, &["tina rottbøll"]),
                item(3, true, &["Pernille Beckmann", "Tina Rottbøll"]),
                item(4, false, &[]),
            ],
        );
        settle(&mut meeting);
        assert_eq!(meeting.absent, ["Tina Rottbøll"]);
        let per_item: Vec<&[String]> = meeting.items.iter().map(|i| &i.absent[..]).collect();
        assert_eq!(
            per_item,
            [&[][..], &[], &["Pernille Beckmann".to_string()], &[]]
        );
        assert_eq!(meeting.participants.len(), 2, "participants stay as listed");
    }

    #[test]
    fn a_decision_that_says_nothing_does_not_count() {
        let mut sheet = item(2, true, &[]);
        sheet.decisions[0].text = ".".to_string();
        sheet.decisions[0].outcome = Outcome::None;
        let mut meeting = meeting(&[], vec![item(1, true, &["Mehmet Zeki Dogru"]), sheet]);
        settle(&mut meeting);
        assert_eq!(meeting.absent, ["Mehmet Zeki Dogru"]);
    }

    #[test]
    fn an_item_without_the_note_leaves_the_absence_with_the_items() {
        let mut meeting = meeting(
            &[],
            vec![item(1, true, &["Lone Mortensen"]), item(2, true, &[])],
        );
        settle(&mut meeting);
        assert!(meeting.absent.is_empty());
        assert_eq!(meeting.items[0].absent, ["Lone Mortensen"]);
    }

    #[test]
    fn regrets_on_one_item_are_regrets_for_the_meeting() {
        let mut first = item(1, true, &["Marc Genning"]);
        first.regrets = vec!["Marc Genning".into()];
        let mut meeting = meeting(&[], vec![first, item(2, true, &[])]);
        settle(&mut meeting);
        assert_eq!(meeting.absent, ["Marc Genning"]);
        assert!(meeting.items[0].absent.is_empty());
    }

    #[test]
    fn names_are_written_as_the_participant_list_writes_them() {
        let mut meeting = meeting(
            &["Ronni Mark Nielsen", "Mehmet Zeki Dogru"],
            vec![
                item(1, true, &["Ronnie Mark Nielsen", "Mehmet Dogru"]),
                item(2, true, &["Ronni Mark Nielsen", "Mehmet Zeki Dogru"]),
            ],
        );
        settle(&mut meeting);
        assert_eq!(meeting.absent, ["Ronni Mark Nielsen", "Mehmet Zeki Dogru"]);
    }
}
