//! Blame: which version of a text introduced each of its newest words.
//! Pure: texts in, runs out.
//!
//! The versions are a case's treatments, oldest first, each with its text of
//! one section. Walking them in order, every step is the word diff
//! [`crate::diff`] uses, on the normalised text ([`crate::normalize`]):
//! words both versions share keep whom they came from, inserted words come
//! from the newer version, deleted words are gone. Re-wrapping, markdown
//! versus text and PDF noise are gone after normalisation, so they never
//! move authorship. A version without the text (a treatment known only from
//! a quote has no Indstilling; an item without the section) is skipped
//! rather than read as deleting everything.

use crate::diff::{Op, Tag, word_count, word_ops};
use crate::normalize::normalize;

/// A stretch of the newest text that came in with one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text, a piece of the newest normalised text: the runs joined
    /// give it whole.
    pub text: String,
    /// The index of the version that introduced it.
    pub version: usize,
}

/// The newest text, attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blame {
    /// The index of the version whose text this is: the newest with text.
    pub newest: usize,
    /// The runs in text order; neighbours never share a version.
    pub runs: Vec<Run>,
}

/// Bytes of the current text that came in with one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    len: usize,
    version: usize,
}

/// Attributes the newest text among `versions` (oldest first; `None`, or a
/// text that normalises to nothing, for a version without it). `None` where
/// no version has text.
pub fn blame<'a>(versions: impl IntoIterator<Item = Option<&'a str>>) -> Option<Blame> {
    let mut current: Option<(usize, String, Vec<Span>)> = None;
    for (version, text) in versions.into_iter().enumerate() {
        let Some(text) = text.map(normalize).filter(|t| !t.is_empty()) else {
            continue;
        };
        let spans = match &current {
            None => vec![Span {
                len: text.len(),
                version,
            }],
            Some((_, previous, spans)) => carry(spans, previous, &text, version),
        };
        current = Some((version, text, spans));
    }
    let (newest, text, spans) = current?;
    Some(Blame {
        newest,
        runs: runs(&text, &spans),
    })
}

/// The spans of `next`, from those of `previous` and the word diff between
/// the two: shared text keeps its spans, changed text is `version`'s. A
/// paragraph of `next` that shares less than half its words with
/// `previous` is `version`'s whole, as `diff` shows it replaced whole.
fn carry(spans: &[Span], previous: &str, next: &str, version: usize) -> Vec<Span> {
    let mut carried: Vec<Span> = Vec::new();
    let mut old = SpanCursor::new(spans);
    for piece in pieces(word_ops(previous, next)) {
        match piece {
            Piece::Same(shared) => old.take(shared.len, &mut carried),
            Piece::Changed { old: gone, new } => {
                old.skip(gone.len);
                push(
                    &mut carried,
                    Span {
                        len: new.len,
                        version,
                    },
                );
            }
        }
    }
    replaced_paragraphs(&carried, next, version)
}

/// Below this share of words kept from earlier versions, a paragraph is
/// taken as rewritten: [`crate::diff`]'s measure for a replaced block.
const MIN_SHARED_RATIO: f64 = 0.5;

/// The spans of `text` with every paragraph that shares too few of its
/// words with earlier versions given whole to `version`: a sentence
/// rewritten around a few common words (`at`, `og`, `med bemærkning om`)
/// is the rewriter's, not confetti of old dates.
fn replaced_paragraphs(spans: &[Span], text: &str, version: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut cursor = SpanCursor::new(spans);
    for paragraph in text.split_inclusive("\n\n") {
        let mut own: Vec<Span> = Vec::new();
        cursor.take(paragraph.len(), &mut own);
        let (shared, words) = shared_words(paragraph, &own, version);
        if (shared as f64) < MIN_SHARED_RATIO * words as f64 {
            push(
                &mut out,
                Span {
                    len: paragraph.len(),
                    version,
                },
            );
        } else {
            for span in own {
                push(&mut out, span);
            }
        }
    }
    out
}

/// Of the words of `text` (those with a letter or digit), how many came
/// from a version other than `version`, and how many there are.
fn shared_words(text: &str, spans: &[Span], version: usize) -> (usize, usize) {
    let (mut shared, mut words) = (0, 0);
    let mut spans = spans.iter();
    let mut span = spans.next();
    let mut span_end = span.map_or(0, |s| s.len);
    let mut offset = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        while offset >= span_end
            && let Some(next) = spans.next()
        {
            span = Some(next);
            span_end += next.len;
        }
        if word.chars().any(char::is_alphanumeric) {
            words += 1;
            shared += usize::from(span.is_some_and(|s| s.version != version));
        }
        offset += word.len();
    }
    (shared, words)
}

/// Text of a word diff, measured: its bytes and its words (those with a
/// letter or digit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Extent {
    len: usize,
    words: usize,
}

impl Extent {
    fn of(text: &str) -> Extent {
        Extent {
            len: text.len(),
            words: word_count(text),
        }
    }

    fn add(&mut self, other: Extent) {
        self.len += other.len;
        self.words += other.words;
    }
}

/// A stretch of a word diff: text both versions share, or a change (what
/// the older had there, what the newer has). Kept as measures, not text, so
/// that merging a long run of changes costs nothing per merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Same(Extent),
    Changed { old: Extent, new: Extent },
}

impl Piece {
    /// The words of a change, on its larger side.
    fn weight(&self) -> usize {
        match self {
            Piece::Same(_) => 0,
            Piece::Changed { old, new } => old.words.max(new.words),
        }
    }
}

/// The ops as pieces, where a rewritten sentence that happens to share a
/// few words with the old one (`at`, `og`, a full stop) is one change: a
/// shared stretch no longer than the changes on both sides of it, or one
/// with no word at all next to a change, is part of the change (the
/// semantic clean-up of diff-match-patch, in words). Otherwise the newest
/// text would be confetti of dates, each `og` kept from a sentence long
/// gone.
fn pieces(ops: Vec<Op>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for op in ops {
        let text = Extent::of(&op.text);
        let piece = match op.tag {
            Tag::Equal => Piece::Same(text),
            Tag::Delete => Piece::Changed {
                old: text,
                new: Extent::default(),
            },
            Tag::Insert => Piece::Changed {
                old: Extent::default(),
                new: text,
            },
        };
        out.push(piece);
        absorb(&mut out);
    }
    out
}

/// Merges the end of `pieces` while a change there can take in the shared
/// stretch before it (each merge makes the change heavier, so it may take
/// the next one too).
fn absorb(pieces: &mut Vec<Piece>) {
    loop {
        let n = pieces.len();
        let merge = match pieces.as_slice() {
            [.., Piece::Changed { .. }, Piece::Changed { .. }] => 2,
            [
                ..,
                before @ Piece::Changed { .. },
                Piece::Same(shared),
                after @ Piece::Changed { .. },
            ] if shared.words <= before.weight().min(after.weight()) => 3,
            [.., Piece::Same(shared), Piece::Changed { .. }] if shared.words == 0 => 2,
            [.., Piece::Changed { .. }, Piece::Same(shared)] if shared.words == 0 => 2,
            _ => return,
        };
        let mut old = Extent::default();
        let mut new = Extent::default();
        for piece in pieces.drain(n - merge..) {
            match piece {
                Piece::Same(shared) => {
                    old.add(shared);
                    new.add(shared);
                }
                Piece::Changed { old: o, new: n } => {
                    old.add(o);
                    new.add(n);
                }
            }
        }
        pieces.push(Piece::Changed { old, new });
    }
}

/// Reads spans of a text from its start, a given number of bytes at a time.
struct SpanCursor<'s> {
    spans: &'s [Span],
    /// The span being read.
    index: usize,
    /// Bytes of it already read.
    used: usize,
}

impl<'s> SpanCursor<'s> {
    fn new(spans: &'s [Span]) -> Self {
        SpanCursor {
            spans,
            index: 0,
            used: 0,
        }
    }

    /// The next `len` bytes, appended to `out` with their versions.
    fn take(&mut self, mut len: usize, out: &mut Vec<Span>) {
        while len > 0 {
            let Some(span) = self.spans.get(self.index) else {
                return;
            };
            let n = (span.len - self.used).min(len);
            push(
                out,
                Span {
                    len: n,
                    version: span.version,
                },
            );
            self.advance(n);
            len -= n;
        }
    }

    /// Passes over the next `len` bytes.
    fn skip(&mut self, mut len: usize) {
        while len > 0 {
            let Some(span) = self.spans.get(self.index) else {
                return;
            };
            let n = (span.len - self.used).min(len);
            self.advance(n);
            len -= n;
        }
    }

    fn advance(&mut self, n: usize) {
        self.used += n;
        if self.used == self.spans[self.index].len {
            self.index += 1;
            self.used = 0;
        }
    }
}

fn push(spans: &mut Vec<Span>, span: Span) {
    match spans.last_mut() {
        Some(last) if last.version == span.version => last.len += span.len,
        _ if span.len == 0 => {}
        _ => spans.push(span),
    }
}

/// The spans as runs of `text`. White space and punctuation have no
/// author: every run but the first starts with a word (a stretch without
/// white space that holds a letter or digit, an opening bracket or quote
/// of its own included) right after white space. What a span has before
/// its first such word (a full stop, a comma put in, the white space after
/// them, a paragraph split) goes with the run before it, so that neither
/// ever makes a run of its own or starts one.
fn runs(text: &str, spans: &[Span]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut start = 0;
    for span in spans {
        let end = start + span.len;
        let piece = &text[start..end];
        match out.last_mut() {
            Some(last) if last.version == span.version => last.text.push_str(piece),
            Some(last) => match first_word(text, start, end) {
                Some(at) => {
                    last.text.push_str(&text[start..at]);
                    out.push(Run {
                        text: text[at..end].to_string(),
                        version: span.version,
                    });
                }
                None => last.text.push_str(piece),
            },
            None => out.push(Run {
                text: piece.to_string(),
                version: span.version,
            }),
        }
        start = end;
    }
    // Nothing comes before the first run to take its punctuation.
    if out.len() > 1 && !has_word(&out[0].text) {
        let first = out.remove(0);
        out[0].text.insert_str(0, &first.text);
    }
    out
}

/// Where the first word of `text[start..end]` begins: the first byte there
/// that follows white space (or begins the text) and begins a stretch
/// without white space that holds a letter or digit.
fn first_word(text: &str, start: usize, end: usize) -> Option<usize> {
    let mut after_space = text[..start]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    for (offset, c) in text[start..end].char_indices() {
        let at = start + offset;
        if after_space && !c.is_whitespace() {
            let word = text[at..].split(char::is_whitespace).next().unwrap_or("");
            if has_word(word) {
                return Some(at);
            }
        }
        after_space = c.is_whitespace();
    }
    None
}

fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The runs as `version:text` pieces.
    fn pieces(blame: &Blame) -> Vec<(usize, &str)> {
        blame
            .runs
            .iter()
            .map(|r| (r.version, r.text.as_str()))
            .collect()
    }

    #[test]
    fn an_edit_is_the_editing_version_s_the_rest_stays() {
        let b = blame([
            Some("CBA indstiller, at direktionen godkender igangsætning af projektet."),
            Some("CBA indstiller, at direktionen godkender igangsætning af projektet."),
            Some(
                "CBA indstiller, at direktionen godkender igangsætning af projektets første fase.",
            ),
        ])
        .unwrap();
        assert_eq!(b.newest, 2);
        assert_eq!(
            pieces(&b),
            [
                (
                    0,
                    "CBA indstiller, at direktionen godkender igangsætning af "
                ),
                (2, "projektets første fase."),
            ]
        );
    }

    #[test]
    fn a_sentence_added_later_is_the_later_version_s() {
        let b = blame([
            Some("Sagen drøftes."),
            Some("Sagen drøftes.\n\nDirektionen beder om en ny plan."),
            Some("Sagen drøftes.\n\nDirektionen beder om en ny plan. Budgettet godkendes."),
        ])
        .unwrap();
        assert_eq!(
            pieces(&b),
            [
                (0, "Sagen drøftes.\n\n"),
                (1, "Direktionen beder om en ny plan. "),
                (2, "Budgettet godkendes."),
            ]
        );
    }

    #[test]
    fn a_rewritten_sentence_keeps_no_confetti_of_shared_words() {
        let b = blame([
            Some("Økonomiudvalget anbefaler med følgende præcisering at ændringerne tilføjes for og imod."),
            Some("Med stemmerne 18 for og 2 imod godkendte Byrådet Økonomiudvalgets indstilling."),
        ])
        .unwrap();
        assert_eq!(
            pieces(&b),
            [(
                1,
                "Med stemmerne 18 for og 2 imod godkendte Byrådet Økonomiudvalgets indstilling."
            )]
        );
    }

    #[test]
    fn a_comma_put_in_makes_no_run() {
        let b = blame([
            Some("CPO indstiller at I/S Hedelands regnskab tages til efterretning."),
            Some("CPO indstiller, at I/S Hedelands regnskab tages til efterretning."),
        ])
        .unwrap();
        assert_eq!(
            pieces(&b),
            [(
                0,
                "CPO indstiller, at I/S Hedelands regnskab tages til efterretning."
            )]
        );
    }

    #[test]
    fn punctuation_and_the_space_after_it_are_the_run_before_s() {
        // Greve, 22-015649: a sentence ended and another added; the full
        // stop and the space after it are not the new sentence's start.
        let b = blame([
            Some("Administrationen indstiller, at budgettet godkendes"),
            Some(
                "Administrationen indstiller, at budgettet godkendes. at bruttolisten prioriteres.",
            ),
        ])
        .unwrap();
        assert_eq!(
            pieces(&b),
            [
                (0, "Administrationen indstiller, at budgettet godkendes. "),
                (1, "at bruttolisten prioriteres."),
            ]
        );
        // A comma and words put in after a word: the comma is the old run's.
        let b = blame([
            Some("Direktionen godkender planen og budgettet i sin helhed."),
            Some(
                "Direktionen godkender planen, med de nævnte ændringer, og budgettet i sin helhed.",
            ),
        ])
        .unwrap();
        for pair in b.runs.windows(2) {
            assert!(pair[0].text.ends_with(' '), "{pair:?}");
            assert!(pair[1].text.starts_with(char::is_alphanumeric), "{pair:?}");
        }
        // An opening bracket is part of its word.
        let b = blame([
            Some("Planen godkendes som foreslået af direktionen."),
            Some("Planen godkendes (bilag 2 og 3) som foreslået af direktionen."),
        ])
        .unwrap();
        assert!(b.runs.iter().any(|r| r.text.starts_with("(bilag")), "{b:?}");
    }

    #[test]
    fn a_version_without_the_text_is_skipped() {
        let b = blame([Some("Indstillingen godkendes."), None, Some(""), None]).unwrap();
        assert_eq!(b.newest, 0);
        assert_eq!(pieces(&b), [(0, "Indstillingen godkendes.")]);
        let b = blame([Some("A godkendes."), None, Some("A godkendes.")]).unwrap();
        assert_eq!((b.newest, pieces(&b)), (2, vec![(0, "A godkendes.")]));
        assert_eq!(blame([None, Some("  \n"), None]), None);
    }

    #[test]
    fn layout_moves_no_authorship() {
        let b = blame([
            Some("- første punkt\n- andet punkt\n\nDirektionen godkender\nprogrammet."),
            Some("**• første punkt**\n• andet punkt\nDirektionen godkender programmet.\n??"),
        ])
        .unwrap();
        assert_eq!(b.runs.len(), 1, "{b:?}");
        assert_eq!(b.runs[0].version, 0);
    }

    #[test]
    fn a_paragraph_split_alone_makes_no_run() {
        let b = blame([Some("A b. C d."), Some("A b.\n\nC d.")]).unwrap();
        assert_eq!(pieces(&b), [(0, "A b.\n\nC d.")]);
    }

    #[test]
    fn words_deleted_then_put_back_are_the_later_version_s() {
        let long = "Sagen udsættes til næste møde, hvor direktionen drøfter den igen.";
        let b = blame([
            Some(long),
            Some("Sagen udsættes, hvor direktionen drøfter den igen."),
            Some(long),
        ])
        .unwrap();
        assert_eq!(
            pieces(&b),
            [
                (0, "Sagen udsættes "),
                (2, "til næste møde, "),
                (0, "hvor direktionen drøfter den igen.")
            ]
        );
    }

    #[test]
    fn a_paragraph_mostly_new_is_the_new_version_s_whole() {
        let b = blame([
            Some("Sagen udsættes.\n\nDirektionen drøfter planen."),
            Some("Sagen udsættes til næste møde af hensyn til økonomien.\n\nDirektionen drøfter planen."),
        ])
        .unwrap();
        assert_eq!(
            pieces(&b),
            [
                (
                    1,
                    "Sagen udsættes til næste møde af hensyn til økonomien.\n\n"
                ),
                (0, "Direktionen drøfter planen.")
            ]
        );
    }

    const WORDS: [&str; 12] = [
        "sagen",
        "direktionen",
        "godkender",
        "at",
        "budget",
        "2024",
        "udsættes",
        "og",
        "i",
        "planen",
        ".",
        ",",
    ];

    /// Texts of a few paragraphs of words from a small vocabulary, so that
    /// versions share words as real ones do.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::collection::vec(prop::sample::select(WORDS.to_vec()), 0..12),
            0..4,
        )
        .prop_map(|paragraphs| {
            paragraphs
                .iter()
                .map(|p| p.join(" "))
                .collect::<Vec<_>>()
                .join("\n\n")
        })
    }

    /// The same text laid out anew: some spaces become line breaks or runs
    /// of spaces, as another export would wrap it.
    fn relaid(text: &str, breaks: &[u8]) -> String {
        let mut out = String::new();
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push_str(match breaks.get(i % breaks.len().max(1)) {
                    Some(0) => "\n",
                    Some(1) => "   ",
                    _ => " ",
                });
            }
            out.push_str(word);
        }
        out
    }

    fn versions() -> impl Strategy<Value = Vec<Option<String>>> {
        prop::collection::vec(prop::option::weighted(0.8, text()), 1..6)
    }

    proptest! {
        #[test]
        fn the_runs_make_the_newest_normalised_text(versions in versions()) {
            let newest = versions.iter().rev().flatten().map(|t| normalize(t)).find(|t| !t.is_empty());
            let b = blame(versions.iter().map(Option::as_deref));
            prop_assert_eq!(newest.is_some(), b.is_some());
            if let (Some(newest), Some(b)) = (newest, b) {
                let joined: String = b.runs.iter().map(|r| r.text.as_str()).collect();
                prop_assert_eq!(joined, newest);
                for pair in b.runs.windows(2) {
                    prop_assert_ne!(pair[0].version, pair[1].version);
                }
                for pair in b.runs.windows(2) {
                    // A run begins after white space, with a word.
                    prop_assert!(pair[0].text.ends_with(char::is_whitespace), "{:?}", pair);
                    let word = pair[1].text.split(char::is_whitespace).next().unwrap_or("");
                    prop_assert!(has_word(word), "{:?}", pair);
                }
                for run in &b.runs {
                    prop_assert!(has_word(&run.text) || b.runs.len() == 1);
                    prop_assert!(run.version <= b.newest);
                    prop_assert!(versions[run.version].is_some());
                }
            }
        }

        #[test]
        fn a_text_never_changed_is_all_the_first_version_s(
            text in text(),
            layouts in prop::collection::vec(prop::collection::vec(0u8..3, 1..5), 1..5),
        ) {
            prop_assume!(!normalize(&text).is_empty());
            let versions: Vec<String> = layouts.iter().map(|l| relaid(&text, l)).collect();
            let b = blame(versions.iter().map(|v| Some(v.as_str()))).unwrap();
            prop_assert_eq!(b.runs.len(), 1);
            prop_assert_eq!(b.runs[0].version, 0);
        }

        #[test]
        fn layout_never_moves_authorship(versions in versions(), breaks in prop::collection::vec(0u8..3, 1..6)) {
            let relaid: Vec<Option<String>> = versions
                .iter()
                .map(|v| v.as_deref().map(|t| relaid(t, &breaks)))
                .collect();
            prop_assert_eq!(
                blame(versions.iter().map(Option::as_deref)),
                blame(relaid.iter().map(Option::as_deref))
            );
        }
    }
}
