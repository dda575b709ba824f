//! `sagsspor commit FILE…`: import minutes, one commit per file.

use super::Exit;
use super::{discover, note_reading};
use crate::cli::error::CommandError;
use crate::cli::ui::{Ui, shown};
use sagsspor::ingest;
use sagsspor::query;
use sagsspor::render;
use sagsspor::store::{AddOptions, Store};
use sagsspor::views::{CommitView, FileProblem, ImportedRow, TreatmentRefView};
use std::path::PathBuf;

/// Arguments of `commit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Minutes or agendas (text, markdown, PDF, HTML, FirstAgenda JSON,
    /// eDoc or SBSYS XML); folders are searched for them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The organisation (municipality or region) of documents that do not
    /// name their own; the first import given one makes it the store's
    /// default for later imports.
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
    /// Replace a stored version of a meeting even where the new document
    /// shares no item with it (otherwise refused as not a correction).
    #[arg(long)]
    pub replace: bool,
}

/// Runs `commit`: every file that can be read lands; the others are
/// reported, and the exit status says some failed.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let found = discover(&args.files, ui);
    let files = found.files;
    let skipped: Vec<FileProblem> = found
        .skipped
        .iter()
        .map(|s| FileProblem {
            file: s.path.display().to_string(),
            error: s.reason.to_string(),
        })
        .collect();
    if files.is_empty() {
        return Err(CommandError::user(
            "no minutes files found (.txt, .md, .markdown, .pdf, .html, .json or .xml)",
        ));
    }
    let store_path = ui.store_path()?;
    // A first import of which nothing can be read leaves no empty store
    // behind: every file is reported and the folder is never made.
    if !Store::exists_at(&store_path)? && !files.iter().any(|p| ingest::read(p).is_ok()) {
        let failed: Vec<FileProblem> = files
            .iter()
            .filter_map(|path| {
                ingest::read(path)
                    .err()
                    .map(|e| (path, CommandError::from(e)))
            })
            .map(|(path, error)| {
                ui.error(&error);
                FileProblem {
                    file: path.display().to_string(),
                    error: error.message,
                }
            })
            .collect();
        let view = CommitView {
            store: store_path.display().to_string(),
            imported: Vec::new(),
            failed,
            skipped,
            deferred: Vec::new(),
        };
        if ui.json() {
            ui.print_json(&view)?;
        } else {
            ui.warn(&format!(
                "nothing could be read, so no store was made at {}",
                shown(&store_path)
            ));
        }
        return Ok(Exit::Problems);
    }
    let store = Store::open_or_create(&store_path)?;
    let options = AddOptions {
        organisation: args.organisation.clone(),
        replace: args.replace,
    };
    let bar = ui.progress(files.len());
    let mut imported: Vec<ImportedRow> = Vec::new();
    let mut failed: Vec<FileProblem> = Vec::new();
    let on_busy = || ui.note("the store is busy (another import is running); waiting for it…");
    store.import(on_busy, |session| {
        // Reading and parsing the next files runs on another core while this
        // one writes to the store; the bounded queue keeps memory flat.
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel(8);
            let files = &files;
            scope.spawn(move || {
                for path in files {
                    if sender.send((path, ingest::read(path))).is_err() {
                        break;
                    }
                }
            });
            for (path, read) in receiver {
                bar.set_message(shown(path));
                let result = read.map_err(CommandError::from).and_then(|read| {
                    bar.suspend(|| note_reading(ui, path, &read));
                    session.add(&read.minutes, &options).map_err(|e| {
                        CommandError::user(format!("{}: {e}", shown(path))).caused_by(e)
                    })
                });
                match result {
                    Ok(i) => imported.push(ImportedRow {
                        file: path.display().to_string(),
                        organisation: i.key.organisation,
                        kind: i.kind,
                        date: i.key.date,
                        time: i.key.time,
                        body: i.key.body,
                        change: i.change.into(),
                        treatments_new: i.treatments_new,
                        treatments_changed: i.treatments_changed,
                        removed: i.removed.iter().map(TreatmentRefView::from).collect(),
                        changed: i.changed.iter().map(TreatmentRefView::from).collect(),
                    }),
                    Err(error) => {
                        bar.suspend(|| ui.error(&error));
                        failed.push(FileProblem {
                            file: path.display().to_string(),
                            error: error.message,
                        });
                    }
                }
                bar.inc(1);
            }
        });
    })?;
    bar.finish_and_clear();
    let snapshot = store.snapshot()?;
    let view = CommitView {
        store: store.root().display().to_string(),
        imported,
        failed,
        skipped,
        deferred: query::deferred(&snapshot, ui.today()?, &Default::default())?,
    };
    super::note_unreadable(ui, &snapshot)?;
    if ui.json() {
        ui.print_json(&view)?;
    } else {
        ui.print(&render::commit(&view, ui.style()))?;
        if !view.failed.is_empty() && files.len() > 1 {
            ui.warn(&format!(
                "{} of {} files failed (see above)",
                view.failed.len(),
                files.len()
            ));
        }
    }
    Ok(if view.failed.is_empty() {
        Exit::Success
    } else {
        Exit::Problems
    })
}
