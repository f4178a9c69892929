//! Session -> the reports: JSON (the CLI's `--format json` and the page's export; its keys
//! are a contract, PRODUCT.md: more may be added, none renamed), Markdown for a ticket, and
//! SARIF for code scanning.

use serde::Serialize;

use crate::finding::{Finding, Grouped, Presented, RuleId, Severity};
use crate::markdown::{code as md_code, text as md_text};
use crate::recover::RecoveredSources;
use crate::scan::maps::MapSummary;
use crate::scan::references::SourceMapRef;
use crate::session::{InputInfo, Session};
use crate::text::{count, plural, size};
use crate::verdict::Verdict;

pub const SCHEMA: u32 = 1;

/// The tool, so that a ticket says which rules applied.
pub const TOOL: Tool = Tool {
    name: "leakscope",
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema: u32,
    pub tool: Tool,
    pub scanned_at: &'a str,
    pub input: Input<'a>,
    pub package: Option<PackageRef<'a>>,
    pub files: usize,
    pub unpacked_bytes: u64,
    pub source_maps: &'a [MapSummary],
    pub sourcemap_refs: &'a [SourceMapRef],
    pub recovered: Recovered,
    /// The package's own sources that its maps leak, by top folder, and every one of them.
    pub own_sources: OwnSources,
    pub findings: &'a [Finding],
    pub verdict: &'a Verdict,
    /// Why the archive could only be read in part, when it could.
    pub archive_error: Option<String>,
    /// The limits the package was read under, by name (`max_size`, …).
    pub limits: &'a crate::limits::Limits,
    /// Every limit that applied: which, its value, where, and what it left unchecked.
    pub limits_hit: &'a [crate::limits::LimitHit],
    /// Symbolic and hard links in the package: listed, never followed.
    pub links: &'a [crate::archive::ArchiveLink],
}

/// What was scanned: its name, size and digests (`integrity` as npm gives it).
#[derive(Debug, Serialize)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: u64,
    pub sha256: Option<&'a str>,
    pub integrity: Option<&'a str>,
    /// For a package opened by name: the registry, spec, version, tarball and the verified
    /// integrity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a crate::registry::Provenance>,
}

impl<'a> Input<'a> {
    fn of(input: &'a InputInfo) -> Input<'a> {
        Input {
            name: &input.name,
            bytes: input.bytes,
            sha256: input.digests.as_ref().map(|d| d.sha256.as_str()),
            integrity: input.digests.as_ref().map(|d| d.sha512.as_str()),
            source: input.source.as_ref(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PackageRef<'a> {
    pub name: Option<&'a str>,
    pub version: Option<&'a str>,
    /// The licence as package.json gives it, `null` when it gives none.
    pub license: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct Recovered {
    pub files: usize,
    pub bytes: u64,
}

/// The recovered sources written by the package's authors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnSources {
    pub files: usize,
    pub bytes: u64,
    /// By top folder (`src/`), largest first; a file at the top is under `./`.
    pub by_folder: Vec<FolderCount>,
    /// Every own source: its export path and size.
    pub list: Vec<SourceEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FolderCount {
    pub folder: String,
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceEntry {
    pub path: String,
    pub bytes: u64,
}

/// Files `(path, bytes)` counted by top folder (`src/`; a file at the top is under `./`),
/// most files first.
pub fn by_top_folder<'a>(files: impl Iterator<Item = (&'a str, u64)>) -> Vec<FolderCount> {
    let mut by_folder: Vec<FolderCount> = Vec::new();
    for (path, bytes) in files {
        let folder = match path.split_once('/') {
            Some((top, _)) => format!("{top}/"),
            None => "./".to_string(),
        };
        match by_folder.iter_mut().find(|c| c.folder == folder) {
            Some(c) => {
                c.files += 1;
                c.bytes += bytes;
            }
            None => by_folder.push(FolderCount {
                folder,
                files: 1,
                bytes,
            }),
        }
    }
    by_folder.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.folder.cmp(&b.folder)));
    by_folder
}

impl OwnSources {
    pub fn of(recovered: &RecoveredSources) -> OwnSources {
        let own: Vec<_> = recovered.files().iter().filter(|f| f.first_party).collect();
        let by_folder = by_top_folder(own.iter().map(|f| (f.export_path(), f.size())));
        OwnSources {
            files: own.len(),
            bytes: own.iter().map(|f| f.size()).sum(),
            by_folder,
            list: own
                .iter()
                .map(|f| SourceEntry {
                    path: f.export_path().to_string(),
                    bytes: f.size(),
                })
                .collect(),
        }
    }
}

impl<'a> Report<'a> {
    pub fn new(s: &'a Session) -> Report<'a> {
        let a = &s.analysis;
        Report {
            schema: SCHEMA,
            tool: TOOL,
            scanned_at: &s.scanned_at,
            input: Input::of(&s.input),
            package: a.package.as_ref().map(|p| PackageRef {
                name: p.name.as_deref(),
                version: p.version.as_deref(),
                license: p.licence.id(),
            }),
            files: a.files,
            unpacked_bytes: a.unpacked_bytes,
            source_maps: &a.source_maps,
            sourcemap_refs: &a.refs,
            recovered: Recovered {
                files: a.recovered.len(),
                bytes: a.recovered.bytes(),
            },
            own_sources: OwnSources::of(&a.recovered),
            findings: &a.findings,
            verdict: &s.verdict,
            archive_error: a.archive_error.as_ref().map(ToString::to_string),
            limits: &a.limits,
            limits_hit: &a.limits_hit,
            links: &a.links,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report is plain data")
    }
}

/// A Markdown summary for a ticket: verdict, what it means and what to do, the facts an
/// incident needs (tool, time, input and its digests, package), the leaked own sources by
/// folder, and the findings table. Renders on GitHub and in Jira: tables, no HTML.
pub fn markdown(s: &Session) -> String {
    let a = &s.analysis;
    let v = &s.verdict;
    let mut md = format!(
        "## Leakscope: `{}` is **{}**\n\n**{}.** {}\n\n",
        md_code(&s.label()),
        v.level.as_str().to_uppercase(),
        md_text(&v.title),
        md_text(&v.summary)
    );
    md.push_str(&format!(
        "**What this means.** {}\n\n**What to do.** {}\n\n",
        md_text(&v.means),
        md_text(&v.todo)
    ));
    facts_table(&mut md, s);
    own_sources_table(&mut md, &a.recovered);
    findings_table(&mut md, &a.findings);
    limits_table(&mut md, &a.limits_hit);
    links_table(&mut md, &a.links);
    md
}

/// The facts an incident needs: the package, the input and its digests, where it came
/// from, the counts, and when and by what it was scanned.
fn facts_table(md: &mut String, s: &Session) {
    let a = &s.analysis;
    md.push_str("| | |\n|---|---|\n");
    if let Some(p) = &a.package {
        let row = |label: &str, value: Option<&str>| {
            format!(
                "| {label} | {} |\n",
                value.map_or("(none)".into(), |v| format!("`{}`", md_code(v)))
            )
        };
        md.push_str(&row("Package", p.name.as_deref()));
        md.push_str(&row("Version", p.version.as_deref()));
        md.push_str(&row("Licence", p.licence.id()));
    }
    md.push_str(&format!(
        "| Input | `{}` ({}) |\n",
        md_code(&s.input.name),
        size(s.input.bytes)
    ));
    if let Some(d) = &s.input.digests {
        md.push_str(&format!(
            "| SHA-256 | `{}` |\n| SHA-512 (integrity) | `{}` |\n",
            d.sha256, d.sha512
        ));
    }
    if let Some(p) = &s.input.source {
        md.push_str(&format!(
            "| Registry | `{}` |\n| Tarball | `{}` |\n| Integrity | {} |\n",
            md_code(&p.registry),
            md_code(&p.tarball),
            md_text(&p.integrity_text())
        ));
    }
    md.push_str(&format!(
        "| Files | {} ({}) |\n| Source maps | {} |\n| Recovered sources | {} ({}) |\n",
        count(a.files as u64),
        size(a.unpacked_bytes),
        count(a.source_maps.len() as u64),
        count(a.recovered.len() as u64),
        size(a.recovered.bytes())
    ));
    md.push_str(&format!(
        "| Scanned | {} by {} {} |\n\n",
        s.scanned_at, TOOL.name, TOOL.version
    ));
}

/// The package's own sources that leaked, by folder.
fn own_sources_table(md: &mut String, recovered: &crate::recover::RecoveredSources) {
    let own = OwnSources::of(recovered);
    if own.files == 0 {
        return;
    }
    md.push_str(&format!(
        "### Own source files exposed: {} ({})\n\n| Folder | Files | Size |\n|---|---:|---:|\n",
        count(own.files as u64),
        size(own.bytes)
    ));
    for f in &own.by_folder {
        md.push_str(&format!(
            "| `{}` | {} | {} |\n",
            md_code(&f.folder),
            count(f.files as u64),
            size(f.bytes)
        ));
    }
    md.push_str("\nThe JSON report lists every file.\n\n");
}

fn limits_table(md: &mut String, hits: &[crate::limits::LimitHit]) {
    if hits.is_empty() {
        return;
    }
    md.push_str("\n### Limits that applied\n\n| Limit | Where | What happened |\n|---|---|---|\n");
    for hit in hits {
        md.push_str(&format!(
            "| `{}` {} | {} | {} |\n",
            hit.limit.option(),
            md_text(&hit.limit.show(hit.value)),
            hit.path
                .as_deref()
                .map_or("(the tarball)".into(), |p| format!("`{}`", md_code(p))),
            md_text(&hit.message)
        ));
    }
}

fn links_table(md: &mut String, links: &[crate::archive::ArchiveLink]) {
    if links.is_empty() {
        return;
    }
    md.push_str(&format!(
        "\n### Links ({}, not followed)\n\n| Link | Points to | |\n|---|---|---|\n",
        count(links.len() as u64)
    ));
    for link in links {
        md.push_str(&format!(
            "| `{}` | `{}` | {}{} |\n",
            md_code(&link.path),
            md_code(&link.target),
            match link.kind {
                crate::archive::LinkKind::Symbolic => "symbolic link",
                crate::archive::LinkKind::Hard => "hard link",
            },
            if link.escapes {
                ", outside the package"
            } else {
                ""
            }
        ));
    }
}

fn findings_table(md: &mut String, findings: &[Finding]) {
    if findings.is_empty() {
        md.push_str("No findings.\n");
        return;
    }
    // A ticket wants the picture, not 1,000 rows: many findings of one rule become one row,
    // and informational notes are only counted (the JSON report lists everything).
    let presented = Presented::of(findings);
    if !presented.notable.is_empty() {
        md.push_str("### Findings\n\n");
        md.push_str(crate::markdown::FINDINGS_HEAD);
    }
    for entry in &presented.notable {
        let (place, f) = match entry {
            Grouped::One(f) => (format!("`{}`", md_code(&f.location())), *f),
            Grouped::Many(g) => (
                format!(
                    "{} files, e.g. `{}`",
                    count(g.findings.len() as u64),
                    md_code(&g.findings[0].location())
                ),
                g.findings[0],
            ),
        };
        md.push_str(&crate::markdown::finding_row(&place, f));
    }
    if presented.notes_count > 0 {
        md.push_str(&format!(
            "\n{} (maps without embedded sources, missing or malformed maps) are in the JSON report.\n",
            plural(presented.notes_count, "informational note", "informational notes")
        ));
    }
}

/// SARIF 2.1.0, as GitHub code scanning reads it: one rule per rule id that fired, one
/// result per finding, located at the package-relative path.
pub fn sarif(s: &Session) -> String {
    let all: Vec<&Finding> = s.analysis.findings.iter().collect();
    sarif_of_these(s, &all)
}

/// SARIF of some of `s`'s findings: those a release gate still counts (not accepted by a
/// baseline, not allowed by the package's policy), as code scanning should see them.
pub fn sarif_of_these(s: &Session, findings: &[&Finding]) -> String {
    let fingerprints: Vec<String> = findings
        .iter()
        .map(|f| crate::baseline::fingerprint(s, f))
        .collect();
    sarif_of(
        findings,
        Some(&fingerprints),
        s.input.source.as_ref(),
        false,
    )
}

/// What a rule looks for, in a sentence: SARIF's `fullDescription`.
fn rule_description(rule: RuleId) -> String {
    let text = match rule {
        RuleId::Secret(id) => {
            let r = crate::scan::secrets::rule(id);
            return format!(
                "{} ({}) in a file of the package or in a source its maps embed.",
                crate::text::capitalise(r.what),
                r.provider
            );
        }
        RuleId::SourcemapEmbeddedSources => {
            "A source map whose sourcesContent embeds the package's own original sources."
        }
        RuleId::SourcemapEmbeddedDependencies => {
            "A source map whose sourcesContent embeds the sources of bundled dependencies."
        }
        RuleId::SourcemapNoContent => {
            "A source map without sourcesContent: it maps to sources it does not embed."
        }
        RuleId::SourcemapPersonalPath => {
            "A source map whose source paths name a person's home folder or machine."
        }
        RuleId::SourcemapMalformed => "A source map that is not valid source map JSON.",
        RuleId::SourcemapUnreadable => "A source map that could not be read within the limits.",
        RuleId::SourcemapMissing => {
            "A sourceMappingURL that points to a map the package does not ship."
        }
        RuleId::SourcemapRemote => "A sourceMappingURL that points to a map on another server.",
        RuleId::SourcemapInlineUndecodable => {
            "An inline source map whose data: URL cannot be decoded."
        }
        RuleId::EnvFile => "A .env file: environment settings, often with credentials.",
        RuleId::CredentialsFile => {
            "A file that holds credentials by its kind (cloud, Docker, Git, npm)."
        }
        RuleId::PrivateKeyFile => "A private key file, known by its bytes.",
        RuleId::GitDirectory => "A .git folder: the repository's history and configuration.",
        RuleId::CoverageReport => "A test coverage report, which embeds the sources it measured.",
        RuleId::Tsbuildinfo => {
            "A TypeScript build-info file, which lists the project's source files."
        }
        RuleId::LogFile => "A log file, which may hold paths, tokens or customer data.",
        RuleId::OsJunk => "An operating system's junk file (.DS_Store, Thumbs.db).",
        RuleId::EditorJunk => "An editor's swap or backup file.",
        RuleId::ShippedTypescriptSource => "TypeScript sources shipped beside their build.",
        RuleId::NpmrcToken => "An npm registry token in an .npmrc.",
        RuleId::NpmrcFile => "An .npmrc file, which may hold registry credentials.",
        RuleId::ArchiveIncomplete => "A package that could not be read to its end.",
    };
    text.to_string()
}

/// SARIF for `findings`; `fingerprints` (one per finding) identify each across versions
/// and moved lines; `new` marks each result as new (a comparison's), and `source` is where
/// a package opened by name came from (the run's properties).
pub fn sarif_of(
    findings: &[&Finding],
    fingerprints: Option<&[String]>,
    source: Option<&crate::registry::Provenance>,
    new: bool,
) -> String {
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
    for f in findings {
        if !rules.iter().any(|r| r.rule == f.rule) {
            rules.push(f);
        }
    }
    let rules: Vec<_> = rules
        .iter()
        .map(|f| {
            let description = rule_description(f.rule);
            json!({
                "id": f.rule,
                "name": f.rule,
                "shortDescription": {"text": f.rule.as_str().replace('-', " ")},
                "fullDescription": {"text": description},
                "help": {
                    "text": f.remedy,
                    "markdown": format!("**{description}**\n\n{}", f.remedy),
                },
                "defaultConfiguration": {"level": level(f.severity)},
                "properties": {
                    "security-severity": score(f.severity),
                    // Formats with a prefix or a checksum are certain; names and shapes less.
                    "precision": if f.rule.is_secret() { "high" } else { "very-high" },
                    "tags": ["security", if f.rule.is_secret() { "secret" } else { "source-leak" }],
                },
            })
        })
        .collect();
    let results: Vec<_> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut location =
                json!({"physicalLocation": {"artifactLocation": {"uri": sarif_uri(&f.path)}}});
            if let Some(line) = f.line {
                location["physicalLocation"]["region"] = json!({"startLine": line});
            }
            let mut properties = json!({"severity": f.severity});
            if new {
                properties["new"] = json!(true);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": format!("{} {}", f.message, f.remedy)},
                "locations": [location],
                "properties": properties,
            });
            if let Some(fingerprint) = fingerprints.and_then(|fp| fp.get(i)) {
                result["partialFingerprints"] = json!({"leakscope/v1": fingerprint});
            }
            result
        })
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": TOOL.name,
            "version": TOOL.version,
            "rules": rules,
        }},
        "results": results,
    });
    if let Some(source) = source {
        run["properties"] = json!({ "source": source });
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&doc).expect("plain data")
}

/// A package path as the relative URI reference SARIF wants: every byte outside the
/// unreserved set and `/` percent-encoded (a name with spaces, `#`, `?` or `%` stays one
/// path).
fn sarif_uri(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(path, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule says what it looks for and how to fix it; each result has a fingerprint
    /// that a moved line keeps and another secret does not share; no secret is written.
    #[test]
    fn sarif_rules_are_described_and_results_keep_their_fingerprints() {
        let token = crate::scan::secrets::sample("github-pat", 7).unwrap();
        let map = br#"{"version":3,"sources":["../src/a.ts"],"sourcesContent":["export const a = 1;\n"],"names":[],"mappings":"AAAA"}"#;
        let at = |blank: usize| {
            let code = format!("{}const t = \"{token}\";\n", "\n".repeat(blank));
            let files: [(&str, &[u8]); 3] = [
                (
                    "package.json",
                    br#"{"name":"p","version":"1.0.0","license":"UNLICENSED"}"#,
                ),
                ("lib/a.js", code.leak().as_bytes()),
                ("dist/a.js.map", map),
            ];
            let text = sarif(&crate::session::of_files(&files, None));
            serde_json::from_str::<serde_json::Value>(&text).unwrap()
        };
        let (before, after) = (at(0), at(30));
        let run = &before["runs"][0];
        for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
            assert!(
                rule["fullDescription"]["text"]
                    .as_str()
                    .is_some_and(|t| t.len() > 20),
                "{rule}"
            );
            assert!(
                rule["help"]["markdown"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("**")),
                "{rule}"
            );
            assert!(rule["properties"]["precision"].is_string(), "{rule}");
        }
        let prints = |doc: &serde_json::Value| -> Vec<String> {
            doc["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    r["partialFingerprints"]["leakscope/v1"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect()
        };
        assert!(prints(&before).len() >= 2);
        let mut a = prints(&before);
        let mut b = prints(&after);
        a.sort();
        b.sort();
        assert_eq!(a, b, "a moved line keeps its fingerprint");
        assert!(
            !before.to_string().contains(&token),
            "no secret in the SARIF"
        );
    }

    #[test]
    fn sarif_uris_are_relative_references() {
        assert_eq!(sarif_uri("dist/a b#c?.js"), "dist/a%20b%23c%3F.js");
        assert_eq!(sarif_uri("é.ts"), "%C3%A9.ts");
    }
}
