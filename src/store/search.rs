//! The derived search file behind `sagsspor search` (`sagsspor-search.bin`
//! in the store folder).
//!
//! It holds every treatment of the tree as a document: its sections (title,
//! Indstilling, Beslutning, the item's other sections) folded by
//! [`crate::search::fold`], one section per line, all documents one after
//! the other; beside that the sections as written (deflated, one block per
//! document), a small JSON record per document and a fixed-size record per
//! document (date, body, organisation, flags, offsets). A search streams
//! the folded text once through `memchr::memmem`, a few megabytes at a time,
//! and reads the records, sections and texts of only the documents it shows.
//!
//! The documents are derived from the meeting folders (`meeting.json`, else
//! `agenda.json`: the document whose treatments the tree holds), the only
//! place a treatment's other sections are kept, and are laid out in the
//! order of the tree. The file names the object id of every folder it was
//! derived from: when the branch has moved, a folder whose id is unchanged
//! is copied from the old file with everything below it, and only changed
//! meetings are read again, as the summary cache does.
//!
//! Like the summary cache, the file is believed on its key (the tree's id
//! and the store's body aliases) and is rebuilt when that does not match or
//! it cannot be read; every offset in it is checked before use, so a broken
//! or planted file can give wrong hits but never a crash or unbounded
//! reads. Delete it freely.

use super::paths::MEETING_LEVELS;
use super::{StoreError, StoredMeeting, document_files, files, sha256_hex};
use crate::bodies::Aliases;
use crate::filter::OUTCOMES;
use crate::model::{DocumentKind, Outcome, Punkt};
use crate::search::{BESLUTNING, INDSTILLING, TITLE, fold};
use crate::treatment::{SourceRef, treatments_of};
use flate2::{Compress, Compression, FlushCompress, Status};
use git2::{ObjectType, Repository, Tree};
use jiff::civil::Date;
use memchr::memmem;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// The file's name in the store folder.
pub(super) const SEARCH_FILE: &str = "sagsspor-search.bin";
const MAGIC: &[u8; 16] = b"sagsspor-search\n";
/// Bump when the layout or what a document holds changes.
const VERSION: u32 = 2;
/// The largest file read whole (to be reused after the branch moved): far
/// above a large store's (about 200 MB for 10,000 meetings). A larger file
/// is rebuilt, never read.
const FILE_LIMIT: u64 = 4 << 30;
/// Bytes of folded text read at a time while scanning: small enough to
/// stay in the processor's cache.
const CHUNK: usize = 256 << 10;
/// Regions of the file, in the order the header lists them.
const FOLDERS: usize = 0;
const RECORDS: usize = 1;
const STRINGS: usize = 2;
const META: usize = 3;
const FOLDED: usize = 4;
const ORIGINAL: usize = 5;
const REGIONS: usize = 6;
const HEADER: usize = 16 + 4 + 4 + 64 + 8 + REGIONS * 16;
const RECORD: usize = 56;
/// A record's string id where there is no string (no organisation).
const NONE: u32 = u32::MAX;
const QUOTED: u32 = 1;
/// A quote the case's timeline drops: the meeting's own minutes, or an
/// earlier quote of the same decision, are in the tree.
const SUPERSEDED: u32 = 2;

/// Where each region lies in the file: offset and length.
type Regions = [(u64, u64); REGIONS];

/// What the file was derived from: the tree and the aliases that named the
/// bodies of quoted decisions.
fn file_key(tree: &Tree, aliases: &Aliases) -> String {
    sha256_hex(format!("sagsspor-search {VERSION} {} {aliases:?}", tree.id()).as_bytes())
}

/// One treatment of the tree, as the search shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// The organisation whose case it is, where known.
    pub organisation: Option<String>,
    /// The case's journal number.
    pub journal: String,
    /// The treating meeting's date.
    pub date: Date,
    /// The treating body.
    pub body: String,
    /// The item number; `None` for a decision known only from a quote.
    pub punkt: Option<Punkt>,
    /// The item's title.
    pub title: Option<String>,
    /// Known only from a later meeting's quote.
    pub quoted: bool,
    /// Its sections as written, by lower-case name: `title`, `indstilling`,
    /// `beslutning`, then the item's others, in order.
    pub sections: Vec<(String, String)>,
}

/// A document's JSON record in the file.
#[derive(Serialize, Deserialize)]
struct Meta {
    organisation: Option<String>,
    journal: String,
    date: Date,
    body: String,
    punkt: Option<Punkt>,
    title: Option<String>,
    quoted: bool,
    source: SourceRef,
    sections: Vec<String>,
    outcome: Option<Outcome>,
}

/// A new file on its way: the documents' bytes, region by region, and
/// what each document needs to be placed.
#[derive(Default)]
struct Builder {
    docs: Vec<Doc>,
    meta: Vec<u8>,
    folded: Vec<u8>,
    original: Vec<u8>,
    folders: Folders,
}

/// One document of a new file.
struct Doc {
    /// Lengths of its bytes in the meta, folded and original regions.
    lengths: [u64; 3],
    date: Date,
    body: String,
    organisation: Option<String>,
    quoted: bool,
    /// What decides whether a quote is superseded: the case, the date and
    /// body of the decision, and where it was read.
    journal: String,
    source: SourceRef,
    outcome: Option<Outcome>,
}

impl Builder {
    /// Adds a document: its meta record, folded and original bytes.
    fn push(&mut self, meta: Meta, meta_bytes: &[u8], folded: &[u8], original: &[u8]) {
        self.meta.extend_from_slice(meta_bytes);
        self.folded.extend_from_slice(folded);
        self.original.extend_from_slice(original);
        self.docs.push(Doc {
            lengths: [
                meta_bytes.len() as u64,
                folded.len() as u64,
                original.len() as u64,
            ],
            date: meta.date,
            body: meta.body,
            organisation: meta.organisation,
            quoted: meta.quoted,
            journal: meta.journal,
            source: meta.source,
            outcome: meta.outcome,
        });
    }
}

/// Folders of the tree the documents were derived from: path → object id
/// and the documents below it.
type Folders = BTreeMap<String, (String, usize, usize)>;

/// The folders region: the folders, and the aliases their documents were
/// derived with (other aliases name the bodies of quoted decisions
/// otherwise, so no folder is reused across a change of them).
#[derive(Serialize, Deserialize)]
struct FolderTable {
    aliases: String,
    folders: Folders,
}

/// What the store's aliases are, for [`FolderTable`].
fn aliases_digest(aliases: &Aliases) -> String {
    sha256_hex(format!("{aliases:?}").as_bytes())
}

/// Where the file's bytes are read from: the file, or the bytes just built
/// (a read-only store still answers).
enum Source {
    File(File),
    Memory(Vec<u8>),
}

impl Source {
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
        match self {
            Source::File(file) => {
                file.seek(SeekFrom::Start(offset))?;
                file.read_exact(buf)
            }
            Source::Memory(bytes) => {
                let start = usize::try_from(offset).map_err(|_| truncated())?;
                let slice = start
                    .checked_add(buf.len())
                    .and_then(|end| bytes.get(start..end))
                    .ok_or_else(truncated)?;
                buf.copy_from_slice(slice);
                Ok(())
            }
        }
    }
}

impl Source {
    /// Appends `len` bytes from `offset` to `buf` (without zeroing them
    /// first, as `read_at` into a fresh buffer would).
    fn append_at(&mut self, offset: u64, len: usize, buf: &mut Vec<u8>) -> std::io::Result<()> {
        match self {
            Source::File(file) => {
                file.seek(SeekFrom::Start(offset))?;
                buf.reserve(len);
                let read = Read::by_ref(file).take(len as u64).read_to_end(buf)?;
                if read == len {
                    Ok(())
                } else {
                    Err(truncated())
                }
            }
            Source::Memory(_) => {
                let start = buf.len();
                buf.resize(start + len, 0);
                self.read_at(offset, &mut buf[start..])
            }
        }
    }
}

fn truncated() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "search file truncated")
}

/// An open search file whose key matched.
pub struct Index {
    source: Source,
    regions: Regions,
    records: Vec<Record>,
    strings: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
struct Record {
    folded: (u64, u64),
    meta: (u64, u64),
    original: (u64, u64),
    date: Option<Date>,
    body: u32,
    organisation: u32,
    flags: u32,
    outcome: Option<Outcome>,
}

/// A treatment that holds every needle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Its place in the file.
    pub doc: usize,
    /// The treating meeting's date.
    pub date: Date,
    /// The decision's outcome, `None` where nothing was decided.
    pub outcome: Option<Outcome>,
    body: u32,
    organisation: u32,
}

/// What a scan found, and the file to read more from.
pub struct SearchResults {
    index: Index,
    /// Every treatment that holds all needles, in the order of the tree.
    pub found: Vec<Found>,
}

impl SearchResults {
    /// The treating body of a treatment found.
    pub fn body(&self, found: &Found) -> &str {
        self.index
            .strings
            .get(found.body as usize)
            .map_or("", String::as_str)
    }

    /// Its organisation, where known.
    pub fn organisation(&self, found: &Found) -> Option<&str> {
        self.index
            .strings
            .get(found.organisation as usize)
            .map(String::as_str)
    }

    /// The treatment in full: its record and its sections as written.
    pub fn load(&mut self, found: &Found) -> Result<SearchDoc, StoreError> {
        let record = *self
            .index
            .records
            .get(found.doc)
            .ok_or_else(|| corrupt("no such document"))?;
        let meta = self.index.region_bytes(META, record.meta)?;
        let meta: Meta =
            serde_json::from_slice(&meta).map_err(|e| corrupt(&format!("record: {e}")))?;
        let deflated = self.index.region_bytes(ORIGINAL, record.original)?;
        let mut json = Vec::new();
        flate2::read::DeflateDecoder::new(deflated.as_slice())
            .take(FILE_LIMIT)
            .read_to_end(&mut json)
            .map_err(|e| corrupt(&format!("sections: {e}")))?;
        let texts: Vec<String> =
            serde_json::from_slice(&json).map_err(|e| corrupt(&format!("sections: {e}")))?;
        Ok(SearchDoc {
            organisation: meta.organisation,
            journal: meta.journal,
            date: meta.date,
            body: meta.body,
            punkt: meta.punkt,
            title: meta.title,
            quoted: meta.quoted,
            sections: meta.sections.into_iter().zip(texts).collect(),
        })
    }
}

fn corrupt(message: &str) -> StoreError {
    StoreError::Corrupt {
        path: SEARCH_FILE.to_string(),
        message: format!("{message}; delete it and search again"),
    }
}

impl Index {
    /// Reads the header, records and strings of a file whose key is `key`
    /// (any key for `None`); `None` for anything else (missing, another key
    /// or version, broken).
    fn open(mut source: Source, key: Option<&str>) -> Option<Index> {
        let total = match &source {
            Source::File(file) => file.metadata().ok()?.len(),
            Source::Memory(bytes) => bytes.len() as u64,
        };
        let mut header = [0u8; HEADER];
        source.read_at(0, &mut header).ok()?;
        let (file_key, count, regions) = parse_header(&header)?;
        if key.is_some_and(|key| file_key != key.as_bytes()) {
            return None;
        }
        if regions
            .iter()
            .any(|&(off, len)| off.saturating_add(len) > total)
        {
            return None;
        }
        let mut index = Index {
            source,
            regions,
            records: Vec::new(),
            strings: Vec::new(),
        };
        let records = index.region_bytes(RECORDS, (0, regions[RECORDS].1)).ok()?;
        if records.len() as u64 != count.checked_mul(RECORD as u64)? {
            return None;
        }
        index.records = records
            .chunks_exact(RECORD)
            .map(parse_record)
            .collect::<Option<Vec<_>>>()?;
        let strings = index.region_bytes(STRINGS, (0, regions[STRINGS].1)).ok()?;
        index.strings = serde_json::from_slice(&strings).ok()?;
        // Each document's bytes must follow the one before's, filling their
        // regions: the scan maps a position to a document by it, and a
        // run of documents is one run of bytes.
        let mut at = [0u64; 3];
        for r in &index.records {
            for (i, (off, len)) in [r.folded, r.meta, r.original].into_iter().enumerate() {
                if off != at[i] {
                    return None;
                }
                at[i] = off.checked_add(len)?;
            }
        }
        (at == [regions[FOLDED].1, regions[META].1, regions[ORIGINAL].1]).then_some(index)
    }

    /// The bytes `range` (offset, length) of a region.
    fn region_bytes(&mut self, region: usize, range: (u64, u64)) -> Result<Vec<u8>, StoreError> {
        let (start, len) = self.regions[region];
        let (off, want) = range;
        if off.checked_add(want).is_none_or(|end| end > len) || want > FILE_LIMIT {
            return Err(corrupt("an offset points outside its region"));
        }
        let want = usize::try_from(want).map_err(|_| corrupt("too large"))?;
        let mut buf = Vec::new();
        self.source
            .append_at(start + off, want, &mut buf)
            .map_err(|e| corrupt(&e.to_string()))?;
        Ok(buf)
    }

    /// The documents whose folded text holds every needle (none for no
    /// needles), leaving out quotes the timeline drops. One pass over the
    /// folded text, `CHUNK` bytes at a time.
    fn scan(&mut self, needles: &[&str]) -> Result<Vec<usize>, StoreError> {
        let needles: Vec<&str> = needles.iter().copied().filter(|n| !n.is_empty()).collect();
        if needles.is_empty() || self.records.is_empty() {
            return Ok(Vec::new());
        }
        let finders: Vec<memmem::Finder> = needles
            .iter()
            .map(|n| memmem::Finder::new(n.as_bytes()))
            .collect();
        let overlap = needles.iter().map(|n| n.len()).max().unwrap_or(1) - 1;
        let records = &self.records;
        let words = self.records.len().div_ceil(64);
        let mut seen: Vec<Vec<u64>> = vec![vec![0u64; words]; needles.len()];
        let (region_start, region_len) = self.regions[FOLDED];
        let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + overlap);
        let mut next: u64 = 0;
        while next < region_len {
            let take = (region_len - next).min(CHUNK as u64) as usize;
            let keep = buf.len().min(overlap);
            buf.drain(..buf.len() - keep);
            // The region offset of buf[0].
            let base = next - keep as u64;
            self.source
                .append_at(region_start + next, take, &mut buf)
                .map_err(|e| corrupt(&e.to_string()))?;
            next += take as u64;
            for (finder, bits) in finders.iter().zip(seen.iter_mut()) {
                let mut at = 0;
                while let Some(found) = finder.find(&buf[at..]) {
                    let position = base + (at + found) as u64;
                    let doc = records
                        .partition_point(|r| r.folded.0 <= position)
                        .saturating_sub(1);
                    bits[doc / 64] |= 1 << (doc % 64);
                    // On to the next document: one hit per document is enough.
                    let end = records[doc].folded;
                    let end = (end.0 + end.1).saturating_sub(base) as usize;
                    at = end.max(at + found + 1);
                    if at >= buf.len() {
                        break;
                    }
                }
            }
        }
        let mut out = Vec::new();
        for w in 0..words {
            let mut all = seen.iter().fold(u64::MAX, |acc, bits| acc & bits[w]);
            while all != 0 {
                let bit = all.trailing_zeros() as usize;
                all &= all - 1;
                let doc = w * 64 + bit;
                if self
                    .records
                    .get(doc)
                    .is_some_and(|r| r.flags & SUPERSEDED == 0)
                {
                    out.push(doc);
                }
            }
        }
        Ok(out)
    }
}

/// The header's key, document count and regions (offset, length).
fn parse_header(header: &[u8; HEADER]) -> Option<(&[u8], u64, Regions)> {
    if &header[..16] != MAGIC || u32_at(header, 16)? != VERSION {
        return None;
    }
    let key = &header[24..88];
    let count = u64_at(header, 88)?;
    let mut regions = [(0u64, 0u64); REGIONS];
    for (i, region) in regions.iter_mut().enumerate() {
        let at = 96 + i * 16;
        *region = (u64_at(header, at)?, u64_at(header, at + 8)?);
    }
    Some((key, count, regions))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn parse_record(bytes: &[u8]) -> Option<Record> {
    let pair = |at: usize| Some((u64_at(bytes, at)?, u64::from(u32_at(bytes, at + 8)?)));
    let date = u32_at(bytes, 36)?;
    Some(Record {
        folded: pair(0)?,
        meta: pair(12)?,
        original: pair(24)?,
        date: Date::new(
            i16::try_from(date / 10_000).ok()?,
            i8::try_from(date / 100 % 100).ok()?,
            i8::try_from(date % 100).ok()?,
        )
        .ok(),
        body: u32_at(bytes, 40)?,
        organisation: u32_at(bytes, 44)?,
        flags: u32_at(bytes, 48)?,
        outcome: bytes
            .get(52)
            .and_then(|&b| OUTCOMES.get(usize::from(b).checked_sub(1)?))
            .copied(),
    })
}

/// The documents of `tree` holding every needle, from the search file where
/// it holds for `tree` and `aliases`, else from one made now (and kept,
/// where the store can be written).
pub(super) fn search(
    repo: &Repository,
    root: &Path,
    tree: Option<&Tree>,
    aliases: &Aliases,
    needles: &[&str],
) -> Result<SearchResults, StoreError> {
    let Some(tree) = tree else {
        return Ok(SearchResults {
            index: Index {
                source: Source::Memory(Vec::new()),
                regions: [(0, 0); REGIONS],
                records: Vec::new(),
                strings: Vec::new(),
            },
            found: Vec::new(),
        });
    };
    let key = file_key(tree, aliases);
    let path = root.join(SEARCH_FILE);
    let open = || {
        files::open_regular(&path)
            .ok()
            .and_then(|file| Index::open(Source::File(file), Some(&key)))
    };
    let mut index = match open() {
        Some(index) => index,
        None => {
            let builder = rebuild(repo, tree, aliases, Some(&path))?;
            // A read-only store still answers, from memory; it just cannot
            // keep the file.
            let written = files::write_replacing_with(&path, |file| {
                write_file(&key, aliases, &builder, &mut std::io::BufWriter::new(file))
            });
            match written.ok().and_then(|()| open()) {
                Some(index) => index,
                None => {
                    let mut bytes = Vec::new();
                    write_file(&key, aliases, &builder, &mut bytes)
                        .map_err(|e| corrupt(&e.to_string()))?;
                    drop(builder);
                    Index::open(Source::Memory(bytes), Some(&key))
                        .ok_or_else(|| corrupt("the file just made does not read back"))?
                }
            }
        }
    };
    let docs = index.scan(needles)?;
    let found = docs
        .into_iter()
        .filter_map(|doc| {
            let r = index.records.get(doc)?;
            Some(Found {
                doc,
                date: r.date?,
                outcome: r.outcome,
                body: r.body,
                organisation: r.organisation,
            })
        })
        .collect();
    Ok(SearchResults { index, found })
}

/// The documents of a new search file for `tree`, taking those of every
/// folder the old file at `path` derived from an unchanged folder.
/// Checks the search file against the tree: a file that claims to be this
/// tree's must be byte for byte the one the tree gives (an incrementally
/// kept file is; see the tests), or a forged or damaged file would answer
/// searches with text no minutes hold. A file of another tree is simply
/// rebuilt by the next search. Compared by digest, streaming, so memory
/// stays that of one build.
pub(super) fn check_file(
    repo: &Repository,
    root: &Path,
    tree: &Tree,
    aliases: &Aliases,
) -> Result<Option<String>, StoreError> {
    use sha2::{Digest, Sha256};
    let path = root.join(SEARCH_FILE);
    let key = file_key(tree, aliases);
    let claims = files::open_regular(&path)
        .ok()
        .filter(|file| file.metadata().is_ok_and(|m| m.len() <= FILE_LIMIT))
        .and_then(|file| Index::open(Source::File(file), Some(&key)))
        .is_some();
    if !claims {
        return Ok(None);
    }
    /// Bytes written are only digested.
    struct Digesting(Sha256);
    impl Write for Digesting {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let builder = rebuild(repo, tree, aliases, None)?;
    let mut fresh = Digesting(Sha256::new());
    write_file(&key, aliases, &builder, &mut fresh).map_err(|e| corrupt(&e.to_string()))?;
    let mut stored = Digesting(Sha256::new());
    let copied = files::open_regular(&path)
        .and_then(|file| std::io::copy(&mut file.take(FILE_LIMIT), &mut stored));
    Ok((copied.is_err() || stored.0.finalize() != fresh.0.finalize()).then(|| {
        "differs from what the tree gives (forged or damaged); delete it and the next search rebuilds it"
            .to_string()
    }))
}

fn rebuild(
    repo: &Repository,
    tree: &Tree,
    aliases: &Aliases,
    path: Option<&Path>,
) -> Result<Builder, StoreError> {
    let mut old = path
        .and_then(|path| files::open_regular(path).ok())
        .filter(|file| file.metadata().is_ok_and(|m| m.len() <= FILE_LIMIT))
        .and_then(|file| Index::open(Source::File(file), None))
        .and_then(|mut index| {
            let table = index.region_bytes(FOLDERS, (0, index.regions[FOLDERS].1));
            let table: FolderTable = serde_json::from_slice(&table.ok()?).ok()?;
            (table.aliases == aliases_digest(aliases)).then_some((index, table.folders))
        });
    let mut builder = Builder::default();
    if let Some(entry) = tree.get_name("meetings") {
        let mut walker = Walker {
            repo,
            aliases,
            old: old.as_mut(),
            compress: Compress::new(Compression::fast(), false),
            out: &mut builder,
        };
        walker.walk(entry.id(), "meetings", MEETING_LEVELS)?;
    }
    Ok(builder)
}

/// Derives a new file's documents from the tree, folder by folder.
struct Walker<'a, 'r> {
    repo: &'r Repository,
    aliases: &'a Aliases,
    /// The old file and the folders it was derived from.
    old: Option<&'a mut (Index, Folders)>,
    /// Reused: a deflate state is large to set up.
    compress: Compress,
    out: &'a mut Builder,
}

impl Walker<'_, '_> {
    /// The documents below the folder `oid` at `path`, `levels` above the
    /// meeting folders; an unchanged folder's are copied from the old file.
    fn walk(&mut self, oid: git2::Oid, path: &str, levels: usize) -> Result<(), StoreError> {
        let id = oid.to_string();
        let first = self.out.docs.len();
        if self.reuse(path, &id) {
            return Ok(());
        }
        let tree = self.repo.find_tree(oid)?;
        if levels == 0 {
            self.meeting(path, &tree)?;
        } else {
            for entry in tree.iter().filter(|e| e.kind() == Some(ObjectType::Tree)) {
                let Ok(name) = entry.name() else {
                    continue;
                };
                self.walk(entry.id(), &format!("{path}/{name}"), levels - 1)?;
            }
        }
        let end = self.out.docs.len();
        self.out.folders.insert(path.to_string(), (id, first, end));
        Ok(())
    }

    /// Copies the documents of the folder at `path` from the old file if
    /// it was derived from the folder `id`; false where it was not (or
    /// they cannot be read).
    fn reuse(&mut self, path: &str, id: &str) -> bool {
        let Some((index, folders)) = self.old.as_deref_mut() else {
            return false;
        };
        let Some((old_id, start, end)) = folders.get(path).cloned() else {
            return false;
        };
        if old_id != id {
            return false;
        }
        let first = self.out.docs.len();
        if copy_docs(index, (start, end), self.out).is_none() {
            // Whatever was added before the failure is taken back.
            truncate(self.out, first);
            return false;
        }
        // The folders below it, moved to where their documents now are.
        let prefix = format!("{path}/");
        for (p, (o, s, e)) in folders.range(prefix.clone()..) {
            if !p.starts_with(&prefix) {
                break;
            }
            if *s < start || *e > end {
                continue;
            }
            let shift = |n: usize| n - start + first;
            self.out
                .folders
                .insert(p.clone(), (o.clone(), shift(*s), shift(*e)));
        }
        let last = self.out.docs.len();
        self.out
            .folders
            .insert(path.to_string(), (id.to_string(), first, last));
        true
    }

    /// The treatments one meeting folder holds, as documents: those of its
    /// minutes where they are stored, else of its agenda (as the tree's).
    fn meeting(&mut self, path: &str, tree: &Tree) -> Result<(), StoreError> {
        let Some(entry) = [DocumentKind::Referat, DocumentKind::Dagsorden]
            .into_iter()
            .find_map(|kind| tree.get_name(document_files(kind).1))
        else {
            return Ok(());
        };
        let name = entry.name().unwrap_or_default().to_string();
        // A meeting folder that cannot be read is left out, as the summary
        // leaves it out (and the commands name it): one bad file never
        // stops the search of everything else.
        let blob = match super::read_blob(self.repo, entry.id(), &format!("{path}/{name}")) {
            Ok(blob) => blob,
            Err(StoreError::Corrupt { .. }) => return Ok(()),
            Err(e) => return Err(e),
        };
        let Ok(stored) = serde_json::from_slice::<StoredMeeting>(blob.content()) else {
            return Ok(());
        };
        let Some(key) = stored.key.clone() else {
            return Ok(());
        };
        for t in treatments_of(&stored.meeting, &key, self.aliases) {
            let mut sections: Vec<(String, &str)> = [
                (TITLE, t.title.as_deref()),
                (INDSTILLING, t.indstilling.as_deref()),
                (BESLUTNING, t.beslutning.as_deref()),
            ]
            .into_iter()
            .filter_map(|(name, text)| Some((name.to_string(), text?)))
            .collect();
            if !t.quoted
                && let Some(item) = stored
                    .meeting
                    .items
                    .iter()
                    .find(|i| i.punkt == t.source.punkt)
            {
                sections.extend(
                    item.sections
                        .iter()
                        .map(|s| (s.name.to_lowercase(), s.text.as_str())),
                );
            }
            sections.retain(|(_, text)| !text.trim().is_empty());
            let mut folded = Vec::new();
            for (_, text) in &sections {
                folded.extend_from_slice(fold(text).as_bytes());
                folded.push(b'\n');
            }
            let texts: Vec<&str> = sections.iter().map(|(_, t)| *t).collect();
            let original = deflate(
                &mut self.compress,
                &serde_json::to_vec(&texts).unwrap_or_default(),
            )?;
            let meta = Meta {
                organisation: t.organisation.clone(),
                journal: t.journal.clone(),
                date: t.date,
                body: t.body.clone(),
                punkt: t.punkt,
                title: t.title.clone(),
                quoted: t.quoted,
                source: t.source.clone(),
                sections: sections.into_iter().map(|(name, _)| name).collect(),
                outcome: t.outcome,
            };
            let meta_bytes = serde_json::to_vec(&meta).unwrap_or_default();
            self.out.push(meta, &meta_bytes, &folded, &original);
        }
        Ok(())
    }
}

/// Copies the documents `range` of an old file onto `out`; `None` where
/// any of them cannot be read.
fn copy_docs(index: &mut Index, (start, end): (usize, usize), out: &mut Builder) -> Option<()> {
    if start >= end {
        return Some(());
    }
    let records = index.records.get(start..end)?.to_vec();
    let (first, last) = (records.first()?, records.last()?);
    let span = |a: (u64, u64), b: (u64, u64)| Some((a.0, b.0.checked_add(b.1)?.checked_sub(a.0)?));
    let meta = index
        .region_bytes(META, span(first.meta, last.meta)?)
        .ok()?;
    let folded = index
        .region_bytes(FOLDED, span(first.folded, last.folded)?)
        .ok()?;
    let original = index
        .region_bytes(ORIGINAL, span(first.original, last.original)?)
        .ok()?;
    let piece = |bytes: &'_ [u8], base: u64, (off, len): (u64, u64)| -> Option<Vec<u8>> {
        let from = usize::try_from(off.checked_sub(base)?).ok()?;
        Some(
            bytes
                .get(from..from.checked_add(usize::try_from(len).ok()?)?)?
                .to_vec(),
        )
    };
    for r in &records {
        let meta_bytes = piece(&meta, first.meta.0, r.meta)?;
        let parsed: Meta = serde_json::from_slice(&meta_bytes).ok()?;
        out.push(
            parsed,
            &meta_bytes,
            &piece(&folded, first.folded.0, r.folded)?,
            &piece(&original, first.original.0, r.original)?,
        );
    }
    Some(())
}

/// Takes back the documents from `len` on.
fn truncate(out: &mut Builder, len: usize) {
    let lengths = |docs: &[Doc], i: usize| -> u64 { docs.iter().map(|d| d.lengths[i]).sum() };
    let kept = &out.docs[..len.min(out.docs.len())];
    let (meta, folded, original) = (lengths(kept, 0), lengths(kept, 1), lengths(kept, 2));
    out.meta.truncate(meta as usize);
    out.folded.truncate(folded as usize);
    out.original.truncate(original as usize);
    out.docs.truncate(len);
}

/// `bytes` deflated by `compress` (reused: its state is large to set up).
fn deflate(compress: &mut Compress, bytes: &[u8]) -> Result<Vec<u8>, StoreError> {
    compress.reset();
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        let read = usize::try_from(compress.total_in()).unwrap_or(bytes.len());
        let status = compress
            .compress_vec(
                bytes.get(read..).unwrap_or_default(),
                &mut out,
                FlushCompress::Finish,
            )
            .map_err(|e| corrupt(&e.to_string()))?;
        if status == Status::StreamEnd {
            return Ok(out);
        }
        out.reserve(out.capacity().max(64));
    }
}

/// Which quotes a case's timeline drops (`crate::treatment::timeline`):
/// those of a decision whose meeting's own treatment is in the tree, and of
/// several quotes of one decision all but the one of the earliest source.
fn superseded(docs: &[Doc]) -> Vec<bool> {
    let decision = |d: &Doc| -> (Option<String>, String, Date, String) {
        (
            d.organisation.clone(),
            d.journal.clone(),
            d.date,
            d.body.clone(),
        )
    };
    let own: HashSet<_> = docs.iter().filter(|d| !d.quoted).map(decision).collect();
    let mut first_quote: HashMap<_, (usize, &SourceRef)> = HashMap::new();
    for (i, d) in docs.iter().enumerate().filter(|(_, d)| d.quoted) {
        let k = decision(d);
        if own.contains(&k) {
            continue;
        }
        match first_quote.get(&k) {
            Some((_, source)) if *source <= &d.source => {}
            _ => {
                first_quote.insert(k, (i, &d.source));
            }
        }
    }
    let kept: HashSet<usize> = first_quote.values().map(|(i, _)| *i).collect();
    docs.iter()
        .enumerate()
        .map(|(i, d)| d.quoted && !kept.contains(&i))
        .collect()
}

/// Writes the file: header, then the regions.
fn write_file(
    key: &str,
    aliases: &Aliases,
    b: &Builder,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let superseded = superseded(&b.docs);
    let mut strings: Vec<String> = Vec::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str| -> u32 {
        if let Some(&id) = ids.get(s) {
            return id;
        }
        let id = u32::try_from(strings.len()).unwrap_or(NONE);
        strings.push(s.to_string());
        ids.insert(s.to_string(), id);
        id
    };
    let mut records = Vec::with_capacity(b.docs.len() * RECORD);
    let mut at = [0u64; 3];
    for (doc, superseded) in b.docs.iter().zip(superseded) {
        let mut record = [0u8; RECORD];
        let mut put = |at: usize, bytes: &[u8]| record[at..at + bytes.len()].copy_from_slice(bytes);
        // Field offsets of the folded, meta and original pairs; `lengths`
        // is in region order (meta, folded, original).
        for (field, i) in [(0, 1), (12, 0), (24, 2)] {
            put(field, &at[i].to_le_bytes());
            put(field + 8, &(doc.lengths[i] as u32).to_le_bytes());
            at[i] += doc.lengths[i];
        }
        let date = u32::try_from(
            i32::from(doc.date.year()) * 10_000
                + i32::from(doc.date.month()) * 100
                + i32::from(doc.date.day()),
        )
        .unwrap_or(0);
        put(36, &date.to_le_bytes());
        put(40, &intern(&doc.body).to_le_bytes());
        let organisation = doc.organisation.as_deref().map_or(NONE, &mut intern);
        put(44, &organisation.to_le_bytes());
        let flags = if doc.quoted { QUOTED } else { 0 } | if superseded { SUPERSEDED } else { 0 };
        put(48, &flags.to_le_bytes());
        let outcome = doc
            .outcome
            .and_then(|o| OUTCOMES.iter().position(|&known| known == o))
            .map_or(0, |i| i as u8 + 1);
        put(52, &[outcome]);
        records.extend_from_slice(&record);
    }
    let folders = serde_json::to_vec(&FolderTable {
        aliases: aliases_digest(aliases),
        folders: b.folders.clone(),
    })
    .unwrap_or_default();
    let strings = serde_json::to_vec(&strings).unwrap_or_default();
    let regions: [&[u8]; REGIONS] = [
        &folders,
        &records,
        &strings,
        &b.meta,
        &b.folded,
        &b.original,
    ];
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    header.extend_from_slice(&[0; 4]);
    let mut key_bytes = [b'0'; 64];
    let n = key.len().min(64);
    key_bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    header.extend_from_slice(&key_bytes);
    header.extend_from_slice(&(b.docs.len() as u64).to_le_bytes());
    let mut offset = HEADER as u64;
    for region in &regions {
        header.extend_from_slice(&offset.to_le_bytes());
        header.extend_from_slice(&(region.len() as u64).to_le_bytes());
        offset += region.len() as u64;
    }
    out.write_all(&header)?;
    for region in regions {
        out.write_all(region)?;
    }
    out.flush()
}
