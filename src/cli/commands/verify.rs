//! `sagsspor verify`: the store checked against its kept minutes.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::render;
use sagsspor::views::{ProblemRow, VerifyView};

/// Runs `verify`; exits 1 when it finds a problem.
pub fn run(ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let report = store.verify()?;
    let view = VerifyView {
        commits: report.commits,
        meetings: report.meetings,
        treatments: report.treatments,
        problems: report
            .problems
            .into_iter()
            .map(|p| ProblemRow {
                path: p.path,
                message: p.message,
            })
            .collect(),
    };
    if ui.json() {
        ui.print_json(&view)?;
    } else {
        ui.print(&render::verify(&view))?;
    }
    Ok(if view.problems.is_empty() {
        Exit::Success
    } else {
        Exit::Problems
    })
}
