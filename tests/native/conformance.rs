//! Every case of the tc39 source-map-tests suite: the scanner survives the map, says when it
//! is malformed, and still recovers every `sourcesContent` string it can read, whether the
//! map is read whole or as its bytes arrive.

use std::path::PathBuf;

use crate::common::Tarball;
use leakscope::RuleId;
use leakscope::source_map::{MapStream, Mappings, SourceMap, Texts};

fn suite() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/source-map-tests");
    dir.join("source-map-spec-tests.json")
        .exists()
        .then_some(dir)
}

/// Counts the string entries of `sourcesContent`, sections included, straight from the JSON.
fn strings_in_sources_content(v: &serde_json::Value) -> usize {
    let own = v["sourcesContent"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|x| x.is_string()).count());
    let sections = v["sections"].as_array().map_or(0, |s| {
        s.iter()
            .map(|s| strings_in_sources_content(&s["map"]))
            .sum()
    });
    own + sections
}

#[test]
fn every_tc39_case() {
    let Some(dir) = suite() else {
        crate::common::missing("../shared/source-map-tests is not beside the repository");
        return;
    };
    let spec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("source-map-spec-tests.json")).unwrap())
            .unwrap();
    let cases = spec["tests"].as_array().unwrap();
    assert_eq!(cases.len(), 99);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let map_file = case["sourceMapFile"].as_str().unwrap();
        let bytes = std::fs::read(dir.join("resources").join(map_file)).unwrap();
        let valid = case["sourceMapIsValid"].as_bool().unwrap();
        let parsed = SourceMap::parse(&bytes);
        // Read as it arrives, in pieces of every size from 1 byte up: the same map.
        for piece in [1, 7, 64, 4096] {
            let mut stream = MapStream::new(Mappings::Check, Texts::Keep);
            for end in (0..bytes.len()).step_by(piece) {
                stream.feed(&bytes[..end]);
            }
            if stream.finish(&bytes) != parsed {
                failures.push(format!(
                    "{name}: read in {piece}-byte pieces, the map differs"
                ));
            }
        }
        let said_valid = parsed.as_ref().is_ok_and(SourceMap::is_valid);
        if said_valid != valid {
            let why = match &parsed {
                Ok(m) => format!("{:?}", m.problems),
                Err(e) => e.to_string(),
            };
            failures.push(format!("{name}: expected valid={valid}, got {why}"));
        }
        if let (Ok(map), Ok(json)) = (&parsed, serde_json::from_slice::<serde_json::Value>(&bytes))
        {
            let expected = strings_in_sources_content(&json);
            if map.sources_with_content() != expected {
                failures.push(format!(
                    "{name}: recovered {} contents, the JSON has {expected}",
                    map.sources_with_content()
                ));
            }
        }
        // The whole pipeline on the case as a package: the generated file and its map.
        let mut tar = Tarball::new("package/").file(map_file, &bytes);
        if let Some(base) = case["baseFile"].as_str()
            && let Ok(js) = std::fs::read(dir.join("resources").join(base))
        {
            tar = tar.file(base, js);
        }
        let analysis = leakscope::analyse(&tar.tgz());
        let map = analysis
            .analysis
            .source_maps
            .iter()
            .find(|m| m.path == map_file)
            .expect("the map is scanned");
        if !valid && map.problems.is_empty() && map.error.is_none() {
            failures.push(format!(
                "{name}: the scan does not report the malformed map"
            ));
        }
        if !valid
            && !analysis.analysis.findings.iter().any(|f| {
                f.rule == RuleId::SourcemapMalformed || f.rule == RuleId::SourcemapUnreadable
            })
        {
            failures.push(format!("{name}: no finding says the map is malformed"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 99 cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
