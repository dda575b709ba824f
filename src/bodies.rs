//! One name per body, however a document spells it.
//!
//! The same council is "Byråd 2022-2025" in Greve's system, "Byrådet" in the
//! decisions it quotes, "Aarhus Byråd - Byrådssalen" on an Aarhus page. A
//! meeting's identity, a case's steps and a quoted decision all need the one
//! body behind the spellings, so every body name is made canonical before it
//! is stored: decoration that is not part of the name is stripped (a
//! `Udvalg:` label, the room after ` - `, an election period), the rest is
//! looked up in a table of aliases, in the code and in the store's own alias
//! file ([`Aliases::parse`]).

use regex::Regex;
use std::sync::LazyLock;

/// Labels before the name (`Udvalg: Teknisk Udvalg`).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:udvalg|udvalget|organ|møde i|mødeforum|forum)\s*:\s*")
        .expect("valid pattern")
});
/// What follows the name: the room (`Aarhus Byråd - Byrådssalen`), an
/// election period (`Byråd 2022-2025`, `Kommunalbestyrelsen (2022-2025)`)
/// or the body's short name (`Udvalget for plan, udvikling og kultur (PUK)`).
static DECORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[-–—]\s+.*$|\s*\(?\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\)?\s*$|\s+\(\p{Lu}[\p{Lu}\d&]{1,7}\)\s*$")
        .expect("valid pattern")
});
/// Systems put punctuation before a name to sort it (`.Spørgsmål / Svar til
/// Byrådet`).
static LEADING_PUNCTUATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s.\-–_*]+").expect("valid pattern"));
/// The town before a council's name (`Aarhus Byråd`, `Greve Byråd`): the
/// organisation says which town, the body is the council.
static TOWN_COUNCIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)* (?P<council>Byråd(?:et)?|Kommunalbestyrelse(?:n)?|Regionsråd(?:et)?)$")
        .expect("valid pattern")
});

/// Built-in aliases: a spelling (compared ignoring case) and its canonical
/// name. Indefinite and abbreviated forms of the bodies every Danish
/// municipality has.
const BUILT_IN: &[(&str, &str)] = &[
    ("byråd", "Byrådet"),
    ("byrådet", "Byrådet"),
    ("bystyre", "Byrådet"),
    ("br", "Byrådet"),
    ("kommunalbestyrelse", "Kommunalbestyrelsen"),
    ("kommunalbestyrelsen", "Kommunalbestyrelsen"),
    ("kb", "Kommunalbestyrelsen"),
    ("regionsråd", "Regionsrådet"),
    ("regionsrådet", "Regionsrådet"),
    ("økonomiudvalg", "Økonomiudvalget"),
    ("økonomiudvalget", "Økonomiudvalget"),
    ("øu", "Økonomiudvalget"),
    ("magistrat", "Magistraten"),
    ("magistraten", "Magistraten"),
    ("direktion", "Direktionen"),
    ("direktionen", "Direktionen"),
    ("koncernledelse", "Koncernledelsen"),
    ("koncernledelsen", "Koncernledelsen"),
];

/// Aliases a user adds to a store, on top of the built-in ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    entries: Vec<(String, String)>,
}

/// A line of an alias file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: expected 'spelling = canonical name', found {text:?}")]
pub struct AliasError {
    /// The line number, from 1.
    pub line: usize,
    /// The line as written.
    pub text: String,
}

impl Aliases {
    /// Reads an alias file: one `spelling = canonical name` per line; blank
    /// lines and lines starting with `#` are ignored. Spellings are compared
    /// ignoring case, after the decoration [`canonical`] strips.
    ///
    /// ```text
    /// # Svendborg's committee was renamed in 2022
    /// Teknik- og Miljøudvalget = Klima- og Miljøudvalget
    /// KMU = Klima- og Miljøudvalget
    /// ```
    pub fn parse(text: &str) -> Result<Aliases, AliasError> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let error = || AliasError {
                line: n + 1,
                text: crate::sanitize::one_line(trimmed),
            };
            let (spelling, name) = trimmed.split_once('=').ok_or_else(error)?;
            let (spelling, name) = (spelling.trim(), name.trim());
            if spelling.is_empty() || name.is_empty() {
                return Err(error());
            }
            entries.push((strip(spelling).to_lowercase(), name.to_string()));
        }
        Ok(Aliases { entries })
    }

    fn lookup(&self, stripped: &str) -> Option<&str> {
        let key = stripped.to_lowercase();
        self.entries
            .iter()
            .find(|(spelling, _)| *spelling == key)
            .map(|(_, name)| name.as_str())
    }
}

/// The body's canonical name: decoration stripped, then the user's aliases,
/// then the built-in ones; a name no table knows stays as written.
pub fn canonical(name: &str, aliases: &Aliases) -> String {
    let stripped = strip(name);
    if let Some(found) = aliases.lookup(&stripped) {
        return found.to_string();
    }
    let stripped = match TOWN_COUNCIL.captures(&stripped) {
        Some(caps) => caps["council"].to_string(),
        None => stripped,
    };
    if let Some(found) = aliases.lookup(&stripped) {
        return found.to_string();
    }
    let key = stripped.to_lowercase();
    BUILT_IN
        .iter()
        .find(|(spelling, _)| *spelling == key)
        .map_or(stripped, |(_, canonical)| canonical.to_string())
}

/// The name without label, room, election period and sorting punctuation,
/// whitespace folded.
fn strip(name: &str) -> String {
    let name = LABEL.replace(name, "");
    let name = LEADING_PUNCTUATION.replace(&name, "");
    let name = DECORATION.replace(&name, "");
    let folded = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        // Nothing but decoration: keep what was written rather than nothing.
        return name.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(name: &str) -> String {
        canonical(name, &Aliases::default())
    }

    #[test]
    fn labels_rooms_and_election_periods_are_not_the_name() {
        assert_eq!(canon("Udvalg: Teknisk Udvalg"), "Teknisk Udvalg");
        assert_eq!(
            canon("Udvalget for plan, udvikling og kultur (PUK)"),
            "Udvalget for plan, udvikling og kultur"
        );
        assert_eq!(
            canon("Socialudvalget (nedlagt)"),
            "Socialudvalget (nedlagt)"
        );
        assert_eq!(canon("Aarhus Byråd - Byrådssalen"), "Byrådet");
        assert_eq!(
            canon("Teknisk Udvalg - Udvalgsværelse 398"),
            "Teknisk Udvalg"
        );
        assert_eq!(canon("Byråd 2022-2025"), "Byrådet");
        assert_eq!(
            canon("Kommunalbestyrelsen (2022-2025)"),
            "Kommunalbestyrelsen"
        );
    }

    #[test]
    fn spellings_of_one_body_are_one_name() {
        for spelling in ["Byrådet", "byrådet", "Byråd", "Greve Byråd", "Aarhus Byråd"] {
            assert_eq!(canon(spelling), "Byrådet", "{spelling}");
        }
        assert_eq!(canon("ØU"), "Økonomiudvalget");
        assert_eq!(canon("Økonomiudvalg"), "Økonomiudvalget");
        assert_eq!(canon("KB"), "Kommunalbestyrelsen");
        assert_eq!(canon("Kommunalbestyrelse"), "Kommunalbestyrelsen");
    }

    #[test]
    fn hyphenated_committee_names_keep_their_hyphens() {
        assert_eq!(
            canon("Klima-, Teknik- og Miljøudvalget"),
            "Klima-, Teknik- og Miljøudvalget"
        );
        assert_eq!(
            canon("Kultur- og Fritidsudvalget"),
            "Kultur- og Fritidsudvalget"
        );
        assert_eq!(
            canon(".Spørgsmål / Svar til Byrådet 2022-2025"),
            "Spørgsmål / Svar til Byrådet"
        );
    }

    #[test]
    fn a_users_aliases_come_first() {
        let aliases = Aliases::parse(
            "# renamed in 2022\n\nTeknik- og Miljøudvalget = Klima- og Miljøudvalget\nKMU=Klima- og Miljøudvalget\n",
        )
        .unwrap();
        assert_eq!(canonical("KMU", &aliases), "Klima- og Miljøudvalget");
        assert_eq!(
            canonical("Udvalg: Teknik- og Miljøudvalget", &aliases),
            "Klima- og Miljøudvalget"
        );
        assert_eq!(canonical("ØU", &aliases), "Økonomiudvalget");
    }

    #[test]
    fn a_bad_alias_line_is_named() {
        let error = Aliases::parse("ok = fine\nno equals sign here\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(Aliases::parse("= nothing").is_err());
    }

    #[test]
    fn unknown_names_stay_as_written() {
        assert_eq!(canon("Hennys testudvalg"), "Hennys testudvalg");
        assert_eq!(
            canon("  Social-   og Handicapudvalget "),
            "Social- og Handicapudvalget"
        );
    }
}
