//! `sagsspor meetings`: the imported meetings.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::{query, render};

/// Runs `meetings`.
pub fn run(ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let rows = query::meetings(&store.snapshot()?)?;
    if ui.json() {
        ui.print_json(&rows)?;
    } else {
        ui.print(&render::meetings(&rows, ui.style()))?;
    }
    Ok(Exit::Success)
}
