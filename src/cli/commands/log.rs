//! `sagsspor log JOURNAL`: a case's treatments, oldest first.

use super::Exit;
use crate::cli::args::FilterArgs;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub as_of: super::AsOfArgs,
}

/// Runs `log`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let filter = super::filter(&args.filter, None, &store)?;
    let case = query::log(&args.as_of.snapshot(&store)?, args.case.query(), &filter)?;
    if ui.print_table(&case.treatments)? {
        return Ok(Exit::Success);
    }
    if ui.json() {
        ui.print_json(&case.treatments)?;
    } else {
        ui.page(&render::log(&case, ui.style()))?;
    }
    Ok(Exit::Success)
}
