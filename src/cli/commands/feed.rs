//! `sagsspor feed --out FILE`: an Atom feed of what the history holds.

use super::Exit;
use crate::cli::args::ListFilterArgs;
use crate::cli::error::CommandError;
use crate::cli::ui::{Ui, shown};
use sagsspor::{feed, query, render};
use std::path::PathBuf;

/// Arguments of `feed`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to write (replaced whole).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Write at most N entries, newest first; 0 for all.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub limit: usize,
    /// The address the report (`sagsspor report`) of this store is
    /// published at: each entry links to its page there.
    #[arg(long, value_name = "URL", value_parser = site_url)]
    pub site: Option<String>,
    #[command(flatten)]
    pub filter: ListFilterArgs,
}

/// A site address must be absolute `http(s)` (a feed reader resolves
/// nothing else); a trailing `/` is dropped so paths join with one.
fn site_url(url: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty()
                && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(trimmed.to_string())
        }
        _ => Err("give the report's address as http(s)://host/path".to_string()),
    }
}

/// Runs `feed`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let store = ui.open_store()?;
    let filter = super::list_filter(&args.filter, &store)?;
    let site = query::site(&store.snapshot()?, ui.today()?, query::SiteDetail::Outline)?;
    let xml = feed::build(
        &site,
        feed::Options {
            follow: &filter,
            limit: (args.limit > 0).then_some(args.limit),
            site: args.site.as_deref(),
        },
    );
    // Written beside and renamed, so a feed reader never fetches half a file.
    let tmp = args
        .out
        .with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, &xml)
        .and_then(|()| std::fs::rename(&tmp, &args.out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            CommandError::user(format!(
                "cannot write the feed to {}: {e}",
                shown(&args.out)
            ))
            .caused_by(e)
        })?;
    let entries = xml.matches("<entry>").count();
    if ui.json() {
        ui.print_json(&serde_json::json!({
            "out": args.out.display().to_string(),
            "entries": entries,
        }))?;
    } else {
        ui.print(&format!(
            "wrote {} to {}\n",
            render::count(entries, "entry", "entries"),
            shown(&args.out)
        ))?;
    }
    Ok(Exit::Success)
}
