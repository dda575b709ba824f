//! What every structured reader does once it has the frame of a meeting:
//! the clock time out of a date field, the kind of document, items in
//! number order and the self-check against the document's own list of its
//! items.

use crate::model::{DocumentKind, Meeting, Punkt};
use std::collections::BTreeSet;

/// The time of day in a date or time field, as `HH:MM`: `04-12-2012
/// 13:00:00`, `08:15`, `kl. 15.45`. Dates (`04.12.2012`) are not times.
pub fn clock(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .find_map(|token| {
            let parts: Vec<&str> = token.trim_end_matches('.').split([':', '.']).collect();
            let numeric =
                |p: &&str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
            if !(2..=3).contains(&parts.len()) || !parts.iter().all(numeric) || parts[1].len() != 2
            {
                return None;
            }
            let hour: u32 = parts[0].parse().ok()?;
            let minute: u32 = parts[1].parse().ok()?;
            (hour < 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
        })
}

/// Minutes or agenda. A document whose items record this meeting's
/// decisions is minutes whatever it calls itself; otherwise what the
/// document declares (`Referat endeligt godkendt`, `Dagsordentype="Referat"`)
/// decides, and without that it is an agenda.
pub fn kind(declared: Option<&str>, meeting: &Meeting) -> DocumentKind {
    let own_decision = meeting.items.iter().any(|item| {
        item.decisions
            .iter()
            .any(|d| Some(d.date) == meeting.date && d.body == meeting.body)
    });
    let declared = declared.unwrap_or_default().to_lowercase();
    if own_decision || declared.contains("referat") || declared.contains("beslutningsprotokol") {
        DocumentKind::Referat
    } else {
        DocumentKind::Dagsorden
    }
}

/// Puts the items in number order (exports keep them in any order) and
/// says in [`Meeting::warnings`] where the read items disagree with the
/// numbers the document lists for itself (its table of contents), or repeat
/// a number. `listed` is `None` where the document has no such list.
pub fn settle(meeting: &mut Meeting, listed: Option<&[Punkt]>) {
    meeting.items.sort_by_key(|item| item.punkt);
    let mut seen = BTreeSet::new();
    let repeated: BTreeSet<Punkt> = meeting
        .items
        .iter()
        .map(|item| item.punkt)
        .filter(|&punkt| !seen.insert(punkt))
        .collect();
    if !repeated.is_empty() {
        meeting.warnings.push(format!(
            "more than one item is numbered {}",
            join(repeated.iter().copied())
        ));
    }
    let Some(listed) = listed.filter(|l| !l.is_empty()) else {
        return;
    };
    let listed: BTreeSet<Punkt> = listed.iter().copied().collect();
    let missing: Vec<Punkt> = listed.difference(&seen).copied().collect();
    let unlisted: Vec<Punkt> = seen.difference(&listed).copied().collect();
    if !missing.is_empty() {
        meeting.warnings.push(format!(
            "found {} of the {} items the document lists; missing {}",
            listed.len() - missing.len(),
            listed.len(),
            join(missing.into_iter())
        ));
    }
    if !unlisted.is_empty() {
        meeting.warnings.push(format!(
            "read items the document's own list does not name: {}",
            join(unlisted.into_iter())
        ));
    }
}

fn join(numbers: impl Iterator<Item = Punkt>) -> String {
    numbers
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An item number as exports write it: `2`, `2.`, ` 12 `, `1.2`.
pub fn item_number(text: &str) -> Option<Punkt> {
    text.trim().parse().ok()
}

/// The item's text without its first line where that line only repeats
/// the item's number and title (`2.\tBygningsvedligeholdelse …`, as eDoc's
/// full text starts), which would otherwise read as text of the item.
pub fn without_repeated_heading<'a>(text: &'a str, punkt: Punkt, title: &str) -> &'a str {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let (first, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let heading = words(first);
    let number = format!("{punkt}.");
    let repeated = heading
        .strip_prefix(&number)
        .map(str::trim)
        .is_some_and(|t| t == words(title) || t.is_empty());
    if repeated { after } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;

    fn item(punkt: u32) -> Item {
        Item {
            punkt: Punkt::new(punkt),
            ..Item::default()
        }
    }

    #[test]
    fn clock_times_but_not_dates() {
        assert_eq!(clock("04-12-2012 13:00:00").as_deref(), Some("13:00"));
        assert_eq!(
            clock("onsdag den 1. oktober 2025 kl. 15.45").as_deref(),
            Some("15:45")
        );
        assert_eq!(clock("08:15").as_deref(), Some("08:15"));
        assert_eq!(clock("04.12.2012"), None);
        assert_eq!(clock("31. marts 2016"), None);
        assert_eq!(clock("kl. 25:00"), None);
    }

    #[test]
    fn items_are_sorted_and_checked_against_the_listing() {
        let mut meeting = Meeting {
            items: vec![item(4), item(2), item(9), item(2)],
            ..Meeting::default()
        };
        settle(&mut meeting, Some(&[1, 2, 3, 4].map(Punkt::new)));
        let order: Vec<u32> = meeting.items.iter().map(|i| i.punkt.number).collect();
        assert_eq!(order, [2, 2, 4, 9]);
        assert_eq!(
            meeting.warnings,
            [
                "more than one item is numbered 2",
                "found 2 of the 4 items the document lists; missing 1, 3",
                "read items the document's own list does not name: 9",
            ]
        );
    }

    #[test]
    fn agreeing_with_the_listing_warns_nothing() {
        let mut meeting = Meeting {
            items: vec![item(2), item(1)],
            ..Meeting::default()
        };
        settle(&mut meeting, Some(&[1, 2].map(Punkt::new)));
        settle(&mut meeting, None);
        assert!(meeting.warnings.is_empty());
    }

    #[test]
    fn a_repeated_heading_is_dropped_and_other_text_kept() {
        assert_eq!(
            without_repeated_heading("\n\n2.\tByg  2013\n\nSagsnr.: 1", Punkt::new(2), "Byg 2013"),
            "\nSagsnr.: 1"
        );
        assert_eq!(
            without_repeated_heading("Sagsnr.: 1", Punkt::new(2), "Byg"),
            "Sagsnr.: 1"
        );
        assert_eq!(
            without_repeated_heading("3. Byg", Punkt::new(2), "Byg"),
            "3. Byg"
        );
    }

    #[test]
    fn declared_kind_and_decisions_decide() {
        let meeting = Meeting::default();
        assert_eq!(
            kind(Some("Referat endeligt godkendt"), &meeting),
            DocumentKind::Referat
        );
        assert_eq!(kind(Some("Dagsorden"), &meeting), DocumentKind::Dagsorden);
        assert_eq!(kind(None, &meeting), DocumentKind::Dagsorden);
    }
}
