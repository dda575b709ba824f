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
