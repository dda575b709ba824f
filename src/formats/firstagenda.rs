//! FirstAgenda's Publication JSON (`/api/agenda/dagsorden/{id}`), as Greve
//! and many other municipalities publish it.
//!
//! The meeting is in `Udvalg` and `Moede`, the items in `Dagsordenpunkter`
//! with `Punktnummer`, `Navn` (the title, `Lukket: …` for a closed item),
//! `SagsNummer` and the item's text as HTML in `Felter[].Html`. The system
//! calls every meeting "Dagsorden", also once the decisions are written in:
//! a document is minutes when an item records this meeting's decision.

use crate::formats::{frame, html};
use crate::model::{Meeting, Punkt};
use crate::parse::{self, ParseError};
use jiff::civil::DateTime;
use serde::Deserialize;

#[derive(Deserialize)]
struct Document {
    #[serde(rename = "Udvalg")]
    committee: Option<Committee>,
    #[serde(rename = "Moede")]
    meeting: Option<MeetingInfo>,
    #[serde(rename = "Dagsordenpunkter", default)]
    items: Vec<ItemInfo>,
}

#[derive(Deserialize)]
struct Committee {
    #[serde(rename = "Navn")]
    name: Option<String>,
}

#[derive(Deserialize)]
struct MeetingInfo {
    #[serde(rename = "Dato")]
    date: Option<String>,
    #[serde(rename = "MeetingBeginUtc")]
    begin: Option<String>,
    #[serde(rename = "Sted")]
    place: Option<String>,
    #[serde(rename = "Moededeltagere", default)]
    participants: Option<Vec<Participant>>,
}

#[derive(Deserialize)]
struct Participant {
    #[serde(rename = "Name")]
    name: Option<String>,
    #[serde(rename = "Absent", default)]
    absent: bool,
    #[serde(rename = "ParticipationCancelled", default)]
    cancelled: bool,
}

#[derive(Deserialize)]
struct ItemInfo {
    #[serde(rename = "Punktnummer")]
    number: Option<serde_json::Value>,
    #[serde(rename = "Navn")]
    title: Option<String>,
    #[serde(rename = "SagsNummer")]
    journal: Option<String>,
    #[serde(rename = "CaseNumber")]
    case_number: Option<String>,
    #[serde(rename = "Felter", default)]
    fields: Option<Vec<Field>>,
}

#[derive(Deserialize)]
struct Field {
    #[serde(rename = "Navn")]
    name: Option<String>,
    #[serde(rename = "Html")]
    html: Option<String>,
}

/// Reads a FirstAgenda Publication JSON document.
pub fn read(text: &str) -> Result<Meeting, ParseError> {
    let document: Document = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ParseError::Json(e.to_string()))?;
    let info = document.meeting.as_ref();
    let when = info
        .and_then(|m| m.date.as_deref().or(m.begin.as_deref()))
        .and_then(local_date_time);
    let mut meeting = Meeting {
        body: document
            .committee
            .and_then(|c| c.name)
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        date: when.map(|dt| dt.date()),
        time: when.map(|dt| format!("{:02}:{:02}", dt.hour(), dt.minute())),
        place: info
            .and_then(|m| m.place.as_deref())
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string),
        ..Meeting::default()
    };
    for person in info
        .and_then(|m| m.participants.as_deref())
        .unwrap_or_default()
    {
        let Some(name) = person
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        if person.absent || person.cancelled {
            meeting.absent.push(name.to_string());
        } else {
            meeting.participants.push(name.to_string());
        }
    }
    if document.items.is_empty() {
        return Err(ParseError::NoItems);
    }
    let date = meeting.date.ok_or(ParseError::NoDate)?;
    for (position, info) in document.items.iter().enumerate() {
        let punkt = info
            .number
            .as_ref()
            .and_then(item_number)
            .unwrap_or(Punkt::new(position as u32 + 1));
        let journal = [&info.journal, &info.case_number]
            .into_iter()
            .flatten()
            .map(|j| j.trim())
            .find(|j| !j.is_empty())
            .map(str::to_string);
        let item = parse::item_from_text(
            punkt,
            info.title.as_deref().unwrap_or_default(),
            journal,
            &item_text(info.fields.as_deref().unwrap_or_default()),
            date,
            meeting.body.as_deref(),
        );
        meeting.items.push(item);
    }
    parse::bodies::settle_names(&mut meeting);
    // The system calls every meeting "Dagsorden": only the decisions tell.
    meeting.kind = frame::kind(None, &meeting);
    Ok(meeting)
}

/// The meeting's local date and time: FirstAgenda writes it with the local
/// offset (`2022-08-29T08:00:00+02:00`), and the clock on the wall is what
/// minutes mean.
fn local_date_time(value: &str) -> Option<DateTime> {
    value.get(..19)?.parse().ok()
}

/// `"4"`, `4` or `"1.2"`.
fn item_number(value: &serde_json::Value) -> Option<Punkt> {
    match value {
        serde_json::Value::Number(n) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .map(Punkt::new),
        serde_json::Value::String(s) => frame::item_number(s),
        _ => None,
    }
}

/// The item's fields as one text, each field's name (where it has one) as
/// a heading above its HTML laid out as text.
fn item_text(fields: &[Field]) -> String {
    let mut text = String::new();
    for field in fields {
        if let Some(name) = field
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            text.push_str(name);
            text.push_str("\n\n");
        }
        text.push_str(&html::to_text(field.html.as_deref().unwrap_or_default()));
        text.push_str("\n\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::model::{DocumentKind, Outcome};

    const MINUTES: &str = r#"{
      "Udvalg": {"Navn": "Økonomiudvalget"},
      "Moede": {"Navn": "Dagsorden", "Dato": "2022-08-29T08:00:00+02:00", "Sted": "Biblioteket",
                "Moededeltagere": [{"Name": "A B", "Absent": false},
                                   {"Name": "C D", "Absent": true}]},
      "Dagsordenpunkter": [
        {"Punktnummer": "1", "Navn": "Godkendelse af dagsorden", "SagsNummer": null,
         "Felter": [{"Navn": "", "Html": "<div><h3>Beslutning</h3><div>Godkendt.</div></div>"}]},
        {"Punktnummer": "4", "Navn": "Lukket: Salg af grund", "SagsNummer": "22-009229",
         "Felter": [{"Navn": "", "Html": "<h3>Beslutning</h3><span><div>Punktet udsættes til næste møde.</div></span><h3>Fremstilling</h3><div>Tekst</div>"}]}
      ]
    }"#;

    #[test]
    fn a_meeting_with_decisions_is_minutes_whatever_it_calls_itself() {
        let meeting = read(MINUTES).expect("reads");
        assert_eq!(meeting.kind, DocumentKind::Referat);
        assert_eq!(meeting.body.as_deref(), Some("Økonomiudvalget"));
        assert_eq!(
            meeting.date.map(|d| d.to_string()).as_deref(),
            Some("2022-08-29")
        );
        assert_eq!(meeting.time.as_deref(), Some("08:00"));
        assert_eq!(meeting.place.as_deref(), Some("Biblioteket"));
        assert_eq!(meeting.participants, ["A B"]);
        assert_eq!(meeting.absent, ["C D"]);
    }

    #[test]
    fn items_keep_number_journal_and_closed_title() {
        let meeting = read(MINUTES).expect("reads");
        let item = &meeting.items[1];
        assert_eq!(item.punkt, 4);
        assert_eq!(item.title.as_deref(), Some("Salg af grund"));
        assert!(item.closed);
        assert_eq!(item.journal.as_deref(), Some("22-009229"));
        assert_eq!(item.decisions[0].outcome, Outcome::Deferred);
        assert_eq!(meeting.items[0].journal, None);
    }

    #[test]
    fn without_decisions_it_is_an_agenda() {
        let agenda = MINUTES.replace("<h3>Beslutning</h3>", "");
        assert_eq!(read(&agenda).expect("reads").kind, DocumentKind::Dagsorden);
    }

    #[test]
    fn broken_json_is_an_error_not_a_panic() {
        assert!(read("{\"Udvalg\": ").is_err());
        assert!(read("{\"Dagsordenpunkter\": []}").is_err());
    }
}
