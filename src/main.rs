//! The `sagsspor` binary: parses the command line and hands it to its
//! command; everything else lives in `cli/` and the library.

mod cli;

use cli::args::Cli;
use cli::error::CommandError;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Cli::parse_checked() {
        Ok(args) => args,
        // --help and --version are "errors" to clap that print and exit 0.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => return cli::ui::Ui::plain().report(CommandError::from(e)),
    };
    if !args.command.reaches_remotes() {
        // SAFETY: the first thing the process does once its arguments are
        // read; no other thread exists yet.
        unsafe { sagsspor::store::offline() };
    }
    let ui = cli::ui::Ui::new(&args.global);
    match cli::commands::run(args.command, &ui) {
        Ok(exit) => exit.code(),
        Err(error) => ui.report(error),
    }
}
