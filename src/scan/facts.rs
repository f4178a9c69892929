//! What each file tells on its own, before the rest of the package is known: its secrets,
//! its `sourceMappingURL`, or, for a map, what it embeds. Worked out as each file arrives
//! (natively while later files are still being decompressed, a map even while its own
//! bytes arrive), or for a package already in memory when the scan concludes.

use crate::archive::{Archive, Partial};
use crate::limits::Limits;
use crate::source_map::{MapLimits, MapStream, Mappings, Texts};

use super::maps::ParsedMap;
use super::references;
use super::secrets::{self, Hit};

/// What a run is for: the whole scan, or only what the maps embed (`extract`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Scan,
    Extract,
}

impl Purpose {
    pub(super) fn mappings(self) -> Mappings {
        match self {
            Purpose::Scan => Mappings::Check,
            Purpose::Extract => Mappings::Skip,
        }
    }

    pub(super) fn secrets(self) -> bool {
        self == Purpose::Scan
    }
}

/// What one file tells on its own.
pub(super) enum Facts {
    Map(ParsedMap),
    File {
        secrets: Vec<Hit>,
        /// Its `sourceMappingURL` and the line it is on.
        url: Option<(String, u32)>,
    },
}

pub(super) fn is_map(path: &str) -> bool {
    path.ends_with(".map")
}

impl Facts {
    fn of(path: &str, bytes: &[u8], purpose: Purpose, limits: &Limits) -> Facts {
        if is_map(path) {
            return Facts::Map(ParsedMap::of(
                bytes,
                purpose.mappings(),
                purpose.secrets(),
                limits,
            ));
        }
        let url =
            references::comment_style(path).and_then(|style| references::find_url(bytes, style));
        // A map's text is covered through its recovered sources, each with its own name.
        // Binary files are described, not searched.
        let secrets = if purpose.secrets() && crate::binary::binary_kind(bytes).is_none() {
            secrets::find(bytes)
        } else {
            Vec::new()
        };
        Facts::File { secrets, url }
    }
}

/// Works out the facts of a package's files as they arrive ([`Scanner::advance`]); `finish`
/// (see `scan`) works out whatever is missing, for a package already in memory all of it,
/// and concludes.
pub struct Scanner {
    pub(super) purpose: Purpose,
    pub(super) limits: Limits,
    /// By tar index ([`crate::archive::Entry::tar_index`]).
    pub(super) facts: Vec<Option<Facts>>,
    /// The map being decompressed, read as its bytes arrive.
    open: Option<OpenMap>,
}

struct OpenMap {
    tar_index: usize,
    stream: MapStream,
    /// Secrets in each item of `sourcesContent` read so far.
    secrets: Vec<Vec<Hit>>,
}

impl Scanner {
    pub fn new(purpose: Purpose) -> Scanner {
        Scanner::with_limits(purpose, Limits::default())
    }

    /// A scanner that reads maps no further than `limits` allow (the archive's own limits
    /// are [`crate::archive::Unpack`]'s).
    pub fn with_limits(purpose: Purpose, limits: Limits) -> Scanner {
        Scanner {
            purpose,
            limits,
            facts: Vec::new(),
            open: None,
        }
    }

    /// Works on what is new in `partial`: the files completed since the last call, and the
    /// map being decompressed, if one is.
    pub fn advance(&mut self, partial: Partial<'_>) {
        for (i, file) in partial.files.iter().enumerate().skip(self.facts.len()) {
            let bytes = &partial.data[file.range.clone()];
            let facts = match self.open.take_if(|open| open.tar_index == i) {
                Some(open) => Facts::Map(open.finish(bytes, self.purpose)),
                None => Facts::of(&file.path, bytes, self.purpose, &self.limits),
            };
            self.facts.push(Some(facts));
        }
        if let Some(file) = partial.open
            && is_map(&file.path)
            && file.range.len() as u64 <= self.limits.max_map_size
        {
            let tar_index = partial.files.len();
            let open = match &mut self.open {
                Some(open) if open.tar_index == tar_index => open,
                slot => slot.insert(OpenMap {
                    tar_index,
                    stream: MapStream::limited(
                        self.purpose.mappings(),
                        Texts::Leave,
                        MapLimits::from(&self.limits),
                    ),
                    secrets: Vec::new(),
                }),
            };
            let arrived = &partial.data[file.range.start..partial.data.len().min(file.range.end)];
            open.feed(arrived, self.purpose);
        }
    }

    /// Takes the facts of `entry`, working them out if they are missing.
    pub(super) fn take(&mut self, archive: &Archive, entry: &crate::archive::Entry) -> Facts {
        self.facts
            .get_mut(entry.tar_index())
            .and_then(Option::take)
            .unwrap_or_else(|| {
                Facts::of(
                    &entry.path,
                    archive.bytes(entry),
                    self.purpose,
                    &self.limits,
                )
            })
    }
}

impl OpenMap {
    fn feed(&mut self, arrived: &[u8], purpose: Purpose) {
        self.stream.feed(arrived);
        // Each text is searched once and dropped: the map keeps only where it is.
        let fresh = self.stream.take_fresh();
        if purpose.secrets() {
            self.secrets.extend(fresh.iter().map(|c| {
                c.as_deref()
                    .map_or_else(Vec::new, |c| secrets::find(c.as_bytes()))
            }));
        }
    }

    fn finish(mut self, json: &[u8], purpose: Purpose) -> ParsedMap {
        self.feed(json, purpose);
        let map = self.stream.finish(json).map_err(|e| e.to_string());
        ParsedMap::with_secrets(map, json, self.secrets, purpose.secrets())
    }
}
