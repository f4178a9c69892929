//! Bytes -> archive entries for the zip family: Python wheels, VS Code extensions (`.vsix`),
//! browser extensions (`.crx` after its header, `.xpi`), Java archives and plain zips. The
//! files are inflated into one buffer, as a tar stream is, so that everything after the
//! archive works unchanged.
//!
//! A zip names its files twice, in the central directory at its end and in a local header
//! before each file's data; hostile zips play on the difference (a scanner reads one list,
//! an installer the other), on two entries of one name (tools keep one or the other), and
//! on entries that share their compressed bytes (a zip bomb that needs no recursion). All
//! are refused, as is a zip with many end-of-directory records (the zip crate tries each in
//! turn, reading the central directory again every time); sizes are checked against the
//! limits before anything is inflated, and an entry that inflates past the size it declares
//! is stopped.

use std::io::{Cursor, Read};

use super::entries::{LinkFound, beginning, beginning_of};
use super::{ArchiveError, Format, TarFile, UnreadEntry, UnreadWhy, sniff};
use crate::limits::Limits;

/// What a zip held: the files' bytes back to back, where each is, its links, the entries
/// that could not be read, and why reading stopped early.
#[derive(Default)]
pub(super) struct ZipContents {
    pub data: Vec<u8>,
    pub files: Vec<TarFile>,
    pub links: Vec<LinkFound>,
    pub unread: Vec<UnreadEntry>,
    pub error: Option<ArchiveError>,
}

/// End-of-directory records a zip may hold: its own, and a few of archives stored inside
/// it uncompressed.
const MAX_ENDS: usize = 64;

/// Reads a zip (`input` starts at its first local header, a CRX header already skipped),
/// and the archives inside it.
pub(super) fn read(input: &[u8], limits: &Limits) -> ZipContents {
    let mut out = ZipContents::default();
    read_into(&mut out, input, "", limits);
    open_nested(&mut out, limits);
    out
}

/// Opens each archive among the files read so far (named like one, and one by its bytes),
/// adding its files under `name!/`: one level deep, since the files it adds are not looked
/// at and the readers of nested archives open none of their own. A tarball's archives are
/// opened the same way once it is read ([`super::Unpack::finish_with`]).
pub(super) fn open_nested(out: &mut ZipContents, limits: &Limits) {
    for i in 0..out.files.len() {
        let path = out.files[i].path.to_ascii_lowercase();
        if super::EXTENSIONS.iter().any(|ext| path.ends_with(ext)) {
            let TarFile { path, range } = out.files[i].clone();
            nested(out, range, &path, limits);
        }
    }
}

/// Where a CRX's zip starts: after its magic, version and header (CRX3: one length; CRX2:
/// a key and a signature).
pub(super) fn crx_zip_start(input: &[u8]) -> Option<usize> {
    let word = |at: usize| {
        input
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    match word(4)? {
        3 => 12usize.checked_add(word(8)?),
        2 => 16usize.checked_add(word(8)?)?.checked_add(word(12)?),
        _ => None,
    }
    .filter(|&start| start <= input.len())
}

/// One entry as the central directory gives it, before its data is read.
struct Listed {
    index: usize,
    name: Vec<u8>,
    size: u64,
    /// The local header to the end of the compressed data.
    span: std::ops::Range<u64>,
    encrypted: bool,
    dir: bool,
    symlink: bool,
    method: zip::CompressionMethod,
    compressed: u64,
}

fn read_into(out: &mut ZipContents, input: &[u8], prefix: &str, limits: &Limits) {
    let ends = memchr::memmem::find_iter(input, b"PK\x05\x06")
        .take(MAX_ENDS + 1)
        .count();
    if ends > MAX_ENDS {
        out.error = Some(ArchiveError::BrokenZip {
            entries_read: 0,
            detail: format!(
                "it holds more than {MAX_ENDS} end-of-directory records, where a zip has one"
            ),
        });
        return;
    }
    let mut zip = match zip::ZipArchive::new(Cursor::new(input)) {
        Ok(zip) => zip,
        Err(e) => {
            let before = out.files.len();
            if ends == 0 {
                salvage(out, input, prefix, limits);
            }
            out.error = Some(unlisted(ends == 0, out.files.len() - before, &e));
            return;
        }
    };
    if let Some(e) = twice_named(input, zip.len()) {
        out.error = Some(e);
        return;
    }
    let listed = match list(&mut zip, input, limits, out) {
        Ok(listed) => listed,
        Err(e) => {
            out.error = Some(e);
            return;
        }
    };
    for entry in listed {
        if let Err(e) = add(out, &mut zip, entry, prefix, limits) {
            out.error = Some(e);
            return;
        }
    }
}

/// Entries the zip's end-of-directory record counts beyond the names the zip crate kept: two
/// entries of one name, of which the crate keeps the last and an installer may take either.
fn twice_named(input: &[u8], names: usize) -> Option<ArchiveError> {
    let end = memchr::memmem::rfind(input, b"PK\x05\x06")?;
    let count = input.get(end + 10..end + 12)?;
    let count = usize::from(u16::from_le_bytes([count[0], count[1]]));
    // 0xFFFF: a Zip64 archive keeps its count elsewhere.
    (count != 0xFFFF && count > names).then(|| ArchiveError::BrokenZip {
        entries_read: 0,
        detail: format!(
            "its list of files has {count} entries but only {names} names: an entry's name \
             is given twice, and tools that keep one or the other would see different files"
        ),
    })
}

/// Why a zip could not be opened: without its central directory (a download cut short),
/// or damaged.
fn unlisted(cut: bool, entries_read: usize, error: &zip::result::ZipError) -> ArchiveError {
    ArchiveError::BrokenZip {
        entries_read,
        detail: if cut {
            format!(
                "its list of files, which a zip keeps at its end, is missing: the file is cut \
                 short (the {} before the break were read from their own headers)",
                crate::text::plural(entries_read, "file", "files")
            )
        } else {
            format!("its list of files cannot be read: {error}")
        },
    }
}

/// A zip cut short, without its list of files: the files whose headers and data are whole,
/// read from the start as a streaming reader would, up to the first that is not.
fn salvage(out: &mut ZipContents, input: &[u8], prefix: &str, limits: &Limits) {
    let mut cursor = Cursor::new(input);
    while out.files.len() < limits.max_entries {
        let Ok(Some(file)) = zip::read::read_zipfile_from_stream(&mut cursor) else {
            return;
        };
        let size = file.size();
        let total = (out.data.len() as u64).saturating_add(size);
        if size > limits.max_file_size || total > limits.max_unpacked {
            return;
        }
        let Ok(path) = entry_path(&String::from_utf8_lossy(file.name_raw()), prefix, limits) else {
            return;
        };
        if file.is_dir() || path.is_empty() {
            continue;
        }
        let start = out.data.len();
        let read = file.take(size.saturating_add(1)).read_to_end(&mut out.data);
        if read.map_or(true, |n| n as u64 != size) {
            out.data.truncate(start);
            return;
        }
        out.files.push(TarFile {
            path,
            range: start..out.data.len(),
        });
    }
}

/// The central directory, checked before anything is inflated: within the entry limit,
/// each name as its local header gives it, no two entries sharing bytes, the declared
/// sizes within the limits.
fn list(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    input: &[u8],
    limits: &Limits,
    // What is already read (the outer archive's files, for a nested one): the limits
    // count it too.
    before: &ZipContents,
) -> Result<Vec<Listed>, ArchiveError> {
    if zip.len().saturating_add(before.files.len()) > limits.max_entries {
        return Err(ArchiveError::TooManyEntries {
            limit: limits.max_entries,
        });
    }
    let mut listed = Vec::with_capacity(zip.len());
    let mut total = before.data.len() as u64;
    for index in 0..zip.len() {
        let broken = |detail: String| ArchiveError::BrokenZip {
            entries_read: 0,
            detail,
        };
        let file = zip.by_index_raw(index).map_err(|e| broken(e.to_string()))?;
        let name = file.name_raw().to_vec();
        let local = local_name(input, file.header_start());
        if local != Some(name.as_slice()) {
            return Err(broken(format!(
                "its list of files names {} where the entry's own header names {}: tools \
                 that read one or the other would see different files",
                shown(&name),
                local.map_or_else(|| "nothing".into(), shown)
            )));
        }
        total = total.saturating_add(file.size());
        let path = crate::path::clean_segments(&String::from_utf8_lossy(&name)).join("/");
        // A link holds its target's path: no longer than a path may be.
        if file.is_symlink() && file.size() > limits.max_path_length as u64 {
            return Err(ArchiveError::PathTooLong {
                path: beginning(&path),
                length: usize::try_from(file.size()).unwrap_or(usize::MAX),
                limit: limits.max_path_length,
            });
        }
        if file.is_file() && file.size() > limits.max_file_size {
            return Err(ArchiveError::FileTooLarge {
                path: beginning(&path),
                size: file.size(),
                limit: limits.max_file_size,
            });
        }
        if total > limits.max_unpacked {
            return Err(ArchiveError::TooLarge {
                limit: limits.max_unpacked,
            });
        }
        listed.push(Listed {
            index,
            size: file.size(),
            span: file.header_start()..file.data_start().saturating_add(file.compressed_size()),
            encrypted: file.encrypted(),
            dir: file.is_dir(),
            symlink: file.is_symlink(),
            method: file.compression(),
            compressed: file.compressed_size(),
            name,
        });
    }
    refuse_overlaps(&listed)?;
    Ok(listed)
}

/// Two entries whose bytes overlap: the trick of a zip bomb that inflates one compressed
/// stream many times over. No tool writes one.
fn refuse_overlaps(listed: &[Listed]) -> Result<(), ArchiveError> {
    let mut spans: Vec<&Listed> = listed.iter().collect();
    spans.sort_by_key(|l| l.span.start);
    for pair in spans.windows(2) {
        if pair[1].span.start < pair[0].span.end {
            return Err(ArchiveError::BrokenZip {
                entries_read: 0,
                detail: format!(
                    "the entries {} and {} share their compressed bytes, as a zip bomb's do",
                    shown(&pair[0].name),
                    shown(&pair[1].name)
                ),
            });
        }
    }
    Ok(())
}

/// The name a local header at `at` gives.
fn local_name(input: &[u8], at: u64) -> Option<&[u8]> {
    let at = usize::try_from(at).ok()?;
    let header = input.get(at..at.checked_add(30)?)?;
    if !header.starts_with(b"PK\x03\x04") {
        return None;
    }
    let len = u16::from_le_bytes([header[26], header[27]]) as usize;
    input.get(at + 30..at + 30 + len)
}

/// A name from the zip, for a message: quoted, at most 60 characters.
fn shown(name: &[u8]) -> String {
    format!("\"{}\"", beginning_of(&String::from_utf8_lossy(name), 60))
}

/// Reads one listed entry into `out`: a file's bytes, a link, or a note that it could not
/// be read.
fn add(
    out: &mut ZipContents,
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    entry: Listed,
    prefix: &str,
    limits: &Limits,
) -> Result<(), ArchiveError> {
    let raw = String::from_utf8_lossy(&entry.name);
    let path = entry_path(&raw, prefix, limits)?;
    if entry.dir || path.is_empty() {
        return Ok(());
    }
    let why = if entry.encrypted {
        Some(UnreadWhy::Encrypted)
    } else if !supported(entry.method) {
        Some(UnreadWhy::Compression(method_name(entry.method)))
    } else {
        None
    };
    if let Some(why) = why {
        out.unread.push(UnreadEntry { path, why });
        return Ok(());
    }
    let start = out.data.len();
    inflate(out, zip, &entry, &path)?;
    if entry.symlink {
        let target = String::from_utf8_lossy(&out.data[start..]).into_owned();
        out.data.truncate(start);
        out.links.push(LinkFound {
            path,
            target: beginning_of(&target, limits.max_path_length),
            hard: false,
        });
        return Ok(());
    }
    if (out.data.len() as u64) > limits.max_unpacked {
        return Err(ArchiveError::TooLarge {
            limit: limits.max_unpacked,
        });
    }
    out.files.push(TarFile {
        path,
        range: start..out.data.len(),
    });
    Ok(())
}

/// Inflates an entry onto the end of `out.data`, stopping at one byte past its declared
/// size: a bomb that lies about its size gets no further.
fn inflate(
    out: &mut ZipContents,
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    entry: &Listed,
    path: &str,
) -> Result<(), ArchiveError> {
    let entries_read = out.files.len();
    let broken = |detail: String| ArchiveError::BrokenZip {
        entries_read,
        detail,
    };
    let file = zip
        .by_index(entry.index)
        .map_err(|e| broken(format!("{path} cannot be read: {e}")))?;
    let start = out.data.len();
    // Room for what it can inflate to (deflate expands at most about 1032 times), not what a
    // hostile header claims: the page's memory never shrinks again.
    let most = entry
        .size
        .min(entry.compressed.saturating_mul(1032).saturating_add(4096));
    out.data
        .try_reserve(usize::try_from(most).unwrap_or(usize::MAX))
        .map_err(|_| broken(format!("{path} is too large to hold in memory")))?;
    file.take(entry.size.saturating_add(1))
        .read_to_end(&mut out.data)
        .map_err(|e| broken(format!("{path} cannot be inflated: {e}")))?;
    let read = (out.data.len() - start) as u64;
    if read != entry.size {
        out.data.truncate(start);
        return Err(broken(format!(
            "{path} inflates to {} where the zip says {}",
            if read > entry.size {
                "more".to_string()
            } else {
                crate::text::plural(read as usize, "byte", "bytes")
            },
            crate::text::plural(entry.size as usize, "byte", "bytes")
        )));
    }
    Ok(())
}

/// Methods this build inflates: stored and deflated, which is what every package tool
/// writes.
fn supported(method: zip::CompressionMethod) -> bool {
    matches!(
        method,
        zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
    )
}

/// A compression method by its name in the zip specification (APPNOTE 4.4.5).
fn method_name(method: zip::CompressionMethod) -> String {
    // Deprecated, but the crate has no other way to give the number of a method this build
    // leaves out (it is then `Unsupported(n)`, whose name says nothing).
    #[allow(deprecated)]
    let id = method.to_u16();
    match id {
        9 => "Deflate64".into(),
        12 => "bzip2".into(),
        14 => "LZMA".into(),
        93 => "Zstandard".into(),
        95 => "XZ".into(),
        98 => "PPMd".into(),
        other => format!("method {other}"),
    }
}

/// An entry's cleaned path under `prefix`, within the path limits.
fn entry_path(raw: &str, prefix: &str, limits: &Limits) -> Result<String, ArchiveError> {
    let segments = crate::path::clean_segments(raw);
    let path = if prefix.is_empty() {
        segments.join("/")
    } else if segments.is_empty() {
        String::new()
    } else {
        format!("{prefix}/{}", segments.join("/"))
    };
    if path.len() > limits.max_path_length {
        return Err(ArchiveError::PathTooLong {
            path: beginning(&path),
            length: path.len(),
            limit: limits.max_path_length,
        });
    }
    let depth = path.split('/').count();
    if depth > limits.max_path_depth {
        return Err(ArchiveError::PathTooDeep {
            path: beginning(&path),
            depth,
            limit: limits.max_path_depth,
        });
    }
    Ok(path)
}

/// Opens the archive at `range` of the data and adds its files under `path!`, within what
/// the limits leave; one it cannot read is noted, not fatal.
fn nested(out: &mut ZipContents, range: std::ops::Range<usize>, path: &str, limits: &Limits) {
    // Copied out: its files are added to the same buffer while it is read.
    let bytes = out.data[range].to_vec();
    let prefix = super::inside(path);
    let error = match sniff(&bytes[..bytes.len().min(512)]) {
        Ok(Format::Zip) => nested_zip(out, &bytes, &prefix, limits),
        Ok(Format::Crx) => match crx_zip_start(&bytes) {
            Some(at) => nested_zip(out, &bytes[at..], &prefix, limits),
            None => Some(ArchiveError::BadCrx),
        },
        Ok(Format::Gzip | Format::Tar) => {
            // Its own reader, within what the limits leave.
            let mut inner = *limits;
            inner.max_unpacked = limits.max_unpacked.saturating_sub(out.data.len() as u64);
            inner.max_entries = limits.max_entries.saturating_sub(out.files.len());
            nested_tar(out, bytes, &prefix, &inner)
        }
        // Named like an archive but not one: an ordinary file.
        Err(_) => None,
    };
    if let Some(error) = error {
        out.unread.push(UnreadEntry {
            path: path.to_string(),
            why: UnreadWhy::Nested(error.cause()),
        });
    }
}

/// Reads a nested zip into `out`; its fault (its files before the fault stay) is the
/// nested archive's, not the package's.
fn nested_zip(
    out: &mut ZipContents,
    bytes: &[u8],
    prefix: &str,
    limits: &Limits,
) -> Option<ArchiveError> {
    // The package's own fault (a zip cut short, whose salvaged files hold this one) stays.
    let outer = out.error.take();
    read_into(out, bytes, prefix, limits);
    std::mem::replace(&mut out.error, outer)
}

fn nested_tar(
    out: &mut ZipContents,
    bytes: Vec<u8>,
    prefix: &str,
    limits: &Limits,
) -> Option<ArchiveError> {
    let mut unpack = super::Unpack::bytes(std::sync::Arc::new(bytes), *limits).flat();
    while unpack.step(super::STEP_BYTES) {}
    let archive = unpack.finish();
    for entry in archive.entries() {
        let path = match entry_path(&entry.path, prefix, limits) {
            Ok(path) => path,
            Err(e) => return Some(e),
        };
        let start = out.data.len();
        out.data.extend_from_slice(archive.bytes(entry));
        out.files.push(TarFile {
            path,
            range: start..out.data.len(),
        });
    }
    archive.error
}
