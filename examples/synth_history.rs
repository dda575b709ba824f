//! Writes a deterministic synthetic history of Danish municipal minutes for
//! benchmarks (`bench/run`).
//!
//! ```text
//! cargo run --release --example synth_history -- --meetings N --out DIR \
//!     [--seed S] [--start YYYY-MM-DD] [--manifest FILE]
//! ```
//!
//! Every word comes from the five seed minutes in `testdata/seeds/` (baked in
//! at compile time): titles, Baggrund and Sagsfremstilling paragraphs,
//! Indstilling points, attachment names, participants and rooms are cut out
//! of them and recombined. Meetings are weekly: Direktionen every Monday,
//! Økonomiudvalget every other Tuesday (both in the Høje-Taastrup dialect:
//! `Punkt N: …`, `24/24964`, `Beslutning Direktionen den DD-MM-YYYY`), and
//! Teknik- og Miljøudvalget every fourth Thursday (the Kalundborg markdown
//! dialect: `25-005714`, a bare `Beslutning` heading, `Indstillinger`).
//!
//! About a third of the items are earlier cases coming back with small word
//! edits to their Indstilling and Beslutning; about one decision in eight
//! defers the case, and most deferred cases come back a few meetings later
//! with a decision (sometimes quoting the deferral, as real minutes do).
//!
//! The output depends only on the arguments: a tiny xorshift generator, no
//! hash-map iteration, no clock. `--manifest` writes what a correct parser
//! must read from every file (items, journal numbers, decisions and their
//! outcomes), the cases that must end up deferred, and a probe case for
//! `log`/`diff` benchmarks. The manifest is written outside the minutes
//! folder so that `grep -r` over the folder sees only minutes.

use jiff::civil::{Date, Weekday};
use regex::Regex;
use sagsspor::model::Outcome;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

const SEEDS: [&str; 5] = [
    include_str!("../testdata/seeds/000_29b394e088e1976e.txt"),
    include_str!("../testdata/seeds/001_77206ef6a0b3e4b3.txt"),
    include_str!("../testdata/seeds/002_ebf497151d8e0e8e.txt"),
    include_str!("../testdata/seeds/003_fbf051460e00292d.txt"),
    include_str!("../testdata/seeds/004_ea44c5ef2697e501.txt"),
];

/// Words a grep for deferrals looks for; kept out of the harvested prose so
/// that only deferring decisions contain them.
const DEFER_WORDS: &str =
    r"(?i)udsat|udskudt|udskydes|udsættes|udsætter|udskyder|genfremsæt|genoptag";

/// Section headings the harvester (and the parser) know; a harvested
/// paragraph must not contain a line that reads as one.
const HEADINGS: &[&str] = &[
    "indstilling",
    "indstillinger",
    "indstillingen",
    "administrationens indstilling",
    "forvaltningens indstilling",
    "direktørens indstilling",
    "beslutningspunkter",
    "forslag til beslutning",
    "beslutning",
    "beslutninger",
    "baggrund",
    "sagens baggrund",
    "resume",
    "resumé",
    "resume og sagens baggrund",
    "sagsfremstilling",
    "sagsbeskrivelse",
    "beskrivelse",
    "sagsforløb",
    "behandling",
    "økonomi",
    "økonomiske konsekvenser",
    "økonomi og finansiering",
    "bevillingsmæssige konsekvenser",
    "økonomiske og personalemæssige konsekvenser",
    "lovgrundlag",
    "retsgrundlag",
    "vurdering",
    "administrationens vurdering",
    "høring",
    "kommunikation",
    "tidsplan",
    "videre proces",
    "bilag",
    "fraværende",
];

/// Word stems never inserted by an edit: decision signals, heading words.
const STOP_STEMS: &[&str] = &[
    "beslut",
    "indstil",
    "godkend",
    "anbefal",
    "tiltræd",
    "tiltråd",
    "vedtag",
    "vedtog",
    "bevilg",
    "imødekom",
    "afvis",
    "afslå",
    "afslag",
    "forkast",
    "udsat",
    "udsæt",
    "udskud",
    "udskyd",
    "genfrem",
    "genopta",
    "efterretning",
    "drøft",
    "bestil",
    "ønske",
    "pålæg",
    "anmod",
    "aftalt",
    "igen",
    "kommende",
    "næste",
    "senere",
    "punkt",
    "lukket",
    "fortrolig",
    "møde",
    "baggrund",
    "bilag",
    "referat",
    "dagsorden",
    "sagsfrem",
    "behandl",
    "orienter",
];

/// Sentences that may be appended to a decision without changing its outcome.
const SAFE_SENTENCES: &[&str] = &[
    "Administrationen udarbejder en opdateret tidsplan.",
    "Økonomien afklares i forbindelse med budgetopfølgningen.",
    "Centrene inddrages i det videre arbejde.",
    "Kommunikationen til organisationen koordineres med CBA.",
    "Der skal være fokus på sammenhæng til udviklingsstrategien.",
    "Der gives en status i 2. kvartal.",
    "Finansiering er p.t. uafklaret.",
    "Tidsplanen justeres med en måned.",
];

/// Word swaps inside the safe sentences: a small edit a diff must find.
const SAFE_SWAPS: &[(&str, &str)] = &[
    ("opdateret", "revideret"),
    ("2.", "3."),
    ("en måned", "to måneder"),
    ("centrene", "fagcentrene"),
    ("Centrene", "Fagcentrene"),
    ("budgetopfølgningen", "næste budgetopfølgning"),
    ("fokus", "særligt fokus"),
    ("p.t.", "fortsat"),
    ("CBA", "CBA og ØAC"),
];

/// Endings that tell apart cases with the same seed title.
const TITLE_TAILS: &[&str] = &[
    "opfølgning",
    "status",
    "revideret forslag",
    "fase 2",
    "2. behandling",
    "implementering",
];

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

// ---------------------------------------------------------------------------
// Randomness

/// xorshift64, seeded through splitmix64. Deterministic on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// `k` distinct elements (fewer if `xs` is shorter), in pick order.
    fn sample<T: Clone>(&mut self, xs: &[T], k: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        let k = k.min(xs.len());
        for i in 0..k {
            let j = i + self.below(idx.len() - i);
            idx.swap(i, j);
        }
        idx[..k].iter().map(|&i| xs[i].clone()).collect()
    }
}

// ---------------------------------------------------------------------------
// The vocabulary harvested from the seeds

#[derive(Default)]
struct Vocab {
    titles: Vec<String>,
    baggrund: Vec<String>,
    fremstilling: Vec<String>,
    points: Vec<String>,
    singles: Vec<String>,
    bilag: Vec<String>,
    names: Vec<String>,
    places: Vec<String>,
    words: Vec<String>,
}

fn clean(line: &str) -> String {
    let l = line.trim_end().trim_start_matches('#').trim();
    l.replace("**", "").trim().to_string()
}

fn is_heading(line: &str) -> bool {
    let key = line.trim().trim_end_matches(':').trim().to_lowercase();
    HEADINGS.contains(&key.as_str())
}

fn harvest() -> Vocab {
    let item_re = Regex::new(r"^Punkt\s+\d+:\s*(.*)$").unwrap();
    let defer_re = Regex::new(DEFER_WORDS).unwrap();
    let bad_line = Regex::new(
        r"(?i)^(?:punkt\s+\d|beslutning|indstilling|referat|dagsorden|beslutningsprotokol|mødedato|mødested|mødedeltagere|deltagere|dato|sted|til stede|medlemmer|fraværende|afbud|indholdsfortegnelse|indhold|lukket|fortroligt|sagsnr|journalnr|j\.\s?nr|jnr|\d{1,4}\.\s*\S)",
    )
    .unwrap();
    let journal_line = Regex::new(r"^(?:\d{2}[/-]\d+[A-ZÆØÅ]?|[A-ZÆØÅ]{2,5}-\d{4}-\d+)$").unwrap();
    let toc = Regex::new(r"(?:\.{3,}|\t)\s*\d{1,4}\s*$").unwrap();
    let point_re = Regex::new(r"^(?:\d+\.|-)\s+(.+)$").unwrap();
    let word_re = Regex::new(r"^[a-zæøå]{5,14}$").unwrap();
    let sub_point = Regex::new(r"^[a-zæøå]\.\s").unwrap();

    let mut titles = BTreeSet::new();
    let mut baggrund = BTreeSet::new();
    let mut fremstilling = BTreeSet::new();
    let mut points = BTreeSet::new();
    let mut singles = BTreeSet::new();
    let mut bilag = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut places = BTreeSet::new();
    let mut words = BTreeSet::new();

    let prose_ok = |p: &str| {
        p.len() >= 80
            && p.len() <= 1500
            && !defer_re.is_match(p)
            && p.lines().all(|l| {
                let l = l.trim();
                !bad_line.is_match(l)
                    && !journal_line.is_match(l)
                    && !toc.is_match(l)
                    && !is_heading(l)
                    && !l.contains('\t')
            })
    };

    for seed in SEEDS {
        // One synthetic municipality: the history is one municipality's, so
        // the paragraphs of Kalundborg's minutes speak of Høje-Taastrup too
        // (otherwise a meeting would name both, and its cases would be
        // filed under whichever it names most).
        let seed = seed.replace("Kalundborg", "Høje-Taastrup");
        let lines: Vec<String> = seed.lines().map(clean).collect();
        // Header: participants (with continuation lines) and place.
        for (i, l) in lines.iter().enumerate() {
            if let Some(rest) = l.strip_prefix("Mødedeltagere ") {
                let mut all = rest.to_string();
                if let Some(next) = lines.get(i + 1)
                    && !next.is_empty()
                {
                    all.push(' ');
                    all.push_str(next);
                }
                for n in all.split(',') {
                    let n = n.trim();
                    if !n.is_empty() {
                        names.insert(n.to_string());
                    }
                }
            }
            if let Some(rest) = l.strip_prefix("Mødested ") {
                places.insert(rest.trim().to_string());
            }
        }
        // Items and their sections.
        let mut section = String::new();
        let mut para: Vec<String> = Vec::new();
        let mut flush = |section: &str, para: &mut Vec<String>| {
            if para.is_empty() {
                return;
            }
            let text = para.join("\n");
            para.clear();
            match section {
                "baggrund" | "resume og sagens baggrund" if prose_ok(&text) => {
                    baggrund.insert(text);
                }
                "sagsfremstilling" | "økonomi" | "økonomiske konsekvenser" | "videre proces"
                    if prose_ok(&text) =>
                {
                    fremstilling.insert(text);
                }
                "indstilling" | "indstillinger" => {
                    let mut any_point = false;
                    for l in text.lines() {
                        if let Some(c) = point_re.captures(l.trim()) {
                            let p = c[1].trim().trim_end_matches([',', ';']).to_string();
                            if p.len() >= 20
                                && !defer_re.is_match(&p)
                                && !is_heading(&p)
                                && !sub_point.is_match(&p)
                            {
                                points.insert(p);
                            }
                            any_point = true;
                        }
                    }
                    if !any_point
                        && text.contains(" indstiller, at ")
                        && text.len() >= 40
                        && !defer_re.is_match(&text)
                        && text.ends_with('.')
                        && !text.contains('\n')
                    {
                        singles.insert(text);
                    }
                }
                "bilag" => {
                    for l in text.lines() {
                        let l = l.trim();
                        if l.len() >= 12
                            && !defer_re.is_match(l)
                            && !is_heading(l)
                            && !journal_line.is_match(l)
                            && !l.to_lowercase().starts_with("punkt")
                        {
                            bilag.insert(l.to_string());
                        }
                    }
                }
                _ => {}
            }
        };
        let mut in_item = false;
        for l in &lines {
            if let Some(c) = item_re.captures(l) {
                flush(&section, &mut para);
                in_item = true;
                section.clear();
                let mut t = c[1].trim().to_string();
                if let Some(pos) = t.find(". ")
                    && t[..pos].chars().all(|ch| ch.is_ascii_digit())
                {
                    t = t[pos + 2..].to_string();
                }
                let lower = t.to_lowercase();
                if !lower.starts_with("lukket")
                    && lower != "eventuelt"
                    && lower != "øvrige sager"
                    && t.len() >= 10
                    && !defer_re.is_match(&t)
                {
                    titles.insert(t);
                }
                continue;
            }
            if !in_item {
                continue;
            }
            if l.is_empty() {
                flush(&section, &mut para);
                continue;
            }
            let lower = l.trim_end_matches(':').to_lowercase();
            if is_heading(l) || lower.starts_with("beslutning ") {
                flush(&section, &mut para);
                section = if lower.starts_with("beslutning") {
                    "beslutning".to_string()
                } else {
                    lower
                };
                continue;
            }
            para.push(l.clone());
        }
        flush(&section, &mut para);
    }
    for p in baggrund.iter().chain(fremstilling.iter()) {
        for w in p.split(|c: char| !c.is_alphabetic()) {
            if word_re.is_match(w) && !STOP_STEMS.iter().any(|s| w.contains(s)) {
                words.insert(w.to_string());
            }
        }
    }
    Vocab {
        titles: titles.into_iter().collect(),
        baggrund: baggrund.into_iter().collect(),
        fremstilling: fremstilling.into_iter().collect(),
        points: points.into_iter().collect(),
        singles: singles.into_iter().collect(),
        bilag: bilag.into_iter().collect(),
        names: names.into_iter().collect(),
        places: places.into_iter().collect(),
        words: words.into_iter().collect(),
    }
}

// ---------------------------------------------------------------------------
// Bodies, outcomes, decisions

// The outcome names are the library's own (`sagsspor::model::Outcome`).

/// Which municipality's dialect (and journal numbering) a body writes in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// Høje-Taastrup: plain text, `24/24964`, dated decision headings.
    Htk,
    /// Kalundborg: markdown, `25-005714`, bare `Beslutning` first.
    Kal,
}

struct Body {
    name: &'static str,
    slug: &'static str,
    /// How the body names itself in a decision.
    actor: &'static str,
    /// Its meeting, in `til kommende …`.
    meeting_word: &'static str,
    dialect: Dialect,
    /// Days after the week's Monday.
    weekday_offset: i64,
    time: &'static str,
    roles: &'static [&'static str],
}

const BODIES: [Body; 3] = [
    Body {
        name: "Direktionen",
        slug: "direktionen",
        actor: "Direktionen",
        meeting_word: "direktionsmøde",
        dialect: Dialect::Htk,
        weekday_offset: 0,
        time: "09:00",
        roles: &["CBA", "ØAC", "Administrationen", "Kommunikation"],
    },
    Body {
        name: "Økonomiudvalget",
        slug: "oekonomiudvalget",
        actor: "Udvalget",
        meeting_word: "udvalgsmøde",
        dialect: Dialect::Htk,
        weekday_offset: 1,
        time: "16:00",
        roles: &["Administrationen", "ØAC", "CBA"],
    },
    Body {
        name: "Teknik- og Miljøudvalget",
        slug: "teknik-og-miljoeudvalget",
        actor: "Udvalget",
        meeting_word: "udvalgsmøde",
        dialect: Dialect::Kal,
        weekday_offset: 3,
        time: "12:30",
        roles: &[
            "Direktøren",
            "Kommunaldirektøren",
            "Sekretariatschefen",
            "Stabschefen",
        ],
    },
];

/// Decision texts (from the seeds, generalised) for one outcome. `{A}` is
/// the acting body, `{M}` its meeting.
fn decision_pool(dialect: Dialect, outcome: Outcome) -> &'static [&'static str] {
    match (dialect, outcome) {
        (Dialect::Htk, Outcome::Approved) => &[
            "Indstillingen godkendes.",
            "{A} godkender indstillingen.",
            "{A} godkendte indstillingen.",
            "{A} bakker op om indstillingen.",
            "{A} godkender indstillingen med mindre justeringer af indhold og rækkefølge.",
            "{A} godkender strategi og pixie og tager status til efterretning.",
        ],
        (Dialect::Htk, Outcome::Noted) => &[
            "Taget til efterretning.",
            "{A} tager orienteringen til efterretning.",
            "{A} tog oplægget til efterretning.",
            "{A} tager drøftelsen til efterretning.",
        ],
        (Dialect::Htk, Outcome::Discussed) => {
            &["Drøftet.", "{A} drøftede oplægget.", "Sagen blev drøftet."]
        }
        (Dialect::Htk, Outcome::Deferred) => &[
            "Sagen blev udskudt til kommende {M}.",
            "Sagen genfremsættes.",
            "Sagen udsættes.",
            "Sagen genfremsættes mhp. at drøftelsen forlænges.",
            "{A} udsætter sagen til et senere møde.",
        ],
        (Dialect::Htk, Outcome::Partial) => &[
            "Indstilling 1 godkendes ikke. {A} beslutter, at der skal sendes en ny orientering til de berørte borgere.\n\nIndstilling 2 godkendes.",
        ],
        (Dialect::Htk, Outcome::Rejected) => &[
            "Indstillingen godkendes ikke.",
            "{A} kan ikke anbefale indstillingen.",
        ],
        (Dialect::Kal, Outcome::Approved) => &[
            "Godkendt.",
            "Indstillingen godkendes.",
            "{A} godkender indstillingen.",
        ],
        (Dialect::Kal, Outcome::Noted) => &[
            "Taget til efterretning.",
            "Orienteringen blev taget til efterretning.",
        ],
        (Dialect::Kal, Outcome::Discussed) => &["Drøftet."],
        (Dialect::Kal, Outcome::Deferred) => &[
            "Udsat.",
            "Sagen udsættes.",
            "Sagen genoptages på næste møde.",
        ],
        (Dialect::Kal, Outcome::Partial) => {
            &["Indstillingens punkt 1 godkendes. Punkt 2 godkendes ikke."]
        }
        (Dialect::Kal, Outcome::Rejected) => &[
            "Indstillingen godkendes ikke.",
            "{A} kan ikke anbefale indstillingen.",
        ],
        // The generator never draws these.
        (
            _,
            Outcome::Other
            | Outcome::None
            | Outcome::Recommended
            | Outcome::Forwarded
            | Outcome::Withdrawn,
        ) => &["-"],
    }
}

fn decision_text(rng: &mut Rng, body: &Body, outcome: Outcome) -> String {
    let t = rng
        .pick(decision_pool(body.dialect, outcome))
        .replace("{A}", body.actor)
        .replace("{M}", body.meeting_word);
    if outcome != Outcome::Deferred && rng.chance(0.3) {
        format!("{t} {}", rng.pick(SAFE_SENTENCES))
    } else {
        t
    }
}

/// Outcome of a fresh decision.
fn draw_outcome(rng: &mut Rng, after_deferral: bool) -> Outcome {
    let x = rng.below(1000);
    if after_deferral {
        match x {
            0..600 => Outcome::Approved,
            600..780 => Outcome::Noted,
            780..880 => Outcome::Discussed,
            880..960 => Outcome::Deferred,
            960..980 => Outcome::Partial,
            _ => Outcome::Rejected,
        }
    } else {
        match x {
            0..460 => Outcome::Approved,
            460..660 => Outcome::Noted,
            660..800 => Outcome::Discussed,
            800..940 => Outcome::Deferred,
            940..970 => Outcome::Partial,
            _ => Outcome::Rejected,
        }
    }
}

/// A small edit of a decision that keeps its outcome: swap a word in an
/// appended sentence, or append one.
fn edit_decision(rng: &mut Rng, text: &str) -> String {
    let swaps: Vec<&(&str, &str)> = SAFE_SWAPS
        .iter()
        .filter(|(from, _)| {
            SAFE_SENTENCES
                .iter()
                .any(|s| s.contains(from) && text.contains(s))
        })
        .collect();
    if !swaps.is_empty() && rng.chance(0.7) {
        let (from, to) = **rng.pick(&swaps);
        for s in SAFE_SENTENCES {
            if s.contains(from) && text.contains(s) {
                return text.replacen(s, &s.replacen(from, to, 1), 1);
            }
        }
    }
    format!("{text} {}", rng.pick(SAFE_SENTENCES))
}

/// One to three word edits (replace, insert, delete) of an Indstilling. The
/// first word of a line is never touched, so no line can turn into a
/// heading, an item or a list marker.
fn edit_words(rng: &mut Rng, text: &str, words: &[String]) -> String {
    let mut lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(' ').map(str::to_string).collect())
        .collect();
    let ops = rng.range(1, 3);
    let mut done = 0;
    for _ in 0..ops * 20 {
        if done == ops {
            break;
        }
        let li = rng.below(lines.len());
        let line = &mut lines[li];
        if line.len() < 3 {
            continue;
        }
        let wi = rng.range(1, line.len() - 1);
        let w = &line[wi];
        if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        match rng.below(10) {
            0..4 => line[wi] = rng.pick(words).clone(),
            4..8 => line.insert(wi, rng.pick(words).clone()),
            _ => {
                line.remove(wi);
            }
        }
        done += 1;
    }
    if done == 0 {
        // Nothing editable: add a short closing point instead.
        return format!(
            "{text}\n\nHerudover {} {}.",
            rng.pick(words),
            rng.pick(words)
        );
    }
    lines
        .iter()
        .map(|l| l.join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// Cases and meetings

struct Case {
    journal: String,
    title: String,
    baggrund: Vec<String>,
    fremstilling: Vec<String>,
    bilag: Vec<String>,
    indstilling: String,
    /// Latest own decision: outcome, text, date, body index.
    last: Option<(Outcome, String, Date, usize)>,
    /// Files of its own treatments with a decision, oldest first.
    decided_in: Vec<String>,
    /// Files of all its own treatments.
    treated_in: Vec<String>,
}

#[derive(Serialize)]
struct ExpectedDecision {
    date: String,
    body: String,
    outcome: &'static str,
}

#[derive(Serialize)]
struct ExpectedItem {
    punkt: u32,
    journal: Option<String>,
    closed: bool,
    returning: bool,
    has_indstilling: bool,
    decisions: Vec<ExpectedDecision>,
}

#[derive(Serialize)]
struct ExpectedFile {
    file: String,
    date: String,
    body: String,
    items: Vec<ExpectedItem>,
}

#[derive(Serialize)]
struct Probe {
    journal: String,
    treatments: usize,
    /// The minutes files of the case's last two treatments, oldest first.
    files: [String; 2],
}

#[derive(Serialize)]
struct Manifest {
    generator: &'static str,
    seed: u64,
    meetings: usize,
    start: String,
    first_date: String,
    last_date: String,
    bytes: u64,
    items: usize,
    items_with_journal: usize,
    returning_items: usize,
    deferring_decisions: usize,
    cases: usize,
    /// Cases whose latest treatment defers them: what `deferred` must list.
    deferred: Vec<String>,
    probe: Option<Probe>,
    files: Vec<ExpectedFile>,
}

struct Generator {
    rng: Rng,
    vocab: Vocab,
    cases: Vec<Case>,
    used_journals: HashSet<String>,
    /// (due meeting index, case id) per dialect; the deferred queue first.
    due_deferred: [BTreeSet<(usize, usize)>; 2],
    due_other: [BTreeSet<(usize, usize)>; 2],
    /// "Øvrige sager" case per (body, year).
    standing: BTreeMap<(usize, i16), usize>,
    stats: Stats,
}

#[derive(Default)]
struct Stats {
    items: usize,
    with_journal: usize,
    returning: usize,
    deferring: usize,
}

fn dialect_index(d: Dialect) -> usize {
    match d {
        Dialect::Htk => 0,
        Dialect::Kal => 1,
    }
}

fn dmy(d: Date) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

fn weekday_name(d: Date) -> &'static str {
    match d.weekday() {
        Weekday::Monday => "Mandag",
        Weekday::Tuesday => "Tirsdag",
        Weekday::Wednesday => "Onsdag",
        Weekday::Thursday => "Torsdag",
        Weekday::Friday => "Fredag",
        Weekday::Saturday => "Lørdag",
        Weekday::Sunday => "Søndag",
    }
}

/// Wraps a header value the way exported minutes do (seeds 000, 002).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 {
            if col + 1 + w.chars().count() > width {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(w);
        col += w.chars().count();
    }
    out
}

impl Generator {
    fn new_journal(&mut self, dialect: Dialect, date: Date) -> String {
        let yy = date.year().rem_euclid(100);
        loop {
            let j = match dialect {
                Dialect::Htk => format!("{yy:02}/{}", self.rng.range(100, 29999)),
                Dialect::Kal => format!("{yy:02}-{:06}", self.rng.range(100, 19999)),
            };
            if self.used_journals.insert(j.clone()) {
                return j;
            }
        }
    }

    fn new_indstilling(&mut self, body: &Body) -> String {
        let role = *self.rng.pick(body.roles);
        let target = body.name.to_lowercase();
        match body.dialect {
            Dialect::Htk => {
                let intro = match self.rng.below(3) {
                    0 => format!("Det indstilles, at {target}:"),
                    1 => format!("{role} indstiller, at {target}:"),
                    _ => format!("At {target}:"),
                };
                let k = self.rng.range(1, 3);
                let pts = self.rng.sample(&self.vocab.points, k);
                let bullets = self.rng.chance(0.3);
                let list: Vec<String> = pts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        if bullets {
                            format!("- {p}")
                        } else {
                            format!("{}. {p}", i + 1)
                        }
                    })
                    .collect();
                format!("{intro}\n\n{}", list.join("\n"))
            }
            Dialect::Kal => {
                if self.rng.chance(0.5) && !self.vocab.singles.is_empty() {
                    let s = self.rng.pick(&self.vocab.singles).clone();
                    match s.split_once(" indstiller, at ") {
                        Some((_, rest)) => format!("{role} indstiller, at {rest}"),
                        None => s,
                    }
                } else {
                    let k = self.rng.range(2, 3);
                    let pts = self.rng.sample(&self.vocab.points, k);
                    let list: Vec<String> = pts
                        .iter()
                        .enumerate()
                        .map(|(i, p)| format!("{}. {p}", i + 1))
                        .collect();
                    format!("{role} indstiller, at\n\n{}", list.join("\n"))
                }
            }
        }
    }

    fn new_case(&mut self, body: &Body, date: Date) -> usize {
        let journal = self.new_journal(body.dialect, date);
        let mut title = self.rng.pick(&self.vocab.titles).clone();
        match self.rng.below(8) {
            0 | 1 => title = format!("{title} - {}", date.year() + self.rng.range(0, 1) as i16),
            2 => title = format!("{title} - {}", self.rng.pick(TITLE_TAILS)),
            _ => {}
        }
        let nb = self.rng.range(1, 2);
        let nf = self.rng.range(1, 3);
        let baggrund = self.rng.sample(&self.vocab.baggrund, nb);
        let fremstilling = self.rng.sample(&self.vocab.fremstilling, nf);
        let nbil = self.rng.range(0, 2);
        let bilag = self.rng.sample(&self.vocab.bilag, nbil);
        let indstilling = self.new_indstilling(body);
        self.cases.push(Case {
            journal,
            title,
            baggrund,
            fremstilling,
            bilag,
            indstilling,
            last: None,
            decided_in: Vec::new(),
            treated_in: Vec::new(),
        });
        self.cases.len() - 1
    }

    /// Writes one item of a regular case and returns what a parser must read.
    #[allow(clippy::too_many_arguments)]
    fn case_item(
        &mut self,
        out: &mut String,
        punkt: u32,
        id: usize,
        returning: bool,
        bi: usize,
        date: Date,
        file: &str,
        index: usize,
    ) -> ExpectedItem {
        let body = &BODIES[bi];
        let di = dialect_index(body.dialect);
        let prev = self.cases[id].last.clone();
        if returning {
            // Small edits since last time.
            let words = std::mem::take(&mut self.vocab.words);
            let edited = edit_words(&mut self.rng, &self.cases[id].indstilling, &words);
            self.vocab.words = words;
            self.cases[id].indstilling = edited;
            if self.rng.chance(0.3) {
                let p = self.rng.pick(&self.vocab.fremstilling).clone();
                self.cases[id].fremstilling.push(p);
                if self.cases[id].fremstilling.len() > 4 {
                    self.cases[id].fremstilling.remove(0);
                }
            }
        }
        let after_deferral = matches!(prev, Some((Outcome::Deferred, ..)));
        let outcome = draw_outcome(&mut self.rng, after_deferral);
        let text = match &prev {
            Some((o, t, _, pbi)) if *o == outcome && *pbi == bi && outcome != Outcome::Deferred => {
                edit_decision(&mut self.rng, t)
            }
            _ => decision_text(&mut self.rng, body, outcome),
        };
        let quote = match &prev {
            Some((Outcome::Deferred, t, d, pbi))
                if body.dialect == Dialect::Htk && self.rng.chance(0.5) =>
            {
                Some((t.clone(), *d, *pbi))
            }
            _ => None,
        };

        let case = &self.cases[id];
        let mut decisions = Vec::new();
        match body.dialect {
            Dialect::Htk => {
                out.push_str(&format!(
                    "Punkt {punkt}: {}\n\n{}\n\nBaggrund\n\n",
                    case.title, case.journal
                ));
                for p in &case.baggrund {
                    out.push_str(p);
                    out.push_str("\n\n");
                }
                out.push_str("Indstilling\n\n");
                out.push_str(&case.indstilling);
                out.push_str("\n\n");
                if let Some((qt, qd, qbi)) = &quote {
                    out.push_str(&format!(
                        "Beslutning {} den {}\n\n{qt}\n\n",
                        BODIES[*qbi].name,
                        dmy(*qd)
                    ));
                    decisions.push(ExpectedDecision {
                        date: qd.to_string(),
                        body: BODIES[*qbi].name.to_string(),
                        outcome: Outcome::Deferred.as_str(),
                    });
                }
                out.push_str(&format!(
                    "Beslutning {} den {}\n\n{text}\n\nSagsfremstilling\n\n",
                    body.name,
                    dmy(date)
                ));
                for p in &case.fremstilling {
                    out.push_str(p);
                    out.push_str("\n\n");
                }
                if !case.bilag.is_empty() {
                    out.push_str("Bilag\n\n");
                    for b in &case.bilag {
                        out.push_str(b);
                        out.push_str("\n\n");
                    }
                }
            }
            Dialect::Kal => {
                out.push_str(&format!(
                    "## **Punkt {punkt}: {}**\n\n{}\n\n### **Beslutning**\n\n{text}\n\n### **Sagsfremstilling**\n\n## **Resume og sagens baggrund**\n\n",
                    case.title, case.journal
                ));
                for p in &case.baggrund {
                    out.push_str(p);
                    out.push_str("\n\n");
                }
                out.push_str("## **Indstillinger**\n\n");
                out.push_str(&case.indstilling);
                out.push_str(&format!(
                    "\n\n## **Behandling**\n\n{}.\n\n## **Sagsfremstilling**\n\n",
                    body.name
                ));
                for p in &case.fremstilling {
                    out.push_str(p);
                    out.push_str("\n\n");
                }
                if !case.bilag.is_empty() {
                    out.push_str("### **Bilag**\n\n");
                    for b in &case.bilag {
                        out.push_str(b);
                        out.push_str("\n\n");
                    }
                }
            }
        }
        decisions.push(ExpectedDecision {
            date: date.to_string(),
            body: body.name.to_string(),
            outcome: outcome.as_str(),
        });
        let journal = case.journal.clone();

        let case = &mut self.cases[id];
        case.last = Some((outcome, text, date, bi));
        case.decided_in.push(file.to_string());
        case.treated_in.push(file.to_string());
        self.stats.with_journal += 1;
        if returning {
            self.stats.returning += 1;
        }
        // Schedule the next treatment.
        if outcome == Outcome::Deferred {
            self.stats.deferring += 1;
            if self.rng.chance(0.85) {
                let due = index + self.rng.range(1, 8);
                self.due_deferred[di].insert((due, id));
            }
        } else if self.rng.chance(0.25) {
            let due = index + self.rng.range(2, 40);
            self.due_other[di].insert((due, id));
        }
        ExpectedItem {
            punkt,
            journal: Some(journal),
            closed: false,
            returning,
            has_indstilling: true,
            decisions,
        }
    }

    fn meeting(&mut self, index: usize, bi: usize, date: Date) -> (String, String, ExpectedFile) {
        let body = &BODIES[bi];
        let di = dialect_index(body.dialect);
        let file = format!("{date}_{}.txt", body.slug);
        let n = self.rng.range(8, 12);

        // Plan the agenda: standing item, returning cases, new and closed items.
        enum Slot {
            Standing(usize, bool),
            Case(usize, bool),
            Closed(String, Option<String>),
            Eventuelt,
        }
        let mut slots: Vec<Slot> = Vec::new();
        if bi == 0 {
            let key = (bi, date.year());
            let (id, returning) = match self.standing.get(&key) {
                Some(&id) => (id, true),
                None => {
                    let id = self.new_case(body, date);
                    self.cases[id].title = "Øvrige sager".to_string();
                    self.standing.insert(key, id);
                    (id, false)
                }
            };
            slots.push(Slot::Standing(id, returning));
        }
        let reserve = usize::from(body.dialect == Dialect::Kal);
        let cap = n / 2;
        let mut taken = 0;
        for queue in [&mut self.due_deferred[di], &mut self.due_other[di]] {
            while taken < cap {
                let Some(&(due, id)) = queue.first() else {
                    break;
                };
                if due > index {
                    break;
                }
                queue.pop_first();
                slots.push(Slot::Case(id, true));
                taken += 1;
            }
        }
        while slots.len() + reserve < n {
            if self.rng.chance(0.08) {
                let j = self.new_journal(body.dialect, date);
                let title = if self.rng.chance(0.5) {
                    Some(self.rng.pick(&self.vocab.titles).clone())
                } else {
                    None
                };
                slots.push(Slot::Closed(j, title));
            } else {
                let id = self.new_case(body, date);
                slots.push(Slot::Case(id, false));
            }
        }
        if reserve == 1 {
            slots.push(Slot::Eventuelt);
        }
        // Shuffle the cases; Øvrige sager stays first, Eventuelt last.
        let start = usize::from(bi == 0);
        let end = slots.len() - reserve;
        for i in (start + 1..end).rev() {
            let j = start + self.rng.below(i - start + 1);
            slots.swap(i, j);
        }

        // Header and table of contents.
        let mut out = String::new();
        let md = body.dialect == Dialect::Kal;
        let (h1, b) = if md { ("# ", "**") } else { ("", "") };
        let mut names = self.vocab.names.clone();
        if bi != 0 {
            names.reverse();
        }
        let k = self.rng.range(4, 6);
        let people = self.rng.sample(&names, k).join(", ");
        let place = self.rng.pick(&self.vocab.places).clone();
        out.push_str(&format!(
            "\n\n{h1}REFERAT {} d. {}\n\n{b}Mødedato{b} {} d. {:02}. {} {} kl. {}\n\n{b}Mødested{b} {place}\n\n{b}Mødedeltagere{b} {}\n\n{}Indholdsfortegnelse\n\n",
            body.name,
            dmy(date),
            weekday_name(date),
            date.day(),
            MONTHS[date.month() as usize - 1],
            date.year(),
            body.time,
            if md { people } else { wrap(&people, 64) },
            if md { "## " } else { "" },
        ));
        let mut page = 3;
        for slot in &slots {
            let title = match slot {
                Slot::Standing(..) => "Øvrige sager".to_string(),
                Slot::Case(id, _) => self.cases[*id].title.clone(),
                Slot::Closed(_, Some(t)) => format!("Lukket: {t}"),
                Slot::Closed(_, None) => "Lukket".to_string(),
                Slot::Eventuelt => "Eventuelt".to_string(),
            };
            out.push_str(&format!("{title}.....\t{page}\n"));
            page += 1 + self.rng.below(3);
        }
        out.push('\n');

        // Items.
        let mut items = Vec::new();
        for (i, slot) in slots.into_iter().enumerate() {
            let punkt = i as u32 + 1;
            self.stats.items += 1;
            match slot {
                Slot::Standing(id, returning) => {
                    let k = self.rng.range(2, 4);
                    let topics = self.rng.sample(&self.vocab.titles, k);
                    let case = &mut self.cases[id];
                    out.push_str(&format!(
                        "Punkt {punkt}: Øvrige sager\n\n{}\n\nBaggrund\n\n",
                        case.journal
                    ));
                    for t in topics {
                        out.push_str(&format!("- {t}\n"));
                    }
                    out.push('\n');
                    case.treated_in.push(file.clone());
                    self.stats.with_journal += 1;
                    if returning {
                        self.stats.returning += 1;
                    }
                    items.push(ExpectedItem {
                        punkt,
                        journal: Some(case.journal.clone()),
                        closed: false,
                        returning,
                        has_indstilling: false,
                        decisions: Vec::new(),
                    });
                }
                Slot::Case(id, returning) => {
                    let item =
                        self.case_item(&mut out, punkt, id, returning, bi, date, &file, index);
                    items.push(item);
                }
                Slot::Closed(j, title) => {
                    let t = title.map_or("Lukket".to_string(), |t| format!("Lukket: {t}"));
                    if md {
                        out.push_str(&format!("## **Punkt {punkt}: {t}**\n\n{j}\n\n"));
                    } else {
                        out.push_str(&format!("Punkt {punkt}: {t}\n\n{j}\n\n"));
                    }
                    self.stats.with_journal += 1;
                    items.push(ExpectedItem {
                        punkt,
                        journal: Some(j),
                        closed: true,
                        returning: false,
                        has_indstilling: false,
                        decisions: Vec::new(),
                    });
                }
                Slot::Eventuelt => {
                    out.push_str(&format!(
                        "## **Punkt {punkt}: Eventuelt**\n\n### **Beslutning**\n\n-\n\n"
                    ));
                    items.push(ExpectedItem {
                        punkt,
                        journal: None,
                        closed: false,
                        returning: false,
                        has_indstilling: false,
                        decisions: vec![ExpectedDecision {
                            date: date.to_string(),
                            body: body.name.to_string(),
                            outcome: "none",
                        }],
                    });
                }
            }
        }
        let expected = ExpectedFile {
            file: file.clone(),
            date: date.to_string(),
            body: body.name.to_string(),
            items,
        };
        (file, out, expected)
    }
}

// ---------------------------------------------------------------------------
// Command line

struct Args {
    meetings: usize,
    out: PathBuf,
    seed: u64,
    start: Date,
    manifest: Option<PathBuf>,
}

const USAGE: &str =
    "usage: synth_history --meetings N --out DIR [--seed S] [--start YYYY-MM-DD] [--manifest FILE]";

fn parse_args() -> Result<Args, String> {
    let mut meetings = None;
    let mut out = None;
    let mut seed = 1u64;
    let mut start = Date::constant(2019, 1, 7);
    let mut manifest = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--meetings" | "-n" => {
                meetings = Some(
                    value("--meetings")?
                        .parse::<usize>()
                        .map_err(|e| format!("--meetings: {e}"))?,
                )
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--start" => {
                start = value("--start")?
                    .parse()
                    .map_err(|e| format!("--start: {e}"))?
            }
            "--manifest" => manifest = Some(PathBuf::from(value("--manifest")?)),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(Args {
        meetings: meetings.ok_or(format!("--meetings is required\n{USAGE}"))?,
        out: out.ok_or(format!("--out is required\n{USAGE}"))?,
        seed,
        start,
        manifest,
    })
}

/// The body and date of the `count` first meetings: each week Direktionen
/// (Monday), every other week Økonomiudvalget (Tuesday), every fourth week
/// Teknik- og Miljøudvalget (Thursday).
fn schedule(start: Date, count: usize) -> Vec<(usize, Date)> {
    let monday = start
        .checked_sub(jiff::Span::new().days(i64::from(start.weekday().to_monday_zero_offset())))
        .expect("start date in range");
    let mut out = Vec::with_capacity(count);
    let mut week = 0i64;
    while out.len() < count {
        let base = monday
            .checked_add(jiff::Span::new().days(7 * week))
            .expect("dates stay before year 9999");
        for (bi, body) in BODIES.iter().enumerate() {
            let on = match bi {
                0 => true,
                1 => week % 2 == 0,
                _ => week % 4 == 1,
            };
            if on && out.len() < count {
                let d = base
                    .checked_add(jiff::Span::new().days(body.weekday_offset))
                    .expect("date in range");
                out.push((bi, d));
            }
        }
        week += 1;
    }
    out
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Ok(mut entries) = std::fs::read_dir(&args.out)
        && entries.next().is_some()
    {
        eprintln!(
            "synth_history: {} is not empty; give a new or empty folder",
            args.out.display()
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("synth_history: cannot create {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    let vocab = harvest();
    let mut g = Generator {
        rng: Rng::new(args.seed),
        vocab,
        cases: Vec::new(),
        used_journals: HashSet::new(),
        due_deferred: [BTreeSet::new(), BTreeSet::new()],
        due_other: [BTreeSet::new(), BTreeSet::new()],
        standing: BTreeMap::new(),
        stats: Stats::default(),
    };
    let plan = schedule(args.start, args.meetings);
    let mut files = Vec::with_capacity(plan.len());
    let mut bytes = 0u64;
    for (index, &(bi, date)) in plan.iter().enumerate() {
        let (name, text, expected) = g.meeting(index, bi, date);
        bytes += text.len() as u64;
        if let Err(e) = std::fs::write(args.out.join(&name), text) {
            eprintln!("synth_history: cannot write {name}: {e}");
            return ExitCode::FAILURE;
        }
        files.push(expected);
    }

    let deferred: Vec<String> = {
        let mut d: Vec<String> = g
            .cases
            .iter()
            .filter(|c| matches!(c.last, Some((Outcome::Deferred, ..))))
            .map(|c| c.journal.clone())
            .collect();
        d.sort();
        d
    };
    // The probe: the regular case with the most decided treatments whose two
    // latest treatments both have an Indstilling and a decision.
    let probe = g
        .cases
        .iter()
        .filter(|c| c.decided_in.len() >= 2 && c.decided_in.len() == c.treated_in.len())
        .max_by_key(|c| (c.decided_in.len(), std::cmp::Reverse(c.journal.clone())))
        .map(|c| Probe {
            journal: c.journal.clone(),
            treatments: c.treated_in.len(),
            files: [
                c.decided_in[c.decided_in.len() - 2].clone(),
                c.decided_in[c.decided_in.len() - 1].clone(),
            ],
        });
    let s = &g.stats;
    eprintln!(
        "synth_history: {} meetings ({} to {}), {:.1} MB, {} items, {} with a journal, {} returning ({:.0}%), {} deferring decisions, {} cases, {} deferred at the end",
        plan.len(),
        plan.first().map_or(String::new(), |p| p.1.to_string()),
        plan.last().map_or(String::new(), |p| p.1.to_string()),
        bytes as f64 / 1e6,
        s.items,
        s.with_journal,
        s.returning,
        100.0 * s.returning as f64 / s.items.max(1) as f64,
        s.deferring,
        g.cases.len(),
        deferred.len()
    );
    if let Some(path) = &args.manifest {
        let manifest = Manifest {
            generator: "synth_history 1",
            seed: args.seed,
            meetings: plan.len(),
            start: args.start.to_string(),
            first_date: plan.first().map_or(String::new(), |p| p.1.to_string()),
            last_date: plan.last().map_or(String::new(), |p| p.1.to_string()),
            bytes,
            items: s.items,
            items_with_journal: s.with_journal,
            returning_items: s.returning,
            deferring_decisions: s.deferring,
            cases: g.cases.len(),
            deferred,
            probe,
            files,
        };
        let json = serde_json::to_vec(&manifest).expect("manifest serialises");
        if let Err(e) = std::fs::write(path, json) {
            eprintln!("synth_history: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
