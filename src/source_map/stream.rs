//! Reading a map while its bytes arrive. `sourcesContent` (nearly all of a large map) is
//! parsed one string at a time as each one completes; the rest of the fields are only
//! located, and read when the map is whole. The result is exactly [`SourceMap::parse_with`]'s:
//! anything this reader does not follow (an XSSI guard, a duplicate key, broken JSON) makes
//! [`MapStream::finish`] read the whole map the ordinary way instead.

use std::collections::HashSet;
use std::ops::Range;

use serde_json::value::RawValue;

use super::mappings::MappingsCheck;
use super::wire::{ContentItem, NameList, RawMap, StringList, TextList, keeping};
use super::{MapError, MapLimits, Mappings, SourceMap, TextAt, text_hash};

/// What a stream does with the texts of `sourcesContent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Holds them in the map it gives, as the whole-map parse does.
    Keep,
    /// Leaves them in the JSON (the map gives where each is: [`super::SourceText::At`]);
    /// each is handed out once by [`MapStream::take_fresh`], to be searched, and dropped.
    Leave,
}

/// A source map read as it arrives: [`MapStream::feed`] it every prefix of the map, then
/// [`MapStream::finish`] it with the whole.
#[derive(Debug)]
pub struct MapStream {
    /// Whether `mappings` is validated (it is read byte by byte, so not for nothing).
    mappings: Mappings,
    limits: MapLimits,
    /// Bytes of the map looked at so far.
    at: usize,
    state: State,
    /// Top-level fields: name and where the value is (`None` for a `sourcesContent` list
    /// read here, item by item).
    fields: Vec<(String, Option<Range<usize>>)>,
    /// Their names, to notice a duplicate at once however many there are.
    names: HashSet<String>,
    texts: Texts,
    /// `sourcesContent`'s items parsed so far ([`Texts::Keep`]).
    contents: StringList,
    /// Or where they are ([`Texts::Leave`]), and those not yet handed out.
    located: TextList,
    fresh: Vec<Option<String>>,
    /// `mappings` checked as it arrived.
    mappings_checked: Option<MappingsCheck>,
    /// Set once the map turned out to need the ordinary parse.
    fallback: bool,
}

#[derive(Debug, Default)]
enum State {
    #[default]
    Start,
    /// After `{` (`first`) or `,`: a key, or `}` when first.
    Key {
        first: bool,
    },
    /// Inside a key.
    InKey(Value),
    Colon(String),
    Value(String),
    /// Inside a value that is only located.
    Skip(String, Value),
    /// Inside the `mappings` string (which starts at the given byte), checked as it arrives.
    Mappings(usize, MappingsCheck),
    /// Inside `sourcesContent`'s array: an item, or `]` (when first or after an item).
    ContentItem {
        first: bool,
    },
    InItem(Value),
    /// After an item: `,` or `]`.
    AfterItem,
    /// After a field's value: `,` or `}`.
    AfterValue,
    End,
}

/// Where a JSON value is being scanned: enough state to resume at the next byte.
#[derive(Debug)]
struct Value {
    start: usize,
    depth: usize,
    in_string: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl MapStream {
    pub fn new(mappings: Mappings, texts: Texts) -> MapStream {
        MapStream::limited(mappings, texts, MapLimits::default())
    }

    /// A stream that reads no more than `limits` allow, as [`SourceMap::parse_limited`].
    pub fn limited(mappings: Mappings, texts: Texts, limits: MapLimits) -> MapStream {
        MapStream {
            mappings,
            limits,
            texts,
            located: TextList::default(),
            fresh: Vec::new(),
            at: 0,
            state: State::Start,
            fields: Vec::new(),
            names: HashSet::new(),
            contents: StringList::default(),
            mappings_checked: None,
            fallback: false,
        }
    }

    /// Reads on into `json`, all of the map that has arrived so far (each call a longer
    /// prefix of the same bytes).
    pub fn feed(&mut self, json: &[u8]) {
        while !self.fallback && self.step(json) {}
    }

    /// `sourcesContent`'s items read since the last call, in order (`None` for null or a
    /// non-string). With [`Texts::Keep`] nothing is handed out: the map holds them.
    pub fn take_fresh(&mut self) -> Vec<Option<String>> {
        std::mem::take(&mut self.fresh)
    }

    /// One item of `sourcesContent`, whose literal is `json[range]`.
    fn item(&mut self, item: ContentItem, json: &[u8], range: Range<usize>) {
        // Past the limit, items are counted as the whole parse counts them.
        let kept = match self.texts {
            Texts::Keep => self.contents.items.len(),
            Texts::Leave => self.located.items.len(),
        };
        if kept >= self.limits.max_sources {
            match self.texts {
                Texts::Keep => self.contents.beyond += 1,
                Texts::Leave => self.located.beyond += 1,
            }
            return;
        }
        if self.texts == Texts::Keep {
            return self.contents.push(item);
        }
        match item {
            ContentItem::Text(text) => {
                self.located.items.push(Some(TextAt {
                    escaped: memchr::memchr(b'\\', &json[range.clone()]).is_some(),
                    start: range.start,
                    end: range.end,
                    len: text.len(),
                    hash: text_hash(&text),
                }));
                self.fresh.push(Some(text));
            }
            other => {
                self.located.wrong_items += usize::from(matches!(other, ContentItem::Wrong));
                self.located.items.push(None);
                self.fresh.push(None);
            }
        }
    }

    /// The map, from `json`: its whole text.
    pub fn finish(mut self, json: &[u8]) -> Result<SourceMap, MapError> {
        let mappings = self.mappings;
        self.feed(json);
        // Only whitespace may follow the object.
        let whole = matches!(self.state, State::End)
            && json[self.at.min(json.len())..].iter().all(|&b| is_space(b));
        let limits = self.limits;
        if !self.fallback
            && whole
            && let Some(raw) = keeping(limits.max_sources, || self.raw_map(json))
        {
            return Ok(SourceMap::from_raw(raw, mappings, &limits));
        }
        SourceMap::parse_limited(json, mappings, &limits)
    }

    /// One token or value further; false when `json` has no more to give.
    fn step(&mut self, json: &[u8]) -> bool {
        // Between tokens: skip whitespace.
        if !matches!(
            self.state,
            State::InKey(_) | State::Skip(..) | State::InItem(_) | State::Mappings(..) | State::End
        ) {
            while self.at < json.len() && is_space(json[self.at]) {
                self.at += 1;
            }
        }
        let Some(&b) = json.get(self.at) else {
            return false;
        };
        // Each arm that reads a value says whether `json` had all of it.
        let whole = match std::mem::take(&mut self.state) {
            State::Start if b == b'{' => self.advance(State::Key { first: true }),
            State::Key { first: true } if b == b'}' => self.advance(State::End),
            State::Key { .. } if b == b'"' => self.set(State::InKey(Value::at(self.at))),
            State::InKey(key) => self.key(key, json),
            State::Colon(key) if b == b':' => self.advance(State::Value(key)),
            State::Value(key) => self.value(key, b),
            State::Mappings(start, check) => self.mappings(start, check, json),
            State::Skip(key, value) => self.skip(key, value, json),
            State::ContentItem { first: true } if b == b']' => self.advance(State::AfterValue),
            State::ContentItem { first } if b == b'"' => self.string_item(first, json),
            State::ContentItem { .. } => self.set(State::InItem(Value::at(self.at))),
            State::InItem(value) => self.other_item(value, json),
            State::AfterItem if b == b',' => self.advance(State::ContentItem { first: false }),
            State::AfterItem if b == b']' => self.advance(State::AfterValue),
            State::AfterValue if b == b',' => self.advance(State::Key { first: false }),
            State::AfterValue if b == b'}' => self.advance(State::End),
            State::End => {
                self.state = State::End;
                false
            }
            // Anything else is not JSON this reader follows.
            _ => {
                self.fallback = true;
                true
            }
        };
        whole && !self.fallback
    }

    fn set(&mut self, next: State) -> bool {
        self.state = next;
        true
    }

    /// A key, once its string is whole: a key seen twice is left to the ordinary parse.
    fn key(&mut self, mut key: Value, json: &[u8]) -> bool {
        if !key.scan(json, &mut self.at) {
            return !self.set(State::InKey(key));
        }
        match serde_json::from_slice::<String>(&json[key.start..self.at]) {
            Ok(name) if self.names.insert(name.clone()) => self.state = State::Colon(name),
            _ => self.fallback = true,
        }
        true
    }

    /// The start of a value: `sourcesContent` is read item by item, `mappings` checked as
    /// it arrives, anything else skipped to its end.
    fn value(&mut self, key: String, b: u8) -> bool {
        if key == "sourcesContent" && b == b'[' {
            self.fields.push((key, None));
            return self.advance(State::ContentItem { first: true });
        }
        if key == "mappings" && b == b'"' && self.mappings == Mappings::Check {
            self.state = State::Mappings(self.at, MappingsCheck::default());
            self.at += 1;
            return true;
        }
        self.set(State::Skip(key, Value::at(self.at)))
    }

    /// `mappings`, checked up to its end quote; an escape sends it to be checked whole.
    fn mappings(&mut self, start: usize, mut check: MappingsCheck, json: &[u8]) -> bool {
        let rest = &json[self.at..];
        match memchr::memchr2(b'"', b'\\', rest) {
            None => {
                check.feed(rest);
                self.at = json.len();
                !self.set(State::Mappings(start, check))
            }
            Some(end) if rest[end] == b'"' => {
                check.feed(&rest[..end]);
                self.at += end + 1;
                self.fields.push(("mappings".into(), Some(start..self.at)));
                self.mappings_checked = Some(check);
                self.set(State::AfterValue)
            }
            // An escape: the string is checked once it can be parsed whole.
            Some(escape) => {
                self.at += escape;
                let value = Value {
                    start,
                    depth: 0,
                    in_string: true,
                };
                self.set(State::Skip("mappings".into(), value))
            }
        }
    }

    /// A value skipped to its end, kept as its range.
    fn skip(&mut self, key: String, mut value: Value, json: &[u8]) -> bool {
        if !value.scan(json, &mut self.at) {
            return !self.set(State::Skip(key, value));
        }
        // No value at all (`"a":}`) is not JSON.
        self.fallback = value.start == self.at;
        self.fields.push((key, Some(value.start..self.at)));
        self.set(State::AfterValue)
    }

    /// A string item of `sourcesContent`: one already whole is parsed in one pass; one still
    /// arriving is first found to its end.
    fn string_item(&mut self, first: bool, json: &[u8]) -> bool {
        let mut items = serde_json::Deserializer::from_slice(&json[self.at..]).into_iter();
        match items.next() {
            Some(Ok(item)) => {
                let start = self.at;
                self.at += items.byte_offset();
                self.item(item, json, start..self.at);
                self.set(State::AfterItem)
            }
            Some(Err(e)) if e.is_eof() => self.set(State::InItem(Value::at(self.at))),
            _ => {
                self.state = State::ContentItem { first };
                self.fallback = true;
                true
            }
        }
    }

    /// Any other item (a number that may go on, `null`, a string that was arriving), once
    /// it is whole.
    fn other_item(&mut self, mut value: Value, json: &[u8]) -> bool {
        if !value.scan(json, &mut self.at) {
            return !self.set(State::InItem(value));
        }
        match serde_json::from_slice::<ContentItem>(&json[value.start..self.at]) {
            Ok(item) => {
                self.item(item, json, value.start..self.at);
                self.state = State::AfterItem;
            }
            Err(_) => self.fallback = true,
        }
        true
    }

    fn advance(&mut self, next: State) -> bool {
        self.at += 1;
        self.set(next)
    }

    /// The fields as the ordinary parse would see them; `None` when one is not valid JSON.
    fn raw_map<'a>(&mut self, json: &'a [u8]) -> Option<RawMap<'a>> {
        let mut raw = RawMap::default();
        for (name, range) in &self.fields {
            let Some(range) = range else {
                match self.texts {
                    Texts::Keep => raw.sources_content = Some(std::mem::take(&mut self.contents)),
                    Texts::Leave => raw.contents_at = Some(std::mem::take(&mut self.located)),
                }
                continue;
            };
            let text = &json[range.clone()];
            // A field that is null is as good as absent, as for the ordinary parse.
            if text == b"null" {
                continue;
            }
            let value = || serde_json::from_slice::<&RawValue>(text).ok();
            let list = || serde_json::from_slice::<StringList>(text).ok();
            match name.as_str() {
                "version" => raw.version = Some(value()?),
                "file" => raw.file = Some(value()?),
                "sourceRoot" => raw.source_root = Some(value()?),
                "sources" => raw.sources = Some(list()?),
                "sourcesContent" => raw.sources_content = Some(list()?),
                "names" => raw.names = Some(serde_json::from_slice::<NameList>(text).ok()?),
                "mappings" => {
                    raw.mappings = Some(value()?);
                    raw.mappings_checked = self.mappings_checked.take();
                }
                "ignoreList" => raw.ignore_list = Some(value()?),
                "x_google_ignoreList" => raw.google_ignore_list = Some(value()?),
                "sections" => raw.sections = Some(value()?),
                "debugId" => raw.debug_id = Some(value()?),
                "x_facebook_segments" => raw.x_facebook_segments = Some(value()?),
                _ => {
                    serde_json::from_slice::<serde::de::IgnoredAny>(text).ok()?;
                }
            }
        }
        Some(raw)
    }
}

impl Value {
    fn at(start: usize) -> Value {
        Value {
            start,
            depth: 0,
            in_string: false,
        }
    }

    /// Scans on from `*at` to the end of the value; true with `*at` just past it, false
    /// (with `*at` where to resume) when `json` ends first. Only finds the end: what is
    /// inside is checked when the value is parsed.
    fn scan(&mut self, json: &[u8], at: &mut usize) -> bool {
        while *at < json.len() {
            if self.in_string {
                // Strings are most of a map: jump from quote or backslash to the next.
                match memchr::memchr2(b'"', b'\\', &json[*at..]) {
                    None => {
                        *at = json.len();
                        return false;
                    }
                    Some(i) if json[*at + i] == b'\\' => {
                        // The escaped byte must have arrived before moving past it.
                        if *at + i + 1 >= json.len() {
                            *at += i;
                            return false;
                        }
                        *at += i + 2;
                    }
                    Some(i) => {
                        *at += i + 1;
                        self.in_string = false;
                        if self.depth == 0 {
                            return true;
                        }
                    }
                }
                continue;
            }
            let b = json[*at];
            match b {
                b'"' => self.in_string = true,
                b'[' | b'{' => self.depth += 1,
                b']' | b'}' | b',' if self.depth == 0 => return true,
                b']' | b'}' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        *at += 1;
                        return true;
                    }
                }
                _ if self.depth == 0 && is_space(b) => return true,
                _ => {}
            }
            *at += 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `json` in pieces of `step` bytes, as decompression would hand it over.
    fn streamed(json: &[u8], step: usize) -> Result<SourceMap, MapError> {
        let mut stream = MapStream::new(Mappings::Check, Texts::Keep);
        for end in (0..json.len()).step_by(step.max(1)) {
            stream.feed(&json[..end]);
        }
        stream.finish(json)
    }

    fn same_as_whole(json: &str) {
        let whole = SourceMap::parse(json.as_bytes());
        for step in [1, 2, 3, 7, 64, json.len() + 1] {
            assert_eq!(
                streamed(json.as_bytes(), step),
                whole,
                "step {step}: {json}"
            );
            assert_eq!(
                left(json.as_bytes(), step).map(|m| texts_of(&m, json.as_bytes())),
                whole.clone().map(|m| texts_of(&m, json.as_bytes())),
                "texts left in place, step {step}: {json}"
            );
        }
    }

    /// Streamed, leaving the texts in the JSON.
    fn left(json: &[u8], step: usize) -> Result<SourceMap, MapError> {
        let mut stream = MapStream::new(Mappings::Check, Texts::Leave);
        for end in (0..json.len()).step_by(step.max(1)) {
            stream.feed(&json[..end]);
        }
        stream.finish(json)
    }

    /// Every source's text, read, and the problems: what a map tells whatever holds it.
    fn texts_of(map: &SourceMap, json: &[u8]) -> (Vec<Option<String>>, Vec<String>) {
        let texts = map
            .sources
            .iter()
            .map(|s| s.content.as_ref().map(|c| c.read(json).into_owned()))
            .collect();
        (texts, map.problems.clone())
    }

    #[test]
    fn streams_give_what_the_whole_gives() {
        for json in [
            r#"{"version":3,"sources":["a.ts","b.ts",null],"sourcesContent":["let a = 'é';\n\"q\" \\ \u00e9",null,"x"],"names":["n"],"mappings":"AAAA;ACAAA"}"#,
            r#" { "version" : 3 , "sourcesContent" : [ "a" , 7 , null , {"x":[1]} , [ ] ] , "sources" : [ "a" ] , "mappings" : "" } "#,
            r#"{"sourcesContent":[],"version":3,"sources":[],"mappings":""}"#,
            r#"{}"#,
            r#"{"version":3,"sources":["a"],"sourcesContent":"not a list","mappings":"AAAA"}"#,
            r#"{"version":3,"sources":["a"],"sourcesContent":["x"],"mappings":"AAAA","extra":{"deep":[1,2,{"a":"]}"}]},"n":-1.5e3,"t":true}"#,
            r#"{"version":3,"sections":[{"offset":{"line":0,"column":0},"map":{"version":3,"sources":["a.ts"],"sourcesContent":["A"],"mappings":"AAAA"}}]}"#,
            // Null fields count as absent.
            r#"{"version":null,"sections":null,"sources":["a"],"sourcesContent":["x"],"names":null,"mappings":"AAAA","ignoreList":null,"x_google_ignoreList":null,"file":null,"sourceRoot":null,"debugId":null}"#,
            r#"{"version":3,"sources":null,"sourcesContent":null,"mappings":null}"#,
            r#"{"version":3,"sources":["a"],"sourcesContent":["x"],"mappings":"AA\u0041A"}"#,
        ] {
            same_as_whole(json);
        }
    }

    #[test]
    fn embedded_sources_are_read_before_the_map_is_whole() {
        let json = br#"{"version":3,"sources":["a","b"],"sourcesContent":["one","two"],"mappings":"AAAA"}"#;
        let mut stream = MapStream::new(Mappings::Check, Texts::Leave);
        let before_mappings = json.len() - r#""mappings":"AAAA"}"#.len();
        stream.feed(&json[..before_mappings]);
        assert_eq!(
            stream.take_fresh(),
            [Some("one".into()), Some("two".into())]
        );
        assert!(
            stream.take_fresh().is_empty(),
            "each text is handed out once"
        );
        assert!(!stream.fallback);
        let map = stream.finish(json).unwrap();
        assert!(map.is_valid());
        let two = map.sources[1].content.as_ref().unwrap();
        assert!(matches!(two, super::super::SourceText::At(_)));
        assert_eq!(two.read(json), "two");
        assert_eq!(two.len(), 3);
    }

    #[test]
    fn what_the_stream_does_not_follow_is_read_whole() {
        for json in [
            // Broken JSON of every kind gives the ordinary parse's error.
            r#"{"version":3,"sourcesContent":["a",],"sources":[]}"#,
            r#"{"version":3,"sourcesContent":["a"],}"#,
            r#"{"version":3,"sourcesContent":["a\x"],"sources":[]}"#,
            r#"{"version":3,"sourcesContent":["a"],"sources":[tru]}"#,
            r#"{"sourcesContent":}"#,
            r#"{"version":3,"sourcesContent":,"sources":[],"mappings":""}"#,
            r#"{"version":3,"sourcesContent":["a"]} trailing"#,
            r#"{"version":3,"sourcesContent":["a"]"#,
            r#"{"version":3,"version":3}"#,
            r#"{"sourcesContent":["a"],"sourcesContent":["b"]}"#,
            r#"{"version":3,"x":1,"x":2,"sources":[],"mappings":""}"#,
            r#"{"sourc\u0065sContent":["escaped key"],"version":3,"sources":["a"],"mappings":""}"#,
            ")]}'\n{\"version\":3,\"sources\":[],\"mappings\":\"\"}",
            "[1,2]",
            "",
            "\u{feff}{}",
        ] {
            same_as_whole(json);
        }
    }
}
