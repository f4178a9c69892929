//! `extract`: the recovered original sources written to a folder, and nothing ever
//! written outside it.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use leakscope::recover::RecoveredSource;
use leakscope::text::{count, size, without_controls};

use super::CliError;
use super::open::{Registry, extract_options, input_error, open, run as run_pipeline};
use super::progress::ProgressLine;
use super::sys::{self, Kind};

/// Writer threads for `extract`; beyond 4 this disk gained nothing.
const WRITERS: usize = 4;

pub fn run(
    package: &Path,
    output: &Path,
    own_only: bool,
    registry: &Registry,
    limits: leakscope::limits::Limits,
) -> Result<u8, CliError> {
    let progress = ProgressLine::new();
    // Only the maps matter here; the rest of the scan would be wasted work.
    let opened = open(package, extract_options(limits), &progress, registry);
    let (pipeline, _) = opened.inspect_err(|_| progress.finish())?;
    let pipeline = run_pipeline(pipeline, &progress);
    let read = pipeline.finish_recovered();
    progress.finish();
    let (recovered, archive, hits) = read.map_err(|e| input_error(package, &e))?;
    let mut err = sys::stderr();
    if let Some(e) = &archive.error {
        let _ = writeln!(
            err,
            "leakscope: warning: {} could not be read to its end ({}); writing what was recovered before that",
            without_controls(&package.display().to_string()),
            without_controls(&e.cause())
        );
    }
    for hit in &hits {
        let _ = writeln!(
            err,
            "leakscope: warning: {} ({} {})",
            without_controls(&hit.message),
            hit.limit.option(),
            hit.limit.show(hit.value)
        );
    }
    let write_error = |path: &Path, source| CliError::Write {
        path: path.display().to_string(),
        source,
    };
    sys::create_dir_all(output).map_err(|e| write_error(output, e))?;
    let root = sys::canonicalize(output).map_err(|e| write_error(output, e))?;
    let files: Vec<&RecoveredSource> = recovered
        .files()
        .iter()
        .filter(|f| f.first_party || !own_only)
        .collect();
    // Several writers: most of the time goes to the file system, not the CPU.
    let write_all = |part: &[&RecoveredSource]| {
        let mut skipped = Vec::new();
        let mut checked = HashSet::new();
        for source in part {
            let path = source.export_path();
            let text = source.text(archive.data());
            if let Err(e) = write_inside(&root, path, text.as_bytes(), &mut checked) {
                skipped.push((format!("{path}: {e}"), source.size()));
            }
        }
        skipped
    };
    let parts: Vec<&[&RecoveredSource]> =
        files.chunks(files.len().div_ceil(WRITERS).max(1)).collect();
    let mut skipped: Vec<(String, u64)> = sys::par_map(&parts, WRITERS, |part| write_all(part))
        .into_iter()
        .flatten()
        .collect();
    skipped.sort();
    for (why, _) in &skipped {
        let _ = writeln!(err, "leakscope: skipped {}", without_controls(why));
    }
    let written_bytes: u64 =
        files.iter().map(|f| f.size()).sum::<u64>() - skipped.iter().map(|(_, b)| b).sum::<u64>();
    let _ = writeln!(
        sys::stdout(),
        "{} recovered source files ({}) written to {}{}",
        count((files.len() - skipped.len()) as u64),
        size(written_bytes),
        without_controls(&output.display().to_string()),
        if skipped.is_empty() {
            String::new()
        } else {
            format!("; {} skipped", count(skipped.len() as u64))
        }
    );
    Ok(0)
}

/// Writes `data` at `root/relative`, refusing anything that would land outside `root`:
/// `..` or absolute parts, and symlinks or files already in the way (a folder is created
/// only after its parent was checked, so nothing is ever made outside either).
///
/// `checked` remembers the folders this writer has already checked or made, so that 4,700
/// files in a few folders cost a few checks, not one per file and folder.
fn write_inside(
    root: &Path,
    relative: &str,
    data: &[u8],
    checked: &mut HashSet<String>,
) -> std::io::Result<()> {
    let refuse = |why: &str| Err(std::io::Error::other(why.to_string()));
    let parts: Vec<&str> = relative.split('/').collect();
    if parts
        .iter()
        .any(|p| matches!(*p, "" | "." | "..") || p.contains(['\\', ':']))
    {
        return refuse("the path would leave the output folder");
    }
    let (name, dirs) = parts.split_last().expect("split gives at least one part");
    let mut at = root.to_path_buf();
    let mut prefix = String::new();
    for dir in dirs {
        at.push(dir);
        prefix.push_str(dir);
        prefix.push('/');
        if checked.contains(&prefix) {
            continue;
        }
        // Made here, it is a real folder; already there, it must be one (not a symlink).
        match sys::create_dir(&at) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if sys::kind(&at, false)? != Kind::Dir {
                    return refuse("a file or symlink is in the way");
                }
            }
            Err(e) => return Err(e),
        }
        checked.insert(prefix.clone());
    }
    at.push(name);
    // `create_new` fails on anything already there, a symlink included (O_EXCL): a regular
    // file there is removed first (never what a symlink points to), anything else refused.
    match sys::create_new(&at, data) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if sys::kind(&at, false)? != Kind::File {
                return refuse("a symlink or folder is in the way");
            }
            sys::remove_file(&at)?;
            sys::create_new(&at, data)
        }
        other => other,
    }
}
