//! `sagsspor blame JOURNAL`: which treatment introduced each part of a
//! case's newest Indstilling (or the one section asked for).

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `blame`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    // One per call, not repeatable: `--json` is then the flat
    // `{section, runs}` that issue 13 promises scripts.
    /// The section to attribute (indstilling, beslutning, sagsfremstilling
    /// …; any letter case), one per call.
    #[arg(long, value_name = "NAME", default_value = "indstilling")]
    pub section: String,
}

/// Runs `blame`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let view = query::blame(&store.snapshot()?, args.case.query(), &args.section)?;
    if ui.json() {
        ui.print_json(&view)?;
    } else {
        ui.page(&render::blame(&view, ui.style()))?;
    }
    Ok(Exit::Success)
}
