//! `sagsspor cases [TEXT]`: the cases, or those matching a text.

use super::Exit;
use crate::cli::args::ListFilterArgs;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Arguments of `cases`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text to look for in journal numbers and titles, earlier titles included (case-insensitive).
    pub text: Option<String>,
    #[command(flatten)]
    pub filter: ListFilterArgs,
    #[command(flatten)]
    pub as_of: super::AsOfArgs,
}

/// Runs `cases`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let filter = super::list_filter(&args.filter, &store)?;
    let snapshot = args.as_of.snapshot(&store)?;
    let rows = query::cases(&snapshot, args.text.as_deref(), &filter)?;
    super::note_unreadable(ui, &snapshot)?;
    ui.print_rows(&rows, || render::cases(&rows, ui.style()))?;
    Ok(Exit::Success)
}
