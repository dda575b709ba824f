//! `sagsspor search TEXT`: the treatments whose text holds the words.

use super::Exit;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;
use jiff::civil::Date;
use sagsspor::search::{Filter, Query};
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
    /// Only treatments by this body: its name, a short form (ØU) or a store
    /// alias, or part of its name (direktion).
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Only treatments on or after this date (YYYY-MM-DD or DD-MM-YYYY).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub since: Option<Date>,
    /// Only treatments on or before this date (YYYY-MM-DD or DD-MM-YYYY).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub until: Option<Date>,
    /// Only cases of this organisation (part of its name: greve).
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
    /// Show at most N treatments, newest first; 0 for all.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
}

/// A date as a user types it: `YYYY-MM-DD` or the Danish `DD-MM-YYYY`
/// (also `DD.MM.YYYY`).
fn date(text: &str) -> Result<Date, String> {
    sagsspor::dates::parse_whole(text)
        .filter(|_| text.trim().starts_with(|c: char| c.is_ascii_digit()))
        .ok_or_else(|| "expected a date as YYYY-MM-DD or DD-MM-YYYY".to_string())
}

/// Runs `search`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let text = args.text.join(" ");
    let Some(words) = Query::parse(&text) else {
        return Err(CommandError::usage(
            "nothing to search for: the text has no letters or digits",
        )
        .hint("give a word, like: sagsspor search vindmølle"));
    };
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        return Err(
            CommandError::usage(format!("--since {since} is after --until {until}"))
                .hint("swap the two dates"),
        );
    }
    let store = ui.open_store()?;
    let snapshot = store.snapshot()?;
    let filter = Filter::new(
        args.organisation.as_deref(),
        args.body.as_deref(),
        args.since,
        args.until,
        snapshot.aliases(),
    );
    let limit = (args.limit > 0).then_some(args.limit);
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
