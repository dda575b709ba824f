//! `sagsspor journey JOURNAL`: where a case has been, where it is now and
//! what comes next.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `journey`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    #[command(flatten)]
    pub as_of: super::AsOfArgs,
}

/// Runs `journey`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let view = query::journey(&args.as_of.snapshot(&store)?, args.case.query())?;
    if ui.json() {
        ui.print_json(&view)?;
    } else {
        ui.page(&render::journey(&view, ui.style()))?;
    }
    Ok(Exit::Success)
}
