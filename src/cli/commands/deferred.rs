//! `sagsspor deferred`: cases put off that have not come back.

use super::Exit;
use crate::cli::args::ListFilterArgs;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `deferred`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: ListFilterArgs,
    #[command(flatten)]
    pub as_of: super::AsOfArgs,
}

/// Runs `deferred`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let filter = super::list_filter(&args.filter, &store)?;
    let snapshot = args.as_of.snapshot(&store)?;
    let rows = query::deferred(&snapshot, args.as_of.today(ui)?, &filter)?;
    super::note_unreadable(ui, &snapshot)?;
    ui.print_rows(&rows, || render::deferred(&rows, ui.style()))?;
    Ok(Exit::Success)
}
