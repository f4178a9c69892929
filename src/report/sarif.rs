//! SARIF 2.1.0 as GitHub code scanning reads it, built from `serde-sarif`'s typed structs:
//! one rule per rule id that fired, one result per finding, located at the package-relative
//! path (a secret inside a recovered source is located at the map that embeds it; its
//! message names the original path).

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run,
    Sarif, Tool, ToolComponent,
};

use super::TOOL;
use crate::finding::{Finding, RuleId, Severity};
use crate::session::Session;

/// The schema GitHub's documentation names (the crate's own is an older address).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF of every finding of `s`.
pub fn sarif(s: &Session) -> String {
    let all: Vec<&Finding> = s.analysis.findings.iter().collect();
    sarif_of_these(s, &all)
}

/// SARIF of some of `s`'s findings: those a release gate still counts (not accepted by a
/// baseline, not allowed by the package's policy), as code scanning should see them
/// (GitHub ignores SARIF's `suppressions`).
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

/// SARIF for `findings`; `fingerprints` (one per finding) identify each across versions
/// and moved lines; `new` marks each result as new (a comparison's), and `source` is where
/// a package opened by name came from (the run's properties).
pub fn sarif_of(
    findings: &[&Finding],
    fingerprints: Option<&[String]>,
    source: Option<&crate::registry::Provenance>,
    new: bool,
) -> String {
    let mut rules: Vec<&Finding> = Vec::new();
    for f in findings {
        if !rules.iter().any(|r| r.rule == f.rule) {
            rules.push(f);
        }
    }
    let results = findings.iter().enumerate().map(|(i, f)| {
        let fingerprint = fingerprints.and_then(|fp| fp.get(i));
        result(f, fingerprint, new)
    });
    let driver = ToolComponent::builder()
        .name(TOOL.name)
        .version(TOOL.version)
        .rules(rules.into_iter().map(rule).collect::<Vec<_>>())
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results.collect::<Vec<_>>())
        .build();
    if let Some(source) = source {
        run.properties = Some(bag(None, [("source", json!(source))]));
    }
    let doc = Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_string_pretty(&doc).expect("plain data")
}

/// A rule, described by the first finding of it.
fn rule(f: &Finding) -> ReportingDescriptor {
    let description = rule_description(f.rule);
    // Formats with a prefix or a checksum are certain; names and shapes less.
    let (precision, kind) = if f.rule.is_secret() {
        ("high", "secret")
    } else {
        ("very-high", "source-leak")
    };
    ReportingDescriptor::builder()
        .id(f.rule.as_str())
        .name(rule_name(f.rule.as_str()))
        .short_description(plain(f.rule.as_str().replace('-', " ")))
        .full_description(plain(description.clone()))
        .help(
            MultiformatMessageString::builder()
                .text(f.remedy.clone())
                .markdown(format!("**{description}**\n\n{}", f.remedy))
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level(f.severity)))
                .build(),
        )
        .properties(bag(
            Some(vec!["security".into(), kind.into()]),
            [
                ("security-severity", json!(security_severity(f.severity))),
                ("precision", json!(precision)),
            ],
        ))
        .build()
}

/// A finding as a result.
fn result(f: &Finding, fingerprint: Option<&String>, new: bool) -> SarifResult {
    let mut physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(sarif_uri(&f.path)).build())
        .build();
    if let Some(line) = f.line {
        physical.region = Some(Region::builder().start_line(i64::from(line)).build());
    }
    let mut properties = vec![("severity", json!(f.severity))];
    if new {
        properties.push(("new", json!(true)));
    }
    let mut result = SarifResult::builder()
        .rule_id(f.rule.as_str())
        .level(level(f.severity))
        .message(
            Message::builder()
                .text(format!("{} {}", f.message, f.remedy))
                .build(),
        )
        .locations(vec![
            Location::builder().physical_location(physical).build(),
        ])
        .properties(bag(None, properties))
        .build();
    if let Some(fingerprint) = fingerprint {
        result.partial_fingerprints = Some(BTreeMap::from([(
            "leakscope/v1".into(),
            fingerprint.clone(),
        )]));
    }
    result
}

/// A rule's name for people, which SARIF wants distinct from its opaque id:
/// `sourcemap-embedded-sources` is `SourcemapEmbeddedSources`.
fn rule_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low | Severity::Info => ResultLevel::Note,
    }
}

/// GitHub ranks security results by this number (0-10): critical above 9.0, high 7.0-8.9,
/// medium 4.0-6.9, low below.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

fn plain(text: String) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn bag<'a>(
    tags: Option<Vec<String>>,
    properties: impl IntoIterator<Item = (&'a str, serde_json::Value)>,
) -> PropertyBag {
    PropertyBag {
        tags,
        additional_properties: properties
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    }
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
        RuleId::ShippedJavaSource => "Java sources shipped beside their compiled classes.",
        RuleId::ArchiveEntryUnread => "An entry of the archive that could not be read.",
        RuleId::NpmrcToken => "An npm registry token in an .npmrc.",
        RuleId::NpmrcFile => "An .npmrc file, which may hold registry credentials.",
        RuleId::ArchiveIncomplete => "A package that could not be read to its end.",
    };
    text.to_string()
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
    fn rule_names_are_the_ids_in_words() {
        assert_eq!(
            rule_name("sourcemap-embedded-sources"),
            "SourcemapEmbeddedSources"
        );
        assert_eq!(rule_name("secret/aws-access-key"), "SecretAwsAccessKey");
    }

    #[test]
    fn sarif_uris_are_relative_references() {
        assert_eq!(sarif_uri("dist/a b#c?.js"), "dist/a%20b%23c%3F.js");
        assert_eq!(sarif_uri("é.ts"), "%C3%A9.ts");
    }
}
