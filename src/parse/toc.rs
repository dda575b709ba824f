//! A document's own account of its items: the table of contents
//! (`Indholdsfortegnelse`). A careful reader checks what was read against
//! it, and trusts its one-line titles where a page's line break cost a
//! title its hyphen (`2030-` / `fremskrivning` extracted as
//! `2030fremskrivning`).

use super::vocabulary;
use crate::model::{Meeting, Punkt};
use regex::Regex;
use std::sync::LazyLock;

/// One item the table of contents lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The item's number where the contents print it (`1. Meddelelser`).
    pub number: Option<Punkt>,
    /// The title without number, dot leader and page number.
    pub title: String,
}

/// A contents line: an optional number, the title, a dot leader and a page
/// number (each optional).
static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:punkt\s+)?(?P<n>\d{1,4}\.\d{1,3}[.:]?|\d{1,4}[.:])\s+)?(?P<title>.*?)\s*(?P<leader>(?:\.{3,}|…+|\t)\s*\d{0,4})?\s*$")
        .expect("valid pattern")
});

/// Keys shorter than this are not compared as truncated titles.
const MIN_PREFIX_CHARS: usize = 12;

/// The entries of the table of contents among the lines before the first
/// item; empty where there is none.
pub fn entries(header: &[&str]) -> Vec<Entry> {
    let Some(start) = header
        .iter()
        .position(|l| vocabulary::TOC_HEADING.is_match(l.trim()))
    else {
        return Vec::new();
    };
    let lines: Vec<&str> = header[start + 1..]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let parsed: Vec<(Option<Punkt>, String, bool)> = lines
        .iter()
        .filter_map(|l| {
            let c = ENTRY.captures(l)?;
            let number = c
                .name("n")
                .and_then(|n| n.as_str().trim_end_matches(':').parse().ok());
            // Items list their closed state apart from the title.
            let title = vocabulary::CLOSED_PREFIX
                .replace(&c["title"], "")
                .into_owned();
            Some((number, title, c.name("leader").is_some()))
        })
        .collect();
    if parsed.iter().any(|(n, _, _)| n.is_some()) {
        // Numbered entries; a line in lower case goes on with the title
        // before it (`… hverdagsrehabilitering for` / `ældre`).
        let mut out: Vec<Entry> = Vec::new();
        for (number, title, _) in parsed {
            match (number, out.last_mut()) {
                (Some(n), _) if !title.is_empty() => out.push(Entry {
                    number: Some(n),
                    title,
                }),
                (None, Some(last)) if title.chars().next().is_some_and(char::is_lowercase) => {
                    last.title.push(' ');
                    last.title.push_str(&title);
                }
                _ => {}
            }
        }
        return out;
    }
    // Unnumbered entries: the lines with a dot leader, and the lines between
    // them that a narrow column cut before its leader.
    let with_leader: Vec<usize> = parsed
        .iter()
        .enumerate()
        .filter(|(_, (_, t, leader))| *leader && !t.is_empty())
        .map(|(k, _)| k)
        .collect();
    let (Some(&first), Some(&last)) = (with_leader.first(), with_leader.last()) else {
        return Vec::new();
    };
    parsed[first..=last]
        .iter()
        .filter(|(_, t, _)| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()))
        .map(|(_, title, _)| Entry {
            number: None,
            title: title.clone(),
        })
        .collect()
}

/// Letters and digits of a title in lower case.
fn key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The share of the words of two titles they have in common.
fn shared_words(a: &str, b: &str) -> f64 {
    let words = |t: &str| -> Vec<String> { t.split_whitespace().map(key).collect() };
    let (a, b) = (words(a), words(b));
    let common = a.iter().filter(|w| b.contains(w)).count();
    let most = a.len().max(b.len());
    if most == 0 {
        0.0
    } else {
        common as f64 / most as f64
    }
}

/// Whether a read title is the one an entry lists, also where the contents
/// cut it short.
fn same_title(read: &str, listed: &str) -> bool {
    let (read, listed) = (key(read), key(listed));
    read == listed
        || (listed.chars().count() >= MIN_PREFIX_CHARS
            && (read.starts_with(&listed) || listed.starts_with(&read)))
}

/// Checks the items read against the contents: each title that differs
/// from its entry only in signs and spaces takes the entry's spelling, and
/// entries with no item read become a warning.
pub fn check(meeting: &mut Meeting, entries: &[Entry]) {
    if entries.is_empty() {
        return;
    }
    let mut missing: Vec<String> = Vec::new();
    for (position, entry) in entries.iter().enumerate() {
        let at = match entry.number {
            Some(n) => meeting.items.iter().position(|item| item.punkt == n),
            None => meeting
                .items
                .iter()
                .position(|item| {
                    item.title
                        .as_deref()
                        .is_some_and(|t| same_title(t, &entry.title))
                })
                // The contents and the heading may word a title a little
                // differently; the item in the same place with mostly the
                // same words is the one listed.
                .or_else(|| {
                    meeting.items.get(position).and_then(|item| {
                        let title = item.title.as_deref()?;
                        (shared_words(title, &entry.title) >= 0.5).then_some(position)
                    })
                }),
        };
        match at.and_then(|k| meeting.items.get_mut(k)) {
            Some(item) => {
                if let Some(title) = &item.title
                    && title != &entry.title
                    && key(title) == key(&entry.title)
                {
                    item.title = Some(entry.title.clone());
                }
            }
            None => missing.push(
                entry
                    .number
                    .map_or_else(|| (position + 1).to_string(), |n| n.to_string()),
            ),
        }
    }
    if !missing.is_empty() {
        meeting.warnings.push(format!(
            "found {} of the {} items its table of contents lists; missing {}",
            entries.len() - missing.len(),
            entries.len(),
            missing.join(", ")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;

    fn item(punkt: u32, title: &str) -> Item {
        Item {
            punkt: Punkt::new(punkt),
            title: Some(title.to_string()),
            ..Item::default()
        }
    }

    #[test]
    fn numbered_contents_with_a_wrapped_title() {
        let header = [
            "Referat",
            "INDHOLDSFORTEGNELSE",
            "Åbent referat",
            "1. Meddelelser",
            "2. Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for",
            "ældre",
            "Lukket referat",
            "3",
            "5",
        ];
        let e = entries(&header);
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].number, Some(Punkt::new(2)));
        assert!(e[1].title.ends_with("for ældre"));
    }

    #[test]
    fn unnumbered_contents_with_leaders() {
        let header = [
            "Indholdsfortegnelse",
            "Godkendelse af dagsorden..........",
            "Lokalplan 1221 (tillæg 2 til lokalplan 411) – Erhvervsområde ved Kattrup, med ti",
            "Orientering om ny 2030-fremskrivning.....",
            "Orientering fra Økonomiudvalgsrådet og koordinering af sager.....",
            "3",
            "4",
        ];
        let e = entries(&header);
        assert_eq!(e.len(), 4);
        assert_eq!(e[2].title, "Orientering om ny 2030-fremskrivning");
        let mut m = Meeting {
            items: vec![
                item(1, "Godkendelse af dagsorden"),
                item(
                    2,
                    "Lokalplan 1221 (tillæg 2 til lokalplan 411) – Erhvervsområde ved Kattrup, med tillæg",
                ),
                item(3, "Orientering om ny 2030fremskrivning"),
                item(
                    4,
                    "Orientering fra Økonomiudvalgsmødet og koordinering af sager",
                ),
            ],
            ..Meeting::default()
        };
        check(&mut m, &e);
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        assert_eq!(
            m.items[2].title.as_deref(),
            Some("Orientering om ny 2030-fremskrivning")
        );
    }

    #[test]
    fn items_the_contents_list_but_were_not_read_are_a_warning() {
        let header = [
            "INDHOLDSFORTEGNELSE",
            "1. A-sag",
            "2. B-sag",
            "3. C-sag",
            "4. D-sag",
        ];
        let mut m = Meeting {
            items: vec![item(1, "A-sag"), item(4, "D-sag")],
            ..Meeting::default()
        };
        check(&mut m, &entries(&header));
        assert_eq!(
            m.warnings,
            ["found 2 of the 4 items its table of contents lists; missing 2, 3"]
        );
    }
}
