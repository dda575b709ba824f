//! Page furniture of text extracted from PDF: the lines a publishing system
//! repeats at the top or bottom of every page (`Sundheds- og
//! Forebyggelsesudvalget / Referat / Åbent referat / Dato: 04.12.2012 /
//! Side 3`). A reader's eye skips them; left in, they cut items in two, pose
//! as titles and bodies, and end up inside decisions.
//!
//! `pdftotext` separates pages with a form feed; where the text no longer
//! has them, a page number line (`Side 3`) ends a page. A line is furniture
//! when, with its digits ignored (page numbers change), it stands at the
//! same place among the first or last few lines of most pages.

use crate::normalize::{fold_whitespace, is_page_number};
use std::borrow::Cow;

/// Running lines are looked for among this many lines at each end of a page.
const ZONE_LINES: usize = 8;
/// A document needs this many pages before a repeated line is believed to be
/// furniture rather than a coincidence.
const MIN_PAGES: usize = 3;
/// Lines longer than this are prose, never furniture.
const MAX_FURNITURE_CHARS: usize = 120;

/// The text with every page's running header and footer lines removed, and
/// the pages joined with a line break. Text without page breaks, or with too
/// few pages to tell, comes back unchanged.
pub fn without_furniture(text: &str) -> Cow<'_, str> {
    let pages = pages(text);
    let real_pages = pages
        .iter()
        .filter(|p| p.iter().any(|l| !l.trim().is_empty()))
        .count();
    if real_pages < MIN_PAGES {
        return Cow::Borrowed(text);
    }
    // A running line stands at the same place on every page: the k-th
    // line from the top, or from the bottom.
    let mut counts: Vec<(Place, String, usize)> = Vec::new();
    for page in &pages {
        for (place, line) in edges(page) {
            let shape = shape(line);
            match counts
                .iter_mut()
                .find(|(p, s, _)| *p == place && *s == shape)
            {
                Some(entry) => entry.2 += 1,
                None => counts.push((place, shape, 1)),
            }
        }
    }
    // Most pages: a first page with a title block of its own or a last page
    // without a footer still leaves the rest.
    let needed = (real_pages / 2).max(MIN_PAGES);
    counts.retain(|(_, _, n)| *n >= needed);
    if counts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for page in &pages {
        let running: Vec<usize> = edges(page)
            .filter(|(place, line)| {
                let shape = shape(line);
                counts.iter().any(|(p, s, _)| p == place && *s == shape)
            })
            .map(|(place, _)| place.index(page))
            .collect();
        for (k, line) in page.iter().enumerate() {
            if !running.contains(&k) {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Cow::Owned(out)
}

/// The lines of each page.
fn pages(text: &str) -> Vec<Vec<&str>> {
    if text.contains('\u{c}') {
        return text.split('\u{c}').map(|p| p.lines().collect()).collect();
    }
    let mut pages = vec![Vec::new()];
    for line in text.lines() {
        if let Some(page) = pages.last_mut() {
            page.push(line);
        }
        if is_page_number(line) {
            pages.push(Vec::new());
        }
    }
    pages
}

/// Where on a page a line stands: the k-th non-blank line from the top or
/// from the bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Top(usize),
    Bottom(usize),
}

impl Place {
    /// The index of the line at this place in the page's lines.
    fn index(self, page: &[&str]) -> usize {
        let filled = page
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(k, _)| k);
        match self {
            Place::Top(n) => filled.clone().nth(n),
            Place::Bottom(n) => filled.rev().nth(n),
        }
        .unwrap_or(usize::MAX)
    }
}

/// The non-blank lines near the top and the bottom of a page, with their
/// places.
fn edges<'a>(page: &'a [&'a str]) -> impl Iterator<Item = (Place, &'a str)> {
    let filled: Vec<&str> = page
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let top: Vec<(Place, &str)> = filled
        .iter()
        .take(ZONE_LINES)
        .enumerate()
        .map(|(k, l)| (Place::Top(k), *l))
        .collect();
    let bottom: Vec<(Place, &str)> = filled
        .iter()
        .rev()
        .take(ZONE_LINES)
        .enumerate()
        .map(|(k, l)| (Place::Bottom(k), *l))
        .collect();
    top.into_iter()
        .chain(bottom)
        .filter(|(_, l)| l.chars().count() <= MAX_FURNITURE_CHARS)
}

/// A line with its digits ignored and its white space folded.
fn shape(line: &str) -> String {
    fold_whitespace(
        &line
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::without_furniture;

    #[test]
    fn lines_repeated_on_every_page_go() {
        let page = |n: u32, body: &str| {
            format!("Udvalget\nReferat\nDato: 04.12.2012\nSide {n}\n\n{body}\n")
        };
        let text = [
            page(1, "Referat\nUdvalget\ntirsdag den 4. december 2012"),
            page(2, "1.\n\nMeddelelser\nSagsnr.: 2011-1"),
            page(3, "fortsat tekst"),
            page(4, "2.\n\nSidste sag"),
        ]
        .join("\u{c}");
        let clean = without_furniture(&text);
        assert!(!clean.contains("Side"));
        assert!(!clean.contains("Dato:"));
        assert!(clean.starts_with("\nReferat\nUdvalget\ntirsdag"));
        assert!(clean.contains("fortsat tekst"));
    }

    #[test]
    fn page_numbers_end_pages_where_form_feeds_are_gone() {
        let text = "Udvalget\nDato: 1.1.2012\nSide 1\nReferat\n1.\n\nA\nUdvalget\nDato: 1.1.2012\nSide 2\nmere\nUdvalget\nDato: 1.1.2012\nSide 3\nsidst\nUdvalget\nDato: 1.1.2012\nSide 4\nslut\n";
        let clean = without_furniture(text);
        assert!(!clean.contains("Dato"), "{clean}");
        assert!(clean.contains("Referat\n1.\n\nA\nmere\nsidst"), "{clean}");
    }

    #[test]
    fn short_documents_are_left_alone() {
        let text = "Side 1\nTekst\u{c}Side 2\nMere";
        assert_eq!(without_furniture(text), text);
    }
}
