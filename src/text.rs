//! Bytes to text: the one place that decides how a minutes file is decoded.
//!
//! Minutes arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or as
//! Windows-1252 from older Danish systems. Line endings are normalised to `\n`
//! so that the same minutes saved on Windows and on Linux are the same text.

use thiserror::Error;

/// The largest minutes file read, in bytes. Real minutes are well under 1 MiB
/// of text; the limit keeps memory bounded on hostile input.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Why bytes could not be read as minutes text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// NUL bytes or many control characters: not a text file.
    #[error("the file is not text (binary data)")]
    Binary,
    /// Over [`MAX_FILE_BYTES`].
    #[error("the file is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// The file's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

/// Decoded text and the encoding it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings normalised to `\n`.
    pub text: String,
    /// The encoding's name (`UTF-8`, `windows-1252`, `UTF-16LE` …).
    pub encoding: &'static str,
    /// Bytes that are not UTF-8 in a file that the rest shows to be UTF-8,
    /// each read as U+FFFD.
    pub stray: Option<StrayBytes>,
}

/// Where a UTF-8 file holds bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayBytes {
    /// The offset of the first one in the file.
    pub first_offset: usize,
    /// How many there are.
    pub count: usize,
}

impl std::fmt::Display for StrayBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} byte{} not UTF-8 (the first at offset {}) in a UTF-8 file; read as U+FFFD",
            self.count,
            if self.count == 1 { " is" } else { "s are" },
            self.first_offset
        )
    }
}

impl Decoded {
    /// True when the file was not UTF-8, which users should be told about.
    pub fn was_legacy(&self) -> bool {
        self.encoding != "UTF-8"
    }
}

/// Decodes a minutes file's bytes into normalised text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let mut stray = None;
    let (text, encoding) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (cow, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        (cow.into_owned(), enc.name())
    } else if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8"),
            Err(_) => match utf8_by_evidence(bytes) {
                Some(found) => {
                    stray = Some(found);
                    (String::from_utf8_lossy(bytes).into_owned(), "UTF-8")
                }
                None => {
                    let (cow, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                    (cow.into_owned(), encoding_rs::WINDOWS_1252.name())
                }
            },
        }
    };
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    let text = composed(normalize_line_endings(&text));
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        stray,
    })
}

/// Bytes that are not all UTF-8 are still UTF-8 when the file holds more
/// well-formed non-ASCII characters (`ø` as two bytes) than stray bytes: one
/// bad byte in a UTF-8 file must not turn every `ø` into `Ã¸`. A
/// Windows-1252 file has no such characters, only stray bytes.
fn utf8_by_evidence(bytes: &[u8]) -> Option<StrayBytes> {
    let mut offset = 0;
    let mut first_offset = None;
    let (mut count, mut well_formed) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        well_formed += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first_offset.get_or_insert(offset);
            count += chunk.invalid().len();
            offset += chunk.invalid().len();
        }
    }
    (well_formed > count).then(|| StrayBytes {
        first_offset: first_offset.unwrap_or(0),
        count,
    })
}

/// Letters written as a base and a combining mark (`a` + ring above, as
/// some PDF producers and Mac file names write `å`) become the one letter
/// (Unicode NFC), so that `Økonomiudvalget` is one body and one search
/// word however it was typed. Text already composed, nearly all of it, is
/// recognised by a quick check and returned as it is.
pub fn composed(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // The combining marks of Latin letters (U+0300–U+036F) start with these
    // bytes in UTF-8; text without them needs no look at all.
    if memchr::memchr2(0xcc, 0xcd, text.as_bytes()).is_none() {
        return text;
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// `\r\n` and lone `\r` become `\n`; a form feed (page break) becomes a line
/// break so that a page break never glues two words together.
pub fn normalize_line_endings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{c}' => out.push('\n'),
            _ => out.push(c),
        }
    }
    out
}

/// NUL bytes, or more than 10 % C0 control bytes other than tab, line feed,
/// carriage return and form feed, in the first 64 KiB. A few escape
/// sequences do not make a document binary: they are shown harmlessly.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode(b"\xef\xbb\xbfREFERAT\r\nLine\rNext").unwrap();
        assert_eq!(d.text, "REFERAT\nLine\nNext");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1252_is_decoded_not_rejected() {
        // "Mødested Rådhuset" in Windows-1252.
        let d = decode(b"M\xf8dested R\xe5dhuset").unwrap();
        assert_eq!(d.text, "Mødested Rådhuset");
        assert!(d.was_legacy());
    }

    #[test]
    fn one_stray_byte_leaves_a_utf8_file_utf8() {
        let d = decode("Mødested Rådhuset, kl. 9 \u{2013} sag ".as_bytes()).unwrap();
        assert_eq!(d.stray, None);
        let mut bytes = "Mødested Rådhuset ".as_bytes().to_vec();
        bytes.push(0xf8);
        bytes.extend_from_slice(" Økonomiudvalget".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "Mødested Rådhuset \u{fffd} Økonomiudvalget");
        assert_eq!(
            d.stray,
            Some(StrayBytes {
                first_offset: 20,
                count: 1
            })
        );
    }

    #[test]
    fn decomposed_letters_are_composed() {
        let d = decode("O\u{308}konomiudvalget m\u{f8}des pa\u{30a} ra\u{30a}dhuset".as_bytes())
            .unwrap();
        assert_eq!(d.text, "Ökonomiudvalget mødes på rådhuset");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"\x7fELF\x00\x01\x02"), Err(DecodeError::Binary));
        assert_eq!(decode(b"  \n\n\t"), Err(DecodeError::Empty));
    }

    #[test]
    fn form_feed_is_a_line_break() {
        assert_eq!(normalize_line_endings("a\u{c}b"), "a\nb");
    }
}
