//! Invariants, tried on generated input.

use crate::util::*;
use proptest::prelude::*;
use sagsspor::diff::diff_text;
use sagsspor::ingest;
use sagsspor::normalize::normalize;
use sagsspor::render::{Style, changes};
use sagsspor::sanitize::for_terminal;
use sagsspor::store::{Minutes, Store};

/// Words as prose has them: Danish letters, sometimes a dash between words.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-zæøåA-ZÆØÅ]{1,12}",
        1 => Just("-".to_string()),
        1 => "[0-9]{1,4}",
    ]
}

/// Paragraphs of words, the last word of each ending a sentence. A paragraph
/// never starts with a dash: `- ` at the start of a paragraph is a list item,
/// and a list item wrapped at a dash is ambiguous to any reader.
fn paragraphs() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(word(), 1..40), 1..5).prop_map(|mut ps| {
        for p in &mut ps {
            if p[0] == "-" {
                p[0] = "Og".to_string();
            }
            if let Some(last) = p.last_mut() {
                last.push('.');
            }
        }
        ps
    })
}

/// Lays paragraphs out with lines of at most `width` characters.
fn wrap(paragraphs: &[Vec<String>], width: usize) -> String {
    paragraphs
        .iter()
        .map(|p| rewrap(&p.join(" "), width))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}')
}

proptest! {
    #[test]
    fn normalisation_is_idempotent(text in "(?s).{0,400}") {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn markup_heavy_text_normalises_idempotently(text in "([#*_?•\\- \n]|[a-zæ]{1,5}|\\*\\*|\\. ){0,80}") {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn rewrapping_never_changes_the_normalised_text(ps in paragraphs(), a in 8usize..120, b in 8usize..120) {
        prop_assert_eq!(normalize(&wrap(&ps, a)), normalize(&wrap(&ps, b)));
        let ops = diff_text(&wrap(&ps, a), &wrap(&ps, b));
        prop_assert!(ops.iter().all(|op| op.tag == sagsspor::diff::Tag::Equal));
    }

    #[test]
    fn no_control_character_reaches_rendered_output(a in "(?s).{0,200}", b in "(?s).{0,200}") {
        for color in [false, true] {
            let rendered = changes(&diff_text(&a, &b), Style { color, width: None });
            // Colour codes are ours; strip them before looking for the document's.
            let without_ours = rendered
                .replace("\u{1b}[31m", "")
                .replace("\u{1b}[32m", "")
                .replace("\u{1b}[9m", "")
                .replace("\u{1b}[39m", "")
                .replace("\u{1b}[29m", "")
                .replace("\u{1b}[0m", "");
            prop_assert!(!without_ours.chars().any(is_forbidden), "{:?}", without_ours);
        }
        prop_assert!(!for_terminal(&a).chars().any(is_forbidden));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn import_order_never_changes_the_tree(order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(), split in 1usize..7) {
        let mut files = all_seeds();
        files.push(handmade("2024-03-19_direktionen.txt"));
        files.push(handmade("2025-11-04_direktionen.md"));
        let minutes: Vec<Minutes> = files
            .iter()
            .map(|f| ingest::read(f).unwrap().minutes)
            .collect();
        let reference = TempStore::new();
        let store = Store::open_or_create(&reference.path).unwrap();
        store.import(|| {}, |s| for m in &minutes { s.add(m, &Default::default()).unwrap(); }).unwrap();
        let shuffled = TempStore::new();
        let store2 = Store::open_or_create(&shuffled.path).unwrap();
        // Two imports (two processes' worth) in a random order.
        store2.import(|| {}, |s| for &i in &order[..split] { s.add(&minutes[i], &Default::default()).unwrap(); }).unwrap();
        store2.import(|| {}, |s| for &i in &order[split..] { s.add(&minutes[i], &Default::default()).unwrap(); }).unwrap();
        prop_assert_eq!(store.head_tree_id().unwrap(), store2.head_tree_id().unwrap());
        prop_assert_eq!(
            store.snapshot().unwrap().summary().unwrap(),
            store2.snapshot().unwrap().summary().unwrap()
        );
    }
}
