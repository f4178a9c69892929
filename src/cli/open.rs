//! Reading what the command line names into the core's pipeline: a tarball (read as it
//! decompresses), standard input, a project folder (what `npm pack` would publish), or a
//! published version by name (fetched and verified first). A path that exists always wins
//! over a name.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use leakscope::limits::Limits;
use leakscope::registry::{Index, Provenance, Spec};
use leakscope::scan::Purpose;
use leakscope::session::{IgnoreFile, Options, Pipeline};
use leakscope::text::without_controls;
use leakscope::{ArchiveError, Session};

use super::CliError;
use super::fetch::{Fetcher, scrub};
use super::progress::ProgressLine;
use super::sys;

/// What an argument names.
pub enum ArgTarget {
    /// A file, a folder, or `-`.
    Path(PathBuf),
    /// A published version: `name`, `name@version`, `@scope/name@tag`, a tarball URL.
    Name(Spec),
}

/// Reads an argument: a path that exists (or `-`) is a path; so is anything that can only
/// be one (`./x`, `/x`, `x.tgz`), so that a missing file says so; the rest is a name.
pub fn target(arg: &Path) -> Result<ArgTarget, CliError> {
    let path = || Ok(ArgTarget::Path(arg.to_path_buf()));
    if arg.as_os_str() == "-" || sys::exists(arg) {
        return path();
    }
    let Some(s) = arg.to_str() else {
        return path();
    };
    let url = s.starts_with("https://") || s.starts_with("http://");
    let path_like = s.starts_with(['.', '/', '~'])
        || s.contains('\\')
        || (!s.starts_with('@') && s.contains('/'))
        || [".tgz", ".tar", ".tar.gz"].iter().any(|e| s.ends_with(e));
    if path_like && !url {
        return path();
    }
    match Spec::parse(s) {
        Ok(spec) => Ok(ArgTarget::Name(spec)),
        Err(e) if url => Err(e.into()),
        Err(e) => Err(CliError::NeitherFileNorName {
            arg: s.to_string(),
            why: e.to_string(),
        }),
    }
}

/// npm's registry settings, read when a name is first fetched (never for files), and the
/// Python index.
pub struct Registry {
    cli: Option<String>,
    pypi: Option<String>,
    fetcher: OnceLock<Fetcher>,
}

impl Registry {
    pub fn new(cli: Option<String>, pypi: Option<String>) -> Registry {
        Registry {
            cli,
            pypi,
            fetcher: OnceLock::new(),
        }
    }

    fn fetcher(&self) -> &Fetcher {
        self.fetcher
            .get_or_init(|| Fetcher::new(self.cli.as_deref(), self.pypi.as_deref()))
    }
}

/// A pipeline for what `arg` names, and where a fetched package came from.
pub fn open(
    arg: &Path,
    options: Options,
    progress: &ProgressLine,
    registry: &Registry,
) -> Result<(Pipeline, Option<Provenance>), CliError> {
    match target(arg)? {
        ArgTarget::Path(path) => Ok((pipeline(&path, options, progress)?, None)),
        ArgTarget::Name(spec) => {
            let fetched = registry.fetcher().fetch(&spec, progress)?;
            let label = without_controls(&fetched.label);
            if let Some(why) = &fetched.resolved.deprecated {
                let why = scrub(&without_controls(why));
                let _ = match fetched.resolved.index {
                    Index::Npm => writeln!(
                        sys::stderr(),
                        "leakscope: note: {label} is deprecated: {why}"
                    ),
                    Index::Pypi => writeln!(sys::stderr(), "leakscope: note: {label} was {why}"),
                };
            }
            if let Some(chosen) = &fetched.resolved.chosen {
                let chosen = without_controls(chosen);
                let _ = writeln!(sys::stderr(), "leakscope: {label}: reading {chosen}");
            }
            let pipeline = bytes_pipeline(&fetched.label, fetched.bytes, options);
            Ok((pipeline, Some(fetched.provenance)))
        }
    }
}

/// A pipeline for `path`: a folder, `-`, a pipe, or a file.
pub fn pipeline(
    path: &Path,
    options: Options,
    progress: &ProgressLine,
) -> Result<Pipeline, CliError> {
    let name = path.display().to_string();
    let read_error = |source| CliError::Read {
        path: name.clone(),
        source,
    };
    if sys::is_dir(path) {
        progress.step("listing what npm would publish");
        let files = read_directory(path)?;
        let ignore_files = read_ignore_files(path, &files);
        return Ok(Pipeline::folder(&name, files, ignore_files, options));
    }
    progress.step("reading");
    // A file is read as it decompresses, natively; under Node it is read whole (and its
    // digests worked out by Node), and so is a pipe (`-`, `<(curl …)`) anywhere: it cannot
    // be measured or rewound.
    #[cfg(not(target_arch = "wasm32"))]
    if path.as_os_str() != "-" && sys::is_file(path) {
        return Pipeline::file(path, options).map_err(read_error);
    }
    let bytes = read_whole(path).map_err(read_error)?;
    Ok(bytes_pipeline(&name, bytes, options))
}

/// A pipeline for bytes in memory, with their digests when the machine works them out
/// apart (Node's crypto; natively the pipeline does, on a thread of its own).
fn bytes_pipeline(name: &str, bytes: Vec<u8>, options: Options) -> Pipeline {
    let digests = options.digests.then(|| sys::digests(&bytes)).flatten();
    let mut pipeline = Pipeline::bytes(name, bytes, options);
    if let Some(digests) = digests {
        pipeline.digests(digests);
    }
    pipeline
}

/// Runs a pipeline to its end, showing progress.
pub fn run(mut pipeline: Pipeline, progress: &ProgressLine) -> Pipeline {
    progress.unpacking(pipeline.progress().total);
    while pipeline.step(leakscope::archive::STEP_BYTES) {
        progress.at(pipeline.progress().read);
    }
    progress.step("scanning");
    pipeline
}

/// Reads and scans one package, a file or a name.
pub fn session(
    arg: &Path,
    digests: bool,
    registry: &Registry,
    limits: Limits,
) -> Result<Session, CliError> {
    let progress = ProgressLine::new();
    let options = Options {
        digests,
        limits,
        ..Options::scan(now_ms())
    };
    let opened = open(arg, options, &progress, registry);
    let (pipeline, provenance) = match opened {
        Ok(o) => o,
        Err(e) => {
            progress.finish();
            return Err(e);
        }
    };
    let pipeline = run(pipeline, &progress);
    let session = pipeline.finish().map_err(|e| input_error(arg, &e));
    progress.finish();
    let mut session = session?;
    session.input.source = provenance;
    if let Some(e) = &session.analysis.archive_error {
        let _ = writeln!(
            sys::stderr(),
            "leakscope: warning: {} could not be read to its end: {}",
            without_controls(&session.input.name),
            without_controls(&e.cause())
        );
    }
    Ok(session)
}

pub fn input_error(path: &Path, e: &ArchiveError) -> CliError {
    CliError::Input {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

pub fn now_ms() -> u64 {
    sys::now_ms()
}

/// Options for only what the maps embed.
pub fn extract_options(limits: Limits) -> Options {
    Options {
        purpose: Purpose::Extract,
        digests: false,
        limits,
        ..Options::scan(now_ms())
    }
}

/// The whole input: a file, or standard input for `-`.
fn read_whole(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        sys::stdin_all()
    } else {
        sys::read(path)
    }
}

/// The `.npmignore` and `.gitignore` files of the folder and of every folder npm entered
/// (those holding packed files): what says why npm packed each file.
fn read_ignore_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Vec<IgnoreFile> {
    let mut folders: BTreeSet<&str> = BTreeSet::from([""]);
    for (path, _) in files {
        folders.extend(path.match_indices('/').map(|(i, _)| &path[..i]));
    }
    let mut out = Vec::new();
    for folder in folders {
        for name in [".npmignore", ".gitignore"] {
            if let Ok(text) = sys::read_to_string(&dir.join(folder).join(name)) {
                out.push(IgnoreFile {
                    dir: folder.to_string(),
                    name: name.to_string(),
                    text,
                });
            }
        }
    }
    out
}

/// The files the project's package manager would put in the tarball, read from the folder.
fn read_directory(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, CliError> {
    let name = dir.display().to_string();
    let mut files = Vec::new();
    for path in super::packer::list(dir)? {
        let bytes = sys::read(&dir.join(&path)).map_err(|source| CliError::Read {
            path: format!("{name}/{path}"),
            source,
        })?;
        files.push((path, bytes));
    }
    Ok(files)
}
