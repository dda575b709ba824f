//! Publication pages: the HTML a publishing system puts on the web for one
//! meeting (FirstAgenda's page, as Aarhus publishes it; SBSYS's and eDoc's
//! printable agenda pages).
//!
//! Each system is a [`Page`]: CSS selectors for the meeting's facts and for
//! each item's number, title, case number and text. Items are either
//! containers (one element holds the whole item: FirstAgenda's
//! `tr.punktrow`, SBSYS's `div.dagsordenpunkt`) or flat (eDoc's page puts
//! a title table and then the item's sections side by side, so an item is
//! its title table and the siblings up to the next one). A page no table
//! knows is laid out as text and read as text minutes.

use crate::dates;
use crate::formats::frame;
use crate::formats::html;
use crate::model::{Meeting, Punkt};
use crate::parse::{self, ParseError};
use scraper::{ElementRef, Html, Selector};

/// Where one system's page keeps the facts. A selector with a line
/// (`("div.xsltAgendaTitle", Some(1))`) takes that line of the element's
/// text; without one, the whole text.
pub struct Page {
    /// Matches only this system's pages.
    pub marker: &'static str,
    /// The page heading that says agenda or minutes (`Referat 1. oktober …`).
    pub kind: Pick,
    /// The body that met.
    pub body: Pick,
    /// The meeting's date and time.
    pub date: Pick,
    /// Where the meeting was held.
    pub place: Option<Pick>,
    /// The members called to the meeting: one row each, the name in its
    /// first cell and a note such as `Afbud` in a later one.
    pub members: Option<&'static str>,
    /// Each item (a container), or where each item starts (flat).
    pub item: &'static str,
    /// Whether an item is its start element and the siblings after it.
    pub flat: bool,
    /// Within an item: its number.
    pub number: &'static str,
    /// Within an item: its title (a line that only repeats the number,
    /// `Punkt 1`, is dropped).
    pub title: &'static str,
    /// Within an item: its case number, after an optional label.
    pub journal: Option<(&'static str, &'static str)>,
    /// Within an item: an element whose whole text is this word marks a
    /// closed item.
    pub closed: Option<(&'static str, &'static str)>,
    /// Within an item: the elements holding its text, or every sibling
    /// after the start where `None` (flat).
    pub text: Option<&'static str>,
    /// Siblings of a flat item that are its frame, not its text (eDoc's
    /// `Sagsnr.: … Sagsbehandler: … Åben` table, whose words would be
    /// taken for text or a case number).
    pub frame: Option<&'static str>,
    /// The page's table of contents: elements whose text is an item number.
    pub toc: Option<&'static str>,
    /// Section headings of this system and the section each is.
    pub headings: &'static [(&'static str, &'static str)],
}

/// A selector and, optionally, which line of its element's text.
pub struct Pick(pub &'static str, pub Option<usize>);

/// FirstAgenda's publication page (`/vis?id=…`), as Aarhus publishes it.
pub const FIRSTAGENDA: Page = Page {
    marker: "table#dagsordenDetaljer tr.punktrow",
    kind: Pick("h1.dato", None),
    body: Pick(".title span.udvalg, span.udvalg", None),
    date: Pick("span.dato, h1.dato", None),
    place: Some(Pick("span.sted", None)),
    // The page fills its `Mødedeltagere` with a script; the served page
    // holds no names.
    members: None,
    item: "tr.punktrow",
    flat: false,
    number: "span.label",
    title: "h2.overskrift",
    journal: Some(("span.sagsnummer", "")),
    closed: None,
    text: Some("div.punkt"),
    frame: None,
    toc: None,
    headings: &[],
};

/// SBSYS's agenda page (`Sbsys dagsorden preview`).
pub const SBSYS: Page = Page {
    marker: "div.dagsordenpunkt",
    kind: Pick("#Dagsordentitel", None),
    body: Pick("#Udvalgsnavn", None),
    date: Pick("[id=\"Mødedato\"]", None),
    place: Some(Pick("[id=\"Mødested\"]", None)),
    members: Some("table#Indkaldelse tr"),
    item: "div.dagsordenpunkt",
    flat: false,
    number: "span.punktoverskrift",
    title: "span.punktoverskrift",
    journal: None,
    closed: None,
    text: Some("div.dagsordenpunkt > div"),
    frame: None,
    toc: Some("#indholdsfortegnelse td.indholdcell:first-child"),
    headings: &[],
};

/// eDoc's printable agenda page (XSLT `xsltPrint`), as Middelfart publishes it.
pub const EDOC: Page = Page {
    marker: "div.xsltPrint table.xsltTitleTableBegin",
    kind: Pick("div.xsltAgendaTitle", Some(0)),
    body: Pick("div.xsltAgendaTitle", Some(1)),
    date: Pick("div.xsltDateAndLocation", Some(0)),
    place: Some(Pick("div.xsltDateAndLocation", Some(1))),
    members: None,
    item: "table.xsltTitleTableBegin",
    flat: true,
    number: "div.xsltTitle",
    title: "td.xsltTitleText",
    journal: Some(("div.xsltSubTitle", "Sagsnr.:")),
    closed: Some(("div.xsltSubTitle", "Lukket")),
    text: None,
    frame: Some("table.xsltTitleTableEnd"),
    toc: Some(
        "table.xsltListOfContentBegin td:first-child span, table.xsltListOfContentEnd td:first-child span",
    ),
    headings: &[("Forvaltningen foreslår", "Indstilling")],
};

/// Every page known, tried in order.
pub const PAGES: &[&Page] = &[&FIRSTAGENDA, &SBSYS, &EDOC];

/// Reads an HTML page: by its system's table where one matches, otherwise
/// as text minutes.
pub fn read(text: &str) -> Result<Meeting, ParseError> {
    let document = Html::parse_document(text);
    for page in PAGES {
        if let Some(marker) = selector(page.marker)
            && document.select(&marker).next().is_some()
        {
            return read_page(&document, page);
        }
    }
    parse::parse(&html::to_text(text))
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// The text of an element as a browser lays it out.
fn text_of(element: ElementRef) -> String {
    html::to_text(&element.html())
}

/// The text a pick gives on the page, one line of it where it says so.
fn pick(document: &Html, pick: &Pick) -> Option<String> {
    let css = selector(pick.0)?;
    document.select(&css).find_map(|element| {
        let text = text_of(element);
        let value = match pick.1 {
            Some(line) => text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .nth(line)?
                .to_string(),
            None => words(&text),
        };
        Some(value).filter(|v| !v.is_empty())
    })
}

/// Words in a member's note that mean the member was not there.
const ABSENCE_WORDS: &[&str] = &["afbud", "fravær", "forfald", "ikke til stede", "ikke mødt"];

/// The members a table lists: present, or absent where a later cell of the
/// row says so (`Afbud`).
fn read_members(document: &Html, rows: &Selector, meeting: &mut Meeting) {
    let Some(cell) = selector("td") else {
        return;
    };
    for row in document.select(rows) {
        let mut cells = row.select(&cell).map(|c| words(&text_of(c)));
        let Some(name) = cells.next().filter(|n| !n.is_empty()) else {
            continue;
        };
        let absent = cells.any(|note| {
            let note = note.to_lowercase();
            ABSENCE_WORDS.iter().any(|w| note.contains(w))
        });
        if absent {
            meeting.absent.push(name);
        } else {
            meeting.participants.push(name);
        }
    }
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_page(document: &Html, page: &Page) -> Result<Meeting, ParseError> {
    let when = pick(document, &page.date);
    let mut meeting = Meeting {
        body: pick(document, &page.body),
        date: when.as_deref().and_then(dates::find_date).map(|(d, _)| d),
        time: when.as_deref().and_then(frame::clock),
        place: page
            .place
            .as_ref()
            .and_then(|p| pick(document, p))
            .map(|p| without_label(&p).to_string()),
        ..Meeting::default()
    };
    if let Some(rows) = page.members.and_then(selector) {
        read_members(document, &rows, &mut meeting);
    }
    let (Some(item_css), Some(number_css), Some(title_css)) = (
        selector(page.item),
        selector(page.number),
        selector(page.title),
    ) else {
        return Err(ParseError::NoItems);
    };
    let starts: Vec<ElementRef> = document.select(&item_css).collect();
    if starts.is_empty() {
        return Err(ParseError::NoItems);
    }
    let date = parse::meeting_date(meeting.date, when.as_deref().unwrap_or_default())?;
    for (position, start) in starts.iter().enumerate() {
        let parts = if page.flat {
            flat_parts(*start, &item_css)
        } else {
            vec![*start]
        };
        let number_text = first_text(&parts, &number_css).unwrap_or_default();
        let punkt = match first_number(&number_text) {
            Some(punkt) => punkt,
            None => {
                let punkt = Punkt::new(position as u32 + 1);
                meeting.warnings.push(format!(
                    "the item at position {punkt} of the page has no number; numbered by position"
                ));
                punkt
            }
        };
        let title = first_text(&parts, &title_css)
            .map(|t| title_lines(&t, punkt))
            .unwrap_or_default();
        let journal = page.journal.and_then(|(css, label)| {
            let css = selector(css)?;
            matches(&parts, &css).into_iter().find_map(|e| {
                let text = words(&text_of(e));
                let value = text.strip_prefix(label)?.trim();
                (!value.is_empty()).then(|| value.to_string())
            })
        });
        let closed = page.closed.is_some_and(|(css, word)| {
            selector(css).is_some_and(|css| {
                matches(&parts, &css)
                    .into_iter()
                    .any(|e| words(&text_of(e)).eq_ignore_ascii_case(word))
            })
        });
        let html: String = match page.text.and_then(selector) {
            Some(css) => matches(&parts, &css).iter().map(|e| e.html()).collect(),
            None => {
                let frame = page.frame.and_then(selector);
                parts
                    .iter()
                    .skip(1)
                    .filter(|e| !frame.as_ref().is_some_and(|f| f.matches(e)))
                    .map(|e| e.html())
                    .collect()
            }
        };
        let text = renamed_headings(&html::to_text(&html), page.headings);
        let mut item =
            parse::item_from_text(punkt, &title, journal, &text, date, meeting.body.as_deref());
        item.closed |= closed;
        meeting.items.push(item);
    }
    meeting.kind = frame::kind(pick(document, &page.kind).as_deref(), &meeting);
    let listed: Option<Vec<Punkt>> = page.toc.and_then(selector).map(|css| {
        document
            .select(&css)
            .filter_map(|e| frame::item_number(&words(&text_of(e))))
            .collect()
    });
    frame::settle(&mut meeting, listed.as_deref());
    Ok(meeting)
}

/// A flat item: its start element and the sibling elements after it, up to
/// the next item's start.
fn flat_parts<'a>(start: ElementRef<'a>, item_css: &Selector) -> Vec<ElementRef<'a>> {
    let mut parts = vec![start];
    for sibling in start.next_siblings().filter_map(ElementRef::wrap) {
        if item_css.matches(&sibling) {
            break;
        }
        parts.push(sibling);
    }
    parts
}

/// The parts, and their descendants, that a selector matches.
fn matches<'a>(parts: &[ElementRef<'a>], css: &Selector) -> Vec<ElementRef<'a>> {
    parts
        .iter()
        .flat_map(|part| {
            let own = css.matches(part).then_some(*part);
            own.into_iter().chain(part.select(css))
        })
        .collect()
}

fn first_text(parts: &[ElementRef], css: &Selector) -> Option<String> {
    matches(parts, css)
        .into_iter()
        .map(text_of)
        .find(|t| !t.trim().is_empty())
}

/// The first number in a heading: `1`, `2.`, `Punkt 1`, `Punkt 1.2`.
fn first_number(text: &str) -> Option<Punkt> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let number: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    frame::item_number(&number).or_else(|| {
        let whole: String = number.chars().take_while(char::is_ascii_digit).collect();
        whole.parse().ok().map(Punkt::new)
    })
}

/// The title, without a line that only gives the item's number (SBSYS
/// puts `Punkt 1` and the title in one heading).
fn title_lines(text: &str, punkt: Punkt) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .filter(|line| {
            let rest = line
                .trim_start_matches("Punkt")
                .trim()
                .trim_end_matches('.');
            rest != punkt.to_string()
        })
        .collect();
    words(&lines.join(" "))
}

/// `Mødested: Mødelokale 1` without its label.
fn without_label(text: &str) -> &str {
    match text.split_once(':') {
        Some((label, rest)) if !label.trim().contains(' ') => rest.trim(),
        _ => text,
    }
}

/// The text with this system's own section headings (`Forvaltningen
/// foreslår:`) replaced by the section they are.
fn renamed_headings(text: &str, headings: &[(&str, &str)]) -> String {
    if headings.is_empty() {
        return text.to_string();
    }
    text.lines()
        .map(|line| {
            let key = line.trim().trim_end_matches(':').trim();
            headings
                .iter()
                .find(|(own, _)| own.eq_ignore_ascii_case(key))
                .map_or(line, |(_, section)| section)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, Outcome};

    #[test]
    fn every_selector_of_every_page_parses() {
        for page in PAGES {
            let mut all = vec![
                page.marker,
                page.kind.0,
                page.body.0,
                page.date.0,
                page.item,
            ];
            all.extend([page.number, page.title]);
            all.extend(page.place.as_ref().map(|p| p.0));
            all.extend(page.journal.map(|j| j.0));
            all.extend(page.closed.map(|c| c.0));
            all.extend(page.text);
            all.extend(page.frame);
            all.extend(page.toc);
            for css in all {
                assert!(selector(css).is_some(), "{css}");
            }
        }
    }

    const FIRSTAGENDA_PAGE: &str = r#"<html lang="da"><head><title>Teknisk Udvalg - Udvalgsværelse 398</title>
        <script>window.x = {"Meeting_Closed_Item":"Lukket punkt"}</script></head><body>
        <div class="title"><h1 class="green dato">Referat 1. oktober 2025 kl. 15.45</h1>
        <h2 class="black"><span class="udvalg">Teknisk Udvalg</span><span class="sted-divider"> - </span><span class="sted">Udvalgsværelse 398</span></h2></div>
        <table class="dagsordeninfo"><tr><td>Mødedato:</td><td><span class="dato">onsdag den 1. oktober 2025 kl. 15.45</span></td></tr></table>
        <table id="dagsordenDetaljer"><tbody>
        <tr class="punktrow"><td><span class="label label-default">2</span></td><td><button><h2 class="overskrift">Udviklingsplan Aarhus Ø</h2></button>
        <div class="details"><span class="sagsnummer">EMN-2025-009242</span><div class="punkt"><h3></h3><div>
        <div><h3>Beslutninger</h3><span class="resume"><div>Et flertal i udvalget kunne tiltræde indstillingen.</div><div>Solveig Munk kunne ikke tiltræde indstillingen.</div></span>
        <h3>Sagsforløb</h3><span class="resume"><div>Udvalg: Aarhus Byråd</div><div>Dato: 10-09-2025</div><div> Punktnummer: 11</div><div>Fremsendes til Teknisk Udvalg til behandling.</div></span>
        </div></div></div><h3>Bilag</h3><ul><li><span class="label">PDF</span><a>Indstilling</a></li></ul></div></td>
        <td><span class="fil-ikon-nummer">30</span><a>Hent som PDF</a></td></tr>
        <tr class="punktrow"><td><span class="label label-default">1</span></td><td><h2 class="overskrift">Referat fra sidste udvalgsmøde</h2>
        <div class="details"><span class="sagsnummer">EMN-2025-010561</span><div class="punkt"><div><h3>Beslutninger</h3><span class="resume"><div>Ingen bemærkninger.</div></span></div></div></div></td></tr>
        </tbody></table></body></html>"#;

    #[test]
    fn firstagenda_page_items_are_read_from_their_rows() {
        let meeting = read(FIRSTAGENDA_PAGE).expect("reads");
        assert_eq!(meeting.body.as_deref(), Some("Teknisk Udvalg"));
        assert_eq!(meeting.place.as_deref(), Some("Udvalgsværelse 398"));
        assert_eq!(
            meeting.date.map(|d| d.to_string()).as_deref(),
            Some("2025-10-01")
        );
        assert_eq!(meeting.time.as_deref(), Some("15:45"));
        assert_eq!(meeting.kind, DocumentKind::Referat);
        let numbers: Vec<u32> = meeting.items.iter().map(|i| i.punkt.number).collect();
        assert_eq!(numbers, [1, 2]);
        let item = &meeting.items[1];
        assert_eq!(item.title.as_deref(), Some("Udviklingsplan Aarhus Ø"));
        assert_eq!(item.journal.as_deref(), Some("EMN-2025-009242"));
        assert_eq!(item.decisions.len(), 2);
        assert!(item.decisions[0].dissent);
        assert_eq!(item.decisions[1].body.as_deref(), Some("Aarhus Byråd"));
        assert_eq!(item.decisions[1].outcome, Outcome::Forwarded);
    }

    const EDOC_PAGE: &str = r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><div class="xsltPrint"><div class="xsltOuter">
        <table><tr><td><div class="xsltAgendaTitle">Dagsorden<br />Hennys testudvalg</div>
        <div class="xsltDateAndLocation">2. maj 2017 kl. 10:00<br />Mødested: Mødelokale 1, Midtpunkt</div></td></tr></table>
        <table class="xsltListOfContentBegin"><tr><td><span class="xsltContentHeader">1. </span></td><td>test</td></tr></table>
        <table class="xsltListOfContentEnd"><tr><td><span class="xsltContentHeader">5. </span></td><td>Sag</td></tr>
        <tr><td><span class="xsltContentHeader">6. </span></td><td>Sag</td></tr></table>
        <table class="xsltTitleTableBegin"><tr><td><div class="xsltTitle"><a name="x"></a>1. </div></td><td class="xsltTitleText"><div class="xsltTitle">test</div></td></tr></table>
        <table class="xsltTitleTableEnd"><tr><td><div class="xsltSubTitle">Sagsnr.: 2013-003869</div></td><td><div class="xsltSubTitle">Sagsbehandler: R</div></td><td><div class="xsltSubTitle">Åben</div></td></tr></table>
        <div class="xsltHeader">Forvaltningen foreslår:</div><div class="Forvaltningen foreslår"><ul><li>At punktet drøftes.</li></ul></div>
        <table class="xsltTitleTableBegin"><tr><td><div class="xsltTitle">5. </div></td><td class="xsltTitleText"><div class="xsltTitle">Sag</div></td></tr></table>
        <table class="xsltTitleTableEnd"><tr><td><div class="xsltSubTitle">Sagsnr.: </div></td><td><div class="xsltSubTitle">Lukket</div></td></tr></table>
        </div></div></body></html>"#;

    #[test]
    fn edoc_page_items_run_from_title_table_to_title_table() {
        let meeting = read(EDOC_PAGE).expect("reads");
        assert_eq!(meeting.body.as_deref(), Some("Hennys testudvalg"));
        assert_eq!(meeting.place.as_deref(), Some("Mødelokale 1, Midtpunkt"));
        assert_eq!(meeting.time.as_deref(), Some("10:00"));
        assert_eq!(meeting.kind, DocumentKind::Dagsorden);
        let first = &meeting.items[0];
        assert_eq!((first.punkt, first.closed), (Punkt::new(1), false));
        assert_eq!(first.journal.as_deref(), Some("2013-003869"));
        assert_eq!(first.indstilling.as_deref(), Some("- At punktet drøftes."));
        let second = &meeting.items[1];
        assert_eq!(
            (second.punkt, second.closed, second.journal.as_deref()),
            (Punkt::new(5), true, None)
        );
        assert_eq!(
            meeting.warnings,
            ["found 2 of the 3 items the document lists; missing 6"]
        );
    }

    const SBSYS_PAGE: &str = r#"<html><head><title>Sbsys dagsorden preview</title></head><body>
        <div><span id="Dagsordentitel">Referat</span><BR />til<BR />m&oslash;det i <span id="Udvalgsnavn">Testudvalg</span><BR />
        den <span id="M&oslash;dedato">31. marts 2016 kl. 08:15</span><BR />i <span id="M&oslash;dested">Udvalgsv&aelig;relse 1</span></div>
        <table class="indkaldelsetabel" ID="Indkaldelse"><tr><td>Hanne Agersnap</td><td></td></tr><tr><td>Bodil Kornbek</td><td>Afbud</td></tr></table>
        <table ID="indholdsfortegnelse"><tr><td class="indholdheader">Pkt.</td></tr><tr><td class="indholdcell">2</td><td class="indholdcell">Lukket punkt: Sag</td></tr></table>
        <div class="dagsordenpunkt"><h2><span class="punktoverskrift">Punkt 2<br>Lukket punkt: Sag</span></h2>
        <div class="beslutning"><h3 class="beslutningoverskrift">Beslutning</h3><div><p>Testudvalg den 31. marts 2016</p><p>Anbefalet.</p></div></div>
        </div></body></html>"#;

    #[test]
    fn sbsys_page_heading_gives_number_and_title() {
        let meeting = read(SBSYS_PAGE).expect("reads");
        assert_eq!(meeting.body.as_deref(), Some("Testudvalg"));
        assert_eq!(meeting.place.as_deref(), Some("Udvalgsværelse 1"));
        assert_eq!(meeting.time.as_deref(), Some("08:15"));
        assert_eq!(meeting.kind, DocumentKind::Referat);
        assert_eq!(meeting.participants, ["Hanne Agersnap"]);
        assert_eq!(meeting.absent, ["Bodil Kornbek"]);
        let item = &meeting.items[0];
        assert_eq!((item.punkt, item.closed), (Punkt::new(2), true));
        assert_eq!(item.title.as_deref(), Some("Sag"));
        assert_eq!(item.decisions[0].outcome, Outcome::Recommended);
        assert!(meeting.warnings.is_empty());
    }

    #[test]
    fn an_unknown_page_is_read_as_text_and_garbage_does_not_panic() {
        let page = "<html><body><p>REFERAT Direktionen d. 17-11-2025</p><p>Punkt 1: Godkendelse</p>\
                    <h3>Beslutning</h3><p>Godkendt.</p></body></html>";
        assert_eq!(read(page).expect("reads").items.len(), 1);
        for cut in (0..FIRSTAGENDA_PAGE.len()).step_by(101) {
            if FIRSTAGENDA_PAGE.is_char_boundary(cut) {
                let _ = read(&FIRSTAGENDA_PAGE[..cut]);
            }
        }
        assert!(read("<html><tr class=punktrow>").is_err());
    }
}
