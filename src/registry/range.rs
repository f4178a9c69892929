//! npm's version ranges (node-semver) read into the `semver` crate's requirements. The two
//! differ: a bare `1.2.3` is exact in npm and a caret in Cargo, npm separates comparators
//! with spaces and alternatives with `||`, and writes hyphen ranges (`1.2 - 1.4`). Supported:
//! exact versions, `^`, `~`, `x`/`*` wildcards and partial versions, `<`, `<=`, `>`, `>=`,
//! `=`, hyphen ranges and `||`.

use semver::{Version, VersionReq};

/// A range: any of its alternatives matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    alternatives: Vec<VersionReq>,
}

impl Range {
    /// Reads a node-semver range; the error says which part was not understood.
    pub fn parse(range: &str) -> Result<Range, String> {
        let alternatives = range
            .split("||")
            .map(|alt| {
                let cargo = to_cargo(alt.trim())?;
                VersionReq::parse(&cargo).map_err(|_| format!("\"{}\" is not a range", alt.trim()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Range { alternatives })
    }

    pub fn matches(&self, version: &Version) -> bool {
        self.alternatives.iter().any(|r| r.matches(version))
    }
}

/// One alternative (comparators separated by spaces) as a Cargo requirement.
fn to_cargo(alt: &str) -> Result<String, String> {
    if alt.is_empty() {
        return Ok("*".into());
    }
    let words: Vec<&str> = alt.split_whitespace().collect();
    // `A - B`: from A to B, both included.
    if let [low, "-", high] = words.as_slice() {
        return Ok(format!(
            ">={}, <={}",
            partial(low).ok_or_else(|| not_understood(low))?,
            partial(high).ok_or_else(|| not_understood(high))?
        ));
    }
    // An operator may stand apart from its version: `>= 1.2.3`.
    let mut comparators = Vec::new();
    let mut pending_op: Option<&str> = None;
    for word in words {
        let (op, version) = split_op(word);
        match (pending_op.take(), op, version) {
            (None, op, "") if !op.is_empty() => pending_op = Some(op),
            (Some(_), op, _) if !op.is_empty() => return Err(not_understood(word)),
            (pending, op, version) => {
                let op = pending.unwrap_or(op);
                comparators.push(comparator(op, version).ok_or_else(|| not_understood(word))?);
            }
        }
    }
    if let Some(op) = pending_op {
        return Err(not_understood(op));
    }
    Ok(comparators.join(", "))
}

fn not_understood(part: &str) -> String {
    format!("\"{part}\" is not understood")
}

fn split_op(word: &str) -> (&str, &str) {
    for op in [">=", "<=", ">", "<", "=", "^", "~>", "~"] {
        if let Some(rest) = word.strip_prefix(op) {
            return (op, rest);
        }
    }
    ("", word)
}

fn comparator(op: &str, version: &str) -> Option<String> {
    let version = partial(version)?;
    Some(match (op, version.as_str()) {
        (_, "*") if matches!(op, "" | "=" | "^" | "~" | "~>" | ">=") => "*".to_string(),
        // npm: `>*` and `<*` match nothing; there is no way to say so in Cargo.
        (_, "*") => return None,
        // npm's bare version is exact; Cargo's `=1.2` is `1.2.x`, as npm's bare `1.2` is.
        ("", v) => format!("={v}"),
        ("~>", v) => format!("~{v}"),
        (op, v) => format!("{op}{v}"),
    })
}

/// A version with wildcards dropped (`1.x.x` -> `1`, `x` -> `*`), `v` removed; `None` if it
/// is not one.
fn partial(version: &str) -> Option<String> {
    let version = version.strip_prefix(['v', 'V']).unwrap_or(version);
    // A pre-release or build tail belongs to a full version only.
    if let Ok(v) = Version::parse(version) {
        return Some(v.to_string());
    }
    let mut parts = Vec::new();
    for part in version.split('.') {
        if matches!(part, "x" | "X" | "*") {
            break;
        }
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || parts.len() == 3 {
            return None;
        }
        parts.push(part);
    }
    if version.split('.').count() > 3 {
        return None;
    }
    Some(if parts.is_empty() {
        "*".to_string()
    } else {
        parts.join(".")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(range: &str, version: &str) -> bool {
        Range::parse(range)
            .unwrap_or_else(|e| panic!("{range}: {e}"))
            .matches(&Version::parse(version).unwrap())
    }

    #[test]
    fn npm_semantics_not_cargo_semantics() {
        // A bare version is exact in npm.
        assert!(matches("1.2.3", "1.2.3"));
        assert!(!matches("1.2.3", "1.2.4"));
        assert!(matches("1.2", "1.2.9") && !matches("1.2", "1.3.0"));
        assert!(matches("1", "1.9.0") && !matches("1", "2.0.0"));
        assert!(matches("^1.2", "1.9.0") && !matches("^1.2", "2.0.0") && !matches("^1.2", "1.1.0"));
        assert!(matches("^0.2.3", "0.2.9") && !matches("^0.2.3", "0.3.0"));
        assert!(matches("~1.2.3", "1.2.9") && !matches("~1.2.3", "1.3.0"));
        assert!(matches("~>1.2", "1.2.9"));
        assert!(matches("1.x", "1.5.0") && !matches("1.x", "2.0.0"));
        assert!(matches("1.2.x", "1.2.5") && matches("1.X.x", "1.0.0"));
        assert!(matches("*", "3.0.0") && matches("x", "0.0.1") && matches("", "1.0.0"));
        assert!(matches(">=1.0.0 <2", "1.5.0") && !matches(">=1.0.0 <2", "2.0.0"));
        assert!(matches(">= 1.0.0 < 2", "1.5.0"));
        assert!(matches("^1 || ^3", "3.1.0") && !matches("^1 || ^3", "2.0.0"));
        assert!(matches("1.2.3 - 1.4", "1.4.7") && !matches("1.2.3 - 1.4", "1.5.0"));
        assert!(matches("v1.2.3", "1.2.3") && matches("=1.2.3", "1.2.3"));
    }

    #[test]
    fn pre_releases_only_when_asked_for() {
        assert!(!matches("^1.0.0", "1.1.0-beta.1"));
        assert!(matches("^1.1.0-beta.0", "1.1.0-beta.1"));
        assert!(matches("1.1.0-beta.1", "1.1.0-beta.1"));
    }

    #[test]
    fn nonsense_is_not_a_range() {
        for r in [
            "latest", "^1.2.3.4", ">>1", "1.2.3 -", "1 - ", ">", "a.b", "1.x.2.3", ">*",
        ] {
            assert!(Range::parse(r).is_err(), "{r}");
        }
    }
}
