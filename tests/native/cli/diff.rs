//! `leakscope diff OLD NEW`: files or names, `--fail-on` on findings new in NEW only.

use crate::diff::acme;

use super::registry::{Place, TOKEN, json, stderr, stdout};
use super::write_temp;
use crate::common::registry::TestRegistry;

fn registry() -> TestRegistry {
    let r = TestRegistry::start();
    r.publish("@acme/cli", "2.1.87", acme("2.1.87", false));
    r.publish("@acme/cli", "2.1.88", acme("2.1.88", true));
    r
}

#[test]
fn adding_the_map_fails_and_names_it() {
    let r = registry();
    let place = Place::new();
    let out = place.run(&[
        "diff",
        "@acme/cli@2.1.87",
        "@acme/cli@2.1.88",
        "--fail-on",
        "high",
        "--registry",
        &r.url,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("2.1.88 adds dist/cli.js.map"), "{text}");
    assert!(
        text.contains("which embeds 2 of the package's own source files"),
        "{text}"
    );
    assert!(text.contains("+ dist/cli.js.map"), "{text}");
    assert!(
        text.contains("integrity verified against the registry (SHA-512)"),
        "{text}"
    );
    // New findings first.
    assert!(text.find("NEW IN 2.1.88").unwrap() < text.find("GONE SINCE 2.1.87").unwrap());
    // Only what is new counts: NEW's worst is critical, so `--fail-on critical` fails too.
    let out = place.run(&[
        "diff",
        "@acme/cli@2.1.87",
        "@acme/cli@2.1.88",
        "--fail-on",
        "critical",
        "--registry",
        &r.url,
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn removing_it_passes() {
    let r = registry();
    let place = Place::new();
    let out = place.run(&[
        "diff",
        "@acme/cli@2.1.88",
        "@acme/cli@2.1.87",
        "--fail-on",
        "high",
        "--registry",
        &r.url,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("- dist/cli.js.map"), "{text}");
    assert!(text.contains("GONE SINCE 2.1.88 (1)"), "{text}");
    // A leak that was already there is not new: comparing the leaky version with itself
    // passes even at `--fail-on info`.
    let out = place.run(&[
        "diff",
        "@acme/cli@2.1.88",
        "@acme/cli@2.1.88",
        "--fail-on",
        "info",
        "--registry",
        &r.url,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn files_and_names_mix_in_every_format() {
    let r = registry();
    let place = Place::new();
    let old = write_temp(&place.cwd, "old.tgz", &acme("2.1.87", false));
    let old = old.to_str().unwrap();
    let out = place.run(&[
        "diff",
        old,
        "@acme/cli@2.1.88",
        "--format",
        "json",
        "--registry",
        &r.url,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let c = json(&out);
    assert_eq!(c["kind"], "comparison");
    assert_eq!(c["old"]["input"], old);
    assert!(
        c["old"]["source"].is_null(),
        "a file has no registry source"
    );
    assert_eq!(c["new"]["source"]["integrity_verified"], "sha512");
    assert_eq!(c["new_findings"][0]["rule"], "sourcemap-embedded-sources");
    assert_eq!(c["files"][0]["status"], "added");
    let md = stdout(&place.run(&[
        "diff",
        old,
        "@acme/cli@2.1.88",
        "--format",
        "markdown",
        "--registry",
        &r.url,
    ]));
    assert!(md.contains("| added | `dist/cli.js.map` |"), "{md}");
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&place.run(&[
        "diff",
        old,
        "@acme/cli@2.1.88",
        "--format",
        "sarif",
        "--registry",
        &r.url,
    ])))
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["properties"]["new"] == true));
    let new = write_temp(&place.cwd, "new.tgz", &acme("2.1.88", true));
    let out = place.run(&["diff", new.to_str().unwrap(), old, "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notable = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] != "note")
        .count();
    assert_eq!(notable, 0);
    assert!(!stdout(&out).contains(TOKEN));
}

#[test]
fn errors_exit_2() {
    let place = Place::new();
    let out = place.run(&["diff", "/no/such/a.tgz", "/no/such/b.tgz"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /no/such/a.tgz"));
    let out = place.run(&["diff", "only-one.tgz"]);
    assert_eq!(out.status.code(), Some(2));
}
