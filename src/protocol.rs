//! What the page and its worker say to each other. The worker holds the [`Session`] (the
//! package stays in its memory); the page gets an [`Overview`] to render and asks for the
//! rest (a file's rows, a report, the .zip) when it is needed. Plain serde data, carried as
//! bincode bytes ([`encode`], [`decode`]).

use serde::{Deserialize, Serialize};

use crate::diff::{Comparison, FileStatus, Which};
use crate::document::file::{FileMeta, ViewRow};
use crate::document::origin::LineOrigin;
use crate::finding::Finding;
use crate::registry::{
    Expected, Packument, Provenance, RegistryError, Resolved, Spec, VersionList,
};
use crate::session::{Digests, InputInfo, Progress, Session};
use crate::tree::{Node, Tab};
use crate::verdict::Verdict;

/// Page -> worker. The bytes to read travel beside [`Request::Analyse`] and
/// [`Request::Packument`] (a `File` or `Blob` handle, or a transferred buffer), never inside
/// a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Analyse the file given beside this message. The worker keeps the session `keep` (the
    /// package this one is compared with) and lets every other go. With a `check`, the
    /// bytes are a download that must match the registry's integrity before they are read.
    Analyse {
        id: u32,
        name: String,
        keep: Option<u32>,
        check: Option<Box<IntegrityCheck>>,
    },
    /// Make the built-in example package (`crate::example`) and analyse it as `Analyse`
    /// would a dropped file named [`crate::example::NAME`].
    Example { id: u32, keep: Option<u32> },
    /// Read the packument given beside this message (fetched from `registry` for `spec`),
    /// keep it, and resolve `spec` in it: answered by [`Response::Resolved`] with the
    /// package's versions.
    Packument {
        id: u32,
        registry: String,
        spec: Spec,
    },
    /// Resolve `spec` in the packument kept from an earlier [`Request::Packument`]:
    /// answered by [`Response::Resolved`].
    Resolve {
        id: u32,
        registry: String,
        spec: Spec,
    },
    /// Compare two analysed packages: answered by [`Response::Compared`], with the marks
    /// for the tree of the one shown (NEW when `shown_is_new`, else OLD).
    Compare {
        old: u32,
        new: u32,
        shown_is_new: bool,
    },
    /// Open a file of the package analysed as `session` in viewer slot `view`: answered by
    /// [`Response::File`].
    Open {
        session: u32,
        view: u32,
        tab: Tab,
        path: String,
    },
    /// Rows `from..to` of the file open in slot `view`: answered by [`Response::Rows`].
    Rows { view: u32, from: usize, to: usize },
    /// Slot `view` is no longer shown: the worker lets its file go.
    Close { view: u32 },
    /// Where `line` of the file in slot `view` came from, or what was made from it:
    /// answered by [`Response::Origin`].
    Origin {
        session: u32,
        view: u32,
        tab: Tab,
        path: String,
        line: u32,
    },
    /// Something of the package analysed as `session` to save: answered by
    /// [`Response::Saved`].
    Save { session: u32, what: Save },
}

/// The worker's name when the page asks it to do all the work itself, decompression
/// included, with no inflater beside it (`?workers=1`, to measure one against two).
pub const ONE_WORKER: &str = "one-worker";

/// The name the page starts its worker under, from the page's query: [`ONE_WORKER`] for
/// `?workers=1`, else none.
pub fn worker_name(query: &str) -> &'static str {
    let pairs = query.strip_prefix('?').unwrap_or(query).split('&');
    if pairs.into_iter().any(|pair| pair == "workers=1") {
        ONE_WORKER
    } else {
        ""
    }
}

/// The worker -> its inflater (a second instance of the worker, on a core of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToInflater {
    /// Decompress the gzip file given beside this message, up to `limit` bytes and one more
    /// (so that the scan sees the limit crossed), in [`FromInflater::Chunk`]s.
    Inflate { id: u32, limit: u64 },
    /// The scan of `id` needs nothing more: stop decompressing it.
    Stop { id: u32 },
}

/// The inflater -> the worker. A chunk's tar bytes travel beside the message, in a
/// transferred buffer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FromInflater {
    /// It has started and waits for work.
    Ready,
    /// The next tar bytes of `id`.
    Chunk { id: u32 },
    /// Nothing more of `id`: the stream ended, or the limit was passed.
    End { id: u32 },
    /// The browser could not read or decompress the file of `id` (damaged, cut short, more
    /// than one gzip member): the worker reads it itself, to say why.
    Failed { id: u32 },
}

/// A download's check against the registry, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrityCheck {
    pub expected: Expected,
    /// Its `integrity_verified` is filled in by the check.
    pub provenance: Provenance,
    /// Read it even if it does not match (the person asked to, after seeing the mismatch).
    pub anyway: bool,
}

/// The formats a comparison saves as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffFormat {
    Json,
    Markdown,
    Sarif,
}

/// What the page can save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Save {
    Json,
    Markdown,
    /// The comparison of the package analysed as `old` with this one.
    Comparison {
        old: u32,
        format: DiffFormat,
    },
    /// The recovered sources as a .zip; only the package's own with `own_only`.
    Zip {
        own_only: bool,
    },
    /// One file, byte for byte.
    File {
        tab: Tab,
        path: String,
    },
}

/// Worker -> page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker has started and waits for work.
    Ready,
    /// The worker has scanned its warm-up package: a scan now runs at full speed.
    Warm,
    Progress {
        id: u32,
        progress: Progress,
    },
    Done {
        id: u32,
        overview: Box<Overview>,
    },
    /// A slice of one of the trees, which follow [`Response::Done`] (see
    /// [`crate::tree::SLICE_NODES`]); `last` ends the tree.
    Tree {
        id: u32,
        tab: Tab,
        nodes: Vec<Node>,
        last: bool,
    },
    /// The input's digests, which arrive after the verdict.
    Digests {
        id: u32,
        digests: Digests,
    },
    /// Nothing could be read: not a package, an empty file, cut off before its first file;
    /// or a packument that is not one.
    Failed {
        id: u32,
        message: String,
    },
    /// The version a spec resolves to (or why none does); with the package's versions
    /// when its packument was just read.
    Resolved {
        id: u32,
        versions: Option<Box<VersionList>>,
        result: Result<Box<Resolved>, RegistryError>,
    },
    /// The download does not match the registry's integrity, and was not read.
    Mismatch {
        id: u32,
        error: RegistryError,
    },
    /// The comparison of [`Request::Compare`], with the status of each node of the shown
    /// package's files tree (by index, as [`crate::tree::FileTree`] numbers them).
    Compared {
        old: u32,
        new: u32,
        comparison: Box<Comparison>,
        marks: Vec<FileStatus>,
    },
    File {
        view: u32,
        meta: Box<FileMeta>,
    },
    Rows {
        view: u32,
        from: usize,
        rows: Vec<ViewRow>,
    },
    Origin {
        view: u32,
        line: u32,
        origin: LineOrigin,
    },
    Saved {
        name: String,
        mime: String,
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
}

/// An analysis as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub input: InputInfo,
    /// `name@version`, or the file's name.
    pub label: String,
    /// The package's name and version, from its `package.json`.
    pub name: Option<String>,
    pub version: Option<String>,
    pub licence: Option<String>,
    /// What kind of package it is, from its files.
    pub ecosystem: crate::package::Ecosystem,
    pub scanned_at: String,
    pub files: usize,
    pub unpacked_bytes: u64,
    pub source_maps: usize,
    pub recovered_files: usize,
    pub recovered_own: usize,
    pub recovered_bytes: u64,
    pub findings: Vec<Finding>,
    /// Why npm packed each file with a finding, and what keeps it out.
    pub shipped: Vec<crate::packing::Shipped>,
    pub verdict: Verdict,
    /// Why the package could only be read in part.
    pub archive_error: Option<String>,
    /// The limits that applied (the page always reads with the defaults).
    pub limits_hit: Vec<crate::limits::LimitHit>,
    /// How long each phase took in the worker, in ms (the shell measures; the core has no
    /// clock): shown as "analysed in …", read by the benchmark.
    pub phases: Vec<(String, u32)>,
    /// The worker's memory when the analysis ended, in bytes (WebAssembly memory never
    /// shrinks: its peak), read by the benchmark.
    pub worker_memory: u64,
}

impl Overview {
    pub fn of(s: &Session) -> Overview {
        let a = &s.analysis;
        Overview {
            input: s.input.clone(),
            label: s.label(),
            name: a.package.as_ref().and_then(|p| p.name.clone()),
            version: a.package.as_ref().and_then(|p| p.version.clone()),
            licence: a.package.as_ref().map(|p| p.licence.describe()),
            ecosystem: a.ecosystem,
            scanned_at: s.scanned_at.clone(),
            files: a.files,
            unpacked_bytes: a.unpacked_bytes,
            source_maps: a.source_maps.len(),
            recovered_files: a.recovered.len(),
            recovered_own: a.recovered.files().iter().filter(|f| f.first_party).count(),
            recovered_bytes: a.recovered.bytes(),
            findings: a.findings.clone(),
            shipped: crate::packing::shipped(s, false),
            verdict: s.verdict.clone(),
            archive_error: a.archive_error.as_ref().map(|e| e.cause()),
            limits_hit: a.limits_hit.clone(),
            phases: Vec::new(),
            worker_memory: 0,
        }
    }

    /// The short fingerprint of a dropped tarball, for links.
    pub fn fingerprint(&self) -> Option<&str> {
        self.input.digests.as_ref().map(|d| d.fingerprint())
    }
}

/// A message as the bytes that cross between the page and its worker (bincode, gloo-worker's
/// codec: the page decodes a large package's overview in a fraction of the time
/// `serde-wasm-bindgen` takes; measured in the README's "How it is built").
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    bincode::serialize(message).expect("plain data")
}

/// The message in `bytes`, or why they are not one.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    bincode::deserialize(bytes).map_err(|e| e.to_string())
}

/// The messages that send a session's two trees to the page, a slice at a time.
pub fn trees(id: u32, s: &Session) -> impl Iterator<Item = Response> + '_ {
    [Tab::Files, Tab::Recovered]
        .into_iter()
        .flat_map(move |tab| {
            let slices: Vec<&[Node]> = s.tree(tab).slices().collect();
            let n = slices.len();
            slices
                .into_iter()
                .enumerate()
                .map(move |(i, nodes)| Response::Tree {
                    id,
                    tab,
                    nodes: nodes.to_vec(),
                    last: i + 1 == n,
                })
        })
}

/// The answer to [`Request::Packument`] (`fresh`: with the versions) or
/// [`Request::Resolve`], from the packument.
pub fn resolved(
    id: u32,
    registry: &str,
    spec: &Spec,
    packument: &Packument,
    fresh: bool,
) -> Response {
    Response::Resolved {
        id,
        versions: fresh.then(|| Box::new(VersionList::of(packument))),
        result: crate::registry::resolve(packument, spec, registry).map(Box::new),
    }
}

/// The comparison of two sessions, and how each node of the shown one's files tree fares.
pub fn compared(
    (old_id, old): (u32, &Session),
    (new_id, new): (u32, &Session),
    shown_is_new: bool,
) -> Response {
    let comparison = crate::diff::compare(old, new);
    let (side, shown) = if shown_is_new {
        (Which::New, new)
    } else {
        (Which::Old, old)
    };
    let statuses = comparison.statuses(
        side,
        shown.archive.entries().iter().map(|e| e.path.as_str()),
    );
    let marks = shown
        .tree(Tab::Files)
        .nodes()
        .iter()
        .map(|n| statuses.get(&n.path).unwrap_or(FileStatus::Unchanged))
        .collect();
    Response::Compared {
        old: old_id,
        new: new_id,
        comparison: Box::new(comparison),
        marks,
    }
}

/// The answer to a [`Save`], from the session (and for a comparison, the `old` one): a file
/// name, a MIME type and the bytes.
pub fn save(s: &Session, what: &Save, old: Option<&Session>) -> Result<Response, String> {
    let stem = s.stem();
    let (name, mime, bytes) = match what {
        Save::Json => (
            format!("{stem}.leakscope.json"),
            "application/json",
            crate::report::Report::new(s).to_json().into_bytes(),
        ),
        Save::Markdown => (
            format!("{stem}.leakscope.md"),
            "text/markdown",
            crate::report::markdown(s).into_bytes(),
        ),
        Save::Zip { own_only } => (
            format!(
                "{stem}-{}.zip",
                if *own_only {
                    "own-sources"
                } else {
                    "recovered-sources"
                }
            ),
            "application/zip",
            crate::export::zip_recovered(&s.analysis.recovered, s.archive.data(), *own_only)
                .map_err(|e| format!("the .zip could not be made: {e}"))?,
        ),
        Save::Comparison { format, .. } => {
            let old = old.ok_or("the package compared with is no longer open")?;
            let c = crate::diff::compare(old, s);
            let stem = format!("{}-vs-{}", old.stem(), stem);
            match format {
                DiffFormat::Json => (
                    format!("{stem}.leakscope-diff.json"),
                    "application/json",
                    c.to_json().into_bytes(),
                ),
                DiffFormat::Markdown => (
                    format!("{stem}.leakscope-diff.md"),
                    "text/markdown",
                    c.markdown().into_bytes(),
                ),
                DiffFormat::Sarif => (
                    format!("{stem}.leakscope-diff.sarif"),
                    "application/sarif+json",
                    c.sarif().into_bytes(),
                ),
            }
        }
        Save::File { tab, path } => {
            let bytes = s
                .bytes(*tab, path)
                .ok_or_else(|| format!("{path} is not in this package"))?;
            let name = path.rsplit('/').next().unwrap_or("file");
            (name.to_string(), "application/octet-stream", bytes.to_vec())
        }
    };
    Ok(Response::Saved {
        name,
        mime: mime.to_string(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        let package: &[u8] = br#"{"name":"@acme/x","version":"1.0.0"}"#;
        let files = [("package.json", package), ("lib/a.js", b"a()")];
        crate::session::of_files(&files, Some(b"x"))
    }

    #[test]
    fn messages_survive_the_trip() {
        let s = session();
        let overview = Overview::of(&s);
        assert_eq!(overview.label, "@acme/x@1.0.0");
        assert_eq!(
            overview.fingerprint(),
            Some(&s.input.digests.as_ref().unwrap().sha256[..16])
        );
        for message in [
            Response::Done {
                id: 3,
                overview: Box::new(overview),
            },
            Response::Progress {
                id: 3,
                progress: Progress::default(),
            },
            Response::Tree {
                id: 3,
                tab: Tab::Files,
                nodes: s.tree(Tab::Files).slices().next().unwrap().to_vec(),
                last: true,
            },
        ] {
            let json = serde_json::to_string(&message).unwrap();
            assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), message);
            assert_eq!(decode::<Response>(&encode(&message)), Ok(message));
        }
        let request = Request::Open {
            session: 3,
            view: 1,
            tab: Tab::Files,
            path: "lib/a.js".into(),
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
        assert_eq!(decode::<Request>(&encode(&request)), Ok(request));
        assert!(decode::<Request>(b"\xff\xff").is_err());
        // A download's check, from npm (no file chosen) and from PyPI (one chosen).
        for spec in ["@acme/x@1.0.0", "pypi:acme-x==1.0.0"] {
            let spec = crate::registry::Spec::parse(spec).unwrap();
            let chosen = (spec.index == crate::registry::Index::Pypi).then(|| "x.whl".to_string());
            let resolved = crate::registry::Resolved {
                name: spec.name.clone(),
                version: "1.0.0".into(),
                tarball: "https://r.example/x".into(),
                integrity: crate::registry::Expected::parse_sri(&crate::registry::sri(
                    crate::registry::Algorithm::Sha256,
                    &[7; 32],
                ))
                .unwrap(),
                deprecated: None,
                tags: Vec::new(),
                unpacked_size: None,
                file_count: None,
                license: None,
                chosen,
                index: spec.index,
            };
            let check = IntegrityCheck {
                expected: resolved.integrity.clone(),
                provenance: Provenance::new("https://r.example/", &spec, &resolved, None),
                anyway: false,
            };
            let bytes = encode(&check);
            assert_eq!(decode::<IntegrityCheck>(&bytes), Ok(check));
        }
    }

    #[test]
    fn saves_are_named_after_the_package() {
        let s = session();
        let name = |what| match save(&s, &what, Some(&s)).unwrap() {
            Response::Saved { name, mime, bytes } => (name, mime, !bytes.is_empty()),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            name(Save::Json),
            (
                "acme-x-1.0.0.leakscope.json".into(),
                "application/json".into(),
                true
            )
        );
        assert_eq!(name(Save::Markdown).0, "acme-x-1.0.0.leakscope.md");
        let diff = |format| Save::Comparison { old: 1, format };
        assert_eq!(
            name(diff(DiffFormat::Sarif)),
            (
                "acme-x-1.0.0-vs-acme-x-1.0.0.leakscope-diff.sarif".into(),
                "application/sarif+json".into(),
                true
            )
        );
        assert!(save(&s, &diff(DiffFormat::Json), None).is_err());
        assert_eq!(
            name(Save::Zip { own_only: true }).0,
            "acme-x-1.0.0-own-sources.zip"
        );
        assert_eq!(
            name(Save::File {
                tab: Tab::Files,
                path: "lib/a.js".into()
            }),
            ("a.js".into(), "application/octet-stream".into(), true)
        );
        assert!(
            save(
                &s,
                &Save::File {
                    tab: Tab::Files,
                    path: "nope".into()
                },
                None
            )
            .is_err()
        );
    }

    #[test]
    fn the_page_asks_for_one_worker_by_its_query() {
        assert_eq!(worker_name("?workers=1"), ONE_WORKER);
        assert_eq!(worker_name("?a=b&workers=1"), ONE_WORKER);
        for query in ["", "?", "?workers=2", "?workers=10", "?xworkers=1"] {
            assert_eq!(worker_name(query), "", "{query}");
        }
    }

    #[test]
    fn the_inflaters_messages_read_back() {
        for message in [
            FromInflater::Ready,
            FromInflater::Chunk { id: 3 },
            FromInflater::End { id: 3 },
            FromInflater::Failed { id: 4 },
        ] {
            assert_eq!(decode::<FromInflater>(&encode(&message)), Ok(message));
        }
        let stop = ToInflater::Stop { id: 1 };
        assert_eq!(decode::<ToInflater>(&encode(&stop)), Ok(stop));
    }
}
