//! A package's declared policy: what it intends to ship, so that a release gate judges it
//! against that rather than a ban. A `leakscope` key in its `package.json` (or a
//! `.leakscope.json` beside it) says whether source maps may, must not, or must ship,
//! whether they may embed `sourcesContent`, which files may ship despite a rule, and the
//! `--fail-on` level. Each failure names the line of the policy it breaks.
//!
//! ```json
//! "leakscope": {
//!   "maps": "allow",            // "allow" | "forbid" | "require"
//!   "sourcesContent": "forbid", // "allow" | "forbid"
//!   "allow": ["docs/**"],       // globs of files that may ship despite a rule
//!   "failOn": "high"
//! }
//! ```

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::finding::{Finding, RuleId, Severity};
use crate::scan::references::RefKind;
use crate::session::Session;

/// What the policy says about one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Allow,
    Forbid,
    /// Maps must ship: a `sourceMappingURL` to a map the package lacks breaks it.
    Require,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Wire {
    maps: Option<Stance>,
    sources_content: Option<Stance>,
    #[serde(default)]
    allow: Vec<String>,
    fail_on: Option<String>,
}

/// A policy as read, with where each of its settings is written.
#[derive(Debug)]
pub struct Policy {
    pub maps: Option<Stance>,
    pub sources_content: Option<Stance>,
    allow: Vec<String>,
    globs: GlobSet,
    pub fail_on: Option<Severity>,
    /// The file it is in (`package.json`, `.leakscope.json`) and its text, for line numbers.
    file: String,
    text: String,
}

/// One way the package breaks its policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub path: String,
    pub message: String,
    /// `package.json:7: "maps": "forbid"`.
    pub policy_line: String,
}

/// How a package conforms to its policy.
#[derive(Debug, Default)]
pub struct Conformance<'a> {
    /// Findings the policy allows (by a glob, or maps and their contents it allows).
    pub allowed: Vec<&'a Finding>,
    /// The other findings: judged by `--fail-on` as without a policy.
    pub others: Vec<&'a Finding>,
    pub breaches: Vec<Breach>,
}

impl Policy {
    /// The policy of the package in `session`: the `leakscope` key of its `package.json`,
    /// else its `.leakscope.json`; `Ok(None)` when it declares none; an error naming the
    /// file when one is there and wrong.
    pub fn of(session: &Session) -> Result<Option<Policy>, String> {
        let text = |path: &str| {
            let bytes = session.bytes(crate::tree::Tab::Files, path)?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        };
        if let Some(json) = text("package.json")
            && let Ok(value) = serde_json::from_str::<serde_json::Value>(&json)
            && let Some(policy) = value.get("leakscope")
        {
            return Policy::parse("package.json", policy.clone(), json).map(Some);
        }
        match text(".leakscope.json") {
            Some(json) => {
                let value = serde_json::from_str(&json)
                    .map_err(|e| format!(".leakscope.json is not JSON: {e}"))?;
                Policy::parse(".leakscope.json", value, json).map(Some)
            }
            None => Ok(None),
        }
    }

    fn parse(file: &str, value: serde_json::Value, text: String) -> Result<Policy, String> {
        let wire: Wire = serde_json::from_value(value)
            .map_err(|e| format!("the Leakscope policy in {file}: {e}"))?;
        if wire.sources_content == Some(Stance::Require) {
            return Err(format!(
                "the Leakscope policy in {file}: \"sourcesContent\" is \"allow\" or \"forbid\""
            ));
        }
        let fail_on = match &wire.fail_on {
            Some(level) => Some(severity(level).ok_or_else(|| {
                format!("the Leakscope policy in {file}: \"failOn\" is critical, high, medium, low or info, not \"{level}\"")
            })?),
            None => None,
        };
        let mut globs = GlobSetBuilder::new();
        for g in &wire.allow {
            globs.add(Glob::new(g).map_err(|e| format!("the Leakscope policy in {file}: {e}"))?);
        }
        Ok(Policy {
            maps: wire.maps,
            sources_content: wire.sources_content,
            allow: wire.allow,
            globs: globs.build().map_err(|e| e.to_string())?,
            fail_on,
            file: file.to_string(),
            text,
        })
    }

    /// `file:line: "key": value`, where the policy says `key`.
    fn line_of(&self, key: &str, value: &str) -> String {
        let from = if self.file == "package.json" {
            self.text.find("\"leakscope\"").unwrap_or(0)
        } else {
            0
        };
        let at = self.text[from..]
            .find(&format!("\"{key}\""))
            .map_or(from, |i| from + i);
        let line = self.text[..at].matches('\n').count() + 1;
        format!("{}:{line}: \"{key}\": {value}", self.file)
    }

    /// Which findings the policy allows, and how the package breaks it.
    pub fn judge<'a>(&self, session: &'a Session) -> Conformance<'a> {
        let mut judged = Conformance::default();
        for f in &session.analysis.findings {
            let path = f
                .source
                .as_ref()
                .map_or(f.path.as_str(), |s| s.path.as_str());
            let allowed = self.globs.is_match(&f.path)
                || self.globs.is_match(path)
                || (self.sources_content == Some(Stance::Allow) && embeds(f.rule))
                || (self.maps == Some(Stance::Allow) && f.rule == RuleId::SourcemapNoContent);
            if allowed {
                judged.allowed.push(f);
            } else {
                judged.others.push(f);
            }
        }
        judged.breaches = self.breaches(session);
        judged
    }

    fn breaches(&self, session: &Session) -> Vec<Breach> {
        let analysis = &session.analysis;
        let mut breaches = Vec::new();
        let mut breach = |path: &str, message: String, key: &str, value: &str| {
            if !self.globs.is_match(path) {
                breaches.push(Breach {
                    path: path.to_string(),
                    message,
                    policy_line: self.line_of(key, value),
                });
            }
        };
        if self.maps == Some(Stance::Forbid) {
            for m in &analysis.source_maps {
                breach(&m.path, "ships a source map".into(), "maps", "\"forbid\"");
            }
        }
        if self.sources_content == Some(Stance::Forbid) {
            for m in analysis
                .source_maps
                .iter()
                .filter(|m| m.sources_with_content > 0)
            {
                let message = format!(
                    "a source map embedding {} original sources (sourcesContent)",
                    m.sources_with_content
                );
                breach(&m.path, message, "sourcesContent", "\"forbid\"");
            }
        }
        if self.maps == Some(Stance::Require) {
            for r in analysis
                .refs
                .iter()
                .filter(|r| r.kind == RefKind::Local && !r.exists)
            {
                let message = format!("points to {}, which the package does not ship", r.target);
                breach(&r.file, message, "maps", "\"require\"");
            }
        }
        breaches
    }

    /// The globs the policy allows, as written.
    pub fn allowed_globs(&self) -> &[String] {
        &self.allow
    }
}

/// Findings about a map's embedded sources.
fn embeds(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::SourcemapEmbeddedSources | RuleId::SourcemapEmbeddedDependencies
    )
}

fn severity(level: &str) -> Option<Severity> {
    [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .into_iter()
    .find(|s| s.as_str() == level)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(package_json: &str, files: &[(&str, &[u8])]) -> Session {
        let mut all: Vec<(&str, &[u8])> = vec![("package.json", package_json.as_bytes())];
        all.extend_from_slice(files);
        crate::session::of_files(&all, None)
    }

    const MAP_WITH_SOURCES: &[u8] = br#"{"version":3,"sources":["../src/a.ts"],"sourcesContent":["export const a = 1;\n"],"names":[],"mappings":"AAAA"}"#;

    #[test]
    fn maps_allowed_but_not_their_sources_content() {
        let pkg = r#"{
  "name": "p",
  "version": "1.0.0",
  "license": "UNLICENSED",
  "leakscope": {
    "maps": "allow",
    "sourcesContent": "forbid"
  }
}"#;
        let s = session(
            pkg,
            &[
                ("dist/a.js", b"a;\n//# sourceMappingURL=a.js.map\n"),
                ("dist/a.js.map", MAP_WITH_SOURCES),
            ],
        );
        let policy = Policy::of(&s).unwrap().expect("a policy");
        let judged = policy.judge(&s);
        assert_eq!(judged.breaches.len(), 1, "{:?}", judged.breaches);
        let b = &judged.breaches[0];
        assert_eq!(b.path, "dist/a.js.map");
        assert_eq!(
            b.policy_line,
            "package.json:7: \"sourcesContent\": \"forbid\""
        );
    }

    #[test]
    fn sources_allowed_and_globs_accept_findings_and_required_maps_must_ship() {
        let pkg = r#"{"name":"p","version":"1.0.0","license":"UNLICENSED",
"leakscope":{"maps":"require","sourcesContent":"allow","allow":["fixtures/**"],"failOn":"medium"}}"#;
        let s = session(
            pkg,
            &[
                ("dist/a.js.map", MAP_WITH_SOURCES),
                ("dist/b.js", b"b;\n//# sourceMappingURL=b.js.map\n"),
                ("fixtures/.env", b"TOKEN=abc\n"),
            ],
        );
        let policy = Policy::of(&s).unwrap().unwrap();
        assert_eq!(policy.fail_on, Some(Severity::Medium));
        let judged = policy.judge(&s);
        let allowed: Vec<RuleId> = judged.allowed.iter().map(|f| f.rule).collect();
        assert!(
            allowed.contains(&RuleId::SourcemapEmbeddedSources),
            "{allowed:?}"
        );
        assert!(
            judged.allowed.iter().any(|f| f.path == "fixtures/.env"),
            "{allowed:?}"
        );
        assert!(judged.others.iter().all(|f| f.path != "fixtures/.env"));
        assert_eq!(judged.breaches.len(), 1, "{:?}", judged.breaches);
        assert_eq!(judged.breaches[0].path, "dist/b.js");
        assert!(
            judged.breaches[0]
                .policy_line
                .starts_with("package.json:2: \"maps\"")
        );
    }

    #[test]
    fn no_policy_and_wrong_ones() {
        let s = session(r#"{"name":"p","version":"1.0.0"}"#, &[]);
        assert!(Policy::of(&s).unwrap().is_none());
        for bad in [
            r#"{"leakscope":{"maps":"sometimes"}}"#,
            r#"{"leakscope":{"sourcesContent":"require"}}"#,
            r#"{"leakscope":{"failOn":"loud"}}"#,
            r#"{"leakscope":{"mapz":"allow"}}"#,
            r#"{"leakscope":{"allow":["["]}}"#,
        ] {
            let err = Policy::of(&session(bad, &[])).unwrap_err();
            assert!(err.contains("package.json"), "{bad}: {err}");
        }
        let s = crate::session::of_files(
            &[
                (".leakscope.json", br#"{"maps":"forbid"}"#),
                ("a.js.map", MAP_WITH_SOURCES),
            ],
            None,
        );
        let judged = Policy::of(&s).unwrap().unwrap().judge(&s);
        assert_eq!(
            judged.breaches[0].policy_line,
            ".leakscope.json:1: \"maps\": \"forbid\""
        );
    }
}
