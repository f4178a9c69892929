//! What the page and its worker say to each other. The worker holds the [`Session`] (the
//! package stays in its memory); the page gets an [`Overview`] to render and asks for the
//! rest (a file's rows, a report, the .zip) when it is needed. Plain serde data: the shells
//! carry it with `serde-wasm-bindgen`, the tests with `serde_json`.

use serde::{Deserialize, Serialize};

use crate::archive::ArchiveError;
use crate::finding::{Finding, Verdict};
use crate::session::{Digests, InputInfo, Progress, Session};
use crate::view::file::{FileMeta, ViewRow};
use crate::view::tree::{FileTree, Tab};

/// Page -> worker. The package to analyse arrives from the inflater worker over the port
/// given beside [`Request::Analyse`], never inside a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Analyse the package that will come over the port given beside this message.
    Analyse { id: u32, name: String },
    /// Open a file in viewer slot `view`: answered by [`Response::File`].
    Open { view: u32, tab: Tab, path: String },
    /// Rows `from..to` of the file open in slot `view`: answered by [`Response::Rows`].
    Rows { view: u32, from: usize, to: usize },
    /// Something to save: answered by [`Response::Saved`].
    Save(Save),
}

/// Inflater worker -> scan worker, over the port the page gives them both: the package as
/// tar bytes, a chunk at a time; each chunk's bytes are a transferred buffer beside the
/// message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stream {
    /// A gzip file of `input_len` bytes whose trailer claims `claimed` decompressed bytes;
    /// tar chunks follow.
    Gzip {
        input_len: u64,
        claimed: Option<usize>,
    },
    /// Not gzip: the file's own bytes follow (a plain tar, or not a package at all).
    Raw { input_len: u64 },
    /// The next chunk; `consumed` compressed bytes were read for it and those before.
    Chunk { consumed: u64 },
    /// Nothing more: decompression ended, or stopped for `error`.
    End { error: Option<ArchiveError> },
    /// The file's digests, worked out once decompression is done (they are not needed for
    /// the verdict, so they do not hold it up).
    Digests(Digests),
}

/// What the page can save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Save {
    Json,
    Markdown,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// The worker has started and waits for work.
    Ready,
    Progress {
        id: u32,
        progress: Progress,
    },
    Done {
        id: u32,
        overview: Box<Overview>,
    },
    /// The input's digests, which arrive after the verdict.
    Digests {
        id: u32,
        digests: Digests,
    },
    /// Nothing could be read: not a package, an empty file, cut off before its first file.
    Failed {
        id: u32,
        message: String,
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
    pub licence: Option<String>,
    pub scanned_at: String,
    pub files: usize,
    pub unpacked_bytes: u64,
    pub source_maps: usize,
    pub recovered_files: usize,
    pub recovered_own: usize,
    pub recovered_bytes: u64,
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
    /// Why the package could only be read in part.
    pub archive_error: Option<String>,
    pub files_tree: FileTree,
    pub recovered_tree: FileTree,
    /// How long each phase took in the worker, in ms (the shell measures; the core has no
    /// clock): shown as "analysed in …", read by the benchmark.
    pub phases: Vec<(String, u32)>,
}

impl Overview {
    pub fn of(s: &Session) -> Overview {
        let a = &s.analysis;
        Overview {
            input: s.input.clone(),
            label: s.label(),
            licence: a.package.as_ref().map(|p| p.licence.describe()),
            scanned_at: s.scanned_at.clone(),
            files: a.files,
            unpacked_bytes: a.unpacked_bytes,
            source_maps: a.source_maps.len(),
            recovered_files: a.recovered.len(),
            recovered_own: a.recovered.files().iter().filter(|f| f.first_party).count(),
            recovered_bytes: a.recovered.bytes(),
            findings: a.findings.clone(),
            verdict: a.verdict.clone(),
            archive_error: a.archive_error.as_ref().map(|e| e.cause()),
            files_tree: s.tree(Tab::Files).clone(),
            recovered_tree: s.tree(Tab::Recovered).clone(),
            phases: Vec::new(),
        }
    }

    pub fn tree(&self, tab: Tab) -> &FileTree {
        match tab {
            Tab::Files => &self.files_tree,
            Tab::Recovered => &self.recovered_tree,
        }
    }

    /// The short fingerprint of a dropped tarball, for links.
    pub fn fingerprint(&self) -> Option<&str> {
        self.input.digests.as_ref().map(|d| d.fingerprint())
    }
}

/// The answer to a [`Save`], from the session: a file name, a MIME type and the bytes.
pub fn save(s: &Session, what: &Save) -> Result<Response, String> {
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
            crate::export::zip_recovered(&s.analysis.recovered, *own_only)
                .map_err(|e| format!("the .zip could not be made: {e}"))?,
        ),
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
    use crate::archive::Archive;

    fn session() -> Session {
        let archive = Archive::from_files(vec![
            (
                "package.json".into(),
                br#"{"name":"@acme/x","version":"1.0.0"}"#.to_vec(),
            ),
            ("lib/a.js".into(), b"a()".to_vec()),
        ]);
        let analysis = crate::scan::scan(&archive);
        let input = InputInfo {
            name: "x.tgz".into(),
            bytes: 10,
            digests: Some(crate::session::Digests::of(b"x")),
        };
        Session::new(input, archive, analysis, 0)
    }

    #[test]
    fn messages_survive_the_trip() {
        let s = session();
        let overview = Overview::of(&s);
        assert_eq!(overview.label, "@acme/x@1.0.0");
        assert_eq!(overview.files_tree.file_count(), 2);
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
        ] {
            let json = serde_json::to_string(&message).unwrap();
            assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), message);
        }
        let request = Request::Open {
            view: 1,
            tab: Tab::Files,
            path: "lib/a.js".into(),
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
    }

    #[test]
    fn saves_are_named_after_the_package() {
        let s = session();
        let name = |what| match save(&s, &what).unwrap() {
            Response::Saved { name, mime, bytes } => (name, mime, bytes.len() > 0),
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
                }
            )
            .is_err()
        );
    }
}
