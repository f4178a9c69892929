//! Why npm put a file in the tarball, and the text that keeps it out: npm's packing rules
//! replayed on the package's `package.json` (and, for a project folder, its `.npmignore` and
//! `.gitignore` files), and the bundler option that builds a map without its sources.
//!
//! The rules are npm-packlist 8.0.2 to 10.0.4's, which npm 10.3 to 11 use: `package.json`
//! and a root README, LICENSE, LICENCE or COPYING always ship, and so do `main`, `bin` and
//! `browser`; with a `files` list, only what an entry matches ships (the last matching entry
//! wins, `!` entries exclude) and the root's ignore files are not read; without one, a
//! folder's `.npmignore` decides, or its `.gitignore` when it has no `.npmignore`, with
//! gitignore's rules matched case-insensitively. npm 12 (npm-packlist 11) reads `files` as
//! globs anchored at the root; every fix given here works under both.

use std::collections::BTreeSet;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, RuleId};
use crate::scan::maps::MapSummary;
use crate::session::{IgnoreFile, Session};

/// Why each file with a finding in `session` shipped, and its fix; with `notable_only`,
/// only the files with a finding above an informational note.
pub fn shipped(session: &Session, notable_only: bool) -> Vec<Shipped> {
    let a = &session.analysis;
    // npm's rules say nothing of how a wheel or an extension was packed: its findings' own
    // remedies name its ecosystem's way.
    if a.ecosystem != crate::package::Ecosystem::Npm {
        return Vec::new();
    }
    let findings: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| !notable_only || f.is_notable())
        .collect();
    Packing::of(session).explain(&findings, &a.source_maps)
}

/// The `files` entries read; the rest of a longer list is not (each is matched against
/// every file with a finding).
const MAX_FILES_ENTRIES: usize = 256;

/// The npm versions whose rules are replayed.
pub const NPM_RULES: &str = "npm 10.3 to 11 (npm-packlist 8.0.2 to 10.0.4)";

/// Which of npm's rules put a file in the tarball (externally tagged: the page's messages
/// are bincode, which cannot read an internally tagged enum).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// `package.json`, or a README, LICENSE, LICENCE or COPYING at the root.
    Always { what: String },
    /// The file `main`, `bin` or `browser` names: npm packs it whatever `files` says.
    Entry { field: String, line: usize },
    /// An entry of the `files` list matched it.
    FilesEntry { entry: String, line: usize },
    /// No `files` list: npm packs what the ignore files do not exclude (`ignore_files`:
    /// those it read on the way, when known).
    NoFiles {
        ignore_files: Vec<String>,
        known: bool,
    },
    /// Under `node_modules/`: a bundled dependency, which npm packs by its own `files`.
    Bundled,
    /// `files` matches nothing here: npm would not have packed it (another tool did).
    Unmatched,
    /// A `!` line of an ignore file brought it back.
    Reincluded {
        file: String,
        line: usize,
        pattern: String,
    },
}

/// Why one file shipped, and what keeps it out of the next release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipped {
    pub path: String,
    pub reason: Reason,
    /// The reason in a sentence.
    pub why: String,
    /// The text to paste so npm leaves the file out, and where; `None` when npm always packs
    /// it (the finding's remedy is the fix then).
    pub fix: Option<String>,
    /// For a source map: the bundler option that builds it without its sources.
    pub build_fix: Option<String>,
}

/// One entry of `files`, as npm turns it into a rule.
struct FilesEntry {
    entry: String,
    line: usize,
    negated: bool,
    matcher: Gitignore,
}

/// The packing rules of one package.
pub struct Packing {
    files: Option<Vec<FilesEntry>>,
    /// `main`, `bin` and `browser`: (field, path, line).
    forced: Vec<(String, String, usize)>,
    /// The folder's ignore files, when the input was a folder; `None` for a tarball (its
    /// ignore files stayed behind).
    ignores: Option<Vec<(IgnoreFile, Gitignore)>>,
    /// The package's top-level names, for a `files` list to start from.
    top_level: BTreeSet<String>,
}

impl Packing {
    /// The rules of the package in `session` (its ignore files when it was a folder).
    pub fn of(session: &Session) -> Packing {
        let json = session
            .bytes(crate::tree::Tab::Files, "package.json")
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let paths: Vec<&str> = session
            .archive
            .entries()
            .iter()
            .map(|e| e.path.as_str())
            .collect();
        Packing::new(&json, &paths, session.input.ignore_files.as_deref())
    }

    pub fn new(package_json: &str, paths: &[&str], ignores: Option<&[IgnoreFile]>) -> Packing {
        let value: serde_json::Value = serde_json::from_str(package_json).unwrap_or_default();
        let dirs: BTreeSet<&str> = paths
            .iter()
            .flat_map(|p| p.match_indices('/').map(|(i, _)| &p[..i]))
            .collect();
        let files = value["files"].as_array().map(|entries| {
            let mut from = package_json.find("\"files\"").unwrap_or(0);
            // A hostile package.json can list 100,000 entries; real ones list a few dozen.
            entries
                .iter()
                .take(MAX_FILES_ENTRIES)
                .filter_map(|e| e.as_str())
                .map(|entry| {
                    let at = json_string_at(package_json, entry, from);
                    from = at;
                    files_entry(entry, line_at(package_json, at), &dirs)
                })
                .collect()
        });
        let forced = forced_entries(&value, package_json);
        let ignores = ignores.map(|files| {
            files
                .iter()
                .map(|f| (f.clone(), matcher(f.text.lines())))
                .collect()
        });
        let top_level = paths
            .iter()
            .map(|p| p.split('/').next().unwrap_or(p).to_string())
            .collect();
        Packing {
            files,
            forced,
            ignores,
            top_level,
        }
    }

    /// Why npm packed `path`.
    pub fn reason(&self, path: &str) -> Reason {
        if let Some(what) = always(path) {
            return Reason::Always { what };
        }
        if let Some((field, _, line)) = self.forced.iter().find(|(_, p, _)| p == path) {
            return Reason::Entry {
                field: field.clone(),
                line: *line,
            };
        }
        if path.starts_with("node_modules/") {
            return Reason::Bundled;
        }
        if let Some(files) = &self.files {
            // The last entry that matches decides; the file shipped, so it is a positive one.
            return match files.iter().rev().find(|e| matches(&e.matcher, path)) {
                Some(e) if !e.negated => Reason::FilesEntry {
                    entry: e.entry.clone(),
                    line: e.line,
                },
                _ => match self.by_ignore_files(path) {
                    re @ Reason::Reincluded { .. } => re,
                    _ => Reason::Unmatched,
                },
            };
        }
        self.by_ignore_files(path)
    }

    /// Without `files`: the ignore files from the root down to the file's folder, one per
    /// folder (`.npmignore`, else `.gitignore`); the last that matches decides.
    fn by_ignore_files(&self, path: &str) -> Reason {
        let Some(ignores) = &self.ignores else {
            return Reason::NoFiles {
                ignore_files: Vec::new(),
                known: false,
            };
        };
        let mut read = Vec::new();
        let mut last = None;
        for dir in folders_of(path) {
            // With a `files` list the root's ignore files are not read.
            if dir.is_empty() && self.files.is_some() {
                continue;
            }
            let in_dir = |name: &str| ignores.iter().find(|(f, _)| f.dir == dir && f.name == name);
            let Some((file, gitignore)) = in_dir(".npmignore").or_else(|| in_dir(".gitignore"))
            else {
                continue;
            };
            read.push(file.path());
            let relative = path.strip_prefix(&format!("{dir}/")).unwrap_or(path);
            if !matchable(relative) {
                continue;
            }
            match gitignore.matched_path_or_any_parents(relative, false) {
                Match::Whitelist(glob) => last = Some((file, glob.original().to_string())),
                Match::Ignore(_) => last = None,
                Match::None => {}
            }
        }
        match last {
            Some((file, pattern)) => Reason::Reincluded {
                file: file.path(),
                line: line_of_pattern(&file.text, &pattern),
                pattern,
            },
            None => Reason::NoFiles {
                ignore_files: read,
                known: true,
            },
        }
    }

    /// Why each file with a finding shipped, and how to keep it out, once per file.
    pub fn explain(&self, findings: &[&Finding], maps: &[MapSummary]) -> Vec<Shipped> {
        // Each file once, in the findings' order (a package can have thousands).
        let mut seen = BTreeSet::new();
        let paths: Vec<&str> = findings
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| seen.insert(*p))
            .collect();
        let maps: std::collections::HashMap<&str, &MapSummary> =
            maps.iter().map(|m| (m.path.as_str(), m)).collect();
        // Files that should not ship at all: a `files` list given as a fix leaves them all out.
        let leaking: BTreeSet<&str> = findings
            .iter()
            .filter(|f| excludable(f.rule))
            .map(|f| f.path.as_str())
            .collect();
        paths
            .into_iter()
            .map(|path| self.shipped(path, &leaking, maps.get(path).copied()))
            .collect()
    }

    fn shipped(&self, path: &str, leaking: &BTreeSet<&str>, map: Option<&MapSummary>) -> Shipped {
        let reason = self.reason(path);
        let inline = map.is_some_and(|m| m.kind == crate::scan::maps::ShippedAs::Inline);
        let fix = if leaking.contains(path) && !inline {
            self.fix(path, &reason, leaking)
        } else {
            None
        };
        let build_fix = map
            .filter(|m| m.sources_with_content > 0)
            .map(|m| m.bundler.build_fix().to_string());
        Shipped {
            path: path.to_string(),
            why: why(path, &reason),
            reason,
            fix,
            build_fix,
        }
    }

    /// The text that keeps `path` out of the next `npm pack`.
    fn fix(&self, path: &str, reason: &Reason, leaking: &BTreeSet<&str>) -> Option<String> {
        let is_map = path.ends_with(".map");
        match reason {
            Reason::Always { .. } | Reason::Entry { .. } | Reason::Bundled => None,
            Reason::FilesEntry { entry, .. } => Some(files_entry_fix(path, entry, is_map)),
            Reason::Unmatched => Some(format!(
                "Add `{}` to \"files\" in package.json.",
                json_quoted(&format!("!{}", glob_literal(path)))
            )),
            // Removing the `!` line could drop every file it brings back: a line after it
            // leaves out this one only (the last matching line wins).
            Reason::Reincluded { file, line, .. } => {
                let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
                Some(format!(
                    "Add the line `{}` after line {line} of {file}.",
                    ignore_line(path, dir, is_map)
                ))
            }
            Reason::NoFiles {
                ignore_files,
                known: true,
            } => Some(self.ignore_fix(path, is_map, ignore_files)),
            Reason::NoFiles { known: false, .. } => Some(self.files_fix(path, is_map, leaking)),
        }
    }

    /// A line for the ignore file that applies (or a new `.npmignore`).
    fn ignore_fix(&self, path: &str, is_map: bool, read: &[String]) -> String {
        let line = ignore_line(path, "", is_map);
        match read.iter().find(|f| f.ends_with(".npmignore")) {
            Some(file) => {
                let dir = file.trim_end_matches(".npmignore").trim_end_matches('/');
                format!(
                    "Add the line `{}` to {file}.",
                    ignore_line(path, dir, is_map)
                )
            }
            None if read.iter().any(|f| f == ".gitignore") => format!(
                "Add the line `{line}` to .gitignore (npm reads it because there is no .npmignore; \
                 a new .npmignore would replace it, so copy its lines into one if you create it)."
            ),
            None => format!("Create .npmignore with the line `{line}`."),
        }
    }

    /// For a tarball whose ignore files are unknown: a `files` list of what it ships,
    /// without the file (nor any other that should not ship).
    fn files_fix(&self, path: &str, is_map: bool, leaking: &BTreeSet<&str>) -> String {
        let top = path.split('/').next().unwrap_or(path);
        let mut entries: Vec<String> = self
            .top_level
            .iter()
            .filter(|t| always(t).is_none())
            .filter(|t| t.as_str() != path && !leaking.contains(t.as_str()))
            .map(|t| json_quoted(&glob_literal(t)))
            .collect();
        if is_map {
            entries.push(json_quoted("!**/*.map"));
        } else if top != path {
            entries.push(json_quoted(&format!("!{}", glob_literal(path))));
        }
        format!(
            "Add a \"files\" list to package.json, e.g. `\"files\": [{}]`, or a .npmignore line `{}`.",
            entries.join(", "),
            ignore_line(path, "", is_map)
        )
    }
}

/// The `files` fix for a file a `files` entry matched: remove an entry that names the file
/// (npm 10-11 put an exact file before any negation, so a negation would not win) or that
/// matched it only by its name; else a negation after it (`!dist/**/*.map` for a map under
/// a folder entry: every map there, under npm 10-12 alike).
fn files_entry_fix(path: &str, entry: &str, is_map: bool) -> String {
    let bare = entry.trim_start_matches("./").trim_matches('/');
    let under = path.starts_with(&format!("{bare}/"));
    if bare == path || (!bare.contains('/') && !under) {
        return format!(
            "Remove {} from \"files\" in package.json.",
            json_quoted(entry)
        );
    }
    let plain = !bare.contains(['*', '?', '[', '{', '!']);
    let pattern = if is_map && plain && under {
        format!("!{}/**/*.map", glob_literal(bare))
    } else {
        format!("!{}", glob_literal(path))
    };
    format!(
        "Add `{}` to \"files\" in package.json, after {}.",
        json_quoted(&pattern),
        json_quoted(entry)
    )
}

/// An ignore-file line that leaves out `path` (for the ignore file in `dir`): `*.map` for
/// a map, else the file itself, anchored.
fn ignore_line(path: &str, dir: &str, is_map: bool) -> String {
    if is_map {
        return "*.map".to_string();
    }
    let relative = match dir {
        "" => path,
        d => path.strip_prefix(&format!("{d}/")).unwrap_or(path),
    };
    format!("/{}", glob_literal(relative))
}

/// `path` as a glob that matches only itself: `[id].js` is `\\[id\\].js`.
fn glob_literal(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | '!' | '#' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A string as JSON writes it, quotes and escapes included.
fn json_quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Rules about a file that should not ship at all (not about a secret in a file that
/// should: that one's remedy is to remove the secret).
fn excludable(rule: RuleId) -> bool {
    !matches!(
        rule,
        RuleId::Secret(_)
            | RuleId::NpmrcToken
            | RuleId::SourcemapMissing
            | RuleId::SourcemapRemote
            | RuleId::ArchiveIncomplete
    )
}

/// The sentence for a reason.
fn why(path: &str, reason: &Reason) -> String {
    match reason {
        Reason::Always { what } => format!("npm always packs {what}."),
        Reason::Entry { field, line } => format!(
            "package.json:{line}: \"{field}\" names it, and npm always packs what \"{field}\" names."
        ),
        Reason::FilesEntry { entry, line } => {
            format!("package.json:{line}: the \"files\" entry \"{entry}\" matched {path}.")
        }
        Reason::NoFiles { known: false, .. } => {
            "package.json has no \"files\" list, so npm packed everything its .npmignore (or .gitignore) did not exclude.".to_string()
        }
        Reason::NoFiles { ignore_files, .. } if ignore_files.is_empty() => {
            "package.json has no \"files\" list and there is no .npmignore or .gitignore: npm packs everything.".to_string()
        }
        Reason::NoFiles { ignore_files, .. } => format!(
            "package.json has no \"files\" list, and no line of {} excludes it.",
            ignore_files.join(", ")
        ),
        Reason::Reincluded { file, line, pattern } => {
            format!("{file}:{line}: `{pattern}` brings it back.")
        }
        Reason::Bundled => {
            "It is a bundled dependency's file: npm packs those by their own package.json.".to_string()
        }
        Reason::Unmatched => {
            "No entry of package.json's \"files\" matches it: npm would not pack it; the tarball was made by another tool, or by an older npm.".to_string()
        }
    }
}

/// What npm packs whatever the rules say, at the root (case-insensitive; `README.md~` and
/// the like are backups, not included).
fn always(path: &str) -> Option<String> {
    if path == "package.json" {
        return Some("package.json".into());
    }
    if path.contains('/') || path.ends_with(['~', '$']) {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    let stem = lower.split('.').next().unwrap_or(&lower);
    ["readme", "copying", "license", "licence"]
        .contains(&stem)
        .then(|| format!("a {} at the package's root", stem.to_ascii_uppercase()))
}

/// `main`, `bin` (a string or an object) and `browser` (a string) as npm normalises them.
fn forced_entries(value: &serde_json::Value, text: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let line = |key: &str| line_at(text, text.find(&format!("\"{key}\"")).unwrap_or(0));
    if let Some(main) = value["main"].as_str() {
        // npm uses `main` as written: `./dist/cli.js` does not force anything.
        out.push(("main".to_string(), main.to_string(), line("main")));
    }
    if let Some(browser) = value["browser"].as_str() {
        out.push(("browser".into(), browser.to_string(), line("browser")));
    }
    let bins: Vec<&str> = match &value["bin"] {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Object(o) => o.values().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    for bin in bins {
        out.push((
            "bin".into(),
            bin.trim_start_matches("./").into(),
            line("bin"),
        ));
    }
    out
}

/// A `files` entry as npm-packlist turns it into a rule: `./x` is `/x`, `x/*` is `x/**`, a
/// folder matches everything below it, `!x` excludes.
fn files_entry(entry: &str, line: usize, dirs: &BTreeSet<&str>) -> FilesEntry {
    let negated = entry.starts_with('!');
    let mut pattern = entry.trim_start_matches('!').to_string();
    if let Some(rest) = pattern.strip_prefix("./") {
        pattern = format!("/{rest}");
    }
    if let Some(rest) = pattern.strip_suffix("/*") {
        pattern = format!("{rest}/**");
    }
    let bare = pattern.trim_matches('/');
    let mut lines = vec![pattern.clone()];
    if dirs.contains(bare) {
        lines.push(format!("{}/**", pattern.trim_end_matches('/')));
    }
    FilesEntry {
        entry: entry.to_string(),
        line,
        negated,
        matcher: matcher(lines.iter().map(String::as_str)),
    }
}

/// Lines read as npm reads an ignore file: trimmed, comments and blank lines skipped, every
/// match case-insensitive.
fn matcher<'a>(lines: impl Iterator<Item = &'a str>) -> Gitignore {
    let mut builder = GitignoreBuilder::new("");
    builder.case_insensitive(true).expect("no glob yet");
    for line in lines
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        // A line gitignore cannot read is skipped, as a pattern that matches nothing.
        let _ = builder.add_line(None, line);
    }
    builder.build().unwrap_or_else(|_| Gitignore::empty())
}

fn matches(gitignore: &Gitignore, path: &str) -> bool {
    matchable(path) && !gitignore.matched_path_or_any_parents(path, false).is_none()
}

/// A path the matcher takes (it panics on others): relative, without a drive (`C:`).
fn matchable(path: &str) -> bool {
    !crate::path::starts_with_drive(path) && !std::path::Path::new(path).has_root()
}

/// `a/b/c.js` is in `""`, `a` and `a/b`.
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    std::iter::once("").chain(path.match_indices('/').map(|(i, _)| &path[..i]))
}

/// Where `"value"` next appears in `text` from `from` (as JSON writes it).
fn json_string_at(text: &str, value: &str, from: usize) -> usize {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    text[from.min(text.len())..]
        .find(&quoted)
        .map_or(from, |i| from + i)
}

fn line_at(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The line of an ignore file that holds `pattern` (the last such line: the last match wins).
fn line_of_pattern(text: &str, pattern: &str) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == pattern)
        .last()
        .map_or(1, |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHS: [&str; 5] = [
        "package.json",
        "README.md",
        "dist/cli.js",
        "dist/cli.js.map",
        "lib/main.js",
    ];

    fn packing(json: &str, ignores: Option<&[IgnoreFile]>) -> Packing {
        Packing::new(json, &PATHS, ignores)
    }

    fn none() -> BTreeSet<&'static str> {
        BTreeSet::new()
    }

    fn ignore(dir: &str, name: &str, text: &str) -> IgnoreFile {
        IgnoreFile {
            dir: dir.into(),
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_files_entry_that_names_a_folder_is_the_reason_and_a_negation_the_fix() {
        let json = "{\n  \"name\": \"x\",\n  \"files\": [\n    \"lib\",\n    \"dist\"\n  ]\n}";
        let p = packing(json, None);
        let reason = p.reason("dist/cli.js.map");
        assert_eq!(
            reason,
            Reason::FilesEntry {
                entry: "dist".into(),
                line: 5
            }
        );
        assert_eq!(
            why("dist/cli.js.map", &reason),
            "package.json:5: the \"files\" entry \"dist\" matched dist/cli.js.map."
        );
        assert_eq!(
            p.fix("dist/cli.js.map", &reason, &none()).unwrap(),
            "Add `\"!dist/**/*.map\"` to \"files\" in package.json, after \"dist\"."
        );
        // `./dist`, `dist/`, `dist/*` are the same rule to npm.
        for entry in ["./dist", "dist/", "dist/*", "dist/**"] {
            let p = packing(&format!("{{\"files\": [\"{entry}\"]}}"), None);
            assert!(
                matches!(p.reason("dist/cli.js.map"), Reason::FilesEntry { .. }),
                "{entry}"
            );
        }
    }

    #[test]
    fn the_last_matching_files_entry_wins_and_globs_match_basenames() {
        let p = packing(r#"{"files": ["dist/*.js", "cli.js.map"]}"#, None);
        assert_eq!(
            p.reason("dist/cli.js.map"),
            Reason::FilesEntry {
                entry: "cli.js.map".into(),
                line: 1
            }
        );
    }

    #[test]
    fn npm_always_packs_package_json_readmes_licences_and_main() {
        let p = packing("{\"main\": \"lib/main.js\", \"files\": [\"dist\"]}", None);
        assert!(matches!(p.reason("package.json"), Reason::Always { .. }));
        assert!(matches!(p.reason("README.md"), Reason::Always { .. }));
        assert!(matches!(p.reason("licence.txt"), Reason::Always { .. }));
        assert!(always("README.md~").is_none() && always("docs/README.md").is_none());
        assert!(always("CHANGELOG.md").is_none());
        let reason = p.reason("lib/main.js");
        assert!(matches!(&reason, Reason::Entry { field, .. } if field == "main"));
        assert_eq!(p.fix("lib/main.js", &reason, &none()), None);
    }

    #[test]
    fn without_files_the_folders_npmignore_decides_else_its_gitignore() {
        let json = r#"{"name": "x"}"#;
        let npmignore = [
            ignore("", ".npmignore", "# build\nsrc\n"),
            ignore("", ".gitignore", "*.map\n"),
        ];
        let p = packing(json, Some(&npmignore));
        let reason = p.reason("dist/cli.js.map");
        assert_eq!(
            reason,
            Reason::NoFiles {
                ignore_files: vec![".npmignore".into()],
                known: true
            }
        );
        assert_eq!(
            p.fix("dist/cli.js.map", &reason, &none()).unwrap(),
            "Add the line `*.map` to .npmignore."
        );
        let only_git = [ignore("", ".gitignore", "node_modules\n")];
        let reason = packing(json, Some(&only_git)).reason("dist/cli.js.map");
        assert!(
            packing(json, Some(&only_git))
                .fix("dist/cli.js.map", &reason, &none())
                .unwrap()
                .contains("to .gitignore (npm reads it because there is no .npmignore")
        );
        let nested = [ignore("dist", ".npmignore", "*.js\n")];
        let reason = packing(json, Some(&nested)).reason("dist/cli.js.map");
        assert_eq!(
            packing(json, Some(&nested))
                .fix("dist/.env", &reason, &none())
                .unwrap(),
            "Add the line `/.env` to dist/.npmignore."
        );
    }

    #[test]
    fn a_negation_line_that_brings_a_file_back_is_named_with_its_line() {
        let files = [ignore("", ".npmignore", "*.map\n\n!cli.js.map\n")];
        let p = packing("{}", Some(&files));
        assert_eq!(
            p.reason("dist/cli.js.map"),
            Reason::Reincluded {
                file: ".npmignore".into(),
                line: 3,
                pattern: "!cli.js.map".into()
            }
        );
    }

    #[test]
    fn an_entry_naming_the_file_is_removed_not_negated() {
        // npm 10-11 put an exact file entry before any negation: only removing it works.
        let p = packing(r#"{"files": ["dist/cli.js", "dist/cli.js.map"]}"#, None);
        let reason = p.reason("dist/cli.js.map");
        assert_eq!(
            p.fix("dist/cli.js.map", &reason, &none()).unwrap(),
            "Remove \"dist/cli.js.map\" from \"files\" in package.json."
        );
        let p = packing(r#"{"files": ["dist/*.js", "cli.js.map"]}"#, None);
        let reason = p.reason("dist/cli.js.map");
        assert_eq!(
            p.fix("dist/cli.js.map", &reason, &none()).unwrap(),
            "Remove \"cli.js.map\" from \"files\" in package.json."
        );
    }

    #[test]
    fn a_negation_line_is_followed_not_removed_and_names_are_literal() {
        let files = [ignore("", ".npmignore", "*\n!dist/**\n")];
        let p = packing("{}", Some(&files));
        let reason = p.reason("dist/cli.js.map");
        assert_eq!(
            p.fix("dist/cli.js.map", &reason, &none()).unwrap(),
            "Add the line `*.map` after line 2 of .npmignore."
        );
        assert_eq!(
            p.fix("dist/[id].env", &reason, &none()).unwrap(),
            "Add the line `/dist/\\[id\\].env` after line 2 of .npmignore."
        );
        let p = packing(r#"{"files": ["dist"]}"#, None);
        let reason = p.reason("dist/[id].env");
        assert_eq!(
            p.fix("dist/[id].env", &reason, &none()).unwrap(),
            "Add `\"!dist/\\\\[id\\\\].env\"` to \"files\" in package.json, after \"dist\"."
        );
    }

    #[test]
    fn what_files_does_not_match_is_said_so_and_drives_never_panic() {
        let p = packing(r#"{"files": ["lib"]}"#, None);
        assert_eq!(p.reason("dist/cli.js.map"), Reason::Unmatched);
        assert_eq!(p.reason("node_modules/a/a.js.map"), Reason::Bundled);
        assert_eq!(p.reason("C:/x.js.map"), Reason::Unmatched);
        assert!(!matchable("C:/x") && !matchable("/x") && matchable("a/b"));
    }

    #[test]
    fn a_tarball_without_files_gets_a_files_list_of_what_it_ships() {
        let p = packing("{}", None);
        let reason = p.reason("dist/cli.js.map");
        assert_eq!(
            p.fix("dist/cli.js.map", &reason, &none()).unwrap(),
            "Add a \"files\" list to package.json, e.g. `\"files\": [\"dist\", \"lib\", \"!**/*.map\"]`, or a .npmignore line `*.map`."
        );
    }
}
