//! `sagsspor parse FILE…`: what the parser reads, without a store.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::{Ui, shown};
use sagsspor::ingest;
use sagsspor::render;
use sagsspor::views::ParsedFile;
use std::path::PathBuf;

/// Arguments of `parse`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Minutes or agendas (text, markdown, PDF, HTML, FirstAgenda JSON,
    /// eDoc or SBSYS XML); folders are searched for them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The organisation of documents that do not name their own.
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
}

/// Runs `parse`: one JSON line or one text block per file; a file that
/// cannot be read is reported and the others go on.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let found = super::discover(&args.files, ui).files;
    let mut exit = Exit::Success;
    for path in &found {
        let read = match ingest::read(path) {
            Ok(read) => read,
            Err(e) => {
                ui.error(&e.into());
                exit = Exit::Problems;
                continue;
            }
        };
        super::note_reading(ui, path, &read);
        let mut meeting = read.minutes.meeting;
        if meeting.organisation.is_none() {
            meeting.organisation = args.organisation.clone();
        }
        let meeting = &meeting;
        if ui.json() {
            ui.print_json_line(&ParsedFile {
                file: path.display().to_string(),
                meeting,
            })?;
        } else {
            ui.print(&render::meeting(&shown(path), meeting, ui.style()))?;
        }
    }
    Ok(exit)
}
