//! The command line, defined once with clap derive: the global flags, the
//! list of commands with their help text and examples. Each command's own
//! arguments live beside its `run` in [`super::commands`].

use super::commands::{
    blame, cases, commit, completions, deferred, diff, feed, journey, log, meetings, parse,
    pending, pull, push, report, search, show,
};
use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use sagsspor::model::Outcome;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  sagsspor commit referater/*.txt      import minutes (the store is created on first use)
  sagsspor deferred                    cases put off that have not come back
  sagsspor pending                     cases waiting: deferred, or sent on and not yet treated
  sagsspor log 22/1055                 every treatment of a case, oldest first
  sagsspor journey 22-009229           where a case has been, where it is now, what comes next
  sagsspor diff 22/1055                how Indstilling and Beslutning changed
  sagsspor blame 24/5629               which treatment wrote each part of its Indstilling
  sagsspor search vindmølle            treatments that mention it, newest first
  sagsspor parse referat.md --json     what the parser reads, no store involved
  sagsspor pull ../kollegas-arkiv      merge another store's history into this one
  sagsspor push /srv/git/arkiv.git     send this store's history to a shared repository

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

/// The commands that print a list, and so take `--csv` and `--excel`.
pub const TABLE_COMMANDS: [&str; 5] = ["deferred", "pending", "cases", "meetings", "log"];

impl Cli {
    /// The command line of this process, with what clap cannot check on
    /// its own: `--csv` and `--excel` only with a command that prints a
    /// table ([`TABLE_COMMANDS`]), refused before anything runs.
    pub fn parse_checked() -> Result<Cli, clap::Error> {
        let mut command = Cli::command();
        let mut matches = command.try_get_matches_from_mut(std::env::args_os())?;
        let name = matches.subcommand_name().unwrap_or_default().to_string();
        let cli = Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))?;
        let flag = match (cli.global.csv, cli.global.excel) {
            (_, true) => "--excel",
            (true, false) => "--csv",
            (false, false) => return Ok(cli),
        };
        if TABLE_COMMANDS.contains(&name.as_str()) {
            return Ok(cli);
        }
        let (last, others) = TABLE_COMMANDS.split_last().unwrap_or((&"", &[]));
        Err(command.error(
            ErrorKind::ArgumentConflict,
            format!(
                "{flag} prints a table, and '{name}' has none: only {} and {last} do",
                others.join(", ")
            ),
        ))
    }
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

    /// Print a table as CSV (a header row, one row per record, the fields of
    /// --json) instead of text: on deferred, pending, cases, meetings and log;
    /// other commands refuse it.
    #[arg(long, global = true, conflicts_with_all = ["json", "excel"])]
    pub csv: bool,

    /// As --csv, for a Danish Excel: UTF-8 with a byte-order mark, fields
    /// separated by ';'.
    #[arg(long, global = true, conflicts_with = "json")]
    pub excel: bool,

    /// Never send long output (log, diff, blame, show, journey) through a pager. The pager is
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
    #[command(
        after_help = "Examples:\n  sagsspor log 22/1055\n  sagsspor log 21-016317 --body Byrådet --since 01-01-2023\n  sagsspor log 22-009229 --as-of 2022-09-30     (as the minutes until then told it)"
    )]
    Log(log::Args),
    /// Follow a case from body to body: its steps, its planned route, where
    /// it is now and what comes next.
    #[command(
        after_help = "Examples:\n  sagsspor journey 22-009229\n  sagsspor journey 22-009229 --json\n  sagsspor journey 22-009229 --as-of 2022-09-30\n\nStatus: decided (approved, rejected, partly approved or noted), deferred\n(put off; it comes back), waiting (sent on to a body that has not treated it\nsince), open (anything else). A decision quoted in later minutes is a step of\nthe body that took it."
    )]
    Journey(journey::Args),
    /// Show how Indstilling and Beslutning changed between two treatments.
    #[command(
        after_help = "Examples:\n  sagsspor diff 22/1055\n  sagsspor diff 24/5629 --from 2024-03-05 --to 2024-03-19\n  sagsspor diff 22/1055 --section indstilling --section sagsfremstilling"
    )]
    Diff(diff::Args),
    /// Show which treatment introduced each part of a case's newest
    /// Indstilling (or another section).
    #[command(
        after_help = "Examples:\n  sagsspor blame 22-009229\n  sagsspor blame 22/1055 --section beslutning --json\n  sagsspor blame 24/5629 --section sagsfremstilling\n\nEach run of words is shown with the date and body of the treatment whose\ntext first had it in its present form (the margin; a colour per treatment).\nThe words are compared as `diff` compares them: re-wrapping, markdown and PDF\nnoise change nothing, and a paragraph that keeps less than half its words is\nthe rewriting treatment's whole. A treatment that does not have the section\n(an Indstilling is not known for a decision only quoted in later minutes) is\nskipped; the newest text is that of the latest treatment that has it.\nOne section per call; without --section, the Indstilling."
    )]
    Blame(blame::Args),
    /// List cases whose latest treatment deferred them.
    #[command(
        after_help = "Examples:\n  sagsspor deferred\n  sagsspor deferred --body ØU --since 2023-01-01\n  sagsspor deferred --as-of 2022-09-01          (what was put off on that day)\n\nDays waiting count to today (SAGSSPOR_TODAY=YYYY-MM-DD pins today), or to\nthe --as-of date."
    )]
    Deferred(deferred::Args),
    /// List cases that wait, longest first: deferred, or sent on
    /// (recommended, forwarded) to a body that has not treated them since.
    #[command(
        after_help = "Examples:\n  sagsspor pending\n  sagsspor pending --body Byrådet          (sent to, or deferred by, Byrådet)\n  sagsspor pending --outcome recommended --since 01-01-2023 --json\n  sagsspor pending --as-of 2022-09-30      (what waited on that day)\n\nDays waiting count to today (SAGSSPOR_TODAY=YYYY-MM-DD pins today), or to\nthe --as-of date. `deferred` lists the deferred part alone."
    )]
    Pending(pending::Args),
    /// List cases, optionally those whose journal number or title (now or earlier) contains TEXT.
    #[command(
        after_help = "Examples:\n  sagsspor cases beredskab\n  sagsspor cases --body Byrådet --outcome rejected --since 2023-01-01\n  sagsspor cases --as-of 2022-12-31\n\nWith --body, --since, --until or --outcome, a case is listed when one of its\ntreatments matches them all."
    )]
    Cases(cases::Args),
    /// List the imported meetings.
    #[command(
        after_help = "Examples:\n  sagsspor meetings --json\n  sagsspor meetings --body Byrådet --since 01-01-2023 --until 31-12-2023\n\nWith --outcome, the meetings that decided an item so."
    )]
    Meetings(meetings::Args),
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
    /// Bring another store's history into this one: nothing to do, a
    /// fast-forward, or a merge commit whose tree is that of one store that
    /// imported the minutes of both.
    #[command(
        after_help = "Examples:\n  sagsspor pull /srv/git/arkiv.git\n  sagsspor pull ssh://git@example.org/redaktion/arkiv.git\n  sagsspor --store arkiv pull ../kollegas-arkiv --json\n\nWhere both stores hold a different version of one meeting's document, a\nversion the other store had already replaced loses; otherwise the version\nwhose text has the greater SHA-256 is kept, so every store that merges the\ntwo keeps the same one. The other version stays in history, named by the\nmerge commit. A pull that would lose a document (two documents of one\nmeeting that share no item), or from a store of another layout, stops and\nchanges nothing. A store that does not exist yet takes the remote's history."
    )]
    Pull(pull::Args),
    /// Send this store's history to another repository (an empty bare one
    /// takes it whole); refused while the remote holds history this store
    /// lacks.
    #[command(
        after_help = "Examples:\n  git init --bare /srv/git/arkiv.git && sagsspor push /srv/git/arkiv.git\n  sagsspor push ssh://git@example.org/redaktion/arkiv.git\n\nWhere the remote holds commits this store lacks, pull first, then push."
    )]
    Push(push::Args),
    /// Write the whole history as a static HTML site (index, a page per case
    /// and per meeting) that works from file:// or any web host.
    #[command(
        after_help = "Examples:\n  sagsspor report --out rapport\n  sagsspor commit referater/*.pdf && sagsspor report --out rapport   (then e-mail or upload the folder)\n  sagsspor report --out rapport-valg --as-of 2025-11-17   (the report as it stood on election eve)"
    )]
    Report(report::Args),
    /// Write an Atom feed: an entry per meeting, per case whose Indstilling or
    /// Beslutning changed (with the word diff), per deferred case that came back.
    #[command(
        after_help = "Examples:\n  sagsspor feed --out sagsspor.xml\n  sagsspor feed --out greve.xml --organisation Greve --body ØU\n  sagsspor feed --out rapport/feed.xml --site https://example.org/rapport\n                       (with `report --out rapport`: entries link to its pages)\n\nEntry ids are made of the meeting and the case, not of the store's history:\nafter the next import a feed reader shows only what is new."
    )]
    Feed(feed::Args),
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
        after_help = "Examples:\n  sagsspor search vindmølle\n  sagsspor search budget direktionen --since 01-01-2024 --outcome approved\n  sagsspor search '\"til efterretning\"' --body Direktionen --limit 5\n  sagsspor search aarhus --organisation aarhus --json\n\nCase, æ/ø/å and their old spellings (aa, ae, oe) and accents make no difference:\nÅrhus finds Aarhus. A word finds its inflections (vindmølle finds vindmøllerne)\nand the compounds it is part of (mølle finds vindmøllen); a phrase in double\nquotes is found as written. Every word must occur in the treatment; each section\nthat holds one is shown. The first search after an import updates the derived\nsearch file (sagsspor-search.bin) in the store folder."
    )]
    Search(search::Args),
}

impl Command {
    /// Whether the command may connect to another host (push and pull
    /// with an https or ssh remote); no other needs TLS set up.
    pub fn reaches_remotes(&self) -> bool {
        matches!(self, Command::Push(_) | Command::Pull(_))
    }
}

/// `--body`, `--since`, `--until` and `--outcome`: what a list narrows its
/// treatments to.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Only this body: its name, a short form (ØU, BR) or a store alias, or
    /// part of its name (klima).
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Only on or after this date (YYYY-MM-DD or DD-MM-YYYY).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub since: Option<Date>,
    /// Only on or before this date (YYYY-MM-DD or DD-MM-YYYY).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub until: Option<Date>,
    /// Only this outcome (repeatable: any of them).
    #[arg(long, value_name = "OUTCOME", value_parser = outcome_values())]
    pub outcome: Vec<Outcome>,
}

/// [`FilterArgs`] and `--organisation`, for the commands that list.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Filters")]
pub struct ListFilterArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only this organisation (part of its name: Greve).
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
}

/// The outcome names, offered to help and completions.
fn outcome_values() -> impl clap::builder::TypedValueParser<Value = Outcome> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(
        sagsspor::filter::OUTCOMES.map(|o| clap::builder::PossibleValue::new(o.as_str())),
    )
    .map(|name: String| sagsspor::filter::outcome(&name).unwrap_or(Outcome::Other))
}

/// A date on the command line, `YYYY-MM-DD` or the Danish `DD-MM-YYYY`;
/// clap turns a bad one into a usage error that names the option.
pub fn date(text: &str) -> Result<Date, String> {
    sagsspor::dates::parse_user(text)
        .ok_or_else(|| format!("expected a date as {}", sagsspor::dates::USER_FORMS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_commands_are_commands_and_the_csv_help_names_them() {
        let cli = Cli::command();
        let help = cli
            .get_arguments()
            .find(|a| a.get_id() == "csv")
            .and_then(|a| a.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        for name in TABLE_COMMANDS {
            assert!(cli.find_subcommand(name).is_some(), "{name}");
            assert!(help.contains(name), "{name}: {help}");
        }
    }
}
