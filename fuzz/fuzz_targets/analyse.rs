//! The whole pipeline on arbitrary bytes, as the CLI and the page run it: read, scan,
//! conclude, and every output built from it: the JSON report and SARIF (valid JSON), the
//! Markdown (tables never broken), the `.zip` of recovered sources (every name safe) and
//! the file trees.
#![no_main]

use leakscope::verdict::Level;
use leakscope::report::{Report, markdown, sarif};
use leakscope::session::{Options, Pipeline};
use leakscope::tree::Tab;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input = if mode & 1 == 1 { gzip(rest) } else { rest.to_vec() };
    let a = leakscope::analyse(&input);
    check_verdict(&a);
    let options = Options {
        digests: false,
        ..Options::scan(0)
    };
    let mut pipeline = Pipeline::bytes("fuzz.tgz", input, options);
    while pipeline.step(1 + usize::from(mode >> 1) * 4099) {}
    let Ok(s) = pipeline.finish() else {
        return;
    };
    check_verdict(&s);
    assert_eq!(s.analysis.findings, a.analysis.findings);
    assert_eq!(s.verdict, a.verdict);
    let json: serde_json::Value = serde_json::from_str(&Report::new(&s).to_json()).unwrap();
    assert!(json["verdict"]["level"].is_string());
    let sarif: serde_json::Value = serde_json::from_str(&sarif(&s)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    check_tables(&markdown(&s));
    let zip = leakscope::export::zip_recovered(&s.analysis.recovered, s.archive.data(), false)
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert!(f.enclosed_name().is_some(), "{:?}", f.name());
        assert!(!f.name().split('/').any(|p| p == ".."), "{:?}", f.name());
    }
    for tab in [Tab::Files, Tab::Recovered] {
        let _ = s.tree(tab).file_count();
    }
});

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn check_verdict(s: &leakscope::Session) {
    let a = &s.analysis;
    if a.archive_error.is_some() || a.limits_hit.iter().any(|h| h.unchecked) {
        assert_eq!(s.verdict.level, Level::Incomplete);
    }
}

/// Every row of a Markdown table has as many cell borders (unescaped `|`) as its header.
fn check_tables(md: &str) {
    let mut header: Option<usize> = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let bytes = line.as_bytes();
        let borders = (0..bytes.len())
            .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
            .count();
        match header {
            None => header = Some(borders),
            Some(n) => assert_eq!(borders, n, "{line}"),
        }
    }
}
