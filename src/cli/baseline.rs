//! `--baseline`, `--strict-baseline` and `--write-baseline`: the files, and what `scan`
//! says of them on standard error. What is accepted is the core's
//! (`leakscope::baseline`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use leakscope::baseline::{Accepted, Baseline, FORMAT};
use leakscope::{Session, Severity};

use crate::{BaselineArgs, CliError};

/// The baseline a scan is judged against, if any, and the entries no package matched yet.
pub struct Gate {
    baseline: Option<(PathBuf, Baseline)>,
    strict: bool,
    unmatched: Mutex<Vec<Accepted>>,
}

impl Gate {
    pub fn new(args: &BaselineArgs) -> Result<Gate, CliError> {
        let baseline = match &args.baseline {
            Some(path) => Some((path.clone(), read(path)?)),
            None => None,
        };
        let unmatched = baseline
            .as_ref()
            .map(|(_, b)| b.accepted.clone())
            .unwrap_or_default();
        Ok(Gate {
            baseline,
            strict: args.strict_baseline,
            unmatched: Mutex::new(unmatched),
        })
    }

    /// Whether `session` has a finding at or above `fail_on` that the baseline does not
    /// accept; says how many it accepted.
    pub fn fails(&self, session: &Session, fail_on: Severity) -> bool {
        let Some((path, baseline)) = &self.baseline else {
            return session
                .analysis
                .findings
                .iter()
                .any(|f| f.severity >= fail_on);
        };
        let judged = baseline.judge(session);
        self.unmatched
            .lock()
            .expect("not poisoned")
            .retain(|a| judged.stale.contains(a));
        let failing = judged.new.iter().filter(|f| f.severity >= fail_on).count();
        say(&format!(
            "baseline {}: {} accepted, {} new at {} or above",
            path.display(),
            judged.accepted.len(),
            failing,
            fail_on.as_str()
        ));
        failing > 0
    }

    /// Says which entries matched no package; true when that fails the scan.
    pub fn finish(&self) -> bool {
        let Some((path, _)) = &self.baseline else {
            return false;
        };
        let stale = self.unmatched.lock().expect("not poisoned");
        for a in stale.iter() {
            say(&format!(
                "baseline {}: stale entry, no finding matches it: {} {}",
                path.display(),
                a.rule,
                a.path
            ));
        }
        self.strict && !stale.is_empty()
    }
}

/// Writes the accepted findings to `file`, keeping the reason of each entry already there.
pub fn write(file: &Path, mut accepted: Vec<Accepted>) -> Result<(), CliError> {
    let before = read(file).ok();
    accepted.dedup();
    for a in &mut accepted {
        if let Some(old) = before
            .iter()
            .flat_map(|b| &b.accepted)
            .find(|o| (&o.rule, &o.path, &o.evidence) == (&a.rule, &a.path, &a.evidence))
        {
            a.reason = old.reason.clone();
        }
    }
    let baseline = Baseline {
        format: FORMAT.to_string(),
        accepted,
    };
    std::fs::write(file, baseline.to_json() + "\n").map_err(|source| CliError::Write {
        path: file.display().to_string(),
        source,
    })?;
    say(&format!(
        "baseline {}: {} findings written as accepted",
        file.display(),
        baseline.accepted.len()
    ));
    Ok(())
}

fn read(path: &Path) -> Result<Baseline, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Baseline::parse(&text).map_err(|message| CliError::Input {
        path: path.display().to_string(),
        message: format!("not a Leakscope baseline: {message}"),
    })
}

fn say(line: &str) {
    let _ = writeln!(anstream::stderr(), "leakscope: {line}");
}
