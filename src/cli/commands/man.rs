//! `sagsspor man`: one manual page for the whole tool.
//!
//! clap_mangen renders the top of the page (name, synopsis, description,
//! global options), but its list of subcommands names a page per command
//! (`sagsspor-log(1)`) that nobody installs. So each command is written here
//! as a subsection of this page, with its own options and examples, followed
//! by the environment and the exit status.

use super::Exit;
use crate::cli::args::Cli;
use crate::cli::error::{CommandError, Kind};
use crate::cli::ui::Ui;
use clap::{Arg, CommandFactory};
use roff::{Roff, bold, italic, roman};

/// The variables sagsspor reads, and what for.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("SAGSSPOR_STORE", "The store, where --store is not given."),
    (
        "XDG_DATA_HOME",
        "Where the default store lives ($XDG_DATA_HOME/sagsspor, else ~/.local/share/sagsspor).",
    ),
    (
        "SAGSSPOR_PAGER",
        "The pager for log, diff, blame, show and journey on a terminal; empty for none.",
    ),
    (
        "PAGER",
        "The pager where SAGSSPOR_PAGER is not set (default: less -R -F -X).",
    ),
    (
        "SAGSSPOR_TODAY",
        "A date (YYYY-MM-DD or DD-MM-YYYY) that days waiting (deferred, pending) count to, instead of today.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour with --color auto.",
    ),
    (
        "CLICOLOR_FORCE",
        "Set and not 0: colour with --color auto even through a pipe.",
    ),
    (
        "COLUMNS",
        "The width to fit output to; on a terminal its width is measured.",
    ),
];

/// The exit codes, as `CommandError` and `Exit` give them.
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "A problem found: a file that could not be read or imported, verify findings, an unknown case.",
    ),
    (
        "2",
        "A usage error: an unknown option or command, a bad date, an unknown section.",
    ),
    (
        "3",
        "An internal error: the store could not be read (run sagsspor verify).",
    ),
];

/// Runs `man`.
pub fn run(ui: &Ui) -> Result<Exit, CommandError> {
    ui.print(&page()?)?;
    Ok(Exit::Success)
}

/// The whole page as roff.
fn page() -> Result<String, CommandError> {
    let mut command = Cli::command();
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    let top = man
        .render_title(&mut out)
        .and_then(|()| man.render_name_section(&mut out))
        .and_then(|()| man.render_synopsis_section(&mut out))
        .and_then(|()| man.render_description_section(&mut out))
        .and_then(|()| man.render_options_section(&mut out));
    top.map_err(|e| CommandError::new(Kind::Internal, "cannot render the manual").caused_by(e))?;
    let mut page = String::from_utf8_lossy(&out).into_owned();

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ").trim();
        roff.control("SS", [usage]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        for arg in sub.get_arguments().filter(|a| shown_option(a)) {
            roff.control("TP", []);
            roff.text([bold(option_name(arg))]);
            if let Some(help) = arg.get_long_help().or_else(|| arg.get_help()) {
                roff.text([roman(help.to_string())]);
            }
        }
        if let Some(examples) = sub.get_after_help() {
            roff.control("PP", []);
            roff.control("nf", []);
            roff.text([roman(examples.to_string())]);
            roff.control("fi", []);
        }
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(*code)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["EXAMPLES"]);
    roff.control("nf", []);
    if let Some(examples) = command.get_after_help() {
        roff.text([roman(examples.to_string())]);
    }
    roff.control("fi", []);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        italic("git"),
        roman("(1): the store is a bare git repository."),
    ]);
    page.push_str(&roff.to_roff());
    Ok(page)
}

/// A command's own options: the global ones are on the page once, and
/// help/version everywhere.
fn shown_option(arg: &Arg) -> bool {
    !arg.is_hide_set()
        && !arg.is_global_set()
        && !matches!(arg.get_id().as_str(), "help" | "version")
}

/// `--from <DATE>`, `<JOURNAL>`.
fn option_name(arg: &Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map(|n| n.to_string())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    match arg.get_long() {
        Some(long) if arg.get_action().takes_values() => format!("--{long} <{value}>"),
        Some(long) => format!("--{long}"),
        None => format!("<{value}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_every_command_its_options_and_the_environment() {
        let page = page().expect("renders");
        for command in [
            "commit", "log", "diff", "deferred", "show", "report", "verify",
        ] {
            assert!(page.contains(&format!("sagsspor {command}")), "{command}");
        }
        for option in [
            "\\-\\-from",
            "\\-\\-section",
            "\\-\\-correction",
            "\\-\\-at",
            "\\-\\-out",
        ] {
            assert!(page.contains(option), "{option}");
        }
        for (name, _) in ENVIRONMENT {
            assert!(page.contains(name), "{name}");
        }
        assert!(page.contains("EXIT STATUS"));
    }

    #[test]
    fn the_page_names_no_page_that_does_not_exist() {
        let page = page().expect("renders");
        assert!(!page.contains("sagsspor\\-log(1)"), "{page}");
        assert!(!page.contains("sagsspor-log(1)"));
    }
}
