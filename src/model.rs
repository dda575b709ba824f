//! The domain as plain data: what one minutes file says, after parsing.
//!
//! These types are the parser's output and, serialised with serde, the
//! `parse --json` contract and the store's derived files.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One meeting (møde) of one body, as its minutes (referat) describe it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The municipality or region that met (`Greve Kommune`), where the
    /// document names it or the user gave it.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Minutes (referat) or an agenda (dagsorden), which has no decisions yet.
    #[serde(default)]
    pub kind: DocumentKind,
    /// The body that met, e.g. `Direktionen`, `Økonomiudvalget`.
    pub body: Option<String>,
    /// The meeting's date.
    pub date: Option<Date>,
    /// Start time as `HH:MM`.
    pub time: Option<String>,
    /// Where the meeting was held.
    pub place: Option<String>,
    /// Who took part, in the order the minutes list them. The list stays
    /// as written: someone the items' notes say was away may stand in it
    /// (and then in [`Meeting::absent`] too).
    pub participants: Vec<String>,
    /// Who was absent from the meeting (`Fraværende`, `Afbud`), where the
    /// minutes say so: in the header or the participant list, or in the
    /// notes of the items by the rule of [`crate::parse::absence`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    /// The agenda items (punkter), in document order.
    pub items: Vec<Item>,
    /// What the reader noticed but could not square with the document's own
    /// account of itself (items its table of contents lists but were not
    /// found, …). Never stored as part of the meeting's identity.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// What kind of document was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// Minutes: what was decided.
    #[default]
    Referat,
    /// An agenda: what is to be treated, no decisions yet.
    Dagsorden,
}

/// One agenda item (punkt). The default is an item with a number 0 and
/// nothing else, for building one field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The item's number on the agenda.
    pub punkt: Punkt,
    /// Title without the repeated number and without `Lukket:`; `None` where
    /// a closed item gives no title.
    pub title: Option<String>,
    /// Journal number (sagsnummer) as written, if the item has one.
    pub journal: Option<String>,
    /// A closed item (`Lukket`) has no public text.
    pub closed: bool,
    /// The bodies the item says will treat the case, in order (its
    /// `Sagsprocedure`, `Behandling`, `Beslutningen træffes af`); `None`
    /// where the item states no route.
    #[serde(default)]
    pub route: Option<Vec<String>>,
    /// The recommendation (Indstilling), if the item has one.
    pub indstilling: Option<String>,
    /// Every decision in the item: the meeting's own and earlier ones quoted.
    pub decisions: Vec<Decision>,
    /// The other sections (Baggrund, Sagsfremstilling, Bilag …), in order,
    /// repeated names merged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Who was away for this item but not for the whole meeting, as the note
    /// of this meeting's decision says (`Fraværende: …`); those away from
    /// the whole meeting are in [`Meeting::absent`]. The rule is
    /// [`crate::parse::absence`]'s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    /// The names an `Afbud` note of this meeting's decision gives: the
    /// parser's hand-over to [`crate::parse::absence::settle`], which moves
    /// them to [`Meeting::absent`] (regrets are sent for a meeting). Empty
    /// once a document is read; never serialised.
    #[serde(skip)]
    pub regrets: Vec<String>,
}

/// An item's number on the agenda as the minutes give it: `4`, or `1.2`
/// for the second item numbered within item 1, as hierarchical agendas
/// number the cases under `Meddelelser`.
///
/// Ordered as a reader reads them: `1` < `1.1` < `1.2` < `2`. In JSON a
/// plain number stays a number (`4`) and a hierarchical one is a string
/// (`"1.2"`), so the contract of every flat agenda is unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Punkt {
    /// The top-level number.
    pub number: u32,
    /// The number within it, for `1.2`.
    pub sub: Option<u32>,
}

impl Punkt {
    /// A top-level item number.
    pub const fn new(number: u32) -> Self {
        Punkt { number, sub: None }
    }

    /// The number of an item numbered within item `number`.
    pub const fn within(number: u32, sub: u32) -> Self {
        Punkt {
            number,
            sub: Some(sub),
        }
    }

    /// The number for a file name: zero-padded so names sort as the agenda
    /// does (`004`, `001.2`).
    pub fn file_label(self) -> String {
        match self.sub {
            None => format!("{:03}", self.number),
            Some(sub) => format!("{:03}.{sub}", self.number),
        }
    }
}

impl From<u32> for Punkt {
    fn from(number: u32) -> Self {
        Punkt::new(number)
    }
}

/// A plain item number equals its [`Punkt`]; `1.2` equals no number.
impl PartialEq<u32> for Punkt {
    fn eq(&self, number: &u32) -> bool {
        self.sub.is_none() && self.number == *number
    }
}

impl std::fmt::Display for Punkt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.sub {
            None => write!(f, "{}", self.number),
            Some(sub) => write!(f, "{}.{sub}", self.number),
        }
    }
}

impl std::str::FromStr for Punkt {
    type Err = std::num::ParseIntError;

    /// Reads `4`, `4.` and `1.2`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().trim_end_matches('.');
        match s.split_once('.') {
            Some((number, sub)) => Ok(Punkt::within(number.parse()?, sub.parse()?)),
            None => Ok(Punkt::new(s.parse()?)),
        }
    }
}

impl Serialize for Punkt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.sub {
            None => serializer.serialize_u32(self.number),
            Some(_) => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Punkt {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Number(u32),
            Text(String),
        }
        match Written::deserialize(deserializer)? {
            Written::Number(n) => Ok(Punkt::new(n)),
            Written::Text(t) => t.parse().map_err(serde::de::Error::custom),
        }
    }
}

/// A named section of an item other than Indstilling and Beslutning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as written, without markup (`Sagsfremstilling`).
    pub name: String,
    /// The section's text, markup removed, paragraphs separated by blank lines.
    pub text: String,
}

/// One decision (beslutning) with the date and body it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The date of the meeting that decided.
    pub date: Date,
    /// The body that decided.
    pub body: Option<String>,
    /// The decision's text.
    pub text: String,
    /// What the decision means for the case.
    pub outcome: Outcome,
    /// The phrase that decided the outcome, if any rule matched.
    pub reason: Option<String>,
    /// The counts of a vote, where the text gives them; `null` otherwise.
    #[serde(default)]
    pub votes: Option<Votes>,
    /// A named minority did not support the decision (`V kunne ikke
    /// tiltræde`, `Imod stemte: …`).
    #[serde(default)]
    pub dissent: bool,
    /// The bodies the decision sends the case on to, as named; empty where
    /// none.
    #[serde(default)]
    pub to: Vec<String>,
}

/// The counts of a vote, each only where the text gives it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    /// Votes for.
    #[serde(rename = "for", default, skip_serializing_if = "Option::is_none")]
    pub in_favour: Option<u32>,
    /// Votes against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against: Option<u32>,
    /// Abstentions (undlod at stemme, hverken for eller imod).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstain: Option<u32>,
}

/// What a decision did with the case. Serialised in lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The body itself approves (godkendt, tiltrådt, vedtaget), also with a
    /// minority against.
    Approved,
    /// Supported and sent on to a body that decides (anbefales, anbefaler
    /// overfor Byrådet, indstilles til godkendelse).
    Recommended,
    /// Sent on for treatment elsewhere without a position (fremsendes til,
    /// oversendes til).
    Forwarded,
    /// Taken note of (taget til efterretning).
    Noted,
    /// Discussed (drøftet) with no further decision.
    Discussed,
    /// Put off; the case comes back (udsat, genfremsættes).
    Deferred,
    /// Some recommendations approved, some not.
    Partial,
    /// Recommendation not approved.
    Rejected,
    /// Taken off the agenda (trukket, udgik).
    Withdrawn,
    /// A decision that orders further work without deferring.
    Other,
    /// No decision text (`-`).
    None,
}

impl Outcome {
    /// The lower-case name used in JSON and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Recommended => "recommended",
            Outcome::Forwarded => "forwarded",
            Outcome::Noted => "noted",
            Outcome::Discussed => "discussed",
            Outcome::Deferred => "deferred",
            Outcome::Partial => "partial",
            Outcome::Rejected => "rejected",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Other => "other",
            Outcome::None => "none",
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punkt_reads_writes_and_orders_as_a_reader_does() {
        let numbers: Vec<Punkt> = ["2", "1.2", "1", "1.10", "1.3."]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let mut sorted = numbers.clone();
        sorted.sort();
        let shown: Vec<String> = sorted.iter().map(Punkt::to_string).collect();
        assert_eq!(shown, ["1", "1.2", "1.3", "1.10", "2"]);
        assert_eq!(Punkt::new(4).file_label(), "004");
        assert_eq!(Punkt::within(1, 2).file_label(), "001.2");
        assert!("1.x".parse::<Punkt>().is_err());
        assert!("".parse::<Punkt>().is_err());
    }

    #[test]
    fn punkt_in_json_is_a_number_unless_hierarchical() {
        let json = serde_json::to_string(&[Punkt::new(4), Punkt::within(1, 2)]).unwrap();
        assert_eq!(json, r#"[4,"1.2"]"#);
        let back: Vec<Punkt> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [Punkt::new(4), Punkt::within(1, 2)]);
        assert!(serde_json::from_str::<Punkt>(r#""x""#).is_err());
    }
}
