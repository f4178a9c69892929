//! Session -> the reports: JSON (the CLI's `--format json` and the page's export; its keys
//! are a contract, PRODUCT.md: more may be added, none renamed), Markdown for a ticket, and
//! SARIF for code scanning.

use serde::Serialize;

use crate::finding::{Finding, Grouped, Presented};
use crate::markdown::{code as md_code, text as md_text};
use crate::recover::RecoveredSources;
use crate::scan::maps::MapSummary;
use crate::scan::references::SourceMapRef;
use crate::session::{InputInfo, Session};
use crate::text::{capitalise, count, plural, size};
use crate::verdict::Verdict;

mod sarif;
pub use sarif::{sarif, sarif_of, sarif_of_these};

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
    /// What kind of package it is, from its files: `npm`, `wheel`, `sdist`, `vsix`,
    /// `chrome`, `firefox`, `java` or `zip`.
    pub ecosystem: crate::package::Ecosystem,
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
    /// For each file with a finding: which of npm's packing rules put it in the tarball
    /// (`npm_rules` says whose), and the text that keeps it out.
    pub shipped: Vec<crate::packing::Shipped>,
    pub npm_rules: &'static str,
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
            ecosystem: a.ecosystem,
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
            shipped: crate::packing::shipped(s, false),
            npm_rules: crate::packing::NPM_RULES,
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
    shipped_table(&mut md, s);
    limits_table(&mut md, &a.limits_hit);
    links_table(&mut md, &a.links);
    md
}

/// The facts an incident needs: the package, the input and its digests, where it came
/// from, the counts, and when and by what it was scanned.
fn facts_table(md: &mut String, s: &Session) {
    let a = &s.analysis;
    md.push_str("| | |\n|---|---|\n");
    md.push_str(&format!("| Kind | {} |\n", capitalise(a.ecosystem.noun())));
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

/// Why npm packed each file with a notable finding, and the fix (the JSON report has all).
fn shipped_table(md: &mut String, s: &Session) {
    let shipped = crate::packing::shipped(s, true);
    if shipped.is_empty() {
        return;
    }
    md.push_str(&format!(
        "\n### Why they shipped\n\nBy the packing rules of {}.\n\n| File | Why | Fix |\n|---|---|---|\n",
        crate::packing::NPM_RULES
    ));
    for entry in shipped.iter().take(crate::markdown::MARKDOWN_ROWS) {
        let fixes: Vec<&String> = entry.fix.iter().chain(&entry.build_fix).collect();
        let fixes = fixes
            .iter()
            .map(|f| md_text(f))
            .collect::<Vec<_>>()
            .join(" ");
        md.push_str(&format!(
            "| `{}` | {} | {} |\n",
            md_code(&entry.path),
            md_text(&entry.why),
            fixes
        ));
    }
    md.push_str(&crate::markdown::more_in_json(
        shipped.len(),
        "file",
        "files",
    ));
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
