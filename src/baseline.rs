//! Baselines: findings a team has looked at and accepts, so that a release gate fails only
//! on what is new. Each accepted finding is keyed by its rule, its path (and the recovered
//! source it is in) and a hash of its evidence: never a line number, which moves with
//! every edit, and never the evidence itself, which may be a secret. So a new secret in an
//! accepted file is still new, and an entry that matches nothing any more is stale.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::session::Session;

/// The file `--write-baseline` writes and `--baseline` reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// What wrote it, and how to read it: `leakscope-baseline/1`.
    pub format: String,
    pub accepted: Vec<Accepted>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub rule: String,
    /// Package-relative; for a finding inside a recovered source, `MAP -> SOURCE`.
    pub path: String,
    /// The first 16 hex digits of SHA-256 over the rule, the path and the evidence's bytes
    /// (empty evidence for a finding about a file as a whole).
    pub evidence: String,
    /// Why it is accepted: for the person who writes the baseline to fill in.
    #[serde(default)]
    pub reason: String,
}

/// The format this version writes and reads.
pub const FORMAT: &str = "leakscope-baseline/1";

/// A session's findings, judged against a baseline.
#[derive(Debug, Default)]
pub struct Judged<'a> {
    /// Findings the baseline does not accept: the ones that count.
    pub new: Vec<&'a Finding>,
    pub accepted: Vec<&'a Finding>,
    /// Entries that match no finding any more.
    pub stale: Vec<Accepted>,
}

impl Baseline {
    /// Every finding of `session`, accepted, with an empty reason.
    pub fn of(session: &Session) -> Baseline {
        let mut accepted: Vec<Accepted> = session
            .analysis
            .findings
            .iter()
            .map(|f| key(session, f))
            .collect();
        accepted.dedup();
        Baseline {
            format: FORMAT.to_string(),
            accepted,
        }
    }

    /// Reads a baseline file's text; a message saying what is wrong otherwise.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if baseline.format != FORMAT {
            return Err(format!(
                "it is \"{}\", and this version of Leakscope reads \"{FORMAT}\"",
                baseline.format
            ));
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data")
    }

    /// Which findings of `session` this accepts, which are new, and which entries are stale.
    pub fn judge<'a>(&self, session: &'a Session) -> Judged<'a> {
        let mut used = vec![false; self.accepted.len()];
        let mut judged = Judged::default();
        for f in &session.analysis.findings {
            let k = key(session, f);
            let hit = self.accepted.iter().position(|a| {
                (a.rule.as_str(), a.path.as_str(), a.evidence.as_str())
                    == (k.rule.as_str(), k.path.as_str(), k.evidence.as_str())
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    judged.accepted.push(f);
                }
                None => judged.new.push(f),
            }
        }
        judged.stale = self
            .accepted
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(a, _)| a.clone())
            .collect();
        judged
    }
}

/// A finding's identity across versions and moved lines: its baseline key's hash (what
/// SARIF calls a partial fingerprint).
pub fn fingerprint(session: &Session, f: &Finding) -> String {
    key(session, f).evidence
}

/// A finding's key: rule, path, and the hash of its evidence.
fn key(session: &Session, f: &Finding) -> Accepted {
    let rule = f.rule.to_string();
    use crate::tree::Tab;
    // The evidence is where the finding's span is: in the file, or in the recovered source.
    let (path, tab, file, span) = match &f.source {
        Some(s) => (
            format!("{} -> {}", f.path, s.path),
            Tab::Recovered,
            &s.path,
            s.span,
        ),
        None => (f.path.clone(), Tab::Files, &f.path, f.span),
    };
    let text = span.and(session.bytes(tab, file));
    let evidence = span
        .zip(text.as_deref())
        .and_then(|(s, t)| t.get(s.start as usize..s.end as usize))
        .unwrap_or_default();
    let mut hash = Sha256::new();
    for part in [rule.as_bytes(), path.as_bytes(), evidence] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    let evidence = hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Accepted {
        rule,
        path,
        evidence,
        reason: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(files: &[(&str, &[u8])]) -> Session {
        crate::session::of_files(files, None)
    }

    fn token(seed: u64) -> String {
        crate::scan::secrets::sample("github-pat", seed).expect("a sample")
    }

    #[test]
    fn accepted_findings_stay_accepted_when_lines_move_and_new_secrets_are_new() {
        let one = format!("const t = \"{}\";\n", token(1));
        let before = session(&[("lib/a.js", one.as_bytes())]);
        let baseline = Baseline::parse(&Baseline::of(&before).to_json()).unwrap();
        assert!(!baseline.accepted.is_empty());
        let text = baseline.to_json();
        assert!(
            !text.contains(&token(1)),
            "the secret is never written: {text}"
        );
        // The same secret, ten lines down: still accepted.
        let moved = format!("{}{one}", "\n".repeat(10));
        let after = session(&[("lib/a.js", moved.as_bytes())]);
        let judged = baseline.judge(&after);
        assert!(judged.new.is_empty(), "{:?}", judged.new);
        assert!(judged.stale.is_empty());
        // A second secret in the accepted file is new; the first is still accepted.
        let two = format!("{one}const u = \"{}\";\n", token(2));
        let after = session(&[("lib/a.js", two.as_bytes())]);
        let judged = baseline.judge(&after);
        assert_eq!(judged.new.len(), 1, "{:?}", judged.new);
        assert_eq!(judged.accepted.len(), baseline.accepted.len());
        // The secret removed: its entry is stale.
        let after = session(&[("lib/a.js", b"const t = process.env.T;\n")]);
        let judged = baseline.judge(&after);
        assert_eq!(judged.stale.len(), baseline.accepted.len());
    }

    #[test]
    fn a_baseline_of_another_format_is_refused() {
        let err = Baseline::parse(r#"{"format":"gitleaks","accepted":[]}"#).unwrap_err();
        assert!(err.contains("leakscope-baseline/1"), "{err}");
        assert!(Baseline::parse("not json").is_err());
    }
}
