//! Reads a source map (ECMA-426) for what it exposes: its sources, what it embeds, and
//! whether it breaks the spec. Only the fields Leakscope needs are parsed; `mappings` is
//! validated in one pass without being decoded into a table, which keeps a 60 MB map cheap.
//!
//! A map that breaks the spec still leaks what it embeds, so problems are collected, not
//! fatal: every `sourcesContent` string that can be read is kept.
//!
//! As the `sourcemap` crate is laid out: the domain types ([`model`]), the JSON as it is on
//! the wire (`wire`), the reader that turns one into the other (`reader`), `mappings` checked
//! in one pass (`mappings`), a map read while its bytes arrive (`stream`), and errors.

mod error;
mod mappings;
mod model;
mod reader;
mod stream;
mod wire;

pub use error::MapError;
pub use model::{
    MapCut, MapKind, MapLimits, MapSource, Mappings, SourceMap, SourceText, TextAt, text_hash,
};
pub use stream::{MapStream, Texts};

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
