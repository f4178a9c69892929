//! A directory with a package.json: scans what `npm pack` would publish.

use super::{leakscope, leaky_tarball, npm_available};

/// Writes the leaky package as a project folder, plus a file `files` leaves out.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let tgz = leaky_tarball().tgz();
    let archive = leakscope::Archive::read(&tgz);
    for e in archive.entries() {
        let p = dir.path().join(&e.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, archive.bytes(e)).unwrap();
    }
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"name":"@acme/cli","version":"1.0.0","license":"UNLICENSED","files":["dist"]}"#,
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    std::fs::write(dir.path().join("notes/.env"), "SECRET=1\n").unwrap();
    dir
}

fn scan_json(arg: &std::path::Path) -> serde_json::Value {
    let out = leakscope()
        .args(["scan", "--format", "json"])
        .arg(arg)
        .output()
        .unwrap();
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_directory_scans_like_its_npm_pack_tarball() {
    if !npm_available() {
        return;
    }
    let project = project();
    let from_dir = scan_json(project.path());
    // The tarball npm itself makes from the same folder.
    let packed = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("npm")
        .args(["pack", "--ignore-scripts", "--pack-destination"])
        .arg(packed.path())
        .current_dir(project.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tgz = std::fs::read_dir(packed.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let from_tgz = scan_json(&tgz);
    for key in [
        "files",
        "unpacked_bytes",
        "source_maps",
        "sourcemap_refs",
        "recovered",
        "findings",
        "verdict",
        "package",
    ] {
        assert_eq!(from_dir[key], from_tgz[key], "{key} differs");
    }
    // `files` kept notes/.env out, and the scan agrees.
    assert!(
        !from_dir["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "env-file")
    );
    assert_eq!(from_dir["verdict"]["level"], "critical");
}

#[test]
fn a_directory_without_npm_says_so() {
    let project = project();
    let out = leakscope()
        .arg("scan")
        .arg(project.path())
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("npm is not installed"));
}
