//! The command line, defined once with clap derive: the global flags, the
//! list of commands with their help text and examples. Each command's own
//! arguments live beside its `run` in [`super::commands`].

use super::commands::{cases, commit, completions, diff, log, parse, report, search, show};
use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  sagsspor commit referater/*.txt      import minutes (the store is created on first use)
  sagsspor deferred                    cases put off that have not come back
  sagsspor log 22/1055                 every treatment of a case, oldest first
  sagsspor diff 22/1055                how Indstilling and Beslutning changed
  sagsspor search vindmølle            treatments that mention it, newest first
  sagsspor parse referat.md --json     what the parser reads, no store involved

Store: --store DIR, else $SAGSSPOR_STORE, else $XDG_DATA_HOME/sagsspor
(~/.local/share/sagsspor). It is a bare git repository: `git -C DIR log` reads it.

Exit status: 0 success, 1 a problem found (a file that could not be read,
`verify` problems, an unknown case), 2 a usage error (unknown option, bad
date, unknown section), 3 an internal error (the store could not be read).";

/// Follow Danish municipal cases (sager) through the minutes of the meetings
/// that treat them.
#[derive(Debug, Parser)]
#[command(name = "sagsspor", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The flags every command takes.
    #[command(flatten)]
    pub global: Global,

    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The flags every command takes.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// The history store (a bare git repository).
    #[arg(long, global = true, env = "SAGSSPOR_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// When to colour output: auto colours a terminal unless NO_COLOR is set
    /// (CLICOLOR_FORCE=1 forces colour); the flag beats both.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print one JSON value on stdout instead of text (never coloured).
    #[arg(long, global = true)]
    pub json: bool,

    /// Never send long output (log, diff, show) through a pager. The pager is
    /// $SAGSSPOR_PAGER, else $PAGER, else `less -R -F -X`, and only on a terminal.
    #[arg(long, global = true)]
    pub no_pager: bool,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour a terminal, honouring NO_COLOR and CLICOLOR_FORCE.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what the parser reads in minutes files; the store is not touched.
    #[command(
        after_help = "Example:\n  sagsspor parse testdata/seeds/000_29b394e088e1976e.txt --json"
    )]
    Parse(parse::Args),
    /// Import minutes into the store, one commit per file.
    #[command(
        after_help = "Examples:\n  sagsspor commit testdata/seeds/\n  sagsspor --store arkiv commit 2025/*.txt\n  sagsspor commit --organisation 'Greve Kommune' referater/\n\nA meeting is its organisation, body, date, time and kind (referat or\ndagsorden): identical documents are skipped; a changed version of a stored\nmeeting is recorded as a correction, and the treatments it removed or changed\nare named. An agenda never replaces minutes. A file that cannot be read is\nreported and skipped."
    )]
    Commit(commit::Args),
    /// List a case's treatments, oldest first.
    #[command(after_help = "Example:\n  sagsspor log 22/1055")]
    Log(log::Args),
    /// Show how Indstilling and Beslutning changed between two treatments.
    #[command(
        after_help = "Examples:\n  sagsspor diff 22/1055\n  sagsspor diff 24/5629 --from 2024-03-05 --to 2024-03-19\n  sagsspor diff 22/1055 --section indstilling --section sagsfremstilling"
    )]
    Diff(diff::Args),
    /// List cases whose latest treatment deferred them.
    #[command(
        after_help = "Example:\n  sagsspor deferred\n\nDays waiting count to today (SAGSSPOR_TODAY=YYYY-MM-DD pins today)."
    )]
    Deferred,
    /// List cases, optionally those whose journal number or title contains TEXT.
    #[command(after_help = "Example:\n  sagsspor cases beredskab")]
    Cases(cases::Args),
    /// List the imported meetings.
    #[command(after_help = "Example:\n  sagsspor meetings --json")]
    Meetings,
    /// Check the store: every commit readable, every derived file equal to
    /// what the kept minutes read as now, no orphan files.
    #[command(
        after_help = "Example:\n  sagsspor verify\n\nExits non-zero if any problem is found."
    )]
    Verify,
    /// Renew every derived file (outcomes, treatments, the layout) from the
    /// kept documents, as one new commit; run it after upgrading sagsspor.
    #[command(
        after_help = "Example:\n  sagsspor rebuild\n\nNothing kept is dropped: a document that no longer reads stops the rebuild\nbefore anything is written. History before the rebuild stays."
    )]
    Rebuild,
    /// Write the whole history as a static HTML site (index, a page per case
    /// and per meeting) that works from file:// or any web host.
    #[command(
        after_help = "Examples:\n  sagsspor report --out rapport\n  sagsspor commit referater/*.pdf && sagsspor report --out rapport   (then e-mail or upload the folder)"
    )]
    Report(report::Args),
    /// Print shell completions for SHELL to stdout.
    #[command(
        after_help = "Examples:\n  sagsspor completions bash > ~/.local/share/bash-completion/completions/sagsspor\n  sagsspor completions zsh > ~/.zfunc/_sagsspor\n  sagsspor completions fish > ~/.config/fish/completions/sagsspor.fish"
    )]
    Completions(completions::Args),
    /// Print the manual page (roff) to stdout.
    #[command(
        after_help = "Example:\n  sagsspor man > ~/.local/share/man/man1/sagsspor.1 && man sagsspor"
    )]
    Man,
    /// Show one treatment of a case in full.
    #[command(
        after_help = "Examples:\n  sagsspor show 24/14508\n  sagsspor show 22/1055 --at 2025-11-04"
    )]
    Show(show::Args),
    /// Find words in the titles, Indstilling, Beslutning and other sections
    /// of every treatment, newest first, with a snippet of each.
    #[command(
        after_help = "Examples:\n  sagsspor search vindmølle\n  sagsspor search budget direktionen --since 01-01-2024\n  sagsspor search '\"til efterretning\"' --body Direktionen --limit 5\n  sagsspor search aarhus --organisation aarhus --json\n\nCase, æ/ø/å and their old spellings (aa, ae, oe) and accents make no difference:\nÅrhus finds Aarhus. A word finds its inflections (vindmølle finds vindmøllerne)\nand the compounds it is part of (mølle finds vindmøllen); a phrase in double\nquotes is found as written. Every word must occur in the treatment; each section\nthat holds one is shown. The first search after an import updates the derived\nsearch file (sagsspor-search.bin) in the store folder."
    )]
    Search(search::Args),
}

/// A date on the command line, `YYYY-MM-DD`; clap turns a bad one into a
/// usage error that names the option.
pub fn date(text: &str) -> Result<Date, String> {
    sagsspor::dates::parse_iso(text).ok_or_else(|| "expected a date as YYYY-MM-DD".to_string())
}
