//! Archive entries -> findings. Each detector is its own module; [`facts`] runs the ones
//! that look at a file on its own as files arrive, and this one concludes: it puts the
//! facts together and adds what needs the whole package. The verdict is not judged here but
//! where the pipeline ends (`Session`), from [`Analysis::evidence`].

pub mod bundler;
mod facts;
pub mod files;
pub mod keys;
pub mod maps;
pub mod references;
pub mod secrets;

pub use facts::{Purpose, Scanner};

use std::collections::{HashMap, HashSet};

use crate::archive::{Archive, ArchiveError, ArchiveLink};
use crate::finding::{Finding, InSource, RuleId, Severity};
use crate::limits::{LimitHit, Limits};
use crate::package::{Ecosystem, Licence, PackageInfo};
use crate::recover::RecoveredSources;
use crate::text::{capitalise, plural};
use crate::verdict::{Counts, Evidence, Unread};
use facts::Facts;
use maps::{Dependency, MapFile, MapSummary, ParsedMap, ShippedAs, SourceSecrets};
use references::{RefKind, SourceMapRef, Target};

/// Everything the scan learned about a package.
#[derive(Debug, Default)]
pub struct Analysis {
    /// What kind of package it is, from its files.
    pub ecosystem: Ecosystem,
    pub package: Option<PackageInfo>,
    pub files: usize,
    pub unpacked_bytes: u64,
    pub source_maps: Vec<MapSummary>,
    pub refs: Vec<SourceMapRef>,
    pub recovered: RecoveredSources,
    /// Sorted: worst first, then by path.
    pub findings: Vec<Finding>,
    /// Set when the archive could only be read in part; the analysis covers what was read.
    pub archive_error: Option<ArchiveError>,
    /// The limits the package was read under.
    pub limits: Limits,
    /// Every limit that applied, the archive's first, then each map's: what the shells show
    /// as "which limits applied". One with `unchecked` set makes the verdict incomplete.
    pub limits_hit: Vec<LimitHit>,
    /// Symbolic and hard links in the package: listed, never followed.
    pub links: Vec<ArchiveLink>,
}

/// The package's source maps and what they embed: all that `extract` needs, and the secrets
/// found in what they embed.
pub struct Maps {
    pub refs: Vec<SourceMapRef>,
    pub source_maps: Vec<MapSummary>,
    pub recovered: RecoveredSources,
    secrets: SourceSecrets,
}

impl Scanner {
    /// Every `.map` file (referenced or orphaned) and every inline map, read.
    pub fn maps(mut self, archive: &Archive) -> Maps {
        self.read_maps(archive).0
    }

    /// Concludes the scan of `archive`, working out whatever facts are still missing.
    pub fn finish(mut self, archive: &Archive) -> Analysis {
        let ecosystem = Ecosystem::of(archive);
        let package = crate::package::read(archive, ecosystem);
        let (maps, rest) = self.read_maps(archive);
        let file_findings = file_findings(archive, rest, package.as_ref(), ecosystem);
        let manifest = (ecosystem, package);
        assemble(archive, manifest, maps, file_findings, self.limits)
    }

    /// The maps, and the facts of every other file for what comes after.
    fn read_maps(&mut self, archive: &Archive) -> (Maps, Vec<(usize, Facts)>) {
        let mut recovered = RecoveredSources::default();
        let mut secrets = SourceSecrets::new();
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
        let mut copies = Copies::default();
        for (entry, parsed) in parsed_maps {
            let file = MapFile {
                path: &entry.path,
                json: archive.bytes(entry),
                base: Some(entry.start()),
                shipped: ShippedAs::File,
                referenced: referenced.contains(entry.path.as_str()),
                dependency: Dependency::of(&entry.path),
            };
            let mut summary =
                maps::summarise(file, parsed, &self.limits, &mut recovered, &mut secrets);
            summary.copy_of = copies.copy_of(archive, entry);
            source_maps.push(summary);
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
                dependency: Dependency::of(path),
            };
            let summary = maps::summarise(file, parsed, &self.limits, &mut recovered, &mut secrets);
            source_maps.push(summary);
        }
        let maps = Maps {
            refs,
            source_maps,
            recovered,
            secrets,
        };
        (maps, files)
    }
}

/// Maps shipped twice with the same bytes (wheels ship a map under `static/` and again
/// under `labextension/`): one leak at two paths. Only maps of a size already seen are
/// hashed, and each once: a package of many maps costs a lookup each.
#[derive(Default)]
struct Copies<'a> {
    first_of_size: HashMap<u64, &'a crate::archive::Entry>,
    /// Sizes whose first map is hashed already.
    hashed: HashSet<u64>,
    by_digest: HashMap<(u64, u64), &'a crate::archive::Entry>,
}

impl<'a> Copies<'a> {
    /// The map shipped earlier with the same bytes as `entry`, if one was.
    fn copy_of(
        &mut self,
        archive: &'a Archive,
        entry: &'a crate::archive::Entry,
    ) -> Option<String> {
        let digest = |e: &crate::archive::Entry| {
            let mut h = rustc_hash::FxHasher::default();
            std::hash::Hasher::write(&mut h, archive.bytes(e));
            (e.size(), std::hash::Hasher::finish(&h))
        };
        let first = *self.first_of_size.entry(entry.size()).or_insert(entry);
        if std::ptr::eq(first, entry) {
            return None;
        }
        // The first of this size is hashed when a second one comes.
        if self.hashed.insert(entry.size()) {
            self.by_digest.entry(digest(first)).or_insert(first);
        }
        let key = digest(entry);
        match self.by_digest.get(&key) {
            Some(earlier) if archive.bytes(earlier) == archive.bytes(entry) => {
                Some(earlier.path.clone())
            }
            _ => {
                self.by_digest.entry(key).or_insert(entry);
                None
            }
        }
    }
}

/// Runs every detector over a package already in memory.
pub fn scan(archive: &Archive) -> Analysis {
    Scanner::new(Purpose::Scan).finish(archive)
}

/// A bundled dependency's licence, from its own package.json (none there: no licence).
fn dependency_licence(archive: &Archive, dependency: Dependency) -> Licence {
    let manifest = archive.find(&format!("{}/package.json", dependency.folder));
    licence_of(
        manifest
            .and_then(|e| PackageInfo::parse(archive.bytes(e)))
            .as_ref(),
    )
}

fn licence_of(package: Option<&PackageInfo>) -> Licence {
    package.map(|p| p.licence.clone()).unwrap_or_default()
}

/// The findings about the maps and the references, put together with everything else.
fn assemble(
    archive: &Archive,
    (ecosystem, package): (Ecosystem, Option<PackageInfo>),
    maps: Maps,
    file_findings: Vec<Finding>,
    limits: Limits,
) -> Analysis {
    let licence = licence_of(package.as_ref());
    let Maps {
        refs,
        source_maps,
        recovered,
        secrets,
    } = maps;
    let mut findings = reference_findings(&refs, archive.error.is_none());
    for map in &source_maps {
        // A bundled dependency's map is judged by its own licence.
        let dependency = Dependency::of(&map.path).map(|d| dependency_licence(archive, d));
        let licence = dependency.as_ref().unwrap_or(&licence);
        findings.extend(maps::findings(map, licence, ecosystem));
    }
    findings.extend(file_findings);
    findings.extend(unparsed_map_secrets(archive, &source_maps));
    findings.extend(recovered_secret_findings(
        &recovered,
        &secrets,
        archive.data(),
    ));
    // What was left unread (the archive cut short, a map read in part) is said too.
    findings.extend(
        archive
            .error
            .as_ref()
            .map(|e| incomplete_finding(e, archive)),
    );
    findings.extend(source_maps.iter().flat_map(maps::limit_findings));
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.path.cmp(&b.path))
    });
    let limits_hit: Vec<LimitHit> = archive
        .error
        .as_ref()
        .and_then(archive_limit_hit)
        .into_iter()
        .chain(source_maps.iter().flat_map(|m| m.limits.iter().cloned()))
        .collect();
    Analysis {
        ecosystem,
        package,
        files: archive.entries().len(),
        unpacked_bytes: archive.unpacked_bytes(),
        source_maps,
        refs,
        recovered,
        findings,
        archive_error: archive.error.clone(),
        limits,
        limits_hit,
        links: archive.links().to_vec(),
    }
}

impl Analysis {
    /// What the verdict is judged from: the findings about what was read (not those that
    /// only say what was left unread), the licence, what was left unread, the counts.
    pub fn evidence(&self) -> Evidence<'_> {
        static NO_LICENCE: Licence = Licence::None;
        let read_in_part: HashSet<&str> = self
            .source_maps
            .iter()
            .filter(|m| m.error.is_none() && m.limits.iter().any(|h| h.unchecked))
            .map(|m| m.path.as_str())
            .collect();
        let about_unread = |f: &Finding| {
            matches!(
                f.rule,
                RuleId::ArchiveIncomplete | RuleId::ArchiveEntryUnread
            ) || (f.rule == RuleId::SourcemapUnreadable && read_in_part.contains(f.path.as_str()))
        };
        Evidence {
            findings: self.findings.iter().filter(|f| !about_unread(f)).collect(),
            licence: self.package.as_ref().map_or(&NO_LICENCE, |p| &p.licence),
            counts: self.counts(),
            unread: self.unread(),
        }
    }

    fn counts(&self) -> Counts {
        // The package's own maps: a bundled dependency's leak the dependency's code.
        let leaking: Vec<&MapSummary> = self
            .source_maps
            .iter()
            .filter(|m| m.first_party_embedded > 0 && m.dependency.is_none() && m.copy_of.is_none())
            .collect();
        // Distinct files, as recovered: two maps embedding the same source leak it once.
        let own = self.recovered.files().iter().filter(|f| f.first_party);
        let (own_files, own_bytes) = own.fold((0, 0), |(n, b), f| (n + 1, b + f.size()));
        Counts {
            files: self.files,
            unpacked_bytes: self.unpacked_bytes,
            maps: self.source_maps.len(),
            own_files,
            own_bytes,
            leaking_maps: leaking.len(),
            orphaned_leaking_maps: leaking.iter().filter(|m| !m.referenced).count(),
        }
    }

    fn unread(&self) -> Option<Unread> {
        match &self.archive_error {
            Some(e) => Some(Unread::Archive {
                cause: e.cause(),
                limit: e.limit().is_some(),
            }),
            None => self
                .limits_hit
                .iter()
                .find(|h| h.unchecked)
                .map(|h| Unread::Part {
                    message: h.message.clone(),
                })
                .or_else(|| self.unread_entries()),
        }
    }

    /// Entries that are there but could not be read, as one sentence.
    fn unread_entries(&self) -> Option<Unread> {
        let paths: Vec<&str> = self
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::ArchiveEntryUnread)
            .map(|f| f.path.as_str())
            .collect();
        (!paths.is_empty()).then(|| Unread::Part {
            message: format!(
                "{} could not be read (encrypted, compressed in a way Leakscope does not \
                 read, or a damaged archive inside it): {}.",
                plural(paths.len(), "entry", "entries"),
                crate::text::list_of(&paths, 3)
            ),
        })
    }
}

/// What a `sourceMappingURL` tells: a map that is missing (said only of a package read to
/// its end: in one read in part, it is most likely past the break), a remote map, an inline
/// map that cannot be decoded.
fn reference_findings(refs: &[SourceMapRef], read_to_end: bool) -> Vec<Finding> {
    let finding = |r: &SourceMapRef, rule, severity, message: String, remedy: &str| Finding {
        rule,
        severity,
        path: r.file.clone(),
        line: Some(r.line),
        message,
        remedy: remedy.into(),
        source: None,
        span: None,
    };
    refs.iter()
        .filter_map(|r| match r.kind {
            RefKind::Local if !r.exists && read_to_end => Some(finding(
                r,
                RuleId::SourcemapMissing,
                Severity::Info,
                format!(
                    "This file points to a source map, {}, that is not in the package.",
                    r.target
                ),
                "Nothing leaks; remove the comment or ship the map on purpose.",
            )),
            RefKind::Remote => Some(finding(
                r,
                RuleId::SourcemapRemote,
                Severity::Low,
                format!(
                    "This file points to a source map on a server ({}), which reveals that \
                     host; it was not fetched.",
                    r.target
                ),
                "Check that the host is meant to be public and that the map does not embed sources.",
            )),
            RefKind::Inline if !r.exists => Some(finding(
                r,
                RuleId::SourcemapInlineUndecodable,
                Severity::Info,
                "This file carries an inline source map that could not be decoded.".into(),
                "Check how the file was built; the map is broken.",
            )),
            _ => None,
        })
        .collect()
}

/// A map that could not be parsed may still hold secrets in plain text.
fn unparsed_map_secrets(archive: &Archive, source_maps: &[MapSummary]) -> Vec<Finding> {
    let unparsed = source_maps
        .iter()
        .filter(|m| m.error.is_some() && m.kind != ShippedAs::Inline);
    let mut findings = Vec::new();
    for map in unparsed {
        if let Some(entry) = archive.find(&map.path) {
            let found = Found {
                text: archive.bytes(entry),
                at: &map.path,
                beside: &[],
            };
            findings.extend(
                secrets::find(found.text)
                    .into_iter()
                    .map(|hit| secret_finding(&map.path, None, hit, &found)),
            );
        }
    }
    findings
}

/// The package was not read to its end: what was not checked.
fn incomplete_finding(e: &ArchiveError, archive: &Archive) -> Finding {
    Finding {
        rule: RuleId::ArchiveIncomplete,
        severity: Severity::Medium,
        path: "(the tarball)".into(),
        line: None,
        message: format!(
            "{} What comes after the {} read was not checked.",
            capitalise(&e.cause()),
            plural(archive.entries().len(), "file", "files"),
        ),
        remedy:
            "Get the complete file (from the registry, or by building it again) and check it again."
                .into(),
        source: None,
        span: None,
    }
}

/// The limit that stopped the archive, if a limit did.
fn archive_limit_hit(e: &ArchiveError) -> Option<LimitHit> {
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
}

/// Never-publish files, shipped sources and secrets in the package's own files (`files`:
/// each file's index among the entries and its facts).
fn file_findings(
    archive: &Archive,
    files: Vec<(usize, Facts)>,
    package: Option<&PackageInfo>,
    ecosystem: Ecosystem,
) -> Vec<Finding> {
    let licence = &licence_of(package);
    let java_classes: HashSet<&str> = archive
        .entries()
        .iter()
        .filter(|e| e.path.ends_with(".class"))
        .map(|e| crate::archive::archive_root(&e.path))
        .collect();
    let context = files::Context {
        licence,
        ecosystem,
        java_classes: &java_classes,
    };
    let mut findings: Vec<Finding> = archive.unread.iter().map(unread_finding).collect();
    let mut files = files.into_iter().peekable();
    // The files of each folder, for judging a secret by what lies beside it.
    let mut folders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, entry) in archive.entries().iter().enumerate() {
        folders.entry(folder_of(&entry.path)).or_default().push(i);
    }
    for (i, entry) in archive.entries().iter().enumerate() {
        let bytes = archive.bytes(entry);
        findings.extend(
            files::check(&entry.path, bytes, &context)
                .into_iter()
                .map(|h| Finding {
                    rule: h.rule,
                    severity: h.severity,
                    path: entry.path.clone(),
                    line: None,
                    message: h.message,
                    remedy: h.remedy,
                    source: None,
                    span: None,
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

/// An entry that could not be read: said, since what it holds is unchecked.
fn unread_finding(entry: &crate::archive::UnreadEntry) -> Finding {
    Finding {
        rule: RuleId::ArchiveEntryUnread,
        severity: Severity::Medium,
        path: entry.path.clone(),
        line: None,
        message: entry.describe(),
        remedy: "Ask whoever published it what it holds; a package has no reason to ship what \
                 its users cannot read."
            .into(),
        source: None,
        span: None,
    }
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
fn recovered_secret_findings(
    recovered: &RecoveredSources,
    secrets: &SourceSecrets,
    package: &[u8],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, hits) in secrets {
        let source = &recovered.files()[*i];
        let text = source.text(package);
        let found = Found {
            text: text.as_bytes(),
            at: &source.path,
            beside: &[],
        };
        findings.extend(hits.iter().map(|hit| {
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
        rule: RuleId::Secret(hit.rule.id),
        severity: judged.severity,
        path: path.to_string(),
        line,
        message,
        remedy: judged.remedy.into(),
        span: recovered.is_none().then(|| hit.range.clone().into()),
        source: recovered.map(|p| InSource {
            path: p.to_string(),
            line: hit.line,
            span: Some(hit.range.into()),
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
