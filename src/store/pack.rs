//! Writing an import's objects as one pack.
//!
//! libgit2's packbuilder compresses on one core at zlib's default level and
//! re-reads every object it packs, and its indexer inflates and re-hashes
//! every object of a pack it is given; for an import, where every object id,
//! offset and checksum is already known here, that was most of the time.
//! This writes the plain version-2 pack format (no deltas) with fast
//! compression on all cores, and its version-2 index beside it, in the
//! layout git documents (gitformat-pack); `git fsck` and `sagsspor verify`
//! check both.

use flate2::Compression;
use flate2::write::ZlibEncoder;
use git2::{ObjectType, Odb, Oid};
use sha1::{Digest, Sha1};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// One object, read from the object database.
struct Object {
    kind: ObjectType,
    data: Vec<u8>,
}

/// Objects read and compressed at a time: memory stays bounded however
/// many objects the pack holds.
const BATCH: usize = 512;

/// Packs `oids` (from `objects`, anything else read from `odb`) into
/// `pack_dir` as `pack-<checksum>.pack` with its `.idx`. Both are written
/// and synced under temporary names first; then the pack and its index are
/// renamed into place one right after the other (the index last, so no
/// reader ever sees an index without its pack) and the folder is synced.
/// A crash between the two renames leaves a pack without index, which
/// [`remove_leftovers`] clears.
pub(super) fn write(
    odb: &Odb,
    pack_dir: &Path,
    oids: &[Oid],
    objects: &HashMap<Oid, (ObjectType, Vec<u8>)>,
) -> Result<(), git2::Error> {
    if oids.is_empty() {
        return Ok(());
    }
    let io = |e: std::io::Error| git2::Error::from_str(&format!("writing a pack: {e}"));
    let count = u32::try_from(oids.len())
        .map_err(|_| git2::Error::from_str("too many objects for one pack"))?;
    let tmp_pack = pack_dir.join(format!("{TMP_PREFIX}{}.pack", std::process::id()));
    let mut out = Counted {
        file: std::io::BufWriter::new(create_new(&tmp_pack).map_err(io)?),
        checksum: Sha1::new(),
        offset: 0,
    };
    out.emit(b"PACK").map_err(io)?;
    out.emit(&2u32.to_be_bytes()).map_err(io)?;
    out.emit(&count.to_be_bytes()).map_err(io)?;
    // (id, CRC-32 of the entry, offset of the entry) for the index.
    let mut index: Vec<(Oid, u32, u64)> = Vec::with_capacity(oids.len());
    for batch in oids.chunks(BATCH) {
        let objects: Vec<Object> = batch
            .iter()
            .map(|oid| {
                if let Some((kind, data)) = objects.get(oid) {
                    return Ok(Object {
                        kind: *kind,
                        data: data.clone(),
                    });
                }
                let object = odb.read(*oid)?;
                Ok(Object {
                    kind: object.kind(),
                    data: object.data().to_vec(),
                })
            })
            .collect::<Result<_, git2::Error>>()?;
        for (oid, entry) in batch.iter().zip(compress_all(&objects)?) {
            index.push((*oid, crc32fast::hash(&entry), out.offset));
            out.emit(&entry).map_err(io)?;
        }
    }
    let trailer: [u8; 20] = out.checksum.finalize().into();
    let mut file = out.file;
    file.write_all(&trailer).map_err(io)?;
    file.into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)?;
    let name = format!("pack-{}", super::hex(&trailer));
    let tmp_idx = pack_dir.join(format!("{TMP_PREFIX}{}.idx", std::process::id()));
    create_new(&tmp_idx)
        .and_then(|mut f| {
            f.write_all(&index_bytes(index, &trailer))?;
            f.sync_all()
        })
        .map_err(io)?;
    std::fs::rename(&tmp_pack, pack_dir.join(format!("{name}.pack"))).map_err(io)?;
    std::fs::rename(&tmp_idx, pack_dir.join(format!("{name}.idx"))).map_err(io)?;
    // The renames themselves must reach the disk before the branch moves.
    std::fs::File::open(pack_dir)
        .and_then(|dir| dir.sync_all())
        .map_err(io)?;
    odb.refresh()?;
    Ok(())
}

/// Creates a temporary file that must not exist yet: `remove_leftovers` has
/// cleared the names under the import lock, so anything there now was
/// planted, and creating exclusively never follows a link.
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
}

/// The pack file being written, with its running checksum and length.
struct Counted {
    file: std::io::BufWriter<std::fs::File>,
    checksum: Sha1,
    offset: u64,
}

impl Counted {
    fn emit(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.checksum.update(bytes);
        self.offset += bytes.len() as u64;
        self.file.write_all(bytes)
    }
}

/// Removes half-written packs of an import that was killed, and a pack
/// left without its index (git warns about it on every command). Called
/// with the import lock held, so no other import is writing one; a pack
/// without index is removed only once it is older than any pack another
/// git process could be finishing.
pub(super) fn remove_leftovers(pack_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(pack_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let orphan = name
            .strip_suffix(".pack")
            .filter(|stem| stem.starts_with("pack-"))
            .is_some_and(|stem| {
                !pack_dir.join(format!("{stem}.idx")).exists()
                    && entry
                        .metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > ORPHAN_AGE)
            });
        if name.starts_with(TMP_PREFIX) || orphan {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// How old a pack without index must be before it counts as left behind.
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Packs a store may have before the small ones are joined: every import
/// writes one, and every reader looks into each (git's own `gc.autoPackLimit`
/// is 50).
const MAX_PACKS: usize = 50;
/// Packs left after joining: the largest ones, untouched.
const KEPT_PACKS: usize = 10;

/// Keeps the number of packs bounded as daily imports add one each: once
/// there are more than [`MAX_PACKS`], all but the [`KEPT_PACKS`] largest
/// are written as one pack and removed. Joining only the small ones keeps
/// the cost of a join independent of the store's size (large packs, such
/// as a first import's, are never rewritten). A pack with a `.keep` file is
/// left alone, as git does. Called with the import lock held.
pub(super) fn consolidate(odb: &Odb, pack_dir: &Path) -> Result<(), git2::Error> {
    let io = |e: std::io::Error| git2::Error::from_str(&format!("joining packs: {e}"));
    let mut packs: Vec<(u64, std::path::PathBuf)> = std::fs::read_dir(pack_dir)
        .map_err(io)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "idx"))
        .filter(|idx| idx.with_extension("pack").exists() && !idx.with_extension("keep").exists())
        .map(|idx| {
            let size = std::fs::metadata(idx.with_extension("pack")).map_or(0, |m| m.len());
            (size, idx)
        })
        .collect();
    if packs.len() <= MAX_PACKS {
        return Ok(());
    }
    packs.sort();
    let small = &packs[..packs.len() - KEPT_PACKS];
    let mut oids = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, idx) in small {
        for oid in index_ids(&std::fs::read(idx).map_err(io)?)? {
            if seen.insert(oid) {
                oids.push(oid);
            }
        }
    }
    write(odb, pack_dir, &oids, &HashMap::new())?;
    for (_, idx) in small {
        // The index first: a pack without index is invisible and cleared
        // later, an index without its pack would be an error.
        std::fs::remove_file(idx).map_err(io)?;
        std::fs::remove_file(idx.with_extension("pack")).map_err(io)?;
    }
    odb.refresh()
}

/// The object ids a version-2 pack index lists.
fn index_ids(bytes: &[u8]) -> Result<Vec<Oid>, git2::Error> {
    let bad = || git2::Error::from_str("a pack index that is not version 2");
    if bytes.get(..8) != Some(b"\xfftOc\x00\x00\x00\x02".as_slice()) {
        return Err(bad());
    }
    let count = bytes
        .get(8 + 255 * 4..8 + 256 * 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
        .ok_or_else(bad)? as usize;
    let ids = bytes
        .get(8 + 256 * 4..8 + 256 * 4 + count * 20)
        .ok_or_else(bad)?;
    ids.chunks(20).map(Oid::from_bytes).collect()
}

/// Names of files being written; see [`remove_leftovers`].
const TMP_PREFIX: &str = "tmp_sagsspor_";

/// A version-2 pack index: magic, version, fan-out table, sorted ids, their
/// CRC-32s and offsets (large offsets in a second table), the pack's
/// checksum, and the index's own checksum.
fn index_bytes(mut entries: Vec<(Oid, u32, u64)>, pack_checksum: &[u8; 20]) -> Vec<u8> {
    entries.sort_by_key(|e| e.0);
    let mut out = Vec::with_capacity(1072 + entries.len() * 28 + 40);
    out.extend_from_slice(b"\xfftOc");
    out.extend_from_slice(&2u32.to_be_bytes());
    let mut fanout = [0u32; 256];
    for (oid, _, _) in &entries {
        fanout[usize::from(oid.as_bytes()[0])] += 1;
    }
    let mut total = 0u32;
    for count in fanout {
        total += count;
        out.extend_from_slice(&total.to_be_bytes());
    }
    for (oid, _, _) in &entries {
        out.extend_from_slice(oid.as_bytes());
    }
    for (_, crc, _) in &entries {
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut large: Vec<u64> = Vec::new();
    for (_, _, offset) in &entries {
        let small = match u32::try_from(*offset) {
            Ok(o) if o < 0x8000_0000 => o,
            _ => {
                large.push(*offset);
                0x8000_0000 | (large.len() as u32 - 1)
            }
        };
        out.extend_from_slice(&small.to_be_bytes());
    }
    for offset in large {
        out.extend_from_slice(&offset.to_be_bytes());
    }
    out.extend_from_slice(pack_checksum);
    let own: [u8; 20] = Sha1::digest(&out).into();
    out.extend_from_slice(&own);
    out
}

/// Compresses every object into its pack entry, on all cores.
fn compress_all(objects: &[Object]) -> Result<Vec<Vec<u8>>, git2::Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = objects.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = objects
            .chunks(chunk)
            .map(|part| scope.spawn(move || compress_part(part)))
            .collect();
        let mut out = Vec::with_capacity(objects.len());
        for handle in handles {
            let part = handle
                .join()
                .map_err(|_| git2::Error::from_str("a compression thread panicked"))?
                .map_err(|e| git2::Error::from_str(&e.to_string()))?;
            out.extend(part);
        }
        Ok(out)
    })
}

/// Pack entries for a run of objects, reusing one compressor: setting one up
/// costs more than compressing a small object.
fn compress_part(objects: &[Object]) -> std::io::Result<Vec<Vec<u8>>> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
    let mut out = Vec::with_capacity(objects.len());
    for object in objects {
        encoder.reset(header(object)?)?;
        encoder.write_all(&object.data)?;
        encoder.try_finish()?;
        out.push(encoder.reset(Vec::new())?);
    }
    Ok(out)
}

/// An entry's type-and-size header.
fn header(object: &Object) -> std::io::Result<Vec<u8>> {
    let kind: u8 = match object.kind {
        ObjectType::Commit => 1,
        ObjectType::Tree => 2,
        ObjectType::Blob => 3,
        ObjectType::Tag => 4,
        _ => {
            return Err(std::io::Error::other("unexpected object type in an import"));
        }
    };
    let mut out = Vec::with_capacity(object.data.len() / 3 + 16);
    let mut size = object.data.len();
    let mut byte = (kind << 4) | (size & 0x0f) as u8;
    size >>= 4;
    while size > 0 {
        out.push(byte | 0x80);
        byte = (size & 0x7f) as u8;
        size >>= 7;
    }
    out.push(byte);
    Ok(out)
}
