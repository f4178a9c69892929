//! Two analysed packages compared: which files NEW adds, removes and changes (different
//! bytes, with the size difference), which findings are new in NEW and which are gone, and
//! what that means in plain words ("2.1.88 adds `cli.js.map`, 59.8 MB, which embeds 1,906 of
//! the package's own source files"). New findings come first everywhere. Renders as JSON,
//! Markdown and SARIF (new findings only), like the single-package reports; the page draws
//! NEW's tree with [`Comparison::statuses`] marking what is added or changed.
//!
//! Findings are matched by rule, path and message with every number taken out, so a
//! finding that only moved to another line, or whose counts changed, is the same finding.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, RuleId, Severity};
use crate::markdown::{code as md_code, text as md_text};
use crate::report::TOOL;
use crate::session::Session;
use crate::text::{count, plural, size};
use crate::verdict::Level;

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// `name@version`, or the input's name.
    pub label: String,
    pub name: Option<String>,
    pub version: Option<String>,
    /// The input as given (a file, `name@version`).
    pub input: String,
    pub level: Level,
    pub files: usize,
    pub unpacked_bytes: u64,
    /// The tarball's `sha512-…`, when worked out.
    pub integrity: Option<String>,
    /// For a package opened by name: where it came from, and whether it verified.
    pub source: Option<crate::registry::Provenance>,
}

impl Side {
    fn of(s: &Session) -> Side {
        let package = s.analysis.package.as_ref();
        Side {
            label: s.label(),
            name: package.and_then(|p| p.name.clone()),
            version: package.and_then(|p| p.version.clone()),
            input: s.input.name.clone(),
            level: s.verdict.level,
            files: s.analysis.files,
            unpacked_bytes: s.analysis.unpacked_bytes,
            integrity: s.input.digests.as_ref().map(|d| d.sha512.clone()),
            source: s.input.source.clone(),
        }
    }

    /// How the summary names it: its version, else its label.
    fn short(&self) -> &str {
        self.version.as_deref().unwrap_or(&self.label)
    }
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Old,
    New,
}

/// What happened to a path between OLD and NEW.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Added,
    Removed,
    /// Different bytes (for a folder: something under it was added, changed or removed).
    Changed,
    Unchanged,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Added => "added",
            FileStatus::Removed => "removed",
            FileStatus::Changed => "changed",
            FileStatus::Unchanged => "unchanged",
        }
    }
}

/// A file added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileChange {
    pub path: String,
    pub status: FileStatus,
    pub old_bytes: Option<u64>,
    pub new_bytes: Option<u64>,
    /// NEW's size minus OLD's.
    pub delta: i64,
}

/// The comparison of OLD with NEW.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub old: Side,
    pub new: Side,
    /// The whole story in plain words: the highlights, then the counts.
    pub summary: String,
    /// One sentence per notable new finding worth a headline, worst first.
    pub highlights: Vec<String>,
    /// Findings in NEW that OLD does not have, worst first.
    pub new_findings: Vec<Finding>,
    /// Findings in OLD that NEW no longer has, worst first.
    pub gone_findings: Vec<Finding>,
    /// Findings both have.
    pub kept_findings: usize,
    /// Files added, changed and removed: added first, then changed, then removed, each by
    /// path.
    pub files: Vec<FileChange>,
    pub unchanged_files: usize,
}

/// At most this many highlights are spelled out; the summary counts the rest.
pub const HIGHLIGHTS: usize = 5;

/// Compares two analysed packages.
pub fn compare(old: &Session, new: &Session) -> Comparison {
    let (files, unchanged_files) = file_changes(old, new);
    let (new_findings, gone_findings, kept_findings) =
        match_findings(&old.analysis.findings, &new.analysis.findings);
    let old_side = Side::of(old);
    let new_side = Side::of(new);
    let added: HashMap<&str, &FileChange> = files
        .iter()
        .filter(|f| f.status == FileStatus::Added)
        .map(|f| (f.path.as_str(), f))
        .collect();
    let ver = new_side.short().to_string();
    let mut highlights = Vec::new();
    let mut told: Vec<&str> = Vec::new();
    let notable: Vec<&Finding> = new_findings.iter().filter(|f| f.is_notable()).collect();
    for f in &notable {
        if told.contains(&f.path.as_str()) {
            continue;
        }
        told.push(&f.path);
        // The path goes inside backticks: one of its own would end them.
        let path = f.path.replace('`', "'");
        highlights.push(match added.get(f.path.as_str()) {
            Some(file) => {
                let bytes = size(file.new_bytes.unwrap_or(0));
                let map = new
                    .analysis
                    .source_maps
                    .iter()
                    .find(|m| m.path == f.path && m.first_party_embedded > 0);
                match (f.rule, map) {
                    (RuleId::SourcemapEmbeddedSources, Some(m)) => format!(
                        "{ver} adds `{path}`, {bytes}, which embeds {} of the package's own source files.",
                        count(m.first_party_embedded as u64)
                    ),
                    _ => format!("{ver} adds `{path}`, {bytes}: {}", f.message),
                }
            }
            None => format!(
                "In {ver}, `{}`: {}",
                f.location().replace('`', "'"),
                f.message
            ),
        });
    }
    let more = highlights.len().saturating_sub(HIGHLIGHTS);
    highlights.truncate(HIGHLIGHTS);
    let mut summary = highlights.join(" ");
    if more > 0 {
        summary.push_str(&format!(
            " {} more {} new findings.",
            count(more as u64),
            if more == 1 { "file has" } else { "files have" }
        ));
    }
    let n = |status| files.iter().filter(|f| f.status == status).count();
    let (a, r, c) = (
        n(FileStatus::Added),
        n(FileStatus::Removed),
        n(FileStatus::Changed),
    );
    let worst = notable.first().map(|f| f.severity);
    if !summary.is_empty() {
        summary.push(' ');
    }
    summary.push_str(&format!(
        "Compared with {}: {} added, {} removed, {} changed; {}{}, {} gone.",
        old_side.short(),
        plural(a, "file", "files"),
        count(r as u64),
        count(c as u64),
        match new_findings.len() {
            0 => "no new findings".to_string(),
            k => plural(k, "new finding", "new findings"),
        },
        worst.map_or(String::new(), |w| format!(" (the worst {w})")),
        match gone_findings.len() {
            0 => "none".to_string(),
            k => count(k as u64),
        },
    ));
    Comparison {
        old: old_side,
        new: new_side,
        summary,
        highlights,
        new_findings,
        gone_findings,
        kept_findings,
        files,
        unchanged_files,
    }
}

fn file_changes(old: &Session, new: &Session) -> (Vec<FileChange>, usize) {
    let old_files: HashMap<&str, &[u8]> = old
        .archive
        .entries()
        .iter()
        .map(|e| (e.path.as_str(), old.archive.bytes(e)))
        .collect();
    let new_files: HashMap<&str, &[u8]> = new
        .archive
        .entries()
        .iter()
        .map(|e| (e.path.as_str(), new.archive.bytes(e)))
        .collect();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for (&path, &bytes) in &new_files {
        let change = |status, old_bytes: Option<u64>| FileChange {
            path: path.to_string(),
            status,
            old_bytes,
            new_bytes: Some(bytes.len() as u64),
            delta: bytes.len() as i64 - old_bytes.unwrap_or(0) as i64,
        };
        match old_files.get(path) {
            None => changes.push(change(FileStatus::Added, None)),
            Some(&before) if before != bytes => {
                changes.push(change(FileStatus::Changed, Some(before.len() as u64)))
            }
            Some(_) => unchanged += 1,
        }
    }
    for (&path, &bytes) in &old_files {
        if !new_files.contains_key(path) {
            changes.push(FileChange {
                path: path.to_string(),
                status: FileStatus::Removed,
                old_bytes: Some(bytes.len() as u64),
                new_bytes: None,
                delta: -(bytes.len() as i64),
            });
        }
    }
    let rank = |s: FileStatus| match s {
        FileStatus::Added => 0,
        FileStatus::Changed => 1,
        FileStatus::Removed => 2,
        FileStatus::Unchanged => 3,
    };
    changes.sort_by(|a, b| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then_with(|| a.path.cmp(&b.path))
    });
    (changes, unchanged)
}

/// A finding's identity across versions: rule, path, and the message with its numbers
/// (line numbers, counts, sizes) taken out.
fn key(f: &Finding) -> (RuleId, &str, String) {
    (f.rule, f.path.as_str(), normalise(&f.message))
}

/// The message with each run of digits (with the `,` and `.` inside a number) as `#`, and
/// spaces collapsed.
pub fn normalise(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            while let Some(&n) = chars.peek() {
                let more = n.is_ascii_digit()
                    || (matches!(n, ',' | '.')
                        && chars.clone().nth(1).is_some_and(|d| d.is_ascii_digit()));
                if !more {
                    break;
                }
                chars.next();
            }
            out.push('#');
        } else if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// (new in NEW, gone from OLD, how many both have). Matched as multisets: two findings of a
/// kind in OLD and three in NEW make one new one.
fn match_findings(old: &[Finding], new: &[Finding]) -> (Vec<Finding>, Vec<Finding>, usize) {
    let mut remaining: HashMap<(RuleId, &str, String), Vec<usize>> = HashMap::new();
    for (i, f) in old.iter().enumerate() {
        remaining.entry(key(f)).or_default().push(i);
    }
    let mut matched = vec![false; old.len()];
    let mut added = Vec::new();
    let mut kept = 0;
    for f in new {
        match remaining.get_mut(&key(f)).and_then(|v| v.pop()) {
            Some(i) => {
                matched[i] = true;
                kept += 1;
            }
            None => added.push(f.clone()),
        }
    }
    let gone = old
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(f, _)| f.clone())
        .collect();
    (added, gone, kept)
}

/// NEW's files and folders by path, each marked added, changed or unchanged: what the page
/// marks in NEW's tree. A folder is added when every file under it is, changed when
/// anything under it was added, changed or removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statuses(HashMap<String, FileStatus>);

impl Statuses {
    /// A file's or folder's status (`dist/a.js`, `dist`); the root is `""`. A path NEW does
    /// not have is `None` (a removed file is in [`Comparison::files`]).
    pub fn get(&self, path: &str) -> Option<FileStatus> {
        self.0.get(path.trim_end_matches('/')).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, FileStatus)> {
        self.0.iter().map(|(p, s)| (p.as_str(), *s))
    }
}

impl Comparison {
    /// Whether a finding new in NEW is at or above `fail_on` (the CLI's exit 1).
    pub fn fails(&self, fail_on: Severity) -> bool {
        self.new_findings.iter().any(|f| f.severity >= fail_on)
    }

    /// The status of every file and folder of one side; `paths` are its file paths
    /// (`session.archive.entries()`). In NEW a file is added, changed or unchanged; in OLD,
    /// removed, changed or unchanged; a folder is changed when anything under it is, or
    /// when the other side has a file under it that this one lacks.
    pub fn statuses<'a>(&self, side: Which, paths: impl IntoIterator<Item = &'a str>) -> Statuses {
        let absent_here = match side {
            Which::New => FileStatus::Removed,
            Which::Old => FileStatus::Added,
        };
        let by_path: HashMap<&str, FileStatus> = self
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.status))
            .collect();
        let mut out: HashMap<String, FileStatus> = HashMap::new();
        let mark = |out: &mut HashMap<String, FileStatus>, folder: &str, status: FileStatus| {
            let entry = out.entry(folder.to_string()).or_insert(status);
            if *entry != status {
                *entry = FileStatus::Changed;
            }
        };
        for path in paths {
            let status = by_path.get(path).copied().unwrap_or(FileStatus::Unchanged);
            for (i, _) in path.match_indices('/') {
                mark(&mut out, &path[..i], status);
            }
            mark(&mut out, "", status);
            out.insert(path.to_string(), status);
        }
        // A folder that lacks a file the other side has changed, and so did every folder
        // above it.
        for f in self.files.iter().filter(|f| f.status == absent_here) {
            let mut at = f.path.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                if let Some(s) = out.get_mut(parent) {
                    *s = FileStatus::Changed;
                }
                at = parent;
            }
            if let Some(s) = out.get_mut("") {
                *s = FileStatus::Changed;
            }
        }
        Statuses(out)
    }

    /// The JSON comparison report.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Doc<'a> {
            schema: u32,
            kind: &'static str,
            tool: crate::report::Tool,
            #[serde(flatten)]
            comparison: &'a Comparison,
        }
        serde_json::to_string_pretty(&Doc {
            schema: crate::report::SCHEMA,
            kind: "comparison",
            tool: TOOL,
            comparison: self,
        })
        .expect("plain data")
    }

    /// A Markdown summary for a ticket: the story, the two sides, the new findings, the
    /// changed files and the findings gone. Renders on GitHub: tables, no HTML.
    pub fn markdown(&self) -> String {
        let (o, n) = (&self.old, &self.new);
        let mut md = format!(
            "## Leakscope: `{}` → `{}`\n\n{}\n\n| | Old | New |\n|---|---|---|\n",
            md_code(&o.label),
            md_code(&n.label),
            md_text(&self.summary)
        );
        let row = |label: &str, a: String, b: String| format!("| {label} | {a} | {b} |\n");
        let quoted = |s: &str| format!("`{}`", md_code(s));
        md.push_str(&row("Package", quoted(&o.label), quoted(&n.label)));
        md.push_str(&row("Input", quoted(&o.input), quoted(&n.input)));
        md.push_str(&row(
            "Verdict",
            o.level.as_str().to_uppercase(),
            n.level.as_str().to_uppercase(),
        ));
        md.push_str(&row(
            "Files",
            format!("{} ({})", count(o.files as u64), size(o.unpacked_bytes)),
            format!("{} ({})", count(n.files as u64), size(n.unpacked_bytes)),
        ));
        if o.integrity.is_some() || n.integrity.is_some() {
            let int = |s: &Option<String>| s.as_deref().map_or("(not computed)".into(), quoted);
            md.push_str(&row(
                "SHA-512 (integrity)",
                int(&o.integrity),
                int(&n.integrity),
            ));
        }
        md.push_str(&format!(
            "| Compared by | {} {} | |\n\n",
            TOOL.name, TOOL.version
        ));
        md.push_str(&format!(
            "### New in {} ({})\n\n",
            md_text(n.short()),
            count(self.new_findings.len() as u64)
        ));
        findings_table(&mut md, &self.new_findings, "No new findings.");
        md.push_str(&format!(
            "\n### Files: {} added, {} changed, {} removed, {} unchanged\n\n",
            count(self.count(FileStatus::Added) as u64),
            count(self.count(FileStatus::Changed) as u64),
            count(self.count(FileStatus::Removed) as u64),
            count(self.unchanged_files as u64),
        ));
        if !self.files.is_empty() {
            md.push_str(
                "| Change | File | Old size | New size | Difference |\n|---|---|---:|---:|---:|\n",
            );
            for f in self.files.iter().take(crate::markdown::MARKDOWN_ROWS) {
                let sz = |b: Option<u64>| b.map_or(String::new(), size);
                md.push_str(&format!(
                    "| {} | `{}` | {} | {} | {} |\n",
                    f.status.as_str(),
                    md_code(&f.path),
                    sz(f.old_bytes),
                    sz(f.new_bytes),
                    signed_size(f.delta)
                ));
            }
            md.push_str(&crate::markdown::more_in_json(
                self.files.len(),
                "file",
                "files",
            ));
        }
        md.push_str(&format!(
            "\n### Gone since {} ({})\n\n",
            md_text(o.short()),
            count(self.gone_findings.len() as u64)
        ));
        findings_table(&mut md, &self.gone_findings, "No finding is gone.");
        md
    }

    fn count(&self, status: FileStatus) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }

    /// SARIF 2.1.0 with the findings new in NEW only, as code scanning wants for a change.
    pub fn sarif(&self) -> String {
        let new: Vec<&Finding> = self.new_findings.iter().collect();
        crate::report::sarif_of(&new, None, None, true)
    }
}

/// `+59.8 MB`, `-812 B`, `0 B`.
pub fn signed_size(delta: i64) -> String {
    match delta {
        0 => "0 B".to_string(),
        d if d > 0 => format!("+{}", size(d as u64)),
        d => format!("-{}", size(d.unsigned_abs())),
    }
}

fn findings_table(md: &mut String, findings: &[Finding], none: &str) {
    if findings.is_empty() {
        md.push_str(none);
        md.push('\n');
        return;
    }
    md.push_str(crate::markdown::FINDINGS_HEAD);
    for f in findings.iter().take(crate::markdown::MARKDOWN_ROWS) {
        let place = format!("`{}`", md_code(&f.location()));
        md.push_str(&crate::markdown::finding_row(&place, f));
    }
    md.push_str(&crate::markdown::more_in_json(
        findings.len(),
        "finding",
        "findings",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(
        rule: RuleId,
        severity: Severity,
        path: &str,
        line: Option<u32>,
        msg: &str,
    ) -> Finding {
        Finding {
            line,
            message: msg.into(),
            ..Finding::bare(rule, severity, path)
        }
    }

    #[test]
    fn numbers_do_not_make_a_finding_new() {
        assert_eq!(
            normalise("A token (line 12) in 1,906 files, 59.8 MB.  Done"),
            "A token (line #) in # files, # MB. Done"
        );
        assert_eq!(normalise("v1.2.3-beta"), "v#-beta");
        let old = [
            finding(
                RuleId::LogFile,
                Severity::Low,
                "a.log",
                Some(3),
                "A log at line 3.",
            ),
            finding(RuleId::LogFile, Severity::Low, "b.log", None, "A log."),
            finding(RuleId::OsJunk, Severity::Low, "x", None, "Junk."),
            finding(RuleId::OsJunk, Severity::Low, "x", None, "Junk."),
        ];
        let new = [
            // Moved line: the same.
            finding(
                RuleId::LogFile,
                Severity::Low,
                "a.log",
                Some(9),
                "A log at line 9.",
            ),
            // Another path: new.
            finding(RuleId::LogFile, Severity::Low, "c.log", None, "A log."),
            // Three of a kind where there were two: one new.
            finding(RuleId::OsJunk, Severity::Low, "x", None, "Junk."),
            finding(RuleId::OsJunk, Severity::Low, "x", None, "Junk."),
            finding(RuleId::OsJunk, Severity::Low, "x", None, "Junk."),
            // Same path and words, another rule: new.
            finding(RuleId::EditorJunk, Severity::Low, "b.log", None, "A log."),
        ];
        let (added, gone, kept) = match_findings(&old, &new);
        let paths = |v: &[Finding]| {
            v.iter()
                .map(|f| format!("{}:{}", f.rule, f.path))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            paths(&added),
            ["log-file:c.log", "os-junk:x", "editor-junk:b.log"]
        );
        assert_eq!(paths(&gone), ["log-file:b.log"]);
        assert_eq!(kept, 3);
    }

    #[test]
    fn signed_sizes() {
        assert_eq!(signed_size(59_800_000), "+59.8 MB");
        assert_eq!(signed_size(-812), "-812 B");
        assert_eq!(signed_size(0), "0 B");
    }
}
