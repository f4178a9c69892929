//! The zip family through the CLI: each kind built from the files it holds, read by content
//! (whatever its name), with its ecosystem's manifest facts and rules.

use super::{leakscope, write_temp};
use crate::common::{Tarball, Zip, crx3, source_map};

/// `scan --format json` of `bytes` saved as `name`; the report and the exit code.
fn scan(name: &str, bytes: &[u8]) -> (serde_json::Value, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, name, bytes);
    let out = leakscope()
        .args(["scan", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        out.status.code(),
    )
}

fn rules_at(report: &serde_json::Value, path: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| {
            format!(
                "{}:{}",
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect()
}

fn leaky_map(prefix: &str) -> String {
    source_map(&[
        (
            &format!("{prefix}src/index.ts"),
            Some("export const price = (n: number) => n * 1.2;\n"),
        ),
        (
            &format!("{prefix}src/billing.ts"),
            Some("export const margin = 0.4;\n"),
        ),
    ])
}

/// A JupyterLab-style wheel: Python code (not a leak), a front end under `static/` whose
/// map embeds its sources, referenced with a cache-busting query, shipped twice.
fn wheel(licence_header: &str) -> Vec<u8> {
    let map = leaky_map("webpack://acme_widgets/./");
    Zip::new()
        .file("acme_widgets/__init__.py", "from .widget import Widget\n")
        .file("acme_widgets/widget.py", "class Widget: pass\n")
        .file(
            "acme_widgets/static/remoteEntry.js",
            "var a=1;\n//# sourceMappingURL=remoteEntry.js.map?v=9f1c2e\n",
        )
        .file("acme_widgets/static/remoteEntry.js.map", &map)
        .file(
            "acme_widgets-2.4.0.data/data/share/jupyter/labextensions/acme-widgets/static/remoteEntry.js.map",
            &map,
        )
        .file(
            "acme_widgets-2.4.0.dist-info/METADATA",
            format!("Metadata-Version: 2.4\nName: acme-widgets\nVersion: 2.4.0\n{licence_header}\n\nLong description.\n"),
        )
        .file("acme_widgets-2.4.0.dist-info/WHEEL", "Wheel-Version: 1.0\nTag: py3-none-any\n")
        .file("acme_widgets-2.4.0.dist-info/RECORD", "")
        .bytes()
}

#[test]
fn a_wheel_leaks_through_its_front_end_not_its_python() {
    let (r, code) = scan(
        "acme_widgets-2.4.0-py3-none-any.whl",
        &wheel("License-Expression: LicenseRef-Acme-Proprietary"),
    );
    assert_eq!(code, Some(1));
    assert_eq!(r["ecosystem"], "wheel");
    assert_eq!(r["package"]["name"], "acme-widgets");
    assert_eq!(r["package"]["version"], "2.4.0");
    assert_eq!(r["package"]["license"], "LicenseRef-Acme-Proprietary");
    assert_eq!(r["files"], 8);
    assert_eq!(r["verdict"]["level"], "critical");
    // The map shipped twice is one leak at two paths; the query string still finds it.
    assert_eq!(
        r["verdict"]["summary"],
        "Leaks 2 of its own source files (72 B) through 1 source map."
    );
    assert_eq!(
        rules_at(&r, "acme_widgets/static/remoteEntry.js.map"),
        ["sourcemap-embedded-sources:critical"]
    );
    let copy = r["source_maps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["copy_of"].is_string())
        .unwrap();
    assert_eq!(copy["copy_of"], "acme_widgets/static/remoteEntry.js.map");
    assert_eq!(r["sourcemap_refs"][0]["exists"], true);
    // Python files are a wheel's point; npm's packing rules say nothing about a wheel.
    assert!(rules_at(&r, "acme_widgets/widget.py").is_empty());
    assert_eq!(r["shipped"], serde_json::json!([]));
    let remedy = r["findings"][0]["remedy"].as_str().unwrap();
    assert!(remedy.contains("MANIFEST.in"), "{remedy}");

    // The same wheel under an OSI licence classifier ships public code: low.
    let (open, _) = scan(
        "w.whl",
        &wheel("Classifier: License :: OSI Approved :: BSD License"),
    );
    assert_eq!(open["package"]["license"], "BSD License");
    assert_eq!(open["verdict"]["level"], "low");
}

/// A VS Code extension whose build embeds its sources and whose publisher left a `.env`
/// holding the Marketplace token in it.
#[test]
fn a_vsix_with_a_planted_token_leaks_secrets_and_sources() {
    let pat: String = "abcdefghijklmnopqrstuvwxyz234567"
        .chars()
        .cycle()
        .skip(5)
        .step_by(3)
        .take(52)
        .collect();
    let vsix = Zip::new()
        .file("[Content_Types].xml", "<Types/>")
        .file(
            "extension.vsixmanifest",
            r#"<PackageManifest><Metadata><Identity Language="en-US" Id="deploy-helper" Version="1.3.0" Publisher="acme"/></Metadata></PackageManifest>"#,
        )
        .file(
            "extension/package.json",
            r#"{"name":"deploy-helper","publisher":"acme","version":"1.3.0","license":"UNLICENSED","main":"./out/extension.js"}"#,
        )
        .file(
            "extension/out/extension.js",
            "exports.activate=()=>{};\n//# sourceMappingURL=extension.js.map\n",
        )
        .file("extension/out/extension.js.map", leaky_map("../"))
        .file("extension/.env", format!("VSCE_PAT={pat}\n"))
        .bytes();
    // Named like a plain zip: the kind comes from the bytes.
    let (r, code) = scan("download.zip", &vsix);
    assert_eq!(code, Some(1));
    assert_eq!(r["ecosystem"], "vsix");
    assert_eq!(r["package"]["name"], "acme.deploy-helper");
    assert_eq!(r["package"]["version"], "1.3.0");
    assert_eq!(r["verdict"]["level"], "critical");
    assert_eq!(r["verdict"]["outcome"], "secrets");
    let env = rules_at(&r, "extension/.env");
    assert!(env.contains(&"env-file:high".to_string()), "{env:?}");
    assert!(
        env.contains(&"azure-devops-pat:critical".to_string()),
        "{env:?}"
    );
    assert_eq!(
        rules_at(&r, "extension/out/extension.js.map"),
        ["sourcemap-embedded-sources:critical"]
    );
    let remedy = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "sourcemap-embedded-sources")
        .unwrap()["remedy"]
        .as_str()
        .unwrap();
    assert!(remedy.contains(".vscodeignore"), "{remedy}");
}

fn extension_zip(manifest: &str, extra: &[(&str, &str)]) -> Zip {
    let mut zip = Zip::new()
        .file("manifest.json", manifest)
        .file(
            "background.js",
            "chrome.runtime.id;\n//# sourceMappingURL=background.js.map\n",
        )
        .file("background.js.map", leaky_map("webpack://ext/./"));
    for (path, data) in extra {
        zip = zip.file(path, data);
    }
    zip
}

#[test]
fn a_crx3_is_read_after_its_header() {
    let zip = extension_zip(
        r#"{"manifest_version":3,"name":"Acme Tabs","version":"4.1.0"}"#,
        &[],
    )
    .bytes();
    let (r, _) = scan("acme.crx", &crx3(&zip, 1_100));
    assert_eq!(r["ecosystem"], "chrome");
    assert_eq!(r["package"]["name"], "Acme Tabs");
    assert_eq!(r["package"]["version"], "4.1.0");
    assert_eq!(r["files"], 3);
    assert_eq!(r["verdict"]["level"], "critical");
    assert_eq!(r["archive_error"], serde_json::Value::Null);

    // A header that claims more than the file holds is a clear error, not a guess.
    let mut broken = crx3(&zip, 10);
    broken[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let out = leakscope()
        .arg("scan")
        .arg(write_temp(&dir, "x.crx", &broken))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Chrome extension (.crx)"));
}

#[test]
fn an_xpi_is_a_firefox_add_on_with_its_licence_file() {
    let xpi = extension_zip(
        r#"{"manifest_version":2,"name":"Acme Reader","version":"0.9.2","browser_specific_settings":{"gecko":{"id":"reader@acme.example"}}}"#,
        &[
            ("META-INF/mozilla.rsa", "signature"),
            (
                "LICENSE",
                "MIT License\n\nPermission is hereby granted, free of charge, to any person",
            ),
        ],
    )
    .bytes();
    let (r, _) = scan("acme_reader-0.9.2.xpi", &xpi);
    assert_eq!(r["ecosystem"], "firefox");
    assert_eq!(r["package"]["name"], "Acme Reader");
    assert_eq!(r["package"]["license"], "MIT (from LICENSE)");
    // Open source: the embedded sources are public anyway.
    assert_eq!(r["verdict"]["level"], "low");
}

/// A web application archive holding a jar that ships a Java source beside its classes.
#[test]
fn a_jar_inside_a_war_is_opened_and_its_java_sources_found() {
    let jar = Zip::new()
        .file(
            "META-INF/MANIFEST.MF",
            "Manifest-Version: 1.0\r\nImplementation-Title: billing-core\r\n\r\n",
        )
        .file(
            "META-INF/maven/com.acme/billing-core/pom.properties",
            "groupId=com.acme\nartifactId=billing-core\nversion=3.2.1\n",
        )
        .file("com/acme/billing/Pricing.class", [0xca, 0xfe, 0xba, 0xbe])
        .file(
            "com/acme/billing/Pricing.java",
            "package com.acme.billing;\nclass Pricing {}\n",
        )
        .bytes();
    let war = Zip::new()
        .file(
            "META-INF/MANIFEST.MF",
            "Manifest-Version: 1.0\r\nImplementation-Title: acme-portal\r\nImplementation-Version: 7.0.0\r\nBundle-License: Proprietary\r\n\r\n",
        )
        .file("WEB-INF/web.xml", "<web-app/>")
        .file("WEB-INF/lib/billing-core-3.2.1.jar", &jar)
        .file("index.html", "<!doctype html>")
        .bytes();
    let (r, code) = scan("acme-portal.war", &war);
    assert_eq!(code, Some(1));
    assert_eq!(r["ecosystem"], "java");
    assert_eq!(r["package"]["name"], "acme-portal");
    assert_eq!(r["package"]["version"], "7.0.0");
    // The war's 4 files and the jar's 4, named under `jar!`.
    assert_eq!(r["files"], 8);
    let inner = "WEB-INF/lib/billing-core-3.2.1.jar!/com/acme/billing/Pricing.java";
    assert_eq!(rules_at(&r, inner), ["shipped-java-source:high"]);
    assert!(
        rules_at(
            &r,
            "WEB-INF/lib/billing-core-3.2.1.jar!/com/acme/billing/Pricing.class"
        )
        .is_empty()
    );
    assert_eq!(r["verdict"]["level"], "high");
}

/// A plain zip (a release bundle) with an npm tarball inside: the tarball's files are read
/// one level deep.
#[test]
fn a_plain_zip_with_a_tarball_inside() {
    let tgz = Tarball::new("package/")
        .package_json("@acme/sdk", Some("UNLICENSED"))
        .file("dist/index.js", "module.exports={};\n")
        .file("dist/index.js.map", leaky_map("webpack://sdk/./"))
        .tgz();
    let zip = Zip::new()
        .file("README.txt", "Release 5.0")
        .file("npm/acme-sdk-5.0.0.tgz", &tgz)
        .bytes();
    let (r, code) = scan("release-5.0.zip", &zip);
    assert_eq!(code, Some(1));
    assert_eq!(r["ecosystem"], "zip");
    assert_eq!(r["package"], serde_json::Value::Null);
    assert_eq!(
        rules_at(&r, "npm/acme-sdk-5.0.0.tgz!/dist/index.js.map"),
        ["sourcemap-embedded-sources:critical"]
    );
    assert_eq!(r["files"], 5);
}

/// The text report names the kind and the release as its ecosystem writes it.
#[test]
fn the_text_report_names_the_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(
        &dir,
        "w.whl",
        &wheel("License-Expression: LicenseRef-Acme-Proprietary"),
    );
    let out = leakscope().arg("scan").arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("Python wheel acme-widgets==2.4.0"),
        "{text}"
    );
    assert!(!text.contains("WHY THEY SHIPPED"), "{text}");
}

/// A Python index on 127.0.0.1 that serves PyPI's JSON API for `acme-widgets`: 2.4.0 with
/// a platform wheel, the pure-Python wheel and an sdist; 2.5.0 whose listed sha256 is not
/// its wheel's. Returns the index and the pure wheel's bytes.
fn python_index() -> (crate::common::registry::TestRegistry, Vec<u8>) {
    let index = crate::common::registry::TestRegistry::start();
    let wheel = wheel("License-Expression: LicenseRef-Acme-Proprietary");
    let sha256 = |b: &[u8]| leakscope::session::Digests::of(b).sha256;
    let file = |name: &str, kind: &str, digest: String| {
        serde_json::json!({
            "filename": name, "packagetype": kind, "size": 1000,
            "url": format!("{}files/{name}", index.url),
            "digests": {"sha256": digest},
        })
    };
    let pure = "acme_widgets-2.4.0-py3-none-any.whl";
    let next = "acme_widgets-2.5.0-py3-none-any.whl";
    let json = serde_json::json!({
        "info": {"name": "acme-widgets", "version": "2.5.0", "license": "Proprietary"},
        "urls": [],
        "releases": {
            "2.4.0": [
                file("acme_widgets-2.4.0-cp312-cp312-manylinux_2_17_x86_64.whl", "bdist_wheel", "0".repeat(64)),
                file(pure, "bdist_wheel", sha256(&wheel)),
                file("acme_widgets-2.4.0.tar.gz", "sdist", "1".repeat(64)),
            ],
            "2.5.0": [file(next, "bdist_wheel", "ab".repeat(32))],
        }
    });
    index.serve_file("pypi/acme-widgets/json", json.to_string().into_bytes());
    index.serve_file(&format!("files/{pure}"), wheel.clone());
    index.serve_file(&format!("files/{next}"), wheel.clone());
    // 2.3.0 shipped its front end without the maps.
    let earlier = Zip::new()
        .file("acme_widgets/__init__.py", "from .widget import Widget\n")
        .file("acme_widgets/static/remoteEntry.js", "var a=1;\n")
        .file(
            "acme_widgets-2.3.0.dist-info/METADATA",
            "Metadata-Version: 2.4\nName: acme-widgets\nVersion: 2.3.0\nLicense-Expression: LicenseRef-Acme-Proprietary\n\n",
        )
        .bytes();
    let mut json = json;
    json["releases"]["2.3.0"] = serde_json::json!([file(
        "acme_widgets-2.3.0-py3-none-any.whl",
        "bdist_wheel",
        sha256(&earlier)
    )]);
    index.serve_file("pypi/acme-widgets/json", json.to_string().into_bytes());
    index.serve_file("files/acme_widgets-2.3.0-py3-none-any.whl", earlier);
    (index, wheel)
}

/// Two releases compared by name: the map 2.4.0 adds is new, in both of its places.
#[test]
fn two_python_releases_compared_by_name() {
    let (index, _) = python_index();
    let out = leakscope()
        .args([
            "diff",
            "pypi:acme-widgets==2.3.0",
            "pypi:acme-widgets==2.4.0",
        ])
        .args(["--pypi", &index.url, "--fail-on", "high"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("+ acme_widgets/static/remoteEntry.js.map"),
        "{text}"
    );
    assert!(
        text.contains("integrity verified against the registry (SHA-256)"),
        "{text}"
    );
}

#[test]
fn a_python_release_opens_by_name_verified_against_its_sha256() {
    let (index, wheel) = python_index();
    let out = leakscope()
        .args(["scan", "pypi:Acme_Widgets==2.4.0", "--pypi", &index.url])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "acme-widgets==2.4.0: reading the pure-Python wheel \
             acme_widgets-2.4.0-py3-none-any.whl (3 files in the release)"
        ),
        "{stderr}"
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["ecosystem"], "wheel");
    assert_eq!(r["verdict"]["level"], "critical");
    let source = &r["input"]["source"];
    assert_eq!(source["index"], "pypi");
    assert_eq!(source["spec"], "pypi:acme-widgets==2.4.0");
    assert_eq!(source["integrity_verified"], "sha256");
    assert_eq!(
        r["input"]["sha256"],
        leakscope::session::Digests::of(&wheel).sha256
    );
    let paths: Vec<String> = index.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/pypi/acme-widgets/json",
            "/files/acme_widgets-2.4.0-py3-none-any.whl"
        ]
    );
}

#[test]
fn a_python_release_that_does_not_match_its_sha256_is_refused() {
    let (index, wheel) = python_index();
    let out = leakscope()
        .args(["scan", "pypi:acme-widgets", "--pypi", &index.url])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // Both digests are named: what PyPI lists, and what came.
    let actual = leakscope::registry::sri(
        leakscope::registry::Algorithm::Sha256,
        &<sha2::Sha256 as sha2::Digest>::digest(&wheel),
    );
    assert!(stderr.contains("the integrity check failed"), "{stderr}");
    assert!(
        stderr.contains(
            "records sha256-q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s= for this version"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("the download is {actual}")),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    // A release that is not there: the versions there are offered.
    let out = leakscope()
        .args(["scan", "pypi:acme-widgets==9.9", "--pypi", &index.url])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("acme-widgets has no version 9.9"),
        "{stderr}"
    );
}

/// An npm package that ships a jar (as tool wrappers do): the jar is opened one level deep,
/// and a Java source beside its classes found in it.
#[test]
fn a_jar_inside_an_npm_tarball_is_opened() {
    let jar = Zip::new()
        .file("org/acme/Tool.class", [0xca, 0xfe, 0xba, 0xbe])
        .file("org/acme/Tool.java", "package org.acme;\nclass Tool {}\n")
        .bytes();
    let tgz = Tarball::new("package/")
        .package_json("acme-tool-java", Some("UNLICENSED"))
        .file("bin/tool.js", "require('child_process');\n")
        .file("tool.jar", &jar)
        .tgz();
    let (r, _) = scan("acme-tool-java-1.0.0.tgz", &tgz);
    assert_eq!(r["ecosystem"], "npm");
    assert_eq!(r["files"], 5);
    assert_eq!(
        rules_at(&r, "tool.jar!/org/acme/Tool.java"),
        ["shipped-java-source:high"]
    );
}
