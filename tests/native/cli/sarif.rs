//! `--format sarif` as code scanning reads it: checked by Microsoft's SARIF validator
//! (with GitHub's rules) and against a checked-in expected file.

use std::path::{Path, PathBuf};

use super::{leakscope, leaky_package, leaky_tarball, write_temp};
use crate::common::{github_token, source_map};

/// The expected SARIF, checked in. `LEAKSCOPE_BLESS=1 cargo test sarif` rewrites it after a
/// deliberate change; review its diff like code.
const EXPECTED: &str = "tests/expected/gate.sarif";

/// A package with every kind of location: a secret on a known line of a shipped file, one
/// inside a source a map embeds (located at the map), an env file, and the map itself.
fn gate_package() -> Vec<u8> {
    let token = github_token();
    let keys = format!("export const keys = {{\n  github: \"{token}\",\n}};\n");
    leaky_tarball()
        .file(
            "dist/config.js",
            format!("// settings\nexport const token = \"{token}\";\n"),
        )
        .file("dist/keys.js", "exports.keys = {};\n")
        .file(
            "dist/keys.js.map",
            source_map(&[("webpack://acme/./src/keys.ts", Some(keys.as_str()))]),
        )
        .file(".env", "API_URL=https://example.com\n")
        .tgz()
}

fn sarif_of(pkg: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "gate.tgz", pkg);
    let out = leakscope()
        .args(["scan", "--format", "sarif"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the package leaks");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn sarif_matches_the_checked_in_expected_file() {
    let text = sarif_of(&gate_package());
    assert!(
        !text.contains(&github_token()),
        "no raw secret in the SARIF"
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXPECTED);
    if std::env::var_os("LEAKSCOPE_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("the expected file is checked in");
    // Compared as JSON, with the version the expected file was written by.
    let mut actual: serde_json::Value = serde_json::from_str(&text).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
    actual["runs"][0]["tool"]["driver"]["version"] =
        expected["runs"][0]["tool"]["driver"]["version"].clone();
    assert!(
        actual == expected,
        "the SARIF differs from {EXPECTED} (LEAKSCOPE_BLESS=1 rewrites it):\n{text}"
    );
}

/// Microsoft's validator, from the project's node_modules (`scripts/setup` installs it): a
/// self-contained .NET program, run directly (npx adds half a second).
fn validator() -> Option<PathBuf> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    bin.exists().then_some(bin)
}

/// What the validator may still say, with why it stays: no home page to name yet
/// (`informationUri`), and a finding about a whole file (a map, an env file) has no region.
const ACCEPTED_WARNINGS: [&str; 2] = ["SARIF2005", "SARIF2017"];

#[test]
fn microsoft_validator_accepts_the_sarif_with_github_rules() {
    let Some(validator) = validator() else {
        crate::common::missing("node_modules/.bin/sarif (npm install)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let old = write_temp(&dir, "old.tgz", &leaky_package());
    let new = write_temp(&dir, "new.tgz", &gate_package());
    let diff = leakscope()
        .args(["diff", "--format", "sarif"])
        .args([&old, &new])
        .output()
        .unwrap()
        .stdout;
    let sarifs = [
        ("gate", sarif_of(&gate_package()).into_bytes()),
        ("leaky", sarif_of(&leaky_package()).into_bytes()),
        ("diff", diff),
    ];
    for (name, text) in sarifs {
        let sarif = write_temp(&dir, &format!("{name}.sarif"), &text);
        let log = dir.path().join(format!("{name}.validation.sarif"));
        let out = std::process::Command::new(&validator)
            .arg("validate")
            .arg(&sarif)
            .arg("--output")
            .arg(&log)
            // GitHub's rules as well as the specification's; it exits 0 whatever it finds,
            // so its log is what is read.
            .args(["--rule-kind", "Sarif;Gh", "--log", "ForceOverwrite"])
            // Without ICU (a slim container) .NET must be told to do without it.
            .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
            .output()
            .unwrap();
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&log).expect("the validator writes its log"))
                .unwrap();
        let problems: Vec<String> = report["runs"][0]["results"]
            .as_array()
            .into_iter()
            .flatten()
            // A result without a level is a warning.
            .filter(|r| matches!(r["level"].as_str(), Some("error" | "warning") | None))
            .filter(|r| {
                !ACCEPTED_WARNINGS.contains(&r["ruleId"].as_str().unwrap_or(""))
                    || r["level"] == "error"
            })
            .map(|r| format!("{} {}", r["ruleId"], r["message"]))
            .collect();
        assert!(
            problems.is_empty() && out.status.success(),
            "{name}: {problems:#?}\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
