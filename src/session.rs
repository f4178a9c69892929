//! One package, opened: the pipeline that reads and scans it ([`Pipeline`], driven a step
//! at a time by the CLI and by the page's worker alike) and what it ends in ([`Session`]):
//! the archive, the analysis, the two trees, the recovered sources by path, the input's
//! digests and the name files are saved under.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::io::BufRead;

use serde::{Deserialize, Serialize};

use crate::archive::{Archive, ArchiveError, Unpack};
use crate::limits::{LimitHit, Limits};
use crate::package::Ecosystem;
use crate::recover::{RecoveredSource, RecoveredSources};
use crate::scan::{Analysis, Purpose, Scanner};
use crate::tree::{FileTree, Tab};
use crate::verdict::{self, Verdict};

/// The input's digests, as a ticket needs them: SHA-256 in hex and the SHA-512 integrity
/// string npm records (`sha512-<base64>`, comparable with `npm view NAME@VERSION
/// dist.integrity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digests {
    pub sha256: String,
    /// `sha512-<base64>`: what npm calls the integrity.
    #[serde(rename = "integrity")]
    pub sha512: String,
}

impl Digests {
    pub fn of(input: &[u8]) -> Digests {
        let mut hasher = Hasher::default();
        hasher.update(input);
        hasher.finish()
    }

    /// From raw digests (the page gets them from the browser's WebCrypto).
    pub fn from_raw(sha256: &[u8], sha512: &[u8]) -> Digests {
        use base64::Engine;
        Digests {
            sha256: sha256.iter().map(|b| format!("{b:02x}")).collect(),
            sha512: format!(
                "sha512-{}",
                base64::engine::general_purpose::STANDARD.encode(sha512)
            ),
        }
    }

    /// A short fingerprint, to recognise the same tarball again (in a link, after a reload).
    pub fn fingerprint(&self) -> &str {
        &self.sha256[..16]
    }
}

/// Both digests, fed a piece at a time.
#[derive(Default)]
pub struct Hasher {
    sha256: sha2::Sha256,
    sha512: sha2::Sha512,
}

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        use sha2::Digest;
        self.sha256.update(bytes);
        self.sha512.update(bytes);
    }

    pub fn finish(self) -> Digests {
        use sha2::Digest;
        Digests::from_raw(&self.sha256.finalize(), &self.sha512.finalize())
    }
}

/// What was given to Leakscope, as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputInfo {
    /// The file name (or `-`, a folder, `name@version`).
    pub name: String,
    /// Its size as given (compressed, for a `.tgz`).
    pub bytes: u64,
    pub digests: Option<Digests>,
    /// For a package opened by name: where it came from, and whether its integrity was
    /// verified against the registry (the shell that fetched it sets this).
    #[serde(default)]
    pub source: Option<crate::registry::Provenance>,
    /// For a project folder: its `.npmignore` and `.gitignore` files, which say why npm packed
    /// each file (`packing`); `None` for a tarball, which leaves them behind.
    #[serde(default)]
    pub ignore_files: Option<Vec<IgnoreFile>>,
}

/// An ignore file of the project folder: its folder (`""` at the root) and text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IgnoreFile {
    pub dir: String,
    pub name: String,
    pub text: String,
}

impl IgnoreFile {
    /// Its path in the folder: `.npmignore`, `dist/.npmignore`.
    pub fn path(&self) -> String {
        if self.dir.is_empty() {
            self.name.clone()
        } else {
            format!("{}/{}", self.dir, self.name)
        }
    }
}

/// How a pipeline runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub purpose: Purpose,
    pub limits: Limits,
    /// Work out the input's digests (natively on a thread of their own).
    pub digests: bool,
    /// When the scan started, in milliseconds since the Unix epoch (the shell's clock).
    pub started_ms: u64,
}

impl Options {
    pub fn scan(started_ms: u64) -> Options {
        Options {
            purpose: Purpose::Scan,
            limits: Limits::default(),
            digests: true,
            started_ms,
        }
    }
}

/// How far a pipeline has got, for a progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Compressed input consumed, of `total`.
    pub read: u64,
    pub total: u64,
    /// Decompressed bytes so far.
    pub unpacked: u64,
    /// Files complete so far.
    pub files: usize,
}

impl Progress {
    /// 0.0 to 1.0.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.read as f64 / self.total as f64).min(1.0)
        }
    }
}

enum Reading {
    Unpacking(Box<Unpack>),
    /// Files read from disk, all there is.
    Read(Archive),
}

enum DigestSource {
    None,
    Given(Digests),

    #[cfg(not(target_arch = "wasm32"))]
    Thread(std::thread::JoinHandle<Option<Digests>>),
}

/// Reads and scans one package, a step at a time: [`Pipeline::step`] until it returns
/// false, then [`Pipeline::finish`]. Each file is scanned as soon as it is unpacked (a
/// source map even while it arrives).
pub struct Pipeline {
    name: String,
    reading: Reading,
    scanner: Scanner,
    digests: DigestSource,
    options: Options,
    /// A project folder's ignore files, for the session's input.
    ignore_files: Option<Vec<IgnoreFile>>,
}

impl Pipeline {
    /// A package in memory (a dropped file, standard input, a download). Natively it is
    /// decompressed on one thread and scanned on this one, and the digests are worked out on
    /// a third; in the page the shell gives them ([`Pipeline::digests`]: the browser's
    /// WebCrypto is faster than this code compiled to WebAssembly).
    pub fn bytes(name: &str, input: Vec<u8>, options: Options) -> Pipeline {
        let input = std::sync::Arc::new(input);
        let digests = match options.digests {
            #[cfg(not(target_arch = "wasm32"))]
            true => {
                let input = input.clone();
                DigestSource::Thread(std::thread::spawn(move || Some(Digests::of(&input))))
            }
            _ => DigestSource::None,
        };
        Pipeline::with(name, Unpack::bytes(input, options.limits), digests, options)
    }

    /// A gzip stream read as it decompresses, in [`Pipeline::step`]: the page's worker
    /// reads the dropped file this way. The shell gives the digests ([`Pipeline::digests`]).
    pub fn inline(
        name: &str,
        input: Box<dyn BufRead>,
        input_len: u64,
        claimed: Option<usize>,
        options: Options,
    ) -> Pipeline {
        let unpack = Unpack::inline(input, input_len, claimed, options.limits);
        Pipeline::with(name, unpack, DigestSource::None, options)
    }

    /// Tar bytes decompressed elsewhere and [`Pipeline::push`]ed (the page's second
    /// worker); `claimed` is the decompressed size if known.
    pub fn fed(name: &str, input_len: u64, claimed: Option<usize>, options: Options) -> Pipeline {
        let unpack = Unpack::fed(input_len, claimed, options.limits);
        Pipeline::with(name, unpack, DigestSource::None, options)
    }

    /// Natively: a file, read as it decompresses.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file(path: &std::path::Path, options: Options) -> std::io::Result<Pipeline> {
        let name = path.display().to_string();
        let unpack = Unpack::file(std::fs::File::open(path)?, options.limits)?;
        let digests = if options.digests {
            // Read again on a thread of its own, from the page cache: hashing while the
            // other two threads inflate and scan costs them nothing.
            let path = path.to_path_buf();
            DigestSource::Thread(std::thread::spawn(move || {
                let mut file = std::fs::File::open(path).ok()?;
                let mut hasher = Hasher::default();
                let mut buf = vec![0; 1 << 20];
                loop {
                    match std::io::Read::read(&mut file, &mut buf) {
                        Ok(0) => return Some(hasher.finish()),
                        Ok(n) => hasher.update(&buf[..n]),
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => return None,
                    }
                }
            }))
        } else {
            DigestSource::None
        };
        Ok(Pipeline::with(&name, unpack, digests, options))
    }

    /// A project folder: the files `npm pack --dry-run` lists, already read, and the
    /// folder's ignore files (which say why npm packed each).
    pub fn folder(
        name: &str,
        files: Vec<(String, Vec<u8>)>,
        ignore_files: Vec<IgnoreFile>,
        options: Options,
    ) -> Pipeline {
        Pipeline {
            name: name.to_string(),
            reading: Reading::Read(Archive::from_files(files)),
            scanner: Scanner::with_limits(options.purpose, options.limits),
            digests: DigestSource::None,
            ignore_files: Some(ignore_files),
            options,
        }
    }

    fn with(name: &str, unpack: Unpack, digests: DigestSource, options: Options) -> Pipeline {
        let mut pipeline = Pipeline {
            name: name.to_string(),
            reading: Reading::Unpacking(Box::new(unpack)),
            scanner: Scanner::with_limits(options.purpose, options.limits),
            digests,
            options,
            ignore_files: None,
        };
        // A plain tar is all there already: its files can be scanned at once.
        pipeline.scan_arrived();
        pipeline
    }

    /// The digests of the input, worked out by the shell.
    pub fn digests(&mut self, digests: Digests) {
        self.digests = DigestSource::Given(digests);
    }

    /// Unpacks about `budget` more bytes and scans the files they complete; false once
    /// there is nothing more to unpack.
    pub fn step(&mut self, budget: usize) -> bool {
        let Reading::Unpacking(unpack) = &mut self.reading else {
            return false;
        };
        let more = unpack.step(budget);
        self.scan_arrived();
        more
    }

    /// Appends tar bytes decompressed elsewhere ([`Pipeline::fed`]); `consumed` is how much
    /// compressed input they took.
    pub fn push(&mut self, chunk: &[u8], consumed: u64) {
        if let Reading::Unpacking(unpack) = &mut self.reading {
            unpack.push(chunk, consumed);
        }
        self.scan_arrived();
    }

    /// Whether more pushed bytes would be read ([`Pipeline::fed`]): false once the archive
    /// ended or a fault or limit stopped it, when whoever pushes can stop.
    pub fn wants_more(&self) -> bool {
        matches!(&self.reading, Reading::Unpacking(u) if u.wants_more())
    }

    /// No more will be pushed; `error` says why when decompression broke off.
    pub fn end(&mut self, error: Option<ArchiveError>) {
        if let Reading::Unpacking(unpack) = &mut self.reading {
            unpack.end(error);
        }
    }

    fn scan_arrived(&mut self) {
        if let Reading::Unpacking(unpack) = &self.reading {
            self.scanner.advance(unpack.partial());
        }
    }

    pub fn progress(&self) -> Progress {
        match &self.reading {
            Reading::Unpacking(u) => Progress {
                read: u.consumed(),
                total: u.input_len(),
                unpacked: u.unpacked(),
                files: u.partial().files.len(),
            },
            Reading::Read(a) => Progress {
                read: a.input_bytes,
                total: a.input_bytes,
                unpacked: a.unpacked_bytes(),
                files: a.entries().len(),
            },
        }
    }

    /// Reads what is left; a package without a single readable file is an error (the
    /// error says why: not a package, empty, cut off before its first file), unless a limit
    /// stopped it: that is an incomplete package, reported as the other limits are.
    fn read_to_end(&mut self) -> Result<Archive, ArchiveError> {
        let reading = std::mem::replace(&mut self.reading, Reading::Read(Archive::default()));
        let archive = match reading {
            Reading::Unpacking(unpack) => {
                let scanner = &mut self.scanner;
                (*unpack).finish_with(|whole| scanner.advance(whole))
            }
            Reading::Read(archive) => archive,
        };
        match &archive.error {
            // Entries that could not be read are something to report.
            _ if !archive.entries().is_empty() || !archive.unread.is_empty() => Ok(archive),
            Some(e) if e.limit().is_some() => Ok(archive),
            _ => Err(archive.error.unwrap_or(ArchiveError::Empty)),
        }
    }

    /// Concludes: the whole scan, or the error that left nothing to scan.
    pub fn finish(mut self) -> Result<Session, ArchiveError> {
        let archive = self.read_to_end()?;
        let analysis = self.scanner.finish(&archive);
        let digests = match self.digests {
            DigestSource::None => None,
            DigestSource::Given(d) => Some(d),

            #[cfg(not(target_arch = "wasm32"))]
            DigestSource::Thread(thread) => thread.join().ok().flatten(),
        };
        Ok(Session::new(
            InputInfo {
                name: self.name,
                bytes: archive.input_bytes,
                digests,
                source: None,
                ignore_files: self.ignore_files,
            },
            archive,
            analysis,
            self.options.started_ms,
        ))
    }

    /// Concludes with only what the source maps embed (all that `extract` needs), the
    /// archive their texts are read from (its `error` says when it was read in part), and
    /// the limits that applied to the maps.
    pub fn finish_recovered(
        mut self,
    ) -> Result<(RecoveredSources, Archive, Vec<LimitHit>), ArchiveError> {
        let archive = self.read_to_end()?;
        let maps = self.scanner.maps(&archive);
        let hits = maps
            .source_maps
            .into_iter()
            .flat_map(|m| m.limits)
            .collect();
        Ok((maps.recovered, archive, hits))
    }
}

/// An analysed package, judged: where the pipeline ends, and what the shells derive from it.
pub struct Session {
    pub input: InputInfo,
    pub archive: Archive,
    pub analysis: Analysis,
    /// Judged once, here, from the analysis.
    pub verdict: Verdict,
    /// When the scan started, RFC 3339 UTC.
    pub scanned_at: String,
    trees: OnceCell<[FileTree; 2]>,
    /// Recovered source index by export path (`src/a.variant-2.ts`).
    recovered_by_path: OnceCell<HashMap<String, usize>>,
}

impl Session {
    pub fn new(input: InputInfo, archive: Archive, analysis: Analysis, started_ms: u64) -> Session {
        Session {
            verdict: verdict::judge(&analysis.evidence()),
            input,
            archive,
            analysis,
            scanned_at: rfc3339(started_ms),
            trees: OnceCell::new(),
            recovered_by_path: OnceCell::new(),
        }
    }

    /// `name@version` from package.json, or the input's name.
    pub fn label(&self) -> String {
        let a = &self.analysis;
        package_label(a.package.as_ref(), a.ecosystem).unwrap_or_else(|| self.input.name.clone())
    }

    /// A name for files saved from this package: `acme-cli-2.1.88`, safe in any file system.
    pub fn stem(&self) -> String {
        stem(self.analysis.package.as_ref(), &self.input.name)
    }

    /// The tree of one tab, built when first asked for.
    pub fn tree(&self, tab: Tab) -> &FileTree {
        let trees = self.trees.get_or_init(|| {
            [
                FileTree::of_package(&self.archive, &self.analysis),
                FileTree::of_recovered(&self.analysis.recovered, &self.analysis),
            ]
        });
        &trees[tab as usize]
    }

    /// A recovered source by its export path.
    pub fn recovered(&self, export_path: &str) -> Option<&RecoveredSource> {
        let index = self.recovered_by_path.get_or_init(|| {
            self.analysis
                .recovered
                .files()
                .iter()
                .enumerate()
                .map(|(i, f)| (f.export_path().to_string(), i))
                .collect()
        });
        index
            .get(export_path)
            .map(|&i| &self.analysis.recovered.files()[i])
    }

    /// The bytes of a file of either tree.
    pub fn bytes(&self, tab: Tab, path: &str) -> Option<Cow<'_, [u8]>> {
        match tab {
            Tab::Files => self
                .archive
                .find(path)
                .map(|e| self.archive.bytes(e).into()),
            Tab::Recovered => self
                .recovered(path)
                .map(|r| match r.text(self.archive.data()) {
                    Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
                    Cow::Owned(text) => Cow::Owned(text.into_bytes()),
                }),
        }
    }
}

/// A session of files made in a test, scanned at once (named `test.tgz`, digests of
/// `digests_of` when given).
#[cfg(test)]
pub(crate) fn of_files(files: &[(&str, &[u8])], digests_of: Option<&[u8]>) -> Session {
    let archive = Archive::from_files(
        files
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect(),
    );
    let analysis = crate::scan::scan(&archive);
    let input = InputInfo {
        name: "test.tgz".into(),
        bytes: archive.input_bytes,
        digests: digests_of.map(Digests::of),
        source: None,
        ignore_files: None,
    };
    Session::new(input, archive, analysis, 0)
}

/// `name@version`, when package.json names the package; in another ecosystem, as it
/// writes a release (`name==version` for Python, `group:artifact:version` for Java).
pub fn package_label(
    package: Option<&crate::package::PackageInfo>,
    ecosystem: Ecosystem,
) -> Option<String> {
    let p = package?;
    let name = p.name.as_deref()?;
    let between = match ecosystem {
        Ecosystem::Npm => "@",
        Ecosystem::Wheel | Ecosystem::Sdist => "==",
        Ecosystem::Java => ":",
        _ => " ",
    };
    Some(match p.version.as_deref() {
        Some(v) => format!("{name}{between}{v}"),
        None => name.to_string(),
    })
}

/// The stem of saved files: the package's `name-version`, or the input's name without its
/// extension, with only characters that are safe in a file name anywhere.
pub fn stem(package: Option<&crate::package::PackageInfo>, input_name: &str) -> String {
    let from_package = package.and_then(|p| {
        let name = p.name.as_deref()?.trim_start_matches('@').replace('/', "-");
        Some(format!(
            "{name}-{}",
            p.version.as_deref().unwrap_or("unversioned")
        ))
    });
    let stem = from_package.unwrap_or_else(|| {
        let base = input_name.rsplit(['/', '\\']).next().unwrap_or(input_name);
        crate::archive::EXTENSIONS
            .iter()
            .find_map(|ext| base.strip_suffix(ext))
            .unwrap_or(base)
            .to_string()
    });
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // Never a hidden file or an empty name.
    match safe.trim_start_matches('.') {
        "" => "package".to_string(),
        s => s.to_string(),
    }
}

/// Milliseconds since the Unix epoch as RFC 3339 UTC, to the second.
pub fn rfc3339(unix_ms: u64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(unix_ms);
    humantime::format_rfc3339_seconds(time).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::PackageInfo;

    #[test]
    fn digests_match_known_values() {
        let d = Digests::of(b"abc");
        assert_eq!(
            d.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(d.sha512.starts_with("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw=="));
        assert_eq!(d.fingerprint(), "ba7816bf8f01cfea");
        let mut h = Hasher::default();
        h.update(b"a");
        h.update(b"bc");
        assert_eq!(h.finish(), d);
    }

    #[test]
    fn labels_and_stems() {
        let pkg = |json: &str| PackageInfo::parse(json.as_bytes());
        let scoped = pkg(r#"{"name":"@acme/cli","version":"2.1.88"}"#);
        assert_eq!(
            package_label(scoped.as_ref(), Ecosystem::Npm).as_deref(),
            Some("@acme/cli@2.1.88")
        );
        assert_eq!(stem(scoped.as_ref(), "x.tgz"), "acme-cli-2.1.88");
        let unversioned = pkg(r#"{"name":"tool"}"#);
        assert_eq!(
            package_label(unversioned.as_ref(), Ecosystem::Npm).as_deref(),
            Some("tool")
        );
        assert_eq!(stem(unversioned.as_ref(), "x.tgz"), "tool-unversioned");
        assert_eq!(package_label(None, Ecosystem::Npm), None);
        assert_eq!(stem(None, "/tmp/dl/pkg-1.0.0.tgz"), "pkg-1.0.0");
        assert_eq!(stem(None, "a b<c>.tar.gz"), "a_b_c_");
        assert_eq!(stem(None, "..tgz"), "package");
        let hostile = pkg(r#"{"name":"../../etc","version":"<x>"}"#);
        assert_eq!(stem(hostile.as_ref(), "x"), "-..-etc-_x_");
    }

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_796_151_600_000), "2026-12-01T19:00:00Z");
    }

    #[test]
    fn progress_is_a_fraction() {
        let p = Progress {
            read: 5,
            total: 10,
            unpacked: 0,
            files: 0,
        };
        assert_eq!(p.fraction(), 0.5);
        assert_eq!(Progress::default().fraction(), 0.0);
    }
}
