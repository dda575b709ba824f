//! `sagsspor pull REMOTE`: another store's history brought into this one.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::{Ui, shown};
use indicatif::{HumanBytes, ProgressBar};
use sagsspor::sanitize::one_line;
use sagsspor::store::{Store, Transfer, shown_remote};
use sagsspor::views::{PullView, ResolutionView};

/// Arguments of `pull`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The other store: a path, or a file://, ssh:// or https:// URL, of
    /// its git repository.
    pub remote: String,
}

/// Runs `pull`. A store that does not exist yet is made and takes the
/// remote's history; should the pull fail, it is not left behind.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store_path = ui.store_path()?;
    let existed = Store::exists_at(&store_path)?;
    let store = Store::open_or_create(&store_path)?;
    let bar = ui.transfer();
    let on_busy = || ui.note("the store is busy (another import is running); waiting for it…");
    let pulled = store.pull(&args.remote, on_busy, &mut |t| show_transfer(&bar, t));
    bar.finish_and_clear();
    let pulled = match pulled {
        Ok(pulled) => pulled,
        Err(e) => {
            if !existed && store.head_tree_id().ok().flatten().is_none() {
                drop(store);
                // Only the empty store this command made; a failure to
                // remove it leaves an empty store, which commit and pull
                // take as it is.
                let _ = std::fs::remove_dir_all(&store_path);
            }
            return Err(e.into());
        }
    };
    // Reading the summary refreshes it for the merged tree now (it is keyed
    // by the tree), and names what the new tree holds that cannot be read.
    super::note_unreadable(ui, &store.snapshot()?)?;
    let view = PullView {
        store: store.root().display().to_string(),
        remote: shown_remote(&args.remote),
        merged: pulled.merged,
        fast_forward: pulled.fast_forward,
        imported_meetings: pulled.imported_meetings,
        corrections_resolved: pulled
            .corrections_resolved
            .iter()
            .map(ResolutionView::from)
            .collect(),
        head: pulled.head,
    };
    if ui.json() {
        ui.print_json(&view)?;
    } else {
        ui.print(&human(&view, &shown(store.root())))?;
    }
    Ok(Exit::Success)
}

/// Objects and bytes so far on the bar.
pub fn show_transfer(bar: &ProgressBar, t: Transfer) {
    bar.set_length(t.total as u64);
    bar.set_position(t.objects as u64);
    bar.set_message(HumanBytes(t.bytes as u64).to_string());
}

/// What the pull did, in words.
fn human(view: &PullView, store: &str) -> String {
    let documents = |n: usize| match n {
        1 => "1 document".to_string(),
        n => format!("{n} documents"),
    };
    let mut out = if view.merged {
        format!(
            "merged {}: {} new, {} resolved (store: {store})\n",
            view.remote,
            documents(view.imported_meetings),
            match view.corrections_resolved.len() {
                1 => "1 correction".to_string(),
                n => format!("{n} corrections"),
            }
        )
    } else if view.fast_forward {
        format!(
            "took the history of {}: {} new (store: {store})\n",
            view.remote,
            documents(view.imported_meetings)
        )
    } else {
        format!("already up to date with {} (store: {store})\n", view.remote)
    };
    for r in &view.corrections_resolved {
        let mut meeting = format!("{} {}", one_line(&r.body), r.date);
        if let Some(time) = &r.time {
            meeting.push_str(&format!(" {}", one_line(time)));
        }
        out.push_str(&format!(
            "  {meeting}: kept {} ({}), replaced {} ({}) by the rule {}\n",
            one_line(&r.kept.file),
            r.kept.side,
            one_line(&r.replaced.file),
            r.replaced.side,
            r.rule
        ));
    }
    out
}
