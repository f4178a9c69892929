//! Findings -> verdict. A finding is one thing worth telling a person, with its weight.

use serde::Serialize;

/// How bad a finding is. Ordered: `Info < Low < ... < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
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
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable id of the rule that fired, e.g. `sourcemap-embedded-sources`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Package-relative file the finding is about.
    pub path: String,
    pub line: Option<u32>,
    /// One plain sentence a non-engineer can read.
    pub message: String,
    /// What to do about it.
    pub remedy: String,
    /// For a finding inside a source recovered from the map at `path`: where in that source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<InSource>,
}

impl Finding {
    /// `path:line`, or the path alone, as people quote a place in a file.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.path),
            None => self.path.clone(),
        }
    }
}

/// A place inside a recovered source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InSource {
    /// The recovered source's export path (its normalised path, `.variant-N` for a variant).
    pub path: String,
    pub line: u32,
}

/// The verdict level: the worst finding that counts, or `Clean`. Info findings never make a
/// package look unsafe.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Clean,
    Low,
    Medium,
    High,
    Critical,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Clean => "clean",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }

    pub fn of(findings: &[Finding]) -> Level {
        findings
            .iter()
            .map(|f| match f.severity {
                Severity::Info => Level::Clean,
                Severity::Low => Level::Low,
                Severity::Medium => Level::Medium,
                Severity::High => Level::High,
                Severity::Critical => Level::Critical,
            })
            .max()
            .unwrap_or(Level::Clean)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub level: Level,
    /// A few words for the top of a page: "Leaks source code", "No leak found".
    pub title: String,
    /// One line in plain words: what matters most.
    pub summary: String,
}

/// Formats a count with thousands separators, for sentences people read.
pub fn count(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in bytes for people: "812 B", "4.1 KB", "60.2 MB".
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = "B";
    for u in UNITS {
        if value < 1000.0 {
            break;
        }
        value /= 1000.0;
        unit = u;
    }
    format!("{value:.1} {unit}")
}

/// The first letter in upper case: "a GitHub token" -> "A GitHub token".
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// "1 file" / "2 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as u64), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity) -> Finding {
        Finding {
            rule: "test",
            severity,
            path: "x".into(),
            line: None,
            message: String::new(),
            remedy: String::new(),
            source: None,
        }
    }

    #[test]
    fn level_is_the_worst_finding_and_info_is_clean() {
        assert_eq!(Level::of(&[]), Level::Clean);
        assert_eq!(Level::of(&[finding(Severity::Info)]), Level::Clean);
        assert_eq!(
            Level::of(&[
                finding(Severity::Low),
                finding(Severity::Critical),
                finding(Severity::Medium)
            ]),
            Level::Critical
        );
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(count(1906u32), "1,906");
        assert_eq!(count(47_310_128u64), "47,310,128");
        assert_eq!(count(999u32), "999");
        assert_eq!(size(812), "812 B");
        assert_eq!(size(60_200_000), "60.2 MB");
        assert_eq!(plural(1, "file", "files"), "1 file");
        assert_eq!(plural(4756, "file", "files"), "4,756 files");
    }
}
