//! The outcome classifier: a decision's text in, an [`Outcome`] and the phrase
//! that decided it out. Pure.
//!
//! The rules are a table of Danish patterns, each giving a [`Signal`]. All
//! signals in the text are found; where two overlap the longer one wins (so
//! `godkendes ikke` hides the `godkendes` inside it). The outcome then follows
//! from which signals remain, in a fixed precedence:
//!
//! 1. no text, or only `-` → `none`
//! 2. approval and rejection together → `partial`
//! 3. the whole case put off (`Sagen udsættes`, `genfremsættes`) → `deferred`
//! 4. approval → `approved` (even when a detail is put off:
//!    "Godkendt, idet fase 2 udsættes")
//! 5. rejection → `rejected`
//! 6. part of the case put off, or a later meeting named → `deferred`
//! 7. taken note of → `noted`
//! 8. discussed → `discussed`
//! 9. anything else → `other`

use crate::model::Outcome;
use crate::normalize::fold_whitespace;
use regex::Regex;
use std::sync::LazyLock;

/// What one pattern says about a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The recommendation (or part of it) is approved.
    Approve,
    /// The recommendation (or part of it) is not approved.
    Reject,
    /// The whole case is put off and comes back.
    DeferWhole,
    /// Something is put off, or left to a later meeting.
    DeferPart,
    /// Taken note of.
    Note,
    /// Discussed.
    Discuss,
    /// Further work ordered (bestiller, ønsker): no outcome of its own, but
    /// the phrase explains an `other`.
    Order,
}

/// One classification rule: a pattern and what it signals.
pub struct Rule {
    /// The signal a match gives.
    pub signal: Signal,
    /// A case-insensitive pattern over the decision's folded text.
    pub pattern: &'static str,
}

/// The rule table, in the order matches are reported.
pub const RULES: &[Rule] = &[
    Rule {
        signal: Signal::Reject,
        pattern: r"\b(?:(?:indstillingen|indstillingerne|sagen)\s+(?:blev\s+)?)?(?:godkend(?:er|es|te|t)|anbefal(?:er|es|et|ede)|tiltræd(?:er|es|te)|tiltrådt|vedtag(?:er|es|et)|bevilg(?:er|es|et)|imødekomm(?:er|es|et))\s+ikke\b",
    },
    Rule {
        signal: Signal::Reject,
        pattern: r"\b(?:kan|kunne|vil)?\s*ikke\s+(?:at\s+)?(?:godkend|anbefal|tiltræd|vedtag|bevilg|imødekomm)\w*",
    },
    Rule {
        signal: Signal::Reject,
        pattern: r"\b(?:afvis(?:er|es|te)|afvist|afslå(?:r|s|et)?|afslag|forkast(?:er|es|et))\b",
    },
    Rule {
        signal: Signal::Approve,
        pattern: r"\b(?:godkend(?:er|es|te|t)|anbefal(?:er|es|et|ede)|tiltræd(?:er|es|te)|tiltrådt|vedtag(?:er|es|et)|vedtog|bevilg(?:er|es|et)|imødekomm(?:er|es|et))\b(?:\s+(?:indstillingen|indstillingerne|sagen))?",
    },
    Rule {
        signal: Signal::Approve,
        pattern: r"\b(?:indstillingen|indstillingerne|sagen)\s+(?:blev\s+)?(?:godkend(?:es|t)|anbefal(?:es|et)|tiltræd(?:es)|tiltrådt|vedtag(?:es|et))\b",
    },
    Rule {
        signal: Signal::Approve,
        pattern: r"\bbakker\s+op\b(?:\s+om\s+indstillingen)?",
    },
    Rule {
        signal: Signal::Approve,
        pattern: r"\b(?:indstillingen\s+følges|følger\s+indstillingen)\b",
    },
    Rule {
        signal: Signal::DeferWhole,
        pattern: r"\b(?:sagen|punktet|behandlingen)\s+(?:blev\s+|er\s+|bliver\s+)?(?:udsat|udsættes|udskudt|udskydes|genoptages|genfremsættes|genfremlægges)\b(?:\s+til\s+(?:det\s+|et\s+)?(?:kommende|næste|senere)\s+\w+)?",
    },
    Rule {
        signal: Signal::DeferWhole,
        pattern: r"\b(?:sagen|punktet)\s+(?:\w+\s+){0,3}?(?:forelægges|fremlægges|behandles|tages\s+op)\s+(?:\w+\s+){0,3}?igen\b",
    },
    Rule {
        signal: Signal::DeferWhole,
        pattern: r"\b(?:udsætter|udskyder)\s+(?:sagen|punktet|behandlingen)\b|\bgenfremsætt\w*|\bgenoptag(?:es|et)\b",
    },
    Rule {
        signal: Signal::DeferWhole,
        pattern: r"\b(?:sagen|punktet)\s+(?:blev\s+)?ikke\s+(?:behandlet|nået|færdigbehandlet)\b|\b(?:sagen|punktet)\s+(?:sendes|blev\s+sendt)\s+tilbage\b",
    },
    Rule {
        signal: Signal::DeferPart,
        pattern: r"\b(?:udsat|udsættes|udsætter|udskudt|udskydes|udskyder)\b(?:\s+(?:beslutning|stillingtagen)\s+om(?:\s+[\w\-]+){0,3})?",
    },
    Rule {
        signal: Signal::DeferPart,
        pattern: r"\b(?:forelægges|fremlægges|behandles|drøftes|tages\s+op)\s+(?:\w+\s+){0,4}?(?:igen\b|på\s+(?:det\s+|et\s+)?(?:kommende|næste|senere)\s+\w*møde\b)",
    },
    Rule {
        signal: Signal::DeferPart,
        pattern: r"\bpå\s+(?:det\s+|et\s+)?(?:kommende|næste|senere)\s+\w*møde\b",
    },
    Rule {
        signal: Signal::Note,
        pattern: r"\b(?:(?:tager|tog|taget|tages)\s+(?:[\w\-]+\s+){0,5}?)?til\s+efterretning\b",
    },
    Rule {
        signal: Signal::Note,
        pattern: r"\borienteringen\s+(?:blev\s+)?(?:taget|modtaget)\b",
    },
    Rule {
        signal: Signal::Note,
        pattern: r"\b(?:taget|tages|tog)\s+(?:[\w\-]+\s+){0,3}?til\s+orientering\b",
    },
    Rule {
        signal: Signal::Discuss,
        pattern: r"\b(?:blev\s+)?drøft(?:et|ede|edes)\b",
    },
    Rule {
        signal: Signal::Order,
        pattern: r"\b(?:bestiller|bestilte|ønsker|pålægger|anmoder|beslutter|besluttede|besluttet|aftalt)\b",
    },
];

struct CompiledRule {
    signal: Signal,
    regex: Regex,
}

static COMPILED: LazyLock<Vec<CompiledRule>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|r| CompiledRule {
            signal: r.signal,
            regex: Regex::new(&format!("(?i){}", r.pattern)).expect("valid rule pattern"),
        })
        .collect()
});

/// One signal found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// What it signals.
    pub signal: Signal,
    /// The matched phrase.
    pub phrase: String,
    start: usize,
    end: usize,
}

/// A decision's outcome is stated near its start; longer texts are read up
/// to here, which also bounds the work on hostile input.
const MAX_CLASSIFIED_CHARS: usize = 8000;

/// Every signal in `text` that is not hidden by a longer overlapping one, in
/// text order.
pub fn signals(text: &str) -> Vec<Match> {
    let text = fold_whitespace(text);
    let text = match text.char_indices().nth(MAX_CLASSIFIED_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text.as_str(),
    };
    let mut all: Vec<Match> = COMPILED
        .iter()
        .flat_map(|rule| {
            rule.regex.find_iter(text).map(|m| Match {
                signal: rule.signal,
                phrase: m.as_str().trim().to_string(),
                start: m.start(),
                end: m.end(),
            })
        })
        .filter(|m| !m.phrase.is_empty())
        .collect();
    let spans: Vec<(usize, usize)> = all.iter().map(|m| (m.start, m.end)).collect();
    all.retain(|m| {
        !spans.iter().any(|&(s, e)| {
            let overlaps = s < m.end && m.start < e;
            overlaps && (e - s) > (m.end - m.start)
        })
    });
    all.sort_by_key(|m| (m.start, m.end));
    all.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    all
}

/// Classifies a decision's text, returning the outcome and the phrase that
/// decided it.
pub fn classify(text: &str) -> (Outcome, Option<String>) {
    let trimmed = text.trim();
    if trimmed
        .chars()
        .all(|c| matches!(c, '-' | '–' | '—' | '.' | '*') || c.is_whitespace())
    {
        return (Outcome::None, None);
    }
    let found = signals(trimmed);
    let first = |signal: Signal| {
        found
            .iter()
            .find(|m| m.signal == signal)
            .map(|m| m.phrase.clone())
    };
    if let (Some(reject), Some(approve)) = (first(Signal::Reject), first(Signal::Approve)) {
        return (Outcome::Partial, Some(format!("{reject} … {approve}")));
    }
    let order = [
        (Signal::DeferWhole, Outcome::Deferred),
        (Signal::Approve, Outcome::Approved),
        (Signal::Reject, Outcome::Rejected),
        (Signal::DeferPart, Outcome::Deferred),
        (Signal::Note, Outcome::Noted),
        (Signal::Discuss, Outcome::Discussed),
        (Signal::Order, Outcome::Other),
    ];
    for (signal, outcome) in order {
        if let Some(phrase) = first(signal) {
            return (outcome, Some(phrase));
        }
    }
    (Outcome::Other, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(text: &str) -> Outcome {
        classify(text).0
    }

    #[test]
    fn none_for_a_dash() {
        assert_eq!(classify("-"), (Outcome::None, None));
        assert_eq!(outcome(" – "), Outcome::None);
    }

    #[test]
    fn approval_words() {
        for t in [
            "Anbefales.",
            "Direktionen godkendte indstillingen.",
            "Indstillingen godkendes.",
            "Direktionen bakker op om indstillingen. Finansiering er p.t. uafklaret.",
            "De resterende indstillingspunkter blev dermed godkendt.",
            "Tiltrådt.",
            "Indstillingen følges.",
        ] {
            assert_eq!(outcome(t), Outcome::Approved, "{t}");
        }
    }

    #[test]
    fn approval_with_a_detail_put_off_is_approved() {
        assert_eq!(
            outcome("Godkendt, idet fase 2 udsættes til efteråret."),
            Outcome::Approved
        );
        assert_eq!(
            outcome(
                "Direktionen godkender indstillingen, med bemærkning om at beregningen forelægges direktionen inden den anvendes."
            ),
            Outcome::Approved
        );
    }

    #[test]
    fn rejection_and_partial() {
        assert_eq!(outcome("Indstillingen godkendes ikke."), Outcome::Rejected);
        assert_eq!(outcome("Sagen blev ikke godkendt."), Outcome::Rejected);
        assert_eq!(outcome("Kan ikke anbefales."), Outcome::Rejected);
        assert_eq!(outcome("Forslaget blev afvist."), Outcome::Rejected);
        let (o, reason) = classify(
            "Indstilling 1 godkendes ikke. Direktionen beslutter noget andet.\nIndstilling 2 godkendes.",
        );
        assert_eq!(o, Outcome::Partial);
        assert_eq!(reason.as_deref(), Some("godkendes ikke … godkendes"));
    }

    #[test]
    fn deferral_words() {
        for t in [
            "Sagen genfremsættes mhp. at drøftelsen forlænges.",
            "Sagen blev udskudt til kommende direktionsmøde.",
            "Sagen udskydes til kommende direktionensmøde",
            "Punktet genoptages.",
            "Direktionen drøftede sagen. Sagen forelægges direktionen igen snarest med en afklaring herom.",
            "Det blev besluttet, at ØC gennemgår listen, og så drøftes listen på det kommende direktionensmøde.",
            "Direktionen udsætter beslutning om intern organisering af beredskabsindsatsen.",
            "Udsat.",
        ] {
            assert_eq!(outcome(t), Outcome::Deferred, "{t}");
        }
    }

    #[test]
    fn more_ways_of_saying_it() {
        assert_eq!(outcome("Godkendt som indstillet."), Outcome::Approved);
        assert_eq!(outcome("Anbefales godkendt."), Outcome::Approved);
        assert_eq!(outcome("Taget til orientering."), Outcome::Noted);
        assert_eq!(outcome("Sagen drøftedes."), Outcome::Discussed);
        assert_eq!(outcome("Punktet blev ikke behandlet."), Outcome::Deferred);
        assert_eq!(
            outcome("Sagen sendes tilbage til forvaltningen."),
            Outcome::Deferred
        );
    }

    #[test]
    fn whole_case_deferral_beats_an_approval_elsewhere() {
        assert_eq!(
            outcome("Sagen udsættes, indtil planen er godkendt."),
            Outcome::Deferred
        );
    }

    #[test]
    fn noted_discussed_other() {
        assert_eq!(outcome("Taget til efterretning."), Outcome::Noted);
        assert_eq!(
            classify("Direktionen tager status til efterretning")
                .1
                .as_deref(),
            Some("tager status til efterretning")
        );
        assert_eq!(
            outcome("Direktionen tog oplæg til efterretning mhp. drøftelse på chefforumseminaret."),
            Outcome::Noted
        );
        assert_eq!(
            outcome("Drøftet. Direktionen ønsker, at kommunen ansøger."),
            Outcome::Discussed
        );
        assert_eq!(
            outcome("Direktionen bestiller en kvalitetssikring af oversigterne."),
            Outcome::Other
        );
        assert_eq!(classify("Noget helt andet.").0, Outcome::Other);
    }

    #[test]
    fn long_hostile_decisions_are_classified_quickly() {
        // Half a megabyte of matches once took seconds (the overlap check is
        // quadratic in the number of matches); only the start is read now.
        let text = "afslag ".repeat(72_000);
        assert_eq!(outcome(&text), Outcome::Rejected);
        assert!(signals(&text).len() <= MAX_CLASSIFIED_CHARS / "afslag ".len() + 1);
    }

    #[test]
    fn the_noun_godkendelse_is_not_an_approval() {
        assert_eq!(
            outcome("Sagen sendes til godkendelse i Byrådet."),
            Outcome::Other
        );
    }
}
