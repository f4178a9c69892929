//! Why a package could not be read to its end, or at all.

use thiserror::Error;

use super::inflate::STREAM_CUT;
use crate::limits::Limit;
use crate::text::{binary_size, count, plural, size};

/// What went wrong while reading a package. Entries read before the fault stay available in
/// [`Archive::entries`].
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
pub enum ArchiveError {
    #[error(
        "This is not a package Leakscope reads: it is neither an npm tarball (.tgz, .tar) nor \
         a zip-family archive (.whl, .vsix, .crx, .xpi, .jar, .zip). Choose the file that \
         `npm pack` or the registry gives."
    )]
    NotAPackage,
    #[error("The file is empty (0 bytes): it may be a download that did not finish.")]
    EmptyFile,
    #[error(
        "This file starts like a Chrome extension (.crx), but its header is damaged, so the \
         zip inside cannot be found."
    )]
    BadCrx,
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
    BrokenZip { entries_read: usize, detail: String },
    #[error("{}", crate::text::capitalise(&self.cause()))]
    TooLarge { limit: u64 },
    #[error("{}", crate::text::capitalise(&self.cause()))]
    TooManyEntries { limit: usize },
    /// A file larger than [`crate::limits::Limits::max_file_size`]: reading stops at its header, before any
    /// of it is decompressed.
    #[error("{}", crate::text::capitalise(&self.cause()))]
    FileTooLarge { path: String, size: u64, limit: u64 },
    /// An entry whose path is longer than [`crate::limits::Limits::max_path_length`] bytes (`path` is its
    /// beginning).
    #[error("{}", crate::text::capitalise(&self.cause()))]
    PathTooLong {
        path: String,
        length: usize,
        limit: usize,
    },
    /// A PAX extended header larger than any path Leakscope reads (`limit`, the path limit,
    /// plus room for its other records): refused at its header, before it is copied.
    #[error("{}", crate::text::capitalise(&self.cause()))]
    ExtensionTooLarge { size: u64, limit: usize },
    /// An entry nested deeper than [`crate::limits::Limits::max_path_depth`] folders (`path` is its
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
            ArchiveError::BrokenZip { detail, .. } => {
                format!("the zip archive is damaged or hostile: {detail}.")
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
            ArchiveError::ExtensionTooLarge { size, limit } => format!(
                "an extended (PAX) header holds {}, more than a path of up to {} may take; \
                 Leakscope stopped there.",
                binary_size(*size),
                plural(*limit, "byte", "bytes")
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
            ArchiveError::PathTooLong { limit, .. }
            | ArchiveError::ExtensionTooLarge { limit, .. } => {
                Some((Limit::PathLength, *limit as u64))
            }
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
                | ArchiveError::BrokenZip { .. }
                | ArchiveError::TooLarge { .. }
                | ArchiveError::TooManyEntries { .. }
                | ArchiveError::FileTooLarge { .. }
                | ArchiveError::PathTooLong { .. }
                | ArchiveError::ExtensionTooLarge { .. }
                | ArchiveError::PathTooDeep { .. }
        )
    }
}
