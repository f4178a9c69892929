//! Bytes -> archive entries: an npm tarball (`.tgz`, `.tar.gz`), a plain `.tar`, or one of
//! the zip family (wheels, VS Code and browser extensions, Java archives, zips: [`zip`]).
//! The tar stream (or the zip's inflated files) is kept as one buffer and each file is a
//! range into it, so the package is held once, not twice.
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
mod zip;

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
    /// Entries that are there but could not be read: encrypted, compressed in a way this
    /// build does not read, a nested archive that is damaged.
    pub unread: Vec<UnreadEntry>,
    /// What the bytes were.
    pub container: Container,
}

/// An entry of the archive that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadEntry {
    pub path: String,
    pub why: UnreadWhy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnreadWhy {
    /// Encrypted: what it holds is not guessed.
    Encrypted,
    /// Compressed by a method this build does not inflate (its name).
    Compression(String),
    /// A nested archive that could not be read to its end (why).
    Nested(String),
}

impl UnreadEntry {
    /// Why, in one sentence.
    pub fn describe(&self) -> String {
        match &self.why {
            UnreadWhy::Encrypted => "This entry is encrypted: Leakscope cannot read it, and does \
                                     not guess what it holds."
                .into(),
            UnreadWhy::Compression(method) => format!(
                "This entry is compressed with {method}, which Leakscope does not read; what it \
                 holds is unchecked."
            ),
            UnreadWhy::Nested(cause) => format!(
                "This archive inside the package could not be read to its end: {cause} Its \
                 files before that are listed under it."
            ),
        }
    }
}

/// The kind of file a package came in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Container {
    /// A tar stream, gzip-compressed or not.
    #[default]
    Tar,
    Zip,
    /// A Chrome extension: a zip after a signed header.
    Crx,
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
            unread: Vec::new(),
            container: Container::Tar,
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

    /// Indexes a tar stream read to its end (or to a fault), or a zip's files.
    fn index(
        data: Vec<u8>,
        index: TarIndex,
        error: Option<ArchiveError>,
        input_bytes: u64,
        read: ReadNotes,
    ) -> Archive {
        let (entries, by_path, links) = index.into_entries();
        // Entries that could not be read are not nothing: they are said as findings.
        let nothing = entries.is_empty() && read.unread.is_empty();
        let error = error.or_else(|| nothing.then_some(ArchiveError::Empty));
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
            unread: read.unread,
            container: read.container,
        }
    }
}

/// What reading said beyond the files: the entries it could not read and the container.
#[derive(Debug, Default)]
struct ReadNotes {
    unread: Vec<UnreadEntry>,
    container: Container,
}

/// The names of the files that are packages of their own: what the page's picker offers,
/// and the archives inside a package that are opened (one level deep, named `name!/…`).
pub const EXTENSIONS: &[&str] = &[
    ".tgz", ".tar.gz", ".tar", ".whl", ".vsix", ".crx", ".xpi", ".jar", ".war", ".ear", ".zip",
];

/// How a file inside an archive inside the package is named: `lib/core.jar!/com/A.class`,
/// Java's way. The name of the folder that archive's files are listed under.
pub fn inside(archive_path: &str) -> String {
    format!("{archive_path}!")
}

/// The archive a path is in: `""` for the package itself, `lib/core.jar!/` for one inside
/// it ([`inside`]).
pub fn archive_root(path: &str) -> &str {
    path.rfind("!/").map_or("", |at| &path[..at + 2])
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
        Ok(Format::Zip)
    } else if head.starts_with(CRX_MAGIC) {
        Ok(Format::Crx)
    } else {
        Err(ArchiveError::NotAPackage)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gzip,
    Tar,
    /// The zip family: wheels, extensions, Java archives, zips.
    Zip,
    /// A Chrome extension: a header, then a zip.
    Crx,
}

const CRX_MAGIC: &[u8] = b"Cr24";

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
    fn empty_files_and_broken_zips_are_named() {
        assert_eq!(Archive::read(b"").error, Some(ArchiveError::EmptyFile));
        let a = Archive::read(b"PK\x03\x04rest of a zip");
        assert_eq!(a.container, Container::Zip);
        assert!(
            matches!(&a.error, Some(ArchiveError::BrokenZip { detail, .. }) if detail.contains("cut short")),
            "{:?}",
            a.error
        );
    }
}
