//! Bytes -> archive entries: an npm tarball (`.tgz`, `.tar.gz`) or a plain `.tar`. The tar
//! stream is kept as one buffer and each file is a range into it, so the package is held
//! once, not twice.
//!
//! [`Unpack`] reads a package a step at a time and shows each file as soon as it is
//! complete ([`Unpack::partial`]), so that a scan can work on the first files while the
//! last ones are still compressed. Decompression runs where it is fastest: natively on a
//! thread of its own, in the page in the same worker or in a second one that pushes tar
//! chunks ([`Unpack::fed`]).

use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::ops::Range;
use std::sync::Arc;

use thiserror::Error;

use crate::text::{binary_size, count, plural, size};

/// What went wrong while reading a package. Entries read before the fault stay available in
/// [`Archive::entries`].
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
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
    #[error("{}", crate::text::capitalise(&self.cause()))]
    TruncatedGzip { decompressed: u64, detail: String },
    #[error("{}", crate::text::capitalise(&self.cause()))]
    BrokenTar { entries_read: usize, detail: String },
    #[error("{}", crate::text::capitalise(&self.cause()))]
    TooLarge { limit: u64 },
    #[error("{}", crate::text::capitalise(&self.cause()))]
    TooManyEntries { limit: usize },
    /// A file larger than [`Limits::max_file_size`]: reading stops at its header, before any
    /// of it is decompressed.
    #[error("{}", crate::text::capitalise(&self.cause()))]
    FileTooLarge { path: String, size: u64, limit: u64 },
    /// An entry whose path is longer than [`Limits::max_path_length`] bytes (`path` is its
    /// beginning).
    #[error("{}", crate::text::capitalise(&self.cause()))]
    PathTooLong {
        path: String,
        length: usize,
        limit: usize,
    },
    /// An entry nested deeper than [`Limits::max_path_depth`] folders (`path` is its
    /// beginning).
    #[error("{}", crate::text::capitalise(&self.cause()))]
    PathTooDeep {
        path: String,
        depth: usize,
        limit: usize,
    },
    #[error("The archive holds no files.")]
    Empty,
}

impl ArchiveError {
    /// Why reading stopped, in one sentence.
    pub fn cause(&self) -> String {
        match self {
            ArchiveError::TruncatedGzip {
                decompressed,
                detail,
            } if detail == STREAM_CUT => format!(
                "the file is cut short after {} of content, as an unfinished download would be.",
                size(*decompressed)
            ),
            ArchiveError::TruncatedGzip {
                decompressed,
                detail,
            } => format!(
                "the compressed data is damaged after {} of content ({detail}).",
                size(*decompressed)
            ),
            ArchiveError::BrokenTar { detail, .. } => {
                format!("the tar archive is damaged ({detail}).")
            }
            ArchiveError::TooLarge { limit } => format!(
                "this archive expands beyond {}; Leakscope stopped there.",
                binary_size(*limit)
            ),
            ArchiveError::TooManyEntries { limit } => format!(
                "this archive holds more than {}; Leakscope stopped there.",
                plural(*limit, "entry", "entries")
            ),
            ArchiveError::FileTooLarge { path, size, limit } => format!(
                "the file {path} is larger than {} (its header says {}); Leakscope stopped \
                 there.",
                binary_size(*limit),
                binary_size(*size)
            ),
            ArchiveError::PathTooLong {
                path,
                length,
                limit,
            } => format!(
                "an entry's path is longer than {} ({}, starting {path}); Leakscope stopped there.",
                plural(*limit, "byte", "bytes"),
                plural(*length, "byte", "bytes")
            ),
            ArchiveError::PathTooDeep { path, depth, limit } => format!(
                "an entry's path is nested more than {} deep ({}, starting {path}); Leakscope \
                 stopped there.",
                plural(*limit, "folder", "folders"),
                count(*depth as u64)
            ),
            other => other.to_string(),
        }
    }

    /// The limit that stopped reading, with its value, when a limit did.
    pub fn limit(&self) -> Option<(Limit, u64)> {
        match self {
            ArchiveError::TooLarge { limit } => Some((Limit::Size, *limit)),
            ArchiveError::TooManyEntries { limit } => Some((Limit::Entries, *limit as u64)),
            ArchiveError::FileTooLarge { limit, .. } => Some((Limit::FileSize, *limit)),
            ArchiveError::PathTooLong { limit, .. } => Some((Limit::PathLength, *limit as u64)),
            ArchiveError::PathTooDeep { limit, .. } => Some((Limit::PathDepth, *limit as u64)),
            _ => None,
        }
    }

    /// Whether some of the package may have been read: the error ends reading, rather than
    /// saying that there is no package at all.
    pub fn cuts_short(&self) -> bool {
        matches!(
            self,
            ArchiveError::TruncatedGzip { .. }
                | ArchiveError::BrokenTar { .. }
                | ArchiveError::TooLarge { .. }
                | ArchiveError::TooManyEntries { .. }
                | ArchiveError::FileTooLarge { .. }
                | ArchiveError::PathTooLong { .. }
                | ArchiveError::PathTooDeep { .. }
        )
    }
}

/// How far a package may expand and how much of it Leakscope reads, so that a hostile one
/// cannot exhaust memory or time. The shells pass them in ([`crate::session::Options`]);
/// the defaults are far above what real packages need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Decompressed bytes of the whole tar stream (`--max-size`).
    pub max_unpacked: u64,
    /// Entries of the tar, of any kind (`--max-entries`).
    pub max_entries: usize,
    /// Bytes of one file, as its header gives them (`--max-file-size`).
    pub max_file_size: u64,
    /// Bytes of one source map that is parsed (`--max-map-size`); a larger one is reported
    /// and searched for secrets as text, not parsed.
    pub max_map_size: u64,
    /// Sources read from one map (`--max-map-sources`), over all its sections.
    pub max_map_sources: usize,
    /// Bytes of a path: of an entry of the tar, of a source in a map
    /// (`--max-path-length`).
    pub max_path_length: usize,
    /// Folders a path may be nested in (`--max-path-depth`).
    pub max_path_depth: usize,
    /// Levels of JSON nesting Leakscope follows into a source map: maps nested in index map
    /// sections or in Metro's `x_facebook_segments` are read while they sit no deeper
    /// (`--max-json-depth`; at most [`MAX_JSON_DEPTH`]).
    pub max_json_depth: usize,
}

/// The most `max_json_depth` may be: the JSON parser never nests deeper than 128 levels
/// within one value it reads, whatever the limit.
pub const MAX_JSON_DEPTH: usize = 128;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_unpacked: 1 << 30,
            max_entries: 100_000,
            max_file_size: 512 << 20,
            max_map_size: 512 << 20,
            max_map_sources: 100_000,
            max_path_length: 4096,
            max_path_depth: 128,
            max_json_depth: 64,
        }
    }
}

/// One of the [`Limits`], by name: what the shells show and the CLI's option for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    Size,
    Entries,
    FileSize,
    MapSize,
    MapSources,
    PathLength,
    PathDepth,
    JsonDepth,
}

impl Limit {
    pub const ALL: [Limit; 8] = [
        Limit::Size,
        Limit::Entries,
        Limit::FileSize,
        Limit::MapSize,
        Limit::MapSources,
        Limit::PathLength,
        Limit::PathDepth,
        Limit::JsonDepth,
    ];

    /// The CLI option that sets it.
    pub fn option(self) -> &'static str {
        match self {
            Limit::Size => "--max-size",
            Limit::Entries => "--max-entries",
            Limit::FileSize => "--max-file-size",
            Limit::MapSize => "--max-map-size",
            Limit::MapSources => "--max-map-sources",
            Limit::PathLength => "--max-path-length",
            Limit::PathDepth => "--max-path-depth",
            Limit::JsonDepth => "--max-json-depth",
        }
    }

    /// What it bounds, in a few words.
    pub fn what(self) -> &'static str {
        match self {
            Limit::Size => "decompressed size of the package",
            Limit::Entries => "entries in the archive",
            Limit::FileSize => "size of one file",
            Limit::MapSize => "size of a source map that is parsed",
            Limit::MapSources => "sources read from one source map",
            Limit::PathLength => "length of a path",
            Limit::PathDepth => "folders a path is nested in",
            Limit::JsonDepth => "JSON nesting followed into a source map",
        }
    }

    /// Its value in `limits`.
    pub fn value(self, limits: &Limits) -> u64 {
        match self {
            Limit::Size => limits.max_unpacked,
            Limit::Entries => limits.max_entries as u64,
            Limit::FileSize => limits.max_file_size,
            Limit::MapSize => limits.max_map_size,
            Limit::MapSources => limits.max_map_sources as u64,
            Limit::PathLength => limits.max_path_length as u64,
            Limit::PathDepth => limits.max_path_depth as u64,
            Limit::JsonDepth => limits.max_json_depth as u64,
        }
    }

    /// A value of this limit as people read it: `1 GiB`, `100,000 entries`, `64 levels`.
    pub fn show(self, value: u64) -> String {
        let n = usize::try_from(value).unwrap_or(usize::MAX);
        match self {
            Limit::Size | Limit::FileSize | Limit::MapSize => binary_size(value),
            Limit::Entries => plural(n, "entry", "entries"),
            Limit::MapSources => plural(n, "source", "sources"),
            Limit::PathLength => plural(n, "byte", "bytes"),
            Limit::PathDepth => plural(n, "folder", "folders"),
            Limit::JsonDepth => plural(n, "level", "levels"),
        }
    }
}

/// A limit that applied: it stopped Leakscope reading something, or made it read a thing
/// differently (a source path too long to keep is recovered under another name).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LimitHit {
    pub limit: Limit,
    /// Its value (bytes, entries, sources, levels).
    pub value: u64,
    /// Package-relative path of the file or map it applied to; `None` for the archive.
    pub path: Option<String>,
    /// What happened, in one sentence (the words of the finding that reports it).
    pub message: String,
    /// Part of the package was left unchecked because of it: the verdict is incomplete.
    pub unchecked: bool,
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

    /// Where its bytes start in the package's tar data ([`Archive::data`]).
    pub fn start(&self) -> usize {
        self.range.start
    }
}

/// A symbolic or hard link of the package: listed, never followed (npm skips links when it
/// installs a package, and Leakscope never writes the package's own files anywhere).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// Package-relative, cleaned as a file's path is.
    pub path: String,
    /// Where it points, as the tar gives it: not cleaned, since that is what matters.
    pub target: String,
    pub kind: LinkKind,
    /// The target is absolute or climbs out of the package.
    pub escapes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Symbolic,
    Hard,
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
    links: Vec<Link>,
    /// Set when reading stopped early; `entries` holds what was read before.
    pub error: Option<ArchiveError>,
    /// Bytes of the input as given (compressed size for a `.tgz`).
    pub input_bytes: u64,
}

impl Archive {
    /// Reads a `.tgz` / `.tar.gz` / `.tar` from memory. Never panics on hostile input: the
    /// worst case is an empty archive with an [`ArchiveError`].
    pub fn read(input: &[u8]) -> Archive {
        let mut unpack = Unpack::bytes(Arc::new(input.to_vec()), Limits::default());
        while unpack.step(STEP_BYTES) {}
        unpack.finish()
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
            links: Vec::new(),
            error,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The package's symbolic and hard links, in tar order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    pub fn bytes(&self, entry: &Entry) -> &[u8] {
        &self.data[entry.range.clone()]
    }

    /// The whole tar data, where the recovered sources a streamed map leaves in place are
    /// read from ([`crate::recover::RecoveredSource::text`]).
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    pub fn find(&self, path: &str) -> Option<&Entry> {
        self.by_path.get(path).map(|&i| &self.entries[i])
    }

    /// Sum of the sizes of the regular files.
    pub fn unpacked_bytes(&self) -> u64 {
        self.entries.iter().map(Entry::size).sum()
    }

    /// Indexes a tar stream read to its end (or to a fault).
    fn index(
        data: Vec<u8>,
        index: TarIndex,
        error: Option<ArchiveError>,
        input_bytes: u64,
    ) -> Archive {
        let (entries, by_path, links) = package_entries(index.files, index.links);
        let error = error.or_else(|| entries.is_empty().then_some(ArchiveError::Empty));
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
            links,
            error,
            input_bytes,
        }
    }
}

/// Decompressed bytes per step: a few tens of milliseconds of work, so that a caller can
/// show progress (and the page paint) between steps.
pub const STEP_BYTES: usize = 8 << 20;

/// What kind of file a package's first bytes say it is.
pub fn sniff(head: &[u8]) -> Result<Format, ArchiveError> {
    if head.starts_with(GZIP_MAGIC) {
        Ok(Format::Gzip)
    } else if looks_like_tar(head) {
        Ok(Format::Tar)
    } else if head.is_empty() {
        Err(ArchiveError::EmptyFile)
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Err(ArchiveError::Zip)
    } else {
        Err(ArchiveError::NotAPackage)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gzip,
    Tar,
}

/// A gzip stream decompressed a slice at a time. npm tarballs are one gzip member; a
/// multi-member file is still valid gzip and is read whole.
///
/// zlib's own gzip reader (CRC and length checked) is driven directly, rather than through
/// a `Read` adapter: at a damaged block an adapter drops what its last call had decoded, so
/// how much of the package came through would depend on the size of the reads (the page's
/// steps, the CLI's chunks). Here everything decoded before the fault is kept, however the
/// stream is read.
pub struct Inflater<R: BufRead> {
    input: Counted<R>,
    zlib: flate2::Decompress,
    /// Decompressed bytes so far.
    out: u64,
    /// Inside a member: some of it was read, its end not yet.
    in_member: bool,
    /// The input is used up at the end of a member.
    done: bool,
}

impl<R: BufRead> Inflater<R> {
    pub fn new(input: R) -> Inflater<R> {
        Inflater {
            input: Counted {
                inner: input,
                consumed: 0,
            },
            zlib: flate2::Decompress::new_gzip(15),
            out: 0,
            in_member: false,
            done: false,
        }
    }

    /// Decompresses up to `budget` more bytes onto the end of `out`. `Ok(true)` while more
    /// may follow, `Ok(false)` at the end of the stream.
    pub fn read(&mut self, out: &mut Vec<u8>, budget: usize) -> Result<bool, ArchiveError> {
        self.read_within(out, budget, usize::MAX)
    }

    /// [`Inflater::read`], growing `out` by no more than `room` bytes past its length
    /// (`room` at least `budget`): the buffer never doubles past a limit.
    pub fn read_within(
        &mut self,
        out: &mut Vec<u8>,
        budget: usize,
        room: usize,
    ) -> Result<bool, ArchiveError> {
        let start = out.len();
        while out.len() - start < budget {
            if self.done {
                return Ok(false);
            }
            let left = budget - (out.len() - start);
            let input = match self.input.fill_buf() {
                Ok(input) => input,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.fault(&e.to_string())),
            };
            // Input used up: the end, between members; inside one, zlib may still hold
            // output it can give without more (the rest of a copy), and is asked for it.
            let at_end = input.is_empty();
            if at_end && !self.in_member {
                self.done = true;
                return Ok(false);
            }
            let (in_before, out_before) = (self.zlib.total_in(), self.zlib.total_out());
            let flush = flate2::FlushDecompress::None;
            let spare = out.capacity() - out.len();
            let result = if spare == 0 {
                // Full: grow only once more has really come (the stream may end here).
                // Within the room already set aside otherwise, so that a buffer sized from
                // the gzip trailer's claim is not doubled for its last slice.
                let mut probe = [0u8; 4096];
                let take = left.min(probe.len());
                let result = self.zlib.decompress(input, &mut probe[..take], flush);
                let n = (self.zlib.total_out() - out_before) as usize;
                reserve_within(out, n, room.saturating_sub(out.len() - start));
                out.extend_from_slice(&probe[..n]);
                result
            } else {
                let at = out.len();
                out.resize(at + left.min(spare).min(SLICE), 0);
                let result = self.zlib.decompress(input, &mut out[at..], flush);
                out.truncate(at + (self.zlib.total_out() - out_before) as usize);
                result
            };
            let consumed = (self.zlib.total_in() - in_before) as usize;
            let produced = self.zlib.total_out() - out_before;
            self.input.consume(consumed);
            self.out += produced;
            self.in_member |= consumed > 0;
            match result {
                Ok(flate2::Status::StreamEnd) => {
                    // The next member, if more follows.
                    self.zlib = flate2::Decompress::new_gzip(15);
                    self.in_member = false;
                }
                // No progress, with room to write: a stream cut short, or one that cannot
                // go on.
                Ok(_) if consumed == 0 && produced == 0 => {
                    return Err(self.fault(if at_end {
                        STREAM_CUT
                    } else {
                        "corrupt deflate stream"
                    }));
                }
                Ok(_) => {}
                // zlib's own words depend on where in its work the fault turned up (the
                // same stream read in other sizes may give another), so they are not used.
                Err(_) => return Err(self.fault("corrupt deflate stream")),
            }
        }
        Ok(true)
    }

    fn fault(&mut self, detail: &str) -> ArchiveError {
        self.done = true;
        ArchiveError::TruncatedGzip {
            decompressed: self.out,
            detail: detail.to_string(),
        }
    }

    /// Compressed bytes consumed so far.
    pub fn consumed(&self) -> u64 {
        self.input.consumed
    }
}

/// The detail of a gzip stream that ends before its end.
const STREAM_CUT: &str = "the stream ends before its end marker";

/// Room made in the output per read call.
const SLICE: usize = 1 << 20;

/// Makes room for `n` more bytes in `out`, doubling as a `Vec` would but by no more than
/// `most` (at least `n`): a buffer near its limit is not doubled past it (a 1 GiB one would
/// ask for 2 GiB, more than the page's memory allows).
fn reserve_within(out: &mut Vec<u8>, n: usize, most: usize) {
    if out.capacity() - out.len() >= n {
        return;
    }
    let grow = out.capacity().max(SLICE).min(most).max(n);
    out.reserve_exact(grow);
}

/// A reader that counts what has been taken from it, for progress.
struct Counted<R> {
    inner: R,
    consumed: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.consumed += n as u64;
        self.inner.consume(n);
    }
}

/// The uncompressed size a gzip trailer (`ISIZE`, the last 4 bytes) claims for a file of
/// `len` bytes, when it is plausible.
pub fn claimed_size(len: usize, trailer: [u8; 4]) -> Option<usize> {
    let hint = u32::from_le_bytes(trailer) as usize;
    (hint >= len && hint <= len.saturating_mul(64)).then_some(hint)
}

/// The claim of an in-memory gzip file's trailer.
fn size_hint(input: &[u8]) -> Option<usize> {
    let trailer = input.get(input.len().checked_sub(4)?..)?;
    claimed_size(input.len(), trailer.try_into().expect("4 bytes"))
}

/// Most memory set aside up front from the trailer's claim, which a damaged or hostile
/// file controls; beyond it the buffer grows as real data arrives.
const MAX_PRESIZE: usize = 256 << 20;

/// The buffer for a gzip stream's content, sized from the trailer's claim within reason
/// (and within the limit).
fn tar_buffer(claimed: Option<usize>, input_len: usize, limits: &Limits) -> Vec<u8> {
    let limit = usize::try_from(limits.max_unpacked)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    Vec::with_capacity(
        claimed
            .unwrap_or(input_len.saturating_mul(4))
            .min(MAX_PRESIZE)
            .min(limit),
    )
}

/// Bytes shared with whoever else reads them (natively, the digest thread).
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Where an [`Unpack`]'s tar bytes come from.
enum Feed {
    /// A gzip stream decompressed in [`Unpack::step`] (boxed: the decoder's state is large).
    Inline(Box<Inflater<Box<dyn BufRead>>>),
    /// Natively: decompressed on a thread of its own.
    #[cfg(not(target_arch = "wasm32"))]
    Thread(threaded::Inflating),
    /// Pushed by the caller ([`Unpack::push`]) until [`Unpack::end`].
    Pushed,
    /// All there is, is in the buffer.
    Done,
}

/// A package being read: decompression into one buffer, and the index of the files that
/// have arrived. [`Unpack::step`] until it returns false, then [`Unpack::finish`].
pub struct Unpack {
    feed: Feed,
    data: Vec<u8>,
    index: TarIndex,
    limits: Limits,
    input_len: u64,
    consumed: u64,
    /// Why reading stopped early, once it has.
    error: Option<ArchiveError>,
    /// Set when the input is not a package at all: nothing is read.
    foreign: bool,
}

impl Unpack {
    /// A package in memory. Natively a gzip stream is decompressed on a thread of its own.
    pub fn bytes(input: Arc<Vec<u8>>, limits: Limits) -> Unpack {
        let input_len = input.len() as u64;
        match sniff(&input[..input.len().min(512)]) {
            Ok(Format::Tar) => {
                let mut data = Arc::try_unwrap(input).unwrap_or_else(|shared| (*shared).clone());
                let too_large = input_len > limits.max_unpacked;
                data.truncate(limits.max_unpacked.min(input_len) as usize);
                let mut unpack = Unpack::new(Feed::Done, data, limits, input_len);
                unpack.consumed = input_len;
                unpack.index_arrived();
                // A fault the index found lies before the limit.
                if too_large && unpack.error.is_none() {
                    unpack.error = Some(ArchiveError::TooLarge {
                        limit: limits.max_unpacked,
                    });
                    unpack.settle();
                }
                unpack
            }
            Ok(Format::Gzip) => {
                let data = tar_buffer(size_hint(&input), input.len(), &limits);
                let reader = std::io::Cursor::new(Shared(input));
                #[cfg(not(target_arch = "wasm32"))]
                let feed = Feed::Thread(threaded::Inflating::spawn(Box::new(reader)));
                #[cfg(target_arch = "wasm32")]
                let feed = Feed::Inline(Box::new(Inflater::new(Box::new(reader))));
                Unpack::new(feed, data, limits, input_len)
            }
            Err(e) => Unpack::foreign(e, input_len),
        }
    }

    /// A gzip stream read as it decompresses, in [`Unpack::step`] (the page's worker reads
    /// the dropped file this way); `claimed` is the trailer's size claim.
    pub fn inline(
        input: Box<dyn BufRead>,
        input_len: u64,
        claimed: Option<usize>,
        limits: Limits,
    ) -> Unpack {
        let data = tar_buffer(claimed, input_len as usize, &limits);
        Unpack::new(
            Feed::Inline(Box::new(Inflater::new(input))),
            data,
            limits,
            input_len,
        )
    }

    /// Natively: a file, read as it decompresses on a thread of its own, so the compressed
    /// bytes are never held whole. Fails only when the file cannot be read.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file(mut file: std::fs::File, limits: Limits) -> std::io::Result<Unpack> {
        use std::io::{Seek, SeekFrom};
        let len = file.metadata()?.len();
        let mut head = [0u8; 2];
        let head_len = file.read(&mut head)?;
        if len < 18 || head[..head_len] != *GZIP_MAGIC {
            // Not gzip (or too short to be): read it all and let the ordinary path say what.
            file.seek(SeekFrom::Start(0))?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            return Ok(Unpack::bytes(Arc::new(bytes), limits));
        }
        let mut trailer = [0u8; 4];
        file.seek(SeekFrom::End(-4))?;
        file.read_exact(&mut trailer)?;
        file.seek(SeekFrom::Start(0))?;
        let data = tar_buffer(claimed_size(len as usize, trailer), len as usize, &limits);
        let reader = std::io::BufReader::with_capacity(threaded::CHUNK, file);
        let feed = Feed::Thread(threaded::Inflating::spawn(Box::new(reader)));
        Ok(Unpack::new(feed, data, limits, len))
    }

    /// Tar bytes that something else decompresses and [`Unpack::push`]es; `input_len` is
    /// the compressed size, for progress, and `claimed` the decompressed size if known.
    pub fn fed(input_len: u64, claimed: Option<usize>, limits: Limits) -> Unpack {
        Unpack::new(
            Feed::Pushed,
            tar_buffer(claimed, input_len as usize, &limits),
            limits,
            input_len,
        )
    }

    /// An input that is not a package: nothing to read.
    pub fn foreign(error: ArchiveError, input_len: u64) -> Unpack {
        let mut unpack = Unpack::new(Feed::Done, Vec::new(), Limits::default(), input_len);
        unpack.error = Some(error);
        unpack.foreign = true;
        unpack.consumed = input_len;
        unpack
    }

    fn new(feed: Feed, data: Vec<u8>, limits: Limits, input_len: u64) -> Unpack {
        Unpack {
            feed,
            data,
            index: TarIndex::default(),
            limits,
            input_len,
            consumed: 0,
            error: None,
            foreign: false,
        }
    }

    /// Reads on by up to about `budget` decompressed bytes; false once nothing more will
    /// come (natively this waits for the decompression thread).
    pub fn step(&mut self, budget: usize) -> bool {
        if self.error.is_some() {
            self.feed = Feed::Done;
        }
        let room = self.room();
        let budget = budget.min(room);
        let result = match &mut self.feed {
            Feed::Done => return false,
            Feed::Pushed => return true,
            Feed::Inline(inflater) => {
                let result = inflater.read_within(&mut self.data, budget.max(1), room);
                self.consumed = inflater.consumed();
                result
            }
            #[cfg(not(target_arch = "wasm32"))]
            Feed::Thread(thread) => {
                let result = thread.receive(&mut self.data, budget.max(1), room);
                self.consumed = thread.consumed();
                result
            }
        };
        self.after_read(result)
    }

    /// Appends decompressed tar bytes (for [`Unpack::fed`]); `consumed` is how much of the
    /// compressed input they took, for progress.
    pub fn push(&mut self, chunk: &[u8], consumed: u64) {
        if self.error.is_some() || self.index.marker {
            self.consumed = consumed;
            return;
        }
        let room = self.room();
        let take = chunk.len().min(room);
        reserve_within(&mut self.data, take, room);
        self.data.extend_from_slice(&chunk[..take]);
        self.consumed = consumed;
        let _ = self.after_read(Ok(true));
    }

    /// No more chunks will be pushed; `error` says why when the stream broke off.
    pub fn end(&mut self, error: Option<ArchiveError>) {
        self.consumed = self.input_len;
        if self.error.is_none() {
            self.error = error;
        }
        self.settle();
        self.feed = Feed::Done;
    }

    /// Bytes the limit still allows, plus one to notice going past it.
    fn room(&self) -> usize {
        let max = usize::try_from(self.limits.max_unpacked).unwrap_or(usize::MAX);
        max.saturating_add(1).saturating_sub(self.data.len())
    }

    fn after_read(&mut self, result: Result<bool, ArchiveError>) -> bool {
        let (more, read_error) = match result {
            Ok(more) => (more, None),
            Err(e) => (false, Some(e)),
        };
        let too_large = (self.data.len() as u64 > self.limits.max_unpacked).then(|| {
            self.data.truncate(self.limits.max_unpacked as usize);
            ArchiveError::TooLarge {
                limit: self.limits.max_unpacked,
            }
        });
        // The first fault in the stream is the cause, however much of it arrived at once:
        // one the index finds lies within the data, before the limit was crossed, which
        // came before the stream broke off.
        self.index_arrived();
        if self.error.is_none() {
            self.error = too_large.or(read_error);
        }
        self.settle();
        if !more || self.error.is_some() || self.index.marker {
            // Dropping the feed stops a decompression thread at its next chunk.
            self.feed = Feed::Done;
        }
        more && self.error.is_none() && !self.index.marker
    }

    fn index_arrived(&mut self) {
        if let Some(e) = self.index.advance(&self.data, false, &self.limits) {
            self.error.get_or_insert(e);
        }
        self.settle();
    }

    /// Past the end-of-archive marker nothing belongs to the package: a stream that breaks
    /// or grows too large after it was still read to its end.
    fn settle(&mut self) {
        if self.index.marker
            && matches!(
                self.error,
                Some(ArchiveError::TruncatedGzip { .. } | ArchiveError::TooLarge { .. })
            )
        {
            self.error = None;
        }
    }

    /// What has arrived so far.
    pub fn partial(&self) -> Partial<'_> {
        self.index.partial(&self.data, false)
    }

    /// Compressed input bytes consumed so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    pub fn input_len(&self) -> u64 {
        self.input_len
    }

    /// Decompressed bytes so far.
    pub fn unpacked(&self) -> u64 {
        self.data.len() as u64
    }

    /// Indexes what is left and builds the archive; `last` sees the whole (`complete` set)
    /// before it is built.
    pub fn finish_with(mut self, last: impl FnOnce(Partial<'_>)) -> Archive {
        if self.foreign {
            return Archive {
                error: self.error,
                input_bytes: self.input_len,
                ..Archive::default()
            };
        }
        // Whatever is still to come, natively from the thread, is read first; pushing
        // ends here.
        if matches!(self.feed, Feed::Pushed) {
            self.feed = Feed::Done;
        }
        while self.step(usize::MAX) {}
        // A truncated gzip also breaks the tar at its end; the first fault is the cause.
        let tar_error = self.index.advance(&self.data, true, &self.limits);
        let error = self.error.or(tar_error);
        last(self.index.partial(&self.data, true));
        Archive::index(self.data, self.index, error, self.input_len)
    }

    pub fn finish(self) -> Archive {
        self.finish_with(|_| {})
    }
}

/// Natively, decompression on a thread of its own, handing over 1 MB chunks.
#[cfg(not(target_arch = "wasm32"))]
mod threaded {
    use std::io::BufRead;
    use std::sync::mpsc;

    use super::{ArchiveError, Inflater};

    /// Decompressed bytes handed over at a time: small enough that work on a file starts
    /// soon after it arrives, large enough that handing over costs nothing.
    pub const CHUNK: usize = 1 << 20;

    /// Chunks decompression may run ahead of the work on them: enough that a slow stretch of
    /// that work (a large file's secrets, a map's `mappings`) does not stop decompression,
    /// few enough that the package is not held twice.
    const AHEAD: usize = 16;

    type Chunk = (Vec<u8>, u64, Result<bool, ArchiveError>);

    pub struct Inflating {
        full: mpsc::Receiver<Chunk>,
        /// Chunks go back to be filled again, so at most AHEAD + 1 buffers are ever made.
        empty: mpsc::Sender<Vec<u8>>,
        consumed: u64,
    }

    impl Inflating {
        /// Starts decompressing `input`. Dropping the result stops the thread at its next
        /// chunk.
        pub fn spawn(input: Box<dyn BufRead + Send>) -> Inflating {
            let (full_tx, full) = mpsc::sync_channel::<Chunk>(AHEAD);
            let (empty, empty_rx) = mpsc::channel::<Vec<u8>>();
            std::thread::spawn(move || {
                let mut inflater = Inflater::new(input);
                loop {
                    let mut chunk = empty_rx
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
                    chunk.clear();
                    let result = inflater.read(&mut chunk, CHUNK);
                    let end = !matches!(result, Ok(true));
                    if full_tx.send((chunk, inflater.consumed(), result)).is_err() || end {
                        return;
                    }
                }
            });
            Inflating {
                full,
                empty,
                consumed: 0,
            }
        }

        /// Appends chunks to `data` until about `budget` bytes came (at least one chunk,
        /// waiting for it) or the stream ended.
        pub fn receive(
            &mut self,
            data: &mut Vec<u8>,
            budget: usize,
            room: usize,
        ) -> Result<bool, ArchiveError> {
            let mut got = 0;
            loop {
                let next = if got == 0 {
                    self.full
                        .recv()
                        .map_err(|_| mpsc::TryRecvError::Disconnected)
                } else {
                    self.full.try_recv()
                };
                let (chunk, consumed, result) = match next {
                    Ok(chunk) => chunk,
                    // The thread is busy: come back for more.
                    Err(mpsc::TryRecvError::Empty) => return Ok(true),
                    // It sends its last chunk before it ends, so this is a thread that died.
                    Err(mpsc::TryRecvError::Disconnected) => {
                        return Err(ArchiveError::TruncatedGzip {
                            decompressed: data.len() as u64,
                            detail: "decompression stopped".into(),
                        });
                    }
                };
                super::reserve_within(data, chunk.len(), room.saturating_sub(got));
                data.extend_from_slice(&chunk);
                got += chunk.len();
                self.consumed = consumed;
                let _ = self.empty.send(chunk);
                if !matches!(result, Ok(true)) || got >= budget {
                    return result;
                }
            }
        }

        pub fn consumed(&self) -> u64 {
            self.consumed
        }
    }
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// A ustar or GNU header carries its magic at offset 257.
fn looks_like_tar(data: &[u8]) -> bool {
    data.get(257..262) == Some(b"ustar")
}

/// The bytes before the first NUL.
fn until_nul(bytes: &[u8]) -> &[u8] {
    memchr::memchr(0, bytes).map_or(bytes, |at| &bytes[..at])
}

/// Whether an entry of this kind is a regular file (a contiguous one is one too).
fn is_file(kind: tar::EntryType) -> bool {
    kind.is_file() || kind == tar::EntryType::Continuous
}

/// The beginning of a path from the package, for a message: at most 60 characters.
fn beginning(path: &str) -> String {
    beginning_of(path, 60)
}

/// At most `max` characters of `text`, with `…` when it was cut.
fn beginning_of(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A link of the tar as it was found: cleaned path, top folder still on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TarLink {
    path: String,
    target: String,
    hard: bool,
}

/// The tar's regular files, found as its bytes arrive.
#[derive(Default)]
struct TarIndex {
    files: Vec<TarFile>,
    /// Symbolic and hard links: listed, never followed.
    links: Vec<TarLink>,
    open: Option<TarFile>,
    /// Where the next header starts.
    next: usize,
    /// Reading stopped: at the end-of-archive marker, or at a limit.
    ended: bool,
    /// The end-of-archive marker was seen: the package is all there, and what follows it
    /// (the rest of the gzip stream, trailing garbage) is not part of it, for npm or tar.
    marker: bool,
    /// Entries of every kind read so far, for the limit.
    seen: usize,
    /// Where the entry being decompressed ends: until the data reaches it there is nothing
    /// new to index (its header is not read again for every chunk).
    waiting: Option<usize>,
}

impl TarIndex {
    /// Indexes every file whose content is in `data`. Until `complete`, a header or an
    /// entry cut off by the end of `data` is just not there yet; after it, the first fault
    /// is the error.
    fn advance(&mut self, data: &[u8], complete: bool, limits: &Limits) -> Option<ArchiveError> {
        let broken = |entries_read, detail: String| ArchiveError::BrokenTar {
            entries_read,
            detail,
        };
        if !complete && self.waiting.is_some_and(|end| data.len() < end) {
            return None;
        }
        self.waiting = None;
        self.open = None;
        while !self.ended {
            // `next` may lie past the data while the last padding has not arrived.
            let rest = data.get(self.next..).unwrap_or_default();
            let arrived = headers_arrived(rest, limits);
            if !complete && arrived.is_none() {
                return None;
            }
            if let Some(Arrived::Oversized { kind, size, name }) = arrived {
                self.ended = true;
                let length = usize::try_from(size).unwrap_or(usize::MAX);
                return Some(if kind.is_gnu_longname() || kind.is_gnu_longlink() {
                    ArchiveError::PathTooLong {
                        path: beginning(&crate::path::clean_segments(&name).join("/")),
                        length,
                        limit: limits.max_path_length,
                    }
                } else {
                    broken(
                        self.files.len(),
                        format!(
                            "an extended (PAX) header of {}, more than a path may take",
                            crate::text::binary_size(size)
                        ),
                    )
                });
            }
            if matches!(arrived, Some(Arrived::Header(tar::EntryType::GNUSparse))) {
                // Its size is what it expands to, not what it takes in the tar: reading on
                // would misplace every entry after it. npm never writes one.
                self.ended = true;
                return Some(broken(
                    self.files.len(),
                    "it holds a GNU sparse file, which npm never writes".into(),
                ));
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
                // Within a whole block, `None` is a zero block. npm's tar (node-tar) ends the
                // archive at two in a row and reads on after a lone one, so this does too:
                // a file placed after a lone zero block is installed, and must be read.
                None if rest.len() >= 512 => match rest.get(512..1024) {
                    None if !complete => return None,
                    Some(next) if next.iter().any(|&b| b != 0) => {
                        self.next += 512;
                        continue;
                    }
                    _ => {
                        self.ended = true;
                        self.marker = true;
                        return None;
                    }
                },
                None if complete => {
                    self.ended = true;
                    self.marker = false;
                    return None;
                }
                None => return None,
                // The headers are all there: a fault in them is final, and reading stops at
                // it rather than decompressing the rest for nothing.
                Some(Err(e)) => {
                    self.ended = true;
                    return Some(broken(self.files.len(), e.to_string()));
                }
                Some(Ok(entry)) => entry,
            };
            if self.seen == limits.max_entries {
                self.ended = true;
                return Some(ArchiveError::TooManyEntries {
                    limit: limits.max_entries,
                });
            }
            let start = self.next + entry.raw_file_position() as usize;
            let kind = entry.header().entry_type();
            let raw_path = entry.path_bytes();
            // A name ends at its first NUL, as C tools read it (a long name or a PAX path
            // can hold one).
            let raw_path = until_nul(&raw_path);
            let too_long = raw_path.len() > limits.max_path_length;
            // Of a name too long, only its start is cleaned, for the message.
            let raw = String::from_utf8_lossy(if too_long {
                &raw_path[..raw_path.len().min(1024)]
            } else {
                raw_path
            });
            let segments = crate::path::clean_segments(&raw);
            let stop = if too_long {
                Some(ArchiveError::PathTooLong {
                    path: beginning(&segments.join("/")),
                    length: raw_path.len(),
                    limit: limits.max_path_length,
                })
            } else if segments.len() > limits.max_path_depth {
                Some(ArchiveError::PathTooDeep {
                    path: beginning(&segments.join("/")),
                    depth: segments.len(),
                    limit: limits.max_path_depth,
                })
            } else if (start as u64).saturating_add(entry.size()) > limits.max_unpacked {
                // A bomb is usually one huge file: its header says already that the archive
                // would cross the limit, so nothing of it is inflated (whatever its kind: the
                // reader skips the size of any entry).
                Some(ArchiveError::TooLarge {
                    limit: limits.max_unpacked,
                })
            } else if is_file(kind) && entry.size() > limits.max_file_size {
                Some(ArchiveError::FileTooLarge {
                    path: beginning(&segments.join("/")),
                    size: entry.size(),
                    limit: limits.max_file_size,
                })
            } else {
                None
            };
            if let Some(stop) = stop {
                self.ended = true;
                return Some(stop);
            }
            let path = segments.join("/");
            drop(raw);
            // Larger than memory (a 32-bit page) is as cut off as larger than the data.
            let size = usize::try_from(entry.size()).unwrap_or(usize::MAX);
            let end = start.saturating_add(size);
            if (kind.is_symlink() || kind.is_hard_link()) && !path.is_empty() && end <= data.len() {
                let target = entry
                    .link_name_bytes()
                    .map(|t| String::from_utf8_lossy(until_nul(&t)).into_owned())
                    .unwrap_or_default();
                self.links.push(TarLink {
                    path: path.clone(),
                    target: beginning_of(&target, limits.max_path_length),
                    hard: kind.is_hard_link(),
                });
            }
            let file = (is_file(kind) && !path.is_empty()).then_some(TarFile {
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
                self.waiting = Some(end);
                return None;
            }
            self.files.extend(file);
            self.seen += 1;
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
///
/// Gives the type of the entry's own header once they have.
fn headers_arrived(rest: &[u8], limits: &Limits) -> Option<Arrived> {
    let mut at = 0;
    loop {
        let block = rest.get(at..at + 512)?;
        let header = tar::Header::from_byte_slice(block);
        let kind = header.entry_type();
        let extension = matches!(
            kind,
            tar::EntryType::GNULongName
                | tar::EntryType::GNULongLink
                | tar::EntryType::XHeader
                | tar::EntryType::XGlobalHeader
        );
        if !extension {
            return Some(Arrived::Header(kind));
        }
        // A size that cannot be read is the tar reader's to report.
        let Ok(size) = header.entry_size() else {
            return Some(Arrived::Header(kind));
        };
        // The tar reader copies an extension whole before anything can look at it: one
        // larger than any path Leakscope reads (a PAX header may carry a few other records)
        // is refused here, before that copy.
        let most = limits.max_path_length as u64 + EXTENSION_SLACK;
        if size > most {
            // Its start, for the message, the same however the stream is cut into chunks.
            let start = at + 512;
            let name = rest.get(start..start + 1024)?;
            return Some(Arrived::Oversized {
                kind,
                size,
                name: String::from_utf8_lossy(until_nul(name)).into_owned(),
            });
        }
        at = usize::try_from(size)
            .ok()
            .and_then(|s| s.checked_next_multiple_of(512))
            .and_then(|s| (at + 512).checked_add(s))?;
    }
}

/// Bytes an extended header may hold beyond the longest path Leakscope reads.
const EXTENSION_SLACK: u64 = 64 << 10;

/// What the headers of the next entry say, once they have all arrived.
enum Arrived {
    Header(tar::EntryType),
    /// A GNU long name or PAX header larger than a path may be.
    Oversized {
        kind: tar::EntryType,
        size: u64,
        /// The start of what it holds (a long name's first bytes).
        name: String,
    },
}

/// Package-relative entries: the top folder all files and links share (`package/`,
/// `node/`, whatever its name) is dropped; a later duplicate replaces an earlier one, as
/// `tar -x` would.
fn package_entries(
    found: Vec<TarFile>,
    links: Vec<TarLink>,
) -> (Vec<Entry>, HashMap<String, usize>, Vec<Link>) {
    let paths = || {
        found
            .iter()
            .map(|f| f.path.as_str())
            .chain(links.iter().map(|l| l.path.as_str()))
    };
    let top = paths()
        .next()
        .and_then(|p| p.split_once('/'))
        .map(|(t, _)| t.to_string());
    let shared =
        top.filter(|t| paths().all(|p| p.split_once('/').is_some_and(|(first, _)| first == t)));
    let relative = |path: String| match &shared {
        Some(top) => path[top.len() + 1..].to_string(),
        None => path,
    };
    let mut entries: Vec<Entry> = Vec::with_capacity(found.len());
    let mut by_path = HashMap::with_capacity(found.len());
    for (tar_index, TarFile { path, range }) in found.into_iter().enumerate() {
        let path = relative(path);
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
    let links = links
        .into_iter()
        .map(|l| {
            let escapes = link_escapes(&l, shared.as_deref());
            Link {
                path: relative(l.path),
                target: l.target,
                kind: if l.hard {
                    LinkKind::Hard
                } else {
                    LinkKind::Symbolic
                },
                escapes,
            }
        })
        .collect();
    (entries, by_path, links)
}

/// Whether a link points outside the package (`top` is the folder the package is in, when
/// the tar has one): an absolute target or a drive letter, or one that climbs above the
/// package's root. A symbolic link's target is relative to its folder, a hard link's to
/// the root of the tar.
fn link_escapes(link: &TarLink, top: Option<&str>) -> bool {
    let target = link.target.as_str();
    if target.starts_with(['/', '\\']) || crate::path::starts_with_drive(target) {
        return true;
    }
    let mut at: Vec<&str> = if link.hard {
        Vec::new()
    } else {
        link.path.split('/').collect()
    };
    if !link.hard {
        at.pop();
    }
    for part in target.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if at.pop().is_none() {
                    return true;
                }
            }
            p => at.push(p),
        }
    }
    // Inside the tar, but outside the package's folder.
    top.is_some_and(|top| at.first() != Some(&top))
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
