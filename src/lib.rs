//! Leakscope's core: bytes -> archive entries -> findings -> report / view model.
//! Nothing here knows about the browser or the terminal; the page (`web`, wasm32 only) and
//! the CLI (`cli`, native only) are thin shells over it.

pub mod archive;
pub mod document;
pub mod export;
pub mod finding;
pub mod highlight;
pub mod package;
mod path;
pub mod recover;
pub mod report;
pub mod scan;
pub mod source_map;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use archive::{Archive, ArchiveError};
pub use finding::{Finding, Level, Severity, Verdict};
pub use scan::{Analysis, scan};

/// Reads a package and scans it: the whole pipeline in one call.
pub fn analyse(input: &[u8]) -> Analysis {
    scan(&Archive::read(input))
}
