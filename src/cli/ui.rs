//! Everything the binary learns from its surroundings, read once: the
//! global flags, the environment (`NO_COLOR`, `CLICOLOR_FORCE`, `COLUMNS`,
//! the pager, `SAGSSPOR_TODAY`, the store's location) and whether stdout and
//! stderr are terminals. Commands write only through the [`Ui`], so colour,
//! width, paging and JSON are decided in one place.

use super::args::{ColorChoice, Global};
use super::error::{CommandError, Kind};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::civil::Date;
use sagsspor::render::Style;
use sagsspor::sanitize::one_line;
use sagsspor::store::Store;
use sagsspor::table::Row;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The pager when neither `SAGSSPOR_PAGER` nor `PAGER` names one: quit at
/// once when the text fits the screen, keep colours, leave the text on
/// screen.
const DEFAULT_PAGER: &str = "less -R -F -X";

/// The binary's view of its surroundings.
pub struct Ui {
    json: bool,
    /// `--csv` or `--excel`.
    table: Option<sagsspor::table::Dialect>,
    style: Style,
    /// The pager command, when output goes to a terminal and paging is allowed.
    pager: Option<String>,
    stderr_is_terminal: bool,
    store: Option<PathBuf>,
    /// `SAGSSPOR_TODAY` as given, checked when a command needs today.
    pinned_today: Option<String>,
}

impl Ui {
    /// Reads the flags and the environment.
    pub fn new(global: &Global) -> Ui {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let stdout_is_terminal = std::io::stdout().is_terminal();
        let color = match global.color {
            _ if global.json => false,
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
            ColorChoice::Auto if var("NO_COLOR").is_some() => false,
            ColorChoice::Auto => stdout_is_terminal,
        };
        // A terminal is measured; a pipe keeps whole lines unless COLUMNS
        // asks for a width.
        let width = var("COLUMNS")
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|&w| w > 0)
            .or_else(|| {
                stdout_is_terminal
                    .then(terminal_size::terminal_size)
                    .flatten()
                    .map(|(w, _)| usize::from(w.0))
            });
        // An empty SAGSSPOR_PAGER or PAGER asks for no pager.
        let pager = (stdout_is_terminal && !global.no_pager && !global.json)
            .then(|| {
                ["SAGSSPOR_PAGER", "PAGER"]
                    .iter()
                    .find_map(|name| std::env::var(name).ok())
                    .unwrap_or_else(|| DEFAULT_PAGER.to_string())
            })
            .filter(|command| !command.trim().is_empty());
        Ui {
            json: global.json,
            table: if global.excel {
                Some(sagsspor::table::Dialect::Excel)
            } else if global.csv {
                Some(sagsspor::table::Dialect::Csv)
            } else {
                None
            },
            style: Style { color, width },
            pager,
            stderr_is_terminal: std::io::stderr().is_terminal(),
            store: global.store.clone(),
            pinned_today: var("SAGSSPOR_TODAY"),
        }
    }

    /// The surroundings before the command line could be read: enough to
    /// report why it could not.
    pub fn plain() -> Ui {
        Ui {
            json: false,
            table: None,
            style: Style::PLAIN,
            pager: None,
            stderr_is_terminal: false,
            store: None,
            pinned_today: None,
        }
    }

    /// Whether to print JSON instead of text.
    pub fn json(&self) -> bool {
        self.json
    }

    /// Colour and width for the renderers.
    pub fn style(&self) -> Style {
        self.style
    }

    /// Today, or the date `SAGSSPOR_TODAY` pins.
    pub fn today(&self) -> Result<Date, CommandError> {
        match &self.pinned_today {
            Some(text) => sagsspor::dates::parse_user(text).ok_or_else(|| {
                CommandError::usage(format!(
                    "SAGSSPOR_TODAY is '{}', not a date as {}",
                    one_line(text),
                    sagsspor::dates::USER_FORMS
                ))
                .hint("unset it to count to today, or set it like SAGSSPOR_TODAY=2025-12-01")
            }),
            None => Ok(jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()),
        }
    }

    /// `--store`, else `SAGSSPOR_STORE` (both via clap), else the XDG data
    /// folder.
    pub fn store_path(&self) -> Result<PathBuf, CommandError> {
        if let Some(p) = &self.store {
            return Ok(p.clone());
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
        data.map(|d| d.join("sagsspor")).ok_or_else(|| {
            CommandError::user("no store given and no home folder to put one in")
                .hint("pass --store DIR or set SAGSSPOR_STORE")
        })
    }

    /// The existing store.
    pub fn open_store(&self) -> Result<Store, CommandError> {
        Ok(Store::open(&self.store_path()?)?)
    }

    /// Writes text to stdout.
    pub fn print(&self, text: &str) -> Result<(), CommandError> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(CommandError::output)
    }

    /// Writes the rows as a table where `--csv` or `--excel` asks for one;
    /// `false` where neither does.
    pub fn print_table<R: Row>(&self, rows: &[R]) -> Result<bool, CommandError> {
        let Some(dialect) = self.table else {
            return Ok(false);
        };
        let text = sagsspor::table::csv(rows, dialect).map_err(|e| {
            CommandError::new(Kind::Internal, "cannot write the answer as a table").caused_by(e)
        })?;
        self.print(&text)?;
        Ok(true)
    }

    /// Writes a list as `--csv`/`--excel` or `--json` ask, else as the
    /// text `human` renders.
    pub fn print_rows<R: Row>(
        &self,
        rows: &[R],
        human: impl FnOnce() -> String,
    ) -> Result<(), CommandError> {
        if self.print_table(rows)? {
            Ok(())
        } else if self.json {
            self.print_json(rows)
        } else {
            self.print(&human())
        }
    }

    /// Writes one JSON value, pretty, on stdout.
    pub fn print_json<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), CommandError> {
        self.print(&json_text(serde_json::to_string_pretty(value))?)
    }

    /// Writes one JSON value on one line (JSON Lines).
    pub fn print_json_line<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), CommandError> {
        self.print(&json_text(serde_json::to_string(value))?)
    }

    /// Long text through the pager on a terminal. A pager that cannot start
    /// or fails before reading its input (a typo in `$PAGER`) never loses
    /// the text: it is printed directly, with a warning.
    pub fn page(&self, text: &str) -> Result<(), CommandError> {
        let Some(command) = &self.pager else {
            return self.print(text);
        };
        if command.trim() == "cat" {
            return self.print(text);
        }
        let child = std::process::Command::new("sh")
            .args(["-c", command])
            .stdin(std::process::Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            self.warn(&format!("cannot start the pager '{}'", one_line(command)));
            return self.print(text);
        };
        if let Some(mut stdin) = child.stdin.take() {
            // The reader may quit the pager before reading everything; that
            // is no error, and the exit status below tells a failed pager.
            let _ = stdin.write_all(text.as_bytes());
        }
        match child.wait() {
            Ok(status) if status.success() => Ok(()),
            _ => {
                self.warn(&format!(
                    "the pager '{}' failed; printing directly",
                    one_line(command)
                ));
                self.print(text)
            }
        }
    }

    /// A note on stderr (`sagsspor: note: …`): something worth knowing that
    /// is not a problem.
    pub fn note(&self, text: &str) {
        eprintln!("sagsspor: note: {text}");
    }

    /// A warning on stderr.
    pub fn warn(&self, text: &str) {
        eprintln!("sagsspor: warning: {text}");
    }

    /// An error that does not end the command (one file of many).
    pub fn error(&self, error: &CommandError) {
        for line in error.lines() {
            eprintln!("{line}");
        }
    }

    /// Reports the error that ended the command and gives its exit code.
    pub fn report(&self, error: CommandError) -> std::process::ExitCode {
        if error.kind != Kind::BrokenPipe {
            self.error(&error);
        }
        error.kind.exit_code()
    }

    /// A progress bar for `len` steps on stderr, drawn only on a terminal
    /// and only for more than one step.
    pub fn progress(&self, len: usize) -> ProgressBar {
        if len < 2 || !self.stderr_is_terminal {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    }

    /// A bar for a transfer whose size is learnt as it goes (objects and
    /// bytes), on stderr: only on a terminal, and not with `--json` (a
    /// script runs it, whatever its stderr is).
    pub fn transfer(&self) -> ProgressBar {
        if !self.stderr_is_terminal || self.json {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} objects {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    }
}

/// Encoded JSON with its line end; our views always encode, so a failure
/// is a bug.
fn json_text(encoded: serde_json::Result<String>) -> Result<String, CommandError> {
    let mut text = encoded.map_err(|e| {
        CommandError::new(Kind::Internal, "cannot encode the answer as JSON").caused_by(e)
    })?;
    text.push('\n');
    Ok(text)
}

/// A path for a message: one line, control characters made visible.
pub fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}
