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

/// The project's tools (`node_modules/.bin`: pnpm, Bun) first on the PATH, if installed.
fn with_project_tools(tool: &str) -> Option<String> {
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin");
    if !bin.join(tool).exists() {
        crate::common::missing(&format!("node_modules/.bin/{tool} (npm install)"));
        return None;
    }
    let path = std::env::var("PATH").unwrap_or_default();
    Some(format!("{}:{path}", bin.display()))
}

/// A folder whose package.json is `package_json`, with a leaking map in `dist/` and the
/// lockfile `lockfile`; the paths of the findings of `scan --format json` on it.
fn findings_in(package_json: &str, lockfile: &str, path_var: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let map =
        crate::common::source_map(&[("webpack://x/./src/a.ts", Some("export const a = 1;\n"))]);
    for (path, text) in [
        ("package.json", package_json),
        ("dist/a.js", "console.log(1);\n"),
        ("dist/a.js.map", map.as_str()),
        (lockfile, ""),
    ] {
        let at = dir.path().join(path);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, text).unwrap();
    }
    let out = leakscope()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .env("PATH", path_var)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// pnpm keeps what `"!*.map"` would drop for npm (it matches only at the root for pnpm):
/// a pnpm project is listed by pnpm, so the map it would publish is found.
#[test]
fn a_pnpm_project_is_listed_as_pnpm_packs_it() {
    let Some(path) = with_project_tools("pnpm") else {
        return;
    };
    let json = r#"{"name":"p","version":"1.0.0","license":"UNLICENSED","files":["dist","!*.map"]}"#;
    assert_eq!(
        findings_in(json, "pnpm-lock.yaml", &path),
        ["dist/a.js.map"]
    );
    assert!(
        findings_in(json, "package-lock.json", &path).is_empty(),
        "npm drops the map"
    );
}

/// Bun applies a leading negation that npm's last-match rule undoes: a Bun project is
/// listed by Bun.
#[test]
fn a_bun_project_is_listed_as_bun_packs_it() {
    let Some(path) = with_project_tools("bun") else {
        return;
    };
    let json = r#"{"name":"b","version":"1.0.0","license":"UNLICENSED","files":["!dist/**/*.map","dist"]}"#;
    assert!(
        findings_in(json, "bun.lock", &path).is_empty(),
        "Bun drops the map"
    );
    assert_eq!(
        findings_in(json, "package-lock.json", &path),
        ["dist/a.js.map"]
    );
}

/// `yarn pack` cannot be kept from running the project's prepack script: a Yarn project is
/// listed as npm would pack it, and the CLI says so.
#[test]
fn a_yarn_project_is_listed_by_npm_and_said_so() {
    if !npm_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"name":"y","version":"1.0.0","license":"MIT","scripts":{"prepack":"touch ran"}}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("yarn.lock"), "").unwrap();
    let out = leakscope().arg("scan").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("is a Yarn project"), "{said}");
    assert!(
        !dir.path().join("ran").exists(),
        "no script of the project ran"
    );
}
