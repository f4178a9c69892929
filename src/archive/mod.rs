//! Bytes -> archive entries: an npm tarball (`.tgz`, `.tar.gz`) or a plain `.tar`. The tar
//! stream is kept as one buffer and each file is a range into it, so the package is held
//! once, not twice.
//!
//! [`Unpack`] reads a package a step at a time and shows each file as soon as it is
//! complete ([`Unpack::partial`]), so that a scan can work on the first files while the
//! last ones are still compressed. Decompression runs where it is fastest: natively on a
//! thread of its own, in the page in the same worker or in a second one that pushes tar
//! chunks ([`Unpack::fed`]).

mod entries;
mod error;
mod inflate;
#[cfg(not(target_arch = "wasm32"))]
mod threaded;
mod unpack;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

pub use error::ArchiveError;
pub use inflate::{Inflater, claimed_size};
pub use unpack::Unpack;

use crate::limits::Limits;
use entries::TarIndex;

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
pub struct ArchiveLink {
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
    links: Vec<ArchiveLink>,
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
    pub fn links(&self) -> &[ArchiveLink] {
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
        let (entries, by_path, links) = index.into_entries();
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

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// A ustar or GNU header carries its magic at offset 257.
fn looks_like_tar(data: &[u8]) -> bool {
    data.get(257..262) == Some(b"ustar")
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
