//! The words and shapes of Danish minutes, as data.
//!
//! Every municipal dialect the parser knows is described here: header labels,
//! item headings, journal number shapes, section names and decision headings.
//! A new dialect is a new entry in these tables, not a new code path.

use regex::Regex;
use std::sync::LazyLock;

/// What a known section heading starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// The recommendation.
    Indstilling,
    /// A decision (the heading itself may carry body and date).
    Beslutning,
    /// Earlier treatments listed as `Udvalg:` / `Dato:` / decision text
    /// (FirstAgenda's `Sagsforløb`).
    History,
    /// Any other known section (Baggrund, Sagsfremstilling, Bilag …).
    Other,
}

/// Header fields of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderField {
    /// Date and usually time (`Mødedato`).
    When,
    /// Place (`Mødested`).
    Place,
    /// Participants (`Mødedeltagere`).
    Participants,
    /// Absent members (`Fraværende`, `Afbud`).
    Absent,
}

/// Known section headings, compared after markup removal, in lower case, with
/// a trailing colon dropped.
pub const SECTION_NAMES: &[(&str, SectionKind)] = &[
    ("indstilling", SectionKind::Indstilling),
    ("indstillinger", SectionKind::Indstilling),
    ("indstillingen", SectionKind::Indstilling),
    ("administrationens indstilling", SectionKind::Indstilling),
    ("forvaltningens indstilling", SectionKind::Indstilling),
    ("direktørens indstilling", SectionKind::Indstilling),
    ("beslutningspunkter", SectionKind::Indstilling),
    ("forslag til beslutning", SectionKind::Indstilling),
    ("beslutning", SectionKind::Beslutning),
    ("beslutninger", SectionKind::Beslutning),
    ("baggrund", SectionKind::Other),
    ("sagens baggrund", SectionKind::Other),
    ("resume", SectionKind::Other),
    ("resumé", SectionKind::Other),
    ("resume og sagens baggrund", SectionKind::Other),
    ("sagsfremstilling", SectionKind::Other),
    ("fremstilling", SectionKind::Other),
    ("sagsprocedure", SectionKind::Other),
    ("sagsbeskrivelse", SectionKind::Other),
    ("beskrivelse", SectionKind::Other),
    ("sagsforløb", SectionKind::History),
    ("tidligere behandling", SectionKind::History),
    ("tidligere beslutninger", SectionKind::History),
    ("behandling", SectionKind::Other),
    ("økonomi", SectionKind::Other),
    ("økonomiske konsekvenser", SectionKind::Other),
    ("økonomi og finansiering", SectionKind::Other),
    ("bevillingsmæssige konsekvenser", SectionKind::Other),
    (
        "økonomiske og personalemæssige konsekvenser",
        SectionKind::Other,
    ),
    ("lovgrundlag", SectionKind::Other),
    ("retsgrundlag", SectionKind::Other),
    ("vurdering", SectionKind::Other),
    ("administrationens vurdering", SectionKind::Other),
    ("høring", SectionKind::Other),
    ("kommunikation", SectionKind::Other),
    ("tidsplan", SectionKind::Other),
    ("videre proces", SectionKind::Other),
    ("bilag", SectionKind::Other),
    ("fraværende", SectionKind::Other),
];

/// Shapes of journal numbers standing alone on a line.
pub static JOURNAL_BARE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // Høje-Taastrup: 24/24964
        r"^\d{2}/\d{1,6}$",
        // Kalundborg: 25-005714, 21-046835K
        r"^\d{2}-\d{5,7}[A-ZÆØÅ]?$",
        // FirstAgenda/EMN: EMN-2024-001234
        r"^[A-ZÆØÅ]{2,5}-\d{4}-\d{3,8}$",
        // KLE-based: 27.69.48-P20-1-19
        r"^\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2}$",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("valid journal pattern"))
    .collect()
});

/// A labelled journal number: `Sagsnr.: 2013-10422`. The value may stand on
/// the following line (Acadre), so it is optional here.
pub static JOURNAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sagsnr|sags nr|sagsnummer|sagnr|journalnr|journal nr|j\.\s?nr|jnr)\.?\s*:?\s*(?P<value>[\w][\w./-]*)?\s*(?:(?:dok\.?\s?nr|dokumentnr|dok\.\s?id)\.?\s*:?.*)?$")
        .expect("valid pattern")
});

/// A value accepted after a journal label.
pub static JOURNAL_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\w][\w./-]{2,39}$").expect("valid pattern"));

/// The first line of a minutes file: `REFERAT Direktionen d. 17-11-2025`.
pub static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<kind>referat|beslutningsprotokol|dagsorden)\b[\s:\-–]*(?P<rest>.*)$")
        .expect("valid pattern")
});

/// Header labels with the field each starts.
pub static HEADER_FIELDS: LazyLock<Vec<(HeaderField, Regex)>> = LazyLock::new(|| {
    [
        (
            HeaderField::When,
            r"(?i)^(?:mødedato|mødetidspunkt|dato og tid|dato)\b\s*:?\s*(?P<value>.*)$",
        ),
        (
            HeaderField::Place,
            r"(?i)^(?:mødested|sted)\b\s*:?\s*(?P<value>.*)$",
        ),
        (
            HeaderField::Participants,
            r"(?i)^(?:mødedeltagere|deltagere|til stede|medlemmer)\b\s*:?\s*(?P<value>.*)$",
        ),
        (
            HeaderField::Absent,
            r"(?i)^(?:fraværende|afbud)\b\s*:?\s*(?P<value>.*)$",
        ),
    ]
    .into_iter()
    .map(|(f, p)| (f, Regex::new(p).expect("valid header pattern")))
    .collect()
});

/// The table of contents heading; its lines are not items.
pub static TOC_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:indholdsfortegnelse|indhold|dagsordenspunkter|punkter|punktoversigt)$")
        .expect("valid pattern")
});

/// A table-of-contents entry: a title, a dot leader or tab, a page number.
pub static TOC_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.{3,}|\t)\s*\d{1,4}\s*$").expect("valid pattern"));

/// An item heading: `Punkt 3: 3. Titel`, `Punkt 2: Lukket`.
pub static ITEM_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:punkt|pkt\.?)\s*(?P<n>\d{1,4})\s*(?::|\.\s|\.$|$)\s*(?P<rest>.*)$")
        .expect("valid pattern")
});

/// An item heading in dialects without the word `Punkt` (eDoc, Acadre):
/// `1. Meddelelser`, `49. Godkendelse af dagsorden`. A title starts with a
/// capital letter; the parser also asks for a journal number or the title
/// repeated right below before it believes such a line (see `parse`), since
/// numbered lists look the same.
pub static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,4})\.\s+(?P<rest>[\p{Lu}\d][^\n]{1,160}?)\s*$").expect("valid pattern")
});

/// Fields of one earlier treatment in a history section.
pub static HISTORY_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:udvalg|organ|mødeforum)\s*:\s*(?P<value>.+)$").expect("valid pattern")
});
/// The date of an earlier treatment in a history section.
pub static HISTORY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:dato|mødedato)\s*:\s*(?P<value>.+)$").expect("valid pattern")
});
/// The item number of an earlier treatment in a history section.
pub static HISTORY_PUNKT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:punktnummer|punkt nr\.?|punkt)\s*:\s*\d+$").expect("valid pattern")
});

/// The item's number repeated at the start of its title: `3. Byrådshøjskole`.
pub static REPEATED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<n>\d{1,4})\.\s*").expect("valid pattern"));

/// The closed-item marker at the start of a title.
pub static CLOSED_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:lukket(?:\s+punkt)?|fortroligt)\s*(?::|-|–|$)\s*").expect("valid pattern")
});

/// Decision headings that carry a body and a date, tried in order. The body
/// must start with a capital letter, so prose such as `Beslutning om …` is
/// never a heading.
pub static DECISION_HEADINGS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // Beslutning Direktionen den 17-11-2025 / Beslutning i Økonomiudvalget den 12. juni 2024
        r"^(?i:beslutning(?:er)?)\s+(?:(?i:i|på|fra)\s+)?(?P<body>\p{Lu}[^:]{0,80}?)\s+(?i:den|d\.)\s*(?P<date>.+?)\s*(?i:punkt\s+\d+)?$",
        // Kultur- og Fritidsudvalgets beslutning den 15.05.2013 Punkt 3
        r"^(?P<body>\p{Lu}[^:]{0,80}?)\s+(?i:beslutning)\s+(?i:den|d\.)\s*(?P<date>.+?)\s*(?i:punkt\s+\d+)?$",
        // Beslutning 17-11-2025 (date without body)
        r"^(?i:beslutning(?:er)?)\s+(?i:den\s+|d\.\s*)?(?P<date>[\d.\-/ ]+\d{4}|\d{1,2}\.\s*\p{L}+\s+\d{4})$",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("valid decision heading pattern"))
    .collect()
});

/// Looks a cleaned heading up in [`SECTION_NAMES`].
pub fn section_kind(heading: &str) -> Option<SectionKind> {
    let key = heading.trim().trim_end_matches(':').trim().to_lowercase();
    SECTION_NAMES
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, kind)| *kind)
}
