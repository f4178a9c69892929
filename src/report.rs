//! Findings -> the JSON report (the CLI's `--format json` and the page's export). Its keys
//! are a contract (PRODUCT.md); more may be added, none renamed.

use serde::Serialize;

use crate::finding::{Finding, Verdict};
use crate::scan::Analysis;
use crate::scan::maps::MapSummary;
use crate::scan::references::SourceMapRef;

pub const SCHEMA: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema: u32,
    /// What made the report, so that a ticket says which rules applied.
    pub tool: Tool,
    pub package: Option<PackageRef<'a>>,
    pub files: usize,
    pub unpacked_bytes: u64,
    pub source_maps: &'a [MapSummary],
    pub sourcemap_refs: &'a [SourceMapRef],
    pub recovered: Recovered,
    pub findings: &'a [Finding],
    pub verdict: &'a Verdict,
    /// Why the archive could only be read in part, when it could.
    pub archive_error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PackageRef<'a> {
    pub name: Option<&'a str>,
    pub version: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct Recovered {
    pub files: usize,
    pub bytes: u64,
}

impl<'a> Report<'a> {
    pub fn new(a: &'a Analysis) -> Report<'a> {
        Report {
            schema: SCHEMA,
            tool: Tool {
                name: "leakscope",
                version: env!("CARGO_PKG_VERSION"),
            },
            package: a.package.as_ref().map(|p| PackageRef {
                name: p.name.as_deref(),
                version: p.version.as_deref(),
            }),
            files: a.files,
            unpacked_bytes: a.unpacked_bytes,
            source_maps: &a.source_maps,
            sourcemap_refs: &a.refs,
            recovered: Recovered {
                files: a.recovered.len(),
                bytes: a.recovered.bytes(),
            },
            findings: &a.findings,
            verdict: &a.verdict,
            archive_error: a.archive_error.as_ref().map(ToString::to_string),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report is plain data")
    }
}

/// The tarball's digests, as a ticket needs them: SHA-256 in hex and the SHA-512
/// integrity string npm records (`sha512-<base64>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Integrity {
    pub sha256: String,
    pub sha512: String,
}

impl Integrity {
    pub fn of(input: &[u8]) -> Integrity {
        use base64::Engine;
        use sha2::Digest;
        let sha256 = sha2::Sha256::digest(input)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let sha512 = base64::engine::general_purpose::STANDARD.encode(sha2::Sha512::digest(input));
        Integrity {
            sha256,
            sha512: format!("sha512-{sha512}"),
        }
    }
}

/// A Markdown summary for a ticket: verdict, counts, findings table, digests.
pub fn markdown(a: &Analysis, source_name: &str, integrity: Option<&Integrity>) -> String {
    use crate::finding::{count, size};
    let name = a
        .package
        .as_ref()
        .map(|p| {
            format!(
                "{}@{}",
                p.name.as_deref().unwrap_or("(unnamed)"),
                p.version.as_deref().unwrap_or("(no version)")
            )
        })
        .unwrap_or_else(|| source_name.to_string());
    let mut md = format!(
        "## Leakscope: `{}` is **{}**\n\n{}\n\n",
        md_code(&name),
        a.verdict.level.as_str().to_uppercase(),
        md_text(&a.verdict.summary)
    );
    md.push_str("| | |\n|---|---|\n");
    md.push_str(&format!("| File | `{}` |\n", md_code(source_name)));
    if let Some(i) = integrity {
        md.push_str(&format!(
            "| SHA-256 | `{}` |\n| Integrity | `{}` |\n",
            i.sha256, i.sha512
        ));
    }
    md.push_str(&format!(
        "| Files | {} ({}) |\n| Source maps | {} |\n| Recovered sources | {} ({}) |\n\n",
        count(a.files as u64),
        size(a.unpacked_bytes),
        count(a.source_maps.len() as u64),
        count(a.recovered.len() as u64),
        size(a.recovered.bytes())
    ));
    if let Some(e) = &a.archive_error {
        md.push_str(&format!(
            "> Only part of the package could be read: {}\n\n",
            md_text(&e.to_string())
        ));
    }
    if a.findings.is_empty() {
        md.push_str("No findings.\n");
        return md;
    }
    // A ticket wants the picture, not 1,000 rows: many findings of one rule become one row,
    // and informational notes are only counted (the JSON report lists everything).
    let (notable, notes): (Vec<Finding>, Vec<Finding>) = a
        .findings
        .iter()
        .cloned()
        .partition(|f| f.severity > crate::finding::Severity::Info);
    if !notable.is_empty() {
        md.push_str("| Severity | File | Finding | What to do |\n|---|---|---|---|\n");
    }
    for group in crate::view::group_findings(&notable) {
        let row = |place: String, f: &Finding| {
            format!(
                "| {} | {place} | {} | {} |\n",
                f.severity,
                md_text(&f.message),
                md_text(&f.remedy)
            )
        };
        if group.findings.len() < crate::view::GROUP_AT {
            for f in &group.findings {
                md.push_str(&row(format!("`{}`", md_code(&f.location())), f));
            }
        } else {
            let first = group.findings[0];
            let place = format!(
                "{} files, e.g. `{}`",
                group.findings.len(),
                md_code(&first.location())
            );
            md.push_str(&row(place, first));
        }
    }
    if !notes.is_empty() {
        md.push_str(&format!(
            "\n{} (maps without embedded sources, missing or malformed maps) are in the JSON report.\n",
            crate::finding::plural(notes.len(), "informational note", "informational notes")
        ));
    }
    md
}

/// Text from the package inside a table cell: no pipes, no new lines, no HTML.
fn md_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

/// Text inside backticks: a backtick would end the span, so it becomes a quote.
fn md_code(s: &str) -> String {
    s.replace('`', "'")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// SARIF 2.1.0, as GitHub code scanning reads it: one rule per rule id that fired, one
/// result per finding, located at the package-relative path.
pub fn sarif(a: &Analysis) -> String {
    use crate::finding::Severity;
    use serde_json::json;
    let level = |s: Severity| match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    };
    // GitHub ranks security results by this number (0-10).
    let score = |s: Severity| match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    };
    let mut rules: Vec<&Finding> = Vec::new();
    for f in &a.findings {
        if !rules.iter().any(|r| r.rule == f.rule) {
            rules.push(f);
        }
    }
    let rules: Vec<_> = rules
        .iter()
        .map(|f| {
            json!({
                "id": f.rule,
                "name": f.rule,
                "shortDescription": {"text": f.rule.replace('-', " ")},
                "help": {"text": f.remedy},
                "defaultConfiguration": {"level": level(f.severity)},
                "properties": {"security-severity": score(f.severity), "tags": ["security"]},
            })
        })
        .collect();
    let results: Vec<_> = a
        .findings
        .iter()
        .map(|f| {
            let mut location = json!({"physicalLocation": {"artifactLocation": {"uri": f.path}}});
            if let Some(line) = f.line {
                location["physicalLocation"]["region"] = json!({"startLine": line});
            }
            json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": format!("{} {}", f.message, f.remedy)},
                "locations": [location],
                "properties": {"severity": f.severity},
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "leakscope",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).expect("plain data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_matches_known_digests() {
        let i = Integrity::of(b"abc");
        assert_eq!(
            i.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(i.sha512.starts_with("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw=="));
    }

    #[test]
    fn markdown_escapes_what_the_package_controls() {
        assert_eq!(md_text("a|b<script>\nc"), "a\\|b&lt;script&gt; c");
        assert_eq!(md_code("x`y|z"), "x'y\\|z");
    }
}
