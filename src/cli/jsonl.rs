//! `scan --format jsonl`: one JSON report per line, per input, in input order, for audits
//! over many packages. Inputs are scanned on every core; each line is written as soon as
//! the ones before it are, so the output streams. An input that cannot be scanned is a line
//! `{"input": …, "error": …}` and the others go on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use leakscope::report::Report;
use leakscope::verdict::Level;
use leakscope::{Session, Severity};

use crate::baseline::Gate;
use crate::{CliError, json_out, write_out};

/// Scans `packages` with `open`, writing a line each; returns the worst exit code (2 for an
/// input that failed or, unless allowed, was incomplete; 1 for a finding that fails the
/// gate).
pub fn run(
    packages: &[PathBuf],
    fail_on: Option<Severity>,
    allow_incomplete: bool,
    gate: &Gate,
    open: impl Fn(&PathBuf) -> Result<Session, CliError> + Sync,
) -> Result<u8, CliError> {
    let next = AtomicUsize::new(0);
    let workers = crate::sys::parallelism().min(packages.len().max(1));
    if workers == 1 {
        // One core, or Node's one thread: each line written as soon as it is known.
        let mut out = crate::sys::stdout();
        let mut worst = 0;
        for path in packages {
            let (line, code) = line(path, open(path), fail_on, allow_incomplete, gate);
            worst = worst.max(code);
            write_out(&mut out, &json_out(&line))?;
        }
        return Ok(worst);
    }
    let (done, results) = mpsc::channel::<(usize, String, u8)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (done, next, open) = (done.clone(), &next, &open);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = packages.get(i) else { break };
                    let (line, code) = line(path, open(path), fail_on, allow_incomplete, gate);
                    if done.send((i, line, code)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        write_in_order(results)
    })
}

/// One input's line and exit code.
fn line(
    path: &Path,
    session: Result<Session, CliError>,
    fail_on: Option<Severity>,
    allow_incomplete: bool,
    gate: &Gate,
) -> (String, u8) {
    match session.and_then(|s| {
        gate.judge(&s, fail_on)
            .map(|g| g.fails)
            .map(|failed| (s, failed))
    }) {
        Ok((s, failed)) => {
            let incomplete = s.verdict.level == Level::Incomplete && !allow_incomplete;
            let json = serde_json::to_string(&Report::new(&s)).expect("plain data");
            (json, if incomplete { 2 } else { u8::from(failed) })
        }
        Err(e) => {
            let json = serde_json::json!({
                "input": path.display().to_string(),
                "error": crate::fetch::scrub(&e.to_string()),
            });
            (json.to_string(), 2)
        }
    }
}

/// Writes the lines as they come, each once all those before it are written.
fn write_in_order(results: mpsc::Receiver<(usize, String, u8)>) -> Result<u8, CliError> {
    let mut out = crate::sys::stdout();
    let (mut waiting, mut next, mut worst) = (BTreeMap::new(), 0, 0u8);
    for (i, line, code) in results {
        worst = worst.max(code);
        waiting.insert(i, line);
        while let Some(line) = waiting.remove(&next) {
            write_out(&mut out, &json_out(&line))?;
            next += 1;
        }
    }
    Ok(worst)
}
