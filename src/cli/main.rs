//! The command-line shell: parses arguments, drives the core's pipeline, prints reports,
//! writes recovered sources. All judgement lives in the core; this only moves bytes and
//! text.

#![deny(unsafe_code)]

mod baseline;
mod extract;
mod fetch;
mod jsonl;
mod limits;
mod open;
mod packer;
mod progress;
mod sys;
mod text;

use std::io::Write;
use std::path::PathBuf;

use anstyle::{AnsiColor, Style};
use clap::{Parser, Subcommand, ValueEnum};

use leakscope::Severity;
use leakscope::registry::RegistryError;
use leakscope::report::{Report, markdown, sarif_of_these};
use leakscope::verdict::Level;

use open::Registry;

const EXIT_CODES: &str = "Exit codes:\n  0  no finding at or above --fail-on that --baseline does not accept\n  1  such a finding, or a stale baseline entry with --strict-baseline\n  2  a usage or input error, a registry or integrity failure, or a package that\n     could not be read to its end (unless --allow-incomplete)";

const DIFF_EXIT_CODES: &str = "Exit codes:\n  0  no finding new in NEW at or above --fail-on\n  1  a finding new in NEW at or above --fail-on\n  2  a usage or input error, a registry or integrity failure, or a package that\n     could not be read to its end (unless --allow-incomplete)";

const PKG_HELP: &str = "A .tgz, .tar.gz or .tar file, `-` for standard input, a directory with a package.json \
(scans exactly what its package manager would publish: `npm pack`, or pnpm's or Bun's when the project uses them; needs npm), or a published version: `name`, `name@1.2.3`, \
`@scope/name@latest`, `name@^1.2`, or a registry tarball URL (fetched from the registry and verified \
against its integrity first); a Python release as `pypi:name==1.2.3` or a wheel's URL (verified against \
the sha256 PyPI lists). Besides npm tarballs it reads wheels, .vsix, .crx, .xpi, .jar/.war/.ear and \
.zip files, told apart by their bytes. A path that exists always wins over a name.";

/// How `scan` and `diff` report, and what decides their exit code.
#[derive(clap::Args)]
struct ReportArgs {
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Exit 1 when a finding of this severity or worse exists (for `diff`: a finding new
    /// in NEW) [default: the package policy's failOn, else high].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<Severity>,
    /// Judge a package that could not be read to its end by what was read (exit 0 or 1),
    /// instead of exiting 2.
    #[arg(long)]
    allow_incomplete: bool,
}

/// Findings accepted before: a release gate that fails only on what is new.
#[derive(clap::Args)]
struct BaselineArgs {
    /// Accept the findings listed in FILE (written by --write-baseline): only the others
    /// count for the exit code. Entries are keyed by rule, path and a hash of the evidence,
    /// so a new secret in an accepted file is still new.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Exit 1 when the baseline has entries that match no finding any more.
    #[arg(long, requires = "baseline")]
    strict_baseline: bool,
    /// Write every finding to FILE as accepted (keeping the reasons of entries already in
    /// it), then exit 0 unless the package could not be read.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

/// Where packages named by name are fetched from.
#[derive(clap::Args)]
struct RegistryArgs {
    /// The registry for packages given by name (default: npm's settings, from
    /// npm_config_registry, the project's .npmrc and ~/.npmrc, else https://registry.npmjs.org/).
    #[arg(long, value_name = "URL")]
    registry: Option<String>,
    /// The Python package index for `pypi:NAME==VERSION` and wheel URLs: one that serves
    /// PyPI's JSON API (default: https://pypi.org/).
    #[arg(long, value_name = "URL")]
    pypi: Option<String>,
}

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
        #[arg(required = true, value_name = "PKG", help = PKG_HELP)]
        packages: Vec<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        baseline: BaselineArgs,
        #[command(flatten)]
        registry: RegistryArgs,
        #[command(flatten)]
        limits: limits::LimitArgs,
    },
    /// Write the original sources recovered from the package's source maps to a folder.
    #[command(
        after_help = "Exit codes:\n  0  written\n  2  a usage or input error, or a registry or integrity failure"
    )]
    Extract {
        #[arg(value_name = "PKG", help = PKG_HELP)]
        package: PathBuf,
        /// Folder to write into (created if missing). Nothing is ever written outside it.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Only the package's own sources, not those of bundled dependencies.
        #[arg(long)]
        own_only: bool,
        #[command(flatten)]
        registry: RegistryArgs,
        #[command(flatten)]
        limits: limits::LimitArgs,
    },
    /// Compare two packages (files or published versions): files added, removed and
    /// changed, findings new in NEW first, findings gone.
    #[command(after_help = DIFF_EXIT_CODES)]
    Diff {
        /// The package before: a file, folder or published version, as for `scan`.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The package after.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        registry: RegistryArgs,
        #[command(flatten)]
        limits: limits::LimitArgs,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
    Sarif,
    Markdown,
    /// One JSON report per line, per input, in input order; an input that fails is an
    /// `{"input", "error"}` line and the rest go on. Inputs are scanned on every core.
    Jsonl,
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
    #[error("`{command}` failed in {path}: {message}")]
    Pack {
        command: String,
        path: String,
        message: String,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Registry(#[from] RegistryError),
    #[error("{arg}: there is no such file, and it is not a package name either: {why}")]
    NeitherFileNorName { arg: String, why: String },
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(run(std::env::args_os()))
}

// In the npm package, npm/cli.js calls `run_cli` with the arguments.
#[cfg(target_arch = "wasm32")]
fn main() {}

/// The whole command: arguments in, the exit code out.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
pub fn run_cli(args: Vec<String>) -> u8 {
    run(args)
}

fn run<T: Into<std::ffi::OsString> + Clone>(args: impl IntoIterator<Item = T>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        // --help, --version and usage errors, written where clap would write them.
        Err(e) => {
            let text = e.render().ansi().to_string();
            let _ = if e.use_stderr() {
                write!(sys::stderr(), "{text}")
            } else {
                write!(sys::stdout(), "{text}")
            };
            return e.exit_code() as u8;
        }
    };
    let result = match cli.command {
        Command::Scan {
            packages,
            report,
            baseline,
            registry,
            limits,
        } => run_scan(
            &packages,
            &report,
            &baseline,
            &Registry::new(registry.registry, registry.pypi),
            limits.limits(),
        ),
        Command::Extract {
            package,
            output,
            own_only,
            registry,
            limits,
        } => extract::run(
            &package,
            &output,
            own_only,
            &Registry::new(registry.registry, registry.pypi),
            limits.limits(),
        ),
        Command::Diff {
            old,
            new,
            report,
            registry,
            limits,
        } => run_diff(
            [&old, &new],
            &report,
            &Registry::new(registry.registry, registry.pypi),
            limits.limits(),
        ),
    };
    match result {
        Ok(code) => code,
        // Whoever read the output stopped (`leakscope scan … | head`): nothing is wrong, as
        // for `cat` and `bat`.
        Err(CliError::Write { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(
                sys::stderr(),
                "{}leakscope:{} {}",
                RED.render(),
                RED.render_reset(),
                fetch::scrub(&leakscope::text::without_controls(&e.to_string()))
            );
            2
        }
    }
}

const RED: Style = AnsiColor::Red.on_default().bold();

fn run_scan(
    packages: &[PathBuf],
    &ReportArgs {
        format,
        fail_on,
        allow_incomplete,
    }: &ReportArgs,
    baseline_args: &BaselineArgs,
    registry: &Registry,
    limits: leakscope::limits::Limits,
) -> Result<u8, CliError> {
    let mut failed = false;
    let mut incomplete = false;
    let mut out = sys::stdout();
    let mut jsons = Vec::new();
    let digests = matches!(
        format,
        OutputFormat::Json | OutputFormat::Markdown | OutputFormat::Jsonl
    );
    let gate = baseline::Gate::new(baseline_args)?;
    if format == OutputFormat::Jsonl {
        let code = jsonl::run(packages, fail_on, allow_incomplete, &gate, |path| {
            open::session(path, digests, registry, limits)
        })?;
        return Ok(code.max(u8::from(gate.finish())));
    }
    let mut written = Vec::new();
    for path in packages {
        let s = open::session(path, digests, registry, limits)?;
        let gated = gate.judge(&s, fail_on)?;
        failed |= gated.fails;
        if baseline_args.write_baseline.is_some() {
            written.extend(leakscope::baseline::Baseline::of(&s).accepted);
        }
        incomplete |= s.verdict.level == Level::Incomplete;
        let text = match format {
            OutputFormat::Json if packages.len() > 1 => {
                jsons.push(serde_json::to_value(Report::new(&s)).expect("plain data"));
                continue;
            }
            OutputFormat::Json => json_out(&Report::new(&s).to_json()),
            // What the gate still counts: code scanning ignores SARIF's suppressions.
            OutputFormat::Sarif => json_out(&sarif_of_these(&s, &gated.counted)),
            OutputFormat::Markdown => markdown(&s),
            OutputFormat::Text | OutputFormat::Jsonl => text::report(&s),
        };
        write_out(&mut out, &text)?;
    }
    if !jsons.is_empty() {
        // Several packages: one JSON array, so the output stays one document.
        write_out(
            &mut out,
            &json_out(&serde_json::to_string_pretty(&jsons).expect("plain data")),
        )?;
    }
    if let Some(file) = &baseline_args.write_baseline {
        baseline::write(file, written)?;
        failed = false;
    }
    failed |= gate.finish();
    Ok(if incomplete && !allow_incomplete {
        2
    } else {
        u8::from(failed)
    })
}

fn run_diff(
    [old, new]: [&PathBuf; 2],
    &ReportArgs {
        format,
        fail_on,
        allow_incomplete,
    }: &ReportArgs,
    registry: &Registry,
    limits: leakscope::limits::Limits,
) -> Result<u8, CliError> {
    let old_session = open::session(old, true, registry, limits)?;
    let new_session = open::session(new, true, registry, limits)?;
    let incomplete = [&old_session, &new_session]
        .iter()
        .any(|s| s.verdict.level == Level::Incomplete);
    let c = leakscope::diff::compare(&old_session, &new_session);
    let fail_on = fail_on.unwrap_or(Severity::High);
    let text = match format {
        OutputFormat::Json | OutputFormat::Jsonl => json_out(&c.to_json()),
        OutputFormat::Markdown => c.markdown(),
        OutputFormat::Sarif => json_out(&c.sarif()),
        OutputFormat::Text => text::comparison(&c),
    };
    write_out(&mut sys::stdout(), &text)?;
    Ok(if incomplete && !allow_incomplete {
        2
    } else {
        u8::from(c.fails(fail_on))
    })
}

/// JSON for standard output: names from the package keep their meaning, but no character
/// of theirs can drive a terminal.
fn json_out(json: &str) -> String {
    leakscope::text::json_without_controls(json)
}

fn write_out(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    writeln!(out, "{text}").map_err(|source| CliError::Write {
        path: "standard output".into(),
        source,
    })
}
