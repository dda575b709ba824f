//! Identifiers (journal numbers, body names) as path segments: one
//! validated, reversible escaping, used for the store's tree and the
//! report's file names alike. No text from a document reaches a path any
//! other way.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use thiserror::Error;

/// Everything but ASCII letters, digits and `-` is escaped, so a segment can
/// never be `.`, `..`, contain `/`, NUL or `_` (our field separator), and
/// `24/24964` and `24-24964` stay distinct.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-');

/// The longest identifier accepted, in characters.
pub const MAX_IDENTIFIER_CHARS: usize = 100;

/// Why an identifier cannot name a path.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PathError {
    /// Empty after trimming.
    #[error("empty identifier")]
    Empty,
    /// Longer than [`MAX_IDENTIFIER_CHARS`].
    #[error("identifier longer than {MAX_IDENTIFIER_CHARS} characters")]
    TooLong,
    /// Contains a control character.
    #[error("identifier contains a control character")]
    Control,
}

/// Checks an identifier (journal number, body name) before it names a path.
pub fn validate(identifier: &str) -> Result<(), PathError> {
    if identifier.trim().is_empty() {
        return Err(PathError::Empty);
    }
    if identifier.chars().count() > MAX_IDENTIFIER_CHARS {
        return Err(PathError::TooLong);
    }
    if identifier.chars().any(char::is_control) {
        return Err(PathError::Control);
    }
    Ok(())
}

/// Escapes a validated identifier into one path segment. Reversible with
/// [`unescape`].
pub fn escape(identifier: &str) -> Result<String, PathError> {
    validate(identifier)?;
    Ok(utf8_percent_encode(identifier, SEGMENT).to_string())
}

/// Reverses [`escape`]; `None` if the segment is not one it produced.
pub fn unescape(segment: &str) -> Option<String> {
    let decoded = percent_decode_str(segment).decode_utf8().ok()?.into_owned();
    (escape(&decoded).ok()? == segment).then_some(decoded)
}
