//! The core in a real browser (headless Chromium via wasm-bindgen-test): the same pipeline
//! the page runs, on tarballs built in the test.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Tarball, noise, source_map};
use leakscope::{ArchiveError, Level, analyse};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_leaking_package_is_critical_in_the_browser() {
    let map = source_map(&[
        ("webpack://x/./src/a.ts", Some("export const a = 1;")),
        (
            "webpack://x/./node_modules/y/index.js",
            Some("module.exports = 1;"),
        ),
    ]);
    let tgz = Tarball::new("package/")
        .package_json("@acme/x", Some("SEE LICENSE IN LICENSE"))
        .file("dist/index.js", "x()")
        .file("dist/index.js.map", map)
        .tgz();
    let s = analyse(&tgz);
    assert_eq!(s.verdict.level, Level::Critical);
    let a = &s.analysis;
    assert_eq!(a.recovered.len(), 2);
    assert_eq!(a.source_maps[0].first_party, 1);
    assert_eq!(a.files, 3);
}

#[wasm_bindgen_test]
fn not_gzip_is_an_error_in_the_browser() {
    let a = analyse(b"definitely not a tarball").analysis;
    assert_eq!(a.archive_error, Some(ArchiveError::NotAPackage));
    assert_eq!(a.files, 0);
}

#[wasm_bindgen_test]
fn truncated_gzip_keeps_what_was_read_in_the_browser() {
    let mut tar = Tarball::new("package/");
    for i in 0..10 {
        tar = tar.file(&format!("f{i}.bin"), noise(i, 4000));
    }
    let tgz = tar.tgz();
    let a = analyse(&tgz[..tgz.len() * 2 / 3]).analysis;
    assert!(matches!(
        a.archive_error,
        Some(ArchiveError::TruncatedGzip { .. })
    ));
    assert!(a.files > 2 && a.files < 10, "{}", a.files);
}

/// The secret scanner's WebAssembly SIMD passes (the keywords by our Teddy, the anchor
/// bytes 64 at a time) find every rule's sample wherever it falls in a 16-byte block.
#[wasm_bindgen_test]
fn every_secret_format_is_found_at_every_offset_in_the_browser() {
    use leakscope::scan::secrets::{RULES, expand, find};
    for (n, rule) in RULES.iter().enumerate() {
        let sample = expand(rule.sample, n as u64 + 1, false);
        for pad in 0..18 {
            let text = format!("{}\n{sample}\n", "x".repeat(pad));
            let hits = find(text.as_bytes());
            assert!(
                hits.iter().any(|h| h.rule.id == rule.id),
                "{} at offset {pad}: {:?}",
                rule.id.as_str(),
                hits.iter().map(|h| h.rule.id.as_str()).collect::<Vec<_>>()
            );
        }
    }
}
