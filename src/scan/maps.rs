//! The source-map detector: every `.map` file (referenced or orphaned) and every inline map,
//! what each embeds, and the findings that follow from it.

use serde::Serialize;

use crate::finding::{Finding, RuleId, Severity};
use crate::limits::{Limit, LimitHit, Limits};
use crate::package::{Ecosystem, Licence};
use crate::recover::{Added, FromMap, RecoveredSources, is_first_party, normalise_source_path};
use crate::scan::secrets::{self, Hit};
use crate::source_map::{MapCut, MapKind, MapLimits, MapSource, Mappings, SourceMap};
use crate::text::{binary_size, count, plural, size};

/// How a map is shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShippedAs {
    File,
    Inline,
    Index,
}

/// One source map of the package, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapSummary {
    /// The `.map` file, or for an inline map the file that holds it.
    pub path: String,
    pub kind: ShippedAs,
    pub referenced: bool,
    /// The bundled dependency the map belongs to (it sits under `node_modules/<name>/`):
    /// what it embeds is judged by that dependency's own licence, never as the package's.
    pub dependency: Option<String>,
    pub sources: usize,
    pub sources_with_content: usize,
    pub content_bytes: u64,
    pub first_party: usize,
    /// First-party sources whose content is embedded, and that content's UTF-8 bytes.
    #[serde(skip)]
    pub first_party_embedded: usize,
    #[serde(skip)]
    pub first_party_bytes: u64,
    pub debug_id: Option<String>,
    /// The map's `sourceRoot` (the first section's, for an index map).
    pub source_root: Option<String>,
    /// User names and internal hosts that the source paths reveal, e.g. `/Users/ann/`.
    pub personal: Vec<String>,
    /// Why the map breaks the spec; empty when it does not.
    pub problems: Vec<String>,
    /// Set when the map could not be read at all.
    pub error: Option<String>,
    /// Which bundler built it, as far as its source paths tell.
    #[serde(default)]
    pub bundler: super::bundler::Bundler,
    /// Its text holds `"sourcesContent"`: what matters when it cannot be read.
    #[serde(skip)]
    pub mentions_content: bool,
    /// The limits that applied to it: a map larger than Leakscope parses, more sources than
    /// it reads, maps nested too deep, source paths too long to keep.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<LimitHit>,
    /// The same bytes were shipped first at this path: one leak, two paths (the counts
    /// count it once).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// Parses one map on its own, unless it is larger than the limit (real ones stay well
/// below it: the 2026 leak's map was 60 MB, and parsing a far larger one would take
/// gigabytes): the first half of [`summarise`]'s work, which can start while the rest of the
/// package is still arriving.
pub fn parse(json: &[u8], mappings: Mappings, limits: &Limits) -> Result<SourceMap, String> {
    if json.len() as u64 > limits.max_map_size {
        return Err(format!(
            "it is {}, more than the {} Leakscope parses in one map",
            size(json.len() as u64),
            binary_size(limits.max_map_size)
        ));
    }
    SourceMap::parse_limited(json, mappings, &MapLimits::from(limits)).map_err(|e| e.to_string())
}

/// A map as read on its own, before the rest of the package is known.
pub struct ParsedMap {
    pub map: Result<SourceMap, String>,
    /// Secrets in each embedded source, by its index in `sourcesContent` (empty when not
    /// looked for).
    pub secrets: Vec<Vec<Hit>>,
}

impl ParsedMap {
    /// Parses `json` and, if `look` is set, looks for secrets in what it embeds.
    pub fn of(json: &[u8], mappings: Mappings, look: bool, limits: &Limits) -> ParsedMap {
        ParsedMap::with_secrets(parse(json, mappings, limits), json, Vec::new(), look)
    }

    /// A parsed map with the secrets of what it embeds: `known` holds those already found
    /// in the first items of its `sourcesContent` (while it streamed in), the rest are
    /// looked for now. Nothing is looked for unless `look` is set.
    pub fn with_secrets(
        map: Result<SourceMap, String>,
        json: &[u8],
        known: Vec<Vec<Hit>>,
        look: bool,
    ) -> ParsedMap {
        let secrets = match &map {
            Ok(m) if look => {
                // A regular map's sources are its `sourcesContent` items, in order; an index
                // map's come from its sections, which were not streamed.
                let mut found = if m.kind == MapKind::Regular {
                    known
                } else {
                    Vec::new()
                };
                found.truncate(m.sources.len());
                let rest = m.sources[found.len()..].iter().map(|s| {
                    s.content
                        .as_ref()
                        .map_or_else(Vec::new, |c| secrets::find(c.read(json).as_bytes()))
                });
                found.extend(rest);
                found
            }
            _ => Vec::new(),
        };
        ParsedMap { map, secrets }
    }
}

/// A bundled dependency: its name and the folder it sits in (`node_modules/x`, or nested
/// `node_modules/a/node_modules/x`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency<'a> {
    pub name: &'a str,
    pub folder: &'a str,
}

impl Dependency<'_> {
    /// The dependency a package-relative path belongs to: its last `node_modules/` folder.
    pub fn of(path: &str) -> Option<Dependency<'_>> {
        let at = path.rfind("node_modules/")?;
        if at > 0 && !path[..at].ends_with('/') {
            return None;
        }
        let after = &path[at + "node_modules/".len()..];
        let mut parts = after.split('/');
        let first = parts.next()?;
        let len = if first.starts_with('@') {
            first.len() + 1 + parts.next()?.len()
        } else {
            first.len()
        };
        // The folder must hold more than its name: a file right in node_modules is no one's.
        after.get(len..).filter(|rest| rest.starts_with('/'))?;
        Some(Dependency {
            name: &after[..len],
            folder: &path[..at + "node_modules/".len() + len],
        })
    }
}

/// The map being summarised, and how it is shipped.
pub struct MapFile<'a> {
    /// Package-relative; for an inline map, the file that holds it.
    pub path: &'a str,
    /// Its JSON, which starts at `base` in the package's tar data when it is there.
    pub json: &'a [u8],
    pub base: Option<usize>,
    pub shipped: ShippedAs,
    pub referenced: bool,
    /// The bundled dependency it belongs to, if any.
    pub dependency: Option<Dependency<'a>>,
}

/// The secrets found in recovered sources: each new recovered file's index with its hits
/// (a source merged into one already recovered was searched there).
pub type SourceSecrets = Vec<(usize, Vec<Hit>)>;

/// Summarises one parsed map, adding what it embeds to `recovered` and the secrets found in
/// it to `found`.
pub fn summarise(
    file: MapFile<'_>,
    parsed: ParsedMap,
    limits: &Limits,
    recovered: &mut RecoveredSources,
    found: &mut SourceSecrets,
) -> MapSummary {
    let mut summary = MapSummary {
        path: file.path.to_string(),
        kind: file.shipped,
        referenced: file.referenced,
        dependency: file.dependency.map(|d| d.name.to_string()),
        sources: 0,
        sources_with_content: 0,
        content_bytes: 0,
        first_party: 0,
        first_party_embedded: 0,
        first_party_bytes: 0,
        debug_id: None,
        source_root: None,
        personal: Vec::new(),
        problems: Vec::new(),
        error: None,
        bundler: super::bundler::Bundler::Unknown,
        mentions_content: false,
        limits: Vec::new(),
        copy_of: None,
    };
    let ParsedMap { map, secrets } = parsed;
    let map = match map {
        Ok(map) => map,
        Err(e) => return unreadable(summary, e, &file, limits),
    };
    summary
        .limits
        .extend(map.cuts.iter().map(|cut| cut_hit(file.path, cut)));
    if map.kind == MapKind::Index && file.shipped == ShippedAs::File {
        summary.kind = ShippedAs::Index;
    }
    summary.sources = map.sources.len();
    summary.sources_with_content = map.sources_with_content();
    summary.content_bytes = map.content_bytes();
    summary.debug_id = map.debug_id.clone();
    summary.source_root = map.sources.iter().find_map(|s| s.source_root.clone());
    summary.bundler = super::bundler::Bundler::of(
        map.sources.iter().filter_map(|s| s.path.as_deref()),
        summary.source_root.as_deref(),
    );
    summary.problems = map.problems;
    let mut renamed = Renamed::default();
    let mut secrets = secrets.into_iter();
    for (i, source) in map.sources.into_iter().enumerate() {
        let hits = secrets.next().unwrap_or_default();
        let at = Source { i, source, hits };
        add_source(
            &mut summary,
            at,
            &file,
            limits,
            &mut renamed,
            recovered,
            found,
        );
    }
    summary.limits.extend(renamed.hits(file.path, limits));
    summary
}

/// A map that could not be parsed: why, whether it names `sourcesContent`, and the limit
/// when its size was the reason.
fn unreadable(
    mut summary: MapSummary,
    error: String,
    file: &MapFile,
    limits: &Limits,
) -> MapSummary {
    let (path, json) = (file.path, file.json);
    summary.error = Some(error);
    summary.mentions_content = memchr::memmem::find(json, b"\"sourcesContent\"").is_some();
    if json.len() as u64 > limits.max_map_size {
        summary.limits.push(LimitHit {
            limit: Limit::MapSize,
            value: limits.max_map_size,
            path: Some(path.to_string()),
            message: format!(
                "{path} is larger than {} ({}), the most Leakscope parses in one source \
                 map: it was searched for secrets as text, but what it embeds was not \
                 checked.",
                binary_size(limits.max_map_size),
                size(json.len() as u64)
            ),
            unchecked: true,
        });
    }
    summary
}

/// One source of a map, with the secrets found in its content.
struct Source {
    i: usize,
    source: MapSource,
    hits: Vec<Hit>,
}

/// Sources whose paths were past the limits, recovered under a name of their own: written
/// out, such a path would fail (or bury the file 10,000 folders deep).
#[derive(Default)]
struct Renamed {
    too_long: usize,
    too_deep: usize,
}

impl Renamed {
    /// The name a source is recovered under: its normalised path, or one of its own.
    fn name(&mut self, map: &str, i: usize, source: &MapSource, limits: &Limits) -> String {
        let stable = |folder: &str| format!("{folder}/{}-{i}", map.replace('/', "_"));
        let normalised = match &source.path {
            Some(p) => normalise_source_path(source.source_root.as_deref(), p),
            // A null source still leaks its content; give it a stable name.
            None => stable("(unnamed)"),
        };
        if normalised.len() > limits.max_path_length {
            self.too_long += 1;
            stable("(long path)")
        } else if normalised.split('/').count() > limits.max_path_depth {
            self.too_deep += 1;
            stable("(deep path)")
        } else {
            normalised
        }
    }

    /// The limits that renamed sources, as limit hits.
    fn hits<'a>(&self, path: &'a str, limits: &'a Limits) -> impl Iterator<Item = LimitHit> + 'a {
        [
            (
                self.too_long,
                Limit::PathLength,
                "longer than",
                "(long path)",
            ),
            (
                self.too_deep,
                Limit::PathDepth,
                "nested deeper than",
                "(deep path)",
            ),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(move |(n, limit, what, folder)| {
            let value = limit.value(limits);
            LimitHit {
                limit,
                value,
                path: Some(path.to_string()),
                message: format!(
                    "{} of {path} {} paths {what} {}; {} recovered under {folder}/ instead.",
                    plural(n, "source", "sources"),
                    if n == 1 { "has" } else { "have" },
                    limit.show(value),
                    if n == 1 { "it is" } else { "they are" }
                ),
                unchecked: false,
            }
        })
    }
}

/// Counts one source of a map, notes what its path gives away, and recovers what it
/// embeds.
fn add_source(
    summary: &mut MapSummary,
    at: Source,
    file: &MapFile,
    limits: &Limits,
    renamed: &mut Renamed,
    recovered: &mut RecoveredSources,
    found: &mut SourceSecrets,
) {
    let Source { i, source, hits } = at;
    // The root counts too: `"sourceRoot": "/Users/ann/app/"` names ann.
    for detail in [&source.source_root, &source.path]
        .into_iter()
        .filter_map(|p| p.as_deref().and_then(personal_detail))
    {
        if !summary.personal.contains(&detail) {
            summary.personal.push(detail);
        }
    }
    let name = renamed.name(file.path, i, &source, limits);
    // First-party for the map's owner: the package, or the bundled dependency it is in.
    let first_party = is_first_party(&name, source.ignored);
    summary.first_party += usize::from(first_party);
    let Some(content) = source.content else {
        return;
    };
    if first_party {
        summary.first_party_embedded += 1;
        summary.first_party_bytes += content.len() as u64;
    }
    // A dependency's sources are recovered in its folder, and are never the package's own.
    let (name, first_party) = match file.dependency {
        Some(d) => (format!("{}/{name}", d.folder), false),
        None => (name, first_party),
    };
    let from = FromMap {
        path: file.path,
        json: file.json,
        base: file.base,
    };
    if let Added::New(i) = recovered.add(&from, name, content, first_party)
        && !hits.is_empty()
    {
        found.push((i, hits));
    }
}

/// What a limit left unread in a map, as a limit hit.
fn cut_hit(path: &str, cut: &MapCut) -> LimitHit {
    let (limit, value, message) = match *cut {
        MapCut::Sources { listed, limit } => (
            Limit::MapSources,
            limit as u64,
            format!(
                "{path} lists {}, more than the {} Leakscope reads in one source map: the \
                 first {} were read, the rest were not checked.",
                plural(listed, "source", "sources"),
                count(limit as u64),
                count(limit as u64)
            ),
        ),
        MapCut::Depth { limit, maps } => (
            Limit::JsonDepth,
            limit as u64,
            format!(
                "{path} nests {} deeper than the {} of JSON Leakscope follows: what {} \
                 was not checked.",
                plural(maps, "map", "maps"),
                plural(limit, "level", "levels"),
                if maps == 1 { "it embeds" } else { "they embed" }
            ),
        ),
    };
    LimitHit {
        limit,
        value,
        path: Some(path.to_string()),
        message,
        unchecked: true,
    }
}

/// The findings for one map, weighed by the package's licence.
pub fn findings(map: &MapSummary, licence: &Licence, ecosystem: Ecosystem) -> Vec<Finding> {
    let finding = |rule, severity, message: String, remedy: &str| Finding {
        rule,
        severity,
        path: map.path.clone(),
        line: None,
        message,
        remedy: remedy.to_string(),
        source: None,
        span: None,
    };
    if let Some(e) = &map.error {
        let (severity, message, remedy) = unreadable_finding(map, e);
        return vec![finding(
            RuleId::SourcemapUnreadable,
            severity,
            message,
            remedy,
        )];
    }
    let what = describe(map);
    let mut out = Vec::new();
    if let Some((rule, severity, mut message)) = content_finding(map, licence) {
        if let Some(first) = &map.copy_of {
            message.push_str(&format!(
                " It is a copy of {first} (the same bytes): one leak, shipped at two paths."
            ));
        }
        out.push(finding(
            rule,
            severity,
            message,
            &content_remedy(map, ecosystem),
        ));
    }
    if !map.personal.is_empty() {
        out.push(finding(
            RuleId::SourcemapPersonalPath,
            Severity::Low,
            format!(
                "{what} reveals details of the machine it was built on: {}.",
                map.personal.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
            ),
            "Build with paths relative to the project (e.g. webpack's `devtoolModuleFilenameTemplate`, or `sourceRoot`).",
        ));
    }
    if let Some(first) = map.problems.first() {
        out.push(finding(
            RuleId::SourcemapMalformed,
            Severity::Info,
            format!(
                "{what} breaks the source map format: {first}{}.",
                match map.problems.len() {
                    1 => String::new(),
                    n => format!(" (and {} more)", count((n - 1) as u64)),
                }
            ),
            "Rebuild the map with a current bundler; tools may misread this one.",
        ))
    }
    out
}

/// A map that could not be read: a quiet note, unless it names `sourcesContent` (it
/// probably embeds sources) or was not read because of its size.
fn unreadable_finding(map: &MapSummary, error: &str) -> (Severity, String, &'static str) {
    let too_large = map.limits.iter().any(|h| h.limit == Limit::MapSize);
    let severity = if map.mentions_content || too_large {
        Severity::Medium
    } else {
        Severity::Info
    };
    let remedy = if too_large {
        "Check the file by hand; the command-line tool parses larger maps with --max-map-size."
    } else {
        "Check the file by hand; a map that does not parse is useless to ship."
    };
    let message = format!(
        "{} could not be read ({error}), so what it embeds is unknown.",
        describe(map)
    );
    (severity, message, remedy)
}

/// What a map embeds: the package's own sources (weighed by the licence and what the
/// paths give away), only its dependencies', or names without content. A bundled
/// dependency's map is judged by that dependency's licence (`licence` is its own).
fn content_finding(map: &MapSummary, licence: &Licence) -> Option<(RuleId, Severity, String)> {
    let what = describe(map);
    if let Some(dependency) = &map.dependency
        && map.first_party_embedded > 0
    {
        return Some(dependency_finding(map, dependency, licence));
    }
    if map.first_party_embedded > 0 {
        let severity = match (licence.is_open_source(), map.personal.is_empty()) {
            (false, _) => Severity::Critical,
            (true, true) => Severity::Low,
            (true, false) => Severity::Medium,
        };
        let why = if licence.is_open_source() {
            format!(
                "the package has an {}, so this code is probably public already",
                licence.describe()
            )
        } else {
            format!(
                "the package has {}, so this is probably private code",
                licence.describe()
            )
        };
        let message = format!(
            "{what} embeds {} written by the package's authors ({}); {why}.",
            plural(
                map.first_party_embedded,
                "original source file",
                "original source files"
            ),
            size(map.first_party_bytes),
        );
        return Some((RuleId::SourcemapEmbeddedSources, severity, message));
    }
    if map.sources_with_content > 0 {
        let severity = if licence.is_open_source() {
            Severity::Info
        } else {
            Severity::Low
        };
        let message = format!(
            "{what} embeds {} of bundled dependencies ({}), which shows what the package is built from.",
            plural(map.sources_with_content, "source file", "source files"),
            size(map.content_bytes),
        );
        return Some((RuleId::SourcemapEmbeddedDependencies, severity, message));
    }
    (map.sources > 0).then(|| {
        let message = format!(
            "{what} names {} but embeds none of their content.",
            plural(map.sources, "source file", "source files")
        );
        (RuleId::SourcemapNoContent, Severity::Info, message)
    })
}

/// A bundled dependency's own sources, embedded in its map: public already under an
/// open-source licence (a note), worth a look under any other (they may be private code,
/// but they are not the package's own).
fn dependency_finding(
    map: &MapSummary,
    name: &str,
    licence: &Licence,
) -> (RuleId, Severity, String) {
    let files = plural(map.first_party_embedded, "source file", "source files");
    let bytes = size(map.first_party_bytes);
    let (severity, why) = if licence.is_open_source() {
        (
            Severity::Info,
            format!(
                "it has an {}, so this code is public already",
                licence.describe()
            ),
        )
    } else {
        (
            Severity::Medium,
            format!("it has {}, so this may be private code", licence.describe()),
        )
    };
    let message = format!(
        "{} of the bundled dependency {name} embeds {files} of its own ({bytes}); {why}.",
        describe(map)
    );
    (RuleId::SourcemapEmbeddedDependencies, severity, message)
}

/// What to do about a map's content: build without it.
fn content_remedy(map: &MapSummary, ecosystem: Ecosystem) -> String {
    match (
        map.kind,
        map.first_party_embedded + map.sources_with_content,
    ) {
        (_, 0) => "Nothing to do unless the file names themselves are sensitive.".into(),
        (ShippedAs::Inline, _) => {
            "Build without inline source maps, or with `sourcesContent: false`.".into()
        }
        _ => format!(
            "Build without `sourcesContent` (e.g. `sourcesContent: false`) or without source \
             maps, and {} so .map files are not published.",
            match ecosystem {
                Ecosystem::Npm => "add a `files` list to package.json",
                other => other.keep_out(),
            }
        ),
    }
}

/// The findings for the parts of a map that a limit left unread (a map too large to parse
/// says so in its own finding): what was read is reported by [`findings`], these say what
/// was not.
pub fn limit_findings(map: &MapSummary) -> Vec<Finding> {
    if map.error.is_some() {
        return Vec::new();
    }
    map.limits
        .iter()
        .filter(|h| h.unchecked)
        .map(|hit| Finding {
            rule: RuleId::SourcemapUnreadable,
            severity: Severity::Medium,
            path: map.path.clone(),
            line: None,
            message: format!(
                "{} could not be read in full: {}",
                describe(map),
                hit.message
            ),
            remedy: format!(
                "Check the rest of the map by hand; the command-line tool reads more with {}.",
                hit.limit.option()
            ),
            source: None,
            span: None,
        })
        .collect()
}

/// Accounts that are build machines, not people.
const CI_USERS: &[&str] = &[
    "runner", "circleci", "travis", "vsts", "jenkins", "build", "builder", "node", "root", "user",
    "username",
];

/// A user's home folder or an internal host in a source path, as shown to people.
fn personal_detail(raw: &str) -> Option<String> {
    static PATTERNS: std::sync::OnceLock<[regex::bytes::Regex; 2]> = std::sync::OnceLock::new();
    let [home, host] = PATTERNS.get_or_init(|| {
        [
            // Only at the start (after a scheme, a drive letter or `../`s): `src/users/x` is a folder.
            regex::bytes::Regex::new(r"(?i-u)^(?:[a-z][a-z0-9+.-]*://[^/]*)?(?:[a-z]:)?(?:\.\.[/\\])*[/\\]?(Users|home)[/\\]([^/\\]+)[/\\]")
                .expect("valid"),
            regex::bytes::Regex::new(r"(?i-u)^[a-z][a-z0-9+.-]*://([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:internal|corp|local|lan|intranet|localdomain|private))(?:[:/]|$)")
                .expect("valid"),
        ]
    });
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    if let Some(c) = home.captures(raw.as_bytes()) {
        let user = text(&c[2]);
        if !CI_USERS.contains(&user.to_ascii_lowercase().as_str()) {
            return Some(format!(
                "the user name \"{user}\" ({}/{user}/)",
                text(&c[1])
            ));
        }
    }
    host.captures(raw.as_bytes())
        .map(|c| format!("the internal host {}", text(&c[1])))
}

fn describe(map: &MapSummary) -> String {
    match (map.kind, map.referenced) {
        (ShippedAs::Inline, _) => "A source map inlined in this file".to_string(),
        (_, false) => "This orphaned source map (no file references it)".to_string(),
        (_, true) => "This source map".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAKY: &str = r#"{"version":3,"sources":["webpack://app/./src/a.ts","webpack://app/./node_modules/x/i.js"],
        "sourcesContent":["export const a = 1;","module.exports = 2;"],"names":[],"mappings":"AAAA"}"#;

    fn summary(json: &str, referenced: bool) -> (MapSummary, RecoveredSources) {
        let mut recovered = RecoveredSources::default();
        let limits = Limits::default();
        let file = MapFile {
            path: "dist/a.js.map",
            json: json.as_bytes(),
            base: None,
            shipped: ShippedAs::File,
            referenced,
            dependency: None,
        };
        let parsed = ParsedMap::of(json.as_bytes(), Mappings::Check, true, &limits);
        let s = summarise(file, parsed, &limits, &mut recovered, &mut Vec::new());
        (s, recovered)
    }

    #[test]
    fn counts_first_party_and_recovers_content() {
        let (s, r) = summary(LEAKY, false);
        assert_eq!(
            (
                s.sources,
                s.sources_with_content,
                s.first_party,
                s.first_party_embedded
            ),
            (2, 2, 1, 1)
        );
        assert_eq!(s.content_bytes, 19 + 19);
        assert_eq!(r.len(), 2);
        assert_eq!(r.files()[0].path, "src/a.ts");
        assert!(r.files()[0].first_party && !r.files()[1].first_party);
    }

    #[test]
    fn embedded_first_party_is_critical_unless_open_source() {
        let (s, _) = summary(LEAKY, false);
        let closed = findings(
            &s,
            &Licence::Proprietary("UNLICENSED".into()),
            Ecosystem::Npm,
        );
        assert_eq!(closed[0].rule, RuleId::SourcemapEmbeddedSources);
        assert_eq!(closed[0].severity, Severity::Critical);
        assert!(
            closed[0].message.contains("orphaned"),
            "{}",
            closed[0].message
        );
        assert_eq!(
            findings(&s, &Licence::None, Ecosystem::Npm)[0].severity,
            Severity::Critical
        );
        assert_eq!(
            findings(&s, &Licence::OpenSource("MIT".into()), Ecosystem::Npm)[0].severity,
            Severity::Low
        );
    }

    #[test]
    fn a_map_without_content_is_only_info() {
        let (s, r) = summary(
            r#"{"version":3,"sources":["src/a.ts"],"names":[],"mappings":"AAAA"}"#,
            true,
        );
        let f = findings(&s, &Licence::None, Ecosystem::Npm);
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].rule, f[0].severity),
            (RuleId::SourcemapNoContent, Severity::Info)
        );
        assert!(r.is_empty());
    }

    #[test]
    fn personal_paths_are_found_and_raise_open_source_leaks() {
        for (raw, expected) in [
            (
                "/Users/ann/work/app/src/a.ts",
                Some("the user name \"ann\" (Users/ann/)"),
            ),
            (
                "webpack:///home/bob/app/a.ts",
                Some("the user name \"bob\" (home/bob/)"),
            ),
            (
                "C:\\Users\\carol\\app\\a.ts",
                Some("the user name \"carol\" (Users/carol/)"),
            ),
            (
                "https://git.acme.internal/app/a.ts",
                Some("the internal host git.acme.internal"),
            ),
            ("/home/runner/work/app/a.ts", None),
            ("src/users/home/a.ts", None),
            ("https://unpkg.com/a.js", None),
        ] {
            assert_eq!(personal_detail(raw).as_deref(), expected, "{raw}");
        }
        let json = r#"{"version":3,"sources":["/Users/ann/app/src/a.ts"],"sourcesContent":["x"],"mappings":"AAAA"}"#;
        let (s, _) = summary(json, true);
        let f = findings(&s, &Licence::OpenSource("MIT".into()), Ecosystem::Npm);
        assert_eq!(
            (f[0].rule, f[0].severity),
            (RuleId::SourcemapEmbeddedSources, Severity::Medium)
        );
        assert_eq!(
            (f[1].rule, f[1].severity),
            (RuleId::SourcemapPersonalPath, Severity::Low)
        );
    }

    #[test]
    fn a_broken_map_is_reported_not_fatal() {
        let (s, _) = summary("{\"version\":3,\"sources\":[", false);
        assert!(s.error.is_some());
        let f = findings(&s, &Licence::None, Ecosystem::Npm);
        assert_eq!(
            (f[0].rule, f[0].severity),
            (RuleId::SourcemapUnreadable, Severity::Info)
        );
    }
}
