//! The command-line shell: parses arguments, reads the package, prints the report.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::finding::{Level, Severity};
use crate::report::Report;

#[derive(Parser)]
#[command(
    name = "leakscope",
    version,
    about = "Does this npm package leak its source code or secrets?"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan packages (.tgz, .tar.gz, .tar, or - for stdin).
    ///
    /// Exit codes: 0 nothing at or above --fail-on, 1 a finding at or above it, 2 a usage
    /// or input error.
    Scan {
        #[arg(required = true)]
        packages: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when a finding of this severity or worse exists.
        #[arg(long, value_enum, default_value_t = FailOn::High)]
        fail_on: FailOn,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Critical => Severity::Critical,
            FailOn::High => Severity::High,
            FailOn::Medium => Severity::Medium,
            FailOn::Low => Severity::Low,
            FailOn::Info => Severity::Info,
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Scan {
            packages,
            format,
            fail_on,
        } => scan(&packages, format, fail_on.severity()),
    }
}

fn read_input(path: &PathBuf) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

fn scan(packages: &[PathBuf], format: Format, fail_on: Severity) -> ExitCode {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in packages {
        let bytes = match read_input(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("leakscope: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        };
        let analysis = crate::analyse(&bytes);
        if let Some(e) = &analysis.archive_error {
            eprintln!("leakscope: {}: {e}", path.display());
            if analysis.files == 0 {
                return ExitCode::from(2);
            }
        }
        failed |= analysis.findings.iter().any(|f| f.severity >= fail_on);
        let text = match format {
            Format::Json => Report::new(&analysis).to_json(),
            Format::Text => text_report(&path.display().to_string(), &analysis),
        };
        if writeln!(out, "{text}").is_err() {
            return ExitCode::from(2);
        }
    }
    ExitCode::from(u8::from(failed))
}

fn text_report(name: &str, a: &crate::Analysis) -> String {
    let mut s = format!(
        "{name}: {} - {}\n",
        a.verdict.level.as_str().to_uppercase(),
        a.verdict.summary
    );
    for f in a
        .findings
        .iter()
        .filter(|f| f.severity > Severity::Info || a.verdict.level == Level::Clean)
    {
        s.push_str(&format!("  [{}] {}: {}\n", f.severity, f.path, f.message));
    }
    s.push_str(&format!(
        "  {} files, {} source maps, {} recovered sources",
        a.files,
        a.source_maps.len(),
        a.recovered.len()
    ));
    s
}
