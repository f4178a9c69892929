//! Hostile zips, built here by altering real zips' bytes: each refused or reported with its
//! message, whatever is safe still shown, and nothing written outside the export folder.

use leakscope::finding::RuleId;
use leakscope::limits::Limits;
use leakscope::{ArchiveError, Session};

use crate::common::{Tarball, Zip, crx3, noise, session_with, source_map, zip_records};
use crate::hostile::{extract_confined, listed, session};

/// Why a zip with nothing safe to show is refused: what the CLI prints and the page says.
fn refused(bytes: &[u8]) -> String {
    use leakscope::session::{Options, Pipeline};
    let mut pipeline = Pipeline::bytes("hostile.zip", bytes.to_vec(), Options::scan(0));
    while pipeline.step(leakscope::archive::STEP_BYTES) {}
    match pipeline.finish() {
        Err(e) => e.to_string(),
        Ok(s) => panic!("read: {:?}", listed(&s)),
    }
}

/// Why reading stopped, in the words every shell shows.
fn cause(s: &Session) -> String {
    s.analysis
        .archive_error
        .as_ref()
        .map(ArchiveError::cause)
        .unwrap_or_default()
}

const LOCAL: &[u8; 4] = b"PK\x03\x04";
const CENTRAL: &[u8; 4] = b"PK\x01\x02";

fn put_u16(bytes: &mut [u8], at: usize, v: u16) {
    bytes[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(bytes: &mut [u8], at: usize, v: u32) {
    bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn two_files() -> Vec<u8> {
    Zip::new()
        .file("lib/index.js", "module.exports = 1;\n".repeat(50))
        .file("lib/util.js", "exports.u = 2;\n")
        .bytes()
}

#[test]
fn dot_dot_absolute_and_drive_names_stay_inside() {
    let map = source_map(&[("../../../../tmp/escaped.ts", Some("x"))]);
    let zip = Zip::new()
        .file("../../../etc/passwd", "root:x:0:0")
        .file("/abs/x.js", "abs")
        .file("..\\..\\win.js", "win")
        .file("C:/Windows/evil.js", "drive")
        .file("a.js.map", map)
        .bytes();
    let s = session(&zip);
    assert_eq!(
        listed(&s),
        [
            "etc/passwd",
            "abs/x.js",
            "win.js",
            "C:/Windows/evil.js",
            "a.js.map"
        ]
    );
    assert_eq!(s.analysis.archive_error, None);
    let (written, _) = extract_confined(&zip);
    assert_eq!(written, ["tmp/escaped.ts"]);
}

#[test]
fn a_size_that_lies_is_stopped_one_byte_past_it() {
    let mut zip = two_files();
    let local = zip_records(&zip, LOCAL)[0];
    let central = zip_records(&zip, CENTRAL)[0];
    // The first entry says it inflates to 10 bytes (both headers agree): it inflates to 1,000.
    put_u32(&mut zip, local + 22, 10);
    put_u32(&mut zip, central + 24, 10);
    assert_eq!(
        refused(&zip),
        "The zip archive is damaged or hostile: lib/index.js inflates to more where the zip \
         says 10 bytes."
    );
}

#[test]
fn declared_sizes_are_held_to_the_limits_before_anything_inflates() {
    let zip = two_files();
    let small_file = Limits {
        max_file_size: 100,
        ..Limits::default()
    };
    let s = session_with(&zip, small_file);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::FileTooLarge {
            path: "lib/index.js".into(),
            size: 1000,
            limit: 100
        })
    );
    let small_total = Limits {
        max_unpacked: 1010,
        ..Limits::default()
    };
    let s = session_with(&zip, small_total);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::TooLarge { limit: 1010 })
    );
    let few = Limits {
        max_entries: 1,
        ..Limits::default()
    };
    let s = session_with(&zip, few);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::TooManyEntries { limit: 1 })
    );
    // A bomb's header: 4 GB claimed for one entry.
    let mut bomb = two_files();
    let central = zip_records(&bomb, CENTRAL)[0];
    put_u32(&mut bomb, central + 24, u32::MAX);
    let s = session(&bomb);
    assert!(
        matches!(
            &s.analysis.archive_error,
            Some(ArchiveError::TooLarge { .. } | ArchiveError::FileTooLarge { .. })
        ),
        "{:?}",
        s.analysis.archive_error
    );
}

/// A stored entry's local header.
fn local_header(name: &str, data: &[u8]) -> Vec<u8> {
    let mut h = b"PK\x03\x04".to_vec();
    h.extend(20u16.to_le_bytes()); // version needed
    h.extend([0; 2]); // flags
    h.extend([0; 2]); // stored
    h.extend([0; 4]); // time, date
    let mut crc = flate2::Crc::new();
    crc.update(data);
    h.extend(crc.sum().to_le_bytes());
    h.extend((data.len() as u32).to_le_bytes());
    h.extend((data.len() as u32).to_le_bytes());
    h.extend((name.len() as u16).to_le_bytes());
    h.extend([0; 2]);
    h.extend(name.as_bytes());
    h
}

/// Its central directory record: the same fields, and where the local header is.
fn central_record(local: &[u8], offset: u32) -> Vec<u8> {
    let mut c = b"PK\x01\x02".to_vec();
    c.extend(20u16.to_le_bytes()); // made by
    c.extend(&local[4..30]); // version needed .. extra length
    c.extend([0; 2]); // comment length
    c.extend([0; 2]); // disk
    c.extend([0; 2]); // internal attributes
    c.extend([0; 4]); // external attributes
    c.extend(offset.to_le_bytes());
    c.extend(&local[30..]); // the name
    c
}

/// Ends `zip` (its local headers and data) with the central directory of `records` and its
/// end-of-directory record.
fn with_end(zip: &mut Vec<u8>, records: &[Vec<u8>]) {
    let directory = records.concat();
    let at = zip.len() as u32;
    zip.extend(&directory);
    zip.extend(b"PK\x05\x06");
    zip.extend([0; 4]);
    zip.extend((records.len() as u16).to_le_bytes());
    zip.extend((records.len() as u16).to_le_bytes());
    zip.extend((directory.len() as u32).to_le_bytes());
    zip.extend(at.to_le_bytes());
    zip.extend([0; 2]);
}

/// The overlapping-entries bomb (Fifield's): one entry's data holds the next entry whole,
/// so each compressed byte is read twice (and, nested, thousands of times).
#[test]
fn entries_that_share_their_bytes_are_refused() {
    let inner_data = b"payload".repeat(100);
    let inner = local_header("b.txt", &inner_data);
    let mut outer_data = inner.clone();
    outer_data.extend(&inner_data);
    let outer = local_header("a.txt", &outer_data);
    let mut zip = outer.clone();
    zip.extend(&outer_data);
    let directory = [
        central_record(&outer, 0),
        central_record(&inner, outer.len() as u32),
    ];
    with_end(&mut zip, &directory);
    assert_eq!(
        refused(&zip),
        "The zip archive is damaged or hostile: the entries \"a.txt\" and \"b.txt\" share \
         their compressed bytes, as a zip bomb's do."
    );
}

#[test]
fn a_central_directory_that_disagrees_with_the_local_header_is_refused() {
    let mut zip = two_files();
    let local = zip_records(&zip, LOCAL)[1];
    // The second file's own header names another file of the same length.
    zip[local + 30..local + 30 + 11].copy_from_slice(b"lib/evil.js");
    assert_eq!(
        refused(&zip),
        "The zip archive is damaged or hostile: its list of files names \"lib/util.js\" where \
         the entry's own header names \"lib/evil.js\": tools that read one or the other would \
         see different files."
    );
}

#[test]
fn encrypted_and_unknown_compression_entries_are_reported_not_guessed() {
    let mut zip = two_files();
    let (locals, centrals) = (zip_records(&zip, LOCAL), zip_records(&zip, CENTRAL));
    // The first entry encrypted (flag bit 0), the second compressed with bzip2 (12).
    zip[locals[0] + 6] |= 1;
    zip[centrals[0] + 8] |= 1;
    put_u16(&mut zip, locals[1] + 8, 12);
    put_u16(&mut zip, centrals[1] + 10, 12);
    let s = session(&zip);
    assert_eq!(s.analysis.archive_error, None);
    assert_eq!(s.verdict.level, leakscope::verdict::Level::Incomplete);
    assert_eq!(
        s.verdict.summary,
        "Read 0 files (0 B), but not all of it: 2 entries could not be read (encrypted, \
         compressed in a way Leakscope does not read, or a damaged archive inside it): \
         lib/index.js, lib/util.js. Nothing was found in the part that was read."
    );
    let unread: Vec<(&str, &str)> = s
        .analysis
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::ArchiveEntryUnread)
        .map(|f| (f.path.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        unread,
        [
            (
                "lib/index.js",
                "This entry is encrypted: Leakscope cannot read it, and does not guess what it \
                 holds."
            ),
            (
                "lib/util.js",
                "This entry is compressed with bzip2, which Leakscope does not read; what it \
                 holds is unchecked."
            ),
        ]
    );

    // Beside a readable file: that one is scanned, the verdict says what was not.
    let mut zip = Zip::new()
        .file("secret.bin", "x".repeat(100))
        .file("index.js", "ok")
        .bytes();
    let (local, central) = (zip_records(&zip, LOCAL)[0], zip_records(&zip, CENTRAL)[0]);
    zip[local + 6] |= 1;
    zip[central + 8] |= 1;
    let s = session(&zip);
    assert_eq!(listed(&s), ["index.js"]);
    assert_eq!(s.verdict.level, leakscope::verdict::Level::Incomplete);
}

#[test]
fn a_zip_cut_short_shows_the_files_before_the_break() {
    let zip = Zip::new()
        .file("a.js", "a".repeat(3000))
        .file("b.js", "b".repeat(3000))
        .file("c.js", noise_text(20_000))
        .bytes();
    let c = zip_records(&zip, LOCAL)[2];
    let central = zip_records(&zip, CENTRAL)[0];
    // Inside the third file's data, half way, and inside the list of files at the end
    // (every file's data is whole there).
    for (cut, read) in [
        (c + 40, &["a.js", "b.js"][..]),
        ((c + central) / 2, &["a.js", "b.js"][..]),
        (zip.len() - 30, &["a.js", "b.js", "c.js"][..]),
    ] {
        let s = session(&zip[..cut]);
        assert_eq!(listed(&s), read, "{cut}");
        assert!(
            cause(&s).contains(&format!(
                "is cut short (the {} files before the break were read from their own headers)",
                read.len()
            )),
            "{cut}: {}",
            cause(&s)
        );
        assert_eq!(s.verdict.level, leakscope::verdict::Level::Incomplete);
    }
}

fn noise_text(n: usize) -> String {
    crate::common::noise(7, n)
        .iter()
        .map(|b| (b'a' + b % 26) as char)
        .collect()
}

#[test]
fn a_broken_nested_archive_is_noted_and_the_rest_read() {
    let inner = Zip::new().file("com/A.class", "cafe").bytes();
    let zip = Zip::new()
        .file("lib/broken.jar", &inner[..inner.len() / 2])
        .file("lib/fine.jar", &inner)
        .file("lib/notes.zip", "not a zip at all")
        .bytes();
    let s = session(&zip);
    assert_eq!(s.analysis.archive_error, None);
    assert_eq!(
        listed(&s),
        [
            "lib/broken.jar",
            "lib/fine.jar",
            "lib/notes.zip",
            "lib/broken.jar!/com/A.class",
            "lib/fine.jar!/com/A.class",
        ]
    );
    let unread: Vec<&str> = s
        .analysis
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::ArchiveEntryUnread)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(unread, ["lib/broken.jar"]);
    // One level deep: a jar inside a nested jar is a file.
    let deeper = Zip::new()
        .file("outer.jar", Zip::new().file("inner.jar", &inner).bytes())
        .bytes();
    assert_eq!(
        listed(&session(&deeper)),
        ["outer.jar", "outer.jar!/inner.jar"]
    );
}

/// Zips for the fuzz targets to start from (`scripts/fuzz` writes them) and for the
/// mutation test below: a wheel-like zip with a map, a jar inside a war, a CRX3, a zip with
/// a tarball inside.
pub(crate) fn seeds() -> Vec<(String, Vec<u8>)> {
    let map = source_map(&[("webpack://x/./src/a.ts", Some("export const a = 1;\n"))]);
    let wheel = Zip::new()
        .file("x/__init__.py", "")
        .file("x/static/a.js", "a\n//# sourceMappingURL=a.js.map?v=1")
        .file("x/static/a.js.map", &map)
        .file("x-1.0.dist-info/METADATA", "Name: x\nVersion: 1.0\n\n")
        .bytes();
    let jar = Zip::new()
        .file("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
        .file("a/B.class", "cafe")
        .file("a/B.java", "class B {}")
        .bytes();
    let war = Zip::new()
        .file("WEB-INF/web.xml", "<web-app/>")
        .file("WEB-INF/lib/b.jar", &jar)
        .bytes();
    let tgz = Tarball::new("package/")
        .package_json("x", None)
        .file("a.js.map", &map)
        .tgz();
    let bundle = Zip::new()
        .file("npm/x.tgz", &tgz)
        .file(".env", "A=1")
        .bytes();
    vec![
        ("wheel.zip".into(), wheel.clone()),
        ("war.zip".into(), war),
        ("crx3.crx".into(), crx3(&wheel, 40)),
        ("bundle.zip".into(), bundle),
    ]
}

/// A short mutation run over the seeds (the fuzz targets run long, `scripts/fuzz`;
/// `LEAKSCOPE_MUTATIONS=300000` runs this one longer): bytes changed, cut and repeated at
/// random, every result read without a panic, every path inside the package, every limit
/// kept.
#[test]
fn mutated_zips_are_read_safely() {
    let limits = crate::hostile_fuzz::fuzz_limits();
    let seeds = seeds();
    let mut read = 0;
    let rounds: u64 = std::env::var("LEAKSCOPE_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    for round in 0..rounds {
        let (_, seed) = &seeds[round as usize % seeds.len()];
        let r = noise(round + 1, 16);
        let mut bytes = seed.clone();
        let len = bytes.len().max(1);
        let at = |k: usize| (usize::from(r[k]) << 8 | usize::from(r[k + 1])) % len;
        match r[0] % 4 {
            0 => {
                for k in (2..14).step_by(3) {
                    let i = at(k);
                    bytes[i] = r[k + 2];
                }
            }
            1 => bytes.truncate(at(2)),
            2 => {
                let i = at(2);
                let piece = bytes[i..(i + usize::from(r[4])).min(bytes.len())].to_vec();
                bytes.splice(i..i, piece);
            }
            _ => {
                let i = at(2);
                let end = (i + 4).min(bytes.len());
                bytes[i..end].fill(0xff);
            }
        }
        let mut unpack = leakscope::archive::Unpack::bytes(std::sync::Arc::new(bytes), limits);
        while unpack.step(leakscope::archive::STEP_BYTES) {}
        let archive = unpack.finish();
        read += archive.entries().len();
        assert!(
            archive.unpacked_bytes() <= limits.max_unpacked,
            "round {round}"
        );
        assert!(
            archive.entries().len() <= limits.max_entries,
            "round {round}"
        );
        for e in archive.entries() {
            let inside = !e.path.starts_with('/')
                && e.path
                    .split('/')
                    .all(|p| !p.is_empty() && p != "." && p != "..");
            assert!(inside, "round {round}: {}", e.path);
        }
    }
    assert!(read > 1000, "the mutations still read files: {read}");
}

/// The package's own fault stays the package's when an archive inside it is opened after
/// it: a zip whose second entry lies about its size, after a readable jar.
#[test]
fn the_package_fault_survives_its_nested_archives() {
    let jar = Zip::new().file("a/B.class", "cafe").bytes();
    let mut zip = Zip::new()
        .file("lib/a.jar", &jar)
        .file("lib/big.js", "x".repeat(1000))
        .bytes();
    let (local, central) = (zip_records(&zip, LOCAL), zip_records(&zip, CENTRAL));
    // The central records of the jar's own entries come first in the bytes only if stored;
    // the outer zip's second entry is the last local header of the outer archive.
    let big = *local
        .iter()
        .rev()
        .find(|&&at| zip[at + 30..].starts_with(b"lib/big.js"))
        .unwrap();
    let big_central = *central
        .iter()
        .rev()
        .find(|&&at| zip[at + 46..].starts_with(b"lib/big.js"))
        .unwrap();
    put_u32(&mut zip, big + 22, 10);
    put_u32(&mut zip, big_central + 24, 10);
    let s = session(&zip);
    assert_eq!(listed(&s), ["lib/a.jar", "lib/a.jar!/a/B.class"]);
    assert!(
        cause(&s).contains("lib/big.js inflates to more"),
        "{}",
        cause(&s)
    );
    assert_eq!(s.verdict.level, leakscope::verdict::Level::Incomplete);
}

/// One level deep, whatever the archives: a jar in a tarball in a zip, and tarballs in
/// tarballs, stay files below the first level.
#[test]
fn archives_are_opened_one_level_deep_through_tarballs_too() {
    let jar = Zip::new().file("a/B.class", "cafe").bytes();
    let tgz = Tarball::new("package/").file("lib.jar", &jar).tgz();
    let zip = Zip::new().file("x.tgz", &tgz).bytes();
    assert_eq!(
        listed(&session(&zip)),
        ["x.tgz", "x.tgz!/lib.jar"],
        "a jar in a tarball in a zip"
    );
    let mut inner = Tarball::new("package/").file("a.js", "a").tgz();
    for level in 0..4 {
        inner = Tarball::new("package/")
            .file(&format!("level{level}.tgz"), &inner)
            .tgz();
    }
    let s = session(&inner);
    assert_eq!(listed(&s), ["level3.tgz", "level3.tgz!/level2.tgz"]);
}

/// Many end-of-directory records (the zip crate tries each, reading the list of files
/// again every time) and two entries of one name are refused before anything is read.
#[test]
fn many_ends_and_twice_named_entries_are_refused() {
    let zip = two_files();
    let end = zip_records(&zip, b"PK\x05\x06")[0];
    let mut many = zip.clone();
    for _ in 0..100 {
        many.extend_from_slice(&zip[end..]);
    }
    assert_eq!(
        refused(&many),
        "The zip archive is damaged or hostile: it holds more than 64 end-of-directory \
         records, where a zip has one."
    );
    // Two entries named lib/a.js, each with its own bytes.
    let (first, second) = (
        local_header("lib/a.js", b"one"),
        local_header("lib/a.js", b"two"),
    );
    let mut twice = [&first[..], b"one", &second, b"two"].concat();
    let directory = [
        central_record(&first, 0),
        central_record(&second, (first.len() + 3) as u32),
    ];
    with_end(&mut twice, &directory);
    assert_eq!(
        refused(&twice),
        "The zip archive is damaged or hostile: its list of files has 2 entries but only 1 \
         names: an entry's name is given twice, and tools that keep one or the other would \
         see different files."
    );
}
