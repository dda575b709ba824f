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
    /// The planned route: the bodies that will treat the case, in order
    /// (`Sagsprocedure`, `Behandling`, `Beslutningen træffes af`).
    Route,
    /// Any other known section (Baggrund, Sagsfremstilling, Bilag …).
    Other,
}

/// How far along the way to a final decision a body stands: the
/// administration prepares a case, committees treat it, the finance
/// committee coordinates, and the council decides. Ordered low to high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Direktionen, forvaltningen.
    Administration,
    /// A standing committee (fagudvalg) or an advisory council.
    Committee,
    /// Økonomiudvalget, Magistraten.
    Finance,
    /// Byrådet, Kommunalbestyrelsen, Regionsrådet.
    Council,
}

/// The last word of a body's name, by its ending in lower case, with the
/// body's rank; the more specific endings first.
pub const BODY_KINDS: &[(&str, Rank)] = &[
    ("økonomiudvalget", Rank::Finance),
    ("økonomiudvalg", Rank::Finance),
    ("magistraten", Rank::Finance),
    ("magistrat", Rank::Finance),
    ("byrådet", Rank::Council),
    ("byråd", Rank::Council),
    ("kommunalbestyrelsen", Rank::Council),
    ("kommunalbestyrelse", Rank::Council),
    ("regionsrådet", Rank::Council),
    ("regionsråd", Rank::Council),
    ("borgerrepræsentationen", Rank::Council),
    ("direktionen", Rank::Administration),
    ("direktion", Rank::Administration),
    ("forvaltningen", Rank::Administration),
    ("forvaltning", Rank::Administration),
    ("administrationen", Rank::Administration),
    ("udvalget", Rank::Committee),
    ("udvalgene", Rank::Committee),
    ("udvalg", Rank::Committee),
    ("rådet", Rank::Committee),
    ("råd", Rank::Committee),
    ("bestyrelsen", Rank::Committee),
    ("bestyrelse", Rank::Committee),
];

/// Lower-case words that may open a body's name in a route (`alle
/// fagudvalg`, `relevante fagudvalg`).
pub const NAME_WORDS: &[&str] = &["alle", "relevante", "øvrige", "de", "berørte"];

/// A line that states the route with the bodies on the same line or the
/// next: `Beslutningen træffes af Kommunalbestyrelsen`, `Sagen afgøres i
/// Økonomiudvalget`, `SAGEN AFGØRES AF BYRÅDET`.
pub static ROUTE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:beslutningen\s+træffes\s+af|sagen\s+afgøres\s+(?:i|af)|beslutningskompetence)\s*:?\s*(?P<value>.*)$")
        .expect("valid pattern")
});

/// A note of who was absent, inside a decision (`Fraværende: …`, `Ikke til
/// stede: Ingen.`, `Afbud: …`, `Ikke tilstede: …`, and without a colon
/// `Afbud fra Tina Rottbøll (A)`, `Ikke til stede Tina Rottbøll`): not
/// decision text. `kind` (or `kind2`) is the note's word, `value` (or
/// `bare`) the names, which for `value` may follow on the next lines.
pub static ABSENCE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<kind>fraværende|afbud|ikke\s+til\s*stede|følgende\s+deltog\s+ikke[^:]*)\s*:\s*(?P<value>.*)|(?P<kind2>ikke\s+til\s*stede|afbud\s+fra)\s+(?P<bare>(?-i:\p{Lu}).*))$")
        .expect("valid pattern")
});

/// An entry of a dated history (`Sagens forløb`): the date and the body
/// that treated the case (`15-08-2022 Sundheds- og Omsorgsudvalget`,
/// `12-09-2022 Økonomiudvalget 2022`). The header may end a line that holds
/// the last words of the entry before it, as a browser lays out
/// `<br>Fraværende: …` and the next `<u>` header. The body must end in a
/// word that names a body (checked by the parser).
pub static DATED_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<pre>.*\S)\s+)?(?P<date>\d{1,2}-\d{1,2}-\d{4})\s+(?P<body>\p{Lu}[^:\d()]{1,100}?)(?:\s+\d{4}(?:-\d{4})?|\s*\([^)]{0,40}\))?$")
        .expect("valid pattern")
});

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
    /// A field the meeting does not keep (`Sekretær`): its lines are not
    /// part of the field before it.
    Other,
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
    ("supplerende sagsfremstilling", SectionKind::Other),
    ("supplerende oplysninger", SectionKind::Other),
    ("fremstilling", SectionKind::Other),
    ("sagsprocedure", SectionKind::Route),
    ("beslutningen træffes af", SectionKind::Route),
    ("sagen afgøres i", SectionKind::Route),
    ("sagen afgøres af", SectionKind::Route),
    ("sagsbeskrivelse", SectionKind::Other),
    ("beskrivelse", SectionKind::Other),
    ("sagsforløb", SectionKind::History),
    ("tidligere behandling", SectionKind::History),
    ("tidligere beslutninger", SectionKind::History),
    ("sagens forløb", SectionKind::History),
    ("tidligere politisk sagsforløb", SectionKind::History),
    ("det tidligere politiske sagsforløb", SectionKind::History),
    ("behandling", SectionKind::Route),
    ("økonomi", SectionKind::Other),
    ("økonomiske konsekvenser", SectionKind::Other),
    ("økonomi og finansiering", SectionKind::Other),
    ("bevillingsmæssige konsekvenser", SectionKind::Other),
    (
        "økonomi og organisatoriske konsekvenser",
        SectionKind::Other,
    ),
    ("organisatoriske konsekvenser", SectionKind::Other),
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
        // A date line of its own: `tirsdag den 4. december 2012, kl. 13:00`.
        (
            HeaderField::When,
            r"(?i)^(?P<value>(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b.{0,40}\d{4}.{0,40})$",
        ),
        (
            HeaderField::Place,
            r"(?i)^(?:mødested|sted)\b\s*:?\s*(?P<value>.*)$",
        ),
        (
            HeaderField::Participants,
            r"(?i)^(?:mødedeltagere|deltagere|til\s?stede|medlemmer)\b\s*:?\s*(?P<value>.*)$",
        ),
        (
            HeaderField::Absent,
            r"(?i)^(?:afbud\s*/\s*fraværende|fraværende\s*/\s*afbud|fraværende|afbud)\b\s*:?\s*(?P<value>.*)$",
        ),
        (
            HeaderField::Other,
            r"(?i)^(?:sekretær|referent|protokolfører)\b\s*:?\s*(?P<value>.*)$",
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

/// An item heading: `Punkt 3: 3. Titel`, `Punkt 2: Lukket`, `Punkt 1.2:`.
pub static ITEM_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:punkt|pkt\.?)\s*(?P<n>\d{1,4}(?:\.\d{1,3})?)\s*(?::|\.\s|\.$|$)\s*(?P<rest>.*)$",
    )
    .expect("valid pattern")
});

/// An item heading in dialects without the word `Punkt` (eDoc, Acadre):
/// `1. Meddelelser`, `49. Godkendelse af dagsorden`, and within an item
/// `1.2 Orientering om …` (the number `n` keeps its trailing dot). A title
/// starts with a capital letter; the parser also asks for a journal number
/// or the title repeated right below before it believes such a line (see
/// `parse`), since numbered lists look the same. A plain number needs its
/// dot (`1 Meddelelser` is a count, not a heading).
pub static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,4}\.\d{1,3}\.?|\d{1,4}\.)\s+(?P<rest>[\p{Lu}\d][^\n]{1,160}?)\s*$")
        .expect("valid pattern")
});

/// An item number alone on its line (`1.`, `715.`, `1.2.`), its title on
/// the next line (eDoc PDFs).
pub static NUMBER_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<n>\d{1,4}\.\d{1,3}\.?|\d{1,4}\.)$").expect("valid pattern"));

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
    Regex::new(r"(?i)^(?:punktnummer|punkt nr\.?|punkt)\s*:\s*\d+(?:\.\d+)?$")
        .expect("valid pattern")
});

/// The item's number repeated at the start of its title: `3. Byrådshøjskole`,
/// `1.2 Orientering`.
pub static REPEATED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,4}\.\d{1,3}\.?(?:\s|$)|\d{1,4}\.)\s*").expect("valid pattern")
});

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
        // Beslutning i Plan- og Tryghedsudvalget 16. august 2022 (no `den`)
        r"^(?i:beslutning(?:er)?)\s+(?:(?i:i|på|fra)\s+)?(?P<body>\p{Lu}[^:]{0,80}?)\s+(?P<date>\d{1,2}[.\-/]\s*(?:\d{1,2}[.\-/]|\p{L}+\s+)\d{4})\s*(?i:punkt\s+\d+)?$",
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
