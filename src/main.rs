//! The `sagsspor` binary: wires the library's stages to the command line and
//! renders their results. One error path: every failure becomes a
//! [`Failure`], printed once as `sagsspor: error: …` with an optional hint.

mod cli;

use clap::Parser;
use cli::{Cli, ColorChoice, Command};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::civil::Date;
use sagsspor::diff::{DEFAULT_SECTIONS, SectionDiff, diff_treatments};
use sagsspor::model::{Meeting, Outcome};
use sagsspor::render::{self, DeferredRow, Palette};
use sagsspor::sanitize::one_line;
use sagsspor::store::{
    CaseSummary, Imported, MeetingChange, Minutes, Store, StoreError, sha256_hex,
};
use sagsspor::treatment::Treatment;
use sagsspor::{dates, parse, pdf, text};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Everything that ends a command early.
enum Failure {
    /// stdout was closed (`sagsspor log X | head -1`): not an error.
    BrokenPipe,
    /// A problem to report to the user.
    Error {
        message: String,
        hint: Option<String>,
    },
}

impl Failure {
    fn new(message: impl Into<String>) -> Failure {
        Failure::Error {
            message: message.into(),
            hint: None,
        }
    }

    fn hint(self, hint: impl Into<String>) -> Failure {
        match self {
            Failure::Error { message, .. } => Failure::Error {
                message,
                hint: Some(hint.into()),
            },
            other => other,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::new(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::new(format!("cannot write output: {e}"))
        }
    }
}

type Result<T> = std::result::Result<T, Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Error { message, hint }) => {
            eprintln!("sagsspor: error: {message}");
            if let Some(hint) = hint {
                eprintln!("hint: {hint}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let palette = Palette {
        color: use_color(cli.color, cli.json),
    };
    let json = cli.json;
    let pager = !cli.no_pager && !json;
    let store_path = || store_path(cli.store.clone());
    match cli.command {
        Command::Parse { files } => cmd_parse(&files, json),
        Command::Commit { files } => cmd_commit(&store_path()?, &files, json, palette),
        Command::Log { journal } => {
            let store = open_store(&store_path()?)?;
            let treatments = case_or_hint(&store, &journal)?;
            if json {
                print_json(&treatments.iter().map(LogEntry::from).collect::<Vec<_>>())?;
            } else {
                page(&render::log(&journal, &treatments, palette), pager)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            journal,
            from,
            to,
            sections,
            correction,
        } => {
            let store = open_store(&store_path()?)?;
            let request = DiffRequest {
                from,
                to,
                sections,
                correction,
            };
            cmd_diff(&store, &journal, request, json, palette, pager)
        }
        Command::Report { out } => {
            let store = open_store(&store_path()?)?;
            let pages = sagsspor::report::build(&store, today()?)?;
            sagsspor::report::write(&out, &pages).map_err(|e| {
                Failure::new(format!("cannot write the report to {}: {e}", shown(&out)))
            })?;
            let index = out.join("index.html");
            if json {
                print_json(&serde_json::json!({
                    "out": out.display().to_string(),
                    "pages": pages.len(),
                    "index": index.display().to_string(),
                }))?;
            } else {
                print(&format!(
                    "wrote {} pages; open {}\n",
                    pages.len(),
                    shown(&index)
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "sagsspor", &mut out);
            print(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(|e| Failure::new(format!("cannot render the manual: {e}")))?;
            print(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify => {
            let store = open_store(&store_path()?)?;
            let report = store.verify()?;
            if json {
                print_json(&report)?;
            } else {
                print(&render::verify(&report))?;
            }
            Ok(if report.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Deferred => {
            let store = open_store(&store_path()?)?;
            let deferred = store.deferred()?;
            let rows = render::deferred_rows(&deferred, today()?);
            if json {
                print_json(&rows.iter().map(DeferredEntry::from).collect::<Vec<_>>())?;
            } else {
                print(&render::deferred(&rows, palette))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Cases { text } => {
            let store = open_store(&store_path()?)?;
            let summary = store.summary()?;
            let needle = text.map(|t| t.to_lowercase());
            let cases: Vec<&CaseSummary> = summary
                .cases
                .iter()
                .filter(|c| {
                    needle.as_deref().is_none_or(|n| {
                        c.journal.to_lowercase().contains(n)
                            || c.title
                                .as_deref()
                                .is_some_and(|t| t.to_lowercase().contains(n))
                    })
                })
                .collect();
            if json {
                print_json(
                    &cases
                        .iter()
                        .map(|c| CaseEntry::from(*c))
                        .collect::<Vec<_>>(),
                )?;
            } else {
                print(&render::cases(&cases, palette))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Meetings => {
            let store = open_store(&store_path()?)?;
            let summary = store.summary()?;
            if json {
                print_json(&summary.meetings)?;
            } else {
                print(&render::meetings(&summary.meetings))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { journal, at } => {
            let store = open_store(&store_path()?)?;
            let treatments = case_or_hint(&store, &journal)?;
            let index = match at {
                Some(date) => index_on(&treatments, &journal, parse_date(&date)?)?,
                None => treatments.len() - 1,
            };
            let mut t = treatments[index].clone();
            store.with_sections(&mut t)?;
            let t = &t;
            if json {
                print_json(t)?;
            } else {
                page(&render::show(t, palette), pager)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `auto` colours a terminal; CLICOLOR_FORCE forces colour, NO_COLOR turns
/// it off; an explicit flag beats both; JSON is never coloured.
fn use_color(choice: ColorChoice, json: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        _ if json => false,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto => std::io::stdout().is_terminal(),
    }
}

/// `--store`, else `SAGSSPOR_STORE` (both via clap), else the XDG data folder.
fn store_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    data.map(|d| d.join("sagsspor")).ok_or_else(|| {
        Failure::new("no store given and no home folder to put one in")
            .hint("pass --store DIR or set SAGSSPOR_STORE")
    })
}

fn open_store(path: &Path) -> Result<Store> {
    Store::open(path).map_err(|e| match e {
        StoreError::Missing(_) => Failure::from(e).hint(
            "import minutes first: sagsspor commit FILE… (or point --store at an existing store)",
        ),
        other => other.into(),
    })
}

fn today() -> Result<Date> {
    match std::env::var("SAGSSPOR_TODAY") {
        Ok(s) if !s.is_empty() => parse_date(&s),
        _ => Ok(jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()),
    }
}

fn parse_date(s: &str) -> Result<Date> {
    dates::parse_iso(s).ok_or_else(|| {
        Failure::new(format!(
            "invalid date '{}' (expected YYYY-MM-DD)",
            one_line(s)
        ))
    })
}

fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Long output goes through a pager, but only to a terminal and only when
/// allowed; if the pager cannot start, the text is printed as it is.
fn page(text: &str, allowed: bool) -> Result<()> {
    if !allowed || !std::io::stdout().is_terminal() {
        return print(text);
    }
    let command = ["SAGSSPOR_PAGER", "PAGER"]
        .iter()
        .find_map(|name| std::env::var(name).ok())
        .unwrap_or_else(|| "less -R -F -X".to_string());
    if command.trim().is_empty() || command.trim() == "cat" {
        return print(text);
    }
    let child = std::process::Command::new("sh")
        .args(["-c", &command])
        .stdin(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return print(text);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit the pager before reading everything.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    Ok(())
}

fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::new(format!("cannot encode JSON: {e}")))?;
    text.push('\n');
    print(&text)
}

/// Files named on the command line; folders are searched (recursively, in
/// name order) for `.txt`, `.md` and `.pdf` minutes.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect_minutes(path, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn collect_minutes(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_minutes(&path, out);
        } else if kind.is_file() && is_minutes_name(&path) {
            out.push(path);
        }
    }
}

fn is_minutes_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "txt" | "md" | "markdown" | "pdf"
        )
    })
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// Reads, decodes and parses one minutes file; the error names the file.
fn read_minutes(path: &Path) -> Result<Minutes> {
    let name = shown(path);
    let fail = |what: String| Failure::new(format!("{name}: {what}"));
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(fail("is a folder".to_string()));
    }
    if meta.len() > text::MAX_FILE_BYTES as u64 {
        return Err(fail(format!(
            "the file is too large ({} bytes; the limit is {} bytes)",
            meta.len(),
            text::MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let decoded = if pdf::is_pdf(&bytes) {
        let extracted = pdf::extract_text(path).map_err(|e| fail(e.to_string()))?;
        text::decode(extracted.as_bytes())
    } else {
        text::decode(&bytes)
    }
    .map_err(|e| fail(e.to_string()))?;
    if decoded.was_legacy() {
        eprintln!(
            "sagsspor: note: {name}: not UTF-8, decoded as {}",
            decoded.encoding
        );
    }
    let meeting = parse::parse(&decoded.text).map_err(|e| fail(e.to_string()))?;
    Ok(Minutes {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        source_sha256: sha256_hex(&bytes),
        text: decoded.text,
        meeting,
    })
}

fn report(failure: Failure) {
    if let Failure::Error { message, .. } = failure {
        eprintln!("sagsspor: error: {message}");
    }
}

#[derive(Serialize)]
struct ParsedFile<'a> {
    file: String,
    #[serde(flatten)]
    meeting: &'a Meeting,
}

fn cmd_parse(files: &[PathBuf], json: bool) -> Result<ExitCode> {
    let mut failed = false;
    for path in expand(files) {
        match read_minutes(&path) {
            Ok(m) => {
                if json {
                    let line = serde_json::to_string(&ParsedFile {
                        file: path.display().to_string(),
                        meeting: &m.meeting,
                    })
                    .map_err(|e| Failure::new(format!("cannot encode JSON: {e}")))?;
                    print(&format!("{line}\n"))?;
                } else {
                    print(&render::meeting(&shown(&path), &m.meeting))?;
                }
            }
            Err(e) => {
                failed = true;
                report(e);
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Serialize)]
struct CommitReport<'a> {
    store: String,
    imported: Vec<ImportedEntry<'a>>,
    failed: Vec<FailedEntry>,
    deferred: Vec<DeferredEntry<'a>>,
}

#[derive(Serialize)]
struct ImportedEntry<'a> {
    file: &'a str,
    date: Date,
    body: &'a str,
    change: &'static str,
    treatments_new: usize,
    treatments_changed: usize,
}

#[derive(Serialize)]
struct FailedEntry {
    file: String,
    error: String,
}

fn cmd_commit(
    store_path: &Path,
    files: &[PathBuf],
    json: bool,
    palette: Palette,
) -> Result<ExitCode> {
    let files = expand(files);
    if files.is_empty() {
        return Err(Failure::new("no minutes files found (.txt, .md or .pdf)"));
    }
    let store = Store::open_or_create(store_path)?;
    let bar = if files.len() > 1 {
        ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut imported: Vec<(String, Imported)> = Vec::new();
    let mut failed: Vec<FailedEntry> = Vec::new();
    let on_busy = || {
        eprintln!("sagsspor: the store is busy (another import is running); waiting for it…");
    };
    store.import(on_busy, |session| {
        // Reading and parsing the next files runs on another core while this
        // one writes to the store; the bounded queue keeps memory flat.
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel(8);
            let files = &files;
            scope.spawn(move || {
                for path in files {
                    if sender.send((path, read_minutes(path))).is_err() {
                        break;
                    }
                }
            });
            for (path, read) in receiver {
                bar.set_message(shown(path));
                let result = read.and_then(|m| {
                    session
                        .add(&m)
                        .map_err(|e| Failure::new(format!("{}: {e}", shown(path))))
                });
                match result {
                    Ok(i) => imported.push((path.display().to_string(), i)),
                    Err(Failure::Error { message, .. }) => {
                        bar.suspend(|| eprintln!("sagsspor: error: {message}"));
                        failed.push(FailedEntry {
                            file: path.display().to_string(),
                            error: message,
                        });
                    }
                    Err(Failure::BrokenPipe) => {}
                }
                bar.inc(1);
            }
        });
    })?;
    bar.finish_and_clear();
    let deferred = store.deferred()?;
    let rows = render::deferred_rows(&deferred, today()?);
    let all_landed = failed.is_empty();
    if json {
        print_json(&CommitReport {
            store: store.root().display().to_string(),
            imported: imported
                .iter()
                .map(|(file, i)| ImportedEntry {
                    file,
                    date: i.date,
                    body: &i.body,
                    change: match i.change {
                        MeetingChange::Added => "added",
                        MeetingChange::Corrected => "corrected",
                        MeetingChange::Unchanged => "unchanged",
                    },
                    treatments_new: i.treatments_new,
                    treatments_changed: i.treatments_changed,
                })
                .collect(),
            failed,
            deferred: rows.iter().map(DeferredEntry::from).collect(),
        })?;
    } else {
        print(&render::commit_report(
            &store.root().display().to_string(),
            &imported,
            &rows,
            palette,
        ))?;
        if !failed.is_empty() && files.len() > 1 {
            eprintln!(
                "sagsspor: {} of {} files failed (see above)",
                failed.len(),
                files.len()
            );
        }
    }
    Ok(if all_landed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[derive(Serialize)]
struct DeferredEntry<'a> {
    journal: &'a str,
    title: Option<&'a str>,
    date: Date,
    body: &'a str,
    punkt: Option<u32>,
    text: Option<&'a str>,
    reason: Option<&'a str>,
    waiting_days: i64,
}

impl<'a> From<&DeferredRow<'a>> for DeferredEntry<'a> {
    fn from(row: &DeferredRow<'a>) -> Self {
        let case = row.case;
        let latest = case.latest();
        DeferredEntry {
            journal: &case.journal,
            title: case.title.as_deref(),
            date: latest.map_or(Date::constant(1970, 1, 1), |t| t.date),
            body: latest.map_or("", |t| t.body.as_str()),
            punkt: latest.and_then(|t| t.punkt),
            text: latest.and_then(|t| t.beslutning.as_deref()),
            reason: latest.and_then(|t| t.reason.as_deref()),
            waiting_days: row.waiting_days,
        }
    }
}

#[derive(Serialize)]
struct CaseEntry<'a> {
    journal: &'a str,
    title: Option<&'a str>,
    treatments: usize,
    latest: Option<LatestEntry<'a>>,
}

#[derive(Serialize)]
struct LatestEntry<'a> {
    date: Date,
    body: &'a str,
    punkt: Option<u32>,
    outcome: Option<Outcome>,
    reason: Option<&'a str>,
}

impl<'a> From<&'a CaseSummary> for CaseEntry<'a> {
    fn from(c: &'a CaseSummary) -> Self {
        CaseEntry {
            journal: &c.journal,
            title: c.title.as_deref(),
            treatments: c.treatments.len(),
            latest: c.latest().map(|t| LatestEntry {
                date: t.date,
                body: &t.body,
                punkt: t.punkt,
                outcome: t.outcome,
                reason: t.reason.as_deref(),
            }),
        }
    }
}

#[derive(Serialize)]
struct LogEntry<'a> {
    date: Date,
    body: &'a str,
    punkt: Option<u32>,
    title: Option<&'a str>,
    outcome: Option<Outcome>,
    reason: Option<&'a str>,
    indstilling: Option<&'a str>,
    beslutning: Option<&'a str>,
    quoted: bool,
}

impl<'a> From<&'a Treatment> for LogEntry<'a> {
    fn from(t: &'a Treatment) -> Self {
        LogEntry {
            date: t.date,
            body: &t.body,
            punkt: t.punkt,
            title: t.title.as_deref(),
            outcome: t.outcome,
            reason: t.reason.as_deref(),
            indstilling: t.indstilling.as_deref(),
            beslutning: t.beslutning.as_deref(),
            quoted: t.quoted,
        }
    }
}

/// The case's timeline, or an error naming the case with the closest known
/// journal numbers as a hint.
fn case_or_hint(store: &Store, journal: &str) -> Result<Vec<Treatment>> {
    let treatments = store.case(journal)?;
    if !treatments.is_empty() {
        return Ok(treatments);
    }
    let summary = store.summary()?;
    let mut near: Vec<(usize, &str)> = summary
        .cases
        .iter()
        .map(|c| (strsim::levenshtein(journal, &c.journal), c.journal.as_str()))
        .filter(|(d, _)| *d <= 3)
        .collect();
    near.sort();
    let failure = Failure::new(format!("unknown case '{}'", one_line(journal)));
    Err(if near.is_empty() {
        failure.hint("list the known cases with: sagsspor cases")
    } else {
        let names: Vec<String> = near.iter().take(3).map(|(_, j)| one_line(j)).collect();
        failure.hint(format!("did you mean {}?", names.join(", ")))
    })
}

/// The latest treatment on `date`, or an error listing the case's dates.
fn index_on(treatments: &[Treatment], journal: &str, date: Date) -> Result<usize> {
    treatments
        .iter()
        .rposition(|t| t.date == date)
        .ok_or_else(|| {
            let known: Vec<String> = treatments.iter().map(|t| t.date.to_string()).collect();
            Failure::new(format!(
                "case '{}' has no treatment on {date}",
                one_line(journal)
            ))
            .hint(format!("its treatments: {}", known.join(", ")))
        })
}

#[derive(Serialize)]
struct DiffReport<'a> {
    journal: &'a str,
    from: DiffEnd<'a>,
    to: DiffEnd<'a>,
    sections: &'a [SectionDiff],
}

#[derive(Serialize)]
struct DiffEnd<'a> {
    date: Date,
    body: &'a str,
    punkt: Option<u32>,
    outcome: Option<Outcome>,
}

impl<'a> From<&'a Treatment> for DiffEnd<'a> {
    fn from(t: &'a Treatment) -> Self {
        DiffEnd {
            date: t.date,
            body: &t.body,
            punkt: t.punkt,
            outcome: t.outcome,
        }
    }
}

/// What `diff` was asked to compare.
struct DiffRequest {
    from: Option<String>,
    to: Option<String>,
    sections: Vec<String>,
    correction: bool,
}

fn cmd_diff(
    store: &Store,
    journal: &str,
    request: DiffRequest,
    json: bool,
    palette: Palette,
    pager: bool,
) -> Result<ExitCode> {
    let treatments = case_or_hint(store, journal)?;
    let to_index = match &request.to {
        Some(d) => index_on(&treatments, journal, parse_date(d)?)?,
        None => treatments.len() - 1,
    };
    let sections: Vec<String> = if request.sections.is_empty() {
        DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect()
    } else {
        request.sections
    };
    let versions;
    let (from_t, to_t) = if request.correction {
        versions = store.treatment_versions(&treatments[to_index])?;
        match versions.as_slice() {
            [first, .., last] => (first, last),
            _ => {
                return Err(Failure::new(format!(
                    "the {} treatment of '{}' was never corrected",
                    treatments[to_index].date,
                    one_line(journal)
                )));
            }
        }
    } else {
        let from_index = match &request.from {
            Some(d) => index_on(&treatments, journal, parse_date(d)?)?,
            None if to_index == 0 => {
                return Err(Failure::new(format!(
                    "case '{}' has no treatment before {} to compare with",
                    one_line(journal),
                    treatments[to_index].date
                ))
                .hint(format!(
                    "see its treatments with: sagsspor log {}",
                    one_line(journal)
                )));
            }
            None => to_index - 1,
        };
        (&treatments[from_index], &treatments[to_index])
    };
    let wants_other_sections = sections
        .iter()
        .any(|s| !DEFAULT_SECTIONS.contains(&s.as_str()));
    let (mut from_t, mut to_t) = (from_t.clone(), to_t.clone());
    if wants_other_sections {
        store.with_sections(&mut from_t)?;
        store.with_sections(&mut to_t)?;
    }
    let (from_t, to_t) = (&from_t, &to_t);
    let diffs = diff_treatments(from_t, to_t, &sections);
    if json {
        print_json(&DiffReport {
            journal,
            from: from_t.into(),
            to: to_t.into(),
            sections: &diffs,
        })?;
    } else {
        page(&render::diff(journal, from_t, to_t, &diffs, palette), pager)?;
    }
    Ok(ExitCode::SUCCESS)
}
