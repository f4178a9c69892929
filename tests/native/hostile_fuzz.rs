//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz`) found, kept as regression tests: each
//! runs the target's own checks on the input that once failed them.

use std::sync::Arc;

use leakscope::archive::{Format, STEP_BYTES, Unpack, sniff};
use leakscope::limits::Limits;
use leakscope::{Archive, ArchiveError};

/// The limits the `archive` target reads under.
pub(crate) fn fuzz_limits() -> Limits {
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
        // A zip is read whole, however it arrives.
        Ok(Format::Zip | Format::Crx) | Err(_) => {
            Unpack::bytes(Arc::new(input.to_vec()), limits).finish()
        }
    };
    (whole, stepped)
}

/// Found by `archive`: a header claiming a file that would carry the archive past its size
/// limit, in a stream that does expand past it. Read whole, the inflater crossed the limit in
/// the same chunk; the header comes first in the stream, so it is the cause either way.
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
        let expected = Some(ArchiveError::TooLarge { limit: 1 << 20 });
        assert_eq!(whole.error, expected);
        assert_eq!(stepped.error, expected, "in {step}-byte steps");
        assert_eq!(listing(&whole), listing(&stepped));
    }
}

/// Found by `archive`: a deflate stream that turns corrupt. A `Read` adapter drops what its
/// failing call had decoded, so the two readers kept different amounts of the package;
/// zlib driven directly keeps all that decoded before the fault, in both.
#[test]
fn fuzz_archive_a_corrupt_deflate_stream_stops_both_readers_at_the_same_place() {
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
        assert!(
            matches!(
                &whole.error,
                Some(ArchiveError::TruncatedGzip {
                    decompressed: 19,
                    ..
                })
            ),
            "{:?}",
            whole.error
        );
        assert_eq!(stepped.error, whole.error, "in {step}-byte steps");
        assert_eq!(listing(&stepped), listing(&whole));
    }
}

/// Found by `archive`: a damaged stream (the content below is the target's input, its
/// first byte the mode) that once stopped one reader at its sparse-file header and the
/// other at the deflate fault before it, depending on the size of the reads.
#[test]
fn fuzz_archive_a_fault_found_late_by_one_reader_is_found_by_both() {
    let input = hex(&[
        "001f8b08000000000000ff2b484cce4e4c4fd52f2e482c2a4e65a00930303030303331c12a0e05e86c736353",
        "438660063a80d2e292c4220603037ad8350a50003cc64d30e2dfc4c0d498a1821ee135c2e3dfd050a138b32a",
        "d5d6d292cbc8b750a120b124c34ba96f000e0000",
    ]);
    agree(&input[1..]);
}

/// Found by `archive`: a stream cut short in the middle of a copy. zlib still held the
/// rest of the copy when the input ran out; read a byte at a time, it came out before the
/// stream was declared cut, read in larger pieces it did not (44 bytes against 46).
#[test]
fn fuzz_archive_a_cut_stream_gives_all_it_holds() {
    let input = hex(&[
        "001f8b08000000000000ffed954b4bc4301485b3eeafb85cb7d3f66a3b5328b8286e7523b81a66116aa6646c",
        "1e34ad2843ffbbc476c4c780c32c46c57e8b907b4eb8092187585e3ef04ac452df8ba750711b2ae99cd45568",
        "d66b27dab03475a774b4712b91e2",
    ]);
    let (whole, _) = agree(&input[1..]);
    assert!(
        matches!(
            whole.error,
            Some(ArchiveError::TruncatedGzip {
                decompressed: 46,
                ..
            })
        ),
        "{:?}",
        whole.error
    );
}

/// Found by `archive`: a GNU long name larger than a path may be is refused at its header,
/// and the message quoted as much of the name as had arrived, so the two readers named it
/// differently. The refusal now waits for the name's first 1,024 bytes.
#[test]
fn fuzz_archive_an_oversized_long_name_is_named_alike_by_both_readers() {
    let input = hex(&[
        "1f8b08000000000000ffedd5310a02311005d03951f21793a9f700b9449010642159dc153dbe6823",
        "c882954991ffaa619a99e6f38d35760eb5e470298bfc0700a87387fbb7e9f49981d7ac5ebd0469e0",
        "b6edf12a808c698de725e6646b49bd5fa10e0cf3cffce764f77b65feb43606b8f1b3ff317df7bf53",
        "afd2a49307efff47ef078888024800292f53787a00100000",
    ]);
    let (whole, _) = agree(&input);
    assert!(
        matches!(
            &whole.error,
            Some(ArchiveError::PathTooLong {
                length: 374_491,
                limit: 300,
                ..
            })
        ),
        "{:?}",
        whole.error
    );
}

/// Reads `input` whole and in steps of several sizes: every reading must agree.
fn agree(input: &[u8]) -> (Archive, Archive) {
    let (whole, first) = whole_and_stepped(input, 1);
    for step in [1, 7, 64, 511, 4096, 65536] {
        let (_, stepped) = whole_and_stepped(input, step);
        assert_eq!(stepped.error, whole.error, "in {step}-byte steps");
        assert_eq!(listing(&stepped), listing(&whole), "in {step}-byte steps");
    }
    (whole, first)
}
