//! `sagsspor blame JOURNAL`: which treatment introduced each part of a
//! case's newest Indstilling and Beslutning (or other sections).

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `blame`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    /// Sections to attribute (repeatable); default: indstilling and beslutning.
    #[arg(long = "section", value_name = "NAME")]
    pub sections: Vec<String>,
}

/// Runs `blame`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let view = query::blame(&store.snapshot()?, args.case.query(), &args.sections)?;
    if ui.json() {
        ui.print_json(&view)?;
    } else {
        ui.page(&render::blame(&view, ui.style()))?;
    }
    Ok(Exit::Success)
}
