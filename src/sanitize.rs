//! Untrusted document text made safe for a terminal.
//!
//! Minutes are untrusted: an ESC in a title could clear the screen, set the
//! window title or hide text. Every human-readable renderer passes document
//! text through [`for_terminal`]; `--json` output stays exact.

/// Replaces control characters, bidirectional overrides and zero-width
/// characters with visible stand-ins. Line feed and tab are kept.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            // C0 controls as Unicode control pictures (ESC → ␛).
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('␡'),
            // C1 controls, bidi embeddings/overrides/isolates, zero-width
            // characters and the BOM: shown as an escape, never passed on.
            '\u{80}'..='\u{9f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{061c}'
            | '\u{feff}' => out.push_str(&format!("<U+{:04X}>", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// Like [`for_terminal`], and folds line breaks and tabs into spaces, for
/// text shown on one line (titles, table cells).
pub fn one_line(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    for_terminal(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        let s = for_terminal("a\u{1b}[2J\u{1b}]0;title\u{7}b");
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'));
        assert!(s.contains("␛[2J"));
    }

    #[test]
    fn bidi_and_zero_width_are_escaped() {
        assert_eq!(for_terminal("a\u{202e}b\u{200b}c"), "a<U+202E>b<U+200B>c");
        assert_eq!(for_terminal("\u{9b}"), "<U+009B>");
    }

    #[test]
    fn danish_text_and_layout_are_kept() {
        assert_eq!(for_terminal("Økonomi\n\tæøå"), "Økonomi\n\tæøå");
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
