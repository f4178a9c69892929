//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz`) found, kept as regression tests: each
//! runs the target's own checks on the input that once failed them.

use std::sync::Arc;

use leakscope::archive::{Format, Limits, STEP_BYTES, Unpack, sniff};
use leakscope::{Archive, ArchiveError};

/// The limits the `archive` target reads under.
fn fuzz_limits() -> Limits {
    Limits {
        max_unpacked: 1 << 20,
        max_entries: 500,
        max_file_size: 256 << 10,
        max_path_length: 300,
        max_path_depth: 12,
        ..Limits::default()
    }
}

fn hex(parts: &[&str]) -> Vec<u8> {
    let s: String = parts.concat();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn listing(a: &Archive) -> Vec<(&str, &[u8])> {
    a.entries()
        .iter()
        .map(|e| (e.path.as_str(), a.bytes(e)))
        .collect()
}

/// The `archive` target: read whole (a thread decompressing) and in `step`-byte steps (the
/// page's way), the two must agree; gives both.
fn whole_and_stepped(input: &[u8], step: usize) -> (Archive, Archive) {
    let limits = fuzz_limits();
    let mut whole = Unpack::bytes(Arc::new(input.to_vec()), limits);
    while whole.step(STEP_BYTES) {}
    let whole = whole.finish();
    let stepped = match sniff(&input[..input.len().min(512)]) {
        Ok(Format::Gzip) => {
            let reader = std::io::Cursor::new(input.to_vec());
            let mut unpack = Unpack::inline(Box::new(reader), input.len() as u64, None, limits);
            while unpack.step(step) {}
            unpack.finish()
        }
        Ok(Format::Tar) => {
            let mut unpack = Unpack::fed(input.len() as u64, None, limits);
            for chunk in input.chunks(step) {
                unpack.push(chunk, 0);
            }
            unpack.end(None);
            unpack.finish()
        }
        Err(_) => panic!("not a package"),
    };
    (whole, stepped)
}

/// Found by `archive`: a header claiming a file larger than the limit, in a stream that also
/// expands past the size limit. Read whole, the size limit was crossed in the same chunk
/// and won; the header comes first in the stream, so its limit is the cause either way.
#[test]
fn fuzz_archive_the_first_fault_in_the_stream_is_the_cause() {
    let mut tar = crate::common::Tarball::new("package/")
        .package_json("bomb", Some("MIT"))
        .file("index.js", "module.exports = 1;\n")
        .tar();
    tar.truncate(tar.len() - 1024);
    tar.extend(crate::common::raw_header(
        b"package/bomb.bin",
        b'0',
        8 << 20,
        b"",
    ));
    let member = crate::common::gzip(&vec![0u8; 1 << 20]);
    let input = [crate::common::gzip(&tar), member.clone(), member].concat();
    for step in [1, 37, 4096, 1 << 20] {
        let (whole, stepped) = whole_and_stepped(&input, step);
        let expected = Some(ArchiveError::FileTooLarge {
            path: "package/bomb.bin".into(),
            size: 8 << 20,
            limit: 256 << 10,
        });
        assert_eq!(whole.error, expected);
        assert_eq!(stepped.error, expected, "in {step}-byte steps");
        assert_eq!(listing(&whole), listing(&stepped));
    }
}

/// Found by `archive`: a deflate stream that turns corrupt. How much the failing read had
/// decoded depends on its size, so the two readers may keep different numbers of files
/// before the fault; both say why they stopped, and neither keeps a file that is not whole.
#[test]
fn fuzz_archive_a_corrupt_deflate_stream_stops_both_readers() {
    let input = hex(&[
        "001f8b08000000000000ffed95c14ac430108673ee53847835dba9dded42610f45f0a417c193ec21ec8e256e",
        "330d4db628e2bb4bda454404ad871535df2993fc330399fcc4aacd4e010000000000001bd5986aea55a3b7d2",
        "286b35d5d2616d90bc24ac95d73d4a5206a5a62d3ecceeddcc28cbbe0c0040319f7fb81f382bf2d735003080",
        "6cb9c8160cd811d83baf3aced93fe529e15cf4d839dd9228797e1ae2306b274a7ebb1ec23bdda028b998f646",
        "c490ebda7db7198b0934d63fcab6d3b526d504c9faade6bc258fe407e9e1e4d029a48baaaaaa0b913c273f7d",
        "657f0afb2dff4febf199ffb30cdefbbf58e610fd7f04d2f4848ffebb1a277f737db99afe19445346229108fb",
        "5dbc00a438bddf000c0000",
    ]);
    // The target's first byte is its mode (0: the bytes as they are).
    let input = &input[1..];
    for step in [1, 37, 4096] {
        let (whole, stepped) = whole_and_stepped(input, step);
        for a in [&whole, &stepped] {
            assert!(
                matches!(&a.error, Some(ArchiveError::TruncatedGzip { detail, .. }) if detail == "corrupt deflate stream"),
                "{:?}",
                a.error
            );
        }
        let (w, s) = (listing(&whole), listing(&stepped));
        let n = w.len().min(s.len());
        assert_eq!(w[..n], s[..n]);
    }
}
