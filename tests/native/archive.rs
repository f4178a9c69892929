//! Reading tarballs: odd roots, long names, PAX, plain tar, and every way they break.

use crate::common::{Naming, Tarball, gzip, noise, paths};
use leakscope::archive::Unpack;
use leakscope::limits::Limits;
use leakscope::{Archive, ArchiveError};

/// Decompressed in the caller's steps, as the page's worker does.
fn inline(tgz: &[u8]) -> Unpack {
    let reader = std::io::Cursor::new(tgz.to_vec());
    Unpack::inline(Box::new(reader), tgz.len() as u64, None, Limits::default())
}

#[test]
fn drops_the_top_folder_whatever_its_name() {
    for root in ["package/", "node/", "some-weird_root.v2/"] {
        let tgz = Tarball::new(root)
            .file("index.js", "x")
            .file("lib/a.js", "y")
            .tgz();
        let a = Archive::read(&tgz);
        assert_eq!(a.error, None);
        assert_eq!(paths(&a), ["index.js", "lib/a.js"], "root {root}");
    }
}

#[test]
fn without_a_shared_top_folder_nothing_is_dropped() {
    // `tar czf p.tgz package.json lib/index.js src/index.js`: no top folder to drop, and
    // the two index.js must stay two files.
    let tgz = Tarball::new("")
        .file("package.json", "{}")
        .file("lib/index.js", "a")
        .file("src/index.js", "b")
        .tgz();
    assert_eq!(
        paths(&Archive::read(&tgz)),
        ["package.json", "lib/index.js", "src/index.js"]
    );
}

#[test]
fn reads_file_contents_and_sizes() {
    let tgz = Tarball::new("package/")
        .file("a.txt", "hello")
        .file("b.bin", [0u8; 3000])
        .tgz();
    let a = Archive::read(&tgz);
    let e = a.find("a.txt").unwrap();
    assert_eq!(a.bytes(e), b"hello");
    assert_eq!(e.size(), 5);
    assert_eq!(a.unpacked_bytes(), 3005);
    assert_eq!(a.input_bytes, tgz.len() as u64);
}

#[test]
fn long_names_in_every_encoding() {
    let long = format!(
        "{}/{}.js",
        "deep/".repeat(30).trim_end_matches('/'),
        "x".repeat(60)
    );
    assert!(long.len() > 100);
    let ustar_long = format!("{}/{}.js", "dir".repeat(40), "y".repeat(50));
    assert!(ustar_long.len() > 100 && ustar_long.len() < 240);
    let tgz = Tarball::new("package/")
        .file_named(&long, "gnu", Naming::Gnu)
        .file_named(&ustar_long, "ustar", Naming::Ustar)
        .file_named(&format!("pax/{}", "é".repeat(80)), "pax", Naming::Pax)
        .tgz();
    let a = Archive::read(&tgz);
    assert_eq!(a.error, None);
    assert_eq!(
        paths(&a),
        [
            long.as_str(),
            ustar_long.as_str(),
            &format!("pax/{}", "é".repeat(80))
        ]
    );
    assert_eq!(a.bytes(&a.entries()[2]), b"pax");
    // Unpacked a few hundred bytes at a time, long-name and PAX headers arrive in pieces.
    for step in [100, 512, 700] {
        let mut unpack = inline(&tgz);
        while unpack.step(step) {}
        let stepped = unpack.finish();
        assert_eq!(paths(&stepped), paths(&a), "in {step}-byte steps");
    }
}

#[test]
fn a_plain_tar_cut_inside_its_last_padding_says_so() {
    let tar = Tarball::new("package/").file("a.js", "x").tar();
    // Header, one byte of content, then 511 bytes of padding and the end blocks.
    let a = Archive::read(&tar[..512 + 100]);
    assert_eq!(paths(&a), ["a.js"]);
    assert!(matches!(
        a.error,
        Some(ArchiveError::BrokenTar {
            entries_read: 1,
            ..
        })
    ));
}

#[test]
fn directories_are_not_files() {
    let a = Archive::read(
        &Tarball::new("package/")
            .dir("lib")
            .dir("lib/empty")
            .file("lib/a.js", "a")
            .tgz(),
    );
    assert_eq!(paths(&a), ["lib/a.js"]);
}

#[test]
fn plain_tar_is_read_too() {
    let a = Archive::read(&Tarball::new("package/").file("index.js", "x").tar());
    assert_eq!(a.error, None);
    assert_eq!(paths(&a), ["index.js"]);
}

#[test]
fn hostile_paths_stay_inside_the_package() {
    let tgz = Tarball::new("")
        .file_named("package/../../../etc/passwd", "x", Naming::Raw)
        .file_named("/package/abs.js", "y", Naming::Raw)
        .tgz();
    let a = Archive::read(&tgz);
    for p in paths(&a) {
        assert!(
            !p.starts_with('/') && !p.split('/').any(|s| s == ".." || s == "."),
            "{p}"
        );
    }
    // No shared top folder once `..` is resolved, so nothing is dropped.
    assert_eq!(paths(&a), ["etc/passwd", "package/abs.js"]);
}

#[test]
fn a_later_duplicate_replaces_the_earlier_one() {
    let a = Archive::read(
        &Tarball::new("package/")
            .file("a.js", "old")
            .file("b.js", "b")
            .file("a.js", "new")
            .tgz(),
    );
    assert_eq!(paths(&a), ["a.js", "b.js"]);
    assert_eq!(a.bytes(a.find("a.js").unwrap()), b"new");
}

#[test]
fn not_gzip_is_a_clear_error() {
    for junk in [&b"{\"name\":\"x\"}"[..], b"plain text", &[0u8; 10]] {
        let a = Archive::read(junk);
        assert_eq!(a.error, Some(ArchiveError::NotAPackage));
        assert!(
            a.error
                .unwrap()
                .to_string()
                .contains("not a package Leakscope reads")
        );
    }
    // Near misses get their own words.
    assert_eq!(Archive::read(b"").error, Some(ArchiveError::EmptyFile));
    let gzip_of_text = Archive::read(&gzip(b"just some text, compressed")).error;
    assert_eq!(gzip_of_text, Some(ArchiveError::GzipNotTar));
}

#[test]
fn truncated_gzip_keeps_the_files_read_before() {
    let mut tar = Tarball::new("package/");
    for i in 0..20 {
        tar = tar.file(&format!("f{i:02}.bin"), noise(i, 4000));
    }
    let tgz = tar.tgz();
    let cut = &tgz[..tgz.len() / 2];
    let a = Archive::read(cut);
    assert!(
        matches!(a.error, Some(ArchiveError::TruncatedGzip { .. })),
        "{:?}",
        a.error
    );
    let n = a.entries().len();
    assert!(n > 3 && n < 20, "read {n} files before the cut");
    // Every file that is kept is complete.
    for e in a.entries() {
        assert_eq!(e.size(), 4000);
    }
    assert!(a.error.unwrap().to_string().contains("cut short"));
}

#[test]
fn broken_tar_header_keeps_earlier_entries() {
    let mut tar = Tarball::new("package/")
        .file("a.js", "a")
        .file("b.js", "b")
        .tar();
    // The second header starts after the first header and its one data block.
    tar[1024 + 148] ^= 0x55; // corrupt its checksum
    let a = Archive::read(&gzip(&tar));
    assert_eq!(paths(&a), ["a.js"]);
    match a.error {
        Some(ArchiveError::BrokenTar { entries_read, .. }) => assert_eq!(entries_read, 1),
        other => panic!("expected a broken tar, got {other:?}"),
    }
}

#[test]
fn truncated_tar_content_is_dropped_not_misread() {
    let tar = Tarball::new("package/")
        .file("a.js", "a")
        .file("big.bin", vec![1u8; 5000])
        .tar();
    let a = Archive::read(&tar[..1024 + 512 + 2048]);
    assert_eq!(paths(&a), ["a.js"]);
    assert!(
        matches!(a.error, Some(ArchiveError::BrokenTar { .. })),
        "{:?}",
        a.error
    );
}

#[test]
fn an_empty_archive_says_so() {
    let a = Archive::read(&Tarball::new("package/").dir("lib").tgz());
    assert_eq!(a.error, Some(ArchiveError::Empty));
}

#[test]
fn unpacking_in_small_steps_reads_the_same_files() {
    let mut tar = Tarball::new("package/");
    for i in 0..8 {
        tar = tar.file(&format!("f{i}.bin"), noise(i, 50_000));
    }
    let tgz = tar.tgz();
    let mut unpack = inline(&tgz);
    let mut steps = 0;
    let mut last = 0;
    let mut files_seen = 0;
    while unpack.step(64 << 10) {
        steps += 1;
        assert!(unpack.consumed() >= last, "progress never goes back");
        last = unpack.consumed();
        // Files are handed over as they complete, the one under way as open.
        let arrived = unpack.partial();
        assert!(arrived.files.len() >= files_seen);
        files_seen = arrived.files.len();
        assert!(
            arrived
                .files
                .iter()
                .all(|f| f.range.end <= arrived.data.len())
        );
        assert!(
            arrived
                .open
                .is_none_or(|f| f.range.end > arrived.data.len())
        );
    }
    assert!(steps > 4, "{steps} steps");
    assert!(
        files_seen >= 6,
        "{files_seen} of 8 files were seen before the end"
    );
    assert_eq!(unpack.consumed(), tgz.len() as u64);
    let mut last_call = None;
    let stepped = unpack.finish_with(|p| last_call = Some((p.complete, p.files.len())));
    assert_eq!(last_call, Some((true, 8)));
    let whole = Archive::read(&tgz);
    assert_eq!(stepped.error, None);
    assert_eq!(paths(&stepped), paths(&whole));
    for (a, b) in stepped.entries().iter().zip(whole.entries()) {
        assert_eq!(stepped.bytes(a), whole.bytes(b));
    }
}

#[test]
fn streaming_shows_each_file_once_it_is_complete() {
    let mut tar = Tarball::new("package/");
    for i in 0..6 {
        tar = tar.file(&format!("f{i}.bin"), noise(i, 700_000));
    }
    let tgz = tar.tgz();
    let whole = Archive::read(&tgz);
    let (mut calls, mut seen, mut opened) = (0, 0, 0);
    let mut last_progress = 0;
    // Natively decompressed on a thread of its own, shown a chunk at a time.
    let mut unpack = Unpack::bytes(std::sync::Arc::new(tgz.clone()), Limits::default());
    let mut check = |p: leakscope::archive::Partial<'_>| {
        calls += 1;
        assert!(p.files.len() >= seen, "the list of files only grows");
        seen = p.files.len();
        for f in p.files {
            // Complete, and the same bytes the whole read gives.
            let name = f.path.trim_start_matches("package/");
            let entry = whole.find(name).expect("in the whole read");
            assert_eq!(&p.data[f.range.clone()], whole.bytes(entry));
        }
        if let Some(open) = p.open {
            assert!(
                open.range.end > p.data.len(),
                "an open file is not complete"
            );
            opened += 1;
        }
        p.complete
    };
    loop {
        let more = unpack.step(1);
        assert!(
            unpack.consumed() >= last_progress,
            "progress never goes back"
        );
        last_progress = unpack.consumed();
        assert!(!check(unpack.partial()), "only the last view is complete");
        if !more {
            break;
        }
    }
    let mut complete = false;
    let streamed = unpack.finish_with(|p| complete = check(p));
    assert!(complete, "the last view is complete");
    assert_eq!(seen, 6);
    assert!(calls > 3, "{calls} calls");
    assert!(opened > 0, "files were seen while still arriving");
    assert_eq!(last_progress, tgz.len() as u64);
    assert_eq!(paths(&streamed), paths(&whole));
    assert_eq!(streamed.error, None);
}

#[test]
fn a_file_is_read_as_it_decompresses() {
    let tgz = Tarball::new("package/")
        .file("index.js", "module.exports = 1;\n")
        .file("big.bin", noise(3, 3 << 20))
        .tgz();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.tgz");
    std::fs::write(&path, &tgz).unwrap();
    let mut unpack = Unpack::file(std::fs::File::open(&path).unwrap(), Limits::default()).unwrap();
    let mut steps = 0;
    while unpack.step(1) {
        steps += 1;
    }
    assert!(steps > 2, "{steps} steps");
    let from_file = unpack.finish();
    assert_eq!(paths(&from_file), paths(&Archive::read(&tgz)));
    assert_eq!(from_file.input_bytes, tgz.len() as u64);
    // Not gzip: read whole, and the error is the ordinary one.
    std::fs::write(&path, b"plain text").unwrap();
    let junk = Unpack::file(std::fs::File::open(&path).unwrap(), Limits::default()).unwrap();
    assert_eq!(junk.finish().error, Some(ArchiveError::NotAPackage));
}
