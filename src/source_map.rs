//! Reads a source map (ECMA-426) for what it exposes: its sources, what it embeds, and
//! whether it breaks the spec. Only the fields Leakscope needs are parsed; `mappings` is
//! validated in one pass without being decoded into a table, which keeps a 60 MB map cheap.
//!
//! A map that breaks the spec still leaks what it embeds, so problems are collected, not
//! fatal: every `sourcesContent` string that can be read is kept.

mod mappings;
mod stream;

use serde::Deserialize;
use serde_json::value::RawValue;

use mappings::MappingsCheck;

use crate::text::plural;

pub use stream::{MapStream, Texts};

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

/// A hash of a text, the same for [`SourceText::Owned`] and [`SourceText::At`]: SipHash
/// with fixed keys, so the same text always gives the same number.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
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

/// Why a map could not be read at all (as opposed to read with problems).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("the JSON is not an object")]
    NotAnObject,
}

/// Only these fields are looked at; each stays raw until checked, so that a field of the
/// wrong type is a problem to report, not a reason to lose the rest of the map.
#[derive(Deserialize, Default)]
struct RawMap<'a> {
    #[serde(borrow, default)]
    version: Option<&'a RawValue>,
    #[serde(borrow, default)]
    file: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "sourceRoot")]
    source_root: Option<&'a RawValue>,
    #[serde(default)]
    sources: Option<StringList>,
    #[serde(default, rename = "sourcesContent")]
    sources_content: Option<StringList>,
    #[serde(default)]
    names: Option<NameList>,
    #[serde(borrow, default)]
    mappings: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "ignoreList")]
    ignore_list: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "x_google_ignoreList")]
    google_ignore_list: Option<&'a RawValue>,
    #[serde(borrow, default)]
    sections: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "debugId")]
    debug_id: Option<&'a RawValue>,
    /// React Native's Metro: more maps, by segment number.
    #[serde(borrow, default)]
    x_facebook_segments: Option<&'a RawValue>,
    /// `mappings` already checked as it arrived (by [`MapStream`]), to be finished here.
    #[serde(skip)]
    mappings_checked: Option<MappingsCheck>,
    /// `sourcesContent` located as it arrived (by a [`MapStream`] that leaves texts where
    /// they are), instead of `sources_content`.
    #[serde(skip)]
    contents_at: Option<TextList>,
}

/// `sourcesContent` as located items: `None` for null or a value of another type.
#[derive(Debug, Default)]
struct TextList {
    items: Vec<Option<TextAt>>,
    wrong_items: usize,
    /// Items past the limit, counted only.
    beyond: usize,
}

#[derive(Deserialize)]
struct RawSection<'a> {
    #[serde(borrow, default)]
    offset: Option<&'a RawValue>,
    #[serde(borrow, default)]
    map: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Offset {
    line: Option<serde_json::Value>,
    column: Option<serde_json::Value>,
}

impl SourceMap {
    /// Parses a map from its JSON text. Tolerates a leading `)]}'` XSSI guard line, which
    /// the spec allows.
    pub fn parse(json: &[u8]) -> Result<SourceMap, MapError> {
        SourceMap::parse_with(json, Mappings::Check)
    }

    /// Like [`SourceMap::parse`]; with [`Mappings::Skip`], `mappings` is not validated (for
    /// a caller that only wants what the map embeds).
    pub fn parse_with(json: &[u8], mappings: Mappings) -> Result<SourceMap, MapError> {
        SourceMap::parse_limited(json, mappings, &MapLimits::default())
    }

    /// Like [`SourceMap::parse_with`], reading no more than `limits` allow.
    pub fn parse_limited(
        json: &[u8],
        mappings: Mappings,
        limits: &MapLimits,
    ) -> Result<SourceMap, MapError> {
        let json = strip_xssi_guard(json);
        // A derived struct would also accept a JSON array; a map is an object.
        match json.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            Some(_) => return Err(MapError::NotAnObject),
            None => return Err(MapError::Json("the file is empty".into())),
        }
        let raw: RawMap = keeping(limits.max_sources, || serde_json::from_slice(json))
            .map_err(|e| MapError::Json(e.to_string()))?;
        Ok(SourceMap::from_raw(raw, mappings, limits))
    }

    fn from_raw(raw: RawMap, mappings: Mappings, limits: &MapLimits) -> SourceMap {
        let mut reader = Reader {
            check: mappings,
            limits: *limits,
            problems: Vec::new(),
            kept: 0,
            listed: 0,
            too_deep: 0,
        };
        let map = reader.read_map(raw, 1);
        let mut cuts = Vec::new();
        if reader.listed > reader.kept {
            cuts.push(MapCut::Sources {
                listed: reader.listed,
                limit: limits.max_sources,
            });
        }
        if reader.too_deep > 0 {
            cuts.push(MapCut::Depth {
                limit: limits.max_json_depth,
                maps: reader.too_deep,
            });
        }
        SourceMap {
            problems: reader.problems,
            cuts,
            ..map
        }
    }
}

thread_local! {
    /// Items of `sources` and of `sourcesContent` the map being parsed may keep; those past
    /// it are counted ([`StringList::beyond`]), not held. Set by [`keeping`] around each
    /// parse, since serde's derived parse cannot be handed it.
    static KEEP: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// Runs a parse that keeps at most `keep` items of each list.
fn keeping<T>(keep: usize, parse: impl FnOnce() -> T) -> T {
    let before = KEEP.replace(keep);
    let out = parse();
    KEEP.set(before);
    out
}

fn strip_xssi_guard(json: &[u8]) -> &[u8] {
    match json.strip_prefix(b")]}'") {
        Some(rest) => rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(&[][..], |i| &rest[i + 1..]),
        None => json,
    }
}

/// Reads a map and the maps nested in it, counting sources against the limits.
struct Reader {
    check: Mappings,
    limits: MapLimits,
    problems: Vec<String>,
    /// Sources kept so far, over all nested maps, and sources listed (kept or not).
    kept: usize,
    listed: usize,
    /// Nested maps not read: too deep.
    too_deep: usize,
}

impl Reader {
    /// One map whose object is at JSON level `depth` (the top map's is 1).
    fn read_map(&mut self, raw: RawMap, depth: usize) -> SourceMap {
        let problems = &mut self.problems;
        match raw.version.map(|v| v.get().trim()) {
            Some("3") => {}
            Some(v) => problems.push(format!("`version` is {v}, not 3")),
            None => problems.push("`version` is missing".into()),
        }
        let file = optional_string(raw.file, "file", problems);
        let debug_id = optional_string(raw.debug_id, "debugId", problems);
        let segments = raw.x_facebook_segments;
        if let Some(sections) = raw.sections {
            if raw.mappings.is_some() {
                problems.push("an index map must not have `mappings`".into());
            }
            let mut sources = self.read_sections(sections, depth);
            sources.extend(self.read_segments(segments, depth));
            return SourceMap {
                kind: MapKind::Index,
                sources,
                debug_id,
                file,
                problems: Vec::new(),
                cuts: Vec::new(),
            };
        }

        let source_root = optional_string(raw.source_root, "sourceRoot", problems);
        let (paths, paths_beyond) = match raw.sources {
            None => {
                problems.push("`sources` is missing".into());
                (Vec::new(), 0)
            }
            Some(v) => {
                let beyond = v.beyond;
                (v.checked("sources", problems), beyond)
            }
        };
        let (contents, contents_beyond): (Vec<Option<SourceText>>, usize) = match raw.contents_at {
            Some(list) => {
                if list.wrong_items > 0 {
                    problems.push(wrong_items("sourcesContent"));
                }
                let beyond = list.beyond;
                let texts = list.items.into_iter().map(|at| at.map(SourceText::At));
                (texts.collect(), beyond)
            }
            None => match raw.sources_content {
                Some(v) => {
                    let beyond = v.beyond;
                    let texts = v.checked("sourcesContent", problems).into_iter();
                    (texts.map(|s| s.map(SourceText::Owned)).collect(), beyond)
                }
                None => (Vec::new(), 0),
            },
        };
        let names = raw.names.map_or(0, |v| {
            if v.not_a_list {
                problems.push("`names` is not a list".into());
            } else if v.wrong_items > 0 {
                problems.push(wrong_items("names"));
            }
            if v.wrong_items + v.nulls > 0 {
                problems.push("`names` holds a value that is not a string".into());
            }
            v.items
        });
        // Indices are checked against every source the map lists, read or not.
        let listed_paths = paths.len() + paths_beyond;
        let ignored = ignore_list(
            raw.ignore_list.or(raw.google_ignore_list),
            listed_paths,
            paths.len(),
            problems,
        );
        let checked = match (raw.mappings, raw.mappings_checked) {
            _ if self.check == Mappings::Skip => Ok(()),
            (None, _) => Err("`mappings` is missing".into()),
            (Some(_), Some(checked)) => checked.finish(listed_paths, names),
            (Some(m), None) => match serde_json::from_str::<std::borrow::Cow<str>>(m.get()) {
                Ok(m) => {
                    let mut checked = MappingsCheck::default();
                    checked.feed(m.as_bytes());
                    checked.finish(listed_paths, names)
                }
                Err(_) => Err("`mappings` is not a string".into()),
            },
        };
        if let Err(e) = checked {
            problems.push(e);
        }

        // sourcesContent may be longer than sources (a broken map): what it embeds still
        // leaks. Lists were cut at what this map may keep; the two may be cut differently
        // when a list is not a list.
        let room = self.limits.max_sources.saturating_sub(self.kept);
        let count = paths.len().max(contents.len()).min(room);
        self.kept += count;
        self.listed += listed_paths.max(contents.len() + contents_beyond);
        let mut paths = paths.into_iter();
        let mut contents = contents.into_iter();
        let mut sources: Vec<MapSource> = (0..count)
            .map(|i| MapSource {
                path: paths.next().flatten(),
                source_root: source_root.clone(),
                content: contents.next().flatten(),
                ignored: ignored.get(i).copied().unwrap_or(false),
            })
            .collect();
        sources.extend(self.read_segments(segments, depth));
        SourceMap {
            kind: MapKind::Regular,
            sources,
            debug_id,
            file,
            problems: Vec::new(),
            cuts: Vec::new(),
        }
    }

    /// A map nested in this one at JSON level `depth` (`what` names it in problems), read
    /// when it is no deeper than the limit.
    fn read_nested(&mut self, map: &RawValue, depth: usize, what: &str) -> Vec<MapSource> {
        if depth > self.limits.max_json_depth {
            self.too_deep += 1;
            self.problems.push(format!(
                "{what} sits {depth} levels deep in the JSON, past the {} Leakscope follows, \
                 so it was not read",
                plural(self.limits.max_json_depth, "level", "levels")
            ));
            return Vec::new();
        }
        let room = self.limits.max_sources.saturating_sub(self.kept);
        match keeping(room, || serde_json::from_str::<RawMap>(map.get())) {
            Ok(raw) => {
                let outer = std::mem::take(&mut self.problems);
                if raw.sections.is_some() {
                    self.problems.push(
                        "an index map is nested inside another (ECMA-426 forbids it; React \
                         Native's Metro writes them); it is read all the same"
                            .into(),
                    );
                }
                let sub = self.read_map(raw, depth);
                let inner = std::mem::replace(&mut self.problems, outer);
                self.problems
                    .extend(inner.into_iter().map(|p| format!("{what}: {p}")));
                sub.sources
            }
            Err(_) => {
                self.problems
                    .push(format!("{what} has a map that is not an object"));
                Vec::new()
            }
        }
    }

    /// An index map's sections (its object is at JSON level `depth`).
    fn read_sections(&mut self, sections: &RawValue, depth: usize) -> Vec<MapSource> {
        let Ok(sections) = serde_json::from_str::<Vec<&RawValue>>(sections.get()) else {
            self.problems.push("`sections` is not a list".into());
            return Vec::new();
        };
        let mut sources = Vec::new();
        let mut previous: Option<(i64, i64)> = None;
        for (i, section) in sections.iter().enumerate() {
            let problems = &mut self.problems;
            let Ok(section) = serde_json::from_str::<RawSection>(section.get()) else {
                problems.push(format!("section {i} is not an object"));
                continue;
            };
            match section
                .offset
                .map(|o| serde_json::from_str::<Offset>(o.get()))
            {
                Some(Ok(Offset {
                    line: Some(line),
                    column: Some(column),
                })) => match (line.as_i64(), column.as_i64()) {
                    (Some(l), Some(c)) if l >= 0 && c >= 0 => {
                        if previous.is_some_and(|p| (l, c) <= p) {
                            problems.push(format!(
                                "section {i} starts before or where the previous one does"
                            ));
                        }
                        previous = Some((l, c));
                    }
                    _ => problems.push(format!(
                        "section {i} has an offset that is not two non-negative integers"
                    )),
                },
                Some(Ok(_)) => {
                    problems.push(format!("section {i} is missing its offset line or column"))
                }
                Some(Err(_)) => {
                    problems.push(format!("section {i} has an offset that is not an object"))
                }
                None => problems.push(format!("section {i} has no offset")),
            }
            let Some(map) = section.map else {
                problems.push(format!("section {i} has no map"));
                continue;
            };
            // `sections` is one level down, the section another, its map a third.
            sources.extend(self.read_nested(map, depth + 3, &format!("section {i}")));
        }
        sources
    }

    /// Metro's `x_facebook_segments`: more maps by segment number, outside the spec (the
    /// map's object is at JSON level `depth`).
    fn read_segments(&mut self, segments: Option<&RawValue>, depth: usize) -> Vec<MapSource> {
        let Some(segments) = segments.filter(|s| s.get().trim() != "null") else {
            return Vec::new();
        };
        self.problems.push(
            "`x_facebook_segments` holds more maps (React Native's Metro writes them; they are \
             not part of ECMA-426); they are read all the same"
                .into(),
        );
        let Ok(segments) = serde_json::from_str::<Segments>(segments.get()) else {
            self.problems
                .push("`x_facebook_segments` is not an object".into());
            return Vec::new();
        };
        let mut sources = Vec::new();
        for (key, map) in segments.0 {
            let what = format!("segment {}", crate::text::without_controls(&key));
            sources.extend(self.read_nested(map, depth + 2, &what));
        }
        sources
    }
}

/// An object's members in the order they are written.
struct Segments<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Segments<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Segments<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Segments<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Segments(out))
            }
        }
        d.deserialize_map(V)
    }
}

fn optional_string(
    v: Option<&RawValue>,
    field: &str,
    problems: &mut Vec<String>,
) -> Option<String> {
    let v = v?;
    match serde_json::from_str::<Option<String>>(v.get()) {
        Ok(s) => s,
        Err(_) => {
            problems.push(format!("`{field}` is not a string"));
            None
        }
    }
}

/// A JSON value that should be a list of strings or nulls, read in one pass without
/// failing: items of another type become `None` and are counted, and a value that is not a
/// list at all is noted. (Parsing into a raw value first and then again would read 60 MB of
/// `sourcesContent` twice.)
#[derive(Debug, Default)]
struct StringList {
    items: Vec<Option<String>>,
    wrong_items: usize,
    not_a_list: bool,
    /// Items past what the parse may keep ([`keeping`]): counted, not held or checked.
    beyond: usize,
}

impl<'de> Deserialize<'de> for StringList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringListVisitor)
    }
}

struct StringListVisitor;

impl<'de> serde::de::Visitor<'de> for StringListVisitor {
    type Value = StringList;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of strings")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StringList, A::Error> {
        let mut list = StringList::default();
        let keep = KEEP.get();
        while list.items.len() < keep {
            match seq.next_element::<Item>()? {
                Some(item) => list.push(item),
                None => return Ok(list),
            }
        }
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
            list.beyond += 1;
        }
        Ok(list)
    }

    // Anything but a list: remember it, consume it, carry on with the map.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<StringList, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(StringList::not_a_list())
    }
    fn visit_str<E>(self, _: &str) -> Result<StringList, E> {
        Ok(StringList::not_a_list())
    }
    fn visit_bool<E>(self, _: bool) -> Result<StringList, E> {
        Ok(StringList::not_a_list())
    }
    fn visit_i64<E>(self, _: i64) -> Result<StringList, E> {
        Ok(StringList::not_a_list())
    }
    fn visit_u64<E>(self, _: u64) -> Result<StringList, E> {
        Ok(StringList::not_a_list())
    }
    fn visit_f64<E>(self, _: f64) -> Result<StringList, E> {
        Ok(StringList::not_a_list())
    }
    fn visit_unit<E>(self) -> Result<StringList, E> {
        Ok(StringList::not_a_list())
    }
}

impl StringList {
    fn push(&mut self, item: Item) {
        self.wrong_items += usize::from(matches!(item, Item::Wrong));
        self.items.push(match item {
            Item::Text(s) => Some(s),
            Item::Null | Item::Wrong => None,
        });
    }

    fn not_a_list() -> StringList {
        StringList {
            not_a_list: true,
            ..StringList::default()
        }
    }

    /// The items, with what was wrong recorded as problems.
    fn checked(self, field: &str, problems: &mut Vec<String>) -> Vec<Option<String>> {
        if self.not_a_list {
            problems.push(format!("`{field}` is not a list"));
        } else if self.wrong_items > 0 {
            problems.push(wrong_items(field));
        }
        self.items
    }
}

fn wrong_items(field: &str) -> String {
    format!("`{field}` holds values that are neither strings nor null")
}

/// `names`, counted: only how many there are matters (for `mappings`' indices), so none is
/// held.
#[derive(Debug, Default)]
struct NameList {
    items: usize,
    /// Items that are neither strings nor null, and nulls.
    wrong_items: usize,
    nulls: usize,
    not_a_list: bool,
}

impl<'de> Deserialize<'de> for NameList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = NameList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<NameList, A::Error> {
                let mut list = NameList::default();
                while let Some(name) = seq.next_element::<Name>()? {
                    list.items += 1;
                    match name {
                        Name::Text => {}
                        Name::Null => list.nulls += 1,
                        Name::Wrong => list.wrong_items += 1,
                    }
                }
                Ok(list)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<NameList, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(NameList::not_a_list())
            }
            fn visit_str<E>(self, _: &str) -> Result<NameList, E> {
                Ok(NameList::not_a_list())
            }
            fn visit_bool<E>(self, _: bool) -> Result<NameList, E> {
                Ok(NameList::not_a_list())
            }
            fn visit_i64<E>(self, _: i64) -> Result<NameList, E> {
                Ok(NameList::not_a_list())
            }
            fn visit_u64<E>(self, _: u64) -> Result<NameList, E> {
                Ok(NameList::not_a_list())
            }
            fn visit_f64<E>(self, _: f64) -> Result<NameList, E> {
                Ok(NameList::not_a_list())
            }
            fn visit_unit<E>(self) -> Result<NameList, E> {
                Ok(NameList::not_a_list())
            }
        }
        d.deserialize_any(V)
    }
}

impl NameList {
    fn not_a_list() -> NameList {
        NameList {
            not_a_list: true,
            ..NameList::default()
        }
    }
}

/// What one item of `names` is. Never held.
enum Name {
    Text,
    Null,
    Wrong,
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Name;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, _: &str) -> Result<Name, E> {
                Ok(Name::Text)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Name, E> {
                Ok(Name::Wrong)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Name, E> {
                Ok(Name::Wrong)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Name, E> {
                Ok(Name::Wrong)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Name, E> {
                Ok(Name::Wrong)
            }
            fn visit_unit<E>(self) -> Result<Name, E> {
                Ok(Name::Null)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Name, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Name::Wrong)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Name, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Name::Wrong)
            }
        }
        d.deserialize_any(V)
    }
}

/// One item of a [`StringList`].
enum Item {
    Text(String),
    Null,
    Wrong,
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or null")
            }
            fn visit_str<E>(self, s: &str) -> Result<Item, E> {
                Ok(Item::Text(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Item, E> {
                Ok(Item::Text(s))
            }
            fn visit_unit<E>(self) -> Result<Item, E> {
                Ok(Item::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Item, E> {
                Ok(Item::Wrong)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Item, E> {
                Ok(Item::Wrong)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Item, E> {
                Ok(Item::Wrong)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Item, E> {
                Ok(Item::Wrong)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Item::Wrong)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Item::Wrong)
            }
        }
        d.deserialize_any(V)
    }
}

/// Which of the `kept` sources `ignoreList` marks; an index is checked against all the
/// `sources` the map lists.
fn ignore_list(
    v: Option<&RawValue>,
    sources: usize,
    kept: usize,
    problems: &mut Vec<String>,
) -> Vec<bool> {
    let Some(v) = v else {
        return Vec::new();
    };
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(v.get()) else {
        problems.push("`ignoreList` is not a list".into());
        return Vec::new();
    };
    let mut out = vec![false; kept];
    for item in items {
        match item.as_u64() {
            Some(i) if (i as usize) < kept => out[i as usize] = true,
            Some(i) if (i as usize) < sources => {}
            Some(i) => problems.push(format!(
                "`ignoreList` names source {i}, which does not exist"
            )),
            None if item.is_i64() => {
                problems.push(format!("`ignoreList` holds {item}, a negative index"))
            }
            None => problems.push(format!("`ignoreList` holds {item}, which is not an index")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> SourceMap {
        SourceMap::parse(json.as_bytes()).expect("parses")
    }

    #[test]
    fn counts_sources_and_embedded_content() {
        let m = parse(
            r#"{"version":3,"sources":["a.ts","b.ts",null],"sourcesContent":["let a = 'é';",null,"x"],
               "names":[],"mappings":"AAAA;ACAA"}"#,
        );
        assert!(m.is_valid(), "{:?}", m.problems);
        assert_eq!(m.kind, MapKind::Regular);
        assert_eq!(m.sources.len(), 3);
        assert_eq!(m.sources_with_content(), 2);
        assert_eq!(m.content_bytes(), "let a = 'é';".len() as u64 + 1);
    }

    #[test]
    fn a_map_without_sources_content_embeds_nothing() {
        let m = parse(r#"{"version":3,"sources":["a.ts"],"names":[],"mappings":"AAAA"}"#);
        assert!(m.is_valid());
        assert_eq!(m.sources_with_content(), 0);
        assert_eq!(m.content_bytes(), 0);
    }

    #[test]
    fn wrong_types_are_problems_but_strings_are_still_recovered() {
        let m = parse(
            r#"{"version":3,"sources":["a","b"],"sourcesContent":["kept",7],"mappings":"AAAA"}"#,
        );
        assert!(!m.is_valid());
        assert_eq!(m.sources_with_content(), 1);
        assert_eq!(m.sources[0].content, Some(SourceText::Owned("kept".into())));
    }

    #[test]
    fn index_maps_count_sources_of_all_sections() {
        let m = parse(
            r#"{"version":3,"sections":[
              {"offset":{"line":0,"column":0},"map":{"version":3,"sources":["a.ts"],"sourcesContent":["A"],"mappings":"AAAA"}},
              {"offset":{"line":1,"column":0},"map":{"version":3,"sourceRoot":"src/","sources":["b.ts"],"sourcesContent":["B"],"mappings":"AAAA"}}]}"#,
        );
        assert!(m.is_valid(), "{:?}", m.problems);
        assert_eq!(m.kind, MapKind::Index);
        assert_eq!(m.sources.len(), 2);
        assert_eq!(m.sources_with_content(), 2);
        assert_eq!(m.sources[1].source_root.as_deref(), Some("src/"));
    }

    #[test]
    fn ignore_list_marks_sources_and_rejects_bad_indices() {
        let m = parse(r#"{"version":3,"sources":["a","b"],"mappings":"","ignoreList":[1]}"#);
        assert!(m.is_valid());
        assert!(!m.sources[0].ignored && m.sources[1].ignored);
        let m = parse(r#"{"version":3,"sources":["a"],"mappings":"","x_google_ignoreList":[0]}"#);
        assert!(m.sources[0].ignored);
        assert!(
            !parse(r#"{"version":3,"sources":["a"],"mappings":"","ignoreList":[1]}"#).is_valid()
        );
        assert!(
            !parse(r#"{"version":3,"sources":["a"],"mappings":"","ignoreList":"0"}"#).is_valid()
        );
    }

    #[test]
    fn broken_json_is_an_error_not_a_panic() {
        assert!(matches!(
            SourceMap::parse(b"{\"version\":3,"),
            Err(MapError::Json(_))
        ));
        assert_eq!(SourceMap::parse(b"[1,2]"), Err(MapError::NotAnObject));
        assert!(SourceMap::parse(&[0xff, 0x00, 0x13]).is_err());
        assert!(SourceMap::parse(b"{\"version\":3,\"version\":3}").is_err());
    }

    #[test]
    fn xssi_guard_is_skipped() {
        let m = parse(")]}'\n{\"version\":3,\"sources\":[],\"mappings\":\"\"}");
        assert!(m.is_valid());
    }

    #[test]
    fn skipping_mappings_still_reads_every_source() {
        let broken = br#"{"version":3,"sources":["a.ts"],"sourcesContent":["x"],"mappings":"!!!"}"#;
        assert!(!SourceMap::parse(broken).unwrap().is_valid());
        let skipped = SourceMap::parse_with(broken, Mappings::Skip).unwrap();
        assert!(skipped.is_valid());
        assert_eq!(skipped.sources_with_content(), 1);
    }

    #[test]
    fn deeply_nested_index_maps_do_not_recurse() {
        let open = r#"{"version":3,"sections":[{"offset":{"line":0,"column":0},"map":"#;
        let json = format!("{}{{}}{}", open.repeat(5000), "}]}".repeat(5000));
        let m = SourceMap::parse(json.as_bytes()).unwrap();
        assert!(m.problems.iter().any(|p| p.contains("nested")));
    }
}
