//! `sagsspor pending`: cases that wait, deferred or sent on, longest first.

use super::Exit;
use crate::cli::args::ListFilterArgs;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `pending`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: ListFilterArgs,
    #[command(flatten)]
    pub as_of: super::AsOfArgs,
}

/// Runs `pending`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let filter = super::list_filter(&args.filter, &store)?;
    let snapshot = args.as_of.snapshot(&store)?;
    let rows = query::pending(&snapshot, args.as_of.today(ui)?, &filter)?;
    super::note_unreadable(ui, &snapshot)?;
    ui.print_rows(&rows, || render::pending(&rows, ui.style()))?;
    Ok(Exit::Success)
}
