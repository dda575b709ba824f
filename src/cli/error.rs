//! The one error path of the binary: every failure of a command becomes a
//! [`CommandError`], whose kind picks the exit code, printed once by
//! [`super::ui::Ui::report`] as `sagsspor: error: …`, its causes and hints.

use sagsspor::ingest::IngestError;
use sagsspor::query::QueryError;
use sagsspor::sanitize::one_line;
use sagsspor::store::{ShareError, StoreError};
use std::error::Error as StdError;
use std::process::ExitCode;

/// What kind of failure, and so which exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The command line asks for something that cannot be (a bad date, an
    /// unknown section): exit 2, as clap does for its own usage errors.
    Usage,
    /// The request is well formed but cannot be met (a file that cannot be
    /// read, an unknown case, no store yet): exit 1.
    User,
    /// The store or the program failed (a git error, a corrupt store file):
    /// exit 3, so scripts can tell it from a "no".
    Internal,
    /// stdout was closed (`sagsspor log X | head -1`): not an error; exit 0
    /// and say nothing.
    BrokenPipe,
}

impl Kind {
    /// The process exit code of this kind.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Kind::BrokenPipe => ExitCode::SUCCESS,
            Kind::User => ExitCode::from(1),
            Kind::Usage => ExitCode::from(2),
            Kind::Internal => ExitCode::from(3),
        }
    }
}

/// A failed command: what went wrong, why (the cause chain), and what to do.
#[derive(Debug)]
pub struct CommandError {
    /// Which exit code.
    pub kind: Kind,
    /// One line naming the problem (and the file or case it concerns).
    pub message: String,
    /// Suggestions, each printed as `hint: …`.
    pub hints: Vec<String>,
    /// The underlying error, whose chain is printed as `cause: …`.
    pub source: Option<Box<dyn StdError + Send + Sync>>,
}

impl CommandError {
    /// A failure of `kind` with `message`.
    pub fn new(kind: Kind, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: message.into(),
            hints: Vec::new(),
            source: None,
        }
    }

    /// A request that cannot be met (exit 1).
    pub fn user(message: impl Into<String>) -> CommandError {
        CommandError::new(Kind::User, message)
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> CommandError {
        CommandError::new(Kind::Usage, message)
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> CommandError {
        self.hints.push(hint.into());
        self
    }

    /// Keeps the underlying error, so its causes are printed too.
    pub fn caused_by(mut self, source: impl StdError + Send + Sync + 'static) -> CommandError {
        self.source = Some(Box::new(source));
        self
    }

    /// Writing to stdout failed: a closed pipe ends quietly, anything else
    /// (a full disk) is reported.
    pub fn output(e: std::io::Error) -> CommandError {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CommandError::new(Kind::BrokenPipe, "")
        } else {
            CommandError::user("cannot write output").caused_by(e)
        }
    }

    /// The lines to print: the message, then each cause not already said by
    /// the line before it (most errors name their cause in their message),
    /// then the hints.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!("sagsspor: error: {}", self.message)];
        let mut said = self.message.clone();
        let mut cause: Option<&(dyn StdError + 'static)> = match &self.source {
            Some(s) => Some(s.as_ref()),
            None => None,
        };
        while let Some(c) = cause {
            let text = one_line(&c.to_string());
            if !said.contains(&text) {
                lines.push(format!("  cause: {text}"));
            }
            said = text;
            cause = c.source();
        }
        lines.extend(self.hints.iter().map(|h| format!("hint: {h}")));
        lines
    }
}

impl From<clap::Error> for CommandError {
    /// clap's own usage errors in sagsspor's one style: the message on the
    /// error line, its usage and tips as hints.
    fn from(e: clap::Error) -> Self {
        let rendered = e.render().to_string();
        let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
        let message = lines
            .next()
            .unwrap_or("invalid command line")
            .trim_start_matches("error: ")
            .to_string();
        let mut error = CommandError::usage(message);
        for line in lines {
            let hint = line
                .trim_start_matches("tip: ")
                .trim_start_matches("For more information, ");
            error = error.hint(hint.replace("Usage: ", "usage: "));
        }
        error
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        let kind = match e {
            StoreError::Missing(_) | StoreError::NotAStore(_) | StoreError::Io { .. } => Kind::User,
            StoreError::Raced | StoreError::Replay(_) | StoreError::OldLayout(_) => Kind::User,
            StoreError::Unreadable(_) => Kind::User,
            StoreError::Git(_) | StoreError::Corrupt { .. } => Kind::Internal,
        };
        let hint = match e {
            StoreError::Missing(_) => Some(
                "import minutes first: sagsspor commit FILE… (or point --store at an existing store)",
            ),
            StoreError::Corrupt { .. } | StoreError::Git(_) => {
                Some("check the store with: sagsspor verify")
            }
            _ => None,
        };
        let error = CommandError::new(kind, one_line(&e.to_string())).caused_by(e);
        match hint {
            Some(h) => error.hint(h),
            None => error,
        }
    }
}

impl From<ShareError> for CommandError {
    fn from(e: ShareError) -> Self {
        let hint = match &e {
            ShareError::Store(_) => None,
            ShareError::NoSuchFolder { remote } => Some(format!(
                "REMOTE is the folder of a store or git repository, or a file://, ssh:// or https:// URL; an empty one to push into is made with: git init --bare {remote}"
            )),
            ShareError::Unreachable { .. } | ShareError::IsAFile { .. } | ShareError::EmptyRemote => Some(
                "REMOTE is a path, or a file://, ssh:// or https:// URL, of a git repository"
                    .to_string(),
            ),
            ShareError::NotAStore { remote, .. } => Some(format!(
                "a store is put there with: sagsspor push {remote} (into an empty bare repository)"
            )),
            ShareError::Layout { .. } => Some(
                "bring the store of the older layout to the newer with 'sagsspor rebuild' (run by the newer sagsspor), then pull again"
                    .to_string(),
            ),
            ShareError::Diverged { .. } => Some(
                "import the version to keep into one store with 'sagsspor commit --replace FILE', then pull again"
                    .to_string(),
            ),
            ShareError::Aliases { .. } => Some(
                "give both stores the same aliases.txt and run 'sagsspor rebuild' in each, then pull again"
                    .to_string(),
            ),
            ShareError::Behind { remote } => Some(format!(
                "pull first (sagsspor pull {remote}), then push again"
            )),
            ShareError::Empty { .. } => {
                Some("import minutes first: sagsspor commit FILE…".to_string())
            }
            ShareError::Rejected { .. } | ShareError::Moved { .. } => None,
        };
        let error = match e {
            ShareError::Store(e) => return e.into(),
            // The command line names no remote at all.
            e @ ShareError::EmptyRemote => CommandError::usage(one_line(&e.to_string())),
            e => CommandError::user(one_line(&e.to_string())).caused_by(e),
        };
        match hint {
            Some(h) => error.hint(h),
            None => error,
        }
    }
}

impl From<QueryError> for CommandError {
    fn from(e: QueryError) -> Self {
        let message = one_line(&e.to_string());
        match e {
            QueryError::Store(e) => e.into(),
            QueryError::UnknownCase { near, .. } if near.is_empty() => {
                CommandError::user(message).hint("list the known cases with: sagsspor cases")
            }
            QueryError::UnknownCase { near, .. } => {
                let names: Vec<String> = near.iter().map(|j| one_line(j)).collect();
                CommandError::user(message).hint(format!("did you mean {}?", names.join(", ")))
            }
            QueryError::NoneYet { first, .. } => CommandError::user(message)
                .hint(format!("ask as of {first} or later, or without --as-of")),
            QueryError::Ambiguous { organisations, .. } => {
                let names: Vec<String> = organisations.iter().map(|o| one_line(o)).collect();
                CommandError::user(message).hint(format!(
                    "name one with --organisation: {}",
                    names.join(", ")
                ))
            }
            QueryError::NoTreatmentOn { known, .. } => {
                let dates: Vec<String> = known.iter().map(|d| d.to_string()).collect();
                CommandError::user(message).hint(format!("its treatments: {}", dates.join(", ")))
            }
            QueryError::NothingBefore { journal, .. } => CommandError::user(message).hint(format!(
                "see its treatments with: sagsspor log {}",
                one_line(&journal)
            )),
            QueryError::NeverCorrected { .. } => CommandError::user(message),
            QueryError::UnknownSection { known, .. } => CommandError::usage(message)
                .hint(format!("the sections there are: {}", known.join(", "))),
        }
    }
}

impl From<IngestError> for CommandError {
    fn from(e: IngestError) -> Self {
        CommandError::user(e.to_string()).caused_by(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let io = std::io::Error::other("disk full");
        let error = CommandError::user("cannot write output: disk full").caused_by(io);
        assert_eq!(
            error.lines(),
            ["sagsspor: error: cannot write output: disk full"]
        );
    }

    #[test]
    fn a_new_cause_and_hints_follow_the_message() {
        let io = std::io::Error::other("disk full");
        let error = CommandError::user("cannot write output")
            .caused_by(io)
            .hint("free some space");
        assert_eq!(
            error.lines(),
            [
                "sagsspor: error: cannot write output",
                "  cause: disk full",
                "hint: free some space"
            ]
        );
    }

    #[test]
    fn kinds_have_distinct_exit_codes() {
        let codes: Vec<String> = [Kind::User, Kind::Usage, Kind::Internal]
            .iter()
            .map(|k| format!("{:?}", k.exit_code()))
            .collect();
        assert_eq!(codes.len(), 3);
        assert_ne!(codes[0], codes[1]);
        assert_ne!(codes[1], codes[2]);
        assert_ne!(codes[0], codes[2]);
    }
}
