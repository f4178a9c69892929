//! Leakscope's core: bytes -> archive entries -> findings -> report / view model.
//! Nothing here knows about the browser or the terminal; the page (`src/web`, the worker in
//! `src/worker`) and the CLI (`src/cli`) are thin shells over it.

// `unsafe` is for the secret scanner's SIMD alone (`scan::secrets::prefilter::simd`: the
// AVX2 anchor pass and WebAssembly's 16-byte loads, with their safety arguments).
#![deny(unsafe_code)]

pub mod archive;
pub mod baseline;
pub mod binary;
pub mod declared;
pub mod diff;
pub mod document;
pub mod example;
pub mod export;
pub mod finding;
pub mod highlight;
pub mod limits;
pub mod markdown;
pub mod npmrc;
pub mod package;
pub mod packing;
pub mod path;
pub mod protocol;
pub mod recover;
pub mod registry;
pub mod report;
pub mod scan;
pub mod session;
pub mod source_map;
pub mod text;
pub mod tree;
pub mod verdict;
pub mod view;
pub mod warm;

pub use archive::{Archive, ArchiveError};
pub use finding::{Finding, RuleId, Severity};
pub use scan::Analysis;
pub use session::{Pipeline, Session};
pub use verdict::{Level, Verdict};

/// Reads a package, scans it and judges it: the whole pipeline in one call. Nothing
/// readable (not a package, an empty file) is an analysis of no files, judged incomplete or
/// clean as the archive says.
pub fn analyse(input: &[u8]) -> Session {
    let archive = Archive::read(input);
    let analysis = scan::scan(&archive);
    let info = session::InputInfo {
        name: "input".into(),
        bytes: input.len() as u64,
        digests: None,
        source: None,
        ignore_files: None,
    };
    Session::new(info, archive, analysis, 0)
}
