//! `sagsspor completions SHELL`: shell completions from the clap definition.

use super::Exit;
use crate::cli::args::Cli;
use crate::cli::error::CommandError;
use crate::cli::ui::Ui;

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// Runs `completions`.
pub fn run(args: Args, ui: &Ui) -> Result<Exit, CommandError> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "sagsspor", &mut out);
    ui.print(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Success)
}
