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
use crate::model::{DocumentKind, Punkt};
use crate::search::{BESLUTNING, INDSTILLING, TITLE, fold};
use crate::treatment::{SourceRef, treatments_of};
use flate2::Compression;
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
const VERSION: u32 = 1;
/// The largest file read whole (to be reused after the branch moved): far
/// above a large store's (about 200 MB for 10,000 meetings). A larger file
/// is rebuilt, never read.
const FILE_LIMIT: u64 = 4 << 30;
/// Bytes of folded text read at a time while scanning.
const CHUNK: usize = 4 << 20;
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
}

/// One document on its way into a new file.
struct Doc {
    meta: Vec<u8>,
    folded: Vec<u8>,
    original: Vec<u8>,
    date: Date,
    body: String,
    organisation: Option<String>,
    quoted: bool,
    /// What decides whether a quote is superseded: the case, the date and
    /// body of the decision, and where it was read.
    journal: String,
    source: SourceRef,
}

/// Folders of the tree the documents were derived from: path → object id
/// and the documents below it.
type Folders = BTreeMap<String, (String, usize, usize)>;

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

fn truncated() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "search file truncated")
}

/// An open search file whose key matched.
pub struct Index {
    source: Source,
    regions: [(u64, u64); REGIONS],
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
}

/// A treatment that holds every needle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Its place in the file.
    pub doc: usize,
    /// The treating meeting's date.
    pub date: Date,
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
    /// Reads the header, records and strings of a file whose key is `key`;
    /// `None` for anything else (missing, another key or version, broken).
    fn open(mut source: Source, key: &str) -> Option<Index> {
        let total = match &source {
            Source::File(file) => file.metadata().ok()?.len(),
            Source::Memory(bytes) => bytes.len() as u64,
        };
        let mut header = [0u8; HEADER];
        source.read_at(0, &mut header).ok()?;
        let (file_key, count, regions) = parse_header(&header)?;
        if file_key != key.as_bytes() {
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
        // The folded text of the documents must lie in order inside its
        // region: the scan maps a position to a document by it.
        let mut at = 0;
        for r in &index.records {
            if r.folded.0 != at {
                return None;
            }
            at = r.folded.0.checked_add(r.folded.1)?;
        }
        (at == regions[FOLDED].1).then_some(index)
    }

    /// The bytes `range` (offset, length) of a region.
    fn region_bytes(&mut self, region: usize, range: (u64, u64)) -> Result<Vec<u8>, StoreError> {
        let (start, len) = self.regions[region];
        let (off, want) = range;
        if off.checked_add(want).is_none_or(|end| end > len) || want > FILE_LIMIT {
            return Err(corrupt("an offset points outside its region"));
        }
        let mut buf = vec![0u8; usize::try_from(want).map_err(|_| corrupt("too large"))?];
        self.source
            .read_at(start + off, &mut buf)
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
        let starts: Vec<u64> = self.records.iter().map(|r| r.folded.0).collect();
        let ends: Vec<u64> = self
            .records
            .iter()
            .map(|r| r.folded.0 + r.folded.1)
            .collect();
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
            let old = buf.len();
            buf.resize(old + take, 0);
            self.source
                .read_at(region_start + next, &mut buf[old..])
                .map_err(|e| corrupt(&e.to_string()))?;
            next += take as u64;
            for (finder, bits) in finders.iter().zip(seen.iter_mut()) {
                let mut at = 0;
                while let Some(found) = finder.find(&buf[at..]) {
                    let position = base + (at + found) as u64;
                    let doc = starts.partition_point(|&s| s <= position).saturating_sub(1);
                    bits[doc / 64] |= 1 << (doc % 64);
                    // On to the next document: one hit per document is enough.
                    let end = ends[doc].saturating_sub(base) as usize;
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

fn parse_header(header: &[u8; HEADER]) -> Option<(&[u8], u64, [(u64, u64); REGIONS])> {
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
    let current = files::open_regular(&path)
        .ok()
        .and_then(|file| Index::open(Source::File(file), &key));
    let mut index = match current {
        Some(index) => index,
        None => {
            let bytes = rebuild(repo, tree, aliases, &key, &path)?;
            // A read-only store still answers; it just cannot keep the file.
            let _ = files::write_replacing(&path, &bytes);
            Index::open(Source::Memory(bytes), &key)
                .ok_or_else(|| corrupt("the file just made does not read back"))?
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
                body: r.body,
                organisation: r.organisation,
            })
        })
        .collect();
    Ok(SearchResults { index, found })
}

/// The bytes of a new search file for `tree`, reusing the documents of
/// every folder the old file at `path` derived from an unchanged folder.
fn rebuild(
    repo: &Repository,
    tree: &Tree,
    aliases: &Aliases,
    key: &str,
    path: &Path,
) -> Result<Vec<u8>, StoreError> {
    let old = files::read_bounded(path, FILE_LIMIT)
        .ok()
        .and_then(OldFile::read);
    let mut docs: Vec<Doc> = Vec::new();
    let mut folders: Folders = BTreeMap::new();
    if let Some(entry) = tree.get_name("meetings") {
        walk(
            repo,
            entry.id(),
            "meetings",
            MEETING_LEVELS,
            old.as_ref(),
            aliases,
            &mut docs,
            &mut folders,
        )?;
    }
    Ok(write_file(key, &folders, docs))
}

/// An older search file, read whole to take documents from.
struct OldFile {
    bytes: Vec<u8>,
    regions: [(u64, u64); REGIONS],
    records: Vec<Record>,
    folders: Folders,
}

impl OldFile {
    fn read(bytes: Vec<u8>) -> Option<OldFile> {
        let header: &[u8; HEADER] = bytes.get(..HEADER)?.try_into().ok()?;
        let (_, count, regions) = parse_header(header)?;
        let region = |i: usize| -> Option<&[u8]> {
            let (off, len) = regions[i];
            bytes.get(usize::try_from(off).ok()?..usize::try_from(off.checked_add(len)?).ok()?)
        };
        let records = region(RECORDS)?;
        if records.len() as u64 != count.checked_mul(RECORD as u64)? {
            return None;
        }
        let records = records
            .chunks_exact(RECORD)
            .map(parse_record)
            .collect::<Option<Vec<_>>>()?;
        let folders: Folders = serde_json::from_slice(region(FOLDERS)?).ok()?;
        Some(OldFile {
            bytes,
            regions,
            records,
            folders,
        })
    }

    fn slice(&self, region: usize, (off, len): (u64, u64)) -> Option<&[u8]> {
        let (start, region_len) = self.regions[region];
        if off.checked_add(len)? > region_len {
            return None;
        }
        let from = usize::try_from(start.checked_add(off)?).ok()?;
        self.bytes
            .get(from..from.checked_add(usize::try_from(len).ok()?)?)
    }

    /// The documents `range` of the old file, or `None` if any is broken.
    fn docs(&self, range: (usize, usize)) -> Option<Vec<Doc>> {
        let records = self.records.get(range.0..range.1)?;
        records
            .iter()
            .map(|r| {
                let meta_bytes = self.slice(META, r.meta)?;
                let meta: Meta = serde_json::from_slice(meta_bytes).ok()?;
                Some(Doc {
                    meta: meta_bytes.to_vec(),
                    folded: self.slice(FOLDED, r.folded)?.to_vec(),
                    original: self.slice(ORIGINAL, r.original)?.to_vec(),
                    date: meta.date,
                    body: meta.body,
                    organisation: meta.organisation,
                    quoted: meta.quoted,
                    journal: meta.journal,
                    source: meta.source,
                })
            })
            .collect()
    }
}

/// Derives the documents below the folder `oid` at `path`, `levels` above
/// the meeting folders, taking an unchanged folder's from `old`.
#[allow(clippy::too_many_arguments)]
fn walk(
    repo: &Repository,
    oid: git2::Oid,
    path: &str,
    levels: usize,
    old: Option<&OldFile>,
    aliases: &Aliases,
    docs: &mut Vec<Doc>,
    folders: &mut Folders,
) -> Result<(), StoreError> {
    let id = oid.to_string();
    let first = docs.len();
    if let Some(old) = old
        && let Some((old_id, start, end)) = old.folders.get(path)
        && *old_id == id
        && let Some(reused) = old.docs((*start, *end))
    {
        docs.extend(reused);
        // The folders below it, moved to where their documents now are.
        let prefix = format!("{path}/");
        for (p, (o, s, e)) in old.folders.range(prefix.clone()..) {
            if !p.starts_with(&prefix) {
                break;
            }
            let shift = |n: usize| n - start + first;
            folders.insert(p.clone(), (o.clone(), shift(*s), shift(*e)));
        }
        folders.insert(path.to_string(), (id, first, docs.len()));
        return Ok(());
    }
    let tree = repo.find_tree(oid)?;
    if levels == 0 {
        docs.extend(meeting_docs(repo, path, &tree, aliases)?);
    } else {
        for entry in tree.iter().filter(|e| e.kind() == Some(ObjectType::Tree)) {
            let Ok(name) = entry.name() else {
                continue;
            };
            let child = format!("{path}/{name}");
            walk(
                repo,
                entry.id(),
                &child,
                levels - 1,
                old,
                aliases,
                docs,
                folders,
            )?;
        }
    }
    folders.insert(path.to_string(), (id, first, docs.len()));
    Ok(())
}

/// The treatments one meeting folder holds, as documents: those of its
/// minutes where they are stored, else of its agenda (as the tree's).
fn meeting_docs(
    repo: &Repository,
    path: &str,
    tree: &Tree,
    aliases: &Aliases,
) -> Result<Vec<Doc>, StoreError> {
    let Some(entry) = [DocumentKind::Referat, DocumentKind::Dagsorden]
        .into_iter()
        .find_map(|kind| tree.get_name(document_files(kind).1))
    else {
        return Ok(Vec::new());
    };
    let name = entry.name().unwrap_or_default().to_string();
    let blob = repo.find_blob(entry.id())?;
    let stored: StoredMeeting =
        serde_json::from_slice(blob.content()).map_err(|e| StoreError::Corrupt {
            path: format!("{path}/{name}"),
            message: e.to_string(),
        })?;
    let Some(key) = stored.key.clone() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for t in treatments_of(&stored.meeting, &key, aliases) {
        let mut sections: Vec<(String, String)> = Vec::new();
        let mut add = |name: &str, text: Option<&str>| {
            if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                sections.push((name.to_string(), text.to_string()));
            }
        };
        add(TITLE, t.title.as_deref());
        add(INDSTILLING, t.indstilling.as_deref());
        add(BESLUTNING, t.beslutning.as_deref());
        if !t.quoted
            && let Some(item) = stored
                .meeting
                .items
                .iter()
                .find(|i| i.punkt == t.source.punkt)
        {
            for s in &item.sections {
                add(&s.name.to_lowercase(), Some(&s.text));
            }
        }
        let mut folded = Vec::new();
        for (_, text) in &sections {
            folded.extend_from_slice(fold(text).as_bytes());
            folded.push(b'\n');
        }
        let texts: Vec<&str> = sections.iter().map(|(_, t)| t.as_str()).collect();
        let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
        let original = deflate
            .write_all(&serde_json::to_vec(&texts).unwrap_or_default())
            .and_then(|()| deflate.finish())
            .map_err(|e| corrupt(&e.to_string()))?;
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
        };
        out.push(Doc {
            meta: serde_json::to_vec(&meta).unwrap_or_default(),
            folded,
            original,
            date: t.date,
            body: t.body,
            organisation: t.organisation,
            quoted: t.quoted,
            journal: t.journal,
            source: t.source,
        });
    }
    Ok(out)
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

/// The file's bytes: header, then the regions.
fn write_file(key: &str, folders: &Folders, docs: Vec<Doc>) -> Vec<u8> {
    let superseded = superseded(&docs);
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
    let mut records = Vec::with_capacity(docs.len() * RECORD);
    let (mut meta, mut folded, mut original) = (Vec::new(), Vec::new(), Vec::new());
    for (doc, superseded) in docs.iter().zip(superseded) {
        let mut record = [0u8; RECORD];
        let mut put = |at: usize, bytes: &[u8]| record[at..at + bytes.len()].copy_from_slice(bytes);
        for (at, region, bytes) in [
            (0, &mut folded, &doc.folded),
            (12, &mut meta, &doc.meta),
            (24, &mut original, &doc.original),
        ] {
            put(at, &(region.len() as u64).to_le_bytes());
            put(at + 8, &(bytes.len() as u32).to_le_bytes());
            region.extend_from_slice(bytes);
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
        records.extend_from_slice(&record);
    }
    let regions: [Vec<u8>; REGIONS] = [
        serde_json::to_vec(folders).unwrap_or_default(),
        records,
        serde_json::to_vec(&strings).unwrap_or_default(),
        meta,
        folded,
        original,
    ];
    let mut out = Vec::with_capacity(HEADER + regions.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    let mut key_bytes = [b'0'; 64];
    let n = key.len().min(64);
    key_bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    out.extend_from_slice(&key_bytes);
    out.extend_from_slice(&(docs.len() as u64).to_le_bytes());
    let mut offset = HEADER as u64;
    for region in &regions {
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(region.len() as u64).to_le_bytes());
        offset += region.len() as u64;
    }
    for region in &regions {
        out.extend_from_slice(region);
    }
    out
}
