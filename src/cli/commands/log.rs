//! `sagsspor log JOURNAL`: a case's treatments, oldest first.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
}

/// Runs `log`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let case = query::log(&store.snapshot()?, args.case.query())?;
    if ui.json() {
        ui.print_json(&case.treatments)?;
    } else {
        ui.page(&render::log(&case, ui.style()))?;
    }
    Ok(Exit::Success)
}
