//! `sagsspor deferred`: cases put off that have not come back.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Runs `deferred`.
pub fn run(ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let rows = query::deferred(&store.snapshot()?, ui.today()?)?;
    if ui.json() {
        ui.print_json(&rows)?;
    } else {
        ui.print(&render::deferred(&rows, ui.style()))?;
    }
    Ok(Exit::Success)
}
