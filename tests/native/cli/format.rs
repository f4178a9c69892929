//! `--format text|json|sarif|markdown`.

use super::{clean_package, leakscope, leaky_package, write_temp};

#[test]
fn json_follows_the_report_contract() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "leaky.tgz", &leaky_package());
    let out = leakscope()
        .args(["scan", "--format", "json"])
        .arg(&pkg)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["package"]["name"], "@acme/cli");
    assert_eq!(v["files"], 3);
    assert_eq!(v["source_maps"][0]["path"], "dist/cli.js.map");
    assert_eq!(v["source_maps"][0]["sources_with_content"], 3);
    assert_eq!(v["recovered"]["files"], 3);
    assert_eq!(v["verdict"]["level"], "critical");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"].is_string() && f["message"].is_string())
    );
}

#[test]
fn several_packages_in_json_are_one_array() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_temp(&dir, "a.tgz", &leaky_package());
    let b = write_temp(&dir, "b.tgz", &clean_package());
    let out = leakscope()
        .args(["scan", "--format", "json"])
        .args([&a, &b])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let levels: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"]["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["critical", "clean"]);
}

#[test]
fn sarif_has_the_fields_code_scanning_requires() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "leaky.tgz", &leaky_package());
    let out = leakscope()
        .args(["scan", "--format", "sarif"])
        .arg(&pkg)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "leakscope");
    let rules: Vec<_> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(
            rules.contains(&r["ruleId"].as_str().unwrap()),
            "every result's rule is declared"
        );
        assert!(["error", "warning", "note", "none"].contains(&r["level"].as_str().unwrap()));
        assert!(r["message"]["text"].is_string());
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.is_empty() && !uri.starts_with('/'));
    }
    assert_eq!(results[0]["level"], "error");
}

#[test]
fn markdown_is_a_ticket_summary() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = leaky_package();
    let pkg = write_temp(&dir, "leaky.tgz", &bytes);
    let out = leakscope()
        .args(["scan", "--format", "markdown"])
        .arg(&pkg)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("## Leakscope: `@acme/cli@1.0.0` is **CRITICAL**"),
        "{md}"
    );
    assert!(md.contains("| Severity | File | Finding | What to do |"));
    assert!(md.contains("| critical | `dist/cli.js.map` |"));
    let sha256 = leakscope::session::Digests::of(&bytes).sha256;
    assert!(md.contains(&format!("| SHA-256 | `{sha256}` |")));
    assert!(md.contains("| SHA-512 (integrity) | `sha512-"));
}

#[test]
fn text_is_plain_without_a_terminal_and_groups_by_severity() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "leaky.tgz", &leaky_package());
    let out = leakscope()
        .env_remove("NO_COLOR")
        .args(["scan"])
        .arg(&pkg)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\x1b'),
        "no colour codes when stdout is not a terminal"
    );
    assert!(text.starts_with("CRITICAL "), "{text}");
    assert!(
        text.contains("\nCRITICAL (1)\n  dist/cli.js.map\n"),
        "{text}"
    );
    assert!(text.contains("3 recovered sources"));
}

#[test]
fn control_characters_in_file_names_never_reach_the_terminal() {
    let tgz = crate::common::Tarball::new("package/")
        .package_json("x", Some("MIT"))
        .file_named(
            ".env.\x1b[2J\x1b]0;owned\x07",
            "A=1\n",
            crate::common::Naming::Gnu,
        )
        .tgz();
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "evil.tgz", &tgz);
    let out = leakscope()
        .env("CLICOLOR_FORCE", "1")
        .arg("scan")
        .arg(&pkg)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(".env.\u{fffd}[2J"), "{text}");
    assert!(!text.contains("\x1b[2J") && !text.contains('\x07'));
}

/// `leakscope scan … | head -1`: the reader stops early, and that ends the program quietly
/// with success, as `cat` does (the report is larger than a pipe holds, so the CLI is still
/// writing when the pipe closes).
#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let mut tar = crate::common::Tarball::new("package/").package_json("many", Some("MIT"));
    for i in 0..3000 {
        tar = tar.file(&format!("logs/npm-debug-{i}.log"), "npm ERR! x\n");
    }
    let pkg = crate::cli::write_temp(&dir, "many.tgz", &tar.tgz());
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leakscope"))
        .args(["scan", "--format", "json"])
        .arg(&pkg)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first.trim(), "{");
    // The reading end is dropped here, as `head` exits.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// `--format jsonl`: a line per input, in input order (whatever order the cores finish
/// in), each naming its input; a broken input is its own line and the rest go on; the exit
/// code is the worst.
#[test]
fn jsonl_is_a_line_per_input_in_order_and_a_broken_one_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for i in 0..6 {
        let (name, bytes) = match i % 3 {
            0 => (format!("clean-{i}.tgz"), clean_package()),
            1 => (format!("leaky-{i}.tgz"), leaky_package()),
            _ => (format!("broken-{i}.tgz"), b"not a package at all".to_vec()),
        };
        inputs.push(write_temp(&dir, &name, &bytes));
    }
    let out = leakscope()
        .args(["scan", "--format", "jsonl", "--fail-on", "critical"])
        .args(&inputs)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON document"))
        .collect();
    assert_eq!(lines.len(), 6, "{text}");
    for (i, (line, input)) in lines.iter().zip(&inputs).enumerate() {
        let name = input.file_name().unwrap().to_str().unwrap();
        match i % 3 {
            2 => {
                assert!(line["input"].as_str().unwrap().ends_with(name), "{line}");
                assert!(line["error"].is_string(), "{line}");
            }
            kind => {
                assert!(
                    line["input"]["name"].as_str().unwrap().ends_with(name),
                    "{line}"
                );
                let level = if kind == 0 { "clean" } else { "critical" };
                assert_eq!(line["verdict"]["level"], level, "{name}");
            }
        }
    }
    assert_eq!(out.status.code(), Some(2), "a broken input: the worst, 2");
    let fine = leakscope()
        .args(["scan", "--format", "jsonl", "--fail-on", "critical"])
        .args([&inputs[0], &inputs[1]])
        .output()
        .unwrap();
    assert_eq!(
        fine.status.code(),
        Some(1),
        "a critical leak, no broken input"
    );
}
