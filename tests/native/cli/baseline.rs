//! `--write-baseline`, `--baseline`, `--strict-baseline`: a gate that fails only on what is
//! new, keyed so that a moved line stays accepted and a new secret is still new.

use crate::common::Tarball;

use super::{leakscope, write_temp};

/// A proprietary package whose `lib/config.js` holds the GitHub tokens given, after
/// `blank` empty lines.
fn package(tokens: &[String], blank: usize) -> Vec<u8> {
    let mut code = "\n".repeat(blank);
    for (i, t) in tokens.iter().enumerate() {
        code.push_str(&format!("export const token{i} = \"{t}\";\n"));
    }
    Tarball::new("package/")
        .package_json("@acme/gated", Some("UNLICENSED"))
        .file("lib/config.js", code)
        .tgz()
}

fn token(seed: u64) -> String {
    leakscope::scan::secrets::sample("github-pat", seed).unwrap()
}

/// Runs `scan PKG ARGS…`: the exit code and standard error.
fn scan(dir: &tempfile::TempDir, pkg: &[u8], args: &[&str]) -> (i32, String) {
    let path = write_temp(dir, "p.tgz", pkg);
    let out = leakscope()
        .current_dir(dir.path())
        .arg("scan")
        .arg(&path)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_baseline_accepts_what_it_lists_and_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let one = package(&[token(1)], 0);
    assert_eq!(scan(&dir, &one, &[]).0, 1, "a token fails the gate");
    let (code, said) = scan(&dir, &one, &["--write-baseline", "base.json"]);
    assert_eq!(code, 0, "{said}");
    let written = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(written.contains("leakscope-baseline/1"), "{written}");
    assert!(!written.contains(&token(1)), "the secret is never written");

    // Accepted, also after the line moved.
    let (code, said) = scan(
        &dir,
        &package(&[token(1)], 20),
        &["--baseline", "base.json"],
    );
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("accepted, 0 new"), "{said}");
    // A second token in the accepted file is new.
    let two = package(&[token(1), token(2)], 0);
    let (code, said) = scan(&dir, &two, &["--baseline", "base.json"]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("1 new at high or above"), "{said}");
    // The token gone: its entry is stale, which fails only with --strict-baseline.
    let none = package(&[], 0);
    let (code, said) = scan(&dir, &none, &["--baseline", "base.json"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("stale entry"), "{said}");
    let strict = ["--baseline", "base.json", "--strict-baseline"];
    assert_eq!(scan(&dir, &none, &strict).0, 1);
}

#[test]
fn reasons_survive_a_rewrite_and_a_foreign_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let one = package(&[token(1)], 0);
    scan(&dir, &one, &["--write-baseline", "base.json"]);
    let file = dir.path().join("base.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("\"reason\": \"\"", "\"reason\": \"rotated, #123\""),
    )
    .unwrap();
    scan(
        &dir,
        &package(&[token(1), token(2)], 3),
        &["--write-baseline", "base.json"],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("rotated, #123").count(), 1, "{text}");
    assert_eq!(text.matches("\"rule\"").count(), 2, "{text}");

    std::fs::write(dir.path().join("other.json"), r#"{"findings": []}"#).unwrap();
    let (code, said) = scan(&dir, &one, &["--baseline", "other.json"]);
    assert_eq!(code, 2);
    assert!(said.contains("not a Leakscope baseline"), "{said}");
}

/// Code scanning ignores SARIF's suppressions: what a baseline accepts is left out of the
/// SARIF, and what is new is in it.
#[test]
fn sarif_leaves_out_what_the_baseline_accepts() {
    let dir = tempfile::tempdir().unwrap();
    scan(
        &dir,
        &package(&[token(1)], 0),
        &["--write-baseline", "base.json"],
    );
    let two = write_temp(&dir, "two.tgz", &package(&[token(1), token(2)], 4));
    let out = leakscope()
        .current_dir(dir.path())
        .args(["scan", "--format", "sarif", "--baseline", "base.json"])
        .arg(&two)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let secrets: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "github-pat")
        .collect();
    assert_eq!(secrets.len(), 1, "only the new token: {results:?}");
    assert_eq!(
        secrets[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 6,
        "the second token, after 4 blank lines"
    );
}
