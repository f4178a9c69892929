//! Archive entries -> findings. Each detector is its own module; [`facts`] runs the ones
//! that look at a file on its own as files arrive, and this one concludes: it puts the
//! facts together, adds what needs the whole package, and derives the verdict.

mod facts;
pub mod files;
pub mod maps;
pub mod references;
pub mod secrets;

pub use facts::{Purpose, Scanner};

use std::collections::{HashMap, HashSet};

use crate::archive::{Archive, ArchiveError, LimitHit, Limits, Link};
use crate::finding::{Finding, InSource, Level, RuleId, Severity, Verdict};
use crate::package::{Licence, PackageInfo};
use crate::recover::{RecoveredSource, RecoveredSources};
use crate::text::{capitalise, plural, size};
use crate::verdict::Outcome;
use facts::Facts;
use maps::{MapFile, MapSummary, ParsedMap, ShippedAs};
use references::{RefKind, SourceMapRef, Target};

/// Everything Leakscope learned about a package.
#[derive(Debug, Default)]
pub struct Analysis {
    pub package: Option<PackageInfo>,
    pub files: usize,
    pub unpacked_bytes: u64,
    pub source_maps: Vec<MapSummary>,
    pub refs: Vec<SourceMapRef>,
    pub recovered: RecoveredSources,
    /// Sorted: worst first, then by path.
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
    /// Set when the archive could only be read in part; the analysis covers what was read.
    pub archive_error: Option<ArchiveError>,
    /// The limits the package was read under.
    pub limits: Limits,
    /// Every limit that applied, the archive's first, then each map's: what the shells show
    /// as "which limits applied". One with `unchecked` set makes the verdict incomplete.
    pub limits_hit: Vec<LimitHit>,
    /// Symbolic and hard links in the package: listed, never followed.
    pub links: Vec<Link>,
}

/// The package's source maps and what they embed: all that `extract` needs.
pub struct Maps {
    pub refs: Vec<SourceMapRef>,
    pub source_maps: Vec<MapSummary>,
    pub recovered: RecoveredSources,
}

impl Scanner {
    /// Every `.map` file (referenced or orphaned) and every inline map, read.
    pub fn maps(mut self, archive: &Archive) -> Maps {
        self.read_maps(archive).0
    }

    /// Concludes the scan of `archive`, working out whatever facts are still missing.
    pub fn finish(mut self, archive: &Archive) -> Analysis {
        let package = package_info(archive);
        let (maps, rest) = self.read_maps(archive);
        let file_findings = file_findings(archive, rest, package.as_ref());
        assemble(archive, package, maps, file_findings, self.limits)
    }

    /// The maps, and the facts of every other file for what comes after.
    fn read_maps(&mut self, archive: &Archive) -> (Maps, Vec<(usize, Facts)>) {
        let mut recovered = RecoveredSources::default();
        let mut parsed_maps = Vec::new();
        let mut files = Vec::new();
        for (i, entry) in archive.entries().iter().enumerate() {
            match self.take(archive, entry) {
                Facts::Map(parsed) => parsed_maps.push((entry, parsed)),
                other => files.push((i, other)),
            }
        }
        let (refs, inline_maps) = find_references(archive, &files);
        let referenced: HashSet<&str> = refs
            .iter()
            .filter(|r| r.kind == RefKind::Local)
            .map(|r| r.target.as_str())
            .collect();
        let mut source_maps = Vec::new();
        for (entry, parsed) in parsed_maps {
            let file = MapFile {
                path: &entry.path,
                json: archive.bytes(entry),
                base: Some(entry.start()),
                shipped: ShippedAs::File,
                referenced: referenced.contains(entry.path.as_str()),
            };
            source_maps.push(maps::summarise(file, parsed, &self.limits, &mut recovered));
        }
        // A map named otherwise (`app.js.json`) still counts once something points at it.
        let mut other_targets: Vec<&str> = refs
            .iter()
            .filter(|r| r.kind == RefKind::Local && r.exists && !facts::is_map(&r.target))
            .map(|r| r.target.as_str())
            .collect();
        other_targets.sort_unstable();
        other_targets.dedup();
        let (mappings, look) = (self.purpose.mappings(), self.purpose.secrets());
        let others = other_targets.into_iter().filter_map(|target| {
            let entry = archive.find(target)?;
            let base = Some(entry.start());
            Some((target, archive.bytes(entry), base, ShippedAs::File))
        });
        // An inline map's JSON was decoded from its `data:` URL: it is not in the package.
        let inline = inline_maps
            .iter()
            .map(|(file, json)| (file.as_str(), json.as_slice(), None, ShippedAs::Inline));
        for (path, json, base, shipped) in others.chain(inline) {
            let parsed = ParsedMap::of(json, mappings, look, &self.limits);
            let file = MapFile {
                path,
                json,
                base,
                shipped,
                referenced: true,
            };
            source_maps.push(maps::summarise(file, parsed, &self.limits, &mut recovered));
        }
        let maps = Maps {
            refs,
            source_maps,
            recovered,
        };
        (maps, files)
    }
}

/// Runs every detector over a package already in memory.
pub fn scan(archive: &Archive) -> Analysis {
    Scanner::new(Purpose::Scan).finish(archive)
}

/// The same, reading maps no further than `limits` allow.
pub fn scan_limited(archive: &Archive, limits: Limits) -> Analysis {
    Scanner::with_limits(Purpose::Scan, limits).finish(archive)
}

/// What `package.json` says, if the package has a readable one.
pub fn package_info(archive: &Archive) -> Option<PackageInfo> {
    archive
        .find("package.json")
        .and_then(|e| PackageInfo::parse(archive.bytes(e)))
}

fn licence_of(package: Option<&PackageInfo>) -> Licence {
    package.map(|p| p.licence.clone()).unwrap_or_default()
}

/// The findings about the maps and the verdict, from everything else.
fn assemble(
    archive: &Archive,
    package: Option<PackageInfo>,
    maps: Maps,
    file_findings: Vec<Finding>,
    limits: Limits,
) -> Analysis {
    let licence = licence_of(package.as_ref());
    let Maps {
        refs,
        source_maps,
        recovered,
    } = maps;
    let mut findings: Vec<Finding> = Vec::new();
    for r in &refs {
        match r.kind {
            // In a package read only in part, a missing map is most likely past the break.
            RefKind::Local if !r.exists && archive.error.is_none() => findings.push(Finding {
                rule: RuleId::SourcemapMissing,
                severity: Severity::Info,
                path: r.file.clone(),
                line: Some(r.line),
                message: format!("This file points to a source map, {}, that is not in the package.", r.target),
                remedy: "Nothing leaks; remove the comment or ship the map on purpose.".into(),
                source: None,
            }),
            RefKind::Remote => findings.push(Finding {
                rule: RuleId::SourcemapRemote,
                severity: Severity::Low,
                path: r.file.clone(),
                line: Some(r.line),
                message: format!(
                    "This file points to a source map on a server ({}), which reveals that host; it was not fetched.",
                    r.target
                ),
                remedy: "Check that the host is meant to be public and that the map does not embed sources.".into(),
                source: None,
            }),
            RefKind::Inline if !r.exists => findings.push(Finding {
                rule: RuleId::SourcemapInlineUndecodable,
                severity: Severity::Info,
                path: r.file.clone(),
                line: Some(r.line),
                message: "This file carries an inline source map that could not be decoded.".into(),
                remedy: "Check how the file was built; the map is broken.".into(),
                source: None,
            }),
            _ => {}
        }
    }
    for map in &source_maps {
        findings.extend(maps::findings(map, &licence));
    }
    // What a limit left unread in a map is said by the verdict, as for an archive cut
    // short; the rest of the findings make what it says about the part that was read.
    let unread: Vec<Finding> = source_maps.iter().flat_map(maps::limit_findings).collect();
    findings.extend(file_findings);
    // A map that could not be parsed may still hold secrets in plain text.
    for map in source_maps
        .iter()
        .filter(|m| m.error.is_some() && m.kind != ShippedAs::Inline)
    {
        if let Some(entry) = archive.find(&map.path) {
            let hits = secrets::find(archive.bytes(entry));
            let found = Found {
                text: archive.bytes(entry),
                at: &map.path,
                beside: &[],
            };
            findings.extend(
                hits.into_iter()
                    .map(|hit| secret_finding(&map.path, None, hit, &found)),
            );
        }
    }
    if let Some(e) = &archive.error {
        findings.push(Finding {
            rule: RuleId::ArchiveIncomplete,
            severity: Severity::Medium,
            path: "(the tarball)".into(),
            line: None,
            message: format!(
                "{} What comes after the {} read was not checked.",
                capitalise(&e.cause()),
                plural(archive.entries().len(), "file", "files"),
            ),
            remedy: "Get the complete tarball (npm pack, or the registry) and check it again."
                .into(),
            source: None,
        });
    }
    findings.extend(recovered_secret_findings(recovered.files(), archive.data()));
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.path.cmp(&b.path))
    });

    let archive_hit = archive.error.as_ref().and_then(|e| {
        let (limit, value) = e.limit()?;
        Some(LimitHit {
            limit,
            value,
            path: match e {
                ArchiveError::FileTooLarge { path, .. } => Some(path.clone()),
                _ => None,
            },
            message: capitalise(&e.cause()),
            unchecked: true,
        })
    });
    let limits_hit: Vec<LimitHit> = archive_hit
        .into_iter()
        .chain(source_maps.iter().flat_map(|m| m.limits.iter().cloned()))
        .collect();
    let mut analysis = Analysis {
        package,
        files: archive.entries().len(),
        unpacked_bytes: archive.unpacked_bytes(),
        source_maps,
        refs,
        recovered,
        findings,
        verdict: Verdict::default(),
        archive_error: archive.error.clone(),
        limits,
        limits_hit,
        links: archive.links().to_vec(),
    };
    analysis.verdict = crate::verdict::verdict(&analysis, &licence);
    if analysis.archive_error.is_none()
        && let Some(hit) = analysis.limits_hit.iter().find(|h| h.unchecked)
    {
        analysis.verdict = unchecked_verdict(&analysis, hit);
    }
    analysis.findings.extend(unread);
    analysis.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.path.cmp(&b.path))
    });
    analysis
}

/// The verdict on a package read to its end in which a limit left part of a map unread:
/// incomplete, as for a package cut short, since what was not checked may hide anything
/// (and a release gate must not pass on it). What was found in the rest is still said.
fn unchecked_verdict(a: &Analysis, hit: &LimitHit) -> Verdict {
    let read = &a.verdict;
    let words = crate::verdict::headline(Outcome::Incomplete, None);
    let notable: Vec<&Finding> = a.findings.iter().filter(|f| f.is_notable()).collect();
    let found = if read.level == Level::Clean {
        "Nothing was found in the part that was read.".to_string()
    } else {
        format!("In the part that was read: {}", read.summary)
    };
    Verdict {
        level: Level::Incomplete,
        worst: read.worst,
        outcome: Outcome::Incomplete,
        title: words.title.to_string(),
        summary: format!(
            "Read {} ({}), but not all of it: {} {found}",
            plural(a.files, "file", "files"),
            size(a.unpacked_bytes),
            hit.message
        ),
        means: words.means.to_string(),
        todo: crate::verdict::todo(words, &notable),
    }
}

/// Never-publish files, shipped sources and secrets in the package's own files (`files`:
/// each file's index among the entries and its facts).
fn file_findings(
    archive: &Archive,
    files: Vec<(usize, Facts)>,
    package: Option<&PackageInfo>,
) -> Vec<Finding> {
    let licence = &licence_of(package);
    let mut findings = Vec::new();
    let mut files = files.into_iter().peekable();
    // The files of each folder, for judging a secret by what lies beside it.
    let mut folders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, entry) in archive.entries().iter().enumerate() {
        folders.entry(folder_of(&entry.path)).or_default().push(i);
    }
    for (i, entry) in archive.entries().iter().enumerate() {
        let bytes = archive.bytes(entry);
        findings.extend(
            files::check(&entry.path, bytes, licence)
                .into_iter()
                .map(|h| Finding {
                    rule: h.rule,
                    severity: h.severity,
                    path: entry.path.clone(),
                    line: None,
                    message: h.message,
                    remedy: h.remedy.to_string(),
                    source: None,
                }),
        );
        if let Some((_, Facts::File { secrets, .. })) = files.next_if(|(at, _)| *at == i)
            && !secrets.is_empty()
        {
            let beside: Vec<(&str, &[u8])> = folders[folder_of(&entry.path)]
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| {
                    let e = &archive.entries()[j];
                    (name_of(&e.path), archive.bytes(e))
                })
                .collect();
            let found = Found {
                text: bytes,
                at: &entry.path,
                beside: &beside,
            };
            findings.extend(
                secrets
                    .into_iter()
                    .map(|hit| secret_finding(&entry.path, None, hit, &found)),
            );
        }
    }
    findings
}

fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn name_of(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// Where a secret was found, as [`secrets::assess`] weighs it: the text, the path it is
/// judged by (a recovered source's own path), and the files beside it.
struct Found<'a> {
    text: &'a [u8],
    at: &'a str,
    beside: &'a [(&'a str, &'a [u8])],
}

/// Secrets inside the recovered sources, found as their maps were read; `package` is the
/// tar data their texts are read from.
fn recovered_secret_findings(files: &[RecoveredSource], package: &[u8]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for source in files.iter().filter(|s| !s.secrets.is_empty()) {
        let text = source.text(package);
        let found = Found {
            text: text.as_bytes(),
            at: &source.path,
            beside: &[],
        };
        findings.extend(source.secrets.iter().map(|hit| {
            secret_finding(
                &source.maps[0],
                Some(source.export_path()),
                hit.clone(),
                &found,
            )
        }));
    }
    findings
}

/// A secret in a file of the package, or (`recovered` set) inside a source recovered from
/// the map at `path`, weighed by where it was found: a test key is said to be one.
fn secret_finding(
    path: &str,
    recovered: Option<&str>,
    hit: secrets::Hit,
    found: &Found,
) -> Finding {
    let judged = secrets::assess(&hit, found.at, found.text, found.beside.iter().copied());
    let (mut message, line) = match recovered {
        None => (
            format!(
                "{} is written in this file ({}).",
                capitalise(hit.rule.what),
                hit.redacted
            ),
            Some(hit.line),
        ),
        Some(source) => (
            format!(
                "{} is inside {source} (line {}), an original source embedded in this source map ({}).",
                capitalise(hit.rule.what),
                hit.line,
                hit.redacted
            ),
            None,
        ),
    };
    if let Some(note) = judged.note {
        message.push(' ');
        message.push_str(note);
    }
    Finding {
        rule: RuleId::Secret(secrets::SecretId::of(hit.rule)),
        severity: judged.severity,
        path: path.to_string(),
        line,
        message,
        remedy: judged.remedy.into(),
        source: recovered.map(|p| InSource {
            path: p.to_string(),
            line: hit.line,
        }),
    }
}

/// Every `sourceMappingURL` in the package, and the decoded JSON of the inline maps.
fn find_references(
    archive: &Archive,
    files: &[(usize, Facts)],
) -> (Vec<SourceMapRef>, Vec<(String, Vec<u8>)>) {
    let mut refs = Vec::new();
    let mut inline_maps = Vec::new();
    for (i, facts) in files {
        let Facts::File {
            url: Some((url, line)),
            ..
        } = facts
        else {
            continue;
        };
        let file = &archive.entries()[*i].path;
        let (target, kind, exists) = match references::resolve(file, url) {
            Target::Local(path) => {
                let exists = archive.find(&path).is_some();
                (path, RefKind::Local, exists)
            }
            Target::Inline(data) => {
                let exists = data.is_ok();
                if let Ok(json) = data {
                    inline_maps.push((file.clone(), json));
                }
                (file.clone(), RefKind::Inline, exists)
            }
            Target::Remote(url) => (url, RefKind::Remote, false),
        };
        refs.push(SourceMapRef {
            file: file.clone(),
            target,
            kind,
            exists,
            line: *line,
        });
    }
    (refs, inline_maps)
}
