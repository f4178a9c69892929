//! Recovered sources: the original files embedded in source maps, by normalised path.
//! The same path with the same content (e.g. from two maps) is one file; the same path with
//! different content keeps every variant, so nothing is lost.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::source_map::{SourceText, TextAt};

/// An original source file recovered from `sourcesContent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveredSource {
    /// Normalised, relative, `/`-separated; cannot escape an export root.
    pub path: String,
    /// 0 for the first content seen at this path, 1.. for each different one after it.
    pub variant: usize,
    /// Its text: held, or where it is in the package ([`RecoveredSource::text`]).
    pub content: Content,
    size: u64,
    hash: u64,
    /// Written by the package's authors, as opposed to a bundled dependency or runtime.
    pub first_party: bool,
    /// Package-relative paths of the maps (or files with inline maps) that embed it.
    pub maps: Vec<String>,
    export: String,
}

/// Where a recovered source's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Owned(String),
    /// A string literal in the package's tar data (a streamed map leaves its texts there).
    InPackage(TextAt),
}

impl RecoveredSource {
    /// Its text; `package` is the package's tar data ([`crate::Archive::data`]), where a
    /// text left in place is read from.
    pub fn text<'a>(&'a self, package: &'a [u8]) -> Cow<'a, str> {
        match &self.content {
            Content::Owned(text) => text.as_str().into(),
            Content::InPackage(at) => at.read(package),
        }
    }

    /// Where the file goes in an export (a folder, a .zip) and in the page: its path, with a
    /// variant number before the extension when the same path had different contents
    /// (`src/a.ts`, `src/a.variant-2.ts`), so that variants sit side by side. Unique among
    /// all recovered files.
    pub fn export_path(&self) -> &str {
        &self.export
    }

    /// UTF-8 bytes of its content.
    pub fn size(&self) -> u64 {
        self.size
    }
}

/// `src/a.ts` with variant number `n`: `src/a.variant-n.ts`.
fn variant_name(path: &str, n: usize) -> String {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let name = match name.split_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.variant-{n}.{ext}"),
        _ => format!("{name}.variant-{n}"),
    };
    if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    }
}

/// The map a source is recovered from.
pub struct FromMap<'a> {
    /// Package-relative path of the map (or of the file with the inline map).
    pub path: &'a str,
    /// Its JSON.
    pub json: &'a [u8],
    /// Where that JSON starts in the package's tar data, for texts left in place; `None`
    /// when the JSON is not in the package (an inline map's is decoded from a `data:` URL),
    /// and such a text is read now.
    pub base: Option<usize>,
}

/// What became of a source added to [`RecoveredSources`]: a file of its own, or merged into
/// one with the same path and content (from another map); the file's index either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New(usize),
    Merged(usize),
}

#[derive(Debug, Default)]
pub struct RecoveredSources {
    files: Vec<RecoveredSource>,
    by_path: HashMap<String, Vec<usize>>,
    /// Export paths in use, so that no two files share one.
    exports: HashSet<String>,
}

impl RecoveredSources {
    /// Adds one source embedded in `map`; merges it when the same path already has this
    /// content.
    pub fn add(
        &mut self,
        map: &FromMap,
        path: String,
        text: SourceText,
        first_party: bool,
    ) -> Added {
        let (size, hash) = (text.len() as u64, text.hash());
        let content = match (text, map.base) {
            (SourceText::Owned(s), _) => Content::Owned(s),
            (SourceText::At(at), Some(base)) => Content::InPackage(at.shifted(base)),
            (SourceText::At(at), None) => Content::Owned(at.read(map.json).into_owned()),
        };
        let map = map.path;
        // The same text is the same size and hash: a 64-bit hash of texts at one path.
        let variants = self.by_path.entry(path.clone()).or_default();
        if let Some(&i) = variants
            .iter()
            .find(|&&i| (self.files[i].size, self.files[i].hash) == (size, hash))
        {
            let existing = &mut self.files[i];
            if !existing.maps.iter().any(|m| m == map) {
                existing.maps.push(map.to_string());
            }
            existing.first_party |= first_party;
            return Added::Merged(i);
        }
        variants.push(self.files.len());
        let variant = variants.len() - 1;
        // A later real path may equal an earlier variant's name: count on until one is free.
        let mut export = if variant == 0 {
            path.clone()
        } else {
            variant_name(&path, variant + 1)
        };
        let mut n = variant + 1;
        while self.exports.contains(&export) {
            n = n.max(1) + 1;
            export = variant_name(&path, n);
        }
        self.exports.insert(export.clone());
        self.files.push(RecoveredSource {
            path,
            variant,
            content,
            size,
            hash,
            first_party,
            maps: vec![map.to_string()],
            export,
        });
        Added::New(self.files.len() - 1)
    }

    pub fn files(&self) -> &[RecoveredSource] {
        &self.files
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// UTF-8 bytes of all recovered files.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(RecoveredSource::size).sum()
    }
}

/// Normalises a map's source path for display and export: `sourceRoot` joined,
/// `webpack://NS/` and other `scheme://` prefixes removed, backslashes to `/`, drive letters
/// removed, `.`/`..` resolved and leading `../` dropped. The result never starts with `/`
/// and never contains `..`, so it cannot escape the folder it is written under.
pub fn normalise_source_path(source_root: Option<&str>, source: &str) -> String {
    let joined = match source_root {
        Some(root) if !root.is_empty() && !has_scheme(source) && !source.starts_with('/') => {
            if root.ends_with('/') || root.ends_with('\\') {
                format!("{root}{source}")
            } else {
                format!("{root}/{source}")
            }
        }
        _ => source.to_string(),
    };
    let mut rest = joined.as_str();
    if let Some(after) = rest.strip_prefix("webpack://") {
        // webpack://NS/path: the namespace is the bundle's name, not a folder.
        rest = after.split_once('/').map_or("", |(_, p)| p);
    } else if let Some(i) = scheme_end(rest) {
        rest = &rest[i..];
    }
    let rest = rest.replace('\\', "/");
    let rest = strip_drive_letter(&rest);
    // No drive anywhere (`src/C:/a.ts`), and no control character: a NUL would end the
    // name when it is written out, an escape sequence would drive a terminal.
    let parts: Vec<String> = crate::path::clean_segments(rest)
        .into_iter()
        .filter(|p| !is_drive(p))
        .map(|p| p.replace(|c: char| c.is_control(), "_"))
        .collect();
    if parts.is_empty() {
        "(unnamed)".to_string()
    } else {
        parts.join("/")
    }
}

/// `C:`: a segment that a Windows tool reads as a drive.
fn is_drive(segment: &str) -> bool {
    segment.len() == 2 && crate::path::starts_with_drive(segment)
}

/// Index just past `scheme://` (or `scheme:` for `data:`-like forms we still show).
fn scheme_end(s: &str) -> Option<usize> {
    let colon = s.find("://")?;
    let scheme = &s[..colon];
    let is_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then_some(colon + 3)
}

fn has_scheme(s: &str) -> bool {
    scheme_end(s).is_some()
}

fn strip_drive_letter(s: &str) -> &str {
    let trimmed = s.trim_start_matches('/');
    if crate::path::starts_with_drive(trimmed) {
        &trimmed[2..]
    } else {
        s
    }
}

/// Whether a source was written by the package's authors: not a dependency
/// (`node_modules/`), not marked ignored by its producer, not the bundler's runtime.
pub fn is_first_party(normalised: &str, ignored: bool) -> bool {
    !ignored
        && !normalised.split('/').any(|p| p == "node_modules")
        && !normalised.starts_with("webpack/")
        && !normalised.starts_with("(webpack)/")
}

/// Adds held texts, as tests build recovered sources.
#[cfg(test)]
pub(crate) fn add_text(r: &mut RecoveredSources, path: &str, text: &str, own: bool, map: &str) {
    let from = FromMap {
        path: map,
        json: b"",
        base: None,
    };
    r.add(&from, path.into(), SourceText::Owned(text.into()), own);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_like_the_product_rules_say() {
        let n = normalise_source_path;
        assert_eq!(n(None, "webpack://my-app/./src/index.ts"), "src/index.ts");
        assert_eq!(n(None, "webpack:///src/a.ts"), "src/a.ts");
        assert_eq!(n(Some("src"), "a.ts"), "src/a.ts");
        assert_eq!(n(Some("/root/"), "../lib/b.ts"), "lib/b.ts");
        assert_eq!(n(None, "../../src/c.ts"), "src/c.ts");
        assert_eq!(n(None, "C:\\Users\\ann\\proj\\d.ts"), "Users/ann/proj/d.ts");
        assert_eq!(n(None, "file:///home/bob/e.ts"), "home/bob/e.ts");
        assert_eq!(
            n(Some("ignored/"), "https://cdn.example.com/f.js"),
            "cdn.example.com/f.js"
        );
        assert_eq!(n(None, "../../../../etc/passwd"), "etc/passwd");
        assert_eq!(n(None, ".."), "(unnamed)");
        assert_eq!(n(None, ""), "(unnamed)");
        // No drive anywhere, no control character.
        assert_eq!(n(None, "src/C:/x.ts"), "src/x.ts");
        assert_eq!(n(None, "webpack:///C:/a/../../b.ts"), "b.ts");
        assert_eq!(n(None, "a\u{0}b/\u{1b}[2Jc.ts"), "a_b/_[2Jc.ts");
        assert_eq!(n(Some("..\\..\\"), "../x.ts"), "x.ts");
    }

    #[test]
    fn first_party_excludes_dependencies_runtime_and_ignored() {
        assert!(is_first_party("src/a.ts", false));
        assert!(!is_first_party("src/a.ts", true));
        assert!(!is_first_party("node_modules/react/index.js", false));
        assert!(!is_first_party("webpack/bootstrap", false));
        assert!(!is_first_party("webpack/runtime/define", false));
    }

    #[test]
    fn export_paths_never_collide() {
        let mut r = RecoveredSources::default();
        add_text(&mut r, "a.ts", "1", true, "m");
        add_text(&mut r, "a.ts", "2", true, "m");
        add_text(&mut r, "a.variant-2.ts", "3", true, "m");
        let names: Vec<&str> = r.files().iter().map(|f| f.export_path()).collect();
        assert_eq!(
            names,
            ["a.ts", "a.variant-2.ts", "a.variant-2.variant-2.ts"]
        );
    }

    #[test]
    fn same_content_merges_different_content_keeps_variants() {
        let mut r = RecoveredSources::default();
        add_text(&mut r, "src/a.ts", "one", true, "a.js.map");
        add_text(&mut r, "src/a.ts", "one", true, "b.js.map");
        add_text(&mut r, "src/a.ts", "two", true, "c.js.map");
        add_text(&mut r, "src/b.ts", "one", true, "a.js.map");
        assert_eq!(r.len(), 3);
        assert_eq!(r.files()[0].maps, ["a.js.map", "b.js.map"]);
        assert_eq!(r.files()[1].variant, 1);
        assert_eq!(r.files()[1].export_path(), "src/a.variant-2.ts");
        assert_eq!(r.files()[0].export_path(), "src/a.ts");
        assert_eq!(r.bytes(), 9);
    }
}
