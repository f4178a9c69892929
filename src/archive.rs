//! Bytes -> archive entries: an npm tarball (`.tgz`, `.tar.gz`) or a plain `.tar`, read from
//! memory. The tar stream is kept as one buffer and each file is a range into it, so the
//! package is held once, not twice.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;

use thiserror::Error;

/// What went wrong while reading a package. Entries read before the fault stay available in
/// [`Archive::entries`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ArchiveError {
    #[error(
        "This is not an npm package: it is neither gzip-compressed (.tgz) nor a tar archive. \
         Choose the .tgz file that `npm pack` produces or that the registry serves."
    )]
    NotAPackage,
    #[error("The file is empty (0 bytes): it may be a download that did not finish.")]
    EmptyFile,
    #[error(
        "This is a .zip archive, not an npm package. npm packages are gzip-compressed tar \
         files (.tgz), as `npm pack` produces them."
    )]
    Zip,
    #[error(
        "This file is gzip-compressed, but what it holds is not a tar archive, so it is not an \
         npm package."
    )]
    GzipNotTar,
    #[error(
        "The file is cut short: its gzip data ends after {decompressed} bytes of content \
         ({detail}). It may be an incomplete download."
    )]
    TruncatedGzip { decompressed: u64, detail: String },
    #[error("The tar archive is damaged after {entries_read} files ({detail}).")]
    BrokenTar { entries_read: usize, detail: String },
    #[error("The archive holds no files.")]
    Empty,
}

/// One regular file of the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Package-relative, `/`-separated, with the tarball's top folder dropped; never absolute
    /// and never containing `.` or `..` segments.
    pub path: String,
    range: Range<usize>,
}

impl Entry {
    pub fn size(&self) -> u64 {
        self.range.len() as u64
    }
}

/// The files of a package, in archive order (a later duplicate replaces an earlier one, as
/// `tar -x` would).
#[derive(Debug, Default)]
pub struct Archive {
    data: Vec<u8>,
    entries: Vec<Entry>,
    by_path: HashMap<String, usize>,
    /// Set when reading stopped early; `entries` holds what was read before.
    pub error: Option<ArchiveError>,
    /// Bytes of the input as given (compressed size for a `.tgz`).
    pub input_bytes: u64,
}

impl Archive {
    /// Reads a `.tgz` / `.tar.gz` / `.tar` from memory. Never panics on hostile input: the
    /// worst case is an empty archive with an [`ArchiveError`].
    pub fn read(input: &[u8]) -> Archive {
        Archive::read_with_progress(input, |_| {})
    }

    /// Like [`Archive::read`], reporting how many input bytes have been consumed as
    /// decompression goes (the long part of reading a large package).
    pub fn read_with_progress(input: &[u8], mut progress: impl FnMut(u64)) -> Archive {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(data) = gunzip_whole(input) {
            progress(input.len() as u64);
            return Archive::index(data, None, input.len() as u64);
        }
        let mut unpacker = Unpacker::new(input);
        while unpacker.step(STEP_BYTES) {
            progress(unpacker.consumed());
        }
        unpacker.finish()
    }

    /// Indexes a tar stream already in memory, after any decompression.
    fn index(data: Vec<u8>, gzip_error: Option<ArchiveError>, input_bytes: u64) -> Archive {
        let (entries, by_path, tar_error) = index_tar(&data);
        // A truncated gzip also breaks the tar at its end; the gzip fault is the cause.
        let error = gzip_error.or(tar_error).or({
            if entries.is_empty() {
                Some(ArchiveError::Empty)
            } else {
                None
            }
        });
        let error = match error {
            // A gzip stream that holds no tar at all is as foreign as a random file.
            Some(ArchiveError::BrokenTar {
                entries_read: 0, ..
            }) if !looks_like_tar(&data) => Some(ArchiveError::GzipNotTar),
            other => other,
        };
        Archive {
            data,
            entries,
            by_path,
            error,
            input_bytes,
        }
    }

    /// An archive of files already on disk (a directory's `npm pack --dry-run` list), so
    /// that the same scan applies. Paths are normalised as a tarball's would be.
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Archive {
        let mut data = Vec::with_capacity(files.iter().map(|(_, b)| b.len()).sum());
        let mut entries = Vec::with_capacity(files.len());
        let mut by_path = HashMap::new();
        for (path, bytes) in files {
            let path = crate::path::clean_segments(&path).join("/");
            if path.is_empty() || by_path.contains_key(&path) {
                continue;
            }
            let start = data.len();
            data.extend_from_slice(&bytes);
            by_path.insert(path.clone(), entries.len());
            entries.push(Entry {
                path,
                range: start..data.len(),
            });
        }
        let error = entries.is_empty().then_some(ArchiveError::Empty);
        Archive {
            input_bytes: data.len() as u64,
            data,
            entries,
            by_path,
            error,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn bytes(&self, entry: &Entry) -> &[u8] {
        &self.data[entry.range.clone()]
    }

    pub fn find(&self, path: &str) -> Option<&Entry> {
        self.by_path.get(path).map(|&i| &self.entries[i])
    }

    /// Sum of the sizes of the regular files.
    pub fn unpacked_bytes(&self) -> u64 {
        self.entries.iter().map(Entry::size).sum()
    }
}

/// Decompressed bytes per step of an [`Unpacker`]: a few tens of milliseconds of work.
pub const STEP_BYTES: usize = 8 << 20;

/// Reads a package a slice at a time, so that a caller can show progress and let the page
/// paint between slices. [`Unpacker::finish`] gives the [`Archive`].
pub struct Unpacker<'a> {
    input: &'a [u8],
    state: Unpacking<'a>,
}

enum Unpacking<'a> {
    Gzip {
        // npm tarballs are one gzip member; a multi-member file is still valid gzip.
        decoder: Box<flate2::bufread::MultiGzDecoder<&'a [u8]>>,
        data: Vec<u8>,
    },
    Done(Vec<u8>, Option<ArchiveError>),
    /// Not something Leakscope can read at all.
    Foreign(ArchiveError),
}

impl<'a> Unpacker<'a> {
    pub fn new(input: &'a [u8]) -> Unpacker<'a> {
        let state = if input.starts_with(&[0x1f, 0x8b]) {
            let capacity = size_hint(input)
                .unwrap_or(input.len().saturating_mul(4))
                .min(MAX_PRESIZE);
            Unpacking::Gzip {
                decoder: Box::new(flate2::bufread::MultiGzDecoder::new(input)),
                data: Vec::with_capacity(capacity),
            }
        } else if looks_like_tar(input) {
            Unpacking::Done(input.to_vec(), None)
        } else if input.is_empty() {
            Unpacking::Foreign(ArchiveError::EmptyFile)
        } else if input.starts_with(b"PK\x03\x04") || input.starts_with(b"PK\x05\x06") {
            Unpacking::Foreign(ArchiveError::Zip)
        } else {
            Unpacking::Foreign(ArchiveError::NotAPackage)
        };
        Unpacker { input, state }
    }

    /// Decompresses up to `budget` more bytes; false once there is nothing left to do.
    pub fn step(&mut self, budget: usize) -> bool {
        let Unpacking::Gzip { decoder, data } = &mut self.state else {
            return false;
        };
        let before = data.len();
        // On error `read_to_end` keeps what it already read in `data`.
        match decoder.as_mut().take(budget as u64).read_to_end(data) {
            Ok(_) if data.len() - before == budget => true,
            Ok(_) => {
                self.state = Unpacking::Done(std::mem::take(data), None);
                false
            }
            Err(e) => {
                let detail = match e.kind() {
                    std::io::ErrorKind::UnexpectedEof => {
                        "the stream ends before its end marker".into()
                    }
                    _ => e.to_string(),
                };
                let decompressed = data.len() as u64;
                let error = ArchiveError::TruncatedGzip {
                    decompressed,
                    detail,
                };
                self.state = Unpacking::Done(std::mem::take(data), Some(error));
                false
            }
        }
    }

    /// Input bytes consumed so far.
    pub fn consumed(&self) -> u64 {
        match &self.state {
            Unpacking::Gzip { decoder, .. } => (self.input.len() - decoder.get_ref().len()) as u64,
            _ => self.input.len() as u64,
        }
    }

    pub fn input_len(&self) -> u64 {
        self.input.len() as u64
    }

    /// Finishes decompression and indexes the tar.
    pub fn finish(mut self) -> Archive {
        while self.step(STEP_BYTES) {}
        let input_bytes = self.input.len() as u64;
        match self.state {
            Unpacking::Done(data, error) => Archive::index(data, error, input_bytes),
            Unpacking::Foreign(error) => Archive {
                error: Some(error),
                input_bytes,
                ..Archive::default()
            },
            Unpacking::Gzip { .. } => unreachable!("step runs until the stream is done"),
        }
    }
}

/// The uncompressed size the gzip trailer claims (mod 4 GiB), when it is plausible.
fn size_hint(input: &[u8]) -> Option<usize> {
    let at = input.len().checked_sub(4)?;
    let hint = u32::from_le_bytes(input[at..].try_into().expect("4 bytes")) as usize;
    (hint >= input.len() && hint <= input.len().saturating_mul(64)).then_some(hint)
}

/// Most memory set aside up front from the trailer's claim, which a damaged or hostile
/// file controls; beyond it the buffer grows as real data arrives.
const MAX_PRESIZE: usize = 256 << 20;

/// Largest package decompressed in one call; bigger ones stream, so a false size claim
/// cannot reserve gigabytes.
#[cfg(not(target_arch = "wasm32"))]
const MAX_WHOLE: usize = 1 << 30;

/// Natively, a well-formed single-member gzip is decompressed in one call (libdeflate);
/// anything else (truncated, multi-member, odd trailer) takes the streaming path below.
#[cfg(not(target_arch = "wasm32"))]
fn gunzip_whole(input: &[u8]) -> Option<Vec<u8>> {
    let size = size_hint(input).filter(|&s| s <= MAX_WHOLE)?;
    let mut out = vec![0u8; size];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(input, &mut out)
        .ok()?;
    (n == size).then_some(out)
}

/// A ustar or GNU header carries its magic at offset 257.
fn looks_like_tar(data: &[u8]) -> bool {
    data.get(257..262) == Some(b"ustar")
}

type Index = (Vec<Entry>, HashMap<String, usize>, Option<ArchiveError>);

fn index_tar(data: &[u8]) -> Index {
    let mut found: Vec<(String, Range<usize>)> = Vec::new();
    let error = read_tar(data, &mut found).err();
    let (entries, by_path) = package_entries(found);
    (entries, by_path, error)
}

/// Every regular file's cleaned path and byte range, in archive order, until the end or the
/// first fault.
fn read_tar(data: &[u8], found: &mut Vec<(String, Range<usize>)>) -> Result<(), ArchiveError> {
    let broken = |entries_read, detail: String| ArchiveError::BrokenTar {
        entries_read,
        detail,
    };
    let mut archive = tar::Archive::new(data);
    let iter = archive.entries().map_err(|e| broken(0, e.to_string()))?;
    for item in iter {
        let entry = item.map_err(|e| broken(found.len(), e.to_string()))?;
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind == tar::EntryType::Continuous) {
            continue; // directories, links, devices: not content
        }
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let path = crate::path::clean_segments(&raw).join("/");
        if path.is_empty() {
            continue;
        }
        let start = entry.raw_file_position() as usize;
        let end = start.saturating_add(entry.size() as usize);
        if end > data.len() {
            return Err(broken(
                found.len(),
                format!("the content of {path} is cut off"),
            ));
        }
        found.push((path, start..end));
    }
    Ok(())
}

/// Package-relative entries: the top folder all files share (`package/`, `node/`, whatever
/// its name) is dropped; a later duplicate replaces an earlier one, as `tar -x` would.
fn package_entries(found: Vec<(String, Range<usize>)>) -> (Vec<Entry>, HashMap<String, usize>) {
    let top = found
        .first()
        .and_then(|(p, _)| p.split_once('/'))
        .map(|(t, _)| t.to_string());
    let shared = top.filter(|t| {
        found
            .iter()
            .all(|(p, _)| p.split_once('/').is_some_and(|(first, _)| first == t))
    });
    let mut entries: Vec<Entry> = Vec::with_capacity(found.len());
    let mut by_path = HashMap::with_capacity(found.len());
    for (path, range) in found {
        let path = match &shared {
            Some(top) => path[top.len() + 1..].to_string(),
            None => path,
        };
        match by_path.get(&path) {
            Some(&i) => entries[i] = Entry { path, range },
            None => {
                by_path.insert(path.clone(), entries.len());
                entries.push(Entry { path, range });
            }
        }
    }
    (entries, by_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_bytes_are_not_a_package() {
        let a = Archive::read(b"hello, this is not a tarball at all");
        assert_eq!(a.error, Some(ArchiveError::NotAPackage));
        assert!(a.entries().is_empty());
    }

    #[test]
    fn gzip_of_junk_is_not_a_package() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &[7u8; 2000]).unwrap();
        let a = Archive::read(&gz.finish().unwrap());
        assert_eq!(a.error, Some(ArchiveError::GzipNotTar));
    }

    #[test]
    fn empty_files_and_zips_are_named() {
        assert_eq!(Archive::read(b"").error, Some(ArchiveError::EmptyFile));
        assert_eq!(
            Archive::read(b"PK\x03\x04rest of a zip").error,
            Some(ArchiveError::Zip)
        );
    }
}
