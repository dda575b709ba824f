//! `sagsspor show JOURNAL [--at DATE]`: one treatment in full.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use jiff::civil::Date;
use sagsspor::{query, render};

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    /// The treatment's date (YYYY-MM-DD or DD-MM-YYYY); default: the latest.
    #[arg(long, value_name = "DATE", value_parser = crate::cli::args::date)]
    pub at: Option<Date>,
}

/// Runs `show`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let treatment = query::show(&store.snapshot()?, args.case.query(), args.at)?;
    if ui.json() {
        ui.print_json(&treatment)?;
    } else {
        ui.page(&render::show(&treatment, ui.style()))?;
    }
    Ok(Exit::Success)
}
