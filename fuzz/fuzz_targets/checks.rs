//! The checks run by the `parse` fuzz target, kept apart so that a plain
//! binary can `#[path]`-include them to replay an input without libFuzzer.

use sagsspor::{classify, diff, formats, normalize, sanitize, text};

fn check_normalize(label: &str, s: &str) {
    let once = normalize::normalize(s);
    let twice = normalize::normalize(&once);
    assert_eq!(
        twice, once,
        "normalize not idempotent ({label}); input {s:?}; once {once:?}"
    );
}

fn check_terminal(s: &str) {
    for f in [sanitize::for_terminal(s), sanitize::one_line(s)] {
        if let Some(bad) = f.chars().find(|&c| {
            (c < '\u{20}' && c != '\n' && c != '\t')
                || c == '\u{1b}'
                || c == '\u{7f}'
                || ('\u{80}'..='\u{9f}').contains(&c)
        }) {
            panic!("for_terminal let through U+{:04X}: {f:?}", bad as u32);
        }
    }
}

fn check_diff(a: &str, b: &str) {
    let ops = diff::diff_text(a, b);
    let mut old = String::new();
    let mut new = String::new();
    for op in &ops {
        match op.tag {
            diff::Tag::Equal => {
                old.push_str(&op.text);
                new.push_str(&op.text);
            }
            diff::Tag::Delete => old.push_str(&op.text),
            diff::Tag::Insert => new.push_str(&op.text),
        }
    }
    // Words must never be lost, duplicated or reordered. White space is
    // compared loosely by default, because `diff::flush` reports a change
    // that is only white space (`" "` → `"\n\n"`) as Equal text holding both
    // sides (see fuzz/README.md); set SAGSSPOR_FUZZ_STRICT_DIFF=1 to compare
    // exactly.
    let strict =
        *STRICT_DIFF.get_or_init(|| std::env::var_os("SAGSSPOR_FUZZ_STRICT_DIFF").is_some());
    let (na, nb) = (normalize::normalize(a), normalize::normalize(b));
    if strict {
        assert_eq!(old, na, "diff ops do not rebuild the old text");
        assert_eq!(new, nb, "diff ops do not rebuild the new text");
    } else {
        assert_eq!(
            squeeze(&old),
            squeeze(&na),
            "diff ops do not rebuild the old text's words"
        );
        assert_eq!(
            squeeze(&new),
            squeeze(&nb),
            "diff ops do not rebuild the new text's words"
        );
    }
}

static STRICT_DIFF: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Splits at the char boundary nearest the middle.
fn halves(s: &str) -> (&str, &str) {
    let mut mid = s.len() / 2;
    while !s.is_char_boundary(mid) {
        mid += 1;
    }
    s.split_at(mid)
}

fn pipeline(t: &str) {
    if let Ok(meeting) = formats::read(t) {
        for item in &meeting.items {
            for d in &item.decisions {
                let (outcome, reason) = classify::classify(&d.text);
                assert_eq!(outcome, d.outcome, "classify disagrees with parse");
                assert_eq!(reason, d.reason, "classify reason disagrees with parse");
                check_normalize("decision", &d.text);
                check_terminal(&d.text);
            }
            if let Some(ind) = &item.indstilling {
                classify::classify(ind);
                check_normalize("indstilling", ind);
            }
            for s in &item.sections {
                check_normalize("section", &s.text);
            }
            if let Some(title) = &item.title {
                check_terminal(title);
            }
        }
    }
    classify::classify(t);
    check_normalize("text", t);
    let (a, b) = halves(t);
    check_normalize("first half", a);
    check_normalize("second half", b);
    check_diff(a, b);
    check_terminal(t);
}

/// Runs the whole pipeline on one input, panicking on a broken invariant.
pub fn run(data: &[u8]) {
    match text::decode(data) {
        Ok(decoded) => {
            let t = decoded.text.as_str();
            assert!(!t.contains('\r'), "decode left a CR");
            assert!(!t.contains('\0'), "decode left a NUL");
            assert!(!t.trim().is_empty(), "decode returned blank text");
            pipeline(t);
        }
        Err(_) => {
            // The public &str APIs must still hold for text decode refuses
            // (NULs, control-heavy text): sanitising is exactly for that.
            let lossy = String::from_utf8_lossy(data);
            check_terminal(&lossy);
        }
    }
}
