//! The vocabulary every part of Leakscope speaks: a finding is one thing worth telling a
//! person, with its rule and its weight. This module imports nothing of the project.

mod secret_id;

use serde::{Deserialize, Serialize};

pub use secret_id::SecretId;

/// How bad a finding is. Ordered: `Info < Low < ... < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Worst first, as lists show them.
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// What the word means, for a tooltip and the README.
    pub fn meaning(self) -> &'static str {
        match self {
            Severity::Critical => {
                "Private code or a working credential is exposed to anyone who installs the package: act now."
            }
            Severity::High => {
                "Something that should never be published is in the package: fix it before the next release."
            }
            Severity::Medium => "Worth a look: it may expose more than intended.",
            Severity::Low => "Minor: little is exposed, or it is probably public anyway.",
            Severity::Info => "A note about how the package is built; nothing leaks.",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule behind a finding. Serialised as its kebab-case id (`sourcemap-embedded-sources`),
/// which the JSON report and SARIF carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleId {
    SourcemapEmbeddedSources,
    SourcemapEmbeddedDependencies,
    SourcemapNoContent,
    SourcemapPersonalPath,
    SourcemapMalformed,
    SourcemapUnreadable,
    SourcemapMissing,
    SourcemapRemote,
    SourcemapInlineUndecodable,
    EnvFile,
    CredentialsFile,
    PrivateKeyFile,
    GitDirectory,
    CoverageReport,
    Tsbuildinfo,
    LogFile,
    OsJunk,
    EditorJunk,
    ShippedTypescriptSource,
    ShippedJavaSource,
    NpmrcToken,
    NpmrcFile,
    ArchiveIncomplete,
    /// An entry that is there but could not be read (encrypted, an unknown compression, a
    /// damaged nested archive).
    ArchiveEntryUnread,
    /// A secret found by its content, by one of the secret scanner's rules.
    Secret(SecretId),
}

impl RuleId {
    /// Every rule that is not a secret format.
    pub const FIXED: [RuleId; 24] = [
        RuleId::SourcemapEmbeddedSources,
        RuleId::SourcemapEmbeddedDependencies,
        RuleId::SourcemapNoContent,
        RuleId::SourcemapPersonalPath,
        RuleId::SourcemapMalformed,
        RuleId::SourcemapUnreadable,
        RuleId::SourcemapMissing,
        RuleId::SourcemapRemote,
        RuleId::SourcemapInlineUndecodable,
        RuleId::EnvFile,
        RuleId::CredentialsFile,
        RuleId::PrivateKeyFile,
        RuleId::GitDirectory,
        RuleId::CoverageReport,
        RuleId::Tsbuildinfo,
        RuleId::LogFile,
        RuleId::OsJunk,
        RuleId::EditorJunk,
        RuleId::ShippedTypescriptSource,
        RuleId::ShippedJavaSource,
        RuleId::NpmrcToken,
        RuleId::NpmrcFile,
        RuleId::ArchiveIncomplete,
        RuleId::ArchiveEntryUnread,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::SourcemapEmbeddedSources => "sourcemap-embedded-sources",
            RuleId::SourcemapEmbeddedDependencies => "sourcemap-embedded-dependencies",
            RuleId::SourcemapNoContent => "sourcemap-no-content",
            RuleId::SourcemapPersonalPath => "sourcemap-personal-path",
            RuleId::SourcemapMalformed => "sourcemap-malformed",
            RuleId::SourcemapUnreadable => "sourcemap-unreadable",
            RuleId::SourcemapMissing => "sourcemap-missing",
            RuleId::SourcemapRemote => "sourcemap-remote",
            RuleId::SourcemapInlineUndecodable => "sourcemap-inline-undecodable",
            RuleId::EnvFile => "env-file",
            RuleId::CredentialsFile => "credentials-file",
            RuleId::PrivateKeyFile => "private-key-file",
            RuleId::GitDirectory => "git-directory",
            RuleId::CoverageReport => "coverage-report",
            RuleId::Tsbuildinfo => "tsbuildinfo",
            RuleId::LogFile => "log-file",
            RuleId::OsJunk => "os-junk",
            RuleId::EditorJunk => "editor-junk",
            RuleId::ShippedTypescriptSource => "shipped-typescript-source",
            RuleId::ShippedJavaSource => "shipped-java-source",
            RuleId::ArchiveEntryUnread => "archive-entry-unread",
            RuleId::NpmrcToken => "npmrc-token",
            RuleId::NpmrcFile => "npmrc-file",
            RuleId::ArchiveIncomplete => "archive-incomplete",
            RuleId::Secret(rule) => rule.as_str(),
        }
    }

    /// Whether the finding means a credential is exposed: the verdict says "secrets" then.
    pub fn is_secret(self) -> bool {
        matches!(
            self,
            RuleId::Secret(_)
                | RuleId::NpmrcToken
                | RuleId::EnvFile
                | RuleId::CredentialsFile
                | RuleId::PrivateKeyFile
        )
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no rule is called {0:?}")]
pub struct UnknownRule(pub String);

impl std::str::FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<RuleId, UnknownRule> {
        RuleId::FIXED
            .into_iter()
            .find(|r| r.as_str() == s)
            .or_else(|| SecretId::parse(s).map(RuleId::Secret))
            .ok_or_else(|| UnknownRule(s.to_string()))
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RuleId, D::Error> {
        let id = std::borrow::Cow::<str>::deserialize(d)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// Package-relative file the finding is about.
    pub path: String,
    pub line: Option<u32>,
    /// One plain sentence a non-engineer can read.
    pub message: String,
    /// What to do about it.
    pub remedy: String,
    /// For a finding inside a source recovered from the map at `path`: where in that source.
    pub source: Option<InSource>,
    /// Where its evidence is in the file, in bytes: what a viewer masks, without searching
    /// the text again. (For a finding inside a recovered source, [`InSource::span`].)
    pub span: Option<ByteRange>,
}

/// A stretch of a text, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ByteRange {
    pub start: u64,
    pub end: u64,
}

impl From<std::ops::Range<usize>> for ByteRange {
    fn from(r: std::ops::Range<usize>) -> ByteRange {
        ByteRange {
            start: r.start as u64,
            end: r.end as u64,
        }
    }
}

impl Finding {
    /// A finding with nothing but its rule, severity and file, for the tests.
    #[cfg(test)]
    pub(crate) fn bare(rule: RuleId, severity: Severity, path: &str) -> Finding {
        Finding {
            rule,
            severity,
            path: path.into(),
            line: None,
            message: String::new(),
            remedy: String::new(),
            source: None,
            span: None,
        }
    }

    /// `path:line`, or the path alone, as people quote a place in a file.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.path),
            None => self.path.clone(),
        }
    }

    /// Worth telling: anything above an informational note.
    pub fn is_notable(&self) -> bool {
        self.severity > Severity::Info
    }
}

/// A place inside a recovered source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InSource {
    /// The recovered source's export path (its normalised path, `.variant-N` for a variant).
    pub path: String,
    pub line: u32,
    /// Where the evidence is in that source, in bytes.
    pub span: Option<ByteRange>,
}

/// Findings of one rule at one severity: a package with 368 inline maps gets one entry that
/// opens into 368 files, not 368 entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingGroup<'a> {
    pub rule: RuleId,
    pub severity: Severity,
    pub findings: Vec<&'a Finding>,
}

/// How a list of findings is shown: one by one, or many of a rule as one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grouped<'a> {
    One(&'a Finding),
    /// At least [`GROUP_AT`] findings of one rule and severity.
    Many(FindingGroup<'a>),
}

impl Grouped<'_> {
    /// The severity of what the entry holds.
    pub fn severity(&self) -> Severity {
        match self {
            Grouped::One(f) => f.severity,
            Grouped::Many(g) => g.severity,
        }
    }

    /// How many findings the entry holds.
    pub fn count(&self) -> usize {
        match self {
            Grouped::One(_) => 1,
            Grouped::Many(g) => g.findings.len(),
        }
    }
}

/// From this many findings of a rule on, they are shown as one entry.
pub const GROUP_AT: usize = 4;

/// Findings as every shell shows them: the notable ones, then the informational notes,
/// each in entries (worst first, as the findings come).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented<'a> {
    pub notable: Vec<Grouped<'a>>,
    pub notes: Vec<Grouped<'a>>,
    /// How many findings each side holds.
    pub notable_count: usize,
    pub notes_count: usize,
}

impl<'a> Presented<'a> {
    pub fn of(findings: &'a [Finding]) -> Presented<'a> {
        let (notable, notes): (Vec<&Finding>, Vec<&Finding>) =
            findings.iter().partition(|f| f.is_notable());
        Presented {
            notable_count: notable.len(),
            notes_count: notes.len(),
            notable: entries(&notable),
            notes: entries(&notes),
        }
    }
}

/// Groups findings by rule and severity in the order the first of each appears; a group
/// smaller than [`GROUP_AT`] stays single findings, in place.
fn entries<'a>(findings: &[&'a Finding]) -> Vec<Grouped<'a>> {
    let mut groups: Vec<FindingGroup> = Vec::new();
    for &f in findings {
        match groups
            .iter_mut()
            .find(|g| g.rule == f.rule && g.severity == f.severity)
        {
            Some(g) => g.findings.push(f),
            None => groups.push(FindingGroup {
                rule: f.rule,
                severity: f.severity,
                findings: vec![f],
            }),
        }
    }
    groups
        .into_iter()
        .flat_map(|g| {
            if g.findings.len() < GROUP_AT {
                g.findings.into_iter().map(Grouped::One).collect()
            } else {
                vec![Grouped::Many(g)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: RuleId, severity: Severity, path: &str) -> Finding {
        Finding::bare(rule, severity, path)
    }

    #[test]
    fn rule_ids_round_trip_as_their_strings() {
        for rule in RuleId::FIXED
            .into_iter()
            .chain(SecretId::ALL.iter().copied().map(RuleId::Secret))
        {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.as_str()));
            assert_eq!(serde_json::from_str::<RuleId>(&json).unwrap(), rule);
            assert_eq!(rule.as_str().parse::<RuleId>(), Ok(rule));
        }
        assert!("no-such-rule".parse::<RuleId>().is_err());
        let github = "github-pat".parse::<RuleId>().unwrap();
        assert!(github.is_secret() && RuleId::NpmrcToken.is_secret());
        assert!(!RuleId::SourcemapEmbeddedSources.is_secret());
    }

    #[test]
    fn findings_are_presented_notable_first_and_many_of_a_rule_as_one() {
        let findings = [
            finding(RuleId::SourcemapEmbeddedSources, Severity::Critical, "1"),
            finding(RuleId::LogFile, Severity::Low, "2"),
            finding(RuleId::LogFile, Severity::Low, "3"),
            finding(RuleId::OsJunk, Severity::Low, "4"),
            finding(RuleId::OsJunk, Severity::Low, "5"),
            finding(RuleId::OsJunk, Severity::Low, "6"),
            finding(RuleId::OsJunk, Severity::Low, "7"),
            finding(RuleId::SourcemapNoContent, Severity::Info, "8"),
        ];
        let p = Presented::of(&findings);
        let shape = |entries: &[Grouped]| -> Vec<String> {
            entries
                .iter()
                .map(|e| match e {
                    Grouped::One(f) => f.path.clone(),
                    Grouped::Many(g) => format!("{} x{}", g.rule, g.findings.len()),
                })
                .collect()
        };
        assert_eq!(shape(&p.notable), ["1", "2", "3", "os-junk x4"]);
        assert_eq!(shape(&p.notes), ["8"]);
        assert_eq!((p.notable_count, p.notes_count), (7, 1));
    }
}
