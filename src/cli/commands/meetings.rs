//! `sagsspor meetings`: the imported meetings.

use super::Exit;
use crate::cli::args::ListFilterArgs;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `meetings`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: ListFilterArgs,
}

/// Runs `meetings`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let filter = super::list_filter(&args.filter, &store)?;
    let snapshot = store.snapshot()?;
    let rows = query::meetings(&snapshot, &filter)?;
    super::note_unreadable(ui, &snapshot)?;
    ui.print_rows(&rows, || render::meetings(&rows, ui.style()))?;
    Ok(Exit::Success)
}
