//! `extract -o DIR`: recovered sources on disk, byte for byte, never outside DIR.

use std::path::Path;

use crate::common::Tarball;

use super::{LEAKY_SOURCES, leakscope, leaky_package, write_temp};

/// Runs `leakscope extract PKG -o OUT`.
fn extract(pkg: &Path, out_dir: &Path) -> std::process::Output {
    leakscope()
        .arg("extract")
        .arg(pkg)
        .arg("-o")
        .arg(out_dir)
        .output()
        .unwrap()
}

fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

#[test]
fn writes_byte_identical_files_by_normalised_path() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "leaky.tgz", &leaky_package());
    let out_dir = dir.path().join("out");
    let out = extract(&pkg, &out_dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        files_under(&out_dir),
        [
            "node_modules/left-pad/index.js",
            "src/main.ts",
            "src/util/net.ts"
        ]
    );
    for (source, content) in LEAKY_SOURCES {
        let rel = source.trim_start_matches("webpack://acme/./");
        assert_eq!(std::fs::read_to_string(out_dir.join(rel)).unwrap(), content);
    }
    let bytes: usize = LEAKY_SOURCES.iter().map(|(_, c)| c.len()).sum();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!(
            "3 recovered source files ({bytes} B) written to {}",
            out_dir.display()
        )
    );
}

#[test]
fn hostile_paths_stay_inside_and_variants_sit_side_by_side() {
    let one = crate::common::source_map(&[
        ("../../../../../../tmp/escaped-by-dots.ts", Some("dots")),
        ("/etc/escaped-absolute.ts", Some("abs")),
        ("C:\\Windows\\escaped.ts", Some("win")),
        ("src/a.ts", Some("first")),
    ]);
    let two = crate::common::source_map(&[("webpack://x/./src/a.ts", Some("second"))]);
    let tgz = Tarball::new("package/")
        .file("1.js.map", one)
        .file("2.js.map", two)
        .tgz();
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "hostile.tgz", &tgz);
    let out_dir = dir.path().join("out");
    let out = extract(&pkg, &out_dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        files_under(&out_dir),
        [
            "Windows/escaped.ts",
            "etc/escaped-absolute.ts",
            "src/a.ts",
            "src/a.variant-2.ts",
            "tmp/escaped-by-dots.ts"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("src/a.variant-2.ts")).unwrap(),
        "second"
    );
    // Nothing beside the output folder.
    let mut siblings: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    siblings.sort();
    assert_eq!(siblings, ["hostile.tgz", "out"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_output_folder_is_not_followed_out() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::os::unix::fs::symlink(outside.path(), out_dir.join("src")).unwrap();
    let pkg = write_temp(&dir, "leaky.tgz", &leaky_package());
    let out = extract(&pkg, &out_dir);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_dir(outside.path()).unwrap().next().is_none(),
        "nothing written through the symlink"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped src/main.ts"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("; 2 skipped"));
}
