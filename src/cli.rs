//! The command-line shell: parses arguments, reads packages, prints reports, writes
//! recovered sources. All judgement lives in the core; this only moves bytes and text.

use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::{Parser, Subcommand, ValueEnum};

use crate::archive::Archive;
use crate::finding::{Finding, Severity, count, size};
use crate::report::{Integrity, Report, markdown, sarif};
use crate::scan::{Analysis, Purpose, Scanner};
use crate::view::{GROUP_AT, group_findings};

const EXIT_CODES: &str = "Exit codes:\n  0  no finding at or above --fail-on\n  1  a finding at or above --fail-on\n  2  a usage or input error";

#[derive(Parser)]
#[command(
    name = "leakscope",
    version,
    about = "Does this npm package leak its source code or secrets?",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan packages and report what they leak.
    #[command(after_help = EXIT_CODES)]
    Scan {
        /// A .tgz, .tar.gz or .tar file, `-` for standard input, or a directory with a
        /// package.json (scans exactly what `npm pack` would publish; needs npm).
        #[arg(required = true, value_name = "PKG")]
        packages: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when a finding of this severity or worse exists.
        #[arg(long, value_enum, default_value_t = Level::High, value_name = "SEVERITY")]
        fail_on: Level,
    },
    /// Write the original sources recovered from the package's source maps to a folder.
    #[command(after_help = "Exit codes:\n  0  written\n  2  a usage or input error")]
    Extract {
        #[arg(value_name = "PKG")]
        package: PathBuf,
        /// Folder to write into (created if missing). Nothing is ever written outside it.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum Level {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::Critical => Severity::Critical,
            Level::High => Severity::High,
            Level::Medium => Severity::Medium,
            Level::Low => Severity::Low,
            Level::Info => Severity::Info,
        }
    }
}

/// Why the CLI could not do what was asked: exit code 2.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    #[error(
        "{0} is a directory; to learn which files it would publish, Leakscope runs `npm pack --dry-run`, \
         but npm is not installed. Install Node.js, or pass the .tgz that `npm pack` makes."
    )]
    NoNpm(String),
    #[error("`npm pack --dry-run` failed in {path}: {message}")]
    NpmPack { path: String, message: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan {
            packages,
            format,
            fail_on,
        } => run_scan(&packages, format, fail_on.into()),
        Command::Extract { package, output } => run_extract(&package, &output),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                anstream::stderr(),
                "{}leakscope:{} {e}",
                RED.render(),
                RED.render_reset()
            );
            ExitCode::from(2)
        }
    }
}

const RED: Style = AnsiColor::Red.on_default().bold();

/// A package read and scanned, with what the reports need besides the analysis.
struct Scanned {
    name: String,
    analysis: Analysis,
    /// The input's bytes when it was a tarball, for the digests a Markdown report shows.
    input: Option<Vec<u8>>,
}

/// A package read into memory, with the facts of its files worked out as they arrived.
struct Opened {
    name: String,
    archive: Archive,
    scanner: Scanner,
    /// The tarball's bytes, kept only when a report needs their digests.
    input: Option<Vec<u8>>,
    progress: Progress,
}

fn open(path: &Path, keep_input: bool, purpose: Purpose) -> Result<Opened, CliError> {
    let name = path.display().to_string();
    let progress = Progress::new();
    let mut scanner = Scanner::new(purpose);
    let (archive, input) = if path.is_dir() {
        progress.step("listing what npm would publish");
        (read_directory(path)?, None)
    } else {
        progress.step("reading");
        let read_error = |source| CliError::Read {
            path: name.clone(),
            source,
        };
        // A pipe (`-`, `<(curl …)`) cannot be measured or rewound: it is read whole first.
        if keep_input || !path.is_file() {
            let bytes = read_input(path).map_err(read_error)?;
            progress.unpacking(bytes.len() as u64);
            let archive =
                Archive::read_streaming(&bytes, |n| progress.at(n), |p| scanner.advance(p));
            (archive, keep_input.then_some(bytes))
        } else {
            // Read as it decompresses: no waiting for the whole file first.
            let file = std::fs::File::open(path).map_err(read_error)?;
            progress.unpacking(file.metadata().map_err(read_error)?.len());
            let archive =
                Archive::read_file_streaming(file, |n| progress.at(n), |p| scanner.advance(p))
                    .map_err(read_error)?;
            (archive, None)
        }
    };
    if archive.entries().is_empty() {
        let message = archive
            .error
            .as_ref()
            .map_or_else(|| "it holds no files".into(), ToString::to_string);
        return Err(CliError::Input {
            path: name,
            message,
        });
    }
    if let Some(e) = &archive.error {
        let _ = writeln!(anstream::stderr(), "leakscope: warning: {name}: {e}");
    }
    progress.step(&format!(
        "scanning {} files",
        count(archive.entries().len() as u64)
    ));
    Ok(Opened {
        name,
        archive,
        scanner,
        input,
        progress,
    })
}

fn load(path: &Path, keep_input: bool) -> Result<Scanned, CliError> {
    let opened = open(path, keep_input, Purpose::Scan)?;
    let analysis = opened.scanner.finish(&opened.archive);
    opened.progress.finish();
    Ok(Scanned {
        name: opened.name,
        analysis,
        input: opened.input,
    })
}

/// The whole input: a file, or standard input for `-`.
fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// The files `npm pack` would put in the tarball, read from the directory.
fn read_directory(dir: &Path) -> Result<Archive, CliError> {
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
    Ok(Archive::from_files(files))
}

fn run_scan(packages: &[PathBuf], format: Format, fail_on: Severity) -> Result<ExitCode, CliError> {
    let mut failed = false;
    let mut out = anstream::stdout();
    let mut jsons = Vec::new();
    for path in packages {
        let s = load(path, format == Format::Markdown)?;
        failed |= s.analysis.findings.iter().any(|f| f.severity >= fail_on);
        let text = match format {
            Format::Json if packages.len() > 1 => {
                jsons.push(serde_json::to_value(Report::new(&s.analysis)).expect("plain data"));
                continue;
            }
            Format::Json => Report::new(&s.analysis).to_json(),
            Format::Sarif => sarif(&s.analysis),
            Format::Markdown => {
                let integrity = s.input.as_deref().map(Integrity::of);
                markdown(&s.analysis, &s.name, integrity.as_ref())
            }
            Format::Text => text_report(&s),
        };
        writeln!(out, "{text}").map_err(|source| CliError::Write {
            path: "standard output".into(),
            source,
        })?;
    }
    if !jsons.is_empty() {
        // Several packages: one JSON array, so the output stays one document.
        let text = serde_json::to_string_pretty(&jsons).expect("plain data");
        writeln!(out, "{text}").map_err(|source| CliError::Write {
            path: "standard output".into(),
            source,
        })?;
    }
    Ok(ExitCode::from(u8::from(failed)))
}

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => AnsiColor::Red.on_default().bold(),
        Severity::High => AnsiColor::Red.on_default(),
        Severity::Medium => AnsiColor::Yellow.on_default(),
        Severity::Low => AnsiColor::Blue.on_default(),
        Severity::Info => AnsiColor::BrightBlack.on_default(),
    }
}

fn text_report(s: &Scanned) -> String {
    let a = &s.analysis;
    let level = a.verdict.level;
    let style = match level {
        crate::finding::Level::Clean => AnsiColor::Green.on_default().bold(),
        crate::finding::Level::Low => severity_style(Severity::Low).bold(),
        crate::finding::Level::Medium => severity_style(Severity::Medium).bold(),
        crate::finding::Level::High => severity_style(Severity::High).bold(),
        crate::finding::Level::Critical => severity_style(Severity::Critical),
    };
    let mut out = format!(
        "{}{}{} {}\n  {}\n",
        style.render(),
        level.as_str().to_uppercase(),
        style.render_reset(),
        clean(&s.name),
        clean(&a.verdict.summary)
    );
    for severity in Severity::ALL {
        let at: Vec<Finding> = a
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .cloned()
            .collect();
        if at.is_empty() {
            continue;
        }
        let st = severity_style(severity);
        out.push_str(&format!(
            "\n{}{} ({}){}\n",
            st.render(),
            severity.as_str().to_uppercase(),
            at.len(),
            st.render_reset()
        ));
        for group in group_findings(&at) {
            if group.findings.len() < GROUP_AT {
                for f in &group.findings {
                    out.push_str(&format!(
                        "  {}\n    {}\n    → {}\n",
                        clean(&f.location()),
                        clean(&f.message),
                        clean(&f.remedy)
                    ));
                }
                continue;
            }
            // Many of one rule: once, with the files listed briefly.
            let first = group.findings[0];
            let others: Vec<String> = group.findings[1..]
                .iter()
                .take(4)
                .map(|f| clean(&f.location()))
                .collect();
            let rest = group.findings.len() - 1 - others.len();
            out.push_str(&format!(
                "  {} files ({}), e.g. {}\n    {}\n    → {}\n    also {}{}\n",
                group.findings.len(),
                group.rule,
                clean(&first.location()),
                clean(&first.message),
                clean(&first.remedy),
                others.join(", "),
                if rest > 0 {
                    format!(" and {rest} more (--format json lists all)")
                } else {
                    String::new()
                }
            ));
        }
    }
    out.push_str(&format!(
        "\n{} files ({}), {} source maps, {} recovered sources ({})",
        count(a.files as u64),
        size(a.unpacked_bytes),
        count(a.source_maps.len() as u64),
        count(a.recovered.len() as u64),
        size(a.recovered.bytes())
    ));
    out
}

/// Package text (file names, messages quoting them) with control characters made visible,
/// so that a hostile file name cannot drive the terminal.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

/// Writer threads for `extract`; beyond 4 this disk gained nothing.
const WRITERS: usize = 4;

fn run_extract(package: &Path, output: &Path) -> Result<ExitCode, CliError> {
    // Only the maps matter here; the rest of the scan would be wasted work.
    let opened = open(package, false, Purpose::Extract)?;
    let recovered = opened.scanner.maps(&opened.archive).recovered;
    drop(opened.archive);
    opened.progress.finish();
    let write_error = |path: &Path, source| CliError::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(output).map_err(|e| write_error(output, e))?;
    let root = output.canonicalize().map_err(|e| write_error(output, e))?;
    // Several writers: most of the time goes to the file system, not the CPU.
    let files = recovered.files();
    let write_all = |part: &[crate::recover::RecoveredSource]| {
        let mut skipped = Vec::new();
        let mut checked = HashSet::new();
        for source in part {
            let path = source.export_path();
            if let Err(e) = write_inside(&root, path, source.content.as_bytes(), &mut checked) {
                skipped.push((format!("{path}: {e}"), source.content.len() as u64));
            }
        }
        skipped
    };
    let mut skipped: Vec<(String, u64)> = std::thread::scope(|s| {
        let writers: Vec<_> = files
            .chunks(files.len().div_ceil(WRITERS).max(1))
            .map(|part| s.spawn(move || write_all(part)))
            .collect();
        writers
            .into_iter()
            .flat_map(|w| w.join().expect("a writer thread does not panic"))
            .collect()
    });
    skipped.sort();
    let mut err = anstream::stderr();
    for (why, _) in &skipped {
        let _ = writeln!(err, "leakscope: skipped {why}");
    }
    let skipped_bytes: u64 = skipped.iter().map(|(_, b)| b).sum();
    println!(
        "{} recovered source files ({}) written to {}{}",
        count((files.len() - skipped.len()) as u64),
        size(recovered.bytes() - skipped_bytes),
        output.display(),
        if skipped.is_empty() {
            String::new()
        } else {
            format!("; {} skipped", skipped.len())
        }
    );
    Ok(ExitCode::SUCCESS)
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
        match std::fs::create_dir(&at) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if !std::fs::symlink_metadata(&at)?.file_type().is_dir() {
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
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&at)
    };
    let mut file = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if !std::fs::symlink_metadata(&at)?.file_type().is_file() {
                return refuse("a symlink or folder is in the way");
            }
            std::fs::remove_file(&at)?;
            create()?
        }
        other => other?,
    };
    file.write_all(data)
}

/// Progress on stderr, only when it is a terminal and the package is large: a bar while
/// the tarball is unpacked, a spinner with the step name otherwise.
struct Progress(Option<indicatif::ProgressBar>);

/// Below this, reading and scanning take well under a second: no bar.
const LARGE_INPUT: u64 = 4 << 20;

impl Progress {
    fn new() -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Progress(Some(bar))
    }

    fn step(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_style(indicatif::ProgressStyle::default_spinner());
            bar.set_message(format!("{what}…"));
        }
    }

    fn unpacking(&self, total: u64) {
        let Some(bar) = &self.0 else { return };
        if total < LARGE_INPUT {
            bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
            return;
        }
        bar.set_length(total);
        bar.set_position(0);
        let style = indicatif::ProgressStyle::with_template(
            "unpacking {bar:30} {binary_bytes}/{binary_total_bytes} {eta}",
        )
        .expect("a valid template");
        bar.set_style(style);
    }

    fn at(&self, consumed: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(consumed);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
