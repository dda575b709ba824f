//! Writing an import's objects as one pack.
//!
//! libgit2's packbuilder compresses on one core at zlib's default level and
//! re-reads every object it packs; for an import, where the objects are few
//! and fresh, that compression was half the time. This writes the plain
//! version-2 pack format (no deltas) with fast compression spread over the
//! machine's cores, and lets libgit2's indexer check and index it.

use flate2::Compression;
use flate2::write::ZlibEncoder;
use git2::{ObjectType, Odb, Oid};
use sha1::{Digest, Sha1};
use std::collections::HashMap;
use std::io::Write;

/// One object, read from the object database.
struct Object {
    kind: ObjectType,
    data: Vec<u8>,
}

/// Objects read and compressed at a time: memory stays bounded however
/// many objects the pack holds.
const BATCH: usize = 512;

/// Packs `oids` (blobs from `blobs`, everything else read from `odb`) and
/// hands the pack to `odb`'s pack writer, which verifies it, writes it and
/// its index, and makes it visible.
pub(super) fn write(
    odb: &Odb,
    oids: &[Oid],
    blobs: &HashMap<Oid, Vec<u8>>,
) -> Result<(), git2::Error> {
    if oids.is_empty() {
        return Ok(());
    }
    let io = |e: std::io::Error| git2::Error::from_str(&e.to_string());
    let count = u32::try_from(oids.len())
        .map_err(|_| git2::Error::from_str("too many objects for one pack"))?;
    let mut writer = odb.packwriter()?;
    let mut checksum = Sha1::new();
    let mut emit = |bytes: &[u8]| -> Result<(), git2::Error> {
        checksum.update(bytes);
        writer.write_all(bytes).map_err(io)
    };
    emit(b"PACK")?;
    emit(&2u32.to_be_bytes())?;
    emit(&count.to_be_bytes())?;
    for batch in oids.chunks(BATCH) {
        let objects: Vec<Object> = batch
            .iter()
            .map(|oid| {
                if let Some(data) = blobs.get(oid) {
                    return Ok(Object {
                        kind: ObjectType::Blob,
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
        for entry in compress_all(&objects)? {
            emit(&entry)?;
        }
    }
    let trailer = checksum.finalize();
    writer.write_all(&trailer).map_err(io)?;
    writer.commit()?;
    Ok(())
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
