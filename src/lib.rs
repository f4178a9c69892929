//! Leakscope's core: bytes -> archive entries -> findings -> report / view model.
//! Nothing here knows about the browser or the terminal; the page (`src/web`, the worker in
//! `src/worker`) and the CLI (`src/cli`) are thin shells over it.

pub mod archive;
pub mod diff;
pub mod document;
pub mod export;
pub mod finding;
pub mod highlight;
pub mod markdown;
pub mod npmrc;
pub mod package;
mod path;
pub mod protocol;
pub mod recover;
pub mod registry;
pub mod report;
pub mod scan;
pub mod session;
pub mod source_map;
pub mod text;
pub mod verdict;
pub mod view;
pub mod warm;

pub use archive::{Archive, ArchiveError};
pub use finding::{Finding, Level, RuleId, Severity, Verdict};
pub use scan::{Analysis, scan};
pub use session::{Pipeline, Session};

/// Reads a package and scans it: the whole pipeline in one call.
pub fn analyse(input: &[u8]) -> Analysis {
    scan(&Archive::read(input))
}
