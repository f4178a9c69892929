//! How far a package may expand and how much of it Leakscope reads, so that a hostile one
//! cannot exhaust memory or time: the archive reader and the map reader both keep them,
//! neither through the other.

use crate::text::{binary_size, plural};

/// How far a package may expand and how much of it Leakscope reads, so that a hostile one
/// cannot exhaust memory or time. The shells pass them in ([`crate::session::Options`]);
/// the defaults are far above what real packages need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Decompressed bytes of the whole package: the tar stream, or a zip's files
    /// (`--max-size`).
    pub max_unpacked: u64,
    /// Entries of the archive, of any kind (`--max-entries`).
    pub max_entries: usize,
    /// Bytes of one file, as its header gives them (`--max-file-size`).
    pub max_file_size: u64,
    /// Bytes of one source map that is parsed (`--max-map-size`); a larger one is reported
    /// and searched for secrets as text, not parsed.
    pub max_map_size: u64,
    /// Sources read from one map (`--max-map-sources`), over all its sections.
    pub max_map_sources: usize,
    /// Bytes of a path: of an entry of the archive, of a source in a map
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
