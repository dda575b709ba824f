//! `sagsspor report --out DIR`: the whole history as a static HTML site.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::{Ui, shown};
use sagsspor::views::ReportView;
use sagsspor::{query, report};
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write (created if missing; existing pages are replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub as_of: super::AsOfArgs,
}

/// Runs `report`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let snapshot = args.as_of.snapshot(&store)?;
    let site = query::site(&snapshot, args.as_of.today(ui)?, query::SiteDetail::Full)?;
    super::note_unreadable(ui, &snapshot)?;
    let pages = report::write_site(&args.out, &site).map_err(|e| {
        CommandError::user(format!(
            "cannot write the report to {}: {e}",
            shown(&args.out)
        ))
        .caused_by(e)
    })?;
    let index = args.out.join("index.html");
    if ui.json() {
        ui.print_json(&ReportView {
            out: args.out.display().to_string(),
            pages,
            index: index.display().to_string(),
        })?;
    } else {
        ui.print(&format!("wrote {} pages; open {}\n", pages, shown(&index)))?;
    }
    Ok(Exit::Success)
}
