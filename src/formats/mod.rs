//! Which publishing system wrote a document, and reading each into the one
//! [`Meeting`] the rest of sagsspor knows.
//!
//! Documents are recognised by their content, not their file name: a
//! FirstAgenda JSON, an HTML page or an XML export can arrive under any
//! extension. Structured formats give the meeting and the frame of each item
//! (number, title, journal number) directly; the text of an item (HTML
//! inside them, laid out by [`html::to_text`]) is read by the same
//! [`parse::item_from_text`] as text minutes, so sections, quoted decisions
//! and outcomes are read one way for every system.

pub mod agenda_xml;
pub mod firstagenda;
pub mod frame;
pub mod html;
pub mod organisation;
pub mod publication_html;
pub mod xml;

use crate::model::Meeting;
use crate::parse::{self, ParseError};

/// The kinds of document sagsspor tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or markdown (also PDF, once its text is extracted).
    Text,
    /// An HTML page, such as a publication page of minutes.
    Html,
    /// FirstAgenda's Publication JSON (`Udvalg`, `Moede`, `Dagsordenpunkter`).
    FirstAgendaJson,
    /// An XML export; which system wrote it is told by its root element.
    Xml,
}

/// The format of a decoded document, from its first characters: markup
/// whose first element is `<html>` (or that declares an HTML doctype) is a
/// page; any other markup is an XML export, whatever HTML its fields carry.
pub fn detect(text: &str) -> Format {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        return Format::FirstAgendaJson;
    }
    if start.starts_with('<') {
        return match first_element(start) {
            Some(name) if name.eq_ignore_ascii_case("html") => Format::Html,
            Some(_) => Format::Xml,
            None => Format::Html,
        };
    }
    Format::Text
}

/// The local name of a document's first element, or `None` where the
/// markup is no XML a tokenizer gets through (tag soup: HTML) or an HTML
/// doctype comes first.
fn first_element(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    // Only the prologue is read; a few events are enough.
    for _ in 0..64 {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name: &str = e.local_name().into_inner();
                return Some(name.to_string());
            }
            quick_xml::events::Event::DocType(doctype)
                if doctype
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("html") =>
            {
                return Some("html".to_string());
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
    None
}

/// Reads a decoded document of any known format as a meeting.
///
/// Where the document does not say which organisation met, the name it
/// mentions most (`Greve Kommune`) is taken when the evidence is clear
/// (see [`organisation::named_in`]). Who was away from the meeting and
/// who only from some items is settled from the items' notes, whatever
/// the format (see [`parse::absence`]).
pub fn read(text: &str) -> Result<Meeting, ParseError> {
    let mut meeting = match detect(text) {
        Format::Text => parse::parse(text)?,
        Format::Html => publication_html::read(text)?,
        Format::FirstAgendaJson => firstagenda::read(text)?,
        Format::Xml => agenda_xml::read(text)?,
    };
    if meeting.organisation.is_none() {
        meeting.organisation = organisation::named_in(text, &meeting);
    }
    parse::absence::settle(&mut meeting);
    drop_unfileable_journals(&mut meeting);
    Ok(meeting)
}

/// A journal number no case can be filed under (longer than any real one,
/// or holding a control character) is dropped from its item with a
/// warning, so one bad item never costs the meeting its other items.
fn drop_unfileable_journals(meeting: &mut Meeting) {
    for item in &mut meeting.items {
        let Some(journal) = &item.journal else {
            continue;
        };
        if let Err(why) = crate::segment::validate(journal) {
            meeting.warnings.push(format!(
                "punkt {}: journal number of {} characters dropped ({why}); the item is kept without it",
                item.punkt,
                journal.chars().count()
            ));
            item.journal = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Format, detect, read};

    #[test]
    fn an_unfileable_journal_number_costs_only_its_item_the_number() {
        let long = "9".repeat(101);
        let text = format!(
            "REFERAT Direktionen d. 03-02-2025\n\nPunkt 1: Sag\n\nSagsnr.: {long}\n\nPunkt 2: Anden\n\n25/2\n"
        );
        let meeting = read(&text).expect("reads");
        assert_eq!(meeting.items[0].journal, None);
        assert_eq!(meeting.items[1].journal.as_deref(), Some("25/2"));
        assert_eq!(meeting.warnings.len(), 1);
        assert!(meeting.warnings[0].starts_with("punkt 1: journal number of 101 characters"));
    }

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(detect("REFERAT Direktionen d. 17-11-2025"), Format::Text);
        assert_eq!(
            detect("\u{feff}  {\"Udvalg\": {}}"),
            Format::FirstAgendaJson
        );
        assert_eq!(detect("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect("<html lang=\"da\"><head>"), Format::Html);
        assert_eq!(detect("<?xml version=\"1.0\"?>\n<Meeting>"), Format::Xml);
        assert_eq!(
            detect("<html xmlns=\"http://www.w3.org/1999/xhtml\">"),
            Format::Html
        );
        assert_eq!(detect("<!DOCTYPE html>\n<p>x"), Format::Html);
        // HTML inside an export's CDATA does not make it a page.
        assert_eq!(
            detect("\u{feff}<?xml version=\"1.0\"?><Dagsorden><F><![CDATA[<HTML></HTML>]]></F>"),
            Format::Xml
        );
    }
}
