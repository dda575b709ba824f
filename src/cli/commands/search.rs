//! `sagsspor search TEXT`: the treatments whose text holds the words.

use super::Exit;
use crate::cli::args::ListFilterArgs;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use sagsspor::search::Query;
use sagsspor::{query, render};

/// Treatments shown when `--limit` is not given.
const DEFAULT_LIMIT: usize = 20;

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The words to look for (every one must occur); "a phrase" in double
    /// quotes is looked for as written.
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    #[command(flatten)]
    pub filters: ListFilterArgs,
    /// Show at most N treatments, newest first; 0 for all.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
}

/// Runs `search`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    // Composed as the minutes are (a terminal may send `å` as `a` and a
    // combining ring).
    let text = sagsspor::text::composed(args.text.join(" "));
    let Some(words) = Query::parse(&text) else {
        return Err(CommandError::usage(
            "nothing to search for: the text has no letters or digits",
        )
        .hint("give a word, like: sagsspor search vindmølle"));
    };
    let store = ui.open_store()?;
    let filter = super::list_filter(&args.filters, &store)?;
    let snapshot = store.snapshot()?;
    let limit = (args.limit > 0).then_some(args.limit);
    // Unreadable folders are left out of the search file and named by the
    // listing commands and verify; looking them up here would cost a
    // search more than the search itself on a small store.
    let view = query::search(&snapshot, &words, &filter, limit)?;
    if ui.json() {
        if view.more > 0 {
            ui.note(&format!(
                "{} more treatments match (--limit 0 for all)",
                view.more
            ));
        }
        ui.print_json(&view.rows())?;
    } else {
        ui.page(&render::search(&view, ui.style()))?;
    }
    Ok(Exit::Success)
}
