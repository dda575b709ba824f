//! `sagsspor push REMOTE`: this store's history sent to another repository.

use super::Exit;
use super::pull::show_transfer;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::store::shown_remote;
use sagsspor::views::PushView;

/// Arguments of `push`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to: a path, or a file://, ssh:// or https:// URL, of a git
    /// repository (an empty bare one takes the store whole).
    pub remote: String,
}

/// Runs `push`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let bar = ui.transfer();
    let pushed = store.push(&args.remote, &mut |t| show_transfer(&bar, t));
    bar.finish_and_clear();
    let pushed = pushed?;
    let view = PushView {
        store: store.root().display().to_string(),
        remote: shown_remote(&args.remote),
        created: pushed.created,
        up_to_date: pushed.up_to_date,
        head: pushed.head,
    };
    if ui.json() {
        ui.print_json(&view)?;
    } else if view.up_to_date {
        ui.print(&format!("{} is already up to date\n", view.remote))?;
    } else if view.created {
        ui.print(&format!(
            "pushed the history to {} (a new branch)\n",
            view.remote
        ))?;
    } else {
        ui.print(&format!("pushed the history to {}\n", view.remote))?;
    }
    Ok(Exit::Success)
}
