//! The command-line shell: parses arguments, drives the core's pipeline, prints reports,
//! writes recovered sources. All judgement lives in the core; this only moves bytes and
//! text.

mod extract;
mod open;
mod progress;
mod text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::{Parser, Subcommand, ValueEnum};

use leakscope::Severity;
use leakscope::finding::Level;
use leakscope::report::{Report, markdown, sarif};

const EXIT_CODES: &str = "Exit codes:\n  0  no finding at or above --fail-on\n  1  a finding at or above --fail-on\n  2  a usage or input error, or a package that could not be read to its end\n     (unless --allow-incomplete)";

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
        #[arg(long, value_enum, default_value_t = Severity::High, value_name = "SEVERITY")]
        fail_on: Severity,
        /// Judge a package that could not be read to its end by what was read (exit 0 or
        /// 1), instead of exiting 2.
        #[arg(long)]
        allow_incomplete: bool,
    },
    /// Write the original sources recovered from the package's source maps to a folder.
    #[command(after_help = "Exit codes:\n  0  written\n  2  a usage or input error")]
    Extract {
        #[arg(value_name = "PKG")]
        package: PathBuf,
        /// Folder to write into (created if missing). Nothing is ever written outside it.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Only the package's own sources, not those of bundled dependencies.
        #[arg(long)]
        own_only: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
    Markdown,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan {
            packages,
            format,
            fail_on,
            allow_incomplete,
        } => run_scan(&packages, format, fail_on, allow_incomplete),
        Command::Extract {
            package,
            output,
            own_only,
        } => extract::run(&package, &output, own_only),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                anstream::stderr(),
                "{}leakscope:{} {}",
                RED.render(),
                RED.render_reset(),
                leakscope::text::without_controls(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}

const RED: Style = AnsiColor::Red.on_default().bold();

fn run_scan(
    packages: &[PathBuf],
    format: Format,
    fail_on: Severity,
    allow_incomplete: bool,
) -> Result<ExitCode, CliError> {
    let mut failed = false;
    let mut incomplete = false;
    let mut out = anstream::stdout();
    let mut jsons = Vec::new();
    let digests = matches!(format, Format::Json | Format::Markdown);
    for path in packages {
        let s = open::session(path, digests)?;
        failed |= s.analysis.findings.iter().any(|f| f.severity >= fail_on);
        incomplete |= s.analysis.verdict.level == Level::Incomplete;
        let text = match format {
            Format::Json if packages.len() > 1 => {
                jsons.push(serde_json::to_value(Report::new(&s)).expect("plain data"));
                continue;
            }
            Format::Json => Report::new(&s).to_json(),
            Format::Sarif => sarif(&s),
            Format::Markdown => markdown(&s),
            Format::Text => text::report(&s),
        };
        write_out(&mut out, &text)?;
    }
    if !jsons.is_empty() {
        // Several packages: one JSON array, so the output stays one document.
        write_out(
            &mut out,
            &serde_json::to_string_pretty(&jsons).expect("plain data"),
        )?;
    }
    Ok(ExitCode::from(if incomplete && !allow_incomplete {
        2
    } else {
        u8::from(failed)
    }))
}

fn write_out(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    writeln!(out, "{text}").map_err(|source| CliError::Write {
        path: "standard output".into(),
        source,
    })
}
