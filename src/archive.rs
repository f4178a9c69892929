//! Bytes -> archive entries: an npm tarball (`.tgz`, `.tar.gz`) or a plain `.tar`, from
//! memory or (natively) from a file read as it decompresses. The tar stream is kept as one
//! buffer and each file is a range into it, so the package is held once, not twice.
//!
//! Files become available as decompression reaches them ([`Archive::read_streaming`]), so
//! that a scan can work on the first files while the last ones are still compressed.

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
    /// Position among the tar's files ([`Partial::files`]), before duplicates were merged.
    tar_index: usize,
}

impl Entry {
    pub fn size(&self) -> u64 {
        self.range.len() as u64
    }

    /// Which of the files handed out while streaming this one is.
    pub fn tar_index(&self) -> usize {
        self.tar_index
    }
}

/// A regular file of the tar as it was found: cleaned path, top folder still on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TarFile {
    pub path: String,
    pub range: Range<usize>,
}

/// The package as far as it has been decompressed.
pub struct Partial<'a> {
    /// The tar stream so far.
    pub data: &'a [u8],
    /// Every file whose content is complete, in tar order; the list only grows.
    pub files: &'a [TarFile],
    /// The file being decompressed: its header is read, its content not yet complete.
    pub open: Option<&'a TarFile>,
    /// Nothing more will come.
    pub complete: bool,
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
        Archive::read_streaming(input, |_| {}, |_| {})
    }

    /// Like [`Archive::read`], showing each step to `on_data` as decompression goes (natively
    /// decompression runs on a thread of its own meanwhile), and reporting how many input
    /// bytes have been consumed to `progress`. When there is a tar to read at all, the last
    /// call has `complete` set.
    pub fn read_streaming(
        input: &[u8],
        progress: impl FnMut(u64),
        on_data: impl FnMut(Partial<'_>),
    ) -> Archive {
        // Natively, decompression gets a thread of its own.
        #[cfg(not(target_arch = "wasm32"))]
        if input.starts_with(GZIP_MAGIC) {
            let data = tar_buffer(size_hint(input), input.len());
            return Archive::inflate_streaming(input, data, input.len() as u64, progress, on_data);
        }
        Unpacker::new(input).finish(progress, on_data)
    }

    /// Like [`Archive::read_streaming`] for a file, which is read as it decompresses rather
    /// than loaded first. Fails only when the file cannot be read.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn read_file_streaming(
        mut file: std::fs::File,
        progress: impl FnMut(u64),
        on_data: impl FnMut(Partial<'_>),
    ) -> std::io::Result<Archive> {
        use std::io::{Seek, SeekFrom};
        let len = file.metadata()?.len();
        let mut head = [0u8; 2];
        let head_len = file.read(&mut head)?;
        if len < 18 || head[..head_len] != *GZIP_MAGIC {
            // Not gzip (or too short to be): read it all and let the ordinary path say what.
            file.seek(SeekFrom::Start(0))?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            return Ok(Archive::read_streaming(&bytes, progress, on_data));
        }
        let mut trailer = [0u8; 4];
        file.seek(SeekFrom::End(-4))?;
        file.read_exact(&mut trailer)?;
        file.seek(SeekFrom::Start(0))?;
        let data = tar_buffer(claimed_size(len as usize, trailer), len as usize);
        let reader = std::io::BufReader::with_capacity(CHUNK, file);
        Ok(Archive::inflate_streaming(
            reader, data, len, progress, on_data,
        ))
    }

    /// Decompresses a gzip stream into `data` while indexing and showing what arrives.
    #[cfg(not(target_arch = "wasm32"))]
    fn inflate_streaming(
        input: impl std::io::BufRead + Send,
        data: Vec<u8>,
        input_bytes: u64,
        mut progress: impl FnMut(u64),
        mut on_data: impl FnMut(Partial<'_>),
    ) -> Archive {
        let mut index = TarIndex::default();
        let (data, gzip_error) = inflate(input, data, &mut progress, |data| {
            index.advance(data, false);
            on_data(index.partial(data, false));
        });
        progress(input_bytes);
        Archive::index_streaming(data, index, gzip_error, input_bytes, on_data)
    }

    /// Indexes what is left of the tar, shows the whole, and builds the archive.
    fn index_streaming(
        data: Vec<u8>,
        mut index: TarIndex,
        gzip_error: Option<ArchiveError>,
        input_bytes: u64,
        mut on_data: impl FnMut(Partial<'_>),
    ) -> Archive {
        let tar_error = index.advance(&data, true);
        on_data(index.partial(&data, true));
        Archive::index(data, index, gzip_error.or(tar_error), input_bytes)
    }

    /// Indexes a tar stream already in memory, after any decompression.
    fn index(
        data: Vec<u8>,
        index: TarIndex,
        error: Option<ArchiveError>,
        input_bytes: u64,
    ) -> Archive {
        // A truncated gzip also breaks the tar at its end; the gzip fault is the cause.
        let (entries, by_path) = package_entries(index.files);
        let error = error.or({
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
                tar_index: entries.len(),
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
    index: TarIndex,
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
        let state = if input.starts_with(GZIP_MAGIC) {
            Unpacking::Gzip {
                decoder: Box::new(flate2::bufread::MultiGzDecoder::new(input)),
                data: tar_buffer(size_hint(input), input.len()),
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
        Unpacker {
            input,
            state,
            index: TarIndex::default(),
        }
    }

    /// Decompresses up to `budget` more bytes; false once there is nothing left to do.
    pub fn step(&mut self, budget: usize) -> bool {
        let Unpacking::Gzip { decoder, data } = &mut self.state else {
            return false;
        };
        let before = data.len();
        // On error `read_to_end` keeps what it already read in `data`.
        match decoder.as_mut().take(budget as u64).read_to_end(data) {
            Ok(_) if data.len() - before == budget => {
                self.index.advance(data, false);
                true
            }
            Ok(_) => {
                self.state = Unpacking::Done(std::mem::take(data), None);
                false
            }
            Err(e) => {
                let error = gzip_error(&e, data.len());
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

    /// What has been decompressed so far, while decompression goes on.
    pub fn arrived(&self) -> Option<Partial<'_>> {
        match &self.state {
            Unpacking::Gzip { data, .. } => Some(self.index.partial(data, false)),
            _ => None,
        }
    }

    /// Finishes decompression and indexes the tar, reporting progress and showing what
    /// arrives to `on_data` (the whole, last, with `complete` set), as
    /// [`Archive::read_streaming`] does.
    pub fn finish(
        mut self,
        mut progress: impl FnMut(u64),
        mut on_data: impl FnMut(Partial<'_>),
    ) -> Archive {
        while self.step(STEP_BYTES) {
            progress(self.consumed());
            if let Some(partial) = self.arrived() {
                on_data(partial);
            }
        }
        let input_bytes = self.input.len() as u64;
        progress(input_bytes);
        match self.state {
            Unpacking::Done(data, gzip_error) => {
                Archive::index_streaming(data, self.index, gzip_error, input_bytes, on_data)
            }
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
    let trailer = input.get(input.len().checked_sub(4)?..)?;
    claimed_size(input.len(), trailer.try_into().expect("4 bytes"))
}

/// The size a gzip trailer (`ISIZE`) claims for a file of `len` bytes, if plausible.
fn claimed_size(len: usize, trailer: [u8; 4]) -> Option<usize> {
    let hint = u32::from_le_bytes(trailer) as usize;
    (hint >= len && hint <= len.saturating_mul(64)).then_some(hint)
}

/// The buffer for a gzip stream's content, sized from the trailer's claim within reason.
fn tar_buffer(claimed: Option<usize>, input_len: usize) -> Vec<u8> {
    Vec::with_capacity(
        claimed
            .unwrap_or(input_len.saturating_mul(4))
            .min(MAX_PRESIZE),
    )
}

/// Most memory set aside up front from the trailer's claim, which a damaged or hostile
/// file controls; beyond it the buffer grows as real data arrives.
const MAX_PRESIZE: usize = 256 << 20;

fn gzip_error(e: &std::io::Error, decompressed: usize) -> ArchiveError {
    let detail = match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "the stream ends before its end marker".into(),
        _ => e.to_string(),
    };
    ArchiveError::TruncatedGzip {
        decompressed: decompressed as u64,
        detail,
    }
}

/// Decompressed bytes handed over at a time while streaming: small enough that work on a
/// file starts soon after it arrives, large enough that handing over costs nothing.
#[cfg(not(target_arch = "wasm32"))]
const CHUNK: usize = 1 << 20;

/// Chunks decompression may run ahead of the work on them: enough that a slow stretch of
/// that work (a large file's secrets, a map's `mappings`) does not stop decompression,
/// few enough that the package is not held twice.
#[cfg(not(target_arch = "wasm32"))]
const AHEAD: usize = 16;

/// Decompresses `input` into `data`, calling `arrived` with everything so far after each
/// chunk. The decompression runs on a thread of its own, so that `arrived` works on one
/// chunk while the next one is decompressed.
#[cfg(not(target_arch = "wasm32"))]
fn inflate(
    input: impl std::io::BufRead + Send,
    mut data: Vec<u8>,
    progress: &mut impl FnMut(u64),
    mut arrived: impl FnMut(&[u8]),
) -> (Vec<u8>, Option<ArchiveError>) {
    use std::sync::mpsc;
    // Chunks go back to be filled again, so at most AHEAD + 1 buffers are ever made.
    let (full_tx, full_rx) = mpsc::sync_channel::<(Vec<u8>, u64)>(AHEAD);
    let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|s| {
        let inflater = s.spawn(move || {
            let mut decoder = flate2::bufread::MultiGzDecoder::new(Counted {
                inner: input,
                consumed: 0,
            });
            let mut total = 0usize;
            loop {
                let mut chunk = empty_rx.try_recv().unwrap_or_else(|_| vec![0; CHUNK]);
                let mut filled = 0;
                let result = loop {
                    match decoder.read(&mut chunk[filled..]) {
                        Ok(0) => break Ok(()),
                        Ok(n) => {
                            filled += n;
                            if filled == chunk.len() {
                                break Ok(());
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => break Err(e),
                    }
                };
                total += filled;
                let end = filled < chunk.len() || result.is_err();
                chunk.truncate(filled);
                let consumed = decoder.get_ref().consumed;
                if full_tx.send((chunk, consumed)).is_err() {
                    return None;
                }
                if end {
                    return result.err().map(|e| gzip_error(&e, total));
                }
            }
        });
        for (mut chunk, consumed) in full_rx {
            data.extend_from_slice(&chunk);
            chunk.resize(CHUNK, 0);
            let _ = empty_tx.send(chunk);
            progress(consumed);
            arrived(&data);
        }
        let error = inflater
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (data, error)
    })
}

/// A reader that counts what has been taken from it, for progress.
#[cfg(not(target_arch = "wasm32"))]
struct Counted<R> {
    inner: R,
    consumed: u64,
}

#[cfg(not(target_arch = "wasm32"))]
impl<R: std::io::BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<R: std::io::BufRead> std::io::BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.consumed += n as u64;
        self.inner.consume(n);
    }
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// A ustar or GNU header carries its magic at offset 257.
fn looks_like_tar(data: &[u8]) -> bool {
    data.get(257..262) == Some(b"ustar")
}

/// The tar's regular files, found as its bytes arrive.
#[derive(Default)]
struct TarIndex {
    files: Vec<TarFile>,
    open: Option<TarFile>,
    /// Where the next header starts.
    next: usize,
    /// The end-of-archive marker was seen: what follows is not read.
    ended: bool,
}

impl TarIndex {
    /// Indexes every file whose content is in `data`. Until `complete`, a header or an
    /// entry cut off by the end of `data` is just not there yet; after it, the first fault
    /// is the error.
    fn advance(&mut self, data: &[u8], complete: bool) -> Option<ArchiveError> {
        let broken = |entries_read, detail: String| ArchiveError::BrokenTar {
            entries_read,
            detail,
        };
        self.open = None;
        while !self.ended {
            // `next` may lie past the data while the last padding has not arrived.
            let rest = data.get(self.next..).unwrap_or_default();
            if !complete && !headers_arrived(rest) {
                return None;
            }
            if complete && self.next > data.len() {
                return Some(broken(
                    self.files.len(),
                    "the archive ends inside the padding of its last file".into(),
                ));
            }
            // A fresh reader per entry: it never skips (copies) content it does not need.
            let mut archive = tar::Archive::new(rest);
            let mut iter = match archive.entries() {
                Ok(iter) => iter,
                Err(e) => return complete.then(|| broken(self.files.len(), e.to_string())),
            };
            let entry = match iter.next() {
                // Within a whole block, `None` is the end-of-archive marker.
                None if complete || rest.len() >= 512 => {
                    self.ended = true;
                    return None;
                }
                None => return None,
                Some(Err(_)) if !complete => return None,
                Some(Err(e)) => return Some(broken(self.files.len(), e.to_string())),
                Some(Ok(entry)) => entry,
            };
            let start = self.next + entry.raw_file_position() as usize;
            // Larger than memory (a 32-bit page) is as cut off as larger than the data.
            let size = usize::try_from(entry.size()).unwrap_or(usize::MAX);
            let end = start.saturating_add(size);
            let kind = entry.header().entry_type();
            let file = (kind.is_file() || kind == tar::EntryType::Continuous)
                .then(|| {
                    let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
                    crate::path::clean_segments(&raw).join("/")
                })
                .filter(|path| !path.is_empty())
                .map(|path| TarFile {
                    path,
                    range: start..end,
                });
            if end > data.len() {
                if complete {
                    let path = file.map_or_else(|| "an entry".into(), |f| f.path);
                    return Some(broken(
                        self.files.len(),
                        format!("the content of {path} is cut off"),
                    ));
                }
                self.open = file;
                return None;
            }
            self.files.extend(file);
            self.next = start + size.next_multiple_of(512);
        }
        None
    }

    fn partial<'a>(&'a self, data: &'a [u8], complete: bool) -> Partial<'a> {
        Partial {
            data,
            files: &self.files,
            open: self.open.as_ref(),
            complete,
        }
    }
}

/// Whether the headers of the next entry are all in `rest`: its extension headers (long
/// names, PAX) with their data, and the entry's own header. Reading them before would copy
/// an extension's data again for every chunk that arrives while it is incomplete.
fn headers_arrived(rest: &[u8]) -> bool {
    let mut at = 0;
    loop {
        let Some(block) = rest.get(at..at + 512) else {
            return false;
        };
        let header = tar::Header::from_byte_slice(block);
        let extension = matches!(
            header.entry_type(),
            tar::EntryType::GNULongName
                | tar::EntryType::GNULongLink
                | tar::EntryType::XHeader
                | tar::EntryType::XGlobalHeader
        );
        if !extension {
            return true;
        }
        // A size that cannot be read is the tar reader's to report.
        let Ok(size) = header.entry_size() else {
            return true;
        };
        let Some(next) = usize::try_from(size)
            .ok()
            .and_then(|s| s.checked_next_multiple_of(512))
            .and_then(|s| (at + 512).checked_add(s))
        else {
            return false;
        };
        at = next;
    }
}

/// Package-relative entries: the top folder all files share (`package/`, `node/`, whatever
/// its name) is dropped; a later duplicate replaces an earlier one, as `tar -x` would.
fn package_entries(found: Vec<TarFile>) -> (Vec<Entry>, HashMap<String, usize>) {
    let top = found
        .first()
        .and_then(|f| f.path.split_once('/'))
        .map(|(t, _)| t.to_string());
    let shared = top.filter(|t| {
        found
            .iter()
            .all(|f| f.path.split_once('/').is_some_and(|(first, _)| first == t))
    });
    let mut entries: Vec<Entry> = Vec::with_capacity(found.len());
    let mut by_path = HashMap::with_capacity(found.len());
    for (tar_index, TarFile { path, range }) in found.into_iter().enumerate() {
        let path = match &shared {
            Some(top) => path[top.len() + 1..].to_string(),
            None => path,
        };
        let entry = Entry {
            path: path.clone(),
            range,
            tar_index,
        };
        match by_path.get(&path) {
            Some(&i) => entries[i] = entry,
            None => {
                by_path.insert(path, entries.len());
                entries.push(entry);
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
