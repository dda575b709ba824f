use super::*;
use jiff::civil::date;

const SMALL: &str = "REFERAT Økonomiudvalget d. 12-06-2024

Mødedato Onsdag d. 12. juni 2024 kl. 16.00
Mødested Byrådssalen
Mødedeltagere Anna Hansen, Bo Jensen og Carl Nielsen

Punkt 1: 1. Budget
2025 og overslagsår

24/1001

Indstilling

Det indstilles, at budgettet godkendes.

Beslutning i Økonomiudvalget den 5. juni 2024

Sagen udsættes.

Beslutning Økonomiudvalget den 12-06-2024

Godkendt.

Punkt 2: Lukket

24/1002
";

#[test]
fn reads_header_items_and_quoted_decisions() {
    let m = parse(SMALL).unwrap();
    assert_eq!(m.body.as_deref(), Some("Økonomiudvalget"));
    assert_eq!(m.date, Some(date(2024, 6, 12)));
    assert_eq!(m.time.as_deref(), Some("16:00"));
    assert_eq!(m.participants, ["Anna Hansen", "Bo Jensen", "Carl Nielsen"]);
    let item = &m.items[0];
    assert_eq!(item.title.as_deref(), Some("Budget 2025 og overslagsår"));
    assert_eq!(item.journal.as_deref(), Some("24/1001"));
    assert_eq!(item.decisions.len(), 2);
    assert_eq!(item.decisions[0].date, date(2024, 6, 5));
    assert_eq!(item.decisions[0].body.as_deref(), Some("Økonomiudvalget"));
    assert_eq!(item.decisions[1].outcome, crate::model::Outcome::Approved);
    let closed = &m.items[1];
    assert!(closed.closed);
    assert_eq!(closed.title, None);
}

#[test]
fn labelled_journal_on_the_next_line() {
    let text = "REFERAT Udvalget d. 02-05-2013\n\nPunkt 1: Sag\n\nSagsnr.:\n27.69.48-P20-1-19\n\nBeslutning\n\nGodkendt.\n";
    let m = parse(text).unwrap();
    assert_eq!(m.items[0].journal.as_deref(), Some("27.69.48-P20-1-19"));
}

#[test]
fn not_minutes() {
    assert_eq!(
        parse("Kære Anna,\n\ntak for sidst.\n"),
        Err(ParseError::NoItems)
    );
    assert_eq!(parse("Punkt 1: Noget\n\nTekst\n"), Err(ParseError::NoDate));
}

#[test]
fn prose_starting_with_beslutning_is_not_a_heading() {
    assert!(heading("Beslutning herom skal dog tages inden det konstituerende møde").is_none());
    assert!(heading("Beslutning om vedtagelse af beredskabspolitik den 12-06-2024").is_none());
    let h = heading("Kultur- og Fritidsudvalgets beslutning den 15.05.2013 Punkt 3").unwrap();
    assert_eq!(h.body.as_deref(), Some("Kultur- og Fritidsudvalget"));
}

#[test]
fn title_lines_of_other_systems() {
    let m = parse("Referat fra mødet i Økonomiudvalget den 12. juni 2024\n\nPkt. 1. Budget\n\n24/1\n\nBeslutning\n\nGodkendt.\n").unwrap();
    assert_eq!(m.body.as_deref(), Some("Økonomiudvalget"));
    assert_eq!(m.date, Some(date(2024, 6, 12)));
    assert_eq!(m.items[0].punkt, 1);
    assert_eq!(m.items[0].title.as_deref(), Some("Budget"));
}

#[test]
fn a_heading_with_its_text_on_the_same_line() {
    let m = parse("REFERAT Byrådet d. 01-02-2024\n\nPunkt 1: Sag\n\n24/7\n\nIndstilling: At planen godkendes.\nBeslutning i Byrådet den 01-02-2024: Godkendt.\n").unwrap();
    let item = &m.items[0];
    assert_eq!(item.indstilling.as_deref(), Some("At planen godkendes."));
    assert_eq!(item.decisions[0].text, "Godkendt.");
    assert_eq!(item.decisions[0].outcome, crate::model::Outcome::Approved);
}

/// Greve's FirstAgenda items as a browser lays them out: quoted decisions
/// with absence notes, a dated history whose headers are glued to the
/// absence note before them, and the planned route.
const GREVE_ITEM: &str = "Beslutning

Økonomiudvalget anbefaler overfor Byrådet at fagudvalgenes indstilling godkendes.

Fraværende: Mehmet Zeki Dogru

Fremstilling

Sagsprocedure

Skole-, Børne-, og Ungeudvalget, Klima-, Teknik og Miljøudvalget, Økonomiudvalget og Byrådet.

Beslutning i Plan- og Tryghedsudvalget 16. august 2022:
Ikke til stede: John T. Olsen (A)
1.-2. Drøftet.

Sagens forløb

16-08-2022 Skole-, Børne- og Ungeudvalget
Udvalget godkendte punkt 1.

Fraværende: Bjarke Abel 18-08-2022 Klima-, Teknik- og Miljøudvalget

1.-2. Anbefales.

16-08-2022 Plan- og Tryghedsudvalget
1.-2. Drøftet.
";

#[test]
fn quoted_decisions_history_and_route() {
    use crate::model::Outcome;
    let item = item_from_text(
        Punkt::new(9),
        "Sag",
        Some("22-1".to_string()),
        GREVE_ITEM,
        date(2022, 8, 29),
        Some("Økonomiudvalget"),
    );
    assert_eq!(
        item.route,
        Some(vec![
            "Skole-, Børne- og Ungeudvalget".to_string(),
            "Klima-, Teknik- og Miljøudvalget".to_string(),
            "Økonomiudvalget".to_string(),
            "Byrådet".to_string(),
        ])
    );
    let read: Vec<(Date, &str, Outcome, Vec<String>)> = item
        .decisions
        .iter()
        .map(|d| (d.date, d.body.as_deref().unwrap(), d.outcome, d.to.clone()))
        .collect();
    assert_eq!(
        read,
        vec![
            (
                date(2022, 8, 29),
                "Økonomiudvalget",
                Outcome::Recommended,
                vec!["Byrådet".to_string()]
            ),
            (
                date(2022, 8, 16),
                "Plan- og Tryghedsudvalget",
                Outcome::Discussed,
                vec![]
            ),
            (
                date(2022, 8, 16),
                "Skole-, Børne- og Ungeudvalget",
                Outcome::Approved,
                vec![]
            ),
            (
                date(2022, 8, 18),
                "Klima-, Teknik- og Miljøudvalget",
                Outcome::Recommended,
                vec!["Økonomiudvalget".to_string(), "Byrådet".to_string()]
            ),
        ]
    );
    // Absence notes are not decision text.
    assert_eq!(item.decisions[1].text, "1.-2. Drøftet.");
    assert!(!item.decisions[2].text.contains("Fraværende"));
}

#[test]
fn a_closed_items_only_text_is_its_decision() {
    let item = item_from_text(
        Punkt::new(2),
        "Lukket: Salg af grund",
        None,
        "Byrådet godkendte Økonomiudvalgets indstilling.\n\nFraværende: Tina Rottbøll\n",
        date(2022, 10, 3),
        Some("Byråd 2022-2025"),
    );
    assert!(item.closed);
    assert_eq!(item.decisions.len(), 1);
    assert_eq!(
        item.decisions[0].text,
        "Byrådet godkendte Økonomiudvalgets indstilling."
    );
    assert_eq!(item.route, None);
}

#[test]
fn the_deciding_body_stated_in_a_sentence_is_the_route() {
    let text = "REFERAT Sundheds- og Forebyggelsesudvalget d. 04-12-2012\n\nPunkt 3: Kvalitetsstandarder\n\nSagsnr.: 2012-31114\n\nBeslutningen træffes af\nKommunalbestyrelsen\n\nIndstilling\n\nAt standarderne godkendes.\n\nBeslutning\n\nIndstilles til godkendelse.\n\nPunkt 4: Takster\n\nSagsnr.: 2012-31673\n\nBeslutningen træffes af Sundheds- og Forebyggelsesudvalget\n\nBeslutning\n\nIndstillingen godkendt.\n";
    let m = parse(text).unwrap();
    assert_eq!(
        m.items[0].route,
        Some(vec!["Kommunalbestyrelsen".to_string()])
    );
    assert_eq!(m.items[0].decisions[0].to, ["Kommunalbestyrelsen"]);
    assert_eq!(
        m.items[1].route,
        Some(vec!["Sundheds- og Forebyggelsesudvalget".to_string()])
    );
    assert!(m.items[1].decisions[0].to.is_empty());
}

#[test]
fn edoc_text_with_running_numbers_and_lone_numbers() {
    let text = "Referat\nKultur- og Fritidsudvalget\nTorsdag den 20. juni 2013, kl. 16:30\n\nINDHOLDSFORTEGNELSE\n715. Kulturkommune 2017\n716. Meddelelser\n\n715.\n\nKulturkommune 2017\nSagsnr.:\n\n2013-10422\n\nKultur- og Fritidsudvalgets beslutning den 20.06.2013 Punkt 715\nIndstillingen godkendt\n\n716.\n\nMeddelelser\nSagsnr.: 2013-1\n\nKultur- og Fritidsudvalgets beslutning den 20.06.2013 Punkt 716\nTaget til efterretning\n";
    let m = parse(text).unwrap();
    assert_eq!(m.date, Some(date(2013, 6, 20)));
    assert_eq!(m.time.as_deref(), Some("16:30"));
    assert_eq!(m.body.as_deref(), Some("Kultur- og Fritidsudvalget"));
    let read: Vec<(u32, Option<&str>, Option<&str>)> = m
        .items
        .iter()
        .map(|i| (i.punkt.number, i.title.as_deref(), i.journal.as_deref()))
        .collect();
    assert_eq!(
        read,
        [
            (715, Some("Kulturkommune 2017"), Some("2013-10422")),
            (716, Some("Meddelelser"), Some("2013-1")),
        ]
    );
    assert_eq!(m.items[1].decisions[0].text, "Taget til efterretning");
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

/// `1. Meddelelser` holding `1.1` and `1.2`, each a case of its own, as
/// hierarchical agendas number them; the contents list them too, and a
/// numbered paragraph inside an item is not an item.
#[test]
fn hierarchical_numbers_are_items_of_their_own() {
    let text = "Referat\nØkonomiudvalget\nMandag den 3. marts 2025, kl. 16:00\n\nIndholdsfortegnelse\n1. Meddelelser\n1.1 Orientering om budget\n1.2 Orientering om byggeri\n2. Lokalplan 12\n\n1. Meddelelser\n\n1.1 Orientering om budget\nSagsnr.: 25/100\n\nBeslutning\nTaget til efterretning.\n\n1.2. Orientering om byggeri\nSagsnr.: 25/101\n\nBeslutning\nTaget til efterretning.\n\n2. Lokalplan 12\nSagsnr.: 25/102\n\nSagsfremstilling\n2.1 Formål\nPlanen giver mulighed for boliger.\n\nBeslutning\nGodkendt.\n";
    let m = parse(text).unwrap();
    let read: Vec<(String, Option<&str>, Option<&str>)> = m
        .items
        .iter()
        .map(|i| {
            (
                i.punkt.to_string(),
                i.title.as_deref(),
                i.journal.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("1".to_string(), Some("Meddelelser"), None),
            (
                "1.1".to_string(),
                Some("Orientering om budget"),
                Some("25/100")
            ),
            (
                "1.2".to_string(),
                Some("Orientering om byggeri"),
                Some("25/101")
            ),
            ("2".to_string(), Some("Lokalplan 12"), Some("25/102")),
        ]
    );
    assert_eq!(m.items[2].decisions[0].outcome, Outcome::Noted);
    assert!(m.items[3].sections[0].text.contains("2.1 Formål"));
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn punkt_headings_may_be_hierarchical() {
    let m = parse("REFERAT Byrådet d. 01-02-2024\n\nPunkt 3: Meddelelser\n\nPunkt 3.1: Ny skole\n\n24/7\n\nBeslutning\n\nGodkendt.\n").unwrap();
    let numbers: Vec<String> = m.items.iter().map(|i| i.punkt.to_string()).collect();
    assert_eq!(numbers, ["3", "3.1"]);
    assert_eq!(m.items[1].title.as_deref(), Some("Ny skole"));
}

#[test]
fn an_impossible_meeting_date_is_named() {
    assert_eq!(
        parse("REFERAT Direktionen d. 31-02-2025\n\nPunkt 1: Sag\n\n25/1\n"),
        Err(ParseError::InvalidDate("31-02-2025".to_string()))
    );
}
