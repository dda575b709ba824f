//! From the paths a user names to parsed [`Minutes`]: which files are
//! minutes ([`discover`]), and reading one of them ([`read`]).
//!
//! Nothing here prints. What a caller should tell the user comes back as
//! data: the files passed over in [`Discovery::skipped`], a legacy encoding in
//! [`Read::legacy_encoding`], and errors that name their file.

use crate::formats;
use crate::parse::ParseError;
use crate::pdf::{self, PdfError};
use crate::sanitize::one_line;
use crate::store::{Minutes, sha256_hex};
use crate::text::{self, DecodeError};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use thiserror::Error;
use walkdir::WalkDir;

/// File name extensions of minutes, compared ignoring ASCII case.
pub const MINUTES_EXTENSIONS: &[&str] =
    &["txt", "md", "markdown", "pdf", "html", "htm", "json", "xml"];

/// Document types minutes are often written in but that sagsspor does not
/// read, with what to do instead.
const OFFICE_ADVICE: &[(&str, &str)] = &[
    (
        "docx",
        "Word documents are not read; save the minutes as PDF",
    ),
    (
        "doc",
        "Word documents are not read; save the minutes as PDF",
    ),
    (
        "odt",
        "OpenDocument text is not read; save the minutes as PDF",
    ),
    ("rtf", "RTF documents are not read; save the minutes as PDF"),
];

/// The files to read, and what was passed over on the way.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Minutes files in the order to read them.
    pub files: Vec<PathBuf>,
    /// Entries found in folders that are not read, in the order found.
    pub skipped: Vec<Skipped>,
}

/// An entry found in a folder that is not read.
#[derive(Debug)]
pub struct Skipped {
    /// The entry as found (a symbolic link is named by its own path).
    pub path: PathBuf,
    /// Why it is not read.
    pub reason: SkipReason,
}

/// Why an entry found in a folder is not read.
#[derive(Debug)]
pub enum SkipReason {
    /// Its extension is not one of [`MINUTES_EXTENSIONS`].
    NotMinutes {
        /// The extension, without the dot, if the name has one.
        extension: Option<String>,
    },
    /// A pipe, socket or device: reading one could block or never end.
    NotRegularFile,
    /// A symbolic link whose target does not exist.
    BrokenLink,
    /// A symbolic link to a folder that contains it; following it would
    /// never end.
    Loop {
        /// The folder the link leads back to.
        ancestor: PathBuf,
    },
    /// A folder whose entries cannot be listed.
    UnreadableFolder(io::Error),
    /// An entry that cannot be looked at, such as a link into a folder
    /// without permission.
    Unreadable(io::Error),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotMinutes {
                extension: Some(extension),
            } => match OFFICE_ADVICE
                .iter()
                .find(|(ext, _)| ext.eq_ignore_ascii_case(extension))
            {
                Some((_, advice)) => write!(f, "{advice} (.{})", one_line(extension)),
                None => write!(f, "not a minutes file type (.{})", one_line(extension)),
            },
            SkipReason::NotMinutes { extension: None } => {
                write!(f, "not a minutes file type (no extension)")
            }
            SkipReason::NotRegularFile => {
                write!(f, "not a regular file (a pipe, socket or device)")
            }
            SkipReason::BrokenLink => write!(f, "broken symbolic link"),
            SkipReason::Loop { ancestor } => {
                write!(f, "symbolic link loop back to {}", shown(ancestor))
            }
            SkipReason::UnreadableFolder(e) => write!(f, "unreadable folder: {e}"),
            SkipReason::Unreadable(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// The minutes files among `paths`, in order.
///
/// A path that is not a folder is returned as it is, whatever its name or
/// state: the user named it, so [`read`] should say what is wrong with it
/// rather than pass it over. A folder is searched recursively in name
/// order, following symbolic links, for files whose extension is one of
/// [`MINUTES_EXTENSIONS`]; every other entry is named in
/// [`Discovery::skipped`] with its reason. Hidden folders (a name starting
/// with `.`, such as `.git`) below a named folder are passed over silently:
/// they hold tools' data, never minutes, and listing their contents would
/// bury what matters. Hidden files are treated like any other file.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found);
        } else {
            found.files.push(path.clone());
        }
    }
    found
}

fn walk(root: &Path, found: &mut Discovery) {
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // The root is exempt: the user named it, even as `.` or `.minutes`.
        .filter_entry(|e| e.depth() == 0 || !(e.file_type().is_dir() && is_hidden(e.file_name())));
    for entry in entries {
        match entry {
            Ok(entry) => {
                let kind = entry.file_type();
                if kind.is_dir() {
                    continue;
                }
                let path = entry.into_path();
                if !kind.is_file() {
                    found.skipped.push(Skipped {
                        path,
                        reason: SkipReason::NotRegularFile,
                    });
                } else if is_minutes_name(&path) {
                    found.files.push(path);
                } else {
                    let extension = path.extension().map(|e| e.to_string_lossy().into_owned());
                    found.skipped.push(Skipped {
                        path,
                        reason: SkipReason::NotMinutes { extension },
                    });
                }
            }
            Err(error) => found.skipped.push(skipped_for(root, error)),
        }
    }
}

fn skipped_for(root: &Path, error: walkdir::Error) -> Skipped {
    let path = error.path().unwrap_or(root).to_path_buf();
    if let Some(ancestor) = error.loop_ancestor() {
        return Skipped {
            reason: SkipReason::Loop {
                ancestor: ancestor.to_path_buf(),
            },
            path,
        };
    }
    let io = error
        .into_io_error()
        .unwrap_or_else(|| io::Error::other("cannot walk the folder"));
    let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let reason = if is_link && io.kind() == io::ErrorKind::NotFound {
        SkipReason::BrokenLink
    } else if fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
        SkipReason::UnreadableFolder(io)
    } else {
        SkipReason::Unreadable(io)
    };
    Skipped { path, reason }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

fn is_minutes_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MINUTES_EXTENSIONS.iter().any(|m| m.eq_ignore_ascii_case(e)))
}

/// One minutes file, read and parsed.
#[derive(Debug, Clone)]
pub struct Read {
    /// The minutes, ready to import.
    pub minutes: Minutes,
    /// The encoding the file was decoded from, when it was not UTF-8 (such
    /// as `windows-1252`); users should be told, since a wrong guess
    /// garbles letters.
    pub legacy_encoding: Option<&'static str>,
}

/// Why a minutes file could not be read. Each message starts with the file's
/// path, made safe to show on one line of a terminal.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("{}: cannot read: {source}", shown(.path))]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// The path is a folder.
    #[error("{}: is a folder", shown(.path))]
    Folder {
        /// The folder.
        path: PathBuf,
    },
    /// The file is over [`text::MAX_FILE_BYTES`].
    #[error(
        "{}: the file is too large ({bytes} bytes; the limit is {limit} bytes)",
        shown(.path)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size; for a file without a size known in advance (a pipe,
        /// or a file that grew while read), the bytes read before stopping,
        /// which is a lower bound.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A PDF whose text could not be extracted.
    #[error("{}: {source}", shown(.path))]
    Pdf {
        /// The file.
        path: PathBuf,
        /// Why extraction failed.
        #[source]
        source: PdfError,
    },
    /// The bytes are not minutes text.
    #[error("{}: {source}", shown(.path))]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why decoding failed.
        #[source]
        source: DecodeError,
    },
    /// The text does not read as minutes.
    #[error("{}: {source}", shown(.path))]
    Parse {
        /// The file.
        path: PathBuf,
        /// Why parsing failed.
        #[source]
        source: ParseError,
    },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            IngestError::Unreadable { path, .. }
            | IngestError::Folder { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::Pdf { path, .. }
            | IngestError::Decode { path, .. }
            | IngestError::Parse { path, .. } => path,
        }
    }
}

/// Reads, decodes and parses one minutes file: text in any encoding
/// [`text::decode`] knows, or a PDF with a text layer.
///
/// At most [`text::MAX_FILE_BYTES`] are held in memory, whatever the file
/// claims or turns out to be.
pub fn read(path: &Path) -> Result<Read, IngestError> {
    let bytes = read_bounded(path)?;
    let decoded = if pdf::is_pdf(&bytes) {
        let extracted = pdf::extract_text(path).map_err(|source| IngestError::Pdf {
            path: path.to_path_buf(),
            source,
        })?;
        text::decode(extracted.as_bytes())
    } else {
        text::decode(&bytes)
    }
    .map_err(|source| IngestError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    let mut meeting = formats::read(&decoded.text).map_err(|source| IngestError::Parse {
        path: path.to_path_buf(),
        source,
    })?;
    if let Some(stray) = decoded.stray {
        meeting.warnings.push(stray.to_string());
    }
    Ok(Read {
        legacy_encoding: decoded.was_legacy().then_some(decoded.encoding),
        minutes: Minutes {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            source_sha256: sha256_hex(&bytes),
            text: decoded.text,
            meeting,
        },
    })
}

/// The file's bytes, refusing folders and anything over the limit.
fn read_bounded(path: &Path) -> Result<Vec<u8>, IngestError> {
    let unreadable = |source| IngestError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let limit = text::MAX_FILE_BYTES as u64;
    let too_large = |bytes| IngestError::TooLarge {
        path: path.to_path_buf(),
        bytes,
        limit,
    };
    let meta = fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(IngestError::Folder {
            path: path.to_path_buf(),
        });
    }
    // The size on record refuses a large file without touching its contents.
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    // Pipes and devices report no size, and files can grow after the check:
    // one byte past the limit is enough to know it is too large.
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    fn seed() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/seeds/000_29b394e088e1976e.txt")
    }

    fn touch(path: &Path) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, "x").unwrap();
    }

    fn relative(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    fn skipped(root: &Path, found: &Discovery) -> Vec<(String, String)> {
        found
            .skipped
            .iter()
            .map(|s| {
                (
                    s.path.strip_prefix(root).unwrap().display().to_string(),
                    s.reason.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn folders_are_searched_recursively_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.txt",
            "a/z.md",
            "a/c.PDF",
            "a/deeper/x.Markdown",
            "c.markdown",
            "D.TXT",
        ] {
            touch(&root.join(name));
        }
        let found = discover(&[root.to_path_buf()]);
        assert_eq!(
            relative(root, &found.files),
            [
                "D.TXT",
                "a/c.PDF",
                "a/deeper/x.Markdown",
                "a/z.md",
                "b.txt",
                "c.markdown"
            ]
        );
        assert!(found.skipped.is_empty(), "{:?}", found.skipped);
    }

    #[test]
    fn named_files_come_first_as_named_whatever_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("folder/a.txt"));
        let named = [
            root.join("report.html"),
            root.join("missing.txt"),
            root.join("folder"),
        ];
        let found = discover(&named);
        assert_eq!(
            relative(root, &found.files),
            ["report.html", "missing.txt", "folder/a.txt"]
        );
        assert!(found.skipped.is_empty());
    }

    #[test]
    fn other_file_types_in_folders_are_named_with_their_reason() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "agenda.html",
            "bilag.docx",
            "README",
            "minutes.txt",
            "foto.jpg",
        ] {
            touch(&root.join(name));
        }
        let found = discover(&[root.to_path_buf()]);
        assert_eq!(relative(root, &found.files), ["agenda.html", "minutes.txt"]);
        assert_eq!(
            skipped(root, &found),
            [
                (
                    "README".into(),
                    "not a minutes file type (no extension)".into()
                ),
                (
                    "bilag.docx".into(),
                    "Word documents are not read; save the minutes as PDF (.docx)".into()
                ),
                ("foto.jpg".into(), "not a minutes file type (.jpg)".into()),
            ]
        );
    }

    #[test]
    fn hidden_folders_are_passed_over_silently_but_a_named_one_is_searched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join(".git/HEAD"));
        touch(&root.join(".git/notes.txt"));
        touch(&root.join(".hidden.txt"));
        touch(&root.join("a.txt"));
        let found = discover(&[root.to_path_buf()]);
        assert_eq!(relative(root, &found.files), [".hidden.txt", "a.txt"]);
        assert!(found.skipped.is_empty(), "{:?}", found.skipped);
        let found = discover(&[root.join(".git")]);
        assert_eq!(relative(root, &found.files), [".git/notes.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_to_files_and_folders_are_followed() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        touch(&outside.path().join("real.txt"));
        touch(&outside.path().join("sub/inner.md"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink(outside.path().join("real.txt"), root.join("link.txt")).unwrap();
        symlink(outside.path().join("sub"), root.join("linked")).unwrap();
        let found = discover(&[root.to_path_buf()]);
        assert_eq!(
            relative(root, &found.files),
            ["link.txt", "linked/inner.md"]
        );
        assert!(found.skipped.is_empty(), "{:?}", found.skipped);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_loop_ends_and_is_reported() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("sub/a.txt"));
        symlink(root, root.join("sub/back")).unwrap();
        let found = discover(&[root.to_path_buf()]);
        assert_eq!(relative(root, &found.files), ["sub/a.txt"]);
        assert_eq!(found.skipped.len(), 1, "{:?}", found.skipped);
        assert_eq!(found.skipped[0].path, root.join("sub/back"));
        assert!(
            matches!(&found.skipped[0].reason, SkipReason::Loop { ancestor } if ancestor == root),
            "{:?}",
            found.skipped[0].reason
        );
    }

    #[cfg(unix)]
    #[test]
    fn broken_links_and_sockets_are_reported() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink(root.join("gone.txt"), root.join("dangling.txt")).unwrap();
        let _listener = std::os::unix::net::UnixListener::bind(root.join("socket.txt")).unwrap();
        let found = discover(&[root.to_path_buf()]);
        assert!(found.files.is_empty(), "{:?}", found.files);
        assert_eq!(
            skipped(root, &found),
            [
                ("dangling.txt".into(), "broken symbolic link".into()),
                (
                    "socket.txt".into(),
                    "not a regular file (a pipe, socket or device)".into()
                ),
            ]
        );
    }

    #[test]
    fn a_seed_reads_as_a_meeting_with_items() {
        let read = read(&seed()).unwrap();
        assert!(!read.minutes.meeting.items.is_empty());
        assert!(read.minutes.meeting.date.is_some());
        assert_eq!(read.minutes.file_name, "000_29b394e088e1976e.txt");
        assert_eq!(
            read.minutes.source_sha256,
            sha256_hex(&fs::read(seed()).unwrap())
        );
        assert_eq!(read.legacy_encoding, None);
    }

    #[test]
    fn windows_1252_is_decoded_and_reported() {
        let text = fs::read_to_string(seed()).unwrap();
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("legacy.txt");
        fs::write(&path, &bytes).unwrap();
        let legacy = read(&path).unwrap();
        assert_eq!(legacy.legacy_encoding, Some("windows-1252"));
        assert_eq!(
            legacy.minutes.meeting,
            read(&seed()).unwrap().minutes.meeting
        );
        assert_eq!(legacy.minutes.source_sha256, sha256_hex(&bytes));
    }

    #[test]
    fn a_large_file_is_refused_by_its_size_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        // Sparse, so it costs no disk; reading it would take minutes and,
        // unbounded, 64 GiB of memory.
        let size = 1u64 << 36;
        File::create(&path).unwrap().set_len(size).unwrap();
        let error = read(&path).unwrap_err();
        assert!(
            matches!(error, IngestError::TooLarge { bytes, .. } if bytes == size),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "{}: the file is too large ({size} bytes; the limit is {} bytes)",
                path.display(),
                text::MAX_FILE_BYTES
            )
        );
    }

    #[test]
    fn errors_name_the_file_and_keep_their_cause() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        let error = read(&missing).unwrap_err();
        assert_eq!(error.path(), missing);
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}: cannot read: ", missing.display())),
            "{error}"
        );
        assert!(error.source().is_some());

        let error = read(dir.path()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{}: is a folder", dir.path().display())
        );

        let letter = dir.path().join("letter.txt");
        fs::write(&letter, "Kære alle,\n\ntak for i dag.\n").unwrap();
        let error = read(&letter).unwrap_err();
        assert!(matches!(error, IngestError::Parse { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!("{}: {}", letter.display(), ParseError::NoItems)
        );

        let empty = dir.path().join("empty.md");
        fs::write(&empty, "  \n").unwrap();
        let error = read(&empty).unwrap_err();
        assert!(matches!(error, IngestError::Decode { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!("{}: the file is empty", empty.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn control_characters_in_a_path_never_reach_the_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("evil\n\u{1b}[31mname.txt");
        let message = read(&path).unwrap_err().to_string();
        assert!(
            !message.contains('\n') && !message.contains('\u{1b}'),
            "{message:?}"
        );
    }
}
