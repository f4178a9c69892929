//! The archive reader on arbitrary bytes: read whole (natively decompressed on a thread of
//! its own) and in the caller's small steps (as the page's worker reads a gzip stream, or
//! pushed tar chunks, as its second worker hands them over), which must agree, with every
//! path safe and every limit kept.
#![no_main]

use std::sync::Arc;

use leakscope::Archive;
use leakscope::archive::{Format, Partial, STEP_BYTES, Unpack, sniff};
use leakscope::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    // Half the inputs are tar bytes shaped by the fuzzer and compressed here, so that it
    // explores the tar reader inside a gzip stream as well as the gzip reader.
    let input = if mode & 1 == 1 { gzip(rest) } else { rest.to_vec() };
    let step = [1, 7, 64, 511, 4096, 65536, 1 << 20][usize::from(mode >> 1) % 7];
    let limits = Limits {
        max_unpacked: 1 << 20,
        max_entries: 500,
        max_file_size: 256 << 10,
        max_path_length: 300,
        max_path_depth: 12,
        ..Limits::default()
    };
    let mut whole = Unpack::bytes(Arc::new(input.clone()), limits);
    while whole.step(STEP_BYTES) {
        check_partial(&whole.partial());
    }
    let whole = whole.finish();
    check_archive(&whole, &limits);
    let stepped = match sniff(&input[..input.len().min(512)]) {
        Ok(Format::Gzip) => {
            let reader = std::io::Cursor::new(input.clone());
            let mut unpack = Unpack::inline(Box::new(reader), input.len() as u64, None, limits);
            while unpack.step(step) {
                check_partial(&unpack.partial());
            }
            unpack.finish()
        }
        Ok(Format::Tar) => {
            let mut unpack = Unpack::fed(input.len() as u64, None, limits);
            for (i, chunk) in input.chunks(step).enumerate() {
                unpack.push(chunk, ((i + 1) * step) as u64);
                check_partial(&unpack.partial());
            }
            unpack.end(None);
            unpack.finish()
        }
        // A zip is read whole however it arrives: nothing to compare.
        Ok(Format::Zip | Format::Crx) | Err(_) => return,
    };
    check_archive(&stepped, &limits);
    assert_eq!(stepped.error, whole.error);
    assert_eq!(listing(&stepped), listing(&whole));
    assert_eq!(stepped.links(), whole.links());
});

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn listing(a: &Archive) -> Vec<(&str, &[u8])> {
    a.entries()
        .iter()
        .map(|e| (e.path.as_str(), a.bytes(e)))
        .collect()
}

fn check_partial(p: &Partial<'_>) {
    for f in p.files {
        assert!(f.range.end <= p.data.len(), "a listed file is complete");
    }
    if let Some(open) = p.open {
        assert!(open.range.end > p.data.len(), "an open file is not");
    }
}

fn safe(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|s| !matches!(s, "" | "." | ".."))
}

fn check_archive(a: &Archive, limits: &Limits) {
    assert!(a.entries().len() <= limits.max_entries);
    assert!(a.data().len() as u64 <= limits.max_unpacked);
    for e in a.entries() {
        assert!(safe(&e.path), "{:?}", e.path);
        assert!(e.size() <= limits.max_file_size);
        assert!(e.path.len() <= limits.max_path_length);
        assert_eq!(a.find(&e.path), Some(e));
    }
    for l in a.links() {
        assert!(safe(&l.path), "{:?}", l.path);
    }
    if let Some(e) = &a.error {
        let _ = e.cause();
    }
}
