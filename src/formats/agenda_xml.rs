//! Agenda and minutes exports in XML: eDoc's agenda publishing XML
//! (`<Meeting>`, Ballerup), eDoc's Fujitsu agenda XML (`<Root>` in the
//! `fujitsu.dk/agenda` namespace, Middelfart), SBSYS (`<Dagsorden>`,
//! Lyngby-Taarbæk) and Acadre (`<root>` of `<table name="…">` and
//! `<field name="…">`, Syddjurs).
//!
//! The systems differ only in where they keep the same facts, so each is a
//! [`Dialect`]: a table of paths (element names, `..` for the parent, a
//! final `@name` for an attribute) read by one walker. The walker gives the
//! meeting and each item's frame; the item's text goes through
//! [`parse::item_from_text`] like any other minutes.

use crate::dates;
use crate::formats::frame;
use crate::formats::html;
use crate::formats::xml::Tree;
use crate::model::{Meeting, Punkt};
use crate::parse::{self, ParseError};

/// Where one system keeps the facts of a meeting. Every list of paths is
/// tried in order; the first non-empty value counts.
pub struct Dialect {
    /// The system, for messages.
    pub system: &'static str,
    /// The root element's local name.
    pub root: &'static str,
    /// A namespace the root must declare, where the system has one.
    pub namespace: Option<&'static str>,
    /// A path from the root that must lead somewhere, where the root's name
    /// alone does not tell the system (`<root>`).
    pub marker: Option<&'static str>,
    /// The body that met.
    pub body: &'static [&'static str],
    /// The meeting's date (time may follow in the same value).
    pub date: &'static [&'static str],
    /// The meeting's start time.
    pub time: &'static [&'static str],
    /// Where the meeting was held.
    pub place: &'static [&'static str],
    /// Words that say agenda or minutes (`Referat endeligt godkendt`).
    pub kind: &'static [&'static str],
    /// Who was called to the meeting, where the export lists them.
    pub people: Option<People>,
    /// From the root to each item.
    pub items: &'static str,
    /// From an item: its number.
    pub number: &'static [&'static str],
    /// From an item: its title.
    pub title: &'static [&'static str],
    /// From an item: its case number.
    pub journal: &'static [&'static str],
    /// From an item: a value that, lower-cased, contains one of `closed_when`
    /// for a closed item.
    pub closed: &'static str,
    /// See [`Dialect::closed`].
    pub closed_when: &'static [&'static str],
    /// From an item: its text.
    pub text: ItemText,
    /// From the root: the document's own list of its item numbers.
    pub listing: Option<Listing>,
    /// Field names of this system and the section each is (`Forvaltningen
    /// foreslår` is Middelfart's Indstilling).
    pub headings: &'static [(&'static str, &'static str)],
}

/// Members called to the meeting.
pub struct People {
    /// From the root to each person.
    pub each: &'static str,
    /// From a person: the name.
    pub name: &'static str,
    /// From a person: a value and the values of it (lower case) that mean
    /// the person did not take part.
    pub absent_when: Option<(&'static str, &'static [&'static str])>,
}

/// Where an item's text is.
pub enum ItemText {
    /// One plain-text field holding the whole item (eDoc's `FullText`),
    /// which starts by repeating the item's number and title.
    Plain(&'static str),
    /// Named fields of HTML (`Resume`, `Indstilling`, `Beslutning`): each
    /// field element, its name and its HTML, from the item.
    Fields {
        /// From the item to each field.
        each: &'static str,
        /// From a field: its heading.
        name: &'static str,
        /// From a field: its HTML.
        content: &'static str,
    },
}

/// The document's own list of its items.
pub enum Listing {
    /// Elements, one per item, with the number at a path.
    Elements {
        /// From the root to each entry.
        each: &'static str,
        /// From an entry: the item number.
        number: &'static str,
    },
    /// A plain-text table of contents (`1.<tab>Meddelelser<tab>3`) inside a
    /// text field.
    Text(&'static str),
}

/// eDoc's agenda publishing XML (`eDocAgendaPublishing.xml`).
pub const EDOC_PUBLISHING: Dialect = Dialect {
    system: "eDoc",
    root: "Meeting",
    namespace: None,
    marker: None,
    body: &["Committee"],
    date: &["MeetingDate"],
    time: &["MeetingDate"],
    place: &[],
    kind: &["MeetingState"],
    people: None,
    items: "MeetingAgendaTypes/MeetingAgendaType/MeetingAgendaItems/MeetingAgendaItem",
    number: &[
        "AgendaItemNumber",
        "Document/AgendaItems/AgendaItem/AgendaItemNumber",
    ],
    title: &["Document/Title", "Document/AgendaItems/AgendaItem/Name"],
    journal: &[
        "Document/CaseLogicIdentifier",
        "Document/Case/CaseLogicIdentifier",
    ],
    closed: "../../AgendaType",
    closed_when: &["lukket"],
    text: ItemText::Plain("FullText"),
    listing: Some(Listing::Text(
        "MeetingAgendaTypes/MeetingAgendaType/FullText",
    )),
    headings: &[],
};

/// eDoc's Fujitsu agenda XML (`Root/Committee/Meeting/Agenda`).
pub const EDOC_FUJITSU: Dialect = Dialect {
    system: "eDoc",
    root: "Root",
    namespace: Some("http://www.fujitsu.dk/agenda/xml/schemas/2009/03/31/"),
    marker: None,
    body: &["Committee/Name"],
    date: &["Committee/Meeting/MeetingDateTime"],
    time: &["Committee/Meeting/MeetingDateTime"],
    place: &["Committee/Meeting/MeetingLocation"],
    kind: &["Committee/Meeting/Agenda/Type", "OutputTypeEnumName"],
    people: Some(People {
        each: "Committee/Meeting/MeetingParticipants/MeetingParticipant",
        name: "Name",
        absent_when: Some(("Participate", &["false"])),
    }),
    items: "Committee/Meeting/Agenda/AgendaElements/AgendaElement",
    number: &["HandlingItem/SerialNo"],
    title: &["HandlingItem/Title", "HandlingItem/NeutralTitle"],
    journal: &["HandlingItem/CaseNumber"],
    closed: "AccessIsPublic",
    closed_when: &["false"],
    text: ItemText::Fields {
        each: "HandlingItem/CasePresentations/CasePresentation",
        name: "Title",
        content: "Content",
    },
    listing: None,
    headings: &[("Forvaltningen foreslår", "Indstilling")],
};

/// SBSYS (`<Dagsorden>` with the meeting in attributes of `<Møde>`).
pub const SBSYS: Dialect = Dialect {
    system: "SBSYS",
    root: "Dagsorden",
    namespace: None,
    marker: None,
    body: &["Møde/@Udvalg"],
    date: &["Møde/@Mødedato", "Møde"],
    time: &["Møde/@Mødetid", "Møde"],
    place: &["Møde/@Mødested"],
    kind: &["@Dagsordentype"],
    people: Some(People {
        each: "Indkaldelse/Medlem",
        name: "@Navn",
        absent_when: None,
    }),
    items: "Dagsordenpunkter/Dagsordenpunkt",
    number: &["@Nummer"],
    title: &["Overskrift", "@Sagstitel"],
    journal: &["@Sagsnr"],
    closed: "@Åbent",
    closed_when: &["false"],
    text: ItemText::Fields {
        each: "Indhold/*",
        name: "@Navn",
        content: "",
    },
    listing: Some(Listing::Elements {
        each: "Indholdsfortegnelse/DagsordenpunktReference",
        number: "@Punktnummer",
    }),
    headings: &[],
};

/// Acadre's agenda XML, as OS2dagsorden receives it: every element a
/// `<table name="…">` or `<field name="…">`. Items carry the municipality's
/// running yearly numbers (`715`).
pub const ACADRE: Dialect = Dialect {
    system: "Acadre",
    root: "root",
    namespace: None,
    marker: Some("table[name=agenda]/table[name=meeting]"),
    body: &["table[name=agenda]/table[name=committee]/fields/field[name=name]"],
    date: &["table[name=agenda]/table[name=meeting]/fields/field[name=date]"],
    time: &["table[name=agenda]/table[name=meeting]/fields/field[name=date]"],
    place: &["table[name=agenda]/table[name=meeting]/fields/field[name=location]"],
    kind: &["table[name=agenda]/fields/field[name=name]"],
    people: Some(People {
        each: "table[name=agenda]/table[name=meeting]/table[name=meetmember]/table[name=member]",
        name: "fields/field[name=name]",
        absent_when: Some(("fields/field[name=absent]", &["1", "true"])),
    }),
    items: "table[name=agenda]/table[name=agendaitemparents]",
    number: &["fields/field[name=sort]"],
    title: &["table[name=agendaitem]/fields/field[name=name]"],
    journal: &["table[name=agendaitem]/fields/field[name=caseno]"],
    closed: "table[name=agendaitem]/fields/field[name=accessname]",
    closed_when: &["lukket"],
    text: ItemText::Fields {
        each: "table[name=agendaitem]/table[name=bullet]",
        name: "fields/field[name=bulletname]",
        content: "fields/field[name=bulletcontent]",
    },
    listing: None,
    headings: &[],
};

/// Every dialect known, tried in order.
pub const DIALECTS: &[&Dialect] = &[&EDOC_PUBLISHING, &EDOC_FUJITSU, &SBSYS, &ACADRE];

/// The dialect a tree is written in, by its root element and namespaces.
pub fn dialect_of(tree: &Tree) -> Option<&'static Dialect> {
    DIALECTS.iter().copied().find(|d| {
        tree.root().name == d.root
            && d.namespace
                .is_none_or(|ns| tree.namespaces.iter().any(|n| n == ns))
            && d.marker.is_none_or(|path| !tree.select(0, path).is_empty())
    })
}

/// Reads an XML export of a known system.
pub fn read(text: &str) -> Result<Meeting, ParseError> {
    let tree = Tree::parse(text).ok_or(ParseError::UnknownXml)?;
    let dialect = dialect_of(&tree).ok_or(ParseError::UnknownXml)?;
    read_tree(&tree, dialect)
}

fn read_tree(tree: &Tree, d: &Dialect) -> Result<Meeting, ParseError> {
    let when = tree.first_value(0, d.date);
    let mut meeting = Meeting {
        body: tree.first_value(0, d.body).map(str::to_string),
        date: when.and_then(dates::find_date).map(|(date, _)| date),
        time: d
            .time
            .iter()
            .filter_map(|path| tree.value(0, path))
            .find_map(frame::clock),
        place: tree.first_value(0, d.place).map(str::to_string),
        ..Meeting::default()
    };
    if let Some(people) = &d.people {
        for person in tree.select(0, people.each) {
            let Some(name) = tree.value(person, people.name) else {
                continue;
            };
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            let absent = people.absent_when.is_some_and(|(path, values)| {
                tree.value(person, path)
                    .is_some_and(|v| values.contains(&v.to_lowercase().as_str()))
            });
            if absent {
                meeting.absent.push(name);
            } else {
                meeting.participants.push(name);
            }
        }
    }
    if let Some(broken) = &tree.broken {
        meeting.warnings.push(broken.clone());
    }
    let items = tree.select(0, d.items);
    if items.is_empty() {
        return Err(ParseError::NoItems);
    }
    let date = parse::meeting_date(meeting.date, when.unwrap_or_default())?;
    for (position, &node) in items.iter().enumerate() {
        let punkt = match tree
            .first_value(node, d.number)
            .and_then(frame::item_number)
        {
            Some(punkt) => punkt,
            None => {
                let punkt = Punkt::new(position as u32 + 1);
                meeting.warnings.push(format!(
                    "the {system} item at position {punkt} has no number; numbered by position",
                    system = d.system
                ));
                punkt
            }
        };
        let title = plain(tree.first_value(node, d.title).unwrap_or_default());
        let journal = tree.first_value(node, d.journal).map(str::to_string);
        let text = match &d.text {
            ItemText::Plain(path) => frame::without_repeated_heading(
                tree.value(node, path).unwrap_or_default(),
                punkt,
                &title,
            )
            .to_string(),
            ItemText::Fields {
                each,
                name,
                content,
            } => fields_text(tree, node, each, name, content, d.headings),
        };
        let mut item =
            parse::item_from_text(punkt, &title, journal, &text, date, meeting.body.as_deref());
        let closed_value = tree
            .value(node, d.closed)
            .unwrap_or_default()
            .to_lowercase();
        item.closed |= d.closed_when.iter().any(|w| closed_value.contains(w));
        meeting.items.push(item);
    }
    meeting.kind = frame::kind(tree.first_value(0, d.kind), &meeting);
    let listed = d
        .listing
        .as_ref()
        .map(|listing| listed_numbers(tree, listing));
    frame::settle(&mut meeting, listed.as_deref());
    Ok(meeting)
}

/// An item's HTML fields as one text, each field's name as a heading.
fn fields_text(
    tree: &Tree,
    item: usize,
    each: &str,
    name: &str,
    content: &str,
    headings: &[(&str, &str)],
) -> String {
    let fields = match each.strip_suffix("/*") {
        // Every child of the container is a field.
        Some(container) => tree
            .select(item, container)
            .into_iter()
            .flat_map(|c| tree.nodes[c].children.iter().copied())
            .collect(),
        None => tree.select(item, each),
    };
    let mut text = String::new();
    for field in fields {
        let html_text = html::to_text(tree.value(field, content).unwrap_or_default());
        if html_text.is_empty() {
            continue;
        }
        if let Some(name) = tree.value(field, name) {
            let name = plain(name);
            let section = headings
                .iter()
                .find(|(own, _)| own.eq_ignore_ascii_case(&name))
                .map_or(name.as_str(), |(_, section)| section);
            text.push_str(section);
            text.push_str("\n\n");
        }
        text.push_str(&html_text);
        text.push_str("\n\n");
    }
    text
}

/// A title or heading that may hold markup or HTML entities, as text.
fn plain(value: &str) -> String {
    if value.contains(['<', '&']) {
        html::to_text(value)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        value.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The item numbers the document lists for itself.
fn listed_numbers(tree: &Tree, listing: &Listing) -> Vec<Punkt> {
    match listing {
        Listing::Elements { each, number } => tree
            .select(0, each)
            .into_iter()
            .filter_map(|entry| tree.value(entry, number).and_then(frame::item_number))
            .collect(),
        Listing::Text(path) => tree.value(0, path).map(toc_numbers).unwrap_or_default(),
    }
}

/// The item numbers of a plain-text table of contents: lines of number,
/// title and page separated by tabs (`1.\tMeddelelser\t3`).
fn toc_numbers(text: &str) -> Vec<Punkt> {
    text.lines()
        .filter_map(|line| {
            let mut cells = line.split('\t').map(str::trim);
            let number = frame::item_number(cells.next()?.strip_suffix('.')?)?;
            let title = cells.next()?;
            let page = cells.next()?;
            (!title.is_empty() && page.parse::<u32>().is_ok()).then_some(number)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, Outcome};

    const EDOC: &str = "<?xml version=\"1.0\"?>\r<Meeting>\r<Committee>Sundhedsudvalget</Committee>\
        <MeetingDate>04-12-2012 13:00:00</MeetingDate><MeetingState>Referat endeligt godkendt</MeetingState>\
        <MeetingAgendaTypes><MeetingAgendaType><AgendaType>Åben dagsorden</AgendaType><MeetingAgendaItems>\
        <MeetingAgendaItem><AgendaItemNumber>2</AgendaItemNumber><Document><Title>Bygninger 2013</Title>\
        <CaseLogicIdentifier /></Document><FullText>\r\r2.\tBygninger 2013\r\rSagsnr.: 2012-28504\r\
        Dok.nr.: 2012-203438\r\rSammendrag\rTekst.\r\rSundhedsudvalgets beslutning den 04.12.2012 Punkt 2\r\
        Indstillingen godkendt\r\r&#xC;</FullText></MeetingAgendaItem>\
        <MeetingAgendaItem><AgendaItemNumber>1</AgendaItemNumber><Document><Title>Meddelelser</Title>\
        </Document><FullText>1.\tMeddelelser\r\rSagsnr.: 2011-29298\r\rSundhedsudvalgets beslutning den 04.12.2012 Punkt 1\r\
        Taget til efterretning</FullText></MeetingAgendaItem>\
        </MeetingAgendaItems><FullText>INDHOLDSFORTEGNELSE\r1.\tMeddelelser\t3\r2.\tBygninger 2013\t3\r\
        3.\tMangler\t5\r</FullText></MeetingAgendaType></MeetingAgendaTypes></Meeting>";

    #[test]
    fn edoc_publishing_items_are_read_in_number_order() {
        let meeting = read(EDOC).expect("reads");
        assert_eq!(meeting.body.as_deref(), Some("Sundhedsudvalget"));
        assert_eq!(
            meeting.date.map(|d| d.to_string()).as_deref(),
            Some("2012-12-04")
        );
        assert_eq!(meeting.time.as_deref(), Some("13:00"));
        assert_eq!(meeting.kind, DocumentKind::Referat);
        let numbers: Vec<u32> = meeting.items.iter().map(|i| i.punkt.number).collect();
        assert_eq!(numbers, [1, 2]);
        let item = &meeting.items[1];
        assert_eq!(item.title.as_deref(), Some("Bygninger 2013"));
        assert_eq!(item.journal.as_deref(), Some("2012-28504"));
        assert!(!item.closed);
        assert_eq!(item.decisions.len(), 1);
        assert_eq!(item.decisions[0].outcome, Outcome::Approved);
        assert_eq!(meeting.items[0].decisions[0].outcome, Outcome::Noted);
    }

    #[test]
    fn the_table_of_contents_checks_the_items() {
        let meeting = read(EDOC).expect("reads");
        assert_eq!(
            meeting.warnings,
            ["found 2 of the 3 items the document lists; missing 3"]
        );
    }

    #[test]
    fn a_closed_agenda_makes_its_items_closed() {
        let closed = EDOC.replace("Åben dagsorden", "Lukket dagsorden");
        assert!(read(&closed).expect("reads").items.iter().all(|i| i.closed));
    }

    const SBSYS_DOC: &str = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?><Dagsorden Dagsordentype=\"Referat\">\
        <Møde Mødested=\"Udvalgsværelse 1\" Mødedato=\"31. marts 2016\" Mødetid=\"08:15\" Udvalg=\"Testudvalg\">x</Møde>\
        <Indkaldelse><Medlem Navn=\"Hanne Agersnap\"/></Indkaldelse>\
        <Indholdsfortegnelse><DagsordenpunktReference Punktnummer=\"1\"/><DagsordenpunktReference Punktnummer=\"2\"/></Indholdsfortegnelse>\
        <Dagsordenpunkter><Dagsordenpunkt Åbent=\"false\" Sagsnr=\"82.02.00-G10-1-16\" Nummer=\"2\">\
        <Overskrift><![CDATA[Lukket punkt: Salg af r&aring;dhus]]></Overskrift><Indhold>\
        <Indstilling Navn=\"Indstilling\"><![CDATA[<p>At salget godkendes.</p>]]><IndstillingOverskrift>Indstilling</IndstillingOverskrift></Indstilling>\
        <Beslutning Navn=\"Beslutning\"><![CDATA[<p>Testudvalg den 31. marts 2016</p><p>Godkendt.</p>]]></Beslutning>\
        </Indhold></Dagsordenpunkt></Dagsordenpunkter></Dagsorden>";

    #[test]
    fn sbsys_attributes_and_html_fields() {
        let meeting = read(SBSYS_DOC).expect("reads");
        assert_eq!(meeting.body.as_deref(), Some("Testudvalg"));
        assert_eq!(
            meeting.date.map(|d| d.to_string()).as_deref(),
            Some("2016-03-31")
        );
        assert_eq!(meeting.time.as_deref(), Some("08:15"));
        assert_eq!(meeting.place.as_deref(), Some("Udvalgsværelse 1"));
        assert_eq!(meeting.participants, ["Hanne Agersnap"]);
        assert_eq!(meeting.kind, DocumentKind::Referat);
        let item = &meeting.items[0];
        assert_eq!(item.punkt, 2);
        assert!(item.closed);
        assert_eq!(item.title.as_deref(), Some("Salg af rådhus"));
        assert_eq!(item.journal.as_deref(), Some("82.02.00-G10-1-16"));
        assert_eq!(item.indstilling.as_deref(), Some("At salget godkendes."));
        assert_eq!(item.decisions[0].outcome, Outcome::Approved);
        assert_eq!(
            meeting.warnings,
            ["found 1 of the 2 items the document lists; missing 1"]
        );
    }

    const FUJITSU: &str = "<Root xmlns:edoc=\"http://www.fujitsu.dk/agenda/xml/schemas/2009/03/31/\">\
        <edoc:Committee><edoc:Name>Hennys testudvalg</edoc:Name><edoc:Meeting>\
        <edoc:MeetingDateTime>02-05-2017 10:00</edoc:MeetingDateTime><edoc:MeetingLocation>Midtpunkt</edoc:MeetingLocation>\
        <edoc:MeetingParticipants><edoc:MeetingParticipant><edoc:Name>Hanne  Lauritsen</edoc:Name><edoc:Participate>true</edoc:Participate></edoc:MeetingParticipant>\
        <edoc:MeetingParticipant><edoc:Name>Allan Buch</edoc:Name><edoc:Participate>false</edoc:Participate></edoc:MeetingParticipant></edoc:MeetingParticipants>\
        <edoc:Agenda><edoc:Type>Dagsorden</edoc:Type><edoc:AgendaElements>\
        <edoc:AgendaElement><edoc:AccessIsPublic>false</edoc:AccessIsPublic><edoc:HandlingItem><edoc:SerialNo>5</edoc:SerialNo>\
        <edoc:Title>Anders' sag</edoc:Title><edoc:CaseNumber>2016-003798</edoc:CaseNumber><edoc:CasePresentations>\
        <edoc:CasePresentation><edoc:Title>Forvaltningen foreslår</edoc:Title><edoc:Content><![CDATA[<ul><li>At det godkendes.</li></ul>]]></edoc:Content></edoc:CasePresentation>\
        </edoc:CasePresentations></edoc:HandlingItem></edoc:AgendaElement>\
        </edoc:AgendaElements></edoc:Agenda></edoc:Meeting></edoc:Committee></Root>";

    #[test]
    fn fujitsu_namespace_and_serial_numbers() {
        let meeting = read(FUJITSU).expect("reads");
        assert_eq!(meeting.body.as_deref(), Some("Hennys testudvalg"));
        assert_eq!(meeting.time.as_deref(), Some("10:00"));
        assert_eq!(meeting.participants, ["Hanne Lauritsen"]);
        assert_eq!(meeting.absent, ["Allan Buch"]);
        assert_eq!(meeting.kind, DocumentKind::Dagsorden);
        let item = &meeting.items[0];
        assert_eq!((item.punkt, item.closed), (Punkt::new(5), true));
        assert_eq!(item.journal.as_deref(), Some("2016-003798"));
        assert_eq!(item.indstilling.as_deref(), Some("- At det godkendes."));
        assert!(item.decisions.is_empty());
        // Without the namespace it is not that system.
        let foreign = FUJITSU.replace("fujitsu.dk", "example.org");
        assert_eq!(read(&foreign), Err(ParseError::UnknownXml));
    }

    #[test]
    fn broken_input_is_an_error_or_a_warning_never_a_panic() {
        for cut in (0..EDOC.len())
            .step_by(97)
            .filter(|&i| EDOC.is_char_boundary(i))
        {
            let _ = read(&EDOC[..cut]);
        }
        let cut = EDOC
            .find("<MeetingAgendaItem><AgendaItemNumber>1")
            .expect("second item");
        let meeting = read(&EDOC[..cut + 60]).expect("reads what is there");
        assert!(meeting.warnings.iter().any(|w| w.contains("XML")));
        assert_eq!(read("<Unknown/>"), Err(ParseError::UnknownXml));
        assert_eq!(read("<Meeting></Meeting>"), Err(ParseError::NoItems));
    }
}
