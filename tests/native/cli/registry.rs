//! Packages opened by name: fetched from a registry on 127.0.0.1 that the tests run,
//! verified against its integrity, with npm's registry settings and tokens.

use std::path::Path;
use std::process::Output;

use leakscope::session::Digests;

use crate::common::registry::{Integrity, TestRegistry};
use crate::common::{Tarball, package_json_text};
use crate::diff::acme;

use super::{leakscope, write_temp};

/// A token that must never be printed.
pub const TOKEN: &str = "npm_TESTtokenNEVERprinted0123456789";

/// `leakscope` in `cwd`, with `home` as the user's home and none of this machine's npm or
/// proxy settings.
pub fn leakscope_at(cwd: &Path, home: &Path) -> assert_cmd::Command {
    let mut cmd = leakscope();
    for (k, _) in std::env::vars() {
        let lower = k.to_ascii_lowercase();
        if lower.starts_with("npm_config_") || lower.ends_with("_proxy") {
            cmd.env_remove(k);
        }
    }
    cmd.current_dir(cwd)
        .env("HOME", home)
        .env("USERPROFILE", home);
    cmd
}

/// A working directory and a home folder, both empty.
pub struct Place {
    pub cwd: tempfile::TempDir,
    pub home: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Place {
        Place {
            cwd: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        leakscope_at(self.cwd.path(), self.home.path())
            .args(args)
            .output()
            .unwrap()
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)))
}

/// An open-source package `oss` at `version`.
pub fn oss(version: &str) -> Vec<u8> {
    Tarball::new("package/")
        .file(
            "package.json",
            package_json_text("oss", version, Some("MIT")),
        )
        .file("index.js", format!("exports.v = '{version}';\n"))
        .tgz()
}

fn public_registry() -> TestRegistry {
    let r = TestRegistry::start();
    r.publish("oss", "1.0.0", oss("1.0.0"));
    r.publish("oss", "1.1.0", oss("1.1.0"));
    r.publish("oss", "1.2.0-beta.1", oss("1.2.0-beta.1"));
    r.tag("oss", "latest", "1.1.0");
    r.tag("oss", "next", "1.2.0-beta.1");
    r
}

#[test]
fn opens_by_name_and_by_latest_verified() {
    let r = public_registry();
    let place = Place::new();
    for (spec, version) in [
        ("oss", "1.1.0"),
        ("oss@latest", "1.1.0"),
        ("oss@next", "1.2.0-beta.1"),
        ("oss@1.0.0", "1.0.0"),
        ("oss@^1.0.0", "1.1.0"),
    ] {
        let out = place.run(&["scan", spec, "--registry", &r.url, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{spec}: {}", stderr(&out));
        let report = json(&out);
        assert_eq!(report["input"]["name"], format!("oss@{version}"), "{spec}");
        assert_eq!(report["package"]["version"], version);
        let source = &report["input"]["source"];
        assert_eq!(source["integrity_verified"], "sha512", "{spec}");
        assert_eq!(source["spec"], spec);
        assert_eq!(source["registry"], r.url);
        assert_eq!(source["version"], version);
        assert_eq!(source["integrity"], Digests::of(&oss(version)).sha512);
        assert_eq!(report["input"]["integrity"], source["integrity"]);
    }
    let out = place.run(&["scan", "oss", "--registry", &r.url]);
    assert!(
        stdout(&out).contains("integrity verified against the registry (SHA-512)"),
        "{}",
        stdout(&out)
    );
    let md = stdout(&place.run(&["scan", "oss", "--registry", &r.url, "--format", "markdown"]));
    assert!(
        md.contains("| Integrity | integrity verified against the registry (SHA-512) |"),
        "{md}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&place.run(&[
        "scan",
        "oss",
        "--registry",
        &r.url,
        "--format",
        "sarif",
    ])))
    .unwrap();
    assert_eq!(
        sarif["runs"][0]["properties"]["source"]["integrity_verified"],
        "sha512"
    );
    // The packument is asked for as npm asks for it.
    let first = &r.requests()[0];
    assert_eq!(first.path, "/oss");
    assert!(
        first
            .accept
            .as_deref()
            .unwrap()
            .starts_with("application/vnd.npm.install-v1+json")
    );
    assert!(first.authorization.is_none());
}

#[test]
fn a_tarball_url_is_verified_against_its_registry() {
    let r = public_registry();
    let place = Place::new();
    let url = r.tarball_url("oss", "1.0.0");
    let out = place.run(&["scan", &url, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["input"]["source"]["integrity_verified"], "sha512");
    assert_eq!(report["input"]["source"]["tarball"], url);
    let paths: Vec<String> = r.requests().into_iter().map(|q| q.path).collect();
    assert_eq!(paths, ["/oss", "/oss/-/oss-1.0.0.tgz"]);
}

#[test]
fn old_versions_verify_with_their_shasum() {
    let r = TestRegistry::start();
    r.publish_with("old", "0.1.0", oss("0.1.0"), Integrity::ShasumOnly);
    let place = Place::new();
    let out = place.run(&[
        "scan",
        "old@0.1.0",
        "--registry",
        &r.url,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["input"]["source"]["integrity_verified"], "sha1");
    let text = stdout(&place.run(&["scan", "old", "--registry", &r.url]));
    assert!(
        text.contains("integrity verified against the registry (SHA-1, the older and weaker check"),
        "{text}"
    );
}

#[test]
fn an_integrity_mismatch_is_refused_naming_both_digests() {
    let r = TestRegistry::start();
    let tgz = oss("6.6.6");
    r.publish_with("oss", "6.6.6", tgz.clone(), Integrity::Wrong);
    let place = Place::new();
    for args in [
        vec!["scan", "oss@6.6.6"],
        vec!["extract", "oss@6.6.6", "-o", "out"],
        vec!["diff", "oss@6.6.6", "oss@6.6.6"],
    ] {
        let mut args = args;
        args.extend(["--registry", &r.url]);
        let out = place.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("integrity check failed"), "{err}");
        assert!(
            err.contains(&Digests::of(b"other bytes").sha512),
            "expected digest: {err}"
        );
        assert!(
            err.contains(&Digests::of(&tgz).sha512),
            "actual digest: {err}"
        );
        assert!(stdout(&out).is_empty(), "nothing is scanned");
    }
    assert!(!place.cwd.path().join("out").exists());
}

/// A private registry under `/npm/` that wants [`TOKEN`], holding `@acme/cli` 2.1.87
/// (clean) and 2.1.88 (leaking its sources), and the `.npmrc` lines that reach it.
fn private_registry() -> (TestRegistry, String) {
    let r = TestRegistry::start_at("/npm/");
    r.publish("@acme/cli", "2.1.87", acme("2.1.87", false));
    r.publish("@acme/cli", "2.1.88", acme("2.1.88", true));
    r.require_token(TOKEN);
    let npmrc = format!(
        "# the company registry\n@acme:registry={}\n//{}/npm/:_authToken=${{ACME_NPM_TOKEN}}\n",
        r.url, r.host
    );
    (r, npmrc)
}

fn assert_no_token(out: &Output) {
    assert!(
        !stdout(out).contains(TOKEN),
        "the token is printed: {}",
        stdout(out)
    );
    assert!(
        !stderr(out).contains(TOKEN),
        "the token is printed: {}",
        stderr(out)
    );
}

#[test]
fn a_scoped_registry_and_its_token_from_the_project_npmrc() {
    let (private, npmrc) = private_registry();
    let public = public_registry();
    let place = Place::new();
    std::fs::write(place.cwd.path().join(".npmrc"), &npmrc).unwrap();
    let run = |args: &[&str]| {
        let out = leakscope_at(place.cwd.path(), place.home.path())
            .env("ACME_NPM_TOKEN", TOKEN)
            .args(args)
            .output()
            .unwrap();
        assert_no_token(&out);
        out
    };
    // The default registry is the public one; the scope goes to its own.
    for format in ["json", "text", "markdown", "sarif"] {
        let out = run(&[
            "scan",
            "@acme/cli@2.1.88",
            "--registry",
            &public.url,
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
    }
    let out = run(&["scan", "@acme/cli", "--format", "json"]);
    let report = json(&out);
    assert_eq!(report["input"]["name"], "@acme/cli@2.1.88");
    assert_eq!(report["input"]["source"]["registry"], private.url);
    assert_eq!(report["verdict"]["level"], "critical");
    // Unscoped names still go to the default registry, without the token.
    let out = run(&["scan", "oss", "--registry", &public.url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let requests = private.requests();
    assert!(
        requests.iter().any(|q| q.path == "/npm/@acme%2fcli"),
        "{requests:?}"
    );
    assert!(
        requests
            .iter()
            .any(|q| q.path == "/npm/@acme/cli/-/cli-2.1.88.tgz")
    );
    let bearer = format!("Bearer {TOKEN}");
    assert!(
        requests
            .iter()
            .all(|q| q.authorization.as_deref() == Some(bearer.as_str()))
    );
    assert!(public.requests().iter().all(|q| q.authorization.is_none()));
    assert!(public.requests().iter().all(|q| !q.path.contains("acme")));
}

#[test]
fn without_the_token_the_registry_refuses_in_plain_words() {
    let (_private, npmrc) = private_registry();
    let place = Place::new();
    std::fs::write(
        place.home.path().join(".npmrc"),
        npmrc.replace("${ACME_NPM_TOKEN}", "wrong-token"),
    )
    .unwrap();
    let out = place.run(&["scan", "@acme/cli@2.1.88"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("HTTP 401") && err.contains("_authToken"),
        "{err}"
    );
    assert!(!err.contains("wrong-token"), "{err}");
}

#[test]
fn the_users_npmrc_and_the_environment() {
    let (private, npmrc) = private_registry();
    let public = public_registry();
    let place = Place::new();
    // The user's file has the scope and token; the environment the default registry.
    std::fs::write(
        place.home.path().join(".npmrc"),
        npmrc.replace("${ACME_NPM_TOKEN}", TOKEN),
    )
    .unwrap();
    let out = leakscope_at(place.cwd.path(), place.home.path())
        .env("npm_config_registry", &public.url)
        .args(["diff", "oss@1.0.0", "@acme/cli@2.1.88", "--format", "json"])
        .output()
        .unwrap();
    assert_no_token(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let c = json(&out);
    assert_eq!(c["old"]["source"]["registry"], public.url);
    assert_eq!(c["new"]["source"]["registry"], private.url);
}

#[test]
fn a_token_is_sent_to_its_host_only() {
    // The private registry's packument sends the download to another host.
    let (private, npmrc) = private_registry();
    let cdn = TestRegistry::start();
    cdn.publish("@acme/cli", "2.1.88", acme("2.1.88", true));
    private.tarballs_at(&cdn.url);
    let place = Place::new();
    std::fs::write(
        place.cwd.path().join(".npmrc"),
        npmrc.replace("${ACME_NPM_TOKEN}", TOKEN),
    )
    .unwrap();
    let out = place.run(&["scan", "@acme/cli@2.1.88", "--format", "json"]);
    assert_no_token(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let downloads = cdn.requests();
    assert_eq!(downloads.len(), 1);
    assert_eq!(downloads[0].path, "/@acme/cli/-/cli-2.1.88.tgz");
    assert_eq!(downloads[0].authorization, None);
}

#[test]
fn a_path_that_exists_wins_over_a_name() {
    let r = public_registry();
    let place = Place::new();
    // A file called `oss` in the working directory, holding a leaky package.
    write_temp(&place.cwd, "oss", &super::leaky_package());
    let out = place.run(&["scan", "oss", "--registry", &r.url, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["input"]["name"], "oss");
    assert!(report["input"].get("source").is_none());
    assert!(r.requests().is_empty(), "the registry was not asked");
}

#[test]
fn an_unreachable_registry_fails_fast_and_plainly() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let registry = format!("http://127.0.0.1:{port}/");
    let place = Place::new();
    let started = std::time::Instant::now();
    let out = place.run(&["scan", "oss@1.0.0", "--registry", &registry]);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("cannot reach the registry at {registry}"))
            && err.contains("offline"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn missing_packages_versions_and_tags_in_plain_words() {
    let r = public_registry();
    let place = Place::new();
    let err = |spec: &str| {
        let out = place.run(&["scan", spec, "--registry", &r.url]);
        assert_eq!(out.status.code(), Some(2), "{spec}");
        stderr(&out)
    };
    assert!(err("nope").contains("has no package called nope"));
    let e = err("oss@1.0.5");
    assert!(
        e.contains("oss has no version 1.0.5; the closest it has: 1.0.0, 1.1.0"),
        "{e}"
    );
    assert!(err("oss@beta").contains("oss has no tag \"beta\"; its tags: latest, next"));
    assert!(err("oss@^2").contains("oss has no version ^2"));
    let e = err("my package");
    assert!(
        e.contains("there is no such file, and it is not a package name"),
        "{e}"
    );
    assert!(e.contains("spaces"), "{e}");
    // A missing file is a missing file, not a package name.
    assert!(err("missing.tgz").contains("cannot read missing.tgz"));
}

#[test]
fn a_download_cut_off_is_an_error() {
    let r = public_registry();
    r.cut_off("oss", "1.1.0", 20);
    let out = Place::new().run(&["scan", "oss@1.1.0", "--registry", &r.url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("was cut off after 20 B of"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn extract_by_name() {
    let (_private, npmrc) = private_registry();
    let place = Place::new();
    std::fs::write(
        place.cwd.path().join(".npmrc"),
        npmrc.replace("${ACME_NPM_TOKEN}", TOKEN),
    )
    .unwrap();
    let out = place.run(&["extract", "@acme/cli@2.1.88", "-o", "recovered"]);
    assert_no_token(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let main = place.cwd.path().join("recovered/src/main.ts");
    assert_eq!(
        std::fs::read_to_string(main).unwrap(),
        "export const main = 1;\n"
    );
}
