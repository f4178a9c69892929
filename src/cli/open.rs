//! Reading what the command line names into the core's pipeline: a tarball (read as it
//! decompresses), standard input, or a project folder (what `npm pack` would publish).

use std::io::{Read, Write};
use std::path::Path;

use leakscope::scan::Purpose;
use leakscope::session::{Options, Pipeline};
use leakscope::text::without_controls;
use leakscope::{ArchiveError, Session};

use super::CliError;
use super::progress::Progress;

/// A pipeline for `path`: a folder, `-`, a pipe, or a file.
pub fn pipeline(path: &Path, options: Options, progress: &Progress) -> Result<Pipeline, CliError> {
    let name = path.display().to_string();
    let read_error = |source| CliError::Read {
        path: name.clone(),
        source,
    };
    if path.is_dir() {
        progress.step("listing what npm would publish");
        return Ok(Pipeline::files(&name, read_directory(path)?, options));
    }
    progress.step("reading");
    // A pipe (`-`, `<(curl …)`) cannot be measured or rewound: it is read whole first.
    if path.as_os_str() == "-" || !path.is_file() {
        let bytes = read_whole(path).map_err(read_error)?;
        return Ok(Pipeline::bytes(&name, bytes, options));
    }
    Pipeline::file(path, options).map_err(read_error)
}

/// Runs a pipeline to its end, showing progress.
pub fn run(mut pipeline: Pipeline, progress: &Progress) -> Pipeline {
    progress.unpacking(pipeline.progress().total);
    while pipeline.step(leakscope::archive::STEP_BYTES) {
        progress.at(pipeline.progress().read);
    }
    progress.step("scanning");
    pipeline
}

/// Reads and scans one package.
pub fn session(path: &Path, digests: bool) -> Result<Session, CliError> {
    let progress = Progress::new();
    let options = Options {
        digests,
        ..Options::scan(now_ms())
    };
    let pipeline = run(pipeline(path, options, &progress)?, &progress);
    let session = pipeline.finish().map_err(|e| input_error(path, &e));
    progress.finish();
    let session = session?;
    if let Some(e) = &session.analysis.archive_error {
        let _ = writeln!(
            anstream::stderr(),
            "leakscope: warning: {} could not be read to its end: {}",
            without_controls(&path.display().to_string()),
            e.cause()
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
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Options for only what the maps embed.
pub fn extract_options() -> Options {
    Options {
        purpose: Purpose::Extract,
        digests: false,
        ..Options::scan(now_ms())
    }
}

/// The whole input: a file, or standard input for `-`.
fn read_whole(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// The files `npm pack` would put in the tarball, read from the directory.
fn read_directory(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, CliError> {
    let name = dir.display().to_string();
    let output = std::process::Command::new("npm")
        .args(["pack", "--dry-run", "--json", "--ignore-scripts"])
        .current_dir(dir)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CliError::NoNpm(name.clone()),
            _ => CliError::NpmPack {
                path: name.clone(),
                message: e.to_string(),
            },
        })?;
    let npm_error = |message: String| CliError::NpmPack {
        path: name.clone(),
        message,
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(npm_error(
            stderr
                .lines()
                .rfind(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_string(),
        ));
    }
    #[derive(serde::Deserialize)]
    struct Packed {
        files: Vec<PackedFile>,
    }
    #[derive(serde::Deserialize)]
    struct PackedFile {
        path: String,
    }
    let packed: Vec<Packed> = serde_json::from_slice(&output.stdout)
        .map_err(|e| npm_error(format!("unexpected output ({e})")))?;
    let mut files = Vec::new();
    for file in packed.into_iter().flat_map(|p| p.files) {
        let bytes = std::fs::read(dir.join(&file.path)).map_err(|source| CliError::Read {
            path: format!("{name}/{}", file.path),
            source,
        })?;
        files.push((file.path, bytes));
    }
    Ok(files)
}
