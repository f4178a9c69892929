//! Reads a source map (ECMA-426) for what it exposes: its sources, what it embeds, and
//! whether it breaks the spec. Only the fields Leakscope needs are parsed; `mappings` is
//! validated in one pass without being decoded into a table, which keeps a 60 MB map cheap.
//!
//! A map that breaks the spec still leaks what it embeds, so problems are collected, not
//! fatal: every `sourcesContent` string that can be read is kept.

mod stream;

use serde::Deserialize;
use serde_json::value::RawValue;

pub use stream::MapStream;

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
    pub content: Option<String>,
    /// Listed in `ignoreList` / `x_google_ignoreList`: the producer marks it third-party.
    pub ignored: bool,
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
    names: Option<StringList>,
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

/// Largest value a mapping field may take (ECMA-426: 32-bit signed).
const MAX_FIELD: i64 = i32::MAX as i64;

impl SourceMap {
    /// Parses a map from its JSON text. Tolerates a leading `)]}'` XSSI guard line, which
    /// the spec allows.
    pub fn parse(json: &[u8]) -> Result<SourceMap, MapError> {
        SourceMap::parse_with(json, Mappings::Check)
    }

    /// Like [`SourceMap::parse`]; with [`Mappings::Skip`], `mappings` is not validated (for
    /// a caller that only wants what the map embeds).
    pub fn parse_with(json: &[u8], mappings: Mappings) -> Result<SourceMap, MapError> {
        let json = strip_xssi_guard(json);
        // A derived struct would also accept a JSON array; a map is an object.
        match json.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            Some(_) => return Err(MapError::NotAnObject),
            None => return Err(MapError::Json("the file is empty".into())),
        }
        let raw: RawMap =
            serde_json::from_slice(json).map_err(|e| MapError::Json(e.to_string()))?;
        Ok(SourceMap::from_raw(raw, mappings))
    }

    fn from_raw(raw: RawMap, mappings: Mappings) -> SourceMap {
        let mut problems = Vec::new();
        let map = read_map(raw, &mut problems, 0, mappings);
        SourceMap { problems, ..map }
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

fn read_map(raw: RawMap, problems: &mut Vec<String>, depth: usize, check: Mappings) -> SourceMap {
    match raw.version.map(|v| v.get().trim()) {
        Some("3") => {}
        Some(v) => problems.push(format!("`version` is {v}, not 3")),
        None => problems.push("`version` is missing".into()),
    }
    let file = optional_string(raw.file, "file", problems);
    let debug_id = optional_string(raw.debug_id, "debugId", problems);
    if let Some(sections) = raw.sections {
        if raw.mappings.is_some() {
            problems.push("an index map must not have `mappings`".into());
        }
        let sources = read_sections(sections, problems, depth, check);
        return SourceMap {
            kind: MapKind::Index,
            sources,
            debug_id,
            file,
            problems: Vec::new(),
        };
    }

    let source_root = optional_string(raw.source_root, "sourceRoot", problems);
    let paths = match raw.sources {
        None => {
            problems.push("`sources` is missing".into());
            Vec::new()
        }
        Some(v) => v.checked("sources", problems),
    };
    let contents = raw
        .sources_content
        .map(|v| v.checked("sourcesContent", problems))
        .unwrap_or_default();
    let names = raw.names.map_or(0, |v| {
        let names = v.checked("names", problems);
        if names.iter().any(Option::is_none) {
            problems.push("`names` holds a value that is not a string".into());
        }
        names.len()
    });
    let ignored = ignore_list(
        raw.ignore_list.or(raw.google_ignore_list),
        paths.len(),
        problems,
    );
    match raw.mappings {
        _ if check == Mappings::Skip => {}
        None => problems.push("`mappings` is missing".into()),
        Some(m) => match serde_json::from_str::<std::borrow::Cow<str>>(m.get()) {
            Ok(m) => {
                if let Err(e) = validate_mappings(&m, paths.len(), names) {
                    problems.push(format!("`mappings` is invalid: {e}"));
                }
            }
            Err(_) => problems.push("`mappings` is not a string".into()),
        },
    }

    // sourcesContent may be longer than sources (a broken map): what it embeds still leaks.
    let count = paths.len().max(contents.len());
    let mut paths = paths.into_iter();
    let mut contents = contents.into_iter();
    let sources = (0..count)
        .map(|i| MapSource {
            path: paths.next().flatten(),
            source_root: source_root.clone(),
            content: contents.next().flatten(),
            ignored: ignored.get(i).copied().unwrap_or(false),
        })
        .collect();
    SourceMap {
        kind: MapKind::Regular,
        sources,
        debug_id,
        file,
        problems: Vec::new(),
    }
}

fn read_sections(
    sections: &RawValue,
    problems: &mut Vec<String>,
    depth: usize,
    check: Mappings,
) -> Vec<MapSource> {
    let Ok(sections) = serde_json::from_str::<Vec<&RawValue>>(sections.get()) else {
        problems.push("`sections` is not a list".into());
        return Vec::new();
    };
    if depth > 0 {
        // Not read further: nesting is not allowed, and a deep one would exhaust the stack.
        problems.push("an index map is nested inside another".into());
        return Vec::new();
    }
    let mut sources = Vec::new();
    let mut previous: Option<(i64, i64)> = None;
    for (i, section) in sections.iter().enumerate() {
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
        match serde_json::from_str::<RawMap>(map.get()) {
            Ok(raw) => {
                let mut inner = Vec::new();
                let sub = read_map(raw, &mut inner, depth + 1, check);
                problems.extend(inner.into_iter().map(|p| format!("section {i}: {p}")));
                sources.extend(sub.sources);
            }
            Err(_) => problems.push(format!("section {i} has a map that is not an object")),
        }
    }
    sources
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
        while let Some(item) = seq.next_element::<Item>()? {
            list.push(item);
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
            problems.push(format!(
                "`{field}` holds values that are neither strings nor null"
            ));
        }
        self.items
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

fn ignore_list(v: Option<&RawValue>, sources: usize, problems: &mut Vec<String>) -> Vec<bool> {
    let Some(v) = v else {
        return Vec::new();
    };
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(v.get()) else {
        problems.push("`ignoreList` is not a list".into());
        return Vec::new();
    };
    let mut out = vec![false; sources];
    for item in items {
        match item.as_u64() {
            Some(i) if (i as usize) < sources => out[i as usize] = true,
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

/// Checks `mappings` against ECMA-426 without building a table: base64 VLQ digits, segments
/// of 1, 4 or 5 fields, 32-bit values, no negative positions, indices in range.
fn validate_mappings(mappings: &str, sources: usize, names: usize) -> Result<(), String> {
    // Running values; the generated column restarts on each line, the others carry on.
    let (mut source, mut line, mut column, mut name) = (0i64, 0i64, 0i64, 0i64);
    let (mut line_no, mut generated) = (0usize, 0i64);
    let bytes = mappings.as_bytes();
    let mut i = 0;
    // One pass over the bytes: `;` ends a line, `,` a segment; a segment is 1, 4 or 5 VLQs.
    while i < bytes.len() {
        match bytes[i] {
            b';' => {
                line_no += 1;
                generated = 0;
                i += 1;
                continue;
            }
            b',' => return Err(format!("line {line_no}: a segment is empty")),
            _ => {}
        }
        let mut fields = [0i64; 5];
        let mut n = 0;
        while i < bytes.len() && bytes[i] != b',' && bytes[i] != b';' {
            if n == 5 {
                return Err(format!("line {line_no}: a segment has more than 5 fields"));
            }
            let (value, used) =
                read_vlq(&bytes[i..]).map_err(|e| format!("line {line_no}: {e}"))?;
            fields[n] = value;
            n += 1;
            i += used;
        }
        if !matches!(n, 1 | 4 | 5) {
            return Err(format!(
                "line {line_no}: a segment has {n} fields (1, 4 or 5 expected)"
            ));
        }
        generated += fields[0];
        check_position(generated, "generated column", line_no)?;
        if n >= 4 {
            source += fields[1];
            line += fields[2];
            column += fields[3];
            check_position(source, "source index", line_no)?;
            check_position(line, "original line", line_no)?;
            check_position(column, "original column", line_no)?;
            if source as usize >= sources {
                return Err(format!(
                    "line {line_no}: source index {source} is out of range"
                ));
            }
        }
        if n == 5 {
            name += fields[4];
            check_position(name, "name index", line_no)?;
            if name as usize >= names {
                return Err(format!("line {line_no}: name index {name} is out of range"));
            }
        }
        // A `,` must be followed by another segment.
        if i < bytes.len() && bytes[i] == b',' {
            i += 1;
            if i == bytes.len() || matches!(bytes[i], b',' | b';') {
                return Err(format!("line {line_no}: a segment is empty"));
            }
        }
    }
    Ok(())
}

fn check_position(value: i64, what: &str, line_no: usize) -> Result<(), String> {
    if value < 0 {
        Err(format!("line {line_no}: the {what} becomes negative"))
    } else if value > MAX_FIELD {
        Err(format!("line {line_no}: the {what} exceeds 32 bits"))
    } else {
        Ok(())
    }
}

/// Base64 digit values; `NOT_BASE64` for every other byte.
const BASE64: [u8; 256] = {
    let mut table = [NOT_BASE64; 256];
    let digits = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        table[digits[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const NOT_BASE64: u8 = 0xff;

/// Decodes one base64 VLQ value at the start of `digits`; returns it and the digits used.
fn read_vlq(digits: &[u8]) -> Result<(i64, usize), String> {
    // Most values in real maps are one digit: small deltas.
    if let Some(&c) = digits.first()
        && BASE64[c as usize] < 0x20
    {
        let d = i64::from(BASE64[c as usize]);
        return Ok((if d & 1 == 1 { -(d >> 1) } else { d >> 1 }, 1));
    }
    let mut value: u64 = 0;
    let mut shift = 0u32;
    let mut used = 0;
    loop {
        let Some(&c) = digits.get(used) else {
            return Err("a value ends in the middle (continuation bit set)".into());
        };
        used += 1;
        let d = match BASE64[c as usize] {
            NOT_BASE64 if matches!(c, b',' | b';') => {
                return Err("a value ends in the middle (continuation bit set)".into());
            }
            NOT_BASE64 => return Err(format!("{:?} is not a base64 digit", c as char)),
            d => d,
        };
        let bits = u64::from(d & 0x1f);
        if bits != 0 {
            // Zero digits may pad a value at any length; real bits past 32 overflow.
            if shift >= 32 || (bits << shift) > u64::from(u32::MAX) {
                return Err("a value exceeds 32 bits".into());
            }
            value |= bits << shift;
        }
        if d & 0x20 == 0 {
            break;
        }
        shift = shift.saturating_add(5);
    }
    let magnitude = (value >> 1) as i64;
    if magnitude > MAX_FIELD {
        return Err("a value exceeds 32 bits".into());
    }
    Ok((
        if value & 1 == 1 {
            -magnitude
        } else {
            magnitude
        },
        used,
    ))
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
        assert_eq!(m.sources[0].content.as_deref(), Some("kept"));
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

    #[test]
    fn vlq_limits() {
        assert_eq!(validate_mappings("+/////D", 0, 0), Ok(()));
        assert!(validate_mappings("ggggggE", 0, 0).is_err());
        assert!(validate_mappings("C,F", 0, 0).is_err());
        assert!(validate_mappings("g", 0, 0).is_err());
        assert!(validate_mappings("AA", 1, 0).is_err());
        assert!(validate_mappings("A=", 1, 0).is_err());
        assert_eq!(validate_mappings(";;AAAA,CACA;", 1, 0), Ok(()));
        assert!(validate_mappings("AAAAA", 1, 0).is_err()); // no names
        assert!(validate_mappings(",,", 0, 0).is_err());
    }
}
