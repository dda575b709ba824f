//! The differ: two treatments in, word-level changes per section out. Pure.
//!
//! Sections are compared in their normalised form (see [`crate::normalize`]),
//! so re-wrapping or a markdown export never shows as a change. Word tokens
//! are diffed directly with `similar` under one explicit deadline (its inline
//! helpers carry a hidden one and drop emphasis below a similarity ratio).
//! White space between two changes joins them, and a section that changed
//! almost entirely is shown as one replaced block rather than confetti.

use crate::normalize::normalize;
use crate::treatment::Treatment;
use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};
use std::time::Duration;

/// How long one section's diff may take before `similar` settles for a
/// coarser (still correct) result.
const DEADLINE: Duration = Duration::from_millis(500);
/// Below this share of unchanged words, a section is shown as replaced whole.
const MIN_SHARED_RATIO: f64 = 0.5;

/// What a piece of text did between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    /// In both.
    Equal,
    /// Only in the newer version.
    Insert,
    /// Only in the older version.
    Delete,
}

/// A run of text with one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Op {
    /// What the text did.
    pub tag: Tag,
    /// The text (normalised; paragraphs separated by a blank line).
    pub text: String,
}

/// The comparison of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionDiff {
    /// `indstilling`, `beslutning`, or another section's name in lower case.
    pub name: String,
    /// True when both versions are known and differ.
    pub changed: bool,
    /// False when the older version's text is not known (a treatment known
    /// only from a quote has no known Indstilling).
    pub from_known: bool,
    /// Likewise for the newer version.
    pub to_known: bool,
    /// The changes; empty when either side is unknown.
    pub ops: Vec<Op>,
}

/// What a renderer says about one section of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionState<'a> {
    /// The older treatment's text is not known (it is only quoted).
    FromUnknown,
    /// The newer treatment's text is not known.
    ToUnknown,
    /// Neither treatment has the section.
    Absent,
    /// Both have it, word for word the same.
    Unchanged,
    /// It changed: the ops, with context.
    Changed(&'a [Op]),
}

impl SectionDiff {
    /// Which of the four things there is to say about this section.
    pub fn state(&self) -> SectionState<'_> {
        if !self.from_known {
            SectionState::FromUnknown
        } else if !self.to_known {
            SectionState::ToUnknown
        } else if self.ops.is_empty() {
            SectionState::Absent
        } else if !self.changed {
            SectionState::Unchanged
        } else {
            SectionState::Changed(&self.ops)
        }
    }
}

/// The section names diffed when none are asked for.
pub const DEFAULT_SECTIONS: [&str; 2] = ["indstilling", "beslutning"];

/// Diffs the named sections of two treatments of one case.
pub fn diff_treatments(from: &Treatment, to: &Treatment, sections: &[String]) -> Vec<SectionDiff> {
    sections
        .iter()
        .map(|name| {
            let name = name.to_lowercase();
            let (from_known, old) = section_text(from, &name);
            let (to_known, new) = section_text(to, &name);
            let ops = if from_known && to_known {
                diff_text(old.unwrap_or_default(), new.unwrap_or_default())
            } else {
                Vec::new()
            };
            let changed = ops.iter().any(|op| op.tag != Tag::Equal);
            SectionDiff {
                name,
                changed,
                from_known,
                to_known,
                ops,
            }
        })
        .collect()
}

/// Whether a section's text is known for a treatment (an Indstilling or
/// other section of a treatment known only from a quote is not), and the
/// text if any.
pub fn section_text<'t>(t: &'t Treatment, name: &str) -> (bool, Option<&'t str>) {
    match name {
        "indstilling" => (!t.quoted, t.indstilling.as_deref()),
        "beslutning" => (true, t.beslutning.as_deref()),
        other => (
            !t.quoted,
            t.sections
                .iter()
                .find(|s| s.name.to_lowercase() == other)
                .map(|s| s.text.as_str()),
        ),
    }
}

/// Word-level diff of two texts, after normalisation.
pub fn diff_text(old: &str, new: &str) -> Vec<Op> {
    let old = normalize(old);
    let new = normalize(new);
    let ops = word_ops(&old, &new);
    if old == new {
        return ops;
    }
    let shared: usize = ops
        .iter()
        .filter(|op| op.tag == Tag::Equal)
        .map(|op| word_count(&op.text))
        .sum();
    let longest = word_count(&old).max(word_count(&new));
    if !old.is_empty() && !new.is_empty() && (shared as f64) < MIN_SHARED_RATIO * longest as f64 {
        return vec![
            Op {
                tag: Tag::Delete,
                text: old,
            },
            Op {
                tag: Tag::Insert,
                text: new,
            },
        ];
    }
    ops
}

/// Word-level diff of two texts already normalised: every change as the
/// word diff finds it, neighbouring changes joined, but never widened into
/// a replaced block (that is [`diff_text`]'s choice for a reader of
/// changes; [`crate::blame`] needs each shared word). The ops rebuild both
/// texts exactly.
pub fn word_ops(old: &str, new: &str) -> Vec<Op> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Op {
                tag: Tag::Equal,
                text: old.to_string(),
            }]
        };
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DEADLINE)
        .diff_unicode_words(old, new);
    let mut ops: Vec<Op> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => Tag::Equal,
            ChangeTag::Insert => Tag::Insert,
            ChangeTag::Delete => Tag::Delete,
        };
        push(&mut ops, tag, change.value());
    }
    join_changes(ops)
}

/// Words with at least one letter or digit: punctuation shared by two
/// unrelated sentences does not make them similar.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn push(ops: &mut Vec<Op>, tag: Tag, text: &str) {
    match ops.last_mut() {
        Some(last) if last.tag == tag => last.text.push_str(text),
        _ => ops.push(Op {
            tag,
            text: text.to_string(),
        }),
    }
}

/// Joins changes separated only by white space or punctuation-free gaps of
/// one space into one deletion followed by one insertion, so that a changed
/// phrase reads as `[-old words-]{+new words+}` rather than word confetti.
fn join_changes(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::new();
    let mut deleted = String::new();
    let mut inserted = String::new();
    let mut i = 0;
    while i < ops.len() {
        let op = &ops[i];
        let in_change = !deleted.is_empty() || !inserted.is_empty();
        let bridges = op.tag == Tag::Equal
            && in_change
            && op.text.trim().is_empty()
            && ops.get(i + 1).is_some_and(|next| next.tag != Tag::Equal);
        match op.tag {
            Tag::Delete => deleted.push_str(&op.text),
            Tag::Insert => inserted.push_str(&op.text),
            Tag::Equal if bridges => {
                deleted.push_str(&op.text);
                inserted.push_str(&op.text);
            }
            Tag::Equal => {
                flush(&mut out, &mut deleted, &mut inserted);
                push(&mut out, Tag::Equal, &op.text);
            }
        }
        i += 1;
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

fn flush(out: &mut Vec<Op>, deleted: &mut String, inserted: &mut String) {
    let deleted = std::mem::take(deleted);
    let inserted = std::mem::take(inserted);
    // The same white space on both sides (a bridge with nothing around it)
    // is no change. Anything else is kept exactly as it is, white space
    // included (a paragraph split is a change too), so the ops always
    // rebuild both texts.
    if deleted == inserted && deleted.trim().is_empty() {
        if !deleted.is_empty() {
            push(out, Tag::Equal, &deleted);
        }
        return;
    }
    for (tag, text) in [(Tag::Delete, deleted), (Tag::Insert, inserted)] {
        if !text.is_empty() {
            out.push(Op { tag, text });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(ops: &[Op]) -> String {
        ops.iter()
            .map(|op| match op.tag {
                Tag::Equal => op.text.clone(),
                Tag::Delete => format!("[-{}-]", op.text),
                Tag::Insert => format!("{{+{}+}}", op.text),
            })
            .collect()
    }

    #[test]
    fn rewrapped_text_is_unchanged() {
        let ops = diff_text(
            "Det indstilles, at\ndirektionen drøfter status",
            "Det indstilles, at direktionen drøfter status",
        );
        assert!(ops.iter().all(|op| op.tag == Tag::Equal));
    }

    #[test]
    fn an_edit_shows_exactly_the_edited_words() {
        let ops = diff_text(
            "CBA indstiller, at direktionen godkender igangsætning af projektet.",
            "CBA indstiller, at direktionen godkender igangsætning af projektets første fase.",
        );
        assert_eq!(
            render(&ops),
            "CBA indstiller, at direktionen godkender igangsætning af [-projektet-]{+projektets første fase+}."
        );
    }

    #[test]
    fn a_wholly_new_text_is_one_replaced_block() {
        let ops = diff_text(
            "Sagen genfremsættes mhp. at drøftelsen forlænges.",
            "Direktionen tager drøftelsen til efterretning.",
        );
        assert_eq!(
            render(&ops),
            "[-Sagen genfremsættes mhp. at drøftelsen forlænges.-]{+Direktionen tager drøftelsen til efterretning.+}"
        );
    }

    /// The old and the new text as the ops rebuild them.
    fn sides(ops: &[Op]) -> (String, String) {
        let side = |skip: Tag| {
            ops.iter()
                .filter(|o| o.tag != skip)
                .map(|o| o.text.as_str())
                .collect()
        };
        (side(Tag::Insert), side(Tag::Delete))
    }

    #[test]
    fn a_paragraph_split_is_a_change_and_ops_rebuild_both_texts() {
        let ops = diff_text("A b. C d.", "A b.\n\nC d.");
        assert!(ops.iter().any(|op| op.tag != Tag::Equal), "{ops:?}");
        assert_eq!(
            sides(&ops),
            ("A b. C d.".to_string(), "A b.\n\nC d.".to_string())
        );
    }

    #[test]
    fn a_removed_space_is_a_change_of_its_own() {
        let ops = diff_text("dagsorden - Plan for møder", "dagsorden- Plan for møder");
        assert_eq!(
            sides(&ops),
            (
                "dagsorden - Plan for møder".to_string(),
                "dagsorden- Plan for møder".to_string()
            )
        );
    }

    #[test]
    fn punctuation_is_its_own_token() {
        let ops = diff_text("i projektet, og", "i projektet i 2024, og");
        assert_eq!(render(&ops), "i projektet{+ i 2024+}, og");
    }
}
