//! Text normalisation shared by the parser and the differ.
//!
//! Minutes come as markdown or as text extracted from PDF. The same words can
//! be wrapped at any width, wear `**bold**` or `###` heading marks, carry `?`
//! where a PDF had bullets, or be split mid-sentence by a page break. None of
//! that is content: these functions remove it so that equal content compares
//! equal.

use regex::Regex;
use std::sync::LazyLock;

/// A PDF page footer (`Side 3 af 20`): noise inside the text it interrupts.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:side|s\.)\s*\d{1,4}(?:\s*(?:af|/)\s*\d{1,4})?$").expect("valid pattern")
});
/// Whether a line is only a page number (`Side 3`, `Side 3 af 20`).
pub fn is_page_number(line: &str) -> bool {
    PAGE_NUMBER.is_match(line.trim())
}

static HEADING_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#{1,6}\s+)+").expect("valid pattern"));
static EMPHASIS_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(\[])[*_]+(\S)").expect("valid pattern"));
static EMPHASIS_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\S)[*_]+($|[\s).,;:!?\]])").expect("valid pattern"));
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*+•·▪■◦●\u{f0b7}]|\?{1,3})\s+(?:\?+\s+)*").expect("valid pattern")
});
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,2}|[a-zæøå])[.)]\s+").expect("valid pattern"));
static TRAILING_NOISE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:([.:;!,)])\?+|\s\?+|\?{2,})$").expect("valid pattern"));

/// Cleans one line: heading marks, emphasis markers, bullet glyphs and PDF `?`
/// noise go; white space is folded. A line that was only noise becomes empty.
/// List items keep a uniform `- ` marker (numbered ones keep their number).
/// Removing one mark can expose another (`*# x`), so cleaning repeats until
/// nothing changes, which makes it idempotent.
pub fn clean_line(line: &str) -> String {
    let mut current = clean_once(line);
    for _ in 0..MAX_PASSES {
        let next = clean_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// Cleaning and block-splitting settle in one or two passes on real text
/// (each pass strips every mark it can see); the bound keeps hostile text
/// from looping.
const MAX_PASSES: usize = 64;

fn clean_once(line: &str) -> String {
    let mut s = fold_whitespace(line);
    if s.chars()
        .all(|c| matches!(c, '?' | '•' | '·' | '\u{f0b7}' | ' '))
        || PAGE_NUMBER.is_match(&s)
    {
        return String::new();
    }
    // Most lines are plain prose: each pattern runs only where its marks are.
    if s.starts_with('#')
        && let Some(m) = HEADING_MARK.find(&s)
    {
        s = s[m.end()..].to_string();
    }
    if s.contains("**") || s.contains("__") {
        s = s.replace("**", "").replace("__", "");
    }
    if s.contains(['*', '_']) {
        s = EMPHASIS_OPEN.replace_all(&s, "$1$2").into_owned();
        s = EMPHASIS_CLOSE.replace_all(&s, "$1$2").into_owned();
    }
    let mut bullet = false;
    if !s.starts_with(char::is_alphanumeric)
        && let Some(m) = BULLET.find(&s)
    {
        s = s[m.end()..].to_string();
        bullet = true;
    }
    while s.ends_with('?')
        && let Some(m) = TRAILING_NOISE.find(&s)
    {
        let keep = TRAILING_NOISE
            .captures(&s)
            .and_then(|c| c.get(1))
            .map(|g| g.as_str().to_string())
            .unwrap_or_default();
        s.truncate(m.start());
        s.push_str(&keep);
        s = s.trim_end().to_string();
    }
    // A line that held only markup (`**`, `#`, a `---` rule) has no words;
    // a lone `-` is content: minutes write it for "nothing decided".
    let s = s.trim().to_string();
    let rule = s.len() >= 3 && s.chars().all(|c| c == '-');
    if s.is_empty() || rule || s.chars().all(|c| matches!(c, '*' | '_' | '#')) {
        return String::new();
    }
    if bullet { format!("- {s}") } else { s }
}

/// Folds every run of white space (including no-break spaces) into one space
/// and trims the ends.
pub fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The marker a list item starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Dash,
    Number(u32, char),
    Letter(char, char),
}

fn list_marker(line: &str) -> Option<Marker> {
    if line.starts_with("- ") {
        return Some(Marker::Dash);
    }
    let m = NUMBERED.find(line)?;
    let token = m.as_str().trim_end();
    let delimiter = token.chars().last()?;
    let head = &token[..token.len() - delimiter.len_utf8()];
    match head.parse::<u32>() {
        Ok(n) => Some(Marker::Number(n, delimiter)),
        Err(_) => head.chars().next().map(|c| Marker::Letter(c, delimiter)),
    }
}

/// Whether `next` is the item that follows `previous` in the same list
/// (`- ` after `- `, `2.` after `1.`, `b)` after `a)`).
fn follows(previous: Marker, next: Marker) -> bool {
    match (previous, next) {
        (Marker::Dash, Marker::Dash) => true,
        (Marker::Number(a, d), Marker::Number(b, e)) => b == a + 1 && d == e,
        (Marker::Letter(a, d), Marker::Letter(b, e)) => {
            char::from_u32(a as u32 + 1) == Some(b) && d == e
        }
        _ => false,
    }
}

fn ends_sentence(block: &str) -> bool {
    block.ends_with(['.', ':', '!', '?', ';', ')', '"', '»', '”'])
}

fn starts_lowercase(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// Splits text into blocks (paragraphs and list items), each unwrapped onto
/// one line with white space folded. A blank line that interrupts a sentence
/// (a page break in a PDF) does not end the paragraph. A line that looks like
/// a list item (`- `, `2. `) starts one only after a blank line, a finished
/// sentence or the item before it in the same list: wrapping `2026 -
/// yderligere` before the dash, or `(bilag 1)` before the `1)`, must not
/// invent a list.
pub fn blocks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Whether the current block may take the next line as its continuation
    // (false right after a blank line).
    let mut open = false;
    for raw in text.lines() {
        let line = clean_line(raw);
        if line.is_empty() {
            // A line of PDF noise (`??`) or markup is no paragraph break.
            if raw.trim().is_empty() {
                open = false;
            }
            continue;
        }
        let continues = match out.last() {
            None => false,
            Some(last) if let Some(marker) = list_marker(&line) => {
                open && !ends_sentence(last)
                    && !list_marker(last).is_some_and(|previous| follows(previous, marker))
            }
            Some(_) if open => true,
            Some(last) => !ends_sentence(last) && starts_lowercase(&line),
        };
        if continues {
            let last = out.last_mut().expect("continues implies a block");
            last.push(' ');
            last.push_str(&line);
        } else {
            out.push(line);
        }
        open = true;
    }
    out
}

/// The normalised form of a section: its blocks separated by blank lines.
/// Idempotent (it repeats until nothing changes), and the same for any
/// wrapping of the same paragraphs.
pub fn normalize(text: &str) -> String {
    let mut current = blocks(text).join("\n\n");
    for _ in 0..MAX_PASSES {
        let next = blocks(&current).join("\n\n");
        if next == current {
            break;
        }
        current = next;
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_noise_are_removed() {
        assert_eq!(clean_line("### **Beslutning**"), "Beslutning");
        assert_eq!(
            clean_line("*Hvis borgmesteren vælges*"),
            "Hvis borgmesteren vælges"
        );
        assert_eq!(clean_line("??"), "");
        assert_eq!(clean_line("- ? At, der nedsættes"), "- At, der nedsættes");
        assert_eq!(clean_line("Løsning?"), "Løsning?");
        assert_eq!(clean_line("alle scenarier.??"), "alle scenarier.");
        assert_eq!(clean_line("• punkt"), "- punkt");
        assert_eq!(clean_line("Kathrine Seier  "), "Kathrine Seier");
    }

    #[test]
    fn page_footers_are_noise() {
        assert_eq!(clean_line("Side 3 af 20"), "");
        assert_eq!(clean_line("Side 12"), "");
        assert_eq!(
            clean_line("Side 3 af sagen blev drøftet"),
            "Side 3 af sagen blev drøftet"
        );
        let t = "Den samlede\nSide 4 af 9\nberedskabsplan vedtages.";
        assert_eq!(normalize(t), "Den samlede beredskabsplan vedtages.");
    }

    #[test]
    fn rewrapping_does_not_change_blocks() {
        let a = "Direktionen godkender\nprogrammet med\nmindre justeringer.\n\n- første\n- anden";
        let b = "Direktionen godkender programmet med mindre justeringer.\n- første\n- anden";
        assert_eq!(normalize(a), normalize(b));
    }

    #[test]
    fn page_break_inside_a_sentence_is_joined() {
        let t = "De andre\n\nejerkommuner i Beredskab 4K er i en afdækkende fase.";
        assert_eq!(
            blocks(t),
            vec!["De andre ejerkommuner i Beredskab 4K er i en afdækkende fase."]
        );
    }

    #[test]
    fn a_long_chain_of_pdf_bullets_is_cleaned_in_one_go() {
        let line = format!("- {}x", "? ".repeat(82));
        assert_eq!(clean_line(&line), "- x");
        assert_eq!(normalize(&normalize(&line)), normalize(&line));
    }

    #[test]
    fn normalize_is_idempotent_here() {
        let t = "**Tekst** med\nombrydning.\n\n1. punkt\n2. punkt";
        assert_eq!(normalize(&normalize(t)), normalize(t));
    }
}
