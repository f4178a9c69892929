//! What a source map is to Leakscope: its sources and what they embed, where each text is,
//! and what a limit left unread.

/// Regular maps have `mappings`; index maps have `sections`, each with its own map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MapKind {
    Regular,
    Index,
}

/// One entry of a map's `sources`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSource {
    /// The path as written in `sources` (may be null).
    pub path: Option<String>,
    /// The map's `sourceRoot`, kept per source because sections of an index map differ.
    pub source_root: Option<String>,
    /// The embedded original text, when `sourcesContent` holds a string for it.
    pub content: Option<SourceText>,
    /// Listed in `ignoreList` / `x_google_ignoreList`: the producer marks it third-party.
    pub ignored: bool,
}

/// An embedded source's text: held, or only where it is in the map's JSON, to be read when
/// it is needed. A streamed map leaves its texts where they are: the 2026 leak's map embeds
/// 47 MB of sources, which would otherwise be held twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceText {
    Owned(String),
    At(TextAt),
}

/// Where a text is in a map's JSON, and what is known of it without reading it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextAt {
    /// The JSON string literal, quotes included, from the start of the map's JSON.
    pub start: usize,
    pub end: usize,
    /// The literal holds escapes, so the text must be decoded rather than borrowed.
    pub escaped: bool,
    /// UTF-8 bytes of the text.
    pub len: usize,
    /// A hash of the text ([`text_hash`]), to tell texts apart without reading them.
    pub hash: u64,
}

/// A hash of a text, the same for [`SourceText::Owned`] and [`SourceText::At`]: unkeyed,
/// so the same text always gives the same number (in one build: it is never stored).
pub fn text_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

impl SourceText {
    /// UTF-8 bytes of the text.
    pub fn len(&self) -> usize {
        match self {
            SourceText::Owned(s) => s.len(),
            SourceText::At(at) => at.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn hash(&self) -> u64 {
        match self {
            SourceText::Owned(s) => text_hash(s),
            SourceText::At(at) => at.hash,
        }
    }

    /// The text, reading it from `json` (the map's JSON) when it is only located.
    pub fn read<'a>(&'a self, json: &'a [u8]) -> std::borrow::Cow<'a, str> {
        match self {
            SourceText::Owned(s) => s.as_str().into(),
            SourceText::At(at) => at.read(json),
        }
    }
}

impl TextAt {
    /// The text, from `json` (a buffer that holds the literal at `start..end`).
    pub fn read<'a>(&self, json: &'a [u8]) -> std::borrow::Cow<'a, str> {
        let literal = &json[self.start..self.end];
        if !self.escaped {
            // Checked once as the map was parsed: the literal between its quotes is the
            // text itself.
            if let Ok(text) = std::str::from_utf8(&literal[1..literal.len() - 1]) {
                return text.into();
            }
        }
        serde_json::from_slice::<String>(literal)
            .unwrap_or_default()
            .into()
    }

    /// This literal in a larger buffer whose `base` is where the map's JSON starts.
    pub fn shifted(self, base: usize) -> TextAt {
        TextAt {
            start: self.start + base,
            end: self.end + base,
            ..self
        }
    }
}

/// What a source map exposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    pub kind: MapKind,
    pub sources: Vec<MapSource>,
    pub debug_id: Option<String>,
    pub file: Option<String>,
    /// Ways the map breaks the spec, in plain words. Empty for a valid map.
    pub problems: Vec<String>,
    /// What was not read because of a limit ([`MapLimits`]). Empty when all of it was.
    pub cuts: Vec<MapCut>,
}

/// How much of a map is read: the share of [`crate::limits::Limits`] that applies here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapLimits {
    /// Sources kept, over all of a map's sections: `sources` and `sourcesContent` items
    /// past it are counted, not held.
    pub max_sources: usize,
    /// JSON levels followed into maps nested in other maps (index map sections, Metro's
    /// `x_facebook_segments`); the top map's object is level 1.
    pub max_json_depth: usize,
}

impl Default for MapLimits {
    fn default() -> MapLimits {
        MapLimits::from(&crate::limits::Limits::default())
    }
}

impl From<&crate::limits::Limits> for MapLimits {
    fn from(limits: &crate::limits::Limits) -> MapLimits {
        MapLimits {
            max_sources: limits.max_map_sources,
            max_json_depth: limits.max_json_depth.min(crate::limits::MAX_JSON_DEPTH),
        }
    }
}

/// Part of a map left unread because of a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapCut {
    /// The map lists `listed` sources (at least: maps too deep to read are not counted);
    /// only the first `limit` were read.
    Sources { listed: usize, limit: usize },
    /// `maps` maps nested deeper than `limit` levels of JSON were not read.
    Depth { limit: usize, maps: usize },
}

impl SourceMap {
    pub fn sources_with_content(&self) -> usize {
        self.sources.iter().filter(|s| s.content.is_some()).count()
    }

    /// UTF-8 bytes of the embedded sources.
    pub fn content_bytes(&self) -> u64 {
        self.sources
            .iter()
            .filter_map(|s| s.content.as_ref())
            .map(|c| c.len() as u64)
            .sum()
    }

    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Whether to validate `mappings`: a scan reports a broken map, an extraction only needs
/// what the map embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mappings {
    Check,
    Skip,
}
