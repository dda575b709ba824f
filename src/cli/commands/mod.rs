//! One module per command: its arguments (beside the list in
//! [`super::args`]) and its `run`, which asks the library and renders
//! through the [`Ui`].

pub mod blame;
pub mod cases;
pub mod commit;
pub mod completions;
pub mod deferred;
pub mod diff;
pub mod feed;
pub mod journey;
pub mod log;
pub mod man;
pub mod meetings;
pub mod parse;
pub mod pending;
pub mod pull;
pub mod push;
pub mod rebuild;
pub mod report;
pub mod search;
pub mod show;
pub mod verify;

use super::args::{Command, FilterArgs, ListFilterArgs};
use super::error::CommandError;
use super::ui::{Ui, shown};
use jiff::civil::Date;
use sagsspor::filter::{BodyName, Filter};
use sagsspor::ingest::{self, Discovery, Read};
use sagsspor::store::{Snapshot, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Which case a command is about: `JOURNAL [--organisation NAME]`.
#[derive(Debug, clap::Args)]
pub struct CaseArgs {
    /// The journal number, as written in the minutes (letter case and the
    /// script of its digits do not matter).
    #[arg(value_parser = journal_arg)]
    pub journal: String,
    /// The organisation whose case it is; needed only where several
    /// organisations in the store have this journal number.
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
}

/// `--as-of DATE`: the answer the store would have given on a date.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AsOfArgs {
    /// Answer as if only the minutes of meetings up to and including DATE
    /// had been imported (YYYY-MM-DD or DD-MM-YYYY): a decision quoted in
    /// later minutes is not known yet, and days waiting count to DATE.
    #[arg(long = "as-of", value_name = "DATE", value_parser = crate::cli::args::date)]
    pub as_of: Option<Date>,
}

impl AsOfArgs {
    /// The store pinned to its present commit, as of the date asked for.
    pub fn snapshot<'s>(&self, store: &'s Store) -> Result<Snapshot<'s>, CommandError> {
        Ok(store.snapshot()?.as_of(self.as_of))
    }

    /// The day days waiting count to: the date asked for, else today. A
    /// date after today is answered (the minutes known now, the days counted
    /// to it), with a note, since it is more likely a typo than a question.
    pub fn today(&self, ui: &Ui) -> Result<Date, CommandError> {
        let today = ui.today()?;
        match self.as_of {
            Some(date) if date > today => {
                ui.note(&format!(
                    "--as-of {date} is after today ({today}): every minutes known now count, and days waiting count to {date}"
                ));
                Ok(date)
            }
            Some(date) => Ok(date),
            None => Ok(today),
        }
    }
}

/// A journal number on the command line, in the spelling cases are filed
/// under.
fn journal_arg(written: &str) -> Result<String, String> {
    Ok(sagsspor::identity::case_journal(written))
}

impl CaseArgs {
    /// The case asked for.
    pub fn query(&self) -> sagsspor::query::CaseQuery<'_> {
        sagsspor::query::CaseQuery {
            journal: &self.journal,
            organisation: self.organisation.as_deref(),
        }
    }
}

/// The filter the list flags ask for, the organisation included.
pub fn list_filter(args: &ListFilterArgs, store: &Store) -> Result<Filter, CommandError> {
    filter(&args.filter, args.organisation.as_deref(), store)
}

/// The filter the flags ask for. A body is read with the store's aliases,
/// as the minutes' bodies were.
pub fn filter(
    args: &FilterArgs,
    organisation: Option<&str>,
    store: &Store,
) -> Result<Filter, CommandError> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        return Err(
            CommandError::usage(format!("--since {since} is after --until {until}"))
                .hint("swap the two dates"),
        );
    }
    Ok(Filter {
        organisation: organisation.map(str::to_string),
        body: args
            .body
            .as_deref()
            .map(|b| BodyName::new(b, store.aliases())),
        since: args.since,
        until: args.until,
        outcomes: args.outcome.clone(),
    })
}

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done and nothing is wrong.
    Success,
    /// It ran, and found or met problems it has already reported (files
    /// that could not be imported, `verify` findings): exit 1.
    Problems,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> ExitCode {
        match self {
            Exit::Success => ExitCode::SUCCESS,
            Exit::Problems => ExitCode::FAILURE,
        }
    }
}

/// Runs one command.
pub fn run(command: Command, ui: &Ui) -> Result<Exit, CommandError> {
    match command {
        Command::Parse(args) => parse::run(args, ui),
        Command::Commit(args) => commit::run(args, ui),
        Command::Log(args) => log::run(args, ui),
        Command::Journey(args) => journey::run(args, ui),
        Command::Diff(args) => diff::run(args, ui),
        Command::Blame(args) => blame::run(args, ui),
        Command::Deferred(args) => deferred::run(args, ui),
        Command::Pending(args) => pending::run(args, ui),
        Command::Cases(args) => cases::run(args, ui),
        Command::Meetings(args) => meetings::run(args, ui),
        Command::Show(args) => show::run(args, ui),
        Command::Search(args) => search::run(args, ui),
        Command::Verify => verify::run(ui),
        Command::Rebuild => rebuild::run(ui),
        Command::Push(args) => push::run(args, ui),
        Command::Pull(args) => pull::run(args, ui),
        Command::Report(args) => report::run(args, ui),
        Command::Feed(args) => feed::run(args, ui),
        Command::Completions(args) => completions::run(args, ui),
        Command::Man => man::run(ui),
    }
}

/// The files to read under the paths named, in order; every file found but
/// not taken is named on stderr with its reason.
pub fn discover(paths: &[PathBuf], ui: &Ui) -> Discovery {
    let found = ingest::discover(paths);
    for skipped in &found.skipped {
        ui.note(&format!(
            "skipped {}: {}",
            shown(&skipped.path),
            skipped.reason
        ));
    }
    found
}

/// Says on stderr which store folders could not be read and so are missing
/// from the answer (which still holds for everything else).
pub fn note_unreadable(ui: &Ui, snapshot: &sagsspor::store::Snapshot) -> Result<(), CommandError> {
    let unreadable = snapshot.unreadable()?;
    for problem in &unreadable {
        ui.warn(&format!("left out, cannot be read: {problem}"));
    }
    if !unreadable.is_empty() {
        ui.note("check the store with: sagsspor verify");
    }
    Ok(())
}

/// Says on stderr when a file was not UTF-8, and what the reader noticed
/// but could not square with the document's own account of itself.
pub fn note_reading(ui: &Ui, path: &Path, read: &Read) {
    if let Some(encoding) = read.legacy_encoding {
        ui.note(&format!(
            "{}: not UTF-8, decoded as {encoding}",
            shown(path)
        ));
    }
    for warning in &read.minutes.meeting.warnings {
        ui.warn(&format!("{}: {warning}", shown(path)));
    }
}
