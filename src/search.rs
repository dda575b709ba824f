//! Finding words in the minutes (`sagsspor search`): Danish-aware folding,
//! the query, the filters and the snippets. Pure: no I/O. The store keeps
//! every treatment's text folded by [`fold`] in a derived file and scans it
//! for the [`Query::needles`]; this module decides what matches and shows
//! where.
//!
//! Matching is substring matching on folded text, as `grep -i` would do,
//! made Danish:
//! - case is folded, and so are the letters Danish spells two ways: `æ`
//!   (and `ä`) is `ae`, `ø` (`ö`) is `oe`, `å` is `aa`, so `Århus` finds
//!   `Aarhus` and `møde` finds `moede`; accents go (`idé` is `ide`);
//! - every run of characters that are not letters or digits is one space,
//!   so punctuation and line breaks never stand between two words;
//! - a query word is cut to its stem by the Snowball Danish stemmer before it
//!   is folded (`vindmøllerne` and `vindmølle` both look for `vindmoel`), and
//!   the stem is found anywhere in a word, so the parts of compounds are
//!   found too (`mølle` in `vindmøllerne`). A word in double quotes, or a
//!   phrase, is looked for as written (folded, not stemmed).
//!
//! A treatment matches when every needle occurs in it (in any of its
//! sections); each section holding a needle is a hit, with a snippet around
//! the first match.

use memchr::memmem;
use std::ops::Range;

/// The name of the title among a treatment's sections.
pub const TITLE: &str = "title";
/// The Indstilling's section name.
pub const INDSTILLING: &str = "indstilling";
/// The Beslutning's section name.
pub const BESLUTNING: &str = "beslutning";

/// Characters of context kept before the first match in a snippet.
const BEFORE_CHARS: usize = 60;
/// The characters a snippet aims at in all.
const SNIPPET_CHARS: usize = 200;

/// The folded form of `text`: lower case, Danish letters spelled out
/// (`æ` → `ae`, `ø` → `oe`, `å` → `aa`), accents dropped, every run of
/// other characters one space, no space at either end. Idempotent.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, |_, _| {});
    out
}

/// [`fold`], and for every byte of the folded text the byte offset in
/// `text` of the character it came from.
pub fn fold_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    fold_into(text, &mut out, |added, at| {
        map.extend(std::iter::repeat_n(at, added));
    });
    (out, map)
}

/// Folds `text` onto `out`, telling `mapped` how many bytes each character
/// of `text` (by its offset) added.
fn fold_into(text: &str, out: &mut String, mut mapped: impl FnMut(usize, usize)) {
    let mut space_pending = false;
    let mut space_at = 0;
    for (at, c) in text.char_indices() {
        // Most of the minutes are ASCII: letters and digits as they are,
        // everything else a space.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if space_pending {
                    out.push(' ');
                    mapped(1, space_at);
                    space_pending = false;
                }
                out.push(c.to_ascii_lowercase());
                mapped(1, at);
            } else if !out.is_empty() && !space_pending {
                space_pending = true;
                space_at = at;
            }
            continue;
        }
        for lower in c.to_lowercase() {
            let spelled: &str = match lower {
                'æ' | 'ä' => "ae",
                'ø' | 'ö' => "oe",
                'å' => "aa",
                'é' | 'è' | 'ê' | 'ë' => "e",
                'á' | 'à' | 'â' | 'ã' => "a",
                'í' | 'ì' | 'î' | 'ï' => "i",
                'ó' | 'ò' | 'ô' | 'õ' => "o",
                'ú' | 'ù' | 'û' | 'ü' => "u",
                'ý' | 'ÿ' => "y",
                'ç' => "c",
                'ñ' => "n",
                'ß' => "ss",
                // Combining accents (of text written decomposed) go.
                '\u{300}'..='\u{36f}' => "",
                c if c.is_alphanumeric() => {
                    if space_pending {
                        out.push(' ');
                        mapped(1, space_at);
                        space_pending = false;
                    }
                    let start = out.len();
                    out.push(c);
                    mapped(out.len() - start, at);
                    continue;
                }
                _ => {
                    if !out.is_empty() && !space_pending {
                        space_pending = true;
                        space_at = at;
                    }
                    continue;
                }
            };
            if spelled.is_empty() {
                continue;
            }
            if space_pending {
                out.push(' ');
                mapped(1, space_at);
                space_pending = false;
            }
            out.push_str(spelled);
            mapped(spelled.len(), at);
        }
    }
}

/// One thing a query looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As the user wrote it.
    pub written: String,
    /// What is looked for in folded text: the folded stem of a word, or the
    /// folded phrase.
    pub needle: String,
}

/// What `search TEXT` looks for: every term must occur in a treatment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The terms, each once, in the order written.
    pub terms: Vec<Term>,
}

impl Query {
    /// Reads a query: words (stemmed) and `"quoted phrases"` (as written);
    /// `None` when nothing in it is a letter or digit.
    pub fn parse(text: &str) -> Option<Query> {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Danish);
        let mut terms: Vec<Term> = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            let quoted = i % 2 == 1;
            let pieces: Vec<&str> = if quoted {
                vec![part]
            } else {
                part.split_whitespace().collect()
            };
            for piece in pieces {
                let folded = fold(piece);
                if folded.is_empty() {
                    continue;
                }
                // A word is stemmed; a phrase, or a token that folds to
                // several words (`24/5629`, `budget-forlig`), is looked for
                // whole.
                let needle = if quoted || folded.contains(' ') {
                    folded
                } else {
                    let lower = piece.to_lowercase();
                    let word: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
                    let stem = fold(&stemmer.stem(&word));
                    if stem.is_empty() { folded } else { stem }
                };
                if !terms.iter().any(|t| t.needle == needle) {
                    terms.push(Term {
                        written: piece.trim().to_string(),
                        needle,
                    });
                }
            }
        }
        (!terms.is_empty()).then_some(Query { terms })
    }

    /// The folded strings looked for.
    pub fn needles(&self) -> Vec<&str> {
        self.terms.iter().map(|t| t.needle.as_str()).collect()
    }

    /// Whether folded text holds every needle.
    pub fn matches_folded(&self, folded: &str) -> bool {
        self.terms
            .iter()
            .all(|t| memmem::find(folded.as_bytes(), t.needle.as_bytes()).is_some())
    }

    /// The snippet of `text` around the first needle it holds, with every
    /// needle's word marked; `None` when it holds none.
    pub fn snippet(&self, text: &str) -> Option<Snippet> {
        let (folded, map) = fold_mapped(text);
        let mut found: Vec<Range<usize>> = Vec::new();
        for term in &self.terms {
            let finder = memmem::Finder::new(term.needle.as_bytes());
            for start in finder.find_iter(folded.as_bytes()) {
                let end = start + term.needle.len();
                let (Some(&from), Some(&last)) = (map.get(start), map.get(end - 1)) else {
                    continue;
                };
                let to = last + text[last..].chars().next().map_or(0, char::len_utf8);
                found.push(word_around(text, from..to));
            }
        }
        if found.is_empty() {
            return None;
        }
        found.sort_by_key(|r| (r.start, r.end));
        let mut marks: Vec<Range<usize>> = Vec::new();
        for r in found {
            match marks.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => marks.push(r),
            }
        }
        Some(Snippet::around(text, &marks))
    }
}

/// Widens a byte range of `text` to the whole words it touches.
fn word_around(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(range.start, |(i, _)| i);
    let end = text[range.end..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| range.end + i);
    start..end
}

/// A piece of a section on one line, with the words that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The text: white space folded to single spaces, `…` where it was cut.
    pub text: String,
    /// Byte ranges of `text` that matched, in order, not overlapping.
    pub marks: Vec<Range<usize>>,
}

/// The byte range of `text` a snippet shows around `first` (a match): some
/// words before it, then as much as fits, cut at word boundaries.
fn window(text: &str, first: &Range<usize>) -> (usize, usize) {
    // Back from the match by up to BEFORE_CHARS, then on to a word start.
    let mut start = first.start;
    for (taken, (i, _)) in text[..first.start].char_indices().rev().enumerate() {
        if taken >= BEFORE_CHARS {
            break;
        }
        start = i;
    }
    if start > 0 {
        start = match text[start..first.start].find(char::is_whitespace) {
            Some(i) => {
                let space = text[start + i..].chars().next().map_or(1, char::len_utf8);
                start + i + space
            }
            None => first.start,
        };
    }
    // Forward to SNIPPET_CHARS in all, at least to the end of the match,
    // then on to the end of the word.
    let budget = SNIPPET_CHARS.saturating_sub(text[start..first.end].chars().count());
    let mut end = first.end;
    for (taken, (i, c)) in text[first.end..].char_indices().enumerate() {
        if taken >= budget {
            break;
        }
        end = first.end + i + c.len_utf8();
    }
    if end < text.len() {
        end = text[end..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| end + i);
    }
    (start, end)
}

impl Snippet {
    /// The snippet of `text` around the first of `marks` (byte ranges of
    /// `text`, sorted, not overlapping): some words before it, then as much
    /// as fits, cut at word boundaries, never inside the first match.
    fn around(text: &str, marks: &[Range<usize>]) -> Snippet {
        let first = marks.first().cloned().unwrap_or(0..0);
        // A short text (a title) is shown whole.
        let (start, end) = if text.chars().count() <= SNIPPET_CHARS {
            (0, text.len())
        } else {
            window(text, &first)
        };
        let mut out = String::new();
        let mut out_marks: Vec<Range<usize>> = Vec::new();
        if start > 0 {
            out.push_str("… ");
        }
        let mut in_space = start > 0;
        let mut open: Option<usize> = None;
        let mut mark_iter = marks.iter().filter(|m| m.start >= start && m.end <= end);
        let mut next_mark = mark_iter.next();
        for (i, c) in text[start..end].char_indices() {
            let at = start + i;
            if let Some(m) = next_mark
                && at == m.start
            {
                open = Some(out.len());
            }
            if c.is_whitespace() {
                if !in_space && !out.is_empty() {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
            if let (Some(m), Some(from)) = (next_mark, open)
                && at + c.len_utf8() == m.end
            {
                out_marks.push(from..out.len());
                open = None;
                next_mark = mark_iter.next();
            }
        }
        if end < text.len() {
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push_str(" …");
        }
        Snippet {
            text: out,
            marks: out_marks,
        }
    }

    /// The text cut into pieces, each with whether it matched.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for m in &self.marks {
            let (Some(before), Some(marked)) =
                (self.text.get(at..m.start), self.text.get(m.clone()))
            else {
                continue;
            };
            if !before.is_empty() {
                out.push((before, false));
            }
            out.push((marked, true));
            at = m.end;
        }
        if let Some(rest) = self.text.get(at..)
            && !rest.is_empty()
        {
            out.push((rest, false));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn query(text: &str) -> Query {
        Query::parse(text).unwrap()
    }

    #[test]
    fn folding_is_danish() {
        assert_eq!(fold("Århus Byråd"), "aarhus byraad");
        assert_eq!(fold("AARHUS"), "aarhus");
        assert_eq!(fold("Økonomiudvalget, MØDE"), "oekonomiudvalget moede");
        assert_eq!(fold("  Idé-\nfase:  Kære  "), "ide fase kaere");
        assert_eq!(fold("e\u{301}t"), "et");
        assert_eq!(fold("24/5629"), "24 5629");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn the_map_points_at_the_source_character() {
        let text = "Ø-by";
        let (folded, map) = fold_mapped(text);
        assert_eq!(folded, "oe by");
        assert_eq!(map, vec![0, 0, 2, 3, 4]);
    }

    #[test]
    fn inflections_find_each_other() {
        for (q, text) in [
            ("vindmølle", "Opstilling af vindmøllerne ved kysten"),
            ("vindmøllerne", "en ny vindmølle"),
            ("vindmøller", "Vindmøllens placering"),
            ("mølle", "VINDMØLLER"),
            ("Aarhus", "Århus Kommune"),
            ("århus", "AARHUS"),
            ("beslutninger", "beslutningen blev"),
        ] {
            assert!(
                query(q).matches_folded(&fold(text)),
                "{q:?} should find {text:?} (needle {:?})",
                query(q).needles()
            );
        }
        assert!(!query("vindmølle").matches_folded(&fold("solceller")));
    }

    #[test]
    fn every_word_must_occur_and_phrases_are_not_stemmed() {
        let q = query("budget  direktionen");
        assert_eq!(q.terms.len(), 2);
        assert!(q.matches_folded(&fold("Direktionen godkender budgettet")));
        assert!(!q.matches_folded(&fold("Direktionen godkender")));
        let phrase = query("\"til efterretning\"");
        assert_eq!(phrase.needles(), vec!["til efterretning"]);
        assert!(phrase.matches_folded(&fold("tager sagen til\nefterretning.")));
        assert!(!phrase.matches_folded(&fold("tager til sagen efterretning")));
        assert_eq!(query("24/5629").needles(), vec!["24 5629"]);
        assert!(Query::parse(" -- ").is_none());
        assert!(Query::parse("\"\"").is_none());
    }

    #[test]
    fn snippets_mark_whole_words() {
        let text = "Kommunen vil opstille vindmøllerne langs kysten.";
        let s = query("vindmølle").snippet(text).unwrap();
        assert_eq!(s.text, text);
        let marked: Vec<&str> = s.marks.iter().map(|m| &s.text[m.clone()]).collect();
        assert_eq!(marked, vec!["vindmøllerne"]);
        assert_eq!(
            s.pieces(),
            vec![
                ("Kommunen vil opstille ", false),
                ("vindmøllerne", true),
                (" langs kysten.", false)
            ]
        );
    }

    #[test]
    fn long_sections_are_cut_around_the_match() {
        let words: Vec<String> = (0..200).map(|i| format!("ord{i}")).collect();
        let mut text = words.join(" ");
        text.push_str(" Beredskabet\n\nskal   styrkes ");
        text.push_str(&words.join(" "));
        let s = query("beredskab").snippet(&text).unwrap();
        assert!(s.text.starts_with("… "), "{}", s.text);
        assert!(s.text.ends_with(" …"), "{}", s.text);
        assert!(s.text.contains("Beredskabet skal styrkes"), "{}", s.text);
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 20, "{}", s.text);
        assert_eq!(&s.text[s.marks[0].clone()], "Beredskabet");
        assert!(query("solcelle").snippet(&text).is_none());
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(text in "\\PC{0,80}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
            let (mapped, map) = fold_mapped(&text);
            prop_assert_eq!(&mapped, &once);
            prop_assert_eq!(map.len(), once.len());
        }

        #[test]
        fn every_snippet_holds_what_was_looked_for(
            before in "[a-zæøåA-ZÆØÅ .,\n-]{0,300}",
            word in "[a-zæøå]{3,12}",
            after in "[a-zæøåA-ZÆØÅ .,\n-]{0,300}",
        ) {
            let text = format!("{before} {word} {after}");
            let q = Query::parse(&word).unwrap();
            let s = q.snippet(&text);
            prop_assert!(s.is_some(), "{:?} not found in {:?}", q.needles(), text);
            let s = s.unwrap();
            let folded = fold(&s.text);
            for needle in q.needles() {
                prop_assert!(folded.contains(needle), "{:?} not in {:?}", needle, s.text);
            }
            prop_assert!(!s.marks.is_empty());
            for m in &s.marks {
                let marked = fold(&s.text[m.clone()]);
                prop_assert!(q.needles().iter().any(|n| marked.contains(n)), "{:?}", marked);
            }
        }
    }
}
