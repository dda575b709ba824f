//! `sagsspor rebuild`: every derived file renewed from the kept documents.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::views::RebuildView;

/// Runs `rebuild`.
pub fn run(ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let on_busy = || ui.note("the store is busy (another import is running); waiting for it…");
    let rebuilt = store.rebuild(on_busy)?;
    let view = RebuildView {
        store: store.root().display().to_string(),
        documents: rebuilt.documents,
        changed: rebuilt.changed,
    };
    if ui.json() {
        ui.print_json(&view)?;
    } else if view.changed {
        ui.print(&format!(
            "rebuilt from {} kept documents: one new commit (store: {})\n",
            view.documents, view.store
        ))?;
    } else {
        ui.print(&format!(
            "{} kept documents read again: nothing changed (store: {})\n",
            view.documents, view.store
        ))?;
    }
    Ok(Exit::Success)
}
