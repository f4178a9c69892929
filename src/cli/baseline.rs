//! What fails `scan`: findings at or above `--fail-on` that neither the package's declared
//! policy (`leakscope::declared`) allows nor `--baseline` accepts, and breaches of the
//! policy; `--baseline`, `--strict-baseline` and `--write-baseline` and their files. What
//! is allowed and accepted is the core's; this reads files and says why on standard error.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use leakscope::baseline::{Accepted, Baseline, FORMAT};
use leakscope::declared::Policy;
use leakscope::{Finding, Session, Severity};

use crate::{BaselineArgs, CliError};

/// A package as the gate sees it.
pub struct Gated<'a> {
    pub fails: bool,
    /// Its findings that neither its policy allows nor the baseline accepts.
    pub counted: Vec<&'a Finding>,
}

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

    /// Whether `session` fails: a finding at or above `fail_on` (else the policy's
    /// `failOn`, else high) that its policy does not allow and the baseline does not accept,
    /// or a breach of its policy. Says why on standard error; an error for a policy that
    /// cannot be read.
    /// Also the findings that still count (neither allowed nor accepted), whatever their
    /// severity.
    pub fn judge<'a>(
        &self,
        session: &'a Session,
        fail_on: Option<Severity>,
    ) -> Result<Gated<'a>, CliError> {
        let policy = Policy::of(session).map_err(|message| CliError::Input {
            path: session.input.name.clone(),
            message,
        })?;
        let fail_on = fail_on
            .or(policy.as_ref().and_then(|p| p.fail_on))
            .unwrap_or(Severity::High);
        // What the policy does not allow, then of that what the baseline does not accept.
        let (not_allowed, breaches) = match policy.as_ref().map(|p| p.judge(session)) {
            Some(c) => (c.others, c.breaches),
            None => (session.analysis.findings.iter().collect(), Vec::new()),
        };
        let judged = self.baseline.as_ref().map(|(_, b)| b.judge(session));
        let accepted: HashSet<*const Finding> = judged
            .iter()
            .flat_map(|j| j.accepted.iter().map(|&f| f as *const Finding))
            .collect();
        let counted: Vec<&Finding> = not_allowed
            .into_iter()
            .filter(|&f| !accepted.contains(&(f as *const Finding)))
            .collect();
        let failing = counted.iter().filter(|f| f.severity >= fail_on).count();
        if let (Some((path, _)), Some(judged)) = (&self.baseline, &judged) {
            self.unmatched
                .lock()
                .expect("not poisoned")
                .retain(|a| judged.stale.contains(a));
            say(&format!(
                "baseline {}: {} accepted, {failing} new at {} or above",
                path.display(),
                judged.accepted.len(),
                fail_on.as_str()
            ));
        }
        for b in &breaches {
            say(&format!(
                "policy: {}: {}, against {}",
                b.path, b.message, b.policy_line
            ));
        }
        Ok(Gated {
            fails: failing > 0 || !breaches.is_empty(),
            counted,
        })
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
    crate::sys::write(file, (baseline.to_json() + "\n").as_bytes()).map_err(|source| {
        CliError::Write {
            path: file.display().to_string(),
            source,
        }
    })?;
    say(&format!(
        "baseline {}: {} findings written as accepted",
        file.display(),
        baseline.accepted.len()
    ));
    Ok(())
}

fn read(path: &Path) -> Result<Baseline, CliError> {
    let text = crate::sys::read_to_string(path).map_err(|source| CliError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Baseline::parse(&text).map_err(|message| CliError::Input {
        path: path.display().to_string(),
        message: format!("not a Leakscope baseline: {message}"),
    })
}

fn say(line: &str) {
    let _ = writeln!(crate::sys::stderr(), "leakscope: {line}");
}
