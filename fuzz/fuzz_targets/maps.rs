//! The source map readers on arbitrary bytes: the whole-map parse and the streaming one
//! (fed in steps, as decompression hands a map over) must give the same map, and texts
//! left in place must read back as the ones held.
#![no_main]

use leakscope::source_map::{MapLimits, MapStream, Mappings, SourceMap, Texts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, json)) = data.split_first() else {
        return;
    };
    let limits = MapLimits {
        max_sources: if mode & 1 == 1 { 3 } else { 100_000 },
        max_json_depth: if mode & 2 == 2 { 7 } else { 64 },
    };
    let mappings = if mode & 4 == 4 {
        Mappings::Skip
    } else {
        Mappings::Check
    };
    let step = 1usize << (mode >> 3).min(20);
    let whole = SourceMap::parse_limited(json, mappings, &limits);
    if let Ok(map) = &whole {
        assert!(map.sources.len() <= limits.max_sources);
    }
    let kept = streamed(json, step, mappings, Texts::Keep, limits);
    assert_eq!(kept, whole);
    let left = streamed(json, step, mappings, Texts::Leave, limits);
    assert_eq!(
        left.as_ref().map(|m| read(m, json)),
        whole.as_ref().map(|m| read(m, json))
    );
});

fn streamed(
    json: &[u8],
    step: usize,
    mappings: Mappings,
    texts: Texts,
    limits: MapLimits,
) -> Result<SourceMap, leakscope::source_map::MapError> {
    let mut stream = MapStream::limited(mappings, texts, limits);
    let mut end = 0;
    while end < json.len() {
        stream.feed(&json[..end]);
        let _ = stream.take_fresh();
        end += step;
    }
    stream.finish(json)
}

/// Everything a map tells, its texts read.
#[allow(clippy::type_complexity)]
fn read(
    m: &SourceMap,
    json: &[u8],
) -> (
    Vec<(Option<String>, Option<String>, Option<String>, bool)>,
    String,
) {
    let sources = m
        .sources
        .iter()
        .map(|s| {
            (
                s.path.clone(),
                s.source_root.clone(),
                s.content.as_ref().map(|c| c.read(json).into_owned()),
                s.ignored,
            )
        })
        .collect();
    let rest = format!(
        "{:?} {:?} {:?} {:?} {:?}",
        m.kind, m.debug_id, m.file, m.problems, m.cuts
    );
    (sources, rest)
}
