//! The map's JSON as it is on the wire: only the fields Leakscope looks at, each raw until
//! checked, and lists read with a limit on what they keep.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::mappings::MappingsCheck;
use super::model::TextAt;

/// Only these fields are looked at; each stays raw until checked, so that a field of the
/// wrong type is a problem to report, not a reason to lose the rest of the map.
#[derive(Deserialize, Default)]
pub(super) struct RawMap<'a> {
    #[serde(borrow, default)]
    pub(super) version: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub(super) file: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "sourceRoot")]
    pub(super) source_root: Option<&'a RawValue>,
    #[serde(default)]
    pub(super) sources: Option<StringList>,
    #[serde(default, rename = "sourcesContent")]
    pub(super) sources_content: Option<StringList>,
    #[serde(default)]
    pub(super) names: Option<NameList>,
    #[serde(borrow, default)]
    pub(super) mappings: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "ignoreList")]
    pub(super) ignore_list: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "x_google_ignoreList")]
    pub(super) google_ignore_list: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub(super) sections: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "debugId")]
    pub(super) debug_id: Option<&'a RawValue>,
    /// React Native's Metro: more maps, by segment number.
    #[serde(borrow, default)]
    pub(super) x_facebook_segments: Option<&'a RawValue>,
    /// `mappings` already checked as it arrived (by [`MapStream`]), to be finished here.
    #[serde(skip)]
    pub(super) mappings_checked: Option<MappingsCheck>,
    /// `sourcesContent` located as it arrived (by a [`MapStream`] that leaves texts where
    /// they are), instead of `sources_content`.
    #[serde(skip)]
    pub(super) contents_at: Option<TextList>,
}

/// `sourcesContent` as located items: `None` for null or a value of another type.
#[derive(Debug, Default)]
pub(super) struct TextList {
    pub(super) items: Vec<Option<TextAt>>,
    pub(super) wrong_items: usize,
    /// Items past the limit, counted only.
    pub(super) beyond: usize,
}

#[derive(Deserialize)]
pub(super) struct RawSection<'a> {
    #[serde(borrow, default)]
    pub(super) offset: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub(super) map: Option<&'a RawValue>,
}

#[derive(Deserialize)]
pub(super) struct Offset {
    pub(super) line: Option<serde_json::Value>,
    pub(super) column: Option<serde_json::Value>,
}

thread_local! {
    /// Items of `sources` and of `sourcesContent` the map being parsed may keep; those past
    /// it are counted ([`StringList::beyond`]), not held. Set by [`keeping`] around each
    /// parse, since serde's derived parse cannot be handed it.
    static KEEP: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// Runs a parse that keeps at most `keep` items of each list.
pub(super) fn keeping<T>(keep: usize, parse: impl FnOnce() -> T) -> T {
    let before = KEEP.replace(keep);
    let out = parse();
    KEEP.set(before);
    out
}

/// An object's members in the order they are written.
pub(super) struct Segments<'a>(pub(super) Vec<(String, &'a RawValue)>);

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

pub(super) fn optional_string(
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
pub(super) struct StringList {
    pub(super) items: Vec<Option<String>>,
    pub(super) wrong_items: usize,
    pub(super) not_a_list: bool,
    /// Items past what the parse may keep ([`keeping`]): counted, not held or checked.
    pub(super) beyond: usize,
}

impl<'de> Deserialize<'de> for StringList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringListVisitor)
    }
}

pub(super) struct StringListVisitor;

impl<'de> serde::de::Visitor<'de> for StringListVisitor {
    type Value = StringList;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of strings")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StringList, A::Error> {
        let mut list = StringList::default();
        let keep = KEEP.get();
        while list.items.len() < keep {
            match seq.next_element::<ContentItem>()? {
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
    pub(super) fn push(&mut self, item: ContentItem) {
        self.wrong_items += usize::from(matches!(item, ContentItem::Wrong));
        self.items.push(match item {
            ContentItem::Text(s) => Some(s),
            ContentItem::Null | ContentItem::Wrong => None,
        });
    }

    pub(super) fn not_a_list() -> StringList {
        StringList {
            not_a_list: true,
            ..StringList::default()
        }
    }

    /// The items, with what was wrong recorded as problems.
    pub(super) fn checked(self, field: &str, problems: &mut Vec<String>) -> Vec<Option<String>> {
        if self.not_a_list {
            problems.push(format!("`{field}` is not a list"));
        } else if self.wrong_items > 0 {
            problems.push(wrong_items(field));
        }
        self.items
    }
}

pub(super) fn wrong_items(field: &str) -> String {
    format!("`{field}` holds values that are neither strings nor null")
}

/// `names`, counted: only how many there are matters (for `mappings`' indices), so none is
/// held.
#[derive(Debug, Default)]
pub(super) struct NameList {
    pub(super) items: usize,
    /// Items that are neither strings nor null, and nulls.
    pub(super) wrong_items: usize,
    pub(super) nulls: usize,
    pub(super) not_a_list: bool,
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
    pub(super) fn not_a_list() -> NameList {
        NameList {
            not_a_list: true,
            ..NameList::default()
        }
    }
}

/// What one item of `names` is. Never held.
pub(super) enum Name {
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
pub(super) enum ContentItem {
    Text(String),
    Null,
    Wrong,
}

impl<'de> Deserialize<'de> for ContentItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ContentItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or null")
            }
            fn visit_str<E>(self, s: &str) -> Result<ContentItem, E> {
                Ok(ContentItem::Text(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<ContentItem, E> {
                Ok(ContentItem::Text(s))
            }
            fn visit_unit<E>(self) -> Result<ContentItem, E> {
                Ok(ContentItem::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<ContentItem, E> {
                Ok(ContentItem::Wrong)
            }
            fn visit_i64<E>(self, _: i64) -> Result<ContentItem, E> {
                Ok(ContentItem::Wrong)
            }
            fn visit_u64<E>(self, _: u64) -> Result<ContentItem, E> {
                Ok(ContentItem::Wrong)
            }
            fn visit_f64<E>(self, _: f64) -> Result<ContentItem, E> {
                Ok(ContentItem::Wrong)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ContentItem, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(ContentItem::Wrong)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ContentItem, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(ContentItem::Wrong)
            }
        }
        d.deserialize_any(V)
    }
}

/// Which of the `kept` sources `ignoreList` marks; an index is checked against all the
/// `sources` the map lists.
pub(super) fn ignore_list(
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
