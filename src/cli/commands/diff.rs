//! `sagsspor diff JOURNAL`: how Indstilling and Beslutning (or other
//! sections) changed between two treatments, or in a correction.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use jiff::civil::Date;
use sagsspor::query::{self, DiffQuery};
use sagsspor::render;

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    /// The older treatment's date (YYYY-MM-DD or DD-MM-YYYY); default: the one before --to.
    #[arg(long, value_name = "DATE", value_parser = crate::cli::args::date)]
    pub from: Option<Date>,
    /// The newer treatment's date (YYYY-MM-DD or DD-MM-YYYY); default: the latest.
    #[arg(long, value_name = "DATE", value_parser = crate::cli::args::date)]
    pub to: Option<Date>,
    /// Sections to compare (repeatable); default: indstilling and beslutning.
    #[arg(long = "section", value_name = "NAME")]
    pub sections: Vec<String>,
    /// Compare the treatment on --to (default: the latest) with its first
    /// published version: what a corrected re-publication changed.
    #[arg(long, conflicts_with = "from")]
    pub correction: bool,
}

/// Runs `diff`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let request = DiffQuery {
        from: args.from,
        to: args.to,
        sections: args.sections,
        correction: args.correction,
    };
    let view = query::diff(&store.snapshot()?, args.case.query(), &request)?;
    if ui.json() {
        ui.print_json(&view)?;
    } else {
        ui.page(&render::diff(&view, ui.style()))?;
    }
    Ok(Exit::Success)
}
