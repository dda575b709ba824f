//! PDF minutes in: text extracted with poppler's `pdftotext`, then read like
//! any other minutes. Extraction is the one step that runs a program, so it
//! lives here, apart from the pure parser.

use std::path::Path;
use std::process::Command;
use thiserror::Error;

/// Why a PDF could not be turned into text.
#[derive(Debug, Error)]
pub enum PdfError {
    /// `pdftotext` is not installed.
    #[error(
        "reading PDF needs pdftotext, which is not installed (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"
    )]
    Missing,
    /// `pdftotext` ran and failed.
    #[error("pdftotext could not read it: {0}")]
    Failed(String),
    /// The PDF holds no text (a scan without OCR).
    #[error("the PDF has no text layer (a scanned document?); run OCR on it first")]
    NoText,
}

/// Whether a file is a PDF, by its first bytes.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// Extracts the text of a PDF in reading order as UTF-8. The program is
/// `pdftotext` on `PATH`, or `SAGSSPOR_PDFTOTEXT` where set.
pub fn extract_text(path: &Path) -> Result<String, PdfError> {
    let program = std::env::var_os("SAGSSPOR_PDFTOTEXT").unwrap_or_else(|| "pdftotext".into());
    let output = Command::new(program)
        .args(["-q", "-enc", "UTF-8", "-eol", "unix"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PdfError::Missing,
            _ => PdfError::Failed(e.to_string()),
        })?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(PdfError::Failed(if message.is_empty() {
            format!("exit status {}", output.status)
        } else {
            message
        }));
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if text.trim().is_empty() {
        return Err(PdfError::NoText);
    }
    Ok(text)
}
