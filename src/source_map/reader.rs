//! Wire -> domain: reads a map and the maps nested in it, counting sources against the
//! limits and collecting what breaks the spec.

use serde_json::value::RawValue;

use super::MapError;
use super::mappings::MappingsCheck;
use super::model::{MapCut, MapKind, MapLimits, MapSource, Mappings, SourceMap, SourceText};
use super::wire::{
    NameList, Offset, RawMap, RawSection, Segments, StringList, TextList, ignore_list, keeping,
    optional_string, wrong_items,
};
use crate::text::plural;

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

    pub(super) fn from_raw(raw: RawMap, mappings: Mappings, limits: &MapLimits) -> SourceMap {
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

/// `sourcesContent`: located as it streamed in, or parsed; with the items past the limit,
/// counted.
fn contents(
    located: Option<TextList>,
    parsed: Option<StringList>,
    problems: &mut Vec<String>,
) -> (Vec<Option<SourceText>>, usize) {
    match (located, parsed) {
        (Some(list), _) => {
            if list.wrong_items > 0 {
                problems.push(wrong_items("sourcesContent"));
            }
            let texts = list.items.into_iter().map(|at| at.map(SourceText::At));
            (texts.collect(), list.beyond)
        }
        (None, Some(v)) => {
            let beyond = v.beyond;
            let texts = v.checked("sourcesContent", problems).into_iter();
            (texts.map(|s| s.map(SourceText::Owned)).collect(), beyond)
        }
        (None, None) => (Vec::new(), 0),
    }
}

/// How many `names` there are, for checking `mappings`, and what is wrong with them.
fn names(names: Option<NameList>, problems: &mut Vec<String>) -> usize {
    names.map_or(0, |v| {
        if v.not_a_list {
            problems.push("`names` is not a list".into());
        } else if v.wrong_items > 0 {
            problems.push(wrong_items("names"));
        }
        if v.wrong_items + v.nulls > 0 {
            problems.push("`names` holds a value that is not a string".into());
        }
        v.items
    })
}

/// Checks `mappings` against the number of sources and names: finishes a check made as it
/// streamed in, or makes it now.
fn check_mappings(
    mappings: Option<&RawValue>,
    checked: Option<MappingsCheck>,
    sources: usize,
    names: usize,
) -> Result<(), String> {
    match (mappings, checked) {
        (None, _) => Err("`mappings` is missing".into()),
        (Some(_), Some(checked)) => checked.finish(sources, names),
        (Some(m), None) => match serde_json::from_str::<std::borrow::Cow<str>>(m.get()) {
            Ok(m) => {
                let mut checked = MappingsCheck::default();
                checked.feed(m.as_bytes());
                checked.finish(sources, names)
            }
            Err(_) => Err("`mappings` is not a string".into()),
        },
    }
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
        let (kind, mut sources) = match raw.sections {
            Some(sections) => {
                if raw.mappings.is_some() {
                    problems.push("an index map must not have `mappings`".into());
                }
                (MapKind::Index, self.read_sections(sections, depth))
            }
            None => (MapKind::Regular, self.read_regular(raw)),
        };
        sources.extend(self.read_segments(segments, depth));
        SourceMap {
            kind,
            sources,
            debug_id,
            file,
            problems: Vec::new(),
            cuts: Vec::new(),
        }
    }

    /// A regular map's sources, what they embed and which are ignored; `mappings` checked
    /// against them.
    fn read_regular(&mut self, raw: RawMap) -> Vec<MapSource> {
        let problems = &mut self.problems;
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
        let (contents, contents_beyond) = contents(raw.contents_at, raw.sources_content, problems);
        let names = names(raw.names, problems);
        // Indices are checked against every source the map lists, read or not.
        let listed_paths = paths.len() + paths_beyond;
        let ignored = ignore_list(
            raw.ignore_list.or(raw.google_ignore_list),
            listed_paths,
            paths.len(),
            problems,
        );
        if self.check == Mappings::Check
            && let Err(e) = check_mappings(raw.mappings, raw.mappings_checked, listed_paths, names)
        {
            self.problems.push(e);
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
        (0..count)
            .map(|i| MapSource {
                path: paths.next().flatten(),
                source_root: source_root.clone(),
                content: contents.next().flatten(),
                ignored: ignored.get(i).copied().unwrap_or(false),
            })
            .collect()
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
